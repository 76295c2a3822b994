"""The limits of a data file, chosen so that no real file reaches them and any input, however
hostile, is read in bounded time and memory.

Each limit turns into a located problem: a file over the size limit is not read; a value over
a limit costs its event (or, for a YAML alias that repeats too much, the events that use it);
everything else in the file still loads. The numbers are documented in ``docs/data-format.md``
("Limits"); a test pins that the two agree.

Pure: no Sphinx, no parser. :mod:`sphinx_iassist.readers.event` measures values already
read, in every format; :mod:`sphinx_iassist.readers.yaml_nodes` measures YAML nodes before
they are constructed, because construction is where aliases and merge keys would multiply
them.
"""

from __future__ import annotations

import errno
import math
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MAX_DECODED_FILE_BYTES",
    "MAX_DEPTH",
    "MAX_ENTRIES",
    "MAX_EVENT_VALUES",
    "MAX_FILE_BYTES",
    "MAX_ID_CHARS",
    "MAX_NUMBER_DIGITS",
    "MAX_REPEATED_CHARS",
    "MAX_REPEATED_VALUES",
    "MAX_SCHEDULE_BYTES",
    "MAX_TEXT_CHARS",
    "LongNumber",
    "measure",
    "read_bounded",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A YAML data file's size (32 MiB: about 150,000 events). YAML files are read one event at
a time, so their memory grows with the events kept, not with the text; the other limits
bound what one event, and what aliases, can cost."""

MAX_DECODED_FILE_BYTES = 8 * 1024 * 1024
"""A JSON or TOML data file's size (8 MiB: about 30,000 events). Their parsers decode the
whole file before anything is checked, so its size bounds their memory."""

MAX_ENTRIES = 200_000
"""Entries in one data file's list of events: each costs its memory even when it is no
event at all (a file of ``- 1`` lines); the rest of a file beyond it is not read."""

MAX_SCHEDULE_BYTES = 4 * 1024 * 1024
"""A programme's schedule file (frab JSON, decoded whole): 4 MiB, thousands of sessions."""

MAX_EVENT_VALUES = 10_000
"""Values in one event, counting every key, text, number, list and mapping once (and again
each time a YAML alias or merge key repeats it)."""

MAX_DEPTH = 8
"""Lists and mappings nested inside one field (``location: {city: …}`` is 1 level, a list of
mappings 2)."""

MAX_TEXT_CHARS = 10_000
"""Characters of one text value (a title, a summary, a URL, one tag, one key)."""

MAX_ID_CHARS = 100
"""Characters of an event id: it names a file (``_ics/<id>.ics``), and file systems allow
255 bytes or fewer (143 on some encrypted ones) for a name."""

MAX_NUMBER_DIGITS = 100
"""Characters of a whole number; numbers are only ever shown as text, and long ones cost
quadratic time to convert (Python refuses integers over 4,300 digits, YAML's base-60
numbers have no such guard)."""

MAX_REPEATED_VALUES = 1_000_000
"""Values that YAML aliases and merge keys repeat in one file (a ``<<: *defaults`` of five
fields in each of 10,000 events repeats 110,000)."""

MAX_REPEATED_CHARS = 4 * 1024 * 1024
"""Characters of text that YAML aliases and merge keys repeat in one file."""


@dataclass(frozen=True, slots=True)
class LongNumber:
    """A whole number written with more than :data:`MAX_NUMBER_DIGITS` characters: what a
    reader returns instead of converting it."""

    chars: int


def too_many_entries() -> str:
    return (
        f"the file holds more than {MAX_ENTRIES:,} events; the rest of it is not read "
        "(split the events into several files: iassist_events takes a list)"
    )


def too_many_values() -> str:
    return (
        f"holds more than {MAX_EVENT_VALUES:,} values (every text, number, list and mapping counts)"
    )


def too_deep() -> str:
    return f"nests lists and mappings more than {MAX_DEPTH} levels deep"


def too_long_text() -> str:
    return f"holds a text longer than {MAX_TEXT_CHARS:,} characters"


def too_long_number() -> str:
    return f"holds a whole number of more than {MAX_NUMBER_DIGITS} digits"


def too_much_repeated() -> str:
    return (
        "repeats values through a YAML alias or merge key beyond what a file may repeat "
        f"({MAX_REPEATED_VALUES:,} values or {MAX_REPEATED_CHARS // 2**20} MiB of text in all)"
    )


def field_too_large(shown_name: str, why: str, *, after_other_fields: bool) -> str:
    """The message for a field that breaks a limit; ``after_other_fields``: the fields
    before it count towards the event's number of values too."""
    if after_other_fields and why == too_many_values():
        return f"{shown_name} is too large: with the fields before it, the event {why}"
    return f"{shown_name} {why}"


def number_too_long(value: object) -> bool:
    """True for an ``int`` (or :class:`LongNumber`) beyond :data:`MAX_NUMBER_DIGITS` digits,
    decided without converting it to text."""
    if isinstance(value, LongNumber):
        return True
    if isinstance(value, int) and not isinstance(value, bool):
        # a lower bound of the digit count from the bits: exact enough, and never slow
        return int(abs(value).bit_length() * math.log10(2)) >= MAX_NUMBER_DIGITS
    return False


def measure(value: object, budget: int = MAX_EVENT_VALUES) -> tuple[str | None, int]:
    """Walk ``value`` (nested lists, tuples and mappings of anything) and return the first
    limit it breaks (a message fragment such as ``"holds more than 10,000 values"``, or None)
    and the number of values counted.

    Never more than ``budget`` steps, whatever ``value`` is: shared sublists (YAML aliases
    constructed) and even cycles are counted each time they are reached, so the walk stops
    when the budget runs out.
    """
    # shortcuts for the usual values, with the same results: a list of tags, a location
    if type(value) is list and len(value) < budget and all(type(v) is str for v in value):
        if any(len(v) > MAX_TEXT_CHARS for v in value):
            return too_long_text(), 1
        return None, 1 + len(value)
    if (
        type(value) is dict
        and 2 * len(value) < budget
        and all(type(k) is str and type(v) is str for k, v in value.items())
    ):
        if any(len(k) > MAX_TEXT_CHARS or len(v) > MAX_TEXT_CHARS for k, v in value.items()):
            return too_long_text(), 1
        return None, 1 + 2 * len(value)
    count = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > budget:
            return too_many_values(), count
        if isinstance(item, dict | list | tuple):
            if depth >= MAX_DEPTH:
                return too_deep(), count
            # every value waiting on the stack will be counted: this keeps the pushes, not
            # only the steps, within the budget (a list that holds itself 5,000 times)
            size = 2 * len(item) if isinstance(item, dict) else len(item)
            if count + len(stack) + size > budget:
                return too_many_values(), budget + 1
        if isinstance(item, dict):
            for key, sub in item.items():
                stack.append((key, depth + 1))
                stack.append((sub, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((sub, depth + 1) for sub in item)
        elif isinstance(item, str):
            if len(item) > MAX_TEXT_CHARS:
                return too_long_text(), count
        elif number_too_long(item):
            return too_long_number(), count
    return None, count


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of the file at ``path``, or None if it holds more than ``limit`` bytes
    (never more than the limit is read, even from a device or a file that grows)."""
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block, a device never end
        raise OSError(errno.EINVAL, "not a regular file")
    with path.open("rb") as f:
        data = f.read(limit + 1)
    return data if len(data) <= limit else None
