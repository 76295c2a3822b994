"""A recurring event's rule in words, translated: "Every second Tuesday, 16:00–17:00 UTC".

The words are built from the rule as python-dateutil parsed it (its frequency, interval,
days, ordinals and end), one translatable message a shape of rule, with day and month
names from Babel's CLDR data. A rule with parts these shapes do not cover (``BYSETPOS``,
``BYWEEKNO``, several times a day…) is worded generically ("Recurring event"), never
wrongly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule

from sphinx_iassist.dates.recurrence import parse_rule
from sphinx_iassist.labels import _, ngettext
from sphinx_iassist.model import Event

__all__ = ["RECURRING", "rule_words"]

RECURRING = _("Recurring event")
#: the ordinals of "The %(ordinal)s %(day)s of every month"
ORDINALS = {
    # Translators: an ordinal weekday of a month, as in "the first Tuesday of every month"
    1: _("first"),
    2: _("second"),
    3: _("third"),
    4: _("fourth"),
    5: _("fifth"),
    -1: _("last"),
}
# Parts that make a rule too particular for these words (dateutil's names, as given).
_UNWORDED = ("bysetpos", "byyearday", "byweekno", "byeaster", "byhour", "byminute", "bysecond")
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu"})


def rule_words(event: Event, locale: Locale) -> str | None:
    """``event``'s rule in words, in ``locale`` (None for an event that happens once)."""
    if event.rrule is None:
        return None
    rule = parse_rule(event.rrule, event.start)
    words = _shape(rule, locale)
    if words is None:
        return str(RECURRING)
    if not event.all_day:
        words = _("%(rule)s, %(time)s") % {"rule": words, "time": _times(event, locale)}
    return _ending(rule, event, words, locale)


def _shape(rule: rrule, locale: Locale) -> str | None:
    given = rule._original_rule
    if any(given.get(part) for part in _UNWORDED):
        return None
    freq, interval = rule._freq, rule._interval
    if given.get("bymonth") and freq != YEARLY:
        return None
    if freq == DAILY and not given.get("bymonthday"):
        if given.get("byweekday"):
            return _weekly(rule, 1, locale) if interval == 1 else None
        return ngettext("Every day", "Every %(count)d days", interval) % {"count": interval}
    if freq == WEEKLY and not given.get("bymonthday"):
        return _weekly(rule, interval, locale)
    if freq == MONTHLY:
        return _monthly(rule, interval, locale)
    if freq == YEARLY:
        return _yearly(rule, interval, locale)
    return None


def _day_names(days: tuple[int, ...], locale: Locale) -> str:
    names = locale.days["format"]["wide"]
    return format_list([names[d] for d in sorted(days)], locale=locale)


def _weekly(rule: rrule, interval: int, locale: Locale) -> str | None:
    days = rule._byweekday
    if not days or rule._bynweekday:
        return None
    named = _day_names(tuple(days), locale)
    if interval == 1:
        return _("Every %(days)s") % {"days": named}
    if interval == 2:
        return _("Every second %(days)s") % {"days": named}
    return _("Every %(count)d weeks on %(days)s") % {"count": interval, "days": named}


def _monthly(rule: rrule, interval: int, locale: Locale) -> str | None:
    nth, days = rule._bynweekday, rule._byweekday
    monthdays = (*rule._bymonthday, *rule._bynmonthday)
    if nth and not days and not monthdays and len(nth) == 1 and nth[0][1] in ORDINALS:
        weekday, ordinal = nth[0]
        values = {
            "ordinal": ORDINALS[ordinal],
            "day": locale.days["format"]["wide"][weekday],
            "count": interval,
        }
        return (
            ngettext(
                "The %(ordinal)s %(day)s of every month",
                "The %(ordinal)s %(day)s of every %(count)d months",
                interval,
            )
            % values
        )
    if nth or days or len(monthdays) != 1:
        return None
    (day,) = monthdays
    if day == -1 and interval == 1:
        return str(_("Every month on its last day"))
    if day < 1:
        return None
    return ngettext(
        "Every month on day %(day)d", "Every %(count)d months on day %(day)d", interval
    ) % {"day": day, "count": interval}


def _yearly(rule: rrule, interval: int, locale: Locale) -> str | None:
    months, monthdays = rule._bymonth, rule._bymonthday
    if rule._bynweekday or rule._byweekday or rule._bynmonthday:
        return None
    if len(months or ()) != 1 or len(monthdays or ()) != 1:
        return None
    day = format_skeleton("MMMMd", date(2000, months[0], monthdays[0]), locale=locale)
    return ngettext("Every year on %(date)s", "Every %(count)d years on %(date)s", interval) % {
        "date": day,
        "count": interval,
    }


def _times(event: Event, locale: Locale) -> str:
    """The first occurrence's times in the event's zone: "16:00–17:00 UTC"."""
    assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
    start, end = event.start, event.end
    hours = "H" if "H" in str(locale.time_formats["short"]) else "h"
    if end - start < timedelta(days=1) and start.date() == end.date():
        span = format_interval(start, end, hours + "m", locale=locale)
    else:
        span = format_interval(start, end, "MMMd" + hours + "m", locale=locale)
    zone = "UTC" if event.timezone in _UTC_NAMES else event.timezone
    return f"{span} {zone}"


def _ending(rule: rrule, event: Event, words: str, locale: Locale) -> str:
    until = rule._until
    if until is not None:
        last = until.astimezone(event.zone).date() if until.tzinfo else until.date()
        day = format_date(last, "medium", locale=locale)
        return _("%(rule)s, until %(date)s") % {"rule": words, "date": day}
    count = rule._count
    if count is not None:
        return ngettext("%(rule)s, %(count)d time", "%(rule)s, %(count)d times", count) % {
            "rule": words,
            "count": count,
        }
    return words
