"""Links that add one event to a reader's online calendar (Google Calendar, Outlook). Pure.

Neither service documents these links as an API; both have accepted the same query
parameters for years, and add-to-calendar tools across the web use them (the docs'
calendar page cites where they are described):

* Google Calendar: ``https://calendar.google.com/calendar/render?action=TEMPLATE`` with
  ``text`` (the title), ``dates`` (``start/end``: ``YYYYMMDDTHHMMSSZ`` in UTC for a timed
  event, ``YYYYMMDD`` with the *exclusive* end — the day after the last — for an all-day
  one), ``details`` and ``location``.
* Outlook on the web: ``https://outlook.live.com/calendar/0/deeplink/compose`` with
  ``path=/calendar/action/compose``, ``rru=addevent``, ``subject``, ``startdt`` and
  ``enddt`` (ISO 8601 in UTC with ``Z``; for an all-day event ``YYYY-MM-DD`` dates, the
  end exclusive as in iCalendar, and ``allday=true``), ``body`` and ``location``.

Every value in a query is quoted (what :func:`urllib.parse.urlencode` with
``quote_via=quote`` gives), so no title, place or description can add or change a
parameter; what both links carry is quoted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from sphinx_iassist.countries import place
from sphinx_iassist.model import Event, Mode, Status

__all__ = [
    "GOOGLE_CALENDAR",
    "OUTLOOK",
    "AddLinks",
    "add_links",
    "description_text",
    "google_calendar_url",
    "location_text",
    "outlook_url",
]

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


@dataclass(frozen=True, slots=True)
class AddLinks:
    """The add-to-calendar links of one event."""

    google: str
    outlook: str


def location_text(event: Event) -> str | None:
    """Where the event is, as one line of text (the calendars' ``LOCATION``).

    ``Online`` for virtual events and events that moved online; the place (venue, city,
    region, country) for in-person events; ``<place> and online`` for hybrid ones. A
    country written as an ISO code is named ("SE" is "Sweden").
    """
    where = place(event.location, None) if event.location else None
    if event.mode is Mode.VIRTUAL or event.status is Status.MOVED_ONLINE:
        return "Online"
    if event.mode is Mode.HYBRID:
        return f"{where} and online" if where else "Online"
    return where


def description_text(event: Event, url: str | None) -> str:
    """The description an added event carries: its summary, then the link back to it."""
    return "\n\n".join(part for part in (event.summary, url) if part)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _exclusive_end(event: Event) -> date:
    assert not isinstance(event.end, datetime)
    return event.end + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Quoted:
    """What both links of an event carry, each value quoted once (None: left out)."""

    title: str
    details: str | None
    location: str | None


def _quote(value: str) -> str:
    # quote, not quote_plus: "+" for a space is a form convention some services keep as
    # "+"; what urlencode(query, quote_via=quote, safe="/") gives for each value
    return quote(value, safe="/")


def _quoted(event: Event, url: str | None) -> _Quoted:
    details, where = description_text(event, url), location_text(event)
    return _Quoted(
        _quote(event.title), _quote(details) if details else None, _quote(where) if where else None
    )


def google_calendar_url(event: Event, *, url: str | None = None) -> str:
    """The Google Calendar link that adds ``event`` (``url``: its page, for the details)."""
    return _google(event, _quoted(event, url))


def outlook_url(event: Event, *, url: str | None = None) -> str:
    """The Outlook on the web link that adds ``event`` (``url``: its page, for the body)."""
    return _outlook(event, _quoted(event, url))


def add_links(event: Event, *, url: str | None = None) -> AddLinks:
    """Both links for ``event``; ``url`` is the absolute link back to it (or None)."""
    quoted = _quoted(event, url)
    return AddLinks(_google(event, quoted), _outlook(event, quoted))


def _google(event: Event, quoted: _Quoted) -> str:
    if event.all_day:
        dates = f"{event.start:%Y%m%d}/{_exclusive_end(event):%Y%m%d}"
    else:
        dates = f"{_utc(event.starts_at):%Y%m%dT%H%M%SZ}/{_utc(event.ends_at):%Y%m%dT%H%M%SZ}"
    query = [("action", "TEMPLATE"), ("text", quoted.title), ("dates", _quote(dates))]
    return _url(GOOGLE_CALENDAR, query, quoted, details="details")


def _outlook(event: Event, quoted: _Quoted) -> str:
    query = [("path", "/calendar/action/compose"), ("rru", "addevent"), ("subject", quoted.title)]
    if event.all_day:
        query += [
            ("startdt", event.start.isoformat()),
            ("enddt", _exclusive_end(event).isoformat()),
            ("allday", "true"),
        ]
    else:
        query += [
            ("startdt", _quote(f"{_utc(event.starts_at):%Y-%m-%dT%H:%M:%SZ}")),
            ("enddt", _quote(f"{_utc(event.ends_at):%Y-%m-%dT%H:%M:%SZ}")),
        ]
    return _url(OUTLOOK, query, quoted, details="body")


def _url(base: str, query: list[tuple[str, str]], quoted: _Quoted, *, details: str) -> str:
    """``base`` with ``query`` (values quoted), then the details and the location."""
    if quoted.details is not None:
        query.append((details, quoted.details))
    if quoted.location is not None:
        query.append(("location", quoted.location))
    # the keys are plain words; every value is quoted (the constants need none)
    return base + "?" + "&".join(f"{key}={value}" for key, value in query)
