"""Event lists for HTML builders: semantic markup around events rendered from templates.

Each event becomes a context of plain data (:func:`event_context`), finished before the
template sees it; the template (:mod:`~sphinx_iassist.render.templating`) only writes it.
The list, its groups and their headings are nodes (:class:`~sphinx_iassist.nodes.html_element`)
the HTML writer writes with its own escaping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_iassist import labels, links
from sphinx_iassist import nodes as inodes
from sphinx_iassist.countries import place
from sphinx_iassist.dates.formatting import instant, segments_text
from sphinx_iassist.model import Status
from sphinx_iassist.publish.outputs import ics_href
from sphinx_iassist.render.calendar_menu import calendar_menu
from sphinx_iassist.render.page import section_depth
from sphinx_iassist.render.recurring import recurrence_context
from sphinx_iassist.render.templating import TEMPLATES, render

if TYPE_CHECKING:
    from sphinx_iassist.dates.timeline import Entry, Group
    from sphinx_iassist.render.page import Page

__all__ = ["event_context", "event_list"]


def event_list(
    page: Page, node: inodes.event_list, groups: list[Group], level: int | None
) -> nodes.Element:
    """The HTML of an ``event-list``: its groups (headed at ``level``, unless None), each
    event rendered from the template of the list's style."""
    style, spec = node["style"], node["spec"]
    root = inodes.html_element(
        tag="div",
        classes=["iassist-event-list", f"iassist-style-{style}", *node["classes"]],
        attrs={
            "data-iassist-today": page.today.isoformat(),
            "data-iassist-group-by": spec.group_by.value,
            "data-iassist-when": spec.when.value,
            "data-iassist-order": spec.order.value,
            **({"data-iassist-pinned": ""} if page.pinned else {}),
            "data-iassist-label-ongoing": str(labels.ONGOING),
            "data-iassist-label-forthcoming": str(labels.GROUPS["forthcoming"]),
            "data-iassist-label-completed": str(labels.GROUPS["completed"]),
        },
    )
    card_level = None
    if style == "cards" and (level or 0) < 6:  # a card's title is a heading below the group's
        card_level = level + 1 if level else min(section_depth(node) + 1, 6)
    timezone = node.get("timezone", "event")
    for group in groups:
        section = inodes.html_element(
            tag="section",
            classes=["iassist-event-group", f"iassist-group-{group.key}"],
            attrs={"data-iassist-group": group.key},
        )
        if level is not None:
            heading = inodes.html_element(tag=f"h{level}", classes=["iassist-event-group-title"])
            heading += nodes.Text(labels.group_label(group.key))
            section += heading
        container, body = _container(style)
        # one node for all of the group's events (a node each took 600 bytes an event)
        body += inodes.html_fragment(
            html=[
                render(
                    TEMPLATES[style],
                    event_context(page, entry, card_level, timezone),
                    page.templates,
                    node,
                )
                for entry in group.entries
            ]
        )
        section += container
        root += section
    if not groups:
        empty = inodes.html_element(tag="p", classes=["iassist-empty"])
        empty += nodes.Text(node.get("empty") or str(labels.EMPTY))
        root += empty
    root += page.as_of()
    return root


def _container(style: str) -> tuple[inodes.html_element, inodes.html_element]:
    """The element a group's events go in: (outermost, where the events go)."""
    if style != "table":
        tag, cls = {
            "list": ("ul", "iassist-events"),
            "buttons": ("div", "iassist-buttons"),
        }.get(style, ("div", "iassist-cards"))
        element = inodes.html_element(tag=tag, classes=[cls])
        return element, element
    # a scroll box on narrow screens: keyboard users must reach it to scroll it
    wrapper = inodes.html_element(
        tag="div",
        classes=["iassist-table-wrapper"],
        attrs={"tabindex": "0", "role": "region", "aria-label": str(labels.EVENTS)},
    )
    table = inodes.html_element(tag="table", classes=["iassist-event-table"])
    head = inodes.html_element(tag="thead")
    row = inodes.html_element(tag="tr")
    for heading in labels.TABLE_HEADINGS:
        cell = inodes.html_element(tag="th", attrs={"scope": "col"})
        cell += nodes.Text(str(heading))
        row += cell
    head += row
    body = inodes.html_element(tag="tbody")
    table += [head, body]
    wrapper += table
    return wrapper, body


def event_context(
    page: Page, entry: Entry, heading_level: int | None, timezone: str = "event"
) -> dict[str, Any]:
    """Everything an event template shows of ``entry``, as plain data (documented in the
    docs' templates page)."""
    event, shown = entry.event, entry.shown
    link = links.relative_href(event, page.env, page.builder, page.docname)
    zone = page.display_zone(timezone)
    segments = page.segments(shown, zone)
    classes = [
        "iassist-event",
        f"iassist-kind-{event.kind}",
        f"iassist-mode-{event.mode}",
        f"iassist-status-{event.status}",
    ]
    if entry.ongoing:
        classes.append("iassist-event-ongoing")
    return {
        "event": {
            "id": event.id,
            "title": event.title,
            "series": event.series,
            "kind": event.kind.value,
            "mode": event.mode.value,
            "status": event.status.value,
            "location": place(event.location, page.env.config.language) if event.location else None,
            "summary": event.summary,
            "tags": list(event.tags),
            "url": event.url,
            "page": event.page,
        },
        "href": link.uri if link else None,
        "external": not link.internal if link else True,
        "dates": [{"text": s.text, "datetime": s.datetime} for s in segments],
        "date_text": segments_text(segments),
        "start": instant(shown.starts_at),
        "end": instant(shown.ends_at),
        "recurrence": recurrence_context(page, event, next_shown=entry.upcoming),
        "upcoming": entry.upcoming,
        "ongoing": entry.ongoing,
        "labels": {
            "mode": str(labels.MODES[event.mode]),
            "kind": str(labels.KINDS[event.kind]),
            "status": None
            if event.status is Status.SCHEDULED
            else str(labels.STATUSES[event.status]),
            "ongoing": str(labels.ONGOING),
            "add_to_calendar": str(labels.ADD_TO_CALENDAR),
            "local_time": str(labels.LOCAL_TIME),
        },
        "classes": " ".join(classes),
        "button_classes": " ".join(page.button_classes("primary")),
        "ics_href": ics_href(page.builder, page.docname, event.id) if page.calendars else None,
        "calendar": calendar_menu(page, event, over=not entry.upcoming, occurrence=shown),
        "heading_level": heading_level,
        "local_time": timezone == "local" and not event.all_day,
        # the zone a timed range is shown in, for the reader's own time beside it
        "zone": None if event.all_day or timezone == "local" else (zone or event.zone).key,
        "sphinx_design": page.sphinx_design,
    }
