extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]
project = "Add to calendar"
iassist_events = ["events.yaml"]
iassist_today = "2030-01-10"
exclude_patterns = ["_build"]
