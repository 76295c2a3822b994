"""Every Babel locale writes every kind of date range: no exception, start and end both there,
in order.

The assertions are about structure (which part carries which instant, and their order),
never about one CLDR release's punctuation.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.localedata import locale_identifiers
from helpers import ev

from sphinx_iassist.dates.formatting import (
    DATE_FORMATS,
    Segment,
    date_segments,
    event_segments,
    format_problem,
    get_locale,
    iso,
    range_segments,
    segments_text,
)

ZONE = ZoneInfo("Asia/Taipei")
RANGES: dict[str, tuple[date | datetime, date | datetime]] = {
    "all-day, one day": (date(2021, 5, 17), date(2021, 5, 17)),
    "all-day, several days": (date(2021, 5, 17), date(2021, 5, 20)),
    "all-day, across years": (date(2021, 12, 30), date(2022, 1, 2)),
    # the afternoon: "下午" (a day period Babel cannot compare) in the Chinese locales
    "timed, one afternoon": (
        datetime(2021, 5, 17, 14, 0, tzinfo=ZONE),
        datetime(2021, 5, 17, 16, 30, tzinfo=ZONE),
    ),
    "timed, morning to evening": (
        datetime(2021, 5, 17, 9, 0, tzinfo=ZONE),
        datetime(2021, 5, 17, 21, 30, tzinfo=ZONE),
    ),
    "timed, from midnight": (
        datetime(2021, 5, 17, 0, 0, tzinfo=ZONE),
        datetime(2021, 5, 17, 1, 0, tzinfo=ZONE),
    ),
    "timed, several days": (
        datetime(2021, 5, 17, 14, 0, tzinfo=ZONE),
        datetime(2021, 5, 19, 16, 30, tzinfo=ZONE),
    ),
}
EVENTS = {
    "all-day event": ev(start="2021-05-17", end="2021-05-20"),
    "timed event": ev(start="2021-05-17T14:00", end="2021-05-17T16:30", timezone="Asia/Taipei"),
}


def _problem(segments: list[Segment], start: date | datetime, end: date | datetime) -> str | None:
    """What is wrong with the segments of ``start``–``end``, or None."""
    instants = [s.datetime for s in segments if s.datetime]
    if not all(s.text.strip() for s in segments if s.datetime):
        return f"a part that shows an instant has no text: {segments}"
    if iso(start) not in instants or iso(end) not in instants:
        return f"start or end missing: {segments}"
    if instants.index(iso(start)) > instants.index(iso(end)):
        return f"end before start: {segments}"
    return None


@pytest.mark.parametrize("fmt", list(DATE_FORMATS))
def test_every_locale_writes_every_range(fmt: str) -> None:
    problems: list[str] = []
    for identifier in locale_identifiers():
        locale = get_locale(identifier)
        for name, (start, end) in RANGES.items():
            try:
                found = _problem(range_segments(start, end, locale=locale, fmt=fmt), start, end)
            except Exception as exc:  # the test reports every failure at once
                found = f"{type(exc).__name__}: {exc}"
            if found:
                problems.append(f"{identifier} {name}: {found}")
        for name, event in EVENTS.items():
            try:
                segments = event_segments(event, locale=locale, fmt=fmt)
                if event.all_day:
                    found = _problem(segments, event.start, event.end)
                else:  # the zone's name ends a timed range
                    found = _problem(segments[:-1], event.start, event.end)
                    if segments[-1].text != " CST":
                        found = found or f"no zone name at the end: {segments}"
            except Exception as exc:
                found = f"{type(exc).__name__}: {exc}"
            if found:
                problems.append(f"{identifier} {name}: {found}")
        try:
            single = date_segments(date(2021, 5, 17), locale=locale, fmt=fmt)
            if [s.datetime for s in single] != ["2021-05-17"] or not single[0].text.strip():
                problems.append(f"{identifier} one date: {single}")
        except Exception as exc:
            problems.append(f"{identifier} one date: {type(exc).__name__}: {exc}")
    assert problems == []


def test_an_interval_pattern_in_three_pieces_gives_both_dates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CLDR 43 (Babel 2.13) has a Yoruba year interval that repeats the year in its first
    half: Babel splits it into three pieces. The range falls back to both dates in full."""
    three = {"yMMMEd": {"y": ["y MMM d ", "y, E – MMM d, ", "E y"]}, None: "{0} – {1}"}
    monkeypatch.setattr(Locale, "interval_formats", property(lambda self: three))
    start, end = RANGES["all-day, across years"]
    segments = range_segments(start, end, locale=Locale.parse("en"), fmt="full")
    assert _problem(segments, start, end) is None
    first, last = (s.text for s in segments if s.datetime)
    assert "30" in first and "2021" in first and "2022" not in first
    assert "2" in last and "2022" in last and "2021" not in last
    assert segments_text(segments).count("–") == 1  # the fallback pattern's dash, once


def test_every_locale_passes_the_configuration_check() -> None:
    """The check that decides the fallback to English finds nothing to fall back from."""
    failing = {
        identifier: problem
        for identifier in locale_identifiers()
        if (problem := format_problem(get_locale(identifier), "medium"))
    }
    assert failing == {}


def test_traditional_chinese_afternoon() -> None:
    """zh_TW writes a timed afternoon event with its day period, start before end."""
    start, end = RANGES["timed, one afternoon"]
    segments = range_segments(start, end, locale=get_locale("zh_TW"), fmt="medium")
    assert _problem(segments, start, end) is None
    assert "下午" in segments[0].text  # "in the afternoon", before the start's hour
    assert "2" in segments[0].text and "4:30" in segments[-1].text


@pytest.mark.parametrize(
    ("fmt", "accepted"),
    [
        ("medium", True),
        ("yMMMd", True),
        ("yQQQ", True),  # a quarter with its year
        ("MMMd", True),
        ("Q", False),  # no locale has a pattern for a quarter alone
        ("x", False),  # a zone offset is no date field
        ("yMMMdHm", False),  # times are the extension's to add
        ("very long", False),
        ("", False),
    ],
)
def test_format_problem_accepts_only_date_skeletons_babel_can_write(
    fmt: str, accepted: bool
) -> None:
    assert (format_problem(get_locale("en"), fmt) is None) is accepted
