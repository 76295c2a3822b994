"""The programme in a build: ``event-schedule`` (list and grid), ``speaker-list`` and the
``session`` role, in HTML (the SPEC's contract) and every other builder; located warnings;
incremental and parallel builds. Root: ``tests/roots/test-programme``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings, make_pdf, text

ROOT = Path(__file__).parent / "roots" / "test-programme"
SOURCE = {
    talk["slug"]: talk
    for day in json.loads((ROOT / "programme.json").read_text(encoding="utf-8"))["schedule"][
        "conference"
    ]["days"]
    for talks in day["rooms"].values()
    for talk in talks
    if talk["slug"] not in ("keynote-again",)
}
KEPT = ["keynote", "workshop", "overlap", "attic", "late-night", "closing", "after"]
SHARED = pytest.mark.test_params(shared_result="programme-html")
HTML = pytest.mark.sphinx("html", testroot="programme")


def line_of(guid: str) -> int:
    lines = (ROOT / "programme.json").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"guid": "{guid}"' in line)


@HTML
@SHARED
def test_list_layout_contract(built: Any) -> None:
    page = html(built)
    schedule = page.select(".iassist-schedule.iassist-layout-list")[0]
    days = schedule.select(".iassist-schedule-day")
    assert [d["data-iassist-day"] for d in days] == ["2024-06-10", "2024-06-11", "2024-06-14"]
    assert "June 10, 2024" in text(days[0].select_one(".iassist-schedule-day-title"))
    ids = [s["data-session-id"] for s in schedule.select(".iassist-session")]
    assert sorted(ids) == sorted(KEPT) and len(set(ids)) == len(ids)
    # parallel sessions side by side: one slot holds both 09:00 sessions
    first_slot = schedule.select(".iassist-schedule-slot")[0]
    assert [s["data-session-id"] for s in first_slot.select(".iassist-session")] == [
        "keynote",
        "workshop",
    ]
    # the late-night session stays on its conference day
    assert days[0].select_one('[data-session-id="late-night"]') is not None


@HTML
@SHARED
def test_times_are_the_source_instants(built: Any) -> None:
    for session in html(built).select(".iassist-layout-list .iassist-session"):
        talk = SOURCE[session["data-session-id"]]
        start, end = (datetime.fromisoformat(t["datetime"]) for t in session.select("time"))
        assert start == datetime.fromisoformat(talk["date"])
        hours, minutes = map(int, talk["duration"].split(":"))
        assert (end - start).total_seconds() == hours * 3600 + minutes * 60
        timed = session.select_one("[data-iassist-start]")
        assert datetime.fromisoformat(timed["data-iassist-start"].replace("Z", "+00:00")) == start
        assert timed["data-iassist-end"].endswith("Z")
        assert timed["data-iassist-zone"] == "Europe/Stockholm"
        assert timed["data-iassist-label-local-time"] == "your time"


@HTML
@SHARED
def test_session_details_escaped_and_plain(built: Any) -> None:
    keynote = html(built).select_one('.iassist-layout-list [data-session-id="keynote"]')
    assert text(keynote.select_one(".iassist-session-title")) == "Opening <keynote> & welcome"
    assert keynote.select_one(".iassist-session-title a")["href"] == SOURCE["keynote"]["url"]
    assert text(keynote.select_one(".iassist-room")) == "Aula"
    assert text(keynote.select_one(".iassist-track")) == "Plenary"
    assert [text(s) for s in keynote.select(".iassist-speaker")] == ["Anna Ångström"]
    details = keynote.select_one("details.iassist-abstract")
    assert [text(p) for p in details.select("p")] == [
        "First paragraph with *stars*.",
        "Second <b>paragraph</b>.",
    ]
    assert details.select_one("b") is None
    assert [a["href"] for a in details.select("a")] == ["https://example.org/slides"]
    workshop = html(built).select_one('.iassist-layout-list [data-session-id="workshop"]')
    assert [text(s) for s in workshop.select(".iassist-speaker")] == [
        "Anna Ångström",
        "carl Carlsson",
    ]


@HTML
@SHARED
def test_grid_is_a_real_table(built: Any) -> None:
    grid = html(built).select_one(".iassist-schedule.iassist-layout-grid")
    days = grid.select(".iassist-schedule-day")
    assert [d["data-iassist-day"] for d in days] == ["2024-06-10"]  # :day:
    wrapper = grid.select_one(".iassist-schedule-grid-wrapper")
    assert wrapper["tabindex"] == "0" and wrapper["role"] == "region" and wrapper["aria-label"]
    table = wrapper.select_one("table")
    columns = [text(th) for th in table.select("thead th[scope=col]")]
    assert columns == ["Time", "Aula", "Studio", "Attic"]
    rows = table.select("tbody tr")
    assert all(row.select_one("th[scope=row] time") for row in rows)
    # rows: 09:00 09:30 10:00 10:30 13:00 13:45 00:30 (01:30 ends the last)
    assert len(rows) == 7
    workshop = table.select_one('[data-session-id="workshop"]').find_parent("td")
    assert workshop["rowspan"] == "3"
    keynote_cell = table.select_one('[data-session-id="keynote"]').find_parent("td")
    # the overlapping session shares its room's cell (both kept)
    assert [a["data-session-id"] for a in keynote_cell.select(".iassist-session")] == [
        "keynote",
        "overlap",
    ]
    # every row has one cell per column, counting the cells that span into it
    spans = [0] * len(columns)
    for row in rows:
        cells = row.find_all(["th", "td"], recursive=False)
        assert len(cells) + sum(1 for s in spans if s > 0) == len(columns)
        spans = [max(s - 1, 0) for s in spans]
        free = [i for i, s in enumerate(spans) if s == 0]
        for index, cell in zip(free, cells, strict=False):
            spans[index] = int(cell.get("rowspan", 1)) - 1 if cell.name == "td" else 0


@HTML
@SHARED
def test_speaker_list_and_session_role(built: Any) -> None:
    page = html(built)
    speakers = page.select(".iassist-speaker-list > .iassist-speaker")
    names = [text(s.select_one(".iassist-speaker-name")) for s in speakers]
    assert names == ["Anna Ångström", "Bo Berg", "carl Carlsson", "Zoë Zeta"]
    anna = [a["href"] for a in speakers[0].select("a")]
    assert anna == ["#session-summit-keynote", "#session-summit-workshop"]
    assert page.select_one("#session-summit-keynote")["data-session-id"] == "keynote"
    assert len(page.select("#session-summit-keynote")) == 1  # shown twice, a target once
    refs = page.select("a .iassist-session-ref")
    roles = [(text(r), r.find_parent("a")["href"]) for r in refs if not r.find_parent("li")]
    assert roles == [
        ("Opening <keynote> & welcome", "#session-summit-keynote"),
        ("Hands-on workshop", "#session-summit-workshop"),
    ]
    assert page.find(string=re.compile("no-such-session")) is not None  # stays, unlinked


@HTML
@SHARED
def test_filters_and_warnings(built: Any) -> None:
    filtered = html(built, "filters").select(".iassist-schedule")
    assert [s["data-session-id"] for s in filtered[0].select(".iassist-session")] == ["workshop"]
    got = iassist_warnings(built)

    def warned(where: str, pattern: str) -> bool:
        return any(where in w and re.search(pattern, w) for w in got)

    expected = [
        ("conf.py:4", r"iassist_schedules: unknown event id 'nowhere'.*\[iassist.config\]"),
        (f"programme.json:{line_of('g-badduration')}", r"g-badduration.*\[iassist.schedule\]"),
        (f"programme.json:{line_of('g-overlap')}", r"overlaps session g-keynote"),
        ("filters.md:9", r":day: '2024-07-01' is not a day of the schedule.*\[iassist.option\]"),
        ("filters.md:9", r":layout: 'table' is not one of list, grid"),
        ("filters.md:15", r"event 'other' has no schedule.*\[iassist.ref\]"),
        ("index.md:", r"session: unknown session id 'no-such-session'.*\[iassist.ref\]"),
    ]
    for where, pattern in expected:
        assert warned(where, pattern), (where, pattern, got)
    assert not any("Traceback" in w for w in got)


@pytest.mark.parametrize(
    ("builder", "page"),
    [
        ("text", "index.txt"),
        ("latex", "programme.tex"),
        ("man", "programme.1"),
        ("texinfo", "programme.texi"),
        ("xml", "index.xml"),
        ("singlehtml", "index.html"),
        ("dirhtml", "index.html"),
        ("epub", "index.xhtml"),
    ],
)
def test_every_builder(make_app: Callable[..., Any], builder: str, page: str) -> None:
    app = make_app(builder, srcdir=ROOT)
    app.build()
    output = (Path(app.outdir) / page).read_text(encoding="utf-8")
    assert "on workshop" in output  # LaTeX writes Hands{-}on
    assert "Studio" in output
    assert "Anna" in output
    assert re.search(r"9:00\W*AM", output) or "09:00" in output
    assert not [w for w in iassist_warnings(app) if "Traceback" in w]
    if builder in ("text", "man", "texinfo", "latex", "xml"):
        assert "<article" not in output and "<details" not in output


def test_plain_builders_link_sessions(make_app: Callable[..., Any]) -> None:
    app = make_app("latex", srcdir=ROOT)
    app.build()
    tex = (Path(app.outdir) / "programme.tex").read_text(encoding="utf-8")
    assert r"\label{\detokenize{index:session-summit-keynote}}" in tex
    assert r"\hyperref[\detokenize{index:session-summit-keynote}]" in tex


def test_parallel_equals_serial_and_incremental(
    make_app: Callable[..., Any], site_copy: Callable[..., Path], build_site: Callable[..., Any]
) -> None:
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2)):
        srcdir = site_copy("programme", name)
        app = build_site(srcdir, parallel=parallel)
        outputs.append((Path(app.outdir) / "index.html").read_bytes())
    assert outputs[0] == outputs[1]
    # editing the schedule re-reads the pages that show it, and only those
    programme = srcdir / "programme.json"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("Closing plenary", "Closing words"),
        encoding="utf-8",
    )
    read: list[str] = []
    app = make_app("html", srcdir=srcdir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert sorted(read) == ["filters", "index"]
    assert "Closing words" in text(html(app).select_one('[data-session-id="closing"]'))


def test_a_grid_too_large_is_a_list(make_app: Callable[..., Any], tmp_path: Path) -> None:
    sessions = [
        {
            "guid": f"g{n}",
            "date": f"2024-06-10T{8 + n // 60:02d}:{n % 60:02d}:00+02:00",
            "duration": "00:01",
            "room": f"R{n}",
            "title": f"T{n}",
        }
        for n in range(400)
    ]
    data = {
        "schedule": {"conference": {"days": [{"date": "2024-06-10", "rooms": {"R": sessions}}]}}
    }
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "programme.json").write_text(json.dumps(data), encoding="utf-8")
    (srcdir / "events.yaml").write_text(
        "- id: summit\n  title: S\n  start: 2024-06-10\n", encoding="utf-8"
    )
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_iassist"]\n'
        'iassist_events = "events.yaml"\n'
        'iassist_schedules = {"summit": "programme.json"}\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        "# P\n\n```{event-schedule}\n:event: summit\n:layout: grid\n```\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    page = html(app)
    assert page.select_one("table.iassist-schedule-grid") is None
    assert len(page.select(".iassist-schedule-slot")) == 400
    assert any("shown as a list" in w and "index.md:3" in w for w in iassist_warnings(app))


DEMOCON = Path(__file__).resolve().parents[2] / "shared" / "data" / "frab" / "pretalx-democon.json"


@pytest.mark.skipif(not DEMOCON.is_file(), reason="the shared pretalx export is not present")
def test_the_shared_pretalx_export_builds(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """The shared export (read from ../shared, never copied into the repository): every
    session once, at its source instant, with all its speakers; the zone mismatch said once."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "events.yaml").write_text(
        "- id: democon\n  title: DemoCon\n  start: 2020-12-14\n  end: 2020-12-16\n",
        encoding="utf-8",
    )
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_iassist"]\n'
        'iassist_events = "events.yaml"\n'
        f"iassist_schedules = {{'democon': {str(DEMOCON)!r}}}\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        "# DemoCon\n\n```{event-schedule}\n:event: democon\n:layout: grid\n```\n\n"
        "```{speaker-list}\n:event: democon\n```\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    raw = json.loads(DEMOCON.read_text(encoding="utf-8"))["schedule"]["conference"]
    talks = {t["slug"]: t for day in raw["days"] for ts in day["rooms"].values() for t in ts}
    page = html(app)
    sessions = page.select(".iassist-schedule .iassist-session")
    assert sorted(s["data-session-id"] for s in sessions) == sorted(talks)
    for session in sessions:
        talk = talks[session["data-session-id"]]
        start = datetime.fromisoformat(session.select("time")[0]["datetime"])
        assert start == datetime.fromisoformat(talk["date"])
        assert text(session.select_one(".iassist-room")) == talk["room"]
        assert [text(s) for s in session.select(".iassist-speaker")] == [
            p["public_name"] for p in talk["persons"]
        ]
    speakers = {p["public_name"] for t in talks.values() for p in t["persons"]}
    listed = [text(s) for s in page.select(".iassist-speaker-list .iassist-speaker-name")]
    assert sorted(listed) == sorted(speakers) and len(listed) == len(set(listed))
    zone_warnings = [w for w in iassist_warnings(app) if "disagrees" in w]
    assert len(zone_warnings) == 1


def test_the_programme_typesets_with_pdflatex(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    """Babel's narrow spaces in times (``9:00\u202fAM``) reach pdflatex as TeX spacing."""
    import shutil

    make = shutil.which("make")
    if not (shutil.which("pdflatex") and shutil.which("latexmk") and make):
        pytest.skip("TeX Live is not installed (.ci/tex-deps.sh)")
    app = make_app("latex", srcdir=site_copy("programme"))
    app.build()
    outdir = Path(app.outdir)
    tex = (outdir / "programme.tex").read_text(encoding="utf-8")
    assert "\u202f" not in tex and "\u2009" not in tex
    make_pdf(make, outdir, "programme")


def test_a_new_pinning_rewrites_the_schedule_pages(
    make_app: Callable[..., Any], site_copy: Callable[..., Path], build_site: Callable[..., Any]
) -> None:
    srcdir = site_copy("programme")
    app = build_site(srcdir)
    assert html(app).select_one(".iassist-schedule").has_attr("data-iassist-pinned")
    written: list[str] = []
    app = make_app("html", srcdir=srcdir, confoverrides={"iassist_today": ""})
    app.connect("doctree-resolved", lambda app, doctree, docname: written.append(docname))
    app.build()
    assert {"index", "filters"} <= set(written)
    assert not html(app).select_one(".iassist-schedule").has_attr("data-iassist-pinned")
