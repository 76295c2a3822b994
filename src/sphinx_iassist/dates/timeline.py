""" "Today", grouping, ordering and filtering of events: pure functions, no Sphinx.

Semantics (documented in docs/data-format.md):

* ``today`` is a calendar date. An all-day event is *forthcoming* while its last day is
  ``today`` or later, and *under way* ("Happening now") from its first to its last day.
* A timed event is judged by the calendar days it touches in the display zone
  (``iassist_timezone``): forthcoming while it ends today or later, under way when today
  lies between its first and last day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sphinx_iassist.actions import days_until, event_deadlines
from sphinx_iassist.dates.recurrence import happening, next_occurrence, shown_occurrence
from sphinx_iassist.dates.windows import action_key, action_state
from sphinx_iassist.model import Event, Kind

__all__ = [
    "Entry",
    "Group",
    "GroupBy",
    "ListSpec",
    "Order",
    "When",
    "day_span",
    "group_events",
    "is_ongoing",
    "is_over",
    "series_state",
]


class When(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"


class GroupBy(StrEnum):
    WHEN = "when"
    YEAR = "year"
    KIND = "kind"
    NONE = "none"


class Order(StrEnum):
    AUTO = "auto"
    ASC = "asc"
    DESC = "desc"


def day_span(event: Event, zone: ZoneInfo) -> tuple[date, date]:
    """First and last calendar day of ``event`` (timed events: in ``zone``)."""
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        return event.start.astimezone(zone).date(), event.end.astimezone(zone).date()
    assert isinstance(event.start, date) and isinstance(event.end, date)
    return event.start, event.end  # type: ignore[return-value]


def is_over(event: Event, today: date, zone: ZoneInfo) -> bool:
    """Completed: its last day is before ``today`` (a recurring event: its last
    occurrence's; one without an end is never over)."""
    if event.recurring:
        return next_occurrence(event, today, zone) is None
    return day_span(event, zone)[1] < today


def detail_state(event: Event | None, today: date, zone: ZoneInfo) -> tuple[object, ...]:
    """What an ``event-detail`` of ``event`` shows that changes with the day: whether the
    event is over or under way, and how far away each of its dates is (a date past is only
    "passed", so it stops changing)."""
    if event is None:
        return ()
    distances = tuple(max(days_until(d.moment, today), -1) for d in event_deadlines(event))
    over = is_over(event, today, zone)
    windows = tuple(
        action_key(action_state(event, action, today, over=over)) for action in ("register", "cfp")
    )
    shown = shown_occurrence(event, today, zone).start
    return over, is_ongoing(event, today, zone), distances, windows, shown


def series_state(event: Event | None, today: date, zone: ZoneInfo) -> object:
    """What a page that names a recurring ``event`` shows that changes with the day: its
    next occurrence (None for any other event)."""
    if event is None or not event.recurring:
        return None
    return shown_occurrence(event, today, zone).start


def button_state(event: Event | None, action: str, today: date, zone: ZoneInfo) -> object:
    """What an ``event-button`` with ``:action:`` shows that changes with the day."""
    if event is None:
        return None
    return action_key(action_state(event, action, today, over=is_over(event, today, zone)))


def is_ongoing(event: Event, today: date, zone: ZoneInfo) -> bool:
    """Under way ("Happening now"): ``today`` is one of its days (a recurring event: one of
    an occurrence's days)."""
    if event.recurring:
        return happening(event, today, zone)
    first, last = day_span(event, zone)
    return first <= today <= last


@dataclass(frozen=True, slots=True)
class ListSpec:
    """What an ``event-list`` asks for (its options, validated)."""

    series: tuple[str, ...] = ()
    when: When = When.ALL
    group_by: GroupBy = GroupBy.WHEN
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    order: Order = Order.AUTO
    limit: int | None = None

    def matcher(self) -> Callable[[Event], bool]:
        """A test for the events this list shows, its sets built once."""
        series = frozenset(s.casefold() for s in self.series)
        kinds = frozenset(self.kinds)
        tags = frozenset(self.tags)

        def matches(event: Event) -> bool:
            if series and (event.series or "").casefold() not in series:
                return False
            if kinds and event.kind.value not in kinds:
                return False
            return not (tags and tags.isdisjoint(event.tags))

        return matches


@dataclass(frozen=True, slots=True)
class Entry:
    event: Event
    upcoming: bool
    ongoing: bool
    #: a recurring event at the occurrence the list shows (see ``shown``)
    occurrence: Event | None = None

    @property
    def shown(self) -> Event:
        """The event as the list shows it: a recurring one at its current, next or last
        occurrence."""
        return self.occurrence or self.event

    @property
    def state(self) -> tuple[object, ...]:
        """What of this entry changes with the day (``upcoming``: whatever the grouping, an
        event over offers no "Add to calendar"; a recurring event's next occurrence)."""
        return self.event.id, self.ongoing, self.upcoming, self.shown.start


@dataclass(slots=True)
class Group:
    """One group of a list: ``key`` is ``forthcoming``/``completed``, a year, a kind, or ``all``."""

    key: str
    entries: list[Entry] = field(default_factory=list)


def _sort_key(entry: Entry) -> tuple[datetime, str]:
    return entry.shown.starts_at, entry.event.id


def _ordered(entries: list[Entry], order: Order) -> list[Entry]:
    if order is Order.ASC:
        return sorted(entries, key=_sort_key)
    if order is Order.DESC:
        return sorted(entries, key=_sort_key, reverse=True)
    upcoming = sorted((e for e in entries if e.upcoming), key=_sort_key)
    past = sorted((e for e in entries if not e.upcoming), key=_sort_key, reverse=True)
    return upcoming + past


def group_events(
    events: Iterable[Event], spec: ListSpec, today: date, zone: ZoneInfo
) -> list[Group]:
    """Filter, order, limit and group ``events`` for one list. Empty groups are dropped."""
    entries: list[Entry] = []
    matches = spec.matcher()
    for event in events:
        if not matches(event):
            continue
        upcoming = not is_over(event, today, zone)
        if (spec.when is When.UPCOMING and not upcoming) or (spec.when is When.PAST and upcoming):
            continue
        occurrence = shown_occurrence(event, today, zone) if event.recurring else None
        ongoing = upcoming and is_ongoing(event, today, zone)
        entries.append(Entry(event, upcoming, ongoing, occurrence))
    ordered = _ordered(entries, spec.order)
    if spec.limit is not None:
        ordered = ordered[: spec.limit]

    if spec.group_by is GroupBy.NONE:
        return [Group("all", ordered)] if ordered else []
    groups: dict[str, Group] = {}
    for entry in ordered:
        key = _group_key(entry, spec.group_by, zone)
        groups.setdefault(key, Group(key)).entries.append(entry)
    return [groups[k] for k in _group_order(list(groups), spec)]


def _group_key(entry: Entry, group_by: GroupBy, zone: ZoneInfo) -> str:
    if group_by is GroupBy.WHEN:
        return "forthcoming" if entry.upcoming else "completed"
    if group_by is GroupBy.YEAR:
        return str(day_span(entry.shown, zone)[0].year)
    return entry.event.kind.value


def _group_order(keys: Sequence[str], spec: ListSpec) -> list[str]:
    if spec.group_by is GroupBy.WHEN:
        return [k for k in ("forthcoming", "completed") if k in keys]
    if spec.group_by is GroupBy.YEAR:
        return sorted(keys, reverse=spec.order is not Order.ASC)
    kinds = [k.value for k in Kind]
    return sorted(keys, key=kinds.index)
