extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_timezone = "Mars/Olympus"
iassist_today = "the first of April"
iassist_date_format = "very long please"
iassist_ics = "yes"
iassist_ics_background = "sometimes"
exclude_patterns = ["_build"]
