"""``notice-box`` ``:from:``: before its day a notice is in the HTML of pages the browser
script keeps up to date, hidden for the script to reveal; pinned pages and other builders
leave it out; from its day (through ``:expires:``) it shows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from helpers import html, text

ROOT = "windows"


def notices(app: Any) -> dict[str, Tag]:
    found = html(app, "notices").select(".iassist-notice")
    return {text(n.select_one(".iassist-notice-title")): n for n in found}


def epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()))


@pytest.fixture
def unpinned(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """The build's day from SOURCE_DATE_EPOCH rather than conf.py: the page is not pinned."""
    return lambda day: monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-02-20"})
def test_a_pinned_page_leaves_an_early_notice_out(built: Any) -> None:
    shown = notices(built)
    assert set(shown) == {"The call for proposals has closed", "Always here"}
    assert not any(n.has_attr("hidden") for n in shown.values())
    closed = shown["The call for proposals has closed"]
    assert closed["data-iassist-from"] == "2027-02-16" and closed.has_attr("data-iassist-pinned")


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-03-01"})
def test_from_its_first_day_it_shows(built: Any) -> None:
    shown = notices(built)
    assert set(shown) == {
        "Registration is open",
        "The call for proposals has closed",
        "Always here",
    }
    open_ = shown["Registration is open"]
    assert not open_.has_attr("hidden")
    assert (open_["data-iassist-from"], open_["data-iassist-expires"]) == (
        "2027-03-01",
        "2027-05-31",
    )


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"iassist_today": "2027-06-01"})
def test_after_it_expires_it_is_left_out(built: Any) -> None:
    assert "Registration is open" not in notices(built)


def test_an_unpinned_page_hides_an_early_notice(
    make_app: Any, site_copy: Callable[..., Path], unpinned: Callable[[str], None]
) -> None:
    unpinned("2027-02-20")
    app = make_app("html", srcdir=site_copy(ROOT), confoverrides={"iassist_today": ""})
    app.build()
    shown = notices(app)
    early = shown["Registration is open"]
    assert early.has_attr("hidden") and early["data-iassist-from"] == "2027-03-01"
    assert not early.has_attr("data-iassist-pinned")
    assert not shown["The call for proposals has closed"].has_attr("hidden")


@pytest.mark.parametrize("builder", ["text", "latex", "xml"])
def test_other_builders_leave_an_early_notice_out(
    builder: str, make_app: Any, site_copy: Callable[..., Path], unpinned: Callable[[str], None]
) -> None:
    unpinned("2027-02-20")
    app = make_app(builder, srcdir=site_copy(ROOT), confoverrides={"iassist_today": ""})
    app.build()
    written = "\n".join(
        p.read_text(encoding="utf-8")
        for p in Path(app.outdir).rglob("*")
        if p.suffix in {".txt", ".tex", ".xml"}
    )
    assert "The call for proposals has closed" in written
    assert "Register before the end of May" not in written


def _page_words(app: Any, docname: str) -> set[str]:
    """The words (and title words) the search index finds on ``docname``."""
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    number = index["docnames"].index(docname)
    return {
        word
        for table in ("terms", "titleterms")
        for word, pages in index[table].items()
        if number in (pages if isinstance(pages, list) else [pages])
    }


def test_an_early_notice_is_not_searchable_until_its_day(
    make_app: Any, site_copy: Callable[..., Path], unpinned: Callable[[str], None]
) -> None:
    """Its words ("Registration is open", "Register before the end of May.") are in the
    page, hidden, but search does not find the page by them before 1 March; a build on
    that day (an incremental one: the page is written again) makes them searchable."""
    srcdir = site_copy(ROOT)
    unpinned("2027-02-20")
    app = make_app("html", srcdir=srcdir, confoverrides={"iassist_today": ""})
    app.build()
    early = notices(app)["Registration is open"]
    assert early.has_attr("hidden") and "Register before the end of May" in text(early)
    words = _page_words(app, "notices")
    assert {"propos", "thank"} <= words  # the notices shown are searchable
    assert {"regist", "registr", "open", "end"}.isdisjoint(words)

    unpinned("2027-03-01")
    app = make_app("html", srcdir=srcdir, confoverrides={"iassist_today": ""})
    app.build()
    assert not notices(app)["Registration is open"].has_attr("hidden")
    assert {"regist", "registr", "open", "end"} <= _page_words(app, "notices")
