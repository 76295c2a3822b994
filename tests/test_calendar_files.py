"""Calendar files written beside the build (a forked writer) or in the build process."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, iassist_warnings, warnings
from sphinx.errors import ExtensionError
from sphinx.util.parallel import parallel_available

from sphinx_iassist.publish import calendar_files, outputs
from sphinx_iassist.publish.calendar_files import CalendarJob, CalendarWriter, can_fork

Builder = Callable[..., Any]  # the build_site fixture
Copier = Callable[..., Path]  # the site_copy fixture

forking = pytest.mark.skipif(
    not (parallel_available and sys.platform == "linux"), reason="the writer forks on Linux only"
)


def _calendar_files(outdir: Path) -> dict[str, bytes]:
    files = {"events.ics": (outdir / "events.ics").read_bytes()}
    folder = outdir / "_ics"
    files.update({p.relative_to(outdir).as_posix(): p.read_bytes() for p in folder.rglob("*.ics")})
    return files


@pytest.fixture
def may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second CPU, as far as ``can_fork`` can tell; the process must be single-threaded.

    The browser suite's Playwright thread rightly stops the extension from forking; the
    suite runs last (see conftest.py), so here no other thread should be running.
    """
    if threading.active_count() != 1:
        pytest.skip(f"other threads are running: {threading.enumerate()}")
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 2)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each call of ``calendar_files.start`` returned (a writer, or None: in place)."""
    calls: list[Any] = []
    original = calendar_files.start

    def start(job: CalendarJob) -> CalendarWriter | None:
        calls.append(original(job))
        return calls[-1]

    monkeypatch.setattr(calendar_files, "start", start)
    return calls


def _in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_files, "can_fork", lambda: False)


# -- the same files, whoever writes them --------------------------------------------------


@forking
@pytest.mark.usefixtures("may_fork")
def test_forked_and_in_place_writing_give_the_same_files(
    build_site: Builder, site_copy: Copier, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    forked = build_site(site_copy("options", "forked"))
    assert [type(s) for s in started] == [CalendarWriter]
    _in_place(monkeypatch)
    in_place = build_site(site_copy("options", "in-place"))
    assert started[1] is None
    assert warnings(forked) == warnings(in_place) == []
    ours, theirs = _calendar_files(Path(forked.outdir)), _calendar_files(Path(in_place.outdir))
    assert len(ours) > 5 and ours == theirs


@forking
@pytest.mark.usefixtures("may_fork")
def test_forked_writer_beside_a_parallel_build(
    build_site: Builder, site_copy: Copier, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    parallel = build_site(site_copy("options", "j2"), parallel=2)
    assert [type(s) for s in started] == [CalendarWriter]
    _in_place(monkeypatch)
    serial = build_site(site_copy("options", "j1"))
    assert warnings(parallel) == []
    assert _calendar_files(Path(parallel.outdir)) == _calendar_files(Path(serial.outdir))
    assert started[0]._process.exitcode == 0


@pytest.mark.sphinx("html", testroot="options", confoverrides={"iassist_ics_background": False})
def test_switched_off_the_files_are_written_in_place(started: list[Any], built: Any) -> None:
    # ``started`` first: it watches the build that ``built`` runs
    assert started == []  # never asked for a writer (with it on: one, see the tests above)
    assert warnings(built) == []
    assert len(_calendar_files(Path(built.outdir))) > 5


def test_a_rebuild_with_nothing_changed_starts_no_writer(
    build_site: Builder, site_copy: Copier, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = site_copy("options")
    build_site(srcdir)
    calls: list[CalendarJob] = []
    monkeypatch.setattr(calendar_files, "start", lambda job: calls.append(job))
    build_site(srcdir)
    assert calls == []


# -- event URLs: each builder's, on the first build as on later ones ----------------------


@pytest.mark.parametrize(
    ("builder", "expected"),
    [
        ("html", "https://e.org/docs/detail.html"),
        ("dirhtml", "https://e.org/docs/detail/"),
        ("singlehtml", "https://e.org/docs/#document-detail"),
    ],
)
def test_event_urls_are_right_from_the_first_build(
    build_site: Builder, site_copy: Copier, builder: str, expected: str
) -> None:
    srcdir = site_copy("options")
    overrides = {"html_baseurl": "https://e.org/docs/"}
    app = build_site(srcdir, builder, confoverrides=overrides)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    first = (outdir / "_ics" / "conf-2021.ics").read_bytes()
    assert f"URL:{expected}".encode() in first

    data = srcdir / "events.yaml"  # a rewrite after a data edit gives the same URL
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_site(srcdir, builder, confoverrides=overrides)
    assert (outdir / "_ics" / "conf-2021.ics").read_bytes() == first


@pytest.mark.sphinx(
    "singlehtml", testroot="options", confoverrides={"html_baseurl": "https://e.org/docs/"}
)
def test_jsonld_and_calendar_give_an_event_the_same_url(built: Any) -> None:
    outdir = Path(built.outdir)
    vevent = icalendar.Calendar.from_ical((outdir / "_ics" / "conf-2021.ics").read_bytes())
    ics_url = str(next(iter(vevent.walk("VEVENT")))["URL"])
    scripts = html(built, "index").select('script[type="application/ld+json"]')
    urls = {str(item.get("url")) for s in scripts for item in json.loads(s.string)["@graph"]}
    assert ics_url == "https://e.org/docs/#document-detail"
    assert ics_url in urls


# -- failures: a warning, never a traceback, and nothing half-done taken for done --------


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in-place"])
def test_unwritable_calendar_folder_is_a_warning_then_heals(
    build_site: Builder,
    site_copy: Copier,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    started: list[Any],
    fork: bool,
) -> None:
    if fork:
        if not (parallel_available and sys.platform == "linux"):
            pytest.skip("the writer forks on Linux only")
        request.getfixturevalue("may_fork")
    else:
        _in_place(monkeypatch)
    srcdir = site_copy("options")
    blocker = srcdir / "_build" / "html" / "_ics"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder")

    app = build_site(srcdir)
    assert [type(s) for s in started] == [CalendarWriter if fork else type(None)]
    found = iassist_warnings(app)
    assert len(found) == 1, found
    assert "could not write the calendar files" in found[0] and "[iassist.output]" in found[0]
    assert "_ics" in found[0]  # names the path that failed
    assert not any("Traceback" in w for w in warnings(app))
    assert (Path(app.outdir) / "index.html").is_file()  # the pages are still written

    blocker.unlink()  # the stamp was not written, so the next build writes the calendars
    app = build_site(srcdir)
    assert iassist_warnings(app) == []
    assert len(list((Path(app.outdir) / "_ics").glob("*.ics"))) > 5


def test_an_interrupted_job_leaves_no_stamp_and_no_partial_calendar(tmp_path: Path) -> None:
    from sphinx_iassist.readers.catalog import load_catalog

    events = load_catalog([Path(__file__).parent / "roots" / "test-options" / "events.yaml"])
    stamp = tmp_path / "calendars.stamp"
    stamp.write_text("the digest of an earlier build")
    (tmp_path / "_ics").write_text("not a folder")  # fails after events.ics is written
    job = CalendarJob(
        outdir=tmp_path,
        events=tuple(events.events),
        urls={},
        title=None,
        dtstamp=datetime(2021, 6, 15, tzinfo=UTC),
        stamp_file=stamp,
        digest="new",
    )
    problem = calendar_files.run_job(job)
    assert problem and "_ics" in problem
    assert not stamp.exists()  # the next build writes everything again
    assert (tmp_path / "events.ics").read_bytes().endswith(b"END:VCALENDAR\r\n")
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_a_job_writes_every_file_and_removes_only_stale_calendars(tmp_path: Path) -> None:
    from sphinx_iassist.publish.ical import CalendarSet
    from sphinx_iassist.publish.subscriptions import feeds
    from sphinx_iassist.readers.catalog import load_catalog

    events = tuple(
        load_catalog([Path(__file__).parent / "roots" / "test-options" / "events.yaml"]).events
    )

    def job(chosen: tuple[Any, ...]) -> CalendarJob:
        return CalendarJob(
            outdir=tmp_path,
            events=chosen,
            urls={},
            title="Site",
            dtstamp=datetime(2021, 6, 15, tzinfo=UTC),
            stamp_file=tmp_path / "calendars.stamp",
            digest="d",
            feeds=feeds(chosen)[0],
        )

    assert calendar_files.run_job(job(events)) is None  # into a new folder
    made = CalendarSet(events, dtstamp=datetime(2021, 6, 15, tzinfo=UTC), url_for=lambda e: None)
    written = _calendar_files(tmp_path)
    assert {name: data for name, data in written.items() if name.count("/") == 1} == {
        f"_ics/{e.id}.ics": made.single(e) for e in events
    }
    assert any(name.startswith("_ics/series/") for name in written)
    assert any(name.startswith("_ics/tags/") for name in written)

    kept = events[:1]
    (tmp_path / "_ics" / "notes.txt").write_text("not a calendar")
    assert calendar_files.run_job(job(kept)) is None  # over the first build's files
    rewritten = _calendar_files(tmp_path)
    expected = {f"_ics/{kept[0].id}.ics", *(f.path for f in feeds(kept)[0])}
    assert set(rewritten) == {"events.ics", *expected}
    assert (tmp_path / "_ics" / "notes.txt").is_file()


@forking
@pytest.mark.usefixtures("may_fork")
def test_a_failed_build_stops_the_writer_and_records_nothing(
    build_site: Builder, site_copy: Copier, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    run_job = CalendarJob.run

    def slow_run(job: CalendarJob) -> None:  # still running when the build fails
        time.sleep(30)
        run_job(job)

    monkeypatch.setattr(CalendarJob, "run", slow_run)
    srcdir = site_copy("options")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n\ndef setup(app):\n"
            "    def fail(app, pagename, *args):\n"
            "        raise RuntimeError('a theme failed')\n"
            "    app.connect('html-page-context', fail)\n"
        )
    begun = time.perf_counter()
    with pytest.raises(ExtensionError, match="a theme failed"):
        build_site(srcdir)
    assert time.perf_counter() - begun < 20  # did not wait for the writer
    assert [type(s) for s in started] == [CalendarWriter]
    assert started[0]._process.exitcode is not None and started[0]._process.exitcode < 0
    assert list((srcdir / "_build" / "doctrees").glob("iassist-calendars-*")) == []


@forking
@pytest.mark.usefixtures("may_fork")
@pytest.mark.sphinx("html", testroot="options")
def test_a_writer_left_by_an_unfinished_build_is_stopped_by_the_next(app: Any) -> None:
    # as if the last build of this app had stopped before build-finished
    leftover = CalendarWriter(_Job("sleep"))  # type: ignore[arg-type]
    outputs._pending[app] = leftover
    app.build()
    assert leftover._process.exitcode is not None and leftover._process.exitcode < 0
    assert warnings(app) == []
    assert app not in outputs._pending
    assert len(_calendar_files(Path(app.outdir))) > 5


# -- when to fork ---------------------------------------------------------------------------


@forking
@pytest.mark.usefixtures("may_fork")
def test_no_fork_with_one_cpu_or_while_other_threads_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert can_fork()
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 1)
    assert not can_fork()
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 2)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()
    assert can_fork()


def test_no_fork_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 2)
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(calendar_files.sys, "platform", platform)
        assert not can_fork()


# -- the writer process -----------------------------------------------------------------------


class _Job:
    """Stands in for a CalendarJob: only ``run`` is used."""

    def __init__(self, action: str, report: Path | None = None) -> None:
        self.action = action
        self.report = report

    def run(self) -> None:
        if self.action == "sleep":
            time.sleep(60)
        elif self.action == "oserror":
            raise PermissionError(13, "Permission denied", "/site/_ics/x.ics")
        elif self.action == "bug":
            raise KeyError("x")
        elif self.action == "die":
            os._exit(3)
        elif self.action == "report" and self.report:
            sigint = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            self.report.write_text(json.dumps({"ignores_ctrl_c": sigint}))


@forking
@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("ok", None),
        ("oserror", "Permission denied (/site/_ics/x.ics)"),
        ("bug", "KeyError: 'x'"),
        ("die", "the process writing them stopped unexpectedly"),
    ],
)
def test_writer_reports_how_its_job_ended(action: str, expected: str | None) -> None:
    writer = CalendarWriter(_Job(action))  # type: ignore[arg-type]
    assert writer.result() == expected


@forking
def test_cancel_stops_a_running_writer() -> None:
    writer = CalendarWriter(_Job("sleep"))  # type: ignore[arg-type]
    begun = time.perf_counter()
    writer.cancel()
    assert time.perf_counter() - begun < 10
    assert writer._process.exitcode is not None and writer._process.exitcode < 0


@forking
def test_ctrl_c_is_left_to_the_build_process(tmp_path: Path) -> None:
    # the build process stops on Ctrl-C and its exit stops the (daemon) writer: the writer
    # itself must not print a second KeyboardInterrupt traceback
    report = tmp_path / "report.json"
    writer = CalendarWriter(_Job("report", report))  # type: ignore[arg-type]
    assert writer.result() is None
    assert json.loads(report.read_text()) == {"ignores_ctrl_c": True}
    assert writer._process.daemon
