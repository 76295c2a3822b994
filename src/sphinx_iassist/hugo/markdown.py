"""HTML to Markdown for Hugo pages: inline HTML inside Markdown, and whole HTML fragments.

Known markup maps to Markdown: ``strong``/``b``, ``em``/``i``, ``code``, ``a``, ``img``,
``br`` (hard line break; two in a row end the paragraph), ``p``, ``blockquote``,
lists, headings. Anything else is kept verbatim (inline HTML, or a ``{raw} html``
block for block-level markup) and reported, and so is every attribute a mapping
leaves out (a ``style``, a link's ``target``, an image's ``width``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath

from sphinx_iassist.hugo.html import (
    MAX_DEPTH,
    VOID,
    Element,
    collapse,
    feed_bounded,
    marked_section,
)
from sphinx_iassist.hugo.links import LinkTarget, Site

__all__ = ["Context", "fence", "html_to_markdown", "raw_block", "rewrite_markdown"]

INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# attributes a mapping carries over (all others are reported as left out)
_LINK_ATTRS = frozenset({"href", "title"})
_IMAGE_ATTRS = frozenset({"src", "alt", "title"})
_BR = "\x01BR\x01"


def _identity(text: str) -> str:
    return text


@dataclass
class Context:
    """Where the text comes from, for links and the report."""

    site: Site
    page: PurePosixPath
    report: Callable[[int, str, str], None]  # (line, kind, message)
    line: int = 0
    #: shows text as the author wrote it (puts back the shortcodes taken out of the page)
    shown: Callable[[str], str] = field(default=_identity)

    def resolve(self, href: str) -> LinkTarget:
        return self.site.resolve(href, self.page)

    def link(self, href: str) -> str:
        target = self.resolve(href)
        if target.kind == "doc" and "#" in target.href:
            self.report(
                self.line,
                "check",
                f"link {target.href!r}: MyST resolves a heading anchor only with "
                "myst_heading_anchors set in conf.py (Hugo made them by itself)",
            )
        if target.kind == "kept":
            self.report(
                self.line,
                "kept",
                f"link {self.shown(href)!r}: no page or file of that address was migrated "
                "and no --base-url is known; kept as an HTML link",
            )
        return target.href

    def link_is_kept(self, href: str) -> bool:
        """True when ``href`` cannot be a Markdown link (MyST would fail to resolve it)."""
        return self.resolve(href).kind in ("kept", "shortcode")

    def left_out(self, tag: str, attrs: dict[str, str], carried: frozenset[str]) -> None:
        """Report the attributes of ``<tag>`` that its Markdown form does not carry."""
        names = sorted(name for name in attrs if name not in carried)
        if names:
            self.report(
                self.line,
                "check",
                f"<{tag}> attribute(s) {', '.join(names)} have no Markdown equivalent; left out",
            )


def fence(body: str, minimum: int = 3) -> str:
    """A backtick fence longer than every fence inside ``body``."""
    longest = max((len(m) for m in re.findall(r"^\s*(`{3,})", body, re.MULTILINE)), default=0)
    return "`" * max(minimum, longest + 1)


def raw_block(markup: str) -> str:
    text = markup.strip("\n")
    marks = fence(text)
    return f"{marks}{{raw}} html\n{text}\n{marks}"


def md_destination(href: str) -> str:
    """``href`` as a Markdown link destination (in ``<…>`` when it has spaces or parens)."""
    if re.search(r"[\s()<>]", href):
        return "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    return href


def code_span(text: str) -> str:
    """A code span holding ``text`` verbatim, whatever backticks it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _html_link(href: str, label: str, title: str | None) -> str:
    extra = f' title="{html.escape(title)}"' if title else ""
    return f'<a href="{html.escape(href)}"{extra}>{label}</a>'


def _html_image(src: str, alt: str, title: str | None) -> str:
    extra = f' title="{html.escape(title)}"' if title else ""
    return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{extra} />'


# --- inline HTML inside Markdown source -------------------------------------------------

_PROTECT = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)|<(?:https?|mailto|ftp):[^>\s]*>")
# A Markdown link or image as CommonMark writes it: the label may hold one level of
# brackets (an image inside a link), the destination balanced parentheses.
_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<label>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(?P<dest><[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
_MD_REFDEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)
_NBSP_START = re.compile(r"^(?:&nbsp;|\xa0)+", re.MULTILINE)


class _InlineRewriter(HTMLParser):
    def __init__(self, ctx: Context) -> None:
        super().__init__(convert_charrefs=False)
        self.ctx = ctx
        self.out: list[str] = []
        # per open <a>: (index of its "[" in out, its start tag, href, title), or None when
        # the tag was kept as HTML
        self.links: list[tuple[int, str, str, str | None] | None] = []
        self.kept_open: dict[str, int] = {}  # tag → how many kept start tags are open

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")
        self.ctx.report(self.ctx.line, "kept", "HTML comment kept as it is")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
        self.ctx.report(self.ctx.line, "kept", f"<!{decl[:30]}> kept as it is")

    def unknown_decl(self, data: str) -> None:
        self.out.append(marked_section(data))
        self.ctx.report(self.ctx.line, "kept", "<![…]> kept as it is")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")
        self.ctx.report(self.ctx.line, "kept", "processing instruction <?…> kept as it is")

    def _keep(self, tag: str) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}>")
        self.ctx.report(self.ctx.line, "kept", f"inline <{tag}> has no Markdown equivalent; kept")
        if tag not in VOID:
            self.kept_open[tag] = self.kept_open.get(tag, 0) + 1

    def _start_link(self, values: dict[str, str]) -> None:
        tag_text = self.get_starttag_text() or "<a>"
        href = values["href"]
        if self.ctx.link_is_kept(href):
            self.links.append(None)
            self.out.append(tag_text.replace(href, self.ctx.link(href), 1))
            return
        carried = _LINK_ATTRS
        if "btn" in values.get("class", "").split():
            self.ctx.report(
                self.ctx.line, "check", "a button inside running text became a plain link"
            )
            carried = _LINK_ATTRS | {"class"}
        self.ctx.left_out("a", values, carried)
        self.links.append((len(self.out), tag_text, href, values.get("title")))
        self.out.append("[")

    def _image(self, values: dict[str, str]) -> None:
        src = values["src"]
        if self.ctx.link_is_kept(src):
            tag_text = self.get_starttag_text() or "<img>"
            self.out.append(tag_text.replace(src, self.ctx.link(src), 1))
            return
        self.ctx.left_out("img", values, _IMAGE_ATTRS)
        title = values.get("title")
        alt = _escape(values.get("alt", ""))
        suffix = f' "{title}"' if title and '"' not in title else ""
        self.out.append(f"![{alt}]({md_destination(self.ctx.link(src))}{suffix})")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "code":
            self.out.append("`")
        elif tag == "br":
            self.out.append(_BR)
        elif tag == "a" and values.get("href"):
            self._start_link(values)
        elif tag == "img" and values.get("src"):
            self._image(values)
        elif tag == "a":
            self.links.append(None)
            self.out.append(self.get_starttag_text() or "<a>")
            self.ctx.report(self.ctx.line, "kept", "<a> without an address kept as it is")
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
            self.out.append(_BR)
        elif tag == "a" and self.links:
            link = self.links.pop()
            if link is None:
                self.out.append("</a>")
                return
            _, _, href, title = link
            suffix = f' "{title}"' if title and '"' not in title else ""
            self.out.append(f"]({md_destination(self.ctx.link(href))}{suffix})")
        else:
            self.out.append(f"</{tag}>")
            if self.kept_open.get(tag):
                self.kept_open[tag] -= 1
            else:
                self.ctx.report(
                    self.ctx.line, "kept", f"closing </{tag}> without its opening tag; kept"
                )

    def finish(self) -> str:
        # an <a> never closed in this block stays HTML, as it was: "[" would show as text
        for link in self.links:
            if link is not None:
                index, tag_text, href, _ = link
                self.out[index] = tag_text.replace(href, self.ctx.link(href), 1)
                self.ctx.report(
                    self.ctx.line, "kept", "<a> not closed in its paragraph; kept as HTML"
                )
        return "".join(self.out)


def _breaks(text: str) -> str:
    text = re.sub(rf"(?:\s*{_BR}){{2,}}\s*", "\n\n", text)
    text = re.sub(rf"\s*{_BR}\s*\n?", "\\\n", text)
    return re.sub(r"\\\n\s*$", "", text).rstrip()


def _drop_leading_nbsp(text: str, ctx: Context) -> str:
    if _NBSP_START.search(text):
        ctx.report(ctx.line, "dropped", "&nbsp; at the start of a line, used only for spacing")
        text = _NBSP_START.sub("", text)
    return text


def rewrite_markdown(source: str, ctx: Context) -> str:
    """Markdown with its inline HTML mapped to Markdown and its links rewritten."""
    protected: list[str] = []

    def hold(markup: str) -> str:
        """Set ``markup`` aside (code spans, tags written here) until the end."""
        protected.append(markup)
        return f"\x02{len(protected) - 1}\x02"

    text = _PROTECT.sub(lambda m: hold(m.group(0)), source)
    text = rewrite_md_links(text, ctx, hold)
    text = _MD_REFDEF.sub(lambda m: m.group(1) + _md_href(m.group(2), ctx), text)
    if "<" in text or "&" in text:
        rewriter = _InlineRewriter(ctx)
        feed_bounded(rewriter, text)
        text = _breaks(rewriter.finish())
    text = _drop_leading_nbsp(text, ctx)

    def restore(held: str) -> str:  # held markup may hold some too (an image's alt text)
        return re.sub("\x02(\\d+)\x02", lambda m: restore(protected[int(m.group(1))]), held)

    return restore(text)


def _md_href(href: str, ctx: Context) -> str:
    bare = href[1:-1] if href.startswith("<") else href
    return md_destination(ctx.link(bare))


def rewrite_md_links(text: str, ctx: Context, hold: Callable[[str], str] = _identity) -> str:
    """Rewrite the address of every Markdown link and image in ``text``.

    A link MyST could not resolve (a page that was not migrated, and no base URL) becomes
    an HTML link to the site path Hugo served it at: as a Markdown link MyST would try
    to resolve the path as a cross-reference, and fail under ``-W``. A link whose
    address is a kept shortcode stays as it was written. ``hold`` sets the tags written
    here aside, so that the inline HTML pass does not read them again.
    """

    def rewrite(match: re.Match[str]) -> str:
        bang, label, dest, title = match.group("bang", "label", "dest", "title")
        bare = dest[1:-1] if dest.startswith("<") else dest
        target = ctx.resolve(bare)
        if target.kind == "shortcode":
            return match.group(0)
        if "](" in label:  # an image inside a link
            label = rewrite_md_links(label, ctx, hold)
        if target.kind == "kept":
            href = ctx.link(bare)
            title_text = title.strip()[1:-1] if title else None
            if bang:
                return hold(_html_image(href, label, title_text))
            opening, _, closing = _html_link(href, "\x00", title_text).partition("\x00")
            return hold(opening) + label + hold(closing)
        return f"{bang}[{label}]({md_destination(ctx.link(bare))}{title or ''})"

    return _MD_LINK.sub(rewrite, text)


# --- whole HTML fragments ---------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(?=\s)", r"\1\\\2", text)


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
        text = _breaks("".join(self.inline)).strip()
        text = re.sub(r"^[ \t]+|[ \t]+$", "", text, flags=re.MULTILINE)
        text = _drop_leading_nbsp(text, self.ctx)
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
            self.inline.append(_BR)
        elif tag == "a" and attrs.get("href"):
            label = self.inline_of(node.children)
            href = attrs["href"]
            if self.ctx.link_is_kept(href):
                self.inline.append(_html_link(self.ctx.link(href), label, attrs.get("title")))
            else:
                self.ctx.left_out("a", attrs, _LINK_ATTRS)
                title = attrs.get("title")
                suffix = f' "{title}"' if title and '"' not in title else ""
                self.inline.append(f"[{label}]({md_destination(self.ctx.link(href))}{suffix})")
        elif tag == "img" and attrs.get("src"):
            src = attrs["src"]
            if self.ctx.link_is_kept(src):
                alt = attrs.get("alt", "")
                self.inline.append(_html_image(self.ctx.link(src), alt, attrs.get("title")))
            else:
                self.ctx.left_out("img", attrs, _IMAGE_ATTRS)
                alt = _escape(attrs.get("alt", ""))
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
