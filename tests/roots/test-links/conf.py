extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
html_baseurl = "https://example.org/docs/"
exclude_patterns = ["_build"]
suppress_warnings = ["iassist.data"]  # the page that is no document: asserted in the test
