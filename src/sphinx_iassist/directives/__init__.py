"""The directives, one module each: ``event-list``, ``notice-box``, ``event-button``,
``calendar-subscribe``, ``event-detail``, ``event-schedule``, ``speaker-list`` and
``deadline-list``.

They record what the author asked for, with options validated where they are written
(:mod:`~sphinx_iassist.directives.options`); what a list shows depends on the date, so it is
decided at write time (:mod:`sphinx_iassist.render`).
"""

from __future__ import annotations

from sphinx_iassist.directives.calendar_subscribe import CalendarSubscribeDirective
from sphinx_iassist.directives.deadline_list import DeadlineListDirective
from sphinx_iassist.directives.event_button import EventButtonDirective
from sphinx_iassist.directives.event_detail import EventDetailDirective
from sphinx_iassist.directives.event_list import EventListDirective
from sphinx_iassist.directives.event_schedule import EventScheduleDirective
from sphinx_iassist.directives.notice_box import NoticeBoxDirective
from sphinx_iassist.directives.speaker_list import SpeakerListDirective

#: directive name -> class, as ``extension.py`` registers them
DIRECTIVES = {
    "event-list": EventListDirective,
    "notice-box": NoticeBoxDirective,
    "event-button": EventButtonDirective,
    "calendar-subscribe": CalendarSubscribeDirective,
    "event-detail": EventDetailDirective,
    "event-schedule": EventScheduleDirective,
    "speaker-list": SpeakerListDirective,
    "deadline-list": DeadlineListDirective,
}
