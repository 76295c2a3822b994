"""The calendars readers subscribe to, beside ``events.ics``: one a series, one a tag. Pure.

* Every series has ``_ics/series/<slug>.ics`` and every tag ``_ics/tags/<slug>.ics``, with
  all the valid events of that series (or with that tag), like ``events.ics``.
* The slug is the name with its accents taken off (``Möte`` → ``mote``), lowercased, each
  run of characters other than ``a-z`` and ``0-9`` written as one ``-``, none at either
  end: ``IASSIST 2021`` → ``iassist-2021``. A name with nothing left of it (``日本``) gets
  ``x-`` and the first ten hex digits of its SHA-256 instead, stable across builds.
* Series whose names differ only in case are one series, as ``event-list``'s ``:series:``
  has them. Two names that differ otherwise but have the same slug (``Data Day`` and
  ``data-day``) share one file, holding the events of both: the file a subscriber already
  has keeps its address, and :func:`feeds` reports the clash for a warning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from sphinx_iassist.model import Event

__all__ = [
    "ALL",
    "FOLDERS",
    "ICS_DIR",
    "PROGRAMME_SUFFIX",
    "Clash",
    "Feed",
    "feed_path",
    "feeds",
    "slug",
    "subscription_urls",
]

#: the calendar of every event, at the output root
ALL = "events.ics"
#: the folder of every other calendar file: one an event, and the folders of ``FOLDERS``
ICS_DIR = "_ics"
#: the folder of the calendars of each kind, under ``ICS_DIR``
FOLDERS = {"series": "series", "tag": "tags"}
#: an event's programme calendar is ``ICS_DIR/<event id>PROGRAMME_SUFFIX.ics``
PROGRAMME_SUFFIX = "-programme"

_OTHER = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """The file name part for a series or tag ``name`` (see the module's documentation)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    found = _OTHER.sub("-", folded.lower()).strip("-")
    if found:
        return found
    return "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def feed_path(kind: str, name: str) -> str:
    """The path, from the output root, of the calendar of a series or tag (``kind``)."""
    return f"{ICS_DIR}/{FOLDERS[kind]}/{slug(name)}.ics"


@dataclass(frozen=True, slots=True)
class Feed:
    """One calendar to subscribe to: its path from the output root, what it is (``series``
    or ``tag``), its name as the data first spells it, and the ids of its events."""

    path: str
    kind: str
    name: str
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Clash:
    """Names of one kind that share a file: the first keeps it, ``other`` (first met at
    ``source``:``line``) is added to it."""

    path: str
    kind: str
    first: str
    other: str
    source: str
    line: int


def feeds(events: Iterable[Event]) -> tuple[list[Feed], list[Clash]]:
    """The series and tag calendars of ``events``, by path, and the names that share one.

    Events are taken by (start, id), so the result does not depend on the order of the
    data files.
    """
    ordered = sorted(events, key=lambda e: (e.starts_at, e.id))
    names: dict[str, str] = {}  # path -> name as first spelled
    seen: dict[str, set[str]] = {}  # path -> casefolded names already met
    members: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    clashes: list[Clash] = []
    for event in ordered:
        wanted = [("series", event.series)] if event.series else []
        wanted += [("tag", tag) for tag in event.tags]
        for kind, name in wanted:
            path = feed_path(kind, name)
            folded = name.casefold()
            if path not in names:
                names[path], seen[path], members[path], kinds[path] = name, set(), [], kind
            elif folded not in seen[path]:
                field = "series" if kind == "series" else "tags"
                clashes.append(
                    Clash(path, kind, names[path], name, event.source, event.line_of(field))
                )
            seen[path].add(folded)
            if not members[path] or members[path][-1] != event.id:
                members[path].append(event.id)
    found = [Feed(p, kinds[p], names[p], tuple(members[p])) for p in sorted(names)]
    return found, clashes


def subscription_urls(base: str, path: str) -> tuple[str, str]:
    """The ``webcal://`` and the ``https://`` (or ``http://``) URL of the calendar at
    ``path`` on the site at ``base`` (``html_baseurl``, not empty).

    ``webcal:`` is the same address with its scheme replaced: the scheme calendar apps
    (Apple Calendar, Outlook, Thunderbird) open as a subscription.
    """
    absolute = urljoin(base.rstrip("/") + "/", path)
    return urlsplit(absolute)._replace(scheme="webcal").geturl(), absolute
