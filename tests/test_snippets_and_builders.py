"""reST and MyST give the same doctree; every builder builds with -W and keeps the content."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from helpers import warnings

from sphinx_iassist import nodes as inodes

VOLATILE = ("source", "line", "rawsource", "translatable", "original_label", "refdoc")


def _normalise(node: nodes.Node) -> str:
    """A doctree as text, without source positions (which differ between the parsers)."""
    copy = node.deepcopy()
    for element in copy.findall(nodes.Element):
        for attribute in VOLATILE:
            element.attributes.pop(attribute, None)
    return copy.pformat()


def _content(app: Any, docname: str) -> list[nodes.Node]:
    doctree = app.env.get_doctree(docname)
    section = next(iter(doctree.findall(nodes.section)))
    return [child for child in section.children if not isinstance(child, nodes.title)]


@pytest.mark.sphinx("html", testroot="snippets")
@pytest.mark.test_params(shared_result="test_snippets")
def test_rst_and_myst_read_to_the_same_doctree(built_clean: Any) -> None:
    rst, myst = _content(built_clean, "rst"), _content(built_clean, "myst")
    assert [_normalise(n) for n in rst] == [_normalise(n) for n in myst]
    kinds = {type(n) for tree in rst for n in tree.findall()}
    assert {inodes.notice_box, inodes.event_list, inodes.event_button, inodes.date_range} <= kinds


@pytest.mark.sphinx("html", testroot="snippets")
@pytest.mark.test_params(shared_result="test_snippets")
def test_rst_and_myst_write_the_same_html(built_clean: Any) -> None:
    def body(docname: str) -> str:
        text = (Path(built_clean.outdir) / f"{docname}.html").read_text()
        main = text[text.index('<div class="iassist-notice') : text.index("</section>")]
        return re.sub(r'href="[^"]*"', "", main)

    assert body("rst") == body("myst")


@pytest.mark.sphinx("html", testroot="snippets")
@pytest.mark.test_params(shared_result="test_snippets")
def test_the_stylesheet_switches_every_colour_in_each_dark_mode(built_clean: Any) -> None:
    """The stylesheet's template is rendered, and each rule for a dark mode (the themes'
    dark attribute; the OS's dark preference) sets every colour of the palette to its dark
    value."""
    static = Path(built_clean.outdir) / "_static"
    assert not list(static.glob("iassist*.jinja"))
    css = re.sub(r"/\*.*?\*/", "", (static / "iassist.css").read_text(), flags=re.DOTALL)
    assert not re.search(r"\{[{%#]", css)  # no template syntax left
    dark_values = set(re.findall(r"--iassist-dark-([a-z-]+):\s*#", css))
    assert {"info-title-bg", "neutral-border", "link", "button-outline-hover-fg"} <= dark_values
    # the innermost rules: (selector, declarations)
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", css)
    dark_rules = [
        body for selector, body in rules if re.search(r"data-theme=\"(dark|auto)\"", selector)
    ]
    assert len(dark_rules) == 2
    for body in dark_rules:
        switched = re.findall(r"--iassist-([a-z-]+):\s*var\(--iassist-dark-\1\);", body)
        assert sorted(switched) == sorted(dark_values)


BUILDERS = {
    "latex": "*.tex",
    "text": "*.txt",
    "man": "*.1",
    "texinfo": "*.texi",
    "singlehtml": "index.html",
    "dirhtml": "myst/index.html",
    "xml": "myst.xml",
    "epub": "myst.xhtml",
}


@pytest.mark.parametrize(
    "buildername",
    [pytest.param(name, marks=pytest.mark.sphinx(name)) for name in sorted(BUILDERS)],
)
@pytest.mark.sphinx(
    testroot="snippets",
    freshenv=True,  # each builder reads the sources itself: its warnings are its own
    confoverrides={"project": "Snippets", "copyright": "2021", "version": "1", "release": "1"},
)
def test_every_builder_keeps_titles_dates_groups_notices_and_links(
    app: Any, buildername: str
) -> None:
    app.build()
    assert warnings(app) == [], warnings(app)
    outdir = Path(app.outdir)
    files = sorted(outdir.rglob(BUILDERS[buildername]))
    assert files, list(outdir.iterdir())
    output = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    flat = " ".join(output.split())
    for expected in (
        "Global Virtual Conference",
        "IASSIST/CESSDA Summit",
        "Africa Workshop",
        "Forthcoming",
        "Completed",
        "conference",  # notice title ("Changes to the *conference*")
        "2021",
    ):
        assert expected in flat, (buildername, expected)
    if buildername not in ("text", "man"):
        assert "iassist2021.org" in flat, buildername  # external links kept
    # the date range says its month, first and last day and year, in order, however the
    # builder escapes the dash and the spaces (and whatever CLDR puts between them)
    assert re.search(r"\bMay\W+17\b.{0,80}?\b20\b\W+2021\b", flat), buildername
    assert "event_list" not in flat and "event_button" not in flat  # placeholders resolved


def test_the_stylesheet_is_rendered_again_only_when_its_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build renders the template once into the doctree folder; the next build reuses
    that; a changed template is rendered again. ``_static/iassist.css`` is written only
    when its bytes change."""
    from sphinx_iassist import assets

    source = tmp_path / "iassist.css.jinja"
    source.write_text("{% for c in ['a', 'b'] %}.{{ c }} {}{% endfor %}\n")
    monkeypatch.setattr(assets, "STYLESHEET_SOURCE", source)
    doctrees, static = tmp_path / "doctrees", tmp_path / "out" / "_static"
    assets.write_stylesheet(doctrees, static)
    written = static / "iassist.css"
    assert written.read_text() == ".a {}.b {}"
    (doctrees / "iassist" / "iassist.css").write_text("kept")  # not rendered again
    assert assets.rendered_stylesheet(doctrees) == b"kept"
    mtime = written.stat().st_mtime_ns
    written.write_text(".a {}.b {}")  # the same bytes: not written
    source.write_text(".c {}\n")
    assets.write_stylesheet(doctrees, static)
    assert written.read_text() == ".c {}"
    before = written.stat().st_mtime_ns
    assets.write_stylesheet(doctrees, static)
    assert written.stat().st_mtime_ns == before
    assert mtime  # the first write happened
