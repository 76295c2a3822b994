"""The YAML reader reads a file one entry of its events list at a time: what that keeps
(aliases across entries, merges, located problems, whole-file errors) and what it drops
(each entry's nodes, once read)."""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest

from sphinx_iassist.readers import catalog
from sphinx_iassist.readers import yaml as yaml_reader
from sphinx_iassist.readers.catalog import load_file

EVENT = "title: T, start: 2021-05-17"


def load(tmp_path: Path, text: str) -> tuple[list[str], list[tuple[int | None, str]]]:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    events, problems = load_file(path)
    return [e.id for e in events], [(p.line, p.message) for p in problems]


def test_an_entry_is_dropped_before_the_next_is_composed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    alive: list[weakref.ref[Any]] = []
    most: list[int] = []
    item = yaml_reader._YamlReader.item

    def watched(self: Any, node: Any) -> Any:
        gc.collect()
        most.append(sum(ref() is not None for ref in alive))
        alive.append(weakref.ref(node))
        return item(self, node)

    monkeypatch.setattr(yaml_reader._YamlReader, "item", watched)
    text = "events:\n" + "".join(f"  - {{id: e{i}, {EVENT}, tags: [a, b]}}\n" for i in range(50))
    ids, problems = load(tmp_path, text)
    assert len(ids) == 50 and problems == []
    assert max(most) == 0  # no earlier entry's node is alive when an entry is read


def test_anchors_of_one_entry_serve_the_entries_after_it(tmp_path: Path) -> None:
    text = (
        "defaults: &where {city: Oslo, country: Norway}\n"
        "events:\n"
        f"  - {{id: a, {EVENT}, tags: &tags [x, y], location: *where}}\n"
        f"  - {{id: b, {EVENT}, tags: *tags, <<: {{location: *where}}}}\n"
        f"  - {{id: c, {EVENT}, tags: *tags}}\n"
    )
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    events, problems = load_file(path)
    assert [e.id for e in events] == ["a", "b", "c"]
    assert [e.tags for e in events] == [("x", "y")] * 3
    assert events[1].location is not None and events[1].location.city == "Oslo"
    assert [(p.line, p.fatal) for p in problems] == [(1, False)]  # 'defaults' is unknown


def test_a_syntax_error_after_good_entries_costs_the_file(tmp_path: Path) -> None:
    text = "events:\n" + "".join(f"  - {{id: e{i}, {EVENT}}}\n" for i in range(5)) + "  - [\n"
    ids, problems = load(tmp_path, text)
    assert ids == []
    assert len(problems) == 1 and problems[0][1].startswith("YAML syntax error")


def test_a_second_document_costs_the_file(tmp_path: Path) -> None:
    ids, problems = load(tmp_path, f"- {{id: a, {EVENT}}}\n---\n- {{id: b, {EVENT}}}\n")
    assert ids == []
    assert len(problems) == 1
    assert problems[0][0] == 2 and "another document" in problems[0][1]


def test_events_given_twice_reads_the_last_list(tmp_path: Path) -> None:
    text = f"events:\n  - {{id: a, {EVENT}}}\nevents:\n  - {{id: b, {EVENT}}}\n"
    ids, problems = load(tmp_path, text)
    assert ids == ["b"]
    assert [line for line, _ in problems] == [3]


def test_each_entry_is_validated_before_the_next_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    steps: list[str] = []
    item, build = yaml_reader._YamlReader.item, catalog.build_event

    def read(self: Any, node: Any) -> Any:
        steps.append("read")
        return item(self, node)

    def validate(*args: Any, **kwargs: Any) -> Any:
        steps.append("validate")
        return build(*args, **kwargs)

    monkeypatch.setattr(yaml_reader._YamlReader, "item", read)
    monkeypatch.setattr(catalog, "build_event", validate)
    ids, problems = load(tmp_path, "".join(f"- {{id: e{i}, {EVENT}}}\n" for i in range(4)))
    assert ids == ["e0", "e1", "e2", "e3"] and problems == []
    assert steps == ["read", "validate"] * 4


@pytest.mark.parametrize(
    ("tail", "expected_ids"),
    [
        ("events:\n  - {id: b, title: B, start: 2021-05-18}\n", ["b"]),  # the last list
        ("  - [\n", []),  # a syntax error: the file is lost
    ],
)
def test_entries_read_and_then_dropped_leave_no_problems(
    tmp_path: Path, tail: str, expected_ids: list[str]
) -> None:
    # validated as they were read, then dropped: their problems go with them
    text = "events:\n  - {id: a, title: A}\n  - {id: c, title: C, start: 2021-13-45}\n" + tail
    ids, problems = load(tmp_path, text)
    assert ids == expected_ids
    assert len(problems) == 1
    assert not any("missing" in message or "cannot be read" in message for _, message in problems)


def test_an_alias_to_the_list_being_read_finds_it_empty(tmp_path: Path) -> None:
    # the events list is never one node: an alias to it (or to the root) finds nothing in it
    text = f"events: &all\n  - {{id: a, {EVENT}, tags: *all}}\n  - {{id: b, {EVENT}}}\n"
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    events, problems = load_file(path)
    assert [(e.id, e.tags) for e in events] == [("a", ()), ("b", ())]
    assert problems == []
    ids, problems = load(tmp_path, f"&root\nevents:\n  - {{id: a, {EVENT}, tags: *root}}\n")
    assert ids == [] and [line for line, _ in problems] == [3]  # tags: not a list


def test_deep_nesting_in_an_entry_is_located_and_the_limit_restored(tmp_path: Path) -> None:
    limit = sys.getrecursionlimit()
    deep = "[" * 900 + "]" * 900
    text = f"events:\n  - {{id: d, {EVENT}, tags: {deep}}}\n  - {{id: good, {EVENT}}}\n"
    ids, problems = load(tmp_path, text)
    assert ids == ["good"]
    assert [line for line, _ in problems] == [2]
    assert sys.getrecursionlimit() == limit


def test_a_file_of_comments_holds_no_data(tmp_path: Path) -> None:
    ids, problems = load(tmp_path, "# nothing yet\n")
    assert ids == [] and [line for line, _ in problems] == [1]
