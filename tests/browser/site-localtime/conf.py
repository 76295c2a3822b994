"""A site of timed events in their own zones, for the reader's local time beside them."""

extensions = ["myst_parser", "sphinx_iassist"]

project = "Local time"
exclude_patterns = ["_build"]
language = "en"

iassist_events = ["events.yaml"]
iassist_today = None  # SOURCE_DATE_EPOCH decides: the lists are not pinned
iassist_ics = False

html_theme = "alabaster"
html_sidebars = {"**": []}
