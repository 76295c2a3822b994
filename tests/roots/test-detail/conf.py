extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-20"
iassist_organizer = {"name": "IASSIST", "url": "https://iassistdata.org"}
html_baseurl = "https://example.org/site/"
exclude_patterns = ["_build"]
