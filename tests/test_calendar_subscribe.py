"""``calendar-subscribe`` and the series and tag calendars behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, iassist_warnings, text
from ical.calendar_stream import IcsCalendarStream

from sphinx_iassist.publish.subscriptions import feeds, slug, subscription_urls

BASE = "https://events.example.org/docs/"
#: the warnings of test-subscribe whatever the site's address: two series names that share
#: a file, and a tag no event has
DATA_WARNINGS = [
    ("events.yaml:17", "iassist.data", "'data-day'"),
    ("index.md:16", "iassist.ref", "'nothing-here'"),
]


def assert_warnings(app: Any, expected: list[tuple[str, str, str]]) -> None:
    found = iassist_warnings(app)
    assert len(found) == len(expected), found
    for (where, subtype, says), line in zip(expected, sorted(found), strict=True):
        assert where in line and f"[{subtype}]" in line and says in line, line


def read(app: Any, path: str) -> tuple[icalendar.Calendar, Any]:
    """The calendar at ``path`` of the output, read by icalendar and by the strict ``ical``."""
    data = (Path(app.outdir) / path).read_bytes()
    return icalendar.Calendar.from_ical(data), IcsCalendarStream.calendar_from_ics(data.decode())


# -- slugs and addresses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IASSIST 2021", "iassist-2021"),
        ("  Data -- Day!  ", "data-day"),
        ("Möte i Malmö", "mote-i-malmo"),
        ("a_b.c", "a-b-c"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_a_name_without_latin_letters_is_stable_and_distinct() -> None:
    assert slug("日本") == slug("日本") != slug("中国")
    assert slug("日本").startswith("x-")


def test_subscription_urls() -> None:
    assert subscription_urls("https://ex.org/docs", "_ics/series/a.ics") == (
        "webcal://ex.org/docs/_ics/series/a.ics",
        "https://ex.org/docs/_ics/series/a.ics",
    )


def test_feeds_do_not_depend_on_the_order_of_the_data(rootdir: Path) -> None:
    from sphinx_iassist.readers.catalog import load_catalog

    events = load_catalog([rootdir / "test-subscribe" / "events.yaml"]).events
    assert feeds(events) == feeds(list(reversed(events)))


# -- the files -----------------------------------------------------------------------------

with_address = [
    pytest.mark.sphinx("html", testroot="subscribe", confoverrides={"html_baseurl": BASE}),
    pytest.mark.test_params(shared_result="test_calendar_subscribe"),
]


def uids(calendar: icalendar.Calendar) -> list[str]:
    return [str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")]


@pytest.mark.sphinx("html", testroot="subscribe", confoverrides={"html_baseurl": BASE})
@pytest.mark.test_params(shared_result="test_calendar_subscribe")
def test_every_series_and_tag_has_a_calendar(built: Any) -> None:
    assert_warnings(built, DATA_WARNINGS)
    folder = Path(built.outdir) / "_ics"
    assert sorted(p.name for p in (folder / "series").iterdir()) == [
        "data-day.ics",
        "mote-i-malmo.ics",
    ]
    assert sorted(p.name for p in (folder / "tags").iterdir()) == ["africa.ics", "training.ics"]
    # "Data Day" and "data day" are one series; "data-day" shares their file (warned)
    loose, strict = read(built, "_ics/series/data-day.ics")
    assert uids(loose) == ["day-2030", "day-2031", "clash"]
    assert [e.summary for e in strict.events] == ["Data Day 2030", "Data Day 2031", "Clash"]
    # named after the project (SPEC), described by the series
    assert str(loose["X-WR-CALNAME"]) == str(loose["NAME"]) == "Data Society"
    assert str(loose["X-WR-CALDESC"]) == str(loose["DESCRIPTION"]) == "Data Day"
    loose, strict = read(built, "_ics/tags/training.ics")
    assert uids(loose) == ["day-2030", "malmo"]
    assert uids(read(built, "_ics/series/mote-i-malmo.ics")[0]) == ["malmo"]
    # a series file holds the same events as events.ics, byte for byte
    whole = (Path(built.outdir) / "events.ics").read_bytes()
    for vevent in loose.walk("VEVENT"):
        assert vevent.to_ical() in whole


@pytest.mark.sphinx("html", testroot="subscribe", confoverrides={"html_baseurl": BASE})
@pytest.mark.test_params(shared_result="test_calendar_subscribe")
def test_boxes_give_webcal_and_https_addresses(built: Any) -> None:
    page = html(built)
    boxes = page.select(".iassist-subscribe")
    assert [b["data-iassist-calendar"] for b in boxes] == [
        "events.ics",
        "_ics/series/data-day.ics",
        "_ics/tags/training.ics",
    ]
    assert text(boxes[0].select_one(".iassist-subscribe-title")) == "Subscribe to Data Society"
    series = page.select_one(".series-box .iassist-subscribe")
    webcal = series.select_one("a.iassist-subscribe-webcal")
    https = series.select_one("a.iassist-subscribe-url")
    assert (
        webcal["href"] == webcal.text == "webcal://events.example.org/docs/_ics/series/data-day.ics"
    )
    assert https["href"] == https.text == f"{BASE}_ics/series/data-day.ics"
    button = series.select_one("button.iassist-copy")
    assert button["type"] == "button" and button.has_attr("hidden")  # shown by the script
    assert series.select_one('[role="status"]') is not None
    deeper = html(built, "more/page").select_one("a.iassist-subscribe-url")
    assert deeper["href"] == f"{BASE}_ics/series/mote-i-malmo.ics"


@pytest.mark.sphinx("html", testroot="subscribe")
def test_without_html_baseurl_links_are_relative_and_the_build_warns_once(built: Any) -> None:
    assert_warnings(built, [*DATA_WARNINGS, ("index.md:8", "iassist.config", "needs html_baseurl")])
    deeper = html(built, "more/page").select_one(".iassist-subscribe")
    assert deeper.select_one("a.iassist-subscribe-webcal") is None
    link = deeper.select_one("a.iassist-subscribe-url")
    assert link["href"] == "../_ics/series/mote-i-malmo.ics"
    assert (Path(built.outdir) / "more" / link["href"]).resolve().is_file()


@pytest.mark.sphinx("text", testroot="subscribe", confoverrides={"html_baseurl": BASE})
def test_other_builders_show_the_addresses(built: Any) -> None:
    written = (Path(built.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Subscribe to Data Day" in written
    written = "".join(written.split())  # the text writer wraps long addresses
    assert "webcal://events.example.org/docs/_ics/series/data-day.ics" in written
    assert f"{BASE}_ics/tags/training.ics" in written
    assert not (Path(built.outdir) / "_ics").exists()


@pytest.mark.sphinx("latex", testroot="subscribe", confoverrides={"html_baseurl": BASE})
def test_latex_links_the_addresses(built: Any) -> None:
    written = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxurl{https://events.example.org/docs/\_ics/series/data-day.ics}" in written
    assert r"\sphinxurl{webcal://events.example.org/docs/\_ics/series/data-day.ics}" in written


def test_a_series_gone_from_the_data_loses_its_file(site_copy: Any, build_site: Any) -> None:
    srcdir = site_copy("subscribe")
    build_site(srcdir, confoverrides={"html_baseurl": BASE})
    folder = srcdir / "_build" / "html" / "_ics"
    assert (folder / "series" / "mote-i-malmo.ics").is_file()
    data = srcdir / "events.yaml"
    data.write_text(data.read_text().replace("  series: Möte i Malmö\n", ""), encoding="utf-8")
    (srcdir / "more" / "page.md").write_text("# Deeper\n", encoding="utf-8")
    build_site(srcdir, confoverrides={"html_baseurl": BASE})
    assert not (folder / "series" / "mote-i-malmo.ics").exists()
    assert (folder / "series" / "data-day.ics").is_file()


BUILDERS = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "latex": "*.tex",
    "epub": "index.xhtml",
    "text": "index.txt",
    "man": "*.1",
    "texinfo": "*.texi",
    "xml": "index.xml",
}


@pytest.mark.parametrize(
    "buildername",
    [pytest.param(name, marks=pytest.mark.sphinx(name)) for name in sorted(BUILDERS)],
)
@pytest.mark.sphinx(testroot="subscribe", freshenv=True, confoverrides={"html_baseurl": BASE})
def test_every_builder_shows_the_boxes(app: Any, buildername: str) -> None:
    app.build()
    # the clash of two series' files is found where the files are written: HTML builders
    writes_calendars = buildername in ("html", "dirhtml", "singlehtml")
    assert_warnings(app, DATA_WARNINGS if writes_calendars else DATA_WARNINGS[1:])
    files = sorted(Path(app.outdir).rglob(BUILDERS[buildername]))
    assert files
    output = "\n".join(f.read_text(encoding="utf-8") for f in files)
    assert "Subscribe to Data Day" in " ".join(output.split())
    # without the escapes and break hints of LaTeX, Texinfo and man
    squeezed = "".join(output.split()).replace("\\:", "").replace("\\", "").replace("@", "")
    assert "events.example.org/docs/_ics/series/data-day.ics" in squeezed, buildername
    assert "calendar_subscribe" not in output  # the placeholder is resolved


@pytest.mark.sphinx("html", testroot="subscribe", confoverrides={"html_baseurl": BASE})
@pytest.mark.test_params(shared_result="test_calendar_subscribe")
def test_rest_and_myst_give_the_same_box(built: Any) -> None:
    myst = html(built).select_one(".series-box")
    rest = html(built, "rst").select_one(".series-box")
    assert rest is not None and str(rest) == str(myst)
