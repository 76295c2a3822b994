"""Harmless text: the characters removed from every text of an event, and how a bad value
is shown in a message. Pure: no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sphinx_iassist.readers.limits import LongNumber

__all__ = ["clean_text", "clean_value", "needs_cleaning", "removed_message", "shown"]


def shown(value: object, limit: int = 60) -> str:
    """A short rendering of a bad value for a message.

    Never the ``repr`` of a container: YAML aliases share nodes, so the repr of an "alias
    bomb" is exponential in the file's size; and ``repr`` of a huge int raises.
    """
    if isinstance(value, str):
        shown = repr(value[:limit])
        return shown if len(value) <= limit else shown + "…"
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**limit else "a very long number"
    if isinstance(value, LongNumber):
        return "a very long number"
    return f"a {type(value).__name__}"


# --- harmless text --------------------------------------------------------------------------

# Characters removed from every text of an event (keys included), each with a warning:
# - control characters (C0 but tab, line feed and carriage return, which are white space;
#   DEL; C1 but next line, U+0085, a line break that becomes a space as YAML reads it):
#   RFC 5545 forbids them in calendars, XML 1.0 in the xml builder's output, HTML makes
#   them parse errors, and they can make a terminal or editor misbehave;
# - lone surrogates (JSON "\ud800"): not characters at all; no UTF-8 file can hold one,
#   so every builder that writes text would fail;
# - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
#   reorder the text after them up to the end of the paragraph, in a title or in the page
#   around it ("Trojan Source"), and calendars and plain text have no way to contain them;
# - noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF): reserved for a program's own use,
#   invalid in XML.
# Other invisible characters are kept: zero-width joiners build emoji and Persian words,
# and left-to-right/right-to-left marks only steer the characters next to them.
_NONCHARACTERS = "".join(
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
)
_UNSAFE_TEXT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + _NONCHARACTERS
    + "]"
)
_SURROGATE_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")


def _kind_of_character(char: str) -> str:
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:
        return "a lone surrogate"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "a bidirectional control"
    if point < 0xA0:
        return "a control character"
    return "a noncharacter"


def _joined_pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the characters that could harm the output (control characters,
    lone surrogates, bidirectional controls, noncharacters), and the characters removed.

    A surrogate pair (what a UTF-16 escape such as YAML's ``"\\ud83d\\ude00"`` gives) is
    joined into the character it encodes first.
    """
    if text.isprintable():  # the usual text (see _needs_cleaning)
        return text, ()
    if "\x85" in text:  # "next line": white space, as YAML already reads it
        text = text.replace("\x85", " ")
    if _UNSAFE_TEXT.search(text) is None:
        return text, ()
    text = _SURROGATE_PAIR.sub(_joined_pair, text)
    removed = tuple(dict.fromkeys(_UNSAFE_TEXT.findall(text)))
    return (_UNSAFE_TEXT.sub("", text), removed) if removed else (text, ())


def removed_message(where: str, removed: tuple[str, ...]) -> str:
    shown = ", ".join(f"U+{ord(c):04X} ({_kind_of_character(c)})" for c in removed[:3])
    more = f" and {len(removed) - 3} more" if len(removed) > 3 else ""
    return f"{where} contains {shown}{more}; removed"


def needs_cleaning(text: str) -> bool:
    # every character removed is a control, format, surrogate or unassigned one, none of
    # which ``isprintable`` passes: the usual text is decided without the regex
    return not text.isprintable() and ("\x85" in text or _UNSAFE_TEXT.search(text) is not None)


def clean_value(value: Any, removed: dict[str, None]) -> Any:
    """``value`` with :func:`clean_text` applied to every text in it, keys included;
    ``removed`` collects what was removed. Only called on values within the limits."""
    if type(value) is str:
        if not needs_cleaning(value):  # the usual text: returned as it is
            return value
        text, found = clean_text(value)
        removed.update(dict.fromkeys(found))
        return text
    if isinstance(value, Mapping):
        return {clean_value(k, removed): clean_value(v, removed) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v, removed) for v in value]
    if isinstance(value, str):  # a subclass of str
        return clean_value(str(value), removed)
    return value
