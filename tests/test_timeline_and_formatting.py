"""Pure modules: "today", grouping and ordering; Babel date ranges."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_interval
from helpers import assert_says, month, words
from hypothesis import given
from hypothesis import strategies as st

from sphinx_iassist.dates.formatting import (
    event_segments,
    get_locale,
    instant,
    iso,
    range_segments,
    segments_text,
)
from sphinx_iassist.dates.timeline import (
    GroupBy,
    ListSpec,
    Order,
    When,
    group_events,
    is_ongoing,
    is_over,
)
from sphinx_iassist.dates.today import TodayError, build_today, resolve_today
from sphinx_iassist.model import Event
from sphinx_iassist.readers.event import build_event

UTC = ZoneInfo("UTC")


def ev(**fields: Any) -> Event:
    fields.setdefault("title", fields["id"])
    event, problems = build_event(fields)
    assert event is not None, problems
    return event


def test_resolve_today_order_of_precedence() -> None:
    assert resolve_today("2021-04-01", {"SOURCE_DATE_EPOCH": "0"}) == date(2021, 4, 1)
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": "1622505600"}) == date(2021, 6, 1)
    assert resolve_today(date(2020, 1, 2), {}) == date(2020, 1, 2)
    assert isinstance(resolve_today(None, {}), date)
    with pytest.raises(TodayError):
        resolve_today("first of April", {})
    with pytest.raises(TodayError):
        resolve_today(None, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_all_day_event_is_forthcoming_through_its_last_day() -> None:
    event = ev(id="x", start="2021-05-17", end="2021-05-20")
    assert not is_over(event, date(2021, 5, 20), UTC)
    assert is_over(event, date(2021, 5, 21), UTC)
    assert [is_ongoing(event, date(2021, 5, d), UTC) for d in (16, 17, 20, 21)] == [
        False,
        True,
        True,
        False,
    ]


def test_timed_event_days_are_taken_in_the_display_zone() -> None:
    # 23:00-23:30 UTC on the 1st is already the 2nd in Stockholm
    event = ev(id="late", start="2021-09-01T23:00", end="2021-09-01T23:30")
    assert is_ongoing(event, date(2021, 9, 1), UTC)
    assert is_ongoing(event, date(2021, 9, 2), ZoneInfo("Europe/Stockholm"))
    assert is_over(event, date(2021, 9, 2), UTC)
    assert not is_over(event, date(2021, 9, 2), ZoneInfo("Europe/Stockholm"))


EVENTS = [
    ev(id="a", start="2020-01-10", kind="workshop", tags=["x"]),
    ev(id="b", start="2021-03-01", series="S"),
    ev(id="c", start="2021-06-01", end="2021-06-03", series="S", tags=["X", "y"]),
    ev(id="d", start="2022-02-02", kind="webinar"),
]


def ids(groups: list[Any]) -> dict[str, list[str]]:
    return {g.key: [e.event.id for e in g.entries] for g in groups}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (ListSpec(), {"forthcoming": ["c", "d"], "completed": ["b", "a"]}),
        (ListSpec(when=When.UPCOMING), {"forthcoming": ["c", "d"]}),
        (ListSpec(when=When.PAST), {"completed": ["b", "a"]}),
        (ListSpec(series=("s",)), {"forthcoming": ["c"], "completed": ["b"]}),
        (ListSpec(kinds=("workshop", "webinar")), {"forthcoming": ["d"], "completed": ["a"]}),
        (ListSpec(tags=("x",)), {"forthcoming": ["c"], "completed": ["a"]}),
        (ListSpec(group_by=GroupBy.YEAR), {"2022": ["d"], "2021": ["c", "b"], "2020": ["a"]}),
        (
            ListSpec(group_by=GroupBy.YEAR, order=Order.ASC),
            {"2020": ["a"], "2021": ["b", "c"], "2022": ["d"]},
        ),
        (
            ListSpec(group_by=GroupBy.KIND),
            {"conference": ["c", "b"], "workshop": ["a"], "webinar": ["d"]},
        ),
        (ListSpec(group_by=GroupBy.NONE, order=Order.DESC), {"all": ["d", "c", "b", "a"]}),
        (ListSpec(group_by=GroupBy.NONE, limit=3), {"all": ["c", "d", "b"]}),
        (ListSpec(series=("nothing",)), {}),
    ],
)
def test_group_events(spec: ListSpec, expected: dict[str, list[str]]) -> None:
    assert ids(group_events(EVENTS, spec, date(2021, 6, 2), UTC)) == expected


def test_ongoing_entries_are_marked() -> None:
    groups = group_events(EVENTS, ListSpec(), date(2021, 6, 2), UTC)
    assert [(e.event.id, e.ongoing) for e in groups[0].entries] == [("c", True), ("d", False)]


@pytest.mark.parametrize(
    ("language", "start", "end", "says"),
    [
        ("en", date(2021, 5, 17), date(2021, 5, 20), ("May", "17", "20", "2021")),
        ("fr", date(2021, 5, 17), date(2021, 5, 20), ("17", "20", "mai", "2021")),
        ("de", date(2021, 5, 17), date(2021, 5, 20), ("17", "20", "Mai", "2021")),
        ("sv", date(2021, 9, 14), date(2021, 9, 16), ("14", "16", month("sv", 9), "2021")),
        ("en", date(2021, 5, 17), date(2021, 5, 17), ("May", "17", "2021")),
        ("en", date(2021, 12, 30), date(2022, 1, 2), ("Dec", "30", "2021", "Jan", "2", "2022")),
    ],
)
def test_range_text(language: str, start: date, end: date, says: tuple[str, ...]) -> None:
    segments = range_segments(start, end, locale=get_locale(language))
    assert_says(segments_text(segments), *says)
    stamped = [s for s in segments if s.datetime]
    if start == end:
        assert [s.datetime for s in stamped] == [start.isoformat()]
        assert words(stamped[0].text) == list(says)
    else:
        assert [s.datetime for s in stamped] == [start.isoformat(), end.isoformat()]
        # the start's text says the first day, the end's the last
        assert str(start.day) in words(stamped[0].text)
        assert str(end.day) in words(stamped[1].text)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=800),
    st.sampled_from(["en", "fr", "de", "sv", "es", "ja", "ar", "fi"]),
)
def test_segments_join_to_babels_interval(start: date, days: int, language: str) -> None:
    from datetime import timedelta

    end = start + timedelta(days=days)
    locale = get_locale(language)
    segments = range_segments(start, end, locale=locale)
    assert segments_text(segments) == format_interval(start, end, "yMMMd", locale=locale)


def test_interval_patterns_are_worked_out_once_per_locale_and_format() -> None:
    # a list formats thousands of ranges: the CLDR patterns are split and parsed once
    from sphinx_iassist.dates.formatting import _interval_patterns

    _interval_patterns.cache_clear()
    locale = get_locale("de")
    for day in range(1, 21):
        range_segments(date(2021, 5, day), date(2021, 6, day), locale=locale)
    for day in range(1, 11):
        range_segments(date(2021, 5, day), date(2021, 5, day + 2), locale=locale, fmt="long")
    info = _interval_patterns.cache_info()
    assert (info.misses, info.hits) == (2, 28)


def test_timed_range_shows_zone_abbreviations_across_dst() -> None:
    event = ev(
        id="dst", start="2021-03-27T09:00", end="2021-03-29T12:30", timezone="Europe/Stockholm"
    )
    segments = event_segments(event, locale=get_locale("en"))
    start, end = (s for s in segments if s.datetime)
    assert words(start.text) == ["Mar", "27", "2021", "9:00", "AM", "CET"]
    assert words(end.text) == ["Mar", "29", "2021", "12:30", "PM"]
    assert words(segments_text(segments))[-1] == "CEST"


def test_unknown_language_falls_back_to_english() -> None:
    assert get_locale("xx-nowhere").language == "en"
    assert get_locale(None).language == "en"


def test_build_today_passes_over_what_it_cannot_read() -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1622505600"}  # 2021-06-01
    assert build_today("first of April", epoch) == date(2021, 6, 1)
    for bad in ("yesterday", "300000000000", "-100000000000"):
        with pytest.raises(TodayError) as raised:
            resolve_today(None, {"SOURCE_DATE_EPOCH": bad})
        assert raised.value.setting == "SOURCE_DATE_EPOCH"
        assert "environment variable SOURCE_DATE_EPOCH" in str(raised.value)
        assert isinstance(build_today(None, {"SOURCE_DATE_EPOCH": bad}), date)
    with pytest.raises(TodayError) as raised:
        resolve_today("first of April", {})
    assert raised.value.setting == "iassist_today"


@pytest.mark.parametrize(
    ("zone", "local", "attribute", "instant_"),
    [
        # whole minutes: the offset is kept
        ("Asia/Taipei", "2021-05-17T14:00", "2021-05-17T14:00+08:00", "2021-05-17T06:00:00Z"),
        # local mean time: offsets with seconds, which neither HTML nor Date.parse accept
        ("Europe/Amsterdam", "1850-05-17T10:00", "1850-05-17T09:40:28Z", "1850-05-17T09:40:28Z"),
        ("Africa/Monrovia", "1971-03-01T09:00", "1971-03-01T09:44:30Z", "1971-03-01T09:44:30Z"),
    ],
)
def test_instants_are_written_in_forms_html_and_browsers_read(
    zone: str, local: str, attribute: str, instant_: str
) -> None:
    value = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone))
    assert iso(value) == attribute
    assert instant(value) == instant_
    assert HTML_DATETIME.fullmatch(iso(value)) and HTML_DATETIME.fullmatch(instant(value))


#: HTML's "valid global date and time string" (offsets in hours and minutes only).
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)")
