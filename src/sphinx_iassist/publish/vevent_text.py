"""A VEVENT's bytes without building an icalendar component: what
``icalendar.Event.new(**fields).to_ical()`` gives, for the fields the extension writes.

icalendar builds a component, its properties and parameters, and folds every line
character by character; for a site of thousands of events that is most of the cost of its
calendar files. The events the extension writes use a few property types only, so their
lines are put together here in icalendar's order (its canonical order for VEVENT, then the
rest alphabetically), with icalendar's own TEXT escaping, and only lines of 75 octets or
more are handed to icalendar's folding. Anything else — a value or zone this module does
not know — gives None, and the caller lets icalendar serialise the event. icalendar stays
the authority: the tests compare every byte of both for a varied set of events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

__all__ = ["serialise"]

# icalendar's own TEXT escaping and line folding: named with an underscore since 7.3 (the
# public names warn that they go in 8.0), without one before (None: an icalendar with
# neither, where every event is serialised by icalendar itself)
_escape: Callable[[str], str] | None
_fold: Callable[[str], str] | None
try:
    from icalendar.parser.string import _escape_char as _escape
    from icalendar.parser.string import _foldline as _fold
except ImportError:  # icalendar 7.0 to 7.2
    try:
        from icalendar.parser.string import escape_char as _escape
        from icalendar.parser.string import foldline as _fold
    except ImportError:  # pragma: no cover - depends on the icalendar release
        _escape = _fold = None

#: the fields this module writes, and nothing else
_KNOWN = frozenset(
    (
        "uid",
        "stamp",
        "summary",
        "start",
        "end",
        "status",
        "location",
        "description",
        "url",
        "categories",
    )
)
#: a zone name icalendar writes as a TZID parameter without quotes
_PLAIN_TZID = re.compile(r"[A-Za-z0-9_/+-]+")
#: the longest line (in octets) icalendar leaves unfolded
_UNFOLDED = 74


def serialise(fields: Mapping[str, object]) -> bytes | None:
    """The VEVENT of ``fields`` (arguments of :meth:`icalendar.Event.new`) as icalendar
    writes it, or None when only icalendar can say."""
    if _escape is None or _fold is None or not _KNOWN.issuperset(fields):
        return None
    summary, uid = fields.get("summary"), fields.get("uid")
    stamp, start, end = fields.get("stamp"), fields.get("start"), fields.get("end")
    if not (isinstance(summary, str) and summary and isinstance(uid, str) and uid):
        return None
    if not isinstance(stamp, datetime) or stamp.tzinfo is not UTC:
        return None
    begin = _time_line("DTSTART", start)
    finish = _time_line("DTEND", end) if end is not None else ""
    if begin is None or finish is None:
        return None
    lines = ["BEGIN:VEVENT", f"SUMMARY:{_escape(summary)}", begin]
    if finish:
        lines.append(finish)
    lines += [f"DTSTAMP:{_utc(stamp)}", f"UID:{_escape(uid)}"]
    # the other properties, alphabetically
    categories = fields.get("categories")
    if categories is not None:
        if not _texts(categories):
            return None
        lines.append("CATEGORIES:" + ",".join(_escape(c) for c in categories))  # type: ignore[attr-defined]
    for name, key in (("DESCRIPTION", "description"), ("LOCATION", "location")):
        value = fields.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            return None
        lines.append(f"{name}:{_escape(value)}")
    status = fields.get("status")
    if status is not None:
        if not isinstance(status, Enum) or not isinstance(status.value, str):
            return None
        lines.append(f"STATUS:{_escape(status.value)}")
    url = fields.get("url")
    if url is not None:
        if not isinstance(url, str) or not url or "\n" in url or "\r" in url:
            return None
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    out = []
    for line in lines:
        data = line.encode("utf-8")
        out.append(data if len(data) <= _UNFOLDED else _fold(line).encode("utf-8"))
    out.append(b"")
    return b"\r\n".join(out)


def _texts(values: object) -> bool:
    return (
        isinstance(values, list) and bool(values) and all(isinstance(v, str) and v for v in values)
    )


def _time_line(name: str, value: object) -> str | None:
    """``DTSTART``/``DTEND`` of a date, a UTC datetime or one in a named zone."""
    if isinstance(value, datetime):
        tz = value.tzinfo
        if tz is UTC:
            return f"{name}:{_utc(value)}"
        if isinstance(tz, ZoneInfo) and _PLAIN_TZID.fullmatch(tz.key):
            return f"{name};TZID={tz.key}:{_local(value)}"
        return None
    if isinstance(value, date):
        return f"{name};VALUE=DATE:{value.year:04}{value.month:02}{value.day:02}"
    return None


def _local(value: datetime) -> str:
    return (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}"
    )


def _utc(value: datetime) -> str:
    return f"{_local(value)}Z"
