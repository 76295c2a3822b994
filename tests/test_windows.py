"""The states of registration and CfP windows and the countdown to their closing and to
deadlines (``windows.py``), with properties of the day counting across zones: AoE (UTC-12),
UTC+14 and changes of daylight saving time."""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_iassist import labels
from sphinx_iassist.dates.windows import (
    Countdown,
    WindowState,
    countdown_at,
    countdown_on,
    state_at,
    state_on,
    today_in,
)
from sphinx_iassist.model import Moment, Window
from sphinx_iassist.readers.windows import moment
from sphinx_iassist.values import zone_info

AOE = "Etc/GMT+12"  # what the data's "AoE" is read as: UTC-12 all year
ZONES = [
    AOE,
    "Pacific/Kiritimati",  # UTC+14
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour change of daylight saving time
    "UTC",
]
LOCALE = Path(__file__).parent.parent / "src" / "sphinx_iassist" / "locale"


def day(value: date, zone: str, *, end: bool) -> Moment:
    return moment(value, "closes", zone, end_of_day=end)


def at(value: datetime, zone: str) -> Moment:
    return Moment(at=value, given=value, zone=zone)


REGISTRATION = Window(
    url="https://example.org/register",
    opens=day(date(2027, 1, 10), "Europe/Berlin", end=False),
    closes=day(date(2027, 3, 1), "Europe/Berlin", end=True),
)


# -- states ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2027, 1, 9), WindowState.UPCOMING),
        (date(2027, 1, 10), WindowState.OPEN),  # its opening day
        (date(2027, 2, 20), WindowState.OPEN),
        (date(2027, 3, 1), WindowState.OPEN),  # its last day
        (date(2027, 3, 2), WindowState.CLOSED),
    ],
)
def test_window_state_on_a_day(today: date, state: WindowState) -> None:
    assert state_on(REGISTRATION, today) is state


def test_window_state_at_an_instant() -> None:
    berlin = zone_info("Europe/Berlin")
    assert (
        state_at(REGISTRATION, datetime(2027, 1, 9, 23, 59, tzinfo=berlin)) is WindowState.UPCOMING
    )
    assert state_at(REGISTRATION, datetime(2027, 1, 10, 0, 0, tzinfo=berlin)) is WindowState.OPEN
    assert state_at(REGISTRATION, datetime(2027, 3, 1, 23, 59, tzinfo=berlin)) is WindowState.OPEN
    assert state_at(REGISTRATION, datetime(2027, 3, 2, 0, 0, tzinfo=berlin)) is WindowState.CLOSED


def test_a_window_without_dates_is_always_open() -> None:
    window = Window(url="https://example.org/cfp")
    assert state_on(window, date(1990, 1, 1)) is WindowState.OPEN
    assert state_at(window, datetime(2999, 1, 1, tzinfo=UTC)) is WindowState.OPEN


# -- countdowns ------------------------------------------------------------------------------


def test_countdown_in_days_then_today_then_hours() -> None:
    closes = REGISTRATION.closes
    assert closes is not None
    berlin = zone_info("Europe/Berlin")
    assert countdown_on(closes, date(2027, 2, 26)) == Countdown(3)
    assert countdown_on(closes, date(2027, 3, 1)) == Countdown(0)
    assert countdown_on(closes, date(2027, 3, 1)).today  # type: ignore[union-attr]
    assert countdown_on(closes, date(2027, 3, 2)) is None
    assert countdown_at(closes, datetime(2027, 2, 26, 12, tzinfo=berlin)) == Countdown(3)
    assert countdown_at(closes, datetime(2027, 3, 1, 18, 30, tzinfo=berlin)) == Countdown(0, 6)
    assert countdown_at(closes, datetime(2027, 3, 2, tzinfo=berlin)) is None


def test_less_than_a_day_left_on_the_day_before_is_hours() -> None:
    closes = at(datetime(2027, 3, 2, 9, tzinfo=zone_info("UTC")), "UTC")
    assert countdown_at(closes, datetime(2027, 3, 1, 20, tzinfo=UTC)) == Countdown(1, 13)
    assert countdown_on(closes, date(2027, 3, 1)) == Countdown(1)


def test_an_aoe_deadline_seen_from_utc_plus_14() -> None:
    """ "1 March AoE" ends at 12:00 UTC on 2 March: 02:00 on 3 March in Kiritimati."""
    deadline = day(date(2027, 3, 1), AOE, end=True)
    assert deadline.at == datetime(2027, 3, 2, 12, tzinfo=UTC)
    kiritimati = zone_info("Pacific/Kiritimati")
    # on 2 March in Kiritimati the deadline of 1 March is still ahead
    assert countdown_at(deadline, datetime(2027, 3, 2, 1, tzinfo=kiritimati)) == Countdown(1)
    assert countdown_at(deadline, datetime(2027, 3, 2, 3, tzinfo=kiritimati)) == Countdown(0, 23)
    assert countdown_at(deadline, datetime(2027, 3, 3, 1, tzinfo=kiritimati)) == Countdown(0, 1)
    assert countdown_at(deadline, datetime(2027, 3, 3, 2, tzinfo=kiritimati)) is None
    # and from UTC-12 the same instant is the end of 1 March
    minus_12 = zone_info("Etc/GMT+12")
    assert countdown_at(deadline, datetime(2027, 2, 28, 12, tzinfo=minus_12)) == Countdown(1)


def test_a_day_of_23_hours_is_one_day() -> None:
    """Berlin moves its clocks forward on 28 March 2027: that Sunday has 23 hours."""
    deadline = day(date(2027, 3, 29), "Europe/Berlin", end=True)
    berlin = zone_info("Europe/Berlin")
    assert countdown_at(deadline, datetime(2027, 3, 27, 23, 30, tzinfo=berlin)) == Countdown(2)
    assert countdown_at(deadline, datetime(2027, 3, 28, 0, 30, tzinfo=berlin)) == Countdown(1)


# -- properties ------------------------------------------------------------------------------

SETTINGS = settings(max_examples=300, deadline=None)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
INSTANTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)
TIMED = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)


@st.composite
def moments(draw: st.DrawFn) -> Moment:
    zone = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        return day(draw(DAYS), zone, end=True)
    return at(draw(TIMED), zone)


@SETTINGS
@given(moments(), INSTANTS)
def test_days_left_are_calendar_days_in_the_moments_zone(deadline: Moment, now: datetime) -> None:
    left = countdown_at(deadline, now)
    if now >= deadline.at:
        assert left is None
        return
    assert left is not None
    local = deadline.at.astimezone(zone_info(deadline.zone))
    last_day = local.date() if not deadline.all_day else local.date() - timedelta(days=1)
    assert left.days == (last_day - today_in(deadline, now)).days
    # the build, which knows only the day, counts the same days
    assert countdown_on(deadline, today_in(deadline, now)) == Countdown(left.days)
    if deadline.at - now < timedelta(days=1):
        assert left.hours is not None and 1 <= left.hours <= 24
    else:
        assert left.hours is None  # a whole day or more: days (0 at the day's first instant)


@SETTINGS
@given(moments(), INSTANTS, st.integers(min_value=1, max_value=10_000_000))
def test_the_countdown_never_goes_up(deadline: Moment, now: datetime, seconds: int) -> None:
    before = countdown_at(deadline, now)
    after = countdown_at(deadline, now + timedelta(seconds=seconds))
    if before is None:
        assert after is None
    elif after is not None:
        assert after.days <= before.days


@SETTINGS
@given(st.sampled_from(ZONES), DAYS, st.integers(min_value=0, max_value=400), st.times())
def test_any_time_of_a_local_day_counts_the_same(
    zone: str, last: date, ahead: int, clock: time
) -> None:
    """Whatever the hour, and whatever daylight saving time does in between, N days before a
    deadline's day is N days (or hours, with under a day left)."""
    deadline = day(last, zone, end=True)
    local_now = datetime.combine(last - timedelta(days=ahead), clock, zone_info(zone))
    now = local_now.astimezone(UTC)  # folds and gaps resolve to a real instant
    left = countdown_at(deadline, now)
    assert left is not None
    assert left.days == (last - now.astimezone(zone_info(zone)).date()).days


@SETTINGS
@given(moments(), moments(), INSTANTS)
def test_a_builds_day_agrees_with_the_instant(a: Moment, b: Moment, now: datetime) -> None:
    """Judged by its day, a window is open at least whenever it is open at the instant, and
    upcoming or closed only when it is so at the instant too."""
    opens, closes = sorted((a, b), key=lambda m: m.at)
    window = Window(url="https://example.org", opens=opens, closes=closes)
    exact = state_at(window, now)
    by_day_open = state_on(window, today_in(opens, now))
    by_day_closed = state_on(window, today_in(closes, now))
    if exact is WindowState.OPEN:
        assert by_day_open is not WindowState.UPCOMING
        assert by_day_closed is not WindowState.CLOSED
    if by_day_open is WindowState.UPCOMING:
        assert exact is WindowState.UPCOMING
    if by_day_closed is WindowState.CLOSED:
        assert exact is WindowState.CLOSED


# -- labels ----------------------------------------------------------------------------------


def test_countdown_labels_in_english() -> None:
    assert labels.closes_in(Countdown(3)) == "closes in 3 days"
    assert labels.closes_in(Countdown(1)) == "closes in 1 day"
    assert labels.closes_in(Countdown(0)) == "closes today"
    assert labels.closes_in(Countdown(0, 5)) == "closes in 5 hours"
    assert labels.closes_in(Countdown(0, 1)) == "closes in 1 hour"
    assert labels.time_left(Countdown(4)) == "in 4 days"
    assert labels.time_left(Countdown(0, 2)) == "in 2 hours"
    assert labels.time_left(None) == "passed"


@pytest.mark.parametrize("language", ["de", "es", "fr", "sv"])
def test_countdown_labels_have_plural_forms(language: str) -> None:
    translation = gettext.translation("sphinx_iassist", LOCALE, [language])
    for msgids in (
        ("closes in %(count)d day", "closes in %(count)d days"),
        ("closes in %(count)d hour", "closes in %(count)d hours"),
        ("in %(count)d hour", "in %(count)d hours"),
    ):
        one = translation.ngettext(*msgids, 1) % {"count": 1}
        many = translation.ngettext(*msgids, 5) % {"count": 5}
        assert "1" in one and "5" in many
        assert one.replace("1", "") != many.replace("5", ""), (language, msgids)
