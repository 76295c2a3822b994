"""HTML to Markdown for Hugo pages: inline HTML inside Markdown (whole HTML fragments are
:mod:`~sphinx_iassist.hugo.fragments`'s).

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
    VOID,
    feed_bounded,
    marked_section,
)
from sphinx_iassist.hugo.links import LinkTarget, Site

__all__ = ["Context", "escape", "fence", "raw_block", "rewrite_markdown"]

INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# attributes a mapping carries over (all others are reported as left out)
LINK_ATTRS = frozenset({"href", "title"})
IMAGE_ATTRS = frozenset({"src", "alt", "title"})
BR = "\x01BR\x01"


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


def html_link(href: str, label: str, title: str | None) -> str:
    extra = f' title="{html.escape(title)}"' if title else ""
    return f'<a href="{html.escape(href)}"{extra}>{label}</a>'


def html_image(src: str, alt: str, title: str | None) -> str:
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
        carried = LINK_ATTRS
        if "btn" in values.get("class", "").split():
            self.ctx.report(
                self.ctx.line, "check", "a button inside running text became a plain link"
            )
            carried = LINK_ATTRS | {"class"}
        self.ctx.left_out("a", values, carried)
        self.links.append((len(self.out), tag_text, href, values.get("title")))
        self.out.append("[")

    def _image(self, values: dict[str, str]) -> None:
        src = values["src"]
        if self.ctx.link_is_kept(src):
            tag_text = self.get_starttag_text() or "<img>"
            self.out.append(tag_text.replace(src, self.ctx.link(src), 1))
            return
        self.ctx.left_out("img", values, IMAGE_ATTRS)
        title = values.get("title")
        alt = escape(values.get("alt", ""))
        suffix = f' "{title}"' if title and '"' not in title else ""
        self.out.append(f"![{alt}]({md_destination(self.ctx.link(src))}{suffix})")

    def _mark(self, tag: str) -> bool:
        """The Markdown of a tag that opens and closes alike (emphasis, code) or stands
        alone (``br``); False for any other tag."""
        if tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "code":
            self.out.append("`")
        elif tag == "br":
            self.out.append(BR)
        else:
            return False
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self._mark(tag):
            pass
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
        if self._mark(tag):
            pass
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


def breaks(text: str) -> str:
    text = re.sub(rf"(?:\s*{BR}){{2,}}\s*", "\n\n", text)
    text = re.sub(rf"\s*{BR}\s*\n?", "\\\n", text)
    return re.sub(r"\\\n\s*$", "", text).rstrip()


def drop_leading_nbsp(text: str, ctx: Context) -> str:
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
        text = breaks(rewriter.finish())
    text = drop_leading_nbsp(text, ctx)

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
                return hold(html_image(href, label, title_text))
            opening, _, closing = html_link(href, "\x00", title_text).partition("\x00")
            return hold(opening) + label + hold(closing)
        return f"{bang}[{label}]({md_destination(ctx.link(bare))}{title or ''})"

    return _MD_LINK.sub(rewrite, text)


_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


def escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(?=\s)", r"\1\\\2", text)
