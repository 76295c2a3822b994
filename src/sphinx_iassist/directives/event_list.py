"""The ``event-list`` directive: which events a list shows, decided at write time."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.timeline import GroupBy, ListSpec, Order, When
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import STYLES, option_spec
from sphinx_iassist.model import Kind

KINDS = frozenset(k.value for k in Kind)


class EventListDirective(EventDirective):
    """``event-list``: the events of the data files, filtered, ordered and grouped."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = option_spec(
        "series",
        "when",
        "group-by",
        "style",
        "kind",
        "tags",
        "order",
        "limit",
        "empty",
        "timezone",
    )

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        spec = ListSpec(
            series=read.items("series"),
            when=read.enum("when", When, When.ALL),
            group_by=read.enum("group-by", GroupBy, GroupBy.WHEN),
            kinds=tuple(
                k.lower()
                for k in read.items("kind", lambda k: k.lower() in KINDS, "a kind of event")
            ),
            tags=tuple(t.lower() for t in read.items("tags")),
            order=read.enum("order", Order, Order.AUTO),
            limit=read.positive_int("limit"),
        )
        node = inodes.event_list(
            "",
            spec=spec,
            style=read.choice("style", STYLES, "list"),
            empty=read.text("empty"),
            timezone=read.timezone("timezone"),
        )
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        self.note_data_dependency()
        self.domain.usage(self.env.docname).lists.append(spec)
        return [node]
