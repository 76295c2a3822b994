"""The deadlines of a ``deadline-list``: the dates that matter before events, across the
events a list's filters select, soonest first. Pure: no Sphinx.

An event's deadlines are those of :func:`~sphinx_iassist.actions.event_deadlines`: the
closing of registration and of the call for proposals, and the data's ``deadlines``. A
deadline has passed once its day (in its own zone) is before the build's day; on its day it
is "today". Cancelled events list none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sphinx_iassist.actions import DeadlineItem, event_deadlines
from sphinx_iassist.dates.timeline import ListSpec
from sphinx_iassist.dates.windows import Countdown, countdown_on
from sphinx_iassist.model import Event, Status

__all__ = [
    "DeadlineEntry",
    "DeadlineGroups",
    "DeadlineSpec",
    "DeadlineWhen",
    "deadline_groups",
    "groups_state",
]


class DeadlineWhen(StrEnum):
    UPCOMING = "upcoming"  # passed deadlines drop out
    ALL = "all"  # passed deadlines under "Passed"


@dataclass(frozen=True, slots=True)
class DeadlineSpec:
    """What a ``deadline-list`` asks for (its options, validated)."""

    series: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    when: DeadlineWhen = DeadlineWhen.UPCOMING


@dataclass(frozen=True, slots=True)
class DeadlineEntry:
    """One deadline of one event, and how far away it is (None: passed)."""

    event: Event
    item: DeadlineItem
    countdown: Countdown | None


@dataclass(frozen=True, slots=True)
class DeadlineGroups:
    """The deadlines a list shows: ``upcoming`` soonest first, ``passed`` (only with
    ``:when: all``) the latest first."""

    upcoming: tuple[DeadlineEntry, ...]
    passed: tuple[DeadlineEntry, ...]


def deadline_groups(events: Iterable[Event], spec: DeadlineSpec, today: date) -> DeadlineGroups:
    """The deadlines of the events ``spec`` selects, on the day ``today``."""
    matches = ListSpec(series=spec.series, kinds=spec.kinds, tags=spec.tags).matcher()
    upcoming: list[DeadlineEntry] = []
    passed: list[DeadlineEntry] = []
    for event in events:
        if event.status is Status.CANCELLED or not matches(event):
            continue
        for item in event_deadlines(event):
            entry = DeadlineEntry(event, item, countdown_on(item.moment, today))
            (passed if entry.countdown is None else upcoming).append(entry)
    upcoming.sort(key=_order)
    passed.sort(key=_order, reverse=True)
    if spec.when is DeadlineWhen.UPCOMING:
        passed = []
    return DeadlineGroups(tuple(upcoming), tuple(passed))


def _order(entry: DeadlineEntry) -> tuple[object, ...]:
    return entry.item.moment.at, entry.event.id, entry.item.kind.value, entry.item.label or ""


def groups_state(groups: DeadlineGroups) -> tuple[object, ...]:
    """What of a list changes with the day: which deadlines it shows where, and how far
    away each is."""
    return tuple(
        tuple((e.event.id, e.item.kind.value, e.item.label, e.countdown) for e in entries)
        for entries in (groups.upcoming, groups.passed)
    )
