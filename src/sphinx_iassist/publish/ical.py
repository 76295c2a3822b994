"""Events as iCalendar (RFC 5545) data, written with the ``icalendar`` library. Pure: no Sphinx.

Choices (documented for users in the docs' calendar page):

* ``UID`` is ``<id>@<domain>``: stable across builds, so a subscribed calendar updates an
  event instead of duplicating it.
* ``DTSTAMP`` is the ``dtstamp`` the caller passes (converted to UTC). Builds must be
  reproducible, so the caller derives it from the build's "today", never from the clock.
* All-day events are ``DATE`` values with the exclusive ``DTEND`` (last day + 1).
  Timed events keep their IANA zone (``TZID`` plus one ``VTIMEZONE`` per zone, covering
  the whole years of the events that use it); a datetime in UTC, or with a fixed UTC
  offset and no zone name, is written in UTC (``Z``). A timed event whose end equals its
  start has no ``DTEND`` (RFC 5545 requires ``DTEND`` to be later than ``DTSTART``;
  without it the event ends when it starts).
* ``STATUS``: ``cancelled`` → ``CANCELLED``; ``postponed`` → ``TENTATIVE`` (the date shown
  is not a firm date any more); every other status → ``CONFIRMED``.
* ``LOCATION``: ``Online`` for virtual events and events that moved online; the place
  (venue, city, region, country) for in-person events; ``<place> and online`` for hybrid.
* ``CATEGORIES``: the kind, then the tags.
* A recurring event carries its ``RRULE`` and ``EXDATE`` s (of the same kind as
  ``DTSTART``); its zone's ``VTIMEZONE`` covers the years up to its last occurrence (a rule
  without end: :data:`OPEN_RULE_YEARS` years).
* Each event is followed by its deadlines, entries of their own
  (:mod:`~sphinx_iassist.publish.deadline_ical`).
* Events are sorted by (start instant, id); equal input gives byte-identical output.
* Every TEXT value — ``SUMMARY``, ``DESCRIPTION``, ``LOCATION``, ``CATEGORIES``, ``UID``
  and the calendar's ``NAME`` and ``X-WR-CALNAME`` — is escaped as RFC 5545 3.3.11 says
  (``\\\\`` ``\\;`` ``\\,`` ``\\n``); lines are folded at 75 octets, never inside a character.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from icalendar.enums import STATUS

from sphinx_iassist import __version__
from sphinx_iassist.dates.recurrence import last_occurrence
from sphinx_iassist.model import Event, Status
from sphinx_iassist.publish import vevent_text
from sphinx_iassist.publish.add_event import location_text
from sphinx_iassist.publish.deadline_ical import deadline_fields

__all__ = ["DEFAULT_DOMAIN", "PRODID", "CalendarSet", "build_calendars", "ical_status", "uid_for"]

PRODID = f"-//sphinx-iassist//sphinx-iassist {__version__}//EN"

ICAL_STATUS: dict[Status, STATUS] = {
    Status.SCHEDULED: STATUS.CONFIRMED,
    Status.POSTPONED: STATUS.TENTATIVE,
    Status.RESCHEDULED: STATUS.CONFIRMED,
    Status.CANCELLED: STATUS.CANCELLED,
    Status.MOVED_ONLINE: STATUS.CONFIRMED,
}

# zone names that are UTC itself: written as UTC ("Z"), with no VTIMEZONE (RFC 5545 3.2.19)
UTC_KEYS = frozenset(
    prefix + name
    for prefix in ("", "Etc/")
    for name in ("UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich")
)

UrlFor = Callable[[Event], str | None]
#: the domain of every UID when the site's address is unknown
DEFAULT_DOMAIN = "sphinx-iassist"
#: the years after its start a VTIMEZONE covers for a rule without COUNT or UNTIL
OPEN_RULE_YEARS = 20


def uid_for(event: Event, domain: str) -> str:
    """The stable iCalendar UID of ``event``: ``<id>@<domain>``."""
    return f"{event.id}@{domain}"


def ical_status(status: Status) -> STATUS:
    """The RFC 5545 ``STATUS`` value for an event status."""
    return ICAL_STATUS[status]


class CalendarSet:
    """The events of a site, each made and serialised by icalendar once, and the calendars
    made of them: the whole set, one event, or a subset (a series, a tag).

    Events are sorted by start instant, then id; an id that occurs twice is written once
    (the first given). ``dtstamp`` must be timezone-aware; ``url_for(event)`` gives the
    ``URL`` of each event (or None for none); ``domain`` ends each ``UID``.

    The calendars are those serialised components inside an icalendar-serialised
    VCALENDAR: byte for byte what ``Calendar.to_ical()`` gives for the same components, at
    a fraction of the cost for a site that publishes an event in several calendars
    (serialising, with its line folding, is most of the work).
    """

    def __init__(
        self,
        events: Iterable[Event],
        *,
        dtstamp: datetime,
        url_for: UrlFor,
        domain: str = DEFAULT_DOMAIN,
    ) -> None:
        stamp = _utc_stamp(dtstamp)
        first: dict[str, Event] = {}
        for event in events:
            first.setdefault(event.id, event)
        self.events = sorted(first.values(), key=lambda e: (e.starts_at, e.id))
        self._vevents = {e.id: _components(e, stamp, url_for(e), domain) for e in self.events}
        self._position = {e.id: n for n, e in enumerate(self.events)}

    def calendar(
        self,
        name: str | None = None,
        ids: Collection[str] | None = None,
        description: str | None = None,
    ) -> bytes:
        """The calendar named ``name`` of the events ``ids`` (every event when None),
        described by ``description`` (what a series or tag calendar holds)."""
        if ids is None:
            return self._calendar(name, self.events, description)
        # in the order of ``events``, without going through all of them for each calendar
        found = sorted({self._position[i] for i in ids if i in self._position})
        return self._calendar(name, [self.events[n] for n in found], description)

    def single(self, event: Event) -> bytes:
        """The one-event calendar of ``event`` (its "Add to calendar" file)."""
        return self._calendar(None, [event])

    def _calendar(
        self, name: str | None, chosen: list[Event], description: str | None = None
    ) -> bytes:
        spans: dict[str, tuple[int, int]] = {}
        for event in chosen:
            _note_zone_spans(event, spans)
        zones = b"".join(_vtimezone_ical(key, *years) for key, years in sorted(spans.items()))
        return _envelope(name, zones + b"".join(self._vevents[e.id] for e in chosen), description)


def build_calendars(
    events: Iterable[Event],
    *,
    dtstamp: datetime,
    url_for: UrlFor,
    name: str | None = None,
    domain: str = DEFAULT_DOMAIN,
) -> tuple[bytes, dict[str, bytes]]:
    """The calendar of all ``events`` (``events.ics``), named ``name``, and, by id, the
    one-event calendar of each (its "Add to calendar" file), as bytes (see
    :class:`CalendarSet`)."""
    made = CalendarSet(events, dtstamp=dtstamp, url_for=url_for, domain=domain)
    return made.calendar(name), {e.id: made.single(e) for e in made.events}


_END = b"END:VCALENDAR\r\n"


def _envelope(name: str | None, components: bytes, description: str | None = None) -> bytes:
    """An icalendar VCALENDAR (PRODID, VERSION, name, description) around serialised
    components."""
    empty = _empty_calendar(name, description)
    return empty[: -len(_END)] + components + _END


@functools.lru_cache(maxsize=8)
def _empty_calendar(name: str | None, description: str | None = None) -> bytes:
    calendar = icalendar.Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    if name:
        # NAME (RFC 7986) and X-WR-CALNAME are TEXT: written as vText, so that "," ";" "\\"
        # and line breaks are escaped (icalendar's calendar_name writes them raw, and a
        # strict reader cuts "Edge, cases; site" at the comma)
        for prop in ("NAME", "X-WR-CALNAME"):
            calendar.add(prop, icalendar.vText(name))
    if description:
        for prop in ("DESCRIPTION", "X-WR-CALDESC"):
            calendar.add(prop, icalendar.vText(description))
    empty: bytes = calendar.to_ical()
    assert empty.endswith(_END)
    return empty


def _utc_stamp(dtstamp: datetime) -> datetime:
    if not isinstance(dtstamp, datetime) or dtstamp.utcoffset() is None:
        raise ValueError(f"dtstamp must be a timezone-aware datetime, not {dtstamp!r}")
    return dtstamp.astimezone(UTC)


def _ical_time(value: date | datetime) -> date | datetime:
    """Keep a date, or a datetime in a named zone; put other datetimes in UTC (``Z``)."""
    if isinstance(value, datetime) and _zone_key(value) is None:
        return value.astimezone(UTC)
    return value


def _zone_key(value: datetime) -> str | None:
    """The IANA name that needs a VTIMEZONE for ``value``; None for UTC or a fixed offset."""
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo) and tz.key not in UTC_KEYS:
        return tz.key
    return None


def _vevent(event: Event, stamp: datetime, url: str | None, domain: str) -> icalendar.Event:
    vevent = icalendar.Event.new(**_fields(event, stamp, url, domain))  # type: ignore[arg-type]
    if event.rrule is not None:
        _add_recurrence(vevent, event.rrule, event.exdates)
    return vevent


def _fields(event: Event, stamp: datetime, url: str | None, domain: str) -> dict[str, object]:
    """What the VEVENT of ``event`` is made of: the arguments of :meth:`icalendar.Event.new`."""
    start: date | datetime
    end: date | datetime | None
    if isinstance(event.start, datetime):
        start = _ical_time(event.start)
        end = _ical_time(event.end) if event.end != event.start else None
    else:
        start = event.start
        end = event.end + timedelta(days=1)
    return {
        "uid": uid_for(event, domain),
        "stamp": stamp,
        "summary": event.title,
        "start": start,
        "end": end,
        "status": ical_status(event.status),
        "location": location_text(event),
        "description": event.summary,
        "url": url,
        "categories": list(dict.fromkeys((event.kind.value, *event.tags))),
    }


def _add_recurrence(
    vevent: icalendar.Event, rrule: str, exdates: tuple[date | datetime, ...]
) -> None:
    """RRULE as the data gives it (its UNTIL is in UTC when the start has a time, as RFC
    5545 requires of a start with a zone), and the EXDATEs of the same kind as DTSTART."""
    vevent.add("rrule", icalendar.vRecur.from_ical(rrule))
    if exdates:
        vevent.add("exdate", [_ical_time(value) for value in exdates])


def _components(event: Event, stamp: datetime, url: str | None, domain: str) -> bytes:
    """The VEVENT of ``event`` and those of its deadlines, serialised (by
    :mod:`~sphinx_iassist.publish.vevent_text` where it can, as icalendar would)."""
    if event.rrule is None:
        main = vevent_text.serialise(_fields(event, stamp, url, domain))
    else:
        main = None
    parts = [main if main is not None else _vevent(event, stamp, url, domain).to_ical()]
    for fields in deadline_fields(event, stamp, url, domain):
        data = vevent_text.serialise(fields)
        parts.append(data if data is not None else _deadline_ical(fields))
    return b"".join(parts)


def _deadline_ical(fields: dict[str, object]) -> bytes:
    data: bytes = icalendar.Event.new(**fields).to_ical()  # type: ignore[arg-type]
    return data


def _note_zone_spans(event: Event, spans: dict[str, tuple[int, int]]) -> None:
    """Widen the span of local years of each named zone ``event`` uses (for its VTIMEZONE)."""
    for value in (event.start, event.end, *_recurrence_bounds(event)):
        if isinstance(value, datetime) and (key := _zone_key(value)):
            year = value.year
            first, last = spans.get(key, (year, year))
            spans[key] = (min(first, year), max(last, year))


def _recurrence_bounds(event: Event) -> tuple[date | datetime, ...]:
    """The last occurrence of a recurring event, or, for a rule without end, the start
    :data:`OPEN_RULE_YEARS` years later: the years a VTIMEZONE must cover for it."""
    if event.rrule is None or not isinstance(event.start, datetime):
        return ()  # all-day events need no VTIMEZONE
    last = last_occurrence(event)
    if last is not None:
        return (last[1],)
    year = min(event.start.year + OPEN_RULE_YEARS, 9998)
    return (event.start.replace(year=year, month=1, day=1),)


@functools.lru_cache(maxsize=256)
def _vtimezone_ical(key: str, first_year: int, last_year: int) -> bytes:
    data: bytes = _vtimezone(key, first_year, last_year).to_ical()
    return data


@functools.lru_cache(maxsize=256)
def _vtimezone(key: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of zone ``key`` for whole years (only read afterwards, so shared).

    Whole years make the per-event calendars of one zone and year share one component:
    icalendar derives it by searching the zone's transitions, which is slow for zones
    without daylight saving time (milliseconds per call).
    """
    return icalendar.Timezone.from_tzid(
        key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
