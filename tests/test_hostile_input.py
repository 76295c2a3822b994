"""Hostile input: whatever a data file holds, reading it costs bounded time and memory, every
problem is a located warning, the bad part is left out and the good events are kept, and no
builder or calendar is harmed by the text.

Bounded cost is enforced, not timed: the loader, ``sphinx-iassist validate`` and a small
build run in a subprocess under ``RLIMIT_AS`` and ``RLIMIT_CPU``, far below what the same
files cost without the limits (the nested merge keys below took 87 s and 8.7 GB).
Fixtures are generated here; the text fixtures of the build are in ``roots/test-hostile``.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html, iassist_warnings, warnings

from sphinx_iassist.readers import limits
from sphinx_iassist.readers.catalog import Problem, load_file
from sphinx_iassist.readers.event import build_event
from sphinx_iassist.readers.text import clean_text
from sphinx_iassist.values import valid_timezone

# What the output must never hold (see readers.text.clean_text).
UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)

# Far above what the loader needs (about 60 MB of address space beyond Python's own, a
# fraction of a second), far below what the hostile files cost without the limits.
LOADER_MEMORY = 512 * 2**20
BUILD_MEMORY = 1536 * 2**20
CPU_SECONDS = 60


def located(problems: list[Problem]) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.field) for p in problems]


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _limited(memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    return apply


def run_limited(
    args: list[str], memory: int, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python args…`` under the memory and CPU limits; a run that goes over them is
    killed (SIGXCPU, SIGKILL) or fails with MemoryError, and the test fails."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, *args],
        preexec_fn=_limited(memory),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        cwd=cwd,
        env=env,
        check=False,
        timeout=10 * CPU_SECONDS,  # wall time: a guard against a hang, never reached
    )
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "MemoryError" not in result.stderr + result.stdout
    return result


def validate_limited(path: Path) -> dict[str, Any]:
    """``sphinx-iassist validate --format json`` of ``path``, under the limits."""
    result = run_limited(
        ["-m", "sphinx_iassist.cli", "validate", "--format", "json", str(path)], LOADER_MEMORY
    )
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# ------------------------------------------------------------------------- hostile files

GOOD_YAML = "  - {id: good, title: Good, start: 2021-05-17}\n"


def merge_bomb() -> str:
    """Merge keys that merge ten copies of the level below, seven levels deep."""
    lines = ["defs:", "  - &m0 {title: T, summary: S, series: X}"]
    lines += [f"  - &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 10) + "]}" for i in range(1, 8)]
    return "\n".join(
        [*lines, "events:", "  - <<: *m7", "    id: bomb", "    start: 2021-05-17", ""]
    )


def laughs(levels: int = 9) -> list[str]:
    """The "billion laughs": each list holds nine of the one before."""
    lines = ["laughs:", '  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return lines


def flat_laughs() -> str:
    """Laughs that never nest deeper than the limit: a mapping of 100 keys, each a list of
    100 aliases of a list of 100 texts (a million values from 40 KB)."""
    row = "[" + ", ".join(["x"] * 100) + "]"
    lists = "[" + ", ".join(["*row"] * 100) + "]"
    keys = ", ".join(f"k{i}: *rows" for i in range(100))
    return (
        f"defs:\n  - &row {row}\n  - &rows {lists}\n"
        f"events:\n  - {{id: flat, title: T, start: 2021-05-17, location: {{{keys}}}}}\n"
        + GOOD_YAML
    )


HOSTILE_FILES: dict[str, tuple[str, str, list[tuple[int | None, str | None]]]] = {
    # name: (file name, content, the located problems expected, bar unknown top-level keys)
    "nested merge keys": ("merge.yaml", merge_bomb() + GOOD_YAML, [(11, None)]),
    "billion laughs in tags": (
        "tags.yaml",
        "\n".join([*laughs(), "events:", "  - {id: t, title: T, start: 2021-05-17, tags: *a9}", ""])
        + GOOD_YAML,
        [(13, "tags")],
    ),
    "billion laughs in a location mapping": (
        "location.yaml",
        "\n".join(
            [
                *laughs(),
                "events:",
                "  - {id: l, title: T, start: 2021-05-17, location: {city: *a9, venue: *a9}}",
                "",
            ]
        )
        + GOOD_YAML,
        [(13, "location")],
    ),
    "laughs within the nesting limit": ("flat.yaml", flat_laughs(), [(5, "location")]),
    "billion laughs as a field name": (
        "key.yaml",
        "\n".join([*laughs(), "events:", "  - {id: k, title: T, start: 2021-05-17, *a9 : x}", ""])
        + GOOD_YAML,
        [(13, None)],
    ),
    "a recursive alias": (
        "recursive.yaml",
        f"events:\n  - {{id: r, title: T, start: 2021-05-17, tags: &r [*r]}}\n{GOOD_YAML}",
        [(2, "tags")],
    ),
    "deep YAML": (
        "deep.yaml",
        "events:\n  - {id: d, title: T, start: 2021-05-17, tags: "
        + "[" * 500
        + "]" * 500
        + "}\n"
        + GOOD_YAML,
        [(2, "tags")],
    ),
    "deep JSON inside an event": (
        "deep.json",
        '[{"id": "d", "title": "T", "start": "2021-05-17",\n "tags": '
        + "[" * 500
        + "]" * 500
        + '},\n {"id": "good", "title": "Good", "start": "2021-05-17"}]',
        [(2, "tags")],
    ),
    "a long whole number in YAML": (
        "int.yaml",
        f"events:\n  - {{id: n, title: {'9' * 5000}, start: 2021-05-17}}\n{GOOD_YAML}",
        [(2, "title")],
    ),
    "a long base-60 number in YAML": (
        "base60.yaml",
        f"events:\n  - {{id: n, title: {'1:' * 4000}1, start: 2021-05-17}}\n{GOOD_YAML}",
        [(2, "title")],
    ),
    "a long whole number in JSON": (
        "int.json",
        '[{"id": "n", "start": "2021-05-17",\n "title": '
        + "9" * 100_000
        + '},\n {"id": "good", "title": "Good", "start": "2021-05-17"}]',
        [(2, "title")],
    ),
    "20,000 tags in JSON": (
        "tags.json",
        '[{"id": "t", "title": "T", "start": "2021-05-17",\n "tags": '
        + json.dumps(["x"] * 20_000)
        + '},\n {"id": "good", "title": "Good", "start": "2021-05-17"}]',
        [(2, "tags")],
    ),
    "a text over 10,000 characters in TOML": (
        "long.toml",
        f'[[events]]\nid = "l"\nstart = 2021-05-17\ntitle = "{"x" * 20_000}"\n'
        '[[events]]\nid = "good"\ntitle = "Good"\nstart = 2021-05-17\n',
        [(4, "title")],
    ),
}


def _problems(report: dict[str, Any]) -> list[tuple[int | None, str | None]]:
    return [
        (p["line"], p["field"])
        for p in report["problems"]
        if "unknown top-level key" not in p["message"]
    ]


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_validate_has_bounded_cost(tmp_path: Path, case: str) -> None:
    name, content, expected = HOSTILE_FILES[case]
    report = validate_limited(write(tmp_path, name, content))
    assert _problems(report) == expected, report["problems"]
    assert report["events"] == 1  # the good one
    assert all(len(p["message"]) < 300 for p in report["problems"])
    assert all(p["file"].endswith(name) for p in report["problems"])


def test_alias_repetition_is_bounded_per_file(tmp_path: Path) -> None:
    """A long text repeated by an alias in event after event: each is fine alone, but the
    file may repeat only so much; the events before the limit are kept, those after it
    are left out, each with a located problem, and a plain event after them is kept."""
    text = "x" * 9_000
    lines = [f"- {{id: e0, title: &t {text}, start: 2021-05-17}}"]
    lines += [f"- {{id: e{i}, title: *t, start: 2021-05-17}}" for i in range(1, 600)]
    lines += ["- {id: plain, title: Plain, start: 2021-05-17}"]
    report = validate_limited(write(tmp_path, "repeat.yaml", "\n".join(lines) + "\n"))
    kept = limits.MAX_REPEATED_CHARS // len(text) + 1  # the anchor and what fits after it
    assert report["events"] == kept + 1
    assert _problems(report) == [(line, "title") for line in range(kept + 1, 601)]
    assert "repeats values through a YAML alias" in report["problems"][0]["message"]


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("big.json", limits.MAX_DECODED_FILE_BYTES),
        ("big.toml", limits.MAX_DECODED_FILE_BYTES),
        ("big.yaml", limits.MAX_FILE_BYTES),
    ],
)
def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, name: str, limit: int) -> None:
    path = tmp_path / name
    path.write_bytes(b"[" + b" " * limit + b"]")
    report = validate_limited(path)
    assert report["events"] == 0
    assert _problems(report) == [(None, None)]
    assert f"larger than {limit // 2**20} MiB" in report["problems"][0]["message"]
    just_right = tmp_path / f"fits{path.suffix}"
    just_right.write_bytes(b"[" + b" " * (limit - 2) + b"]")
    if path.suffix != ".toml":  # "[ ]" is no TOML
        assert load_file(just_right) == ([], [])


EVENT = "title: A, start: 2021-05-17"
EVENT_JSON = '"title": "A", "start": "2021-05-17"'
EVENT_TOML = "title = 'A'\nstart = 2021-05-17"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("many.yaml", "events:\n" + "".join(f"  - {{id: {i}, {EVENT}}}\n" for i in "abc"), 4),
        (
            "many.json",
            "".join(
                f'{c}{{"id": "{i}", {EVENT_JSON}}}\n' for c, i in zip("[,,", "abc", strict=True)
            )
            + "]",
            3,
        ),
        ("many.toml", "".join(f"[[events]]\nid = '{i}'\n{EVENT_TOML}\n" for i in "abc"), 9),
    ],
)
def test_entries_beyond_the_limit_are_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, text: str, line: int
) -> None:
    monkeypatch.setattr(limits, "MAX_ENTRIES", 2)
    monkeypatch.setattr("sphinx_iassist.readers.document.MAX_ENTRIES", 2)
    events, problems = load_file(write(tmp_path, name, text))
    assert [e.id for e in events] == ["a", "b"]
    assert located(problems)[-1] == (line, None)
    assert "more than 2 events; the rest of it is not read" in problems[-1].message


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "entry", "start", "sep", "end"),
    [
        # as many entries as the size limit allows, none of them an event
        ("tiny.yaml", b"- 1\n", b"", b"", b""),
        ("tiny.json", b"[]", b"[", b",", b"]"),
        ("tiny.toml", b"[[events]]\n", b"", b"", b""),
    ],
)
def test_a_file_of_countless_entries_is_read_up_to_the_limit(
    tmp_path: Path, name: str, entry: bytes, start: bytes, sep: bytes, end: bytes
) -> None:
    limit = limits.MAX_FILE_BYTES if name.endswith(".yaml") else limits.MAX_DECODED_FILE_BYTES
    count = (limit - len(start) - len(end)) // (len(entry) + len(sep))
    path = tmp_path / name
    path.write_bytes(start + sep.join([entry] * count) + end)
    assert limit - 16 < path.stat().st_size <= limit
    report = validate_limited(path)  # within the loader's memory limit
    assert report["events"] == 0
    last = report["problems"][-1]
    assert f"more than {limits.MAX_ENTRIES:,} events" in last["message"]
    if name != "tiny.json":  # one line
        assert last["line"] == limits.MAX_ENTRIES + 1
    not_events = [p for p in report["problems"] if "must be a mapping" in p["message"]]
    assert len(not_events) == (limits.MAX_ENTRIES if name != "tiny.toml" else 0)


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("deep.json", "[\n" + "[" * 100_000 + "]" * 100_000 + "\n]", 2),
        ("deep.toml", "[[events]]\nid = 'a'\n\ntags = " + "[" * 100_000 + "]" * 100_000, 4),
        ("long.toml", "[[events]]\nid = 'a'\ntitle = " + "9" * 100_000 + "\n", 3),
        ("deep.yaml", "events:\n" + "  " + "[" * 100_000 + "]" * 100_000 + "\n", 2),
    ],
)
def test_what_the_parsers_refuse_costs_the_file_located(
    tmp_path: Path, name: str, content: str, line: int
) -> None:
    report = validate_limited(write(tmp_path, name, content))
    assert _problems(report) == [(line, None)], report["problems"]


def test_the_build_has_bounded_cost(tmp_path: Path) -> None:
    """sphinx-build of a site whose data holds nested merge keys and alias bombs: located
    warnings, the good event on the page, within the limits."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_iassist"]\n'
        'iassist_events = ["merge.yaml", "tags.yaml", "flat.yaml"]\n'
        'iassist_today = "2021-04-01"\n'
    )
    (src / "index.rst").write_text("Events\n======\n\n.. event-list::\n")
    for case in ("nested merge keys", "billion laughs in tags", "laughs within the nesting limit"):
        name, content, _ = HOSTILE_FILES[case]
        (src / name).write_text(content.replace("id: good", f"id: good-{name[:-5]}"))
    result = run_limited(
        ["-m", "sphinx", "-b", "html", "-q", "-j", "1", str(src), str(tmp_path / "out")],
        BUILD_MEMORY,
    )
    assert result.returncode == 0, result.stderr
    found = {
        (line.split(":")[0].rsplit("/", 1)[-1], int(line.split(":")[1]))
        for line in result.stderr.splitlines()
        if "[iassist.data]" in line and "top-level key" not in line
    }
    assert found == {("merge.yaml", 11), ("tags.yaml", 13), ("flat.yaml", 5)}
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for good in ("good-merge", "good-tags", "good-flat"):
        assert f'data-event-id="{good}"' in page


# ------------------------------------------------------------------------- harmless text


EVENT_IDS = {
    "controls",
    "surrogates",
    "bidi",
    "id-with-nul",
    "noncharacters",
    "good",
    "yaml-escapes",
    "yaml-good",
}
# (file, line) of each field that held a character to remove (one field per line)
REMOVED_AT = {
    *(("events.json", line) for line in (5, 7, 8, 9, 10, 14, 18, 19, 20, 24, 26, 30, 31, 36)),
    ("events.yaml", 2),
    ("events.yaml", 4),
}


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.test_params(shared_result="test_hostile_input")
def test_each_removal_is_a_located_warning(built: Any) -> None:
    found = {
        (match.group(1), int(match.group(2)))
        for w in iassist_warnings(built)
        if "removed" in w and (match := re.search(r"(events\.\w+):(\d+): WARNING", w))
    }
    assert found == REMOVED_AT
    assert all("[iassist.data]" in w for w in iassist_warnings(built) if "removed" in w)


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.test_params(shared_result="test_hostile_input")
def test_every_event_is_kept_without_the_characters(built: Any) -> None:
    page = html(built)
    listing = page.select_one(".iassist-event-list")
    assert {e["data-event-id"] for e in listing.select(".iassist-event")} == EVENT_IDS
    text = page.get_text()
    assert not UNSAFE.search(text)
    assert "a pair 😀 is kept" in text
    assert "Admin evil and isolated" in text
    assert "مؤتمر" in text  # right-to-left text itself is untouched


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.test_params(shared_result="test_hostile_input")
def test_no_output_file_holds_an_unsafe_character(built: Any) -> None:
    out = Path(built.outdir)
    written = [*out.glob("*.html"), out / "events.ics", *(out / "_ics").glob("*.ics")]
    assert len(written) > len(EVENT_IDS)
    for path in written:
        assert not UNSAFE.search(path.read_text(encoding="utf-8")), path


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.test_params(shared_result="test_hostile_input")
def test_calendars_are_valid_for_strict_parsers(built: Any) -> None:
    from ical.calendar_stream import IcsCalendarStream

    out = Path(built.outdir)
    files = [out / "events.ics", *sorted((out / "_ics").glob("*.ics"))]
    assert {p.stem for p in files[1:]} == EVENT_IDS
    for path in files:
        data = path.read_text(encoding="utf-8")
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar.get("PRODID")
        for vevent in calendar.walk("VEVENT"):
            assert vevent.get("UID") and vevent.get("DTSTAMP")
        strict = IcsCalendarStream.calendar_from_ics(data)  # raises on what RFC 5545 forbids
        assert len(strict.events) == (len(EVENT_IDS) if path.name == "events.ics" else 1)
    whole = IcsCalendarStream.calendar_from_ics((out / "events.ics").read_text(encoding="utf-8"))
    titles = {event.summary for event in whole.events}
    assert "Escape [31m NUL DEL NEL" in titles


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name))
        for name in ["text", "latex", "man", "texinfo", "xml", "singlehtml", "dirhtml", "epub"]
    ],
)
@pytest.mark.sphinx(testroot="hostile", freshenv=True)
def test_every_builder_writes_hostile_text(built: Any, builder: str) -> None:
    output = built.status.getvalue() + built.warning.getvalue()
    assert "Traceback" not in output and "Exception" not in output
    assert "build succeeded" in built.status.getvalue()
    assert not [w for w in warnings(built) if "[iassist." not in w], warnings(built)
    for path in Path(built.outdir).rglob("*"):
        if path.suffix in {".txt", ".tex", ".1", ".7", ".texi", ".xml", ".html", ".xhtml"}:
            content = path.read_text(encoding="utf-8")
            assert not UNSAFE.search(content), path


# ------------------------------------------------------------------------- every limit


def test_an_id_too_long_for_a_file_name(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """A 101-character id is a located problem; the other calendar files are written (today
    "File name too long" lost every later one); 100 characters still make a file."""
    src = tmp_path / "src"
    src.mkdir()
    long_ok, too_long = "a" * 100, "b" * 101
    (src / "conf.py").write_text(
        'extensions = ["sphinx_iassist"]\niassist_events = ["e.yaml"]\n'
        'iassist_today = "2021-04-01"\n'
    )
    (src / "index.rst").write_text("Events\n======\n\n.. event-list::\n")
    (src / "e.yaml").write_text(
        f"- {{id: {too_long}, title: Too long, start: 2021-05-17}}\n"
        f"- {{id: {long_ok}, title: Long, start: 2021-05-17}}\n"
        "- {id: z-last, title: Last, start: 2021-05-17}\n"
    )
    app = make_app("html", srcdir=src)
    app.build()
    found = iassist_warnings(app)
    assert len(found) == 1 and "e.yaml:1:" in found[0] and "longer than 100" in found[0]
    written = {p.stem for p in (Path(app.outdir) / "_ics").glob("*.ics")}
    assert written == {long_ok, "z-last"}


@pytest.mark.parametrize(
    ("content", "events"),
    [
        ('{"events": [{"id": "a", "title": "A", "start": "2021-05-17"}],\n'
         ' "events": [{"id": "b", "title": "B", "start": "2021-05-17"}]}', ["b"]),
        ("events:\n  - {id: a, title: A, start: 2021-05-17}\n"
         "events:\n  - {id: b, title: B, start: 2021-05-17}\n", ["b"]),
    ],
)  # fmt: skip
def test_events_given_twice(tmp_path: Path, content: str, events: list[str]) -> None:
    suffix = ".json" if content.startswith("{") else ".yaml"
    loaded, problems = load_file(write(tmp_path, f"twice{suffix}", content))
    assert [e.id for e in loaded] == events
    assert located(problems) == [(2 if suffix == ".json" else 3, None)]
    assert "'events' is given twice (first on line 1); only this last list is read" in str(
        problems[0]
    )


@pytest.mark.parametrize(
    ("name", "content", "third_key"),
    [
        ("top.json", '{"title": "T",\n "events": [],\n "x": 1,\n'
         ' "events": [{"id": "a", "title": "A", "start": "2021-05-17"}]}', "'x'"),
        ("top.yaml", "title: T\nevents: []\n[x, y]: 1\n"
         "events:\n  - {id: a, title: A, start: 2021-05-17}\n", "'…'"),
    ],
)  # fmt: skip
def test_a_top_level_mapping_is_judged_alike(
    tmp_path: Path, name: str, content: str, third_key: str
) -> None:
    """JSON and YAML read a top-level mapping by one rule: the last 'events' counts, and
    every other key is ignored with a problem on its line that leaves the events in."""
    loaded, problems = load_file(write(tmp_path, name, content))
    assert [e.id for e in loaded] == ["a"]
    assert [(p.line, p.fatal) for p in problems] == [(1, False), (3, False), (4, True)]
    assert "'title'" in problems[0].message and third_key in problems[1].message
    assert "first on line 2" in problems[2].message


@pytest.mark.parametrize(
    ("start", "zone", "kept"),
    [
        ("2021-03-28T02:30", "Europe/Stockholm", False),  # the clocks skip 02:00-03:00
        ("2021-10-31T02:30", "Europe/Stockholm", False),  # 02:00-03:00 happens twice
        ("2021-10-31T02:30+01:00", "Europe/Stockholm", True),  # the offset names one
        ("2021-10-31T02:30+02:00", "Europe/Stockholm", True),
        ("2021-03-14T02:30", "America/New_York", False),
        ("2021-11-07T01:30", "America/New_York", False),
        ("2021-10-31T01:59", "Europe/Stockholm", True),
        ("2021-10-31T03:00", "Europe/Stockholm", True),
        ("2021-03-28T03:00", "Europe/Stockholm", True),
    ],
)
def test_times_that_the_clocks_skip_or_repeat(
    tmp_path: Path, start: str, zone: str, kept: bool
) -> None:
    content = f"- id: a\n  title: A\n  timezone: {zone}\n  start: {start}\n"
    events, problems = load_file(write(tmp_path, "dst.yaml", content))
    assert bool(events) is kept
    if not kept:
        assert located(problems) == [(4, "start")]
        assert re.search(r"does not exist in|happens twice in", problems[0].message)
    else:
        assert problems == []


def test_a_time_that_happens_twice_names_both_offsets(tmp_path: Path) -> None:
    content = "- {id: a, title: A, timezone: Europe/Stockholm, start: 2021-10-31T02:30}\n"
    _, problems = load_file(write(tmp_path, "fold.yaml", content))
    assert "+02:00" in problems[0].message and "+01:00" in problems[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/call for papers",
        "https://example.org/<script>",
        'https://example.org/"quoted"',
        "https://example.org/a\\b",
        "https://example.org/{x}",
        "https://example.org/a|b",
        "https://example.org/a^b",
        "https://example.org/a`b",
        "https://example.org/%zz",
        "https://example.org/a#b#c",
        "https://example.org/[x]",
        "https://example.org/\u00a0",
        "https://exa\tmple.org/",
        "https://example.org:80x/",
    ],
)
def test_urls_that_are_no_uri(url: str) -> None:
    event, problems = build_event({"id": "a", "title": "A", "start": "2021-05-17", "url": url})
    assert event is None
    assert [p.field for p in problems] == ["url"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a%20b?q=1&r=2#frag",
        "https://例え.jp/会議",
        "https://example.org/it's",
        "https://[2001:db8::1]:8443/x",
        "HTTP://EXAMPLE.ORG/",
    ],
)
def test_urls_that_are_fine(url: str) -> None:
    event, problems = build_event({"id": "a", "title": "A", "start": "2021-05-17", "url": url})
    assert event is not None and problems == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"previous_start": "2021-05-10"}, "only for a postponed or rescheduled event"),
        ({"status": "cancelled", "previous_start": "2021-05-10"}, "this one is cancelled"),
        (
            {"status": "postponed", "previous_start": "2021-05-10T10:00"},
            "must be the same kind as 'start'",
        ),
    ],
)
def test_previous_start_of_the_wrong_status_or_kind(fields: dict[str, str], message: str) -> None:
    event, problems = build_event(
        {"id": "a", "title": "A", "start": "2021-05-17", **fields},
        field_lines={"previous_start": 7},
    )
    assert event is not None and event.previous_start is None  # the event is kept
    assert [(p.field, p.line, p.fatal) for p in problems] == [("previous_start", 7, False)]
    assert message in problems[0].message


def test_previous_start_where_it_belongs() -> None:
    for status in ("postponed", "rescheduled"):
        event, problems = build_event(
            {"id": "a", "title": "A", "start": "2021-05-17", "status": status,
             "previous_start": "2021-05-10"}
        )  # fmt: skip
        assert event is not None and problems == []
        assert event.previous_start is not None


@pytest.mark.parametrize(
    "zone",
    [
        "localtime",
        "posixrules",
        "Factory",
        "posix/Europe/Stockholm",
        "right/UTC",
        "/usr/share/zoneinfo/UTC",
        "../zoneinfo/UTC",
        "europe/stockholm",
        "UTC\n",
        "",
    ],
)
def test_only_iana_zone_names(zone: str) -> None:
    assert not valid_timezone(zone)
    event, problems = build_event(
        {"id": "a", "title": "A", "start": "2021-05-17T10:00", "timezone": zone}
    )
    if zone:
        assert event is None and [p.field for p in problems] == ["timezone"]


def test_a_zone_in_the_wrong_case_is_suggested_right() -> None:
    for zone in ("europe/stockholm", "posix/Europe/Stockholm"):
        _, problems = build_event(
            {"id": "a", "title": "A", "start": "2021-05-17", "timezone": zone}
        )
        assert "did you mean 'Europe/Stockholm'?" in problems[0].message


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Stockholm", "America/Argentina/Buenos_Aires", "Etc/GMT+12"]
)
def test_iana_zone_names(zone: str) -> None:
    assert valid_timezone(zone)


@pytest.mark.parametrize(
    "written", ["2021-W20-1", "2021W201", "2021-W20", "20210517", "2021-137", "20210517T1030",
                "2021-05-17T10", "2021-05-17T10:00:00.1234567", "2021-05-17T10:00+01"],
)  # fmt: skip
def test_week_ordinal_and_basic_forms(written: str) -> None:
    event, problems = build_event({"id": "a", "title": "A", "start": written})
    assert event is None and [p.field for p in problems] == ["start"]
    assert "write YYYY-MM-DD" in problems[0].message


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("nan.yaml", "- {id: a, start: 2021-05-17, title: .nan}\n", 1),
        ("inf.yaml", "- id: a\n  start: 2021-05-17\n  title: -.inf\n", 3),
        ("nan.json", '[{"id": "a", "start": "2021-05-17",\n "title": NaN}]', 2),
        ("inf.json", '[{"id": "a", "start": "2021-05-17",\n "title": -Infinity}]', 2),
        ("nan.toml", "[[events]]\nid = 'a'\nstart = 2021-05-17\ntitle = nan\n", 4),
        ("inf.toml", "[[events]]\nid = 'a'\nstart = 2021-05-17\ntitle = inf\n", 4),
        (
            "loc.json",
            '[{"id": "a", "start": "2021-05-17", "title": "A",\n "location": {"city": NaN}}]',
            2,
        ),
    ],
)
def test_nan_and_infinity(tmp_path: Path, name: str, content: str, line: int) -> None:
    events, problems = load_file(write(tmp_path, name, content))
    assert events == []
    assert [p.line for p in problems] == [line]
    assert "finite number" in problems[0].message


@pytest.mark.parametrize(
    ("field", "meant"),
    [
        ("date", "start"), ("begin", "start"), ("start_date", "start"), ("startDate", "start"),
        ("finish", "end"), ("name", "title"), ("link", "url"), ("website", "url"),
        ("place", "location"), ("venue", "location"), ("city", "location"),
        ("tz", "timezone"), ("time_zone", "timezone"), ("Time-Zone", "timezone"),
        ("type", "kind"), ("category", "tags"), ("categories", "tags"),
        ("tittle", "title"),  # a near spelling, as before
    ],
)  # fmt: skip
def test_synonyms_suggest_the_field(field: str, meant: str) -> None:
    _, problems = build_event({"id": "a", "title": "A", "start": "2021-05-17", field: "x"})
    unknown = [p for p in problems if p.field == field]
    assert len(unknown) == 1 and not unknown[0].fatal
    assert f"(did you mean {meant!r}?)" in unknown[0].message


def test_clean_text_keeps_what_is_harmless() -> None:
    kept = "Zero\u200dwidth joiner, \u200fmarks\u200e, emoji 👩\u200d💻, tab\tand newline\n"
    assert clean_text(kept) == (kept, ())
    assert clean_text("a\ud83d\ude00b") == ("a😀b", ())
    assert clean_text("next\x85line") == ("next line", ())  # white space, as YAML reads it
    assert clean_text("\x1b\ud800\u202e\ufdd0\U0010ffff") == (
        "",
        ("\x1b", "\ud800", "\u202e", "\ufdd0", "\U0010ffff"),
    )


def test_model_limits_hold_for_shared_and_cyclic_values() -> None:
    """build_event is public: values it is handed directly (shared lists, even a list that
    holds itself) are measured in bounded steps, like a file's."""
    shared: list[Any] = ["x"] * 9
    for _ in range(12):
        shared = [shared] * 9  # 9**12 leaves if walked naively
    cyclic: list[Any] = []
    cyclic.extend([cyclic] * 5000)
    for value in (shared, cyclic):
        event, problems = build_event(
            {"id": "a", "title": "A", "start": "2021-05-17", "tags": value}
        )
        assert event is None and [p.field for p in problems] == ["tags"]


def test_the_documented_limits_are_the_limits() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    table = docs[docs.index("(limits)=") :]
    for shown in (
        f"{limits.MAX_FILE_BYTES // 2**20} MiB",
        f"{limits.MAX_DECODED_FILE_BYTES // 2**20} MiB",
        f"{limits.MAX_ENTRIES:,} events",
        f"{limits.MAX_EVENT_VALUES:,}",
        f"{limits.MAX_DEPTH} levels",
        f"{limits.MAX_TEXT_CHARS:,} characters",
        f"{limits.MAX_ID_CHARS} characters",
        f"{limits.MAX_NUMBER_DIGITS} digits",
        f"{limits.MAX_REPEATED_VALUES:,} values or {limits.MAX_REPEATED_CHARS // 2**20} MiB",
    ):
        assert shown in table, shown
