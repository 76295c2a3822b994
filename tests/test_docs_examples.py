"""What the documentation tells a reader to do works, and does what it says.

- ``docs/getting-started.md``: its ``conf.py``, ``events.yaml`` and ``events.md``, copied
  as they are, build without a warning and show both groups, whatever day it is.
- ``docs/warnings.md``: an option a directive does not have, and an option with a bad
  value, behave as described there, in Markdown and in reStructuredText.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import groups, html, warnings
from markdown_it import MarkdownIt

DOCS = Path(__file__).parent.parent / "docs"


def captioned_blocks(page: Path) -> dict[str, str]:
    """The ``{code-block}`` blocks of a MyST page that have a ``:caption:``, by caption."""
    blocks = {}
    for token in MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8")):
        if token.type != "fence" or not token.info.startswith("{code-block}"):
            continue
        options, _, code = token.content.partition("\n\n")
        caption = re.search(r"^:caption: (.+)$", options, re.MULTILINE)
        if caption:
            blocks[caption.group(1).strip()] = code
    return blocks


@pytest.mark.parametrize("today", [None, "2089-12-31"])
def test_getting_started_example_shows_both_groups(
    make_app: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str | None
) -> None:
    """``None``: the real date of the test run, as a reader who copies the page gets it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    blocks = captioned_blocks(DOCS / "getting-started.md")
    assert {"conf.py", "events.yaml", "events.md", "events.rst"} <= blocks.keys()
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    for name in ("conf.py", "events.yaml", "events.md"):
        (srcdir / name).write_text(blocks[name], encoding="utf-8")

    overrides = {"root_doc": "events"} | ({"iassist_today": today} if today else {})
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert warnings(app) == []
    listing = html(app, "events").select_one(".iassist-event-list")
    assert listing is not None
    assert groups(listing) == {
        "Forthcoming": ["annual-conference-2090"],
        "Completed": ["spring-workshop-2021"],
    }
    as_of = listing.select_one(".iassist-as-of time")
    assert as_of is not None
    assert as_of["datetime"] == (today or datetime.now(UTC).date().isoformat())


@pytest.mark.sphinx("html", testroot="unknown-option")
@pytest.mark.test_params(shared_result="test_docs_examples")
def test_unknown_option_in_markdown_warns_and_keeps_the_directive(built: Any) -> None:
    found = [w for w in warnings(built) if "colour" in w and "[myst.directive_option]" in w]
    assert len(found) == 1, warnings(built)
    assert "index.md" in found[0] and "event-list" in found[0]
    page = html(built)
    assert page.select_one(".iassist-event-list.unknown-option [data-event-id=summit]")


@pytest.mark.sphinx("html", testroot="unknown-option")
@pytest.mark.test_params(shared_result="test_docs_examples")
def test_unknown_option_in_rst_is_an_error_and_drops_the_directive(built: Any) -> None:
    found = [w for w in warnings(built) if "page.rst:4: ERROR" in w]
    assert len(found) == 1, warnings(built)
    assert 'Error in "event-list" directive' in found[0]
    assert 'unknown option: "colour"' in built.warning.getvalue()
    page = html(built, "page")
    assert page.select_one(".unknown-option") is None
    assert page.select_one(".iassist-event-list.bad-value") is not None


@pytest.mark.sphinx("html", testroot="unknown-option")
@pytest.mark.test_params(shared_result="test_docs_examples")
@pytest.mark.parametrize(("document", "line"), [("index.md", 12), ("page.rst", 8)])
def test_bad_value_warns_at_the_directive_and_uses_the_default(
    built: Any, document: str, line: int
) -> None:
    found = [w for w in warnings(built) if "option :style: 'grid'" in w]
    assert any(
        f"{document}:{line}: WARNING" in w and w.endswith("[iassist.option]") for w in found
    ), found
    page = html(built, document.split(".")[0])
    listing = page.select_one(".iassist-event-list.bad-value")
    assert listing is not None and "iassist-style-list" in listing["class"]
