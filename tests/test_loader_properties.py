"""Properties of the loader: no file content makes it raise, and every event it returns
satisfies the model's invariants."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_iassist.model import FIELDS, ID_RE
from sphinx_iassist.readers.catalog import load_file
from sphinx_iassist.readers.text import clean_text
from sphinx_iassist.values import is_safe_url

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

YAML_SPECIAL = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "NaN",
        ".inf",
        "0x1F",
        "0o17",
        "1_000",
        "2021-05-17",
        "2021-13-45",
        "2021-05-17 10:00:00",
        "2021-05-17T25:00",
        "12:30:00",
        "&a",
        "*a",
        "!!python/object:os.system",
        "<<",
        "- item",
        "key: value",
        "'",
        '"',
        "#",
        "@",
        "`",
        "%YAML 1.1",
        "---",
        "...",
        "{",
        "[",
        "javascript:alert(1)",
        "https://example.org/x",
        "data:,x",
        "Europe/Stockholm",
        "Mars/Olympus",
        "../etc",
        "\x00",
        "\ufeff",
        "\u202e",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10),
    YAML_SPECIAL,
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(UTC)),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
GOOD = {
    "id": st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    "title": st.text(min_size=1, max_size=30),
    "start": st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    "kind": st.sampled_from(["conference", "workshop", "party"]),
    "url": st.sampled_from(["https://example.org/", "javascript:x", "ftp://a", "/rel"]),
}
FIELD_NAMES = st.sampled_from([*FIELDS, "sumary", "colour", "<<"]) | st.text(max_size=8)


@st.composite
def raw_events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {}
    for name, strategy in GOOD.items():
        if draw(st.booleans()):
            event[name] = draw(strategy)
    for name in draw(st.lists(FIELD_NAMES, max_size=5)):
        event[name] = draw(VALUES)
    return event


DOCUMENTS = st.one_of(
    st.lists(raw_events(), max_size=5),
    st.fixed_dictionaries({"events": st.lists(raw_events(), max_size=5)}),
    st.dictionaries(st.text(max_size=8), VALUES, max_size=3),
    VALUES,
)


# What no text of a loaded event may hold (see readers.text.clean_text).
UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + end) for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF))
    + "]"
)


def event_texts(event: Any) -> list[str]:
    texts = [event.id, event.title, event.timezone, *event.tags]
    texts += [t for t in (event.series, event.summary, event.url, event.page) if t]
    if event.location is not None:
        texts += event.location.parts()
    texts += [name for name, _ in event.field_lines]
    return texts


def check_invariants(events: list[Any]) -> None:
    for event in events:
        for text in event_texts(event):
            assert not UNSAFE.search(text), text
            text.encode("utf-8")  # no lone surrogate: every builder can write it
        assert ID_RE.fullmatch(event.id)
        assert isinstance(event.start, datetime) == isinstance(event.end, datetime)
        assert event.end >= event.start
        assert event.ends_at > event.starts_at or event.ends_at == event.starts_at
        if isinstance(event.start, datetime):
            assert event.start.tzinfo is not None
        if event.url is not None:
            assert is_safe_url(event.url)
            assert event.url.startswith(("http://", "https://", "HTTP", "Http"))
        assert event.title.strip() == event.title and event.title
        assert event.line >= 1


def _plain(value: Any) -> Any:
    """A JSON-able version (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def _load(suffix: str, content: str | bytes) -> list[Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"data{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        events, problems = load_file(path)
    for problem in problems:
        assert problem.message and (problem.line is None or problem.line >= 1)
        str(problem).encode("utf-8")  # a warning that Sphinx can print
    check_invariants(events)
    return events


def _yaml(document: Any) -> str:
    """YAML text (times, which YAML has no type for, as text)."""

    def able(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: able(v) for k, v in value.items()}
        if isinstance(value, list):
            return [able(v) for v in value]
        return value.isoformat() if isinstance(value, time) else value

    return yaml.safe_dump(able(document), allow_unicode=True)


@SETTINGS
@given(DOCUMENTS)
def test_random_yaml_documents(document: Any) -> None:
    _load(".yaml", _yaml(document))


@SETTINGS
@given(DOCUMENTS)
def test_random_json_documents(document: Any) -> None:
    _load(".json", json.dumps(_plain(document), ensure_ascii=False, indent=1))


def _toml_able(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _toml_able(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_able(v) for v in value if v is not None]
    return value


@SETTINGS
@given(DOCUMENTS)
def test_random_toml_documents(document: Any) -> None:
    if isinstance(document, list):
        document = {"events": document}
    if not isinstance(document, dict):
        document = {"events": document}
    try:
        text = tomli_w.dumps(_toml_able(document))
    except (TypeError, ValueError):
        return
    _load(".toml", text)


@SETTINGS
@given(st.lists(raw_events(), min_size=1, max_size=4))
def test_events_with_random_values_in_every_format(events: list[dict[str, Any]]) -> None:
    loaded = _load(".yaml", _yaml({"events": events}))
    _load(".json", json.dumps({"events": _plain(events)}, ensure_ascii=False))
    assert len(loaded) <= len(events)


@SETTINGS
@given(st.binary(max_size=200), st.sampled_from([".yaml", ".yml", ".json", ".toml"]))
def test_random_bytes(content: bytes, suffix: str) -> None:
    _load(suffix, content)


@SETTINGS
@given(
    st.text(
        alphabet=st.sampled_from(list("[]{}:,-'\"#&*!|>%@`\n \t=.ab1\\")) | st.characters(),
        max_size=120,
    ),
    st.sampled_from([".yaml", ".json", ".toml"]),
)
def test_random_text(content: str, suffix: str) -> None:
    _load(suffix, content)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "events:\n",
                "- ",
                "  ",
                "id: a\n",
                "title: T\n",
                "start: 2021-05-17\n",
                "&x ",
                "*x\n",
                "<<: *x\n",
                "? ",
                "[",
                "]",
                "{",
                "}",
                ", ",
                "!!binary ",
                "!!timestamp x\n",
            ]
        ),
        max_size=30,
    )
)
def test_yaml_fragments(parts: list[str]) -> None:
    _load(".yaml", "".join(parts))


def shows_something(text: str) -> bool:
    """Not empty once white space and the characters the loader removes are gone."""
    return bool(clean_text(text)[0].split())


GOOD_EVENTS = st.lists(
    st.fixed_dictionaries(
        {
            "id": GOOD["id"],
            "title": st.text(min_size=1, max_size=30).filter(shows_something),
            "start": GOOD["start"],
        },
        optional={"sumary": VALUES, "tags": st.lists(st.text(min_size=1).filter(shows_something))},
    ),
    max_size=5,
    unique_by=lambda e: e["id"],
)


@SETTINGS
@given(GOOD_EVENTS)
def test_good_events_always_load_alike_from_yaml_json_and_toml(
    events: list[dict[str, Any]],
) -> None:
    from_yaml = _load(".yaml", _yaml({"events": events}))
    from_json = _load(".json", json.dumps({"events": _plain(events)}, ensure_ascii=False))
    from_toml = _load(".toml", tomli_w.dumps({"events": _toml_able(events)}))
    expected = [e["id"] for e in events]
    assert [e.id for e in from_yaml] == [e.id for e in from_json] == expected
    assert [e.id for e in from_toml] == expected
    for a, b, c in zip(from_yaml, from_json, from_toml, strict=True):
        assert (
            (a.title, a.start, a.tags) == (b.title, b.start, b.tags) == (c.title, c.start, c.tags)
        )


@SETTINGS
@given(DOCUMENTS)
def test_toml_positions_fast_path_agrees_with_the_full_scan(document: Any) -> None:
    from sphinx_iassist.readers import toml as loader

    if not isinstance(document, dict):
        document = {"events": document}
    try:
        text = tomli_w.dumps(_toml_able(document))
    except (TypeError, ValueError):
        return
    if loader._toml_one_line_statements(text):
        assert loader._toml_statements(text) == loader._TomlScan().scan(text)


# ------------------------------------------------------------------------- hostile text

HOSTILE_SETTINGS = settings(SETTINGS, max_examples=100)
HOSTILE_CHARACTERS = st.sampled_from(
    [
        *"\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x80\x85\x9b\x9f",
        *"\ud800\udbff\udc00\udfff",
        *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        *"\ufdd0\ufffe\uffff\U0001fffe\U0010ffff",
        *"\u200d\u200e\u200f\ufeff\u2028\t\n",  # harmless: kept (or white space)
    ]
)
HOSTILE_TEXT = st.lists(
    st.one_of(HOSTILE_CHARACTERS, st.text(max_size=4)), min_size=1, max_size=8
).map("".join)


@st.composite
def hostile_events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": draw(GOOD["id"]) + draw(st.sampled_from(["", "\x00", "\u202e", "\ud800"])),
        "title": draw(HOSTILE_TEXT),
        "start": draw(st.sampled_from(["2021-05-17", "2021-05-17T10:00", "2021-W20-1"])),
    }
    for name in draw(st.lists(st.sampled_from(["summary", "series", "tags", "location"]))):
        if name == "tags":
            event[name] = draw(st.lists(HOSTILE_TEXT, max_size=3))
        elif name == "location":
            event[name] = draw(
                st.dictionaries(
                    st.sampled_from(["venue", "city", "country"]), HOSTILE_TEXT, min_size=1
                )
                | HOSTILE_TEXT
            )
        else:
            event[name] = draw(HOSTILE_TEXT)
    for _ in range(draw(st.integers(0, 2))):
        event[draw(HOSTILE_TEXT)] = draw(HOSTILE_TEXT)  # a hostile field name
    if draw(st.booleans()):
        event["url"] = "https://example.org/" + draw(HOSTILE_TEXT)
    return event


@HOSTILE_SETTINGS
@given(st.lists(hostile_events(), max_size=4))
def test_hostile_text_never_reaches_an_event_in_json(events: list[dict[str, Any]]) -> None:
    """JSON escapes carry every code point, lone surrogates included."""
    _load(".json", json.dumps({"events": events}, ensure_ascii=True))


@HOSTILE_SETTINGS
@given(st.lists(hostile_events(), max_size=4))
def test_hostile_text_never_reaches_an_event_in_yaml(events: list[dict[str, Any]]) -> None:
    """YAML's double-quoted escapes too (libyaml refuses surrogate escapes: they are
    removed before it reads the file)."""
    _load(".yaml", yaml.safe_dump({"events": events}, allow_unicode=False))


@HOSTILE_SETTINGS
@given(st.lists(hostile_events(), min_size=1, max_size=4))
def test_hostile_text_costs_no_event(events: list[dict[str, Any]]) -> None:
    """Removing characters is a warning: an event whose only defects are hostile
    characters is kept (here: a good id and start, once the characters are gone)."""
    for event in events:
        event["start"] = "2021-05-17"
        for key in [k for k in event if k not in FIELDS and k.strip()]:
            del event[key]
        for name in ("title", "summary", "series"):  # not empty once the characters are gone
            if name in event:
                event[name] = "x" + event[name]
        if "tags" in event:
            event["tags"] = ["x" + tag for tag in event["tags"]]
        if isinstance(event.get("location"), dict):
            event["location"] = {k: "x" + v for k, v in event["location"].items()}
        elif "location" in event:
            event["location"] = "x" + event["location"]
    unique = {clean_text(e["id"])[0]: e for e in events}
    loaded = _load(".json", json.dumps({"events": list(unique.values())}, ensure_ascii=True))
    expected = [
        i for i, e in unique.items() if "url" not in e or is_safe_url(clean_text(e["url"])[0])
    ]
    assert [e.id for e in loaded] == expected


@SETTINGS
@given(st.text() | HOSTILE_TEXT)
def test_clean_text(text: str) -> None:
    cleaned, removed = clean_text(text)
    assert "\x85" not in cleaned  # next line: a space
    assert not UNSAFE.search(cleaned)
    assert clean_text(cleaned) == (cleaned, ())
    if not removed:  # nothing removed: the same text, or surrogate pairs joined
        joined = text.replace("\x85", " ").encode("utf-16", "surrogatepass").decode("utf-16")
        assert cleaned == joined
    assert all(UNSAFE.fullmatch(c) for c in removed)
    if not UNSAFE.search(text):
        assert cleaned == text.replace("\x85", " ")
