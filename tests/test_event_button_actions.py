"""``event-button`` with ``:action:``: registration and the call for proposals follow their
windows on the build's day (before, during with more and fewer than 14 days left, on the
last day, after), a disabled button is no link and says why; the website, recording and
calendar buttons; every builder shows the state as text; bad actions are located warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from helpers import html, iassist_warnings, text

ROOT = "windows"


def button(app: Any, action: str, docname: str = "index", nth: int = 0) -> Tag | None:
    found = html(app, docname).select(f".iassist-action[data-iassist-action='{action}']")
    return found[nth].select_one("a") if len(found) > nth else None


def countdown(app: Any, action: str) -> str | None:
    found = html(app, "index").select_one(
        f".iassist-action[data-iassist-action='{action}'] .iassist-countdown"
    )
    return text(found) if found is not None else None


def assert_disabled(link: Tag, state: str, url: str) -> None:
    assert link.get("href") is None
    assert link["aria-disabled"] == "true"
    assert link["data-iassist-href"] == url
    assert f"iassist-window-{state}" in link["class"]


def assert_open(link: Tag, url: str) -> None:
    assert link["href"] == url
    assert not link.has_attr("aria-disabled")
    assert "iassist-window-open" in link["class"]


REGISTER = "https://conf.example.org/register"
REGISTER_ACTION = ".iassist-action[data-iassist-action='register']"
CFP = "https://conf.example.org/cfp"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-01-01"})
def test_before_the_windows_open(built: Any) -> None:
    register = button(built, "register")
    assert register is not None
    assert_disabled(register, "upcoming", REGISTER)
    assert {"iassist-button", "iassist-action-register"} <= set(register["class"])
    label = text(register)
    assert label.startswith("Registration opens ") and "2027" in label
    cfp = button(built, "cfp")
    assert cfp is not None
    assert_disabled(cfp, "upcoming", CFP)
    assert text(cfp).startswith("Call for proposals opens ")  # not the :label: of an open call
    assert countdown(built, "register") is None
    # instants for the browser, in UTC: 1 March in Berlin, the end of 15 February 18:00 AoE
    wrapper = html(built).select_one(".iassist-action[data-iassist-action='register']")
    assert wrapper["data-iassist-opens"] == "2027-02-28T23:00:00Z"
    assert wrapper["data-iassist-closes"] == "2027-05-31T22:00:00Z"
    cfp_wrapper = html(built).select_one(".iassist-action[data-iassist-action='cfp']")
    assert cfp_wrapper["data-iassist-closes"] == "2027-02-16T06:00:00Z"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-05-10"})
def test_open_with_more_than_two_weeks_left(built: Any) -> None:
    register = button(built, "register")
    assert register is not None
    assert_open(register, REGISTER)
    assert text(register) == "Register"
    assert countdown(built, "register") is None
    cfp = button(built, "cfp")
    assert cfp is not None and text(cfp) == "Call for proposals closed"
    assert_disabled(cfp, "closed", CFP)


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-05-20"})
def test_open_with_fewer_than_two_weeks_left(built: Any) -> None:
    register = button(built, "register")
    assert register is not None
    assert_open(register, REGISTER)
    assert countdown(built, "register") == "closes in 11 days"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-05-31"})
def test_open_on_its_last_day(built: Any) -> None:
    register = button(built, "register")
    assert register is not None
    assert_open(register, REGISTER)
    assert countdown(built, "register") == "closes today"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-02-14"})
def test_an_open_call_shows_its_label_and_days_left(built: Any) -> None:
    cfp = button(built, "cfp")
    assert cfp is not None
    assert_open(cfp, CFP)
    assert text(cfp) == "Submit a talk"
    assert "iassist-button-outline" in cfp["class"]
    assert countdown(built, "cfp") == "closes in 1 day"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-06-01"})
def test_after_the_window_closes(built: Any) -> None:
    register = button(built, "register")
    assert register is not None
    assert_disabled(register, "closed", REGISTER)
    assert text(register) == "Registration closed"
    assert countdown(built, "register") is None
    assert button(built, "recording") is None  # the event is not over yet


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-06-17"})
def test_the_recording_once_the_event_is_over(built: Any) -> None:
    recording = button(built, "recording")
    assert recording is not None
    assert recording["href"] == "https://conf.example.org/videos"
    assert text(recording) == "Recording"
    register = button(built, "register")
    assert register is not None and text(register) == "Registration closed"


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-04-01"})
def test_website_calendar_and_a_cancelled_event(built: Any) -> None:
    website = button(built, "website")
    assert website is not None and website["href"] == "https://conf.example.org"
    assert "iassist-action-website" in website["class"]
    assert not any(c.startswith("iassist-window-") for c in website["class"])
    calendar = button(built, "calendar")
    assert calendar is not None and calendar["href"] == "_ics/conf.ics"
    assert calendar.has_attr("download")
    assert (Path(built.outdir) / "_ics" / "conf.ics").is_file()
    # the cancelled event's registration is closed, whatever its dates say
    cancelled = button(built, "register", nth=1)
    assert cancelled is not None
    assert_disabled(cancelled, "closed", "https://workshop.example.org/register")


@pytest.mark.sphinx(
    "html", testroot=ROOT, srcdir="windows-warnings", confoverrides={"iassist_today": "2027-04-01"}
)
def test_bad_actions_are_located_warnings(built: Any) -> None:
    found = iassist_warnings(built)
    expected = [
        r"bad\.md:3: WARNING: event-button: event 'plain' has no 'registration'.*\[iassist\.ref\]",
        r"bad\.md:7: WARNING: event-button: option :action: 'tickets' is not one of .*"
        r"\[iassist\.option\]",
        r"bad\.md:11: WARNING: event-button: option :action: needs an event id.*"
        r"\[iassist\.option\]",
        r"bad\.md:16: WARNING: deadline-list: option :when: 'sometime' is not one of upcoming, "
        r"all.*\[iassist\.option\]",
        r"bad\.md:20: WARNING: notice-box: option :from: 2027-06-01 is after :expires: "
        r"2027-05-01; ignored \[iassist\.option\]",
    ]
    assert len(found) == len(expected), found
    for pattern in expected:
        assert any(re.search(pattern, w) for w in found), (pattern, found)
    page = html(built, "bad")
    assert page.select(".iassist-action") == []
    # the link target keeps its plain button; the unknown action falls back to the event
    assert [a["href"] for a in page.select("a.iassist-button")] == [
        "conference.html",  # the event's page
        "https://example.org",
    ]


BUILDERS = ["text", "latex", "man", "texinfo", "epub", "singlehtml", "dirhtml", "xml"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_shows_the_state(
    builder: str, make_app: Any, site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy(ROOT)
    confoverrides = {"iassist_today": "2027-05-20", "project": "Windows", "copyright": "2027"}
    app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    out = Path(app.outdir)
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".1", ".texi", ".xhtml", ".html", ".xml"}
    )
    for expected in ("Register", "closes in 11 days", "Call for proposals closed"):
        assert expected in written, (builder, expected)
    if builder in ("latex", "xml", "text"):
        assert "<a " not in written  # no raw HTML
    if builder in ("latex", "xml"):
        assert REGISTER in written


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    srcdir="windows-de",
    confoverrides={"iassist_today": "2027-05-20", "language": "de"},
)
def test_states_and_countdowns_are_translated(built: Any) -> None:
    register = button(built, "register")
    assert register is not None and "iassist-window-open" in register["class"]
    assert countdown(built, "register") == "endet in 11 Tagen"
    cfp = button(built, "cfp")
    assert cfp is not None and text(cfp) == "Einreichung geschlossen"
    # a pinned page: the script leaves the button as built
    assert html(built).select_one(REGISTER_ACTION).has_attr("data-iassist-pinned")


def test_an_unpinned_page_gives_the_script_its_words(
    make_app: Any, site_copy: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1810814400")  # 2027-05-20 12:00 UTC
    app = make_app(
        "html", srcdir=site_copy(ROOT), confoverrides={"iassist_today": "", "language": "de"}
    )
    app.build()
    wrapper = html(app).select_one(REGISTER_ACTION)
    assert not wrapper.has_attr("data-iassist-pinned")
    assert wrapper["data-iassist-day"] == "2027-05-31"
    assert wrapper["data-iassist-zone"] == "Europe/Berlin"
    assert wrapper["data-iassist-label-open"] == text(wrapper.select_one("a"))
    assert wrapper["data-iassist-label-closed"] == "Anmeldung geschlossen"
    assert wrapper["data-iassist-label-upcoming"].startswith("Anmeldung ab ")
    assert wrapper["data-iassist-label-today"] == "endet heute"
    assert wrapper["data-iassist-label-days-one"] == "endet in {n} Tag"
    assert wrapper["data-iassist-label-days-other"] == "endet in {n} Tagen"
    assert wrapper["data-iassist-label-hours-other"] == "endet in {n} Stunden"
