"""One rule for every link to an event: its own page when that page is a document of the
project, else its ``url`` — alike in the roles, buttons and lists of a page, for HTML and
for the other builders, in the calendar files and in JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import html, iassist_warnings

PAGE = "events/own-page.html"
BASE = "https://example.org/docs/"

#: event id -> (its link on index.html, its absolute URL)
EXPECTED = {
    "own-page": (PAGE, BASE + PAGE),
    "no-such-page": ("https://example.org/no-such-page-site",) * 2,
    "url-only": ("https://example.org/url-only-site",) * 2,
    "no-link": (None, None),
}
TITLES = {
    "own-page": "Own Page",
    "no-such-page": "No Such Page",
    "url-only": "URL Only",
    "no-link": "No Link",
}


def _internal(reference: Any) -> bool:
    """A reference's ``internal`` attribute, as docutils writes it (1/0, or True/False)."""
    return str(reference["internal"]) in ("1", "True")


def _href(element: Any) -> str | None:
    anchor = element if element.name == "a" else element.find_parent("a")
    return str(anchor["href"]) if anchor is not None else None


@pytest.mark.sphinx("html", testroot="links")
def test_every_link_in_html_follows_the_rule(built: Any) -> None:
    assert iassist_warnings(built) == []
    page = html(built)
    roles = {ref.get_text(): _href(ref) for ref in page.select(".iassist-event-ref")}
    buttons = {b.get_text(): _href(b) for b in page.select(".iassist-button")}
    listed = {
        str(e["data-event-id"]): _href(e.select_one(".iassist-event-title a") or e)
        for e in page.select(".iassist-event")
    }
    for event_id, (href, _) in EXPECTED.items():
        title = TITLES[event_id]
        assert roles[title] == href, event_id
        assert listed[event_id] == href, event_id
        if event_id != "no-link":
            assert buttons[title] == href, event_id


@pytest.mark.sphinx("html", testroot="links")
def test_calendars_and_json_ld_follow_the_rule(built: Any) -> None:
    script = html(built).find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    in_json_ld = {item["name"]: item.get("url") for item in graph}
    for event_id, (_, url) in EXPECTED.items():
        assert in_json_ld[TITLES[event_id]] == url, event_id
        ics = (Path(built.outdir) / "_ics" / f"{event_id}.ics").read_text(encoding="utf-8")
        urls = [line[4:] for line in ics.replace("\r\n ", "").splitlines() if line[:4] == "URL:"]
        assert urls == ([url] if url else []), event_id


@pytest.mark.sphinx("xml", testroot="links")
def test_other_builders_follow_the_rule(built: Any) -> None:
    tree = BeautifulSoup((Path(built.outdir) / "index.xml").read_text(encoding="utf-8"), "xml")
    for event_id, (href, _) in EXPECTED.items():
        title = TITLES[event_id]
        references = [r for r in tree.find_all("reference") if r.get_text() == title]
        if href is None:
            assert references == [], event_id
        elif href == PAGE:  # the document, named as the xml builder names documents
            assert references, event_id
            assert all(_internal(r) and r["refuri"] == "events/own-page" for r in references)
        else:
            assert references, event_id
            assert all(not _internal(r) and r["refuri"] == href for r in references), event_id


@pytest.mark.sphinx("html", testroot="links", confoverrides={"suppress_warnings": []})
def test_a_page_that_is_no_document_is_one_data_warning(built: Any) -> None:
    warnings = iassist_warnings(built)
    assert len(warnings) == 1, warnings
    assert "'page' 'events/missing' of event 'no-such-page' is not a document" in warnings[0]
    assert "events.yaml:" in warnings[0]
