"""Buttons to an event's links at write time: an ``event-button`` with ``:action:`` and the
actions of an ``event-detail``.

A registration or call-for-proposals button follows its window on the build's day
(:func:`~sphinx_iassist.dates.windows.action_state`): open, it links and says how long is left
when the end is near; before it opens or after it closes it is not a link (no ``href``,
``aria-disabled="true"``) and says why ("Registration opens 1 March 2027"). HTML comes from
the template ``iassist/action-button.html``; other builders get a reference or, when the
button cannot be used, its text, with the state as words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_iassist import labels
from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.formatting import Segment, date_segments, instant, segments_text
from sphinx_iassist.dates.windows import ActionState, WindowState, moment_day
from sphinx_iassist.publish.outputs import ics_href
from sphinx_iassist.render.templating import render
from sphinx_iassist.values import AOE, zone_info

if TYPE_CHECKING:
    from sphinx_iassist.model import Moment
    from sphinx_iassist.render.page import Page

__all__ = ["ACTION_TEMPLATE", "action_button", "action_context", "moment_segments"]

ACTION_TEMPLATE = "iassist/action-button.html"


def moment_segments(page: Page, moment: Moment) -> list[Segment]:
    """A date or time of a window or deadline: a date as written (named ``AoE`` when it
    ends anywhere on earth: the convention readers know, and what keeps a deadline from
    being disputed), a time in its zone with the zone's abbreviation."""
    if moment.all_day:
        day = date_segments(moment.given, locale=page.locale, fmt=page.date_format)
        return [*day, Segment(f" {AOE}")] if moment.zone == AOE else day
    local = moment.at.astimezone(zone_info(moment.zone))
    segments = date_segments(local, locale=page.locale, fmt=page.date_format)
    name = moment.zone if moment.zone == AOE else local.tzname() or moment.zone
    return [*segments, Segment(f" {name}")]


def action_context(
    page: Page, state: ActionState, event_id: str, *, style: str, label: str | None = None
) -> dict[str, Any] | None:
    """A button's template context (documented in the docs' templates page), or None when
    there is nothing to show: the event has no such link, a recording before the event is
    over, a calendar the build does not write."""
    url = state.url
    if state.action == "calendar":
        url = ics_href(page.builder, page.docname, event_id) if page.calendars else None
    if url is None or not state.shown:
        return None
    usable = state.state in (None, WindowState.OPEN)
    window = state.window
    classes = [*page.button_classes(style), f"iassist-action-{state.action}"]
    if state.state is not None:
        classes.append(f"iassist-window-{state.state.value}")
    return {
        "kind": state.action,
        "state": state.state.value if state.state is not None else None,
        "href": url if usable else None,
        "url": url,
        "external": state.action != "calendar",
        "label": (label or labels.action_label(state.action)) if usable else _shut(page, state),
        "countdown": labels.closes_in(state.countdown) if state.countdown else None,
        "classes": " ".join(classes),
        "opens": instant(window.opens.at) if window and window.opens else None,
        "closes": instant(window.closes.at) if window and window.closes else None,
        "script": _script(page, state, label) if window is not None else {},
    }


def _script(page: Page, state: ActionState, label: str | None) -> dict[str, str]:
    """What the browser script needs to switch a window's button by the reader's clock:
    the closing day and zone, and the words of each state and of the countdown."""
    if page.pinned:
        return {"data-iassist-pinned": ""}
    window = state.window
    assert window is not None
    found = {"data-iassist-label-open": label or labels.action_label(state.action)}
    for shut in (WindowState.UPCOMING, WindowState.CLOSED):
        if shut is WindowState.UPCOMING and window.opens is None:
            continue
        found[f"data-iassist-label-{shut.value}"] = _shut(page, replace(state, state=shut))
    if window.closes is not None:
        found["data-iassist-zone"] = zone_info(window.closes.zone).key
        found["data-iassist-day"] = moment_day(window.closes).isoformat()
        found.update(labels.script_forms("closes"))
    return found


def _shut(page: Page, state: ActionState) -> str:
    """Why a window's button cannot be used: "Registration opens <date>", "... closed"."""
    assert state.state is not None
    text = str(labels.WINDOW_SHUT[state.action, state.state.value])
    window = state.window
    if state.state is WindowState.UPCOMING and window is not None and window.opens is not None:
        text = text.replace("%s", segments_text(moment_segments(page, window.opens)))
    return text


def action_button(page: Page, node: nodes.Element, context: dict[str, Any]) -> nodes.Element:
    """The button of ``context`` for the page's builder."""
    if page.html:
        html = render(ACTION_TEMPLATE, {"button": context}, page.templates, node)
        return inodes.html_fragment(html=html)
    return action_plain(context, node["classes"])


def action_plain(context: dict[str, Any], classes: list[str]) -> nodes.Element:
    """A button for builders other than HTML: its link, or its text when it cannot be used,
    followed by the countdown."""
    line = nodes.inline(classes=[*context["classes"].split(), *classes])
    label = context["label"]
    if context["href"]:
        line += nodes.reference(label, label, refuri=context["href"], internal=False)
    else:
        line += nodes.Text(label)
    if context["countdown"]:
        line += nodes.Text(f" ({context['countdown']})")
    return line
