"""The lowest-versions run tests what pyproject.toml declares.

``.ci/constraints-lowest.txt`` pins every runtime dependency at the lower bound that
``pyproject.toml`` declares, so that the ``lowest`` tox env and CI step install exactly the
oldest releases a user may have.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
#: not bounded in pyproject.toml: pinned to the lowest that the lowest Sphinx accepts
CHOSEN_BY_SPHINX = {"docutils"}


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = (Requirement(line) for line in project["dependencies"])
    return {canonicalize_name(r.name): r for r in requirements}


def pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "constraints-lowest.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_runtime_dependency_is_pinned_at_its_lower_bound() -> None:
    requirements, pins = declared(), pinned()
    assert pins.keys() == requirements.keys()
    for name, requirement in requirements.items():
        lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        if name in CHOSEN_BY_SPHINX:
            assert lower == [], f"{name} is bounded now: pin its bound, not Sphinx's choice"
            continue
        assert lower == [Version(pins[name])], (name, str(requirement.specifier), pins[name])


#: the upper bounds pyproject.toml may declare, each for a known break (none today)
KNOWN_BREAKS: dict[str, str] = {}


def test_upper_bounds_only_where_a_break_is_known() -> None:
    """A cap keeps users from fixes: add one only with the break it avoids, here and in a
    comment next to it in pyproject.toml."""
    capped = {
        name: str(r.specifier)
        for name, r in declared().items()
        if any(s.operator in {"<", "<=", "~=", "==", "==="} for s in r.specifier)
    }
    assert capped == KNOWN_BREAKS
