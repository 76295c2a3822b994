"""Dates and date ranges formatted for a locale with Babel: pure, no Sphinx.

A range is returned as *segments* so that HTML can wrap the start and the end in their own
``<time datetime>`` elements while every builder shows the same text: the text of the
segments joined is exactly what :func:`babel.dates.format_interval` gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import (
    PATTERN_CHAR_ORDER,
    DateTimeFormat,
    format_skeleton,
    format_time,
    match_skeleton,
    parse_pattern,
)

from sphinx_iassist.model import Event

__all__ = [
    "DATE_FORMATS",
    "Segment",
    "date_segments",
    "event_segments",
    "get_locale",
    "iso",
    "range_segments",
    "segments_text",
]

#: ``iassist_date_format`` names and the Babel skeletons they stand for.
DATE_FORMATS = {
    "short": "yMd",
    "medium": "yMMMd",
    "long": "yMMMMd",
    "full": "yMMMMEEEEd",
}
_SEPARATOR_TAIL = re.compile(r"[\s\u2009\u202f\u2013\u2014\u2012~\uff5e-]+$")


@dataclass(frozen=True, slots=True)
class Segment:
    """Text of a formatted range; ``datetime`` is set for the text that shows an instant."""

    text: str
    datetime: str | None = None


@lru_cache(maxsize=32)
def get_locale(language: str | None) -> Locale:
    """The Babel locale for a Sphinx ``language`` (``en`` when unknown)."""
    if language:
        try:
            return Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            pass
    return Locale.parse("en")


def iso(value: date | datetime) -> str:
    """The value for a ``<time datetime>`` attribute."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def skeleton_for(fmt: str) -> str:
    return DATE_FORMATS.get(fmt, fmt)


def _split_separator(text: str) -> tuple[str, str]:
    match = _SEPARATOR_TAIL.search(text)
    if not match or match.start() == 0:
        return text, ""
    return text[: match.start()], text[match.start() :]


def _interval_pieces(
    start: date | datetime, end: date | datetime, skeleton: str, locale: Locale
) -> tuple[str, str] | None:
    """Babel's interval algorithm (CLDR intervalFormats), stopping before it joins the pieces."""
    formats = locale.interval_formats
    requested = skeleton
    if skeleton not in formats:
        skeleton = match_skeleton(skeleton, formats) or ""
        if not skeleton:
            return None
    pieces = {field: _widen(list(p), requested) for field, p in formats[skeleton].items()}
    start_fmt, end_fmt = DateTimeFormat(start, locale=locale), DateTimeFormat(end, locale=locale)
    for field in PATTERN_CHAR_ORDER:
        if field in pieces and start_fmt.extract(field) != end_fmt.extract(field):
            first, second = pieces[field]
            return parse_pattern(first).apply(start, locale), parse_pattern(second).apply(
                end, locale
            )
    return None


_TEXT_FIELDS = "MLEc"  # fields whose width chooses a spelling ("Sep" or "September")


def _widen(pieces: list[str], requested: str) -> list[str]:
    """CLDR's field-length adjustment: a matched "MMM" pattern becomes "MMMM" when the
    requested skeleton asks for the long month (likewise weekdays). Babel leaves it out."""
    for letter in _TEXT_FIELDS:
        width = requested.count(letter)
        if width >= 3:
            shortest = 3 if letter in "ML" else 1  # "M"/"MM" are numbers: keep them
            run = re.compile(rf"(?<!{letter}){letter}{{{shortest},5}}(?!{letter})")
            pieces = [_outside_quotes(piece, run, width) for piece in pieces]
    return pieces


def _outside_quotes(pattern: str, run: re.Pattern[str], width: int) -> str:
    """Widen the runs ``run`` finds to ``width`` letters (never narrow them), outside quotes."""

    def widen(match: re.Match[str]) -> str:
        found = match.group(0)
        return found[0] * width if len(found) < width else found

    parts = pattern.split("'")
    # even parts are pattern text, odd parts are quoted literals
    return "'".join(run.sub(widen, part) if i % 2 == 0 else part for i, part in enumerate(parts))


def date_segments(value: date | datetime, *, locale: Locale, fmt: str = "medium") -> list[Segment]:
    if isinstance(value, datetime):
        return [Segment(_datetime_text(value, locale, fmt), iso(value))]
    return [Segment(format_skeleton(skeleton_for(fmt), value, locale=locale), iso(value))]


def _datetime_text(value: datetime, locale: Locale, fmt: str) -> str:
    return _combine(
        locale,
        fmt,
        format_skeleton(skeleton_for(fmt), value, locale=locale),
        format_time(value, "short", locale=locale),
    )


def _combine(locale: Locale, fmt: str, date_text: str, time_text: str) -> str:
    """CLDR's date-time glue pattern ("{1}, {0}" in English)."""
    width = fmt if fmt in DATE_FORMATS else "medium"
    pattern = str(locale.datetime_formats.get(width, "{1} {0}"))
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def _timed_segments(start: datetime, end: datetime, locale: Locale, fmt: str) -> list[Segment]:
    if start.date() == end.date() and start != end:
        hours = "H" if "H" in str(locale.time_formats["short"]) else "h"
        pieces = _interval_pieces(start, end, hours + "m", locale)
        if pieces is not None:
            marker = "\x00"
            whole = _combine(
                locale, fmt, format_skeleton(skeleton_for(fmt), start, locale=locale), marker
            )
            prefix, _, suffix = whole.partition(marker)
            text, separator = _split_separator(pieces[0])
            segments = [Segment(prefix + text, iso(start))]
            if separator:
                segments.append(Segment(separator))
            return [*segments, Segment(pieces[1] + suffix, iso(end))]
    return _fallback(
        _datetime_text(start, locale, fmt), _datetime_text(end, locale, fmt), start, end, locale
    )


def _fallback(left: str, right: str, start: date, end: date, locale: Locale) -> list[Segment]:
    """CLDR's fallback interval pattern ("{0} – {1}" in English)."""
    if left == right:
        return [Segment(left, iso(start))]
    pattern = str(locale.interval_formats.get(None, "{0} – {1}"))
    before, _, rest = pattern.partition("{0}")
    middle, _, after = rest.partition("{1}")
    segments = [Segment(before)] if before else []
    segments += [Segment(left, iso(start)), Segment(middle), Segment(right, iso(end))]
    return segments + ([Segment(after)] if after else [])


def range_segments(
    start: date | datetime, end: date | datetime, *, locale: Locale, fmt: str = "medium"
) -> list[Segment]:
    """Segments for the range ``start``–``end`` (inclusive last day for dates)."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return _timed_segments(start, end, locale, fmt)
    if start == end:
        return date_segments(start, locale=locale, fmt=fmt)
    skeleton = skeleton_for(fmt)
    pieces = _interval_pieces(start, end, skeleton, locale)
    if pieces is None:
        left = format_skeleton(skeleton, start, locale=locale)
        return _fallback(left, format_skeleton(skeleton, end, locale=locale), start, end, locale)
    first, second = pieces
    text, separator = _split_separator(first)
    segments = [Segment(text, iso(start))]
    if separator:
        segments.append(Segment(separator))
    segments.append(Segment(second, iso(end)))
    return segments


def event_segments(
    event: Event, *, locale: Locale, fmt: str = "medium", zone: ZoneInfo | None = None
) -> list[Segment]:
    """The date range of ``event``; timed events in ``zone`` (default: their own) with its
    abbreviation ("CEST")."""
    if event.all_day:
        return range_segments(event.start, event.end, locale=locale, fmt=fmt)
    assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
    tz = zone or event.zone
    start, end = event.start.astimezone(tz), event.end.astimezone(tz)
    segments = range_segments(start, end, locale=locale, fmt=fmt)
    first, last = start.tzname() or "", end.tzname() or ""
    if first != last:  # across a daylight-saving change: say both
        segments[0] = Segment(f"{segments[0].text} {first}", segments[0].datetime)
    return [*segments, Segment(f" {last}")]


def segments_text(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)
