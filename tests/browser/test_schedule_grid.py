"""The programme in the browser: the grid in every theme at 1280 and 375 px (a real table,
scrolling sideways inside its own box, never the page), axe finds nothing serious in it,
light and dark; sessions under way are marked by the reader's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import Opener
from iassist_browser import AXE_JS, View, clock_at, report, require, views

pytestmark = pytest.mark.browser

SCHEDULE = (".iassist-schedule", ".iassist-speaker-list", ".iassist-session-ref")
SERIOUS = {"serious", "critical"}

AXE_OURS = """
async (selectors) => {
  const include = selectors.filter(s => document.querySelector(s)).map(s => [s]);
  const result = await axe.run({include}, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.slice(0, 160))}));
}
"""

LAYOUT_JS = """
() => {
  const page = document.scrollingElement;
  const boxes = [...document.querySelectorAll('.iassist-schedule-grid-wrapper')];
  return {
    pageOverflow: page.scrollWidth - page.clientWidth,
    boxes: boxes.map(b => ({scrolls: b.scrollWidth > b.clientWidth,
                            overflow: getComputedStyle(b).overflowX,
                            width: b.getBoundingClientRect().width})),
    viewport: window.innerWidth,
  };
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE_JS.is_file(), f"axe-core is not installed at {AXE_JS} (run .ci/browser-deps.sh)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.mark.parametrize("view", views(), ids=str)
def test_grid_in_every_theme_is_accessible_and_scrolls_in_its_box(
    open_page: Opener, axe_source: str, view: View
) -> None:
    page = open_page(view, "programme")
    table = page.locator("table.iassist-schedule-grid").first
    assert table.locator("thead th[scope=col]").count() == 4  # Time and three rooms
    assert table.locator("tbody th[scope=row]").count() >= 5
    layout = page.evaluate(LAYOUT_JS)
    # the page never scrolls sideways because of the grid (themes may add 1 px of their own)
    assert layout["pageOverflow"] <= 1, layout
    for box in layout["boxes"]:
        assert box["overflow"] in ("auto", "scroll"), box
        assert box["width"] <= layout["viewport"], box
    if view.width == "phone":
        assert any(box["scrolls"] for box in layout["boxes"]), layout
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_OURS, list(SCHEDULE))
    serious = [v for v in violations if v["impact"] in SERIOUS]
    for v in violations:
        if v["impact"] not in SERIOUS:
            report(f"[ours, minor] {view} programme: {v['impact']} {v['id']}: {v['nodes'][:2]}")
    assert serious == [], serious


def test_grid_box_is_reachable_by_keyboard(open_page: Opener) -> None:
    page = open_page(View("alabaster", "light", "phone"), "programme")
    box = page.locator(".iassist-schedule-grid-wrapper").first
    box.focus()
    assert page.evaluate(
        "document.activeElement.classList.contains('iassist-schedule-grid-wrapper')"
    )
    assert box.get_attribute("aria-label").startswith("Programme, ")


def _now_marked(page) -> list[str]:
    return page.eval_on_selector_all(
        ".iassist-layout-list .iassist-session.iassist-now",
        "els => els.map(e => e.dataset.sessionId)",
    )


def test_sessions_under_way_are_marked_by_the_readersclock_at(open_page: Opener) -> None:
    # 09:45 UTC = 11:45 in Stockholm: the keynote, the metadata talk and the workshop run
    inside = datetime(2021, 4, 1, 9, 45, tzinfo=UTC)
    view = View("alabaster", "light", "desktop")
    page = open_page(view, "programme", before=clock_at(inside), now=None, live=True)
    assert sorted(_now_marked(page)) == ["keynote", "metadata", "workshop"]
    label = page.locator('.iassist-layout-list [data-session-id="keynote"] .iassist-now-label')
    assert label.inner_text() == "Happening now"
    # the grid marks the same sessions
    grid = page.eval_on_selector_all(
        ".iassist-layout-grid .iassist-session.iassist-now",
        "els => els.map(e => e.dataset.sessionId)",
    )
    assert sorted(grid) == ["keynote", "metadata", "workshop"]
    # at a session's end instant it is over
    at_end = datetime(2021, 4, 1, 10, 30, tzinfo=UTC)
    page = open_page(view, "programme", before=clock_at(at_end), now=None, live=True)
    assert sorted(_now_marked(page)) == ["workshop"]


def test_a_pinned_programme_stays_as_built(open_page: Opener) -> None:
    inside = datetime(2021, 4, 1, 9, 45, tzinfo=UTC)
    page = open_page(
        View("alabaster", "light", "desktop"), "programme", before=clock_at(inside), now=None
    )
    assert _now_marked(page) == []
    assert page.locator(".iassist-now-label").count() == 0
