"""What differs between the supported Sphinx versions (8.x and 9.x)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def app_of(env: BuildEnvironment) -> Sphinx:
    """The application of an environment: ``env._app`` in Sphinx 9 (where ``env.app`` and
    transforms' ``.app`` are deprecated), ``env.app`` before."""
    app = getattr(env, "_app", None)
    return app if app is not None else env.app  # type: ignore[attr-defined]
