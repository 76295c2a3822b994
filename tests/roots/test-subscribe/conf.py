extensions = ["myst_parser", "sphinx_iassist"]
project = "Data Society"
iassist_events = ["events.yaml"]
iassist_today = "2030-01-10"
exclude_patterns = ["_build"]
