"""Small helpers shared by the Sphinx-building tests."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sphinx
from bs4 import BeautifulSoup, Tag

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def html(app: Any, docname: str = "index") -> BeautifulSoup:
    """The parsed HTML of ``docname`` as written by ``app``."""
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def warnings(app: Any) -> list[str]:
    """The warnings of a build, one per entry, without colour codes."""
    text = ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def iassist_warnings(app: Any) -> list[str]:
    return [w for w in warnings(app) if "[iassist." in w]


def event_ids(scope: Tag) -> list[str]:
    return [str(e["data-event-id"]) for e in scope.select(".iassist-event")]


def groups(event_list: Tag) -> dict[str, list[str]]:
    """Group heading (or key) → event ids, in page order."""
    result: dict[str, list[str]] = {}
    for group in event_list.select(".iassist-event-group"):
        heading = group.select_one(".iassist-event-group-title")
        key = heading.get_text(strip=True) if heading else str(group["data-iassist-group"])
        result[key] = event_ids(group)
    return result


def text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def ics_calendar(data: bytes) -> Any:
    """Parse with ``ics``, undoing a side effect of its parser.

    TatSu (the parser ``ics`` 0.7 uses) calls ``colorama.init()`` on every content line,
    wrapping ``sys.stdout``/``sys.stderr`` once more each time; after about a thousand lines
    in one process (``pytest -s``) writing to stderr overflows the stack and kills Python.
    """
    import sys

    import ics

    saved = sys.stdout, sys.stderr
    try:
        return ics.Calendar(data.decode("utf-8"))
    finally:
        sys.stdout, sys.stderr = saved


def ev(**fields: Any) -> Any:
    """A valid event for the pure-module tests (all-day on 2024-06-10 unless told)."""
    from sphinx_iassist.readers.event import build_event

    raw = {"id": "ev", "title": "An event", "start": "2024-06-10", **fields}
    event, problems = build_event(raw, default_timezone="Europe/Stockholm")
    assert event is not None, problems
    assert not problems
    return event


def page_url(event: Any) -> str:
    return f"https://example.org/events/{event.id}.html"


# -- dates, whatever CLDR release formats them -------------------------------------------------
#
# Babel's CLDR data changes the punctuation and spacing of dates between releases (thin or
# no spaces around a range's dash, "Sep" or "Sept"), so tests assert what a date says —
# its numbers, month names, day periods and zone names, in order — not how it is typeset.

#: a number, a clock time (``9:00``, ``22:00``) or a run of letters
_WORD = re.compile(r"\d+(?::\d+)*|[^\W\d_]+")


def words(text: str) -> list[str]:
    """The words, numbers and clock times of ``text``, without punctuation or spacing."""
    return _WORD.findall(text)


def month(language: str, number: int, width: str = "abbreviated") -> str:
    """Month ``number`` as ``language`` writes it in dates (CLDR's format form), without its
    abbreviation dot: ``month("de", 9)`` is ``"Sept"``, ``month("sv", 9)`` is ``"sep"``."""
    from babel.dates import get_month_names

    return words(get_month_names(width, context="format", locale=language)[number])[0]


def assert_says(text: str, *parts: str) -> None:
    """``text`` says every one of ``parts`` (words, numbers, clock times), in this order;
    other words may stand between them."""
    found = words(text)
    position = 0
    for part in parts:
        if part not in found[position:]:
            raise AssertionError(f"{text!r} does not say {parts} in this order: {part!r}")
        position = found.index(part, position) + 1


def make_pdf(make: str, outdir: Path, name: str) -> str:
    """Run what ``sphinx-build -M latexpdf`` runs after the LaTeX builder in ``outdir``;
    assert it made ``<name>.pdf`` without a TeX error, and return TeX's log."""
    done = subprocess.run(
        [make, "all-pdf", "LATEXOPTS=-halt-on-error -interaction=nonstopmode"],
        cwd=outdir,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    log = (outdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert done.returncode == 0 and not errors, errors or done.stdout[-3000:]
    assert (outdir / f"{name}.pdf").stat().st_size > 0
    return log


#: Sphinx < 8.2 writes the root document in every build that writes anything (its
#: Builder.write adds it); every Sphinx adds the toctree parents of what it writes
SPHINX_WRITES_THE_ROOT_TOO = sphinx.version_info < (8, 2)


def writes(*docnames: str) -> set[str]:
    """The pages Sphinx writes in a build that must write *docnames* (roots whose pages
    have no toctree parent but the root)."""
    pages = set(docnames)
    if pages and SPHINX_WRITES_THE_ROOT_TOO:
        pages.add("index")
    return pages


def recorded_build(
    make_app: Callable[..., Any], srcdir: Path, **kwargs: Any
) -> tuple[set[str], set[str], Any]:
    """Build ``srcdir`` with a new app (as ``sphinx-build`` run again), then clean it up;
    the documents the build read, those it wrote, and the app."""
    read: list[str] = []
    written: set[str] = set()
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    # in the build process also with -j 2 (html-page-context is not)
    app.connect("doctree-resolved", lambda app, doctree, docname: written.add(docname))
    try:
        app.build()
    finally:
        app.cleanup()
    return set(read), written, app
