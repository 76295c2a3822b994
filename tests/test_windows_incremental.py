"""Windows, countdowns, deadline lists and ``:from:`` notices depend on the day: a new
``today`` writes again exactly the pages whose output it changes, without reading any, and
a parallel build equals a serial one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, text
from test_builds_stay_true import Recorder, writes

ROOT = "windows"


@pytest.fixture
def site(make_app: Callable[..., Any], site_copy: Callable[..., Path]) -> Recorder:
    """The windows site without its page of bad input (the recorder wants no warnings), and
    without its toctree (Sphinx writes a page's toctree parents with it): orphan pages."""
    srcdir = site_copy(ROOT)
    (srcdir / "bad.md").unlink()
    index = srcdir / "index.md"
    source = index.read_text(encoding="utf-8")
    index.write_text(source[: source.index("```{toctree}")], encoding="utf-8")
    for name in ("conference", "deadlines", "notices"):
        page = srcdir / f"{name}.md"
        page.write_text("---\norphan: true\n---\n" + page.read_text(encoding="utf-8"))
    return Recorder(make_app, srcdir)


def test_a_new_day_rewrites_exactly_the_pages_it_changes(site: Recorder) -> None:
    read, written, _ = site.build(iassist_today="2027-01-01")
    assert {"index", "conference", "deadlines", "notices"} <= read
    # every day the deadlines come a day closer: the list and the event page's distances;
    # the buttons (both windows upcoming) and the notices stay as they were
    read, written, app = site.build(iassist_today="2027-01-02")
    assert read == set()
    assert written == writes("conference", "deadlines")
    # the call opens: its button too (index, and the event page's actions)
    read, written, app = site.build(iassist_today="2027-01-10")
    assert read == set()
    assert written == writes("index", "conference", "deadlines")
    link = html(app, "index").select_one("a.iassist-action-cfp")
    assert link is not None and link["href"] == "https://conf.example.org/cfp"


def test_a_countdown_and_a_from_notice_rewrite_their_pages(site: Recorder) -> None:
    site.build(iassist_today="2027-02-01")
    # 14 days left: no countdown yet; 13 days left: "closes in 13 days"
    _, written, app = site.build(iassist_today="2027-02-02")
    assert "index" in written
    countdown = html(app, "index").select_one(".iassist-countdown")
    assert countdown is not None and text(countdown) == "closes in 13 days"
    assert "notices" not in written
    # the notice of the closed call starts on 16 February
    _, written, app = site.build(iassist_today="2027-02-16")
    assert "notices" in written
    titles = [text(t) for t in html(app, "notices").select(".iassist-notice-title")]
    assert "The call for proposals has closed" in titles


def test_parallel_output_equals_serial(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    """Enough pages with buttons, deadline lists and notices to be read and written in
    parallel."""
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2)):
        srcdir = site_copy(ROOT, name)
        for n in range(6):
            (srcdir / f"extra{n}.md").write_text(
                f"# Extra {n}\n\n```{{deadline-list}}\n:when: all\n```\n\n"
                "```{event-button} conf\n:action: register\n```\n",
                encoding="utf-8",
            )
        app = make_app(
            "html", srcdir=srcdir, parallel=parallel, confoverrides={"iassist_today": "2027-05-20"}
        )
        app.build()
        out = Path(app.outdir)
        outputs.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file() and p.suffix in {".html", ".ics"}
            }
        )
    assert outputs[0].keys() == outputs[1].keys()
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []


def test_unpinning_the_day_rewrites_the_pages_the_script_keeps_up_to_date(
    site: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same day, set in conf.py and then not: the pages whose buttons, deadline lists
    and event page the script moves are written again without ``data-iassist-pinned``."""
    _, _, app = site.build(iassist_today="2027-01-01")
    assert html(app, "conference").select_one(".iassist-deadlines[data-iassist-pinned]")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798804800")  # 2027-01-01 12:00 UTC
    read, written, app = site.build(iassist_today="")
    assert read == set()
    assert written >= {"index", "conference", "deadlines"}
    for page in ("index", "conference", "deadlines"):
        assert html(app, page).select("[data-iassist-pinned]") == [], page
    # what the script needs to move the event page's distances: words, and each deadline's
    # day in its own zone (the CfP closes on 15 February, 18:00 AoE)
    deadlines = html(app, "conference").select_one(".iassist-deadlines")
    assert deadlines is not None and deadlines["data-iassist-label-passed"] == "passed"
    assert deadlines["data-iassist-label-days-other"] == "in {n} days"
    cfp = deadlines.select_one(".iassist-deadline-cfp")
    assert cfp is not None and (cfp["data-iassist-day"], cfp["data-iassist-zone"]) == (
        "2027-02-15",
        "Etc/GMT+12",
    )
