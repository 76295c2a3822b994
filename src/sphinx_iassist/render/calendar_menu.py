"""The add-to-calendar menu of one event: its template context, as plain data.

:func:`calendar_menu` is the one place that decides whether an event offers the menu (not
for an event that is over or cancelled) and what it holds: the event's own ``.ics`` file
when the build writes calendar files, and the Google Calendar and Outlook links of
:mod:`~sphinx_iassist.publish.add_event`. Any template shows it with
``{% include "iassist/_add-to-calendar.html" %}`` and the context under ``calendar``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_iassist import labels, links
from sphinx_iassist.formatting import instant
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


def calendar_menu(page: Page, event: Event, *, over: bool) -> dict[str, Any] | None:
    """The context of ``iassist/_add-to-calendar.html`` for ``event`` on ``page`` (None:
    no menu). ``over``: the event is over on the build's day."""
    if not offers_menu(event, over=over):
        return None
    added = add_links(event, url=links.absolute_url(event, page.env, page.builder))
    return {
        "ics_href": ics_href(page.builder, page.docname, event.id) if page.calendars else None,
        "ics_name": f"{event.id}.ics",
        "google": added.google,
        "outlook": added.outlook,
        "end": instant(event.ends_at),
        "pinned": page.pinned,
        "labels": {
            "summary": str(labels.ADD_TO_CALENDAR),
            "ics": str(labels.CALENDAR_FILE),
            "google": "Google Calendar",
            "outlook": "Outlook",
        },
    }
