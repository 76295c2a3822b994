"""A Hugo page body as blocks, and the HTML blocks that are what hand-made conference pages
are built of: the title band and body of a notice, a paragraph of buttons.

The block structure comes from markdown-it (blocks only: the inline content is read as
source text); HTML blocks are parsed with :mod:`~sphinx_iassist.hugo.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.myst_blocks import myst_block_plugin

from sphinx_iassist.hugo.html import Element, offset_after_end_tag
from sphinx_iassist.hugo.markdown import INLINE_MARKS
from sphinx_iassist.hugo.tone import background_colour

__all__ = [
    "Block",
    "button_anchors",
    "closed_divs",
    "code_lines",
    "notice_title",
    "only_spacing",
    "open_divs",
    "split_blocks",
    "split_notice",
    "tone_hint",
]

TONE_CLASSES = {"info", "warning", "danger", "success", "neutral"}


@dataclass
class Block:
    kind: str  # markdown-it token type of the top-level block, or "lines"
    start: int  # 0-based line index into the body
    end: int
    source: str
    token: Token | None = None
    inline: Token | None = None

    @property
    def text(self) -> str:
        """The inline source of a paragraph or heading ("" for other blocks)."""
        return self.inline.content if self.inline is not None else ""


@cache
def _parser() -> MarkdownIt:
    # blocks only: the importer reads inline content as source text, and inline parsing
    # is most of markdown-it's time (on a run of "[" more than linear)
    return MarkdownIt("commonmark").enable("table").use(myst_block_plugin).disable("inline")


def code_lines(body: str) -> frozenset[int]:
    """The lines (0-based) of the body's code blocks, at any depth, fences included."""
    lines: set[int] = set()
    for token in _parser().parse(body):
        if token.type in ("fence", "code_block") and token.map is not None:
            lines.update(range(*token.map))
    return frozenset(lines)


def split_blocks(body: str) -> list[Block]:
    lines = body.split("\n")  # as markdown-it counts lines (not at U+2028, U+0085…)
    tokens = _parser().parse(body)
    blocks: list[Block] = []
    covered = 0
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting < 0:
            continue
        start, end = token.map
        if start < covered:
            continue
        if start > covered and any(line.strip() for line in lines[covered:start]):
            # lines markdown-it did not give a block (link reference definitions)
            blocks.append(Block("lines", covered, start, "\n".join(lines[covered:start])))
        inline = tokens[index + 1] if token.type in ("paragraph_open", "heading_open") else None
        blocks.append(Block(token.type, start, end, "\n".join(lines[start:end]), token, inline))
        covered = end
    if covered < len(lines) and any(line.strip() for line in lines[covered:]):
        blocks.append(Block("lines", covered, len(lines), "\n".join(lines[covered:])))
    return blocks


def button_anchors(fragment: Element) -> list[Element] | None:
    """The ``a.btn`` elements when a fragment holds nothing else (bar white space and br)."""
    anchors = []
    for child in fragment.children:
        if child.is_text:
            if child.text.replace("\xa0", " ").strip():
                return None
        elif child.tag == "a" and "btn" in child.classes and child.attrs.get("href"):
            anchors.append(child)
        elif child.tag == "p" and not child.attrs:
            inner = button_anchors(child)
            if inner is None:
                return None
            anchors.extend(inner)
        elif child.tag != "br":
            return None
    return anchors or None


def only_spacing(fragment: Element) -> bool:
    return all(
        (c.is_text and not c.text.replace("\xa0", " ").strip()) or c.tag in ("br", "hr")
        for c in fragment.children
    ) and any(c.tag == "br" for c in fragment.children)


def notice_title(fragment: Element) -> Element | None:
    elements = fragment.elements()
    if len(elements) != 1 or not fragment.only_whitespace_text():
        return None
    div = elements[0]
    if div.tag != "div" or not div.closed:
        return None
    if not (tone_hint(div) or background_colour(div.style())):
        return None
    if any(c.tag not in INLINE_MARKS and c.tag not in ("span", "br") for c in div.elements()):
        return None
    return div


def split_notice(block: Block, fragment: Element) -> list[Block] | None:
    """A title band and a body ``<div>`` written in one HTML block, as two blocks."""
    leading = [c for c in fragment.children if not (c.is_text and not c.text.strip())]
    if len(leading) < 2 or leading[1].tag != "div":
        return None
    title_only = Element("#fragment", children=[leading[0]])
    if notice_title(title_only) is None:
        return None
    cut = offset_after_end_tag(block.source, leading[0])
    if cut is None:
        return None
    head, rest = block.source[:cut], block.source[cut:].lstrip()
    return [
        Block("html_block", block.start, block.end, head, block.token),
        Block("html_block", block.start, block.end, rest, block.token),
    ]


def tone_hint(div: Element) -> str | None:
    for cls in div.classes:
        name = cls.removeprefix("alert-").removeprefix("notice-")
        if name != cls and name in TONE_CLASSES:
            return name
    return None


def open_divs(fragment: Element) -> int:
    def count(node: Element) -> int:
        own = 1 if node.tag == "div" and not node.closed else 0
        return own + sum(count(c) for c in node.children)

    return sum(count(c) for c in fragment.children)


def closed_divs(fragment: Element) -> int:
    return sum(1 for c in fragment.children if c.tag == "#endtag" and c.attrs["tag"] == "div")
