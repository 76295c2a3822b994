"""Shared fixtures: Sphinx's own testing fixtures and our test roots."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser suite last.

    Its session-wide Chromium keeps a Playwright thread alive, and a process with other
    threads rightly never forks; the calendar writer's tests need one that may.
    """
    items.sort(key=lambda item: "browser" in item.path.parts)
