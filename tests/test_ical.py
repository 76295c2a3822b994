"""events → RFC 5545: written with icalendar, read back with icalendar and with ``ics``."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest
from helpers import ev, ics_calendar, page_url
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_iassist.model import Event, Status
from sphinx_iassist.publish import ical

STAMP = datetime(2024, 5, 1, tzinfo=UTC)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOSTILE = 'Lunch, "dinner"; and\nmore \\ back\\slash ✓ 日本語 </script> ;,:'


def build(*events: Event, **kwargs: Any) -> bytes:
    """The calendar of all ``events``, as the build writes ``events.ics``."""
    kwargs.setdefault("url_for", page_url)
    kwargs.setdefault("dtstamp", STAMP)
    whole, _ = ical.build_calendars(events, **kwargs)
    return whole


def singles(*events: Event, **kwargs: Any) -> dict[str, bytes]:
    """The one-event calendar of each of ``events``, as the build writes ``_ics/<id>.ics``."""
    kwargs.setdefault("url_for", page_url)
    _, each = ical.build_calendars(events, dtstamp=STAMP, **kwargs)
    return each


def lines(data: bytes) -> list[str]:
    """Unfolded content lines."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def vevents(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).events


def only_vevent(data: bytes) -> icalendar.Event:
    (vevent,) = vevents(data)
    return vevent


def ics_events(data: bytes) -> dict[str, ics.Event]:
    return {e.uid: e for e in ics_calendar(data).events}


def only_ics(data: bytes) -> ics.Event:
    (event,) = ics_events(data).values()
    return event


# -- calendar envelope ---------------------------------------------------------------------


def test_prodid_and_version_present_once() -> None:
    data = build(ev())
    text = lines(data)
    assert text[0] == "BEGIN:VCALENDAR"
    assert text[-2:] == ["END:VCALENDAR", ""]
    assert text.count("VERSION:2.0") == 1
    prodids = [line for line in text if line.startswith("PRODID:")]
    assert prodids == [f"PRODID:{ical.PRODID}"]
    assert ical.PRODID.startswith("-//sphinx-iassist//")
    assert ics_calendar(data).creator == ical.PRODID


def test_lines_end_in_crlf_and_are_folded() -> None:
    long_title = "Conférence " * 30
    data = build(dataclasses.replace(ev(), title=long_title, summary="Ü" * 200))
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for physical in data.split(b"\r\n"):
        assert len(physical) <= 75
    assert str(only_vevent(data)["SUMMARY"]) == long_title
    assert only_ics(data).name == long_title


def test_calendar_name() -> None:
    named = lines(build(ev(), name="IASSIST events"))
    assert "NAME:IASSIST events" in named
    assert "X-WR-CALNAME:IASSIST events" in named
    assert not any(line.startswith(("NAME:", "X-WR-CALNAME")) for line in lines(build(ev())))


def test_empty_calendar_is_valid() -> None:
    data = build()
    assert vevents(data) == []
    assert ics_calendar(data).events == set()
    assert f"PRODID:{ical.PRODID}" in lines(data)


# -- UID and DTSTAMP -----------------------------------------------------------------------


def test_uid_is_id_at_domain() -> None:
    event = ev(id="iassist-2024")
    assert ical.uid_for(event, "iassist.example") == "iassist-2024@iassist.example"
    data = build(event, domain="iassist.example")
    assert str(only_vevent(data)["UID"]) == "iassist-2024@iassist.example"
    assert set(ics_events(data)) == {"iassist-2024@iassist.example"}
    assert str(only_vevent(build(event))["UID"]) == "iassist-2024@sphinx-iassist"


def test_uids_and_bytes_stable_across_runs_and_input_order() -> None:
    events = [
        ev(id="a", start="2024-06-10T09:00", end="2024-06-10T12:00"),
        ev(id="b", start="2024-06-10"),
        ev(id="c", start="2023-01-01", status="cancelled"),
    ]
    first = build(*events)
    assert build(*events) == first
    assert build(*reversed(events)) == first
    assert set(ics_events(first)) == {"a@sphinx-iassist", "b@sphinx-iassist", "c@sphinx-iassist"}


def test_every_vevent_has_uid_dtstamp_summary_dtstart() -> None:
    data = build(ev(id="a"), ev(id="b", start="2024-06-10T09:00"))
    for vevent in vevents(data):
        for prop in ("UID", "DTSTAMP", "SUMMARY", "DTSTART"):
            assert prop in vevent, prop
        assert vevent.DTSTAMP == STAMP
    assert lines(data).count("DTSTAMP:20240501T000000Z") == 2
    for event in ics_events(data).values():
        assert event.created == STAMP  # ics reads DTSTAMP as "created"


def test_dtstamp_is_written_in_utc() -> None:
    local = datetime(2024, 5, 1, 2, 0, tzinfo=STOCKHOLM)  # 00:00 UTC
    data = build(ev(), dtstamp=local)
    assert "DTSTAMP:20240501T000000Z" in lines(data)


def test_naive_dtstamp_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build(ev(), dtstamp=datetime(2024, 5, 1))


# -- dates and times -----------------------------------------------------------------------


def test_all_day_event_is_date_values_with_exclusive_end() -> None:
    data = build(ev(start="2024-06-10", end="2024-06-12"))
    assert "DTSTART;VALUE=DATE:20240610" in lines(data)
    assert "DTEND;VALUE=DATE:20240613" in lines(data)
    vevent = only_vevent(data)
    assert type(vevent.start) is date
    assert (vevent.start, vevent.end) == (date(2024, 6, 10), date(2024, 6, 13))
    parsed = only_ics(data)
    assert parsed.all_day
    assert parsed.begin.date() == date(2024, 6, 10)
    assert parsed.end.date() == date(2024, 6, 13)  # ics keeps DTEND as written: exclusive


def test_one_day_event_ends_the_next_day() -> None:
    data = build(ev(start="2024-12-31"))
    assert "DTEND;VALUE=DATE:20250101" in lines(data)
    assert only_ics(data).end.date() == date(2025, 1, 1)
    assert not any("VTIMEZONE" in line for line in lines(data))


def test_timed_event_in_stockholm_has_tzid_and_vtimezone() -> None:
    data = build(
        ev(id="a", start="2024-06-10T09:00", end="2024-06-10T17:30"),
        ev(id="b", start="2024-06-11T09:00", end="2024-06-11T12:00"),
    )
    text = lines(data)
    assert "DTSTART;TZID=Europe/Stockholm:20240610T090000" in text
    assert "DTEND;TZID=Europe/Stockholm:20240610T173000" in text
    calendar = icalendar.Calendar.from_ical(data)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Stockholm"]
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert calendar.get_missing_tzids() == set()
    parsed = ics_events(data)["a@sphinx-iassist"]
    assert parsed.begin == datetime(2024, 6, 10, 7, 0, tzinfo=UTC)
    assert parsed.end == datetime(2024, 6, 10, 15, 30, tzinfo=UTC)


def test_dst_crossing_event_keeps_both_offsets() -> None:
    # clocks in Stockholm go forward on 2024-03-31 at 02:00 (CET +01 → CEST +02)
    data = build(ev(start="2024-03-30T09:00", end="2024-03-31T17:00"))
    vevent = only_vevent(data)
    assert vevent.start.utcoffset() == timedelta(hours=1)
    assert vevent.end.utcoffset() == timedelta(hours=2)
    # (aware datetimes in one zone subtract as wall time: compare instants)
    assert vevent.end.astimezone(UTC) - vevent.start.astimezone(UTC) == timedelta(hours=31)
    # the VTIMEZONE itself (not the system's zone data) encodes the change
    (vtimezone,) = icalendar.Calendar.from_ical(data).timezones
    tz = vtimezone.to_tz()
    assert datetime(2024, 3, 30, 9, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2024, 3, 31, 17, tzinfo=tz).utcoffset() == timedelta(hours=2)
    parsed = only_ics(data)
    assert parsed.begin == datetime(2024, 3, 30, 8, tzinfo=UTC)
    assert parsed.end == datetime(2024, 3, 31, 15, tzinfo=UTC)


def test_fixed_offset_datetime_is_written_in_utc() -> None:
    data = build(ev(start="2024-06-10T09:00+05:30", end="2024-06-10T11:00+05:30"))
    text = lines(data)
    assert "DTSTART:20240610T033000Z" in text
    assert "DTEND:20240610T053000Z" in text
    assert not any("TZID" in line for line in text)
    assert only_ics(data).begin == datetime(2024, 6, 10, 3, 30, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "GMT"])
def test_utc_zone_is_written_as_z_without_vtimezone(zone: str) -> None:
    data = build(ev(start="2024-06-10T09:00", end="2024-06-10T10:00", timezone=zone))
    text = lines(data)
    assert "DTSTART:20240610T090000Z" in text
    assert "BEGIN:VTIMEZONE" not in text
    assert not any("TZID" in line for line in text)


def test_two_zones_give_two_vtimezones() -> None:
    data = build(
        ev(id="a", start="2024-06-10T09:00", end="2024-06-10T10:00"),
        ev(id="b", start="2024-06-10T09:00", end="2024-06-10T10:00", timezone="America/Toronto"),
    )
    calendar = icalendar.Calendar.from_ical(data)
    assert [tz.tz_name for tz in calendar.timezones] == ["America/Toronto", "Europe/Stockholm"]
    parsed = ics_events(data)
    assert parsed["b@sphinx-iassist"].begin - parsed["a@sphinx-iassist"].begin == timedelta(hours=6)


def test_timed_event_without_duration_has_no_dtend() -> None:
    # RFC 5545: DTEND must be later than DTSTART; without DTEND the event ends as it starts
    data = build(ev(start="2024-06-10T09:00"))
    vevent = only_vevent(data)
    assert "DTEND" not in vevent
    assert vevent.start == datetime(2024, 6, 10, 9, tzinfo=STOCKHOLM)
    assert only_ics(data).begin == datetime(2024, 6, 10, 7, tzinfo=UTC)


def test_vevents_sorted_by_start_instant_then_id() -> None:
    events = [
        ev(id="late", start="2024-07-01"),
        ev(id="b", start="2024-06-10T09:00"),
        ev(id="a", start="2024-06-10T09:00"),
        # 09:00 in Toronto is 15:00 in Stockholm: after the Stockholm 09:00 events
        ev(id="toronto", start="2024-06-10T09:00", timezone="America/Toronto"),
        ev(id="early", start="2023-01-01"),
    ]
    uids = [str(v["UID"]) for v in vevents(build(*events))]
    assert uids == [f"{i}@sphinx-iassist" for i in ("early", "a", "b", "toronto", "late")]


def test_duplicate_id_is_written_once() -> None:
    first = ev(id="dup", title="First")
    data = build(first, ev(id="dup", title="Second"))
    assert str(only_vevent(data)["SUMMARY"]) == "First"


# -- status, location, text ----------------------------------------------------------------


def test_every_status_has_an_ical_status() -> None:
    assert set(ical.ICAL_STATUS) == set(Status)
    for status in Status:
        data = build(ev(status=status.value))
        assert str(only_vevent(data)["STATUS"]) == ical.ical_status(status)
        assert only_ics(data).status == ical.ical_status(status)


def test_cancelled_event() -> None:
    data = build(ev(status="cancelled"))
    assert "STATUS:CANCELLED" in lines(data)
    assert only_ics(data).status == "CANCELLED"


@pytest.mark.parametrize(
    ("status", "expected"),
    [("scheduled", "CONFIRMED"), ("postponed", "TENTATIVE"), ("rescheduled", "CONFIRMED")],
)
def test_other_statuses(status: str, expected: str) -> None:
    assert f"STATUS:{expected}" in lines(build(ev(status=status)))


def test_rescheduled_event_carries_its_new_dates() -> None:
    data = build(
        ev(
            status="rescheduled",
            start="2024-09-02",
            end="2024-09-04",
            previous_start="2024-06-03",
        )
    )
    parsed = only_ics(data)
    assert parsed.status == "CONFIRMED"
    assert (parsed.begin.date(), parsed.end.date()) == (date(2024, 9, 2), date(2024, 9, 5))


LOCATION = {"venue": "KTH", "city": "Stockholm", "country": "Sweden"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"location": LOCATION}, "KTH, Stockholm, Sweden"),
        ({"location": "Gothenburg, Sweden"}, "Gothenburg, Sweden"),
        ({"mode": "virtual"}, "Online"),
        ({"mode": "virtual", "location": LOCATION}, "Online"),
        ({"mode": "hybrid", "location": LOCATION}, "KTH, Stockholm, Sweden and online"),
        ({"mode": "hybrid"}, "Online"),
        ({"status": "moved-online", "location": LOCATION}, "Online"),
        ({}, None),
    ],
)
def test_location(fields: dict[str, Any], expected: str | None) -> None:
    data = build(ev(**fields))
    vevent = only_vevent(data)
    if expected is None:
        assert "LOCATION" not in vevent
    else:
        assert str(vevent["LOCATION"]) == expected
    assert only_ics(data).location == expected


def test_description_url_and_categories() -> None:
    event = ev(summary="Three days of talks.", tags=["Data", "conference", "Archives"])
    data = build(event)
    vevent = only_vevent(data)
    assert str(vevent["DESCRIPTION"]) == "Three days of talks."
    assert str(vevent["URL"]) == "https://example.org/events/ev.html"
    assert vevent.categories == ["conference", "data", "archives"]  # kind first, no repeats
    parsed = only_ics(data)
    assert parsed.description == "Three days of talks."
    assert parsed.url == "https://example.org/events/ev.html"
    assert parsed.categories == {"conference", "data", "archives"}


def test_url_from_url_for_or_none() -> None:
    event = ev(url="https://iassist.example/2024/")
    data = build(event, url_for=lambda e: e.url)
    assert str(only_vevent(data)["URL"]) == "https://iassist.example/2024/"
    assert "URL" not in only_vevent(build(ev(), url_for=lambda e: None))


def test_hostile_text_round_trips() -> None:
    event = dataclasses.replace(
        ev(kind="workshop", tags=["a,b", "c;d"], location={"venue": "Hall; A, B", "city": "Malmö"}),
        title=HOSTILE,
        summary=HOSTILE + "\nsecond line",
    )
    data = build(event)
    assert b"\nmore" not in data  # newlines are escaped, never raw
    vevent = only_vevent(data)
    assert str(vevent["SUMMARY"]) == HOSTILE
    assert str(vevent["DESCRIPTION"]) == HOSTILE + "\nsecond line"
    assert str(vevent["LOCATION"]) == "Hall; A, B, Malmö"
    assert vevent.categories == ["workshop", "a,b", "c;d"]
    parsed = only_ics(data)
    assert parsed.name == HOSTILE
    assert parsed.description == HOSTILE + "\nsecond line"
    assert parsed.location == "Hall; A, B, Malmö"


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from("\n,;:\\\"'<>&"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=60, deadline=None)
@given(title=TEXT, summary=TEXT)
def test_any_text_round_trips(title: str, summary: str) -> None:
    data = build(dataclasses.replace(ev(), title=title, summary=summary))
    vevent = only_vevent(data)
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]) == summary


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    days=st.integers(min_value=0, max_value=40),
)
def test_any_all_day_span(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    data = build(ev(start=start.isoformat(), end=end.isoformat()))
    vevent = only_vevent(data)
    assert (vevent.start, vevent.end) == (start, end + timedelta(days=1))


# -- one-event calendars -------------------------------------------------------------------


def test_event_calendar_holds_one_event_as_in_the_full_calendar() -> None:
    timed = ev(id="talk", start="2024-03-30T09:00", end="2024-03-31T17:00")
    other = ev(id="other", start="2024-06-10")
    full = build(timed, other, name="IASSIST events")
    single = singles(timed, other, name="IASSIST events")["talk"]
    assert not any(line.startswith(("NAME:", "X-WR-CALNAME")) for line in lines(single))
    vevent = only_vevent(single)
    (same,) = [v for v in vevents(full) if v["UID"] == vevent["UID"]]
    assert vevent.to_ical() == same.to_ical()
    assert [tz.tz_name for tz in icalendar.Calendar.from_ical(single).timezones] == [
        "Europe/Stockholm"
    ]
    assert f"PRODID:{ical.PRODID}" in lines(single)
    assert "VERSION:2.0" in lines(single)
    assert only_ics(single).uid == "talk@sphinx-iassist"


def test_event_calendar_domain() -> None:
    single = singles(ev(), domain="x.example")["ev"]
    assert str(only_vevent(single)["UID"]) == "ev@x.example"


def test_fixed_offset_event_in_a_zone_of_its_own_datetime() -> None:
    # an Event built directly with a datetime.timezone still gets a valid calendar
    start = datetime(2024, 6, 10, 9, tzinfo=timezone(timedelta(hours=-4)))
    event = dataclasses.replace(ev(), start=start, end=start + timedelta(hours=2))
    data = build(event)
    assert "DTSTART:20240610T130000Z" in lines(data)
    assert only_ics(data).end == datetime(2024, 6, 10, 15, tzinfo=UTC)


def test_vtimezone_covers_the_events_years_and_output_stays_identical() -> None:
    january = ev(id="jan", start="2024-01-02T09:00", end="2024-01-02T10:00")
    single = singles(january)["jan"]
    # other events in the same zone (sharing its VTIMEZONE) leave this one's file unchanged
    december = ev(id="dec", start="2025-12-30T09:00", end="2025-12-30T10:00")
    assert singles(january, december)["jan"] == single
    (vtimezone,) = icalendar.Calendar.from_ical(single).timezones
    tz = vtimezone.to_tz()
    assert datetime(2024, 1, 2, 9, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2024, 7, 1, 9, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2024, 12, 31, 23, tzinfo=tz).utcoffset() == timedelta(hours=1)
