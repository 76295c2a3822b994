"""What each document takes from the event data, and what of its output changes with the
day. Pure: no Sphinx; the domain keeps one :class:`Usage` per document.

:func:`dated_state` is what the domain compares between builds to write again exactly the
pages whose output a new day changes (lists, notices, event pages, buttons, deadlines).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sphinx_iassist.dates.deadlines import DeadlineGroups, DeadlineSpec, groups_state
from sphinx_iassist.dates.timeline import (
    Group,
    ListSpec,
    button_state,
    detail_state,
    series_state,
)
from sphinx_iassist.model import Event

__all__ = ["Usage", "dated_state"]


@dataclass
class Usage:
    """What one document takes from the event data."""

    lists: list[ListSpec] = field(default_factory=list)
    notices: list[date] = field(default_factory=list)  # expiry dates
    starts: list[date] = field(default_factory=list)  # the :from: days of notices
    event_ids: list[str] = field(default_factory=list)  # buttons, roles and details
    details: list[str] = field(default_factory=list)  # events shown by event-detail
    actions: list[tuple[str, str]] = field(default_factory=list)  # (event id, :action:)
    deadline_lists: list[DeadlineSpec] = field(default_factory=list)
    # what was decided from the data when the document was read (the domain re-reads the
    # document when that changes); everything else is resolved when it is written
    referenced: list[str] = field(default_factory=list)  # {event} roles: written with the event
    read_events: list[str] = field(default_factory=list)  # ids whose data the text holds
    known: list[str] = field(default_factory=list)  # ids whose being there decided something
    page_event: bool = False  # it asked which event has it as its 'page'
    subscribe: bool = False  # calendar-subscribe: the series and tags of all events


def dated_state(
    usage: Usage,
    today: date,
    zone: ZoneInfo,
    event: Callable[[str], Event | None],
    groups: Callable[[ListSpec], list[Group]],
    deadlines: Callable[[DeadlineSpec], DeadlineGroups],
) -> tuple[object, ...]:
    """Everything about a page's output that depends on the day, given how the domain finds
    an event, a list's groups and a deadline list's deadlines."""
    lists = tuple(
        tuple((group.key, tuple(e.state for e in group.entries)) for group in groups(spec))
        for spec in usage.lists
    )
    notices = tuple(expires < today for expires in usage.notices)
    notices += tuple(starts > today for starts in usage.starts)
    details = tuple(detail_state(event(i), today, zone) for i in usage.details)
    actions = tuple(button_state(event(i), a, today, zone) for i, a in usage.actions)
    deadline_lists = tuple(groups_state(deadlines(spec)) for spec in usage.deadline_lists)
    # the next occurrence of a recurring event a button or role names (its JSON-LD)
    series = tuple(series_state(event(i), today, zone) for i in usage.event_ids)
    return lists, notices, details, actions, deadline_lists, series
