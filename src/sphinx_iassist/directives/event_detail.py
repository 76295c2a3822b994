"""The ``event-detail`` directive: an event's own page, from its data."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import option_spec
from sphinx_iassist.warnings import Subtype, warn


class EventDetailDirective(EventDirective):
    """``event-detail``: everything the data says about one event. Without an argument, the
    event whose ``page`` is this document."""

    optional_arguments = 1
    has_content = False
    option_spec: ClassVar[OptionSpec] = option_spec()

    def run(self) -> list[nodes.Node]:
        self.note_data_dependency()
        event_id = self.arguments[0].strip() if self.arguments else self._page_event()
        if event_id is None:
            warn(
                Subtype.REF,
                "event-detail: this page is no event's 'page'; name the event: "
                "```{event-detail} <event id>```",
                location=self.get_location(),
            )
            return []
        self.domain.usage(self.env.docname).known.append(event_id)
        if self.domain.event(event_id) is None:
            # the located warning of a missing or dropped event; nothing is shown
            warn(
                Subtype.REF,
                f"event-detail: {self.domain.missing_event(event_id)}; nothing is shown",
                location=self.get_location(),
            )
            return []
        usage = self.domain.usage(self.env.docname)
        usage.event_ids.append(event_id)
        usage.details.append(event_id)
        node = inodes.event_detail("", event_id=event_id)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]

    def _page_event(self) -> str | None:
        """The event whose ``page`` is the document being read (the first, if several)."""
        self.domain.usage(self.env.docname).page_event = True
        return next(iter(self.domain.events_of_page(self.env.docname)), None)
