"""The fields of an event's own page and its windows: description, organizer, image,
location details and countries, online_url, recording, announced, registration, cfp and
deadlines; each good and bad, located, in the schema and through ``validate``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sphinx_iassist.countries import country_code, country_name
from sphinx_iassist.model import Organizer
from sphinx_iassist.readers.catalog import Problem, load_catalog
from sphinx_iassist.readers.event import build_event
from sphinx_iassist.readers.schema import data_file_schema
from sphinx_iassist.values import valid_timezone, zone_info

BASE = {"id": "e", "title": "E", "start": "2021-05-17", "end": "2021-05-20"}
STOCKHOLM = "Europe/Stockholm"


def event(**fields: object):  # type: ignore[no-untyped-def]
    found, problems = build_event({**BASE, **fields}, default_timezone=STOCKHOLM, source="")
    return found, problems


def good(**fields: object):  # type: ignore[no-untyped-def]
    found, problems = event(**fields)
    assert found is not None and problems == [], problems
    return found


def kept_with(field: str, pattern: str, **fields: object):  # type: ignore[no-untyped-def]
    """The event is kept; one warning about ``field`` matching ``pattern``."""
    import re

    found, problems = event(**fields)
    assert found is not None, problems
    assert [(p.field, p.fatal) for p in problems] == [(field, False)], problems
    assert re.search(pattern, problems[0].message), problems[0].message
    return found


def dropped_with(field: str, pattern: str, **fields: object) -> None:
    import re

    found, problems = event(**fields)
    assert found is None
    assert any(p.field == field and re.search(pattern, p.message) for p in problems), problems


# -- description, organizer, links, announced ---------------------------------------------------


def test_description_paragraphs_are_plain_text() -> None:
    found = good(description="First  line\ngoes on.\n\n  \nSecond <b>para</b>.\n")
    assert found.description == ("First line goes on.", "Second <b>para</b>.")


def test_description_must_be_text() -> None:
    dropped_with("description", "must be text", description=["a"])
    dropped_with("description", "must not be empty", description=" \n\n ")


def test_organizer_name_or_mapping() -> None:
    assert good(organizer="IASSIST").organizer == Organizer("IASSIST")
    found = good(organizer={"name": "IASSIST", "url": "https://iassistdata.org"})
    assert found.organizer == Organizer("IASSIST", "https://iassistdata.org")


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ({"url": "https://x.org"}, "needs a 'name'"),
        ({"name": "X", "url": "javascript:alert(1)"}, "'organizer.url' must be an absolute"),
        ({"name": "X", "email": "a@b"}, "unknown key"),
        ([1], "must be text"),
    ],
)
def test_bad_organizer(value: object, pattern: str) -> None:
    dropped_with("organizer", pattern, organizer=value)


@pytest.mark.parametrize("name", ["online_url", "recording"])
def test_links(name: str) -> None:
    assert getattr(good(**{name: "https://example.org/a"}), name) == "https://example.org/a"
    dropped_with(name, f"'{name}' must be an absolute http", **{name: "https://x.org/a b"})
    dropped_with(name, f"'{name}' must be an absolute http", **{name: "javascript:x"})


def test_join_url_defaults_to_url() -> None:
    assert good(url="https://example.org").join_url == "https://example.org"
    found = good(url="https://example.org", online_url="https://example.org/join")
    assert found.join_url == "https://example.org/join"


def test_announced_is_a_date() -> None:
    assert good(announced="2020-10-01").announced == date(2020, 10, 1)
    dropped_with("announced", "must be a date", announced="2020-10-01T10:00")
    dropped_with("announced", "not an ISO date", announced="soon")


# -- location and countries -------------------------------------------------------------------


def test_location_address_and_postal_code() -> None:
    found = good(
        location={
            "venue": "Chalmers",
            "address": "Chalmersplatsen 1",
            "postal_code": "412 96",
            "city": "Gothenburg",
            "country": "SE",
        }
    )
    loc = found.location
    assert (loc.address, loc.postal_code, loc.country_code) == ("Chalmersplatsen 1", "412 96", "SE")
    assert loc.full() == ("Chalmers", "Chalmersplatsen 1", "412 96 Gothenburg", "SE")
    assert loc.display("Sweden") == "Chalmers, Gothenburg, Sweden"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("SE", "SE"),
        ("SWE", "SE"),
        ("Sweden", "SE"),
        ("sweden", "SE"),
        ("USA", "US"),
        ("Narnia", None),
    ],
)
def test_country_names_and_codes(given: str, code: str | None) -> None:
    loc = good(location={"city": "X", "country": given}).location
    assert (loc.country, loc.country_code) == (given, code)


@pytest.mark.parametrize("code", ["XX", "EU", "ZZZ"])
def test_bad_country_code(code: str) -> None:
    dropped_with("location", "no ISO 3166-1 country code", location={"country": code})


def test_country_name_in_the_pages_language() -> None:
    assert country_code("DEU") == "DE"
    assert country_name("SE", "de") == "Schweden"
    assert country_name("SE", "xx-unknown") == "Sweden"


def test_location_keys_are_exact() -> None:
    dropped_with("location", "unknown key", location={"street": "x"})


# -- image --------------------------------------------------------------------------------------


def test_image_url_or_file(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(b"\x89PNG")
    source = str(tmp_path / "events.yaml")
    found, problems = build_event({**BASE, "image": "img/logo.png"}, source=source)
    assert problems == [] and found is not None
    assert found.image == str((tmp_path / "img" / "logo.png").resolve()) and found.image_is_file
    found, _ = build_event({**BASE, "image": "https://example.org/a.png"}, source=source)
    assert found is not None and found.image == "https://example.org/a.png"
    assert not found.image_is_file


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("missing.png", "file 'missing.png' not found"),
        ("/etc/passwd", "relative to the data file"),
        ("javascript:alert(1)", "must be an absolute http"),
        (["a"], "must be a URL or a path"),
    ],
)
def test_bad_image_is_left_out(tmp_path: Path, value: object, pattern: str) -> None:
    found, problems = build_event({**BASE, "image": value}, source=str(tmp_path / "e.yaml"))
    assert found is not None and found.image is None
    assert [(p.field, p.fatal) for p in problems] == [("image", False)]
    assert pattern in problems[0].message


# -- AoE and the windows ------------------------------------------------------------------------


def test_aoe_is_a_zone() -> None:
    assert valid_timezone("AoE") and not valid_timezone("aoe")
    assert datetime(2021, 1, 1, tzinfo=zone_info("AoE")).utcoffset().total_seconds() == -12 * 3600
    found = good(timezone="AoE", start="2021-05-17T10:00", end="2021-05-17T12:00")
    assert found.starts_at == datetime(2021, 5, 17, 22, 0, tzinfo=UTC)


def test_registration_window() -> None:
    found = good(
        registration={
            "url": "https://example.org/register",
            "opens": "2021-01-15",
            "closes": "2021-05-01T12:00",
            "price": "EUR 120",
        }
    )
    window = found.registration
    tz = ZoneInfo(STOCKHOLM)
    assert window.opens.at == datetime(2021, 1, 15, tzinfo=tz)  # a date opens at its start
    assert window.opens.given == date(2021, 1, 15) and window.opens.all_day
    assert window.closes.at == datetime(2021, 5, 1, 12, tzinfo=tz)
    assert (window.price, window.free) == ("EUR 120", False)


def test_free_and_own_timezone_and_offset() -> None:
    found = good(
        registration={"url": "https://x.org", "closes": "2021-05-01", "price": "Free"},
        cfp={"url": "https://x.org/cfp", "closes": "2021-02-01", "timezone": "AoE"},
        deadlines=[{"label": "Camera-ready", "at": "2021-04-01T23:59+02:00"}],
    )
    assert found.registration.free and found.registration.price is None
    # a date alone closes at the end of that day, in the window's own zone
    assert found.registration.closes.at == datetime(2021, 5, 2, tzinfo=ZoneInfo(STOCKHOLM))
    assert found.cfp.closes.at.astimezone(UTC) == datetime(2021, 2, 2, 12, tzinfo=UTC)
    assert found.cfp.closes.zone == "AoE"
    assert found.deadlines[0].at.at.astimezone(UTC) == datetime(2021, 4, 1, 21, 59, tzinfo=UTC)


def test_deadlines_are_sorted_and_bad_ones_left_out() -> None:
    found, problems = event(
        deadlines=[
            {"label": "Notification", "at": "2021-03-01", "url": "https://x.org/n"},
            {"label": "Early bird", "at": "2021-02-01"},
            {"label": "Bad", "at": "soon"},
            {"at": "2021-02-01"},
        ]
    )
    assert found is not None
    assert [d.label for d in found.deadlines] == ["Early bird", "Notification"]
    assert [(p.field, p.fatal) for p in problems] == [("deadlines", False)] * 2
    assert "'deadlines[3].at' is not an ISO date" in problems[0].message
    assert "'deadlines[4]' needs 'label'" in problems[1].message


@pytest.mark.parametrize(
    ("field", "value", "pattern"),
    [
        ("registration", {"opens": "2021-01-01"}, "needs a 'url'"),
        ("registration", "https://x.org", "must be a mapping"),
        ("registration", {"url": "https://x.org", "fee": 3}, "unknown key"),
        ("cfp", {"url": "https://x.org", "price": "free"}, "unknown key"),
        ("cfp", {"url": "ftp://x.org"}, "'cfp.url' must be an absolute"),
        ("cfp", {"url": "https://x.org", "timezone": "Mars/Base"}, "'cfp.timezone'"),
        (
            "registration",
            {"url": "https://x.org", "opens": "2021-03-01", "closes": "2021-02-01"},
            r"'registration.closes' \(2021-02-01\) is before 'registration.opens'",
        ),
        (
            "cfp",
            {"url": "https://x.org", "closes": "2021-03-28T02:30"},
            "does not exist in Europe/Stockholm",
        ),
        (
            "cfp",
            {"url": "https://x.org", "closes": "2021-10-31T02:30"},
            "happens twice in Europe/Stockholm",
        ),
        ("deadlines", "2021-01-01", "must be a list"),
    ],
)
def test_bad_windows_are_left_out_and_the_event_kept(
    field: str, value: object, pattern: str
) -> None:
    found = kept_with(field, pattern, **{field: value})
    assert not getattr(found, field)


def test_window_closing_after_the_event_is_kept_with_a_warning() -> None:
    found = kept_with(
        "cfp",
        r"'cfp.closes' \(2021-05-21\) is after the event ends",
        cfp={"url": "https://x.org", "closes": "2021-05-21"},
    )
    assert found.cfp is not None
    good(cfp={"url": "https://x.org", "closes": "2021-05-20"})  # its last day is fine


# -- located, in files; schema; validate --------------------------------------------------------

YAML = """\
events:
  - id: ok
    title: OK
    start: 2021-05-17
    registration:
      url: https://example.org/r
      closes: 2021-06-01
    deadlines:
      - label: x
        at: never
    image: nothing.png
"""


def test_problems_are_located_at_the_field(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(YAML, encoding="utf-8")
    catalog = load_catalog([path])
    assert catalog.get("ok") is not None
    assert sorted((p.line, p.field) for p in catalog.problems) == [
        (5, "registration"),
        (8, "deadlines"),
        (11, "image"),
    ]
    assert all(isinstance(p, Problem) and not p.fatal for p in catalog.problems)


def test_schema_knows_the_new_fields() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(data_file_schema())
    full = {
        **BASE,
        "description": "A.\n\nB.",
        "organizer": {"name": "IASSIST", "url": "https://iassistdata.org"},
        "image": "img/a.png",
        "location": {"address": "Main St 1", "postal_code": "123", "country": "SE"},
        "online_url": "https://x.org/join",
        "recording": "https://x.org/rec",
        "announced": "2020-01-01",
        "registration": {"url": "https://x.org", "closes": "2021-05-01", "price": "free"},
        "cfp": {"url": "https://x.org", "opens": "2021-01-01", "timezone": "AoE"},
        "deadlines": [{"label": "x", "at": "2021-02-01", "url": "https://x.org"}],
    }
    assert list(validator.iter_errors([full])) == []
    for bad in (
        {"registration": {"closes": "2021-05-01"}},
        {"cfp": {"url": "https://x.org", "price": "1"}},
        {"deadlines": [{"label": "x"}]},
        {"organizer": {"url": "https://x.org"}},
        {"announced": "2021-01-01T10:00"},
    ):
        assert list(validator.iter_errors([{**BASE, **bad}])), bad
    json.dumps(data_file_schema())


def test_validate_reports_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx_iassist.cli import main

    path = tmp_path / "events.yaml"
    path.write_text(YAML, encoding="utf-8")
    main(["validate", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:5:" in out and f"{path}:8:" in out and f"{path}:11:" in out


# -- iassist_organizer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "used", "warned"),
    [
        (None, None, False),
        ("IASSIST", "IASSIST", False),
        ({"name": "IASSIST", "url": "https://iassistdata.org"}, None, False),
        ({"name": "IASSIST", "url": "javascript:x"}, None, True),
        ({"url": "https://x.org"}, None, True),
        (["IASSIST"], None, True),
    ],
)
def test_iassist_organizer_check(value: object, used: object, warned: bool) -> None:
    from sphinx_iassist.config import CONFIG_VALUES, organizer_of

    check = next(v.check for v in CONFIG_VALUES if v.name == "iassist_organizer")
    kept, problem = check(value, None)  # type: ignore[arg-type]
    assert (problem is not None) == warned
    assert kept == (None if warned else value)
    if not warned and value is not None:
        assert organizer_of(value) == (
            Organizer("IASSIST") if used else Organizer("IASSIST", "https://iassistdata.org")
        )
