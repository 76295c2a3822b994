"""Event HTML from autoescaped Jinja templates that a project may override.

A project overrides ``iassist/event.html`` (and the others) by placing a file of the same
name in a ``templates_path`` directory. A template that fails to load or render is a located
``iassist.template`` warning and the packaged template is used instead.

The packaged templates include small partials (``iassist/_title.html`` and the others). A
Jinja ``include`` looks the partial up and builds a new context each time it runs, once per
event and partial; so when the project has not overridden a partial, the loader puts its
text in place of the ``include`` in the packaged templates, which then render as one
template. A partial the project overrides stays an ``include`` (and is the project's), and
a project's own templates are loaded as they are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment

from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"
TEMPLATES = {
    "list": "iassist/event.html",
    "buttons": "iassist/event-button.html",
    "cards": "iassist/event-card.html",
    "table": "iassist/event-row.html",
}


#: ``{% include "iassist/_<partial>.html" %}``, plain (no whitespace control, no options)
_INCLUDE = re.compile(r'\{% include "(iassist/_[\w-]+\.html)" %\}')
#: a partial's leading comment and, when it ends with ``-#}``, the whitespace it strips
_LEADING_COMMENT = re.compile(r"\A\{#-?.*?(?:-#\}\s*|#\})", re.DOTALL)
_STRIPS_OUTSIDE = ("{%-", "{{-", "{#-")


class _Loader(FileSystemLoader):
    """The project's directories, then ours; our partials inlined into our templates."""

    def __init__(self, search_path: tuple[str, ...]) -> None:
        super().__init__([*search_path, str(PACKAGE_TEMPLATES)])
        self._project = tuple(Path(p) for p in search_path)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if self._overridden(template):
            return source, filename, uptodate
        checks = [uptodate]

        def inline(match: re.Match[str]) -> str:
            name = match.group(1)
            if self._overridden(name):
                return match.group(0)
            text, _, partial_uptodate = self.get_source(environment, name)
            body = _inlinable(text)
            if body is None:
                return match.group(0)
            checks.append(partial_uptodate)
            return body

        inlined = _INCLUDE.sub(inline, source)
        return inlined, filename, lambda: all(check() for check in checks)

    def _overridden(self, name: str) -> bool:
        return any((folder / name).is_file() for folder in self._project)


def _inlinable(source: str) -> str | None:
    """A partial's text as it renders in place of its ``include``: without its leading
    comment and the final newline Jinja drops; None when whitespace control at either end
    would reach outside it."""
    body = _LEADING_COMMENT.sub("", source, count=1).removesuffix("\n")
    if body.startswith(_STRIPS_OUTSIDE) or body.endswith(("-%}", "-}}", "-#}")):
        return None
    return body


#: what ``getattr`` finds on any dict: its methods and those of ``object``
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(SandboxedEnvironment):
    """The sandbox, with ``event.title`` on a dict looked up as Jinja does, only faster.

    Jinja tries the attribute first and, when the object has none (which raises and catches
    an ``AttributeError``), the item; every context is made of dicts, so a page of events
    did that tens of thousands of times. A dict's attributes are known in advance: a name
    that is none of them is looked up as an item straight away, with the same result.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> SandboxedEnvironment:
    return _Environment(
        loader=_Loader(search_path),
        autoescape=True,
        undefined=StrictUndefined,
        # the templates are read once per build (see reload_templates), not checked on
        # disk for every event
        auto_reload=False,
        trim_blocks=False,
        keep_trailing_newline=False,
    )


def reload_templates(app: Sphinx) -> None:
    """``builder-inited``: read the templates afresh (a project's may have changed since
    a build in the same process)."""
    _environment.cache_clear()


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
