"""A recurring event's "next: …" by the reader's clock (site-recurring/): the script shows
the occurrence under way or next from the instants written at build time, marks it
"Happening now" during one, and moves a finished series to Completed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from iassist_browser import HERE, build_html, reader_page
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SITE = HERE / "site-recurring"
BUILD_DAY = datetime(2026, 1, 21, 12, tzinfo=UTC)
CALL = '[data-event-id="community-call"]'
NEXT_TIME = ".iassist-next .iassist-event-date time"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_html(SITE, tmp_path_factory.mktemp("site-recurring"), BUILD_DAY)


@pytest.fixture
def reader(browser: Browser, site: Path) -> Iterator[Callable[[datetime, str], Page]]:
    """Open a page of the site as a reader in UTC sees it at ``when``."""
    contexts = []

    def open_page_at(when: datetime, page: str = "index") -> Page:
        errors: list[str] = []
        tab = reader_page(browser, site / f"{page}.html", when, "UTC", errors)
        contexts.append(tab.context)
        assert errors == []
        return tab

    yield open_page_at
    for context in contexts:
        context.close()


def next_of(tab: Page, scope: str) -> tuple[str | None, str]:
    time = tab.locator(f"{scope} {NEXT_TIME}").first
    return time.get_attribute("datetime"), time.inner_text()


def test_on_the_build_day_next_is_as_built(reader: Callable[..., Page]) -> None:
    tab = reader(BUILD_DAY)
    when, _ = next_of(tab, CALL)
    assert when is not None and when.startswith("2026-02-10T16:00")


def test_past_an_occurrence_next_moves_on(reader: Callable[..., Page]) -> None:
    later = datetime(2026, 2, 11, 9, tzinfo=UTC)
    for page, scope in (("index", CALL), ("call", ".iassist-event-detail")):
        tab = reader(later, page)
        when, text = next_of(tab, scope)
        assert when == "2026-02-24T16:00:00Z", page
        assert "Feb 24" in text and "2026" in text, text
        # the range carries the new instants, for the reader's own time beside it
        span = tab.locator(f"{scope} .iassist-next .iassist-event-date").first
        assert span.get_attribute("data-iassist-start") == "2026-02-24T16:00:00Z"


def test_happening_now_during_an_occurrence(reader: Callable[..., Page]) -> None:
    tab = reader(datetime(2026, 2, 24, 16, 30, tzinfo=UTC))
    call = tab.locator(f".iassist-event-list {CALL}").first
    assert "iassist-event-ongoing" in (call.get_attribute("class") or "")
    tab = reader(datetime(2026, 2, 24, 17, 30, tzinfo=UTC))
    call = tab.locator(f".iassist-event-list {CALL}").first
    assert "iassist-event-ongoing" not in (call.get_attribute("class") or "")


def test_a_series_is_completed_after_its_last_occurrence(reader: Callable[..., Page]) -> None:
    sprints = '.iassist-event-list [data-event-id="three-sprints"]'
    tab = reader(datetime(2026, 3, 18, 12, tzinfo=UTC))
    assert (
        tab.locator(sprints).first.evaluate(
            "e => e.closest('.iassist-event-group').dataset.iassistGroup"
        )
        == "forthcoming"
    )
    tab = reader(datetime(2026, 3, 22, 12, tzinfo=UTC))
    assert (
        tab.locator(sprints).first.evaluate(
            "e => e.closest('.iassist-event-group').dataset.iassistGroup"
        )
        == "completed"
    )
