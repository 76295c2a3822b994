"""The search index stays true: when a new day changes what pages show, the index of the
incremental build is the index a fresh build writes for that day."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings


@pytest.fixture
def build(make_app: Callable[..., Any]) -> Callable[..., Any]:
    """Build ``srcdir`` for the day ``today``; ``fresh``: from scratch, as a first build."""

    def run(srcdir: Path, today: str, *, fresh: bool = False) -> Any:
        app = make_app(
            "html", srcdir=srcdir, confoverrides={"iassist_today": today}, freshenv=fresh
        )
        try:
            app.build(force_all=fresh)
        finally:
            app.cleanup()
        assert iassist_warnings(app) == []
        return app

    return run


def _index(app: Any) -> dict[str, Any]:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])  # type: ignore[no-any-return]


def _words_of(index: dict[str, Any], docname: str) -> set[str]:
    number = index["docnames"].index(docname)
    return {
        word
        for table in ("terms", "titleterms")
        for word, pages in index[table].items()
        if number == pages or (isinstance(pages, list) and number in pages)
    }


def test_the_index_follows_the_day(
    build: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    site = site_copy("incremental", "site")
    app = build(site, "2021-04-01")
    words = set(_index(app)["terms"]) | set(_index(app)["titleterms"])
    assert {"regist", "registr", "soon"} <= words  # "Registration closes soon. Register now."

    # the notice expired on 2021-04-15: its page is written again, without it
    app = build(site, "2021-04-16")
    assert html(app, "notice").select_one(".iassist-notice") is None
    index = _index(app)
    assert {"regist", "registr", "soon"}.isdisjoint(set(index["terms"]) | set(index["titleterms"]))
    assert "notic" in _words_of(index, "notice")  # the page itself is still found

    for today in ("2021-04-16", "2021-06-01"):  # 2021-06-01: the virtual conference is over
        app = build(site, today)
        fresh = site_copy("incremental", f"fresh-{today}")
        expected = (Path(build(fresh, today, fresh=True).outdir) / "searchindex.js").read_bytes()
        assert (Path(app.outdir) / "searchindex.js").read_bytes() == expected, today
