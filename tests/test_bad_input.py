"""Bad data and bad options: one located ``iassist.*`` warning each, nothing good is lost."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import event_ids, html, iassist_warnings, text


def find(app: Any, pattern: str) -> list[str]:
    return [w for w in iassist_warnings(app) if re.search(pattern, w)]


@pytest.mark.sphinx("html", testroot="bad")
@pytest.mark.test_params(shared_result="test_bad_input")
@pytest.mark.parametrize(
    ("where", "subtype", "pattern"),
    [
        ("events.yaml:5", "data", r"'id' must be a slug"),
        ("events.yaml:11", "data", r"'end' .* is before 'start'"),
        ("events.yaml:15", "data", r"unknown time zone 'Mars/Olympus'"),
        ("events.yaml:19", "data", r"'url' must be an absolute http\(s\) URL"),
        ("events.yaml:23", "data", r"unknown field 'sumary'.*did you mean 'summary'"),
        ("events.yaml:27", "data", r"'page' 'does-not-exist' of event 'no-page' is not a document"),
        ("events.yaml:30", "data", r"'start' cannot be read"),
        ("events.yaml:34", "data", r"duplicate.*'good-one'"),
        ("more.json:3", "data", r"'kind' must be one of"),
        ("missing.yaml", "data", r"(?i)not found|no such file|does not exist"),
        ("broken.toml", "data", r"(?i)toml"),
        ("index.md:3", "option", r":style: 'sideways' is not one of list, buttons, cards, table"),
        ("index.md:3", "option", r":when: 'someday'"),
        ("index.md:3", "option", r":limit: '-3' is not a positive whole number"),
        ("index.md:3", "option", r":kind: 'party' is not a kind of event"),
        ("index.md:10", "option", r":tone: 'purple'"),
        ("index.md:10", "option", r":expires: 'tomorrow' is not a date"),
        ("index.md:17", "ref", r"unknown event id or document 'no-such-thing'"),
        ("index.md:20", "option", r"'javascript:alert\(1\)' is not an http\(s\) or mailto link"),
        ("index.md:24", "ref", r"event: unknown event id 'nope'"),
        ("index.md:24", "ref", r"event-date: unknown event id 'nope-either'"),
    ],
)
def test_each_problem_is_one_located_warning(
    built: Any, where: str, subtype: str, pattern: str
) -> None:
    found = find(built, pattern)
    assert len(found) == 1, (pattern, iassist_warnings(built))
    assert f"[iassist.{subtype}]" in found[0]
    assert (
        re.search(rf"{re.escape(where)}(:\d+)?: (WARNING|ERROR)", found[0]) or where in found[0]
    ), found[0]


@pytest.mark.sphinx("html", testroot="bad")
@pytest.mark.test_params(shared_result="test_bad_input")
def test_good_events_still_render(built: Any) -> None:
    page = html(built)
    ids = event_ids(page.select_one(".iassist-event-list"))
    assert set(ids) == {"good-one", "good-two", "typo", "no-page", "json-good"}
    # the first good-one wins over the duplicate
    assert text(page.select_one('[data-event-id="good-one"] .iassist-event-title')) == "Good One"


@pytest.mark.sphinx("html", testroot="bad")
@pytest.mark.test_params(shared_result="test_bad_input")
def test_bad_options_fall_back_to_defaults(built: Any) -> None:
    page = html(built)
    listing = page.select_one(".iassist-event-list")
    assert "iassist-style-list" in listing["class"]
    notice = page.select_one(".iassist-notice")
    assert "iassist-notice-info" in notice["class"]
    unresolved = page.select(".iassist-button-unresolved")
    assert [u.get_text() for u in unresolved] == ["no-such-thing", "Evil"]
    assert not page.select('a[href^="javascript"]')


@pytest.mark.sphinx("html", testroot="bad")
@pytest.mark.test_params(shared_result="test_bad_input")
def test_no_traceback_reaches_the_author(built: Any) -> None:
    output = built.warning.getvalue() + built.status.getvalue()
    assert "Traceback" not in output
    assert "Exception" not in output


@pytest.mark.sphinx(
    "html",
    testroot="bad",
    freshenv=True,  # read again: the option warnings are given while reading
    confoverrides={"suppress_warnings": ["iassist.data", "iassist.option", "iassist.ref"]},
)
def test_suppress_warnings_silences_data_problems(built: Any) -> None:
    assert iassist_warnings(built) == []


# read again: the date format is checked when a page is read or written
@pytest.mark.sphinx("html", testroot="bad-config", freshenv=True)
@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        (3, r"iassist_timezone 'Mars/Olympus' is not an IANA time zone; using 'UTC'"),
        (4, r"iassist_today must be an ISO date"),
        (5, r"iassist_date_format 'very long please' is neither"),
        (6, r"iassist_ics must be True or False"),
        (7, r"iassist_ics_background must be True or False"),
    ],
)
def test_bad_config_values_warn_at_their_line_and_fall_back(
    app: Any, line: int, pattern: str
) -> None:
    app.build()  # the configuration is checked as the app starts: each test has its warnings
    found = [w for w in iassist_warnings(app) if re.search(pattern, w)]
    assert len(found) == 1, iassist_warnings(app)
    assert f"conf.py:{line}: WARNING" in found[0] and "[iassist.config]" in found[0]
    assert "Traceback" not in app.warning.getvalue()
    page = html(app)
    # today falls back to the real date: all three are over, newest first
    assert event_ids(page.select_one(".iassist-event-list")) == ["summit", "virtual", "africa"]
    # a document button without :label: shows the document's title
    assert text(page.select_one("a.iassist-button")) == "A plain page title"
