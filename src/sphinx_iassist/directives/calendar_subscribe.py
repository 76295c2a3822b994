"""The ``calendar-subscribe`` directive: a box with the addresses of a calendar to subscribe
to — every event (``events.ics``), a series or a tag."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import option_spec
from sphinx_iassist.warnings import Subtype, warn


class CalendarSubscribeDirective(EventDirective):
    """``calendar-subscribe``: one box per calendar the options name (``:series:``,
    ``:tags:``, each a comma-separated list), or the box of ``events.ics`` without them."""

    option_spec: ClassVar[OptionSpec] = option_spec("series", "tags")

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        self.note_data_dependency()
        self.domain.usage(self.env.docname).subscribe = True
        events = self.domain.catalog.events
        known = {
            "series": {e.series.casefold() for e in events if e.series},
            "tag": {t.casefold() for e in events for t in e.tags},
        }
        wanted = [("series", s) for s in read.items("series")]
        wanted += [("tag", t.lower()) for t in read.items("tags")]
        calendars: list[tuple[str, str]] = []
        for kind, name in wanted:
            if name.casefold() in known[kind]:
                calendars.append((kind, name))
            else:
                what = "series" if kind == "series" else "tag"
                warn(
                    Subtype.REF,
                    f"calendar-subscribe: no event has the {what} {name!r}; no box for it",
                    location=self.get_location(),
                )
        if not wanted:
            calendars.append(("all", ""))
        node = inodes.calendar_subscribe("", calendars=calendars)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]
