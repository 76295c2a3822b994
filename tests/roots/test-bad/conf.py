extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml", "more.json", "missing.yaml", "broken.toml"]
iassist_today = "2021-04-01"
exclude_patterns = ["_build"]
