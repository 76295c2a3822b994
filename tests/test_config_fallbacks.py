"""Configuration and locale never end a build with a traceback: a located ``iassist.config``
warning and a fallback instead."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import html, iassist_warnings, warnings

from sphinx_iassist.dates import formatting


def _dates(app: Any) -> dict[str, list[tuple[str, str]]]:
    """Event id → the (datetime, text) of each ``<time>`` of its date range."""
    page = html(app)
    return {
        str(event["data-event-id"]): [
            (str(t["datetime"]), t.get_text()) for t in event.select(".iassist-event-date time")
        ]
        for event in page.select(".iassist-event")
    }


def _no_traceback(app: Any) -> None:
    output = app.warning.getvalue() + app.status.getvalue()
    assert "Traceback" not in output and "Exception occurred" not in output


@pytest.mark.sphinx("html", testroot="config-fallbacks")
def test_traditional_chinese_writes_a_timed_afternoon_event(built: Any) -> None:
    assert warnings(built) == []
    talk = _dates(built)["talk"]
    assert [when for when, _ in talk] == ["2021-05-17T14:00+08:00", "2021-05-17T16:30+08:00"]
    assert "下午" in talk[0][1]  # "in the afternoon", said once, with the start
    role = next(p for p in html(built).select("p") if p.get_text().startswith("The talk"))
    assert [t["datetime"] for t in role.select("time")] == [when for when, _ in talk]


def test_a_date_format_babel_cannot_write_warns_at_its_line(
    build_site: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy("config-fallbacks")
    app = build_site(srcdir, confoverrides={"language": "en"})
    medium = _dates(app)
    app = build_site(srcdir, confoverrides={"language": "en", "iassist_date_format": "Q"})
    found = iassist_warnings(app)
    assert len(found) == 1, found
    assert "conf.py:5: WARNING: iassist_date_format 'Q' is neither" in found[0]
    assert found[0].endswith("using 'medium' [iassist.config]")
    _no_traceback(app)
    assert _dates(app) == medium


def test_the_date_format_is_checked_when_a_page_is_read_or_written(
    build_site: Callable[..., Any], site_copy: Callable[..., Path]
) -> None:
    srcdir = site_copy("config-fallbacks")
    conf = {"language": "en", "iassist_date_format": "Q"}
    medium = _dates(build_site(srcdir, confoverrides={"language": "en"}))
    assert len(iassist_warnings(build_site(srcdir, confoverrides=conf))) == 1
    # nothing to read or write: no Babel check, no warning
    assert iassist_warnings(build_site(srcdir, confoverrides=conf)) == []
    # pages written without being read (a new output folder) still fall back, and say so
    shutil.rmtree(srcdir / "_build" / "html")
    app = build_site(srcdir, confoverrides=conf)
    found = iassist_warnings(app)
    assert len(found) == 1 and "iassist_date_format 'Q' is neither" in found[0], found
    assert _dates(app) == medium


@pytest.mark.parametrize("epoch", ["300000000000", "-100000000000"])
def test_a_source_date_epoch_out_of_range_names_the_variable(
    build_site: Callable[..., Any],
    site_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # read as the app starts: set before it
    before = datetime.now(UTC).date().isoformat()
    app = build_site(site_copy("config-fallbacks"), confoverrides={"iassist_today": None})
    after = datetime.now(UTC).date().isoformat()
    found = iassist_warnings(app)
    assert len(found) == 1, found
    assert found[0].startswith("WARNING: the environment variable SOURCE_DATE_EPOCH")
    assert repr(epoch) in found[0] and "[iassist.config]" in found[0]
    assert "conf.py" not in found[0] and "iassist_today" not in found[0]
    _no_traceback(app)
    # the fallback: today's date in UTC
    assert html(app).select_one(".iassist-event-list")["data-iassist-today"] in {before, after}


@pytest.fixture
def babel_fails_for_taiwan(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Babel (a future release, say) cannot write times for zh_TW."""
    real = formatting.format_time

    def format_time(value: Any, *args: Any, locale: Any, **kwargs: Any) -> str:
        if locale.territory == "TW":
            raise NotImplementedError("no times for Taiwan")
        return real(value, *args, locale=locale, **kwargs)

    monkeypatch.setattr(formatting, "format_time", format_time)
    formatting.date_locale.cache_clear()
    yield
    formatting.date_locale.cache_clear()


@pytest.mark.usefixtures("babel_fails_for_taiwan")
@pytest.mark.sphinx("html", testroot="config-fallbacks", freshenv=True)
def test_a_language_babel_cannot_write_dates_for_falls_back_to_english(built: Any) -> None:
    found = iassist_warnings(built)
    assert len(found) == 1, found
    assert "conf.py:2: WARNING: dates cannot be written for language 'zh_TW'" in found[0]
    assert "NotImplementedError: no times for Taiwan" in found[0]
    assert "[iassist.config]" in found[0]
    _no_traceback(built)
    talk = _dates(built)["talk"]
    assert [when for when, _ in talk] == ["2021-05-17T14:00+08:00", "2021-05-17T16:30+08:00"]
    assert "May" in talk[0][1] and "PM" in talk[-1][1]
