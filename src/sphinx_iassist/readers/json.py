"""Reading JSON data files with their lines (see :mod:`sphinx_iassist.readers.catalog`).

:mod:`json` decodes the file (``JSONDecodeError`` has ``lineno``); the values come
from that. Positions come from a walk of the (now known valid) text over the top
two levels: a regex steps over each ``"key": value`` of an event when the value is
a string or literal, and the same decoder's ``JSONDecoder.raw_decode(text, idx)``
steps over arrays and objects, so nested values are never parsed by hand. The
walk also finds duplicate field names, which :mod:`json` silently collapses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from sphinx_iassist.readers.document import (
    Document,
    Item,
    LineCounter,
    describe,
    given_twice,
    missing_events,
    not_a_list,
    not_a_mapping,
    not_top,
    too_deep_to_read,
)
from sphinx_iassist.readers.limits import MAX_NUMBER_DIGITS, LongNumber


def _json_int(digits: str) -> int | LongNumber:
    """A JSON integer, unless it is longer than any real one (converting a long one costs
    quadratic time, and Python refuses those over 4,300 digits, which would cost the file)."""
    if len(digits) > MAX_NUMBER_DIGITS:
        return LongNumber(len(digits))
    return int(digits)


_JSON = json.JSONDecoder(parse_int=_json_int)
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
_JSON_NESTING = re.compile(rf"{_JSON_STRING}|[\[\]{{}}]")


def read_json(text: str, check: Callable[[Item], object] | None = None) -> Document:
    """The entries and problems of a JSON file (``check``: see :class:`Document`)."""
    document = Document(check=check)
    try:
        data = _JSON.decode(text)
    except json.JSONDecodeError as exc:
        return document.problem(exc.lineno, f"JSON syntax error: {exc.msg}")
    except RecursionError:
        return document.problem(*too_deep_to_read(text, _JSON_NESTING, "JSON"))
    except ValueError as exc:  # none known, since integers are read by _json_int
        return document.problem(1, f"JSON value cannot be read: {str(exc)[:200]}")
    line_at = LineCounter(text)
    start = _JSON_WS.match(text).end()  # type: ignore[union-attr]  # always matches
    if isinstance(data, list):
        array, entries = start, data
    elif isinstance(data, dict):
        members = _json_keys(text, start)[0]
        found = document.events_member((key, line_at(pos), value) for key, pos, value in members)
        if found is None:
            return document.problem(line_at(start), missing_events())
        array = found[1]
        entries = data["events"]
        if not isinstance(entries, list):
            return document.problem(line_at(array), not_a_list(describe(entries)))
    else:
        return document.problem(line_at(start), not_top(describe(data)))

    for number, (entry, (pos, keys)) in enumerate(
        zip(entries, _json_array(text, array), strict=True), 1
    ):
        if document.full(line_at(pos)):
            break
        if keys is None:
            item = Item(line_at(pos), None, what=describe(entry))
            item.problem(item.line, None, not_a_mapping(number, item.what))
        else:
            item = Item(line_at(pos), entry)
            lines = item.field_lines
            for key, key_pos, _ in keys:
                line = line_at(key_pos)
                if key in lines:
                    item.problem(line, key, given_twice(key, lines[key]))
                else:
                    lines[key] = line
        document.add(item)
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
