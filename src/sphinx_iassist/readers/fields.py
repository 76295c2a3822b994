"""The check of each field of an event: a value as a reader found it, to the model's value.

Each check raises :class:`Invalid` with a message that names the field; :data:`CHECKS`
lists them in the order problems are reported. :mod:`sphinx_iassist.readers.event` applies
them to a whole event. Pure: no Sphinx.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sphinx_iassist.countries import country_code, looks_like_code
from sphinx_iassist.model import DOCNAME_RE, ID_RE, LOCATION_KEYS, Kind, Location, Mode, Status
from sphinx_iassist.readers.limits import (
    MAX_ID_CHARS,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    number_too_long,
)
from sphinx_iassist.readers.text import shown
from sphinx_iassist.values import url_problem, zone_info

__all__ = ["CHECKS", "FieldProblem", "Invalid", "text", "url", "when"]

MIN_YEAR, MAX_YEAR = 1000, 9998
#: the parts of a location many events share
_SHARED_PARTS = frozenset({"city", "region", "country"})


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A defect of one event; ``fatal`` problems leave the event out."""

    field: str | None
    message: str
    fatal: bool = True
    line: int | None = None  # set when ``build_event`` was given the fields' lines


class Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(value: object, name: str, zone: str = "") -> str:
    if type(value) is str:  # the usual case
        text = " ".join(value.split())
        if text and len(text) <= MAX_TEXT_CHARS:
            return text
    elif isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid(f"{name!r} must be text, not {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(f"{name!r} must be text or a finite number, not {value!r}")
    if number_too_long(value):
        raise Invalid(f"{name!r} is a whole number of more than {MAX_NUMBER_DIGITS} digits")
    text = " ".join(str(value).split())
    if not text:
        raise Invalid(f"{name!r} must not be empty")
    if len(text) > MAX_TEXT_CHARS:
        raise Invalid(f"{name!r} is longer than {MAX_TEXT_CHARS:,} characters")
    return text


# The forms the docs promise: YYYY-MM-DD, and a datetime with "T" (or a space), minutes,
# optional seconds and fraction, optional offset. Python's ``fromisoformat`` also takes
# week dates (2021-W20-1), basic forms (20210517, 20210517T1030) and hours alone, which
# readers of the file would not recognise as dates, or misread.
_DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME_FORM = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?",
    re.ASCII,
)


def _when(value: object, name: str, zone: str) -> date | datetime:
    """A date stays a date; a datetime becomes aware (in ``zone`` if it has no offset)."""
    if isinstance(value, str):
        raw = value.strip()
        try:
            if _DATE_FORM.fullmatch(raw):
                value = date.fromisoformat(raw)
            elif _DATETIME_FORM.fullmatch(raw):
                value = datetime.fromisoformat(raw.upper())
            else:
                raise ValueError(raw)
        except ValueError:
            raise Invalid(
                f"{name!r} is not an ISO date or datetime: {shown(value)} "
                "(write YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
            ) from None
    if not isinstance(value, date):
        raise Invalid(f"{name!r} must be a date or datetime, not {type(value).__name__}")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        # also keeps day arithmetic and zone conversions (``ends_at``) from overflowing
        raise Invalid(f"{name!r} year {value.year} is out of range ({MIN_YEAR}–{MAX_YEAR})")
    if isinstance(value, datetime) and value.tzinfo is None:
        return _local(value, name, zone)
    return value


def _offset(value: datetime) -> str:
    return value.isoformat(timespec="minutes")[16:] or "+00:00"


def _local(value: datetime, name: str, zone: str) -> datetime:
    """``value`` (a wall-clock time without offset) in ``zone``, if that names one instant.

    A time in the hour that a change to daylight-saving time skips does not exist; one in
    the hour that the change back repeats happens twice. Both are problems: guessing would
    put the event an hour off for half of its readers. Written with its offset
    (``2021-10-31T02:30+01:00``), the same time is one instant and fine.
    """
    tz = zone_info(zone)
    first, second = value.replace(tzinfo=tz, fold=0), value.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    written = value.isoformat(timespec="minutes")
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != value:
        raise Invalid(
            f"{name!r} {written} does not exist in {zone}: the clocks jump over it (as when "
            "daylight-saving time begins); write the time with its offset, or another time"
        )
    raise Invalid(
        f"{name!r} {written} happens twice in {zone}, at {_offset(first)} and at "
        f"{_offset(second)} (the clocks are put back, as when daylight-saving time ends); "
        f"write it with the offset you mean, such as {written}{_offset(second)}"
    )


def _choice(value: object, name: str, enum: type[StrEnum]) -> Any:
    if isinstance(value, str):
        try:
            return enum(value.strip().lower())
        except ValueError:
            pass
    allowed = ", ".join(m.value for m in enum)
    raise Invalid(f"{name!r} must be one of {allowed}, not {shown(value)}")


def _location(value: object, name: str = "location", zone: str = "") -> Location:
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in LOCATION_KEYS]
        if unknown:
            raise Invalid(
                f"'location' has unknown key(s) {', '.join(sorted(shown(str(k)) for k in unknown))} "
                f"(known: {', '.join(LOCATION_KEYS)})"
            )
        parts = {k: _text(v, f"location.{k}") for k, v in value.items() if v}
        for shared in _SHARED_PARTS.intersection(parts):  # one string for every "Berlin"
            parts[shared] = sys.intern(parts[shared])
        if not parts:
            raise Invalid("'location' must not be empty")
        country = parts.get("country")
        return Location(**parts, country_code=_country_code(country) if country else None)
    return Location(venue=_text(value, "location"))


def _country_code(value: str) -> str | None:
    """The alpha-2 code of a location's country (a name or an ISO 3166 code) when known; a
    value written as a code (two or three capitals) must be an ISO 3166-1 code."""
    code = country_code(value)
    if code is None and looks_like_code(value):
        raise Invalid(
            f"'location.country' {shown(value)} is no ISO 3166-1 country code "
            "(write a code such as 'SE' or 'SWE', or the country's name)"
        )
    return code


def _tags(value: object, name: str = "tags", zone: str = "") -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise Invalid(f"'tags' must be a list of text, not {type(value).__name__}")
    # one string for each tag, however many events have it
    return tuple(dict.fromkeys(sys.intern(_text(t, "tags").lower()) for t in value))


def _event_id(value: object, name: str = "id", zone: str = "") -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise Invalid(
            f"'id' must be a slug of lowercase letters, digits and '-', not {shown(value)}"
        )
    if len(value) > MAX_ID_CHARS:
        # it names the event's calendar file, and file names are short on every system
        raise Invalid(f"'id' is longer than {MAX_ID_CHARS} characters ({len(value)})")
    return value


def _url(value: object, name: str = "url", zone: str = "") -> str:
    why = url_problem(value)
    if why is not None:
        detail = "" if why == "it must be an absolute http(s) URL" else f" ({why})"
        raise Invalid(f"{name!r} must be an absolute http(s) URL, not {shown(value)}{detail}")
    assert isinstance(value, str)
    return value


def _page(value: object, name: str = "page", zone: str = "") -> str:
    docname = value.strip("/") if isinstance(value, str) else ""
    if not DOCNAME_RE.fullmatch(docname) or any(
        part in ("", ".", "..") for part in docname.split("/")
    ):
        raise Invalid(f"'page' must be a docname such as 'events/iassist-2021', not {shown(value)}")
    return docname


def _kind(value: object, name: str, zone: str) -> Kind:
    return _choice(value, name, Kind)  # type: ignore[no-any-return]


def _mode(value: object, name: str, zone: str) -> Mode:
    return _choice(value, name, Mode)  # type: ignore[no-any-return]


def _status(value: object, name: str, zone: str) -> Status:
    return _choice(value, name, Status)  # type: ignore[no-any-return]


# (field, check(value, field, zone)) in the order problems are reported; ``timezone`` is
# checked before these because the dates depend on it.
CHECKS: tuple[tuple[str, Callable[[Any, str, str], Any]], ...] = (
    ("id", _event_id),
    ("title", _text),
    ("start", _when),
    ("end", _when),
    ("previous_start", _when),
    ("series", _text),
    ("summary", _text),
    ("kind", _kind),
    ("mode", _mode),
    ("status", _status),
    ("location", _location),
    ("tags", _tags),
    ("url", _url),
    ("page", _page),
)


#: the checks other modules of the readers build on
text = _text
when = _when
url = _url
