"""Data files (YAML, TOML, JSON) to :class:`~sphinx_iassist.model.Event` objects.

Every defect in a file becomes a :class:`Problem` with the file, the line and the field;
nothing in a file's content makes the loader raise. Values are validated by
:func:`sphinx_iassist.readers.event.build_event`; this module only reads and locates.

Each format has its reader, which keeps every entry's line and every field's line:
:mod:`~sphinx_iassist.readers.yaml` (PyYAML's composer, one value constructed at a time),
:mod:`~sphinx_iassist.readers.toml` (:mod:`tomllib`, then a scan for positions) and
:mod:`~sphinx_iassist.readers.json` (:mod:`json` with ``raw_decode`` from known offsets).
They return a :class:`~sphinx_iassist.readers.document.Document`; this module validates it.

A field given twice in one event (YAML, JSON) is a problem that leaves the event out,
like any other ambiguity; TOML rejects it as a syntax error itself.

Speed: CPython's cyclic garbage collector is paused while one file is read (it would
otherwise traverse the hundreds of thousands of fresh, acyclic objects again and again);
10,000 events load in well under a second in each format.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sphinx_iassist.model import Event
from sphinx_iassist.readers.document import TOP_LEVEL, Document, Item
from sphinx_iassist.readers.event import build_event
from sphinx_iassist.readers.json import read_json
from sphinx_iassist.readers.limits import (
    MAX_DECODED_FILE_BYTES,
    MAX_FILE_BYTES,
    MAX_ID_CHARS,
    read_bounded,
)
from sphinx_iassist.readers.toml import read_toml
from sphinx_iassist.readers.yaml import read_yaml
from sphinx_iassist.values import valid_timezone

__all__ = ["Catalog", "Problem", "load_catalog", "load_file"]

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect of a data file, located; ``fatal=False`` means the event was kept."""

    source: str
    line: int | None
    field: str | None
    message: str
    event_id: str | None = None
    fatal: bool = True

    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


@dataclass(frozen=True)
class Catalog:
    """All valid events of a set of files (in file order), and every problem found."""

    events: tuple[Event, ...]
    problems: tuple[Problem, ...]
    sources: tuple[str, ...]
    _index: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {event.id: event for event in self.events})

    def get(self, event_id: str) -> Event | None:
        return self._index.get(event_id)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)


def load_file(
    path: str | os.PathLike[str],
    *,
    default_timezone: str = "UTC",
    display_name: str | None = None,
    data: bytes | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Read one data file. Returns its valid events (in file order) and its problems.

    ``display_name`` names the file in problems and ``Event.source`` (default: ``path``
    as given). ``data``: the file's bytes, when the caller has read them (to know exactly
    what was loaded); else the file is read. An unknown ``default_timezone`` is a
    programming error (``ValueError``).
    """
    if not valid_timezone(default_timezone):
        raise ValueError(f"unknown default time zone {default_timezone!r}")
    source = display_name if display_name is not None else os.fspath(path)
    with _gc_paused():
        return _load(Path(path), source, default_timezone, data)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while one file is read.

    Reading allocates hundreds of thousands of long-lived objects (YAML nodes and marks,
    dicts, events) and none of them needs the collector; it would traverse them again
    and again: a 10,000-event YAML file composed 5-8 times slower with it running.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(
    path: Path, source: str, default_timezone: str, data: bytes | None = None
) -> tuple[list[Event], list[Problem]]:
    def check(item: Item) -> tuple[Event | None, tuple[Problem, ...]]:
        found: list[Problem] = []
        return _validate(item, source, default_timezone, found), tuple(found)

    # each entry validated as soon as it is read: its fields and their lines go then
    document = _read(path, data, check)
    events: list[Event] = []
    problems = [
        Problem(source, line, name, msg, fatal=fatal)
        for line, name, msg, fatal in document.problems
    ]
    for event, found in cast("list[tuple[Event | None, tuple[Problem, ...]]]", document.checked):
        problems.extend(found)
        if event is not None:
            events.append(event)
    problems.sort(key=_problem_order)
    return events, problems


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.source, problem.line or 0)


def _read(
    path: Path, data: bytes | None = None, check: Callable[[Item], object] | None = None
) -> Document:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(FORMATS)
        return Document().problem(None, f"unknown data file type {path.suffix!r} (use {known})")
    limit = MAX_FILE_BYTES if kind == "yaml" else MAX_DECODED_FILE_BYTES
    try:
        if data is None:
            data = read_bounded(path, limit)
        elif len(data) > limit:
            data = None
    except FileNotFoundError:
        return Document().problem(None, "data file not found")
    except OSError as exc:
        return Document().problem(None, f"cannot read the data file: {exc.strerror or exc}")
    if data is None:
        return Document().problem(
            None,
            f"the file is larger than {limit // 2**20} MiB, the limit of one {kind.upper()} "
            "data file; "
            "split its events into several files (iassist_events takes a list)",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Document().problem(
            line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)"
        )
    if not text.strip():
        return Document().problem(1, f"the file is empty; it must hold {TOP_LEVEL}")
    reader = {"yaml": read_yaml, "toml": read_toml, "json": read_json}[kind]
    return reader(text, check)


def _validate(
    item: Item, source: str, default_timezone: str, problems: list[Problem]
) -> Event | None:
    raw = item.fields
    event_id = raw.get("id") if raw is not None else None
    # as written (even if it is no valid id), when it is short and harmless to print
    shown_id = (
        event_id
        if isinstance(event_id, str)
        and len(event_id) <= 2 * MAX_ID_CHARS
        and event_id.isprintable()
        else None
    )
    for line, name, message, fatal in item.problems:
        problems.append(Problem(source, line, name, message, shown_id, fatal))
    if raw is None:
        return None
    event, found = build_event(
        raw,
        default_timezone=default_timezone,
        source=source,
        line=item.line,
        field_lines=item.field_lines,
    )
    for fp in found:
        if fp.field in item.failed:
            continue  # "required field missing": its value could not be read, said already
        line = fp.line or (item.field_lines.get(fp.field, item.line) if fp.field else item.line)
        problems.append(Problem(source, line, fp.field, fp.message, shown_id, fp.fatal))
    if any(fatal for _, _, _, fatal in item.problems):
        return None
    return event


def load_catalog(
    paths: Sequence[str | os.PathLike[str]],
    *,
    default_timezone: str = "UTC",
    base: str | os.PathLike[str] | None = None,
    contents: Mapping[str, bytes] | None = None,
) -> Catalog:
    """Read several data files into one :class:`Catalog`.

    Relative paths are resolved against ``base`` (default: the working directory);
    problems and events name a file by that joined path. ``contents`` maps resolved
    paths to bytes already read (see :func:`load_file`). Ids must be unique across all
    files: a repeated id is a problem and the later event is left out.
    """
    events: list[Event] = []
    problems: list[Problem] = []
    sources: list[str] = []
    read: set[Path] = set()
    for given in paths:
        path = Path(given)
        if base is not None and not path.is_absolute():
            path = Path(base) / path
        source = os.fspath(path) if base is not None else os.fspath(given)
        resolved = path.resolve()
        if resolved in read:
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    "the data file is listed more than once; read once",
                    fatal=False,
                )
            )
            continue
        read.add(resolved)
        file_events, file_problems = load_file(
            path,
            default_timezone=default_timezone,
            display_name=source,
            data=(contents or {}).get(str(resolved)),
        )
        problems.extend(file_problems)
        if path.is_file():
            sources.append(str(resolved))
        events.extend(file_events)
    events = _first_of_each_id(events, problems)
    problems.sort(key=_problem_order)
    return Catalog(events=tuple(events), problems=tuple(problems), sources=tuple(sources))


def _first_of_each_id(events: list[Event], problems: list[Problem]) -> list[Event]:
    """``events`` with each id once, the first given; each later one is a problem."""
    first: dict[str, Event] = {}
    for event in events:
        earlier = first.setdefault(event.id, event)
        if earlier is event:
            continue
        where = (
            f"line {earlier.line}"
            if earlier.source == event.source
            else f"{earlier.source}:{earlier.line}"
        )
        problems.append(
            Problem(
                event.source,
                event.line_of("id"),
                "id",
                f"duplicate id {event.id!r}: this event is left out (first defined at {where})",
                event.id,
            )
        )
    return list(first.values())
