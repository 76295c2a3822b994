"""HTML to Markdown for Hugo pages: inline HTML inside Markdown, and whole HTML fragments.

Known markup maps to Markdown: ``strong``/``b``, ``em``/``i``, ``code``, ``a``,
``br`` (hard line break; two in a row end the paragraph), ``p``, ``blockquote``,
lists, headings and ``img``. Anything else is kept verbatim (inline HTML, or a
``{raw} html`` block for block-level markup) and reported.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath

from .hugo_html import Element, collapse
from .hugo_links import Site

__all__ = ["Context", "fence", "html_to_markdown", "raw_block", "rewrite_markdown"]

INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}


@dataclass
class Context:
    """Where the text comes from, for links and the report."""

    site: Site
    page: PurePosixPath
    report: Callable[[int, str, str], None]  # (line, kind, message)
    line: int = 0

    def link(self, href: str) -> str:
        target = self.site.resolve(href, self.page)
        if target.kind == "kept":
            self.report(
                self.line,
                "kept",
                f"link {href!r}: the page was not migrated and no --base-url is known; "
                "kept as an HTML link",
            )
        return target.href

    def link_is_kept(self, href: str) -> bool:
        return self.site.resolve(href, self.page).kind == "kept"


def fence(body: str, minimum: int = 3) -> str:
    """A backtick fence longer than every fence inside ``body``."""
    longest = max((len(m) for m in re.findall(r"^\s*(`{3,})", body, re.MULTILINE)), default=0)
    return "`" * max(minimum, longest + 1)


def raw_block(markup: str) -> str:
    text = markup.strip("\n")
    marks = fence(text)
    return f"{marks}{{raw}} html\n{text}\n{marks}"


# --- inline HTML inside Markdown source -------------------------------------------------

_PROTECT = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)|<(?:https?|mailto|ftp):[^>\s]*>")
_MD_LINK = re.compile(r"(\]\(\s*)(\{\{[<%].*?[>%]\}\}|<[^>]*>|[^()\s]+)((?:\s+\"[^\"]*\")?\s*\))")
_MD_REFDEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)


class _InlineRewriter(HTMLParser):
    def __init__(self, ctx: Context) -> None:
        super().__init__(convert_charrefs=False)
        self.ctx = ctx
        self.out: list[str] = []
        self.links: list[str | None] = []  # href for mapped <a>, None for kept ones

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")
        self.ctx.report(self.ctx.line, "kept", "HTML comment kept as it is")

    def _keep(self, tag: str) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        self.ctx.report(self.ctx.line, "kept", f"inline <{tag}> has no Markdown equivalent; kept")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "code":
            self.out.append("`")
        elif tag == "br":
            self.out.append("\x01BR\x01")
        elif tag == "a" and "href" in values and not self.ctx.link_is_kept(values["href"]):
            if "btn" in values.get("class", "").split():
                self.ctx.report(
                    self.ctx.line, "check", "a button inside running text became a plain link"
                )
            self.links.append(values["href"])
            self.out.append("[")
        elif tag == "a":
            self.links.append(None)
            tag_text = self.get_starttag_text() or "<a>"
            if "href" in values:
                tag_text = tag_text.replace(values["href"], self.ctx.link(values["href"]), 1)
            self.out.append(tag_text)
        else:
            self._keep(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "code":
            self.out.append("`")
        elif tag == "br":
            self.out.append("\x01BR\x01")
        elif tag == "a" and self.links:
            href = self.links.pop()
            self.out.append(f"]({self.ctx.link(href)})" if href is not None else "</a>")
        else:
            self.out.append(f"</{tag}>")


def _breaks(text: str) -> str:
    text = re.sub(r"(?:\s*\x01BR\x01){2,}\s*", "\n\n", text)
    text = re.sub(r"\s*\x01BR\x01\s*\n?", "\\\n", text)
    return re.sub(r"\\\n\s*$", "", text).rstrip()


def rewrite_markdown(source: str, ctx: Context) -> str:
    """Markdown with its inline HTML mapped to Markdown and its links rewritten."""
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\x02{len(protected) - 1}\x02"

    text = _PROTECT.sub(protect, source)
    text = _MD_LINK.sub(lambda m: _rewrite_md_link(m, ctx), text)
    text = _MD_REFDEF.sub(lambda m: m.group(1) + _md_href(m.group(2), ctx), text)
    if "<" in text or "&" in text:
        rewriter = _InlineRewriter(ctx)
        rewriter.feed(text)
        rewriter.close()
        text = _breaks("".join(rewriter.out))
    text = re.sub(r"^(?:&nbsp;|\xa0)+", "", text, flags=re.MULTILINE)
    text = keep_unresolved_links(text, ctx)
    return re.sub("\x02(\\d+)\x02", lambda m: protected[int(m.group(1))], text)


def _md_href(href: str, ctx: Context) -> str:
    bare = href[1:-1] if href.startswith("<") else href
    return ctx.link(bare)


def _rewrite_md_link(match: re.Match[str], ctx: Context) -> str:
    href = match.group(2)
    bare = href[1:-1] if href.startswith("<") else href
    if ctx.link_is_kept(bare):
        return match.group(0) + "\x03KEPT\x03"  # turned into an HTML link below
    return match.group(1) + ctx.link(bare) + match.group(3)


_KEPT_MD_LINK = re.compile(
    r"(!?)\[([^\]]*)\]\(\s*<?([^()\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)\x03KEPT\x03"
)


def keep_unresolved_links(text: str, ctx: Context) -> str:
    """``[label](/not/migrated)`` → ``<a href="/not/migrated">label</a>``: MyST would
    otherwise try (and fail, under ``-W``) to resolve the path as a cross-reference."""

    def html_link(match: re.Match[str]) -> str:
        image, label, href = match.groups()
        href = ctx.link(href)  # the site path Hugo resolved it to; reported
        if image:
            return f'<img src="{html.escape(href)}" alt="{html.escape(label)}" />'
        return f'<a href="{html.escape(href)}">{label}</a>'

    return _KEPT_MD_LINK.sub(html_link, text)


# --- whole HTML fragments ---------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(?=\s)", r"\1\\\2", text)


class _FragmentWriter:
    def __init__(self, ctx: Context, nested: bool) -> None:
        self.ctx = ctx
        self.nested = nested
        self.blocks: list[str] = []
        self.inline: list[str] = []

    def flush(self) -> None:
        text = _breaks("".join(self.inline)).strip()
        text = re.sub(r"^[ \t]+|[ \t]+$", "", text, flags=re.MULTILINE)
        text = re.sub(r"^(?:&nbsp;|\xa0)+", "", text, flags=re.MULTILINE)
        if text:
            self.blocks.extend(t for t in text.split("\n\n") if t.strip())
        self.inline = []

    def inline_of(self, elements: list[Element]) -> str:
        saved, self.inline = self.inline, []
        for child in elements:
            self.walk(child)
        text = _breaks("".join(self.inline)).strip()
        self.inline = saved
        return text

    def walk(self, node: Element) -> None:
        if node.is_text:
            self.inline.append(_escape(collapse(node.text)))
            return
        tag = node.tag
        if tag == "#endtag":
            self.flush()
            self.blocks.append(raw_block(f"</{node.attrs['tag']}>"))
            self.ctx.report(
                self.ctx.line,
                "kept",
                f"closing </{node.attrs['tag']}> without its opening tag; kept in a raw block",
            )
        elif tag in INLINE_MARKS:
            inner = self.inline_of(node.children)
            if inner:
                self.inline.append(f"{INLINE_MARKS[tag]}{inner}{INLINE_MARKS[tag]}")
        elif tag == "code":
            self.inline.append(f"`{node.text_content()}`")
        elif tag == "br":
            self.inline.append("\x01BR\x01")
        elif tag == "a" and node.attrs.get("href"):
            label = self.inline_of(node.children)
            href = node.attrs["href"]
            if self.ctx.link_is_kept(href):
                self.inline.append(f'<a href="{html.escape(self.ctx.link(href))}">{label}</a>')
            else:
                self.inline.append(f"[{label}]({self.ctx.link(href)})")
        elif tag == "img" and node.attrs.get("src"):
            self.inline.append(
                f"![{_escape(node.attrs.get('alt', ''))}]({self.ctx.link(node.attrs['src'])})"
            )
        elif tag == "span" and not node.attrs:
            for child in node.children:
                self.walk(child)
        elif tag in ("p", "div") and (tag == "p" or not node.attrs):
            self.flush()
            for child in node.children:
                self.walk(child)
            self.flush()
        elif tag == "blockquote":
            self.flush()
            inner = html_to_markdown(node.children, self.ctx, nested=self.nested)
            self.blocks.append("\n".join(f"> {line}".rstrip() for line in inner.splitlines()))
        elif tag in ("ul", "ol"):
            self.flush()
            items = [c for c in node.elements() if c.tag == "li"]
            lines = []
            for number, item in enumerate(items, 1):
                marker = f"{number}." if tag == "ol" else "-"
                inner = html_to_markdown(item.children, self.ctx, nested=self.nested)
                pad = " " * (len(marker) + 1)
                first, *rest = inner.splitlines() or [""]
                lines.append(f"{marker} {first}")
                lines.extend(f"{pad}{line}" if line else "" for line in rest)
            self.blocks.append("\n".join(lines))
        elif tag in HEADINGS:
            self.flush()
            self.blocks.append(heading(self.inline_of(node.children), HEADINGS[tag], self.nested))
        elif tag == "hr":
            self.flush()
            self.blocks.append("---")
        elif tag in BLOCK_TAGS or tag not in _INLINE_HTML:
            self.flush()
            self.blocks.append(raw_block(node.outer_html()))
            self.ctx.report(
                self.ctx.line, "kept", f"<{tag}> has no Markdown equivalent; kept in a raw block"
            )
        else:
            self.inline.append(node.outer_html())
            self.ctx.report(
                self.ctx.line, "kept", f"inline <{tag}> has no Markdown equivalent; kept"
            )


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
