"""The add-to-calendar menu: its Google Calendar and Outlook links, decoded, and where it is
offered (every list style; only events neither over nor cancelled)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from helpers import ev, html, text

from sphinx_iassist.publish.add_event import google_calendar_url, outlook_url

STYLES = ("list", "buttons", "cards", "table")
OFFERED = {"talk", "summit", "now"}  # not over on 2030-01-10, not cancelled


def query(url: str) -> tuple[str, dict[str, str]]:
    """The address without its query, and each parameter's one value."""
    parts = urlsplit(url)
    params = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in params.values()), params
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in params.items()}


# -- the links, from the pure module -------------------------------------------------------


def test_google_timed_event_in_utc() -> None:
    event = ev(
        start="2030-03-10T14:00",
        end="2030-03-10T16:00",
        timezone="Europe/Berlin",
        title="Q&A #1 ?x=y",
        location={"venue": "Hall A; Room 1", "city": "Berlin"},
    )
    base, params = query(google_calendar_url(event, url="https://example.org/talk.html"))
    assert base == "https://calendar.google.com/calendar/render"
    assert params["action"] == "TEMPLATE"
    assert params["text"] == "Q&A #1 ?x=y"  # one parameter, whatever the title holds
    assert params["dates"] == "20300310T130000Z/20300310T150000Z"  # CET is UTC+1
    assert params["location"] == "Hall A; Room 1, Berlin"
    assert params["details"].endswith("https://example.org/talk.html")


def test_google_all_day_event_ends_the_day_after() -> None:
    event = ev(start="2030-05-17", end="2030-05-20", summary="Four days.")
    _, params = query(google_calendar_url(event, url=None))
    assert params["dates"] == "20300517/20300521"
    assert params["details"] == "Four days."
    assert "location" not in params


def test_outlook_timed_event_in_utc() -> None:
    event = ev(start="2030-07-01T09:30", end="2030-07-01T11:00", timezone="America/New_York")
    base, params = query(outlook_url(event, url="https://example.org/e.html"))
    assert base == "https://outlook.live.com/calendar/0/deeplink/compose"
    assert params["rru"] == "addevent" and params["path"] == "/calendar/action/compose"
    assert params["subject"] == "An event"
    assert params["startdt"] == "2030-07-01T13:30:00Z"  # EDT is UTC-4
    assert params["enddt"] == "2030-07-01T15:00:00Z"
    assert "allday" not in params
    assert params["body"] == "https://example.org/e.html"


def test_outlook_all_day_event() -> None:
    event = ev(start="2030-05-17", end="2030-05-20", mode="virtual")
    _, params = query(outlook_url(event))
    assert params["allday"] == "true"
    assert (params["startdt"], params["enddt"]) == ("2030-05-17", "2030-05-21")
    assert params["location"] == "Online"
    assert "body" not in params


def test_a_country_code_is_named_in_links_and_calendars() -> None:
    from sphinx_iassist.publish.add_event import location_text

    for written in ("SE", "SWE"):
        event = ev(location={"city": "Gothenburg", "country": written})
        assert location_text(event) == "Gothenburg, Sweden"
        _, params = query(google_calendar_url(event, url=None))
        assert params["location"] == "Gothenburg, Sweden"
    # a name is kept as written
    assert location_text(ev(location={"city": "Malmö", "country": "Sverige"})) == "Malmö, Sverige"


def test_newlines_and_non_ascii_survive() -> None:
    event = ev(title="Möte i Malmö — 日本", summary="Line one & more")
    for link in (
        google_calendar_url(event, url="https://example.org/ö"),
        outlook_url(event, url="https://example.org/ö"),
    ):
        assert link.isascii() and "\n" not in link and " " not in link
        _, params = query(link)
        title = params.get("text") or params["subject"]
        assert title == "Möte i Malmö — 日本"
        assert (
            params.get("details") or params["body"]
        ) == "Line one & more\n\nhttps://example.org/ö"


# -- the menu on the pages -----------------------------------------------------------------


def menus(app: Any, style: str) -> dict[str, Any]:
    """Event id -> its menu, in the list of ``style``."""
    page = html(app)
    found = {}
    for menu in page.select(f".{style}-style .iassist-add-to-calendar"):
        found[menu.find_parent(class_="iassist-event")["data-event-id"]] = menu
    return found


@pytest.mark.sphinx(
    "html",
    testroot="add-to-calendar",
    confoverrides={"html_baseurl": "https://events.example.org/docs/"},
)
@pytest.mark.test_params(shared_result="test_add_to_calendar")
@pytest.mark.parametrize("style", STYLES)
def test_every_style_offers_the_menu_to_events_still_to_come(built_clean: Any, style: str) -> None:
    found = menus(built_clean, style)
    assert set(found) == OFFERED  # not the cancelled one, not the one that is over
    for menu in found.values():
        assert menu.name == "details"
        assert text(menu.summary) == "Add to calendar"
        assert [a["class"][0] for a in menu.select("a")] == [
            "iassist-ics",
            "iassist-calendar-google",
            "iassist-calendar-outlook",
        ]
        assert menu.find_parent("p") is None  # <details> is no phrasing content


@pytest.mark.sphinx(
    "html",
    testroot="add-to-calendar",
    confoverrides={"html_baseurl": "https://events.example.org/docs/"},
)
@pytest.mark.test_params(shared_result="test_add_to_calendar")
def test_menu_links_carry_the_event(built_clean: Any) -> None:
    found = menus(built_clean, "list")
    talk = found["talk"]
    _, google = query(talk.select_one("a.iassist-calendar-google")["href"])
    assert google["text"] == "Q&A: data & code #1 ?x=y"
    assert google["dates"] == "20300310T130000Z/20300310T150000Z"
    assert google["location"] == "Hall A; Room 1, Berlin, Germany"
    assert (
        google["details"]
        == "Bring questions, and answers.\n\nhttps://events.example.org/docs/talk.html"
    )
    _, outlook = query(found["summit"].select_one("a.iassist-calendar-outlook")["href"])
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        "2030-05-17",
        "2030-05-21",
        "true",
    )
    assert outlook["body"] == "https://example.org/summit"  # no page of its own: its url
    assert talk["data-iassist-end"] == "2030-03-10T15:00:00Z"
    ics = talk.select_one("a.iassist-ics")
    assert ics["download"] == "talk.ics"
    calendar = icalendar.Calendar.from_ical((Path(built_clean.outdir) / ics["href"]).read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Q&A: data & code #1 ?x=y"]


@pytest.mark.sphinx("html", testroot="add-to-calendar")
def test_without_html_baseurl_the_details_hold_the_url_only(built: Any) -> None:
    found = menus(built, "cards")
    _, google = query(found["talk"].select_one("a.iassist-calendar-google")["href"])
    assert google["details"] == "Bring questions, and answers."  # no address to link back to
    _, google = query(found["summit"].select_one("a.iassist-calendar-google")["href"])
    assert google["details"] == "https://example.org/summit"


@pytest.mark.sphinx("html", testroot="add-to-calendar", confoverrides={"iassist_ics": False})
def test_without_calendar_files_the_menu_keeps_the_online_calendars(built: Any) -> None:
    menu = menus(built, "list")["summit"]
    assert menu.select_one("a.iassist-ics") is None
    assert menu.select_one("a.iassist-calendar-google") is not None


@pytest.mark.sphinx("text", testroot="add-to-calendar")
def test_other_builders_get_no_menu(built_clean: Any) -> None:
    written = (Path(built_clean.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Data Summit" in written
    assert "Calendar file" not in written and "calendar.google.com" not in written


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".ics"} and "_sources" not in p.parts
    }


def test_menus_and_subscriptions_are_parallel_safe_and_reproducible(
    site_copy: Any, build_site: Any
) -> None:
    """Enough pages for Sphinx to read and write in parallel, each with a list in every
    style and a subscription box: ``-j 2`` gives the bytes of ``-j 1``, and so does a
    second build from scratch."""
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2), ("again", 1)):
        srcdir = site_copy("add-to-calendar", name)
        pages = [f"page-{n}" for n in range(8)]
        for page in pages:
            boxes = "```{calendar-subscribe}\n```\n\n```{event-list}\n:style: cards\n```\n"
            (srcdir / f"{page}.md").write_text(f"# {page}\n\n{boxes}", encoding="utf-8")
        index = srcdir / "index.md"
        index.write_text(
            index.read_text().replace("talk\n", "talk\n" + "\n".join(pages) + "\n"),
            encoding="utf-8",
        )
        app = build_site(
            srcdir, parallel=parallel, confoverrides={"html_baseurl": "https://ex.org/"}
        )
        outputs.append(_outputs(Path(app.outdir)))
    assert any("_ics" in name for name in outputs[0])
    for other in outputs[1:]:
        assert other.keys() == outputs[0].keys()
        assert [name for name in outputs[0] if outputs[0][name] != other[name]] == []


def test_a_new_day_takes_the_menu_off_an_event_now_over(
    site_copy: Any, build_site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Grouped by year in start order, an event that ends keeps its place: the page is
    still written again (not read) on the day after, without its menu."""
    srcdir = site_copy("add-to-calendar")
    (srcdir / "by-year.md").write_text(
        "# By year\n\n```{event-list}\n:group-by: year\n:order: asc\n```\n", encoding="utf-8"
    )
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("talk\n", "talk\nby-year\n"), encoding="utf-8")
    day = {"iassist_today": None}  # the day of SOURCE_DATE_EPOCH: a new day is no new config
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(datetime(2030, 3, 9, 12, tzinfo=UTC).timestamp()))
    )
    app = build_site(srcdir, confoverrides=day)
    assert "talk" in menus_in(app, "by-year")
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(datetime(2030, 3, 11, 12, tzinfo=UTC).timestamp()))
    )
    app = build_site(srcdir, confoverrides=day)
    assert "talk" not in menus_in(app, "by-year")
    assert "summit" in menus_in(app, "by-year")


def menus_in(app: Any, docname: str) -> set[str]:
    page = html(app, docname)
    return {
        menu.find_parent(class_="iassist-event")["data-event-id"]
        for menu in page.select(".iassist-add-to-calendar")
    }


@pytest.mark.parametrize(
    "when",
    [{}, {"start": "2030-03-10T14:00", "end": "2030-03-10T16:00", "timezone": "Europe/Berlin"}],
)
def test_links_are_what_urlencode_gives(when: dict[str, str]) -> None:
    from urllib.parse import quote, urlencode

    from sphinx_iassist.publish.add_event import add_links

    event = ev(
        title='A & B = "C"? #1 + 50% / ö',
        summary="Line one\nline two; a=b&c",
        location={"venue": "Hall +1", "city": "Malmö", "country": "SE"},
        **when,
    )
    url = "https://example.org/a b?c=d&e"
    both = add_links(event, url=url)
    assert (both.google, both.outlook) == (
        google_calendar_url(event, url=url),
        outlook_url(event, url=url),
    )
    for link in (both.google, both.outlook):
        _, params = query(link)
        assert urlsplit(link).query == urlencode(params, quote_via=quote, safe="/")
