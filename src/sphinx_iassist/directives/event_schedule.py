"""The ``event-schedule`` directive: an event's programme (or a day, rooms or tracks of it),
as a list or a grid, resolved at write time for the builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist import programme
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import option_spec
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx_iassist.directives.options import OptionReader
    from sphinx_iassist.schedule import Schedule

LAYOUTS = ("list", "grid")


class ProgrammeDirective(EventDirective):
    """What ``event-schedule`` and ``speaker-list`` share: the event and its schedule."""

    def schedule(self) -> tuple[str, Schedule] | None:
        """(event id, schedule) of ``:event:`` (default: the event whose page this is), or
        None after a warning."""
        event_id = (self.options.get("event") or "").strip() or self.page_event()
        if not event_id:
            self.warn("no :event: given, and no event names this page as its 'page'")
            return None
        path = programme.schedule_file(self.env, event_id)
        if path is not None:
            self.env.note_dependency(path)
        self.note_data_dependency()
        self.domain.usage(self.env.docname).read_events.append(event_id)
        schedule = programme.schedules(self.env).get(event_id)
        if schedule is None:
            if self.domain.event(event_id) is None:
                why = self.domain.missing_event(event_id)
            else:
                why = f"event {event_id!r} has no schedule in iassist_schedules (or it cannot be read)"
            self.warn(why)
            return None
        return event_id, schedule

    def page_event(self) -> str | None:
        docname = self.env.docname
        self.domain.usage(docname).page_event = True
        return next((e for e, page, *_ in self.domain.data["pages"] if page == docname), None)

    def warn(self, message: str) -> None:
        warn(Subtype.REF, f"{self.name}: {message}", location=self.get_location())


class EventScheduleDirective(ProgrammeDirective):
    """``event-schedule``: the sessions of an event's programme."""

    option_spec: ClassVar[OptionSpec] = option_spec("event", "day", "room", "track", "layout")

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        layout = read.choice("layout", LAYOUTS, "list")
        found = self.schedule()
        if found is None:
            return []
        event_id, schedule = found
        day = self._day(read, schedule)
        rooms = self._known(read, "room", schedule.rooms, "a room of the schedule")
        tracks = self._known(read, "track", schedule.tracks(), "a track of the schedule")
        shown: programme.Shown = (event_id, day, rooms, tracks)
        programme.note_shown(self.env, shown)
        node = inodes.event_schedule("", shown=shown, layout=layout)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]

    def _day(self, read: OptionReader, schedule: Schedule) -> str | None:
        raw = (self.options.get("day") or "").strip().lower()
        if not raw or raw == "all":
            return None
        day = read.iso_date("day")
        if day is None:
            return None
        if day not in {d.date for d in schedule.days}:
            read.warn("day", f"{raw!r} is not a day of the schedule; showing every day")
            return None
        return day.isoformat()

    def _known(
        self, read: OptionReader, name: str, known: tuple[str, ...], what: str
    ) -> tuple[str, ...]:
        return read.items(name, lambda v: v in known, what) if self.options.get(name) else ()
