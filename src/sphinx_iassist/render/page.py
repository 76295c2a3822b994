"""The page being written: what resolving its placeholders needs, gathered once.

A :class:`Page` holds the builder and the document, the build's day and zone as the domain
resolved them, and how dates and buttons are written; the HTML and the plain renderings
(:mod:`~sphinx_iassist.render.html`, :mod:`~sphinx_iassist.render.plain`) take everything
from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from docutils import nodes

from sphinx_iassist import labels
from sphinx_iassist import nodes as inodes
from sphinx_iassist.compat import app_of
from sphinx_iassist.config import date_settings
from sphinx_iassist.dates.formatting import Segment, date_segments, event_segments
from sphinx_iassist.domain import IassistDomain, get_domain
from sphinx_iassist.publish.outputs import writes_calendars
from sphinx_iassist.render.templating import template_dirs
from sphinx_iassist.values import zone_info

if TYPE_CHECKING:
    from babel import Locale
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.model import Event

__all__ = ["SD_BUTTON", "Page", "section_depth"]

#: our button styles -> sphinx-design's button classes
SD_BUTTON = {
    "primary": "sd-btn-primary",
    "secondary": "sd-btn-secondary",
    "outline": "sd-btn-outline-primary",
}


@dataclass(frozen=True)
class Page:
    """One document as one builder writes it, on the build's day."""

    env: BuildEnvironment
    builder: Builder
    docname: str
    domain: IassistDomain
    today: date
    zone: ZoneInfo
    pinned: bool  # the day is set in conf.py: the browser script leaves the page as built
    locale: Locale
    date_format: str
    sphinx_design: bool
    calendars: bool  # the build writes calendar files the page can link to
    templates: tuple[str, ...]  # the project's template directories, searched first

    @classmethod
    def of(cls, env: BuildEnvironment, docname: str) -> Page:
        app = app_of(env)
        domain = get_domain(env)
        config = env.config
        locale, date_format = date_settings(app)
        return cls(
            env=env,
            builder=app.builder,
            docname=docname,
            domain=domain,
            today=domain.today,
            zone=domain.zone,
            pinned=domain.pinned,
            locale=locale,
            date_format=date_format,
            sphinx_design="sphinx_design" in app.extensions,
            calendars=writes_calendars(app.builder),
            templates=template_dirs(app.confdir, list(config.templates_path)),
        )

    @property
    def html(self) -> bool:
        return self.builder.format == "html"

    def display_zone(self, setting: str) -> ZoneInfo | None:
        """The zone timed events are shown in (a list's ``:timezone:``): None for each
        event's own zone."""
        if setting == "event":
            return None
        if setting in ("site", "local"):  # "local": the script shows the reader's zone
            return self.zone
        return zone_info(setting)

    def segments(self, event: Event, zone: ZoneInfo | None) -> list[Segment]:
        return event_segments(event, locale=self.locale, fmt=self.date_format, zone=zone)

    def button_classes(self, style: str) -> list[str]:
        classes = ["iassist-button", f"iassist-button-{style}"]
        if self.sphinx_design:
            classes += ["sd-btn", SD_BUTTON[style]]
        return classes

    def as_of(self) -> nodes.Element:
        """The quiet line that names the day a list was built for."""
        before, _, after = str(labels.AS_OF).partition("%s")
        date_node = inodes.date_range_node(
            date_segments(self.today, locale=self.locale, fmt=self.date_format)
        )
        if self.html:
            line: nodes.Element = inodes.html_element(tag="p", classes=["iassist-as-of"])
        else:
            line = nodes.paragraph(classes=["iassist-as-of"])
        line += [nodes.Text(before), date_node, nodes.Text(after)]
        return line


def section_depth(node: nodes.Node) -> int:
    """How many sections ``node`` is in."""
    depth, parent = 0, node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth
