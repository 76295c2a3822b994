"""Benchmark event data: real conferences from confs.tech mapped to the sphinx-iassist schema.

The source is the confs.tech data set (``conferences/<year>/<topic>.json``, fields ``name``,
``url``, ``startDate``, ``endDate``, ``city``, ``country``, ``online``). It is only read.
Records are mapped to our event fields and repeated with numbered suffixes ("… #2") until
the requested count is reached. Without the source directory (a fresh clone elsewhere), a
deterministic synthetic set with the same shape is used instead, and the results say so.
A URL the extension would reject (a few have spaces) is dropped from its event, so that the
benchmark builds are free of warnings.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from sphinx_iassist.values import is_safe_url

#: Where the data set lies when present: ``../shared/data/confs-tech/conferences``, in a
#: folder beside the project's root (resolved from this file, never from the working
#: directory).
DEFAULT_SOURCE = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "confs-tech" / "conferences"
)
FORMATS = ("yaml", "toml", "json")

Event = dict[str, Any]


@dataclass(frozen=True)
class Conference:
    """One record of the source, reduced to what we map."""

    name: str
    url: str | None
    start: date
    end: date
    city: str | None
    country: str | None
    online: bool
    topic: str


def slugify(text: str) -> str:
    """An id slug (``[a-z0-9][a-z0-9-]*``) from any title."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:48].rstrip("-") or "event"


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_confs_tech(source: Path) -> list[Conference]:
    """Every usable record of the source, in a stable order (year, topic, file order)."""
    conferences = []
    for path in sorted(source.glob("*/*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            name = _text(record.get("name"))
            start = _date(record.get("startDate"))
            if name is None or start is None:
                continue
            end = _date(record.get("endDate")) or start
            url = _text(record.get("url"))
            conferences.append(
                Conference(
                    name=name,
                    url=url if url and is_safe_url(url) else None,
                    start=start,
                    end=end if end >= start else start,
                    city=_text(record.get("city")),
                    country=_text(record.get("country")),
                    online=bool(record.get("online")),
                    topic=path.stem,
                )
            )
    return conferences


def synthetic_conferences(count: int = 500) -> list[Conference]:
    """A deterministic stand-in with the source's shape, for machines without the data."""
    topics = ("python", "data", "devops", "ux", "security")
    cities = (("Berlin", "Germany"), ("Lima", "Peru"), ("Osaka", "Japan"), (None, None))
    result = []
    for i in range(count):
        start = date(2015, 1, 5) + timedelta(days=(i * 37) % 3650)
        city, country = cities[i % len(cities)]
        result.append(
            Conference(
                name=f"Synthetic Conference {i}",
                url=f"https://conf{i}.example.org/",
                start=start,
                end=start + timedelta(days=i % 4),
                city=city,
                country=country,
                online=city is None or i % 7 == 0,
                topic=topics[i % len(topics)],
            )
        )
    return result


def _shown(source: Path) -> str:
    """``source`` relative to the project's root when it lies beside it (``../shared/…``),
    so that reports name no path of the machine they ran on."""
    root = Path(__file__).resolve().parent.parent
    try:
        return (
            os.path.relpath(source.resolve(), root)
            if source.resolve().is_relative_to(root.parent)
            else str(source)
        )
    except ValueError:  # another drive
        return str(source)


def load_source(source: Path | None) -> tuple[list[Conference], str]:
    """The conferences and a description of where they came from."""
    source = DEFAULT_SOURCE if source is None else source
    if source.is_dir():
        conferences = read_confs_tech(source)
        if conferences:
            return conferences, f"confs.tech ({len(conferences)} conferences from {_shown(source)})"
    return synthetic_conferences(), "synthetic (confs.tech data not found)"


def mode_of(conference: Conference) -> str:
    if conference.online:
        return "hybrid" if conference.city else "virtual"
    return "in-person"


def to_event(conference: Conference, event_id: str, title: str) -> Event:
    """One event in our schema; dates stay dates (YAML and TOML write them unquoted, as
    authors do; JSON as ISO strings)."""
    event: Event = {
        "id": event_id,
        "title": title,
        "start": conference.start,
    }
    if conference.end != conference.start:
        event["end"] = conference.end
    event["mode"] = mode_of(conference)
    location = {k: v for k, v in (("city", conference.city), ("country", conference.country)) if v}
    if location:
        event["location"] = location
    if conference.url:
        event["url"] = conference.url
    event["tags"] = [conference.topic]
    return event


def make_events(conferences: list[Conference], count: int) -> list[Event]:
    """``count`` events: fewer than the source are picked evenly across it (all years);
    more are the source in order, then repeated with suffixes ``#2``, ``#3``…"""
    if not conferences:
        raise ValueError("no source conferences")
    size = len(conferences)
    seen: set[str] = set()
    events = []
    for i in range(count):
        conference = conferences[i * size // count if count < size else i % size]
        copy = 1 if count < size else i // size + 1
        title = conference.name if copy == 1 else f"{conference.name} #{copy}"
        base = f"{slugify(conference.name)}-{conference.start.year}"
        if copy > 1:
            base = f"{base}-r{copy}"
        event_id, n = base, 1
        while event_id in seen:
            n += 1
            event_id = f"{base}-{n}"
        seen.add(event_id)
        events.append(to_event(conference, event_id, title))
    return events


def with_series(events: list[Event], series: int, name: str = "Set {:02d}") -> list[Event]:
    """Copies of ``events`` dealt round-robin into ``series`` series (each spans all years)."""
    return [{**event, "series": name.format(i % series + 1)} for i, event in enumerate(events)]


# -- writing ----------------------------------------------------------------------------------


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {value!r} as JSON")


def _toml_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")


def _toml_lines(events: list[Event]) -> Iterator[str]:
    for event in events:
        yield "[[events]]"
        for key, value in event.items():
            yield f"{key} = {_toml_value(value)}"
        yield ""


def dumps(events: list[Event], fmt: str) -> str:
    """The data file text: a mapping with key ``events`` in YAML, TOML or JSON."""
    if fmt == "yaml":
        return yaml.safe_dump({"events": events}, sort_keys=False, allow_unicode=True, width=1000)
    if fmt == "toml":
        text = "\n".join(_toml_lines(events))
        # The writer is tiny (strings, lists, inline tables); prove it with the stdlib reader.
        if tomllib.loads(text) != {"events": events}:
            raise AssertionError("TOML writer does not round-trip")
        return text
    if fmt == "json":
        return json.dumps({"events": events}, ensure_ascii=False, indent=1, default=_iso)
    raise ValueError(f"unknown format {fmt!r}")


def write(events: list[Event], path: Path) -> Path:
    """Write ``events`` to ``path`` in the format its suffix names."""
    fmt = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}[path.suffix]
    path.write_text(dumps(events, fmt), encoding="utf-8")
    return path
