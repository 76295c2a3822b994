"""The event model: frozen dataclasses and enums, and the fields a data file may give.

Pure: nothing here imports Sphinx. The readers (:mod:`sphinx_iassist.readers`) build these
objects from data files, checking each field (:mod:`sphinx_iassist.readers.fields`); the
extension, the calendars, JSON-LD and the CLI read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sphinx_iassist.values import zone_info

__all__ = [
    "DEADLINE_KEYS",
    "DOCNAME_RE",
    "FIELDS",
    "ID_RE",
    "LOCATION_KEYS",
    "REQUIRED_FIELDS",
    "WINDOW_KEYS",
    "Deadline",
    "Event",
    "Kind",
    "Location",
    "Mode",
    "Moment",
    "Organizer",
    "Status",
    "Window",
    "field_offsets",
]

# Anchored for JSON Schema (which searches); Python code uses ``fullmatch`` because ``$``
# also matches before a trailing newline.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOCNAME_RE = re.compile(r"^[^\s:<>\"'\\]+$")
LOCATION_KEYS = ("venue", "address", "postal_code", "city", "region", "country")
#: the keys of ``registration`` and ``cfp`` (``price`` only in ``registration``)
WINDOW_KEYS = ("url", "opens", "closes", "price", "timezone")
DEADLINE_KEYS = ("label", "at", "url", "timezone")


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
    """Where an event takes place; every part optional.

    ``country`` is as written (a name, or an ISO 3166 code in capitals); ``country_code`` is
    its ISO 3166-1 alpha-2 code when known (from the code, or from an English name)."""

    venue: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = field(default=None, compare=False)  # derived from country

    def parts(self, country: str | None = None) -> tuple[str, ...]:
        """The parts that name the place, as written (``country``: the country's name to
        show instead of what the data wrote, such as a code's name in the page's language)."""
        shown = (self.venue, self.city, self.region, country or self.country)
        return tuple(p for p in shown if p)

    def display(self, country: str | None = None) -> str:
        return ", ".join(self.parts(country))

    def full(self, country: str | None = None) -> tuple[str, ...]:
        """Every line of a postal address: venue, street, postal code and city, region,
        country."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        shown = (self.venue, self.address, town, self.region, country or self.country)
        return tuple(p for p in shown if p)


@dataclass(frozen=True, slots=True)
class Organizer:
    """Who organises an event: a name, and its site if given."""

    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Moment:
    """A time of a window or deadline: the instant, and how the data wrote it.

    ``given`` is the date or datetime as written; ``zone`` the zone it was read in (the
    window's own ``timezone``, else the event's); ``at`` the aware instant it stands for (a
    date alone: the start of that day for ``opens``, the end of it for ``closes`` and
    ``at``)."""

    at: datetime
    given: date | datetime
    zone: str

    @property
    def all_day(self) -> bool:
        return not isinstance(self.given, datetime)


@dataclass(frozen=True, slots=True)
class Window:
    """A registration or call-for-proposals window."""

    url: str
    opens: Moment | None = None
    closes: Moment | None = None
    price: str | None = None  # as written, such as "EUR 120"; "free" is ``free``
    free: bool = False


@dataclass(frozen=True, slots=True)
class Deadline:
    """Another date that matters: early bird, notification, camera-ready."""

    label: str
    at: Moment
    url: str | None = None


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
    description: tuple[str, ...] = ()  # paragraphs of plain text
    organizer: Organizer | None = None
    image: str | None = None  # an absolute http(s) URL, or a file's absolute path
    online_url: str | None = None
    recording: str | None = None
    announced: date | None = None
    registration: Window | None = None
    cfp: Window | None = None
    deadlines: tuple[Deadline, ...] = ()
    rrule: str | None = None  # an RFC 5545 RRULE value, checked (see dates/recurrence.py)
    exdates: tuple[date | datetime, ...] = ()  # excluded starts, of the same kind as start
    source: str = ""
    line: int = 0
    #: (field, its line minus ``line``) of each field given, by name; see
    #: :func:`field_offsets` (events laid out alike share one tuple)
    field_offsets: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def recurring(self) -> bool:
        return self.rrule is not None

    @property
    def zone(self) -> ZoneInfo:
        return zone_info(self.timezone)

    @property
    def field_lines(self) -> tuple[tuple[str, int], ...]:
        """(field, line in its data file) of each field given, by name."""
        return tuple((name, self.line + offset) for name, offset in self.field_offsets)

    def line_of(self, name: str) -> int:
        """The line of field ``name`` in its data file (the event's line if unknown)."""
        for given, offset in self.field_offsets:
            if given == name:
                return self.line + offset
        return self.line

    @property
    def image_is_file(self) -> bool:
        """Whether ``image`` is a file of the project (copied into the HTML output)."""
        return self.image is not None and not self.image.startswith(("http://", "https://"))

    @property
    def join_url(self) -> str | None:
        """Where attendees join online: ``online_url``, else the event's ``url``."""
        return self.online_url or self.url

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
    "location": "text, or a mapping of venue, address, postal_code, city, region, country "
    "(a name or an ISO 3166 code)",
    "url": "absolute http(s) URL",
    "page": "Sphinx docname of the event's own page",
    "summary": "plain text",
    "tags": "list of text",
    "previous_start": "date or datetime",
    "description": "paragraphs of plain text (a blank line starts a new one)",
    "organizer": "text, or a mapping of name and url",
    "image": "absolute http(s) URL, or a path relative to the data file",
    "online_url": "absolute http(s) URL where attendees join online; defaults to url",
    "recording": "absolute http(s) URL of recordings or slides",
    "announced": "date YYYY-MM-DD the event was first published",
    "registration": "mapping of url (required), opens, closes, price, timezone",
    "cfp": "mapping of url (required), opens, closes, timezone",
    "deadlines": "list of mappings of label, at, url, timezone",
    "rrule": "RFC 5545 recurrence rule, such as FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "exdates": "list of dates or datetimes (in the event's zone) the rule skips",
}
REQUIRED_FIELDS = ("id", "title", "start")

#: one string per field name (the readers make a new one for each event)
_NAMES = {name: name for name in FIELDS}
#: each layout of fields once (cleared when it grows past ``_MAX_LAYOUTS``)
_LAYOUTS: dict[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] = {}
_MAX_LAYOUTS = 4096


def field_offsets(lines: Mapping[str, int], line: int) -> tuple[tuple[str, int], ...]:
    """``Event.field_offsets`` of an event on ``line`` whose fields are on ``lines``.

    Kept for the warnings that name a field's line after loading. Most events of a file
    give the same fields on the same lines relative to their first, so they share one
    tuple, with one string per field name: a few bytes an event, where a tuple of pairs of
    its own took about a kilobyte."""
    layout = tuple(sorted((_NAMES.get(name, name), at - line) for name, at in lines.items()))
    if len(_LAYOUTS) >= _MAX_LAYOUTS:
        _LAYOUTS.clear()
    return _LAYOUTS.setdefault(layout, layout)
