"""What a page shows of a recurring event: its rule in words and "next: <date>"."""

from __future__ import annotations

from typing import Any

from sphinx_iassist import labels
from sphinx_iassist.model import Event
from sphinx_iassist.render.page import Page
from sphinx_iassist.rule_words import rule_words

__all__ = ["recurrence_context", "recurrence_text"]


def recurrence_context(page: Page, event: Event, *, upcoming: bool) -> dict[str, Any] | None:
    """The template context of ``event``'s recurrence (None for a one-off event): ``rule``,
    its rule in words; ``next``, whether the dates shown are its next (or current)
    occurrence, and the text ``before`` and ``after`` them ("next: %s")."""
    words = rule_words(event, page.locale)
    if words is None:
        return None
    before, _, after = str(labels.NEXT).partition("%s")
    return {"rule": words, "next": upcoming, "before": before, "after": after}


def recurrence_text(page: Page, event: Event) -> str | None:
    """The rule in words, for the builders that get plain nodes."""
    return rule_words(event, page.locale)
