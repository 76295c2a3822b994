"""The stylesheet and the script, added for HTML builders only.

The script is ``static/iassist.js``, copied by Sphinx as it is. The stylesheet's source is
the template ``static/iassist.css.jinja`` (its dark palette is switched on by one macro,
used for each way a theme says "dark"). It is rendered once, kept in the doctree
directory with the digest of the template it came from, and rendered again only when
the template's bytes change, so a build does not compile it each time; it is written to
``_static/iassist.css`` only when that file's bytes differ.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
STYLESHEET_SOURCE = STATIC / "iassist.css.jinja"
# the names in _static/
CSS_FILES = ("iassist.css",)
JS_FILES = ("iassist.js",)
# under the doctree directory: the rendered stylesheet and the digest of its template
_RENDERED = Path("iassist", "iassist.css")
_DIGEST = Path("iassist", "iassist.css.sha256")


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the script joins ``html_static_path``.

    Added with the rest of the configuration, before Sphinx compares it with the previous
    build's: added later, the path would look like a configuration change on every build,
    and Sphinx 8.0 and 8.1 would write every page again. Only HTML builders read the value.
    """
    for path in (str(STATIC / name) for name in JS_FILES):
        if path not in config.html_static_path:
            config.html_static_path.append(path)


def rendered_stylesheet(doctreedir: Path) -> bytes:
    """The rendered ``iassist.css.jinja``: kept in ``doctreedir`` and rendered again only
    when the template's bytes differ from those it was rendered from."""
    source = STYLESHEET_SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()
    kept, stamp = doctreedir / _RENDERED, doctreedir / _DIGEST
    try:
        if stamp.read_text(encoding="ascii") == digest:
            return kept.read_bytes()
    except OSError:
        pass
    import jinja2

    css = jinja2.Environment(autoescape=False).from_string(source.decode("utf-8")).render()
    rendered = css.encode("utf-8")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(rendered)
        stamp.write_text(digest, encoding="ascii")
    except OSError:  # pragma: no cover - an unwritable doctree folder: render each build
        pass
    return rendered


def write_stylesheet(doctreedir: Path, static_dir: Path) -> None:
    """Write ``_static/iassist.css`` unless it already holds the rendered stylesheet."""
    css = rendered_stylesheet(doctreedir)
    target = static_dir / CSS_FILES[0]
    try:
        if target.read_bytes() == css:
            return
    except OSError:
        pass
    static_dir.mkdir(parents=True, exist_ok=True)
    target.write_bytes(css)


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: link our CSS/JS when the builder writes HTML, and write the
    stylesheet into its ``_static/`` (Sphinx copies its static files there later, and
    leaves other files as they are)."""
    if app.builder.format != "html":
        return
    write_stylesheet(Path(app.doctreedir), Path(app.outdir) / "_static")
    for name in CSS_FILES:
        app.add_css_file(name)
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")
