"""The checks of the fields an event's own page shows: ``description``, ``organizer``,
``image``, ``online_url``, ``recording``, ``announced``.
Each raises :class:`~sphinx_iassist.readers.fields.Invalid` with a message naming the field,
like the checks of :mod:`sphinx_iassist.readers.fields`. Pure: no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sphinx_iassist.model import Organizer
from sphinx_iassist.readers.fields import Invalid, text, when
from sphinx_iassist.readers.fields import url as link
from sphinx_iassist.readers.text import shown

__all__ = ["CHECKS", "image"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _description(value: object, name: str = "description", zone: str = "") -> tuple[str, ...]:
    """Paragraphs of plain text: a blank line starts a new one; within one, line breaks and
    runs of spaces are one space. Never markup: the text is shown as written."""
    if not isinstance(value, str):
        raise Invalid(f"'description' must be text, not {type(value).__name__}")
    paragraphs = tuple(
        " ".join(part.split()) for part in _PARAGRAPH_BREAK.split(value.strip()) if part.strip()
    )
    if not paragraphs:
        raise Invalid("'description' must not be empty")
    return paragraphs


def _organizer(value: object, name: str = "organizer", zone: str = "") -> Organizer:
    """A name, or a mapping of ``name`` (required) and ``url``."""
    if not isinstance(value, Mapping):
        return Organizer(name=text(value, "organizer"))
    unknown = sorted(shown(str(k)) for k in value if k not in ("name", "url"))
    if unknown:
        raise Invalid(f"'organizer' has unknown key(s) {', '.join(unknown)} (known: name, url)")
    if value.get("name") is None:
        raise Invalid("'organizer' needs a 'name'")
    url = value.get("url")
    return Organizer(
        name=text(value["name"], "organizer.name"),
        url=link(url, "organizer.url") if url is not None else None,
    )


def _announced(value: object, name: str = "announced", zone: str = "") -> date:
    """A date alone (when the event was first published)."""
    found = when(value, name, zone)
    if isinstance(found, datetime):
        raise Invalid("'announced' must be a date YYYY-MM-DD, not a datetime")
    return found


def image(value: object, source: str) -> str:
    """An absolute http(s) URL as it is, or a path relative to the data file ``source`` as
    the file's absolute path (the file must exist)."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"'image' must be a URL or a path, not {shown(value)}")
    value = value.strip()
    if value.lower().startswith(("http://", "https://")) or ":" in value.split("/", 1)[0]:
        return link(value, "image")
    if "\\" in value or value.startswith("/"):
        raise Invalid(
            f"'image' {shown(value)} must be a path relative to the data file, written with '/'"
        )
    base = Path(source).parent if source else Path()
    path = (base / value).resolve()
    if not path.is_file():
        raise Invalid(f"'image' file {shown(value)} not found (looked for {path})")
    return str(path)


#: (field, check) of the fields of this module, checked after those of
#: :data:`sphinx_iassist.readers.fields.CHECKS`; ``image`` needs the data file and is
#: checked by :func:`sphinx_iassist.readers.event.build_event`
CHECKS: tuple[tuple[str, Any], ...] = (
    ("description", _description),
    ("organizer", _organizer),
    ("online_url", link),
    ("recording", link),
    ("announced", _announced),
)
