"""The ``deadline-list`` directive: the deadlines of the events its filters select,
decided at write time."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.deadlines import DeadlineSpec, DeadlineWhen
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.event_list import KINDS
from sphinx_iassist.directives.options import option_spec


class DeadlineListDirective(EventDirective):
    """``deadline-list``: registration and CfP closings and the data's deadlines, soonest
    first, filtered like an ``event-list``."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = option_spec("series", "kind", "tags", "when", "empty")

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        spec = DeadlineSpec(
            series=read.items("series"),
            kinds=tuple(
                k.lower()
                for k in read.items("kind", lambda k: k.lower() in KINDS, "a kind of event")
            ),
            tags=tuple(t.lower() for t in read.items("tags")),
            when=read.enum("when", DeadlineWhen, DeadlineWhen.UPCOMING),
        )
        node = inodes.deadline_list("", spec=spec, empty=read.text("empty"))
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        self.note_data_dependency()
        self.domain.usage(self.env.docname).deadline_lists.append(spec)
        return [node]
