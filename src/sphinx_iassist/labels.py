"""Every label the extension writes, translatable through the ``sphinx_iassist`` catalog."""

from __future__ import annotations

from sphinx.locale import get_translator

from sphinx_iassist import MESSAGE_CATALOG
from sphinx_iassist.actions import ActionKind, DeadlineKind
from sphinx_iassist.dates.windows import Countdown
from sphinx_iassist.model import Kind, Mode, Status


class Label:
    """A message of the catalog, translated each time it is shown (``str()``), into the
    language of the build showing it.

    Never translated when this module is imported: it may first be imported during a
    build, and a process can run builds in several languages one after the other
    (tests, ``sphinx-autobuild``).
    """

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return get_translator(MESSAGE_CATALOG).gettext(self.message)

    def __mod__(self, values: object) -> str:
        return str(self) % values

    def __repr__(self) -> str:
        return f"Label({self.message!r})"


def _(message: str) -> Label:
    return Label(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The catalog's plural form of a message for ``count`` (Sphinx's ``_`` has no plurals)."""
    return get_translator(MESSAGE_CATALOG).ngettext(singular, plural, count)


GROUPS = {
    "forthcoming": _("Forthcoming"),
    "completed": _("Completed"),
}
KINDS = {
    Kind.CONFERENCE: _("Conferences"),
    Kind.WORKSHOP: _("Workshops"),
    Kind.SUMMIT: _("Summits"),
    Kind.WEBINAR: _("Webinars"),
    Kind.MEETING: _("Meetings"),
    Kind.OTHER: _("Other events"),
}
MODES = {
    Mode.IN_PERSON: _("In person"),
    Mode.VIRTUAL: _("Virtual"),
    Mode.HYBRID: _("Hybrid"),
}
STATUSES = {
    Status.SCHEDULED: _("Scheduled"),
    Status.POSTPONED: _("Postponed"),
    Status.RESCHEDULED: _("Rescheduled"),
    Status.CANCELLED: _("Cancelled"),
    Status.MOVED_ONLINE: _("Moved online"),
}
ONGOING = _("Happening now")
ADD_TO_CALENDAR = _("Add to calendar")
CALENDAR_FILE = _("Calendar file (.ics)")
SUBSCRIBE_TO = _("Subscribe to %s")
SUBSCRIBE_APP = _("In your calendar app")
SUBSCRIBE_ADDRESS = _("Calendar address")
COPY_ADDRESS = _("Copy address")
COPIED = _("Copied")
#: the reader's own time beside an event's, added by the browser script (%s: the range)
LOCAL_TIME = _("(%s your time)")
AS_OF = _("as of %s")
#: a recurring event's next occurrence (%s: its dates)
NEXT = _("next: %s")
EMPTY = _("No events to show.")
EVENTS = _("Events")
TABLE_HEADINGS = (_("Event"), _("Date"), _("Mode"), _("Location"))
PROGRAMME = _("Programme")
TIME = _("Time")
ABSTRACT = _("Abstract")
YOUR_TIME = _("your time")
NO_SESSIONS = _("No sessions to show.")
PASSED = _("Passed")
NO_DEADLINES = _("No deadlines to show.")


ACTIONS = {
    ActionKind.WEBSITE: _("Website"),
    ActionKind.JOIN: _("Join online"),
    ActionKind.REGISTER: _("Register"),
    ActionKind.CFP: _("Call for proposals"),
    ActionKind.RECORDING: _("Recording"),
}
#: what a button to a window says when it cannot be used, and why
WINDOW_SHUT = {
    ("register", "upcoming"): _("Registration opens %s"),
    ("register", "closed"): _("Registration closed"),
    ("cfp", "upcoming"): _("Call for proposals opens %s"),
    ("cfp", "closed"): _("Call for proposals closed"),
}
DEADLINES = {
    DeadlineKind.REGISTRATION: _("Registration closes"),
    DeadlineKind.CFP: _("Call for proposals closes"),
}
DETAIL = {
    "when": _("When"),
    "attendance": _("Mode"),
    "where": _("Where"),
    "organizer": _("Organizer"),
    "series": _("Series"),
    "deadlines": _("Deadlines"),
    "map": _("Map"),
    "previously": _("previously %s"),
    "was": _("was: %s"),
    "today": _("today"),
    "passed": _("passed"),
}


def days_away(days: int) -> str:
    """How far away a date is: "in 12 days", "today", or "passed"."""
    if days == 0:
        return str(DETAIL["today"])
    if days > 0:
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    return str(DETAIL["passed"])


CLOSES_TODAY = _("closes today")


def closes_in(countdown: Countdown) -> str:
    """How long a window has left: "closes in 3 days", "closes today", "closes in 5 hours"."""
    if countdown.hours is not None:
        count = countdown.hours
        return ngettext("closes in %(count)d hour", "closes in %(count)d hours", count) % {
            "count": count
        }
    if countdown.days == 0:
        return str(CLOSES_TODAY)
    count = countdown.days
    return ngettext("closes in %(count)d day", "closes in %(count)d days", count) % {"count": count}


def script_forms(prefix: str) -> dict[str, str]:
    """The countdown words the browser script needs, ``{n}`` for the number, as
    ``data-iassist-label-*`` attributes: ``prefix`` "closes" for windows, "in" for
    deadlines. Plurals come as the catalog's forms for one and for many; the script picks
    one with the page language's plural rules."""
    if prefix == "closes":
        today = str(CLOSES_TODAY)
        days = ("closes in %(count)d day", "closes in %(count)d days")
        hours = ("closes in %(count)d hour", "closes in %(count)d hours")
    else:
        today = str(DETAIL["today"])
        days = ("in %(count)d day", "in %(count)d days")
        hours = ("in %(count)d hour", "in %(count)d hours")
    forms = {"data-iassist-label-today": today}
    for unit, msgids in (("days", days), ("hours", hours)):
        for form, count in (("one", 1), ("other", 5)):
            text = ngettext(*msgids, count).replace("%(count)d", "{n}")
            forms[f"data-iassist-label-{unit}-{form}"] = text
    return forms


def time_left(countdown: Countdown | None) -> str:
    """How far away a deadline is: "in 3 days", "today", "in 5 hours", or "passed"."""
    if countdown is None:
        return str(DETAIL["passed"])
    if countdown.hours is not None:
        count = countdown.hours
        return ngettext("in %(count)d hour", "in %(count)d hours", count) % {"count": count}
    return days_away(countdown.days)


def action_label(action: str) -> str:
    """What an ``event-button`` with ``:action:`` says when it leads somewhere."""
    if action == "calendar":
        return str(ADD_TO_CALENDAR)
    return str(ACTIONS[ActionKind(action)])


def group_label(key: str) -> str:
    """The heading of a group: Forthcoming/Completed, a year, or a kind."""
    if key in GROUPS:
        return str(GROUPS[key])
    if key in {k.value for k in Kind}:
        return str(KINDS[Kind(key)])
    return key
