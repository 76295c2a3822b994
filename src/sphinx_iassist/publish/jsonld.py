"""Events as schema.org ``Event`` JSON-LD for a page's ``<script type="application/ld+json">``.

Pure: no Sphinx. Choices (documented for users in the docs' metadata page):

* ``startDate``/``endDate`` are ISO 8601: dates for all-day events (``endDate`` is the last
  day, inclusive, as schema.org dates are), datetimes with their UTC offset otherwise.
* ``eventStatus`` and ``eventAttendanceMode`` are full ``https://schema.org/...`` URLs mapped
  from ``status`` and ``mode``. An event that moved online is attended online whatever its
  ``mode`` says, and its location is virtual.
* ``location``: a ``Place`` (``name`` the venue, ``address`` a ``PostalAddress`` of city,
  region and country, or the venue text when that is all there is) for in-person events,
  a ``VirtualLocation`` (``url`` the event's own site, else the page) for virtual ones, both
  (a list) for hybrid ones.
* ``previousStartDate`` for postponed or rescheduled events that name their previous start.
* ``subEvent``: the sessions of the event's programme that the page shows, each an
  ``Event`` with its room as ``location`` and its speakers as ``performer`` ``Person``s.
* ``keywords`` are the tags. No ``organizer``: the data has no organiser field, and guessing
  one (the site's author?) would state something the data does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sphinx_iassist.model import Event, Mode, Status
from sphinx_iassist.schedule import Session

__all__ = [
    "ATTENDANCE_MODE",
    "EVENT_STATUS",
    "attendance",
    "event_object",
    "page_script",
    "session_object",
]

SCHEMA = "https://schema.org/"

EVENT_STATUS: dict[Status, str] = {
    Status.SCHEDULED: SCHEMA + "EventScheduled",
    Status.POSTPONED: SCHEMA + "EventPostponed",
    Status.RESCHEDULED: SCHEMA + "EventRescheduled",
    Status.CANCELLED: SCHEMA + "EventCancelled",
    Status.MOVED_ONLINE: SCHEMA + "EventMovedOnline",
}

ATTENDANCE_MODE: dict[Mode, str] = {
    Mode.IN_PERSON: SCHEMA + "OfflineEventAttendanceMode",
    Mode.VIRTUAL: SCHEMA + "OnlineEventAttendanceMode",
    Mode.HYBRID: SCHEMA + "MixedEventAttendanceMode",
}

# characters that must not appear raw inside <script>: "</script>", "<!--" and HTML
# entities cannot start, and U+2028/U+2029 stay valid in older JavaScript parsers
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def attendance(event: Event) -> Mode:
    """How the event is attended: its ``mode``, except that a move online makes it virtual."""
    return Mode.VIRTUAL if event.status is Status.MOVED_ONLINE else event.mode


def event_object(event: Event, *, url: str | None) -> dict[str, Any]:
    """The schema.org ``Event`` for ``event`` (without ``@context``); ``url`` is its page."""
    data: dict[str, Any] = {
        "@type": "Event",
        "name": event.title,
        "startDate": _iso(event.start),
        "endDate": _iso(event.end),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[attendance(event)],
    }
    location = _location(event, url)
    if location:
        data["location"] = location[0] if len(location) == 1 else location
    if event.summary:
        data["description"] = event.summary
    if url:
        data["url"] = url
    if event.previous_start is not None and event.status in (
        Status.POSTPONED,
        Status.RESCHEDULED,
    ):
        data["previousStartDate"] = _iso(event.previous_start)
    if event.tags:
        data["keywords"] = list(event.tags)
    return data


def session_object(session: Session, *, url: str | None) -> dict[str, Any]:
    """A session of a programme as a schema.org ``Event`` (a ``subEvent`` of its event),
    its speakers as ``performer`` ``Person``s and its room as the ``location``."""
    data: dict[str, Any] = {
        "@type": "Event",
        "name": session.title,
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "location": {"@type": "Place", "name": session.room},
    }
    if session.persons:
        data["performer"] = [{"@type": "Person", "name": p.name} for p in session.persons]
    if session.abstract:
        data["description"] = "\n\n".join(session.abstract)
    if url or session.url:
        data["url"] = url or session.url
    return data


def page_script(
    events: Sequence[Event],
    *,
    url_for: Callable[[Event], str | None],
    sub_events: Mapping[str, list[dict[str, Any]]] | None = None,
) -> str | None:
    """The text of one ``application/ld+json`` script for ``events`` (None if there are none).

    One JSON object with ``@context`` and an ``@graph`` of the events (in the given order,
    each id once), keys sorted, safe to place between ``<script>`` and ``</script>``.
    """
    first: dict[str, Event] = {}
    for event in events:
        first.setdefault(event.id, event)
    unique = list(first.values())
    if not unique:
        return None
    graph = []
    for event in unique:
        data = event_object(event, url=url_for(event))
        if sub_events and sub_events.get(event.id):
            data["subEvent"] = sub_events[event.id]
        graph.append(data)
    document = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def _location(event: Event, url: str | None) -> list[dict[str, Any]]:
    mode = attendance(event)
    found: list[dict[str, Any]] = []
    if mode is not Mode.VIRTUAL and event.location:
        place: dict[str, Any] = {"@type": "Place"}
        loc = event.location
        if loc.venue:
            place["name"] = loc.venue
        address = {
            key: value
            for key, value in (
                ("addressLocality", loc.city),
                ("addressRegion", loc.region),
                ("addressCountry", loc.country),
            )
            if value
        }
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        elif loc.venue:
            place["address"] = loc.venue
        found.append(place)
    if mode is not Mode.IN_PERSON:
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        if event.url or url:
            virtual["url"] = event.url or url
        found.append(virtual)
    return found
