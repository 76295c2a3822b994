"""Whole HTML fragments of Hugo pages (the ``<div>``s of notices, button groups, HTML blocks)
written as Markdown blocks: known markup maps to Markdown, anything else is kept verbatim
(a ``{raw} html`` block for block-level markup) and reported.
"""

from __future__ import annotations

import re

from sphinx_iassist.hugo.html import MAX_DEPTH, Element, collapse
from sphinx_iassist.hugo.markdown import (
    BLOCK_TAGS,
    BR,
    HEADINGS,
    IMAGE_ATTRS,
    INLINE_MARKS,
    LINK_ATTRS,
    Context,
    breaks,
    code_span,
    drop_leading_nbsp,
    escape,
    html_image,
    html_link,
    md_destination,
    raw_block,
)

__all__ = ["heading", "html_to_markdown"]

_INLINE_HTML = frozenset(
    {
        "span",
        "font",
        "u",
        "s",
        "sub",
        "sup",
        "small",
        "big",
        "mark",
        "abbr",
        "kbd",
        "q",
        "cite",
        "a",
    }
)


def _maps_to_a_block(node: Element) -> bool:
    if node.tag in ("ul", "ol"):  # a list of items and nothing else
        return all(c.tag == "li" or (c.is_text and not c.text.strip()) for c in node.children)
    if node.tag == "div":
        return not node.attrs
    return node.tag in HEADINGS or node.tag in ("p", "blockquote", "hr")


class _FragmentWriter:
    """Walks an element tree, writing Markdown blocks (``blocks``) and running text."""

    def __init__(self, ctx: Context, nested: bool) -> None:
        self.ctx = ctx
        self.nested = nested
        self.blocks: list[str] = []
        self.inline: list[str] = []

    def flush(self) -> None:
        text = breaks("".join(self.inline)).strip()
        text = re.sub(r"^[ \t]+|[ \t]+$", "", text, flags=re.MULTILINE)
        text = drop_leading_nbsp(text, self.ctx)
        if text:
            self.blocks.extend(t for t in text.split("\n\n") if t.strip())
        self.inline = []

    def inline_of(self, elements: list[Element]) -> str:
        saved, self.inline = self.inline, []
        for child in elements:
            self.walk(child)
        text = breaks("".join(self.inline)).strip()
        self.inline = saved
        return text

    def walk(self, node: Element) -> None:
        if node.is_text:
            self.inline.append(escape(collapse(node.text)))
        elif node.tag.startswith("#"):
            self.markup(node)
        elif self.running_text(node):
            pass
        elif _maps_to_a_block(node):
            self.block(node)
        else:
            self.keep(node)

    # --- the kinds of node ------------------------------------------------------------

    def markup(self, node: Element) -> None:
        """Stray end tags, comments and declarations: kept as they are."""
        if node.tag == "#endtag":
            self.flush()
            self.blocks.append(raw_block(f"</{node.attrs['tag']}>"))
            self.ctx.report(
                self.ctx.line,
                "kept",
                f"closing </{node.attrs['tag']}> without its opening tag; kept in a raw block",
            )
            return
        if "\n\n" in node.text or node.tag == "#raw":
            self.flush()
            self.blocks.append(raw_block(node.text))
        else:
            self.inline.append(node.text)
        if "too-deep" in node.attrs:
            message = f"HTML nested more than {MAX_DEPTH} levels deep; kept in a raw block"
        elif node.tag == "#comment":
            message = "HTML comment kept as it is"
        else:
            message = f"{node.text[:40]!r} kept as it is"
        self.ctx.report(self.ctx.line, "kept", message)

    def running_text(self, node: Element) -> bool:
        """Map an inline element; False when ``node`` is not one that maps."""
        tag, attrs = node.tag, node.attrs
        if tag in INLINE_MARKS:
            inner = self.inline_of(node.children)
            if inner:
                self.inline.append(f"{INLINE_MARKS[tag]}{inner}{INLINE_MARKS[tag]}")
        elif tag == "code":
            self.inline.append(code_span(node.text_content()))
        elif tag == "br":
            self.inline.append(BR)
        elif tag == "a" and attrs.get("href"):
            label = self.inline_of(node.children)
            href = attrs["href"]
            if self.ctx.link_is_kept(href):
                self.inline.append(html_link(self.ctx.link(href), label, attrs.get("title")))
            else:
                self.ctx.left_out("a", attrs, LINK_ATTRS)
                title = attrs.get("title")
                suffix = f' "{title}"' if title and '"' not in title else ""
                self.inline.append(f"[{label}]({md_destination(self.ctx.link(href))}{suffix})")
        elif tag == "img" and attrs.get("src"):
            src = attrs["src"]
            if self.ctx.link_is_kept(src):
                alt = attrs.get("alt", "")
                self.inline.append(html_image(self.ctx.link(src), alt, attrs.get("title")))
            else:
                self.ctx.left_out("img", attrs, IMAGE_ATTRS)
                alt = escape(attrs.get("alt", ""))
                self.inline.append(f"![{alt}]({md_destination(self.ctx.link(src))})")
        elif tag == "span" and not attrs:
            for child in node.children:
                self.walk(child)
        else:
            return False
        return True

    def block(self, node: Element) -> None:
        """Map a block element: paragraphs, quotes, lists, headings, rules."""
        tag = node.tag
        self.flush()
        self.ctx.left_out(tag, node.attrs, frozenset())
        if tag in ("p", "div"):
            for child in node.children:
                self.walk(child)
            self.flush()
        elif tag == "blockquote":
            inner = html_to_markdown(node.children, self.ctx, nested=self.nested)
            self.blocks.append("\n".join(f"> {line}".rstrip() for line in inner.splitlines()))
        elif tag in ("ul", "ol"):
            self.blocks.append(self.list_items(node))
        elif tag in HEADINGS:
            self.blocks.append(heading(self.inline_of(node.children), HEADINGS[tag], self.nested))
        else:
            self.blocks.append("---")

    def list_items(self, node: Element) -> str:
        lines = []
        for number, item in enumerate((c for c in node.elements() if c.tag == "li"), 1):
            self.ctx.left_out("li", item.attrs, frozenset())
            marker = f"{number}." if node.tag == "ol" else "-"
            inner = html_to_markdown(item.children, self.ctx, nested=self.nested)
            pad = " " * (len(marker) + 1)
            first, *rest = inner.splitlines() or [""]
            lines.append(f"{marker} {first}")
            lines.extend(f"{pad}{line}" if line else "" for line in rest)
        return "\n".join(lines)

    def keep(self, node: Element) -> None:
        """Markup with no Markdown equivalent: verbatim, inline or in a raw block."""
        if node.tag in BLOCK_TAGS or node.tag not in _INLINE_HTML:
            self.flush()
            self.blocks.append(raw_block(node.outer_html()))
            self.ctx.report(
                self.ctx.line,
                "kept",
                f"<{node.tag}> has no Markdown equivalent; kept in a raw block",
            )
        else:
            self.inline.append(node.outer_html())
            self.ctx.report(
                self.ctx.line, "kept", f"inline <{node.tag}> has no Markdown equivalent; kept"
            )


def heading(text: str, level: int, nested: bool) -> str:
    """A heading; inside a directive (``nested``) a ``rubric``, which MyST allows there."""
    if nested:
        return f"```{{rubric}} {text}\n```"
    return f"{'#' * level} {text}"


def html_to_markdown(children: list[Element], ctx: Context, *, nested: bool) -> str:
    """Markdown blocks (joined by blank lines) for a list of HTML nodes."""
    writer = _FragmentWriter(ctx, nested)
    for child in children:
        writer.walk(child)
    writer.flush()
    return "\n\n".join(writer.blocks)
