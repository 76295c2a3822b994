"""Session fixtures of the browser suite: the test site built once per theme, one Chromium.

Tools come from the machine, never downloaded here: Debian's ``/usr/bin/chromium``, a Java
runtime, and ``axe-core`` / ``vnu-jar`` in ``tests/browser/node_modules`` (all installed by
``.ci/browser-deps.sh``). A missing one skips the suite locally and fails it when ``CI`` is
set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from iassist_browser import (
    ARTIFACTS,
    CHROMIUM,
    COLOUR_JS,
    FINDINGS,
    LAUNCH_ARGS,
    SITE,
    THEMES,
    WIDTHS,
    View,
    require,
)

if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
from playwright.sync_api import Browser, Page, sync_playwright

#: Transitions would show colours half-way through a theme's switch to dark mode.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
#: Each theme's own dark switch, set before its scripts read it: furo reads
#: localStorage "theme", pydata-sphinx-theme and sphinx-book-theme read "mode".
DARK_STORAGE = "localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');"
LIGHT_STORAGE = "localStorage.setItem('theme', 'light'); localStorage.setItem('mode', 'light');"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here ``browser`` and note which themes the selected tests need."""
    wanted: set[str] = set()
    here = Path(__file__).parent
    for item in items:
        if here not in Path(str(item.fspath)).parents:
            continue
        item.add_marker(pytest.mark.browser)
        params = getattr(getattr(item, "callspec", None), "params", {})
        theme = params.get("theme") or getattr(params.get("view"), "theme", None)
        wanted.add(theme if theme in THEMES else "*")
    config.stash[_WANTED] = set(THEMES) if "*" in wanted else wanted


_WANTED = pytest.StashKey[set[str]]()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The themes' own findings (axe, vnu, contrast), once each, after the results."""
    if not FINDINGS:
        return
    terminalreporter.section("browser suite: findings in the themes, not in sphinx-iassist")
    for line in dict.fromkeys(FINDINGS):
        terminalreporter.write_line(line)


class Sites:
    """The test site, built with each theme at most once per session, concurrently."""

    def __init__(self, base: Path, themes: set[str]) -> None:
        self.base = base
        self._themes = themes
        self._procs: dict[str, subprocess.Popen[str]] = {}
        self._done: dict[str, tuple[Path, str]] = {}

    def _start(self, key: str) -> None:
        if key in self._procs:
            return
        theme, _, live = key.partition("+")
        out = self.base / key
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E"]
        cmd += ["-D", f"html_theme={theme}", str(SITE), str(out)]
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        if live:
            # today from SOURCE_DATE_EPOCH, not from conf.py: lists the script may regroup
            env.update(IASSIST_SITE_TODAY="", SOURCE_DATE_EPOCH=str(int(BUILD_DAY.timestamp())))
        self._procs[key] = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )

    def get(self, theme: str, *, live: bool = False) -> tuple[Path, str]:
        """The output directory of ``theme`` and the build's warnings.

        ``live``: the build not pinned to ``iassist_today`` (the script regroups it)."""
        key = f"{theme}+live" if live else theme
        if key not in self._done:
            for wanted in sorted(self._themes):
                self._start(wanted)
            self._start(key)
            proc = self._procs[key]
            stdout, stderr = proc.communicate()
            if proc.returncode != 0:
                pytest.fail(f"sphinx-build with {key} failed:\n{stdout}\n{stderr}", pytrace=False)
            self._done[key] = (self.base / key, stderr)
        return self._done[key]

    def close(self) -> None:
        for proc in self._procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


@pytest.fixture(scope="session")
def sites(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Sites]:
    built = Sites(tmp_path_factory.mktemp("sites"), request.config.stash.get(_WANTED, set(THEMES)))
    yield built
    built.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM} (run .ci/browser-deps.sh as root)")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


Opener = Callable[..., Page]

#: Noon (UTC) of iassist_today in site/conf.py.
BUILD_DAY = datetime(2021, 4, 1, 12, tzinfo=UTC)


@pytest.fixture
def open_page(browser: Browser, sites: Sites) -> Iterator[Opener]:
    """Open a page of the test site as ``view`` sees it; contexts close after the test."""
    contexts: list[Any] = []

    def opener(
        view: View,
        page: str = "index",
        *,
        javascript: bool = True,
        before: Callable[[Page], None] | None = None,
        now: datetime | None = BUILD_DAY,
        live: bool = False,
    ) -> Page:
        out, _ = sites.get(view.theme, live=live)
        dark = view.mode == "dark"
        context = browser.new_context(
            viewport={"width": WIDTHS[view.width], "height": 900},
            color_scheme="dark" if dark else "light",
            reduced_motion="reduce",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        context.add_init_script(DARK_STORAGE if dark else LIGHT_STORAGE)
        tab = context.new_page()
        if now is not None and javascript:
            # The reader's clock on the day the site is built for, so that the regrouping
            # script (when there is one) agrees with the build.
            tab.clock.set_fixed_time(now)
        if before is not None:
            before(tab)
        tab.goto((out / f"{page}.html").as_uri(), wait_until="load")
        if javascript:
            tab.add_style_tag(content=NO_MOTION)
            tab.evaluate(COLOUR_JS)
        return tab

    yield opener
    for context in contexts:
        context.close()
