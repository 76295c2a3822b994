"""Programmes as plain docutils nodes: ``event-schedule`` for every builder but HTML (a
list per day with times, rooms, titles and speakers), and ``speaker-list`` for every
builder (a list the HTML writer writes with our classes)."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_iassist import labels, programme
from sphinx_iassist import nodes as inodes

if TYPE_CHECKING:
    from sphinx_iassist.render.page import Page
    from sphinx_iassist.schedule import Schedule, Session

__all__ = ["schedule", "speaker_list"]


def schedule(
    page: Page,
    node: inodes.event_schedule,
    programme_: Schedule,
    sessions: list[Session],
    anchors: set[str],
) -> nodes.Element:
    """A rubric per day (its date) and a list of its sessions."""
    from sphinx_iassist.render.schedule import day_heading

    root = nodes.container(classes=["iassist-schedule", *node["classes"]])
    root.source, root.line = node.source, node.line
    for day, talks in groupby(sessions, key=lambda s: s.day):
        heading = day_heading(page, day)
        # a date_range: its LaTeX visitor makes Babel's spaces safe for every engine
        rubric = nodes.rubric("", "", classes=["iassist-schedule-day-title"])
        rubric += inodes.date_range(heading, heading)
        root += rubric
        items = nodes.bullet_list(classes=["iassist-sessions"])
        for session in talks:
            items += nodes.list_item("", *_session(page, programme_, session, anchors))
        root += items
    if not sessions:
        root += nodes.paragraph("", str(labels.NO_SESSIONS), classes=["iassist-empty"])
    return root


def _session(
    page: Page, programme_: Schedule, session: Session, anchors: set[str]
) -> list[nodes.Node]:
    from sphinx_iassist.render.schedule import time_text

    result: list[nodes.Node] = []
    anchor = programme.session_anchor(programme_.event_id, session.id)
    if anchor not in anchors:
        anchors.add(anchor)
        result.append(nodes.target("", "", ids=[anchor]))
    times = f"{time_text(page, session.start)}–{time_text(page, session.end)}"
    line = nodes.paragraph(classes=["iassist-session"])
    line += inodes.date_range(times, times, classes=["iassist-session-time"])
    line += nodes.Text(f" · {session.room} · ")
    title = nodes.inline(session.title, session.title)
    if session.url:
        link = nodes.reference("", "", title, refuri=session.url, internal=False)
        line += nodes.strong("", "", link)
    else:
        line += nodes.strong("", "", title)
    if session.persons:
        line += nodes.Text(" — " + ", ".join(p.name for p in session.persons))
    if session.track:
        line += nodes.Text(" · ")
        line += nodes.emphasis("", session.track)
    result.append(line)
    result += [nodes.paragraph(text, text) for text in session.abstract]
    return result


def speaker_list(page: Page, node: inodes.speaker_list, programme_: Schedule) -> nodes.Element:
    """Every person once, by name, with links to their sessions where a schedule shows
    them (else to the session's own page, else its title)."""
    items = nodes.bullet_list(classes=["iassist-speaker-list", *node["classes"]])
    items.source, items.line = node.source, node.line
    for person, sessions in programme_.persons():
        line = nodes.paragraph()
        line += nodes.strong(person.name, person.name, classes=["iassist-speaker-name"])
        line += nodes.Text(": ")
        for number, session in enumerate(sessions):
            if number:
                line += nodes.Text(", ")
            line += _session_link(page, programme_, session)
        items += nodes.list_item("", line, classes=["iassist-speaker"])
    return items


def _session_link(page: Page, programme_: Schedule, session: Session) -> nodes.Node:
    title = nodes.inline(session.title, session.title, classes=["iassist-session-ref"])
    docname = programme.session_page(page.env, programme_.event_id, session.id, page.docname)
    if docname is not None:
        anchor = programme.session_anchor(programme_.event_id, session.id)
        return make_refnode(page.builder, page.docname, docname, anchor, title, session.title)
    if session.url:
        return nodes.reference("", "", title, refuri=session.url, internal=False)
    return title
