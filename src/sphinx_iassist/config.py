"""The ``iassist_*`` configuration values: types, defaults, rebuild behaviour, validation."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx.util import logging

from sphinx_iassist.formatting import DATE_FORMATS, date_locale, format_problem, get_locale
from sphinx_iassist.timeline import TodayError, resolve_today
from sphinx_iassist.values import valid_timezone

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: name, default, rebuild, types, description.
#: ``iassist_today`` is deliberately not an "env" value: a new date must not re-read every
#: page; the extension re-renders exactly the pages whose output changes (see domain.py).
Rebuild = Literal["", "env", "html"]
CONFIG_VALUES: tuple[tuple[str, Any, Rebuild, tuple[type, ...], str], ...] = (
    ("iassist_events", [], "env", (str, list, tuple), "event data files, relative to the conf dir"),
    (
        "iassist_today",
        None,
        "",
        (str, date, type(None)),
        "the date that decides Forthcoming/Completed",
    ),
    ("iassist_timezone", "UTC", "env", (str,), "IANA zone to show times in and decide 'today'"),
    ("iassist_ics", True, "html", (bool,), "write events.ics and one .ics per event"),
    (
        "iassist_ics_background",
        True,
        "",
        (bool,),
        "write the calendar files in a process of their own (Linux, 2+ CPUs)",
    ),
    ("iassist_jsonld", True, "html", (bool,), "embed schema.org Event JSON-LD"),
    (
        "iassist_date_format",
        "medium",
        "env",
        (str,),
        "short, medium, long, full or a Babel skeleton",
    ),
)


def register(app: Sphinx) -> None:
    for name, default, rebuild, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types, description=description)


def sphinx_location(path: str, line: int | None) -> str | None:
    """A ``location=`` Sphinx shows as given: ``path:line``. A string without a colon would be
    taken for a document name, so a file-level problem names its file in the message."""
    return f"{path}:{line}" if line else None


def _conf_line(confdir: str | Path, name: str) -> int | None:
    """The line of ``name = …`` in conf.py, for a located warning."""
    try:
        lines = (Path(confdir) / "conf.py").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), None)


def _warn(app: Sphinx, name: str, message: str) -> None:
    conf = str(Path(app.confdir) / "conf.py")
    location = sphinx_location(conf, _conf_line(app.confdir, name))
    if location is None:
        message = f"{conf}: {message}"
    logger.warning(message, type="iassist", subtype="config", location=location)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn about bad values and fall back to the defaults."""
    events = config.iassist_events
    if isinstance(events, str):
        config.iassist_events = [events]
    elif not isinstance(events, list | tuple) or not all(isinstance(p, str) for p in events):
        _warn(
            app,
            "iassist_events",
            f"iassist_events must be a path or a list of paths, not {events!r}; no events loaded",
        )
        config.iassist_events = []
    else:
        config.iassist_events = list(events)

    if not valid_timezone(config.iassist_timezone):
        _warn(
            app,
            "iassist_timezone",
            f"iassist_timezone {config.iassist_timezone!r} is not an IANA time zone; using 'UTC'",
        )
        config.iassist_timezone = "UTC"

    _check_today(app, config)
    _check_dates(app, config)

    for flag in ("iassist_ics", "iassist_ics_background", "iassist_jsonld"):
        if not isinstance(getattr(config, flag), bool):
            _warn(
                app,
                flag,
                f"{flag} must be True or False, not {getattr(config, flag)!r}; using True",
            )
            setattr(config, flag, True)


def _check_today(app: Sphinx, config: Config) -> None:
    """``iassist_today``, then ``SOURCE_DATE_EPOCH`` when that decides the day."""
    if config.iassist_today:
        try:
            resolve_today(config.iassist_today, {})
        except TodayError as exc:
            _warn(app, "iassist_today", f"{exc}; using the date of SOURCE_DATE_EPOCH or today")
            config.iassist_today = None
    if not config.iassist_today:
        try:
            resolve_today(None)
        except TodayError as exc:
            # not in conf.py: no line to point at, the message names the variable
            logger.warning(f"{exc}; using today's date in UTC", type="iassist", subtype="config")


def _check_dates(app: Sphinx, config: Config) -> None:
    """The ``language`` and ``iassist_date_format`` can write every kind of date range."""
    language = config.language
    problem = format_problem(get_locale(language), "medium")
    if problem is not None:
        _warn(
            app,
            "language",
            f"dates cannot be written for language {language!r} ({problem}); "
            "they are written in English",
        )
    fmt = config.iassist_date_format
    if not isinstance(fmt, str):
        problem = f"it is {type(fmt).__name__}, not text"
    else:
        problem = format_problem(date_locale(language), fmt)
    if problem is not None:
        _warn(
            app,
            "iassist_date_format",
            f"iassist_date_format {fmt!r} is neither one of {', '.join(DATE_FORMATS)} "
            f"nor a Babel skeleton of date fields that can be written in {language!r} "
            f"({problem}); using 'medium'",
        )
        config.iassist_date_format = "medium"


def event_files(app: Sphinx) -> list[Path]:
    """The configured data files as absolute paths, in the configured order."""
    base = Path(app.confdir)
    return [(base / p).resolve() for p in app.config.iassist_events]
