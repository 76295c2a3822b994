# The build's day comes from SOURCE_DATE_EPOCH (the test sets it), so pages are not pinned
# and the browser script switches windows, countdowns, deadlines and notices.
project = "Windows"
extensions = ["myst_parser", "sphinx_iassist"]
iassist_events = ["events.yaml"]
exclude_patterns = ["_build"]
language = "en"
iassist_today = None
html_theme = "alabaster"
