"""The warnings vocabulary: every warning the extension gives, in one place.

Each warning has the type ``iassist`` and one :class:`Subtype`, so a project silences a kind
of problem with ``suppress_warnings = ["iassist.<subtype>"]`` (or all with ``"iassist"``);
the docs' warnings page has a section for each, which a test holds against this enum. Every
warning goes through :func:`warn`, located at the node, the ``(docname, line)`` or the
``"file:line"`` at fault.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

__all__ = ["TYPE", "Subtype", "file_location", "warn"]

logger = logging.getLogger(__name__)

#: The warning type of every warning of the extension.
TYPE = "iassist"


class Subtype(StrEnum):
    """What a warning is about (``iassist.<subtype>``)."""

    DATA = "data"
    """The event data files: the bad event is left out (an unknown field only ignored)."""
    SCHEDULE = "schedule"
    """A programme's schedule file: the bad session is left out, or kept when only a detail
    is wrong (an overlap, an unknown room, a day outside the event's dates)."""
    CONFIG = "config"
    """An ``iassist_*`` value in ``conf.py`` (or the environment): its default is used."""
    REF = "ref"
    """An event id or document named in a page that does not exist: the text stays, unlinked."""
    OPTION = "option"
    """A directive option's value: the option's default is used."""
    TEMPLATE = "template"
    """A project's template override: the built-in template is used."""
    OUTPUT = "output"
    """The files written next to the pages (calendars): that build's are left as they were."""
    METADATA = "metadata"
    """An event whose search-engine metadata cannot meet Google's required properties."""


def warn(subtype: Subtype, message: str, *, location: Any = None, once: bool = False) -> None:
    """Log ``message`` as a Sphinx warning ``iassist.<subtype>`` at ``location``; ``once``:
    only the first time this message is given in the build."""
    logger.warning(message, type=TYPE, subtype=subtype.value, location=location, once=once)


def file_location(path: str, line: int | None) -> str | None:
    """A ``location`` Sphinx shows as given: ``path:line``. A string without a colon would be
    taken for a document name, so for a problem of a whole file this is None, and the
    message names the file instead."""
    return f"{path}:{line}" if line else None
