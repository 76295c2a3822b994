"""Node classes and their visitors.

Directives emit placeholders (:class:`event_list`, :class:`event_button`) that the
post-transform of :mod:`sphinx_iassist.render` replaces at write time with plain docutils
nodes, or for HTML with :class:`html_element` / :class:`html_fragment` nodes that carry
semantic markup.
:class:`notice_box` subclasses the generic admonition, and :class:`date_range` and
:class:`date_part` subclass ``inline``, so every builder that knows docutils' nodes renders
them (Sphinx's translators fall back along the class hierarchy); HTML gets its own visitors,
and LaTeX its own for :class:`date_range` (below: characters pdflatex cannot take).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from sphinx_iassist.dates.formatting import Segment


class event_list(nodes.General, nodes.Element):
    """Placeholder for an ``event-list``, resolved at write time (it depends on the date)."""


class deadline_list(nodes.General, nodes.Element):
    """Placeholder for a ``deadline-list``, resolved at write time (it depends on the date)."""


class calendar_subscribe(nodes.General, nodes.Element):
    """Placeholder for a ``calendar-subscribe`` box, resolved at write time (its links
    depend on the builder and the site's address)."""


class event_detail(nodes.General, nodes.Element):
    """Placeholder for an ``event-detail``, resolved at write time (it depends on the date:
    how far away deadlines are, whether the recording is shown)."""


class event_button(nodes.Inline, nodes.Element, addnodes.translatable):
    """Placeholder for an ``event-button``; its explicit label is translatable."""

    def preserve_original_messages(self) -> None:
        self["original_label"] = self.get("label")

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if self.get("label") == original_message:
            self["label"] = translated_message

    def extract_original_messages(self) -> list[str]:
        label = self.get("original_label") or self.get("label")
        return [label] if label and self.get("explicit_label") else []


class event_schedule(nodes.General, nodes.Element):
    """Placeholder for an ``event-schedule``, resolved at write time for the builder."""


class speaker_list(nodes.General, nodes.Element):
    """Placeholder for a ``speaker-list``, resolved at write time (its links need the pages
    that show each session)."""


class notice_box(nodes.admonition):
    """A titled notice with a tone; other builders show it as a generic admonition."""


class notice_title(nodes.title):
    """The title band of a notice; other builders show it as an admonition's title."""


class unindexed(nodes.comment):
    """What an HTML page holds but search must not find: the content of a notice hidden
    until its ``:from:`` day, which the browser script reveals on that day. Sphinx's search
    indexer skips comments with all they contain (in every Sphinx this package supports,
    unlike its newer ``no-search`` class); the HTML writer writes the content as usual.
    Made for HTML builders only."""


class date_range(nodes.inline):
    """A formatted date range; its :class:`date_part` children carry machine dates."""


class date_part(nodes.inline):
    """Text that shows an instant: ``<time datetime>`` in HTML, plain text elsewhere."""


class tex_safe_text(nodes.inline):
    """Text of ours that TeX cannot take as it is (Babel's spaces and marks, e.g. in a
    recurrence rule's words or a countdown): made by the LaTeX builder's post-transform
    (:mod:`sphinx_iassist.render.latex`), written like a :class:`date_range`."""


class html_element(nodes.Element):
    """An HTML element with our attributes (``tag``, ``attrs``); HTML builders only."""


class html_fragment(nodes.Element):
    """Markup rendered from autoescaped Jinja templates; HTML builders only. ``html``: the
    markup, or a list of pieces written one after the other (the events of a list)."""


def date_range_node(segments: list[Segment], classes: list[str] | None = None) -> date_range:
    """A :class:`date_range` whose parts that show an instant carry it."""
    node = date_range("", classes=["iassist-event-date", *(classes or [])])
    for segment in segments:
        if segment.datetime:
            node += date_part(segment.text, segment.text, datetime=segment.datetime)
        else:
            node += nodes.Text(segment.text)
    return node


# -- HTML visitors ---------------------------------------------------------------------------


def visit_notice_html(self: HTML5Translator, node: notice_box) -> None:
    attrs: dict[str, Any] = {"role": "note"}
    if node.get("title_id"):
        attrs["aria-labelledby"] = node["title_id"]
    if node.get("expires"):
        attrs["data-iassist-expires"] = node["expires"]
    if node.get("from"):
        attrs["data-iassist-from"] = node["from"]
    if node.get("pinned") and (node.get("expires") or node.get("from")):
        attrs["data-iassist-pinned"] = ""  # the day is set in conf.py: left as built
    if node.get("hidden"):
        attrs["hidden"] = "hidden"
    self.body.append(self.starttag(node, "div", "", **attrs))


def depart_notice_html(self: HTML5Translator, node: notice_box) -> None:
    self.body.append("</div>\n")


def visit_unindexed_html(self: HTML5Translator, node: unindexed) -> None:
    pass  # its children are written as they are


def depart_unindexed_html(self: HTML5Translator, node: unindexed) -> None:
    pass


def visit_notice_title_html(self: HTML5Translator, node: notice_title) -> None:
    self.body.append(self.starttag(node, "p", ""))


def depart_notice_title_html(self: HTML5Translator, node: notice_title) -> None:
    self.body.append("</p>\n")


#: node attribute -> HTML attribute of a date range shown in a zone (the event-date role):
#: what the browser script needs to add the reader's own time after it
LOCAL_TIME_ATTRIBUTES = {
    "iassist_start": "data-iassist-start",
    "iassist_end": "data-iassist-end",
    "iassist_zone": "data-iassist-zone",
    "iassist_label_local": "data-iassist-label-local",
}


def visit_date_range_html(self: HTML5Translator, node: date_range) -> None:
    attrs = {html: node[name] for name, html in LOCAL_TIME_ATTRIBUTES.items() if node.get(name)}
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_date_range_html(self: HTML5Translator, node: date_range) -> None:
    self.body.append("</span>")


def visit_date_part_html(self: HTML5Translator, node: date_part) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_part_html(self: HTML5Translator, node: date_part) -> None:
    self.body.append("</time>")


def visit_html_element(self: HTML5Translator, node: html_element) -> None:
    self.body.append(self.starttag(node, node["tag"], "", **node.get("attrs", {})))


def depart_html_element(self: HTML5Translator, node: html_element) -> None:
    self.body.append(f"</{node['tag']}>\n")


def visit_html_fragment(self: HTML5Translator, node: html_fragment) -> None:
    html = node["html"]
    if isinstance(html, str):
        self.body.append(html)
    else:
        self.body.extend(html)
    raise nodes.SkipNode


# -- LaTeX visitor ---------------------------------------------------------------------------
#
# LaTeX output of the dates we format: characters that TeX cannot take as they are.
#
# Babel formats dates with the spaces and marks of CLDR: thin spaces around a range's dash
# (``May 30 – Jun 2``), a narrow no-break space before ``AM``/``PM`` (``9:00 AM``), no-break
# spaces, and in some languages bidirectional marks and joiners. pdflatex (Sphinx's default
# engine) stops at the first character its ``inputenc`` does not know (``! LaTeX Error:
# Unicode character (U+2009) not set up for use with LaTeX``), and xelatex and lualatex
# silently drop a space whose glyph the chosen font lacks.
#
# So the LaTeX writer's visitor for date_range escapes the text as Sphinx does for its engine,
# then writes every space as TeX spacing (which needs no glyph: right with every engine and
# font) and, for the 8-bit engines, leaves out the invisible format controls they cannot
# typeset. Nothing is added to the preamble, so a project's own ``latex_elements`` stay as they
# are. Dashes, quotes and dots of CLDR's patterns are left to Sphinx's escaping and LaTeX's own
# ``inputenc`` tables, which know them.

#: Engines that read Unicode and typeset it with OpenType fonts (Sphinx's own distinction
#: in :func:`sphinx.util.texescape.escape`).
UNICODE_ENGINES = frozenset({"xelatex", "lualatex"})

#: Every Unicode space separator but the ASCII space, as TeX spacing of about its width;
#: no-break spaces stay unbreakable (``~``, and a kern is never a line break).
SPACES: dict[str, str] = {
    "\u00a0": "~",  # NO-BREAK SPACE
    "\u2000": r"\enskip{}",  # EN QUAD
    "\u2001": r"\quad{}",  # EM QUAD
    "\u2002": r"\enskip{}",  # EN SPACE
    "\u2003": r"\quad{}",  # EM SPACE
    "\u2004": r"\,",  # THREE-PER-EM SPACE
    "\u2005": r"\,",  # FOUR-PER-EM SPACE
    "\u2006": r"\,",  # SIX-PER-EM SPACE
    "\u2007": "~",  # FIGURE SPACE (no-break)
    "\u2008": r"\,",  # PUNCTUATION SPACE
    "\u2009": r"\,",  # THIN SPACE
    "\u200a": r"\,",  # HAIR SPACE
    "\u202f": r"\,",  # NARROW NO-BREAK SPACE
    "\u205f": r"\,",  # MEDIUM MATHEMATICAL SPACE
    "\u3000": r"\quad{}",  # IDEOGRAPHIC SPACE
}

#: Invisible format controls that 8-bit engines cannot typeset: bidirectional marks,
#: embeddings and isolates, joiners, the word joiner and invisible operators. They only
#: steer shaping and bidirectional layout, which pdflatex does not do (the non-joiner keeps
#: its meaning: no ligature); the Unicode engines get them as they are. Sphinx's escaping
#: already takes care of U+FEFF.
FORMAT_CONTROLS: dict[str, str] = {
    "\u061c": "",  # ARABIC LETTER MARK
    "\u180e": "",  # MONGOLIAN VOWEL SEPARATOR
    "\u200b": "",  # ZERO WIDTH SPACE
    "\u200c": r"\textcompwordmark{}",  # ZERO WIDTH NON-JOINER: no ligature here
    "\u200d": "",  # ZERO WIDTH JOINER
    "\u200e": "",  # LEFT-TO-RIGHT MARK
    "\u200f": "",  # RIGHT-TO-LEFT MARK
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e", ""),  # embeddings and overrides
    **dict.fromkeys("\u2060\u2061\u2062\u2063\u2064", ""),  # word joiner, invisible operators
    **dict.fromkeys("\u2066\u2067\u2068\u2069", ""),  # isolates
}

#: In headings: hyperref cannot put TeX spacing into the PDF's bookmarks, so there a plain
#: space stands for it (``~`` it knows).
TITLE_SPACES: dict[str, str] = {
    char: tex if tex == "~" else rf"\texorpdfstring{{{tex}}}{{ }}" for char, tex in SPACES.items()
}

_TABLES = {
    # (Unicode engine, in a title)
    (True, False): str.maketrans(SPACES),
    (True, True): str.maketrans(TITLE_SPACES),
    (False, False): str.maketrans({**SPACES, **FORMAT_CONTROLS}),
    (False, True): str.maketrans({**TITLE_SPACES, **FORMAT_CONTROLS}),
}


def latex_text(escaped: str, engine: str | None, *, in_title: bool = False) -> str:
    """``escaped`` (text already escaped for ``engine`` by Sphinx) with its spaces as TeX
    spacing and, for 8-bit engines, without the format controls they cannot typeset.

    ``in_title``: the text is part of a heading, which hyperref also writes into the PDF's
    bookmarks."""
    return escaped.translate(_TABLES[engine in UNICODE_ENGINES, in_title])


def visit_date_range_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A date range (or :class:`tex_safe_text`) as Sphinx writes an ``inline`` with classes,
    its text made safe for the engine. Its parts (:class:`~sphinx_iassist.nodes.date_part`)
    are plain text in LaTeX."""
    self.visit_inline(node)
    text = self.encode(node.astext())
    self.body.append(latex_text(text, self.config.latex_engine, in_title=bool(self.in_title)))
    self.depart_inline(node)
    raise nodes.SkipNode


def _unexpected(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    # Placeholders are resolved by the post-transform, and HTML-only nodes are made only for
    # HTML builders; if one survives (a third-party builder), show its text.
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    skip = (_unexpected, None)
    html_only = {"latex": skip, "text": skip, "man": skip, "texinfo": skip}
    app.add_node(event_list, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(event_button, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(deadline_list, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(calendar_subscribe, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(event_detail, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(event_schedule, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(speaker_list, html=skip, **html_only)  # type: ignore[arg-type]
    app.add_node(notice_box, html=(visit_notice_html, depart_notice_html))
    app.add_node(notice_title, html=(visit_notice_title_html, depart_notice_title_html))
    app.add_node(unindexed, html=(visit_unindexed_html, depart_unindexed_html), **html_only)  # type: ignore[arg-type]
    # pdflatex cannot take some of Babel's spaces: see visit_date_range_latex
    app.add_node(
        date_range,
        html=(visit_date_range_html, depart_date_range_html),
        latex=(visit_date_range_latex, None),  # type: ignore[arg-type]
    )
    app.add_node(tex_safe_text, latex=(visit_date_range_latex, None))  # type: ignore[arg-type]
    app.add_node(date_part, html=(visit_date_part_html, depart_date_part_html))
    app.add_node(html_element, html=(visit_html_element, depart_html_element), **html_only)  # type: ignore[arg-type]
    app.add_node(html_fragment, html=(visit_html_fragment, _unexpected), **html_only)  # type: ignore[arg-type]
