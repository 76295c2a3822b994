"""Deadlines in the calendars: entries of their own beside their event, all-day or timed
(in UTC), in the event's own file and in ``events.ics``; JSON-LD ``offers``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import html

ROOT = "windows"


def entries(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    confoverrides={"iassist_today": "2027-01-01", "html_baseurl": "https://example.org/"},
)
@pytest.mark.test_params(shared_result="deadline-calendar")
def test_the_events_own_file_has_its_deadlines(built: Any) -> None:
    found = entries(Path(built.outdir) / "_ics" / "conf.ics")
    assert set(found) == {
        "Data Conference 2027",
        "CfP closes: Data Conference 2027",
        "Notification of acceptance: Data Conference 2027",
        "Early bird: Data Conference 2027",
        "Registration closes: Data Conference 2027",
    }
    cfp = found["CfP closes: Data Conference 2027"]
    # 15 February, 18:00 AoE, as an instant in UTC, without an end
    assert cfp.decoded("DTSTART") == datetime(2027, 2, 16, 6, tzinfo=UTC)
    assert "DTEND" not in cfp
    domain = str(found["Data Conference 2027"]["UID"]).split("@", 1)[1]  # the event's
    assert str(cfp["UID"]) == f"conf-cfp-closes@{domain}"
    assert str(cfp["URL"]) == "https://conf.example.org/cfp"
    registration = found["Registration closes: Data Conference 2027"]
    assert registration.decoded("DTSTART") == date(2027, 5, 31)  # all day, on its day
    assert registration.decoded("DTEND") == date(2027, 6, 1)
    uids = [str(e["UID"]) for e in found.values()]
    assert len(set(uids)) == len(uids)
    assert f"conf-deadline-1@{domain}" in uids


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    confoverrides={"iassist_today": "2027-01-01", "html_baseurl": "https://example.org/"},
)
@pytest.mark.test_params(shared_result="deadline-calendar")
def test_every_calendar_has_the_deadlines_but_not_a_cancelled_events(built: Any) -> None:
    summaries = set(entries(Path(built.outdir) / "events.ics"))
    assert "CfP closes: Online Summit" in summaries
    assert "Travel grants: Online Summit" in summaries
    assert not any("Cancelled Workshop" in s and ":" in s for s in summaries)


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    confoverrides={"iassist_today": "2027-01-01", "html_baseurl": "https://example.org/"},
)
@pytest.mark.test_params(shared_result="deadline-calendar")
def test_json_ld_offers(built: Any) -> None:
    script = html(built, "conference").select_one('script[type="application/ld+json"]')
    assert script is not None
    data = json.loads(script.string)
    items = data if isinstance(data, list) else data.get("@graph", [data])
    event = next(i for i in items if i.get("name") == "Data Conference 2027")
    offer = event["offers"]
    assert offer["url"] == "https://conf.example.org/register"
    assert (offer["price"], offer["priceCurrency"]) == ("120", "EUR")
    assert offer["availabilityStarts"].startswith("2027-03-01T00:00:00")
    assert offer["availabilityEnds"].startswith("2027-06-01T00:00:00")
