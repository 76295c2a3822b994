"""Data files (YAML, TOML, JSON) to :class:`~sphinx_iassist.model.Event` objects.

Every defect in a file becomes a :class:`Problem` with the file, the line and the field;
nothing in a file's content makes the loader raise. Values are validated by
:func:`sphinx_iassist.model.build_event`; this module only reads and locates.

How lines are found, per format:

YAML
    PyYAML *composes* the document (the C ``CSafeLoader`` when libyaml is present), so
    every node carries its position, then each field value is *constructed* on its own.
    A value PyYAML cannot construct (``2030-13-45``, an unknown or ``!!python/...`` tag,
    a recursive alias) costs only its event, reported on that field's line. Merge keys
    (``<<: *defaults``) are honoured; a merged field's line is where its value is written.
    Aliases share nodes, so an "alias bomb" is never expanded (messages show bad values
    bounded). libyaml limits nesting to 1,000 levels; deeper files are a syntax problem.
TOML
    :mod:`tomllib` reads the values; it keeps no positions, so the source is scanned
    for them, only after :mod:`tomllib` accepted it: ``[[events]]`` headers start
    events, ``key =`` lines within each start fields, ``[events.location]`` sub-table
    headers locate their field, and for ``events = [{...}, ...]`` each inline table
    starts where its ``{`` is and its keys where they are written. When every
    statement is on one line (no multi-line strings or arrays, the usual file), one
    regex pass over the text finds headers and keys; otherwise a line scanner that
    tracks strings, comments and brackets does (so text inside a multi-line string or
    array is never taken for a key). A syntax error's line comes from the
    ``TOMLDecodeError`` message ("(at line 3, column 5)").
JSON
    :mod:`json` decodes the file (``JSONDecodeError`` has ``lineno``); the values come
    from that. Positions come from a walk of the (now known valid) text over the top
    two levels: a regex steps over each ``"key": value`` of an event when the value is
    a string or literal, and the same decoder's ``JSONDecoder.raw_decode(text, idx)``
    steps over arrays and objects, so nested values are never parsed by hand. The
    walk also finds duplicate field names, which :mod:`json` silently collapses.

A field given twice in one event (YAML, JSON) is a problem that leaves the event out,
like any other ambiguity; TOML rejects it as a syntax error itself.

Speed: CPython's cyclic garbage collector is paused while one file is read (it would
otherwise traverse the hundreds of thousands of fresh, acyclic objects again and again);
10,000 events load in well under a second in each format.
"""

from __future__ import annotations

import gc
import json
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_iassist.model import FIELDS, Event, build_event, valid_timezone

__all__ = ["Catalog", "Problem", "load_catalog", "load_file"]

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_LEVEL = "a list of events or a mapping with the key 'events'"


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


# --------------------------------------------------------------------------- common


@dataclass(slots=True)
class _Item:
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
class _Document:
    items: list[_Item] = field(default_factory=list)
    problems: list[tuple[int | None, str | None, str, bool]] = field(default_factory=list)

    def problem(
        self, line: int | None, message: str, *, name: str | None = None, fatal: bool = True
    ) -> _Document:
        self.problems.append((line, name, message, fatal))
        return self


def _unknown_top_key(key: object) -> str:
    return f"unknown top-level key {str(key)[:60]!r} is ignored (only 'events' is read)"


def _not_a_list(what: str) -> str:
    return f"'events' must be a list of events, not {what}"


def _not_top(what: str) -> str:
    return f"the file must hold {_TOP_LEVEL}, not {what}"


def _missing_events() -> str:
    return f"the file must hold {_TOP_LEVEL}; the mapping has no 'events' key"


def _not_a_mapping(number: int, what: str) -> str:
    return f"event {number} must be a mapping of fields, not {what}"


def _twice(name: str, first: int) -> str:
    return f"field {name[:60]!r} is given twice (first on line {first}); the event is left out"


def _describe(value: object) -> str:
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


class _LineCounter:
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


def load_file(
    path: str | os.PathLike[str],
    *,
    default_timezone: str = "UTC",
    display_name: str | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Read one data file. Returns its valid events (in file order) and its problems.

    ``display_name`` names the file in problems and ``Event.source`` (default: ``path``
    as given). An unknown ``default_timezone`` is a programming error (``ValueError``).
    """
    if not valid_timezone(default_timezone):
        raise ValueError(f"unknown default time zone {default_timezone!r}")
    source = display_name if display_name is not None else os.fspath(path)
    with _gc_paused():
        return _load(Path(path), source, default_timezone)


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


def _load(path: Path, source: str, default_timezone: str) -> tuple[list[Event], list[Problem]]:
    document = _read(path)
    events: list[Event] = []
    problems = [
        Problem(source, line, name, msg, fatal=fatal)
        for line, name, msg, fatal in document.problems
    ]
    for item in document.items:
        event = _validate(item, source, default_timezone, problems)
        if event is not None:
            events.append(event)
    problems.sort(key=_problem_order)
    return events, problems


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.source, problem.line or 0)


def _read(path: Path) -> _Document:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(FORMATS)
        return _Document().problem(None, f"unknown data file type {path.suffix!r} (use {known})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _Document().problem(None, "data file not found")
    except OSError as exc:
        return _Document().problem(None, f"cannot read the data file: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _Document().problem(
            line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)"
        )
    if not text.strip():
        return _Document().problem(1, f"the file is empty; it must hold {_TOP_LEVEL}")
    reader = {"yaml": _read_yaml, "toml": _read_toml, "json": _read_json}[kind]
    return reader(text)


def _validate(
    item: _Item, source: str, default_timezone: str, problems: list[Problem]
) -> Event | None:
    raw = item.fields
    event_id = raw.get("id") if raw is not None else None
    shown_id = event_id if isinstance(event_id, str) and len(event_id) <= 200 else None
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
        line = item.field_lines.get(fp.field, item.line) if fp.field else item.line
        problems.append(Problem(source, line, fp.field, fp.message, shown_id, fp.fatal))
    if any(fatal for _, _, _, fatal in item.problems):
        return None
    return event


# --------------------------------------------------------------------------- YAML

_YAML_NULL = "tag:yaml.org,2002:null"
_YAML_STR = "tag:yaml.org,2002:str"
_YAML_MERGE = "tag:yaml.org,2002:merge"
_YAML_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "binary data",
}
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def _yaml_line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _yaml_what(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if node.tag == _YAML_NULL:
        return "nothing (null)"
    if node.tag == _YAML_STR:
        return "text"
    return _YAML_KINDS.get(node.tag, f"a value tagged {node.tag[:60]!r}")


def _yaml_error(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    if problem:
        context = getattr(exc, "context", None)
        return f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if isinstance(exc, yaml.reader.ReaderError):
        return f"YAML syntax error: {exc.reason} (character {exc.character!r})"
    return f"YAML syntax error: {exc}"


def _yaml_error_line(exc: BaseException, text: str) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1
    return 1


class _YamlReader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def value(self, node: Node) -> Any:
        if node.tag == _YAML_STR and isinstance(node, ScalarNode):
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except BaseException:
            # a failed construction leaves its path marked "in progress"
            self.loader.recursive_objects.clear()
            raise

    def pairs(
        self,
        node: MappingNode,
        seen: frozenset[int] = frozenset(),
        keys: list[tuple[Node, Node]] | None = None,
    ) -> Iterator[tuple[Node, Node | None, str | None, bool]]:
        """(key, value, None, merged) for each pair: the explicit ones first, then those
        merged in by ``<<`` (in merge order); (key, None, message, True) for a merge that
        cannot be done."""
        merged = bool(seen)
        seen = seen | {id(node)}
        merges: list[tuple[Node, Node]] = []
        for key, value in node.value if keys is None else keys:
            if key.tag == _YAML_MERGE:
                merges.append((key, value))
            else:
                yield key, value, None, merged
        for key, value in merges:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in sources:
                if not isinstance(source, MappingNode):
                    yield key, None, "'<<' must merge a mapping or a list of mappings", True
                elif id(source) in seen:
                    yield key, None, "'<<' merges a mapping into itself", True
                else:
                    yield from self.pairs(source, seen)

    def item(self, node: Node) -> _Item:
        if not isinstance(node, MappingNode):
            return _Item(_yaml_line(node), None, what=_yaml_what(node))
        item = _Item(_yaml_line(node), {})
        fields, lines = item.fields, item.field_lines
        assert fields is not None
        # the usual event: text keys, plain text values, no merges; the rest below
        rest = []
        for key_node, value_node in node.value:
            if (
                key_node.tag == _YAML_STR
                and value_node.tag == _YAML_STR
                and key_node.value not in lines
                and isinstance(value_node, ScalarNode)
            ):
                lines[key_node.value] = key_node.start_mark.line + 1
                fields[key_node.value] = value_node.value
            else:
                rest.append((key_node, value_node))
        if not rest:
            return item
        try:
            pairs = list(self.pairs(node, keys=rest))
        except RecursionError:
            item.problem(item.line, None, "'<<' merges are nested too deeply")
            # read the explicit fields; what the merge would have given is not "missing"
            pairs = [(k, v, None, False) for k, v in rest if k.tag != _YAML_MERGE]
            item.failed.update(set(FIELDS) - lines.keys() - {k.value for k, _ in rest})
        for key_node, value_node, trouble, merged in pairs:
            line = _yaml_line(key_node)
            if trouble is not None:
                item.problem(line, None, trouble)
                continue
            assert value_node is not None
            if not isinstance(key_node, ScalarNode):
                item.problem(
                    line,
                    None,
                    f"a field name must be text, not {_yaml_what(key_node)}; ignored",
                    fatal=False,
                )
                continue
            try:
                key = self.value(key_node)
            except _YAML_ERRORS as exc:
                item.problem(
                    line, None, f"a field name cannot be read: {_short(exc)}; ignored", fatal=False
                )
                continue
            name = key if isinstance(key, str) else str(key)
            if name in lines:
                if not merged:  # a merged value never overrides an explicit or earlier one
                    first, second = sorted((lines[name], line))
                    item.problem(second, name, _twice(name, first))
                continue
            lines[name] = line
            try:
                fields[name] = self.value(value_node)
            except _YAML_ERRORS as exc:
                item.failed.add(name)
                written = (
                    f" ({value_node.value[:60]!r})" if isinstance(value_node, ScalarNode) else ""
                )
                item.problem(
                    _yaml_line(value_node),
                    name,
                    f"{name[:60]!r} cannot be read{written}: {_short(exc)}",
                )
        return item


def _short(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return str(exc.problem or exc.context or "invalid value")
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:200] or type(exc).__name__


def _read_yaml(text: str) -> _Document:
    document = _Document()
    loader = _YamlLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except (yaml.YAMLError, RecursionError) as exc:
            message = _yaml_error(exc) if isinstance(exc, yaml.YAMLError) else "nested too deeply"
            return document.problem(_yaml_error_line(exc, text), message)
        if root is None:
            return document.problem(1, f"the file holds no data; it must hold {_TOP_LEVEL}")
        reader = _YamlReader(loader)
        entries: list[Node]
        if isinstance(root, SequenceNode):
            entries = root.value
        elif isinstance(root, MappingNode):
            events_node: Node | None = None
            for key_node, value_node in root.value:
                key: Any = key_node.value if isinstance(key_node, ScalarNode) else None
                if key == "events" and key_node.tag == _YAML_STR:
                    if events_node is not None:
                        document.problem(_yaml_line(key_node), "'events' is given twice")
                    events_node = value_node
                else:
                    document.problem(
                        _yaml_line(key_node),
                        _unknown_top_key(key if key is not None else "…"),
                        fatal=False,
                    )
            if events_node is None:
                return document.problem(_yaml_line(root), _missing_events())
            if not isinstance(events_node, SequenceNode):
                return document.problem(
                    _yaml_line(events_node), _not_a_list(_yaml_what(events_node))
                )
            entries = events_node.value
        else:
            return document.problem(_yaml_line(root), _not_top(_yaml_what(root)))
        for number, entry in enumerate(entries, 1):
            item = reader.item(entry)
            if item.fields is None:
                item.problem(item.line, None, _not_a_mapping(number, item.what))
            document.items.append(item)
        return document
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- JSON

_JSON = json.JSONDecoder()
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
# One member of an object: the key, ":" and, when the value is a string or a literal
# (the usual case), the value and the "," or "}" after it; else the match ends where
# the value starts and the decoder steps over the value.
_JSON_MEMBER = re.compile(
    rf"({_JSON_STRING})[ \t\n\r]*:[ \t\n\r]*"
    rf"(?:(?P<value>{_JSON_STRING}|[-+.0-9A-Za-z]+)[ \t\n\r]*(?P<sep>[,}}])[ \t\n\r]*)?"
)
_JSON_AFTER = re.compile(r"[ \t\n\r]*([,}\]])[ \t\n\r]*")


def _read_json(text: str) -> _Document:
    document = _Document()
    try:
        data = _JSON.decode(text)
    except json.JSONDecodeError as exc:
        return document.problem(exc.lineno, f"JSON syntax error: {exc.msg}")
    except RecursionError:
        return document.problem(1, "JSON nested too deeply")
    except ValueError as exc:  # e.g. an integer beyond Python's int/str digit limit
        return document.problem(1, f"JSON value cannot be read: {str(exc)[:200]}")
    line_at = _LineCounter(text)
    start = _JSON_WS.match(text).end()  # type: ignore[union-attr]  # always matches
    if isinstance(data, list):
        array, entries = start, data
    elif isinstance(data, dict):
        array = -1
        for key, key_pos, value_pos in _json_keys(text, start)[0]:
            if key == "events":
                array = value_pos
            else:
                document.problem(line_at(key_pos), _unknown_top_key(key), fatal=False)
        if "events" not in data:
            return document.problem(line_at(start), _missing_events())
        entries = data["events"]
        if not isinstance(entries, list):
            return document.problem(line_at(array), _not_a_list(_describe(entries)))
    else:
        return document.problem(line_at(start), _not_top(_describe(data)))

    for number, (entry, (pos, keys)) in enumerate(
        zip(entries, _json_array(text, array), strict=True), 1
    ):
        if keys is None:
            item = _Item(line_at(pos), None, what=_describe(entry))
            item.problem(item.line, None, _not_a_mapping(number, item.what))
        else:
            item = _Item(line_at(pos), entry)
            lines = item.field_lines
            for key, key_pos, _ in keys:
                line = line_at(key_pos)
                if key in lines:
                    item.problem(line, key, _twice(key, lines[key]))
                else:
                    lines[key] = line
        document.items.append(item)
    return document


_JsonKeys = list[tuple[str, int, int]]


def _json_array(text: str, pos: int) -> Iterator[tuple[int, _JsonKeys | None]]:
    """For each element of the (valid) JSON array at ``text[pos]``: its offset, and its
    keys if it is an object."""
    after = _JSON_AFTER.match(text, pos + 1)
    if after is not None and after.group(1) == "]":
        return
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    while True:
        if text[pos] == "{":
            keys, end = _json_keys(text, pos)
            yield pos, keys
        else:
            end = _JSON.raw_decode(text, pos)[1]
            yield pos, None
        after = _JSON_AFTER.match(text, end)
        assert after is not None  # the text is valid JSON
        if after.group(1) == "]":
            return
        pos = after.end()


def _json_keys(text: str, pos: int) -> tuple[_JsonKeys, int]:
    """(key, key offset, value offset) of each member of the (valid) JSON object at
    ``text[pos]``, and the offset after the object."""
    keys: _JsonKeys = []
    after = _JSON_AFTER.match(text, pos + 1)
    if after is not None and after.group(1) == "}":
        return keys, after.end()
    pos = _JSON_WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    while True:
        member = _JSON_MEMBER.match(text, pos)
        assert member is not None  # the text is valid JSON
        quoted = member.group(1)
        key = json.loads(quoted) if "\\" in quoted else quoted[1:-1]
        if member.group("sep"):
            keys.append((key, pos, member.start("value")))
            separator, pos = member.group("sep"), member.end()
        else:
            keys.append((key, pos, member.end()))
            after = _JSON_AFTER.match(text, _JSON.raw_decode(text, member.end())[1])
            assert after is not None
            separator, pos = after.group(1), after.end()
        if separator == "}":
            return keys, pos


# --------------------------------------------------------------------------- TOML

_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_TOKEN = re.compile(
    r"""
    (?P<ml>\"\"\"|''')
  | (?P<str>"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*')
  | (?P<comment>\#.*)
  | (?P<key>[A-Za-z0-9_-]+)
  | (?P<punct>[\[\]{},=.])
  | (?P<space>[ \t\r]+)
  | (?P<other>[^\s"'\#\[\]{},=.A-Za-z0-9_-]+)
    """,
    re.VERBOSE,
)
_TOML_ML_END = {
    '"""': re.compile(r'(?:[^\\]|\\.)*?"""(?!")'),
    "'''": re.compile(r".*?'''(?!')"),
}
# the common case, decided per line without tokens: `key = "text"`, `key = 2021-05-17`
_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*')"""
_TOML_SIMPLE = re.compile(
    rf"""[ \t]*({_TOML_KEY})[ \t]*(?:\.[ \t]*{_TOML_KEY}[ \t]*)*=[ \t]*
    (?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"(?!")|'[^'\n]*'(?!')|[^\s"'\#\[\]{{}},=][^"'\#\[\]{{}},=\n]*)
    [ \t\r]*(?:\#.*)?""",
    re.VERBOSE,
)


def _toml_key(token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]
    if token.startswith('"'):
        try:
            return str(json.loads(token))
        except ValueError:
            return token[1:-1]
    return token


@dataclass
class _TomlPositions:
    """Where things are in a TOML file that :mod:`tomllib` accepted."""

    top_keys: dict[str, int] = field(default_factory=dict)
    element_lines: list[int] = field(default_factory=list)
    field_lines: list[dict[str, int]] = field(default_factory=list)


class _TomlScan:
    """Tracks strings, comments and brackets line by line; records keys and event starts."""

    def __init__(self) -> None:
        self.found = _TomlPositions()
        self.in_ml: str | None = None
        self.stack: list[str] = []  # "[", "{", "events" (the events array), "event"
        self.section: str = "root"  # "root" | "event" | "other"
        self.path: list[str] | None = None  # a key being read
        self.want_key = True
        self.want_element = False
        self.opening_events = False  # the next "[" opens the events array
        self.line = 0

    def scan(self, text: str) -> _TomlPositions:
        simple_line = _TOML_SIMPLE.fullmatch
        for self.line, line_text in enumerate(text.split("\n"), 1):
            pos = 0
            if self.in_ml is not None:
                end = _TOML_ML_END[self.in_ml].match(line_text)
                if end is None:
                    continue
                self.in_ml, pos = None, end.end()
            elif not self.stack:
                self.want_key = True
                simple = simple_line(line_text)
                if simple is not None:
                    if self.section == "event":  # the usual line: a field of an event
                        key = simple.group(1)
                        lines = self.found.field_lines[-1]
                        if key not in lines:
                            lines[_toml_key(key) if key[0] in "'\"" else key] = self.line
                    else:
                        self.key_found(_toml_key(simple.group(1)))
                    continue
            self.tokens(line_text, pos)
        return self.found

    def key_found(self, name: str) -> None:
        found = self.found
        top = self.stack[-1] if self.stack else None
        if top == "event" or (top is None and self.section == "event"):
            found.field_lines[-1].setdefault(name, self.line)
        elif top is None and self.section == "root":
            found.top_keys.setdefault(name, self.line)

    def header(self, path: list[str], array: bool) -> None:
        found = self.found
        if path == ["events"] and array:
            found.element_lines.append(self.line)
            found.field_lines.append({})
            self.section = "event"
        elif path[0] == "events" and len(path) > 1 and found.field_lines:
            found.field_lines[-1].setdefault(path[1], self.line)
            self.section = "other"
        else:
            found.top_keys.setdefault(path[0], self.line)
            self.section = "other"

    def tokens(self, text: str, pos: int | None) -> None:
        while pos is not None:  # again after each multi-line string closed on this line
            pos = self.tokens_from(text, pos)

    def tokens_from(self, text: str, pos: int) -> int | None:
        header: list[str] | None = None
        header_array = False
        for match in _TOML_TOKEN.finditer(text, pos):
            kind, token = match.lastgroup, match.group()
            if kind in ("space", "comment"):
                continue
            if header is not None:  # inside [table] or [[array.of.tables]]
                if kind in ("key", "str"):
                    header.append(_toml_key(token))
                elif token == "[" and not header:
                    header_array = True
                elif token == "]":
                    if header:
                        self.header(header, header_array)
                    return None
                continue
            if self.want_element and token != "]":
                self.want_element = False
                self.found.element_lines.append(self.line)
                self.found.field_lines.append({})
                if token == "{":
                    self.stack.append("event")
                    self.want_key = True
                    continue
            if kind == "ml":
                end = _TOML_ML_END[token].match(text, match.end())
                if end is None:
                    self.in_ml = token
                    return None
                return end.end()  # the rest of the line after the string
            if self.want_key:
                if not self.stack and self.path is None and token == "[":
                    header = []
                    continue
                if kind in ("key", "str"):
                    if self.path is None:
                        self.path = [_toml_key(token)]
                    continue
                if token == ".":
                    continue
                if token == "=" and self.path is not None:
                    name, self.path, self.want_key = self.path[0], None, False
                    self.key_found(name)
                    self.opening_events = (
                        not self.stack and self.section == "root" and name == "events"
                    )
                    continue
                self.want_key = False
            if kind != "punct":
                self.opening_events = False
                continue
            if token in "[{":
                if token == "[" and self.opening_events:
                    self.stack.append("events")
                    self.want_element = True
                else:
                    self.stack.append(token)
                    self.want_key = token == "{"
            elif token in "]}":
                if self.stack:
                    self.stack.pop()
            elif token == ",":
                top = self.stack[-1] if self.stack else None
                if top == "events":
                    self.want_element = True
                elif top in ("{", "event"):
                    self.want_key = True
            self.opening_events = False
        return None


# When every statement of a file is on one line (no multi-line strings or arrays, no
# events = [...] form), each line that starts with "[" is a table header and each line
# that starts with a key is a key = value line: one regex over the text finds them all.
_TOML_OPEN_AT_END = re.compile(r"[\[{,][ \t\r]*(?:#[^\n]*)?$", re.MULTILINE)
_TOML_EVENTS_KEY = re.compile(r"""^[ \t]*(?:events|"events"|'events')[ \t]*[.=]""", re.MULTILINE)
_TOML_STATEMENT = re.compile(
    rf"^[ \t]*(?:\[(\[)?[ \t]*({_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*)[ \t]*\]"
    rf"|({_TOML_KEY})[ \t]*[.=])",
    re.MULTILINE,
)
_TOML_KEY_RE = re.compile(_TOML_KEY)


def _toml_one_line_statements(text: str) -> bool:
    return not (
        '"""' in text
        or "'''" in text
        or _TOML_OPEN_AT_END.search(text)
        or _TOML_EVENTS_KEY.search(text)
    )


def _toml_statements(text: str) -> _TomlPositions:
    """Positions for a file of one-line statements (see ``_toml_one_line_statements``)."""
    found = _TomlPositions()
    section, lines = "root", found.top_keys
    line, pos = 1, 0
    for match in _TOML_STATEMENT.finditer(text):
        start = match.start()
        line += text.count("\n", pos, start)
        pos = start
        key = match.group(3)
        if key is not None:
            if section != "other" and key not in lines:
                lines.setdefault(_toml_key(key) if key[0] in "'\"" else key, line)
            continue
        path = [_toml_key(part) for part in _TOML_KEY_RE.findall(match.group(2))]
        if path == ["events"] and match.group(1):
            found.element_lines.append(line)
            lines = {}
            found.field_lines.append(lines)
            section = "event"
        elif path[0] == "events" and len(path) > 1 and found.field_lines:
            found.field_lines[-1].setdefault(path[1], line)
            section = "other"
        else:
            found.top_keys.setdefault(path[0], line)
            section = "other"
    return found


def _read_toml(text: str) -> _Document:
    document = _Document()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        message = _TOML_AT.sub("", str(exc)).strip()
        return document.problem(int(at.group(1)) if at else 1, f"TOML syntax error: {message}")
    except (ValueError, RecursionError) as exc:  # e.g. an int beyond the digit limit
        return document.problem(1, f"TOML value cannot be read: {str(exc)[:200] or 'too deep'}")
    one_line = _toml_one_line_statements(text)
    found = _toml_statements(text) if one_line else _TomlScan().scan(text)
    for key, line in found.top_keys.items():
        if key != "events":
            document.problem(line, _unknown_top_key(key), fatal=False)
    first = min(found.top_keys.values(), default=1)
    if "events" not in data:
        return document.problem(first, _missing_events())
    events = data["events"]
    events_line = found.top_keys.get("events", found.element_lines[0] if found.element_lines else 1)
    if not isinstance(events, list):
        return document.problem(events_line, _not_a_list(_describe(events)))
    located = len(found.element_lines) == len(events)
    for number, raw in enumerate(events, 1):
        line = found.element_lines[number - 1] if located else events_line
        if not isinstance(raw, dict):
            item = _Item(line, None, what=_describe(raw))
            item.problem(line, None, _not_a_mapping(number, item.what))
        else:
            lines = found.field_lines[number - 1] if located else {}
            item = _Item(line, dict(raw), {k: lines.get(k, line) for k in raw})
        document.items.append(item)
    return document


# --------------------------------------------------------------------------- catalogs


def load_catalog(
    paths: Sequence[str | os.PathLike[str]],
    *,
    default_timezone: str = "UTC",
    base: str | os.PathLike[str] | None = None,
) -> Catalog:
    """Read several data files into one :class:`Catalog`.

    Relative paths are resolved against ``base`` (default: the working directory);
    problems and events name a file by that joined path. Ids must be unique across all
    files: a repeated id is a problem and the later event is left out.
    """
    events: list[Event] = []
    problems: list[Problem] = []
    sources: list[str] = []
    first: dict[str, Event] = {}
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
            path, default_timezone=default_timezone, display_name=source
        )
        problems.extend(file_problems)
        if path.is_file():
            sources.append(str(resolved))
        for event in file_events:
            earlier = first.get(event.id)
            if earlier is None:
                first[event.id] = event
                events.append(event)
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
    problems.sort(key=_problem_order)
    return Catalog(events=tuple(events), problems=tuple(problems), sources=tuple(sources))
