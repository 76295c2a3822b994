"""Accessible: axe-core finds nothing serious in our components, the keyboard reaches every
link and button of ours with a visible focus ring, dates are machine-readable, and status
is said in words."""

from __future__ import annotations

import re

import pytest
from conftest import Opener
from iassist_browser import AXE_JS, COMPONENTS, PAGES, THEMES, View, report, require, theme_modes

pytestmark = pytest.mark.browser

THEME_MODES = [pytest.param(t, m, id=f"{t}-{m}") for t, m in theme_modes()]
SERIOUS = {"serious", "critical"}

AXE_RUN = """
async (selectors) => {
  const include = selectors.filter(s => document.querySelector(s)).map(s => [s]);
  const ours = include.length
    ? await axe.run({include}, {resultTypes: ['violations']}) : {violations: []};
  const page = await axe.run(document, {resultTypes: ['violations']});
  const brief = (v, nodes) => ({id: v.id, impact: v.impact, help: v.help,
                                nodes: nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary
                                                 .replace(/\\s+/g, ' ').slice(0, 200))});
  // A sphinx-design button of ours whose colours are sphinx-design's in this theme: a copy
  // without our classes looks the same, so the finding is the theme's.
  const sdColours = (node) => {
    const el = document.querySelector(node.target.join(' '));
    const btn = el && el.closest('.sd-btn');
    if (!btn) return false;
    const copy = btn.cloneNode(true);
    copy.className = [...btn.classList].filter(c => !c.startsWith('iassist-')).join(' ');
    btn.after(copy);
    const [a, b] = [getComputedStyle(btn), getComputedStyle(copy)];
    const same = a.color === b.color && a.backgroundColor === b.backgroundColor;
    copy.remove();
    return same;
  };
  const split = {ours: [], sd: []};
  for (const v of ours.violations) {
    const sd = v.nodes.filter(sdColours);
    const rest = v.nodes.filter(n => !sd.includes(n));
    if (rest.length) split.ours.push(brief(v, rest));
    if (sd.length) split.sd.push(brief(v, sd));
  }
  return {...split, page: page.violations.map(v => brief(v, v.nodes))};
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE_JS.is_file(), f"axe-core is not installed at {AXE_JS} (run .ci/browser-deps.sh)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_axe_finds_nothing_serious_in_our_components(
    open_page: Opener, axe_source: str, theme: str, mode: str
) -> None:
    ours_serious = []
    for name in PAGES:
        page = open_page(View(theme, mode, "desktop"), name)
        page.add_script_tag(content=axe_source)
        result = page.evaluate(AXE_RUN, list(COMPONENTS))
        ours_ids = {v["id"] for v in result["ours"] + result["sd"]}
        for v in result["ours"]:
            line = f"{name}: {v['impact']} {v['id']} ({v['help']}): " + "; ".join(v["nodes"][:4])
            if v["impact"] in SERIOUS:
                ours_serious.append(line)
            else:
                report(f"[ours, minor] {theme} {mode} {line}")
        for v in result["sd"]:
            report(
                f"[theme] axe {theme} {mode}: sphinx-design's button colours in this theme: "
                f"{v['impact']} {v['id']}: " + v["nodes"][0][:160]
            )
        for v in result["page"]:
            if v["id"] not in ours_ids:
                report(f"[theme] axe {theme} {mode}: {v['impact']} {v['id']} ({v['help']})")
    assert not ours_serious, "\n".join(ours_serious)


FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const {rgba} = window.__iassist;
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
    && rgba(cs.outlineColor)[3] > 0;
  return {
    key: el.dataset.iassistFocusKey || null,
    ring: outline || (cs.boxShadow !== 'none' && cs.boxShadow !== ''),
    outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
    shadow: cs.boxShadow,
  };
}
"""

MARK_JS = """
(selectors) => {
  const ours = [...document.querySelectorAll(selectors.join(','))]
    .flatMap(root => [root, ...root.querySelectorAll('a[href], button, [tabindex]')])
    .filter(el => el.matches('a[href], button, [tabindex]') && el.checkVisibility());
  const keys = [];
  ours.forEach((el, i) => {
    if (el.dataset.iassistFocusKey) return;
    el.dataset.iassistFocusKey = String(i) + ' ' + el.textContent.trim().slice(0, 30);
    keys.push(el.dataset.iassistFocusKey);
  });
  return keys;
}
"""


@pytest.mark.parametrize("page_name", ["index", "tones"])
@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_keyboard_reaches_our_links_with_a_visible_ring(
    open_page: Opener, theme: str, mode: str, page_name: str
) -> None:
    page = open_page(View(theme, mode, "desktop"), page_name)
    wanted = set(page.evaluate(MARK_JS, list(COMPONENTS)))
    assert wanted, "no links or buttons of ours on the page"
    reached: set[str] = set()
    no_ring = []
    page.locator("body").focus()
    for _ in range(400):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_JS)
        if state and state["key"] in wanted:
            if state["key"] in reached:
                break  # round the page once
            reached.add(state["key"])
            if not state["ring"]:
                no_ring.append(
                    f"{state['key']!r}: outline {state['outline']}, shadow {state['shadow']}"
                )
        if reached == wanted:
            break
    assert reached == wanted, f"not reached by Tab: {sorted(wanted - reached)}"
    assert not no_ring, f"{theme} {mode}: focus not visible on\n" + "\n".join(no_ring)


TIMES_JS = """
(selectors) => [...document.querySelectorAll(selectors.map(s => s + ' time').join(','))]
  .map(t => ({dt: t.getAttribute('datetime'), text: t.textContent.trim()}))
"""

EVENTS_JS = """
() => [...document.querySelectorAll('.iassist-event')].map(el => ({
  id: el.dataset.eventId,
  status: [...el.classList].find(c => c.startsWith('iassist-status-')),
  ongoing: el.classList.contains('iassist-event-ongoing'),
  times: el.querySelectorAll('time[datetime]').length,
  button: !!el.closest('.iassist-style-buttons'),
  badges: [...el.querySelectorAll('.iassist-badge')].map(b => ({
    cls: b.className, text: b.innerText.trim()})),
  groupHeading: (el.closest('.iassist-event-group')?.querySelector('.iassist-event-group-title')
                 ?.innerText || '').trim(),
  group: el.closest('.iassist-event-group')?.dataset.iassistGroup || null,
}))
"""

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")


@pytest.mark.parametrize("theme", THEMES)
def test_dates_and_status_are_said_in_text(open_page: Opener, theme: str) -> None:
    """Every <time> carries a machine date; every status and group is written, not coloured."""
    labels = {
        "iassist-status-postponed": "Postponed",
        "iassist-status-rescheduled": "Rescheduled",
        "iassist-status-cancelled": "Cancelled",
        "iassist-status-moved-online": "Moved online",
    }
    for name in PAGES:
        page = open_page(View(theme, "light", "desktop"), name)
        times = page.evaluate(TIMES_JS, list(COMPONENTS))
        assert times, f"{name}: no <time> in our components"
        for t in times:
            assert t["dt"] and ISO.match(t["dt"]), t
            assert t["text"], t
        for event in page.evaluate(EVENTS_JS):
            assert event["times"] >= 1 or event["button"], event  # a button shows a title
            texts = [b["text"] for b in event["badges"]]
            if event["status"] in labels:
                assert labels[event["status"]] in texts, event
            assert ("Happening now" in texts) == event["ongoing"], event
            if event["group"] in ("forthcoming", "completed"):
                assert event["groupHeading"] == event["group"].capitalize(), event
