"""An ``event-detail`` at write time: everything it shows of an event, as plain data
(:func:`detail_context`), rendered for HTML from the template ``iassist/event-detail.html``
(:func:`event_detail_html`). Other builders get nodes made from the same data
(:mod:`~sphinx_iassist.render.detail_plain`), so every output shows the same facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx_iassist import labels
from sphinx_iassist import nodes as inodes
from sphinx_iassist.actions import (
    ActionKind,
    attendance,
    days_until,
    event_actions,
    event_deadlines,
)
from sphinx_iassist.config import organizer_of
from sphinx_iassist.countries import shown_country
from sphinx_iassist.dates.formatting import Segment, date_segments, instant, segments_text
from sphinx_iassist.dates.recurrence import shown_occurrence
from sphinx_iassist.dates.timeline import is_ongoing, is_over
from sphinx_iassist.dates.windows import ActionState, action_state, moment_day
from sphinx_iassist.model import Mode, Status
from sphinx_iassist.publish.images import image_href
from sphinx_iassist.render.actions import action_context, moment_segments
from sphinx_iassist.render.calendar_menu import calendar_menu
from sphinx_iassist.render.recurring import recurrence_context
from sphinx_iassist.render.templating import render
from sphinx_iassist.values import zone_info

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_iassist.actions import DeadlineItem
    from sphinx_iassist.model import Event
    from sphinx_iassist.render.page import Page

__all__ = ["DETAIL_TEMPLATE", "MAP_SEARCH", "detail_context", "event_detail_html"]

DETAIL_TEMPLATE = "iassist/event-detail.html"
MAP_SEARCH = "https://www.openstreetmap.org/search?query="


def event_detail_html(page: Page, node: nodes.Element, event: Event) -> nodes.Element:
    """The HTML of an ``event-detail``, from its template."""
    context = detail_context(page, event)
    context["classes"] = " ".join(["iassist-event-detail", *node["classes"]])
    return inodes.html_fragment(html=render(DETAIL_TEMPLATE, context, page.templates, node))


def detail_context(page: Page, event: Event) -> dict[str, Any]:
    """Everything an ``event-detail`` shows of ``event`` on ``page``, as plain data
    (documented in the docs' templates page)."""
    over = is_over(event, page.today, page.zone)
    mode = attendance(event)
    shown = shown_occurrence(event, page.today, page.zone)
    segments = page.segments(shown, None)
    return {
        "event": _event_data(page, event),
        "dates": _segments(segments),
        "date_text": segments_text(segments),
        "zone": None if event.all_day else event.timezone,
        "start": instant(shown.starts_at),
        "end": instant(shown.ends_at),
        "recurrence": recurrence_context(page, event, next_shown=not over),
        "over": over,
        "ongoing": is_ongoing(event, page.today, page.zone),
        "status": None if event.status is Status.SCHEDULED else event.status.value,
        "previous": _previous(page, event),
        "mode": mode.value,
        "location": _location(page, event),
        "organizer": _organizer(page, event),
        "image": _image(page, event),
        "actions": _actions(page, event, over=over),
        "deadlines": [_deadline(page, item) for item in event_deadlines(event)],
        "deadlines_script": _deadlines_script(page),
        "calendar": calendar_menu(page, event, over=over, occurrence=shown),
        "labels": {
            **{key: str(value) for key, value in labels.DETAIL.items()},
            "status": None
            if event.status is Status.SCHEDULED
            else str(labels.STATUSES[event.status]),
            "mode": str(labels.MODES[mode]),
            "ongoing": str(labels.ONGOING),
        },
        "sphinx_design": page.sphinx_design,
    }


def _actions(page: Page, event: Event, *, over: bool) -> list[dict[str, Any]]:
    """The buttons of the event's links; registration and the call follow their windows."""
    found = []
    for action in event_actions(event, over=over):
        if action.kind in (ActionKind.REGISTER, ActionKind.CFP):
            state = action_state(event, action.kind.value, page.today, over=over)
        else:
            state = ActionState(action.kind.value, action.url)
        context = action_context(page, state, event.id, style=_style(action.kind))
        if context is not None:
            found.append(context)
    return found


def _event_data(page: Page, event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "series": event.series,
        "kind": event.kind.value,
        "status": event.status.value,
        "summary": event.summary,
        "description": list(event.description),
        "url": event.url,
        "page": event.page,
        "tags": list(event.tags),
    }


def _segments(segments: list[Segment]) -> list[dict[str, str | None]]:
    return [{"text": s.text, "datetime": s.datetime} for s in segments]


def _style(kind: ActionKind) -> str:
    return "primary" if kind in (ActionKind.REGISTER, ActionKind.JOIN) else "outline"


def _previous(page: Page, event: Event) -> dict[str, Any] | None:
    """The date a postponed or rescheduled event had before."""
    if event.previous_start is None or event.status not in (
        Status.POSTPONED,
        Status.RESCHEDULED,
    ):
        return None
    segments = date_segments(event.previous_start, locale=page.locale, fmt=page.date_format)
    before, _, after = str(labels.DETAIL["previously"]).partition("%s")
    text = segments_text(segments)
    return {
        "dates": _segments(segments),
        "text": text,
        "before": before,
        "after": after,
        "label": f"{before}{text}{after}",
    }


def _location(page: Page, event: Event) -> dict[str, Any] | None:
    """Where: every line of the address, and a map link for in-person and hybrid events; an
    event moved online shows the place it was to be held as ``was``."""
    if event.location is None:
        return None
    lines = list(event.location.full(shown_country(event.location, page.env.config.language)))
    text = ", ".join(lines)
    if event.status is Status.MOVED_ONLINE:
        was = str(labels.DETAIL["was"]).replace("%s", text)
        return {"lines": [], "text": text, "was": was, "map": None}
    mapped = attendance(event) is not Mode.VIRTUAL
    return {
        "lines": lines,
        "text": text,
        "was": None,
        "map": MAP_SEARCH + quote(text, safe="") if mapped else None,
    }


def _organizer(page: Page, event: Event) -> dict[str, str | None] | None:
    organizer = event.organizer or organizer_of(page.env.config.iassist_organizer)
    return {"name": organizer.name, "url": organizer.url} if organizer else None


def _image(page: Page, event: Event) -> dict[str, str] | None:
    src = image_href(event, page.builder, page.docname)
    return {"src": src, "alt": event.title} if src else None


def _deadline(page: Page, item: DeadlineItem) -> dict[str, Any]:
    days = days_until(item.moment, page.today)
    segments = moment_segments(page, item.moment)
    return {
        "kind": item.kind.value,
        "label": item.label or str(labels.DEADLINES[item.kind]),
        "url": item.url,
        "dates": _segments(segments),
        "date_text": segments_text(segments),
        "at": instant(item.moment.at),
        "zone": zone_info(item.moment.zone).key,
        "day": moment_day(item.moment).isoformat(),
        "days": days,
        "distance": labels.days_away(days),
        "passed": days < 0,
    }


def _deadlines_script(page: Page) -> dict[str, str]:
    """What the browser script needs to move the deadlines' distances with the reader's
    clock, as a deadline list's (the words of each distance), or ``data-iassist-pinned``."""
    if page.pinned:
        return {"data-iassist-pinned": ""}
    return {**labels.script_forms("in"), "data-iassist-label-passed": str(labels.DETAIL["passed"])}
