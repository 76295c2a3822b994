"""An edit to the event data writes again exactly the pages that show what changed, and
reads again only the pages whose reading decided something from it (SPEC "Builds that stay
true").

test-rebuild-events shows each event one way: ``alpha`` in the list of series A, by a
button and by a role; ``beta`` in the list of series B and by a role in a page title;
``gamma`` in that list and by ``event-date``; ``delta`` (series C, shown by no list) on its
``page``, ``detail-page``, by an ``event-detail`` without an id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import event_ids, html, iassist_warnings, recorded_build, writes


class Site:
    """A copy of test-rebuild-events, built again and again as ``sphinx-build`` run again."""

    def __init__(self, make_app: Callable[..., Any], srcdir: Path, parallel: int = 1) -> None:
        self.make_app, self.srcdir, self.parallel = make_app, srcdir, parallel
        self.warnings: list[str] = []

    def build(self) -> tuple[set[str], set[str], Any]:
        read, written, app = recorded_build(self.make_app, self.srcdir, parallel=self.parallel)
        self.warnings = iassist_warnings(app)
        return read, written, app

    def edit(self, old: str, new: str) -> None:
        data = self.srcdir / "events.yaml"
        text = data.read_text(encoding="utf-8")
        assert old in text
        data.write_text(text.replace(old, new), encoding="utf-8")
        stat = data.stat()  # a later modification time, as an author's save
        os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


@pytest.fixture
def site(make_app: Callable[..., Any], site_copy: Callable[..., Path]) -> Site:
    built = Site(make_app, site_copy("rebuild-events"))
    built.build()
    assert built.warnings == []
    return built


def jsonld_names(app: Any, docname: str) -> list[str]:
    scripts = html(app, docname).select('script[type="application/ld+json"]')
    found: list[str] = []
    for script in scripts:
        data = json.loads(script.string or "null")
        items = data if isinstance(data, list) else data.get("@graph", [data])
        found += [item.get("name") for item in items if isinstance(item, dict)]
    return found


def test_a_no_change_rebuild_reads_and_writes_nothing(site: Site) -> None:
    read, written, _ = site.build()
    assert read == set() and written == set()


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_title_edit_writes_the_pages_that_show_the_event(
    make_app: Callable[..., Any], site_copy: Callable[..., Path], parallel: int
) -> None:
    site = Site(make_app, site_copy("rebuild-events"), parallel)
    site.build()
    site.edit("Alpha Meeting", "Alpha Assembly")
    read, written, app = site.build()
    assert read == set()  # a list, a button and a role are resolved when written
    assert written == writes("series-a", "by-id", "by-role")
    for docname in ("series-a", "by-id", "by-role"):
        assert "Alpha Assembly" in html(app, docname).get_text()
        assert "Alpha Meeting" not in html(app, docname).get_text()
    read, written, _ = site.build()
    assert read == set() and written == set()


def test_a_title_shown_in_a_page_title_reads_that_page_again(site: Site) -> None:
    site.edit("Beta Forum", "Beta Congress")
    read, written, app = site.build()
    assert read == {"titled-role"}  # the page's title is taken when it is read
    assert written == writes("series-b", "titled-role")
    assert app.env.titles["titled-role"].astext() == "About Beta Congress"
    assert "Beta Congress" in html(app, "series-b").get_text()


def test_a_date_shown_by_event_date_reads_that_page_again(site: Site) -> None:
    site.edit("start: 2021-08-02", "start: 2021-08-01")
    read, written, app = site.build()
    assert read == {"date-role"}  # event-date formats the dates when it is read
    assert written == writes("series-b", "date-role")
    dates = html(app, "date-role").select(".iassist-event-date time")
    assert [time["datetime"] for time in dates] == ["2021-08-01", "2021-08-03"]


def test_an_added_event_writes_the_lists_it_joins(site: Site) -> None:
    data = site.srcdir / "events.yaml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "- id: epsilon\n  title: Epsilon Camp\n  start: 2021-10-01\n  series: A\n",
        encoding="utf-8",
    )
    read, written, app = site.build()
    assert read == set()
    assert written == writes("series-a")
    assert event_ids(html(app, "series-a")) == ["alpha", "epsilon"]


def test_a_removed_event_reads_again_the_pages_that_name_it(site: Site) -> None:
    site.edit(
        "- id: alpha\n  title: Alpha Meeting\n  start: 2021-06-01\n  series: A\n"
        "  url: https://example.org/alpha/\n",
        "",
    )
    read, written, app = site.build()
    # the button and the role name an event no longer there: decided when read
    assert read == {"by-id", "by-role"}
    assert written == writes("series-a", "by-id", "by-role")
    assert event_ids(html(app, "series-a")) == []
    assert any("unknown event id 'alpha'" in w for w in site.warnings)
    assert "Alpha Meeting" not in html(app, "by-role").get_text()


def test_moving_an_events_page_reads_both_pages_again(site: Site) -> None:
    _, _, app = site.build()
    assert "Delta Summit" in jsonld_names(app, "detail-page")
    site.edit("page: detail-page", "page: other-page")
    read, written, app = site.build()
    # the event-detail without an id finds its event when read
    assert read == {"detail-page"}
    assert written == writes("detail-page", "other-page")
    assert "Delta Summit" in jsonld_names(app, "other-page")
    assert "Delta Summit" not in jsonld_names(app, "detail-page")
    assert any("no event's 'page'" in w for w in site.warnings)


def test_a_data_problem_and_its_fix_write_the_pages_that_show_the_event(site: Site) -> None:
    site.edit("start: 2021-06-01", "start: 2021-13-01")
    read, written, app = site.build()
    # alpha is left out; the pages that name it say so where they name it
    assert written == writes("series-a", "by-id", "by-role")
    assert read <= {"by-id", "by-role"}
    assert event_ids(html(app, "series-a")) == []
    assert any("events.yaml:3" in w for w in site.warnings)
    assert any("alpha" in w and "left out" in w for w in site.warnings)

    site.edit("start: 2021-13-01", "start: 2021-06-01")
    read, written, app = site.build()
    assert written == writes("series-a", "by-id", "by-role")
    assert read <= {"by-id", "by-role"}
    assert event_ids(html(app, "series-a")) == ["alpha"]
    assert site.warnings == []
    read, written, _ = site.build()
    assert read == set() and written == set()


def test_a_list_with_a_limit_is_written_when_an_event_enters_or_leaves_it(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy("rebuild-events")
    page = "---\norphan: true\n---\n# Next in B\n\n```{event-list}\n:series: B\n:limit: 1\n```\n"
    (srcdir / "next-b.md").write_text(page, encoding="utf-8")
    site = Site(make_app, srcdir)
    _, _, app = site.build()
    assert event_ids(html(app, "next-b")) == ["beta"]
    # gamma moves before beta: it takes the one place, beta leaves it
    site.edit("start: 2021-08-02\n  end: 2021-08-03", "start: 2021-06-02\n  end: 2021-06-03")
    read, written, app = site.build()
    assert read == {"date-role"}
    assert written == writes("series-b", "next-b", "date-role")
    assert event_ids(html(app, "next-b")) == ["gamma"]
    # beta, now outside the limit, changes: the limited list is not written
    site.edit("Beta Forum", "Beta Congress")
    read, written, _ = site.build()
    assert read == {"titled-role"}
    assert written == writes("series-b", "titled-role")


def test_the_text_builder_writes_the_new_title_without_reading_again(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy("rebuild-events")
    make_app("text", srcdir=srcdir).build()
    data = srcdir / "events.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Alpha Meeting", "Alpha Assembly"))
    read: list[str] = []
    app = make_app("text", srcdir=srcdir)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert read == []
    for docname in ("series-a", "by-id", "by-role"):
        written = (Path(app.outdir) / f"{docname}.txt").read_text(encoding="utf-8")
        assert "Alpha Assembly" in written
        assert "Alpha Meeting" not in written
