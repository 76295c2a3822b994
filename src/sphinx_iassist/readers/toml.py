"""Reading TOML data files with their lines (see :mod:`sphinx_iassist.readers.catalog`).

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
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

from sphinx_iassist.readers.document import (
    Document,
    Item,
    describe,
    missing_events,
    not_a_list,
    not_a_mapping,
    too_deep_to_read,
    unknown_top_key,
)

_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_LONG_INT = re.compile(r"(?<![\w.])[+-]?[0-9][0-9_]{4300,}")
# strings and comments (whose brackets do not count), and brackets
_TOML_NESTING = re.compile(
    r'''"""(?:[^\\]|\\.)*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#[^\n]*|[\[\]{}]'''
)
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
        self.header: list[str] | None = None  # inside [table] or [[array.of.tables]]
        self.header_array = False
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

    def table(self, path: list[str], array: bool) -> None:
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
        """Read the tokens of line ``text`` from ``pos``: None when the line is done, else
        where it goes on after a multi-line string that closed on it."""
        self.header, self.header_array = None, False
        for match in _TOML_TOKEN.finditer(text, pos):
            kind, token = match.lastgroup, match.group()
            if kind in ("space", "comment"):
                continue
            if self.header is not None:
                if self.header_token(kind, token):
                    return None  # the header is complete: nothing else on its line
                continue
            if self.want_element and token != "]" and self.element_starts(token):
                continue
            if kind == "ml":
                end = _TOML_ML_END[token].match(text, match.end())
                if end is None:
                    self.in_ml = token
                    return None
                return end.end()  # the rest of the line after the string
            if self.want_key and self.key_token(kind, token):
                continue
            self.value_token(kind, token)
        return None

    def header_token(self, kind: str | None, token: str) -> bool:
        """A token of a table header; True when it closes the header."""
        assert self.header is not None
        if kind in ("key", "str"):
            self.header.append(_toml_key(token))
        elif token == "[" and not self.header:
            self.header_array = True
        elif token == "]":
            if self.header:
                self.table(self.header, self.header_array)
            return True
        return False

    def element_starts(self, token: str) -> bool:
        """The first token of an element of the events array: an event starts here. True
        when the token is the ``{`` of its inline table."""
        self.want_element = False
        self.found.element_lines.append(self.line)
        self.found.field_lines.append({})
        if token == "{":
            self.stack.append("event")
            self.want_key = True
            return True
        return False

    def key_token(self, kind: str | None, token: str) -> bool:
        """Where a key may start: a table header, the parts of a dotted key, its ``=``.
        False (and no key wanted any more) for any other token."""
        if not self.stack and self.path is None and token == "[":
            self.header = []
            return True
        if kind in ("key", "str"):
            if self.path is None:
                self.path = [_toml_key(token)]
            return True
        if token == ".":
            return True
        if token == "=" and self.path is not None:
            name, self.path, self.want_key = self.path[0], None, False
            self.key_found(name)
            self.opening_events = not self.stack and self.section == "root" and name == "events"
            return True
        self.want_key = False
        return False

    def value_token(self, kind: str | None, token: str) -> None:
        """A token of a value: brackets open and close arrays and inline tables; a comma
        starts the next element or key."""
        if kind != "punct":
            self.opening_events = False
            return
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


def read_toml(text: str, check: Callable[[Item], object] | None = None) -> Document:
    """The entries and problems of a TOML file (``check``: see :class:`Document`)."""
    document = Document(check=check)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        message = _TOML_AT.sub("", str(exc)).strip()
        return document.problem(int(at.group(1)) if at else 1, f"TOML syntax error: {message}")
    except RecursionError:
        return document.problem(*too_deep_to_read(text, _TOML_NESTING, "TOML"))
    except ValueError as exc:  # an integer beyond Python's 4,300 digits
        long_number = _TOML_LONG_INT.search(text)
        if long_number is None:
            return document.problem(1, f"TOML value cannot be read: {str(exc)[:200]}")
        return document.problem(
            text.count("\n", 0, long_number.start()) + 1,
            "TOML value cannot be read: a whole number of more than 4,300 digits",
        )
    one_line = _toml_one_line_statements(text)
    found = _toml_statements(text) if one_line else _TomlScan().scan(text)
    for key, line in found.top_keys.items():
        if key != "events":
            document.problem(line, unknown_top_key(key), fatal=False)
    first = min(found.top_keys.values(), default=1)
    if "events" not in data:
        return document.problem(first, missing_events())
    events = data["events"]
    events_line = found.top_keys.get("events", found.element_lines[0] if found.element_lines else 1)
    if not isinstance(events, list):
        return document.problem(events_line, not_a_list(describe(events)))
    located = len(found.element_lines) == len(events)
    for number, raw in enumerate(events, 1):
        line = found.element_lines[number - 1] if located else events_line
        if document.full(line):
            break
        if not isinstance(raw, dict):
            item = Item(line, None, what=describe(raw))
            item.problem(line, None, not_a_mapping(number, item.what))
        else:
            lines = found.field_lines[number - 1] if located else {}
            item = Item(line, dict(raw), {k: lines.get(k, line) for k in raw})
        document.add(item)
    return document
