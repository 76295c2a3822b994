"""RFC 5545 escaping of every TEXT value and of the calendar's name, read back by
icalendar and by the strict ``ical`` parser, in the pure writer and in a built site."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import ev
from ical.calendar_stream import IcsCalendarStream

from sphinx_iassist.publish import ical

STAMP = datetime(2024, 5, 1, tzinfo=UTC)
#: commas, semicolons, backslashes, a colon, quotes, non-ASCII and what looks like markup
HOSTILE = 'Edge, cases; site \\ back\\slash: "q" ✓ 日本語 </script>'
LONG = "Lång rad, " * 40  # folded across many lines, through two-byte characters


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    return data.split(b"\r\n")[:-1]


def content_line(data: bytes, name: str) -> str:
    """The unfolded content line of property ``name`` (the first), as written."""
    unfolded = data.decode("utf-8").replace("\r\n ", "")
    return next(line for line in unfolded.split("\r\n") if line.startswith(f"{name}:"))


@pytest.fixture(scope="module")
def written() -> bytes:
    event = ev(
        title=HOSTILE,
        location={"venue": "Hall A; Room 1", "city": "Malmö, Skåne"},
        summary=LONG.strip(),
        tags=["a,b", "c;d", "e\\f"],
    )
    whole, _ = ical.build_calendars([event], dtstamp=STAMP, url_for=lambda e: None, name=HOSTILE)
    return whole


def test_text_values_are_escaped_as_written(written: bytes) -> None:
    escaped = 'Edge\\, cases\\; site \\\\ back\\\\slash: "q" ✓ 日本語 </script>'
    assert content_line(written, "SUMMARY") == f"SUMMARY:{escaped}"
    assert content_line(written, "NAME") == f"NAME:{escaped}"
    assert content_line(written, "X-WR-CALNAME") == f"X-WR-CALNAME:{escaped}"
    assert content_line(written, "LOCATION") == "LOCATION:Hall A\\; Room 1\\, Malmö\\, Skåne"
    assert content_line(written, "CATEGORIES") == "CATEGORIES:conference,a\\,b,c\\;d,e\\\\f"


def test_lines_are_folded_at_75_octets_never_inside_a_character(written: bytes) -> None:
    lines = physical_lines(written)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8


def test_icalendar_reads_back_every_value(written: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(written)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == HOSTILE
    assert str(vevent["DESCRIPTION"]) == LONG.strip()
    assert str(vevent["LOCATION"]) == "Hall A; Room 1, Malmö, Skåne"
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["conference", "a,b", "c;d", "e\\f"]


def test_the_strict_parser_reads_back_every_value(written: bytes) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(written.decode("utf-8"))
    assert calendar.name == [HOSTILE]  # NAME: one value, not cut at the comma
    (event,) = calendar.events
    assert event.summary == HOSTILE
    assert event.description == LONG.strip()
    assert event.location == "Hall A; Room 1, Malmö, Skåne"
    # ical 14 splits CATEGORIES at every comma, escaped or not (its reader's limit; the
    # written line is RFC 5545's, see above): the values without a comma come back whole
    assert {"conference", "c;d", "e\\f"} <= set(event.categories)


@pytest.mark.sphinx(
    "html",
    testroot="subscribe",
    confoverrides={"project": "Edge, cases; site", "html_baseurl": "https://ex.org/"},
)
def test_a_built_sites_calendars_carry_the_project_name_whole(built: Any) -> None:
    out = Path(built.outdir)
    name = "Edge, cases; site"
    for path in ("events.ics", "_ics/series/mote-i-malmo.ics"):
        data = (out / path).read_bytes()
        strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert strict.name == [name]
        assert content_line(data, "X-WR-CALNAME") == "X-WR-CALNAME:Edge\\, cases\\; site"
    # a series' calendar is described by the series, whole
    series = (out / "_ics/series/mote-i-malmo.ics").read_bytes()
    assert content_line(series, "X-WR-CALDESC") == "X-WR-CALDESC:Möte i Malmö"
