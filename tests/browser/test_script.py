"""Works without JavaScript (the build's grouping) and with it: the regrouping script moves
events between Forthcoming and Completed by the reader's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import Opener
from iassist_browser import GROUPS_JS, SCRIPT, THEMES, View, clock_at
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: Where the site's events stand on its build day, 2021-04-01 (site/events.yaml).
BUILD_DAY_GROUPS = {
    "iassist-2021-virtual": ("forthcoming", False),
    "iassist-2021-sweden": ("forthcoming", False),
    "iassist-2021-africa": ("completed", False),
    "spring-webinar": ("forthcoming", True),
    "curation-call": ("forthcoming", True),
    "metadata-workshop": ("forthcoming", False),
    "repository-day": ("completed", False),
    "ddi-training": ("completed", False),
}


def _standing(page: Page) -> dict[str, set[tuple[str, bool]]]:
    """Each event's (group, under way?) in the lists grouped by when."""
    found = page.evaluate(GROUPS_JS)
    return {
        event: {
            (p["group"], p["ongoing"]) for p in places if p["group"] in ("forthcoming", "completed")
        }
        for event, places in found.items()
    }


@pytest.mark.parametrize("theme", THEMES)
def test_without_javascript_the_page_shows_the_builds_grouping(
    open_page: Opener, theme: str
) -> None:
    page = open_page(View(theme, "light", "desktop"), "styles", javascript=False)
    standing = _standing(page)
    for event, place in BUILD_DAY_GROUPS.items():
        assert standing.get(event) == {place}, (event, standing.get(event))
    as_of = page.locator(".iassist-as-of").first
    assert "as of" in as_of.inner_text()
    assert as_of.locator("time").get_attribute("datetime") == "2021-04-01"
    headings = page.locator(".iassist-event-group-title").all_inner_texts()
    assert "Forthcoming" in headings
    assert "Completed" in headings


needs_script = pytest.mark.skipif(
    not SCRIPT.is_file(), reason=f"no regrouping script yet ({SCRIPT.name}, issue 3)"
)

#: The Global Virtual Conference, all-day May 17-20, 2021 (UTC): over at 2021-05-21T00:00Z.
CLOCK = [
    pytest.param(datetime(2021, 5, 16, 23, 59, tzinfo=UTC), "forthcoming", False, id="before"),
    pytest.param(datetime(2021, 5, 17, 0, 0, tzinfo=UTC), "forthcoming", True, id="first-minute"),
    pytest.param(datetime(2021, 5, 18, 12, 0, tzinfo=UTC), "forthcoming", True, id="during"),
    pytest.param(datetime(2021, 5, 20, 23, 59, tzinfo=UTC), "forthcoming", True, id="last-minute"),
    pytest.param(datetime(2021, 5, 21, 0, 0, tzinfo=UTC), "completed", False, id="just-over"),
    pytest.param(datetime(2021, 6, 1, 12, 0, tzinfo=UTC), "completed", False, id="after"),
]


@needs_script
@pytest.mark.parametrize(("when", "group", "ongoing"), CLOCK)
@pytest.mark.parametrize("theme", ["furo", "alabaster"])
def test_script_regroups_by_the_readers_clock(
    open_page: Opener, theme: str, when: datetime, group: str, ongoing: bool
) -> None:
    view = View(theme, "light", "desktop")
    page = open_page(view, "styles", before=clock_at(when), now=None, live=True)
    standing = _standing(page)
    assert standing["iassist-2021-virtual"] == {(group, ongoing)}, standing["iassist-2021-virtual"]
    badge = page.locator('[data-event-id="iassist-2021-virtual"] .iassist-ongoing').first
    if ongoing:
        assert badge.inner_text().strip() == "Happening now"
    # The index page's buttons move the same way.
    index = open_page(view, "index", before=clock_at(when), now=None, live=True)
    assert _standing(index)["iassist-2021-virtual"] == {(group, ongoing)}


@needs_script
@pytest.mark.parametrize("theme", ["pydata_sphinx_theme"])
def test_script_keeps_the_builds_grouping_on_the_build_day(open_page: Opener, theme: str) -> None:
    page = open_page(View(theme, "light", "desktop"), "styles", live=True)
    standing = _standing(page)
    for event, place in BUILD_DAY_GROUPS.items():
        assert standing.get(event) == {place}, (event, standing.get(event))


@needs_script
def test_script_leaves_a_list_pinned_to_iassist_today_as_built(open_page: Opener) -> None:
    """With iassist_today in conf.py the page shows that day, whatever the reader's clock."""
    later = clock_at(datetime(2021, 6, 1, 12, tzinfo=UTC))
    page = open_page(View("furo", "light", "desktop"), "styles", before=later, now=None)
    standing = _standing(page)
    for event, place in BUILD_DAY_GROUPS.items():
        assert standing.get(event) == {place}, (event, standing.get(event))


@needs_script
def test_script_ends_a_timed_event_at_its_end_instant(open_page: Opener) -> None:
    """Curation Call: 09:00 to 23:30 UTC on 2021-04-01."""
    view = View("furo", "light", "desktop")
    during = open_page(
        view,
        "styles",
        before=clock_at(datetime(2021, 4, 1, 23, 29, tzinfo=UTC)),
        now=None,
        live=True,
    )
    assert _standing(during)["curation-call"] == {("forthcoming", True)}
    after = open_page(
        view,
        "styles",
        before=clock_at(datetime(2021, 4, 1, 23, 31, tzinfo=UTC)),
        now=None,
        live=True,
    )
    assert _standing(after)["curation-call"] == {("completed", False)}
