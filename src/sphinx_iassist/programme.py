"""The programmes of the build: the schedule files of ``iassist_schedules``, loaded once per
build beside the event catalog, and which pages show which sessions.

Loaded at ``env-before-read-docs`` after the event data (a session outside its event's dates
is reported, so the events come first), again only when the bytes of a schedule file, the
mapping or the events' dates changed; the schedules are cached in
``<doctreedir>/iassist-schedules.pickle``, like the catalog. A page that shows a programme
depends on its file: editing it re-reads exactly those pages.

The domain's ``data`` gains (picklable, merged for ``-j N``):

``schedule_key``      what the cached schedules were made of
``schedule_problems`` (source, line, message, fatal) of every schedule file, reported
                      every build
``schedule_files``    event id -> absolute path of its schedule file
``schedule_shown``    docname -> [(event id, day, rooms, tracks)]: the schedules a page shows
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sphinx.util import logging

from sphinx_iassist.config import conf_location, schedule_files
from sphinx_iassist.domain import get_domain, reread_users
from sphinx_iassist.readers.files import fingerprint, read_files
from sphinx_iassist.warnings import Subtype, file_location, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.domain import IassistDomain
    from sphinx_iassist.schedule import Schedule, Session

logger = logging.getLogger(__name__)

#: what one ``event-schedule`` shows: (event id, day or None, rooms, tracks)
Shown = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]

_memo: dict[str, tuple[Any, dict[str, Schedule]]] = {}  # per process: doctreedir -> cache


def _cache_file(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir) / "iassist-schedules.pickle"


def _data(env: BuildEnvironment) -> dict[str, Any]:
    data = get_domain(env).data
    data.setdefault("schedule_key", None)
    data.setdefault("schedule_problems", [])
    data.setdefault("schedule_files", {})
    data.setdefault("schedule_shown", {})
    return data


# -- Sphinx events ---------------------------------------------------------------------------


def load_schedules(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (after the event data): load the schedule files if they
    changed, add the pages that used changed ones to ``docnames``, and report problems."""
    data = _data(env)
    domain = get_domain(env)
    files = schedule_files(app)
    known = {event_id: path for event_id, path in files.items() if domain.event(event_id)}
    for event_id in sorted(files.keys() - known.keys()):
        warn(
            Subtype.CONFIG,
            f"iassist_schedules: {domain.missing_event(event_id)}; its schedule is not loaded",
            location=conf_location(app, "iassist_schedules"),
        )
    data["schedule_files"] = {event_id: str(path) for event_id, path in known.items()}
    contents = read_files(known.values())
    spans = {event_id: _span(domain, event_id) for event_id in known}
    key = (fingerprint(contents, ""), tuple(sorted(known.items())), tuple(sorted(spans.items())))
    previous = data["schedule_key"]
    if previous != key or not _cache_file(env).is_file():
        data["schedule_key"] = key
        _load(env, {e: (str(p), contents[str(p)]) for e, p in known.items()}, spans, key)
        if previous is not None and previous != key:
            reread_users(env, docnames, [str(p) for p in known.values()])
    for source, line, message, _fatal in data["schedule_problems"]:
        location = file_location(source, line)
        warn(Subtype.SCHEDULE, message if location else f"{source}: {message}", location=location)


def outdated_by_pinning(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: a schedule tells the browser script whether the day is pinned
    (``iassist_today`` set in conf.py); when that changes, the pages with schedules are
    written again. Nothing else of a schedule depends on the day."""
    data = _data(env)
    pinned = get_domain(env).pinned
    changed = data.get("schedule_pinned", pinned) != pinned
    data["schedule_pinned"] = pinned
    return sorted(data["schedule_shown"]) if changed else []


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``."""
    _data(env)["schedule_shown"].pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: what the pages read in a parallel process show."""
    shown = _data(env)["schedule_shown"]
    # the other environment comes pickled from a reading process: its data, not its domains
    theirs = other.domaindata.get("iassist", {}).get("schedule_shown", {})
    for docname in docnames:
        if docname in theirs:
            shown[docname] = theirs[docname]


def _span(domain: IassistDomain, event_id: str) -> tuple[date, date] | None:
    """The first and last day of the event, in its own zone."""
    event = domain.event(event_id)
    if event is None:
        return None
    if event.all_day:
        return event.start, event.end
    zone = event.zone
    return event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()


def _load(
    env: BuildEnvironment,
    files: dict[str, tuple[str, bytes | None]],
    spans: dict[str, tuple[date, date] | None],
    key: Any,
) -> None:
    from sphinx_iassist.readers.frab import load_schedule  # the reader: only when needed

    schedules: dict[str, Schedule] = {}
    problems: list[tuple[str, int | None, str, bool]] = []
    for event_id, (path, raw) in files.items():
        if raw is None:
            schedule, found = load_schedule(path, event_id, event_span=spans[event_id])
        else:
            schedule, found = load_schedule(path, event_id, data=raw, event_span=spans[event_id])
        problems += [(p.source, p.line, p.message, p.fatal) for p in found]
        if schedule is not None:
            schedules[event_id] = schedule
    _data(env)["schedule_problems"] = problems
    _memo[str(env.doctreedir)] = (key, schedules)
    try:
        with _cache_file(env).open("wb") as f:
            pickle.dump((key, schedules), f, pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass


# -- what the directives, roles and writers ask ----------------------------------------------


def schedules(env: BuildEnvironment) -> dict[str, Schedule]:
    """Event id -> its schedule, from this process's memory or the cache file."""
    data = _data(env)
    key = data["schedule_key"]
    memo = _memo.get(str(env.doctreedir))
    if memo is not None and memo[0] == key:
        return memo[1]
    try:
        with _cache_file(env).open("rb") as f:
            cached_key, loaded = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        cached_key, loaded = None, {}
    if cached_key != key:
        loaded = {}
    _memo[str(env.doctreedir)] = (key, loaded)
    return cast("dict[str, Schedule]", loaded)


def schedule_file(env: BuildEnvironment, event_id: str) -> str | None:
    return cast("str | None", _data(env)["schedule_files"].get(event_id))


def note_shown(env: BuildEnvironment, shown: Shown) -> None:
    """The page being read shows (part of) a programme."""
    _data(env)["schedule_shown"].setdefault(env.docname, []).append(shown)


def find_session(env: BuildEnvironment, target: str) -> tuple[Schedule, Session] | None:
    """The session ``<session id>`` or ``<event id>:<session id>`` names (the first event's,
    in id order, when several events have a session of that id)."""
    found = schedules(env)
    event_id, _, session_id = target.rpartition(":")
    if event_id:
        schedule = found.get(event_id)
        session = schedule.session(session_id) if schedule else None
        if schedule is not None and session is not None:
            return schedule, session
    for _, schedule in sorted(found.items()):
        session = schedule.session(target)
        if session is not None:
            return schedule, session
    return None


def select(schedule: Schedule, shown: Shown) -> list[Session]:
    """The sessions an ``event-schedule`` with these filters shows, in programme order."""
    _event_id, day, rooms, tracks = shown
    return [
        s
        for s in schedule.sessions
        if (day is None or s.day.isoformat() == day)
        and (not rooms or s.room in rooms)
        and (not tracks or s.track in tracks)
    ]


def shown_sessions(env: BuildEnvironment, docname: str) -> dict[str, list[Session]]:
    """Event id -> the sessions the page's schedules show (each once, programme order)."""
    found = schedules(env)
    shown: dict[str, dict[str, Session]] = {}
    for spec in _data(env)["schedule_shown"].get(docname, []):
        schedule = found.get(spec[0])
        if schedule is not None:
            for session in select(schedule, spec):
                shown.setdefault(spec[0], {}).setdefault(session.id, session)
    order = {event_id: schedule.sessions for event_id, schedule in found.items()}
    return {
        event_id: [s for s in order[event_id] if s.id in sessions]
        for event_id, sessions in shown.items()
    }


def session_anchor(event_id: str, session_id: str) -> str:
    """The HTML id of a session where a schedule shows it."""
    from docutils.nodes import make_id

    return make_id(f"session-{event_id}-{session_id}")


def session_page(
    env: BuildEnvironment, event_id: str, session_id: str, fromdocname: str | None = None
) -> str | None:
    """The page a link to the session goes to: ``fromdocname`` when it shows the session,
    else the first page (in name order) whose schedules show it."""
    pages = _pages(env).get((event_id, session_id), [])
    if fromdocname in pages:
        return fromdocname
    return pages[0] if pages else None


_pages_memo: dict[str, tuple[Any, dict[tuple[str, str], list[str]]]] = {}


def _pages(env: BuildEnvironment) -> dict[tuple[str, str], list[str]]:
    """(event id, session id) -> the pages that show it, in name order; computed once per
    state of the programmes."""
    data = _data(env)
    shown_by_doc = data["schedule_shown"]
    state = (data["schedule_key"], repr(sorted(shown_by_doc.items())))
    memo = _pages_memo.get(str(env.doctreedir))
    if memo is not None and memo[0] == state:
        return memo[1]
    found = schedules(env)
    pages: dict[tuple[str, str], list[str]] = {}
    for docname, shown_list in sorted(shown_by_doc.items()):
        for shown in shown_list:
            schedule = found.get(shown[0])
            if schedule is None or docname not in env.found_docs:
                continue
            for session in select(schedule, shown):
                found_on = pages.setdefault((shown[0], session.id), [])
                if docname not in found_on:
                    found_on.append(docname)
    _pages_memo[str(env.doctreedir)] = (state, pages)
    return pages
