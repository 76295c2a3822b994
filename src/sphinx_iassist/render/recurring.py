"""What a page shows of a recurring event: its rule in words and "next: <date>"."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sphinx_iassist import labels
from sphinx_iassist.dates.formatting import instant
from sphinx_iassist.dates.recurrence import upcoming
from sphinx_iassist.dates.rule_words import rule_words
from sphinx_iassist.model import Event
from sphinx_iassist.render.page import Page

#: how many upcoming occurrences a page lists for the browser script
BROWSER_OCCURRENCES = 12

__all__ = ["recurrence_context", "recurrence_text"]


def recurrence_context(page: Page, event: Event, *, next_shown: bool) -> dict[str, Any] | None:
    """The template context of ``event``'s recurrence (None for a one-off event): ``rule``,
    its rule in words; ``next``, whether the dates shown are its next (or current)
    occurrence, and the text ``before`` and ``after`` them ("next: %s"); for the browser
    script, ``occurrences`` (upcoming ``start/end`` UTC instants, space-separated), ``last``
    (whether they are all that remain), the event's ``zone``, whether it is ``all_day``, and whether the page is ``pinned``."""
    words = rule_words(event, page.locale)
    if words is None:
        return None
    before, _, after = str(labels.NEXT).partition("%s")
    found = _occurrences(page, event) if next_shown else ([], False)
    return {
        "rule": words,
        "next": next_shown,
        "before": before,
        "after": after,
        "occurrences": " ".join(found[0]),
        "last": found[1],
        "zone": event.timezone,
        "all_day": event.all_day,
        "pinned": page.pinned,
    }


def _occurrences(page: Page, event: Event) -> tuple[list[str], bool]:
    """The next :data:`BROWSER_OCCURRENCES` occurrences as ``start/end`` UTC instants (from
    the one under way or next on the build's day), and whether they are all that remain."""
    found = upcoming(event, page.today, page.zone, BROWSER_OCCURRENCES + 1)
    pairs = []
    for start, end in found[:BROWSER_OCCURRENCES]:
        shown = replace(event, start=start, end=end)
        pairs.append(f"{instant(shown.starts_at)}/{instant(shown.ends_at)}")
    return pairs, len(found) <= BROWSER_OCCURRENCES


def recurrence_text(page: Page, event: Event) -> str | None:
    """The rule in words, for the builders that get plain nodes."""
    return rule_words(event, page.locale)
