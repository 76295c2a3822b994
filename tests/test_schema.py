"""The JSON Schema: valid draft 2020-12, generated from the model, and agreeing with validate."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sphinx_iassist.model import FIELDS, REQUIRED_FIELDS, Kind, Mode, Status
from sphinx_iassist.readers import schema as schema_module
from sphinx_iassist.readers.catalog import load_catalog
from sphinx_iassist.readers.schema import data_file_schema

DATA = Path(__file__).parent / "data" / "cli"


class _TextDates(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay text."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> Any:
    text = path.read_text()
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix == ".toml":
        return tomllib.loads(text)
    return yaml.load(text, Loader=_TextDates)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = data_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: jsonschema.protocols.Validator, path: Path) -> list[str]:
    return [error.message for error in validator.iter_errors(read(path))]


def bad_indexes(validator: jsonschema.protocols.Validator, document: dict[str, Any]) -> set[int]:
    """Which events of a file the schema rejects (the file's anyOf hides the index)."""
    return {
        number
        for number, event in enumerate(document["events"])
        if any(validator.iter_errors({"events": [event]}))
    }


def validate_fails(path: Path, *, strict: bool = True) -> bool:
    catalog = load_catalog([path])
    return any(p.fatal or strict for p in catalog.problems)


def test_schema_is_generated_from_the_model() -> None:
    schema = data_file_schema()
    event = schema["$defs"]["event"]
    assert set(event["properties"]) == set(FIELDS)
    assert event["required"] == list(REQUIRED_FIELDS)
    assert event["properties"]["id"]["description"] == FIELDS["id"]
    kinds = event["properties"]["kind"]["anyOf"][0]["enum"]
    assert kinds == [k.value for k in Kind]
    assert event["properties"]["mode"]["anyOf"][0]["enum"] == [m.value for m in Mode]
    assert event["properties"]["status"]["anyOf"][0]["enum"] == [s.value for s in Status]


def test_a_new_model_field_without_a_type_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_module, "FIELDS", {**FIELDS, "capacity": "number of seats"})
    with pytest.raises(RuntimeError, match="capacity"):
        data_file_schema()


@pytest.mark.parametrize("name", ["good.yaml", "good.json", "good.toml"])
def test_good_files(validator: jsonschema.protocols.Validator, name: str) -> None:
    assert schema_errors(validator, DATA / name) == []
    assert not validate_fails(DATA / name)


# One event each. The schema and `validate --strict` must agree on every one of them.
GOOD_EVENTS = {
    "minimal": {"id": "a", "title": "A", "start": "2021-05-17"},
    "datetime with offset": {"id": "a", "title": "A", "start": "2021-05-17T10:00:00+02:00"},
    "datetime without seconds": {"id": "a", "title": "A", "start": "2021-05-17T10:00"},
    "utc": {"id": "a", "title": "A", "start": "2021-05-17T10:00Z", "end": "2021-05-17T12:00Z"},
    "number as title": {"id": "a", "title": 2021, "start": "2021-05-17"},
    "one tag as text": {"id": "a", "title": "A", "start": "2021-05-17", "tags": "africa"},
    "location as text": {"id": "a", "title": "A", "start": "2021-05-17", "location": "Online"},
    "location mapping": {
        "id": "a", "title": "A", "start": "2021-05-17", "location": {"city": "Gothenburg"}
    },
    "null optional": {"id": "a", "title": "A", "start": "2021-05-17", "series": None},
    "everything": {
        "id": "iassist-2021", "title": "IASSIST 2021", "start": "2021-05-17",
        "end": "2021-05-20", "timezone": "Europe/Stockholm", "series": "IASSIST 2021",
        "kind": "conference", "mode": "hybrid", "status": "rescheduled",
        "location": {"venue": "Hall", "city": "Gothenburg", "region": "VG", "country": "Sweden"},
        "url": "https://www.iassist2021.org/", "page": "events/iassist-2021",
        "summary": "The annual conference.", "tags": ["europe", "2021"],
        "previous_start": "2021-05-10",
    },
}  # fmt: skip
BAD_EVENTS = {
    "id with capitals": {"id": "Bad-Id", "title": "A", "start": "2021-05-17"},
    "id with spaces": {"id": "a b", "title": "A", "start": "2021-05-17"},
    "no id": {"title": "A", "start": "2021-05-17"},
    "no title": {"id": "a", "start": "2021-05-17"},
    "no start": {"id": "a", "title": "A"},
    "blank title": {"id": "a", "title": "   ", "start": "2021-05-17"},
    "title is a list": {"id": "a", "title": ["A"], "start": "2021-05-17"},
    "start TODO": {"id": "a", "title": "A", "start": "TODO"},
    "start in words": {"id": "a", "title": "A", "start": "17 May 2021"},
    "month 13": {"id": "a", "title": "A", "start": "2021-13-01"},
    "bad end": {"id": "a", "title": "A", "start": "2021-05-17", "end": "soon"},
    "bad kind": {"id": "a", "title": "A", "start": "2021-05-17", "kind": "party"},
    "bad mode": {"id": "a", "title": "A", "start": "2021-05-17", "mode": "remote"},
    "bad status": {"id": "a", "title": "A", "start": "2021-05-17", "status": "maybe"},
    "javascript url": {"id": "a", "title": "A", "start": "2021-05-17", "url": "javascript:alert(1)"},
    "relative url": {"id": "a", "title": "A", "start": "2021-05-17", "url": "/events/a"},
    "page with space": {"id": "a", "title": "A", "start": "2021-05-17", "page": "my page"},
    "location key": {"id": "a", "title": "A", "start": "2021-05-17", "location": {"town": "X"}},
    "location empty": {"id": "a", "title": "A", "start": "2021-05-17", "location": {}},
    "tags mapping": {"id": "a", "title": "A", "start": "2021-05-17", "tags": {"a": 1}},
    "unknown field": {"id": "a", "title": "A", "start": "2021-05-17", "sumary": "typo"},
    "event not a mapping": "just text",
    "id too long": {"id": "a" * 101, "title": "A", "start": "2021-05-17"},
    "title too long": {"id": "a", "title": "A" * 10_001, "start": "2021-05-17"},
    "escape in title": {"id": "a", "title": "A\x1b[31m", "start": "2021-05-17"},
    "bidi override in a tag": {"id": "a", "title": "A", "start": "2021-05-17", "tags": ["a\u202e"]},
    "week date": {"id": "a", "title": "A", "start": "2021-W20-1"},
    "basic date": {"id": "a", "title": "A", "start": "20210517"},
    "hour without minutes": {"id": "a", "title": "A", "start": "2021-05-17T10"},
    "url with a space": {"id": "a", "title": "A", "start": "2021-05-17", "url": "https://a.org/a b"},
    "url with <": {"id": "a", "title": "A", "start": "2021-05-17", "url": "https://a.org/<b>"},
    "url with a bad %": {"id": "a", "title": "A", "start": "2021-05-17", "url": "https://a.org/%zz"},
    "url with two #": {"id": "a", "title": "A", "start": "2021-05-17", "url": "https://a.org/#a#b"},
    "zone localtime": {"id": "a", "title": "A", "start": "2021-05-17", "timezone": "localtime"},
    "zone posix/": {"id": "a", "title": "A", "start": "2021-05-17", "timezone": "posix/Europe/Oslo"},
    "previous_start when scheduled": {
        "id": "a", "title": "A", "start": "2021-05-17", "previous_start": "2021-05-10"
    },
}  # fmt: skip

# Defects JSON Schema cannot express; `validate` is the reference for these. Each entry
# is checked: the schema accepts the file, validate rejects it.
INEXPRESSIBLE = {
    "duplicate ids": [
        {"id": "a", "title": "A", "start": "2021-05-17"},
        {"id": "a", "title": "B", "start": "2021-05-18"},
    ],
    "end before start": [{"id": "a", "title": "A", "start": "2021-05-20", "end": "2021-05-17"}],
    "end of another kind than start": [
        {"id": "a", "title": "A", "start": "2021-05-17", "end": "2021-05-18T10:00"}
    ],
    "unknown time zone": [
        {"id": "a", "title": "A", "start": "2021-05-17T10:00", "timezone": "Mars/Olympus"}
    ],
    "impossible calendar date": [{"id": "a", "title": "A", "start": "2021-02-30"}],
    "zone in the wrong case": [
        {"id": "a", "title": "A", "start": "2021-05-17", "timezone": "europe/stockholm"}
    ],
    "time the clocks skip": [
        {"id": "a", "title": "A", "start": "2021-03-28T02:30", "timezone": "Europe/Stockholm"}
    ],
    "time that happens twice": [
        {"id": "a", "title": "A", "start": "2021-10-31T02:30", "timezone": "Europe/Stockholm"}
    ],
    "NaN as title": [{"id": "a", "title": float("nan"), "start": "2021-05-17"}],
    "a number of 101 digits as title": [{"id": "a", "title": 10**100, "start": "2021-05-17"}],
}
# The same, for problems that keep the event (a warning: only --strict fails).
INEXPRESSIBLE_WARNINGS = {
    "previous_start of another kind": [
        {
            "id": "a",
            "title": "A",
            "start": "2021-05-17",
            "status": "postponed",
            "previous_start": "2021-05-10T10:00",
        }
    ],
    "lone surrogate in a title": [{"id": "a", "title": "A\ud800", "start": "2021-05-17"}],
}
# Where the schema is stricter than validate (it lists the canonical spelling for
# completion): validate accepts these, the schema does not.
SCHEMA_STRICTER = {
    "kind in capitals": [{"id": "a", "title": "A", "start": "2021-05-17", "kind": "Workshop"}],
}


def write_events(tmp_path: Path, events: object) -> Path:
    path = tmp_path / "events.json"  # JSON: the same text for the schema and the loader
    path.write_text(json.dumps({"events": events}))
    return path


@pytest.mark.parametrize("case", GOOD_EVENTS)
def test_good_events_agree(
    tmp_path: Path, validator: jsonschema.protocols.Validator, case: str
) -> None:
    path = write_events(tmp_path, [GOOD_EVENTS[case]])
    assert schema_errors(validator, path) == []
    assert not validate_fails(path)


@pytest.mark.parametrize("case", BAD_EVENTS)
def test_bad_events_agree(
    tmp_path: Path, validator: jsonschema.protocols.Validator, case: str
) -> None:
    path = write_events(tmp_path, [BAD_EVENTS[case]])
    assert schema_errors(validator, path), "the schema accepts it"
    assert validate_fails(path), "validate --strict accepts it"


def test_bad_file_agrees_on_which_events_are_bad(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    """A file mixing good and bad events: the same events are flagged by both."""
    events = [*GOOD_EVENTS.values(), *BAD_EVENTS.values()]
    events = [
        {**event, "id": f"e{number}"}
        if isinstance(event, dict) and event.get("id") == "a"
        else event
        for number, event in enumerate(events)
    ]
    path = write_events(tmp_path, events)
    flagged_by_schema = bad_indexes(validator, read(path))
    catalog = load_catalog([path])
    kept = {event.id for event in catalog.events}
    # strict: an unknown field counts as bad
    warned = {p.event_id for p in catalog.problems if not p.fatal}
    flagged_by_validate = {
        number
        for number, event in enumerate(events)
        if not isinstance(event, dict) or event.get("id") not in kept or event.get("id") in warned
    }
    assert flagged_by_schema == flagged_by_validate
    assert flagged_by_schema == set(range(len(GOOD_EVENTS), len(events)))


@pytest.mark.parametrize("case", INEXPRESSIBLE)
def test_inexpressible_defects(
    tmp_path: Path, validator: jsonschema.protocols.Validator, case: str
) -> None:
    path = write_events(tmp_path, INEXPRESSIBLE[case])
    assert schema_errors(validator, path) == []
    assert validate_fails(path, strict=False)


@pytest.mark.parametrize("case", INEXPRESSIBLE_WARNINGS)
def test_inexpressible_warnings(
    tmp_path: Path, validator: jsonschema.protocols.Validator, case: str
) -> None:
    path = write_events(tmp_path, INEXPRESSIBLE_WARNINGS[case])
    assert schema_errors(validator, path) == []
    assert not validate_fails(path, strict=False)
    assert validate_fails(path)


@pytest.mark.parametrize("case", SCHEMA_STRICTER)
def test_schema_stricter(
    tmp_path: Path, validator: jsonschema.protocols.Validator, case: str
) -> None:
    path = write_events(tmp_path, SCHEMA_STRICTER[case])
    assert schema_errors(validator, path)
    assert not validate_fails(path)


def test_bad_cli_fixture(validator: jsonschema.protocols.Validator) -> None:
    """The validate fixture: the schema flags every event validate leaves out, bar the
    duplicate id (INEXPRESSIBLE), and the end-before-start and unknown-zone ones."""
    document = read(DATA / "bad.yaml")
    flagged = bad_indexes(validator, document)
    ids = [event.get("id") for event in document["events"]]
    assert {ids[n] for n in flagged} == {"Bad Id", "no-title", "bad-url", "bad-kind"}


@pytest.mark.parametrize(
    "top", [{"events": "none"}, {"event": []}, {"events": [], "extra": 1}, "text", 3]
)
def test_bad_top_level(
    tmp_path: Path, validator: jsonschema.protocols.Validator, top: object
) -> None:
    path = tmp_path / "top.json"
    path.write_text(json.dumps(top))
    assert schema_errors(validator, path)
    assert validate_fails(path)
