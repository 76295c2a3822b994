"""The windows and dates of an event: ``registration`` and ``cfp`` (a link and when it opens
and closes) and ``deadlines``. Pure: no Sphinx.

Their times are read in the event's zone, unless written with an offset or unless the
mapping has its own ``timezone`` (``AoE`` is UTC-12). A date alone is the start of that day
for ``opens`` and the end of it for ``closes`` and ``at``. A problem with one of them is a
warning that leaves that window (or that deadline) out and keeps the event: they are notes
about the event, not the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any

from sphinx_iassist.model import DEADLINE_KEYS, WINDOW_KEYS, Deadline, Event, Moment, Window
from sphinx_iassist.readers.fields import FieldProblem, Invalid, text, url, when
from sphinx_iassist.readers.text import shown
from sphinx_iassist.values import timezone_hint, valid_timezone, zone_info

__all__ = ["WINDOWS", "check_windows", "closes_after_end"]

#: the fields this module checks, in the order their problems are reported
WINDOWS = ("registration", "cfp", "deadlines")


def check_windows(
    fields: Mapping[str, Any], zone: str, values: dict[str, Any], problems: list[FieldProblem]
) -> None:
    """Check ``registration``, ``cfp`` and ``deadlines`` of ``fields`` into ``values``; each
    problem is not fatal to the event (the window or deadline is left out)."""
    for name in ("registration", "cfp"):
        raw = fields.get(name)
        if raw is None:
            continue
        try:
            values[name] = _window(raw, name, zone)
        except Invalid as exc:
            problems.append(FieldProblem(name, f"{exc.message}; {name!r} is ignored", fatal=False))
    raw = fields.get("deadlines")
    if raw is not None:
        values["deadlines"] = _deadlines(raw, zone, problems)


def closes_after_end(event: Event) -> list[FieldProblem]:
    """A registration or CfP window that closes after the event is over (kept: a warning)."""
    problems = []
    for name in ("registration", "cfp"):
        window: Window | None = getattr(event, name)
        if window is not None and window.closes is not None and window.closes.at > event.ends_at:
            problems.append(
                FieldProblem(
                    name,
                    f"'{name}.closes' ({_written(window.closes)}) is after the event ends",
                    fatal=False,
                )
            )
    return problems


def _written(moment: Moment) -> str:
    given = moment.given
    return given.isoformat(timespec="minutes") if isinstance(given, datetime) else str(given)


def _own_zone(raw: Mapping[str, Any], name: str, zone: str) -> str:
    given = raw.get("timezone")
    if given is None:
        return zone
    if not valid_timezone(given):
        raise Invalid(f"'{name}.timezone' {shown(given)} is unknown ({timezone_hint(given)})")
    return str(given)


def _mapping(raw: object, name: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise Invalid(f"{name!r} must be a mapping of {', '.join(keys)}")
    unknown = sorted(shown(str(k)) for k in raw if k not in keys)
    if unknown:
        raise Invalid(
            f"{name!r} has unknown key(s) {', '.join(unknown)} (known: {', '.join(keys)})"
        )
    return raw


def moment(value: object, name: str, zone: str, *, end_of_day: bool) -> Moment:
    """A time of a window or deadline (see :class:`~sphinx_iassist.model.Moment`)."""
    given = when(value, name, zone)
    if isinstance(given, datetime):
        return Moment(at=given, given=given, zone=zone)
    day = given + timedelta(days=1) if end_of_day else given
    return Moment(at=datetime.combine(day, time(), zone_info(zone)), given=given, zone=zone)


def _window(raw: object, name: str, zone: str) -> Window:
    keys = WINDOW_KEYS if name == "registration" else tuple(k for k in WINDOW_KEYS if k != "price")
    fields = _mapping(raw, name, keys)
    if fields.get("url") is None:
        raise Invalid(f"{name!r} needs a 'url'")
    own = _own_zone(fields, name, zone)
    opens, closes = (
        moment(fields[key], f"{name}.{key}", own, end_of_day=key == "closes")
        if fields.get(key) is not None
        else None
        for key in ("opens", "closes")
    )
    if opens is not None and closes is not None and closes.at < opens.at:
        raise Invalid(
            f"'{name}.closes' ({_written(closes)}) is before '{name}.opens' ({_written(opens)})"
        )
    price, free = None, False
    if fields.get("price") is not None:
        price = text(fields["price"], f"{name}.price")
        free = price.lower() == "free"
        price = None if free else price
    return Window(
        url=url(fields["url"], f"{name}.url"), opens=opens, closes=closes, price=price, free=free
    )


def _deadlines(raw: object, zone: str, problems: list[FieldProblem]) -> tuple[Deadline, ...]:
    if not isinstance(raw, list | tuple):
        problems.append(
            FieldProblem("deadlines", "'deadlines' must be a list of mappings; ignored", False)
        )
        return ()
    found = []
    for number, item in enumerate(raw, 1):
        name = f"deadlines[{number}]"
        try:
            fields = _mapping(item, name, DEADLINE_KEYS)
            for key in ("label", "at"):
                if fields.get(key) is None:
                    raise Invalid(f"{name!r} needs {key!r}")
            own = _own_zone(fields, name, zone)
            link = fields.get("url")
            found.append(
                Deadline(
                    label=text(fields["label"], f"{name}.label"),
                    at=moment(fields["at"], f"{name}.at", own, end_of_day=True),
                    url=url(link, f"{name}.url") if link is not None else None,
                )
            )
        except Invalid as exc:
            problems.append(FieldProblem("deadlines", f"{exc.message}; ignored", fatal=False))
    return tuple(sorted(found, key=lambda d: d.at.at))
