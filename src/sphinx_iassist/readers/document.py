"""The common form of a data file after reading and before validation: its entries with
their lines, and the problems the reading found. Shared by the readers of each format."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sphinx_iassist.readers.limits import MAX_ENTRIES, too_many_entries

TOP_LEVEL = "a list of events or a mapping with the key 'events'"

Where = TypeVar("Where")


@dataclass(slots=True)
class Item:
    """One entry of a file's event list, with positions, before validation."""

    line: int
    fields: dict[str, Any] | None  # None: the entry is not a mapping
    field_lines: dict[str, int] = field(default_factory=dict)
    what: str = ""  # what the entry is, when it is not a mapping
    problems: list[tuple[int, str | None, str, bool]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # fields whose value could not be read

    def problem(self, line: int, name: str | None, message: str, *, fatal: bool = True) -> None:
        self.problems.append((line, name, message, fatal))


@dataclass(slots=True)
class Document:
    """A file's entries and problems as read.

    With ``check``, each entry is given to it as soon as it is read, and what it returns
    is kept in ``checked`` instead of the entry (``items`` stays empty): the loader
    validates each entry then, so that memory holds the fields of one entry at a time,
    not of the whole file. Reading may still discard what was kept (a later ``events``
    list, an error that costs the whole file)."""

    items: list[Item] = field(default_factory=list)
    problems: list[tuple[int | None, str | None, str, bool]] = field(default_factory=list)
    check: Callable[[Item], object] | None = None
    checked: list[object] = field(default_factory=list)

    def add(self, item: Item) -> None:
        """Keep one entry of the events list (or what ``check`` makes of it)."""
        if self.check is None:
            self.items.append(item)
        else:
            self.checked.append(self.check(item))

    def drop_entries(self) -> None:
        """Forget the entries read so far."""
        self.items.clear()
        self.checked.clear()

    def problem(
        self, line: int | None, message: str, *, name: str | None = None, fatal: bool = True
    ) -> Document:
        self.problems.append((line, name, message, fatal))
        return self

    def full(self, line: int) -> bool:
        """Whether the file already has the most entries a file may have
        (:data:`~sphinx_iassist.readers.limits.MAX_ENTRIES`); if so, a problem at ``line``,
        the first entry not read."""
        if len(self.items) + len(self.checked) < MAX_ENTRIES:
            return False
        self.problem(line, too_many_entries())
        return True

    def events_member(
        self, members: Iterable[tuple[object, int, Where]]
    ) -> tuple[int, Where] | None:
        """The ``events`` of a file whose top level is a mapping, from the mapping's
        ``(key, line, where)`` members in the order of the file: the line and ``where`` (the
        format's handle on the value) of its last ``events``, as the parsers keep the last
        of a key given twice, or None when it has none. An ``events`` given twice is a
        problem; every other key is ignored, with a problem that is not fatal."""
        found: tuple[int, Where] | None = None
        for key, line, where in members:
            if key == "events":
                if found is not None:
                    self.problem(line, events_twice(found[0]))
                found = (line, where)
            else:
                self.problem(line, unknown_top_key(key), fatal=False)
        return found


def unknown_top_key(key: object) -> str:
    return f"unknown top-level key {str(key)[:60]!r} is ignored (only 'events' is read)"


def not_a_list(what: str) -> str:
    return f"'events' must be a list of events, not {what}"


def not_top(what: str) -> str:
    return f"the file must hold {TOP_LEVEL}, not {what}"


def missing_events() -> str:
    return f"the file must hold {TOP_LEVEL}; the mapping has no 'events' key"


def not_a_mapping(number: int, what: str) -> str:
    return f"event {number} must be a mapping of fields, not {what}"


def events_twice(first: int) -> str:
    return f"'events' is given twice (first on line {first}); only this last list is read"


def given_twice(name: str, first: int) -> str:
    return f"field {name[:60]!r} is given twice (first on line {first}); the event is left out"


READABLE_DEPTH = 100


def too_deep_to_read(text: str, tokens: re.Pattern[str], what: str) -> tuple[int, str]:
    """(line, message) for a file that nests too deeply for its parser (which then runs out
    of Python's recursion limit, about 1,000 levels): the line where the brackets first go
    deeper than :data:`READABLE_DEPTH`. ``tokens`` matches the format's strings and
    comments (whose brackets do not count) and single brackets."""
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > READABLE_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                return line, (
                    f"{what} nested too deeply to read: lists and mappings go more than "
                    f"{READABLE_DEPTH} levels deep here"
                )
        elif token in "]}":
            depth -= 1
    return 1, f"{what} nested too deeply to read"


def describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return f"a value of type {type(value).__name__}"


class LineCounter:
    """The line of an offset in ``text``; fast for increasing offsets (counts only the
    newlines since the previous offset)."""

    __slots__ = ("line", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line
