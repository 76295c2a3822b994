"""Shared fixtures: Sphinx's own testing fixtures and our test roots.

Every test that builds a site does it the way Sphinx's own tests do: a small root under
``tests/roots/test-<name>``, named by ``@pytest.mark.sphinx(buildername, testroot=...,
confoverrides=...)`` and built through the ``app`` fixture. A test that builds again
(incremental builds) or edits its sources builds a copy (:func:`site_copy`) with
``make_app`` (:func:`build_site`). Tests that look at one build from several angles share it with
``@pytest.mark.test_params(shared_result=...)``, one name per module.

Subprocesses are only for what needs a process of its own: memory and CPU limits, the
command line, LaTeX, the benchmark script and the browser suite's theme builds.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import warnings
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def site_copy(rootdir: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of test root ``test-<name>`` of this test's own, to edit and build again:
    ``site_copy("incremental")``, or ``site_copy("dropped", "serial")`` for several."""

    def copy(name: str, folder: str = "src") -> Path:
        srcdir = tmp_path / folder
        shutil.copytree(rootdir / f"test-{name}", srcdir)
        return srcdir

    return copy


#: the shared_result names whose build has run in this session
_SHARED_BUILDS: set[str] = set()


@pytest.fixture
def built(app: Any, test_params: dict[str, Any]) -> Any:
    """The test's ``app`` (as its ``@pytest.mark.sphinx`` says), built. Tests that share a
    build (``shared_result``) get it built once, by whichever of them runs first.

    Which one that is, is kept here rather than left to ``sphinx.testing``, whose app for a
    shared result builds only into an empty output folder: older sphinx-design releases
    write their static folder there as the app starts, so it would never build at all."""
    shared = test_params["shared_result"]
    if shared is None:
        app.build()
    elif shared not in _SHARED_BUILDS:
        _SHARED_BUILDS.add(shared)
        SphinxTestApp.build(app)  # the build the app for a shared result would skip
    return app


@pytest.fixture
def built_clean(built: Any) -> Any:
    """:func:`built`, and the build gave no warning."""
    assert warnings(built) == []
    return built


@pytest.fixture
def build_site(make_app: Callable[..., Any]) -> Callable[..., Any]:
    """``build_site(srcdir, buildername="html", **kwargs)``: an app for ``srcdir`` made by
    ``make_app``, built, then cleaned up (as ``sphinx-build`` ends), so that the next app
    of the test starts afresh; its output and streams stay readable. Called again for the
    same ``srcdir``, it builds incrementally, as ``sphinx-build`` run again would."""

    def build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> Any:
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser suite last.

    Its session-wide Chromium keeps a Playwright thread alive, and a process with other
    threads rightly never forks; the calendar writer's tests need one that may.
    """
    items.sort(key=lambda item: "browser" in item.path.parts)
