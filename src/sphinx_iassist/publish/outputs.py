"""Files and metadata written for HTML builders: ``events.ics``, one ``.ics`` per event, and
one JSON-LD ``<script>`` per page. All from domain data, never collected while writing pages
(which would lose events under parallel writing). How the calendar files are written (beside
the page writing) is in :mod:`sphinx_iassist.publish.calendar_files`."""

from __future__ import annotations

import functools
import hashlib
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from sphinx.util.osutil import relative_uri

from sphinx_iassist import __version__, links
from sphinx_iassist.dates.recurrence import next_shown
from sphinx_iassist.domain import get_domain
from sphinx_iassist.model import Event
from sphinx_iassist.programme import schedules, shown_sessions
from sphinx_iassist.publish import subscriptions
from sphinx_iassist.publish.subscriptions import ALL as CALENDAR
from sphinx_iassist.publish.subscriptions import ICS_DIR
from sphinx_iassist.warnings import Subtype, file_location, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.publish.calendar_files import CalendarJob, CalendarWriter
    from sphinx_iassist.schedule import Schedule


__all__ = ["CALENDAR", "ICS_DIR", "add_jsonld", "finish_calendars", "ics_href", "start_calendars"]


def writes_calendars(builder: Builder) -> bool:
    """HTML-family builders that publish files next to the pages (not EPUB's package)."""
    return (
        builder.format == "html"
        and not builder.name.startswith("epub")
        and bool(builder.config.iassist_ics)
    )


def ics_href(builder: Builder, docname: str, event_id: str) -> str:
    """The link from ``docname`` to an event's own ``.ics``."""
    target = builder.get_target_uri(docname)
    if "/" in event_id or "#" in event_id:
        return relative_uri(target, f"{ICS_DIR}/{event_id}.ics")
    return _ics_folder(target) + f"{event_id}.ics"


@functools.lru_cache(maxsize=64)
def _ics_folder(target: str) -> str:
    """The link from a page to the folder of the events' ``.ics`` files, ending in "/": what
    Sphinx's ``relative_uri`` gives before the file name, worked out once per page."""
    return relative_uri(target, f"{ICS_DIR}/.ics").removesuffix(".ics")


def url_for(app: Sphinx) -> Callable[[Event], str | None]:
    """The absolute URL of each event, as calendars and JSON-LD give it."""
    return lambda event: links.absolute_url(event, app.env, app.builder)


def uid_domain(baseurl: str | None) -> str | None:
    """What ends the UID of every event: the host of ``html_baseurl`` (None without one:
    ``sphinx-iassist``, :data:`~sphinx_iassist.publish.ical.DEFAULT_DOMAIN`). Two sites that both have an event ``workshop-2025`` then give it
    different UIDs, and a reader subscribed to both calendars sees both events."""
    return urlsplit(str(baseurl or "")).hostname or None


def plan_calendars(app: Sphinx) -> CalendarJob | None:
    """The calendars this build must write, or None when the files are already right.

    They are written again only when what they are made of changed (the data files, the
    day, the site's address, the set of pages), so a rebuild with nothing changed writes
    nothing.
    """
    if not writes_calendars(app.builder):
        return None
    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    title = str(app.config.project or "") or None
    key = repr(
        (
            __version__,
            domain.data.get("fingerprint"),
            domain.today.isoformat(),
            app.builder.name,
            str(outdir),
            app.config.html_baseurl,
            title,
            sorted(app.env.found_docs),
            domain.data.get("schedule_key"),
        )
    )
    stamp_file = Path(app.doctreedir) / f"iassist-calendars-{app.builder.name}.stamp"
    digest = hashlib.sha256(key.encode()).hexdigest()
    if (outdir / CALENDAR).is_file() and _read_text(stamp_file) == digest:
        return None
    events = tuple(domain.catalog.events)
    # like the data's own problems, reported when what is made of the data is made again
    feeds, clashes = subscriptions.feeds(events)
    _warn_clashes(clashes)
    url = url_for(app)
    from sphinx_iassist.publish.calendar_files import CalendarJob

    return CalendarJob(
        outdir=outdir,
        events=events,
        urls={event.id: url(event) for event in events},
        title=title,
        feeds=tuple(feeds),
        uid_domain=uid_domain(app.config.html_baseurl),
        # reproducible: DTSTAMP is the build's "today", never the clock
        dtstamp=datetime.combine(domain.today, time(), UTC),
        stamp_file=stamp_file,
        digest=digest,
        programmes=_programmes(app, events),
    )


def _programmes(app: Sphinx, events: tuple[Event, ...]) -> tuple[Schedule, ...]:
    """The schedules whose programme calendar has a file name of its own: one that would
    overwrite the calendar of an event named ``<event id>-programme`` is left out, warned."""
    by_id = {event.id: event for event in events}
    kept = []
    for event_id, schedule in sorted(schedules(app.env).items()):
        stem = f"{event_id}{subscriptions.PROGRAMME_SUFFIX}"
        if other := by_id.get(stem):
            warn(
                Subtype.SCHEDULE,
                f"the programme calendar of {event_id!r} would be {ICS_DIR}/{stem}.ics, the "
                f"calendar of event {stem!r}; it is not written. Rename that event",
                location=file_location(other.source, other.line),
            )
            continue
        kept.append(schedule)
    return tuple(kept)


def _warn_clashes(clashes: list[subscriptions.Clash]) -> None:
    for clash in clashes:
        what = "series" if clash.kind == "series" else "tag"
        warn(
            Subtype.DATA,
            f"{what} {clash.other!r} has the calendar file of {what} {clash.first!r} "
            f"({clash.path}); it holds the events of both. Rename one to give each its own",
            location=file_location(clash.source, clash.line),
        )


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


_pending: WeakKeyDictionary[Sphinx, CalendarWriter | CalendarJob] = WeakKeyDictionary()


def uris_known_before_reading(builder: Builder) -> bool:
    """Whether the builder's page URIs depend on the document name alone.

    True for ``html`` and ``dirhtml``. ``singlehtml`` links ``#document-<name>`` only for
    documents already read, and another builder may do anything, so their calendars are
    planned once the documents are read.
    """
    from sphinx.builders.dirhtml import DirectoryHTMLBuilder
    from sphinx.builders.html import StandaloneHTMLBuilder

    known = (StandaloneHTMLBuilder.get_target_uri, DirectoryHTMLBuilder.get_target_uri)
    return type(builder).get_target_uri in known


def start_calendars(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: start writing the calendars while Sphinx reads and writes.

    For ``html`` and ``dirhtml`` everything they are made of is known by then: the data
    (loaded just before), the documents of the project and the site's address.
    """
    _discard(app)
    if uris_known_before_reading(app.builder):
        _start(app)


def start_calendars_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the same, for builders whose URIs need the documents read."""
    if not uris_known_before_reading(app.builder):
        _start(app)
    return []


def _start(app: Sphinx) -> None:
    job = plan_calendars(app)
    if job is None:
        return
    from sphinx_iassist.publish import calendar_files

    writer = calendar_files.start(job) if app.config.iassist_ics_background else None
    _pending[app] = writer or job  # a job alone runs at build-finished


def _discard(app: Sphinx) -> None:
    """Forget what an earlier build of ``app`` left (it never reached build-finished)."""
    pending = _pending.pop(app, None)
    if pending is None:
        return
    from sphinx_iassist.publish.calendar_files import CalendarWriter

    if isinstance(pending, CalendarWriter):
        pending.cancel()


def finish_calendars(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: wait for the calendars (or write them here); warn if they failed."""
    pending = _pending.pop(app, None)
    if pending is None:
        return
    from sphinx_iassist.publish import calendar_files
    from sphinx_iassist.publish.calendar_files import CalendarWriter

    if exception is not None:
        if isinstance(pending, CalendarWriter):
            pending.cancel()
        return
    if isinstance(pending, CalendarWriter):
        problem = pending.result()
    else:
        problem = calendar_files.run_job(pending)
    if problem:
        warn(Subtype.OUTPUT, f"could not write the calendar files in {Path(app.outdir)}: {problem}")


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: one ``application/ld+json`` script with the page's events (those
    it shows, and the event whose ``page`` it is)."""
    if not app.config.iassist_jsonld or doctree is None:
        return
    from sphinx_iassist.publish.jsonld import page_script, session_object
    from sphinx_iassist.publish.metadata import extras_for, page_events

    domain = get_domain(app.env)
    events = page_events(app, pagename)
    sessions = shown_sessions(app.env, pagename)
    for event_id in sessions:
        event = domain.event(event_id)
        if event is not None and event not in events:
            events.append(event)
    sub_events = {
        event_id: [session_object(s, url=None) for s in found]
        for event_id, found in sessions.items()
    }
    script = (
        page_script(
            events,
            url_for=url_for(app),
            extras_for=extras_for(app),
            sub_events=sub_events,
            next_of=lambda event: next_shown(event, domain.today, domain.zone),
        )
        if events
        else None
    )
    if script:
        app.add_js_file(None, body=script, type="application/ld+json")
