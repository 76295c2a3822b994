"""Translations, localised dates and time zones (issue 7).

The ``test-i18n`` root is shaped like the seed page: a notice box with an event button, the
IASSIST 2021 events grouped Forthcoming/Completed as buttons, the same events as a list with
their dates, and a timed webinar across the end of daylight saving time.
"""

from __future__ import annotations

import gettext
import importlib.util
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from helpers import assert_says, month, words

from sphinx_iassist.dates.formatting import (
    Segment,
    event_segments,
    get_locale,
    range_segments,
    segments_text,
)
from sphinx_iassist.model import Event
from sphinx_iassist.readers.event import build_event

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "src" / "sphinx_iassist" / "locale"
LANGUAGES = ("de", "es", "fr", "sv")
NOTICE_TITLE = "Changes to the IASSIST 2021 conference"
BUTTON_LABEL = "Read the announcement"


# -- helpers ---------------------------------------------------------------------------------


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", REPO / "tools" / "update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built(app: Any) -> Any:
    """``app`` built; it must not warn."""
    app.build()
    assert app.warning.getvalue() == ""
    return app


def in_language(language: str, **confoverrides: Any) -> pytest.MarkDecorator:
    """The i18n root built in ``language``."""
    return pytest.mark.sphinx(
        "html", testroot="i18n", confoverrides={"language": language, **confoverrides}
    )


def compile_po(po: Path, mo: Path) -> None:
    """What ``sphinx-intl build`` / ``pybabel compile`` do, with Babel's API."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as handle:
        write_mo(handle, catalog)


def page(app: Any, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "lxml")


def event_dates(soup: BeautifulSoup, event_id: str) -> Tag:
    """The date range of an event in the ``:style: list`` event list."""
    item = soup.select_one(f".iassist-style-list [data-event-id='{event_id}']")
    assert item is not None, event_id
    dates = item.select_one(".iassist-event-date")
    assert dates is not None
    return dates


def prose_dates(soup: BeautifulSoup) -> list[Tag]:
    """The ``{event-date}`` ranges in the page's prose (summit, then webinar)."""
    prose = next(p for p in soup.find_all("p") if p.get_text().startswith("The summit is on"))
    return prose.select(".iassist-event-date")


def stamped(segments: list[Segment]) -> list[Segment]:
    """The segments that show an instant (the start, then the end)."""
    return [s for s in segments if s.datetime]


def assert_range(dates: Tag, start_day: str, end_day: str, *parts: str) -> None:
    """A date range in HTML: the start and the end each in their ``<time>``, saying their
    day, the start first, and the whole range saying ``parts`` in order."""
    times = dates.select("time")
    assert len(times) == 2, dates
    assert start_day in words(times[0].get_text()), times[0]
    assert end_day in words(times[1].get_text()), times[1]
    assert_says(dates.get_text(), start_day, end_day)
    assert_says(dates.get_text(), *parts)


def timed_event(start: str, end: str, zone: str = "Europe/Stockholm") -> Event:
    event, problems = build_event(
        {"id": "webinar", "title": "Webinar", "start": start, "end": end, "timezone": zone}
    )
    assert event is not None, problems
    return event


# -- the shipped catalog ---------------------------------------------------------------------


def test_catalogs_are_complete_and_up_to_date() -> None:
    """Every message of the code is in the .pot, translated in every language, and the
    committed .po/.mo are what ``tools/update_catalogs.py`` would write."""
    tool = load_tool()
    files, problems = tool.planned_files()
    assert problems == []
    assert [p.relative_to(REPO) for p in tool.outdated(files)] == []
    assert tool.languages() == list(LANGUAGES)


def test_catalog_check_compares_messages_not_generator_headers() -> None:
    """Another Babel release (``Generated-By``, the line it gives a multi-line call's
    message) or a new date is no change; a changed translation or a message moved to
    another file is."""
    tool = load_tool()
    po = LOCALE / "de" / "LC_MESSAGES" / "sphinx_iassist.po"
    text = po.read_text(encoding="utf-8")
    assert '"Generated-By: Babel' in text and '"PO-Revision-Date: ' in text

    def changed(old: str, new: str) -> bytes:
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")

    header = text.split("\n\n", 1)[0]
    regenerated = "\n".join(
        '"Generated-By: Babel 9.99.0\\n"'
        if line.startswith('"Generated-By:')
        else '"PO-Revision-Date: 2099-01-01 00:00+0000\\n"'
        if line.startswith('"PO-Revision-Date:')
        else line
        for line in header.splitlines()
    )
    assert tool._same(po, text.encode(), changed(header, regenerated))
    assert not tool._same(po, text.encode(), changed('msgstr "Kommende"', 'msgstr "Bald"'))
    first = re.search(r"labels\.py:\d+\n", text)
    assert first is not None
    assert tool._same(po, text.encode(), changed(first.group(), "labels.py:999\n"))
    assert not tool._same(po, text.encode(), changed(first.group(), "roles.py:20\n"))

    mo = po.with_suffix(".mo")
    catalog = tool.merged("de", tool.extract())
    assert tool._same(mo, mo.read_bytes(), tool._mo_bytes(catalog))
    catalog["Forthcoming"].string = "Bald"
    assert not tool._same(mo, mo.read_bytes(), tool._mo_bytes(catalog))


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_translates_every_message(language: str) -> None:
    with (LOCALE / "sphinx_iassist.pot").open("rb") as handle:
        template = read_po(handle)
    with (LOCALE / language / "LC_MESSAGES" / "sphinx_iassist.po").open("rb") as handle:
        catalog = read_po(handle)
    translation = gettext.translation("sphinx_iassist", LOCALE, [language])
    msgids = [m.id for m in template if m.id]
    assert "Forthcoming" in msgids and "as of %s" in msgids
    for msgid in msgids:
        assert catalog[msgid].string, msgid
        if isinstance(msgid, tuple):  # a message with plural forms: one and many
            strings = catalog[msgid].string
            assert all(strings), msgid
            assert translation.ngettext(*msgid, 1) == strings[0]
            assert translation.ngettext(*msgid, 5) == strings[-1]
        else:
            assert translation.gettext(msgid) == catalog[msgid].string
    assert (translation.gettext("as of %s") % "<date>").count("<date>") == 1


# -- built pages, one language at a time ----------------------------------------------------

#: language: group headings, what the virtual conference's dates (May 17–20, 2021) and the
#: summit's (Sep 14–16, 2021) say in order (months as the language abbreviates them), the
#: words of "as of" (Apr 1, 2021), mode "virtual", kind headings (conference, workshop,
#: summit), table headings, the empty text.
EXPECTED: dict[str, dict[str, Any]] = {
    "en": {
        "groups": ["Forthcoming", "Completed"],
        "virtual": (month("en", 5), "17", "20", "2021"),
        "summit": (month("en", 9), "14", "16", "2021"),
        "as_of": ("as", "of", month("en", 4), "1", "2021"),
        "mode": "Virtual",
        "moved": "Moved online",
        "kinds": ["Conferences", "Workshops", "Summits"],
        "table": ["Event", "Date", "Mode", "Location"],
        "empty": "No events to show.",
    },
    "de": {
        "groups": ["Kommende", "Abgeschlossen"],
        "virtual": ("17", "20", month("de", 5), "2021"),
        "summit": ("14", "16", month("de", 9), "2021"),
        "as_of": ("Stand", "1", month("de", 4), "2021"),
        "mode": "Online",
        "moved": "Online verlegt",
        "kinds": ["Konferenzen", "Workshops", "Gipfeltreffen"],
        "table": ["Veranstaltung", "Datum", "Format", "Ort"],
        "empty": "Keine Veranstaltungen vorhanden.",
    },
    "es": {
        "groups": ["Próximos", "Finalizados"],
        "virtual": ("17", "20", month("es", 5), "2021"),
        "summit": ("14", "16", month("es", 9), "2021"),
        "as_of": ("a", "fecha", "de", "1", month("es", 4), "2021"),
        "mode": "Virtual",
        "moved": "Pasa a formato virtual",
        "kinds": ["Conferencias", "Talleres", "Cumbres"],
        "table": ["Evento", "Fecha", "Modalidad", "Lugar"],
        "empty": "No hay eventos que mostrar.",
    },
    "fr": {
        "groups": ["À venir", "Passés"],
        "virtual": ("17", "20", month("fr", 5), "2021"),
        "summit": ("14", "16", month("fr", 9), "2021"),
        "as_of": ("situation", "au", "1", month("fr", 4), "2021"),
        "mode": "En ligne",
        "moved": "Basculé en ligne",
        "kinds": ["Conférences", "Ateliers", "Sommets"],
        "table": ["Événement", "Date", "Format", "Lieu"],
        "empty": "Aucun événement à afficher.",
    },
    "sv": {
        "groups": ["Kommande", "Genomförda"],
        "virtual": ("17", "20", month("sv", 5), "2021"),
        "summit": ("14", "16", month("sv", 9), "2021"),
        "as_of": ("per", "1", month("sv", 4), "2021"),
        "mode": "Digitalt",
        "moved": "Flyttat till digitalt format",
        "kinds": ["Konferenser", "Workshoppar", "Toppmöten"],
        "table": ["Evenemang", "Datum", "Format", "Plats"],
        "empty": "Inga evenemang att visa.",
    },
}


@pytest.mark.parametrize(
    "language", [pytest.param(lang, marks=in_language(lang)) for lang in ["en", *LANGUAGES]]
)
def test_seed_page_in_language(app: Any, language: str) -> None:
    expected = EXPECTED[language]
    built(app)
    soup = page(app)

    buttons = soup.select_one(".iassist-event-list.iassist-style-buttons")
    assert buttons is not None
    headings = [h.get_text() for h in buttons.select(".iassist-event-group-title")]
    assert headings == expected["groups"]
    forthcoming = buttons.select_one(".iassist-group-forthcoming")
    completed = buttons.select_one(".iassist-group-completed")
    assert forthcoming is not None and completed is not None
    assert [e["data-event-id"] for e in forthcoming.select(".iassist-event")] == [
        "iassist-2021-virtual",
        "iassist-2021-sweden",
    ]
    assert [e["data-event-id"] for e in completed.select(".iassist-event")] == [
        "iassist-2021-africa"
    ]
    assert (
        completed.select_one(".iassist-status-moved-online.iassist-badge").get_text()
        == (expected["moved"])
    )
    # the labels the in-browser script regroups with are translated too
    assert buttons["data-iassist-label-forthcoming"] == expected["groups"][0]
    assert buttons["data-iassist-label-completed"] == expected["groups"][1]

    virtual = event_dates(soup, "iassist-2021-virtual")
    assert_range(virtual, "17", "20", *expected["virtual"])
    assert [t["datetime"] for t in virtual.select("time")] == ["2021-05-17", "2021-05-20"]
    assert_range(event_dates(soup, "iassist-2021-sweden"), "14", "16", *expected["summit"])
    item = soup.select_one(".iassist-style-list [data-event-id='iassist-2021-virtual']")
    assert item.select_one(".iassist-event-mode").get_text() == expected["mode"]
    as_of = buttons.select_one(".iassist-as-of")
    assert words(as_of.get_text()) == list(expected["as_of"])
    assert as_of.select_one("time")["datetime"] == "2021-04-01"
    assert_says(as_of.select_one("time").get_text(), *expected["as_of"][-3:])

    # the {event-date} role formats at read time, in the same language
    role = prose_dates(soup)[0]
    assert_range(role, "14", "16", *expected["summit"])
    assert [t["datetime"] for t in role.select("time")] == ["2021-09-14", "2021-09-16"]

    more = page(app, "more")
    table = more.select_one(".iassist-style-table")
    assert [h.get_text() for h in table.select(".iassist-event-group-title")] == expected["kinds"]
    assert [th.get_text() for th in table.select("thead th")][:4] == expected["table"]
    assert more.select_one(".iassist-empty").get_text() == expected["empty"]


@in_language("de_AT")
def test_regional_language_uses_the_base_catalog(app: Any) -> None:
    """``de_AT``: German labels from the ``de`` catalog, Austrian dates from Babel."""
    soup = page(built(app))
    headings = soup.select(".iassist-style-buttons .iassist-event-group-title")
    assert [h.get_text() for h in headings] == EXPECTED["de"]["groups"]
    assert_range(event_dates(soup, "iassist-2021-virtual"), "17", "20", *EXPECTED["de"]["virtual"])
    # dates follow de_AT's CLDR data (its abbreviation of September), not de's
    assert_says(event_dates(soup, "iassist-2021-sweden").get_text(), month("de_AT", 9), "2021")


def test_project_can_add_a_language(
    build_site: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    """A language the package does not ship, from the project's own ``sphinx_iassist`` .mo;
    messages it leaves out stay English."""
    srcdir = site_copy("i18n-extra-language")
    messages = srcdir / "locale-extra" / "nl" / "LC_MESSAGES"
    compile_po(messages / "sphinx_iassist.po", messages / "sphinx_iassist.mo")
    app = build_site(srcdir, confoverrides={"language": "nl"})
    assert app.warning.getvalue() == ""
    soup = page(app)
    headings = soup.select(".iassist-event-group-title")
    assert [h.get_text() for h in headings] == ["Binnenkort", "Afgelopen"]
    assert soup.select_one(".iassist-event-mode").get_text() == "Virtual"
    assert_range(event_dates(soup, "virtual"), "17", "20", month("nl", 5), "2021")


@in_language("sv", iassist_today="2021-05-18")
def test_happening_now_badge_is_translated(app: Any) -> None:
    soup = page(built(app))
    badge = soup.select_one("[data-event-id='iassist-2021-virtual'] .iassist-ongoing")
    assert badge is not None and badge.get_text() == "Pågår nu"


@pytest.mark.parametrize(
    ("date_format", "says"),
    [
        pytest.param(fmt, says, marks=in_language("fr", iassist_date_format=fmt))
        for fmt, says in [
            # numbers only: both dates in full, day before month
            ("short", ("17", "05", "2021", "20", "05", "2021")),
            # the weekdays and the month spelt out
            ("full", ("lundi", "17", "jeudi", "20", "mai", "2021")),
            # a Babel skeleton: day and month, no year
            ("MMMd", ("17", "20", "mai")),
        ]
    ],
)
def test_date_format_changes_ranges(app: Any, date_format: str, says: tuple[str, ...]) -> None:
    soup = page(built(app))
    dates = event_dates(soup, "iassist-2021-virtual")
    assert_range(dates, "17", "20", *says)
    assert [t["datetime"] for t in dates.select("time")] == ["2021-05-17", "2021-05-20"]
    if date_format == "MMMd":
        assert "2021" not in words(dates.get_text())


def test_long_date_format_spells_the_month_out() -> None:
    segments = range_segments(
        date(2021, 9, 14), date(2021, 9, 16), locale=get_locale("de"), fmt="long"
    )
    assert_says(segments_text(segments), "14", "16", "September", "2021")
    assert [s.datetime for s in stamped(segments)] == ["2021-09-14", "2021-09-16"]


# -- time zones and daylight saving ---------------------------------------------------------


@in_language("fr")
def test_timed_event_across_dst_change_in_built_page(app: Any) -> None:
    """01:30 CEST to 04:00 CET on the night summer time ends in Europe."""
    soup = page(built(app))
    role = prose_dates(soup)[1]
    assert_says(role.get_text(), "31", month("fr", 10), "2021", "01:30", "CEST", "04:00", "CET")
    # each instant is said with its own zone: summer time at the start, winter at the end
    start, end = role.select("time")
    assert words(start.get_text())[-2:] == ["01:30", "CEST"]
    assert "04:00" in words(end.get_text())
    assert [t["datetime"] for t in role.select("time")] == [
        "2021-10-31T01:30+02:00",
        "2021-10-31T04:00+01:00",
    ]


@pytest.mark.parametrize(
    ("language", "start", "end"),
    [
        (
            "en",
            (month("en", 3), "27", "2021", "10:00", "PM"),
            (month("en", 3), "28", "2021", "10:00", "AM"),
        ),
        ("de", ("27", month("de", 3), "2021", "22:00"), ("28", month("de", 3), "2021", "10:00")),
        ("sv", ("27", month("sv", 3), "2021", "22:00"), ("28", month("sv", 3), "2021", "10:00")),
    ],
)
def test_spring_forward_shows_both_abbreviations(
    language: str, start: tuple[str, ...], end: tuple[str, ...]
) -> None:
    """Both dates in full, the start in winter time (CET), the end in summer time (CEST)."""
    event = timed_event("2021-03-27T22:00:00", "2021-03-28T10:00:00")
    segments = event_segments(event, locale=get_locale(language))
    assert_says(segments_text(segments), *start, "CET", *end, "CEST")
    first, last = stamped(segments)
    assert_says(first.text, *start, "CET")  # the start's own zone, in its <time>
    assert "CEST" not in words(first.text)
    assert_says(last.text, *end)
    assert words(segments_text(segments))[-1] == "CEST"
    assert [s.datetime for s in (first, last)] == [
        "2021-03-27T22:00+01:00",
        "2021-03-28T10:00+02:00",
    ]


def test_same_zone_abbreviation_is_said_once() -> None:
    event = timed_event("2021-06-01T14:00:00", "2021-06-01T16:00:00")
    text = segments_text(event_segments(event, locale=get_locale("de")))
    assert text.count("CEST") == 1
    assert text.endswith(" CEST")


def test_timed_event_in_another_zone() -> None:
    """The same instants shown in New York: the clock times and the abbreviation move."""
    from zoneinfo import ZoneInfo

    event = timed_event("2021-06-01T14:00:00", "2021-06-01T16:00:00")
    segments = event_segments(event, locale=get_locale("en"), zone=ZoneInfo("America/New_York"))
    assert segments_text(segments).endswith(" EDT")
    assert [s.datetime for s in segments if s.datetime] == [
        "2021-06-01T08:00-04:00",
        "2021-06-01T10:00-04:00",
    ]


# -- gettext and translated sites ------------------------------------------------------------


def pot_messages(app: Any) -> dict[str, Any]:
    with (app.outdir / "index.pot").open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


@pytest.mark.sphinx("gettext", testroot="i18n", srcdir="i18n-gettext")  # its own doctrees
def test_gettext_extracts_notice_title(app: Any) -> None:
    messages = pot_messages(built(app))
    assert NOTICE_TITLE in messages
    assert messages[NOTICE_TITLE].locations[0][1] == 3
    # what the extension writes itself comes from its own catalog, not the project's
    assert "Forthcoming" not in messages


@pytest.mark.sphinx("gettext", testroot="i18n", srcdir="i18n-gettext")  # its own doctrees
def test_gettext_extracts_explicit_button_label(app: Any) -> None:
    messages = pot_messages(built(app))
    assert BUTTON_LABEL in messages


def test_translated_site_shows_translated_notice_and_working_button(
    build_site: Callable[..., Any], rootdir: Path, tmp_path: Path
) -> None:
    """The sphinx-intl flow: a translated index.po, compiled, in ``locale_dirs``."""
    compile_po(
        rootdir / "test-i18n" / "locale" / "fr" / "LC_MESSAGES" / "index.po",
        tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.mo",
    )

    app = build_site(
        rootdir / "test-i18n",
        builddir=tmp_path / "build",
        confoverrides={"language": "fr", "locale_dirs": [str(tmp_path / "locale")]},
    )
    assert app.warning.getvalue() == ""
    soup = page(app)

    notice = soup.select_one(".iassist-notice")
    title = notice.select_one(".iassist-notice-title")
    assert title.get_text() == "Changements pour la conférence IASSIST 2021"
    assert notice["aria-labelledby"] == title["id"]

    link = notice.select_one("a.iassist-button")
    assert link is not None, "the translated button lost its link"
    assert link.get_text() == "Lire l’annonce"
    assert link["href"] == "virtual.html"
    assert {"iassist-button", "iassist-button-secondary", "sd-btn", "sd-btn-secondary"} <= set(
        link["class"]
    )
    assert "iassist-button-unresolved" not in link["class"]
    # our own labels still come from the shipped catalog
    assert [h.get_text() for h in soup.select(".iassist-style-buttons h3")] == ["À venir", "Passés"]


def test_one_process_builds_in_one_language_then_another(
    build_site: Callable[..., Any], rootdir: Path, tmp_path: Path
) -> None:
    """Labels are translated when shown, in the language of the build showing them: a
    process that builds in English first (and imports the labels then) still writes German
    next (as tests and ``sphinx-autobuild`` do)."""
    headings = []
    for language in ("en", "de"):
        app = build_site(
            rootdir / "test-i18n",
            builddir=tmp_path / language,
            confoverrides={"language": language},
        )
        buttons = page(app).select_one(".iassist-event-list.iassist-style-buttons")
        headings.append([h.get_text() for h in buttons.select(".iassist-event-group-title")])
    assert headings == [EXPECTED["en"]["groups"], EXPECTED["de"]["groups"]]
