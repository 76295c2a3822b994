"""A data file saved again while a build runs: the next build shows the new data on every
page (SPEC "Builds that stay true").

The test root's ``conf.py`` rewrites the event's title while the first build reads one of
its pages. Pages read before that moment (and after it) were made from the data as loaded
at the start; Sphinx's own check (the file's modification time against the time each page
was read) would miss the pages read after the edit. The extension records what it loaded
(a digest of the bytes), so the next build writes again every page that shows the event
(the lists are resolved when a page is written: nothing needs reading again).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings, recorded_build

PAGES = [f"page-{n:02d}" for n in range(1, 13)]


def _build(
    make_app: Callable[..., Any], srcdir: Path, parallel: int
) -> tuple[Any, list[str], set[str]]:
    read, written, app = recorded_build(make_app, srcdir, parallel=parallel)
    assert iassist_warnings(app) == []
    return app, sorted(read), written & {"index", *PAGES}


@pytest.mark.parametrize("parallel", [1, 2])
def test_the_next_build_shows_the_new_data_on_every_page(
    make_app: Callable[..., Any], site_copy: Callable[..., Path], parallel: int
) -> None:
    srcdir = site_copy("edit-during-build")
    app, read, _ = _build(make_app, srcdir, parallel)
    assert "New Title" in (srcdir / "events.yaml").read_text()  # edited during the build
    assert set(read) == {"index", *PAGES}

    app, read, written = _build(make_app, srcdir, parallel)
    stale = [page for page in PAGES if "Old Title" in html(app, page).get_text()]
    assert stale == []
    assert all("New Title" in html(app, page).get_text() for page in PAGES)
    assert read == []  # the lists are resolved when their pages are written
    # the pages that show the event (and their parent in the toctree, as Sphinx does)
    assert written == {"index", *PAGES}

    _, read, written = _build(make_app, srcdir, parallel)
    assert read == []  # nothing changed since: nothing is read, nothing written
    assert written == set()
