extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
exclude_patterns = ["_build"]
html_sidebars = {"**": []}
