"""A site of events whose instants are hard to write: zones before they were standardised
(offsets with seconds), and one event whose template writes an instant no browser reads."""

extensions = ["myst_parser", "sphinx_iassist"]

project = "Instants"
exclude_patterns = ["_build"]
language = "en"
templates_path = ["_templates"]

iassist_events = ["events.yaml"]
iassist_today = None  # SOURCE_DATE_EPOCH decides: the lists are not pinned
# the site's zone before 1972: UTC-00:44:30, for the lists that show times in it
iassist_timezone = "Africa/Monrovia"
iassist_ics = False

html_theme = "alabaster"
html_sidebars = {"**": []}
