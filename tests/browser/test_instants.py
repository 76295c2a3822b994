"""The regrouping script reads every instant the build writes: offsets with seconds (zones
before they were standardised) are written in UTC, and an event whose instants do not
parse is left as built (site-instants/)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from iassist_browser import GROUPS_JS, HERE, build_html, reader_page
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SITE = HERE / "site-instants"
#: The build's day, 2021-04-01 (noon UTC), from SOURCE_DATE_EPOCH: lists not pinned.
BUILD_DAY = datetime(2021, 4, 1, 12, tzinfo=UTC)
#: The reader's clock: a month later.
READER = datetime(2021, 5, 1, 12, tzinfo=UTC)
HISTORIC = ["monrovia-1971", "amsterdam-days-1850", "amsterdam-1850"]

#: Every instant of the page (data-iassist-* and <time datetime>) that Date.parse cannot read.
UNREADABLE_JS = """
() => {
  const bad = [];
  for (const el of document.querySelectorAll('[data-iassist-start], [data-iassist-end], time')) {
    for (const name of ['data-iassist-start', 'data-iassist-end', 'datetime']) {
      const value = el.getAttribute(name);
      if (value !== null && Number.isNaN(Date.parse(value))) bad.push(value);
    }
  }
  return bad;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_html(SITE, tmp_path_factory.mktemp("site-instants"), BUILD_DAY)


@pytest.fixture
def page(browser: Browser, site: Path) -> Iterator[tuple[Page, list[str]]]:
    """The page as a reader in Tokyo sees it a month after the build; and the script's errors."""
    errors: list[str] = []
    tab = reader_page(browser, site / "index.html", READER, "Asia/Tokyo", errors)
    yield tab, errors
    tab.context.close()


def _groups(tab: Page) -> dict[str, list[str]]:
    """Group key → the visible event ids of the list grouped by when, in page order."""
    found: dict[str, list[str]] = {}
    for event, places in tab.evaluate(GROUPS_JS).items():
        for place in places:
            if place["group"] in ("forthcoming", "completed"):
                found.setdefault(place["group"], []).append(event)
    order = tab.eval_on_selector_all(
        ".iassist-event-list .iassist-event-group[data-iassist-group] .iassist-event",
        "els => els.map(e => e.dataset.eventId)",
    )
    return {key: sorted(ids, key=order.index) for key, ids in found.items()}


def test_the_markup_holds_only_instants_a_browser_reads(page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    assert set(tab.evaluate(UNREADABLE_JS)) == {"the twelfth of April"}  # the template's
    historic = tab.locator('[data-event-id="amsterdam-1850"]').first
    assert historic.get_attribute("data-iassist-start") == "1850-05-17T09:40:28Z"
    assert errors == []


def test_completed_events_of_historic_zones_stay_completed(page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    groups = _groups(tab)
    # the April talk is over by the reader's clock: it moves; the historic ones stay
    assert groups["completed"] == ["april-talk", *HISTORIC]
    assert not tab.locator(".iassist-ongoing").count()
    assert errors == []


def test_an_event_whose_instant_does_not_parse_stays_as_built(
    page: tuple[Page, list[str]],
) -> None:
    tab, errors = page
    # built Forthcoming (12 April 2021 was ahead on 1 April); kept there, in its place
    assert _groups(tab)["forthcoming"] == ["unreadable", "far-future"]
    assert errors == []


def test_local_times_are_written_for_historic_zones(page: tuple[Page, list[str]]) -> None:
    """``:timezone: local``: the reader's zone (Tokyo) for every timed event."""
    tab, errors = page
    local = tab.locator(
        '.iassist-style-list:has([data-iassist-local-time]) [data-event-id="monrovia-1971"]'
        " .iassist-event-date"
    )
    # 09:00 in Monrovia (UTC-00:44:30) is 18:44:30 in Tokyo
    assert "6:44" in local.inner_text() and "GMT+9" in local.inner_text()
    assert errors == []
