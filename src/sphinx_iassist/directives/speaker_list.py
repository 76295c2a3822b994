"""The ``speaker-list`` directive: every person of an event's programme once, by name."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.directives.event_schedule import ProgrammeDirective
from sphinx_iassist.directives.options import option_spec


class SpeakerListDirective(ProgrammeDirective):
    """``speaker-list``: the speakers of an event, with links to their sessions."""

    option_spec: ClassVar[OptionSpec] = option_spec("event")

    def run(self) -> list[nodes.Node]:
        found = self.schedule()
        if found is None:
            return []
        node = inodes.speaker_list("", event_id=found[0])
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]
