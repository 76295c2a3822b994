"""Programmes at write time: ``event-schedule`` and ``speaker-list`` for the builder at hand,
and the ``session`` role's links.

HTML builders get the SPEC's markup: ``.iassist-schedule`` > ``.iassist-schedule-day`` (its
heading the localised date) > one ``.iassist-session`` per session, rendered from the
autoescaped template ``iassist/session.html`` (a project may override it); the list layout
puts a day's sessions in time slots, parallel ones side by side, the grid layout is a table
with rooms as columns and time as rows. Every other builder gets plain docutils nodes
(:mod:`~sphinx_iassist.render.schedule_plain`).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from babel.dates import format_date, format_time
from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_iassist import labels, programme
from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.formatting import instant, iso
from sphinx_iassist.render import schedule_plain as plain
from sphinx_iassist.render.page import Page, section_depth
from sphinx_iassist.render.templating import render
from sphinx_iassist.schedule import COVERED, Cell, grid
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.schedule import Schedule, Session

__all__ = ["resolve_schedule_nodes", "session_context", "session_reference"]

SESSION_TEMPLATE = "iassist/session.html"


def resolve_schedule_nodes(
    env: BuildEnvironment,
    placeholders: list[inodes.event_schedule],
    speakers: list[inodes.speaker_list],
) -> None:
    """Replace a written page's ``event_schedule`` and ``speaker_list`` placeholders (the
    work of :class:`~sphinx_iassist.render.post_transforms.ResolveScheduleNodes`)."""
    page = Page.of(env, env.docname)
    found = programme.schedules(env)
    anchors: set[str] = set()  # a session shown twice on a page is a target once
    for node in placeholders:
        shown = node["shown"]
        schedule = found.get(shown[0])
        if schedule is None:  # the schedule was lost since the page was read
            node.parent.remove(node)
            continue
        sessions = programme.select(schedule, shown)
        node.replace_self(resolve_schedule(page, node, schedule, sessions, anchors))
    for speaker_node in speakers:
        schedule = found.get(speaker_node["event_id"])
        if schedule is None:
            speaker_node.parent.remove(speaker_node)
            continue
        speaker_node.replace_self(plain.speaker_list(page, speaker_node, schedule))


def resolve_schedule(
    page: Page,
    node: inodes.event_schedule,
    schedule: Schedule,
    sessions: list[Session],
    anchors: set[str],
) -> nodes.Element:
    if not page.html:
        return plain.schedule(page, node, schedule, sessions, anchors)
    root = inodes.html_element(
        tag="div",
        classes=["iassist-schedule", f"iassist-layout-{node['layout']}", *node["classes"]],
        attrs={
            "data-iassist-event": schedule.event_id,
            "data-iassist-label-now": str(labels.ONGOING),
            **({"data-iassist-pinned": ""} if page.pinned else {}),
        },
    )
    level = min(section_depth(node) + 1, 6)
    for day, day_sessions in groupby(sessions, key=lambda s: s.day):
        talks = list(day_sessions)
        section = inodes.html_element(tag="section", classes=["iassist-schedule-day"])
        section["attrs"] = {"data-iassist-day": day.isoformat()}
        heading = inodes.html_element(tag=f"h{level}", classes=["iassist-schedule-day-title"])
        heading += nodes.Text(day_heading(page, day))
        section += heading
        if node["layout"] == "grid" and _grid_fits(node, talks, day):
            section += _grid(page, node, schedule, talks, anchors, day)
        else:
            section += _slots(page, node, schedule, talks, anchors)
        root += section
    if not sessions:
        empty = inodes.html_element(tag="p", classes=["iassist-empty"])
        empty += nodes.Text(str(labels.NO_SESSIONS))
        root += empty
    return root


#: The most cells (times × rooms) a day's grid may have; a larger day is shown as a list.
MAX_GRID_CELLS = 50_000


def _grid_fits(node: nodes.Element, sessions: list[Session], day: date) -> bool:
    """Whether the day's grid stays within :data:`MAX_GRID_CELLS` (a real day has hundreds);
    else a warning, and the day is shown as a list."""
    times = len({s.start for s in sessions} | {s.end for s in sessions})
    cells = max(times - 1, 1) * len({s.room for s in sessions})
    if cells <= MAX_GRID_CELLS:
        return True
    warn(
        Subtype.OPTION,
        f"event-schedule: the grid of {day} would have {cells:,} cells (more than "
        f"{MAX_GRID_CELLS:,}); that day is shown as a list",
        location=node,
    )
    return False


def day_heading(page: Page, day: date) -> str:
    return format_date(day, format="full", locale=page.locale)


def time_text(page: Page, value: datetime) -> str:
    return format_time(value, format="short", locale=page.locale)


def _slots(
    page: Page,
    node: nodes.Element,
    schedule: Schedule,
    sessions: list[Session],
    anchors: set[str],
) -> nodes.Element:
    """The list layout: one slot per start time, its sessions side by side."""
    slots = inodes.html_element(tag="ol", classes=["iassist-schedule-slots"])
    for start, parallel in groupby(sessions, key=lambda s: s.start):
        slot = inodes.html_element(tag="li", classes=["iassist-schedule-slot"])
        slot["attrs"] = {"data-iassist-start": instant(start)}
        group = inodes.html_element(tag="div", classes=["iassist-sessions"])
        for session in parallel:
            group += _session(page, node, schedule, session, anchors)
        slot += group
        slots += slot
    return slots


def _grid(
    page: Page,
    node: nodes.Element,
    schedule: Schedule,
    sessions: list[Session],
    anchors: set[str],
    day: date,
) -> nodes.Element:
    """The grid layout: a table, rooms as columns and time as rows, in a box that scrolls
    sideways (and that keyboard users can reach to scroll)."""
    rooms = tuple(r for r in schedule.rooms if any(s.room == r for s in sessions))
    rooms += tuple(dict.fromkeys(s.room for s in sessions if s.room not in rooms))
    times, table = grid(sessions, rooms)
    label = f"{labels.PROGRAMME}, {day_heading(page, day)}"
    wrapper = inodes.html_element(
        tag="div",
        classes=["iassist-schedule-grid-wrapper"],
        attrs={"tabindex": "0", "role": "region", "aria-label": label},
    )
    element = inodes.html_element(tag="table", classes=["iassist-schedule-grid"])
    head = inodes.html_element(tag="thead")
    row = inodes.html_element(tag="tr")
    for text in (str(labels.TIME), *rooms):
        cell = inodes.html_element(tag="th", attrs={"scope": "col"})
        cell += nodes.Text(text)
        row += cell
    head += row
    body = inodes.html_element(tag="tbody")
    for number, cells in enumerate(table):
        row = inodes.html_element(tag="tr")
        header = inodes.html_element(tag="th", attrs={"scope": "row"})
        header += inodes.html_fragment(html=_time_html(page, times[number]))
        row += header
        for position in cells:
            if position is COVERED:
                continue
            td = inodes.html_element(tag="td")
            if isinstance(position, Cell):
                td["classes"] = ["iassist-schedule-cell"]
                if position.rows > 1:
                    td["attrs"] = {"rowspan": str(position.rows)}
                for session in position.sessions:
                    td += _session(page, node, schedule, session, anchors)
            row += td
        body += row
    element += [head, body]
    wrapper += element
    return wrapper


def _time_html(page: Page, value: datetime) -> str:
    from markupsafe import escape

    return f'<time datetime="{escape(iso(value))}">{escape(time_text(page, value))}</time>'


def _session(
    page: Page, node: nodes.Element, schedule: Schedule, session: Session, anchors: set[str]
) -> inodes.html_fragment:
    anchor = programme.session_anchor(schedule.event_id, session.id)
    context = session_context(page, schedule, session, anchor if anchor not in anchors else None)
    anchors.add(anchor)
    return inodes.html_fragment(html=render(SESSION_TEMPLATE, context, page.templates, node))


def session_context(
    page: Page, schedule: Schedule, session: Session, anchor: str | None
) -> dict[str, Any]:
    """Everything the session template shows, as plain data (see the docs' templates
    page)."""
    return {
        "session": {
            "id": session.id,
            "guid": session.guid,
            "title": session.title,
            "subtitle": session.subtitle,
            "room": session.room,
            "track": session.track,
            "type": session.type,
            "language": session.language,
            "url": session.url,
            "persons": [p.name for p in session.persons],
            "abstract": list(session.abstract),
            "description": list(session.description),
            "links": [{"title": t, "url": u} for t, u in session.links],
            "do_not_record": session.do_not_record,
        },
        "anchor": anchor,
        "event_id": schedule.event_id,
        "time": {
            "start_text": time_text(page, session.start),
            "end_text": time_text(page, session.end),
            "start_datetime": iso(session.start),
            "end_datetime": iso(session.end),
            "start_instant": instant(session.start),
            "end_instant": instant(session.end),
            "zone": schedule.zone,
        },
        # a date-only build day is no instant: "now" is marked by the browser script
        "now": False,
        "classes": " ".join(_classes(session)),
        "labels": {
            "abstract": str(labels.ABSTRACT),
            "your_time": str(labels.YOUR_TIME),
            "now": str(labels.ONGOING),
        },
    }


def _classes(session: Session) -> list[str]:
    classes = ["iassist-session"]
    if session.type:
        classes.append(f"iassist-session-type-{nodes.make_id(session.type)}")
    return classes


def session_reference(
    env: BuildEnvironment,
    builder: Builder,
    fromdocname: str,
    target: str,
    contnode: nodes.Element,
) -> nodes.Element | None:
    """The link of a ``session`` role: to the page whose schedule shows the session."""
    found = programme.find_session(env, target)
    if found is None:
        return None
    schedule, session = found
    docname = programme.session_page(env, schedule.event_id, session.id, fromdocname)
    if docname is None:
        return None
    anchor = programme.session_anchor(schedule.event_id, session.id)
    return make_refnode(builder, fromdocname, docname, anchor, contnode, session.title)
