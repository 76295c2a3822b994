"""What an HTML build publishes besides pages: events.ics, per-event .ics, JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, ics_calendar

from sphinx_iassist.readers.catalog import load_catalog

#: every test looks at one build of the site, which knows its address
pytestmark = [
    pytest.mark.sphinx(
        "html",
        testroot="options",
        confoverrides={"html_baseurl": "https://events.example.org/docs/"},
    ),
    pytest.mark.test_params(shared_result="test_published_outputs"),
]


@pytest.fixture(scope="module")
def data(rootdir: Path) -> dict[str, Any]:
    return {e.id: e for e in load_catalog([rootdir / "test-options" / "events.yaml"]).events}


def test_events_ics_holds_every_event_as_in_the_data(
    built_clean: Any, data: dict[str, Any]
) -> None:
    raw = (Path(built_clean.outdir) / "events.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert events.keys() == data.keys()
    for event_id, vevent in events.items():
        event = data[event_id]
        assert str(vevent["SUMMARY"]) == event.title
        assert vevent.get("DTSTAMP") is not None
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        if event.all_day:
            assert not isinstance(start, datetime) and start == event.start
            assert (end - start).days == (event.end - event.start).days + 1  # exclusive end
        else:
            assert start == event.start and end == event.end
            assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert str(events["conf-2020"]["STATUS"]) == "CANCELLED"
    assert str(events["conf-2021"]["URL"]) == "https://events.example.org/docs/detail.html"
    assert str(events["conf-2022"]["URL"]) == "https://example.org/2022"
    assert [str(t["TZID"]) for t in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_a_second_parser_agrees(built_clean: Any, data: dict[str, Any]) -> None:
    parsed = ics_calendar((Path(built_clean.outdir) / "events.ics").read_bytes())
    events = {e.uid.split("@")[0]: e for e in parsed.events}
    assert events.keys() == data.keys()
    workshop = events["ws-data"]
    assert workshop.begin.datetime == data["ws-data"].start
    assert workshop.end.datetime == data["ws-data"].end
    virtual = events["conf-2021"]
    assert virtual.begin.date() == date(2021, 6, 14)
    assert virtual.location == "Online"
    assert "Gothenburg" in events["conf-2022"].location and "online" in events["conf-2022"].location


def test_one_calendar_per_event_behind_its_link(built_clean: Any) -> None:
    page = html(built_clean)
    links = page.select(".iassist-style-list.default-list a.iassist-ics")
    # offered for the events not over on the build's day and not cancelled
    offered = [link.find_parent(class_="iassist-event")["data-event-id"] for link in links]
    assert sorted(offered) == ["conf-2021", "conf-2022", "ws-data"]
    for link in links:
        target = Path(built_clean.outdir) / link["href"]
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        (vevent,) = calendar.walk("VEVENT")
        event_id = link.find_parent(class_="iassist-event")["data-event-id"]
        assert str(vevent["UID"]).split("@")[0] == event_id


def _jsonld(app, docname: str) -> list[dict]:  # type: ignore[no-untyped-def]
    raw = (Path(app.outdir) / f"{docname}.html").read_text()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert len(scripts) <= 1
    return json.loads(scripts[0])["@graph"] if scripts else []


def test_jsonld_lists_the_events_a_page_shows(built_clean: Any, data: dict[str, Any]) -> None:
    graph = {item["name"]: item for item in _jsonld(built_clean, "index")}
    assert set(graph) == {e.title for e in data.values()}
    cancelled = graph["Conference 2020"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["startDate"] == "2020-06-02" and cancelled["endDate"] == "2020-06-05"
    virtual = graph["Conference 2021"]
    assert virtual["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert virtual["location"]["@type"] == "VirtualLocation"
    hybrid = graph["Conference 2022"]
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {loc["@type"] for loc in hybrid["location"]} == {"Place", "VirtualLocation"}
    timed = graph["Data Workshop"]
    assert timed["startDate"] == "2021-09-01T09:00:00+02:00"
    postponed = graph["Webinar One"]  # as Google asks: its original date, no previous one
    assert postponed["eventStatus"] == "https://schema.org/EventPostponed"
    assert postponed["startDate"] == "2021-02-03" and "previousStartDate" not in postponed


def test_jsonld_only_where_events_are_shown(built_clean: Any) -> None:
    names = [item["name"] for item in _jsonld(built_clean, "detail")]
    # the event-button's event, then the event whose page this is; roles add none
    assert names == ["Conference 2022", "Conference 2021"]
    assert _jsonld(built_clean, "genindex") == []


@pytest.mark.parametrize(
    "target", ["index.html", "a/b/page.html", "a/b/", "", "_ics/page.html", "a/page.html#x"]
)
def test_ics_links_are_sphinx_relative_uris(target: str) -> None:
    from types import SimpleNamespace

    from sphinx.util.osutil import relative_uri

    from sphinx_iassist.publish.outputs import ics_href

    builder: Any = SimpleNamespace(get_target_uri=lambda docname: target)
    for event_id in ("conf-2024", "a.b_c", "x/y", "z#w"):
        expected = relative_uri(target, f"_ics/{event_id}.ics")
        assert ics_href(builder, "doc", event_id) == expected, (target, event_id)
