extensions = ["myst_parser", "sphinx_design", "sphinx_iassist"]
iassist_events = ["events.yaml"]
iassist_today = "2021-04-01"
iassist_timezone = "Europe/Stockholm"
exclude_patterns = ["_build", "locale"]
# The tests compile locale/<lang>/LC_MESSAGES/*.po into a temporary directory and point
# locale_dirs there; the default ("locales") does not exist here.
