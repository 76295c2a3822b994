"""What the directives share: the domain, the data dependency, option reading.

The directives only record what the author asked for: what an event list shows depends on
the date, so it is decided at write time (:mod:`sphinx_iassist.render`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.docutils import SphinxDirective

from sphinx_iassist.directives.options import OptionReader
from sphinx_iassist.domain import get_domain, note_data_dependency

if TYPE_CHECKING:
    from sphinx_iassist.domain import IassistDomain


class EventDirective(SphinxDirective):
    """Shared helpers: the domain, data dependencies, option reading."""

    @property
    def domain(self) -> IassistDomain:
        return get_domain(self.env)

    def note_data_dependency(self) -> None:
        note_data_dependency(self.env)

    def reader(self) -> OptionReader:
        return OptionReader(self.name, self.options, self.get_location())
