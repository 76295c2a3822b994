"""``event-list``: every option, every style, the HTML contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import pytest
from helpers import assert_says, event_ids, groups, html, month, text, words

from sphinx_iassist import nodes as inodes

#: every test looks at one build of the root with a list of each option and style
pytestmark = [
    pytest.mark.sphinx("html", testroot="options"),
    pytest.mark.test_params(shared_result="test_event_list"),
]


@pytest.fixture
def page(built_clean: Any) -> Any:
    return html(built_clean)


def lst(page: Any, name: str) -> Any:
    found = page.select_one(f".iassist-event-list.{name}")
    assert found is not None, name
    return found


def test_default_groups_forthcoming_then_completed(page: Any) -> None:
    assert groups(lst(page, "default-list")) == {
        # forthcoming: soonest first (conf-2021 is under way on 2021-06-15)
        "Forthcoming": ["conf-2021", "ws-data", "conf-2022"],
        # completed: newest first
        "Completed": ["webinar-1", "conf-2020", "conf-2019"],
    }


def test_group_headings_are_headings_one_below_the_section(page: Any) -> None:
    headings = lst(page, "default-list").select(".iassist-event-group-title")
    assert [h.name for h in headings] == ["h3", "h3"]


def test_series_filter(page: Any) -> None:
    assert sorted(event_ids(lst(page, "series-list"))) == [
        "conf-2019",
        "conf-2020",
        "conf-2021",
        "conf-2022",
    ]


def test_when_upcoming_and_past(page: Any) -> None:
    assert event_ids(lst(page, "upcoming-list")) == ["conf-2021", "ws-data", "conf-2022"]
    assert event_ids(lst(page, "past-list")) == ["webinar-1", "conf-2020", "conf-2019"]


def test_group_by_year_newest_first(page: Any) -> None:
    assert list(groups(lst(page, "year-list"))) == ["2022", "2021", "2020", "2019"]


def test_group_by_kind(page: Any) -> None:
    assert groups(lst(page, "kind-list")) == {
        "Conferences": ["conf-2021", "conf-2022", "conf-2020", "conf-2019"],
        "Workshops": ["ws-data"],
        "Webinars": ["webinar-1"],
    }


def test_group_by_none_and_order(page: Any) -> None:
    asc = lst(page, "asc-list")
    assert asc.select(".iassist-event-group-title") == []
    assert event_ids(asc) == [
        "conf-2019",
        "conf-2020",
        "webinar-1",
        "conf-2021",
        "ws-data",
        "conf-2022",
    ]
    assert event_ids(lst(page, "desc-list")) == list(reversed(event_ids(asc)))


def test_kind_tags_limit(page: Any) -> None:
    assert event_ids(lst(page, "kind-filter-list")) == ["ws-data", "webinar-1"]
    assert event_ids(lst(page, "tags-list")) == ["ws-data", "webinar-1"]
    assert event_ids(lst(page, "limit-list")) == ["conf-2021", "ws-data"]


def test_empty_text(page: Any) -> None:
    empty = lst(page, "empty-list")
    assert event_ids(empty) == []
    assert text(empty.select_one(".iassist-empty")) == "No events are planned yet."


def test_event_markup_contract(page: Any) -> None:
    event = lst(page, "default-list").select_one('[data-event-id="conf-2021"]')
    assert event.name == "li"
    assert {"iassist-event", "iassist-mode-virtual", "iassist-event-ongoing"} <= set(event["class"])
    times = event.select("time")
    assert [t["datetime"] for t in times] == ["2021-06-14", "2021-06-17"]
    assert "14" in words(times[0].get_text()) and "17" in words(times[1].get_text())
    assert_says(text(event.select_one(".iassist-event-date")), "Jun", "14", "17", "2021")
    assert text(event.select_one(".iassist-ongoing")) == "Happening now"
    link = event.select_one(".iassist-event-title a")
    assert link["href"] == "detail.html"
    assert event["data-iassist-end"] == "2021-06-18T00:00:00Z"  # in UTC, for Date.parse


def test_status_badge_and_location(page: Any) -> None:
    default = lst(page, "default-list")
    cancelled = default.select_one('[data-event-id="conf-2020"]')
    assert text(cancelled.select_one(".iassist-status-cancelled.iassist-badge")) == "Cancelled"
    assert cancelled.select_one(".iassist-ongoing") is None
    hybrid = default.select_one('[data-event-id="conf-2022"]')
    assert (
        text(hybrid.select_one(".iassist-event-location"))
        == "Gothenburg University, Gothenburg, Sweden"
    )
    assert text(hybrid.select_one(".iassist-event-mode")) == "Hybrid"
    assert hybrid.select_one(".iassist-event-title a")["href"] == "https://example.org/2022"
    assert hybrid.select_one(".iassist-badge") is None


def test_timed_event_shows_its_zone(page: Any) -> None:
    event = lst(page, "default-list").select_one('[data-event-id="ws-data"]')
    dates = text(event.select_one(".iassist-event-date"))
    assert_says(dates, month("en", 9), "1", "2021", "9:00", "AM", "5:00", "PM", "CEST")
    assert words(dates).count("CEST") == 1  # one zone: said once, at the end
    assert [t["datetime"] for t in event.select("time")] == [
        "2021-09-01T09:00+02:00",
        "2021-09-01T17:00+02:00",
    ]
    assert text(event.select_one(".iassist-event-summary")) == "A day of hands-on data curation."


def test_styles(page: Any) -> None:
    cards = lst(page, "cards-list")
    assert "iassist-style-cards" in cards["class"]
    card = cards.select_one(".iassist-event")
    assert card.name == "article" and "sd-card" in card["class"]
    assert card.select_one(".iassist-event-title").name == "h4"

    table = lst(page, "table-list")
    assert table.select_one("table.iassist-event-table thead th")["scope"] == "col"
    assert all(row.name == "tr" for row in table.select(".iassist-event"))

    buttons = lst(page, "buttons-list")
    link = buttons.select_one('[data-event-id="conf-2021"] a')
    assert {"iassist-button", "iassist-button-primary", "sd-btn", "sd-btn-primary"} <= set(
        link["class"]
    )


def test_as_of_line(page: Any) -> None:
    default = lst(page, "default-list")
    assert default["data-iassist-today"] == "2021-06-15"
    as_of = default.select_one(".iassist-as-of")
    assert words(text(as_of)) == ["as", "of", "Jun", "15", "2021"]
    assert as_of.select_one("time")["datetime"] == "2021-06-15"


def test_buttons_and_roles(built_clean: Any) -> None:
    detail = html(built_clean, "detail")
    body = detail.select_one("[role=main]") or detail
    buttons = body.select("a.iassist-button")
    # docutils cloaks "@" in mailto: links as %40
    assert [(b.get_text(strip=True), unquote(b["href"])) for b in buttons] == [
        ("Conference 2022", "https://example.org/2022"),
        ("Back to all events", "index.html"),
        ("Register", "https://example.org/register"),
        ("Write to us", "mailto:office@example.org"),
    ]
    assert (
        "iassist-button-outline" in buttons[0]["class"]
        and "sd-btn-outline-primary" in buttons[0]["class"]
    )
    assert "iassist-button-secondary" in buttons[1]["class"]
    refs = body.select(".iassist-event-ref")
    assert [r.get_text() for r in refs] == ["Conference 2022", "the workshop"]
    assert refs[0].find_parent("a")["href"] == "https://example.org/2022"
    assert refs[1].find_parent("a") is None  # no page and no url: its title, unlinked
    role = body.select_one("p .iassist-event-date")
    assert_says(text(role), "Jun", "14", "17", "2021")
    assert [t["datetime"] for t in role.select("time")] == ["2021-06-14", "2021-06-17"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("site-zone-list", (month("en", 9), "1", "2021", "7:00", "AM", "3:00", "PM", "UTC")),
        ("named-zone-list", (month("en", 9), "1", "2021", "3:00", "11:00", "AM", "EDT")),
        ("local-zone-list", (month("en", 9), "1", "2021", "7:00", "AM", "3:00", "PM", "UTC")),
    ],
)
def test_timezone_option(page: Any, name: str, shown: tuple[str, ...]) -> None:
    date_span = lst(page, name).select_one('[data-event-id="ws-data"] .iassist-event-date')
    assert_says(date_span.get_text(), *shown)
    assert words(date_span.get_text())[-1] == shown[-1]  # the zone shown is the one chosen
    # the machine dates are the same instants, whatever zone shows them
    instants = [datetime.fromisoformat(t["datetime"]) for t in date_span.select("time")]
    assert instants == [datetime(2021, 9, 1, 7, tzinfo=UTC), datetime(2021, 9, 1, 15, tzinfo=UTC)]
    assert date_span.has_attr("data-iassist-local-time") == (name == "local-zone-list")


def test_a_group_s_events_are_one_node_of_their_markup(built_clean: Any) -> None:
    # one node for all of a group's events, not one each (a node is ~600 bytes an event)
    app = built_clean
    doctree = app.env.get_doctree("index")
    app.env.apply_post_transforms(doctree, "index")
    lists = [
        node for node in doctree.findall(inodes.html_element) if "default-list" in node["classes"]
    ]
    assert len(lists) == 1
    fragments = list(lists[0].findall(inodes.html_fragment))
    assert [len(fragment["html"]) for fragment in fragments] == [3, 3]  # the two groups
    ids = [
        piece.split('data-event-id="')[1].split('"')[0] for f in fragments for piece in f["html"]
    ]
    assert ids == ["conf-2021", "ws-data", "conf-2022", "webinar-1", "conf-2020", "conf-2019"]
