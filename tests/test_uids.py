"""UIDs: ``<id>@<host of html_baseurl>``, else ``<id>@sphinx-iassist``; a new address
rewrites the calendars with the new UIDs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest

from sphinx_iassist.publish.outputs import uid_domain


@pytest.mark.parametrize(
    ("baseurl", "expected"),
    [
        ("https://Events.Example.org/docs/", "events.example.org"),
        ("http://example.org:8000/", "example.org"),
        ("", None),
        (None, None),
    ],
)
def test_uid_domain_is_the_host(baseurl: str | None, expected: str | None) -> None:
    assert uid_domain(baseurl) == expected


def uids(outdir: Path) -> set[str]:
    files = [outdir / "events.ics", *(outdir / "_ics").rglob("*.ics")]
    found = set()
    for path in files:
        for vevent in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            found.add(str(vevent["UID"]).split("@", 1)[1])
    return found


def test_uids_follow_html_baseurl(site_copy: Any, build_site: Any) -> None:
    srcdir = site_copy("subscribe")
    app = build_site(srcdir)
    outdir = Path(app.outdir)
    assert uids(outdir) == {"sphinx-iassist"}
    build_site(srcdir, confoverrides={"html_baseurl": "https://events.example.org/docs/"})
    assert uids(outdir) == {"events.example.org"}  # every file, series and tags included
    build_site(srcdir, confoverrides={"html_baseurl": "https://new.example.net/"})
    assert uids(outdir) == {"new.example.net"}
