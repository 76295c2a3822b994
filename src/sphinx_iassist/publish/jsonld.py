"""Events as schema.org ``Event`` JSON-LD for a page's ``<script type="application/ld+json">``.

Pure: no Sphinx. Choices (documented for users in the docs' search-engine metadata page):

* ``startDate``/``endDate`` are ISO 8601: dates for all-day events (``endDate`` is the last
  day, inclusive, as schema.org dates are), datetimes with their UTC offset otherwise.
* ``eventStatus`` and ``eventAttendanceMode`` are full ``https://schema.org/...`` URLs mapped
  from ``status`` and ``mode``. An event that moved online is attended online whatever its
  ``mode`` says, and its location is virtual (as in the HTML and the calendars).
* Status as Google reads it: a rescheduled event has its new ``startDate`` and its
  ``previousStartDate``; a postponed one keeps its original date (``previous_start`` when
  given, the range moved with it) as ``startDate`` and has no ``previousStartDate``.
* ``location``: a ``Place`` (``name`` the venue, ``address`` a ``PostalAddress`` of street,
  postal code, city, region and country — the ISO 3166 code when known) for in-person
  events, a ``VirtualLocation`` (``url`` where to join: ``online_url``, else ``url``, else
  the page) for virtual ones, both (a list) for hybrid ones.
* ``description`` is the description (its paragraphs), else the summary; ``image`` an
  absolute URL; ``organizer`` an ``Organization``; ``offers`` an ``Offer`` made from
  ``registration`` (``price``/``priceCurrency`` from ``"EUR 120"``, ``0`` when free, its
  window as ``validFrom``/``availabilityStarts``/``availabilityEnds``).
* ``subEvent``: the sessions of the event's programme that the page shows, each an
  ``Event`` with its room as ``location`` and its speakers as ``performer`` ``Person``s.
* ``keywords`` are the tags. No ``performer`` of the event itself: the data has none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sphinx_iassist.actions import attendance
from sphinx_iassist.model import Event, Location, Mode, Organizer, Status, Window

if TYPE_CHECKING:
    from sphinx_iassist.schedule import Session

__all__ = [
    "ATTENDANCE_MODE",
    "EVENT_STATUS",
    "Extras",
    "attendance",
    "event_object",
    "metadata_notes",
    "metadata_problems",
    "page_script",
    "price_parts",
    "published_start",
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
# (each replaced in turn: str.replace runs in C, a str.translate table per character in
# Python, which for a page of thousands of events costs more than the JSON itself)
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)

_AMOUNT = r"(\d+(?:[.,]\d{1,2})?)"
_PRICE = (
    re.compile(rf"([A-Z]{{3}})\s*{_AMOUNT}", re.ASCII),
    re.compile(rf"{_AMOUNT}\s*([A-Z]{{3}})", re.ASCII),
)


@dataclass(frozen=True, slots=True)
class Extras:
    """What an event's JSON-LD takes from outside its data: the organizer of the site
    (``iassist_organizer``) and the absolute URL of its image."""

    organizer: Organizer | None = None
    image: str | None = None


def published_start(event: Event) -> tuple[date | datetime, date | datetime]:
    """The ``startDate`` and ``endDate`` to publish: a postponed event's original dates
    (``previous_start``, with the range moved along) when the data gives them."""
    if event.status is Status.POSTPONED and event.previous_start is not None:
        shift = event.previous_start - event.start  # type: ignore[operator]
        return event.previous_start, event.end + shift
    return event.start, event.end


def price_parts(text: str) -> tuple[str, str] | None:
    """(amount, ISO 4217 currency) of a price written ``EUR 120`` or ``120 EUR``."""
    for pattern in _PRICE:
        match = pattern.fullmatch(text.strip())
        if match:
            first, second = match.groups()
            currency, amount = (first, second) if pattern is _PRICE[0] else (second, first)
            return amount.replace(",", "."), currency
    return None


def event_object(event: Event, *, url: str | None, extras: Extras | None = None) -> dict[str, Any]:
    """The schema.org ``Event`` for ``event`` (without ``@context``); ``url`` is its page."""
    extras = extras or Extras()
    start, end = published_start(event)
    data: dict[str, Any] = {
        "@type": "Event",
        "name": event.title,
        "startDate": _iso(start),
        "endDate": _iso(end),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[attendance(event)],
    }
    location = _location(event, url)
    if location:
        data["location"] = location[0] if len(location) == 1 else location
    description = "\n\n".join(event.description) or event.summary
    if description:
        data["description"] = description
    if url:
        data["url"] = url
    if event.status is Status.RESCHEDULED and event.previous_start is not None:
        data["previousStartDate"] = _iso(event.previous_start)
    if extras.image:
        data["image"] = [extras.image]
    organizer = event.organizer or extras.organizer
    if organizer is not None:
        data["organizer"] = _organization(organizer)
    if event.registration is not None:
        data["offers"] = _offer(event.registration)
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
    extras_for: Callable[[Event], Extras] | None = None,
    sub_events: Mapping[str, list[dict[str, Any]]] | None = None,
    next_of: Callable[[Event], Event | None] | None = None,
) -> str | None:
    """The text of one ``application/ld+json`` script for ``events`` (None if there are none).

    One JSON object with ``@context`` and an ``@graph`` of the events (in the given order,
    each id once), keys sorted, safe to place between ``<script>`` and ``</script>``. A
    recurring event is an ``EventSeries`` whose ``subEvent`` is its next occurrence
    (``next_of``: the event at its next occurrence, None when none is left).
    """
    first: dict[str, Event] = {}
    for event in events:
        first.setdefault(event.id, event)
    unique = list(first.values())
    if not unique:
        return None
    graph = []
    for event in unique:
        extras = extras_for(event) if extras_for else None
        data = event_object(event, url=url_for(event), extras=extras)
        subs = list(sub_events.get(event.id, [])) if sub_events else []
        if event.recurring:
            data["@type"] = "EventSeries"
            occurrence = next_of(event) if next_of else None
            if occurrence is not None:
                subs.insert(0, event_object(occurrence, url=url_for(event), extras=extras))
        if subs:
            data["subEvent"] = subs
        graph.append(data)
    document = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return text


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def _organization(organizer: Organizer) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": organizer.name}
    if organizer.url:
        found["url"] = organizer.url
    return found


def _offer(window: Window) -> dict[str, Any]:
    offer: dict[str, Any] = {"@type": "Offer", "url": window.url}
    if window.free:
        offer["price"] = 0
    elif window.price:
        parts = price_parts(window.price)
        if parts:
            offer["price"], offer["priceCurrency"] = parts
    if window.opens is not None:
        offer["validFrom"] = offer["availabilityStarts"] = _iso(window.opens.at)
    if window.closes is not None:
        offer["availabilityEnds"] = _iso(window.closes.at)
    return offer


def _postal_address(loc: Location) -> dict[str, Any]:
    return {
        key: value
        for key, value in (
            ("streetAddress", loc.address),
            ("postalCode", loc.postal_code),
            ("addressLocality", loc.city),
            ("addressRegion", loc.region),
            ("addressCountry", loc.country_code or loc.country),
        )
        if value
    }


def _location(event: Event, url: str | None) -> list[dict[str, Any]]:
    mode = attendance(event)
    found: list[dict[str, Any]] = []
    if mode is not Mode.VIRTUAL and event.location:
        place: dict[str, Any] = {"@type": "Place"}
        loc = event.location
        if loc.venue:
            place["name"] = loc.venue
        address = _postal_address(loc)
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        elif loc.venue:
            place["address"] = loc.venue
        found.append(place)
    if mode is not Mode.IN_PERSON:
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        if event.join_url or url:
            virtual["url"] = event.join_url or url
        found.append(virtual)
    return found


def metadata_problems(event: Event) -> list[str]:
    """Why ``event`` cannot meet Google's required Event properties: a ``location`` that
    says where (a ``Place`` with an address or city for in-person and hybrid events, a
    ``VirtualLocation`` with a URL for virtual and hybrid ones). ``name`` and ``startDate``
    every valid event has."""
    problems = []
    mode = attendance(event)
    if mode is not Mode.VIRTUAL:
        loc = event.location
        if loc is None or not (loc.address or loc.city or (loc.venue and not loc.parts()[1:])):
            problems.append(
                f"event {event.id!r} is {mode.value} but its 'location' names no address "
                "or city: search engines show no event without a place"
            )
    if mode is not Mode.IN_PERSON and not event.join_url:
        problems.append(
            f"event {event.id!r} is {'attended online' if mode is Mode.VIRTUAL else mode.value} "
            "but has neither 'online_url' nor 'url': search engines need where to join"
        )
    return problems


def metadata_notes(events: Sequence[Event]) -> dict[str, tuple[str, int, tuple[str, ...], bool]]:
    """By event id, for the events whose metadata may fall short: (source, line, the
    problems of :func:`metadata_problems`, whether its image is a file, which needs the
    site's address to be published)."""
    notes = {}
    for event in events:
        problems = tuple(metadata_problems(event))
        if problems or event.image_is_file:
            notes[event.id] = (event.source, event.line, problems, event.image_is_file)
    return notes
