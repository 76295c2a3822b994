"""Render ``static/iassist.css`` from its source, ``static/iassist.css.jinja``.

    python tools/render_stylesheet.py           # write iassist.css if it differs
    python tools/render_stylesheet.py --check   # change nothing; exit 1 if it is out of date

The source writes the dark palette's rules with Jinja macros. The rendered stylesheet is
committed and shipped as a plain static file, so a build copies it instead of compiling and
rendering the template again (about 10 ms of every build, one with nothing to do too). It
is rendered with Sphinx's own template renderer, as Sphinx renders a ``.jinja`` static file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx.util.template import SphinxRenderer

STATIC = Path(__file__).resolve().parents[1] / "src" / "sphinx_iassist" / "static"
SOURCE = STATIC / "iassist.css.jinja"
TARGET = STATIC / "iassist.css"


def rendered() -> str:
    """The stylesheet as its source renders it (it takes no context)."""
    return SphinxRenderer().render_string(SOURCE.read_text(encoding="utf-8"), {})


def up_to_date() -> bool:
    """Whether the committed stylesheet is what its source renders."""
    return TARGET.is_file() and TARGET.read_text(encoding="utf-8") == rendered()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if it is out of date")
    args = parser.parse_args(argv)
    if up_to_date():
        return 0
    if args.check:
        print(f"{TARGET} is out of date: run python tools/render_stylesheet.py", file=sys.stderr)
        return 1
    TARGET.write_text(rendered(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
