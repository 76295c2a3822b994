"""The programme of an event: its days, rooms, sessions and the people who speak.

Pure: nothing here imports Sphinx. :mod:`sphinx_iassist.readers.frab` builds these objects
from a frab schedule file (what pretalx, frab and Pentabarf export); the ``event-schedule``
and ``speaker-list`` directives, the ``session`` role, the programme calendar and JSON-LD
read them.

Every instant is an aware :class:`~datetime.datetime` as the source gave it (the offset of
the session's ``date``); :attr:`Schedule.zone` is the IANA zone whose wall-clock times
those are, when one is known.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = ["COVERED", "Cell", "Day", "Person", "Schedule", "Session", "grid", "name_key"]


@dataclass(frozen=True, slots=True)
class Person:
    """One speaker: ``key`` is stable (the frab ``code`` or ``id``, else the name)."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Day:
    """A conference day: its date, and when it begins and ends (a session after midnight
    stays on the day it is listed under)."""

    date: date
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """One talk, workshop or break of the programme."""

    id: str  # the frab ``slug``, else the ``guid``
    guid: str
    title: str
    start: datetime
    end: datetime
    day: date
    room: str
    subtitle: str | None = None
    track: str | None = None
    type: str | None = None
    language: str | None = None
    persons: tuple[Person, ...] = ()
    abstract: tuple[str, ...] = ()  # paragraphs of plain text
    description: tuple[str, ...] = ()
    url: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (title, url)
    do_not_record: bool = False
    line: int = 0

    def overlaps(self, other: Session) -> bool:
        return self.start < other.end and other.start < self.end

    def is_now(self, now: datetime) -> bool:
        """Whether ``now`` (an aware instant) falls within the session."""
        return self.start <= now < self.end


@dataclass(frozen=True)
class Schedule:
    """The programme of the event ``event_id``, read from ``source``."""

    event_id: str
    source: str
    title: str | None
    zone: str | None  # an IANA zone name the times are shown in; None: each session's offset
    days: tuple[Day, ...]
    rooms: tuple[str, ...]
    sessions: tuple[Session, ...]  # by day, start, room
    _index: dict[str, Session] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.id: s for s in self.sessions})

    def session(self, session_id: str) -> Session | None:
        return self._index.get(session_id)

    def persons(self) -> list[tuple[Person, list[Session]]]:
        """Every person once, sorted by name, with their sessions in programme order."""
        talks: dict[str, tuple[Person, list[Session]]] = {}
        for session in self.sessions:
            for person in session.persons:
                talks.setdefault(person.key, (person, []))[1].append(session)
        return sorted(talks.values(), key=lambda item: (name_key(item[0].name), item[0].key))

    def tracks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.track for s in self.sessions if s.track))


class Cell:
    """One cell of a programme grid: its sessions (more than one only where sessions
    overlap in a room), its first row and the rows it spans."""

    __slots__ = ("rows", "sessions", "top")

    def __init__(self, session: Session, top: int) -> None:
        self.sessions = [session]
        self.top = top
        self.rows = 1


COVERED = "covered"  # a grid position under a cell that spans several rows


def grid(
    sessions: list[Session], rooms: tuple[str, ...]
) -> tuple[list[datetime], list[list[Cell | str | None]]]:
    """Rooms as columns, time as rows: the row boundaries (every start and end, in order)
    and, per row and room, a :class:`Cell`, :data:`COVERED` or None (nothing)."""
    times = sorted({s.start for s in sessions} | {s.end for s in sessions})
    index = {t: i for i, t in enumerate(times)}
    count = max(len(times) - 1, 1)
    table: list[list[Cell | str | None]] = [[None] * len(rooms) for _ in range(count)]
    column = {room: i for i, room in enumerate(rooms)}
    owners: dict[tuple[int, int], Cell] = {}
    for session in sorted(sessions, key=lambda s: (s.start, s.end)):
        col = column.get(session.room)
        if col is None:
            continue
        first = min(index[session.start], count - 1)
        last = max(index[session.end], first + 1)
        owner = owners.get((first, col))
        if owner is None:
            owner = owners[(first, col)] = Cell(session, first)
            table[first][col] = owner
        else:  # sessions that overlap in one room share a cell
            owner.sessions.append(session)
        for row in range(owner.top + owner.rows, last):
            table[row][col], owners[(row, col)] = COVERED, owner
        owner.rows = max(owner.rows, last - owner.top)
    return times, table


def name_key(name: str) -> tuple[str, str]:
    """Sort key for names, close to a language's collation without a locale's tables:
    letters without their accents first (Ångström sorts with A), case ignored, then the
    name itself as a tie-break, so the order never depends on the machine's locale."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base, name
