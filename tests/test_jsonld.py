"""events → schema.org JSON-LD: mapping tables, locations, and text safe inside <script>."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import ev, page_url
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_iassist.model import Event, Mode, Status
from sphinx_iassist.publish import jsonld

SCHEMA = "https://schema.org/"
LOCATION = {"venue": "KTH", "city": "Stockholm", "region": "Stockholm County", "country": "SE"}


def graph(*events: Event) -> list[dict[str, Any]]:
    text = jsonld.page_script(list(events), url_for=page_url)
    assert text is not None
    document = json.loads(text)
    assert document["@context"] == "https://schema.org"
    assert set(document) == {"@context", "@graph"}
    items: list[dict[str, Any]] = document["@graph"]
    return items


def one(event: Event) -> dict[str, Any]:
    (item,) = graph(event)
    return item


# -- mapping tables ------------------------------------------------------------------------


def test_every_status_is_mapped() -> None:
    assert set(jsonld.EVENT_STATUS) == set(Status)
    assert len(set(jsonld.EVENT_STATUS.values())) == len(Status)
    for status in Status:
        value = one(ev(status=status.value))["eventStatus"]
        assert value == jsonld.EVENT_STATUS[status]
        assert value.startswith(SCHEMA + "Event")


def test_every_mode_is_mapped() -> None:
    assert set(jsonld.ATTENDANCE_MODE) == set(Mode)
    assert len(set(jsonld.ATTENDANCE_MODE.values())) == len(Mode)
    for mode in Mode:
        value = one(ev(mode=mode.value))["eventAttendanceMode"]
        assert value == jsonld.ATTENDANCE_MODE[mode]
        assert value.startswith(SCHEMA) and value.endswith("EventAttendanceMode")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("scheduled", "EventScheduled"),
        ("postponed", "EventPostponed"),
        ("rescheduled", "EventRescheduled"),
        ("cancelled", "EventCancelled"),
        ("moved-online", "EventMovedOnline"),
    ],
)
def test_status_values(status: str, expected: str) -> None:
    assert one(ev(status=status))["eventStatus"] == SCHEMA + expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("in-person", "OfflineEventAttendanceMode"),
        ("virtual", "OnlineEventAttendanceMode"),
        ("hybrid", "MixedEventAttendanceMode"),
    ],
)
def test_mode_values(mode: str, expected: str) -> None:
    assert one(ev(mode=mode))["eventAttendanceMode"] == SCHEMA + expected


def test_moved_online_is_attended_online() -> None:
    item = one(ev(status="moved-online", location=LOCATION, url="https://conf.example/"))
    assert item["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert item["location"] == {"@type": "VirtualLocation", "url": "https://conf.example/"}


# -- fields --------------------------------------------------------------------------------


def test_all_day_dates_with_inclusive_end() -> None:
    item = one(ev(start="2024-06-10", end="2024-06-12"))
    assert (item["startDate"], item["endDate"]) == ("2024-06-10", "2024-06-12")


def test_timed_datetimes_with_offsets() -> None:
    event = ev(start="2024-03-30T09:00", end="2024-03-31T17:00")
    item = one(event)
    assert item["startDate"] == "2024-03-30T09:00:00+01:00"
    assert item["endDate"] == "2024-03-31T17:00:00+02:00"
    assert datetime.fromisoformat(item["startDate"]) == event.start
    assert datetime.fromisoformat(item["endDate"]) == event.end


def test_full_event_matches_the_data() -> None:
    event = ev(
        title="IASSIST 2024",
        start="2024-05-28",
        end="2024-05-31",
        summary="Four days of data and archives.",
        tags=["data", "archives"],
        location=LOCATION,
    )
    assert one(event) == {
        "@type": "Event",
        "name": "IASSIST 2024",
        "startDate": "2024-05-28",
        "endDate": "2024-05-31",
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "KTH",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Stockholm",
                "addressRegion": "Stockholm County",
                "addressCountry": "SE",
            },
        },
        "description": "Four days of data and archives.",
        "url": "https://example.org/events/ev.html",
        "keywords": ["data", "archives"],
    }


def test_event_object_without_url_or_optional_fields() -> None:
    item = jsonld.event_object(ev(), url=None)
    assert set(item) == {
        "@type",
        "name",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
    }
    assert "@context" not in item


def test_text_location_is_place_name_and_address() -> None:
    item = one(ev(location="Gothenburg, Sweden"))
    assert item["location"] == {
        "@type": "Place",
        "name": "Gothenburg, Sweden",
        "address": "Gothenburg, Sweden",
    }


def test_place_without_venue() -> None:
    location = one(ev(location={"city": "Ottawa", "country": "Canada"}))["location"]
    assert "name" not in location
    assert location["address"]["addressLocality"] == "Ottawa"


def test_virtual_location_uses_event_url_else_page() -> None:
    own = one(ev(mode="virtual", url="https://zoom.example/j/1"))["location"]
    assert own == {"@type": "VirtualLocation", "url": "https://zoom.example/j/1"}
    page = one(ev(mode="virtual"))["location"]
    assert page == {"@type": "VirtualLocation", "url": "https://example.org/events/ev.html"}
    bare = jsonld.event_object(ev(mode="virtual"), url=None)["location"]
    assert bare == {"@type": "VirtualLocation"}


def test_hybrid_has_place_and_virtual_location() -> None:
    location = one(ev(mode="hybrid", location=LOCATION, url="https://conf.example/"))["location"]
    assert [loc["@type"] for loc in location] == ["Place", "VirtualLocation"]
    assert location[1]["url"] == "https://conf.example/"
    assert one(ev(mode="hybrid"))["location"]["@type"] == "VirtualLocation"


def test_in_person_without_location_has_none() -> None:
    assert "location" not in one(ev())


def test_rescheduled_has_its_new_start_and_the_previous_one() -> None:
    item = one(ev(status="rescheduled", start="2024-09-02", previous_start="2024-06-03"))
    assert (item["startDate"], item["previousStartDate"]) == ("2024-09-02", "2024-06-03")
    timed = one(
        ev(status="rescheduled", start="2024-09-02T10:00", previous_start="2024-06-03T10:00")
    )
    assert timed["previousStartDate"] == "2024-06-03T10:00:00+02:00"


def test_postponed_keeps_its_original_dates_and_no_previous_start() -> None:
    item = one(
        ev(status="postponed", start="2024-09-02", end="2024-09-04", previous_start="2024-06-03")
    )
    assert (item["startDate"], item["endDate"]) == ("2024-06-03", "2024-06-05")
    assert "previousStartDate" not in item
    timed = one(
        ev(
            status="postponed",
            start="2024-09-02T10:00",
            end="2024-09-02T12:00",
            previous_start="2024-06-03T10:00",
        )
    )
    assert (timed["startDate"], timed["endDate"]) == (
        "2024-06-03T10:00:00+02:00",
        "2024-06-03T12:00:00+02:00",
    )
    # without a previous start, the dates the data gives
    assert one(ev(status="postponed", start="2024-09-02"))["startDate"] == "2024-09-02"


@pytest.mark.parametrize("status", ["scheduled", "cancelled", "moved-online"])
def test_no_previous_start_date_for_other_statuses(status: str) -> None:
    # the loader drops such a previous_start with a warning; the mapping ignores it anyway
    event = dataclasses.replace(ev(status=status), previous_start=date(2024, 6, 3))
    assert "previousStartDate" not in one(event)


def test_no_organizer_unless_given() -> None:
    assert "organizer" not in one(ev(location=LOCATION, url="https://conf.example/"))


# -- the script text -----------------------------------------------------------------------


def test_no_events_no_script() -> None:
    assert jsonld.page_script([], url_for=page_url) is None


def test_events_in_given_order_each_once() -> None:
    a, b = ev(id="a", title="A", start="2025-01-01"), ev(id="b", title="B", start="2020-01-01")
    assert [item["name"] for item in graph(a, b, a)] == ["A", "B"]
    assert [item["url"] for item in graph(b, a)] == [page_url(b), page_url(a)]


def test_keys_sorted_and_output_deterministic() -> None:
    events = [ev(id="a", mode="hybrid", location=LOCATION, tags=["x"]), ev(id="b")]
    text = jsonld.page_script(events, url_for=page_url)
    assert text == jsonld.page_script(list(events), url_for=page_url)

    def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        assert keys == sorted(keys)
        return dict(pairs)

    assert text is not None
    json.loads(text, object_pairs_hook=check)


HOSTILE = "</script><script>alert(1)</script> <!-- & &amp; \u2028\u2029 ✓ \"q\" 'a' \\"


def test_script_end_tag_cannot_appear() -> None:
    event = dataclasses.replace(ev(tags=["</SCRIPT>"]), title=HOSTILE, summary=HOSTILE)
    text = jsonld.page_script([event], url_for=lambda e: "https://x.example/?a=1&b=</script>")
    assert text is not None
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert "\\u003c/script\\u003e" in text
    (item,) = json.loads(text)["@graph"]
    assert item["name"] == HOSTILE
    assert item["description"] == HOSTILE
    assert item["keywords"] == ["</script>"]
    assert item["url"] == "https://x.example/?a=1&b=</script>"


def embedded(text: str) -> str:
    """What an HTML parser reads back from the script element holding ``text``."""
    html = f'<html><body><script type="application/ld+json">{text}</script><p>after</p>'
    soup = BeautifulSoup(html, "lxml")
    (script,) = soup.find_all("script")
    assert soup.find("p") is not None and soup.find("p").get_text() == "after"
    return str(script.string)


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60
) | st.sampled_from(["</script>", "<!--", "<script>", "]]>", "\u2028", "&lt;"])


@settings(max_examples=80, deadline=None)
@given(title=TEXT, summary=TEXT)
def test_any_text_survives_embedding(title: str, summary: str) -> None:
    event = dataclasses.replace(ev(), title=title, summary=summary)
    text = jsonld.page_script([event], url_for=page_url)
    assert text is not None
    assert embedded(text) == text
    (item,) = json.loads(embedded(text))["@graph"]
    assert (item["name"], item["description"]) == (title, summary)


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    status=st.sampled_from(Status),
    mode=st.sampled_from(Mode),
)
def test_any_status_and_mode(start: date, status: Status, mode: Mode) -> None:
    item = one(ev(start=start.isoformat(), status=status.value, mode=mode.value))
    assert item["startDate"] == start.isoformat()
    assert item["eventStatus"] in jsonld.EVENT_STATUS.values()
    assert item["eventAttendanceMode"] in jsonld.ATTENDANCE_MODE.values()
