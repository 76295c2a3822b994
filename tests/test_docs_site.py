"""The documentation site builds cleanly, and its IASSIST section moves with the date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import groups, html, text, warnings

DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture
def build_docs(build_site: Callable[..., Any], tmp_path: Path) -> Callable[..., Any]:
    """Build docs/ where it is (it includes files from the repository), output in tmp."""

    def build(buildername: str = "html", **confoverrides: Any) -> Any:
        return build_site(DOCS, buildername, builddir=tmp_path, confoverrides=confoverrides)

    return build


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            "2021-04-01",
            {
                "Forthcoming": ["iassist-2021-virtual", "iassist-2021-sweden"],
                "Completed": ["iassist-2021-africa"],
            },
        ),
        (
            "2021-06-01",
            {
                "Forthcoming": ["iassist-2021-sweden"],
                "Completed": ["iassist-2021-virtual", "iassist-2021-africa"],
            },
        ),
    ],
)
def test_seed_page_rebuilt(
    build_docs: Callable[..., Any], today: str, expected: dict[str, list[str]]
) -> None:
    app = build_docs(iassist_today=today)
    assert warnings(app) == []
    page = html(app, "conferences/index")
    notice = page.select_one(".iassist-notice.iassist-notice-warning")
    assert notice is not None and notice["role"] == "note"
    assert (
        text(notice.select_one(".iassist-notice-title")) == "Changes to the IASSIST 2021 conference"
    )
    assert notice.select_one("blockquote") is not None
    listing = page.select_one(".iassist-event-list.iassist-style-buttons")
    assert groups(listing) == expected
    assert all(a.has_attr("href") for a in listing.select("a.iassist-button"))
    assert page.select_one('a[href$="code-of-conduct.html"]') is not None
    # each event's page is written by event-detail from the data, with its metadata
    for event_id in ("iassist-2021-virtual", "iassist-2021-sweden", "iassist-2021-africa"):
        own = html(app, f"conferences/{event_id}")
        (detail,) = own.select(".iassist-event-detail")
        assert detail["data-event-id"] == event_id
        assert text(detail.select_one(".iassist-organizer")).startswith("IASSIST")
        assert text(detail.select_one(".iassist-event-series")) == "IASSIST 2021"
        (script,) = own.select('script[type="application/ld+json"]')
        assert '"@type":"Event"' in script.get_text()
    sweden = html(app, "conferences/iassist-2021-sweden").select_one(".iassist-event-detail")
    assert text(sweden.select_one(".iassist-event-location address")) == "Gothenburg Sweden"


@pytest.mark.parametrize(
    "buildername", ["dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "xml"]
)
def test_docs_build_with_every_builder(build_docs: Callable[..., Any], buildername: str) -> None:
    app = build_docs(buildername, iassist_today="2021-04-01")
    assert warnings(app) == []
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file()
        and (
            p.suffix in {".html", ".xhtml", ".tex", ".txt", ".texi", ".xml"}
            or p.suffix[1:].isdigit()
        )  # man: .1-.9
    )
    flat = " ".join(written.split())
    for expected in (
        "Global Virtual Conference",
        "IASSIST/CESSDA Summit",
        "Forthcoming",
        "Completed",
    ):
        assert expected in flat, expected


def test_every_config_value_is_documented() -> None:
    from sphinx_iassist.config import CONFIG_VALUES

    configuration = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for value in CONFIG_VALUES:
        assert f"## `{value.name}`" in configuration, value.name
        assert f"[`{value.name}`]" in configuration, (
            f"{value.name} is missing from the summary table"
        )


def test_the_warnings_table_is_the_vocabulary() -> None:
    """docs/warnings.md has one row and one section for each subtype, and no others."""
    import re

    from sphinx_iassist.warnings import Subtype

    documented = (DOCS / "warnings.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[`iassist\.(\w+)`\]\(#iassist-(\w+)\) \|", documented, re.M)
    assert [name for name, _ in rows] == [anchor for _, anchor in rows]
    assert {name for name, _ in rows} == {s.value for s in Subtype}
    for subtype in Subtype:
        assert f"## `iassist.{subtype}`" in documented, subtype
        assert f"(iassist-{subtype})=" in documented, subtype


def test_every_warning_goes_through_the_vocabulary() -> None:
    """Only warnings.py logs a warning: every other module calls its ``warn`` with a
    :class:`Subtype`, so no warning has a subtype the docs do not list."""
    src = DOCS.parent / "src" / "sphinx_iassist"
    logging = [
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if "logger.warning(" in path.read_text(encoding="utf-8")
        or 'subtype="' in path.read_text(encoding="utf-8")
    ]
    assert logging == ["warnings.py"]


def test_the_demo_community_call_recurs(build_docs: Callable[..., Any]) -> None:
    app = build_docs(iassist_today="2021-08-01")
    assert warnings(app) == []
    page = html(app, "conferences/index")
    (call,) = page.select('[data-event-id="community-call"]')
    assert text(call.select_one(".iassist-recurrence")).startswith(
        "The second Tuesday of every month"
    )
    # August 10 is excluded: the next call is September 14
    assert call.select_one(".iassist-next time")["datetime"].startswith("2021-09-14T16:00")
    detail = html(app, "conferences/community-call").select_one(".iassist-event-detail")
    assert detail is not None and detail.select_one(".iassist-next") is not None
