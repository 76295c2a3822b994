"""One event mapping, as a reader found it, to an :class:`~sphinx_iassist.model.Event`:
:func:`build_event` checks every field (:mod:`sphinx_iassist.readers.fields`) and says what
is wrong, field by field. Pure: no Sphinx.

Every problem names its field; a fatal one leaves the event out, others (an unknown field,
characters removed from a text) keep it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sphinx_iassist.model import FIELDS, REQUIRED_FIELDS, Event, Status, field_offsets
from sphinx_iassist.readers import details
from sphinx_iassist.readers.fields import CHECKS, FieldProblem, Invalid
from sphinx_iassist.readers.limits import (
    MAX_EVENT_VALUES,
    MAX_TEXT_CHARS,
    field_too_large,
    measure,
    too_long_text,
)
from sphinx_iassist.readers.recurrence import check_recurrence
from sphinx_iassist.readers.text import (
    clean_text,
    clean_value,
    needs_cleaning,
    removed_message,
    shown,
)
from sphinx_iassist.readers.windows import check_windows, closes_after_end
from sphinx_iassist.values import timezone_hint, valid_timezone

__all__ = ["SYNONYMS", "build_event"]


def build_event(
    raw: Mapping[str, Any],
    *,
    default_timezone: str = "UTC",
    source: str = "",
    line: int = 0,
    field_lines: Mapping[str, int] | None = None,
) -> tuple[Event | None, list[FieldProblem]]:
    """Validate one event mapping. Returns the event (None if a fatal problem) and problems.

    Every problem names its field (and its line, when ``field_lines`` gives them); unknown
    fields are reported but do not drop the event. Whatever ``raw`` holds (shared or even
    cyclic lists, huge numbers, text with control characters), this takes time bounded by
    :data:`~sphinx_iassist.readers.limits.MAX_EVENT_VALUES`.
    """
    problems: list[FieldProblem] = []
    lines = dict(field_lines or {})
    fields, failed = _bounded_clean_fields(raw, lines, problems)
    _check_names(fields, failed, problems)
    zone = _zone(fields, default_timezone, problems)
    values = _checked_values(fields, zone, problems)
    _check_image(fields, source, values, problems)
    check_windows(fields, zone, values, problems)
    _check_range(values, problems)
    check_recurrence(fields, zone, values, problems)
    _check_previous_start(values, problems)
    event: Event | None = None
    if not any(p.fatal for p in problems):
        values.setdefault("end", values["start"])
        event = Event(
            timezone=zone,
            source=source,
            line=line,
            field_offsets=field_offsets(lines, line),
            **values,
        )
        problems += closes_after_end(event)
    if field_lines is not None and problems:
        problems = [
            p if p.line is not None or p.field not in lines else replace(p, line=lines[p.field])
            for p in problems
        ]
    if any(p.fatal for p in problems):
        return None, problems
    return event, problems


def _check_names(fields: Mapping[str, Any], failed: set[str], problems: list[FieldProblem]) -> None:
    """Unknown fields (ignored, with the field they most likely mean) and missing ones."""
    for key in [*fields, *failed]:
        if key not in FIELDS:
            hint = _near(key)
            problems.append(
                FieldProblem(
                    key,
                    f"unknown field {shown(key)} is ignored"
                    + (f" (did you mean {hint!r}?)" if hint else ""),
                    fatal=False,
                )
            )
    for name in REQUIRED_FIELDS:
        if fields.get(name) is None and name not in failed:
            problems.append(FieldProblem(name, f"required field {name!r} is missing"))


def _zone(fields: Mapping[str, Any], default: str, problems: list[FieldProblem]) -> str:
    """The event's time zone: its own ``timezone``, else ``default``. It is decided first:
    the dates and times are read in it."""
    given = fields.get("timezone")
    if given is None:
        return default
    if valid_timezone(given):
        return str(given)
    problems.append(
        FieldProblem("timezone", f"unknown time zone {shown(given)} ({timezone_hint(given)})")
    )
    return default


def _checked_values(
    fields: Mapping[str, Any], zone: str, problems: list[FieldProblem]
) -> dict[str, Any]:
    """Each field given, checked (:data:`~sphinx_iassist.readers.fields.CHECKS`); a field
    that fails is a problem and has no value."""
    values: dict[str, Any] = {}
    for name, check in (*CHECKS, *details.CHECKS):
        value = fields.get(name)
        if value is not None:
            try:
                values[name] = check(value, name, zone)
            except Invalid as exc:
                problems.append(FieldProblem(name, exc.message))
    return values


def _check_image(
    fields: Mapping[str, Any], source: str, values: dict[str, Any], problems: list[FieldProblem]
) -> None:
    """``image``: a URL, or a file beside the data file; a bad one is left out (the event is
    kept: it only lacks a picture)."""
    given = fields.get("image")
    if given is None:
        return
    try:
        values["image"] = details.image(given, source)
    except Invalid as exc:
        problems.append(FieldProblem("image", f"{exc.message}; ignored", fatal=False))


def _check_range(values: Mapping[str, Any], problems: list[FieldProblem]) -> None:
    """``end`` is the same kind of value as ``start``, and not before it."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        problems.append(
            FieldProblem(
                "end", "'end' must be the same kind as 'start' (both dates or both datetimes)"
            )
        )
    elif end < start:
        problems.append(
            FieldProblem(
                "end", f"'end' ({end.isoformat()}) is before 'start' ({start.isoformat()})"
            )
        )


def _bounded_clean_fields(
    raw: Mapping[Any, Any], lines: dict[str, int], problems: list[FieldProblem]
) -> tuple[dict[str, Any], set[str]]:
    """The fields of ``raw`` within the limits (see :mod:`sphinx_iassist.readers.limits`), their
    names and texts cleaned (:func:`clean_text`); and the names of the fields that break a
    limit, each a fatal problem. ``lines`` is re-keyed to the cleaned names."""
    fields: dict[str, Any] = {}
    failed: set[str] = set()
    used = 0
    for key, value in raw.items():
        name = key if type(key) is str else str(key)
        name, removed = (name, ()) if name.isprintable() else clean_text(name)
        if name != key and isinstance(key, str) and key in lines:
            lines.setdefault(name, lines.pop(key))
        if removed:
            problems.append(
                FieldProblem(name, removed_message(f"the field name {shown(name)}", removed), False)
            )
        if name in fields or name in failed:
            problems.append(
                FieldProblem(name, f"field {shown(name)} is given twice; the event is left out")
            )
            failed.add(name)
            continue
        if type(value) is str:  # the usual field: no walk
            if len(value) <= MAX_TEXT_CHARS and not needs_cleaning(value):
                fields[name] = value
                used += 1
                continue
            too_big, count = (too_long_text() if len(value) > MAX_TEXT_CHARS else None), 1
        else:
            too_big, count = measure(value, MAX_EVENT_VALUES - used)
        if too_big is not None:
            message = field_too_large(shown(name), too_big, after_other_fields=used > 0)
            problems.append(FieldProblem(name, message))
            failed.add(name)
            continue
        used += count
        found: dict[str, None] = {}
        fields[name] = clean_value(value, found)
        if found:
            problems.append(FieldProblem(name, removed_message(shown(name), tuple(found)), False))
    return fields, failed


def _check_previous_start(values: dict[str, Any], problems: list[FieldProblem]) -> None:
    """``previous_start`` belongs to a postponed or rescheduled event and is the same kind of
    value as ``start``; otherwise it is dropped (the event is kept: it is only a note)."""
    previous, start = values.get("previous_start"), values.get("start")
    if previous is None:
        return
    status = values.get("status", Status.SCHEDULED)
    if status not in (Status.POSTPONED, Status.RESCHEDULED):
        problems.append(
            FieldProblem(
                "previous_start",
                f"'previous_start' is only for a postponed or rescheduled event, and this one "
                f"is {status.value}; ignored",
                fatal=False,
            )
        )
        del values["previous_start"]
    elif start is not None and isinstance(previous, datetime) != isinstance(start, datetime):
        problems.append(
            FieldProblem(
                "previous_start",
                "'previous_start' must be the same kind as 'start' "
                "(both dates or both datetimes); ignored",
                fatal=False,
            )
        )
        del values["previous_start"]


# What other tools and habits call our fields; an unknown field of one of these names is
# reported with the field it most likely means. Keys are compared in lowercase without
# "_", "-" and spaces ("start_date", "Start-Date" and "startDate" alike).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("date", "begin", "begins", "from", "startdate", "starts", "when"), "start"),
    **dict.fromkeys(("finish", "enddate", "ends", "until", "to", "stop"), "end"),
    **dict.fromkeys(("name", "label", "heading", "eventname"), "title"),
    **dict.fromkeys(("link", "website", "web", "homepage", "href", "site", "uri"), "url"),
    **dict.fromkeys(
        ("place", "venue", "city", "where", "address", "country", "region"), "location"
    ),
    **dict.fromkeys(("tz", "timezone", "zone", "tzid", "tzname"), "timezone"),
    **dict.fromkeys(("type", "eventtype", "format"), "kind"),
    **dict.fromkeys(("category", "categories", "tag", "keywords", "topics", "labels"), "tags"),
    **dict.fromkeys(("description", "abstract", "blurb", "teaser", "excerpt"), "summary"),
    **dict.fromkeys(("slug", "key", "identifier", "uid"), "id"),
    **dict.fromkeys(("state", "eventstatus"), "status"),
    **dict.fromkeys(("attendance", "attendancemode", "online"), "mode"),
    **dict.fromkeys(("conference", "group", "collection"), "series"),
    **dict.fromkeys(("doc", "docname", "document"), "page"),
    **dict.fromkeys(("previousstart", "originalstart", "olddate", "wasstart"), "previous_start"),
}
_SYNONYM_KEY = re.compile(r"[\s_-]+")


def _near(name: str) -> str | None:
    """The field an unknown field name most likely means: a synonym, or a near spelling."""
    if len(name) > 40:  # no field name is that long; and difflib is quadratic
        return None
    key = _SYNONYM_KEY.sub("", name.lower())
    if key in SYNONYMS and SYNONYMS[key] in FIELDS:
        return SYNONYMS[key]
    from difflib import get_close_matches

    found = get_close_matches(name.lower(), list(FIELDS), n=1, cutoff=0.75)
    return found[0] if found else None
