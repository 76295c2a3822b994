"""Validation of directive options: a bad value is a located ``iassist.option`` warning and
the option falls back to its default, so the rest of the directive still renders."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from docutils.parsers.rst import directives

from sphinx_iassist.values import valid_timezone
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

E = TypeVar("E", bound=StrEnum)

STYLES = ("list", "buttons", "cards", "table")
TONES = ("info", "warning", "danger", "success", "neutral")
BUTTON_STYLES = ("primary", "secondary", "outline")
ZONE_CHOICES = ("event", "site", "local")
MAX_COUNT = 100_000  # more events than one list could show
_DIGITS = re.compile(r"[0-9]+")


def option_spec(*names: str) -> OptionSpec:
    """The ``option_spec`` of a directive with the options ``names`` and ``:class:``.

    docutils passes each named option on as written: :class:`OptionReader` checks it, so
    that a bad value is a warning and the default, not an error that drops the directive.
    ``:class:`` is docutils' own class option."""
    return {**dict.fromkeys(names, directives.unchanged), "class": directives.class_option}


class OptionReader:
    """Reads a directive's raw options, warning at ``location`` about bad values."""

    def __init__(self, directive_name: str, options: dict[str, Any], location: Any) -> None:
        self.directive = directive_name
        self.options = options
        self.location = location

    def warn(self, name: str, message: str) -> None:
        warn(Subtype.OPTION, f"{self.directive}: option :{name}: {message}", location=self.location)

    def _raw(self, name: str) -> str | None:
        value = self.options.get(name)
        if value is None:
            return None
        return str(value).strip()

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        raw = self._raw(name)
        if raw is None or raw == "":
            return default
        if raw.lower() in choices:
            return raw.lower()
        self.warn(name, f"{raw!r} is not one of {', '.join(choices)}; using {default!r}")
        return default

    def enum(self, name: str, enum: type[E], default: E) -> E:
        return enum(self.choice(name, tuple(m.value for m in enum), default.value))

    def items(
        self, name: str, valid: Callable[[str], bool] | None = None, what: str = ""
    ) -> tuple[str, ...]:
        """A comma-separated list; unknown entries are dropped with a warning."""
        raw = self._raw(name)
        if not raw:
            return ()
        values = [v.strip() for v in raw.split(",") if v.strip()]
        good = tuple(v for v in values if valid is None or valid(v))
        for bad in sorted(set(values) - set(good)):
            self.warn(name, f"{bad!r} is not {what}; ignored")
        return good

    def positive_int(self, name: str, maximum: int = MAX_COUNT) -> int | None:
        """A whole number from 1 to ``maximum``, written with the digits 0-9 only (Python's
        ``int`` also takes ``+5``, ``1_000``, spaces and the digits of other scripts)."""
        raw = self._raw(name)
        if not raw:
            return None
        shown = repr(raw[:20]) + ("…" if len(raw) > 20 else "")
        digits = raw.lstrip("0")
        if not _DIGITS.fullmatch(raw) or not digits:
            self.warn(name, f"{shown} is not a positive whole number (digits 0-9 only); ignored")
            return None
        if len(digits) > len(str(maximum)) or int(digits) > maximum:
            self.warn(name, f"{shown} is more than {maximum:,}; ignored")
            return None
        return int(digits)

    def iso_date(self, name: str) -> date | None:
        raw = self._raw(name)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.warn(name, f"{raw!r} is not a date in the form YYYY-MM-DD; ignored")
            return None

    def timezone(self, name: str) -> str:
        """``event`` (each event's own zone), ``site`` (``iassist_timezone``), ``local`` (the
        reader's, in the browser) or an IANA zone name."""
        raw = self._raw(name)
        if not raw or raw.lower() in ZONE_CHOICES:
            return (raw or "event").lower()
        if valid_timezone(raw):
            return raw
        self.warn(
            name, f"{raw!r} is neither event, site, local nor an IANA time zone; using 'event'"
        )
        return "event"

    def text(self, name: str) -> str | None:
        raw = self._raw(name)
        return " ".join(raw.split()) if raw else None
