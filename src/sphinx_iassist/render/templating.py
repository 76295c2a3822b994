"""Event HTML from autoescaped Jinja templates that a project may override.

A project overrides ``iassist/event.html`` (and the others) by placing a file of the same
name in a ``templates_path`` directory. A template that fails to load or render is a located
``iassist.template`` warning and the packaged template is used instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from sphinx_iassist.warnings import Subtype, warn

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"
TEMPLATES = {
    "list": "iassist/event.html",
    "buttons": "iassist/event-button.html",
    "cards": "iassist/event-card.html",
    "table": "iassist/event-row.html",
}


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader([*search_path, str(PACKAGE_TEMPLATES)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
    )


def template_dirs(confdir: str | Path, templates_path: list[str]) -> tuple[str, ...]:
    """The project's template directories, absolute, in ``templates_path`` order."""
    return tuple(str((Path(confdir) / p).resolve()) for p in templates_path)


def render(name: str, context: dict[str, Any], search_path: tuple[str, ...], location: Any) -> str:
    """Render template ``name``; on a project template's error warn and use ours."""
    try:
        return _environment(search_path).get_template(name).render(context)
    except TemplateError as exc:
        if not search_path:
            raise
        where = location
        if isinstance(exc, TemplateSyntaxError) and exc.filename:
            where = f"{exc.filename}:{exc.lineno}"
        warn(
            Subtype.TEMPLATE,
            f"template {name!r} failed ({type(exc).__name__}: {exc}); using the default template",
            location=where,
            once=True,
        )
        return _environment(()).get_template(name).render(context)
