"""One session of a frab schedule: its fields checked, a problem for each defect (see
:mod:`sphinx_iassist.readers.frab`, which reads the file and the programme as a whole).
Pure: no Sphinx."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sphinx_iassist.readers.text import shown
from sphinx_iassist.schedule import Day, Person, Session
from sphinx_iassist.values import is_safe_url

__all__ = ["SessionFields", "instant", "paragraphs", "text"]

_DURATION = re.compile(r"([0-9]{1,3}):([0-5][0-9])")

#: ``(line, message, fatal, field)``: how a session's problem is reported
Report = Callable[[int | None, str, bool, str], None]


class SessionFields:
    """The fields of one session, checked."""

    def __init__(
        self,
        raw: dict[str, Any],
        label: str,
        line: int | None,
        *,
        report: Report,
        zone: ZoneInfo | None,
        rooms: tuple[str, ...],
    ) -> None:
        self.raw, self.label, self.line = raw, label, line
        self.report, self.zone, self.rooms = report, zone, rooms

    def problem(self, message: str, name: str, *, fatal: bool = False) -> None:
        self.report(self.line, f"{self.label}: {message}", fatal, name)

    def build(self, guid: str, day: Day, room_key: str) -> Session | None:
        raw = self.raw
        title = text(raw.get("title"))
        if title is None:
            self.problem("has no 'title'; left out", "title", fatal=True)
            return None
        start = self._start()
        end = self._end(start) if start is not None else None
        if start is None or end is None:
            return None
        room = text(raw.get("room")) or room_key
        if self.rooms and room not in self.rooms:
            self.problem(f"room {room!r} is not one of the conference's rooms; kept", "room")
        slug = text(raw.get("slug"))
        return Session(
            id=slug if slug and len(slug) <= 200 else guid,
            guid=guid,
            title=title,
            start=start,
            end=end,
            day=day.date,
            room=room,
            subtitle=text(raw.get("subtitle")),
            track=text(raw.get("track")),
            type=text(raw.get("type")),
            language=text(raw.get("language")),
            persons=self._persons(),
            abstract=paragraphs(raw.get("abstract")),
            description=paragraphs(raw.get("description")),
            url=self._url(raw.get("url"), "url"),
            links=self._links(),
            do_not_record=raw.get("do_not_record") is True,
            line=self.line or 0,
        )

    def _start(self) -> datetime | None:
        value = self.raw.get("date")
        start = instant(value)
        if start is None:
            self.problem(
                f"'date' {shown(value)} is not an ISO date and time; left out", "date", fatal=True
            )
            return None
        if start.tzinfo is None:
            if self.zone is None:
                self.problem(
                    f"'date' {shown(value)} has no offset and the schedule no "
                    "'time_zone_name'; left out",
                    "date",
                    fatal=True,
                )
                return None
            start = start.replace(tzinfo=self.zone)
        return start

    def _end(self, start: datetime) -> datetime | None:
        if "end" in self.raw and self.raw["end"] is not None:
            end = instant(self.raw["end"])
            if end is not None and end.tzinfo is not None and end >= start:
                return end
            self.problem(
                f"'end' {shown(self.raw['end'])} is not an ISO instant after 'date'; left out",
                "end",
                fatal=True,
            )
            return None
        value = self.raw.get("duration")
        match = _DURATION.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            self.problem(
                f"'duration' {shown(value)} is not a duration HH:MM; left out",
                "duration",
                fatal=True,
            )
            return None
        return start + timedelta(hours=int(match[1]), minutes=int(match[2]))

    def _persons(self) -> tuple[Person, ...]:
        raw = self.raw.get("persons")
        if not isinstance(raw, list):
            return ()
        persons: dict[str, Person] = {}
        for entry in raw:
            name = (
                text(entry.get("public_name")) or text(entry.get("name"))
                if isinstance(entry, dict)
                else None
            )
            if name is None:
                self.problem("a person without a name is left out", "persons")
                continue
            key = person_key(entry, name)
            persons.setdefault(key, Person(key, name))
        return tuple(persons.values())

    def _url(self, value: object, name: str) -> str | None:
        url = text(value)
        if url is None:
            return None
        if is_safe_url(url):
            return url
        self.problem(f"{name!r} {shown(url)} is not an http(s) URL; not linked", name)
        return None

    def _links(self) -> tuple[tuple[str, str], ...]:
        raw = self.raw.get("links")
        found: list[tuple[str, str]] = []
        for entry in raw if isinstance(raw, list) else ():
            if isinstance(entry, dict):
                url = self._url(entry.get("url"), "links")
                if url is not None:
                    found.append((text(entry.get("title")) or url, url))
        return tuple(found)


# -- values ----------------------------------------------------------------------------------


def text(value: object) -> str | None:
    """Text as one line, or None for anything else or nothing."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def paragraphs(value: object) -> tuple[str, ...]:
    """Plain text as paragraphs (split at blank lines); markup stays text."""
    if not isinstance(value, str):
        return ()
    blocks = re.split(r"\n[ \t]*\n", value.replace("\r\n", "\n"))
    return tuple(p for p in (" ".join(b.split()) for b in blocks) if p)


def instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def person_key(entry: dict[str, Any], name: str) -> str:
    for field in ("code", "guid", "id"):
        value = entry.get(field)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            return f"{field}:{value}"
    return f"name:{name}"
