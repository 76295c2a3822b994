"""The event model: frozen dataclasses, enums, and pure validation of one event.

Nothing here imports Sphinx; the loader, the CLI and the extension share it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sphinx_iassist.limits import (
    MAX_EVENT_VALUES,
    MAX_ID_CHARS,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    LongNumber,
    field_too_large,
    measure,
    number_too_long,
    too_long_text,
)

__all__ = [
    "FIELDS",
    "REQUIRED_FIELDS",
    "Event",
    "FieldProblem",
    "Kind",
    "Location",
    "Mode",
    "Status",
    "build_event",
    "clean_text",
    "is_safe_url",
    "url_problem",
    "valid_timezone",
]

# Anchored for JSON Schema (which searches); Python code uses ``fullmatch`` because ``$``
# also matches before a trailing newline.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOCNAME_RE = re.compile(r"^[^\s:<>\"'\\]+$")
SAFE_SCHEMES = frozenset({"http", "https"})
LOCATION_KEYS = ("venue", "city", "region", "country")
MIN_YEAR, MAX_YEAR = 1000, 9998


class Kind(StrEnum):
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    SUMMIT = "summit"
    WEBINAR = "webinar"
    MEETING = "meeting"
    OTHER = "other"


class Mode(StrEnum):
    IN_PERSON = "in-person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class Status(StrEnum):
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    MOVED_ONLINE = "moved-online"


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event takes place; every part optional."""

    venue: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.venue, self.city, self.region, self.country) if p)

    def display(self) -> str:
        return ", ".join(self.parts())


@dataclass(frozen=True, slots=True)
class Event:
    """One valid event. ``start``/``end`` are both dates (all-day) or both aware datetimes."""

    id: str
    title: str
    start: date | datetime
    end: date | datetime
    timezone: str
    series: str | None = None
    kind: Kind = Kind.CONFERENCE
    mode: Mode = Mode.IN_PERSON
    status: Status = Status.SCHEDULED
    location: Location | None = None
    url: str | None = None
    page: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    previous_start: date | datetime | None = None
    source: str = ""
    line: int = 0
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def line_of(self, name: str) -> int:
        """The line of field ``name`` in its data file (the event's line if unknown)."""
        return dict(self.field_lines).get(name, self.line)

    @property
    def starts_at(self) -> datetime:
        """The instant the event begins (an all-day event: midnight in its own zone)."""
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(), self.zone)

    @property
    def ends_at(self) -> datetime:
        """The instant the event is over: a timed event's end, or the midnight after an
        all-day event's last day in its own zone (exclusive)."""
        if isinstance(self.end, datetime):
            return self.end
        return datetime.combine(self.end + timedelta(days=1), time(), self.zone)


FIELDS: dict[str, str] = {
    "id": "slug [a-z0-9][a-z0-9-]*, unique across all files",
    "title": "plain text",
    "start": "date YYYY-MM-DD or ISO datetime",
    "end": "same kind as start; defaults to start",
    "timezone": "IANA time zone name",
    "series": "text",
    "kind": "one of " + ", ".join(k.value for k in Kind),
    "mode": "one of " + ", ".join(m.value for m in Mode),
    "status": "one of " + ", ".join(s.value for s in Status),
    "location": "text, or a mapping of venue, city, region, country",
    "url": "absolute http(s) URL",
    "page": "Sphinx docname of the event's own page",
    "summary": "plain text",
    "tags": "list of text",
    "previous_start": "date or datetime",
}
REQUIRED_FIELDS = ("id", "title", "start")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A defect of one event; ``fatal`` problems leave the event out."""

    field: str | None
    message: str
    fatal: bool = True
    line: int | None = None  # set when ``build_event`` was given the fields' lines


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Names that the tz database or the system's zoneinfo folder holds but that name no place:
# "localtime" and "posixrules" are links to whatever the machine is set to, "Factory" is the
# placeholder zone of unconfigured systems ("-00"), "posix/…" and "right/…" are copies of
# every zone (the latter with leap seconds, which nothing else here counts).
NOT_IANA = frozenset({"localtime", "posixrules", "Factory"})
NOT_IANA_PREFIXES = ("posix/", "right/")


@functools.cache
def _iana_zones() -> frozenset[str]:
    return frozenset(
        name
        for name in available_timezones()
        if name not in NOT_IANA and not name.startswith(NOT_IANA_PREFIXES)
    )


@functools.cache
def _zones_by_case() -> dict[str, str]:
    return {name.lower(): name for name in _iana_zones()}


def valid_timezone(name: object) -> bool:
    """True for an IANA time zone name (``Europe/Stockholm``, ``UTC``) that this machine's
    time zone data has.

    The one check of a zone name for the whole package (data, config, options, CLI):
    spelt exactly (file systems that ignore case would otherwise accept
    ``europe/stockholm`` on one machine and not on the next), and never a file path or a
    name of the system's own (``localtime``, ``posixrules``, ``Factory``, ``posix/…``,
    ``right/…``), which would make a build depend on the machine it runs on.
    """
    if not isinstance(name, str) or name not in _iana_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def timezone_hint(name: object) -> str:
    """How to write ``name`` right, for a message: the zone it means when only the case is
    wrong, else an example."""
    if isinstance(name, str):
        if name.startswith(NOT_IANA_PREFIXES):
            name = name.split("/", 1)[1]
        spelt = _zones_by_case().get(name.lower())
        if spelt is not None:
            return f"did you mean {spelt!r}?"
    return "use an IANA name such as 'Europe/Stockholm'"


# Outside what RFC 3986 allows (unreserved, reserved and "%") and what RFC 3987 (IRIs) adds
# (non-ASCII, of which ``isprintable`` tells letters and symbols from spaces and format
# characters).
_NOT_URI = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%\u00a0-\U0010ffff]")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _character(char: str) -> str:
    return "a space" if char == " " else f"{char!r}" if char.isprintable() else f"U+{ord(char):04X}"


def url_problem(
    url: object, *, allow_mailto: bool = False, allow_relative: bool = False
) -> str | None:
    """Why ``url`` is not a link we write into pages and calendars, or None if it is one.

    Accepted: an absolute ``http``/``https`` URL with a host (and ``mailto:`` or a path
    relative to the site if allowed), made of the characters RFC 3986 allows in a URI, or
    non-ASCII letters as RFC 3987 allows in an IRI. Refused: spaces, ``<`` ``>`` ``"``
    ``\\`` ``{`` ``}`` ``|`` ``^`` and backquotes, control and format characters (browsers
    drop some of them, which is how ``java\\tscript:`` passes naive checks), a ``%`` without
    two hex digits, ``[`` ``]`` outside the host, and a second ``#``.
    """
    if not isinstance(url, str) or not url:
        return "it is empty" if isinstance(url, str) else "it is not text"
    bad = _NOT_URI.search(url)
    char = bad.group() if bad else None
    if char is None and not url.isprintable():
        char = next(c for c in url if not c.isprintable())
    if char is not None:
        return f"{_character(char)} is not allowed in a URL: write it %-encoded"
    if _PERCENT.search(url):
        return "'%' must be followed by two hexadecimal digits"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        return "it is not a valid URL"
    after_host = url[url.find(parts.netloc) + len(parts.netloc) :]
    if "[" in after_host or "]" in after_host:
        return "'[' and ']' are only allowed around an IPv6 host: write them %-encoded"
    if "#" in parts.fragment:
        return "a URL has at most one '#': write the second as %23"
    scheme = parts.scheme.lower()
    if scheme in SAFE_SCHEMES:
        return None if parts.hostname else "it has no host"
    if scheme == "mailto" and allow_mailto:
        return None if parts.path else "it has no address"
    if (  # no scheme and no "//host": a path relative to this site
        not scheme
        and allow_relative
        and not url.startswith("//")
        and ":" not in url.split("/", 1)[0]
    ):
        return None
    return "it must be an absolute http(s) URL"


def is_safe_url(url: str, *, allow_mailto: bool = False, allow_relative: bool = False) -> bool:
    """True for absolute http(s) URLs with a host (and mailto:/relative links if allowed)
    that are valid URIs (see :func:`url_problem`)."""
    return url_problem(url, allow_mailto=allow_mailto, allow_relative=allow_relative) is None


def _shown(value: object, limit: int = 60) -> str:
    """A short rendering of a bad value for a message.

    Never the ``repr`` of a container: YAML aliases share nodes, so the repr of an "alias
    bomb" is exponential in the file's size; and ``repr`` of a huge int raises.
    """
    if isinstance(value, str):
        shown = repr(value[:limit])
        return shown if len(value) <= limit else shown + "…"
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**limit else "a very long number"
    if isinstance(value, LongNumber):
        return "a very long number"
    return f"a {type(value).__name__}"


# --- harmless text --------------------------------------------------------------------------

# Characters removed from every text of an event (keys included), each with a warning:
# - control characters (C0 but tab, line feed and carriage return, which are white space;
#   DEL; C1 but next line, U+0085, a line break that becomes a space as YAML reads it):
#   RFC 5545 forbids them in calendars, XML 1.0 in the xml builder's output, HTML makes
#   them parse errors, and they can make a terminal or editor misbehave;
# - lone surrogates (JSON "\ud800"): not characters at all; no UTF-8 file can hold one,
#   so every builder that writes text would fail;
# - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
#   reorder the text after them up to the end of the paragraph, in a title or in the page
#   around it ("Trojan Source"), and calendars and plain text have no way to contain them;
# - noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF): reserved for a program's own use,
#   invalid in XML.
# Other invisible characters are kept: zero-width joiners build emoji and Persian words,
# and left-to-right/right-to-left marks only steer the characters next to them.
_NONCHARACTERS = "".join(
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
)
_UNSAFE_TEXT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + _NONCHARACTERS
    + "]"
)
_SURROGATE_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")


def _kind_of_character(char: str) -> str:
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:
        return "a lone surrogate"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "a bidirectional control"
    if point < 0xA0:
        return "a control character"
    return "a noncharacter"


def _joined_pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the characters that could harm the output (control characters,
    lone surrogates, bidirectional controls, noncharacters), and the characters removed.

    A surrogate pair (what a UTF-16 escape such as YAML's ``"\\ud83d\\ude00"`` gives) is
    joined into the character it encodes first.
    """
    if text.isprintable():  # the usual text (see _needs_cleaning)
        return text, ()
    if "\x85" in text:  # "next line": white space, as YAML already reads it
        text = text.replace("\x85", " ")
    if _UNSAFE_TEXT.search(text) is None:
        return text, ()
    text = _SURROGATE_PAIR.sub(_joined_pair, text)
    removed = tuple(dict.fromkeys(_UNSAFE_TEXT.findall(text)))
    return (_UNSAFE_TEXT.sub("", text), removed) if removed else (text, ())


def _removed_message(where: str, removed: tuple[str, ...]) -> str:
    shown = ", ".join(f"U+{ord(c):04X} ({_kind_of_character(c)})" for c in removed[:3])
    more = f" and {len(removed) - 3} more" if len(removed) > 3 else ""
    return f"{where} contains {shown}{more}; removed"


def _needs_cleaning(text: str) -> bool:
    # every character removed is a control, format, surrogate or unassigned one, none of
    # which ``isprintable`` passes: the usual text is decided without the regex
    return not text.isprintable() and ("\x85" in text or _UNSAFE_TEXT.search(text) is not None)


def _clean_value(value: Any, removed: dict[str, None]) -> Any:
    """``value`` with :func:`clean_text` applied to every text in it, keys included;
    ``removed`` collects what was removed. Only called on values within the limits."""
    if type(value) is str:
        if not _needs_cleaning(value):  # the usual text: returned as it is
            return value
        text, found = clean_text(value)
        removed.update(dict.fromkeys(found))
        return text
    if isinstance(value, Mapping):
        return {_clean_value(k, removed): _clean_value(v, removed) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_value(v, removed) for v in value]
    if isinstance(value, str):  # a subclass of str
        return _clean_value(str(value), removed)
    return value


# --- values -----------------------------------------------------------------------------------


def _text(value: object, name: str, zone: str = "") -> str:
    if type(value) is str:  # the usual case
        text = " ".join(value.split())
        if text and len(text) <= MAX_TEXT_CHARS:
            return text
    elif isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid(f"{name!r} must be text, not {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid(f"{name!r} must be text or a finite number, not {value!r}")
    if number_too_long(value):
        raise _Invalid(f"{name!r} is a whole number of more than {MAX_NUMBER_DIGITS} digits")
    text = " ".join(str(value).split())
    if not text:
        raise _Invalid(f"{name!r} must not be empty")
    if len(text) > MAX_TEXT_CHARS:
        raise _Invalid(f"{name!r} is longer than {MAX_TEXT_CHARS:,} characters")
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
            raise _Invalid(
                f"{name!r} is not an ISO date or datetime: {_shown(value)} "
                "(write YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
            ) from None
    if not isinstance(value, date):
        raise _Invalid(f"{name!r} must be a date or datetime, not {type(value).__name__}")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        # also keeps day arithmetic and zone conversions (``ends_at``) from overflowing
        raise _Invalid(f"{name!r} year {value.year} is out of range ({MIN_YEAR}–{MAX_YEAR})")
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
    tz = ZoneInfo(zone)
    first, second = value.replace(tzinfo=tz, fold=0), value.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    written = value.isoformat(timespec="minutes")
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != value:
        raise _Invalid(
            f"{name!r} {written} does not exist in {zone}: the clocks jump over it (as when "
            "daylight-saving time begins); write the time with its offset, or another time"
        )
    raise _Invalid(
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
    raise _Invalid(f"{name!r} must be one of {allowed}, not {_shown(value)}")


def _location(value: object, name: str = "location", zone: str = "") -> Location:
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in LOCATION_KEYS]
        if unknown:
            raise _Invalid(
                f"'location' has unknown key(s) {', '.join(sorted(_shown(str(k)) for k in unknown))} "
                f"(known: {', '.join(LOCATION_KEYS)})"
            )
        parts = {k: _text(v, f"location.{k}") for k, v in value.items() if v}
        if not parts:
            raise _Invalid("'location' must not be empty")
        return Location(**parts)
    return Location(venue=_text(value, "location"))


def _tags(value: object, name: str = "tags", zone: str = "") -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise _Invalid(f"'tags' must be a list of text, not {type(value).__name__}")
    return tuple(dict.fromkeys(_text(t, "tags").lower() for t in value))


def build_event(
    raw: Mapping[str, Any],
    *,
    default_timezone: str = "UTC",
    source: str = "",
    line: int = 0,
    field_lines: Mapping[str, int] | None = None,
) -> tuple[Event | None, list[FieldProblem]]:
    """Validate one event mapping. Returns the event (None if a fatal problem) and problems.

    Every problem names its field (and its line, when ``field_lines`` gives them); unknown
    fields are reported but do not drop the event. Whatever ``raw`` holds (shared or even
    cyclic lists, huge numbers, text with control characters), this takes time bounded by
    :data:`~sphinx_iassist.limits.MAX_EVENT_VALUES`.
    """
    problems: list[FieldProblem] = []
    lines = dict(field_lines or {})
    fields, failed = _bounded_clean_fields(raw, lines, problems)
    values: dict[str, Any] = {}

    for key in [*fields, *failed]:
        if key not in FIELDS:
            hint = _near(key)
            problems.append(
                FieldProblem(
                    key,
                    f"unknown field {_shown(key)} is ignored"
                    + (f" (did you mean {hint!r}?)" if hint else ""),
                    fatal=False,
                )
            )
    for name in REQUIRED_FIELDS:
        if fields.get(name) is None and name not in failed:
            problems.append(FieldProblem(name, f"required field {name!r} is missing"))

    zone = default_timezone
    if fields.get("timezone") is not None:
        if valid_timezone(fields["timezone"]):
            zone = str(fields["timezone"])
            values["timezone"] = zone
        else:
            problems.append(
                FieldProblem(
                    "timezone",
                    f"unknown time zone {_shown(fields['timezone'])} "
                    f"({timezone_hint(fields['timezone'])})",
                )
            )
    for name, check in _CHECKS:
        value = fields.get(name)
        if value is not None:
            try:
                values[name] = check(value, name, zone)
            except _Invalid as exc:
                problems.append(FieldProblem(name, exc.message))

    start, end = values.get("start"), values.get("end")
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            problems.append(
                FieldProblem(
                    "end", "'end' must be the same kind as 'start' (both dates or both datetimes)"
                )
            )
        elif end < start:
            problems.append(
                FieldProblem(
                    "end", f"'end' ({end.isoformat()}) is before 'start' ({start.isoformat()})"
                )
            )
    _check_previous_start(values, problems)

    if field_lines is not None and problems:
        problems = [
            p if p.line is not None or p.field not in lines else replace(p, line=lines[p.field])
            for p in problems
        ]
    if any(p.fatal for p in problems):
        return None, problems
    values.setdefault("end", values["start"])
    values["timezone"] = zone
    event = Event(
        source=source,
        line=line,
        field_lines=tuple(sorted(lines.items())),
        **values,
    )
    return event, problems


def _bounded_clean_fields(
    raw: Mapping[Any, Any], lines: dict[str, int], problems: list[FieldProblem]
) -> tuple[dict[str, Any], set[str]]:
    """The fields of ``raw`` within the limits (see :mod:`sphinx_iassist.limits`), their
    names and texts cleaned (:func:`clean_text`); and the names of the fields that break a
    limit, each a fatal problem. ``lines`` is re-keyed to the cleaned names."""
    fields: dict[str, Any] = {}
    failed: set[str] = set()
    used = 0
    for key, value in raw.items():
        name = key if type(key) is str else str(key)
        name, removed = (name, ()) if name.isprintable() else clean_text(name)
        if name != key and isinstance(key, str) and key in lines:
            lines.setdefault(name, lines.pop(key))
        if removed:
            problems.append(
                FieldProblem(
                    name, _removed_message(f"the field name {_shown(name)}", removed), False
                )
            )
        if name in fields or name in failed:
            problems.append(
                FieldProblem(name, f"field {_shown(name)} is given twice; the event is left out")
            )
            failed.add(name)
            continue
        if type(value) is str:  # the usual field: no walk
            if len(value) <= MAX_TEXT_CHARS and not _needs_cleaning(value):
                fields[name] = value
                used += 1
                continue
            too_big, count = (too_long_text() if len(value) > MAX_TEXT_CHARS else None), 1
        else:
            too_big, count = measure(value, MAX_EVENT_VALUES - used)
        if too_big is not None:
            message = field_too_large(_shown(name), too_big, after_other_fields=used > 0)
            problems.append(FieldProblem(name, message))
            failed.add(name)
            continue
        used += count
        found: dict[str, None] = {}
        fields[name] = _clean_value(value, found)
        if found:
            problems.append(FieldProblem(name, _removed_message(_shown(name), tuple(found)), False))
    return fields, failed


def _check_previous_start(values: dict[str, Any], problems: list[FieldProblem]) -> None:
    """``previous_start`` belongs to a postponed or rescheduled event and is the same kind of
    value as ``start``; otherwise it is dropped (the event is kept: it is only a note)."""
    previous, start = values.get("previous_start"), values.get("start")
    if previous is None:
        return
    status = values.get("status", Status.SCHEDULED)
    if status not in (Status.POSTPONED, Status.RESCHEDULED):
        problems.append(
            FieldProblem(
                "previous_start",
                f"'previous_start' is only for a postponed or rescheduled event, and this one "
                f"is {status.value}; ignored",
                fatal=False,
            )
        )
        del values["previous_start"]
    elif start is not None and isinstance(previous, datetime) != isinstance(start, datetime):
        problems.append(
            FieldProblem(
                "previous_start",
                "'previous_start' must be the same kind as 'start' "
                "(both dates or both datetimes); ignored",
                fatal=False,
            )
        )
        del values["previous_start"]


def _event_id(value: object, name: str = "id", zone: str = "") -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise _Invalid(
            f"'id' must be a slug of lowercase letters, digits and '-', not {_shown(value)}"
        )
    if len(value) > MAX_ID_CHARS:
        # it names the event's calendar file, and file names are short on every system
        raise _Invalid(f"'id' is longer than {MAX_ID_CHARS} characters ({len(value)})")
    return value


def _url(value: object, name: str = "url", zone: str = "") -> str:
    why = url_problem(value)
    if why is not None:
        detail = "" if why == "it must be an absolute http(s) URL" else f" ({why})"
        raise _Invalid(f"'url' must be an absolute http(s) URL, not {_shown(value)}{detail}")
    assert isinstance(value, str)
    return value


def _page(value: object, name: str = "page", zone: str = "") -> str:
    docname = value.strip("/") if isinstance(value, str) else ""
    if not DOCNAME_RE.fullmatch(docname) or any(
        part in ("", ".", "..") for part in docname.split("/")
    ):
        raise _Invalid(
            f"'page' must be a docname such as 'events/iassist-2021', not {_shown(value)}"
        )
    return docname


# What other tools and habits call our fields; an unknown field of one of these names is
# reported with the field it most likely means. Keys are compared in lowercase without
# "_", "-" and spaces ("start_date", "Start-Date" and "startDate" alike).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("date", "begin", "begins", "from", "startdate", "starts", "when"), "start"),
    **dict.fromkeys(("finish", "enddate", "ends", "until", "to", "stop"), "end"),
    **dict.fromkeys(("name", "label", "heading", "eventname"), "title"),
    **dict.fromkeys(("link", "website", "web", "homepage", "href", "site", "uri"), "url"),
    **dict.fromkeys(
        ("place", "venue", "city", "where", "address", "country", "region"), "location"
    ),
    **dict.fromkeys(("tz", "timezone", "zone", "tzid", "tzname"), "timezone"),
    **dict.fromkeys(("type", "eventtype", "format"), "kind"),
    **dict.fromkeys(("category", "categories", "tag", "keywords", "topics", "labels"), "tags"),
    **dict.fromkeys(("description", "abstract", "blurb", "teaser", "excerpt"), "summary"),
    **dict.fromkeys(("slug", "key", "identifier", "uid"), "id"),
    **dict.fromkeys(("state", "eventstatus"), "status"),
    **dict.fromkeys(("attendance", "attendancemode", "online"), "mode"),
    **dict.fromkeys(("conference", "group", "collection"), "series"),
    **dict.fromkeys(("doc", "docname", "document"), "page"),
    **dict.fromkeys(("previousstart", "originalstart", "olddate", "wasstart"), "previous_start"),
}
_SYNONYM_KEY = re.compile(r"[\s_-]+")


def _near(name: str) -> str | None:
    """The field an unknown field name most likely means: a synonym, or a near spelling."""
    if len(name) > 40:  # no field name is that long; and difflib is quadratic
        return None
    key = _SYNONYM_KEY.sub("", name.lower())
    if key in SYNONYMS and SYNONYMS[key] in FIELDS:
        return SYNONYMS[key]
    from difflib import get_close_matches

    found = get_close_matches(name.lower(), list(FIELDS), n=1, cutoff=0.75)
    return found[0] if found else None


def _kind(value: object, name: str, zone: str) -> Kind:
    return _choice(value, name, Kind)  # type: ignore[no-any-return]


def _mode(value: object, name: str, zone: str) -> Mode:
    return _choice(value, name, Mode)  # type: ignore[no-any-return]


def _status(value: object, name: str, zone: str) -> Status:
    return _choice(value, name, Status)  # type: ignore[no-any-return]


# (field, check(value, field, zone)) in the order problems are reported; ``timezone`` is
# checked before these because the dates depend on it.
_CHECKS: tuple[tuple[str, Callable[[Any, str, str], Any]], ...] = (
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
