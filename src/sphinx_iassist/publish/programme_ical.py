"""A programme as iCalendar data: one VEVENT per session, written with ``icalendar`` through
the helpers of :mod:`sphinx_iassist.publish.ical`. Pure: no Sphinx.

* ``UID`` is ``<event id>.<session guid>@<domain>``: stable across builds and exports.
* ``DTSTART``/``DTEND`` are the session's instants in the schedule's zone (``TZID`` and its
  ``VTIMEZONE``), or in UTC when the schedule has no zone.
* ``LOCATION`` is the room; ``DESCRIPTION`` the speakers (``Speakers: …``) and the abstract;
  ``URL`` where the site shows the session, else its own page; ``CATEGORIES`` its track and
  type.
* Sessions in programme order (day, start, room); equal input gives equal bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import icalendar

from sphinx_iassist.publish.ical import (
    _envelope,
    _ical_time,
    _utc_stamp,
    _vtimezone_ical,
    _zone_key,
)
from sphinx_iassist.publish.subscriptions import PROGRAMME_SUFFIX
from sphinx_iassist.schedule import Schedule, Session

__all__ = ["PROGRAMME_SUFFIX", "build_programme_calendar", "session_uid"]

#: ``_ics/<event id>-programme.ics``


def session_uid(event_id: str, session: Session, domain: str) -> str:
    return f"{event_id}.{session.guid}@{domain}"


def build_programme_calendar(
    schedule: Schedule,
    *,
    dtstamp: datetime,
    url_for: Callable[[Session], str | None],
    name: str | None = None,
    domain: str = "sphinx-iassist",
) -> bytes:
    """The calendar of every session of ``schedule``, as bytes."""
    stamp = _utc_stamp(dtstamp)
    spans: dict[str, tuple[int, int]] = {}
    vevents = []
    for session in schedule.sessions:
        vevents.append(_vevent(schedule.event_id, session, stamp, url_for(session), domain))
        for value in (session.start, session.end):
            if key := _zone_key(value):
                first, last = spans.get(key, (value.year, value.year))
                spans[key] = (min(first, value.year), max(last, value.year))
    zones = b"".join(_vtimezone_ical(key, *years) for key, years in sorted(spans.items()))
    return _envelope(name, zones + b"".join(vevents))


def _vevent(
    event_id: str, session: Session, stamp: datetime, url: str | None, domain: str
) -> bytes:
    lines = []
    if session.persons:
        lines.append("Speakers: " + ", ".join(p.name for p in session.persons))
    lines += session.abstract
    categories = [c for c in (session.track, session.type) if c]
    component = icalendar.Event.new(
        uid=session_uid(event_id, session, domain),
        stamp=stamp,
        summary=session.title,
        start=_ical_time(session.start),
        end=_ical_time(session.end) if session.end != session.start else None,
        location=session.room,
        description="\n\n".join(lines) or None,
        url=url,
    )
    if categories:
        component.categories = categories
    data: bytes = component.to_ical()
    return data
