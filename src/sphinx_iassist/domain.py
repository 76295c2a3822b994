"""The ``iassist`` domain: the loaded events, which documents use them, and cross-references.

Everything kept across documents lives in ``self.data`` as picklable values, with
``clear_doc`` and ``merge_domaindata`` so that parallel reading (``-j N``) gives the same
result as a serial build.

``data`` holds:

``fingerprint``  ((path, SHA-256 of the bytes loaded), ...), and the default zone: what the
                 catalog was made from; a new one re-reads every page that uses the data
``problems``     the data files' problems, (source, line, message), reported every build
``pages``        (event id, page, title, source, line) of events that name a page
``dropped``      event id -> "file:line" of events the data names but that were left out
                 for a problem: references to them say so instead of "unknown event id"
``files``        the configured data files, absolute paths (dependencies of using pages)
``today``        the ISO date this build groups by
``uses``         docname -> :class:`Usage`: the lists, notices and event ids a page shows
``states``       docname -> the date-dependent state the page was last written with
``state_key``    (today, fingerprint) the states were last all computed for

The loaded :class:`~sphinx_iassist.loader.Catalog` itself is not in ``data``: it would
make the environment pickle large (it is pickled again for each chunk of a parallel
read). It is kept in ``<doctreedir>/iassist-catalog.pickle`` and loaded only when a
build reads or writes a page that needs it; a build with nothing to do never loads it.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_iassist.model import Event
from sphinx_iassist.timeline import Group, ListSpec, group_events

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.loader import Catalog

logger = logging.getLogger(__name__)


@dataclass
class Usage:
    """What one document takes from the event data."""

    lists: list[ListSpec] = field(default_factory=list)
    notices: list[date] = field(default_factory=list)  # expiry dates
    event_ids: list[str] = field(default_factory=list)  # buttons and roles


def _shown_path(source: str, base: str | None) -> str:
    """``source`` relative to ``base`` when it lies inside it (as ``iassist_events`` names it)."""
    if base is None:
        return source
    try:
        return Path(source).relative_to(Path(base).resolve()).as_posix()
    except ValueError:
        return source


def get_domain(env: BuildEnvironment) -> IassistDomain:
    return env.domains["iassist"]  # type: ignore[return-value]


def note_data_dependency(env: BuildEnvironment) -> None:
    """The current document shows event data: editing a data file re-reads it."""
    for path in get_domain(env).data_files:
        env.note_dependency(path)


class IassistDomain(Domain):
    """Events as cross-reference targets, and the per-document bookkeeping."""

    name = "iassist"
    label = "Events"
    object_types = {"event": ObjType("event", "event")}
    initial_data = {
        "fingerprint": None,
        "problems": [],
        "pages": [],
        "dropped": {},
        "files": [],
        "today": None,
        "uses": {},
        "states": {},
        "state_key": None,
    }
    data_version = 3

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # per process, never pickled: the catalog, and lists computed for it and the day
        self._catalog: Catalog | None = None
        self._groups_memo: dict[tuple[Any, ...], list[Group]] = {}

    # -- accessors ---------------------------------------------------------------------------

    @property
    def catalog_cache(self) -> Path:
        return Path(self.env.doctreedir) / "iassist-catalog.pickle"

    @property
    def catalog(self) -> Catalog:
        """The events of this build, from the cache file (or the data files again)."""
        if self._catalog is None:
            self._catalog = self._cached_catalog() or self._load_catalog()
        return self._catalog

    def _cached_catalog(self) -> Catalog | None:
        try:
            with self.catalog_cache.open("rb") as f:
                fingerprint, catalog = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None
        return catalog if fingerprint == self.data["fingerprint"] else None

    def _load_catalog(self) -> Catalog:
        from sphinx_iassist.loader import load_catalog  # the parsers: only when needed

        return load_catalog(self.data_files, default_timezone=self.env.config.iassist_timezone)

    def set_catalog(self, catalog: Catalog, fingerprint: Any, confdir: str | None = None) -> None:
        """A freshly loaded catalog: keep it, cache it, and note what is reported each build.

        ``confdir`` shortens the data files' paths in messages to what ``iassist_events``
        names."""
        self._catalog = catalog
        self.data["fingerprint"] = fingerprint
        self.data["problems"] = [(p.source, p.line, p.message) for p in catalog.problems]
        self.data["pages"] = [
            (e.id, e.page, e.title, e.source, e.line_of("page")) for e in catalog.events if e.page
        ]
        dropped: dict[str, str] = {}
        for problem in catalog.problems:  # in file and line order: the first problem names it
            event_id = problem.event_id
            if problem.fatal and event_id and event_id not in dropped and not catalog.get(event_id):
                source = _shown_path(problem.source, confdir)
                dropped[event_id] = f"{source}:{problem.line}" if problem.line else source
        self.data["dropped"] = dropped
        self.data["state_key"] = None
        try:
            self.catalog_cache.parent.mkdir(parents=True, exist_ok=True)
            with self.catalog_cache.open("wb") as f:
                pickle.dump((fingerprint, catalog), f, pickle.HIGHEST_PROTOCOL)
        except OSError:  # no cache: later builds read the data files again
            pass

    @property
    def data_files(self) -> list[str]:
        return cast("list[str]", self.data["files"])

    @property
    def today(self) -> date:
        return date.fromisoformat(self.data["today"])

    @property
    def uses(self) -> dict[str, Usage]:
        return cast("dict[str, Usage]", self.data["uses"])

    def usage(self, docname: str) -> Usage:
        return self.uses.setdefault(docname, Usage())

    def event(self, event_id: str) -> Event | None:
        return self.catalog.get(event_id)

    def left_out(self, event_id: str) -> str | None:
        """Where the event ``event_id`` is in the data (``file:line``) if it was left out."""
        return cast("dict[str, str]", self.data.get("dropped", {})).get(event_id)

    def missing_event(self, event_id: str) -> str:
        """Why no event ``event_id`` can be shown, for a warning where a page names it."""
        where = self.left_out(event_id)
        if where is not None:
            return f"event {event_id!r} was left out ({where})"
        return f"unknown event id {event_id!r}"

    def groups(self, spec: ListSpec, zone: ZoneInfo) -> list[Group]:
        """What a list shows today. Computed once per build for each kind of list: the
        date check, the page and its JSON-LD all ask for it."""
        catalog = self.catalog
        key = (id(catalog), spec, self.data["today"], zone.key)
        memo = self._groups_memo
        if key not in memo:
            if len(memo) > 1024:
                memo.clear()
            memo[key] = group_events(catalog.events, spec, self.today, zone)
        return memo[key]

    # -- environment lifecycle ---------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self.uses.pop(docname, None)
        self.data["states"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["uses"]:
                self.uses[docname] = otherdata["uses"][docname]

    # -- what a page shows, for re-rendering and JSON-LD ------------------------------------

    def shown_events(self, docname: str, zone: ZoneInfo) -> list[Event]:
        """The events a page shows today, in first-shown order, without repeats."""
        usage = self.uses.get(docname)
        if usage is None:
            return []
        seen: dict[str, Event] = {}
        for spec in usage.lists:
            for group in self.groups(spec, zone):
                for entry in group.entries:
                    seen.setdefault(entry.event.id, entry.event)
        for event_id in usage.event_ids:
            event = self.event(event_id)
            if event is not None:
                seen.setdefault(event_id, event)
        return list(seen.values())

    def page_state(self, docname: str, zone: ZoneInfo) -> tuple[Any, ...]:
        """Everything about a page's output that depends on the date."""
        usage = self.uses.get(docname)
        if usage is None:
            return ()
        today = self.today
        lists = tuple(
            tuple(
                (group.key, tuple((e.event.id, e.ongoing) for e in group.entries))
                for group in self.groups(spec, zone)
            )
            for spec in usage.lists
        )
        notices = tuple(expires < today for expires in usage.notices)
        return lists, notices

    def outdated_by_date(self, zone: ZoneInfo) -> Iterator[str]:
        """Documents whose date-dependent output differs from when they were last written.

        Updates the stored states: the caller writes every document it yields. With the
        same day and data as last time, only pages read in this build (their state was
        cleared) are looked at.
        """
        states = self.data["states"]
        key = (self.data["today"], self.data["fingerprint"], zone.key)
        everything = self.data.get("state_key") != key
        self.data["state_key"] = key
        for docname in sorted(self.uses):
            if not everything and docname in states:
                continue
            state = self.page_state(docname, zone)
            if states.get(docname) != state:
                states[docname] = state
                yield docname

    # -- cross-references --------------------------------------------------------------------

    # Sphinx 9 annotates these as returning references only; every Sphinx puts the node
    # returned in place of the xref, and an event with neither page nor url is its title
    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        event = self.event(target)
        if event is None:
            return None
        # an event with neither page nor url is shown as its title, unlinked
        return self.event_reference(event, fromdocname, builder, contnode) or contnode

    def resolve_any_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        ref = self.resolve_xref(env, fromdocname, builder, "event", target, node, contnode)
        return [("iassist:event", ref)] if ref is not None else []

    def event_reference(
        self, event: Event, fromdocname: str, builder: Builder, contnode: nodes.Node
    ) -> nodes.reference | None:
        """A reference to the event's own page, else to its external ``url``."""
        if event.page and event.page in self.env.all_docs:
            return make_refnode(builder, fromdocname, event.page, "", contnode, event.title)
        if event.url:
            ref = nodes.reference("", "", internal=False, refuri=event.url, reftitle=event.title)
            ref += contnode
            return ref
        return None

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # from data: the inventory is written on every build, even one with nothing to do
        for event_id, page, title, _source, _line in self.data["pages"]:
            if page in self.env.all_docs:
                yield event_id, title, "event", page, "", 1
