"""The stylesheet (and script) shipped in ``static/``, added for HTML builders only.

``static/iassist.css`` is rendered from ``static/iassist.css.jinja`` when the source
changes (``tools/render_stylesheet.py``; a test checks they agree) and copied as it is:
a build does not render a template for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
# the names in _static/, copied from static/
CSS_FILES = ("iassist.css",)
JS_FILES = ("iassist.js",)


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: our stylesheet and script join ``html_static_path`` (as files:
    the stylesheet's source stays out of the output).

    Added with the rest of the configuration, before Sphinx compares it with the previous
    build's: added later, the folder would look like a configuration change on every build,
    and Sphinx 8.0 and 8.1 would write every page again. Only HTML builders read the value.
    """
    for name in (*CSS_FILES, *JS_FILES):
        path = str(STATIC / name)
        if path not in config.html_static_path:
            config.html_static_path.append(path)


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: link our CSS/JS when the builder writes HTML."""
    if app.builder.format != "html":
        return
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")
