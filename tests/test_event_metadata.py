"""Search-engine metadata of event pages: the JSON-LD extracted as a search engine does
(``extruct``), checked against Google's required and recommended Event properties; HTML,
calendar and JSON-LD agreeing on every event; the ``iassist.metadata`` warnings."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, iassist_warnings, text

extruct = pytest.importorskip("extruct")

SCHEMA = "https://schema.org/"

#: Google's Event rich result: the properties it requires, and those it recommends
#: (https://developers.google.com/search/docs/appearance/structured-data/event)
REQUIRED = ("name", "startDate", "location")
RECOMMENDED = (
    "description",
    "endDate",
    "eventAttendanceMode",
    "eventStatus",
    "image",
    "offers",
    "organizer",
)
OFFER_RECOMMENDED = ("availability", "price", "priceCurrency", "url", "validFrom")


def extracted(app: Any, docname: str) -> list[dict[str, Any]]:
    """The schema.org Events of a page, as a search engine's extractor reads them."""
    path = Path(app.outdir) / f"{docname}.html"
    found = extruct.extract(
        path.read_text(encoding="utf-8"),
        base_url=f"https://example.org/site/{docname}.html",
        syntaxes=["json-ld"],
    )["json-ld"]
    assert len(found) == 1, found  # one script a page
    (document,) = found
    assert document["@context"] == "https://schema.org"
    events = document["@graph"]
    assert all(item["@type"] == "Event" for item in events)
    return list(events)


def google_problems(item: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(required properties missing or wrong, recommended ones missing), as Google's Rich
    Results Test would say for one Event."""
    required = [name for name in REQUIRED if not item.get(name)]
    places = item.get("location") or []
    places = places if isinstance(places, list) else [places]
    for place in places:
        if place["@type"] == "Place" and not place.get("address"):
            required.append("location.address")
        if place["@type"] == "VirtualLocation" and not place.get("url"):
            required.append("location.url")
    offline = item.get("eventAttendanceMode") != SCHEMA + "OnlineEventAttendanceMode"
    if offline and not any(p["@type"] == "Place" for p in places):
        required.append("location: a Place")
    online = item.get("eventAttendanceMode") != SCHEMA + "OfflineEventAttendanceMode"
    if online and not any(p["@type"] == "VirtualLocation" for p in places):
        required.append("location: a VirtualLocation")
    for key in ("startDate", "endDate", "previousStartDate"):
        if key in item:
            _parse(item[key])  # ISO 8601
    if "previousStartDate" in item and item["eventStatus"] != SCHEMA + "EventRescheduled":
        required.append("previousStartDate only for rescheduled events")
    recommended = [name for name in RECOMMENDED if not item.get(name)]
    offer = item.get("offers")
    if offer:
        recommended += [f"offers.{n}" for n in OFFER_RECOMMENDED if n not in offer]
    organizer = item.get("organizer")
    if organizer and not organizer.get("url"):
        recommended.append("organizer.url")
    if "image" in item:
        assert all(re.match(r"https?://", url) for url in item["image"])
    return required, recommended


def _parse(value: str) -> date | datetime:
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


@pytest.mark.sphinx("html", testroot="detail")
@pytest.mark.test_params(shared_result="metadata-detail")
def test_every_kind_of_event_meets_googles_required_properties(built: Any) -> None:
    items = {item["name"]: item for item in extracted(built, "sweden")}
    items |= {item["name"]: item for item in extracted(built, "others")}
    assert set(items) == {
        "IASSIST 2021 Gothenburg",  # hybrid, rescheduled, everything given
        "Data Summit Tokyo",  # moved online, timed
        "Postponed Workshop",  # in person, postponed, a free-text place
        "Cancelled Webinar",  # virtual, cancelled
        "Data Fest Chicago",  # in person, scheduled, timed, free
    }
    for name, item in items.items():
        required, _ = google_problems(item)
        assert required == [], (name, required)
    # the event with every field misses only what the data cannot say
    _, recommended = google_problems(items["IASSIST 2021 Gothenburg"])
    assert recommended == ["offers.availability"]


@pytest.mark.sphinx("html", testroot="detail")
@pytest.mark.test_params(shared_result="metadata-detail")
def test_json_ld_of_each_status(built: Any) -> None:
    items = {item["name"]: item for item in extracted(built, "sweden") + extracted(built, "others")}
    sweden = items["IASSIST 2021 Gothenburg"]
    assert sweden["eventStatus"] == SCHEMA + "EventRescheduled"
    assert (sweden["startDate"], sweden["previousStartDate"]) == ("2021-05-31", "2020-05-26")
    place, virtual = sweden["location"]
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Chalmersplatsen 1",
        "postalCode": "412 96",
        "addressLocality": "Gothenburg",
        "addressCountry": "SE",
    }
    assert virtual == {"@type": "VirtualLocation", "url": "https://iassist2021.example.org/join"}
    assert sweden["offers"] == {
        "@type": "Offer",
        "url": "https://iassist2021.example.org/register",
        "price": "120",
        "priceCurrency": "EUR",
        "validFrom": "2021-02-01T00:00:00+01:00",
        "availabilityStarts": "2021-02-01T00:00:00+01:00",
        "availabilityEnds": "2021-05-21T00:00:00+02:00",
    }
    assert sweden["organizer"] == {
        "@type": "Organization",
        "name": "IASSIST",
        "url": "https://iassistdata.org",
    }
    assert sweden["image"] == ["https://example.org/site/_iassist/images/sweden/gothenburg.png"]
    assert sweden["description"].split("\n\n") == [
        "Four days of workshops & sessions.",
        'Hosted by <Chalmers> "library".',
    ]
    tokyo = items["Data Summit Tokyo"]
    assert tokyo["eventStatus"] == SCHEMA + "EventMovedOnline"
    assert tokyo["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert tokyo["location"] == {
        "@type": "VirtualLocation",
        "url": "https://tokyo.example.org/live",
    }
    later = items["Postponed Workshop"]
    assert later["eventStatus"] == SCHEMA + "EventPostponed"
    assert later["startDate"] == "2021-03-01" and "previousStartDate" not in later
    assert items["Cancelled Webinar"]["eventStatus"] == SCHEMA + "EventCancelled"
    fest = items["Data Fest Chicago"]
    assert fest["eventStatus"] == SCHEMA + "EventScheduled"
    assert fest["startDate"] == "2021-07-10T09:00:00-05:00"
    assert fest["location"]["address"]["addressCountry"] == "US"  # from the alpha-3 code
    assert (fest["offers"]["price"], "priceCurrency" in fest["offers"]) == (0, False)


def _html_facts(built: Any, docname: str, event_id: str) -> dict[str, Any]:
    root = html(built, docname).select_one(f".iassist-event-detail[data-event-id='{event_id}']")
    dates = [t["datetime"] for t in root.select(".iassist-detail-facts .iassist-event-date time")]
    previous = root.select_one(".iassist-previous time")
    statuses = [c.removeprefix("iassist-status-") for c in root["class"] if "status-" in c]
    return {
        "status": statuses[0] if statuses else "scheduled",
        "online": text(root.select_one(".iassist-event-mode")) == "Virtual",
        "start": _parse(dates[0]),
        "previous": _parse(previous["datetime"]) if previous else None,
        "place": root.select_one("address") is not None,
    }


ICAL_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "moved-online": "CONFIRMED"}
ICAL_STATUS |= {"postponed": "TENTATIVE", "cancelled": "CANCELLED"}


LD_STATUS = {
    "scheduled": "EventScheduled",
    "rescheduled": "EventRescheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved-online": "EventMovedOnline",
}


@pytest.mark.sphinx("html", testroot="detail")
@pytest.mark.test_params(shared_result="metadata-detail")
def test_html_calendar_and_json_ld_agree_on_every_event(built: Any) -> None:
    from sphinx_iassist.readers.catalog import load_catalog

    catalog = load_catalog([Path(built.srcdir) / "events.yaml"])
    pages = {"sweden": "sweden", "tokyo": "others", "later": "others", "gone": "others"}
    pages["fest"] = "others"
    assert set(pages) == {event.id for event in catalog.events}  # every event of the data
    for event_id, docname in pages.items():
        event = catalog.get(event_id)
        assert event is not None
        facts = _html_facts(built, docname, event_id)
        (item,) = [i for i in extracted(built, docname) if i["name"] == event.title]
        path = Path(built.outdir) / "_ics" / f"{event_id}.ics"
        # the event's own entry, not those of its deadlines (summaries "<what>: <title>")
        (vevent,) = [
            v
            for v in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            if str(v["SUMMARY"]) == event.title
        ]
        status = facts["status"]
        assert status == event.status.value
        assert item["eventStatus"] == SCHEMA + LD_STATUS[status]
        assert str(vevent["STATUS"]) == ICAL_STATUS[status]
        # online or not, and a place or not
        online_ld = item["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
        assert facts["online"] == online_ld == (str(vevent.get("LOCATION")) == "Online")
        places = _as_list(item.get("location"))
        assert facts["place"] == any(p["@type"] == "Place" for p in places)
        # dates: the calendar and the page agree; JSON-LD too, but a postponed event keeps
        # its original date there, which the page shows as its previous one
        assert _same_instant(vevent.decoded("DTSTART"), facts["start"])
        expected_ld = facts["previous"] if status == "postponed" else facts["start"]
        assert _same_instant(_parse(item["startDate"]), expected_ld)
        if status == "rescheduled":
            assert _same_instant(_parse(item["previousStartDate"]), facts["previous"])
        else:
            assert "previousStartDate" not in item


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _same_instant(a: date | datetime, b: date | datetime) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a == b
    return not isinstance(a, datetime) and not isinstance(b, datetime) and a == b


# -- the page of an event, and the warnings -----------------------------------------------------


@pytest.mark.sphinx("html", testroot="metadata")
@pytest.mark.test_params(shared_result="metadata-warnings")
def test_metadata_warnings_once_per_event_at_its_line(built: Any) -> None:
    found = iassist_warnings(built)
    assert all("[iassist.metadata]" in w for w in found), found
    located = sorted(
        re.search(r"events\.yaml:(\d+): WARNING: event '([a-z]+)'", w).groups() for w in found
    )  # type: ignore[union-attr]
    assert located == [
        ("1", "nowhere"),  # in person, no place: its page has no event-detail
        ("14", "pictured"),  # an image file and no html_baseurl
        ("5", "nolink"),  # virtual, nowhere to join
        ("9", "hybrid"),  # no address or city
        ("9", "hybrid"),  # nowhere to join; once, although shown twice
    ]
    assert not any("'fine'" in w or "'unshown'" in w for w in found)


@pytest.mark.sphinx("html", testroot="metadata")
@pytest.mark.test_params(shared_result="metadata-warnings")
def test_an_events_page_carries_its_json_ld(built: Any) -> None:
    assert [item["name"] for item in extracted(built, "nowhere")] == ["In person, but where?"]
    pictured = next(i for i in extracted(built, "details") if i["name"] == "With a picture file")
    assert "image" not in pictured  # no html_baseurl: no absolute URL to give


@pytest.mark.sphinx("text", testroot="metadata")
def test_no_metadata_warnings_without_html(built: Any) -> None:
    assert iassist_warnings(built) == []


@pytest.mark.sphinx(
    "html",
    testroot="metadata",
    confoverrides={"suppress_warnings": [], "iassist_jsonld": False},
)
def test_no_metadata_warnings_without_json_ld(built: Any) -> None:
    assert iassist_warnings(built) == []


@pytest.mark.sphinx(
    "html", testroot="metadata", confoverrides={"html_baseurl": "https://example.org/site/"}
)
def test_image_file_with_a_base_url(built: Any) -> None:
    assert not any("'pictured'" in w for w in iassist_warnings(built))
    pictured = next(i for i in extracted(built, "details") if i["name"] == "With a picture file")
    assert pictured["image"] == ["https://example.org/site/_iassist/images/pictured/pic.png"]
    assert (Path(built.outdir) / "_iassist" / "images" / "pictured" / "pic.png").is_file()
