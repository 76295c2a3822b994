"""A site with a recurring community call, for the script's update of "next"."""

extensions = ["myst_parser", "sphinx_iassist"]

project = "Recurring"
exclude_patterns = ["_build"]
language = "en"

iassist_events = ["events.yaml"]
iassist_today = None  # SOURCE_DATE_EPOCH decides: the lists are not pinned
iassist_timezone = "UTC"

html_theme = "alabaster"
html_sidebars = {"**": []}
