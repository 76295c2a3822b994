"""The browser suite's test site: every directive, style and tone of sphinx-iassist.

The theme is chosen on the command line (``-D html_theme=furo``); conftest.py builds the
site once per theme and session.
"""

import os

extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]

project = "Events"
root_doc = "index"
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
language = "en"

iassist_events = ["events.yaml"]
iassist_schedules = {"spring-webinar": "programme.json"}
# The browser suite also builds a "live" variant with IASSIST_SITE_TODAY="" and
# SOURCE_DATE_EPOCH on 2021-04-01: the same grouping, but not pinned to a configured date,
# so the regrouping script follows the reader's clock.
iassist_today = os.environ.get("IASSIST_SITE_TODAY", "2021-04-01") or None
iassist_timezone = "UTC"

# the published address: calendar-subscribe boxes give webcal:// and https:// addresses
html_baseurl = "https://events.example.org/"

html_theme = "alabaster"
html_static_path: list[str] = []
html_last_updated_fmt = None
