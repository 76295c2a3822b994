"""The stylesheet (and script) shipped in ``static/``, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
# the names in _static/: Sphinx renders static/iassist.css.jinja to iassist.css as it copies it
CSS_FILES = ("iassist.css",)
JS_FILES = ("iassist.js",)


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: our ``static/`` folder joins ``html_static_path``.

    Added with the rest of the configuration, before Sphinx compares it with the previous
    build's: added later, the folder would look like a configuration change on every build,
    and Sphinx 8.0 and 8.1 would write every page again. Only HTML builders read the value.
    """
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: link our CSS/JS when the builder writes HTML."""
    if app.builder.format != "html":
        return
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")
