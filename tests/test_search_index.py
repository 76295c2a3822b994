"""The search index stays true: when a new day changes what pages show, the index of the
incremental build is the index a fresh build writes for that day."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings

Build = Callable[..., tuple[Any, set[str]]]


@pytest.fixture
def build(make_app: Callable[..., Any]) -> Build:
    """``build(srcdir, today, fresh=False)``: build for ``today`` (``fresh``: from scratch,
    as a first build); the app and the pages the build wrote."""

    def run(srcdir: Path, today: str, *, fresh: bool = False) -> tuple[Any, set[str]]:
        app = make_app(
            "html", srcdir=srcdir, confoverrides={"iassist_today": today}, freshenv=fresh
        )
        written: set[str] = set()
        app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
        try:
            app.build(force_all=fresh)
        finally:
            app.cleanup()
        assert iassist_warnings(app) == []
        return app, written

    return run


def _index(app: Any) -> dict[str, Any]:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])  # type: ignore[no-any-return]


WORD_TABLES = ("terms", "titleterms")


def _pages(pages: int | list[int]) -> list[int]:
    return pages if isinstance(pages, list) else [pages]


def _words(index: dict[str, Any]) -> set[str]:
    return {word for table in WORD_TABLES for word in index[table]}


def _words_by_page(index: dict[str, Any]) -> dict[str, set[tuple[str, str]]]:
    """Each page's (table, word) pairs: with no word that names no page, the whole of the
    index's word tables."""
    words: dict[str, set[tuple[str, str]]] = {docname: set() for docname in index["docnames"]}
    for table in WORD_TABLES:
        for word, pages in index[table].items():
            for number in _pages(pages):
                words[index["docnames"][number]].add((table, word))
    return words


def test_the_index_follows_the_day(build: Build, site_copy: Callable[..., Path]) -> None:
    site = site_copy("incremental", "site")
    app, _ = build(site, "2021-04-01")
    assert {"regist", "registr", "soon"} <= _words(_index(app))  # "Registration closes soon."

    # 2021-04-16: the notice expired the day before, its page is written again without it;
    # 2021-06-01: the virtual conference is over, both lists move it to Completed
    for today, moved in (("2021-04-16", {"notice"}), ("2021-06-01", {"listing", "upcoming"})):
        before = _words_by_page(_index(app))
        app, written = build(site, today)
        assert written >= moved
        fresh = site_copy("incremental", f"fresh-{today}")
        index, expected = _index(app), _index(build(fresh, today, fresh=True)[0])

        # no word is left that names no page (Sphinx keeps those of rewritten content)
        assert [w for t in WORD_TABLES for w, pages in index[t].items() if not _pages(pages)] == []
        # a page written again has the words a fresh build gives it, a page left alone the
        # words it had: the "as of" line of a list whose groups did not move keeps the day
        # the page was written (on Sphinx < 9, whose index has numbers, not a fresh build's)
        now, wanted = _words_by_page(index), _words_by_page(expected)
        assert now.keys() == wanted.keys()
        for docname in now:
            assert now[docname] == (wanted if docname in written else before)[docname], (
                today,
                docname,
            )
        # the rest (titles, objects, file names) is what a fresh build writes
        assert {k: v for k, v in index.items() if k not in WORD_TABLES} == {
            k: v for k, v in expected.items() if k not in WORD_TABLES
        }

        if today == "2021-04-16":
            assert html(app, "notice").select_one(".iassist-notice") is None
            assert {"regist", "registr", "soon"}.isdisjoint(_words(index))
            assert ("titleterms", "notic") in now["notice"]  # the page itself is still found
