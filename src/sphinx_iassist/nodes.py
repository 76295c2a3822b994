"""Node classes and their visitors.

Directives emit placeholders (:class:`event_list`, :class:`event_button`) that the
post-transform in ``transforms.py`` replaces at write time with plain docutils nodes, or for
HTML with :class:`html_element` / :class:`html_fragment` nodes that carry semantic markup.
:class:`notice_box` subclasses the generic admonition, and :class:`date_range` and
:class:`date_part` subclass ``inline``, so every builder that knows docutils' nodes renders
them (Sphinx's translators fall back along the class hierarchy); HTML gets its own visitors,
and LaTeX its own for :class:`date_range` (``latex.py``: characters pdflatex cannot take).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from sphinx_iassist.latex import visit_date_range_latex

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class event_list(nodes.General, nodes.Element):
    """Placeholder for an ``event-list``, resolved at write time (it depends on the date)."""


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


class notice_box(nodes.admonition):
    """A titled notice with a tone; other builders show it as a generic admonition."""


class notice_title(nodes.title):
    """The title band of a notice; other builders show it as an admonition's title."""


class date_range(nodes.inline):
    """A formatted date range; its :class:`date_part` children carry machine dates."""


class date_part(nodes.inline):
    """Text that shows an instant: ``<time datetime>`` in HTML, plain text elsewhere."""


class html_element(nodes.Element):
    """An HTML element with our attributes (``tag``, ``attrs``); HTML builders only."""


class html_fragment(nodes.Element):
    """Markup rendered from an autoescaped Jinja template; HTML builders only."""


# -- HTML visitors ---------------------------------------------------------------------------


def visit_notice_html(self: HTML5Translator, node: notice_box) -> None:
    attrs: dict[str, Any] = {"role": "note"}
    if node.get("title_id"):
        attrs["aria-labelledby"] = node["title_id"]
    if node.get("expires"):
        attrs["data-iassist-expires"] = node["expires"]
        if self.config.iassist_today:  # a date set in conf.py pins the page
            attrs["data-iassist-pinned"] = ""
    self.body.append(self.starttag(node, "div", "", **attrs))


def depart_notice_html(self: HTML5Translator, node: notice_box) -> None:
    self.body.append("</div>\n")


def visit_notice_title_html(self: HTML5Translator, node: notice_title) -> None:
    self.body.append(self.starttag(node, "p", ""))


def depart_notice_title_html(self: HTML5Translator, node: notice_title) -> None:
    self.body.append("</p>\n")


def visit_date_part_html(self: HTML5Translator, node: date_part) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_part_html(self: HTML5Translator, node: date_part) -> None:
    self.body.append("</time>")


def visit_html_element(self: HTML5Translator, node: html_element) -> None:
    self.body.append(self.starttag(node, node["tag"], "", **node.get("attrs", {})))


def depart_html_element(self: HTML5Translator, node: html_element) -> None:
    self.body.append(f"</{node['tag']}>\n")


def visit_html_fragment(self: HTML5Translator, node: html_fragment) -> None:
    self.body.append(node["html"])
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
    app.add_node(notice_box, html=(visit_notice_html, depart_notice_html))
    app.add_node(notice_title, html=(visit_notice_title_html, depart_notice_title_html))
    # pdflatex cannot take some of Babel's spaces: see latex.py
    app.add_node(date_range, latex=(visit_date_range_latex, None))  # type: ignore[arg-type]
    app.add_node(date_part, html=(visit_date_part_html, depart_date_part_html))
    app.add_node(html_element, html=(visit_html_element, depart_html_element), **html_only)  # type: ignore[arg-type]
    app.add_node(html_fragment, html=(visit_html_fragment, _unexpected), **html_only)  # type: ignore[arg-type]
