"""``deadline-list``: the deadlines of the events its filters select, soonest first, with
their event, label, date and distance; passed ones out, or under *Passed* with ``:when:
all``; a template of its own; every builder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from helpers import html, text

from sphinx_iassist.dates.deadlines import DeadlineSpec, DeadlineWhen, deadline_groups
from sphinx_iassist.readers.catalog import load_file

ROOT = "windows"
TODAY = {"iassist_today": "2027-03-01"}


def lists(app: Any) -> list[Tag]:
    return html(app, "deadlines").select(".iassist-deadline-list")


def entries(scope: Tag) -> list[tuple[str, str, str]]:
    """(event id, label, distance) of each deadline in ``scope``, in order."""
    return [
        (
            str(li["data-event-id"]),
            text(li.select_one(".iassist-deadline-label")),
            text(li.select_one(".iassist-distance")),
        )
        for li in scope.select("li.iassist-deadline")
    ]


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides=TODAY)
@pytest.mark.test_params(shared_result="deadlines-html")
def test_upcoming_deadlines_soonest_first(built: Any) -> None:
    everything = lists(built)[0]
    assert entries(everything) == [
        ("summit", "Call for proposals closes", "in 4 days"),
        ("conf", "Notification of acceptance", "in 19 days"),
        ("conf", "Early bird", "in 45 days"),
        ("conf", "Registration closes", "in 91 days"),
    ]
    assert everything.select(".iassist-event-group, .iassist-deadline-passed") == []
    first = everything.select_one("li.iassist-deadline")
    assert "iassist-deadline-cfp" in first["class"]
    assert first["data-iassist-at"] == "2027-03-06T00:00:00Z"  # the end of 5 March, UTC
    assert first.select_one(".iassist-deadline-date time")["datetime"] == "2027-03-05"
    assert first.select_one(".iassist-deadline-label a")["href"] == "https://summit.example.org/cfp"
    assert first.select_one(".iassist-deadline-event a")["href"] == "https://summit.example.org"
    # an event with a page in the project links to it
    conf = everything.select("li.iassist-deadline")[1]
    assert conf.select_one(".iassist-deadline-event a")["href"] == "conference.html"
    assert everything.select_one(".iassist-as-of") is not None


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides=TODAY)
@pytest.mark.test_params(shared_result="deadlines-html")
def test_filters_and_the_passed_group(built: Any) -> None:
    series, summits, tagged = lists(built)[1:]
    assert "series" in series["class"]
    assert [e[1] for e in entries(series)] == [
        "Notification of acceptance",
        "Early bird",
        "Registration closes",
        "Call for proposals closes",
    ]
    passed = series.select_one("section.iassist-event-group.iassist-group-passed")
    assert passed is not None and passed["data-iassist-group"] == "passed"
    assert text(passed.select_one("h3.iassist-event-group-title")) == "Passed"
    assert entries(passed) == [("conf", "Call for proposals closes", "passed")]
    assert "iassist-deadline-passed" in passed.select_one("li")["class"]
    assert [e[0] for e in entries(summits)] == ["summit"]
    assert {e[0] for e in entries(tagged)} == {"conf"}


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-06-01"})
def test_nothing_left_says_so(built: Any) -> None:
    summits = lists(built)[2]
    assert entries(summits) == []
    assert text(summits.select_one(".iassist-empty")) == "Nothing due."
    assert text(lists(built)[0].select_one(".iassist-empty")) == "No deadlines to show."


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-03-05"})
def test_on_the_day_it_is_today(built: Any) -> None:
    assert entries(lists(built)[0])[0] == ("summit", "Call for proposals closes", "today")


def test_cancelled_events_list_no_deadlines(rootdir: Path) -> None:
    events, _ = load_file(rootdir / "test-windows" / "events.yaml")
    groups = deadline_groups(events, DeadlineSpec(when=DeadlineWhen.ALL), date(2027, 1, 1))
    shown = {e.event.id for e in (*groups.upcoming, *groups.passed)}
    assert shown == {"conf", "summit"}  # "called-off" has a registration, but is cancelled


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    srcdir="deadlines-templates",
    confoverrides={**TODAY, "templates_path": ["_templates"]},
)
def test_the_template_can_be_overridden(app: Any) -> None:
    folder = Path(app.srcdir) / "_templates" / "iassist"
    folder.mkdir(parents=True)
    (folder / "deadline.html").write_text(
        '<li class="mine" data-at="{{ at }}">{{ label }}: {{ event.title }}</li>\n',
        encoding="utf-8",
    )
    app.build(force_all=True)
    mine = lists(app)[0].select("li.mine")
    assert len(mine) == 4
    assert text(mine[0]) == "Call for proposals closes: Online Summit"


@pytest.mark.parametrize(
    "builder", ["text", "latex", "man", "texinfo", "epub", "singlehtml", "dirhtml", "xml"]
)
def test_every_builder(builder: str, make_app: Any, site_copy: Callable[..., Path]) -> None:
    app = make_app(
        builder,
        srcdir=site_copy(ROOT),
        confoverrides={**TODAY, "project": "Windows", "copyright": "2027"},
    )
    app.build()
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".1", ".texi", ".xhtml", ".html", ".xml"}
    )
    for expected in ("Notification of acceptance", "Online Summit", "in 4 days", "Passed"):
        assert expected in written, (builder, expected)
