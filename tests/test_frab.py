"""The frab schedule reader: every defect located (file, line, guid), good sessions kept,
instants as the source gives them. Fixture: ``tests/roots/test-programme/programme.json``
(one session a line); the shared pretalx export when it is present."""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime
from pathlib import Path

import pytest

from sphinx_iassist.cli import main
from sphinx_iassist.readers.catalog import Problem
from sphinx_iassist.readers.frab import load_schedule, paragraphs, read_schedule

FIXTURE = Path(__file__).parent / "roots" / "test-programme" / "programme.json"
#: the shared pretalx export, in ``../shared/`` beside the project's root when present
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "frab"
DEMOCON = SHARED / "pretalx-democon.json"
SPAN = (date(2024, 6, 10), date(2024, 6, 11))


def line_of(guid: str, path: Path = FIXTURE) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"guid": "{guid}"' in line)


def problems_about(problems: list[Problem], guid: str) -> list[Problem]:
    return [p for p in problems if guid in p.message]


@pytest.fixture(scope="module")
def loaded() -> tuple[object, list[Problem]]:
    return load_schedule(FIXTURE, "summit", event_span=SPAN)


DEFECTS = [
    # (guid, message pattern, session kept)
    ("g-badduration", "'duration' '1h' is not a duration HH:MM; left out", False),
    ("g-baddate", "'date' '10.06.2024 11:00' is not an ISO date and time; left out", False),
    ("g-notitle", "has no 'title'; left out", False),
    ("g-keynote", "duplicate guid (first on line", False),
    ("g-overlap", "overlaps session g-keynote", True),
    ("g-attic", "room 'Attic' is not one of the conference's rooms; kept", True),
    ("g-after", "is on 2024-06-14, outside the dates of event 'summit'", True),
]


@pytest.mark.parametrize(("guid", "message", "kept"), DEFECTS)
def test_every_defect_is_located(loaded, guid: str, message: str, kept: bool) -> None:
    schedule, problems = loaded
    found = [p for p in problems_about(problems, guid) if message in p.message]
    lines = [p.line for p in found]
    expected = line_of(guid)
    if guid == "g-keynote":  # the duplicate is the later one
        lines_of = [
            n
            for n, line in enumerate(FIXTURE.read_text().splitlines(), 1)
            if '"guid": "g-keynote"' in line
        ]
        expected = lines_of[1]
    assert lines == [expected], [str(p) for p in problems]
    assert all(p.source == str(FIXTURE) for p in found)
    assert found[0].fatal is not kept
    ids = {s.guid for s in schedule.sessions}
    if guid != "g-keynote":
        assert (guid in ids) is kept


def test_good_sessions_kept_each_once(loaded) -> None:
    schedule, _ = loaded
    ids = [s.id for s in schedule.sessions]
    assert sorted(ids) == sorted(
        ["keynote", "overlap", "late-night", "workshop", "attic", "closing", "after"]
    )
    assert len(set(ids)) == len(ids)
    assert schedule.session("keynote").title == "Opening <keynote> & welcome"


def test_times_are_the_source_instants(loaded) -> None:
    schedule, _ = loaded
    keynote = schedule.session("keynote")
    assert keynote.start == datetime.fromisoformat("2024-06-10T09:00:00+02:00")
    assert keynote.end == datetime.fromisoformat("2024-06-10T10:00:00+02:00")
    assert schedule.zone == "Europe/Stockholm"
    assert keynote.start.utcoffset() == datetime.fromisoformat("2024-06-10T09:00+02:00").utcoffset()


def test_a_session_after_midnight_stays_on_its_day(loaded) -> None:
    late = loaded[0].session("late-night")
    assert late.start.date() == date(2024, 6, 11)
    assert late.day == date(2024, 6, 10)


def test_persons_one_per_code_else_name_sorted(loaded) -> None:
    schedule, _ = loaded
    persons = schedule.persons()
    assert [p.name for p, _ in persons] == ["Anna Ångström", "Bo Berg", "carl Carlsson", "Zoë Zeta"]
    talks = {p.name: [s.id for s in sessions] for p, sessions in persons}
    assert talks["Anna Ångström"] == ["keynote", "workshop"]
    assert talks["Bo Berg"] == ["overlap", "closing"]


def test_text_is_plain_paragraphs_and_links_are_safe(loaded) -> None:
    keynote = loaded[0].session("keynote")
    assert keynote.abstract == ("First paragraph with *stars*.", "Second <b>paragraph</b>.")
    assert keynote.links == (("Slides", "https://example.org/slides"),)
    problems = problems_about(loaded[1], "g-keynote")
    assert any("'links'" in p.message and "javascript" in p.message for p in problems)
    assert paragraphs("a\n b\n\n\n c") == ("a b", "c")


def test_schedule_pickles(loaded) -> None:
    schedule = loaded[0]
    again = pickle.loads(pickle.dumps(schedule))
    assert again == schedule
    assert again.session("closing") == schedule.session("closing")


def test_zone_name_and_offsets_disagree_offsets_win_said_once() -> None:
    text = json.dumps(
        {
            "schedule": {
                "conference": {
                    "time_zone_name": "UTC",
                    "days": [
                        {
                            "date": "2020-12-14",
                            "rooms": {
                                "R": [
                                    {
                                        "guid": f"g{n}",
                                        "date": f"2020-12-14T{9 + n:02d}:00:00+01:00",
                                        "duration": "00:30",
                                        "title": f"T{n}",
                                    }
                                    for n in range(3)
                                ]
                            },
                        }
                    ],
                }
            }
        },
        indent=1,
    )
    schedule, problems = read_schedule(text, "s.json", "e")
    assert len(problems) == 1 and "disagrees" in problems[0].message, problems
    assert schedule is not None
    assert schedule.zone == "Etc/GMT-1"
    first = schedule.sessions[0]
    assert first.start == datetime.fromisoformat("2020-12-14T09:00:00+01:00")
    assert first.start.hour == 9  # shown in the offsets' wall-clock time


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("{", 1, "JSON syntax error"),
        ("[1, 2]", 1, "a frab schedule must hold"),
        ('{\n "schedule": {"conference": {"days": 3}}}', 2, "'days' must be a list"),
        ("[" * 100_000, None, "nests too deeply"),
        ('{"schedule": {"conference": {"days": [{"date": "x", "rooms": {}}]}}}', 1, "not an ISO"),
    ],
)
def test_broken_files_never_raise(text: str, line: int | None, message: str) -> None:
    _schedule, problems = read_schedule(text, "s.json", "e")
    assert any(message in p.message and p.line == line for p in problems), problems


def test_hostile_session_within_limits_and_cleaned() -> None:
    big = {"guid": "big", "date": "2024-06-10T09:00+02:00", "duration": "00:30", "title": "x"}
    big["abstract"] = "y" * 20_000
    bidi = {
        "guid": "bidi",
        "date": "2024-06-10T10:00+02:00",
        "duration": "00:30",
        "title": "evil\u202etitle\x00",
    }
    text = json.dumps(
        {
            "schedule": {
                "conference": {"days": [{"date": "2024-06-10", "rooms": {"R": [big, bidi]}}]}
            }
        }
    )
    schedule, problems = read_schedule(text, "s.json", "e")
    assert any("big" in p.message and "longer than" in p.message for p in problems)
    assert [s.title for s in schedule.sessions] == ["eviltitle"]
    assert any("U+202E" in p.message for p in problems)


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    schedule, problems = load_schedule(tmp_path / "missing.json", "e")
    assert schedule is None and "cannot read" in problems[0].message
    large = tmp_path / "large.json"
    large.write_bytes(b" " * (4 * 1024 * 1024 + 1))
    schedule, problems = load_schedule(large, "e")
    assert schedule is None and "larger than" in problems[0].message


def test_validate_checks_schedules_and_exits_1(capsys) -> None:
    assert main(["validate", str(FIXTURE)]) == 1
    out = capsys.readouterr().out
    assert f"{FIXTURE}:{line_of('g-badduration')}: session g-badduration" in out
    assert "7 sessions" in out


def test_validate_schedule_option(tmp_path: Path, capsys) -> None:
    good = tmp_path / "export.txt"
    good.write_text(json.dumps({"schedule": {"conference": {"days": []}}}), encoding="utf-8")
    assert main(["validate", "--schedule", str(good)]) == 0
    assert "0 sessions" in capsys.readouterr().out


@pytest.mark.skipif(not DEMOCON.is_file(), reason="the shared pretalx export is not present")
def test_shared_pretalx_export() -> None:
    schedule, problems = load_schedule(DEMOCON, "democon")
    raw = json.loads(DEMOCON.read_text(encoding="utf-8"))["schedule"]["conference"]
    source = {
        talk["guid"]: talk
        for day in raw["days"]
        for talks in day["rooms"].values()
        for talk in talks
    }
    assert [p.message for p in problems] == [
        "'time_zone_name' 'UTC' disagrees with the offsets of the sessions' dates "
        "(+01:00 on line 36); the offsets are used"
    ]
    assert schedule is not None
    assert len(schedule.sessions) == len(source) == 36
    for session in schedule.sessions:
        talk = source[session.guid]
        assert session.start == datetime.fromisoformat(talk["date"])
        assert session.id == talk["slug"]
        assert session.title == talk["title"]
        assert {p.name for p in session.persons} == {p["public_name"] for p in talk["persons"]}
    speakers = {p["code"] for t in source.values() for p in t["persons"]}
    assert {p.key for p, _ in schedule.persons()} == {f"code:{c}" for c in speakers}
