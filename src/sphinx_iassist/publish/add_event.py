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

Every query is made by :func:`urllib.parse.urlencode`, never glued from strings, so no
title, place or description can add or change a parameter.
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


def google_calendar_url(event: Event, *, url: str | None = None) -> str:
    """The Google Calendar link that adds ``event`` (``url``: its page, for the details)."""
    if event.all_day:
        dates = f"{event.start:%Y%m%d}/{_exclusive_end(event):%Y%m%d}"
    else:
        dates = f"{_utc(event.starts_at):%Y%m%dT%H%M%SZ}/{_utc(event.ends_at):%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates}
    return _url(GOOGLE_CALENDAR, query, event, url, details="details")


def outlook_url(event: Event, *, url: str | None = None) -> str:
    """The Outlook on the web link that adds ``event`` (``url``: its page, for the body)."""
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title}
    if event.all_day:
        query |= {
            "startdt": event.start.isoformat(),
            "enddt": _exclusive_end(event).isoformat(),
            "allday": "true",
        }
    else:
        query |= {
            "startdt": f"{_utc(event.starts_at):%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{_utc(event.ends_at):%Y-%m-%dT%H:%M:%SZ}",
        }
    return _url(OUTLOOK, query, event, url, details="body")


def add_links(event: Event, *, url: str | None = None) -> AddLinks:
    """Both links for ``event``; ``url`` is the absolute link back to it (or None)."""
    return AddLinks(google_calendar_url(event, url=url), outlook_url(event, url=url))


def _url(base: str, query: dict[str, str], event: Event, url: str | None, *, details: str) -> str:
    text = description_text(event, url)
    if text:
        query[details] = text
    if where := location_text(event):
        query["location"] = where
    # quote, not quote_plus: "+" for a space is a form convention some services keep as "+";
    # what urlencode(query, quote_via=quote, safe="/") gives, without its checks per item
    # (the keys are plain words)
    return base + "?" + "&".join(f"{key}={quote(value, safe='/')}" for key, value in query.items())
