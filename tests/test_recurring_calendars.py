"""Recurring events in calendar files: RRULE and EXDATE on the VEVENT (UNTIL in UTC when the
start has a zone), read back by icalendar, the strict ``ical`` parser and
recurring-ical-events, whose expansion equals python-dateutil's for the data's rule."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import islice

import icalendar
import pytest
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from sphinx_iassist.dates.recurrence import occurrences
from sphinx_iassist.model import Event
from sphinx_iassist.publish import ical
from sphinx_iassist.readers.event import build_event

STAMP = datetime(2026, 1, 1, tzinfo=UTC)

EVENTS = {
    "berlin-monthly": {
        "start": "2026-01-13T16:00",
        "end": "2026-01-13T17:00",
        "timezone": "Europe/Berlin",
        "rrule": "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z",
        "exdates": ["2026-08-11"],
    },
    "utc-fortnightly": {
        "start": "2026-01-13T16:00",
        "end": "2026-01-13T17:00",
        "timezone": "UTC",
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10",
        "exdates": ["2026-01-27", "2026-03-10T16:00"],
    },
    "all-day-yearly": {
        "start": "2026-06-01",
        "end": "2026-06-03",
        "rrule": "FREQ=YEARLY;COUNT=4",
        "exdates": ["2027-06-01"],
    },
    "new-york-open": {
        "start": "2026-03-02T09:00",
        "end": "2026-03-02T10:00",
        "timezone": "America/New_York",
        "rrule": "FREQ=WEEKLY;BYDAY=MO,TH",
    },
}


def event(event_id: str) -> Event:
    found, problems = build_event({"id": event_id, "title": event_id, **EVENTS[event_id]})
    assert found is not None and problems == [], problems
    return found


def calendar_of(event_id: str) -> bytes:
    _, singles = ical.build_calendars([event(event_id)], dtstamp=STAMP, url_for=lambda e: None)
    return singles[event_id]


def vevent(event_id: str) -> icalendar.Event:
    (found,) = icalendar.Calendar.from_ical(calendar_of(event_id)).walk("VEVENT")
    return found


def test_the_vevent_carries_the_rule_and_until_in_utc() -> None:
    component = vevent("berlin-monthly")
    rule = component["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["2TU"]
    (until,) = rule["UNTIL"]
    assert until == datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert b"UNTIL=20261231T235959Z" in calendar_of("berlin-monthly")


def test_exdates_are_of_the_same_kind_as_dtstart() -> None:
    zoned = vevent("berlin-monthly")
    assert zoned["DTSTART"].params["TZID"] == "Europe/Berlin"
    exdate = zoned["EXDATE"]
    assert exdate.params["TZID"] == "Europe/Berlin"
    assert [d.dt for d in exdate.dts] == [
        datetime(2026, 8, 11, 16, 0, tzinfo=exdate.dts[0].dt.tzinfo)
    ]
    all_day = vevent("all-day-yearly")
    assert [d.dt for d in all_day["EXDATE"].dts] == [date(2027, 6, 1)]


@pytest.mark.parametrize("event_id", list(EVENTS))
def test_the_strict_parser_reads_the_rule(event_id: str) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(calendar_of(event_id).decode("utf-8"))
    (found,) = calendar.events
    assert found.rrule is not None


@pytest.mark.parametrize("event_id", list(EVENTS))
def test_recurring_ical_events_expands_as_dateutil_does(event_id: str) -> None:
    data = event(event_id)
    expected = list(islice(occurrences(data), 60))
    calendar = icalendar.Calendar.from_ical(calendar_of(event_id))
    found = [
        component["DTSTART"].dt
        for component in islice(recurring_ical_events.of(calendar).after(date(2000, 1, 1)), 60)
    ]
    assert found == expected
    assert len(found) == (
        {"berlin-monthly": 11, "utc-fortnightly": 8, "all-day-yearly": 3}.get(event_id, 60)
    )


def test_the_zone_covers_the_occurrences() -> None:
    component = icalendar.Calendar.from_ical(calendar_of("new-york-open"))
    (zone,) = component.walk("VTIMEZONE")
    years = {sub["DTSTART"].dt.year for sub in zone.subcomponents}
    for sub in zone.subcomponents:
        rdates = sub.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            years |= {d.dt.year for d in rdate.dts}
    assert max(years) >= 2026 + ical.OPEN_RULE_YEARS - 1
