"""What leaves the build for a programme: ``_ics/<event id>-programme.ics`` (one VEVENT per
session, the room as LOCATION) and JSON-LD ``subEvent``s with ``performer``s."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, ics_calendar, warnings

from sphinx_iassist.publish.programme_ical import build_programme_calendar
from sphinx_iassist.readers.frab import load_schedule

ROOT = Path(__file__).parent / "roots" / "test-programme"
SHARED = pytest.mark.test_params(shared_result="programme-outputs")
HTML = pytest.mark.sphinx("html", testroot="programme")


def _source() -> dict[str, dict[str, Any]]:
    schedule, _ = load_schedule(ROOT / "programme.json", "summit")
    assert schedule is not None
    raw = json.loads((ROOT / "programme.json").read_text(encoding="utf-8"))
    talks = [
        t
        for day in raw["schedule"]["conference"]["days"]
        for ts in day["rooms"].values()
        for t in ts
    ]
    kept = {s.guid for s in schedule.sessions}
    first: dict[str, dict[str, Any]] = {}
    for talk in talks:
        if talk["guid"] in kept:
            first.setdefault(talk["guid"], talk)
    return first


@HTML
@SHARED
def test_programme_calendar_one_vevent_per_session(built: Any) -> None:
    data = (Path(built.outdir) / "_ics" / "summit-programme.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    source = _source()
    assert len(events) == len(source) == 7
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        guid = str(event["UID"]).split(".", 1)[1].split("@")[0]
        talk = source[guid]
        assert event.decoded("DTSTART") == datetime.fromisoformat(talk["date"])
        assert str(event["LOCATION"]) == talk["room"]
        assert str(event["SUMMARY"]) == talk["title"]
        for person in talk.get("persons", []):
            assert person.get("public_name", person.get("name")) in str(event["DESCRIPTION"])
        assert "DTSTAMP" in event
    assert calendar["PRODID"] and calendar["VERSION"] == "2.0"
    strict = ics_calendar(data)  # a second, stricter parser reads it too
    assert len(strict.events) == 7
    # no programme, no file
    assert not (Path(built.outdir) / "_ics" / "other-programme.ics").exists()


@HTML
@SHARED
def test_jsonld_sub_events_with_performers(built: Any) -> None:
    scripts = html(built, "filters").select('script[type="application/ld+json"]')
    graph = json.loads(scripts[0].string)["@graph"]
    (summit,) = [e for e in graph if e["name"] == "Data Summit 2024"]
    sub = summit["subEvent"]
    source = {t["title"]: t for t in _source().values()}
    assert sorted(s["name"] for s in sub) == sorted(source)  # the page shows all (fallback)
    for session in sub:
        talk = source[session["name"]]
        assert datetime.fromisoformat(session["startDate"]) == datetime.fromisoformat(talk["date"])
        assert session["location"] == {"@type": "Place", "name": talk["room"]}
        names = [p.get("public_name", p.get("name")) for p in talk.get("persons", [])]
        assert [p["name"] for p in session.get("performer", [])] == names
        assert all(p["@type"] == "Person" for p in session.get("performer", []))


def test_calendar_is_reproducible() -> None:
    schedule, _ = load_schedule(ROOT / "programme.json", "summit")
    assert schedule is not None
    stamp = datetime(2024, 6, 1, tzinfo=UTC)
    one = build_programme_calendar(schedule, dtstamp=stamp, url_for=lambda s: s.url)
    two = build_programme_calendar(schedule, dtstamp=stamp, url_for=lambda s: s.url)
    assert one == two


def test_an_event_named_like_a_programme_calendar_keeps_its_file(
    site_copy: Any, build_site: Any
) -> None:
    srcdir = site_copy("programme")
    events = srcdir / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8")
        + "  - id: summit-programme\n    title: Summit programme launch\n    start: 2024-05-01\n",
        encoding="utf-8",
    )
    app = build_site(srcdir)
    data = (Path(app.outdir) / "_ics" / "summit-programme.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    # the event's own calendar, not the programme's sessions
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Summit programme launch"]
    clash = [w for w in warnings(app) if "summit-programme.ics" in w]
    assert len(clash) == 1
    assert "events.yaml:" in clash[0] and "[iassist.schedule]" in clash[0]
