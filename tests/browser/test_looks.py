"""Looks right: tone colours, contrast, no sideways scrolling on phones, buttons like the
theme's, and a screenshot of every theme × mode × width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Opener, Sites
from iassist_browser import (
    BADGE_TONES,
    BADGES_JS,
    BUTTON_LOOK_JS,
    COMPONENTS,
    CONTRAST_JS,
    DARK_THEMES,
    GALLERY,
    OVERFLOW_JS,
    PAGES,
    THEMES,
    TONES,
    TONES_JS,
    View,
    report,
    theme_modes,
    views,
)

pytestmark = pytest.mark.browser

THEME_MODES = [pytest.param(t, m, id=f"{t}-{m}") for t, m in theme_modes()]
VIEWS = [pytest.param(v, id=v.id) for v in views()]


def test_build_has_no_warnings(sites: Sites) -> None:
    for theme in THEMES:
        _, warnings = sites.get(theme)
        assert not warnings.strip(), f"{theme}: {warnings}"


@pytest.mark.parametrize("view", VIEWS)
def test_screenshots(open_page: Opener, artifacts: Path, view: View) -> None:
    """Every page of the site as each theme, mode and width shows it (test artifacts)."""
    for name in PAGES:
        page = open_page(view, name)
        page.screenshot(
            path=artifacts / f"{name}-{view.id}.png", full_page=True, animations="disabled"
        )


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_dark_mode_is_on_when_asked(open_page: Opener, theme: str, mode: str) -> None:
    """The theme's own dark switch works, or the checks below would test light twice."""
    page = open_page(View(theme, mode, "desktop"))
    lum = page.evaluate("window.__iassist.lum(window.__iassist.background(document.body).rgb)")
    if mode == "dark":
        assert lum < 0.1, f"{theme} did not switch to dark: page luminance {lum:.2f}"
    else:
        assert lum > 0.6, f"{theme} light page luminance {lum:.2f}"


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_notice_tones(open_page: Opener, theme: str, mode: str) -> None:
    """Each notice box shows its tone's colours (the --iassist-<tone>-* properties)."""
    page = open_page(View(theme, mode, "desktop"), "tones")
    found = page.evaluate(TONES_JS, list(TONES))
    assert sorted(found) == sorted(TONES)
    problems = []
    for tone, data in found.items():
        variables, seen = data["vars"], data["seen"]
        for name, value in variables.items():
            if value is None:
                problems.append(f"{tone}: --iassist-{tone}-{name} is not defined")
        for part in ("titleBg", "titleFg", "bodyBg", "bodyFg"):
            if variables[part] and seen[part] != variables[part]:
                problems.append(f"{tone} {part}: shows {seen[part]}, tone says {variables[part]}")
        if variables["border"] and variables["border"] not in seen["borders"]:
            problems.append(f"{tone} border: {seen['borders']}, tone says {variables['border']}")
        dark_body = data["bodyLum"] < 0.2
        if dark_body != (mode == "dark"):
            problems.append(f"{tone}: body luminance {data['bodyLum']:.2f} in {mode} mode")
    assert len({d["seen"]["titleBg"] for d in found.values()}) == len(TONES), found
    if mode == "light":
        # The seed page's notice: title band #fdebd0 over a #eee body.
        assert found["warning"]["seen"]["titleBg"] == "#fdebd0"
        assert found["warning"]["seen"]["bodyBg"] == "#eeeeee"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_badges_take_their_status_tone(open_page: Opener, theme: str, mode: str) -> None:
    page = open_page(View(theme, mode, "desktop"), "styles")
    badges = [b for b in page.evaluate(BADGES_JS, BADGE_TONES) if b["visible"]]
    assert {b["cls"] for b in badges} == set(BADGE_TONES), "every status badge on the page"
    problems = []
    for badge in badges:
        assert badge["text"], f"a {badge['cls']} badge says nothing"
        want = badge["vars"]
        got = {"title-bg": badge["bg"], "title-fg": badge["fg"], "border": badge["border"]}
        for part, value in got.items():
            if want.get(part) != value:
                problems.append(
                    f"{badge['cls']} {part}: {value}, {badge['tone']} tone says {want.get(part)}"
                )
    assert not problems, "\n".join(sorted(set(problems)))


def _contrast_failures(page: object, theme: str) -> tuple[list[str], list[str]]:
    """Texts of ours below WCAG AA: those in our colours, and those in the theme's own
    (sphinx-design's buttons, the theme's link or text colour on the theme's background)."""
    texts = page.evaluate(CONTRAST_JS, list(COMPONENTS))  # type: ignore[attr-defined]
    assert texts, "no text found in our components"
    ours, theirs = [], []
    for t in texts:
        if t["ratio"] >= t["needed"]:
            continue
        line = (
            f"{theme}: {t['element']} in {t['in']} {t['text']!r}: {t['fg']} on {t['bg']} "
            f"= {t['ratio']}:1 < {t['needed']}:1" + (" (background image)" if t["image"] else "")
        )
        (theirs if t["sd"] or t["themeColours"] else ours).append(line)
    return ours, theirs


def _reference_button_contrast(page: object) -> list[str]:
    """sphinx-design's own buttons below AA in this theme: the theme's problem, not ours."""
    texts = page.evaluate(CONTRAST_JS, ["a.sd-btn:not(.iassist-button)"])  # type: ignore[attr-defined]
    return [
        f"{t['element']} {t['text']!r} {t['ratio']}:1" for t in texts if t["ratio"] < t["needed"]
    ]


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_text_contrast(open_page: Opener, theme: str, mode: str, page_name: str) -> None:
    """Every text in our components reaches 4.5:1 (3:1 when large) on what is behind it."""
    page = open_page(View(theme, mode, "desktop"), page_name)
    ours, theirs = _contrast_failures(page, theme)
    if theirs:
        kinds = sorted({re.sub(r" '.*'", "", line) for line in theirs})
        report(*(f"[theme] contrast {page_name} {mode}: {k}" for k in kinds))
        if page_name == "tones":
            reference = _reference_button_contrast(page)
            report(
                f"[theme] contrast {theme} {mode}: its own sphinx-design buttons below AA: {reference}"
            )
    assert not ours, "\n".join(ours)


@pytest.mark.parametrize("theme", [t for t in THEMES if t not in DARK_THEMES])
def test_contrast_under_os_dark_preference(open_page: Opener, theme: str) -> None:
    """A theme without dark mode stays light; our boxes must stay readable on it."""
    for name in PAGES:
        page = open_page(View(theme, "dark", "desktop"), name)
        ours, _ = _contrast_failures(page, theme)
        assert not ours, "\n".join(ours)


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("theme", THEMES)
def test_no_horizontal_overflow_on_phone(open_page: Opener, theme: str, page_name: str) -> None:
    page = open_page(View(theme, "light", "phone"), page_name)
    result = page.evaluate(OVERFLOW_JS, list(COMPONENTS))
    assert result["scrollWidth"] <= result["innerWidth"], result
    assert not result["bad"], result["bad"]


#: Our button variants and the sphinx-design button each should look like.
BUTTON_PAIRS = {
    "primary": ("a.iassist-button-primary.sd-btn", "a.sd-btn-primary:not(.iassist-button)"),
    "secondary": ("a.iassist-button-secondary.sd-btn", "a.sd-btn-secondary:not(.iassist-button)"),
    "outline": ("a.iassist-button-outline.sd-btn", "a.sd-btn-outline-primary:not(.iassist-button)"),
}


@pytest.mark.parametrize(("theme", "mode"), THEME_MODES)
def test_buttons_look_like_the_themes_sphinx_design_buttons(
    open_page: Opener, theme: str, mode: str
) -> None:
    page = open_page(View(theme, mode, "desktop"), "tones")
    differences = []
    for variant, (ours, theirs) in BUTTON_PAIRS.items():
        # The last of ours on the page stands in the section "Buttons", outside any notice.
        mine = page.locator(f"p.iassist-button-line > {ours}").last
        reference = page.locator(theirs).first
        look_mine = mine.evaluate(BUTTON_LOOK_JS)
        look_ref = reference.evaluate(BUTTON_LOOK_JS)
        differences += [
            f"{variant} {key}: ours {look_mine[key]!r}, sphinx-design {look_ref[key]!r}"
            for key in look_ref
            if look_mine[key] != look_ref[key]
        ]
    assert not differences, f"{theme} {mode}:\n" + "\n".join(differences)


#: The views shown in docs/browser-gallery.md.
GALLERY_VIEWS = [View(t, m, "desktop") for t, m in theme_modes()] + [
    View("furo", "light", "phone"),
    View("pydata_sphinx_theme", "dark", "phone"),
]

CLIP_JS = """
() => {
  const first = document.querySelector('.iassist-notice');
  const lists = document.querySelectorAll('.iassist-event-list');
  const last = lists[lists.length - 1];
  const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
  const pad = 12;
  const x = Math.max(0, Math.min(a.left, b.left) - pad);
  const y = Math.max(0, a.top + window.scrollY - pad);
  const right = Math.min(document.documentElement.clientWidth, Math.max(a.right, b.right) + pad);
  return {x, y, width: right - x, height: b.bottom + window.scrollY + pad - y};
}
"""


@pytest.mark.gallery  # writes docs/_static/gallery: pytest -m gallery tests/browser
@pytest.mark.parametrize("view", [pytest.param(v, id=v.id) for v in GALLERY_VIEWS])
def test_update_gallery(open_page: Opener, view: View) -> None:
    """The conference page's notice and event list, as each theme shows them."""
    GALLERY.mkdir(parents=True, exist_ok=True)
    page = open_page(view, "index")
    page.screenshot(
        path=GALLERY / f"{view.id}.png", clip=page.evaluate(CLIP_JS), animations="disabled"
    )


def test_gallery_page_shows_every_theme_and_mode() -> None:
    text = (GALLERY.parent.parent / "browser-gallery.md").read_text(encoding="utf-8")
    for view in GALLERY_VIEWS:
        assert f"_static/gallery/{view.id}.png" in text, view.id
        assert (GALLERY / f"{view.id}.png").is_file(), view.id
    total = sum(p.stat().st_size for p in GALLERY.glob("*.png"))
    assert total < 3_000_000, f"the gallery weighs {total} bytes"
