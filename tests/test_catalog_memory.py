"""What the catalog keeps of each event, and how compactly: every field's line stays known
(warnings after loading name it), in a layout that events written alike share; what the
environment keeps of each event and page is a digest of fixed size."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from sphinx_iassist import model
from sphinx_iassist.domain import get_domain
from sphinx_iassist.readers.catalog import load_catalog, load_file

ALIKE = """\
events:
  - id: first
    title: First
    start: 2030-05-01
    series: Meetups
  - id: second
    title: Second
    start: 2030-06-01
    series: Meetups
  - id: third
    title: Third
    start: 2030-07-01
    tags: [python]
    series: Meetups
"""


def write(tmp_path: Path, text: str, name: str = "events.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_field_keeps_its_line(tmp_path: Path) -> None:
    events, problems = load_file(write(tmp_path, ALIKE))
    assert problems == []
    first, second, third = events
    assert (first.line, second.line, third.line) == (2, 6, 10)
    assert [first.line_of(n) for n in ("id", "title", "start", "series")] == [2, 3, 4, 5]
    assert [second.line_of(n) for n in ("id", "title", "start", "series")] == [6, 7, 8, 9]
    assert [third.line_of(n) for n in ("tags", "series")] == [13, 14]
    assert third.line_of("summary") == 10  # not given: the event's line
    assert second.field_lines == (("id", 6), ("series", 9), ("start", 8), ("title", 7))


def test_events_written_alike_share_one_layout(tmp_path: Path) -> None:
    first, second, third = load_file(write(tmp_path, ALIKE))[0]
    assert first.field_offsets is second.field_offsets
    assert third.field_offsets != first.field_offsets  # one more field
    names = {name for event in (first, second, third) for name, _ in event.field_offsets}
    assert names == {"id", "title", "start", "series", "tags"}
    for name in names:  # the model's own strings, not one copy per event
        assert any(name is field for field in model.FIELDS)


def test_a_merged_field_keeps_the_line_it_is_written_on(tmp_path: Path) -> None:
    text = (
        "defaults: &defaults\n"
        "  series: Meetups\n"
        "events:\n"
        "  - id: merged\n"
        "    title: Merged\n"
        "    start: 2030-05-01\n"
        "    <<: *defaults\n"
    )
    (event,), problems = load_file(write(tmp_path, text))
    assert [p.fatal for p in problems] == [False]  # the top-level key 'defaults'
    assert event.line == 4 and event.line_of("series") == 2


def test_lines_survive_the_cached_catalog(tmp_path: Path) -> None:
    catalog = load_catalog([write(tmp_path, ALIKE)])
    cached = pickle.loads(pickle.dumps(catalog, pickle.HIGHEST_PROTOCOL))
    assert [e.field_lines for e in cached] == [e.field_lines for e in catalog]
    assert cached.events[0].field_offsets is cached.events[1].field_offsets
    assert cached.events[2].line_of("series") == 14


def test_places_and_tags_many_events_share_are_one_string_each(tmp_path: Path) -> None:
    text = "".join(
        f"- {{id: e{i}, title: E, start: 2030-05-0{i}, tags: [Python, web],"
        " location: {city: Berlin, country: Germany}}\n"
        for i in (1, 2)
    )
    (first, second), problems = load_file(write(tmp_path, text))
    assert problems == []
    assert first.location is not None and second.location is not None
    assert first.location.city == "Berlin" and first.location.city is second.location.city
    assert first.location.country is second.location.country
    assert first.tags == ("python", "web")
    assert all(a is b for a, b in zip(first.tags, second.tags, strict=True))


@pytest.mark.sphinx("html", testroot="options")
def test_the_environment_keeps_a_digest_per_event_and_page(built_clean: Any) -> None:
    data = get_domain(built_clean.env).data
    assert len(data["events"]) > 5
    assert {type(d) for d in data["events"].values()} == {bytes}
    assert {len(d) for d in data["events"].values()} == {16}
    # each page's date-dependent state, however many events its lists show
    assert "index" in data["states"]
    assert {len(state) for state in data["states"].values()} == {16}
