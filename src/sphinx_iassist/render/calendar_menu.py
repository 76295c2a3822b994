"""The add-to-calendar menu of one event: its template context, as plain data.

:func:`calendar_menu` is the one place that decides whether an event offers the menu (not
for an event that is over or cancelled) and what it holds: the event's own ``.ics`` file
when the build writes calendar files, and the Google Calendar and Outlook links of
:mod:`~sphinx_iassist.publish.add_event`. Any template shows it with
``{% include "iassist/_add-to-calendar.html" %}`` and the context under ``calendar``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sphinx_iassist import labels, links
from sphinx_iassist.dates.formatting import instant
from sphinx_iassist.dates.recurrence import last_occurrence
from sphinx_iassist.model import Status
from sphinx_iassist.publish.add_event import add_links
from sphinx_iassist.publish.outputs import ics_href

if TYPE_CHECKING:
    from sphinx_iassist.model import Event
    from sphinx_iassist.render.page import Page

__all__ = ["calendar_menu", "offers_menu"]


def offers_menu(event: Event, *, over: bool) -> bool:
    """Whether ``event`` offers "Add to calendar": not when it is over or cancelled."""
    return not over and event.status is not Status.CANCELLED


def calendar_menu(
    page: Page, event: Event, *, over: bool, occurrence: Event | None = None
) -> dict[str, Any] | None:
    """The context of ``iassist/_add-to-calendar.html`` for ``event`` on ``page`` (None:
    no menu). ``over``: the event is over on the build's day. A recurring event's links
    carry ``occurrence`` (its next one); its ``.ics`` file holds the whole series, and the
    menu stays until its last occurrence ends (``end`` is None for a rule without end)."""
    if not offers_menu(event, over=over):
        return None
    shown = occurrence or event
    added = add_links(shown, url=links.absolute_url(event, page.env, page.builder))
    return {
        "ics_href": ics_href(page.builder, page.docname, event.id) if page.calendars else None,
        "ics_name": f"{event.id}.ics",
        "google": added.google,
        "outlook": added.outlook,
        "end": _end(event),
        "pinned": page.pinned,
        "labels": {
            "summary": str(labels.ADD_TO_CALENDAR),
            "ics": str(labels.CALENDAR_FILE),
            "google": "Google Calendar",
            "outlook": "Outlook",
        },
    }


def _end(event: Event) -> str | None:
    """When the menu is no longer offered: the event's end, a recurring event's last
    occurrence's (None: never)."""
    if not event.recurring:
        return instant(event.ends_at)
    last = last_occurrence(event)
    if last is None:
        return None
    return instant(replace(event, start=last[0], end=last[1]).ends_at)
