"""The ``iassist_*`` configuration values: one table of names, defaults, rebuild behaviour,
types, descriptions and checks, registered with Sphinx and checked at ``config-inited``.

A value a check does not accept is a warning located at its line in ``conf.py``
(``iassist.config``), and the check's fallback is used instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from weakref import WeakKeyDictionary

from sphinx_iassist.dates.today import TodayError, resolve_today
from sphinx_iassist.values import is_safe_url, valid_timezone
from sphinx_iassist.warnings import Subtype, file_location, warn

if TYPE_CHECKING:
    from babel import Locale
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.model import Organizer

__all__ = [
    "CONFIG_VALUES",
    "ConfigValue",
    "check_config",
    "conf_location",
    "date_settings",
    "event_files",
    "organizer_of",
    "register",
    "schedule_files",
]

Rebuild = Literal["", "env", "html"]

#: A value's check: ``(value, config) -> (the value to use, why the given one is not used)``;
#: the reason is None for a good value (which the check may normalise, as a path to a list).
Check = Callable[[Any, "Config"], "tuple[Any, str | None]"]


@dataclass(frozen=True, slots=True)
class ConfigValue:
    """One ``iassist_*`` value: what Sphinx registers, and how it is checked."""

    name: str
    default: Any
    rebuild: Rebuild
    types: tuple[type, ...]
    description: str
    check: Check


def _events(value: Any, config: Config) -> tuple[Any, str | None]:
    if isinstance(value, str):
        return [value], None
    if isinstance(value, list | tuple) and all(isinstance(p, str) for p in value):
        return list(value), None
    why = f"iassist_events must be a path or a list of paths, not {value!r}; no events loaded"
    return [], why


def _schedules(value: Any, config: Config) -> tuple[Any, str | None]:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return dict(value), None
    why = (
        "iassist_schedules must be a dict of event id to schedule file, "
        f"not {type(value).__name__}; no schedules loaded"
    )
    return {}, why


def _today(value: Any, config: Config) -> tuple[Any, str | None]:
    if not value:
        return None, None
    try:
        resolve_today(value, {})
    except TodayError as exc:
        return None, f"{exc}; using the date of SOURCE_DATE_EPOCH or today"
    return value, None


def _timezone(value: Any, config: Config) -> tuple[Any, str | None]:
    if valid_timezone(value):
        return value, None
    return "UTC", f"iassist_timezone {value!r} is not an IANA time zone; using 'UTC'"


def _flag(name: str) -> Check:
    def check(value: Any, config: Config) -> tuple[Any, str | None]:
        if isinstance(value, bool):
            return value, None
        return True, f"{name} must be True or False, not {value!r}; using True"

    return check


def _date_format(value: Any, config: Config) -> tuple[Any, str | None]:
    from sphinx_iassist.dates.formatting import DATE_FORMATS, date_locale, format_problem

    if not isinstance(value, str):
        problem: str | None = f"it is {type(value).__name__}, not text"
    else:
        problem = format_problem(date_locale(config.language), value)
    if problem is None:
        return value, None
    return "medium", (
        f"iassist_date_format {value!r} is neither one of {', '.join(DATE_FORMATS)} "
        f"nor a Babel skeleton of date fields that can be written in {config.language!r} "
        f"({problem}); using 'medium'"
    )


def _checked_when_used(value: Any, config: Config) -> tuple[Any, str | None]:
    """Left as written: :func:`date_settings` checks it with Babel when dates are written."""
    return value, None


def _organizer(value: Any, config: Config) -> tuple[Any, str | None]:
    if value is None or organizer_of(value) is not None:
        return value, None
    return None, (
        f"iassist_organizer must be a name or a mapping of 'name' and an http(s) 'url', "
        f"not {value!r}; no default organizer"
    )


def organizer_of(value: Any) -> Organizer | None:
    """The organizer ``iassist_organizer`` names (None for a value that names none)."""
    from sphinx_iassist.model import Organizer

    if isinstance(value, str) and value.strip():
        return Organizer(" ".join(value.split()))
    if isinstance(value, dict) and set(value) <= {"name", "url"}:
        name, url = value.get("name"), value.get("url")
        if isinstance(name, str) and name.strip() and (url is None or is_safe_url(url)):
            return Organizer(" ".join(name.split()), url)
    return None


#: ``iassist_today`` is deliberately not an "env" value: a new date must not re-read every
#: page; the extension re-renders exactly the pages whose output changes (see domain.py).
CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "iassist_events",
        [],
        "env",
        (str, list, tuple),
        "event data files, relative to the conf dir",
        _events,
    ),
    ConfigValue(
        "iassist_schedules",
        {},
        "env",
        (dict,),
        "event id -> frab schedule JSON file, relative to the conf dir",
        _schedules,
    ),
    ConfigValue(
        "iassist_today",
        None,
        "",
        (str, date, type(None)),
        "the date that decides Forthcoming/Completed",
        _today,
    ),
    ConfigValue(
        "iassist_timezone",
        "UTC",
        "env",
        (str,),
        "IANA zone to show times in and decide 'today'",
        _timezone,
    ),
    ConfigValue(
        "iassist_ics",
        True,
        "html",
        (bool,),
        "write events.ics and one .ics per event",
        _flag("iassist_ics"),
    ),
    ConfigValue(
        "iassist_ics_background",
        True,
        "",
        (bool,),
        "write the calendar files in a process of their own (Linux, 2+ CPUs)",
        _flag("iassist_ics_background"),
    ),
    ConfigValue(
        "iassist_jsonld",
        True,
        "html",
        (bool,),
        "embed schema.org Event JSON-LD",
        _flag("iassist_jsonld"),
    ),
    ConfigValue(
        "iassist_date_format",
        "medium",
        "env",
        (str,),
        "short, medium, long, full or a Babel skeleton",
        _checked_when_used,
    ),
    ConfigValue(
        "iassist_organizer",
        None,
        "html",
        (str, dict, type(None)),
        "the organizer of events whose data names none: a name or {'name': …, 'url': …}",
        _organizer,
    ),
)


def register(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            value.rebuild,
            types=value.types,
            description=value.description,
        )


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn about bad values and fall back; then ``SOURCE_DATE_EPOCH``
    when it decides the day. How dates are written is checked when the first page is read
    or written (:func:`date_settings`): a build with nothing to do loads no Babel data."""
    for value in CONFIG_VALUES:
        used, problem = value.check(getattr(config, value.name), config)
        if problem is not None:
            _warn(app, value.name, problem)
        setattr(config, value.name, used)
    if not config.iassist_today:
        try:
            resolve_today(None)
        except TodayError as exc:
            # not in conf.py: no line to point at, the message names the variable
            warn(Subtype.CONFIG, f"{exc}; using today's date in UTC")


#: app -> (locale, date format) dates are written with in its build
_DATE_SETTINGS: WeakKeyDictionary[Sphinx, tuple[Locale, str]] = WeakKeyDictionary()


def date_settings(app: Sphinx) -> tuple[Locale, str]:
    """The Babel locale and the format dates are written with in this build.

    ``language`` and ``iassist_date_format`` are tried with Babel once per build, when a
    page is first read or written, with a located warning and a fallback (English;
    ``medium``) for what Babel cannot write. The configuration keeps the value as written,
    so a fallback never makes the environment outdated.
    """
    settings = _DATE_SETTINGS.get(app)
    if settings is None:
        from sphinx_iassist.dates.formatting import date_locale

        config = app.config
        _check_language(app, config)
        fmt, problem = _date_format(config.iassist_date_format, config)
        if problem is not None:
            _warn(app, "iassist_date_format", problem)
        settings = _DATE_SETTINGS[app] = (date_locale(config.language), fmt)
    return settings


def check_date_settings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the date settings' warnings before the pages' own."""
    if docnames:
        date_settings(app)


def _check_language(app: Sphinx, config: Config) -> None:
    from sphinx_iassist.dates.formatting import format_problem, get_locale

    problem = format_problem(get_locale(config.language), "medium")
    if problem is not None:
        _warn(
            app,
            "language",
            f"dates cannot be written for language {config.language!r} ({problem}); "
            "they are written in English",
        )


def _warn(app: Sphinx, name: str, message: str) -> None:
    """An ``iassist.config`` warning at the line of ``name = …`` in conf.py."""
    conf = str(Path(app.confdir) / "conf.py")
    location = file_location(conf, _conf_line(app.confdir, name))
    warn(Subtype.CONFIG, message if location else f"{conf}: {message}", location=location)


def _conf_line(confdir: str | Path, name: str) -> int | None:
    """The line of ``name = …`` in conf.py, for a located warning."""
    try:
        lines = (Path(confdir) / "conf.py").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), None)


def schedule_files(app: Sphinx) -> dict[str, Path]:
    """The configured schedule files (event id -> absolute path), in the configured order."""
    base = Path(app.confdir)
    return {event_id: (base / p).resolve() for event_id, p in app.config.iassist_schedules.items()}


def conf_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` of ``name = …``, for a located warning (None: no such line)."""
    return file_location(str(Path(app.confdir) / "conf.py"), _conf_line(app.confdir, name))


def event_files(app: Sphinx) -> list[Path]:
    """The configured data files as absolute paths, in the configured order."""
    base = Path(app.confdir)
    return [(base / p).resolve() for p in app.config.iassist_events]
