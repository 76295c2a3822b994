"""The browser suite's test site: every directive, style and tone of sphinx-iassist.

The theme is chosen on the command line (``-D html_theme=furo``); conftest.py builds the
site once per theme and session.
"""

extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]

project = "Events"
root_doc = "index"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
language = "en"

iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
iassist_timezone = "UTC"

html_theme = "alabaster"
html_static_path: list[str] = []
html_last_updated_fmt = None
