"""The sphinx-iassist command line: validate, schema, help and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_iassist.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from sphinx_iassist.readers.catalog import load_catalog

DATA = Path(__file__).parent / "data" / "cli"


@pytest.fixture(autouse=True)
def _in_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)  # file names in the output as given on the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", ["good.yaml", "good.json", "good.toml"])
def test_validate_clean(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "validate", name)
    assert code == EXIT_OK
    count = 2 if name == "good.yaml" else 1
    assert out == f"{count} event{'s' if count > 1 else ''}, 0 problems in 1 file\n"


def test_validate_bad_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "bad.yaml")
    assert code == EXIT_PROBLEMS
    lines = out.splitlines()
    assert lines[-1] == "1 event, 7 problems in 1 file"
    problems = lines[:-1]
    assert [line.split(":")[1] for line in problems] == ["2", "5", "10", "14", "18", "22", "26"]
    assert all(line.startswith("bad.yaml:") for line in problems)
    assert "bad.yaml:5: required field 'title' is missing" in problems
    assert "bad.yaml:10: 'end' (2021-05-17) is before 'start' (2021-05-20)" in problems
    assert any(line.startswith("bad.yaml:26: duplicate id 'good-one'") for line in problems)


def test_validate_is_the_extensions_loader(capsys: pytest.CaptureFixture[str]) -> None:
    """One code path: validate prints exactly the loader's problems."""
    _, out, _ = run(capsys, "validate", "bad.yaml", "warn.yaml", "good.yaml")
    catalog = load_catalog(["bad.yaml", "warn.yaml", "good.yaml"])
    expected = sorted(
        (p.source, p.line or 0, str(p) if p.fatal else f"{p.location()}: warning: {p.message}")
        for p in catalog.problems
    )
    assert out.splitlines()[:-1] == [line for *_, line in expected]
    assert out.splitlines()[-1] == f"{len(catalog.events)} events, 8 problems in 3 files"


def test_validate_sorts_across_files(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "validate", "warn.yaml", "bad.yaml")
    files = [line.split(":")[0] for line in out.splitlines()[:-1]]
    assert files == sorted(files) and files[0] == "bad.yaml" and files[-1] == "warn.yaml"


def test_unknown_field_warns_but_passes_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "warn.yaml")
    assert code == EXIT_OK
    assert out.splitlines() == [
        "warn.yaml:5: warning: unknown field 'sumary' is ignored (did you mean 'summary'?)",
        "1 event, 1 problem in 1 file",
    ]
    code, _, _ = run(capsys, "validate", "--strict", "warn.yaml")
    assert code == EXIT_PROBLEMS


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", "bad.yaml", "warn.yaml")
    assert code == EXIT_PROBLEMS
    report = json.loads(out)
    assert report["ok"] is False
    assert report["files"] == ["bad.yaml", "warn.yaml"]
    assert (report["events"], report["errors"], report["warnings"]) == (2, 7, 1)
    first = report["problems"][0]
    assert first == {
        "file": "bad.yaml",
        "line": 2,
        "field": "id",
        "message": "'id' must be a slug of lowercase letters, digits and '-', not 'Bad Id'",
        "severity": "error",
    }
    assert report["problems"][-1]["severity"] == "warning"
    _, out, _ = run(capsys, "validate", "--format", "json", "--strict", "warn.yaml")
    assert json.loads(out)["ok"] is False


def test_validate_missing_file_is_a_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "nowhere.yaml")
    assert code == EXIT_PROBLEMS
    assert out.startswith("nowhere.yaml")


def test_validate_timezone_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "validate", "--timezone", "Europe/Stockholm", "good.yaml")
    assert code == EXIT_OK
    code, _, err = run(capsys, "validate", "--timezone", "Nowhere/Town", "good.yaml")
    assert code == EXIT_USAGE
    assert "unknown time zone 'Nowhere/Town'" in err


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == EXIT_OK
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    target = tmp_path / "events.schema.json"
    assert main(["schema", "-o", str(target)]) == EXIT_OK
    assert json.loads(target.read_text()) == schema


@pytest.mark.parametrize("command", [[], ["validate"], ["schema"], ["import-hugo"]])
def test_help_on_every_command(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("usage: sphinx-iassist")
    assert "exit codes: 0 clean, 1 data problems, 2 usage error" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate"],
        ["validate", "--format", "xml", "good.yaml"],
        ["import-hugo", "x"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == EXIT_USAGE
    assert "usage: sphinx-iassist" in capsys.readouterr().err


def test_console_script_entry_point() -> None:
    """``python -m sphinx_iassist.cli`` behaves like the installed script."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_iassist.cli", "validate", "bad.yaml"],
        capture_output=True,
        text=True,
        cwd=DATA,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == EXIT_PROBLEMS
    assert result.stdout.splitlines()[-1] == "1 event, 7 problems in 1 file"
