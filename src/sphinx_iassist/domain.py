"""The ``iassist`` domain: the build's events, its day, which documents use them, and
cross-references.

Once per build, before any page is read (:func:`load_data`), the domain resolves the day
the build groups by and whether that day is pinned in ``conf.py``, and loads the data files
(again only when their bytes changed). Everything after asks the domain: directives, roles,
the write-time transform, the visitors, the calendars and JSON-LD.

Everything kept across documents lives in ``self.data`` as picklable values;
``clear_doc`` and ``merge_domaindata`` make a parallel read (``-j N``) equal a serial one.

``data`` holds:

``fingerprint``  ((path, SHA-256 of the bytes loaded), ...), and the default zone: what the
                 catalog was made from; when it changes, the events that changed are found
                 (``events``) and only the pages that show them are written again
``events``       event id -> a digest of the event's data (see :func:`event_digest`)
``problems``     the data files' problems, (source, line, message), reported every build
``pages``        (event id, page, title, source, line) of events that name a page
``dropped``      event id -> "file:line" of events left out for a problem (references say so)
``images``       whether an event's ``image`` is a file, copied into HTML output
``metadata``     event id -> what its search-engine metadata lacks (see publish/metadata.py)
``files``        the configured data files, absolute paths (dependencies of using pages)
``confdir``      the configuration directory: data files are named relative to it
``today``        the date this build groups by
``pinned``       whether ``today`` is set in ``conf.py`` (the script leaves pages as built)
``uses``         docname -> :class:`Usage`: the lists, notices, event ids, actions a page shows
``states``       docname -> a digest of the date-dependent state the page was last written
                 with (see :meth:`IassistDomain.page_state`)
``state_key``    (today, pinned, fingerprint, zone) the states were last all computed for

The loaded :class:`~sphinx_iassist.readers.catalog.Catalog` itself is not in ``data``: it
would make the environment pickle large (it is pickled again for each chunk of a parallel
read). It is kept in ``<doctreedir>/iassist-catalog.pickle`` and loaded only when a build
reads or writes a page that needs it; a build with nothing to do never loads it.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.util import logging

from sphinx_iassist import links
from sphinx_iassist.config import event_files
from sphinx_iassist.dates.today import build_today
from sphinx_iassist.readers.files import Contents, fingerprint, read_files, shown_path
from sphinx_iassist.usage import Usage, dated_state
from sphinx_iassist.values import zone_info
from sphinx_iassist.warnings import Subtype, file_location, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.dates.deadlines import DeadlineGroups, DeadlineSpec
    from sphinx_iassist.dates.timeline import Group, ListSpec
    from sphinx_iassist.model import Event
    from sphinx_iassist.readers.catalog import Catalog

logger = logging.getLogger(__name__)


def get_domain(env: BuildEnvironment) -> IassistDomain:
    return env.domains["iassist"]  # type: ignore[return-value]


def note_data_dependency(env: BuildEnvironment) -> None:
    """The current document shows event data. What it shows is kept in its
    :class:`Usage`; when the data changes, the domain has it written (or read) again as
    that requires (see :meth:`IassistDomain.prepare`), so the data files are no Sphinx
    dependency of the document: an edit to one event does not re-read every page."""
    get_domain(env).usage(env.docname)


@functools.cache
def _digested_fields() -> tuple[str, ...]:
    from sphinx_iassist.model import Event

    return tuple(f.name for f in fields(Event) if f.name not in ("line", "field_offsets"))


def event_digest(event: Event) -> bytes:
    """A digest of everything the data says about ``event``, but not the line it starts on
    (an edit above it moves it, and changes nothing it shows). The same data gives the same
    digest in every process: the fields are dates, strings, enums and tuples of them."""
    return _digest(tuple(getattr(event, name) for name in _digested_fields()))


def _digest(value: tuple[Any, ...]) -> bytes:
    """16 bytes that stand for ``value`` (made of dates, strings, numbers, enums and tuples
    and dataclasses of them, whose ``repr`` is the same in every process)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).digest()


@dataclass(frozen=True)
class _Before:
    """What the previous build's data said, to compare the new data with."""

    catalog: Catalog
    events: dict[str, bytes]
    pages: list[tuple[str, str, str, str, int]]
    dropped: dict[str, str]


class UsesEventData:
    """For the directives and roles that show event data: the domain, and the note that the
    document being read depends on the data files."""

    if TYPE_CHECKING:

        @property
        def env(self) -> BuildEnvironment: ...  # SphinxDirective's and SphinxRole's

    @property
    def domain(self) -> IassistDomain:
        return get_domain(self.env)

    def note_data_dependency(self) -> None:
        note_data_dependency(self.env)


# -- Sphinx events -----------------------------------------------------------------------------


def load_data(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the day, and the data (see :meth:`IassistDomain.prepare`)."""
    get_domain(env).prepare(app, docnames)


def outdated_by_date(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose grouping, "Happening now" badges or notices change
    with the date, and pages that show an event whose data changed, are rewritten (not
    re-read)."""
    return list(get_domain(env).outdated_by_date())


class IassistDomain(Domain):
    """Events as cross-reference targets, the build's day and data, and the per-document
    bookkeeping."""

    name = "iassist"
    label = "Events"
    object_types = {"event": ObjType("event", "event"), "session": ObjType("session", "session")}
    initial_data = {
        "fingerprint": None,
        "events": {},
        "problems": [],
        "pages": [],
        "dropped": {},
        "images": False,
        "metadata": {},
        "files": [],
        "confdir": None,
        "today": None,
        "pinned": False,
        "uses": {},
        "states": {},
        "state_key": None,
    }
    data_version = 8  # 7: Event.field_offsets in the cached catalog; 8: digests as bytes

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # per process, never pickled: the catalog, and lists computed for it and the day
        self._catalog: Catalog | None = None
        self._groups_memo: dict[tuple[Any, ...], list[Group]] = {}
        # the documents this build writes again because events they show changed
        self._rewrite: set[str] = set()

    # -- the build's day and data, resolved once per build ---------------------------------

    def prepare(self, app: Sphinx, docnames: list[str]) -> None:
        """Resolve the day and its pinning, load the data if its bytes changed, and report
        every data problem with its file and line.

        When the data changed, the events that changed are those whose digest differs,
        which are new, or which are gone (see :meth:`_follow_change`): ``docnames`` (the
        documents Sphinx is about to read) gains the documents whose reading decided
        something from them, and the documents that show them are written again
        (:meth:`outdated_by_date` returns them).

        What was loaded is recorded as a digest of the very bytes parsed, not as the files'
        modification times: a file saved again while a build runs is then seen as changed
        by the next build. (Sphinx's own dependency check compares modification times with
        the time each page was read, so it would miss the pages read before the file was
        saved.)
        """
        config = app.config
        self.data["today"] = build_today(config.iassist_today)
        # a date set in conf.py (valid: the configuration check drops a bad one) pins pages
        self.data["pinned"] = bool(config.iassist_today)
        paths = event_files(app)
        self.data["files"] = [str(p) for p in paths]
        self.data["confdir"] = str(app.confdir)
        contents = read_files(paths)
        made_of = fingerprint(contents, config.iassist_timezone)
        previous = self.data["fingerprint"]
        self._rewrite = set()
        if previous != made_of or not self.catalog_cache.is_file():
            changed = previous is not None and previous != made_of
            before = self._before() if changed else None
            self.data["fingerprint"] = made_of
            self._load(contents, made_of)
            if changed:
                self._follow_change(before, docnames)
        self._report_data_problems()

    @property
    def today(self) -> date:
        """The day this build groups by (``iassist_today``, ``SOURCE_DATE_EPOCH`` or today)."""
        return cast("date", self.data["today"])

    @property
    def pinned(self) -> bool:
        """Whether the day is set in ``conf.py``: the browser script leaves pages as built."""
        return bool(self.data["pinned"])

    @property
    def zone(self) -> ZoneInfo:
        """The site's zone (``iassist_timezone``): it decides "today" for timed events."""
        return zone_info(self.env.config.iassist_timezone)

    @property
    def data_files(self) -> list[str]:
        return cast("list[str]", self.data["files"])

    @property
    def catalog_cache(self) -> Path:
        return Path(self.env.doctreedir) / "iassist-catalog.pickle"

    @property
    def catalog(self) -> Catalog:
        """The events of this build, from the cache file (or the data files again)."""
        if self._catalog is None:
            cached = self._cached_catalog()
            if cached is not None:
                self._catalog = cached
            else:
                contents = read_files(self.data_files)
                self._load(contents, fingerprint(contents, self.env.config.iassist_timezone))
        assert self._catalog is not None
        return self._catalog

    def _cached_catalog(self) -> Catalog | None:
        try:
            with self.catalog_cache.open("rb") as f:
                made_of, catalog = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None
        return catalog if made_of == self.data["fingerprint"] else None

    def _load(self, contents: Contents, made_of: Any) -> None:
        """The one way the catalog is made: parse ``contents``, keep the catalog, note what
        each build reports from it (problems, pages, events left out), and cache it under
        ``made_of``, the fingerprint of what was parsed."""
        from sphinx_iassist.readers.catalog import load_catalog  # the parsers: only when needed

        catalog = load_catalog(
            list(contents),
            default_timezone=self.env.config.iassist_timezone,
            contents={path: data for path, data in contents.items() if data is not None},
        )
        self._catalog = catalog
        self.data["problems"] = [(p.source, p.line, p.message) for p in catalog.problems]
        self.data["events"] = {e.id: event_digest(e) for e in catalog.events}
        self.data["pages"] = [
            (e.id, e.page, e.title, e.source, e.line_of("page")) for e in catalog.events if e.page
        ]
        dropped: dict[str, str] = {}
        for problem in catalog.problems:  # in file and line order: the first problem names it
            event_id = problem.event_id
            if problem.fatal and event_id and event_id not in dropped and not catalog.get(event_id):
                source = shown_path(problem.source, self.data["confdir"])
                dropped[event_id] = f"{source}:{problem.line}" if problem.line else source
        self.data.update(dropped=dropped, images=any(e.image_is_file for e in catalog.events))
        from sphinx_iassist.publish.jsonld import metadata_notes

        self.data.update(metadata=metadata_notes(catalog.events), state_key=None)
        try:
            self.catalog_cache.parent.mkdir(parents=True, exist_ok=True)
            with self.catalog_cache.open("wb") as f:
                pickle.dump((made_of, catalog), f, pickle.HIGHEST_PROTOCOL)
        except OSError:  # no cache: later builds read the data files again
            pass

    def _before(self) -> _Before | None:
        """The previous build's catalog and what was noted from it (None without its
        cache)."""
        catalog = self._cached_catalog()
        if catalog is None:
            return None
        return _Before(
            catalog,
            dict(self.data["events"]),
            list(self.data["pages"]),
            dict(self.data["dropped"]),
        )

    def _follow_change(self, before: _Before | None, docnames: list[str]) -> None:
        """After new data is loaded: add to ``docnames`` (in place, as
        ``env-before-read-docs`` allows) the documents not read yet whose reading decided
        something the new data decides otherwise, and note for :meth:`outdated_by_date`
        the documents that show an event that changed (by the old data or the new)."""
        found, reading = self.env.found_docs, set(docnames)
        users = [docname for docname in sorted(self.uses) if docname in found]
        if before is None:  # nothing to compare with: every document that uses the data
            more = [docname for docname in users if docname not in reading]
        else:
            new, old = self.data["events"], before.events
            changed = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
            dropped = cast("dict[str, str]", self.data["dropped"])
            changed |= {
                i
                for i in before.dropped.keys() | dropped
                if before.dropped.get(i) != dropped.get(i)
            }
            more = [
                docname
                for docname in users
                if docname not in reading and self._read_changed(docname, changed, before)
            ]
            was = [e for e in before.catalog.events if e.id in changed]
            now = [e for e in self.catalog.events if e.id in changed]
            for docname in users:
                usage = self.uses[docname]
                if not changed.isdisjoint(self._shown_ids(usage, was, before.catalog)) or not (
                    changed.isdisjoint(self._shown_ids(usage, now, self.catalog))
                ):
                    self._rewrite.add(docname)
            # an event's own page carries its JSON-LD
            self._rewrite.update(p for i, p, *_ in before.pages if i in changed and p in found)
            self._rewrite.update(
                p for i, p, *_ in self.data["pages"] if i in changed and p in found
            )
        if more:
            docnames.extend(more)
            docnames.sort()
            logger.info("%d more documents use event data that changed", len(more))

    def _read_changed(self, docname: str, changed: set[str], before: _Before) -> bool:
        """Whether what the document decided from the data when it was read may differ with
        the new data."""
        usage = self.uses[docname]
        if not changed.isdisjoint(usage.read_events):
            return True
        if any(_status(before.catalog, before.dropped, i) != self._status(i) for i in usage.known):
            return True
        if usage.page_event:
            old = [i for i, page, *_ in before.pages if page == docname]
            if old != self.events_of_page(docname):
                return True
        return usage.subscribe and _calendars(before.catalog) != _calendars(self.catalog)

    def _status(self, event_id: str) -> tuple[bool, str | None]:
        return _status(self.catalog, self.data["dropped"], event_id)

    def _shown_ids(self, usage: Usage, events: list[Event], catalog: Catalog) -> set[str]:
        """The ids of the events a document names, and of those of ``events`` (some of
        ``catalog``'s) its lists show with ``catalog``'s events. Whether a list without a
        :limit: shows an event depends on that event alone: only ``events`` are looked at."""
        from sphinx_iassist.dates.deadlines import deadline_groups
        from sphinx_iassist.dates.timeline import group_events

        ids = {*usage.event_ids, *usage.referenced, *usage.read_events, *usage.known}
        ids.update(usage.details)
        ids.update(event_id for event_id, _action in usage.actions)
        for spec in usage.lists:
            if spec.limit is None:
                groups = group_events(events, spec, self.today, self.zone)
            elif catalog is self.catalog:
                groups = self.groups(spec)
            else:
                groups = group_events(catalog.events, spec, self.today, self.zone)
            ids.update(entry.event.id for group in groups for entry in group.entries)
        for deadline_spec in usage.deadline_lists:
            found = deadline_groups(events, deadline_spec, self.today)
            ids.update(entry.event.id for entry in (*found.upcoming, *found.passed))
        return ids

    def _report_data_problems(self) -> None:
        for source, line, message in self.data["problems"]:
            location = file_location(source, line)
            warn(Subtype.DATA, message if location else f"{source}: {message}", location=location)
        docs = links.documents(self.env)
        for event_id, page, _title, source, line in self.data["pages"]:
            if page not in docs:
                warn(
                    Subtype.DATA,
                    f"'page' {page!r} of event {event_id!r} is not a document of this project; "
                    "the event links to its 'url' instead",
                    location=f"{source}:{line}",
                )

    # -- events ------------------------------------------------------------------------------

    @property
    def uses(self) -> dict[str, Usage]:
        return cast("dict[str, Usage]", self.data["uses"])

    def usage(self, docname: str) -> Usage:
        return self.uses.setdefault(docname, Usage())

    def event(self, event_id: str) -> Event | None:
        return self.catalog.get(event_id)

    def events_of_page(self, docname: str) -> list[str]:
        """The ids of the events whose ``page`` is ``docname``, in data order."""
        return [event_id for event_id, page, *_ in self.data["pages"] if page == docname]

    def left_out(self, event_id: str) -> str | None:
        """Where the event ``event_id`` is in the data (``file:line``) if it was left out."""
        return cast("dict[str, str]", self.data.get("dropped", {})).get(event_id)

    def missing_event(self, event_id: str) -> str:
        """Why no event ``event_id`` can be shown, for a warning where a page names it."""
        where = self.left_out(event_id)
        if where is not None:
            return f"event {event_id!r} was left out ({where})"
        return f"unknown event id {event_id!r}"

    def deadline_groups(self, spec: DeadlineSpec) -> DeadlineGroups:
        """What a deadline list shows today."""
        from sphinx_iassist.dates.deadlines import deadline_groups

        return deadline_groups(self.catalog.events, spec, self.today)

    def groups(self, spec: ListSpec) -> list[Group]:
        """What a list shows today. Computed once per build for each kind of list: the
        date check, the page and its JSON-LD all ask for it."""
        catalog, zone = self.catalog, self.zone
        key = (id(catalog), spec, self.today, zone.key)
        memo = self._groups_memo
        if key not in memo:
            if len(memo) > 1024:
                memo.clear()
            from sphinx_iassist.dates.timeline import group_events

            memo[key] = group_events(catalog.events, spec, self.today, zone)
        return memo[key]

    # -- environment lifecycle ---------------------------------------------------------------

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """An ``{event}`` role without its own text in a title (the page's title, the
        table of contents) keeps the event's title as read: the page is read again when
        the event changes. Elsewhere the text is the event's title when it is written."""
        usage = self.uses.get(docname)
        if usage is None or not usage.referenced:
            return
        for ref in document.findall(addnodes.pending_xref):
            if ref.get("refdomain") != "iassist" or ref.get("reftype") != "event":
                continue
            if not ref.get("refexplicit") and _in_title(ref):
                usage.read_events.append(ref["reftarget"])

    def clear_doc(self, docname: str) -> None:
        self.uses.pop(docname, None)
        self.data["states"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["uses"]:
                self.uses[docname] = otherdata["uses"][docname]

    # -- what a page shows, for re-rendering and JSON-LD ------------------------------------

    def shown_events(self, docname: str) -> list[Event]:
        """The events a page shows today, in first-shown order, without repeats."""
        usage = self.uses.get(docname)
        if usage is None:
            return []
        seen: dict[str, Event] = {}
        for spec in usage.lists:
            for group in self.groups(spec):
                for entry in group.entries:
                    seen.setdefault(entry.event.id, entry.event)
        for event_id in usage.event_ids:
            event = self.event(event_id)
            if event is not None:
                seen.setdefault(event_id, event)
        return list(seen.values())

    def page_state(self, docname: str) -> tuple[Any, ...]:
        """Everything about a page's output that depends on the date."""
        usage = self.uses.get(docname)
        if usage is None:
            return ()
        state = dated_state(
            usage, self.today, self.zone, self.event, self.groups, self.deadline_groups
        )
        # what the browser script may change tells it whether the day is pinned
        scripted = (
            usage.lists
            or usage.notices
            or usage.starts
            or usage.deadline_lists
            or usage.details
            or usage.actions
        )
        pinned = self.pinned if scripted else None
        return *state, pinned

    def outdated_by_date(self) -> Iterator[str]:
        """Documents whose date-dependent output differs from when they were last written,
        and those that show an event whose data changed (found by :meth:`prepare`).

        Updates the stored states: the caller writes every document it yields. With the
        same day and data as last time, only pages read in this build (their state was
        cleared) are looked at.
        """
        states = self.data["states"]
        key = (self.today, self.pinned, self.data["fingerprint"], self.zone.key)
        everything = self.data.get("state_key") != key
        self.data["state_key"] = key
        rewrite, self._rewrite = self._rewrite, set()
        for docname in sorted(self.uses):
            if not everything and docname in states:
                if docname in rewrite:
                    yield docname
                continue
            # a digest: a list of 30,000 events has a state of as many entries
            state = _digest(self.page_state(docname))
            if states.get(docname) != state or docname in rewrite:
                states[docname] = state
                yield docname
        # event pages that show no event data themselves (their JSON-LD)
        yield from sorted(rewrite.difference(self.uses))

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
        if typ == "session":
            from sphinx_iassist.render.schedule import session_reference

            return session_reference(env, builder, fromdocname, target, contnode)
        event = self.event(target)
        if event is None:
            return None
        if not node.get("refexplicit"):  # the title the event has now
            contnode = contnode.deepcopy()
            contnode.clear()
            contnode += nodes.Text(event.title)
        # an event with neither page nor url is shown as its title, unlinked
        return links.reference(event, env, builder, fromdocname, contnode) or contnode

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

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # from data: the inventory is written on every build, even one with nothing to do
        docs = links.documents(self.env)
        for event_id, page, title, _source, _line in self.data["pages"]:
            if page in docs:
                yield event_id, title, "event", page, "", 1


def _in_title(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.title):
            return True
        parent = parent.parent
    return False


def _status(catalog: Catalog, dropped: dict[str, str], event_id: str) -> tuple[bool, str | None]:
    """Whether an event is there, and where it was left out if it was."""
    return catalog.get(event_id) is not None, dropped.get(event_id)


def _calendars(catalog: Catalog) -> tuple[frozenset[str], frozenset[str]]:
    """The series and tags of the events (calendar-subscribe checks its names against
    them)."""
    events = catalog.events
    series = frozenset(e.series.casefold() for e in events if e.series)
    return series, frozenset(t.casefold() for e in events for t in e.tags)


def reread_users(env: BuildEnvironment, docnames: list[str], paths: Iterable[str]) -> int:
    """Add to ``docnames`` (in place, sorted) every document of the project that depends on
    one of ``paths`` and is not read yet; how many were added."""
    files = {Path(p) for p in paths}
    reading = set(docnames)
    more = [
        docname
        for docname, dependencies in env.dependencies.items()
        if docname in env.found_docs
        and docname not in reading
        and not files.isdisjoint(Path(d) for d in dependencies)
    ]
    if more:
        docnames.extend(more)
        docnames.sort()
    return len(more)
