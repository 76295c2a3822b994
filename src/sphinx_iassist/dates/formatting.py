"""Dates and date ranges formatted for a locale with Babel: pure, no Sphinx.

A range is returned as *segments* so that HTML can wrap the start and the end in their own
``<time datetime>`` elements while every builder shows the same text: the text of the
segments joined is exactly what :func:`babel.dates.format_interval` gives.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import (
    PATTERN_CHAR_ORDER,
    DateTimeFormat,
    DateTimePattern,
    format_skeleton,
    format_time,
    match_skeleton,
    parse_pattern,
    tokenize_pattern,
    untokenize_pattern,
)

from sphinx_iassist.model import Event

__all__ = [
    "DATE_FIELDS",
    "DATE_FORMATS",
    "Segment",
    "date_locale",
    "date_segments",
    "event_segments",
    "format_problem",
    "get_locale",
    "instant",
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
#: The CLDR pattern letters of date fields (era, year, quarter, month, week, day, weekday):
#: what an ``iassist_date_format`` skeleton may hold. Times are added by the extension.
DATE_FIELDS = frozenset("GyYuUrQqMLlwWdDFgEec")


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


def format_problem(locale: Locale, fmt: str) -> str | None:
    """Why dates cannot be written with ``fmt`` in ``locale``, or None when they can.

    Writes a date and a range of every shape the extension shows (days in one month,
    across months and years; times in the morning, the afternoon, across noon and across
    days) and reports the first failure. Babel raises on skeletons it cannot match
    (``KeyError``) and on fields its interval code does not know, so the configuration
    is checked with this once instead of failing on a page.
    """
    if fmt not in DATE_FORMATS and (not fmt or not set(fmt) <= DATE_FIELDS):
        return "a skeleton holds only the letters of date fields, such as 'yMMMd'"
    zone = ZoneInfo("UTC")
    day = date(2021, 5, 17)
    at = datetime(2021, 5, 17, 9, 30, tzinfo=zone)
    shapes: list[tuple[date | datetime, date | datetime]] = [
        (day, day + timedelta(days=3)),
        (day, date(2021, 6, 2)),
        (date(2021, 12, 30), date(2022, 1, 2)),
        (at, at + timedelta(hours=1)),
        (at + timedelta(hours=5), at + timedelta(hours=7)),
        (at, at + timedelta(hours=10)),
        (at, at + timedelta(days=2)),
    ]
    try:
        for start, end in shapes:
            if not segments_text(range_segments(start, end, locale=locale, fmt=fmt)).strip():
                return "it writes no text"
        date_segments(day, locale=locale, fmt=fmt)
    except Exception as exc:  # any failure of Babel's is the answer here
        return f"{type(exc).__name__}: {exc}"
    return None


@lru_cache(maxsize=32)
def date_locale(language: str | None) -> Locale:
    """The locale dates are written in: the ``language``'s, or English when Babel cannot
    write dates for it (the configuration check warns about that, once)."""
    locale = get_locale(language)
    return locale if format_problem(locale, "medium") is None else get_locale("en")


def iso(value: date | datetime) -> str:
    """The value for a ``<time datetime>`` attribute: a date, or a date and time with its
    offset (``2021-05-17T14:00+08:00``).

    An offset with seconds (local mean time before a zone was standardised: ``+00:19:32``
    in Amsterdam until 1937, ``-00:44:30`` in Monrovia until 1972) is no valid HTML offset:
    such an instant is given in UTC instead (:func:`instant`).
    """
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and offset % timedelta(minutes=1):
            return instant(value)
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def instant(value: datetime) -> str:
    """``value`` in UTC, ``2021-05-17T06:00:00Z``: a form every browser's ``Date.parse``
    reads (ECMAScript's date-time format, which has no offsets with seconds) and HTML's
    ``datetime`` accepts. The ``data-iassist-*`` instants the browser script reads."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def skeleton_for(fmt: str) -> str:
    return DATE_FORMATS.get(fmt, fmt)


#: for each field that may differ first: the start's pattern, the separator and the end's
#: pattern (None: the interval pattern splits otherwise, and the dates are shown in full)
_IntervalPatterns = dict[str, tuple[DateTimePattern, str, DateTimePattern] | None]


@lru_cache(maxsize=64)
def _interval_patterns(locale: Locale, skeleton: str) -> _IntervalPatterns | None:
    """The interval patterns of ``skeleton`` in ``locale``, split and parsed once (None:
    the locale has none that matches the skeleton)."""
    formats = locale.interval_formats
    matched = skeleton if skeleton in formats else match_skeleton(skeleton, formats)
    if not matched:
        return None
    patterns: _IntervalPatterns = {}
    for field, found in formats[matched].items():
        pieces = _widen(list(found), skeleton)
        if len(pieces) != 2:
            # a pattern that repeats a field of the start (Yoruba's year interval in
            # CLDR 43, Babel 2.13) splits into more than two pieces: the caller falls
            # back to both dates in full
            patterns[field] = None
            continue
        first, second = pieces
        head, separator = _split_first(first, second)
        patterns[field] = (parse_pattern(head), separator, parse_pattern(second))
    return patterns


def _interval_pieces(
    start: date | datetime, end: date | datetime, skeleton: str, locale: Locale
) -> tuple[str, str, str] | None:
    """Babel's interval algorithm (CLDR intervalFormats), stopping before it joins the pieces.

    Returns the start's text, the separator (the literal text that ends the first piece:
    " – ", "至", "~") and the end's text. The patterns are worked out once per locale and
    skeleton (:func:`_interval_patterns`); only applying them is left for each range.
    """
    patterns = _interval_patterns(locale, skeleton)
    if patterns is None:
        return None
    start_fmt, end_fmt = DateTimeFormat(start, locale=locale), DateTimeFormat(end, locale=locale)
    for field in PATTERN_CHAR_ORDER:
        if field in patterns and _differs(start_fmt, end_fmt, field):
            found = patterns[field]
            if found is None:
                return None
            head, separator, second = found
            # what ``head.apply(start, locale)`` gives, with the start's format made above
            return head % start_fmt, separator, second % end_fmt
    return None


def _split_first(first: str, second: str) -> tuple[str, str]:
    """Split the first piece of an interval pattern into the start's pattern and the
    separator.

    The literal text after the first piece's last field holds both what belongs to that
    field (the "日" of "17日", the "г." of "2021 г.", the ")" of "(Monday)") and the
    separator (" – ", "至", " a "). The second piece tells them apart: what follows the same
    field there belongs to the field; the rest, spaces included, is the separator.
    """
    tokens = tokenize_pattern(first)
    cut = len(tokens)
    while cut and tokens[cut - 1][0] == "chars":
        cut -= 1
    tail = "".join(str(value) for _, value in tokens[cut:])
    if not cut:
        return first, ""
    last_field = tokens[cut - 1][1][0]
    later = tokenize_pattern(second)
    follows = ""
    for i, (kind, value) in enumerate(later):
        if kind == "field" and value[0] == last_field:
            rest = itertools.takewhile(lambda token: token[0] == "chars", later[i + 1 :])
            follows = "".join(str(v) for _, v in rest)
            break
    common = next(
        (i for i, (a, b) in enumerate(zip(tail, follows, strict=False)) if a != b),
        min(len(tail), len(follows)),
    )
    kept = tail[:common].rstrip()
    return untokenize_pattern([*tokens[:cut], ("chars", kept)]), tail[len(kept) :]


def _differs(start: DateTimeFormat, end: DateTimeFormat, field: str) -> bool:
    """Whether ``field`` shows differently for the start and the end.

    Babel's ``extract`` knows only some fields; the day periods ``b`` and ``B`` ("下午",
    "in the afternoon") of the Chinese, Cantonese and other locales are not among them, so
    those are compared as written.
    """
    try:
        return start.extract(field) != end.extract(field)
    except NotImplementedError:
        return start[field] != end[field]


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
            first, separator, second = pieces
            segments = [Segment(prefix + first, iso(start))]
            if separator:
                segments.append(Segment(separator))
            return [*segments, Segment(second + suffix, iso(end))]
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
    first, separator, second = pieces
    segments = [Segment(first, iso(start))]
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
