"""Every directive and role of sphinx-iassist, for PDF builds with each LaTeX engine."""

from sphinx_iassist.dates.formatting import Segment
from sphinx_iassist.nodes import FORMAT_CONTROLS, SPACES, date_range_node

extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]
project = "Events in PDF"
author = "Test"
copyright = "2021, Test"
version = release = "1"
exclude_patterns = ["_build"]

iassist_events = ["events.yaml"]
iassist_today = "2021-05-18"  # the virtual conference is under way
iassist_timezone = "Europe/Paris"
iassist_schedules = {"summit-2021": "programme.json"}
html_baseurl = "https://events.example.org/"

latex_documents = [("index", "events.tex", "Events in PDF", "Test", "manual")]


def layout_characters(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Every space and format control the extension rewrites for LaTeX, in a date range:
    whatever a future CLDR puts into a date, each one must typeset with each engine."""
    characters = "".join(SPACES) + "".join(FORMAT_CONTROLS)
    return [date_range_node([Segment(f"[{text}{characters}{text}]")])], []


def setup(app):
    app.add_role("layout-characters", layout_characters)
