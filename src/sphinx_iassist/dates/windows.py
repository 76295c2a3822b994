"""Whether a registration or call-for-proposals window is upcoming, open or closed, and how
long is left before a window closes or a deadline passes. Pure: no Sphinx.

Two clocks ask these questions. A build knows only its day (``today``, a calendar date):
:func:`state_on` and :func:`countdown_on` judge by calendar days in the window's (or the
deadline's) own zone, so a window is open from its opening day through its closing day and
a deadline "closes today" all of its last day. The browser knows the instant; the script
refines the build's answer with the same rules as :func:`state_at` and :func:`countdown_at`,
which tests use as their reference: a window opens and closes at its exact instants, and
with less than a day left the countdown is in hours.

Days are calendar days in the moment's zone: from the day it is there now to the day the
moment falls on (a date alone, such as ``closes: 2027-03-01``, is that day, though the
window closes at the midnight after it). A day one hour longer or shorter (a change of
daylight saving time) is still one day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sphinx_iassist.actions import day_of
from sphinx_iassist.model import Event, Moment, Status, Window
from sphinx_iassist.values import zone_info

__all__ = [
    "ACTIONS",
    "COUNTDOWN_DAYS",
    "ActionState",
    "Countdown",
    "WindowState",
    "action_key",
    "action_state",
    "countdown_at",
    "countdown_on",
    "moment_day",
    "state_at",
    "state_on",
    "today_in",
]

#: what an ``event-button`` may lead to (its ``:action:``)
ACTIONS = ("register", "cfp", "website", "recording", "calendar")

#: a window shows how long it has left when fewer days than this remain
COUNTDOWN_DAYS = 14

_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


class WindowState(StrEnum):
    UPCOMING = "upcoming"  # it opens later
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Countdown:
    """How long until a moment: ``days`` calendar days in its zone (0: it is today), or,
    when the exact instant is known and less than a day is left, ``hours`` (rounded up, so
    never 0 while the moment is ahead)."""

    days: int
    hours: int | None = None

    @property
    def today(self) -> bool:
        return self.days == 0 and self.hours is None


def today_in(moment: Moment, now: datetime) -> date:
    """The calendar day ``now`` falls on in the moment's zone."""
    return now.astimezone(zone_info(moment.zone)).date()


def moment_day(moment: Moment) -> date:
    """The calendar day of a moment in its zone (a date alone: that date)."""
    if moment.all_day:
        return day_of(moment)
    return moment.at.astimezone(zone_info(moment.zone)).date()


def state_on(window: Window, today: date) -> WindowState:
    """The state of ``window`` on the day ``today``: open from its opening day through its
    closing day, each in the window's zone."""
    if window.opens is not None and today < moment_day(window.opens):
        return WindowState.UPCOMING
    if window.closes is not None and today > moment_day(window.closes):
        return WindowState.CLOSED
    return WindowState.OPEN


def state_at(window: Window, now: datetime) -> WindowState:
    """The state of ``window`` at the instant ``now`` (aware): open from its opening
    instant until (not including) its closing one."""
    if window.opens is not None and now < window.opens.at:
        return WindowState.UPCOMING
    if window.closes is not None and now >= window.closes.at:
        return WindowState.CLOSED
    return WindowState.OPEN


def countdown_on(moment: Moment, today: date) -> Countdown | None:
    """How many days are left on the day ``today`` until ``moment``'s day (None once that
    day is past)."""
    days = (moment_day(moment) - today).days
    return Countdown(days) if days >= 0 else None


def countdown_at(moment: Moment, now: datetime) -> Countdown | None:
    """How long is left at the instant ``now`` (aware) until ``moment``: calendar days in
    the moment's zone, or hours with less than a day left (None once it is past)."""
    left = moment.at - now
    if left <= timedelta(0):
        return None
    days = max((moment_day(moment) - today_in(moment, now)).days, 0)
    if left < _DAY:
        return Countdown(days, hours=math.ceil(left / _HOUR))
    return Countdown(days)


@dataclass(frozen=True, slots=True)
class ActionState:
    """What a button to one of an event's links shows on a day: ``url`` is its link (None
    when the event has none, or for ``calendar``, whose file the build knows); ``window``,
    ``state`` and ``countdown`` are those of registration and the call for proposals
    (``countdown`` only while open with fewer than :data:`COUNTDOWN_DAYS` days left);
    ``shown`` is False for a recording before the event is over."""

    action: str
    url: str | None
    window: Window | None = None
    state: WindowState | None = None
    countdown: Countdown | None = None
    shown: bool = True


def action_state(event: Event, action: str, today: date, *, over: bool) -> ActionState:
    """The button of ``action`` (one of :data:`ACTIONS`) for ``event`` on the day
    ``today``; ``over`` says the event has ended. A window of an event that is over or
    cancelled is closed, whatever its dates."""
    if action in ("register", "cfp"):
        window = event.registration if action == "register" else event.cfp
        if window is None:
            return ActionState(action, None)
        state = state_on(window, today)
        if over or event.status is Status.CANCELLED:
            state = WindowState.CLOSED
        left = None
        if state is WindowState.OPEN and window.closes is not None:
            left = countdown_on(window.closes, today)
            left = left if left is not None and left.days < COUNTDOWN_DAYS else None
        return ActionState(action, window.url, window, state, left)
    if action == "recording":
        return ActionState(action, event.recording, shown=over)
    if action == "website":
        return ActionState(action, event.url)
    return ActionState(action, None)  # calendar: the build's own file


def action_key(state: ActionState) -> tuple[object, ...]:
    """What of an :class:`ActionState` changes with the day (for re-rendering pages)."""
    return state.state, state.countdown, state.shown
