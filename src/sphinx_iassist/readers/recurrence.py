"""The check of a recurring event's ``rrule`` and ``exdates``. Pure: no Sphinx.

A bad rule is a warning that leaves the rule out (the event is shown once, at its start);
a bad excluded date is a warning that leaves that date out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sphinx_iassist.dates.recurrence import RuleError, anchor, parse_rule, rule_value
from sphinx_iassist.readers.fields import FieldProblem, Invalid, when
from sphinx_iassist.readers.text import shown

__all__ = ["check_recurrence"]

#: at most this many excluded dates an event
MAX_EXDATES = 1_000


def check_recurrence(
    fields: Mapping[str, Any], zone: str, values: dict[str, Any], problems: list[FieldProblem]
) -> None:
    """Check ``rrule`` and ``exdates`` of ``fields`` into ``values`` (after ``start``)."""
    start = values.get("start")
    raw_rule, raw_exdates = fields.get("rrule"), fields.get("exdates")
    if start is None or (raw_rule is None and raw_exdates is None):
        return
    if raw_rule is None:
        problems.append(
            FieldProblem("exdates", "'exdates' without an 'rrule' is ignored", fatal=False)
        )
        return
    if not isinstance(raw_rule, str):
        problems.append(_ignored(f"must be text, not {type(raw_rule).__name__}"))
        return
    try:
        parse_rule(raw_rule, start)  # the model keeps the text; each use expands it again
    except RuleError as exc:
        problems.append(_ignored(str(exc)))
        return
    values["rrule"] = rule_value(raw_rule)
    if raw_exdates is not None:
        values["exdates"] = _exdates(raw_exdates, start, zone, problems)


def _ignored(reason: str) -> FieldProblem:
    return FieldProblem(
        "rrule", f"'rrule' {reason}; the rule is ignored (the event is shown once)", fatal=False
    )


def _exdates(
    raw: object, start: date | datetime, zone: str, problems: list[FieldProblem]
) -> tuple[date | datetime, ...]:
    """The excluded starts, of the same kind as ``start``: a date excludes a timed event's
    occurrence of that day (at ``start``'s time)."""
    items = raw if isinstance(raw, list) else [raw]
    found: list[date | datetime] = []
    for item in items[:MAX_EXDATES]:
        try:
            value = when(item, "exdates", zone)
        except Invalid as exc:
            problems.append(FieldProblem("exdates", f"{exc.message}; ignored", fatal=False))
            continue
        if isinstance(start, datetime) and not isinstance(value, datetime):
            value = datetime.combine(value, start.timetz()).replace(tzinfo=start.tzinfo)
        elif not isinstance(start, datetime) and isinstance(value, datetime):
            problems.append(
                FieldProblem(
                    "exdates",
                    f"'exdates' {shown(item)} has a time but 'start' is a date; ignored",
                    fatal=False,
                )
            )
            continue
        found.append(value)
    if len(items) > MAX_EXDATES:
        problems.append(
            FieldProblem(
                "exdates",
                f"'exdates' lists more than {MAX_EXDATES:,} dates; the rest are ignored",
                fatal=False,
            )
        )
    return tuple(sorted(set(found), key=anchor))
