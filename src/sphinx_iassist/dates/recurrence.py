"""Recurring events: an event's ``rrule`` and ``exdates``, expanded by python-dateutil.

Pure: nothing here imports Sphinx. :func:`parse_rule` checks a rule as the data reader
reads it; the other functions answer what the lists, calendars and JSON-LD ask of a
recurring event, always through dateutil's expansion (``COUNT`` counts the excluded
starts, as RFC 5545 says), and always within a bounded amount of work:

* only ``DAILY``, ``WEEKLY``, ``MONTHLY`` and ``YEARLY`` rules: an event that repeats
  every second, minute or hour is not an event a page lists;
* a rule must have an occurrence within :data:`FIRST_WITHIN_YEARS` years of ``start``
  (a rule that never happens, such as every February 30, is refused instead of searched);
* no expansion looks at more than :data:`MAX_OCCURRENCES` occurrences.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sphinx_iassist.model import Event

if TYPE_CHECKING:
    from dateutil.rrule import rrule

__all__ = [
    "FIRST_WITHIN_YEARS",
    "FREQUENCIES",
    "MAX_OCCURRENCES",
    "Occurrence",
    "RuleError",
    "anchor",
    "days_of",
    "duration",
    "happening",
    "last_occurrence",
    "next_occurrence",
    "next_shown",
    "occurrence_ranges",
    "occurrences",
    "parse_rule",
    "rule_value",
    "shown_occurrence",
    "upcoming",
]

#: the frequencies a rule may have, by their RFC 5545 names
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
#: a rule's first occurrence must come within this many years of the event's ``start``
FIRST_WITHIN_YEARS = 100
#: no expansion looks at more occurrences than this (a daily rule: 270 years)
MAX_OCCURRENCES = 100_000

# Where :func:`_first` looks: early enough to hold FIRST_WITHIN_YEARS years before 9999.
_PROBE_YEAR = 9999 - FIRST_WITHIN_YEARS - 400

# Parts that belong to the event, not to its RRULE value (the data gives them as fields).
_NOT_IN_RULE = ("DTSTART", "EXDATE", "RDATE", "EXRULE", "\n", "\r")


class RuleError(ValueError):
    """A recurrence rule that cannot be used; the message says why."""


def anchor(start: date | datetime) -> datetime:
    """The DTSTART dateutil expands from: a timed start as it is (aware, in the event's
    zone, so that occurrences keep their wall-clock time across daylight-saving changes), a
    date as its naive midnight."""
    if isinstance(start, datetime):
        return start
    return datetime.combine(start, time())


def rule_value(text: str) -> str:
    """The RRULE value of ``text`` as the model keeps it: without ``RRULE:`` or spaces
    around it, in capitals."""
    value = text.strip().upper()
    if value.startswith("RRULE:"):
        value = value[len("RRULE:") :].strip()
    return value


def parse_rule(text: str, start: date | datetime) -> rrule:
    """The rule ``text`` (an RRULE value, with or without ``RRULE:``) for an event starting
    at ``start``, checked; raises :class:`RuleError`."""
    value = rule_value(text)
    if not value:
        raise RuleError("is empty")
    if any(part in value.upper() for part in _NOT_IN_RULE):
        raise RuleError(
            "must be one RRULE value such as FREQ=WEEKLY;BYDAY=TU "
            "(the start is 'start', excluded dates are 'exdates')"
        )
    return _parsed(value, anchor(start))


@functools.lru_cache(maxsize=1024)
def _parsed(value: str, dtstart: datetime) -> rrule:
    parts = dict(p.partition("=")[::2] for p in value.upper().split(";") if p)
    freq = parts.get("FREQ")
    if freq is None:
        raise RuleError("has no FREQ (such as FREQ=WEEKLY)")
    if freq not in FREQUENCIES:
        raise RuleError(
            f"FREQ={freq[:20]} is not supported (use {', '.join(FREQUENCIES)}: an event "
            "repeats at most daily)"
        )
    from dateutil.rrule import rrule, rrulestr  # only for events that repeat

    try:
        rule = rrulestr(value, dtstart=dtstart, cache=False)
    except (ValueError, TypeError, OverflowError) as exc:
        reason = str(exc)
        if "UNTIL" in reason and "UTC" in reason:
            reason = "UNTIL must be a UTC time ending in Z (such as 20271231T235959Z) when 'start' has a time"
        raise RuleError(f"is not a valid RFC 5545 rule: {reason[:200]}") from None
    if not isinstance(rule, rrule):  # pragma: no cover - guarded by _NOT_IN_RULE
        raise RuleError("must be one RRULE value")
    if _first(rule, dtstart) is None:
        raise RuleError(
            f"has no occurrence within {FIRST_WITHIN_YEARS} years of 'start' "
            "(check BYMONTH, BYMONTHDAY, BYDAY and UNTIL)"
        )
    return rule


def _first(rule: rrule, dtstart: datetime) -> datetime | None:
    """The first occurrence of ``rule`` if it comes within :data:`FIRST_WITHIN_YEARS` years
    (and not after its UNTIL), else None.

    dateutil looks for a rule's next occurrence up to the year 9999, day by day for a daily
    rule, however long that takes (seconds for a rule that never happens). The Gregorian
    calendar repeats every 400 years, so the same rule started a multiple of 400 years
    later, close to 9999, has the same occurrences as many years later, and dateutil's search
    there ends soon: that is where this looks."""
    wall = dtstart.replace(tzinfo=None)
    shift = (_PROBE_YEAR - wall.year) // 400 * 400
    probe = rule.replace(dtstart=wall.replace(year=wall.year + shift), count=None, until=None)
    found: datetime | None = next(iter(probe), None)
    if found is None:
        return None
    first = found.replace(year=found.year - shift, tzinfo=dtstart.tzinfo)
    until = _until(rule)
    if first.replace(tzinfo=None) > _add_years(wall, FIRST_WITHIN_YEARS) or (
        until is not None and first > until
    ):
        return None
    return first


def _until(rule: rrule) -> datetime | None:
    until: datetime | None = rule._until
    return until


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=min(moment.year + years, 9999))
    except ValueError:  # 29 February
        return moment.replace(year=min(moment.year + years, 9999), day=28)


def occurrences(event: Event) -> Iterator[date | datetime]:
    """The starts of ``event``'s occurrences, in order, the excluded ones left out (a
    one-off event: its start alone). At most :data:`MAX_OCCURRENCES` are looked at."""
    if event.rrule is None:
        yield event.start
        return
    from dateutil.rrule import rruleset

    rules = rruleset(cache=False)
    rules.rrule(parse_rule(event.rrule, event.start))
    for excluded in event.exdates:
        rules.exdate(anchor(excluded))
    for start in islice(iter(rules), MAX_OCCURRENCES):
        yield start if isinstance(event.start, datetime) else start.date()


def duration(event: Event) -> timedelta:
    """How long each occurrence lasts (all-day events: whole days, the first to the last)."""
    return event.end - event.start  # type: ignore[operator]


Occurrence = tuple[date | datetime, date | datetime]


def occurrence_ranges(event: Event) -> Iterator[Occurrence]:
    """Each occurrence's start and end (an all-day event's end: its last day)."""
    length = duration(event)
    for start in occurrences(event):
        yield start, start + length


def days_of(occurrence: Occurrence, zone: ZoneInfo) -> tuple[date, date]:
    """The first and last calendar day of ``occurrence`` (a timed one: in ``zone``), as
    :func:`sphinx_iassist.dates.timeline.day_span` judges an event."""
    start, end = occurrence
    if isinstance(start, datetime) and isinstance(end, datetime):
        return start.astimezone(zone).date(), end.astimezone(zone).date()
    return _as_date(start), _as_date(end)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def upcoming(event: Event, today: date, zone: ZoneInfo, limit: int = 1) -> list[Occurrence]:
    """The first ``limit`` occurrences that end on ``today`` or later (judged in ``zone``):
    the first of them is the one under way, else the next."""
    return list(_upcoming(event, today, zone, limit))


@functools.lru_cache(maxsize=4096)
def _upcoming(event: Event, today: date, zone: ZoneInfo, limit: int) -> tuple[Occurrence, ...]:
    found: list[Occurrence] = []
    for occurrence in occurrence_ranges(event):
        if days_of(occurrence, zone)[1] >= today:
            found.append(occurrence)
            if len(found) >= limit:
                break
    return tuple(found)


def next_occurrence(event: Event, today: date, zone: ZoneInfo) -> Occurrence | None:
    """The occurrence under way ``today``, else the next one; None when all are over."""
    found = upcoming(event, today, zone)
    return found[0] if found else None


def happening(event: Event, today: date, zone: ZoneInfo) -> bool:
    """Whether an occurrence of ``event`` is under way ``today``."""
    found = next_occurrence(event, today, zone)
    return found is not None and days_of(found, zone)[0] <= today


def shown_occurrence(event: Event, today: date, zone: ZoneInfo) -> Event:
    """``event`` as pages show it ``today``: a recurring event at its occurrence under way
    or next, else at its last; a one-off event as it is."""
    if event.rrule is None:
        return event
    found = next_occurrence(event, today, zone) or last_occurrence(event)
    if found is None:
        return event
    return replace(event, start=found[0], end=found[1])


def next_shown(event: Event, today: date, zone: ZoneInfo) -> Event | None:
    """``event`` at its occurrence under way or next (None when all are over)."""
    found = next_occurrence(event, today, zone)
    return None if found is None else replace(event, start=found[0], end=found[1])


def last_occurrence(event: Event) -> Occurrence | None:
    """The last occurrence, or None when the rule repeats forever (no ``COUNT`` or
    ``UNTIL``) or has more than :data:`MAX_OCCURRENCES` occurrences."""
    if event.rrule is not None:
        rule = parse_rule(event.rrule, event.start)
        if rule._count is None and _until(rule) is None:
            return None
    last: Occurrence | None = None
    seen = 0
    for seen, occurrence in enumerate(occurrence_ranges(event), start=1):  # noqa: B007
        last = occurrence
    if seen >= MAX_OCCURRENCES:
        return None
    return last
