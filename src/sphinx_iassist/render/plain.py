"""Event lists for every builder but HTML: plain docutils nodes that keep the titles, the
dates and the links (LaTeX/PDF, EPUB's text, man, Texinfo, plain text, XML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_iassist import labels, links
from sphinx_iassist import nodes as inodes
from sphinx_iassist.countries import place
from sphinx_iassist.model import Status

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sphinx_iassist.render.page import Page
    from sphinx_iassist.timeline import Entry, Group

__all__ = ["event_list"]


def event_list(
    page: Page, node: inodes.event_list, groups: list[Group], headed: bool
) -> nodes.Element:
    """An ``event-list`` as a container of rubrics (when ``headed``) and bullet lists."""
    root = nodes.container(classes=["iassist-event-list", *node["classes"]])
    root.source, root.line = node.source, node.line
    zone = page.display_zone(node.get("timezone", "event"))
    for group in groups:
        if headed:
            label = labels.group_label(group.key)
            root += nodes.rubric(label, label, classes=["iassist-event-group-title"])
        items = nodes.bullet_list(classes=["iassist-events"])
        for entry in group.entries:
            items += nodes.list_item("", *_event(page, entry, zone))
        root += items
    if not groups:
        root += nodes.paragraph(
            "", node.get("empty") or str(labels.EMPTY), classes=["iassist-empty"]
        )
    root += page.as_of()
    return root


def _event(page: Page, entry: Entry, zone: ZoneInfo | None) -> list[nodes.Node]:
    """One event: a line of its title (linked), dates, mode, place and status; its summary."""
    event = entry.event
    title = nodes.inline(event.title, event.title)
    ref = links.reference(event, page.env, page.builder, page.docname, title)
    line = nodes.paragraph()
    line += nodes.strong("", "", ref if ref is not None else title)
    line += nodes.Text(" — ")
    line += inodes.date_range_node(page.segments(event, zone))
    details = [str(labels.MODES[event.mode])]
    if event.location:
        details.append(place(event.location, page.env.config.language))
    line += nodes.Text(" · " + " · ".join(details))
    if event.status is not Status.SCHEDULED:
        line += nodes.Text(" · ")
        line += nodes.emphasis("", str(labels.STATUSES[event.status]))
    if entry.ongoing:
        line += nodes.Text(" · ")
        line += nodes.strong("", str(labels.ONGOING))
    result: list[nodes.Node] = [line]
    if event.summary:
        result.append(nodes.paragraph(event.summary, event.summary))
    return result
