"""The JSON Schema (draft 2020-12) of the event data format, generated from the model.

Field names, the required set, descriptions, enum values, the id pattern and the
location keys all come from :mod:`sphinx_iassist.model`, so the schema cannot drift
from what the loader accepts. Only the JSON types of each field live here, and
:func:`event_schema` refuses to run if the model has a field this module does not
know (a test pins that).

The schema is as strict as ``sphinx-iassist validate --strict``: unknown fields are
errors here (``additionalProperties: false``), so editors flag typos. Some checks
cannot be written in JSON Schema at all; ``validate`` remains the reference for
those (duplicate ids, ``end`` before ``start``, unknown time zones, impossible
calendar dates, ``end`` of another kind than ``start``).
"""

from __future__ import annotations

from typing import Any

from .model import FIELDS, ID_RE, LOCATION_KEYS, REQUIRED_FIELDS, Kind, Mode, Status

__all__ = ["SCHEMA_DIALECT", "data_file_schema", "event_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?"
_OFFSET = r"(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?"

# Reusable definitions, referenced as {"$ref": "#/$defs/<name>"}.
_DEFS: dict[str, Any] = {
    "text": {
        "description": "Plain text (numbers are read as text); not empty.",
        "anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}],
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
    return {
        "id": {"type": "string", "pattern": ID_RE.pattern},
        "title": text,
        "start": when,
        "end": when,
        "timezone": {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_+\-/]*$"},
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
        "url": {"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+([/?#]\S*)?$"},
        "page": {"type": "string", "pattern": r"^/*[^\s:<>\"'\\/][^\s:<>\"'\\]*$"},
        "summary": text,
        "tags": {"anyOf": [text, {"type": "array", "items": text}]},
        "previous_start": when,
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
