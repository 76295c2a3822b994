"""Recurring events on pages: listed once, Forthcoming until the last occurrence ends,
"Happening now" during one; every list style and event-detail show the rule in words and
"next: <date>"; other builders get the same as text; a new today re-renders the pages whose
"next" changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import groups, html, text

ROOT = "recurring"


def entry(app: Any, event_id: str, docname: str = "index") -> Any:
    (found,) = html(app, docname).select(f'[data-event-id="{event_id}"]')[:1]
    return found


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_a_recurring_event_lists_once_and_stays_forthcoming(built_clean: Any) -> None:
    (event_list,) = html(built_clean).select(".iassist-event-list")
    assert groups(event_list) == {
        "Forthcoming": ["sprint-week", "community-call", "summit"],
        "Completed": ["old-series"],
    }


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_happening_now_during_an_occurrence(built_clean: Any) -> None:
    assert "iassist-event-ongoing" in entry(built_clean, "sprint-week")["class"]
    assert "iassist-event-ongoing" not in entry(built_clean, "community-call")["class"]


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_the_rule_in_words_and_the_next_occurrence(built_clean: Any) -> None:
    call = entry(built_clean, "community-call")
    assert text(call.select_one(".iassist-recurrence")).startswith("Every second Tuesday")
    nxt = call.select_one(".iassist-next")
    assert nxt is not None and text(nxt).startswith("next:")
    # January 27 is excluded: the next is February 10
    assert nxt.select("time")[0]["datetime"].startswith("2026-02-10T16:00")
    dates = nxt.select_one(".iassist-event-date")
    assert dates["data-iassist-start"] == "2026-02-10T16:00:00Z"


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_a_finished_series_shows_its_last_occurrence_without_next(built_clean: Any) -> None:
    old = entry(built_clean, "old-series")
    assert text(old.select_one(".iassist-recurrence")).startswith(
        "The first Tuesday of every month"
    )
    assert old.select_one(".iassist-next") is None
    assert old.select_one("time")["datetime"].startswith("2025-03-04")


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_every_list_style_shows_the_rule_and_next(built_clean: Any) -> None:
    page = html(built_clean, "styles")
    for event_list in page.select(".iassist-event-list"):
        (call,) = event_list.select('[data-event-id="community-call"]')
        assert call.select_one(".iassist-recurrence") is not None, event_list["class"]
        assert call.select_one(".iassist-next time") is not None, event_list["class"]


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_event_detail_shows_the_rule_and_next(built_clean: Any) -> None:
    detail = html(built_clean, "call").select_one(".iassist-event-detail")
    assert detail is not None
    assert text(detail.select_one(".iassist-recurrence")).startswith("Every second Tuesday")
    assert detail.select_one(".iassist-next time")["datetime"].startswith("2026-02-10")


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "epub", "xml"])
def test_other_builders_show_the_rule_and_next_as_text(
    make_app: Any, tmp_path: Path, builder: str, rootdir: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", src)
    app = make_app(builder, srcdir=src)
    app.build()
    out = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".1", ".texi", ".xhtml", ".xml"}
    )
    assert "Every second Tuesday" in out
    assert "next:" in out


def build(make_app: Any, src: Path, today: str) -> tuple[Any, set[str]]:
    app = make_app("html", srcdir=src, confoverrides={"iassist_today": today})
    written: set[str] = set()
    app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
    app.build()
    return app, written


def test_a_new_today_rewrites_the_pages_whose_next_changed(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", src)
    build(make_app, src, "2026-01-21")
    # the next day, within the same occurrence of the sprint: nothing shown changes
    _, written = build(make_app, src, "2026-01-22")
    assert written == set()
    # after February 10: the next call is February 24, on the list and on the event's page
    app, written = build(make_app, src, "2026-02-11")
    # the page with a button to the call too: its JSON-LD names the next occurrence
    assert {"index", "call", "styles", "button"} <= written
    assert html(app, "call").select_one(".iassist-next time")["datetime"].startswith("2026-02-24")
    call = html(app).select_one('[data-event-id="community-call"] .iassist-next time')
    assert call is not None and call["datetime"].startswith("2026-02-24")


def jsonld_graph(app: Any, docname: str) -> dict[str, dict[str, Any]]:
    import json

    (script,) = html(app, docname).select('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    return {item["name"]: item for item in graph}


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_jsonld_gives_an_event_series_with_the_next_occurrence(built_clean: Any) -> None:
    graph = jsonld_graph(built_clean, "index")
    call = graph["Community call"]
    assert call["@type"] == "EventSeries"
    (occurrence,) = call["subEvent"]
    assert occurrence["@type"] == "Event" and occurrence["name"] == "Community call"
    assert occurrence["startDate"].startswith("2026-02-10T16:00")
    assert occurrence["endDate"].startswith("2026-02-10T17:00")
    # a finished series has no next occurrence; a one-off event stays an Event
    assert graph["Old series"]["@type"] == "EventSeries"
    assert "subEvent" not in graph["Old series"]
    assert graph["Summit"]["@type"] == "Event"
    # wherever the event appears: its own page too
    assert jsonld_graph(built_clean, "call")["Community call"]["@type"] == "EventSeries"


def link_query(href: str) -> dict[str, str]:
    from urllib.parse import parse_qs, urlsplit

    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_add_to_calendar_links_carry_the_next_occurrence(built_clean: Any) -> None:
    for docname, scope in (
        ("index", '[data-event-id="community-call"]'),
        ("call", ".iassist-event-detail"),
    ):
        menu = html(built_clean, docname).select_one(f"{scope} .iassist-add-to-calendar")
        assert menu is not None, docname
        google = menu.select_one("a.iassist-calendar-google")["href"]
        assert link_query(google)["dates"] == "20260210T160000Z/20260210T170000Z"
        outlook = link_query(menu.select_one("a.iassist-calendar-outlook")["href"])
        assert outlook["startdt"] == "2026-02-10T16:00:00Z"
        # the file holds the whole series; a series without end keeps its menu
        assert menu.select_one("a.iassist-ics")["href"].endswith("community-call.ics")
        assert not menu.has_attr("data-iassist-end")


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_a_bounded_series_keeps_its_menu_until_its_last_occurrence(built_clean: Any) -> None:
    menu = html(built_clean).select_one('[data-event-id="sprint-week"] .iassist-add-to-calendar')
    assert menu is not None
    # third Monday of March 2026, five days: over at midnight after Friday, March 20 (UTC)
    assert menu["data-iassist-end"] == "2026-03-21T00:00:00Z"
    assert (
        html(built_clean).select_one('[data-event-id="old-series"] .iassist-add-to-calendar')
        is None
    )


@pytest.mark.sphinx("html", testroot=ROOT, shared_result="recurring-html")
def test_the_upcoming_occurrences_are_written_for_the_script(built_clean: Any) -> None:
    call = entry(built_clean, "community-call").select_one(".iassist-next")
    pairs = call["data-iassist-occurrences"].split()
    assert len(pairs) == 12 and not call.has_attr("data-iassist-last")
    assert pairs[0] == "2026-02-10T16:00:00Z/2026-02-10T17:00:00Z"
    assert pairs[1].startswith("2026-02-24T16:00:00Z/")
    assert call["data-iassist-occurrence-zone"] == "UTC"
    assert call.has_attr("data-iassist-pinned")  # conf.py sets iassist_today
    sprint = entry(built_clean, "sprint-week").select_one(".iassist-next")
    assert len(sprint["data-iassist-occurrences"].split()) == 3
    assert sprint.has_attr("data-iassist-last") and sprint.has_attr("data-iassist-all-day")
