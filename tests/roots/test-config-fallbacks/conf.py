extensions = ["myst_parser", "sphinx_iassist"]
language = "zh_TW"
iassist_events = ["events.yaml"]
iassist_today = "2021-05-01"
iassist_date_format = "medium"
exclude_patterns = ["_build"]
