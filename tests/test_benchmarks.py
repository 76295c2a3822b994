"""The benchmark script runs end to end on a tiny size; its data and twin sites are sound.

No timing is asserted: only that every case ran, and the counts the targets rest on. The
end-to-end run takes a while: it is marked ``slow``, left out of the default run, and run
by CI on its own (``pytest -m slow``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import eventdata  # noqa: E402
import measure  # noqa: E402
import programme  # noqa: E402
import sites  # noqa: E402

from sphinx_iassist.readers.catalog import load_catalog  # noqa: E402


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "result.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "benchmark" in done.stdout and "ratio" in done.stdout
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_quick_run_writes_every_case(quick_report: dict) -> None:
    rows = {row["name"]: row for row in quick_report["results"]}
    assert set(rows) == {
        "pages",
        "pages-in-place",
        "one-page",
        "memory",
        "rebuild-nochange",
        "rebuild-data-edit",
        "parallel-extension",
        "parallel-extension-without-calendar-files",
        "parallel-plain",
        "load-yaml",
        "load-toml",
        "load-json",
        "loads-per-build",
        "validate",
        "programme",
    }
    assert rows["programme"]["details"]["warnings"] == 0
    for row in rows.values():
        assert row["measured_s"] > 0
        assert row["baseline_s"] is None or row["baseline_s"] > 0
        assert row["passed"] in (True, False, None)
        if "warnings" in row["details"]:  # a build: its CPU time and memory are there too
            assert row["baseline_cpu_s"] > 0 and row["measured_cpu_s"] > 0
            assert row["cpu_ratio"] == pytest.approx(
                row["measured_cpu_s"] / row["baseline_cpu_s"], rel=1e-3
            )
            for side in ("baseline", "measured"):
                runs = row["details"][f"{side}_runs"]
                assert len(runs["wall_s"]) == len(runs["cpu_s"]) == quick_report["runs"]
                assert all(mib > 0 for mib in runs["peak_rss_mib"])
    validate = rows["validate"]
    assert validate["baseline"] is None and validate["measured_cpu_s"] > 0
    assert validate["details"]["summary"].startswith(f"{quick_report['sizes']['validate']} events")
    assert quick_report["runs"] == 1
    assert quick_report["machine"]["cpus"] >= 1


@pytest.mark.slow
def test_quick_run_counts(quick_report: dict) -> None:
    rows = {row["name"]: row for row in quick_report["results"]}
    pages = quick_report["sizes"]["pages"]
    builds = [r for r in rows.values() if "warnings" in r["details"]]
    assert builds and all(r["details"]["warnings"] == 0 for r in builds)
    assert rows["rebuild-nochange"]["details"]["reread_plain"] == [0]
    assert rows["rebuild-nochange"]["details"]["reread_extension"] == [0]
    assert rows["rebuild-nochange"]["details"]["written_extension"] == [0]
    edit = rows["rebuild-data-edit"]["details"]
    assert edit["reread_plain"] == [1]
    # the page's list is filled in when the page is written: no page is read again
    assert edit["reread_extension"] == [0]
    # what a rebuild wrote is counted from the pages on disk: the edited page at least
    for side in ("plain", "extension"):
        assert f"{edit['shown_on'][0]}.html" in edit[f"written_pages_{side}"][0]
        assert "genindex.html" not in edit[f"written_pages_{side}"][0]
    for fmt in eventdata.FORMATS:
        details = rows[f"load-{fmt}"]["details"]
        assert details["events_loaded"] == quick_report["sizes"]["load"]
        assert details["problems"] == 0
    loads = rows["loads-per-build"]["details"]
    assert loads["load_catalog_calls"] == 1
    assert loads["directive_runs"] == pages


def test_fresh_builds_never_reuse_an_output_directory(tmp_path: Path) -> None:
    # deleting the previous output right before a build slows the build's own file
    # creation on some file systems: the harness gives each fresh build a new directory
    (tmp_path / "out").mkdir()
    with pytest.raises(measure.BuildError, match="exists"):
        measure.run_build(tmp_path, tmp_path / "out")


def test_a_rebuild_counts_the_pages_it_writes(tmp_path: Path) -> None:
    events = eventdata.make_events(eventdata.synthetic_conferences(12), 12)
    site = sites.forty_pages(tmp_path / "plain", events, extension=False, pages=3)
    out = tmp_path / "out"
    assert measure.run_build(site.root, out).written == ()  # a fresh build: not counted
    assert measure.run_build(site.root, out, fresh=False).written == ()
    page = site.retitle(4, "A new title")
    rebuilt = measure.run_build(site.root, out, fresh=False)
    assert rebuilt.reread == 1
    assert f"{page}.html" in rebuilt.written
    assert not any(name.startswith("set-") and name != f"{page}.html" for name in rebuilt.written)


def test_the_cli_runs_measured(tmp_path: Path) -> None:
    path = eventdata.write(
        eventdata.make_events(eventdata.synthetic_conferences(5), 5), tmp_path / "e.yaml"
    )
    done = measure.run_measured("iassist", ["validate", str(path)])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("5 events, 0 problems in 1 file")
    assert done.cpu_seconds > 0 and done.peak_rss_mib > 0


def test_settings_become_define_options(tmp_path: Path) -> None:
    command = measure.sphinx_command(tmp_path, tmp_path / "out", 2, {"iassist_ics": "0"})
    assert "-Diassist_ics=0" in command and command[command.index("-j") + 1] == "2"


def test_events_are_unique_valid_and_repeat_with_suffixes() -> None:
    source = eventdata.synthetic_conferences(7)
    events = eventdata.make_events(source, 20)
    assert len({e["id"] for e in events}) == 20
    assert events[7]["title"].endswith(" #2") and events[14]["title"].endswith(" #3")
    fewer = eventdata.make_events(source, 3)
    assert [e["title"] for e in fewer] == [source[i].name for i in (0, 2, 4)]


@pytest.mark.parametrize("fmt", eventdata.FORMATS)
def test_every_format_loads_without_problems(tmp_path: Path, fmt: str) -> None:
    conferences = eventdata.synthetic_conferences(40)
    conferences[0] = eventdata.Conference(
        'Quote " and \\ back [x] ü', None, date(2020, 1, 2), date(2020, 1, 2), None, None, True, "t"
    )
    events = eventdata.make_events(conferences, 40)
    path = eventdata.write(events, tmp_path / f"events.{fmt}")
    catalog = load_catalog([str(path)])
    assert catalog.problems == ()
    assert [e.id for e in catalog.events] == [e["id"] for e in events]
    assert catalog.events[0].title == 'Quote " and \\ back [x] ü'


def test_toml_writer_round_trips() -> None:
    events = eventdata.make_events(eventdata.synthetic_conferences(5), 5)
    assert tomllib.loads(eventdata.dumps(events, "toml")) == {"events": events}


def test_plain_twin_shows_the_same_events(tmp_path: Path) -> None:
    events = eventdata.make_events(eventdata.synthetic_conferences(30), 12)
    twins = {}
    for extension in (True, False):
        name = "ext" if extension else "plain"
        site = sites.forty_pages(tmp_path / name, events, extension=extension, pages=3)
        build = measure.run_build(site.root, tmp_path / f"out-{name}")
        assert build.warnings == 0, build.log
        assert 0 < build.peak_rss_mib < 4096  # the build's own peak, reported by the child
        assert "iassist-bench-peak-kib" in build.log or sys.platform != "linux"
        twins[name] = site.root, tmp_path / f"out-{name}" / "html"
    for docname in ("set-01", "set-02", "set-03"):
        ext = BeautifulSoup((twins["ext"][1] / f"{docname}.html").read_text(), "html.parser")
        plain = BeautifulSoup((twins["plain"][1] / f"{docname}.html").read_text(), "html.parser")
        ext_titles = [a.get_text() for a in ext.select(".iassist-event-title a")]
        plain_titles = [li.a.get_text() for li in plain.select("div.body li") if li.a]
        assert len(ext_titles) == 4
        assert ext_titles == plain_titles
        ext_groups = [h.get_text() for h in ext.select(".iassist-event-group-title")]
        plain_groups = [h.get_text().rstrip("¶") for h in plain.select("h2")]
        assert ext_groups == plain_groups


def test_source_records_map_to_our_schema(tmp_path: Path) -> None:
    (tmp_path / "2021").mkdir()
    records = [
        {
            "name": "A Conf",
            "url": "https://a.example/",
            "startDate": "2021-05-02",
            "endDate": "2021-05-01",
            "city": "Oslo",
            "country": "Norway",
            "online": True,
        },
        {
            "name": "B Conf",
            "url": "https://b.example/Austin, TX",
            "startDate": "2021-06-01",
            "endDate": "2021-06-03",
            "online": True,
        },
        {"name": "No date", "url": "https://c.example/", "startDate": "2021-13-01"},
    ]
    (tmp_path / "2021" / "data.json").write_text(json.dumps(records))
    a, b = eventdata.read_confs_tech(tmp_path)
    first, second = eventdata.make_events([a, b], 2)
    assert first == {
        "id": "a-conf-2021",
        "title": "A Conf",
        "start": date(2021, 5, 2),
        "mode": "hybrid",
        "location": {"city": "Oslo", "country": "Norway"},
        "url": "https://a.example/",
        "tags": ["data"],
    }
    assert second["mode"] == "virtual" and "url" not in second
    assert second["end"] == date(2021, 6, 3)


def test_generated_programme_is_a_clean_600_session_schedule(tmp_path: Path) -> None:
    from sphinx_iassist.readers.frab import read_schedule

    data = programme.schedule(600, 12, 5)
    schedule, problems = read_schedule(json.dumps(data), "bench.json", "bench-conf")
    assert problems == []
    assert schedule is not None
    assert len(schedule.sessions) == 600
    assert len(schedule.rooms) == 12 and len({s.room for s in schedule.sessions}) == 12
    assert len({s.day for s in schedule.sessions}) == 5
