"""The reader's own time beside an event's (site-localtime/): added by the script only when
the reader's zone differs at the event's instants, never replacing the event's own time,
in every list style and the event-date role; nothing for all-day events."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from iassist_browser import HERE, build_html, reader_page
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SITE = HERE / "site-localtime"
BUILD_DAY = datetime(2030, 1, 10, 12, tzinfo=UTC)
STYLES = ("list-style", "table-style", "buttons-style", "cards-style")

#: Every ``.iassist-local-time`` of the page: its text, the event it belongs to (or "role"),
#: and the text of the element it follows.
LOCAL_JS = """
() => [...document.querySelectorAll('.iassist-local-time')].map(span => {
  const shown = span.previousElementSibling;
  const event = span.closest('.iassist-event');
  const list = span.closest('.iassist-event-list');
  return {
    text: span.textContent.trim(),
    event: event ? event.dataset.eventId : 'role',
    style: list ? [...list.classList].find(c => c.endsWith('-style')) : 'role',
    follows: shown ? shown.textContent.replace(/\\s+/g, ' ').trim() : null,
  };
})
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_html(SITE, tmp_path_factory.mktemp("site-localtime"), BUILD_DAY)


@pytest.fixture
def reader(browser: Browser, site: Path) -> Iterator[Callable[[str], Page]]:
    """Open the page as a reader in ``zone`` sees it on the build day."""
    contexts = []

    def open_in(zone: str) -> Page:
        errors: list[str] = []
        tab = reader_page(browser, site / "index.html", BUILD_DAY, zone, errors)
        contexts.append(tab.context)
        assert errors == []
        return tab

    yield open_in
    for context in contexts:
        context.close()


def local_times(tab: Page) -> dict[str, dict[str, str]]:
    """Event id -> style -> the reader's time added for it."""
    found: dict[str, dict[str, str]] = {}
    for item in tab.evaluate(LOCAL_JS):
        found.setdefault(item["event"], {})[item["style"]] = item["text"]
        assert "CEST" in item["follows"] or "CET" in item["follows"]  # the event's own, kept
    return found


def times(text: str) -> list[str]:
    return re.findall(r"\d{1,2}:\d{2}", text)


def test_a_reader_in_the_events_zone_sees_nothing_added(reader: Callable[[str], Page]) -> None:
    tab = reader("Europe/Berlin")
    assert local_times(tab) == {}
    # Paris keeps Berlin's offsets, across the change of clocks too
    assert local_times(reader("Europe/Paris")) == {}


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Tokyo", ["9:00", "11:00"]),  # 12:00-14:00 UTC is 21:00-23:00 JST
        ("America/Los_Angeles", ["5:00", "7:00"]),  # and 05:00-07:00 PDT
    ],
)
def test_a_reader_elsewhere_sees_their_own_range(
    reader: Callable[[str], Page], zone: str, expected: list[str]
) -> None:
    found = local_times(reader(zone))
    summer = found["berlin-summer"]
    assert set(summer) == {*STYLES}
    for text in summer.values():
        assert text.startswith("(") and text.endswith("your time)")
        assert times(text) == expected
        assert "PM" in text if zone == "Asia/Tokyo" else "AM" in text
    assert times(found["role"]["role"]) == expected  # the event-date role too
    assert "all-day" not in found  # an all-day event gets nothing


def test_daylight_saving_change(reader: Callable[[str], Page]) -> None:
    """01:00 CET to 04:00 CEST on 2030-03-31 (00:00 to 02:00 UTC)."""
    # Lagos keeps UTC+1: the same offset as Berlin at the start, not at the end
    lagos = local_times(reader("Africa/Lagos"))["berlin-dst"]["list-style"]
    assert times(lagos) == ["1:00", "3:00"]
    # London changes its clocks an hour earlier: 00:00 GMT to 03:00 BST
    london = local_times(reader("Europe/London"))["berlin-dst"]["list-style"]
    assert times(london) == ["12:00", "3:00"]


def test_the_readers_day_is_said_when_it_is_not_the_events(
    reader: Callable[[str], Page],
) -> None:
    """00:00-02:00 UTC on 31 March is still 30 March in Los Angeles."""
    text = local_times(reader("America/Los_Angeles"))["berlin-dst"]["list-style"]
    assert "Mar 30" in text and times(text) == ["5:00", "7:00"]


def test_a_page_pinned_to_iassist_today_is_left_as_built(browser: Browser, sites: Any) -> None:
    """The browser suite's site sets iassist_today: its lists stay as built, so a reader in
    Tokyo sees the Curation Call (09:00-23:30 UTC) in UTC only."""
    out, _ = sites.get("alabaster")
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-US")
    try:
        tab = context.new_page()
        tab.goto((out / "styles.html").as_uri(), wait_until="load")
        call = tab.locator('[data-event-id="curation-call"] .iassist-event-date').first
        assert call.get_attribute("data-iassist-zone") == "UTC"
        assert tab.locator(".iassist-local-time").count() == 0
    finally:
        context.close()


def test_a_programmes_sessions_get_the_readers_time_inside_their_time_line(
    browser: Browser, sites: Any
) -> None:
    """The browser suite's programme (Stockholm, CEST) read in Tokyo: the 11:00 session is
    18:00 there; the time line keeps its own times and gets the reader's inside it."""
    out, _ = sites.get("alabaster", live=True)
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-US")
    try:
        tab = context.new_page()
        tab.clock.install(time=datetime(2021, 4, 1, 12, tzinfo=UTC))
        tab.goto((out / "programme.html").as_uri(), wait_until="load")
        line = tab.locator(
            ".iassist-schedule-layout-list .iassist-session-time, "
            ".iassist-layout-list .iassist-session-time"
        ).first
        assert line.locator("time").count() == 2  # the session's own times, kept
        local = line.locator(".iassist-local-time")
        assert local.count() == 1
        text = local.inner_text().strip()
        assert text.startswith("(") and text.endswith("your time)")
        assert times(text)[0] == "6:00" and "PM" in text
    finally:
        context.close()
