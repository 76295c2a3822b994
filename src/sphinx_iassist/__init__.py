"""sphinx-iassist: event data turned into the conference section of a Sphinx site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: the gettext domain of the labels the extension writes (``locale/<lang>/LC_MESSAGES/``)
MESSAGE_CATALOG = "sphinx_iassist"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx (``extensions = ["sphinx_iassist"]``)."""
    from sphinx_iassist.extension import setup_extension

    return setup_extension(app)
