"""The event model: frozen dataclasses and enums, and the fields a data file may give.

Pure: nothing here imports Sphinx. The readers (:mod:`sphinx_iassist.readers`) build these
objects from data files, checking each field (:mod:`sphinx_iassist.readers.fields`); the
extension, the calendars, JSON-LD and the CLI read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

__all__ = [
    "DOCNAME_RE",
    "FIELDS",
    "ID_RE",
    "LOCATION_KEYS",
    "REQUIRED_FIELDS",
    "Event",
    "Kind",
    "Location",
    "Mode",
    "Status",
]

# Anchored for JSON Schema (which searches); Python code uses ``fullmatch`` because ``$``
# also matches before a trailing newline.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOCNAME_RE = re.compile(r"^[^\s:<>\"'\\]+$")
LOCATION_KEYS = ("venue", "city", "region", "country")


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
