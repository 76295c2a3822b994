"""One problem, one warning: pages that name an event left out for bad data say that it was
left out, and where, instead of calling its id unknown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings

from sphinx_iassist.domain import IassistDomain

LEFT_OUT = "event 'backwards' was left out (events.yaml:8)"


def _located(warnings: list[str]) -> set[tuple[str, str, str]]:
    """(file:line, message, subtype) of each warning, the path shortened to its name."""
    found = set()
    for warning in warnings:
        match = re.match(r"(?:.*/)?([^/]+?): WARNING: (.*) \[iassist\.(\w+)\]$", warning)
        assert match, warning
        found.add(match.groups())
    return found


@pytest.mark.parametrize(
    "parallel", [pytest.param(n, marks=pytest.mark.sphinx(parallel=n)) for n in (1, 2)]
)
@pytest.mark.sphinx("html", testroot="dropped", freshenv=True)
def test_a_left_out_event_is_one_data_warning_and_says_so_where_it_is_named(
    app: Any, parallel: int
) -> None:
    app.build()
    warnings = iassist_warnings(app)
    assert len(warnings) == 7, warnings
    assert _located(warnings) == {
        ("events.yaml:8", "'end' (2021-05-17) is before 'start' (2021-05-20)", "data"),
        ("index.md:7", f"event: {LEFT_OUT}", "ref"),
        ("index.md:7", f"event-date: {LEFT_OUT}", "ref"),
        ("index.md:9", f"event-button: {LEFT_OUT}; shown as text", "ref"),
        ("other.md:3", f"event: {LEFT_OUT}", "ref"),
        ("other.md:5", f"event-button: {LEFT_OUT}; shown as text", "ref"),
        # an id the data never names is still unknown
        ("index.md:12", "event: unknown event id 'no-such-event'", "ref"),
    }


@pytest.mark.sphinx("html", testroot="dropped")
def test_a_left_out_event_is_shown_as_text(built: Any) -> None:
    page = html(built)
    assert not page.select('a[href="https://example.org/backwards"]')
    assert [b.get_text() for b in page.select(".iassist-button-unresolved")] == ["backwards"]
    assert [b.get_text() for b in html(built, "other").select(".iassist-button-unresolved")] == [
        "Go"
    ]
    assert page.select_one('a[href="https://example.org/good"]') is not None


def test_the_fixed_event_resolves_on_the_next_build(
    build_site: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy("dropped")
    build_site(srcdir)
    data = srcdir / "events.yaml"
    data.write_text(data.read_text().replace("end: 2021-05-17", "end: 2021-05-21"))
    app = build_site(srcdir)
    warnings = iassist_warnings(app)
    assert len(warnings) == 1 and "unknown event id 'no-such-event'" in warnings[0], warnings
    assert html(app, "other").select_one('a[href="https://example.org/backwards"]') is not None


@pytest.mark.sphinx("html", testroot="dropped")
def test_a_catalog_read_again_knows_what_the_data_left_out(built: Any) -> None:
    """The catalog has one loading path: read again (its cache lost, in a process that
    never held it), it notes the problems, the pages and the events left out again."""
    reported = {
        key: built.env.domaindata["iassist"][key] for key in ("problems", "pages", "dropped")
    }
    assert reported["dropped"] == {"backwards": "events.yaml:8"}
    Path(built.doctreedir, "iassist-catalog.pickle").unlink()
    for key in reported:
        built.env.domaindata["iassist"][key] = type(reported[key])()
    fresh = IassistDomain(built.env)
    assert fresh.event("good") is not None
    assert {key: fresh.data[key] for key in reported} == reported
