"""The search index stays true: when a new day changes what pages show, the index of the
incremental build is the index a fresh build writes for that day."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from helpers import html, iassist_warnings
from sphinx.testing.util import SphinxTestApp


def _build(srcdir: Path, today: str, *, fresh: bool = False) -> tuple[SphinxTestApp, set[str]]:
    """Build for ``today``; the app and the pages the build wrote."""
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        confoverrides={"iassist_today": today},
        status=StringIO(),
        warning=StringIO(),
        freshenv=fresh,
    )
    written: set[str] = set()
    app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
    try:
        app.build(force_all=fresh)
    finally:
        app.cleanup()
    assert iassist_warnings(app) == []
    return app, written


def _index(app: SphinxTestApp) -> dict[str, Any]:
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


def test_the_index_follows_the_day(rootdir: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(rootdir / "test-incremental", site)
    app, _ = _build(site, "2021-04-01")
    assert {"regist", "registr", "soon"} <= _words(_index(app))  # "Registration closes soon."

    # 2021-04-16: the notice expired the day before, its page is written again without it;
    # 2021-06-01: the virtual conference is over, both lists move it to Completed
    for today, moved in (("2021-04-16", {"notice"}), ("2021-06-01", {"listing", "upcoming"})):
        before = _words_by_page(_index(app))
        app, written = _build(site, today)
        assert written >= moved
        fresh = tmp_path / f"fresh-{today}"
        shutil.copytree(rootdir / "test-incremental", fresh)
        index, expected = _index(app), _index(_build(fresh, today, fresh=True)[0])

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
