extensions = ["myst_parser", "sphinx_iassist"]
project = "Local time"
iassist_events = ["events.yaml"]
iassist_today = "2030-01-10"
iassist_timezone = "America/New_York"
exclude_patterns = ["_build"]
