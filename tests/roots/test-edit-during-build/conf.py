"""A site whose data file is saved again while it builds (see ``edit_the_data``)."""

from pathlib import Path

extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
exclude_patterns = ["_build"]
html_sidebars = {"**": []}

DATA = Path(__file__).parent / "events.yaml"


def edit_the_data(app, docname, source):
    """An author saves a new title while the build reads page-06 (once)."""
    if docname == "page-06":
        text = DATA.read_text(encoding="utf-8")
        if "Old Title" in text:
            DATA.write_text(text.replace("Old Title", "New Title"), encoding="utf-8")


def setup(app):
    app.connect("source-read", edit_the_data)
