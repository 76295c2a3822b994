"""Writing ``events.ics``, ``_ics/<id>.ics`` and the series and tag calendars
(``_ics/series/<slug>.ics``, ``_ics/tags/<slug>.ics``), beside the page writing where possible.

A :class:`CalendarJob` holds everything the calendars are made of (plain data, no Sphinx
objects): the events, the URL of each and the site's name. For the ``html`` and ``dirhtml``
builders all of it is known before any page is read, so the job can run in a forked process
while Sphinx reads and writes the pages (forked the way Sphinx's own ``-j`` builds fork).
Building 2,000 calendars takes a CPU-bound 0.3 s and creating their files is slow on some
disks; with a CPU to spare, neither adds to the build's wall time. Where forking is not
available, not safe, not useful (one CPU) or turned off (``iassist_ics_background``), the
job runs in the build process when the build has finished.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_iassist.publish.subscriptions import ALL as CALENDAR
from sphinx_iassist.publish.subscriptions import FOLDERS, ICS_DIR

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime
    from multiprocessing.connection import Connection

    from sphinx_iassist.model import Event
    from sphinx_iassist.publish.ical import CalendarSet
    from sphinx_iassist.publish.subscriptions import Feed
    from sphinx_iassist.schedule import Schedule

__all__ = ["CALENDAR", "ICS_DIR", "CalendarJob", "CalendarWriter", "run_job", "start"]


@dataclass(frozen=True)
class CalendarJob:
    """The calendars of one build and where they go."""

    outdir: Path
    events: tuple[Event, ...]
    urls: Mapping[str, str | None]  # event id -> the URL written for it
    title: str | None
    dtstamp: datetime
    stamp_file: Path  # written last, with ``digest``: the inputs these files were made of
    digest: str
    feeds: tuple[Feed, ...] = ()  # the series and tag calendars
    uid_domain: str | None = None  # what ends every UID: the site's host (None: ical's default)
    programmes: tuple[Schedule, ...] = ()  # each: _ics/<event id>-programme.ics

    def run(self) -> None:
        """Write ``events.ics``, one file per event, the series and tag calendars, remove
        stale ones, then the stamp.

        The old stamp goes first, so files left half-written by an interruption are never
        taken for finished ones; ``events.ics``, the file calendars subscribe to, is
        replaced in one step, so a server never hands out half of it.
        """
        # icalendar: only when writing
        from sphinx_iassist.publish.ical import DEFAULT_DOMAIN, CalendarSet

        self.stamp_file.unlink(missing_ok=True)
        made = CalendarSet(
            self.events,
            dtstamp=self.dtstamp,
            url_for=lambda e: self.urls.get(e.id),
            domain=self.uid_domain or DEFAULT_DOMAIN,
        )
        partial = self.outdir / f".{CALENDAR}.partial"
        partial.write_bytes(made.calendar(self.title))
        partial.replace(self.outdir / CALENDAR)
        folder = self.outdir / ICS_DIR
        existed = _make_folder(folder)
        with _Folder(folder) as files:
            for event in made.events:
                files.write(f"{event.id}.ics", made.single(event))
        kept = {event.id for event in made.events} | self._write_programmes(folder)
        if existed:  # events (and programmes) no longer in the data
            _remove_stale(folder, {f"{stem}.ics" for stem in kept})
        self._write_feeds(made)
        self.stamp_file.write_text(self.digest, encoding="utf-8")

    def _write_feeds(self, made: CalendarSet) -> None:
        """The series and tag calendars, each replaced in one step (readers subscribe to
        them); those of series and tags no longer in the data are removed."""
        written: dict[Path, set[str]] = {}  # folder -> the names written in it
        created: set[Path] = set()  # folders new in this build: nothing stale in them
        for feed in self.feeds:
            target = self.outdir / feed.path
            if target.parent not in written:
                written[target.parent] = set()
                if not _make_folder(target.parent):
                    created.add(target.parent)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(made.calendar(self.title, feed.event_ids, feed.name))
            partial.replace(target)
            written[target.parent].add(target.name)
        for kind in FOLDERS.values():
            folder = self.outdir / ICS_DIR / kind
            if folder not in created and folder.is_dir():
                _remove_stale(folder, written.get(folder, set()))

    def _write_programmes(self, folder: Path) -> set[str]:
        """Write ``_ics/<event id>-programme.ics`` for each programme; their file stems."""
        from sphinx_iassist.publish.ical import DEFAULT_DOMAIN
        from sphinx_iassist.publish.programme_ical import PROGRAMME_SUFFIX, build_programme_calendar

        stems = set()
        for schedule in self.programmes:
            stem = f"{schedule.event_id}{PROGRAMME_SUFFIX}"
            data = build_programme_calendar(
                schedule,
                dtstamp=self.dtstamp,
                url_for=lambda s: s.url,
                name=schedule.title,
                domain=self.uid_domain or DEFAULT_DOMAIN,
            )
            (folder / f"{stem}.ics").write_bytes(data)
            stems.add(stem)
        return stems


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` (and its parents); whether it was there already (then it may hold
    files of an earlier build)."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return True
    return False


def _remove_stale(folder: Path, kept: set[str]) -> None:
    """Remove the ``.ics`` files in ``folder`` that are not ``kept``."""
    with os.scandir(folder) as entries:
        stale = [e.name for e in entries if e.name.endswith(".ics") and e.name not in kept]
    for name in stale:
        (folder / name).unlink()


#: how :meth:`pathlib.Path.write_bytes` opens a file ("wb"), without Python's file object
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


class _Folder:
    """Files written into one folder with a system call each to open, write and close: the
    event files are thousands, and ``write_bytes`` builds a file object around each (and
    looks the folder up again for each name, where the system can open relative to it)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._fd: int | None = None

    def __enter__(self) -> _Folder:
        if os.open in os.supports_dir_fd:
            self._fd = os.open(self._folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)

    def write(self, name: str, data: bytes) -> None:
        """Write ``data`` to the file ``name`` (created, or emptied first)."""
        try:
            if self._fd is None:
                fd = os.open(self._folder / name, _WRITE_FLAGS, 0o666)
            else:
                fd = os.open(name, _WRITE_FLAGS, 0o666, dir_fd=self._fd)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        except OSError as err:
            err.filename = str(self._folder / name)  # the whole path, for the warning
            raise


def run_job(job: CalendarJob) -> str | None:
    """Run ``job``; None when it worked, else why not (for a warning, never a traceback)."""
    try:
        job.run()
    except OSError as err:
        return f"{err.strerror or err} ({err.filename})" if err.filename else str(err)
    except Exception as err:  # a defect of ours: still a located warning, not a crash
        return f"{type(err).__name__}: {err}"
    return None


class CalendarWriter:
    """A job running in a forked process; :meth:`result` waits for it."""

    def __init__(self, job: CalendarJob) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_child, args=(job, send), name="sphinx-iassist calendars", daemon=True
        )
        # The child's garbage collector must not walk (and so copy) the whole build's
        # objects, which it never uses: they are frozen out of its reach.
        gc.freeze()
        try:
            self._process.start()
        finally:
            gc.unfreeze()
            send.close()  # the child holds the sending end; EOF here if it dies

    def result(self) -> str | None:
        """Wait for the job; None when it worked, else why not."""
        try:
            outcome: str | None = self._receive.recv()
        except EOFError:
            outcome = "the process writing them stopped unexpectedly"
        except BaseException:  # Ctrl-C while waiting: the child ignores it, so stop it
            self._process.terminate()
            raise
        finally:
            self._receive.close()
            self._process.join()
        return outcome

    def cancel(self) -> None:
        """Stop the job (the build failed); its files may be partly written."""
        self._process.terminate()
        self._process.join()
        self._receive.close()


def _child(job: CalendarJob, send: Connection) -> None:
    # Ctrl-C is for the build: it stops the build process, whose exit stops this one
    # (a daemon), without a second traceback from here
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    send.send(run_job(job))
    send.close()


def available_cpus() -> int:
    """The CPUs this process may run on (Linux)."""
    return len(os.sched_getaffinity(0))


def can_fork() -> bool:
    """Fork on Linux, with a CPU to spare, from a single-threaded process.

    With one CPU a second process gains nothing. A thread holding a lock while the process
    forks would leave that lock held forever in the child, so a process that runs any
    other thread writes in place. On macOS, a process that has used the system's
    frameworks (as proxy look-ups do) may crash in a forked child, so forking is left to
    builds that ask for it there (Sphinx's ``-j``); Windows cannot fork.
    """
    return sys.platform == "linux" and available_cpus() > 1 and threading.active_count() == 1


def start(job: CalendarJob) -> CalendarWriter | None:
    """Run ``job`` beside the build when possible (else None: the caller runs it)."""
    if not can_fork():
        return None
    try:
        return CalendarWriter(job)
    except OSError:  # no process to be had (limits, memory): write in place
        return None
