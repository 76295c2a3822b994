"""The JSON Schema (draft 2020-12) of the event data format, generated from the model.

Field names, the required set, descriptions, enum values, the id pattern and the
location keys all come from :mod:`sphinx_iassist.model`, so the schema cannot drift
from what the loader accepts. Only the JSON types of each field live here, and
:func:`event_schema` refuses to run if the model has a field this module does not
know (a test pins that).

The schema is as strict as ``sphinx-iassist validate --strict``: unknown fields are
errors here (``additionalProperties: false``), so editors flag typos, and so are the
characters the loader removes with a warning. Some checks cannot be written in JSON
Schema at all; ``validate`` remains the reference for those (duplicate ids, ``end``
before ``start``, unknown time zones, impossible calendar dates, ``end`` or
``previous_start`` of another kind than ``start``, wall-clock times that a change of
daylight-saving time skips or repeats, lone surrogates, NaN, numbers too long, the
limits on a whole event or file).
"""

from __future__ import annotations

from typing import Any

from sphinx_iassist.model import (
    DEADLINE_KEYS,
    FIELDS,
    ID_RE,
    LOCATION_KEYS,
    REQUIRED_FIELDS,
    WINDOW_KEYS,
    Kind,
    Mode,
    Status,
)
from sphinx_iassist.readers.limits import MAX_ID_CHARS, MAX_TEXT_CHARS
from sphinx_iassist.readers.recurrence import MAX_EXDATES
from sphinx_iassist.values import NOT_IANA, NOT_IANA_PREFIXES

__all__ = ["SCHEMA_DIALECT", "data_file_schema", "event_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
_OFFSET = r"([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)?"
# what the loader removes from text with a warning (lone surrogates cannot be written in
# a pattern that both Python and ECMA-262 read alike: validate is the reference for those)
_UNSAFE = (
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
# a URL as the loader accepts it (RFC 3986 characters, or non-ASCII as in an IRI)
_URI_CHAR = r"([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}|[^\u0000-\u009f\s])"
_HOST = r"(\[[0-9A-Fa-f:.]+\]|([A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-Fa-f]{2}|[^\u0000-\u009f\s])+)"
_URL = rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST}(:\d*)?([/?]{_URI_CHAR}*)?(#{_URI_CHAR}*)?$"
_ZONE = (
    "^(?!("
    + "|".join([*(f"{name}$" for name in sorted(NOT_IANA)), *NOT_IANA_PREFIXES])
    + r"))[A-Za-z][A-Za-z0-9_+\-/]*$"
)

# Reusable definitions, referenced as {"$ref": "#/$defs/<name>"}.
_DEFS: dict[str, Any] = {
    "text": {
        "description": (
            f"Plain text (numbers are read as text); not empty, at most {MAX_TEXT_CHARS} "
            "characters, no control characters or bidirectional controls."
        ),
        "anyOf": [
            {
                "type": "string",
                "pattern": r"\S",
                "not": {"pattern": _UNSAFE},
                "maxLength": MAX_TEXT_CHARS,
            },
            {"type": "number"},
        ],
    },
    "date": {
        "description": "A date YYYY-MM-DD.",
        "type": "string",
        "pattern": rf"^\s*{_DATE}\s*$",
    },
    "url": {
        "description": "An absolute http(s) URL.",
        "type": "string",
        "pattern": _URL,
        "not": {"pattern": _UNSAFE},
        "maxLength": MAX_TEXT_CHARS,
    },
    "zone": {
        "description": "An IANA time zone name, or AoE (anywhere on earth, UTC-12).",
        "type": "string",
        "pattern": _ZONE,
    },
    "when": {
        "description": "A date YYYY-MM-DD (all-day) or an ISO datetime YYYY-MM-DDTHH:MM[:SS][offset].",
        "type": "string",
        "pattern": rf"^\s*{_DATE}([T ]{_TIME}{_OFFSET})?\s*$",
    },
}


def _enum(values: type[Kind] | type[Mode] | type[Status]) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in values]}


def _field_types() -> dict[str, dict[str, Any]]:
    """The JSON type of each model field (descriptions are added from ``FIELDS``)."""
    text = {"$ref": "#/$defs/text"}
    when = {"$ref": "#/$defs/when"}
    url = {"$ref": "#/$defs/url"}
    zone = {"$ref": "#/$defs/zone"}
    return {
        "id": {"type": "string", "pattern": ID_RE.pattern, "maxLength": MAX_ID_CHARS},
        "title": text,
        "start": when,
        "end": when,
        "timezone": {"$ref": "#/$defs/zone"},
        "series": text,
        "kind": _enum(Kind),
        "mode": _enum(Mode),
        "status": _enum(Status),
        "location": {
            "anyOf": [
                text,
                {
                    "type": "object",
                    "properties": {
                        key: {"anyOf": [text, {"type": "null"}, {"const": ""}]}
                        for key in LOCATION_KEYS
                    },
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        },
        "url": url,
        "page": {
            "type": "string",
            "pattern": r"^/*[^\s:<>\"'\\/][^\s:<>\"'\\]*$",
            "not": {"pattern": _UNSAFE},
            "maxLength": MAX_TEXT_CHARS,
        },
        "summary": text,
        "tags": {"anyOf": [text, {"type": "array", "items": text}]},
        "previous_start": when,
        "description": {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT_CHARS},
        "organizer": {
            "anyOf": [
                text,
                {
                    "type": "object",
                    "properties": {"name": text, "url": url},
                    "required": ["name"],
                    "additionalProperties": False,
                },
            ]
        },
        "image": {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT_CHARS},
        "online_url": url,
        "recording": url,
        "announced": {"$ref": "#/$defs/date"},
        "registration": _window(WINDOW_KEYS),
        "cfp": _window(tuple(k for k in WINDOW_KEYS if k != "price")),
        "deadlines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    key: {"label": text, "at": when, "url": url, "timezone": zone}[key]
                    for key in DEADLINE_KEYS
                },
                "required": ["label", "at"],
                "additionalProperties": False,
            },
        },
        "rrule": {
            "type": "string",
            "pattern": r"^\s*(RRULE:)?([A-Z]+=[^;\s]+;)*FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;|\s*$)",
            "maxLength": 1000,
        },
        "exdates": {"anyOf": [when, {"type": "array", "items": when, "maxItems": MAX_EXDATES}]},
    }


def _window(keys: tuple[str, ...]) -> dict[str, Any]:
    """A registration or CfP window."""
    types = {
        "url": {"$ref": "#/$defs/url"},
        "opens": {"$ref": "#/$defs/when"},
        "closes": {"$ref": "#/$defs/when"},
        "price": {"$ref": "#/$defs/text"},
        "timezone": {"$ref": "#/$defs/zone"},
    }
    return {
        "type": "object",
        "properties": {key: types[key] for key in keys},
        "required": ["url"],
        "additionalProperties": False,
    }


def event_schema() -> dict[str, Any]:
    """The schema of one event mapping."""
    types = _field_types()
    missing = sorted(set(FIELDS) - set(types))
    if missing:  # a field was added to the model but not here
        raise RuntimeError(f"schema.py has no JSON type for model field(s): {', '.join(missing)}")
    properties: dict[str, Any] = {}
    for name, description in FIELDS.items():
        prop: dict[str, Any] = {"description": description, **types[name]}
        if name not in REQUIRED_FIELDS:
            # The loader treats an explicit null like an absent optional field.
            prop = {"description": description, "anyOf": [types[name], {"type": "null"}]}
        properties[name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": list(REQUIRED_FIELDS),
        "additionalProperties": False,
        # previous_start belongs to a postponed or rescheduled event
        "if": {
            "properties": {"previous_start": {"type": "string"}},
            "required": ["previous_start"],
        },
        "then": {
            "properties": {"status": {"enum": [Status.POSTPONED.value, Status.RESCHEDULED.value]}},
            "required": ["status"],
        },
    }


def data_file_schema() -> dict[str, Any]:
    """The schema of a whole data file: a list of events, or a mapping with ``events:``."""
    events = {"type": "array", "items": {"$ref": "#/$defs/event"}}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "sphinx-iassist event data",
        "description": (
            "Events for the sphinx-iassist Sphinx extension: a list of events, "
            "or a mapping whose 'events' key holds that list."
        ),
        "anyOf": [
            events,
            {
                "type": "object",
                "properties": {"events": events},
                "required": ["events"],
                "additionalProperties": False,
            },
        ],
        "$defs": {**_DEFS, "event": event_schema()},
    }
