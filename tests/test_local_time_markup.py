"""The markup the browser script reads to add the reader's own time: every timed range
shown in a zone carries its instants (UTC) and the zone; all-day ranges carry none."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import html, text

STYLES = ("list-style", "table-style", "buttons-style", "cards-style")

pytestmark = [
    pytest.mark.sphinx("html", testroot="local-time"),
    pytest.mark.test_params(shared_result="test_local_time_markup"),
]


def date_of(page: Any, list_class: str, event_id: str) -> Any:
    event = page.select_one(f".{list_class} [data-event-id='{event_id}']")
    return event.select_one(".iassist-event-date")


@pytest.mark.parametrize("style", STYLES)
def test_timed_ranges_carry_instants_and_their_zone(built_clean: Any, style: str) -> None:
    span = date_of(html(built_clean), style, "berlin-summer")
    assert span["data-iassist-start"] == "2030-06-12T12:00:00Z"
    assert span["data-iassist-end"] == "2030-06-12T14:00:00Z"
    assert span["data-iassist-zone"] == "Europe/Berlin"
    assert span["data-iassist-label-local"] == "(%s your time)"
    assert text(span).endswith("CEST")  # the event's own time, with its zone
    dst = date_of(html(built_clean), style, "berlin-dst")
    assert "CET" in text(dst) and text(dst).endswith("CEST")  # both sides of the change


@pytest.mark.parametrize("style", STYLES)
def test_all_day_ranges_carry_no_zone(built_clean: Any, style: str) -> None:
    span = date_of(html(built_clean), style, "all-day")
    assert not span.has_attr("data-iassist-zone") and not span.has_attr("data-iassist-start")


def test_a_list_in_the_sites_zone_names_that_zone(built_clean: Any) -> None:
    span = date_of(html(built_clean), "site-zone", "berlin-summer")
    assert span["data-iassist-zone"] == "America/New_York"
    assert "EDT" in text(span)


def test_a_list_in_the_readers_zone_is_left_to_the_script_that_rewrites_it(
    built_clean: Any,
) -> None:
    span = date_of(html(built_clean), "local-zone", "berlin-summer")
    assert span.has_attr("data-iassist-local-time")
    assert not span.has_attr("data-iassist-zone")


def test_the_event_date_role(built_clean: Any) -> None:
    timed, all_day = html(built_clean).select("p .iassist-event-date")[:2]
    assert timed["data-iassist-zone"] == "Europe/Berlin"
    assert timed["data-iassist-start"] == "2030-06-12T12:00:00Z"
    assert not all_day.has_attr("data-iassist-zone")


@pytest.mark.sphinx("html", testroot="local-time", confoverrides={"language": "fr"})
@pytest.mark.test_params(shared_result=None)
def test_the_label_is_translated(built: Any) -> None:
    span = date_of(html(built), "list-style", "berlin-summer")
    assert span["data-iassist-label-local"] == "(%s, votre heure)"
