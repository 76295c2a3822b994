"""The stylesheet (and script) shipped in ``static/``, added for HTML builders only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
CSS_FILES = ("iassist.css",)
JS_FILES = ("iassist.js",)


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: copy and link our CSS/JS when the builder writes HTML."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC))
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")
