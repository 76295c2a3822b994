"""A project that adds a language sphinx-iassist does not ship (Dutch) from its own files."""

from pathlib import Path

extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
exclude_patterns = ["_build", "locale-extra"]


def setup(app):
    # The test compiles locale-extra/nl/LC_MESSAGES/sphinx_iassist.po to .mo first.
    app.add_message_catalog("sphinx_iassist", str(Path(__file__).parent / "locale-extra"))
