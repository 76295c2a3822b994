extensions = ["myst_parser", "sphinx_iassist"]
project = "Programme"
iassist_events = "events.yaml"
iassist_schedules = {"summit": "programme.json", "nowhere": "programme.json"}
iassist_today = "2024-06-01"
