extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2027-01-01"
exclude_patterns = ["_build"]
