"""Recurring events, pure: occurrences through python-dateutil (COUNT counts excluded
dates), the next occurrence on or after today, the last one, whether one is under way, and
the rule in words, translated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sphinx.locale
from babel import Locale

import sphinx_iassist
from sphinx_iassist.dates.recurrence import (
    happening,
    last_occurrence,
    next_occurrence,
    occurrences,
    upcoming,
)
from sphinx_iassist.dates.rule_words import rule_words
from sphinx_iassist.labels import MESSAGE_CATALOG
from sphinx_iassist.model import Event
from sphinx_iassist.readers.event import build_event

UTC = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
EN = Locale("en")


def call(rule: str | None, **fields: object) -> Event:
    raw = {
        "id": "call",
        "title": "Call",
        "start": "2026-01-13T16:00",  # a Tuesday
        "end": "2026-01-13T17:00",
        "timezone": "UTC",
        **fields,
    }
    if rule is not None:
        raw["rrule"] = rule
    event, problems = build_event(raw)
    assert event is not None and problems == [], problems
    return event


def starts(event: Event, n: int) -> list[date | datetime]:
    return [start for start, _ in zip(occurrences(event), range(n), strict=False)]


def test_a_one_off_event_has_its_start_as_its_only_occurrence() -> None:
    event = call(None)
    assert list(occurrences(event)) == [event.start]
    assert last_occurrence(event) == (event.start, event.end)


def test_every_second_tuesday() -> None:
    event = call("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    assert [s.date() for s in starts(event, 3)] == [  # type: ignore[union-attr]
        date(2026, 1, 13),
        date(2026, 1, 27),
        date(2026, 2, 10),
    ]


def test_count_counts_the_excluded_dates() -> None:
    event = call("FREQ=WEEKLY;COUNT=4", exdates=["2026-01-20", "2026-01-27"])
    assert [s.date() for s in occurrences(event)] == [  # type: ignore[union-attr]
        date(2026, 1, 13),
        date(2026, 2, 3),
    ]
    last = last_occurrence(event)
    assert last is not None and last[1] == datetime(2026, 2, 3, 17, 0, tzinfo=UTC)


def test_an_unbounded_rule_has_no_last_occurrence() -> None:
    assert last_occurrence(call("FREQ=MONTHLY;BYDAY=2TU")) is None


def test_until_ends_the_rule() -> None:
    event = call("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260630T235959Z")
    last = last_occurrence(event)
    assert last is not None and last[0] == datetime(2026, 6, 9, 16, 0, tzinfo=UTC)


def test_occurrences_keep_their_wall_clock_time_across_daylight_saving() -> None:
    event = call("FREQ=MONTHLY;BYDAY=2TU", timezone="Europe/Berlin")
    winter, _, _, summer = starts(event, 4)
    assert isinstance(winter, datetime) and isinstance(summer, datetime)
    assert (winter.hour, summer.hour) == (16, 16)
    assert winter.utcoffset() != summer.utcoffset()


def test_next_occurrence_is_on_or_after_today() -> None:
    event = call("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    found = next_occurrence(event, date(2026, 1, 14), UTC)
    assert found is not None and found[0] == datetime(2026, 1, 27, 16, 0, tzinfo=UTC)
    found = next_occurrence(event, date(2026, 1, 27), UTC)
    assert found is not None and found[0] == datetime(2026, 1, 27, 16, 0, tzinfo=UTC)


def test_next_occurrence_skips_excluded_dates() -> None:
    event = call("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", exdates=["2026-01-27"])
    found = next_occurrence(event, date(2026, 1, 14), UTC)
    assert found is not None and found[0].day == 10  # February 10


def test_no_next_occurrence_once_the_last_is_over() -> None:
    event = call("FREQ=WEEKLY;COUNT=2")
    assert next_occurrence(event, date(2026, 1, 21), UTC) is None
    assert not happening(event, date(2026, 1, 21), UTC)


def test_happening_during_an_occurrence_only() -> None:
    event = call("FREQ=WEEKLY;BYDAY=TU")
    assert happening(event, date(2026, 1, 20), UTC)
    assert not happening(event, date(2026, 1, 21), UTC)


def test_an_all_day_event_happens_on_each_of_its_days() -> None:
    event, _ = build_event(
        {
            "id": "m",
            "title": "M",
            "start": "2026-03-02",
            "end": "2026-03-03",
            "rrule": "FREQ=MONTHLY",
        }
    )
    assert event is not None
    assert happening(event, date(2026, 4, 3), UTC)
    assert not happening(event, date(2026, 4, 4), UTC)
    assert [start for start, _ in upcoming(event, date(2026, 4, 4), UTC, 2)] == [
        date(2026, 5, 2),
        date(2026, 6, 2),
    ]


def test_the_days_of_a_timed_occurrence_are_those_of_the_display_zone() -> None:
    # 23:30 UTC on Tuesday is Wednesday in Berlin
    event = call("FREQ=WEEKLY", start="2026-01-13T23:30", end="2026-01-13T23:45")
    assert happening(event, date(2026, 1, 21), BERLIN)
    assert not happening(event, date(2026, 1, 21), UTC)


# -- the rule in words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Every second Tuesday"),
        ("FREQ=WEEKLY", "Every Tuesday"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "Every Monday and Thursday"),
        ("FREQ=WEEKLY;INTERVAL=3", "Every 3 weeks on Tuesday"),
        ("FREQ=MONTHLY;BYDAY=2TU", "The second Tuesday of every month"),
        ("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2", "The last Friday of every 2 months"),
        ("FREQ=MONTHLY", "Every month on day 13"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on its last day"),
        ("FREQ=YEARLY", "Every year on January 13"),
        ("FREQ=DAILY", "Every day"),
        ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
    ],
)
def test_common_rules_in_words(rule: str, words: str) -> None:
    text = rule_words(call(rule), EN)
    assert text is not None and text.startswith(words + ", ")
    assert "UTC" in text and "–" in text  # the times, in the event's zone


def test_the_times_are_in_the_events_own_zone() -> None:
    text = rule_words(call("FREQ=WEEKLY", timezone="Europe/Berlin"), Locale("en", "GB"))
    assert text is not None and text.startswith("Every Tuesday, 16:00")
    assert "17:00" in text and text.endswith(" Europe/Berlin")


def test_an_all_day_rule_has_no_times() -> None:
    event, _ = build_event({"id": "y", "title": "Y", "start": "2026-06-03", "rrule": "FREQ=YEARLY"})
    assert event is not None and rule_words(event, EN) == "Every year on June 3"


def test_the_end_of_a_rule_is_said() -> None:
    until = rule_words(call("FREQ=WEEKLY;UNTIL=20261231T235959Z"), EN)
    count = rule_words(call("FREQ=WEEKLY;COUNT=5"), EN)
    assert until is not None and until.endswith("until Dec 31, 2026")
    assert count is not None and count.endswith("5 times")


@pytest.mark.parametrize(
    "rule",
    ["FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1", "FREQ=YEARLY;BYWEEKNO=20", "FREQ=DAILY;BYHOUR=9,15"],
)
def test_a_rule_these_words_do_not_cover_is_worded_generically(rule: str) -> None:
    assert rule_words(call(rule), EN) == "Recurring event"


def test_a_one_off_event_has_no_rule_in_words() -> None:
    assert rule_words(call(None), EN) is None


@pytest.fixture
def german() -> Iterator[None]:
    saved = dict(sphinx.locale.translators)
    locale_dir = Path(sphinx_iassist.__file__).parent / "locale"
    sphinx.locale.init([locale_dir], "de", MESSAGE_CATALOG)
    yield
    sphinx.locale.translators.clear()
    sphinx.locale.translators.update(saved)


@pytest.mark.usefixtures("german")
def test_the_words_are_translated() -> None:
    de = Locale("de")
    text = rule_words(call("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), de)
    assert text is not None and text.startswith("Jeden zweiten Dienstag, 16:00")
    assert text.endswith("UTC")
    assert rule_words(call("FREQ=MONTHLY;BYDAY=2TU"), de).startswith(  # type: ignore[union-attr]
        "Jeden zweiten Dienstag im Monat"
    )
