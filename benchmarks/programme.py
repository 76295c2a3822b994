"""A generated programme for the ``programme`` benchmark: a frab schedule JSON of
``sessions`` sessions in ``rooms`` rooms over ``days`` days (deterministic), and the site
that shows it (a list page, a grid page and a speaker list), with its twin without the
programme."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2022, 6, 6)
CONF = """\
project = "iassist programme benchmark"
extensions = ["myst_parser", "sphinx_iassist"]
html_theme = "alabaster"
html_sidebars = {{"**": []}}
exclude_patterns = ["_build"]
iassist_events = ["events.yaml"]
iassist_today = "2022-01-01"
{schedules}
"""
EVENTS = """\
events:
  - id: bench-conf
    title: Benchmark Conference
    start: {start}
    end: {end}
    timezone: Europe/Berlin
"""
PAGES = {
    "list": "```{event-schedule}\n:event: bench-conf\n```\n",
    "grid": "```{event-schedule}\n:event: bench-conf\n:layout: grid\n```\n",
    "speakers": "```{speaker-list}\n:event: bench-conf\n```\n",
}


def schedule(sessions: int, rooms: int, days: int) -> dict[str, object]:
    """A frab schedule: sessions spread evenly over days and rooms, 45 minutes each with
    15-minute breaks from 09:00, one or two speakers each from a pool of about 2/3 as many."""
    names = [f"Room {chr(65 + r % 26)}{r // 26 or ''}" for r in range(rooms)]
    people = max(sessions * 2 // 3, 1)
    day_list = []
    for d in range(days):
        day = START + timedelta(days=d)
        day_list.append(
            {
                "index": d + 1,
                "date": day.isoformat(),
                "day_start": f"{day}T06:00:00+02:00",
                "day_end": f"{day + timedelta(days=1)}T03:59:00+02:00",
                "rooms": {name: [] for name in names},
            }
        )
    for n in range(sessions):
        d, rest = divmod(n, max(sessions // days, 1))
        d = min(d, days - 1)
        slot, room = divmod(rest, rooms)
        start = datetime.combine(START + timedelta(days=d), datetime.min.time()) + timedelta(
            hours=9 + slot
        )
        speakers = [n % people, (n * 7 + 3) % people][: 1 + n % 2]
        day_list[d]["rooms"][names[room]].append(  # type: ignore[index]
            {
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{n}")),
                "id": n + 1,
                "date": start.strftime("%Y-%m-%dT%H:%M:00+02:00"),
                "start": start.strftime("%H:%M"),
                "duration": "00:45",
                "room": names[room],
                "slug": f"bench-{n + 1}",
                "url": f"https://pretalx.example.org/bench/talk/{n + 1}/",
                "title": f"Session {n + 1}: a talk about data",
                "subtitle": "",
                "track": f"Track {n % 6 + 1}",
                "type": "Talk",
                "language": "en",
                "abstract": f"The abstract of session {n + 1}.\n\nA second paragraph.",
                "description": "",
                "persons": [{"code": f"P{p}", "public_name": f"Speaker {p:04d}"} for p in speakers],
                "links": [],
                "attachments": [],
                "do_not_record": False,
            }
        )
    return {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "bench",
                "title": "Benchmark Conference",
                "start": START.isoformat(),
                "end": (START + timedelta(days=days - 1)).isoformat(),
                "time_zone_name": "Europe/Berlin",
                "rooms": [{"name": name} for name in names],
                "days": day_list,
            },
        },
    }


def site(root: Path, *, programme: bool, sessions: int, rooms: int, days: int) -> Path:
    """The site; without ``programme`` the same pages hold a paragraph instead."""
    root.mkdir(parents=True, exist_ok=True)
    end = START + timedelta(days=days - 1)
    (root / "events.yaml").write_text(EVENTS.format(start=START, end=end), encoding="utf-8")
    schedules = ""
    if programme:
        data = schedule(sessions, rooms, days)
        (root / "programme.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
        schedules = 'iassist_schedules = {"bench-conf": "programme.json"}'
    (root / "conf.py").write_text(CONF.format(schedules=schedules), encoding="utf-8")
    for name, body in PAGES.items():
        text = body if programme else "A page without a programme.\n"
        (root / f"{name}.md").write_text(f"# {name.title()}\n\n{text}", encoding="utf-8")
    index = "# Programme\n\n```{toctree}\n" + "\n".join(PAGES) + "\n```\n"
    (root / "index.md").write_text(index, encoding="utf-8")
    return root
