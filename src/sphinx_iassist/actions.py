"""What an event offers its readers, and when: the action buttons of its own page and the
dates that matter before it. Pure: no Sphinx.

:func:`event_actions` lists the links an event page offers (its site, where to join, the
registration, the call for proposals, the recording) and :func:`event_deadlines` the dates
it lists (the closing of registration and of the call, and the data's ``deadlines``), in time
order. Both are plain data that the HTML template and the other builders' nodes show alike;
what is open, closed or under way on a given day is decided from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sphinx_iassist.model import Event, Mode, Moment, Status

__all__ = [
    "Action",
    "ActionKind",
    "DeadlineItem",
    "DeadlineKind",
    "attendance",
    "days_until",
    "event_actions",
    "event_deadlines",
]


class ActionKind(StrEnum):
    WEBSITE = "website"
    JOIN = "join"
    REGISTER = "register"
    CFP = "cfp"
    RECORDING = "recording"


class DeadlineKind(StrEnum):
    REGISTRATION = "registration"  # registration closes
    CFP = "cfp"  # the call for proposals closes
    DEADLINE = "deadline"  # one of the data's deadlines


@dataclass(frozen=True, slots=True)
class Action:
    """One link an event page offers."""

    kind: ActionKind
    url: str


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """One date an event page lists; ``label`` is the data's for a deadline (None for the
    closing of registration and of the call, which are labelled by their kind)."""

    kind: DeadlineKind
    moment: Moment
    label: str | None = None
    url: str | None = None


def attendance(event: Event) -> Mode:
    """How the event is attended: its ``mode``, except that a move online makes it virtual.
    HTML, calendars and JSON-LD all show an event that moved online as online."""
    return Mode.VIRTUAL if event.status is Status.MOVED_ONLINE else event.mode


def event_actions(event: Event, *, over: bool) -> list[Action]:
    """The links of an event's page, in the order shown: its site; where to join (a virtual
    or hybrid event with an ``online_url``); registration and the call for proposals (until
    the event is over, and never for a cancelled one); the recording (once it is over)."""
    found: list[Action] = []
    if event.url:
        found.append(Action(ActionKind.WEBSITE, event.url))
    live = not over and event.status is not Status.CANCELLED
    if live and attendance(event) is not Mode.IN_PERSON and event.online_url:
        found.append(Action(ActionKind.JOIN, event.online_url))
    if live and event.registration is not None:
        found.append(Action(ActionKind.REGISTER, event.registration.url))
    if live and event.cfp is not None:
        found.append(Action(ActionKind.CFP, event.cfp.url))
    if over and event.recording:
        found.append(Action(ActionKind.RECORDING, event.recording))
    return found


def event_deadlines(event: Event) -> list[DeadlineItem]:
    """The dates an event's page lists, earliest first: registration closes, the call for
    proposals closes, and each of the data's ``deadlines``."""
    found: list[DeadlineItem] = []
    if event.registration is not None and event.registration.closes is not None:
        found.append(
            DeadlineItem(
                DeadlineKind.REGISTRATION, event.registration.closes, url=event.registration.url
            )
        )
    if event.cfp is not None and event.cfp.closes is not None:
        found.append(DeadlineItem(DeadlineKind.CFP, event.cfp.closes, url=event.cfp.url))
    found += (
        DeadlineItem(DeadlineKind.DEADLINE, d.at, label=d.label, url=d.url) for d in event.deadlines
    )
    return sorted(found, key=lambda item: item.moment.at)


def day_of(moment: Moment) -> date:
    """The calendar day a moment falls on, as its data wrote it (a date alone is that day,
    although the moment is the midnight after it)."""
    given = moment.given
    if isinstance(given, datetime):
        return given.date()
    return given


def days_until(moment: Moment, today: date) -> int:
    """Whole days from ``today`` to the day of ``moment`` (negative once it is past)."""
    return (day_of(moment) - today).days
