"""frab schedule JSON (what pretalx, frab and Pentabarf export) to a
:class:`~sphinx_iassist.schedule.Schedule`.

Every defect is a located :class:`~sphinx_iassist.readers.catalog.Problem` (the file, the
line of the session, and its guid in the message); nothing in a file makes this module
raise. A session with a defect that leaves its time, title or identity unknown is left out
(``fatal``); every other defect is reported and the session kept.

Positions: the file is decoded by :mod:`json`'s own pure-Python scanner, with its object
parser wrapped so that each object remembers the offset it starts at; nothing is parsed by
hand. The same limits as event files apply (:mod:`sphinx_iassist.readers.limits`): the
file's size, each session's number of values, nesting and text length; and the same text
cleaning (:mod:`sphinx_iassist.readers.text`).

Time zones: the instants are always those of each session's ``date`` (with its offset).
They are shown in ``time_zone_name`` when that is an IANA zone whose offsets agree with
them; when it disagrees, the offsets win and one problem says so.

Only JSON is read: frab's XML export carries the same data, and every tool that writes it
writes the JSON too.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sphinx_iassist.readers.catalog import Problem
from sphinx_iassist.readers.document import LineCounter, describe
from sphinx_iassist.readers.frab_session import SessionFields, instant, paragraphs, text
from sphinx_iassist.readers.json import _json_int
from sphinx_iassist.readers.limits import MAX_SCHEDULE_BYTES, measure, read_bounded
from sphinx_iassist.readers.text import clean_value, removed_message, shown
from sphinx_iassist.schedule import Day, Schedule, Session
from sphinx_iassist.values import valid_timezone

__all__ = ["is_schedule", "load_schedule", "paragraphs", "read_schedule"]


# json's pure-Python object parser and scanner (not in typeshed's stubs)
_JSON_OBJECT: Callable[..., tuple[Any, int]] = getattr(json.decoder, "JSONObject")  # noqa: B009
_PY_SCANNER: Callable[[json.JSONDecoder], Any] = getattr(json.scanner, "py_make_scanner")  # noqa: B009


class _Object(dict[str, Any]):
    """A decoded JSON object that knows the offset it starts at."""

    __slots__ = ("pos",)
    pos: int


def _parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
    obj, end = _JSON_OBJECT(s_and_end, *args, **kwargs)
    obj.pos = s_and_end[1] - 1
    return obj, end


class _LocatingDecoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__(parse_int=_json_int, object_pairs_hook=_Object)
        self.parse_object = _parse_object  # type: ignore[assignment]
        self.scan_once = _PY_SCANNER(self)


def is_schedule(data: object) -> bool:
    """Whether decoded JSON is a frab schedule (its top-level key is ``schedule``)."""
    return isinstance(data, dict) and "schedule" in data


def load_schedule(
    path: str | Path,
    event_id: str,
    *,
    data: bytes | None = None,
    event_span: tuple[date, date] | None = None,
) -> tuple[Schedule | None, list[Problem]]:
    """Read the schedule file at ``path`` (or its bytes ``data``) as the programme of
    ``event_id``; ``event_span`` (first and last day of the event) marks sessions outside
    it. Returns the schedule (None when the file cannot be read) and every problem."""
    source = str(path)
    try:
        raw = data if data is not None else read_bounded(Path(path), MAX_SCHEDULE_BYTES)
        if raw is not None and len(raw) > MAX_SCHEDULE_BYTES:  # bytes read for a data file
            raw = None
    except OSError as exc:
        return None, [Problem(source, None, None, f"cannot read the schedule: {exc.strerror}")]
    if raw is None:
        size = f"{MAX_SCHEDULE_BYTES // 2**20} MiB"
        return None, [Problem(source, None, None, f"the schedule is larger than {size}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(source, None, None, f"the schedule is not UTF-8 ({exc.reason})")]
    return read_schedule(text, source, event_id, event_span=event_span)


def read_schedule(
    text: str, source: str, event_id: str, *, event_span: tuple[date, date] | None = None
) -> tuple[Schedule | None, list[Problem]]:
    """:func:`load_schedule` for the text of a file."""
    problems: list[Problem] = []
    try:
        top = _LocatingDecoder().decode(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(source, exc.lineno, None, f"JSON syntax error: {exc.msg}")]
    except RecursionError:
        return None, [Problem(source, None, None, "the schedule nests too deeply to read")]
    except ValueError as exc:
        return None, [Problem(source, 1, None, f"JSON value cannot be read: {str(exc)[:200]}")]
    reader = _Reader(source, event_id, LineCounter(text), problems, event_span)
    schedule = reader.schedule(top)
    return schedule, sorted(problems, key=lambda p: p.line or 0)  # in file order


class _Reader:
    """Reads one decoded file, collecting problems."""

    def __init__(
        self,
        source: str,
        event_id: str,
        line_at: Callable[[int], int],
        problems: list[Problem],
        event_span: tuple[date, date] | None,
    ) -> None:
        self.source, self.event_id = source, event_id
        self.line_at, self.problems, self.event_span = line_at, problems, event_span
        self.zone: ZoneInfo | None = None
        self.rooms: tuple[str, ...] = ()

    def line(self, value: object) -> int | None:
        return self.line_at(value.pos) if isinstance(value, _Object) else None

    def problem(
        self, line: int | None, message: str, *, fatal: bool = True, name: str = ""
    ) -> None:
        self.problems.append(Problem(self.source, line, name or None, message, None, fatal))

    # -- the file ------------------------------------------------------------------------

    def schedule(self, top: object) -> Schedule | None:
        conference = self._conference(top)
        if conference is None:
            return None
        self.zone = self._zone(conference)
        self.rooms = self._rooms(conference.get("rooms"))
        days: list[Day] = []
        found: list[Session] = []
        raw_days = conference.get("days")
        if not isinstance(raw_days, list):
            what = describe(raw_days)
            self.problem(self.line(conference), f"'days' must be a list of days, not {what}")
            raw_days = []
        for raw_day in raw_days:
            day = self._day(raw_day)
            if day is not None:
                days.append(day)
                found += self._day_sessions(raw_day, day)
        sessions = self._unique(found)
        zone = self._display_zone(sessions, conference)
        if zone is not None:
            tz = ZoneInfo(zone)
            sessions = [_in_zone(s, tz) for s in sessions]
        self._overlaps(sessions)
        self._outside_event(sessions)
        sessions.sort(key=lambda s: (s.day, s.start, _room_order(self.rooms, s.room), s.id))
        title = conference.get("title")
        return Schedule(
            event_id=self.event_id,
            source=self.source,
            title=text(title),
            zone=zone,
            days=tuple(days),
            rooms=self.rooms or tuple(dict.fromkeys(s.room for s in sessions)),
            sessions=tuple(sessions),
        )

    def _conference(self, top: object) -> _Object | None:
        schedule = top.get("schedule") if isinstance(top, dict) else None
        conference = schedule.get("conference") if isinstance(schedule, dict) else None
        if isinstance(conference, _Object):
            return conference
        where = self.line(schedule) or self.line(top) or 1
        self.problem(
            where, "a frab schedule must hold {'schedule': {'conference': {...}}}; nothing read"
        )
        return None

    def _zone(self, conference: _Object) -> ZoneInfo | None:
        name = conference.get("time_zone_name")
        if name is None:
            return None
        if valid_timezone(name):
            return ZoneInfo(name)
        message = f"'time_zone_name' {shown(name)} is not an IANA time zone; the offsets are used"
        self.problem(self.line(conference), message, fatal=False, name="time_zone_name")
        return None

    def _rooms(self, rooms: object) -> tuple[str, ...]:
        if not isinstance(rooms, list):
            return ()
        names = (r.get("name") if isinstance(r, dict) else r for r in rooms)
        return tuple(dict.fromkeys(text(n) for n in names if text(n)))  # type: ignore[misc]

    def _day(self, raw_day: object) -> Day | None:
        if not isinstance(raw_day, _Object):
            self.problem(None, f"a day must be a mapping, not {describe(raw_day)}; left out")
            return None
        try:
            day_date = date.fromisoformat(str(raw_day.get("date")))
        except ValueError:
            message = f"day 'date' {shown(raw_day.get('date'))} is not an ISO date; left out"
            self.problem(self.line(raw_day), message, name="date")
            return None
        return Day(day_date, instant(raw_day.get("day_start")), instant(raw_day.get("day_end")))

    def _day_sessions(self, raw_day: _Object, day: Day) -> list[Session]:
        rooms = raw_day.get("rooms")
        if not isinstance(rooms, dict):
            self.problem(self.line(raw_day), f"day {day.date}: 'rooms' must be a mapping")
            return []
        found: list[Session] = []
        for room, entries in rooms.items():
            if not isinstance(entries, list):
                self.problem(self.line(raw_day), f"day {day.date}, room {room!r}: not a list")
                continue
            for raw in entries:
                session = self._session(raw, day, str(room))
                if session is not None:
                    found.append(session)
        return found

    # -- one session ---------------------------------------------------------------------

    def _session(self, raw: object, day: Day, room_key: str) -> Session | None:
        line = self.line(raw)
        if not isinstance(raw, _Object):
            self.problem(line, f"a session must be a mapping, not {describe(raw)}; left out")
            return None
        guid = text(raw.get("guid")) or text(raw.get("slug"))
        if guid is None:
            self.problem(line, "a session has no 'guid'; left out", name="guid")
            return None
        label = f"session {guid[:60]}"
        too_large, _ = measure(raw)
        if too_large:
            self.problem(line, f"{label} {too_large}; left out")
            return None
        removed: dict[str, None] = {}
        fields: dict[str, Any] = clean_value(raw, removed)
        if removed:
            self.problem(line, removed_message(label, tuple(removed)), fatal=False)
        return SessionFields(
            fields, label, line, report=self._report, zone=self.zone, rooms=self.rooms
        ).build(guid, day, room_key)

    def _report(self, line: int | None, message: str, fatal: bool, name: str) -> None:
        self.problem(line, message, fatal=fatal, name=name)

    # -- the whole programme -------------------------------------------------------------

    def _unique(self, sessions: list[Session]) -> list[Session]:
        """The first session of each guid and id; later ones are left out."""
        by_guid: dict[str, Session] = {}
        by_id: dict[str, Session] = {}
        kept: list[Session] = []
        for session in sessions:
            first = by_guid.get(session.guid) or by_id.get(session.id)
            if first is not None:
                what = "guid" if first.guid == session.guid else f"id {session.id!r}"
                self.problem(
                    session.line,
                    f"session {session.guid}: duplicate {what} (first on line {first.line}); "
                    "left out",
                )
                continue
            by_guid[session.guid] = by_id[session.id] = session
            kept.append(session)
        return kept

    def _display_zone(self, sessions: list[Session], conference: _Object) -> str | None:
        """``time_zone_name`` if its offsets agree with the sessions'; else an ``Etc/GMT``
        zone for one whole-hour offset; else None (each session's own offset)."""
        zone = self.zone
        if zone is not None:
            wrong = next(
                (s for s in sessions if zone.utcoffset(s.start) != s.start.utcoffset()), None
            )
            if wrong is None:
                return zone.key
            given = wrong.start.isoformat()[19:] or "no offset"
            self.problem(
                self.line(conference),
                f"'time_zone_name' {zone.key!r} disagrees with the offsets of the sessions' "
                f"dates ({given} on line {wrong.line}); the offsets are used",
                fatal=False,
                name="time_zone_name",
            )
        offsets = {s.start.utcoffset() for s in sessions}
        if len(offsets) == 1:
            (offset,) = offsets
            hours, rest = divmod(offset or timedelta(), timedelta(hours=1))
            if not rest and -12 <= hours <= 14:
                return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
        return None

    def _overlaps(self, sessions: list[Session]) -> None:
        by_room: dict[str, list[Session]] = {}
        for session in sessions:
            by_room.setdefault(session.room, []).append(session)
        for room, talks in by_room.items():
            talks.sort(key=lambda s: (s.start, s.line))
            latest: Session | None = None
            for session in talks:
                if latest is not None and session.overlaps(latest):
                    self.problem(
                        session.line,
                        f"session {session.guid} overlaps session {latest.guid} "
                        f"(line {latest.line}) in room {room!r}; both are kept",
                        fatal=False,
                    )
                if latest is None or session.end > latest.end:
                    latest = session

    def _outside_event(self, sessions: list[Session]) -> None:
        if self.event_span is None:
            return
        first, last = self.event_span
        for session in sessions:
            if not first <= session.day <= last:
                self.problem(
                    session.line,
                    f"session {session.guid} is on {session.day}, outside the dates of event "
                    f"{self.event_id!r} ({first} to {last}); kept",
                    fatal=False,
                )


def _in_zone(session: Session, zone: ZoneInfo) -> Session:
    from dataclasses import replace

    return replace(session, start=session.start.astimezone(zone), end=session.end.astimezone(zone))


def _room_order(rooms: tuple[str, ...], room: str) -> int:
    return rooms.index(room) if room in rooms else len(rooms)
