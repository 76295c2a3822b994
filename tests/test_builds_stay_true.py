"""Incremental, parallel and reproducible builds (SPEC "Builds that stay true")."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import groups, html, iassist_warnings, recorded_build, writes


class Recorder:
    """Builds a source tree again and again, each time with a new app (as ``sphinx-build``
    run again), recording what each build read and wrote."""

    def __init__(self, make_app: Callable[..., Any], srcdir: Path, **kwargs: Any) -> None:
        self.make_app = make_app
        self.srcdir = srcdir
        self.kwargs = kwargs

    def build(self, **confoverrides: Any) -> tuple[set[str], set[str], Any]:
        read, written, app = recorded_build(
            self.make_app, self.srcdir, confoverrides=confoverrides, **self.kwargs
        )
        assert iassist_warnings(app) == []
        return read, written, app


@pytest.fixture
def site(make_app: Callable[..., Any], site_copy: Callable[..., Path]) -> Recorder:
    return Recorder(make_app, site_copy("incremental"))


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_first_build_reads_everything_then_nothing(site: Recorder) -> None:
    read, written, _ = site.build()
    assert (
        read == written == {"index", "plain", "listing", "upcoming", "button", "notice", "virtual"}
    )
    read, written, _ = site.build()
    assert read == set() and written == set()


def test_calendars_are_written_again_only_when_their_inputs_change(site: Recorder) -> None:
    _, _, app = site.build()
    calendar = Path(app.outdir) / "events.ics"
    first = calendar.stat().st_mtime_ns
    site.build()
    assert calendar.stat().st_mtime_ns == first  # nothing changed: not written
    data = site.srcdir / "events.yaml"
    data.write_text(data.read_text().replace("- id: africa", "- id: africa-2021"))
    touch_later(data)
    _, _, app = site.build()
    assert b"UID:africa-2021@" in calendar.read_bytes()
    ics = sorted(p.name for p in (Path(app.outdir) / "_ics").iterdir())
    assert ics == ["africa-2021.ics", "summit.ics", "virtual.ics"]  # the old file is gone


def test_a_build_with_nothing_to_do_never_loads_the_events(site: Recorder) -> None:
    _, _, app = site.build()
    cache = Path(app.doctreedir) / "iassist-catalog.pickle"
    assert cache.is_file()
    _, _, app = site.build()
    assert app.env.domains["iassist"]._catalog is None  # the cache was not even opened
    # the catalog is not in the environment pickle (it is pickled per parallel chunk)
    assert "catalog" not in app.env.domaindata["iassist"]


def test_a_lost_catalog_cache_is_rebuilt_from_the_data(site: Recorder) -> None:
    _, _, app = site.build()
    (Path(app.doctreedir) / "iassist-catalog.pickle").unlink()
    (site.srcdir / "plain.md").write_text("---\norphan: true\n---\n# Plain\n\nEdited.\n")
    touch_later(site.srcdir / "plain.md")
    (site.srcdir / "listing.md").write_text((site.srcdir / "listing.md").read_text() + "\nMore.\n")
    touch_later(site.srcdir / "listing.md")
    read, _, app = site.build()
    assert read == {"plain", "listing"}
    assert html(app, "listing").select_one('[data-event-id="summit"]') is not None


def test_editing_an_event_writes_only_the_pages_that_show_it(site: Recorder) -> None:
    site.build()
    data = site.srcdir / "events.yaml"
    data.write_text(data.read_text().replace("Africa Workshop", "Africa Data Workshop"))
    touch_later(data)
    read, written, app = site.build()
    assert read == set()  # lists are resolved when their pages are written
    assert written == writes("listing")  # not "upcoming": the workshop is over
    assert "Africa Data Workshop" in html(app, "listing").get_text()


def test_a_date_that_moves_an_event_rewrites_exactly_those_pages(site: Recorder) -> None:
    site.build()
    # 2021-05-18: the virtual conference is under way (badge), nothing changes group;
    # the notice expired on 2021-04-15
    read, written, app = site.build(iassist_today="2021-05-18")
    assert read == set()
    assert written == writes("listing", "upcoming", "notice")
    assert html(app, "listing").select_one('[data-event-id="virtual"] .iassist-ongoing') is not None
    # 2021-06-01: the virtual conference is over: Completed, and gone from "upcoming"
    read, written, app = site.build(iassist_today="2021-06-01")
    assert read == set()
    assert written == writes("listing", "upcoming")
    assert groups(html(app, "listing").select_one(".iassist-event-list")) == {
        "Forthcoming": ["summit"],
        "Completed": ["virtual", "africa"],
    }


def test_a_date_that_moves_nothing_rewrites_nothing(site: Recorder) -> None:
    site.build()
    read, written, _ = site.build(iassist_today="2021-04-02")
    assert read == set() and written == set()


def test_an_expiring_notice_rewrites_its_page(site: Recorder) -> None:
    _, _, app = site.build()
    assert html(app, "notice").select_one(".iassist-notice") is not None
    read, written, app = site.build(iassist_today="2021-04-16")
    assert read == set()
    assert written == writes("notice")
    assert html(app, "notice").select_one(".iassist-notice") is None


def test_the_last_day_is_still_forthcoming(site: Recorder) -> None:
    for today, expected in [
        ("2021-05-16", {"Forthcoming": ["virtual", "summit"], "Completed": ["africa"]}),
        ("2021-05-20", {"Forthcoming": ["virtual", "summit"], "Completed": ["africa"]}),
        ("2021-05-21", {"Forthcoming": ["summit"], "Completed": ["virtual", "africa"]}),
    ]:
        _, _, app = site.build(iassist_today=today)
        listing = html(app, "listing").select_one(".iassist-event-list")
        assert groups(listing) == expected, today
        ongoing = listing.select_one('[data-event-id="virtual"] .iassist-ongoing')
        assert (ongoing is not None) == (today == "2021-05-20"), today


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file()
        and p.suffix in {".html", ".ics", ".js", ".css"}
        and "_sources" not in p.parts
    }


def test_parallel_output_equals_serial(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2)):
        _, _, app = Recorder(make_app, site_copy("incremental", name), parallel=parallel).build()
        outputs.append(_outputs(Path(app.outdir)))
    assert outputs[0].keys() == outputs[1].keys()
    different = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert different == []


def test_two_builds_are_byte_identical(
    make_app: Callable[..., Any], site_copy: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1617235200")  # 2021-04-01
    outputs = []
    for name in ("one", "two"):
        _, _, app = Recorder(make_app, site_copy("incremental", name)).build(iassist_today=None)
        outputs.append(_outputs(Path(app.outdir)))
    assert "events.ics" in outputs[0]
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx("html", testroot="incremental")
def test_a_day_set_in_conf_py_pins_lists_and_notices(built: Any) -> None:
    listing = html(built, "listing").select_one(".iassist-event-list")
    notice = html(built, "notice").select_one(".iassist-notice")
    assert listing.has_attr("data-iassist-pinned")
    assert notice.has_attr("data-iassist-pinned")


@pytest.mark.sphinx("html", testroot="incremental", confoverrides={"iassist_today": None})
def test_a_day_from_source_date_epoch_leaves_pages_to_the_script(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1617235200")  # 2021-04-01
    app.build()
    listing = html(app, "listing").select_one(".iassist-event-list")
    notice = html(app, "notice").select_one(".iassist-notice")
    assert listing["data-iassist-today"] == "2021-04-01"
    assert not listing.has_attr("data-iassist-pinned")
    assert not notice.has_attr("data-iassist-pinned")
