extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2026-01-21"
iassist_timezone = "UTC"
exclude_patterns = ["_build"]
