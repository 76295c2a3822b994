"""The data loader: every problem located (file, line, field), good events kept, three
formats equal. Fixtures: ``tests/data/loader/``."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from sphinx_iassist.model import Event, Location, Mode, Status
from sphinx_iassist.readers.catalog import Catalog, Problem, load_catalog, load_file
from sphinx_iassist.readers.event import build_event

DATA = Path(__file__).parent / "data" / "loader"
#: the confs.tech data set, in ``../shared/`` beside the project's root when present
CONFS_TECH = Path(__file__).resolve().parents[2] / "shared" / "data" / "confs-tech" / "conferences"


def located(problems: list[Problem] | tuple[Problem, ...]) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.field) for p in problems]


def one(problems: list[Problem], line: int | None, field: str | None) -> Problem:
    found = [p for p in problems if p.line == line and p.field == field]
    assert len(found) == 1, (line, field, [str(p) for p in problems])
    return found[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------- every bad case (YAML)

BAD_YAML = [
    # (line, field, message pattern, fatal)
    (6, "id", r"required field 'id' is missing", True),
    (8, "id", r"'id' must be a slug .* not 'Bad_Id'", True),
    (14, "end", r"'end' \(2021-05-17\) is before 'start' \(2021-05-20\)", True),
    (18, "end", r"'end' must be the same kind as 'start'", True),
    (22, "timezone", r"unknown time zone 'Mars/Olympus'", True),
    (26, "url", r"'url' must be an absolute http\(s\) URL, not 'javascript:alert\(1\)'", True),
    (30, "url", r"'url' must be .* not 'data:text/html", True),
    (34, "url", r"'url' must be .* not '/events/x.html'", True),
    (38, "url", r"'url' must be .* not 'ftp://example.org/x'", True),
    (42, "kind", r"'kind' must be one of conference, .* not 'party'", True),
    (46, "mode", r"'mode' must be one of in-person, virtual, hybrid, not 'telepathic'", True),
    (50, "status", r"'status' must be one of .*moved-online, not 'maybe'", True),
    (54, "sumary", r"unknown field 'sumary' is ignored \(did you mean 'summary'\?\)", False),
    (58, "location", r"'location' must be text, not list", True),
    (62, "location", r"'location' has unknown key\(s\) 'planet'", True),
    (66, "tags", r"'tags' must be a list of text", True),
    (70, "page", r"'page' must be a docname", True),
    (73, "start", r"'start' cannot be read \('2030-13-45'\): month must be in 1..12", True),
    (76, "start", r"'start' is not an ISO date or datetime: 'next tuesday'", True),
    (77, "title", r"required field 'title' is missing", True),
    (79, "start", r"required field 'start' is missing", True),
    (84, None, r"event 24 must be a mapping of fields, not text", True),
]


@pytest.fixture(scope="module")
def bad_yaml() -> tuple[list[Event], list[Problem]]:
    return load_file(DATA / "bad.yaml")


@pytest.mark.parametrize(("line", "field", "pattern", "fatal"), BAD_YAML)
def test_each_bad_case_is_one_located_problem(
    bad_yaml: tuple[list[Event], list[Problem]],
    line: int,
    field: str | None,
    pattern: str,
    fatal: bool,
) -> None:
    problem = one(bad_yaml[1], line, field)
    assert problem.fatal is fatal
    assert re.search(pattern, problem.message), problem.message
    assert problem.source == str(DATA / "bad.yaml")
    assert str(problem) == f"{DATA / 'bad.yaml'}:{line}: {problem.message}"


def test_bad_yaml_has_no_other_problems_and_keeps_good_events(
    bad_yaml: tuple[list[Event], list[Problem]],
) -> None:
    events, problems = bad_yaml
    assert located(problems) == [(line, field) for line, field, _, _ in BAD_YAML]
    # an unknown field keeps its event; the within-file duplicate is load_catalog's business
    assert [e.id for e in events] == ["good-first", "unknown-field", "good-first", "good-last"]
    assert [e.line for e in events] == [3, 51, 81, 85]
    assert events[1].line_of("sumary") == 54
    assert events[0].line_of("title") == 4
    assert [p.event_id for p in problems[:3]] == [None, "Bad_Id", "end-before-start"]


def test_duplicate_id_within_a_file_names_the_first(tmp_path: Path) -> None:
    catalog = load_catalog([DATA / "bad.yaml"])
    assert [e.id for e in catalog] == ["good-first", "unknown-field", "good-last"]
    problem = one(list(catalog.problems), 81, "id")
    assert problem.message == (
        "duplicate id 'good-first': this event is left out (first defined at line 3)"
    )
    assert catalog.get("good-first") is not None
    assert catalog.get("good-first").title == "Good first"  # type: ignore[union-attr]


# ---------------------------------------------------------------- JSON and TOML lines


def test_json_problems_are_located() -> None:
    events, problems = load_file(DATA / "bad.json")
    assert [e.id for e in events] == ["json-good", "json-unknown", "json-last"]
    assert located(problems) == [
        (4, "title"),  # missing: the event's line
        (12, "end"),
        (19, "url"),
        (25, "colour"),
        (31, "title"),
        (33, None),
        (36, None),
    ]
    assert "given twice (first on line 29)" in problems[4].message
    assert "not a list" in problems[5].message
    assert problems[6].fatal is False and "'version'" in problems[6].message
    assert events[2].line == 34
    assert events[1].line_of("colour") == 25
    assert events[2].start == datetime(2021, 5, 17, 10, tzinfo=timezone(timedelta(hours=2)))


def test_toml_problems_are_located() -> None:
    events, problems = load_file(DATA / "bad.toml")
    assert [e.id for e in events] == ["toml-good"]
    assert located(problems) == [
        (2, None),  # unknown top-level key, not fatal
        (13, "timezone"),  # not line 15: that "status =" is inside a multi-line string
        (26, "kind"),  # after a multi-line array
        (28, "location"),  # the [events.location] sub-table header
        (36, "end"),
        (38, "id"),  # missing: the [[events]] header line
    ]
    assert problems[0].fatal is False
    assert events[0].line == 4 and events[0].line_of("start") == 7


def test_toml_inline_tables_are_located() -> None:
    events, problems = load_file(DATA / "inline.toml")
    assert [e.id for e in events] == ["inline-good", "inline-unknown"]
    assert [e.line for e in events] == [2, 6]
    assert located(problems) == [(4, "start"), (5, None), (6, "where")]


# ---------------------------------------------------------------- equal across formats


def _content(catalog: Catalog) -> list[Event]:
    return [dataclasses.replace(e, source="", line=0) for e in catalog.events]


def test_three_formats_give_equal_catalogs() -> None:
    catalogs = [load_catalog([DATA / f"same.{ext}"]) for ext in ("yaml", "toml", "json")]
    for catalog in catalogs:
        assert catalog.problems == ()
    assert _content(catalogs[0]) == _content(catalogs[1]) == _content(catalogs[2])
    first = catalogs[0].events[0]
    assert first.start == date(2021, 5, 17) and first.end == date(2021, 6, 11)
    assert first.mode is Mode.VIRTUAL and first.status is Status.MOVED_ONLINE
    assert first.location == Location(city="Gothenburg", country="Sweden")
    assert first.tags == ("africa", "data")
    assert first.page == "events/iassist-2021"
    local = catalogs[0].get("webinar-local")
    assert local is not None
    assert local.start == datetime(2021, 5, 19, 10, tzinfo=ZoneInfo("Europe/Stockholm"))
    # lines differ per format but each points at the field
    assert [c.events[1].line_of("start") for c in catalogs] == [20, 20, 21]


def test_yaml_datetime_without_offset_is_like_the_string_form(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dt.yaml",
        "- {id: a, title: A, start: 2021-05-17 10:00:00, timezone: America/Chicago}\n"
        "- {id: b, title: B, start: '2021-05-17T10:00:00', timezone: America/Chicago}\n",
    )
    events, problems = load_file(path)
    assert problems == []
    assert events[0].start == events[1].start
    assert events[0].start.utcoffset() == timedelta(hours=-5)  # type: ignore[union-attr]


# ---------------------------------------------------------------- whole-file problems

FORMATS = ("yaml", "toml", "json")


@pytest.mark.parametrize(
    ("name", "content", "line", "pattern"),
    [
        ("empty.yaml", "", 1, "the file is empty"),
        ("empty.toml", "  \n", 1, "the file is empty"),
        ("empty.json", "\n", 1, "the file is empty"),
        ("comments.yaml", "# only a comment\n", 1, "holds no data"),
        ("null.yaml", "null\n", 1, r"not nothing \(null\)"),
        ("null.json", "\n null", 2, r"not nothing \(null\)"),
        ("scalar.yaml", "42\n", 1, "not a number"),
        ("tagged.yaml", "!thing x\n", 1, "not a value tagged '!thing'"),
        ("scalar.json", '"text"', 1, "not text"),
        ("no-events.yaml", "# c\ntitle: x\n", 2, "has no 'events' key"),
        ("no-events.json", '{"title": 1}', 1, "has no 'events' key"),
        ("no-events.toml", "\ntitle = 1\n", 2, "has no 'events' key"),
        (
            "events-map.yaml",
            "events:\n  id: x\n",
            2,
            "'events' must be a list of events, not a mapping",
        ),
        ("events-map.json", '{\n"events": {"id": "x"}}', 2, "'events' must be a list of events"),
        ("events-map.toml", "[events]\nid = 'x'\n", 1, "'events' must be a list of events"),
        ("events-scalar.toml", "\nevents = 3\n", 2, "not a number"),
        ("syntax.yaml", "events:\n  - id: a\n  title: [b\n", 3, "YAML syntax error"),
        ("two-docs.yaml", "- a\n---\n- b\n", 2, "YAML syntax error: .*single document"),
        ("control.yaml", "- a\n- b\x00\n", 2, "YAML syntax error: control characters"),
        ("syntax.json", '{"events": [\n  {"id": "a",}\n]}', 2, "JSON syntax error"),
        ("syntax.toml", "[[events]]\nid = 'a'\ntitle = \n", 3, "TOML syntax error"),
        ("dupkey.toml", "[[events]]\nid = 'a'\nid = 'b'\n", 3, "TOML syntax error"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, 1, "(?i)JSON .*deep|JSON syntax"),
        ("deep.yaml", "[" * 10_000 + "]" * 10_000, 1, "YAML syntax error: .*nesting depth"),
    ],
)
def test_whole_file_problems(
    tmp_path: Path, name: str, content: str, line: int, pattern: str
) -> None:
    events, all_problems = load_file(write(tmp_path, name, content))
    assert events == []
    problems = [p for p in all_problems if p.fatal]
    assert len(problems) == 1, all_problems
    assert problems[0].line == line and problems[0].field is None, problems[0]
    assert re.search(pattern, problems[0].message), problems[0].message
    # besides: only the non-fatal "unknown top-level key 'title'" of the no-events files
    others = [p for p in all_problems if not p.fatal]
    assert [p.message for p in others] == (
        ["unknown top-level key 'title' is ignored (only 'events' is read)"]
        if name.startswith("no-events")
        else []
    )


@pytest.mark.parametrize("ext", FORMATS)
def test_bytes_that_are_not_utf8(tmp_path: Path, ext: str) -> None:
    events, problems = load_file(write(tmp_path, f"latin1.{ext}", b"# ok\n\xff\xfe bad\n"))
    assert events == []
    assert located(problems) == [(2, None)]
    assert "not UTF-8" in problems[0].message


def test_missing_file_and_unknown_type(tmp_path: Path) -> None:
    events, problems = load_file(tmp_path / "nope.yaml")
    assert events == [] and located(problems) == [(None, None)]
    assert problems[0].message == "data file not found"
    assert problems[0].location() == str(tmp_path / "nope.yaml")
    events, problems = load_file(write(tmp_path, "events.csv", "id,title\n"))
    assert "unknown data file type '.csv'" in problems[0].message


def test_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.json", '\ufeff[{"id": "a", "title": "A", "start": "2021-05-17"}]')
    assert [e.id for e in load_file(path)[0]] == ["a"]


def test_an_empty_list_is_no_problem(tmp_path: Path) -> None:
    for name, content in (("e.yaml", "events: []\n"), ("e.json", "[]"), ("e.toml", "events = []")):
        assert load_file(write(tmp_path, name, content)) == ([], [])


# ---------------------------------------------------------------- YAML that PyYAML rejects


def test_unconstructable_yaml_values_cost_only_their_event(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tags.yaml",
        "- id: python\n"
        "  title: !!python/object:os.system x\n"
        "  start: 2021-05-17\n"
        "- id: unknown-tag\n"
        "  title: T\n"
        "  start: !date 2021-05-17\n"
        "- id: bad-timestamp\n"
        "  title: T\n"
        "  start: 2021-02-30\n"
        "- id: recursive\n"
        "  title: T\n"
        "  start: 2021-05-17\n"
        "  tags: &r [*r]\n"
        "- ? [complex, key]\n"
        "  : value\n"
        "  id: complex-key\n"
        "  title: T\n"
        "  start: 2021-05-17\n"
        "- id: good\n"
        "  title: Good\n"
        "  start: 2021-05-17\n",
    )
    events, problems = load_file(path)
    assert [e.id for e in events] == ["complex-key", "good"]
    assert located(problems) == [
        (2, "title"),
        (6, "start"),
        (9, "start"),
        (13, "tags"),
        (14, None),  # a complex key is ignored like an unknown field
    ]
    assert "python/object" in problems[0].message
    assert "day is out of range" in problems[2].message
    assert [p.fatal for p in problems] == [True, True, True, True, False]


def test_an_alias_bomb_costs_only_its_event(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    path = write(
        tmp_path,
        "bomb.yaml",
        "events:\n"
        "  - id: bomb\n"
        "    title: Boom\n"
        "    start: 2021-05-17\n"
        "    kind: &k\n" + "\n".join(f"      {line}" for line in lines) + "\n"
        "    tags: *a11\n"
        "    url: *a11\n"
        "  - id: fine\n"
        "    title: Fine\n"
        "    start: 2021-05-17\n",
    )
    started = time.process_time()
    events, problems = load_file(path)
    assert time.process_time() - started < 30  # a guard against hanging, not a benchmark
    assert [e.id for e in events] == ["fine"]
    assert {(p.line, p.field) for p in problems} == {(5, "kind"), (18, "tags"), (19, "url")}
    assert all(len(p.message) < 300 for p in problems)


def test_yaml_merge_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "merge.yaml",
        "- &base\n"
        "  id: base\n"
        "  title: Base\n"
        "  start: 2021-05-17\n"
        "  kind: workshop\n"
        "- <<: *base\n"
        "  id: derived\n"
        "  kind: party\n"
        "- <<: [*base]\n"
        "  id: derived-ok\n"
        "- <<: 3\n"
        "  id: bad-merge\n",
    )
    events, problems = load_file(path)
    assert [e.id for e in events] == ["base", "derived-ok"]
    assert events[1].kind.value == "workshop" and events[1].line_of("title") == 3
    assert located(problems) == [(8, "kind"), (11, None), (11, "title"), (11, "start")]
    assert problems[1].message == "'<<' must merge a mapping or a list of mappings"


def test_duplicate_field_in_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.yaml", "- id: a\n  title: A\n  start: 2021-05-17\n  title: B\n")
    events, problems = load_file(path)
    assert events == []
    assert located(problems) == [(4, "title")]
    assert "first on line 2" in problems[0].message


def test_huge_numbers_are_problems_not_crashes(tmp_path: Path) -> None:
    digits = "9" * 5000
    path = write(tmp_path, "n.yaml", f"- id: a\n  title: {digits}\n  start: 2021-05-17\n")
    events, problems = load_file(path)
    assert events == [] and located(problems) == [(2, "title")]
    events, problems = load_file(write(tmp_path, "n.json", f'[{{"title": {digits}}}]'))
    assert events == [] and located(problems) == [(1, "title"), (1, "id"), (1, "start")]
    assert "more than 100 digits" in problems[0].message
    # tomllib converts every number itself and refuses this one: the file is lost, located
    path = write(tmp_path, "n.toml", f"[[events]]\nid = 'a'\ntitle = {digits}\n")
    events, problems = load_file(path)
    assert events == [] and located(problems) == [(3, None)]
    assert "more than 4,300 digits" in problems[0].message


# ---------------------------------------------------------------- catalogs


def test_catalog_across_files(tmp_path: Path) -> None:
    write(tmp_path, "one.yaml", "- id: shared\n  title: One\n  start: 2021-05-17\n")
    write(
        tmp_path,
        "two.json",
        '[\n {"id": "own", "title": "Own", "start": "2021-05-18"},\n'
        ' {"id": "shared", "title": "Two", "start": "2021-05-19"}\n]',
    )
    catalog = load_catalog(["two.json", "missing.toml", "one.yaml"], base=tmp_path)
    assert [e.id for e in catalog] == ["own", "shared"]
    assert len(catalog) == 2
    assert catalog.get("shared").title == "Two"  # type: ignore[union-attr]
    assert catalog.get("nope") is None
    assert catalog.sources == (str(tmp_path / "two.json"), str(tmp_path / "one.yaml"))
    assert [(Path(p.source).name, p.line, p.field) for p in catalog.problems] == [
        ("missing.toml", None, None),
        ("one.yaml", 1, "id"),
    ]
    duplicate = catalog.problems[1]
    assert duplicate.message == (
        f"duplicate id 'shared': this event is left out (first defined at {tmp_path / 'two.json'}:3)"
    )
    assert duplicate.event_id == "shared"
    assert pickle.loads(pickle.dumps(catalog)) == catalog
    assert pickle.loads(pickle.dumps(catalog)).get("own") == catalog.get("own")


def test_catalog_keeps_given_paths_and_sorts_problems(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", "- id: x\n  title: X\n  start: soon\n- id: Y\n")
    write(tmp_path, "a.json", "[1]")
    catalog = load_catalog([tmp_path / "b.yaml", str(tmp_path / "a.json")])
    assert [(Path(p.source).name, p.line) for p in catalog.problems] == [
        ("a.json", 1),
        ("b.yaml", 3),
        ("b.yaml", 4),
        ("b.yaml", 4),
        ("b.yaml", 4),
    ]
    again = load_catalog([tmp_path / "b.yaml", tmp_path / "b.yaml"])
    assert [p.fatal for p in again.problems if "more than once" in p.message] == [False]


def test_display_name_and_bad_default_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, "e.yaml", "- id: a\n  title: A\n  start: 2021-05-17T10:00\n")
    events, _ = load_file(path, display_name="conf/e.yaml", default_timezone="Asia/Tokyo")
    assert events[0].source == "conf/e.yaml"
    assert events[0].timezone == "Asia/Tokyo"
    with pytest.raises(ValueError, match="time zone"):
        load_file(path, default_timezone="Nowhere/Special")


# ---------------------------------------------------------------- real data

CONFS_TECH_FILES = ["2019/data.json", "2020/ux.json", "2021/javascript.json"]


@pytest.mark.skipif(not CONFS_TECH.is_dir(), reason="confs.tech data not present")
def test_real_data_converted_from_confs_tech(tmp_path: Path) -> None:
    """Conferences from confs.tech (name, url, startDate, endDate, city, country, online)
    mapped to our fields, written as YAML, loaded back."""
    expected = 0
    paths = []
    seen: set[str] = set()
    for name in CONFS_TECH_FILES:
        rows = json.loads((CONFS_TECH / name).read_text(encoding="utf-8"))
        events = []
        for number, row in enumerate(rows):
            slug = "".join(c if c.isalnum() else "-" for c in row["name"].lower()).strip("-")
            event_id = f"{name.replace('/', '-')[:-5]}-{number}-{slug}"[:80].strip("-")
            event = {
                "id": event_id.replace("--", "-"),
                "title": row["name"],
                "start": row["startDate"],
                "end": row.get("endDate", row["startDate"]),
                "mode": "virtual" if row.get("online") else "in-person",
                "url": row["url"],
            }
            place = {k: row[k] for k in ("city", "country") if row.get(k)}
            if place:
                event["location"] = place
            events.append(event)
            seen.add(event["id"])
        path = tmp_path / name.replace("/", "-").replace(".json", ".yaml")
        path.write_text(yaml.safe_dump({"events": events}, allow_unicode=True), encoding="utf-8")
        paths.append(path)
        expected += len(events)
    catalog = load_catalog(paths)
    bad = [p for p in catalog.problems if p.fatal]
    # every real event loads unless its URL is not http(s) (none are in these files)
    assert bad == [], [str(p) for p in bad[:5]]
    assert len(catalog) == expected == len(seen)
    assert expected > 100
    for event in catalog:
        assert event.end >= event.start
        assert event.url is not None and event.url.startswith(("http://", "https://"))


@pytest.mark.parametrize("name", ["bad.yaml", "bad.json", "bad.toml", "inline.toml", "same.toml"])
def test_windows_line_endings_give_the_same_lines(tmp_path: Path, name: str) -> None:
    original = DATA / name
    crlf = write(tmp_path, name, original.read_bytes().replace(b"\n", b"\r\n"))
    events, problems = load_file(original)
    crlf_events, crlf_problems = load_file(crlf)
    assert located(crlf_problems) == located(problems)
    assert [(e.id, e.line, e.field_lines) for e in crlf_events] == [
        (e.id, e.line, e.field_lines) for e in events
    ]


@pytest.mark.parametrize(
    ("field", "value", "pattern"),
    [
        ("id", '"abc\\n"', r"'id' must be a slug"),  # $ would have let the newline through
        ("page", "events/../secret", r"'page' must be a docname"),
        ("page", '"events/x\\n"', r"'page' must be a docname"),
        ("url", '"https://exa mple.org/"', r"'url' must be an absolute"),
        ("url", '"http://:80/"', r"'url' must be an absolute"),
        ("start", "0202-05-17", r"year 202 is out of range"),
        ("start", "9999-12-31", r"year 9999 is out of range"),
        ("title", "9" * 5000, r"'title' holds a whole number of more than 100 digits"),
        ("title", "1:" * 100 + "1", r"'title' holds a whole number of more than 100 digits"),
        ("kind", "[[[[a]]]]", r"'kind' must be one of .*, not a list$"),
    ],
)
def test_values_the_model_rejects(tmp_path: Path, field: str, value: str, pattern: str) -> None:
    base = {"id": "ok", "title": "T", "start": "2021-05-17"}
    base.pop(field, None)
    lines = "".join(f"  {k}: {v}\n" for k, v in base.items())
    path = write(tmp_path, "m.yaml", f"- {field}: {value}\n{lines}")
    events, problems = load_file(path)
    assert events == []
    assert located(problems) == [(1, field)]
    assert re.search(pattern, problems[0].message), problems[0].message
    assert len(problems[0].message) < 300


@pytest.mark.parametrize("written", ["20210517", "2021-W20-1", "2021W201", "2021-137"])
def test_only_the_extended_date_form_is_a_date(tmp_path: Path, written: str) -> None:
    """Python reads week dates and basic forms too, which readers of the file would not."""
    path = write(tmp_path, "d.json", f'[{{"id": "a", "title": "A", "start": "{written}"}}]')
    events, problems = load_file(path)
    assert events == [] and located(problems) == [(1, "start")]
    assert "write YYYY-MM-DD" in problems[0].message


def test_a_huge_int_given_to_the_model_directly_is_a_problem() -> None:
    event, found = build_event({"id": "a", "title": 10**5000, "start": "2021-05-17"})
    assert event is None
    assert [(p.field, p.message) for p in found] == [
        ("title", "'title' holds a whole number of more than 100 digits")
    ]


def test_a_long_chain_of_merges_costs_only_its_event(tmp_path: Path) -> None:
    chain = [f"  - &a{i} {{<<: *a{i - 1}}}" for i in range(1, 5000)]
    path = write(
        tmp_path,
        "chain.yaml",
        "\n".join(
            [
                *("defs:", "  - &a0 {title: T}", *chain),
                *("events:", "  - <<: *a4999", "    id: x", "    start: 2021-05-17"),
                *("  - {id: ok, title: O, start: 2021-05-17}", ""),
            ]
        ),
    )
    events, problems = load_file(path)
    assert [e.id for e in events] == ["ok"]
    assert [(p.line, p.field, p.fatal) for p in problems] == [
        (1, None, False),  # unknown top-level key 'defs'
        (5003, None, True),
    ]
    assert problems[1].message == "'<<' merges mappings nested more than 8 levels deep"


def test_many_multiline_strings_on_one_toml_line(tmp_path: Path) -> None:
    strings = ", ".join(['"""x"""'] * 3000)
    path = write(
        tmp_path,
        "many.toml",
        f'[[events]]\nid = "a"\ntags = [{strings}]\ntitle = "A"\nstart = 2021-05-17\nkind = "x"\n',
    )
    events, problems = load_file(path)
    assert events == [] and located(problems) == [(6, "kind")]


@pytest.mark.parametrize(
    "tagged",
    ["!!timestamp x", "!!bool maybe", "!!set x", "!!omap x", "!!float abc", "!!int zz"],
)
def test_a_value_that_does_not_fit_its_tag_is_a_located_problem(
    tmp_path: Path, tagged: str
) -> None:
    path = write(
        tmp_path,
        "tags.yaml",
        f"- id: bad\n  title: {tagged}\n  start: 2024-01-01\n"
        "- id: good\n  title: Good\n  start: 2024-01-02\n",
    )
    events, problems = load_file(path)
    assert [e.id for e in events] == ["good"]
    assert located(problems) == [(2, "title")]
