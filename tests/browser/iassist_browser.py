"""What the browser tests share: themes, modes, widths, tool paths, and in-page probes.

Nothing here starts a browser; conftest.py does that once per session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
SITE = HERE / "site"
DOCS = REPO / "docs"
ARTIFACTS = HERE / "artifacts"
GALLERY = DOCS / "_static" / "gallery"
SCRIPT = REPO / "src" / "sphinx_iassist" / "static" / "iassist.js"

CHROMIUM = Path(os.environ.get("IASSIST_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = Path(os.environ.get("IASSIST_NODE_MODULES", str(HERE / "node_modules")))
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme")
#: Themes with a dark mode of their own; the others are checked in light mode only.
DARK_THEMES = frozenset({"furo", "pydata_sphinx_theme", "sphinx_book_theme"})
WIDTHS = {"desktop": 1280, "phone": 375}
PAGES = ("index", "styles", "tones", "virtual")

#: Our components: every check is scoped to these.
COMPONENTS = (
    ".iassist-event-list",
    ".iassist-notice",
    ".iassist-button",
    ".iassist-event-ref",
    ".iassist-event-date",
    ".iassist-add-to-calendar",
    ".iassist-subscribe",
    ".iassist-event-detail",
)
TONES = ("info", "warning", "danger", "success", "neutral")
#: The tone of each status badge (docs/html-output.md, "Styling with CSS custom properties").
BADGE_TONES = {
    "iassist-status-postponed": "warning",
    "iassist-status-rescheduled": "warning",
    "iassist-status-cancelled": "danger",
    "iassist-status-moved-online": "info",
    "iassist-ongoing": "success",
}


@dataclass(frozen=True)
class View:
    """One way of looking at a page: theme, colour mode and viewport width."""

    theme: str
    mode: str
    width: str

    @property
    def id(self) -> str:
        return f"{self.theme}-{self.mode}-{self.width}"


def modes(theme: str) -> tuple[str, ...]:
    return ("light", "dark") if theme in DARK_THEMES else ("light",)


def theme_modes() -> list[tuple[str, str]]:
    return [(theme, mode) for theme in THEMES for mode in modes(theme)]


def views() -> list[View]:
    return [View(t, m, w) for t, m in theme_modes() for w in WIDTHS]


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` when a tool is missing, but fail when ``CI`` is set."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser suite must run)", pytrace=False)
    pytest.skip(reason)


#: What the checks found in the themes' own markup and colours: listed at the end of the run.
FINDINGS: list[str] = []


def report(*lines: str) -> None:
    """Note findings that are the theme's, not ours: shown, not failed on."""
    FINDINGS.extend(line.strip("\n") for line in lines)


def java() -> str | None:
    return shutil.which("java")


# -- In-page probes ----------------------------------------------------------------------

#: Colour maths in the page: any CSS colour to RGBA through a canvas, alpha compositing
#: up the tree for the background actually behind a text, WCAG contrast ratios.
COLOUR_JS = """
(() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, base) => {
    const a = top[3] + base[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const c = [0, 1, 2].map(i => (top[i] * top[3] + base[i] * base[3] * (1 - top[3])) / a);
    return [...c, a];
  };
  const background = (el) => {
    const layers = [];
    let image = false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const cs = getComputedStyle(node);
      layers.push(rgba(cs.backgroundColor));
      if (cs.backgroundImage !== 'none' && node !== document.documentElement) image = true;
    }
    let base = [255, 255, 255, 1];
    for (const layer of layers.reverse()) base = over(layer, base);
    return {rgb: base, image};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = [...el.classList].slice(0, 4);
    if (cls.length) s += '.' + cls.join('.');
    return s;
  };
  window.__iassist = {rgba, over, background, lum, ratio, hex, describe};
})();
"""

#: Every visible text inside our components with its colours and contrast ratio.
CONTRAST_JS = """
(selectors) => {
  const {rgba, over, background, ratio, hex, describe} = window.__iassist;
  const seen = new Set();
  const out = [];
  const inOurs = (el) => el.closest(selectors.join(','));
  // Text that merely keeps the theme's colours on the theme's background: a link coloured
  // like the theme's other links, other text like the text around our component.
  const themeColours = (el, root, cs) => {
    for (let a = el; a; a = a.parentElement) {
      if (rgba(getComputedStyle(a).backgroundColor)[3] > 0) return false;
      if (a === root) break;
    }
    const link = el.closest('a');
    let reference = root.parentElement;
    if (link) {
      reference = [...document.querySelectorAll('a[href]')].find(
        a => !inOurs(a) && a.closest('[role=main], main, article, .body, .document') && !a.closest('nav'));
      if (!reference) return false;
    }
    return getComputedStyle(reference).color === cs.color;
  };
  for (const root of document.querySelectorAll(selectors.join(','))) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.currentNode; t; t = walker.nextNode()) {
      if (t.nodeType !== 3 || !t.textContent.trim()) continue;
      const el = t.parentElement;
      if (seen.has(el)) continue;
      seen.add(el);
      if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
      const cs = getComputedStyle(el);
      const bg = background(el);
      const fg = over(rgba(cs.color), bg.rgb);
      const size = parseFloat(cs.fontSize);
      const bold = parseInt(cs.fontWeight, 10) >= 700;
      const large = size >= 24 || (size >= 18.66 && bold);
      out.push({
        element: describe(el),
        in: describe(el.closest('[class*="iassist-"]') || el),
        text: t.textContent.trim().slice(0, 40),
        fg: hex(fg), bg: hex(bg.rgb), image: bg.image,
        ratio: Math.round(ratio(fg, bg.rgb) * 100) / 100,
        needed: large ? 3 : 4.5,
        sd: !!el.closest('.sd-btn'),
        themeColours: themeColours(el, root, cs),
      });
    }
  }
  return out;
}
"""

#: The colours of each notice tone and what its CSS custom properties resolve to.
TONES_JS = """
(tones) => {
  const {rgba, hex, lum, background} = window.__iassist;
  const resolve = (el, name) => {
    if (!getComputedStyle(el).getPropertyValue(name).trim()) return null;
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    el.appendChild(probe);
    const value = hex(rgba(getComputedStyle(probe).color));
    probe.remove();
    return value;
  };
  const out = {};
  for (const tone of tones) {
    const box = document.querySelector(`.iassist-notice.iassist-notice-${tone}`);
    if (!box) continue;
    const title = box.querySelector('.iassist-notice-title');
    const body = box.querySelector('.iassist-notice-body');
    const v = (part) => resolve(box, `--iassist-${tone}-${part}`);
    const c = (el, prop) => hex(rgba(getComputedStyle(el)[prop]));
    const sides = ['Top', 'Right', 'Bottom', 'Left']
      .filter(s => parseFloat(getComputedStyle(box)[`border${s}Width`]) > 0)
      .map(s => c(box, `border${s}Color`));
    out[tone] = {
      vars: {titleBg: v('title-bg'), titleFg: v('title-fg'), bodyBg: v('body-bg'),
             bodyFg: v('body-fg'), border: v('border')},
      seen: {titleBg: hex(background(title).rgb), titleFg: c(title, 'color'),
             bodyBg: hex(background(body).rgb), bodyFg: c(body, 'color'), borders: sides},
      bodyLum: lum(background(body).rgb),
    };
  }
  return out;
}
"""

#: Every badge: its text, classes and colours, next to its tone's custom properties.
BADGES_JS = """
(badgeTones) => {
  const {rgba, hex, background} = window.__iassist;
  const out = [];
  for (const badge of document.querySelectorAll('.iassist-badge')) {
    const cls = Object.keys(badgeTones).find(k => badge.classList.contains(k));
    const tone = badgeTones[cls];
    const cs = getComputedStyle(badge);
    const vars = {};
    if (tone) {
      for (const part of ['title-bg', 'title-fg', 'body-bg', 'body-fg', 'border']) {
        const probe = document.createElement('span');
        probe.style.color = `var(--iassist-${tone}-${part})`;
        badge.appendChild(probe);
        vars[part] = getComputedStyle(badge).getPropertyValue(`--iassist-${tone}-${part}`).trim()
          ? hex(rgba(getComputedStyle(probe).color)) : null;
        probe.remove();
      }
    }
    out.push({
      cls, tone, text: badge.textContent.trim(), vars,
      visible: badge.checkVisibility(),
      bg: hex(background(badge).rgb), ownBg: rgba(cs.backgroundColor)[3] > 0,
      fg: hex(rgba(cs.color)), border: hex(rgba(cs.borderTopColor)),
      borderWidth: parseFloat(cs.borderTopWidth),
    });
  }
  return out;
}
"""

#: The look of a button, for comparing ours with sphinx-design's own.
BUTTON_LOOK_JS = """
(el) => {
  const {rgba, hex} = window.__iassist;
  const cs = getComputedStyle(el);
  return {
    background: hex(rgba(cs.backgroundColor)) + ' a=' + rgba(cs.backgroundColor)[3].toFixed(2),
    color: hex(rgba(cs.color)),
    border: cs.borderTopWidth + ' ' + cs.borderTopStyle + ' ' + hex(rgba(cs.borderTopColor)),
    radius: cs.borderTopLeftRadius,
    padding: [cs.paddingTop, cs.paddingRight, cs.paddingBottom, cs.paddingLeft].join(' '),
    fontSize: cs.fontSize,
    fontWeight: cs.fontWeight,
    decoration: cs.textDecorationLine,
  };
}
"""

#: Elements of ours sticking out of the viewport, unless a scrolling ancestor holds them.
OVERFLOW_JS = """
(selectors) => {
  const width = window.innerWidth;
  const bad = [];
  for (const el of document.querySelectorAll(selectors.join(','))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.left >= -1 && r.right <= width + 1)) continue;
    let scroller = false;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && a !== document.documentElement && a !== document.body) {
        scroller = true; break;
      }
    }
    if (!scroller) bad.push({element: window.__iassist.describe(el), left: r.left, right: r.right});
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, bad};
}
"""

#: Where each event stands: its visible group and whether it carries "Happening now".
GROUPS_JS = """
() => {
  const out = {};
  for (const el of document.querySelectorAll('.iassist-event[data-event-id]')) {
    if (!el.checkVisibility()) continue;
    const group = el.closest('.iassist-event-group');
    const badge = el.querySelector('.iassist-ongoing');
    const id = el.dataset.eventId;
    (out[id] ||= []).push({
      group: group ? group.dataset.iassistGroup : null,
      heading: group && group.querySelector('.iassist-event-group-title')
        ? group.querySelector('.iassist-event-group-title').textContent.trim() : null,
      ongoing: !!(badge && badge.checkVisibility()),
      ongoingText: badge ? badge.textContent.trim() : '',
    });
  }
  return out;
}
"""


# -- HTML source locations ---------------------------------------------------------------

VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)


class _Ranges(HTMLParser):
    """The source ranges ((line, col) to (line, col), 1-based) of our outermost elements."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = source.splitlines(keepends=True)
        self.ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self._open: tuple[str, tuple[int, int]] | None = None
        self._depth = 0

    def _pos(self) -> tuple[int, int]:
        line, col = self.getpos()
        return line, col + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open is not None:
            if tag == self._open[0]:
                self._depth += 1
            return
        classes = next((v or "" for k, v in attrs if k == "class"), "")
        if any(c.startswith("iassist-") for c in classes.split()):
            if tag in VOID:
                start = self._pos()
                text = self.get_starttag_text() or ""
                self.ranges.append((start, _advance(start, text)))
            else:
                self._open = (tag, self._pos())
                self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._open is None or tag != self._open[0]:
            return
        self._depth -= 1
        if self._depth == 0:
            line, col = self._pos()
            self.ranges.append((self._open[1], (line, col + len(tag) + 3)))
            self._open = None


def _advance(start: tuple[int, int], text: str) -> tuple[int, int]:
    line, col = start
    parts = text.split("\n")
    if len(parts) == 1:
        return line, col + len(text)
    return line + len(parts) - 1, len(parts[-1]) + 1


def our_ranges(html: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    parser = _Ranges(html)
    parser.feed(html)
    parser.close()
    return parser.ranges


def is_ours(
    message: dict[str, object], ranges: list[tuple[tuple[int, int], tuple[int, int]]]
) -> bool:
    """Whether a vnu message points into markup of ours (an element with an ``iassist-`` class)."""
    if "iassist-" in str(message.get("extract", "")):
        return True
    last = (int(str(message.get("lastLine", 0))), int(str(message.get("lastColumn", 0))))
    first = (int(str(message.get("firstLine", last[0]))), int(str(message.get("firstColumn", 0))))
    return any(start <= pos <= end for start, end in ranges for pos in (first, last))


def build_html(source: Path, out: Path, day: datetime) -> Path:
    """Build ``source`` into ``out`` with ``sphinx-build`` on ``day`` (its
    ``SOURCE_DATE_EPOCH``), as an author would; the build must be silent."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "SOURCE_DATE_EPOCH": str(int(day.timestamp()))}
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(source), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return out


def clock_at(when: datetime) -> Callable[[Any], None]:
    """A hook that stops a page's clock at ``when`` before its scripts run."""

    def install(page: Any) -> None:
        page.clock.install(time=when)
        page.clock.set_fixed_time(when)

    return install


def reader_page(browser: Any, path: Path, when: datetime, zone: str, errors: list[str]) -> Any:
    """Open the file ``path`` in a new browser context, as a reader in ``zone`` sees it at
    ``when``; the script's errors go to ``errors``. The caller closes the page's context."""
    context = browser.new_context(timezone_id=zone, locale="en-US")
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    clock_at(when)(tab)
    tab.goto(path.as_uri(), wait_until="load")
    return tab
