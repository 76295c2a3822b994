"""The event model: frozen dataclasses, enums, and pure validation of one event.

Nothing here imports Sphinx; the loader, the CLI and the extension share it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
    "is_safe_url",
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


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def valid_timezone(name: object) -> bool:
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def is_safe_url(url: str, *, allow_mailto: bool = False, allow_relative: bool = False) -> bool:
    """True for absolute http(s) URLs with a host (and mailto:/relative links if allowed)."""
    # no whitespace or control characters anywhere (RFC 3986 has none; browsers strip some
    # of them, which is how "java\tscript:" gets through naive checks)
    # (isprintable() is False for every whitespace character but " ")
    if not isinstance(url, str) or not url or not url.isprintable() or " " in url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in SAFE_SCHEMES:
        return bool(parts.hostname)
    if scheme == "mailto":
        return allow_mailto and bool(parts.path)
    if not scheme and allow_relative:
        # no scheme and no "//host": a path relative to this site
        return not url.startswith("//") and ":" not in url.split("/", 1)[0]
    return False


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
    return f"a {type(value).__name__}"


def _text(value: object, name: str, zone: str = "") -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid(f"{name!r} must be text, not {type(value).__name__}")
    try:
        text = " ".join(str(value).split())
    except ValueError:  # an int beyond sys.get_int_max_str_digits()
        raise _Invalid(f"{name!r} is a number too long to show as text") from None
    if not text:
        raise _Invalid(f"{name!r} must not be empty")
    return text


def _when(value: object, name: str, zone: str) -> date | datetime:
    """A date stays a date; a datetime becomes aware (in ``zone`` if it has no offset)."""
    if isinstance(value, str):
        raw = value.strip()
        try:
            # no time part: a date (also in basic form, 20210517), never a midnight datetime
            timed = "T" in raw or "t" in raw or " " in raw
            value = datetime.fromisoformat(raw) if timed else date.fromisoformat(raw)
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
        return value.replace(tzinfo=ZoneInfo(zone))
    return value


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

    Every problem names its field; unknown fields are reported but do not drop the event.
    """
    problems: list[FieldProblem] = []
    values: dict[str, Any] = {}

    for key in raw:
        if key not in FIELDS:
            hint = _near(str(key))
            problems.append(
                FieldProblem(
                    str(key),
                    f"unknown field {_shown(str(key))} is ignored"
                    + (f" (did you mean {hint!r}?)" if hint else ""),
                    fatal=False,
                )
            )
    for name in REQUIRED_FIELDS:
        if raw.get(name) is None:
            problems.append(FieldProblem(name, f"required field {name!r} is missing"))

    zone = default_timezone
    if raw.get("timezone") is not None:
        if valid_timezone(raw["timezone"]):
            zone = str(raw["timezone"])
            values["timezone"] = zone
        else:
            problems.append(
                FieldProblem(
                    "timezone", f"unknown time zone {_shown(raw['timezone'])} (use an IANA name)"
                )
            )
    for name, check in _CHECKS:
        value = raw.get(name)
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

    if any(p.fatal for p in problems):
        return None, problems
    values.setdefault("end", values["start"])
    values["timezone"] = zone
    event = Event(
        source=source,
        line=line,
        field_lines=tuple(sorted((field_lines or {}).items())),
        **values,
    )
    return event, problems


def _event_id(value: object, name: str = "id", zone: str = "") -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise _Invalid(
            f"'id' must be a slug of lowercase letters, digits and '-', not {_shown(value)}"
        )
    return value


def _url(value: object, name: str = "url", zone: str = "") -> str:
    if not isinstance(value, str) or not is_safe_url(value):
        raise _Invalid(f"'url' must be an absolute http(s) URL, not {_shown(value)}")
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


def _near(name: str) -> str | None:
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
