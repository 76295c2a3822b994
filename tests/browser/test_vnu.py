"""Valid: the W3C Nu HTML Checker (vnu) finds no error in our markup, on every page of the
test site in every theme and of the project's own docs. Errors located outside our
elements are the theme's: listed in the output, not failed on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import Sites
from iassist_browser import DOCS, THEMES, VNU_JAR, is_ours, java, our_ranges, report, require

pytestmark = pytest.mark.browser


def _vnu(*dirs: Path) -> list[dict[str, object]]:
    java_bin = java()
    require(java_bin is not None, "no Java runtime (run .ci/browser-deps.sh as root)")
    require(VNU_JAR.is_file(), f"vnu-jar is not installed at {VNU_JAR} (run .ci/browser-deps.sh)")
    cmd = [str(java_bin), "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html"]
    cmd += ["--format", "json", "--stdout", *map(str, dirs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    report = json.loads(proc.stdout or "{}")
    return [m for m in report.get("messages", []) if m.get("type") == "error"]


def _split(messages: list[dict[str, object]]) -> tuple[list[str], list[str]]:
    """(ours, the theme's) as printable lines, by where each error points."""
    ranges: dict[Path, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    ours, theirs = [], []
    for m in messages:
        path = Path(unquote(urlparse(str(m.get("url", ""))).path))
        if path not in ranges:
            ranges[path] = our_ranges(path.read_text(encoding="utf-8")) if path.is_file() else []
        line = f"{path.parent.name}/{path.name}:{m.get('lastLine')}: {m.get('message')}"
        extract = str(m.get("extract", "")).replace("\n", " ")[:160]
        (ours if is_ours(m, ranges[path]) else theirs).append(f"{line}\n    {extract}")
    return ours, theirs


def _report(label: str, theirs: list[str]) -> None:
    if not theirs:
        return
    counts = Counter(t.split(": ", 1)[1].split("\n")[0] for t in theirs)
    report(f"[theme] vnu {label}: {len(theirs)} vnu error(s) outside our markup:")
    for message, n in counts.most_common():
        report(f"  {n} × {message}")


def test_vnu_finds_no_error_in_our_markup(sites: Sites) -> None:
    dirs = {theme: sites.get(theme)[0] for theme in THEMES}
    messages = _vnu(*dirs.values())
    ours, theirs = _split(messages)
    for theme, out in dirs.items():
        _report(theme, [t for t in theirs if t.startswith(f"{out.name}/")])
    assert not ours, "\n".join(ours)


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(DOCS), str(out)]
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if proc.returncode != 0:
        pytest.fail(f"the docs do not build:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return out


def test_vnu_finds_no_error_in_our_markup_in_the_docs(docs_site: Path) -> None:
    ours, theirs = _split(_vnu(docs_site))
    _report("docs (furo)", theirs)
    assert not ours, "\n".join(ours)


def test_errors_are_attributed_by_location(tmp_path: Path) -> None:
    """The attribution itself: an error inside an iassist- element is ours, elsewhere not."""
    page = tmp_path / "p.html"
    page.write_text(
        "<!DOCTYPE html>\n<html lang=en><head><title>t</title></head><body>\n"
        '<div class="sidebar"><h3>skip</h3></div>\n'
        '<div class="iassist-notice">\n<p>ok</p>\n<span><div>bad</div></span>\n</div>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    ranges = our_ranges(page.read_text(encoding="utf-8"))
    assert ranges == [((4, 1), (7, 7))]
    inside = {"lastLine": 6, "lastColumn": 11, "extract": "<span><div>bad"}
    outside = {"lastLine": 3, "lastColumn": 24, "extract": 'ar"><h3>skip'}
    assert is_ours(inside, ranges)
    assert not is_ours(outside, ranges)
