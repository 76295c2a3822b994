"""The data of recurring events: ``rrule`` and ``exdates``, good and bad, located, bounded in
work, and in the schema."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from sphinx_iassist.dates.recurrence import RuleError, parse_rule
from sphinx_iassist.readers.catalog import load_catalog
from sphinx_iassist.readers.event import build_event
from sphinx_iassist.readers.schema import data_file_schema

CALL = {
    "id": "call",
    "title": "Community call",
    "start": "2026-01-13T16:00",
    "end": "2026-01-13T17:00",
    "timezone": "Europe/Berlin",
}
BERLIN = ZoneInfo("Europe/Berlin")


def read(**fields: object):  # type: ignore[no-untyped-def]
    return build_event({**CALL, **fields}, source="events.yaml")


def test_a_rule_is_kept_as_its_rrule_value() -> None:
    event, problems = read(rrule="RRULE:freq=weekly;interval=2;byday=TU")
    assert problems == []
    assert event is not None
    assert event.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert event.recurring


def test_an_event_without_a_rule_is_not_recurring() -> None:
    event, _ = read()
    assert event is not None and not event.recurring and event.exdates == ()


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=SECONDLY", "not supported"),
        ("FREQ=MINUTELY;INTERVAL=5", "not supported"),
        ("FREQ=HOURLY", "not supported"),
        ("INTERVAL=2", "no FREQ"),
        ("FREQ=WEEKLY;BYDAY=XX", "not a valid RFC 5545 rule"),
        ("FREQ=WEEKLY;UNTIL=20261231", "UTC"),
        ("FREQ=WEEKLY\nRRULE:FREQ=DAILY", "one RRULE value"),
        ("DTSTART:20260101T000000\nRRULE:FREQ=WEEKLY", "one RRULE value"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no occurrence"),
        ("FREQ=YEARLY;UNTIL=20250101T000000Z", "no occurrence"),
        ("", "empty"),
    ],
)
def test_a_bad_rule_is_a_located_warning_and_the_event_is_shown_once(
    rule: str, reason: str
) -> None:
    event, problems = read(rrule=rule, exdates=["2026-01-27"])
    assert event is not None and event.rrule is None and event.exdates == ()
    (problem,) = problems
    assert problem.field == "rrule" and not problem.fatal
    assert reason in problem.message and "ignored" in problem.message


def test_a_rule_that_is_not_text_is_ignored() -> None:
    event, problems = read(rrule=["FREQ=WEEKLY"])
    assert event is not None and event.rrule is None
    assert [p.field for p in problems] == ["rrule"]


@pytest.mark.parametrize(
    "rule",
    ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31;BYDAY=MO"],
)
def test_a_rule_that_never_happens_is_refused(rule: str) -> None:
    # dateutil alone searches every day up to the year 9999 for such a rule
    with pytest.raises(RuleError, match="no occurrence"):
        parse_rule(rule, datetime(1026, 1, 1, tzinfo=BERLIN))


@pytest.mark.parametrize(
    ("rule", "start", "first"),
    [
        # 29 February on a Tuesday: 2000, then 2028
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TU", date(2001, 1, 1), date(2028, 2, 29)),
        ("FREQ=MONTHLY;BYDAY=2TU", date(2026, 1, 14), date(2026, 2, 10)),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=FR", date(1999, 12, 28), date(1999, 12, 31)),
    ],
)
def test_a_rare_rule_is_accepted_and_starts_where_dateutil_says(
    rule: str, start: date, first: date
) -> None:
    parsed = parse_rule(rule, start)
    assert next(iter(parsed)).date() == first


def test_until_in_utc_is_accepted_for_a_timed_start() -> None:
    event, problems = read(rrule="FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z")
    assert problems == [] and event is not None and event.rrule is not None


def test_exdates_are_read_in_the_events_zone_and_a_date_means_that_days_occurrence() -> None:
    event, problems = read(rrule="FREQ=WEEKLY;BYDAY=TU", exdates=["2026-01-27", "2026-02-03T16:00"])
    assert problems == []
    assert event is not None
    assert event.exdates == (
        datetime(2026, 1, 27, 16, 0, tzinfo=BERLIN),
        datetime(2026, 2, 3, 16, 0, tzinfo=BERLIN),
    )


def test_an_all_day_events_exdates_are_dates() -> None:
    event, problems = build_event(
        {
            "id": "d",
            "title": "D",
            "start": "2026-01-05",
            "rrule": "FREQ=MONTHLY",
            "exdates": ["2026-03-05", "2026-04-05T10:00", "not a date"],
        }
    )
    assert event is not None and event.exdates == (date(2026, 3, 5),)
    assert [p.field for p in problems] == ["exdates", "exdates"]
    assert all(not p.fatal for p in problems)


def test_exdates_without_a_rule_are_ignored_with_a_warning() -> None:
    event, problems = read(exdates=["2026-01-27"])
    assert event is not None and event.exdates == ()
    assert [(p.field, p.fatal) for p in problems] == [("exdates", False)]


def test_warnings_are_located_at_their_field(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "events.yaml"
    data.write_text(
        "- id: call\n  title: Call\n  start: 2026-01-13T16:00\n  rrule: FREQ=MINUTELY\n",
        encoding="utf-8",
    )
    catalog = load_catalog([data])
    (problem,) = catalog.problems
    assert problem.line == 4 and "rrule" in problem.message
    assert [e.id for e in catalog.events] == ["call"]


def test_the_schema_knows_rrule_and_exdates() -> None:
    schema = data_file_schema()
    good = [{**CALL, "rrule": "FREQ=WEEKLY;BYDAY=TU", "exdates": ["2026-01-27"]}]
    jsonschema.validate(good, schema)
    for bad in ({"rrule": "FREQ=MINUTELY"}, {"rrule": 3}, {"exdates": [3]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([{**CALL, **bad}], schema)
