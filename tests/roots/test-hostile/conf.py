project = "Hostile"
copyright = "2021, the authors"
version = release = "1"
extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.json", "events.yaml"]
iassist_today = "2021-04-01"
exclude_patterns = ["_build"]
