"""The markup of a list's events is ASCII: every other character is a character reference,
which HTML reads as the character itself (a page of thousands of events then takes one
byte a character in the builder's memory, not two or four)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import html, text

from sphinx_iassist.render.html import ascii_markup


class _Parsed(HTMLParser):
    """The text and the attributes an HTML parser reads from markup."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.read: list[object] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.read.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.read.append(data)


MARKUP = (
    '<li data-title="Kraków – Łódź 🎉"><a href="https://example.org/münchen">'
    "Kraków – Łódź 🎉</a> <span>May 17\u2009–\u200919, 2030</span></li>"
)


def test_every_character_beyond_ascii_is_a_reference_html_reads_back() -> None:
    written = ascii_markup(MARKUP)
    assert written.isascii()
    assert "&#8201;" in written and "&#127881;" in written  # the thin space, the emoji
    assert _Parsed(written).read == _Parsed(MARKUP).read


def test_ascii_markup_is_kept_as_it_is() -> None:
    markup = '<li class="x">Plain &amp; simple</li>'
    assert ascii_markup(markup) is markup


@pytest.mark.parametrize("element", ["script", "STYLE"])
def test_markup_with_a_script_or_style_is_kept_as_it_is(element: str) -> None:
    # a reference is no character inside a script or a style: a project's template keeps
    # what it wrote there
    markup = f"<li>Kraków<{element}>var city = 'Kraków';</{element}></li>"
    assert ascii_markup(markup) == markup


def test_a_list_s_events_are_written_in_ascii_and_read_as_written(
    site_copy: Any, build_site: Any
) -> None:
    srcdir = site_copy("escaping")
    (srcdir / "events.yaml").write_text(
        "- id: krakow\n"
        "  title: Kraków – Łódź 🎉\n"
        "  start: 2030-05-17\n"
        "  end: 2030-05-19\n"
        "  location: {city: Kraków, country: Poland}\n"
        "  url: https://example.org/krak%C3%B3w\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        "# Events\n\n```{event-list}\n```\n\n```{event-list}\n:style: table\n```\n",
        encoding="utf-8",
    )
    app = build_site(srcdir)
    raw = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    found = re.finditer(r'<(li|tr)\b[^>]*data-event-id="krakow".*?</\1>', raw, re.S)
    items = [match.group() for match in found]
    assert len(items) == 2  # the list's item and the table's row
    for item in items:
        assert item.isascii() and "&#321;&#243;d&#378;" in item  # Łódź
    page = html(app)
    titles = {text(t) for t in page.select(".iassist-event-title")}
    assert "Kraków – Łódź 🎉" in titles
    dates = text(page.select_one(".iassist-event-date"))
    assert "–" in dates and "17" in dates and "19" in dates
    assert "Kraków, Poland" in {text(t) for t in page.select(".iassist-event-location")}
