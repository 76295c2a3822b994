"""PDF output: our dates are safe for every LaTeX engine, and a site using every directive and
role builds a PDF with pdflatex, xelatex and lualatex.

The PDF builds need TeX Live with latexmk (``.ci/tex-deps.sh`` installs it, as root): without
an engine those tests are skipped locally, and they fail when ``CI`` is set. pdftotext
(poppler-utils) reads the text back; without it (locally) only the TeX log is checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel import Locale, localedata
from docutils import nodes
from helpers import ev, make_pdf, warnings
from sphinx.util import texescape

from sphinx_iassist.dates.formatting import (
    Segment,
    event_segments,
    get_locale,
    range_segments,
    segments_text,
)
from sphinx_iassist.domain import get_domain
from sphinx_iassist.nodes import FORMAT_CONTROLS, SPACES, date_range_node, latex_text
from sphinx_iassist.render.latex import _NEEDS_CARE, _ours

texescape.init()  # Sphinx's escaping tables, as the LaTeX builder sets them up

ENGINES = ("pdflatex", "xelatex", "lualatex")
#: the events of tests/roots/test-latex-pdf/events.yaml
EVENT_IDS = (
    "virtual-2021",
    "summit-2021",
    "webinar-2021",
    "workshop-2021",
    "winter-2021",
    "africa-2021",
)
#: the group headings of an event list, as our catalogs translate them
GROUPS = {"en": ("Forthcoming", "Completed"), "fr": ("À venir", "Passés")}


def require(tool: str) -> str:
    """The path of ``tool``: skip without it, but fail when ``CI`` is set."""
    path = shutil.which(tool)
    if path:
        return path
    reason = f"{tool} is not installed (run .ci/tex-deps.sh as root)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set: the PDF tests must run", pytrace=False)
    pytest.skip(reason)


# -- the text we write -----------------------------------------------------------------------


def test_spaces_become_tex_spacing_for_every_engine() -> None:
    text = "May 30\u2009\u2013\u2009Jun 2, 9:00\u202fAM, 14\u00a0h"
    for engine in ENGINES:
        out = latex_text(texescape.escape(text, engine), engine)
        assert not {"\u2009", "\u202f", "\u00a0"} & set(out), engine
        assert out.count(r"\,") == 3 and "14~h" in out, (engine, out)
        assert "May 30" in out and "Jun 2" in out


def test_format_controls_are_left_out_only_for_8_bit_engines() -> None:
    text = "\u200f17\u200e/\u200f5\u200f/2021\u2066x\u2069"
    assert latex_text(text, "pdflatex") == "17/5/2021x"
    assert latex_text(text, "platex") == "17/5/2021x"
    # XeTeX and LuaTeX shape text with these: they stay
    assert latex_text(text, "xelatex") == text
    assert latex_text(text, "lualatex") == text


def test_spacing_in_a_title_is_a_plain_space_in_pdf_bookmarks() -> None:
    out = latex_text("May 30\u2009\u2013\u2009Jun 2, 2021", "pdflatex", in_title=True)
    assert out.count(r"\texorpdfstring{\,}{ }") == 2
    # no-break spaces are "~", which hyperref knows
    assert latex_text("14\u00a0h", "pdflatex", in_title=True) == "14~h"


def test_text_without_such_characters_is_unchanged() -> None:
    escaped = texescape.escape("R&D: 17–20 May, 100%", "pdflatex")
    assert latex_text(escaped, "pdflatex") == escaped


def test_every_space_and_format_control_is_covered() -> None:
    """Every Unicode space separator, and every invisible format control that CLDR puts
    into dates, has a replacement."""
    spaces = {chr(c) for c in range(0x80, 0x3001) if unicodedata.category(chr(c)) == "Zs"}
    spaces.discard("\u1680")  # OGHAM SPACE MARK: a visible stroke of the Ogham script
    assert spaces == set(SPACES)
    for char in "\u061c\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069":
        assert char in FORMAT_CONTROLS, f"U+{ord(char):04X}"


@cache
def _declared(*names: str) -> frozenset[str]:
    """The characters LaTeX's ``inputenc`` declares in the given ``.dfu`` tables."""
    kpsewhich = require("kpsewhich")
    found: set[str] = set()
    for name in names:
        path = subprocess.run(
            [kpsewhich, f"{name}.dfu"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if not path:
            continue
        text = Path(path).read_text(encoding="latin-1")
        found |= {
            chr(int(h, 16)) for h in re.findall(r"DeclareUnicodeCharacter\{([0-9A-F]+)\}", text)
        }
    return frozenset(found)


def _locale_texts(locale: Locale) -> list[str]:
    paris = ZoneInfo("Europe/Paris")
    ranges: list[tuple[date | datetime, date | datetime]] = [
        (date(2021, 5, 17), date(2021, 5, 17)),
        (date(2021, 5, 17), date(2021, 5, 20)),
        (date(2021, 5, 30), date(2021, 6, 2)),
        (date(2021, 12, 30), date(2022, 1, 2)),
        (datetime(2021, 5, 17, 9, tzinfo=paris), datetime(2021, 5, 17, 15, 30, tzinfo=paris)),
        (datetime(2021, 5, 17, 9, tzinfo=paris), datetime(2021, 5, 19, 17, tzinfo=paris)),
    ]
    texts = []
    for fmt in ("short", "medium", "long", "full"):
        for start, end in ranges:
            try:
                texts.append(segments_text(range_segments(start, end, locale=locale, fmt=fmt)))
            except Exception:  # crashes in formatting are other tests' business
                continue
    return texts


def _letters(text: str) -> set[str]:
    return {c for c in text if ord(c) > 127 and unicodedata.category(c)[0] in "LMN"}


#: languages written in letters that pdflatex's T1 fonts have: each must be among those checked
LATIN_LANGUAGES = frozenset(
    [
        "ca",
        "cs",
        "cy",
        "da",
        "de",
        "en",
        "es",
        "et",
        "eu",
        "fi",
        "fr",
        "ga",
        "gl",
        "hr",
        "hu",
        "id",
        "is",
        "it",
        "lt",
        "lv",
        "ms",
        "nb",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "sl",
        "sq",
        "sv",
        "sw",
        "tr",
    ]
)


def test_pdflatex_takes_our_dates_in_every_locale_whose_letters_it_takes() -> None:
    """Whatever CLDR puts between the parts of a date (spaces, dashes, marks), pdflatex
    accepts it after our escaping, in every Babel locale written in letters that Sphinx's
    default pdflatex set-up (T1 and TS1 fonts) can typeset."""
    latin = _declared("t1enc", "ot1enc")
    known = latin | _declared("ts1enc", "omsenc", "utf8enc")
    checked: set[str] = set()
    for name in localedata.locale_identifiers():
        locale = Locale.parse(name)
        # e.g. Cyrillic, Greek, Arabic, CJK: Sphinx's set-up for the language, or xelatex
        if not _letters("".join(locale.months["format"]["wide"].values())) <= latin:
            continue
        texts = _locale_texts(locale)
        if not texts or not _letters("".join(texts)) <= latin:
            continue
        checked.add(name)
        for text in texts:
            out = latex_text(texescape.escape(text, "pdflatex"), "pdflatex")
            unknown = {c for c in out if ord(c) > 127 and c not in known}
            assert not unknown, (name, text, [f"U+{ord(c):04X}" for c in unknown])
    # the check covers the languages of Europe and beyond that T1 typesets (how many locales
    # there are in all, and which regional variants, depends on the CLDR release)
    assert checked >= LATIN_LANGUAGES, sorted(LATIN_LANGUAGES - checked)


# -- a site using every directive and role, in PDF ---------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _flat(pdf_text: str) -> str:
    """The PDF's text on one line, words hyphenated at line ends joined again."""
    return " ".join(re.sub(r"-\n\s*", "", pdf_text).split())


def _in_order(words: list[str], text: str) -> bool:
    """``words`` appear in ``text`` in this order, with nothing but punctuation and spacing
    between them: a date is checked by its parts, not by one CLDR release's punctuation."""
    return re.search(r"\W*".join(re.escape(w) for w in words), text) is not None


def latex(engine: str, **confoverrides: Any) -> pytest.MarkDecorator:
    """The LaTeX build of the root with every directive and role, for ``engine``, in a
    folder of its own (TeX's files of one engine must not meet another's)."""
    language = confoverrides.get("language", "en")
    return pytest.mark.sphinx(
        "latex",
        testroot="latex-pdf",
        srcdir=f"latex-pdf-{engine}-{language}",
        confoverrides={"latex_engine": engine, **confoverrides},
    )


@pytest.mark.parametrize(
    ("engine", "language"),
    # Sphinx sets up polyglossia for English and babel for French with the Unicode engines
    [
        pytest.param(engine, language, marks=latex(engine, language=language))
        for engine, language in [
            ("pdflatex", "en"),
            ("pdflatex", "fr"),
            ("xelatex", "en"),
            ("lualatex", "fr"),
        ]
    ],
)
def test_a_site_using_everything_builds_a_pdf(app: Any, engine: str, language: str) -> None:
    require("latexmk")
    require(engine)
    make = require("make")
    app.build()
    assert warnings(app) == []
    outdir = Path(app.outdir)
    tex = (outdir / "events.tex").read_text(encoding="utf-8")
    assert "\u2009" not in tex and "\u202f" not in tex

    log = make_pdf(make, outdir, "events")
    # dates in headings reach the PDF's bookmarks without a hyperref complaint
    assert "Token not allowed in a PDF string" not in log
    for char in SPACES:  # spacing never depends on the font's glyphs
        assert f"(U+{ord(char):04X})" not in log, f"U+{ord(char):04X}"

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        require("pdftotext")  # skips here, after the build's checks; fails in CI
    text = _flat(
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(outdir / "events.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for heading in GROUPS[language]:
        assert heading in text, heading
    domain = get_domain(app.env)
    locale = get_locale(language)
    for event_id in EVENT_IDS:
        event = domain.event(event_id)
        assert event is not None
        assert event.title in text, event.title
        # the date range as the lists show it (each event's own zone), by its parts
        dates = _words(segments_text(event_segments(event, locale=locale)))
        assert _in_order(dates, text), (event.id, dates)
    # a date in a heading
    summit = domain.event("summit-2021")
    assert summit is not None
    assert _in_order(
        ["The", "summit", *_words(segments_text(event_segments(summit, locale=locale)))], text
    )
    assert "Code of conduct" in text and "The roles page" in text
    # Part 2: event pages, a recurrence in words, the programme and its speakers
    for words in ("Data community call", "Opening keynote", "Metadata workshop", "Bo Berg"):
        assert words in text, words


@pytest.mark.parametrize(
    "engine", [pytest.param(engine, marks=latex(engine)) for engine in ["pdflatex", "xelatex"]]
)
def test_the_latex_source_has_our_dates_made_safe(built: Any, engine: str) -> None:
    """Without TeX: what the LaTeX builder writes for our dates, in both engine families."""
    assert warnings(built) == []
    tex = (Path(built.outdir) / "events.tex").read_text(encoding="utf-8")
    for char in SPACES:
        assert char not in tex, f"U+{ord(char):04X}"

    def safe(text: str, *, in_title: bool = False) -> str:
        return latex_text(texescape.escape(text, engine), engine, in_title=in_title)

    domain, locale = get_domain(built.env), get_locale("en")
    for event_id in EVENT_IDS:
        event = domain.event(event_id)
        assert event is not None
        assert safe(segments_text(event_segments(event, locale=locale))) in tex, event_id
    summit = domain.event("summit-2021")
    assert summit is not None
    heading = safe(segments_text(event_segments(summit, locale=locale)), in_title=True)
    assert f"The summit: {heading}" in tex
    # every character we rewrite, as the test root's role shows them
    every = "".join(SPACES) + "".join(FORMAT_CONTROLS)
    assert safe(f"[|{every}|]") in tex
    # the event's own text still goes through Sphinx's escaping
    assert r"R\&D \#1, 100\% \{data\}" in tex


def test_only_our_output_is_rewritten() -> None:
    """The post-transform wraps text inside the extension's output (an ``iassist-`` class
    up the tree), not the author's text elsewhere, nor a date range's (its own visitor)."""
    ours = nodes.container(classes=["iassist-event-list"])
    item = nodes.paragraph("", "every month, 4:00\u2009\u2013\u20095:00\u202fPM")
    ours += item
    assert _ours(item[0])
    dates = date_range_node([Segment("May 30\u2009\u2013\u2009Jun 2")])
    ours += dates
    assert not _ours(dates[0])
    authors = nodes.section()
    authors += nodes.paragraph("", "typed\u2009by the author")
    assert not _ours(authors[0][0])
    assert _NEEDS_CARE.search(item[0]) and not _NEEDS_CARE.search("plain text, R&D")


def test_the_sweep_helpers_see_what_they_claim() -> None:
    """The order check fails when a part is missing or out of order."""
    event = ev(start="2021-05-30", end="2021-06-02")
    words = _words(segments_text(event_segments(event, locale=get_locale("en"))))
    assert words == ["May", "30", "Jun", "2", "2021"]
    assert _in_order(words, "Summit — May 30 – Jun 2, 2021 · Virtual")
    assert not _in_order(words, "Summit — May 30 – 2, 2021")
    assert not _in_order(words, "Jun 2 – May 30, 2021")
