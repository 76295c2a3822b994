"""Calendar files written beside the page writing (forked) or in the build process."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import build, iassist_warnings, warnings
from sphinx.util.parallel import parallel_available

from sphinx_iassist import calendar_files
from sphinx_iassist.calendar_files import CalendarWriter, can_fork

forking = pytest.mark.skipif(not parallel_available, reason="no fork() on this platform")


def _calendar_files(outdir: Path) -> dict[str, bytes]:
    files = {"events.ics": (outdir / "events.ics").read_bytes()}
    files.update({f"_ics/{p.name}": p.read_bytes() for p in (outdir / "_ics").iterdir()})
    return files


def _may_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two CPUs and no other thread, as far as ``can_fork`` can tell.

    The session may run other threads (Playwright's, in the browser suite), which rightly
    stop the extension from forking; these tests are about what happens when it does.
    """
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 2)
    monkeypatch.setattr(calendar_files, "threading", SimpleNamespace(active_count=lambda: 1))


def _spy_on_start(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    started: list[Any] = []
    original = calendar_files.start

    def start(job: Any) -> Any:
        started.append(original(job))
        return started[-1]

    monkeypatch.setattr(calendar_files, "start", start)
    return started


@forking
def test_forked_and_in_place_writing_give_the_same_files(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _may_fork(monkeypatch)
    started = _spy_on_start(monkeypatch)
    forked = build(rootdir, "options", tmp_path / "forked")
    assert [type(s) for s in started] == [CalendarWriter]

    monkeypatch.setattr(calendar_files, "can_fork", lambda: False)
    in_place = build(rootdir, "options", tmp_path / "in-place")
    assert started[1] is None  # written at build-finished, in the build process

    assert warnings(forked) == warnings(in_place) == []
    ours, theirs = _calendar_files(Path(forked.outdir)), _calendar_files(Path(in_place.outdir))
    assert len(ours) > 5 and ours == theirs


def test_a_rebuild_with_nothing_changed_starts_no_writer(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(rootdir, "options", tmp_path)
    started = _spy_on_start(monkeypatch)
    build(rootdir, "options", tmp_path)
    assert started == []


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in-place"])
def test_unwritable_calendar_folder_is_a_warning_then_heals(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    if fork and not parallel_available:
        pytest.skip("no fork() on this platform")
    if fork:
        _may_fork(monkeypatch)
    else:
        monkeypatch.setattr(calendar_files, "can_fork", lambda: False)
    shutil.copytree(rootdir / "test-options", tmp_path / "src")
    blocker = tmp_path / "src" / "_build" / "html" / "_ics"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder")

    started = _spy_on_start(monkeypatch)
    app = build(rootdir, "options", tmp_path)
    assert [type(s) for s in started] == [CalendarWriter if fork else type(None)]
    found = iassist_warnings(app)
    assert len(found) == 1, found
    assert "could not write the calendar files" in found[0] and "[iassist.output]" in found[0]
    assert "_ics" in found[0]  # names the path that failed
    assert not any("Traceback" in w for w in warnings(app))
    assert (Path(app.outdir) / "index.html").is_file()  # the pages are still written

    blocker.unlink()  # the stamp was not written, so the next build writes the calendars
    app = build(rootdir, "options", tmp_path)
    assert iassist_warnings(app) == []
    assert len(list((Path(app.outdir) / "_ics").glob("*.ics"))) > 5


@forking
def test_no_fork_with_one_cpu_or_while_other_threads_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _may_fork(monkeypatch)
    assert can_fork()
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 1)
    assert not can_fork()
    monkeypatch.setattr(calendar_files, "available_cpus", lambda: 2)
    monkeypatch.setattr(calendar_files, "threading", threading)  # the real count again
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()


class _Job:
    """Stands in for a CalendarJob: only ``run`` is used."""

    def __init__(self, action: str, started: Path | None = None) -> None:
        self.action = action
        self.started = started

    def run(self) -> None:
        if self.started:
            self.started.touch()
        if self.action == "sleep":
            time.sleep(60)
        elif self.action == "oserror":
            raise PermissionError(13, "Permission denied", "/site/_ics/x.ics")
        elif self.action == "bug":
            raise KeyError("x")
        elif self.action == "die":
            os._exit(3)


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
    started = time.perf_counter()
    writer.cancel()
    assert time.perf_counter() - started < 10
    assert writer._process.exitcode is not None and writer._process.exitcode < 0


@forking
def test_a_failed_build_stops_the_writer_and_records_nothing(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from sphinx.errors import ExtensionError

    from sphinx_iassist import outputs

    _may_fork(monkeypatch)
    started = _spy_on_start(monkeypatch)
    run = calendar_files.CalendarJob.run

    def slow_run(job: calendar_files.CalendarJob) -> None:  # still running when the build fails
        time.sleep(30)
        run(job)

    monkeypatch.setattr(calendar_files.CalendarJob, "run", slow_run)
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-options", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n\ndef setup(app):\n"
            "    def fail(app, pagename, *args):\n"
            "        raise RuntimeError('a theme failed')\n"
            "    app.connect('html-page-context', fail)\n"
        )
    begun = time.perf_counter()
    with pytest.raises(ExtensionError, match="a theme failed"):
        build(rootdir, "options", tmp_path)
    assert time.perf_counter() - begun < 20  # did not wait for the writer
    assert [type(s) for s in started] == [CalendarWriter]
    assert multiprocessing.active_children() == []
    assert len(outputs._pending) == 0
    assert list((srcdir / "_build" / "doctrees").glob("iassist-calendars-*")) == []


@forking
def test_ctrl_c_is_left_to_the_build_process(tmp_path: Path) -> None:
    import signal

    started = tmp_path / "started"
    writer = CalendarWriter(_Job("sleep", started))  # type: ignore[arg-type]
    try:
        deadline = time.monotonic() + 10
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started.exists()
        os.kill(writer._process.pid, signal.SIGINT)
        time.sleep(0.3)
        assert writer._process.is_alive()  # no KeyboardInterrupt traceback from the writer
    finally:
        writer.cancel()
