"""HTML fragments of Hugo pages: a small element tree built with :mod:`html.parser`.

Hugo pages mix Markdown with raw HTML blocks. The importer parses each HTML block
with the standard library's parser into :class:`Element` trees (no third-party
HTML dependency) and reads attributes, inline styles and classes from them.
Elements left open at the end of a fragment stay open (``closed=False``): a Hugo
notice body ``<div>`` often opens in one HTML block and closes several Markdown
blocks later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import tinycss2

__all__ = ["Element", "parse_fragment"]

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Element:
    """An element (``tag``) or a text node (``tag == ""``, ``text`` set)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)
    text: str = ""
    raw_start: str = ""
    closed: bool = True
    end_pos: tuple[int, int] | None = None  # (line, column) of the end tag in the fragment

    @property
    def is_text(self) -> bool:
        return self.tag == ""

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def style(self) -> dict[str, str]:
        """The inline ``style`` attribute as lower-case property → value (read by tinycss2;
        ``!important`` dropped, unreadable declarations left out)."""
        parsed = tinycss2.parse_declaration_list(
            self.attrs.get("style", ""), skip_comments=True, skip_whitespace=True
        )
        return {
            item.lower_name: tinycss2.serialize(item.value).strip()
            for item in parsed
            if item.type == "declaration"
        }

    def text_content(self) -> str:
        if self.is_text:
            return self.text
        return "".join(child.text_content() for child in self.children)

    def elements(self) -> list[Element]:
        return [c for c in self.children if not c.is_text]

    def only_whitespace_text(self) -> bool:
        return all(not c.text.strip() for c in self.children if c.is_text)

    def outer_html(self) -> str:
        """A faithful-enough serialisation for keeping unmapped markup verbatim."""
        if self.is_text or self.tag in ("#comment", "#raw"):
            return self.text
        if self.tag == "#endtag":
            return f"</{self.attrs['tag']}>"
        inner = "".join(c.outer_html() for c in self.children)
        if self.tag in VOID:
            return self.raw_start
        return f"{self.raw_start}{inner}" + (f"</{self.tag}>" if self.closed else "")


#: Deeper HTML is kept verbatim as one piece: the walks over the tree are recursive.
MAX_DEPTH = 100


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#fragment")
        self.stack = [self.root]
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag,
            {k: v or "" for k, v in attrs},
            raw_start=self.get_starttag_text() or f"<{tag}>",
            closed=tag in VOID,
        )
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)
            self.deepest = max(self.deepest, len(self.stack) - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for element in self.stack[depth:]:
                    element.closed = True
                self.stack[depth].end_pos = self.getpos()
                del self.stack[depth:]
                return
        # a stray end tag: keep it visible as a closing marker
        self.root.children.append(Element("#endtag", {"tag": tag}))

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Element("", text=data))

    # kept verbatim: comments, <!DOCTYPE …>, <![CDATA[…]]>, <?…>
    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Element("#comment", text=f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.stack[-1].children.append(Element("#raw", text=f"<!{decl}>"))

    def unknown_decl(self, data: str) -> None:
        self.stack[-1].children.append(Element("#raw", text=marked_section(data)))

    def handle_pi(self, data: str) -> None:
        self.stack[-1].children.append(Element("#raw", text=f"<?{data}>"))


def marked_section(data: str) -> str:
    """``<![CDATA[…]]>`` or ``<![if …]>`` as written, from what html.parser gives."""
    return f"<![{data}]]>" if data.upper().startswith("CDATA[") else f"<![{data}]>"


def feed_bounded(parser: HTMLParser, html: str) -> None:
    """Feed ``html`` to ``parser`` and close it, in time linear in its length.

    html.parser looks for the end of each unfinished tag (``<a`` with no ``>`` after it)
    again from every such tag to the end of the text: quadratic on a run of them. They
    can only follow the last ``>``, and there they are text: given as text directly.
    """
    end = html.rfind(">") + 1
    parser.feed(html[:end])
    tail = html[end:]
    if "<" in tail:
        parser.close()
        parser.handle_data(unescape(tail) if parser.convert_charrefs else tail)
    else:
        parser.feed(tail)
        parser.close()


def offset_after_end_tag(html: str, element: Element) -> int | None:
    """The offset just after ``element``'s end tag in the fragment it was parsed from."""
    if element.end_pos is None:
        return None
    line, column = element.end_pos
    # html.parser counts lines by "\n" only (str.splitlines would also split at U+2028)
    start = sum(len(text) + 1 for text in html.split("\n")[: line - 1]) + column
    end = html.find(">", start)
    return end + 1 if end >= 0 else None


def parse_fragment(html: str) -> Element:
    """Parse an HTML fragment; the returned ``#fragment`` element holds its top level.

    Stray end tags (``</div>`` closing an element opened in an earlier fragment)
    appear as ``#endtag`` elements whose ``attrs["tag"]`` names the tag; comments and
    declarations as ``#comment`` and ``#raw`` elements holding their markup in ``text``.
    A fragment nested deeper than :data:`MAX_DEPTH` comes back as one ``#raw`` element
    with ``attrs["too-deep"]`` set.
    """
    builder = _TreeBuilder()
    feed_bounded(builder, html)
    if builder.deepest > MAX_DEPTH:
        return Element("#fragment", children=[Element("#raw", {"too-deep": "1"}, text=html)])
    return builder.root


_SPACE = re.compile(r"[ \t\r\n]+")


def collapse(text: str) -> str:
    """HTML white-space collapsing (non-breaking spaces are kept as they are)."""
    return _SPACE.sub(" ", text)
