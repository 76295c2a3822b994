"""``event-detail``: an event's own page from its data, in HTML (from an overridable
template) and every other builder; the located warnings of unknown and dropped ids; pages
written again when the day changes what they show."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import Tag
from helpers import html, iassist_warnings, text

ROOT = "detail"
EXPECTED_WARNINGS = [
    # the data's bad event, and the bad page's three directives, each located
    r"events\.yaml:\d+: WARNING: 'start' cannot be read",
    r"bad\.md:3: WARNING: event-detail: this page is no event's 'page'.*\[iassist\.ref\]",
    r"bad\.md:6: WARNING: event-detail: event 'broken' was left out \(events\.yaml:\d+\).*"
    r"\[iassist\.ref\]",
    r"bad\.md:9: WARNING: event-detail: unknown event id 'nosuch'.*\[iassist\.ref\]",
]


def detail(app: Any, docname: str, event_id: str) -> Tag:
    found = html(app, docname).select(f".iassist-event-detail[data-event-id='{event_id}']")
    assert len(found) == 1
    return found[0]


def assert_expected_warnings(app: Any) -> None:
    found = iassist_warnings(app)
    assert len(found) == len(EXPECTED_WARNINGS), found
    for pattern in EXPECTED_WARNINGS:
        assert any(re.search(pattern, w) for w in found), (pattern, found)


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_warnings_are_located(built: Any) -> None:
    assert_expected_warnings(built)


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_page_of_an_event_shows_it_without_an_argument(built: Any) -> None:
    root = detail(built, "sweden", "sweden")
    assert "iassist-status-rescheduled" in root["class"]
    status = root.select_one(".iassist-detail-status")
    assert "Rescheduled" in text(status)
    assert [t["datetime"] for t in status.select(".iassist-previous time")] == ["2020-05-26"]
    dates = root.select_one(".iassist-event-date")
    assert [t["datetime"] for t in dates.select("time")] == ["2021-05-31", "2021-06-03"]
    assert root.select_one(".iassist-zone") is None  # an all-day event names no zone
    assert text(root.select_one(".iassist-event-mode")) == "Hybrid"


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_location_organizer_image_and_text(built: Any) -> None:
    root = detail(built, "sweden", "sweden")
    address = root.select_one(".iassist-event-location address")
    lines = [s.strip() for s in address.stripped_strings]
    assert lines == [
        "Chalmers Conference Centre",
        "Chalmersplatsen 1",
        "412 96 Gothenburg",
        "Sweden",  # the code SE, named
    ]
    link = urlsplit(root.select_one("a.iassist-map")["href"])
    assert (link.scheme, link.netloc, link.path) == ("https", "www.openstreetmap.org", "/search")
    assert parse_qs(link.query)["query"] == [
        "Chalmers Conference Centre, Chalmersplatsen 1, 412 96 Gothenburg, Sweden"
    ]
    organizer = root.select_one(".iassist-organizer a")  # iassist_organizer, linked
    assert (text(organizer), organizer["href"]) == ("IASSIST", "https://iassistdata.org")
    image = root.select_one("img.iassist-event-image")
    assert image["alt"] == "IASSIST 2021 Gothenburg"
    copied = Path(built.outdir) / image["src"]
    assert copied.read_bytes() == (Path(built.srcdir) / "img" / "gothenburg.png").read_bytes()
    paragraphs = [text(p) for p in root.select(".iassist-event-description")]
    assert paragraphs == ["Four days of workshops & sessions.", 'Hosted by <Chalmers> "library".']
    assert root.select(".iassist-event-description b, .iassist-event-description chalmers") == []


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_actions_and_deadlines(built: Any) -> None:
    root = detail(built, "sweden", "sweden")
    actions = root.select(".iassist-actions a")
    assert [(a.get("href"), "iassist-button" in a["class"]) for a in actions] == [
        ("https://iassist2021.example.org", True),
        ("https://iassist2021.example.org/join", True),
        ("https://iassist2021.example.org/register", True),
        (None, True),  # the call closed on 15 January: not a link
    ]  # no recording before the event is over
    cfp = actions[3]
    assert "iassist-window-closed" in cfp["class"] and cfp["aria-disabled"] == "true"
    assert text(cfp) == "Call for proposals closed"
    assert "iassist-window-open" in actions[2]["class"]
    deadlines = root.select(".iassist-deadlines > ul > .iassist-deadline")
    assert [(d["data-iassist-at"], d.time["datetime"]) for d in deadlines] == [
        ("2021-01-16T12:00:00Z", "2021-01-15"),  # the CfP closes at the end of its day AoE
        ("2021-05-01T10:00:00Z", "2021-05-01T12:00+02:00"),
        ("2021-05-20T22:00:00Z", "2021-05-20"),  # registration closes at the end of the day
    ]
    assert [text(d.select_one(".iassist-distance-text")) for d in deadlines] == [
        "passed",
        "in 11 days",
        "in 30 days",
    ]
    assert "iassist-deadline-passed" in deadlines[0]["class"]
    # a day that ends anywhere on earth says so; one in the event's own zone does not
    assert f"{text(deadlines[0].time)} AoE" in text(deadlines[0])
    assert "AoE" not in text(deadlines[2])


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_moved_online_shows_online_and_the_former_place(built: Any) -> None:
    root = detail(built, "others", "tokyo")
    assert text(root.select_one(".iassist-event-mode")) == "Virtual"
    assert text(root.select_one(".iassist-was")) == "was: Tokyo Forum, Tokyo, Japan"
    assert root.select("a.iassist-map, address") == []
    dates = root.select_one(".iassist-event-date")
    assert dates["data-iassist-zone"] == "Asia/Tokyo"
    assert (dates["data-iassist-start"], dates["data-iassist-end"]) == (
        "2021-04-14T01:00:00Z",
        "2021-04-14T03:30:00Z",
    )
    assert text(root.select_one(".iassist-zone")) == "(Asia/Tokyo)"
    # over: the recording, and nothing to register for
    assert [a["href"] for a in root.select(".iassist-actions a")] == [
        "https://tokyo.example.org/recording"
    ]
    assert text(root.select_one(".iassist-organizer")) == "Data Society"


@pytest.mark.sphinx("html", testroot=ROOT)
@pytest.mark.test_params(shared_result="detail-html")
def test_postponed_and_cancelled(built: Any) -> None:
    later = detail(built, "others", "later")
    assert "Postponed" in text(later.select_one(".iassist-detail-status"))
    assert later.select_one(".iassist-previous time")["datetime"] == "2021-03-01"
    assert "openstreetmap.org" in later.select_one("a.iassist-map")["href"]
    gone = detail(built, "others", "gone")
    assert "Cancelled" in text(gone.select_one(".iassist-detail-status"))
    # a cancelled event offers no way to join
    assert [a["href"] for a in gone.select(".iassist-actions a")] == ["https://gone.example.org"]
    assert html(built, "bad").select(".iassist-event-detail") == []


@pytest.mark.parametrize(
    "builder", ["dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo", "xml"]
)
def test_every_builder(
    builder: str, make_app: Callable[..., Any], rootdir: Path, tmp_path: Path
) -> None:
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", srcdir)
    confoverrides = {"project": "Detail", "version": "1", "copyright": "2021"}
    app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    assert_expected_warnings(app)
    out = Path(app.outdir)
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".xml"}
    )
    for expected in (
        "IASSIST 2021 Gothenburg",
        "Rescheduled",
        "2020",  # the previous date
        "Chalmersplatsen 1",
        "Four days of workshops",
        "Registration closes",
        "in 30 days",
        "was: Tokyo Forum",
        "Asia/Tokyo",
        "Cancelled",
    ):
        assert expected in written or expected.replace("&", "&amp;") in written, (builder, expected)
    if builder in ("latex", "xml"):
        assert "https://iassist2021.example.org/register" in written


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"templates_path": ["_good"]})
def test_a_project_template_replaces_the_default(built: Any) -> None:
    root = detail(built, "sweden", "sweden")
    assert "my-detail" in root["class"]
    assert text(root.select_one(".my-title")) == "IASSIST 2021 Gothenburg"
    assert len(root.select(".my-deadline[data-iassist-at]")) == 3


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"templates_path": ["_broken"]})
def test_a_broken_template_is_a_located_warning_and_the_default(built: Any) -> None:
    found = [w for w in iassist_warnings(built) if "[iassist.template]" in w]
    assert len(found) == 1, found
    assert "event-detail.html:1:" in found[0]
    assert detail(built, "sweden", "sweden").select(".iassist-deadline")


def test_a_new_day_writes_the_page_again(
    build_site: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy(ROOT)
    app = build_site(srcdir)
    assert "in 30 days" in text(detail(app, "sweden", "sweden"))
    app = build_site(srcdir, confoverrides={"iassist_today": "2021-06-10"})
    root = detail(app, "sweden", "sweden")
    assert "in 30 days" not in text(root)
    # over: the recording instead of registration
    assert [a["href"] for a in root.select(".iassist-actions a")][-1] == (
        "https://iassist2021.example.org/recordings"
    )


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"language": "sv"})
def test_labels_and_plurals_are_translated(built: Any) -> None:
    root = detail(built, "sweden", "sweden")
    distances = [text(d) for d in root.select(".iassist-distance-text")]
    assert distances == ["passerat", "om 11 dagar", "om 30 dagar"]
    assert text(root.select_one(".iassist-action-register")) == "Anmäl dig"
    assert root.select_one(".iassist-event-location address").get_text("|").endswith("Sverige")
    # the lists name it the same way (the data writes the code SE)
    listed = html(built).select_one('.iassist-event[data-event-id="sweden"]')
    assert "Sverige" in text(listed) and "SE" not in text(listed).split()


def test_parallel_output_equals_serial(
    make_app: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    """Enough pages with details to be read and written in parallel (more than five)."""
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2)):
        srcdir = site_copy(ROOT, name)
        for n, event_id in enumerate(("tokyo", "later", "gone", "fest", "sweden", "tokyo")):
            (srcdir / f"extra{n}.md").write_text(
                f"# Extra {n}\n\n```{{event-detail}} {event_id}\n```\n", encoding="utf-8"
            )
        app = make_app("html", srcdir=srcdir, parallel=parallel)
        app.build()
        out = Path(app.outdir)
        outputs.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file() and p.suffix in {".html", ".ics", ".png"}
            }
        )
    assert outputs[0].keys() == outputs[1].keys()
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []
