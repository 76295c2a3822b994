"""What the directives share: the domain, the data dependency, option reading.

The directives only record what the author asked for: what an event list shows depends on
the date, so it is decided at write time (:mod:`sphinx_iassist.render`).
"""

from __future__ import annotations

from sphinx.util.docutils import SphinxDirective

from sphinx_iassist.directives.options import OptionReader
from sphinx_iassist.domain import UsesEventData


class EventDirective(SphinxDirective, UsesEventData):
    """Shared helpers: the domain, data dependencies, option reading."""

    def reader(self) -> OptionReader:
        return OptionReader(self.name, self.options, self.get_location())
