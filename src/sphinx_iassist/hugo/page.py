"""One Hugo page body to MyST: blocks found with markdown-it, HTML blocks with html.parser.

The Markdown parts stay Markdown (their source lines are kept, with inline HTML
mapped and links rewritten). HTML blocks are parsed and matched against the
patterns hand-made Hugo conference pages use:

* a coloured ``<div>`` title band followed by a ``<div>`` body → ``notice-box``
  with the nearest tone (the body may span Markdown blocks until its ``</div>``);
* ``<a class="btn …">`` links alone in a paragraph → ``event-button``;
* "Forthcoming"/"Completed" (or "Upcoming"/"Past") headings over such buttons →
  events for the data file plus one ``event-list`` with ``:style: buttons``;
* shortcodes: see :mod:`sphinx_iassist.hugo.shortcodes` (``ref``/``relref`` to migrated
  pages resolved, the others kept verbatim and reported);
* anything else HTML → mapped to Markdown when every element has a mapping, else
  a ``{raw} html`` block, reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from sphinx_iassist.hugo.blocks import (
    Block,
    button_anchors,
    closed_divs,
    code_lines,
    notice_title,
    only_spacing,
    open_divs,
    split_blocks,
    split_notice,
    tone_hint,
)
from sphinx_iassist.hugo.fragments import heading, html_to_markdown
from sphinx_iassist.hugo.html import Element, collapse, parse_fragment
from sphinx_iassist.hugo.links import LinkTarget, Site
from sphinx_iassist.hugo.markdown import Context, fence, raw_block, rewrite_markdown
from sphinx_iassist.hugo.shortcodes import Shortcode, ShortcodeTable, prepare_shortcodes
from sphinx_iassist.hugo.tone import background_colour, nearest_tone, parse_css_colour
from sphinx_iassist.model import ID_RE

__all__ = ["PageConversion", "convert_body"]

GROUP_WORDS = {
    "forthcoming": "Forthcoming",
    "upcoming": "Forthcoming",
    "completed": "Completed",
    "past": "Completed",
}
#: notice boxes inside notice boxes deeper than this stay HTML (each level is a
#: directive nested in the one around it)
MAX_NOTICE_DEPTH = 3
#: last URL segments that say little about the event they name
_GENERIC_SEGMENTS = frozenset(
    {"index", "home", "default", "page", "event", "events", "conference", "register"}
    | {"registration", "info", "details", "en", "de", "fr", "es"}
)
# control characters: none may reach the output (the importer removes them from each
# page before conversion; the conversion's own markers use them)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass
class PageConversion:
    markdown: str
    events: list[dict[str, Any]] = field(default_factory=list)
    event_groups: dict[str, str] = field(default_factory=dict)  # id → Forthcoming/Completed


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _id_source(href: str, shortcode: Shortcode | None) -> tuple[str, str | None]:
    """The text an event id is made from, and why it is a weak guess (None if it is not)."""
    if shortcode is not None:
        target = shortcode.ref_target() or ""
        parts = [p for p in re.split(r"[/#]", target.partition("#")[0]) if p]
        if parts and re.match(r"_?index\.", parts[-1]):
            parts.pop()
        return (parts[-1].rsplit(".", 1)[0] if parts else ""), None
    split = urlsplit(href)
    segments = [s for s in split.path.split("/") if s and s != "."]
    if not segments:
        host = split.hostname or ""
        return host, "made from the site's host name" if host else None
    last = re.sub(r"\.(html?|md|php|aspx?)$", "", segments[-1], flags=re.IGNORECASE)
    if last.lower() in _GENERIC_SEGMENTS:
        return last, f"the link ends in the generic word {last!r}"
    return last, None


def event_id(href: str, label: str, shortcode: Shortcode | None) -> tuple[str, list[str]]:
    """An id for the event a button links to, and every reason to doubt it."""
    source, doubt = _id_source(href, shortcode)
    doubts = [doubt] if doubt else []
    slug = _slugify(source)
    if re.search(r"[^\x00-\x7f]", source):
        doubts.append(f"the letters of {source!r} outside a-z were left out")
    if not re.search(r"[a-z]", slug):
        # "/2027/" says only when: the label may say what
        words = _slugify(label)
        if slug:
            doubts.append(f"the link's last part {source!r} is only a number")
        else:
            doubts.append("the link has no name to make an id from")
        if re.search(r"[a-z]", words):
            slug = f"{words}-{slug}" if slug else words
            doubts[-1] += "; the id adds the button label"
        elif not slug:
            slug = words
    if not slug or not ID_RE.match(slug):
        return "event", [*doubts, "nothing usable in the link or the label"]
    return slug[:60].rstrip("-"), doubts


def _series_from(heading_text: str | None) -> str | None:
    if not heading_text:
        return None
    text = re.sub(r"\s+events?$", "", heading_text.strip(), flags=re.IGNORECASE).strip()
    year = re.match(r"^(\d{4})\s+(.+)$", text)
    return f"{year.group(2)} {year.group(1)}" if year else (text or None)


@dataclass
class PageConverter:
    """Converts the blocks of one page body; the Markdown and the events go to ``result``."""

    site: Site
    page: PurePosixPath
    report_to: Callable[[int, str, str], None]
    first_line: int  # the body's first line in the file
    title: str | None
    taken_ids: set[str]  # event ids of the pages converted before, which this one adds to
    shortcodes: ShortcodeTable = field(default_factory=ShortcodeTable)
    result: PageConversion = field(default_factory=lambda: PageConversion(""), init=False)
    last_heading: str | None = field(default=None, init=False)
    notices_open: int = field(default=0, init=False)  # notice boxes around the current block

    def report(self, line: int, kind: str, message: str) -> None:
        self.report_to(line, kind, self.shortcodes.restore(message))

    def shown(self, text: str) -> str:
        """``text`` as the page has it (with its shortcodes put back), for messages."""
        return self.shortcodes.restore(text)

    def ctx(self, block: Block) -> Context:
        return Context(self.site, self.page, self.report, self.first_line + block.start, self.shown)

    def line(self, block: Block) -> int:
        return self.first_line + block.start

    # --- the block loop -----------------------------------------------------------

    def convert(self, blocks: list[Block], *, nested: bool) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind == "html_block":
                fragment = parse_fragment(block.source)
                split = split_notice(block, fragment)
                if split is not None:  # title band and body in one HTML block
                    blocks = [*blocks[:i], *split, *blocks[i + 1 :]]
                    block, fragment = split[0], parse_fragment(split[0].source)
                title = notice_title(fragment)
                if title is not None and i + 1 < len(blocks):
                    consumed = self.notice(title, blocks, i, out)
                    if consumed:
                        i += consumed
                        continue
                anchors = button_anchors(fragment)
                if anchors:
                    out.extend(self.buttons(anchors, block))
                elif only_spacing(fragment):
                    self.report(self.line(block), "dropped", "<br /> used only for spacing")
                else:
                    out.append(self.html(fragment, block, nested))
            elif block.kind == "heading_open":
                group = GROUP_WORDS.get(collapse(block.text).strip().lower())
                if group and self.group_follows(blocks, i):
                    consumed = self.groups(blocks, i, out)
                    i += consumed
                    continue
                text = rewrite_markdown((block.text), self.ctx(block))
                self.last_heading = collapse(block.text)
                level = int(block.token.tag[1]) if block.token else 2
                out.append(heading(text, level, nested))
            elif block.kind == "paragraph_open" and self.paragraph_buttons(block):
                out.extend(self.buttons(self.paragraph_buttons(block) or [], block))
            elif block.kind in ("fence", "code_block", "myst_line_comment", "math_block"):
                out.append(block.source)
            else:
                out.append(rewrite_markdown(block.source, self.ctx(block)))
            i += 1
        # a single trailing space means nothing in Markdown (two are a line break: kept)
        return [re.sub(r"(?<=\S) $", "", c.rstrip(), flags=re.MULTILINE) for c in out if c.strip()]

    # --- patterns ----------------------------------------------------------------

    def paragraph_buttons(self, block: Block) -> list[Element] | None:
        if block.inline is None or "btn" not in block.source:
            return None
        return button_anchors(parse_fragment(block.source))

    def group_follows(self, blocks: list[Block], i: int) -> bool:
        if i + 1 >= len(blocks):
            return False
        after = blocks[i + 1]
        if after.kind == "paragraph_open":
            return bool(self.paragraph_buttons(after))
        if after.kind == "html_block":
            return bool(button_anchors(parse_fragment(after.source)))
        return False

    def buttons(self, anchors: list[Element], block: Block) -> list[str]:
        ctx = self.ctx(block)
        chunks = []
        for anchor in anchors:
            label = " ".join(self.shown(anchor.text_content()).split())
            target = self.site.resolve(anchor.attrs["href"], self.page)
            if target.kind == "doc" and target.docname:
                argument = "/" + target.docname
                self.anchor_left_out(target, ctx.line)
            elif target.kind in ("external", "absolute"):
                argument = target.href
            else:
                chunks.append(raw_block(anchor.outer_html()))
                href = self.shown(anchor.attrs["href"])
                why = {
                    "shortcode": "a shortcode that was not mapped",
                    "file": "a file, not a page",
                }.get(target.kind, "a page that was not migrated (pass --base-url to link it)")
                ctx.report(
                    ctx.line,
                    "kept",
                    f"button {label!r} links to {href!r}, {why}; kept in a raw block",
                )
                continue
            chunks.append(f"```{{event-button}} {argument}\n:label: {label}\n```")
        return chunks

    def groups(self, blocks: list[Block], i: int, out: list[str]) -> int:
        """Consecutive Forthcoming/Completed headings over buttons → events + one event-list."""
        start = i
        series = _series_from(self.last_heading) or self.title
        while i + 1 < len(blocks) and blocks[i].kind == "heading_open":
            group = GROUP_WORDS.get(collapse(blocks[i].text).strip().lower())
            if not group or not self.group_follows(blocks, i):
                break
            after = blocks[i + 1]
            anchors = button_anchors(parse_fragment(after.source)) or []
            for anchor in anchors:
                self.add_event(anchor, group, series, self.line(after))
            i += 2
        line = self.line(blocks[start])
        if series:
            source = (
                f"the page title {self.title!r}"
                if series == self.title
                else f"the heading {self.last_heading!r}"
            )
            thin = "" if re.search(r"[^\W\d_]", series) else "; it is only a number, not a name"
            self.report(line, "check", f"event series {series!r} was named from {source}{thin}")
        options = f":series: {series}\n" if series else ""
        out.append(f"```{{event-list}}\n{options}:style: buttons\n```")
        return i - start

    def add_event(self, anchor: Element, group: str, series: str | None, line: int) -> None:
        href = anchor.attrs["href"]
        label = " ".join(self.shown(anchor.text_content()).split())
        base, doubts = event_id(href, label, self.shortcodes.find(href))
        new_id, n = base, 1
        while new_id in self.taken_ids:
            n += 1
            new_id = f"{base}-{n}"
        if n > 1:
            doubts.append(f"made unique with '-{n}' (another event is {base!r})")
        self.taken_ids.add(new_id)
        for doubt in doubts:
            self.report(line, "check", f"event id {new_id!r} is a guess: {doubt}")
        event: dict[str, Any] = {"id": new_id, "title": label or "TODO"}
        if not label:
            self.report(
                line, "todo", f"event {new_id!r}: its button has no text; fill in its title"
            )
        if series:
            event["series"] = series
        event["start"] = "TODO"
        target = self.site.resolve(href, self.page)
        if target.kind == "doc" and target.docname:
            event["page"] = target.docname
            self.anchor_left_out(target, line)
        elif target.kind in ("external", "absolute"):
            event["url"] = target.href
        else:
            self.report(
                line,
                "todo",
                f"event {new_id!r}: its link {self.shown(href)!r} is not a migrated page or a "
                "known address; add 'page:' or 'url:' to it in the events file",
            )
        self.report(line, "todo", f"event {new_id!r} ({group}): fill in its start date")
        self.result.events.append(event)
        self.result.event_groups[new_id] = group

    def anchor_left_out(self, target: LinkTarget, line: int) -> None:
        if "#" in target.href:
            self.report(
                line,
                "check",
                f"link {target.href!r}: a button or an event names a whole document; "
                "the anchor was left out",
            )

    def notice(self, title: Element, blocks: list[Block], i: int, out: list[str]) -> int:
        """Title band at ``blocks[i]``, body ``<div>`` from ``blocks[i+1]``; returns blocks used."""
        body_block = blocks[i + 1]
        if body_block.kind != "html_block" or self.notices_open >= MAX_NOTICE_DEPTH:
            return 0
        fragment = parse_fragment(body_block.source)
        leading = [c for c in fragment.children if not (c.is_text and not c.text.strip())]
        if not leading or leading[0].tag != "div":
            return 0
        body_div = leading[0]
        ctx = self.ctx(body_block)
        parts = [html_to_markdown(body_div.children, ctx, nested=True)]
        after_html: list[Element] = fragment.children[fragment.children.index(body_div) + 1 :]
        used = 2
        if not body_div.closed:
            more, used, after_html = self.open_body(blocks, i)
            parts.extend(more)
        tone = self.tone(title, self.line(blocks[i]))
        body = "\n\n".join(p for p in parts if p.strip())
        marks = fence(body)
        heading_text = " ".join(title.text_content().split())
        out.append(f"{marks}{{notice-box}} {heading_text}\n:tone: {tone}\n\n{body}\n{marks}")
        if any(not (c.is_text and not c.text.strip()) for c in after_html):
            out.append(html_to_markdown(after_html, ctx, nested=False))
        return used

    def open_body(self, blocks: list[Block], i: int) -> tuple[list[str], int, list[Element]]:
        """A notice body ``<div>`` left open in ``blocks[i+1]``: the Markdown of the blocks up
        to the one that closes it, how many blocks the notice uses, and the HTML that follows
        its ``</div>``."""
        depth, j = 1, i + 2
        inner: list[Block] = []
        closing: Block | None = None
        while j < len(blocks):
            candidate = blocks[j]
            if candidate.kind == "html_block":
                piece = parse_fragment(candidate.source)
                depth += open_divs(piece) - closed_divs(piece)
                if depth <= 0:
                    closing = candidate
                    break
            inner.append(candidate)
            j += 1
        if closing is None:
            self.report(
                self.line(blocks[i + 1]),
                "check",
                "the notice body <div> is never closed; it runs to the end of the page",
            )
        self.notices_open += 1
        parts = self.convert(inner, nested=True)
        self.notices_open -= 1
        if closing is None:
            return parts, j - i, []
        piece = parse_fragment(closing.source)
        end_at = next(
            k
            for k, c in enumerate(piece.children)
            if c.tag == "#endtag" and c.attrs["tag"] == "div"
        )
        parts.append(html_to_markdown(piece.children[:end_at], self.ctx(closing), nested=True))
        return parts, j - i + 1, piece.children[end_at + 1 :]

    def tone(self, title: Element, line: int) -> str:
        hint = tone_hint(title)
        if hint:
            return hint
        colour = background_colour(title.style()) or ""
        rgb = parse_css_colour(colour)
        if rgb is None:
            self.report(line, "check", f"notice colour {colour!r} cannot be read; tone 'info' used")
            return "info"
        return nearest_tone(rgb)

    def html(self, fragment: Element, block: Block, nested: bool) -> str:
        return html_to_markdown(fragment.children, self.ctx(block), nested=nested)


def convert_body(
    body: str,
    *,
    site: Site,
    page: PurePosixPath,
    report: Callable[[int, str, str], None],
    first_line: int,
    title: str | None,
    taken_ids: set[str],
) -> PageConversion:
    """Convert a page body (no front matter). ``first_line`` is the body's line in the file.

    The body must hold no control characters but tab and newline (the importer removes
    them first, with a report): the conversion uses a few as markers of its own.
    """
    body, shortcodes = prepare_shortcodes(
        body,
        site=site,
        page=page,
        report=report,
        first_line=first_line,
        code_lines=code_lines(body),
    )
    converter = PageConverter(site, page, report, first_line, title, taken_ids, shortcodes)
    chunks = converter.convert(split_blocks(body), nested=False)
    markdown = shortcodes.restore("\n\n".join(chunks) + "\n")
    if CONTROL.search(markdown):  # never expected: a marker the conversion left behind
        report(first_line, "check", "internal markers were left in the page and removed")
        markdown = CONTROL.sub("", markdown)
    converter.result.markdown = markdown
    for event in converter.result.events:
        for key, value in event.items():
            if isinstance(value, str):
                event[key] = CONTROL.sub("", shortcodes.restore(value))
    return converter.result
