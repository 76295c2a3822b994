"""An ``event-detail`` for every builder but HTML: docutils nodes made from the same data as
the HTML (:func:`~sphinx_iassist.render.detail.detail_context`), keeping the status, dates,
place, links and deadlines as text (LaTeX/PDF, EPUB's text, man, Texinfo, plain text, XML).
The image is left out: only HTML builders copy it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.formatting import Segment
from sphinx_iassist.render.actions import action_plain
from sphinx_iassist.render.detail import detail_context

if TYPE_CHECKING:
    from sphinx_iassist.model import Event
    from sphinx_iassist.render.page import Page

__all__ = ["event_detail_plain"]


def event_detail_plain(page: Page, node: nodes.Element, event: Event) -> nodes.Element:
    """The ``event-detail`` of ``event`` as plain nodes."""
    context = detail_context(page, event)
    labels = context["labels"]
    root = nodes.container(classes=["iassist-event-detail", *node["classes"]])
    if labels["status"] or context["ongoing"]:
        root += _status(context)
    root += _facts(context)
    event_data = context["event"]
    for text in (event_data["summary"], *event_data["description"]):
        if text:
            root += nodes.paragraph(text, text)
    if context["actions"]:
        actions = nodes.bullet_list(classes=["iassist-actions"])
        for action in context["actions"]:
            actions += nodes.list_item("", nodes.paragraph("", "", action_plain(action, [])))
        root += actions
    if context["deadlines"]:
        root += nodes.rubric(labels["deadlines"], labels["deadlines"])
        items = nodes.bullet_list(classes=["iassist-deadlines"])
        for deadline in context["deadlines"]:
            line = nodes.paragraph()
            line += _link(deadline["label"], deadline["url"])
            line += nodes.Text(": ")
            line += _dates(deadline["dates"])
            line += nodes.Text(f" ({deadline['distance']})")
            items += nodes.list_item("", line)
        root += items
    for child in root.findall():
        child.source, child.line = node.source, node.line
    return root


def _status(context: dict[str, Any]) -> nodes.paragraph:
    labels = context["labels"]
    line = nodes.paragraph(classes=["iassist-detail-status"])
    if labels["status"]:
        line += nodes.emphasis("", labels["status"])
    previous = context["previous"]
    if previous:
        line += nodes.Text(f" ({previous['before']}")
        line += _dates(previous["dates"])
        line += nodes.Text(f"{previous['after']})")
    if context["ongoing"]:
        line += nodes.Text(" · " if labels["status"] else "")
        line += nodes.strong("", labels["ongoing"])
    return line


def _facts(context: dict[str, Any]) -> nodes.definition_list:
    labels = context["labels"]
    facts = nodes.definition_list(classes=["iassist-detail-facts"])
    when = nodes.paragraph()
    recurrence = context["recurrence"]
    if recurrence:
        when += nodes.Text(recurrence["rule"] + " · ")
    if recurrence and recurrence["next"]:
        when += [
            nodes.Text(recurrence["before"]),
            _dates(context["dates"]),
            nodes.Text(recurrence["after"]),
        ]
    else:
        when += _dates(context["dates"])
    if context["zone"]:
        when += nodes.Text(f" ({context['zone']})")
    _fact(facts, labels["when"], when)
    _fact(facts, labels["attendance"], nodes.paragraph(labels["mode"], labels["mode"]))
    location = context["location"]
    if location:
        where = nodes.paragraph()
        where += nodes.Text(location["was"] or location["text"])
        if location["map"]:
            where += nodes.Text(" — ")
            where += _link(labels["map"], location["map"])
        _fact(facts, labels["where"], where)
    organizer = context["organizer"]
    if organizer:
        _fact(
            facts,
            labels["organizer"],
            nodes.paragraph("", "", _link(organizer["name"], organizer["url"])),
        )
    series = context["event"]["series"]
    if series:
        _fact(facts, labels["series"], nodes.paragraph(series, series))
    return facts


def _fact(facts: nodes.definition_list, term: str, body: nodes.Element) -> None:
    facts += nodes.definition_list_item("", nodes.term(term, term), nodes.definition("", body))


def _dates(parts: list[dict[str, str | None]]) -> nodes.Element:
    return inodes.date_range_node([Segment(p["text"] or "", p["datetime"]) for p in parts])


def _link(text: str, url: str | None) -> nodes.Node:
    if not url:
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=url, internal=False)
