"""The VEVENTs the extension puts together itself are byte for byte what icalendar writes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers import ev, page_url
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_iassist.model import Event
from sphinx_iassist.publish import ical, vevent_text
from sphinx_iassist.publish.deadline_ical import deadline_fields, deadline_vevents

STAMP = datetime(2024, 5, 1, tzinfo=UTC)
DOMAIN = "example.org"
HOSTILE = 'Lunch, "dinner"; and\nmore \\ back\\slash ✓ 日本語 </script> ;,:\r\nend\rx'
# lines long enough to fold, with multi-byte characters and escapes at every offset
LONG = [
    "A" * 70 + "ÜÜÜ" + "日本語" * 30,
    "x" * 66 + "\\,;" * 20,
    "é" * 40 + "^" + "✓" * 40,
    "Title, with; everything \\ and a line\nbreak " * 4,
    # "SUMMARY:" and a title: lines of 74, 75 and 76 octets (the first that folds is 75)
    *("a" * n for n in (66, 67, 68)),
    "é" * 33 + "a",
]
VARIED: list[dict[str, Any]] = [
    {},
    {"start": "2024-06-10", "end": "2024-06-14", "tags": ["data", "métadonnées", "a,b"]},
    {"start": "2024-06-10T09:00", "end": "2024-06-10T17:30"},
    {"start": "2024-06-10T09:00", "end": "2024-06-10T09:00"},  # no DTEND
    {"start": "2024-06-10T09:00", "end": "2024-06-11T12:00", "timezone": "America/Toronto"},
    {"start": "2024-06-10T09:00", "end": "2024-06-10T10:00", "timezone": "UTC"},
    {"start": "2024-06-10T09:00+05:30", "end": "2024-06-10T11:00+05:30"},
    {"start": "2024-03-31T01:30", "end": "2024-03-31T03:30"},  # across the DST change
    {"title": HOSTILE, "summary": HOSTILE, "location": {"venue": HOSTILE, "city": "Åre"}},
    {"mode": "virtual", "status": "postponed"},
    {"mode": "hybrid", "location": {"city": "Gothenburg", "country": "SE"}},
    {
        "status": "cancelled",
        "registration": {"url": "https://example.org/r", "closes": "2024-06-01"},
    },
    {"status": "moved-online", "location": {"city": "Oslo"}},
    {"status": "rescheduled", "location": {"city": "Bergen"}},
    {
        "registration": {"url": "https://example.org/register", "closes": "2024-06-01"},
        "cfp": {"url": "https://example.org/cfp", "closes": "2024-02-15", "timezone": "AoE"},
        "deadlines": [
            {"label": "Early bird, cheaper; " + LONG[0], "at": "2024-05-01T12:00"},
            {"label": "Posters", "at": "2024-05-20"},
        ],
    },
    {"kind": "webinar", "tags": ["webinar", "x"]},
    {"url": "https://example.org/a,b;c?d=" + "e" * 90},
    {"rrule": "FREQ=WEEKLY;COUNT=4", "start": "2024-06-10T09:00", "end": "2024-06-10T10:00"},
    *({"title": text, "summary": text} for text in LONG),
]


def _by_icalendar(event: Event, url: str | None) -> bytes:
    found = [
        ical._vevent(event, STAMP, url, DOMAIN),
        *deadline_vevents(event, STAMP, url, DOMAIN),
    ]
    return b"".join(component.to_ical() for component in found)


def _events() -> list[Event]:
    return [ev(id=f"ev-{n}", **fields) for n, fields in enumerate(VARIED)]


@pytest.mark.parametrize("url", [page_url, lambda event: None])
def test_every_byte_is_icalendars(url: Any) -> None:
    for event in _events():
        assert ical._components(event, STAMP, url(event), DOMAIN) == _by_icalendar(
            event, url(event)
        ), event.id


def test_the_events_are_put_together_without_icalendar() -> None:
    """The comparison above compares the fast path (not icalendar with itself): every
    event's fields (a recurring event's RRULE is icalendar's) and every deadline are
    written here."""
    for event in _events():
        fields = ical._fields(event, STAMP, page_url(event), DOMAIN)
        assert vevent_text.serialise(fields) is not None, event.id
        for deadline in deadline_fields(event, STAMP, None, DOMAIN):
            assert vevent_text.serialise(deadline) is not None


def test_a_value_it_does_not_know_is_left_to_icalendar() -> None:
    fields = ical._fields(ev(), STAMP, None, DOMAIN)
    assert vevent_text.serialise({**fields, "start": datetime(2024, 6, 10, 9)}) is None
    fixed = timezone(timedelta(hours=2))
    assert vevent_text.serialise({**fields, "start": datetime(2024, 6, 10, tzinfo=fixed)}) is None
    assert vevent_text.serialise({**fields, "organizer": "x"}) is None
    assert vevent_text.serialise({**fields, "location": ""}) is None


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None)
@given(
    title=texts,
    place=st.none() | texts,
    tags=st.lists(texts, min_size=1, max_size=3),
    start=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    )
    | st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)),
    zone=st.sampled_from([None, "Europe/Stockholm", "America/Argentina/Buenos_Aires"]),
)
def test_any_text_is_written_as_icalendar_writes_it(
    title: str, place: str | None, tags: list[str], start: date, zone: str | None
) -> None:
    if zone and isinstance(start, datetime):
        start = start.astimezone(ZoneInfo(zone))
    fields: dict[str, Any] = {
        "uid": f"{title}@{DOMAIN}",
        "stamp": STAMP,
        "summary": title,
        "start": start,
        "end": None,
        "status": ical.ical_status(ev().status),
        "location": place,
        "description": place,
        "url": None,
        "categories": list(dict.fromkeys(tags)),
    }
    expected = icalendar.Event.new(**fields).to_ical()
    assert vevent_text.serialise(fields) == expected
