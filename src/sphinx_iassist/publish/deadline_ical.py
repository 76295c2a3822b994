"""An event's deadlines as calendar entries of their own. Pure: no Sphinx.

Each date of :func:`~sphinx_iassist.actions.event_deadlines` — registration closes, the call
for proposals closes, each of the data's ``deadlines`` — becomes a VEVENT beside its event:
``SUMMARY`` "Registration closes: <title>", "CfP closes: <title>" or "<label>: <title>";
a deadline given as a date alone is an all-day entry on that day, one given with a time a
moment entry (no ``DTEND``) in UTC, so that no extra ``VTIMEZONE`` is needed (``AoE``
included). ``UID`` is ``<id>-<registration|cfp>-closes@<domain>`` or
``<id>-deadline-<n>@<domain>`` (``n`` counts the data's deadlines from 1, in time order).
A cancelled event has none.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from sphinx_iassist.actions import DeadlineKind, day_of, event_deadlines
from sphinx_iassist.model import Event, Status

__all__ = ["SUMMARIES", "deadline_fields", "deadline_vevents"]

SUMMARIES = {
    DeadlineKind.REGISTRATION: "Registration closes",
    DeadlineKind.CFP: "CfP closes",
}


def deadline_vevents(
    event: Event, stamp: datetime, url: str | None, domain: str
) -> list[icalendar.Event]:
    """The VEVENTs of ``event``'s deadlines, in time order."""
    return [
        icalendar.Event.new(**fields)  # type: ignore[arg-type]
        for fields in deadline_fields(event, stamp, url, domain)
    ]


def deadline_fields(
    event: Event, stamp: datetime, url: str | None, domain: str
) -> list[dict[str, object]]:
    """What each of ``event``'s deadlines is made of, in time order: the arguments of
    :meth:`icalendar.Event.new` for its VEVENT."""
    if event.status is Status.CANCELLED:
        return []
    found: list[dict[str, object]] = []
    number = 0
    for item in event_deadlines(event):
        if item.kind is DeadlineKind.DEADLINE:
            number += 1
            uid = f"{event.id}-deadline-{number}@{domain}"
            what = item.label or ""
        else:
            uid = f"{event.id}-{item.kind.value}-closes@{domain}"
            what = SUMMARIES[item.kind]
        if item.moment.all_day:
            day = day_of(item.moment)
            start: object = day
            end: object = day + timedelta(days=1)
        else:
            start, end = item.moment.at.astimezone(UTC), None
        found.append(
            {
                "uid": uid,
                "stamp": stamp,
                "summary": f"{what}: {event.title}",
                "start": start,
                "end": end,
                "url": item.url or url,
                "categories": ["deadline"],
            }
        )
    return found
