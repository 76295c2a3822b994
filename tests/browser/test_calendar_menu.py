"""The add-to-calendar menu in a browser: the keyboard opens it and reaches its links with a
visible ring, axe finds nothing serious in it (open) in every theme and mode, and the
script hides it once the reader's clock says the event is over."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import Opener
from iassist_browser import AXE_JS, THEMES, View, clock_at, require, theme_modes
from test_a11y import AXE_RUN, FOCUS_JS, SERIOUS

pytestmark = pytest.mark.browser

THEME_MODES = [pytest.param(t, m, id=f"{t}-{m}") for t, m in theme_modes()]
#: the Curation Call, 09:00 to 23:30 UTC on the build day: offered as built
CALL = '.iassist-style-list [data-event-id="curation-call"] .iassist-add-to-calendar'


@pytest.fixture(scope="module")
def axe_js() -> str:
    require(AXE_JS.is_file(), f"axe-core is not installed at {AXE_JS} (run .ci/browser-deps.sh)")
    return AXE_JS.read_text(encoding="utf-8")


def _focused(page) -> dict | None:  # type: ignore[no-untyped-def]
    return page.evaluate(FOCUS_JS)


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_keyboard_opens_the_menu_and_reaches_its_links(
    open_page: Opener, theme: str, mode: str
) -> None:
    page = open_page(View(theme, mode, "desktop"), "styles")
    menu = page.locator(CALL).first
    summary = menu.locator("summary")
    summary.focus()
    assert _focused(page)["ring"], f"{theme} {mode}: no visible focus on the menu's summary"
    assert menu.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        state = _focused(page)
        assert state and state["ring"], f"{theme} {mode}: focus not visible in the menu"
        names.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert names == ["Calendar file (.ics)", "Google Calendar", "Outlook"]
    summary.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is None


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_axe_finds_nothing_serious_in_open_menus(
    open_page: Opener, axe_js: str, theme: str, mode: str
) -> None:
    page = open_page(View(theme, mode, "desktop"), "styles")
    opened = page.evaluate(
        "() => [...document.querySelectorAll('.iassist-add-to-calendar')]"
        ".map(d => { d.open = true; return d; }).length"
    )
    require(opened > 0, "no add-to-calendar menu on the styles page")
    page.add_script_tag(content=axe_js)
    result = page.evaluate(AXE_RUN, [".iassist-add-to-calendar"])
    serious = [v for v in result["ours"] if v["impact"] in SERIOUS]
    assert not serious, serious


@pytest.mark.parametrize("theme", [THEMES[0]])
def test_script_hides_the_menu_once_the_event_is_over(open_page: Opener, theme: str) -> None:
    view = View(theme, "light", "desktop")
    before = open_page(
        view,
        "styles",
        before=clock_at(datetime(2021, 4, 1, 23, 29, tzinfo=UTC)),
        now=None,
        live=True,
    )
    assert before.locator(CALL).first.is_visible()
    after = open_page(
        view,
        "styles",
        before=clock_at(datetime(2021, 4, 1, 23, 31, tzinfo=UTC)),
        now=None,
        live=True,
    )
    assert after.locator(CALL).first.is_hidden()
    # a page built for a day set in conf.py stays as built
    pinned = open_page(
        view, "styles", before=clock_at(datetime(2021, 4, 1, 23, 31, tzinfo=UTC)), now=None
    )
    assert pinned.locator(CALL).first.is_visible()


SUBSCRIBE = ".iassist-subscribe"


@pytest.mark.parametrize("theme", ["furo"])
def test_copy_button_copies_the_calendar_address(open_page: Opener, theme: str) -> None:
    def allow_clipboard(page) -> None:  # type: ignore[no-untyped-def]
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page = open_page(View(theme, "light", "desktop"), "index", before=allow_clipboard)
    box = page.locator(SUBSCRIBE).first
    address = box.locator("a.iassist-subscribe-url").get_attribute("href")
    assert address == "https://events.example.org/_ics/series/iassist-2021.ics"
    button = box.locator("button.iassist-copy")
    assert button.is_visible()
    button.focus()
    assert _focused(page)["ring"]
    page.keyboard.press("Enter")
    status = box.locator(".iassist-copy-status")
    status.filter(has_text="Copied").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == address


@pytest.mark.parametrize("theme", ["furo"])
def test_without_javascript_the_address_is_a_link_and_no_dead_button(
    open_page: Opener, theme: str
) -> None:
    page = open_page(View(theme, "light", "desktop"), "index", javascript=False)
    box = page.locator(SUBSCRIBE).first
    assert box.locator("button.iassist-copy").is_hidden()
    webcal = box.locator("a.iassist-subscribe-webcal")
    assert webcal.inner_text() == "webcal://events.example.org/_ics/series/iassist-2021.ics"
