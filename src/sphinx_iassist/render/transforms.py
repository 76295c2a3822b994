"""Write-time resolution of event lists, buttons and notices.

What these show depends on the build's "today" and on which documents exist, so they are
resolved per builder after reading: HTML builders get semantic markup (event HTML from
templates), every other builder gets plain docutils nodes that keep titles, dates and links.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging
from sphinx.util.nodes import make_refnode

from sphinx_iassist import labels
from sphinx_iassist import nodes as inodes
from sphinx_iassist.compat import app_of
from sphinx_iassist.domain import get_domain
from sphinx_iassist.formatting import (
    Segment,
    date_locale,
    date_segments,
    event_segments,
    instant,
    segments_text,
)
from sphinx_iassist.model import Event, Status
from sphinx_iassist.publish.outputs import ics_href, writes_calendars
from sphinx_iassist.render.templating import TEMPLATES, render, template_dirs
from sphinx_iassist.roles import date_range_node
from sphinx_iassist.timeline import Entry, GroupBy

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_iassist.domain import IassistDomain

logger = logging.getLogger(__name__)

SD_BUTTON = {
    "primary": "sd-btn-primary",
    "secondary": "sd-btn-secondary",
    "outline": "sd-btn-outline-primary",
}


def _section_depth(node: nodes.Node) -> int:
    depth, parent = 0, node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth


class ResolveEventNodes(SphinxPostTransform):
    """Replace ``event_list``/``event_button`` placeholders; drop expired notices."""

    default_priority = 5  # before ReferencesResolver: our pending references resolve there

    @property
    def domain(self) -> IassistDomain:
        return get_domain(self.env)

    def is_supported(self) -> bool:
        # the gettext builder extracts messages from the doctree as read: the placeholders
        # (and the translatable button label) must reach it unresolved
        return not isinstance(self.builder, MessageCatalogBuilder)

    @property
    def builder(self) -> Builder:
        return app_of(self.env).builder

    @property
    def html(self) -> bool:
        return self.builder.format == "html"

    @property
    def sphinx_design(self) -> bool:
        return "sphinx_design" in app_of(self.env).extensions

    def run(self, **kwargs: Any) -> None:
        self.today = self.domain.today
        self.zone = ZoneInfo(self.config.iassist_timezone)
        self.locale = date_locale(self.config.language)
        self.docname = self.env.docname
        self.calendars = writes_calendars(self.builder)
        # a date set in conf.py pins the page: the script leaves it as built
        self.pinned = {"data-iassist-pinned": ""} if self.config.iassist_today else {}
        for notice in list(self.document.findall(inodes.notice_box)):
            expires = notice.get("expires")
            if expires and date.fromisoformat(expires) < self.today:
                notice.parent.remove(notice)
        for button in list(self.document.findall(inodes.event_button)):
            button.replace_self(self.resolve_button(button))
        for node in list(self.document.findall(inodes.event_list)):
            node.replace_self(self.resolve_list(node))

    # -- links -------------------------------------------------------------------------------

    def page_href(self, event: Event) -> tuple[str | None, bool]:
        """(href, external) for an event in HTML: its page, else its url."""
        if event.page and event.page in self.env.all_docs:
            try:
                # the page itself: "" from Sphinx, "#" as its writers do
                return self.builder.get_relative_uri(self.docname, event.page) or "#", False
            except NoUri:
                pass
        return event.url, True

    def button_classes(self, style: str) -> list[str]:
        classes = ["iassist-button", f"iassist-button-{style}"]
        if self.sphinx_design:
            classes += ["sd-btn", SD_BUTTON[style]]
        return classes

    def resolve_button(self, node: inodes.event_button) -> nodes.Node:
        target, kind, style = node["target"], node["target_kind"], node["style"]
        label = node.get("label")
        classes = [*self.button_classes(style), *node["classes"]]
        ref: nodes.Element | None = None
        problem = None
        if kind == "event":
            event = self.domain.event(target)
            if event is None:  # left out for a problem, or the data changed under the page
                problem = self.domain.missing_event(target)
                label = label or target
            else:
                label = label or event.title
                ref = self.domain.event_reference(
                    event, self.docname, self.builder, nodes.inline(label, label)
                )
                if ref is None:
                    problem = f"event {target!r} has neither a page nor a url"
        elif kind == "doc":
            docname = target[1:] if target.startswith("/") else docname_join(self.docname, target)
            docname = docname.removesuffix(".md").removesuffix(".rst")
            if docname in self.env.all_docs:
                if not label:
                    title = self.env.titles.get(docname)
                    label = title.astext() if title is not None else docname
                ref = make_refnode(
                    self.builder, self.docname, docname, "", nodes.inline(label, label)
                )
            else:
                problem = f"unknown event id or document {target!r}"
                label = label or target
        elif kind == "url":
            ref = nodes.reference("", "", nodes.inline(label, label), refuri=target, internal=False)
        if ref is None:
            if problem:
                logger.warning(
                    f"event-button: {problem}; shown as text",
                    type="iassist",
                    subtype="ref",
                    location=node,
                )
            # no sphinx-design classes: they would make plain text look clickable
            plain = [c for c in classes if not c.startswith("sd-")]
            text = nodes.inline(label, label, classes=[*plain, "iassist-button-unresolved"])
            text.source, text.line = node.source, node.line
            return text
        ref["classes"] += classes
        ref.source, ref.line = node.source, node.line
        return ref

    # -- lists -------------------------------------------------------------------------------

    def resolve_list(self, node: inodes.event_list) -> nodes.Node:
        spec = node["spec"]
        groups = self.domain.groups(spec, self.zone)
        level = min(_section_depth(node) + 1, 6)
        headed = spec.group_by is not GroupBy.NONE
        if self.html:
            return self.html_list(node, groups, level if headed else None)
        return self.plain_list(node, groups, headed)

    def display_zone(self, setting: str) -> ZoneInfo | None:
        """The zone timed events are shown in: None for each event's own zone."""
        if setting == "event":
            return None
        if setting in ("site", "local"):  # "local": the script shows the reader's zone
            return self.zone
        return ZoneInfo(setting)

    def segments(self, event: Event, zone: ZoneInfo | None) -> list[Segment]:
        return event_segments(
            event, locale=self.locale, fmt=self.config.iassist_date_format, zone=zone
        )

    def event_context(
        self, entry: Entry, heading_level: int | None, timezone: str = "event"
    ) -> dict[str, Any]:
        event = entry.event
        href, external = self.page_href(event)
        segments = self.segments(event, self.display_zone(timezone))
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
                "location": event.location.display() if event.location else None,
                "summary": event.summary,
                "tags": list(event.tags),
                "url": event.url,
                "page": event.page,
            },
            "href": href,
            "external": external,
            "dates": [{"text": s.text, "datetime": s.datetime} for s in segments],
            "date_text": segments_text(segments),
            "start": instant(event.starts_at),
            "end": instant(event.ends_at),
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
            },
            "classes": " ".join(classes),
            "button_classes": " ".join(self.button_classes("primary")),
            "ics_href": ics_href(self.builder, self.docname, event.id) if self.calendars else None,
            "heading_level": heading_level,
            "local_time": timezone == "local" and not event.all_day,
            "sphinx_design": self.sphinx_design,
        }

    def html_list(
        self, node: inodes.event_list, groups: list[Any], level: int | None
    ) -> nodes.Node:
        style = node["style"]
        template = TEMPLATES[style]
        search = template_dirs(app_of(self.env).confdir, list(self.config.templates_path))
        root = inodes.html_element(
            tag="div",
            classes=["iassist-event-list", f"iassist-style-{style}", *node["classes"]],
            attrs={
                "data-iassist-today": self.today.isoformat(),
                "data-iassist-group-by": node["spec"].group_by.value,
                "data-iassist-when": node["spec"].when.value,
                "data-iassist-order": node["spec"].order.value,
                **self.pinned,
                "data-iassist-label-ongoing": str(labels.ONGOING),
                "data-iassist-label-forthcoming": str(labels.GROUPS["forthcoming"]),
                "data-iassist-label-completed": str(labels.GROUPS["completed"]),
            },
        )
        card_level = None
        if style == "cards":
            card_level = (
                (level + 1 if level else min(_section_depth(node) + 1, 6))
                if (level or 0) < 6
                else None
            )
        for group in groups:
            section = inodes.html_element(
                tag="section",
                classes=["iassist-event-group", f"iassist-group-{group.key}"],
                attrs={"data-iassist-group": group.key},
            )
            if level is not None:
                heading = inodes.html_element(
                    tag=f"h{level}", classes=["iassist-event-group-title"]
                )
                heading += nodes.Text(labels.group_label(group.key))
                section += heading
            container, body = self.html_container(style)
            for entry in group.entries:
                html = render(
                    template,
                    self.event_context(entry, card_level, node.get("timezone", "event")),
                    search,
                    node,
                )
                body += inodes.html_fragment(html=html)
            section += container
            root += section
        if not groups:
            empty = inodes.html_element(tag="p", classes=["iassist-empty"])
            empty += nodes.Text(node.get("empty") or str(labels.EMPTY))
            root += empty
        root += self.as_of(html=True)
        return root

    def html_container(self, style: str) -> tuple[inodes.html_element, inodes.html_element]:
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

    def as_of(self, *, html: bool) -> nodes.Element:
        text = str(labels.AS_OF)
        before, _, after = text.partition("%s")
        date_node = date_range_node(
            date_segments(self.today, locale=self.locale, fmt=self.config.iassist_date_format)
        )
        if html:
            line: nodes.Element = inodes.html_element(tag="p", classes=["iassist-as-of"])
        else:
            line = nodes.paragraph(classes=["iassist-as-of"])
        line += [nodes.Text(before), date_node, nodes.Text(after)]
        return line

    def plain_list(self, node: inodes.event_list, groups: list[Any], headed: bool) -> nodes.Node:
        root = nodes.container(classes=["iassist-event-list", *node["classes"]])
        root.source, root.line = node.source, node.line
        for group in groups:
            if headed:
                label = labels.group_label(group.key)
                root += nodes.rubric(label, label, classes=["iassist-event-group-title"])
            items = nodes.bullet_list(classes=["iassist-events"])
            for entry in group.entries:
                zone = self.display_zone(node.get("timezone", "event"))
                items += nodes.list_item("", *self.plain_event(entry, zone))
            root += items
        if not groups:
            root += nodes.paragraph(
                "", node.get("empty") or str(labels.EMPTY), classes=["iassist-empty"]
            )
        root += self.as_of(html=False)
        return root

    def plain_event(self, entry: Entry, zone: ZoneInfo | None) -> list[nodes.Node]:
        event = entry.event
        title = nodes.inline(event.title, event.title)
        ref = self.domain.event_reference(event, self.docname, self.builder, title)
        line = nodes.paragraph()
        line += nodes.strong("", "", ref if ref is not None else title)
        line += nodes.Text(" — ")
        line += date_range_node(self.segments(event, zone))
        details = [str(labels.MODES[event.mode])]
        if event.location:
            details.append(event.location.display())
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
