"""The browser script switches registration and CfP buttons, countdowns, deadline lists, an
event page's deadlines and ``:from:`` notices by the reader's clock (site-windows/, built on 1 January 2027 and not
pinned): before, during (more and fewer than 14 days left), on the last day and after each
window, and an ``AoE`` deadline seen from UTC+14 and UTC-12."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from iassist_browser import AXE_JS, HERE, build_html, reader_page, require
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SITE = HERE / "site-windows"
BUILD_DAY = datetime(2027, 1, 1, 12, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
REGISTER = ".iassist-action[data-iassist-action='register']"
CFP = ".iassist-action[data-iassist-action='cfp']"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_html(SITE, tmp_path_factory.mktemp("site-windows"), BUILD_DAY)


Opener = Callable[..., Page]


@pytest.fixture
def open_at(browser: Browser, site: Path) -> Iterator[Opener]:
    """Open ``page`` with the reader's clock at ``now`` in ``zone``; no script errors."""
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(now: datetime, zone: str = "Europe/Berlin", page: str = "index") -> Page:
        tab = reader_page(browser, site / f"{page}.html", now, zone, errors)
        contexts.append(tab.context)
        return tab

    yield opener
    for context in contexts:
        context.close()
    assert errors == []


def button(tab: Page, selector: str) -> dict[str, Any]:
    return tab.eval_on_selector(
        selector,
        """el => {
          const a = el.querySelector('a');
          const c = el.querySelector('.iassist-countdown');
          return {state: el.dataset.iassistWindow, href: a.getAttribute('href'),
                  disabled: a.getAttribute('aria-disabled'), text: a.textContent,
                  classes: [...a.classList], countdown: c ? c.textContent : null};
        }""",
    )


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def test_the_build_shows_both_windows_upcoming(open_at: Opener) -> None:
    tab = open_at(BUILD_DAY)
    register = button(tab, REGISTER)
    assert register["state"] == "upcoming" and register["href"] is None
    assert register["disabled"] == "true" and register["text"].startswith("Registration opens")


@pytest.mark.parametrize(
    ("now", "state", "countdown"),
    [
        (at(2027, 2, 28, 23, 59), "upcoming", None),  # before it opens
        (at(2027, 3, 1, 0, 0), "open", None),  # it opens; 91 days left
        (at(2027, 5, 25, 12), "open", "closes in 6 days"),  # under two weeks
        (at(2027, 5, 30, 12), "open", "closes in 1 day"),
        (at(2027, 5, 31, 1), "open", "closes in 23 hours"),  # its last day: hours
        (at(2027, 5, 31, 23, 30), "open", "closes in 1 hour"),
        (at(2027, 6, 1, 0, 0), "closed", None),  # after it closes
    ],
)
def test_registration_by_the_readers_clock(
    open_at: Opener, now: datetime, state: str, countdown: str | None
) -> None:
    register = button(open_at(now), REGISTER)
    assert register["state"] == state
    assert f"iassist-window-{state}" in register["classes"]
    assert register["countdown"] == countdown
    if state == "open":
        assert register["href"] == "https://conf.example.org/register"
        assert register["disabled"] is None and register["text"] == "Register"
    else:
        assert register["href"] is None and register["disabled"] == "true"
        expected = "Registration closed" if state == "closed" else "Registration opens"
        assert register["text"].startswith(expected)


@pytest.mark.parametrize(
    ("now", "zone", "countdown", "state"),
    [
        # 1 March AoE ends at 12:00 UTC on 2 March: 02:00 on 3 March in Kiritimati (UTC+14)
        (
            datetime(2027, 3, 2, 20, tzinfo=ZoneInfo("Pacific/Kiritimati")),
            "Pacific/Kiritimati",
            "closes in 6 hours",
            "open",
        ),
        (
            datetime(2027, 3, 3, 1, 30, tzinfo=ZoneInfo("Pacific/Kiritimati")),
            "Pacific/Kiritimati",
            "closes in 1 hour",
            "open",
        ),
        (
            datetime(2027, 3, 3, 2, 0, tzinfo=ZoneInfo("Pacific/Kiritimati")),
            "Pacific/Kiritimati",
            None,
            "closed",
        ),
        # and at UTC-12 the day is the deadline's own: two days before, then its last day
        (
            datetime(2027, 2, 27, 9, tzinfo=ZoneInfo("Etc/GMT+12")),
            "Etc/GMT+12",
            "closes in 2 days",
            "open",
        ),
        (
            datetime(2027, 2, 28, 23, tzinfo=ZoneInfo("Etc/GMT+12")),
            "Etc/GMT+12",
            "closes in 1 day",
            "open",
        ),
        (
            datetime(2027, 3, 1, 23, 59, tzinfo=ZoneInfo("Etc/GMT+12")),
            "Etc/GMT+12",
            "closes in 1 hour",
            "open",
        ),
        (datetime(2027, 3, 2, 0, 0, tzinfo=ZoneInfo("Etc/GMT+12")), "Etc/GMT+12", None, "closed"),
    ],
)
def test_an_aoe_call_from_both_ends_of_the_earth(
    open_at: Opener, now: datetime, zone: str, countdown: str | None, state: str
) -> None:
    cfp = button(open_at(now, zone), CFP)
    assert (cfp["state"], cfp["countdown"]) == (state, countdown)


def deadlines(tab: Page, nth: int) -> dict[str, list[list[str]]]:
    return tab.evaluate(
        """nth => {
          const list = document.querySelectorAll('.iassist-deadline-list')[nth];
          const items = sel => [...list.querySelectorAll(sel)]
            .filter(li => !li.hidden && !li.closest('[hidden]'))
            .map(li => [li.querySelector('.iassist-deadline-label').textContent,
                        li.querySelector('.iassist-distance').textContent]);
          return {upcoming: items(':scope > ul > li'),
                  passed: items(':scope > .iassist-group-passed li')};
        }""",
        nth,
    )


def test_deadlines_move_as_they_pass(open_at: Opener) -> None:
    tab = open_at(at(2027, 3, 3, 12))
    upcoming = deadlines(tab, 0)
    assert upcoming == {
        "upcoming": [["Notification", "in 29 days"], ["Registration closes", "in 89 days"]],
        "passed": [],
    }
    everything = deadlines(tab, 1)
    assert everything["upcoming"] == upcoming["upcoming"]
    assert everything["passed"] == [["Call for proposals closes", "passed"]]
    # after the last one, the upcoming list says there is nothing left
    tab = open_at(at(2027, 6, 2, 12))
    assert deadlines(tab, 0)["upcoming"] == []
    assert (
        tab.eval_on_selector(
            ".iassist-deadline-list .iassist-empty", "el => !el.hidden && el.textContent"
        )
        == "No deadlines to show."
    )


def detail_deadlines(tab: Page) -> list[tuple[str, str, bool]]:
    """Each deadline of the event page: its kind, its distance, whether it is passed."""
    return [
        tuple(row)
        for row in tab.evaluate(
            """() => [...document.querySelectorAll('.iassist-event-detail li.iassist-deadline')]
              .map(li => [[...li.classList].find(c => /^iassist-deadline-(registration|cfp|deadline)$/.test(c)),
                          li.querySelector('.iassist-distance').textContent,
                          li.classList.contains('iassist-deadline-passed')])"""
        )
    ]


REG, CFP_CLOSES, NOTE = (
    "iassist-deadline-registration",
    "iassist-deadline-cfp",
    "iassist-deadline-deadline",
)


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        # as built (1 January): every distance in days
        (
            BUILD_DAY,
            "Europe/Berlin",
            [
                (CFP_CLOSES, "(in 59 days)", False),
                (NOTE, "(in 90 days)", False),
                (REG, "(in 150 days)", False),
            ],
        ),
        # the call closed (1 March AoE), the others a day closer each day
        (
            at(2027, 3, 3, 12),
            "Europe/Berlin",
            [
                (CFP_CLOSES, "(passed)", True),
                (NOTE, "(in 29 days)", False),
                (REG, "(in 89 days)", False),
            ],
        ),
        # registration's last day (Berlin): hours
        (
            at(2027, 5, 31, 20),
            "Europe/Berlin",
            [
                (CFP_CLOSES, "(passed)", True),
                (NOTE, "(passed)", True),
                (REG, "(in 4 hours)", False),
            ],
        ),
        # the AoE call seen from UTC+14 on its last hours
        (
            datetime(2027, 3, 2, 20, tzinfo=ZoneInfo("Pacific/Kiritimati")),
            "Pacific/Kiritimati",
            [
                (CFP_CLOSES, "(in 6 hours)", False),
                (NOTE, "(in 30 days)", False),
                (REG, "(in 90 days)", False),
            ],
        ),
    ],
    ids=["built", "call-closed", "last-day", "aoe-from-utc+14"],
)
def test_an_event_pages_deadlines_move_with_the_readers_clock(
    open_at: Opener, now: datetime, zone: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert detail_deadlines(open_at(now, zone, page="detail")) == expected


def test_a_from_notice_shows_on_its_day(open_at: Opener) -> None:
    hidden = "el => el.hidden"
    assert open_at(at(2027, 2, 28, 23)).eval_on_selector(".iassist-notice", hidden) is True
    assert open_at(at(2027, 3, 1, 0, 30)).eval_on_selector(".iassist-notice", hidden) is False


AXE_OURS = """
async () => {
  const include = ['.iassist-action', '.iassist-deadline-list', '.iassist-notice']
    .filter(s => document.querySelector(s)).map(s => [s]);
  const result = await axe.run({include}, {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}
"""


@pytest.mark.parametrize(
    "now", [BUILD_DAY, at(2027, 5, 30, 12), at(2027, 6, 2, 12)], ids=["built", "open", "closed"]
)
def test_axe_finds_nothing_in_buttons_deadlines_and_notices(open_at: Opener, now: datetime) -> None:
    require(AXE_JS.is_file(), f"axe-core is not installed at {AXE_JS} (run .ci/browser-deps.sh)")
    tab = open_at(now)
    tab.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    assert tab.evaluate(AXE_OURS) == []
