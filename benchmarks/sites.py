"""Generated Sphinx sites: one using sphinx-iassist, and its twin written as plain MyST.

Both twins show the same visible content: a heading per page, then the events grouped under
"Forthcoming" (soonest first) and "Completed" (newest first), each a bullet with the title
linked to its URL, its date range, its mode and its place. The extension's site gets that
from an ``event-list`` directive and a data file; the plain site has it written out. Both
use alabaster without sidebars (no global-toctree cost per page: on large sites it dominates the build time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import eventdata
from babel.dates import format_date, format_interval
from eventdata import Event

TODAY = date(2022, 1, 1)  # about half the source is before, half after
PROSE_PAGES = 4  # pages that use no events: a data edit must not re-read them

CONF = """\
project = "iassist benchmark"
extensions = {extensions!r}
html_theme = "alabaster"
html_sidebars = {{"**": []}}
exclude_patterns = ["_build"]
"""

CONF_EXTENSION = """\
iassist_events = [{data!r}]
iassist_today = {today!r}
"""

MODES = {"in-person": "In person", "virtual": "Virtual", "hybrid": "Hybrid"}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")


@dataclass
class Page:
    """One page of event lists: its docname, heading and the series it shows (None: all)."""

    docname: str
    title: str
    series: str | None


@dataclass
class Site:
    """A generated site on disk, able to rewrite its event data (extension) or pages (plain)."""

    root: Path
    extension: bool
    pages: list[Page]
    events: list[Event]
    data_format: str = "yaml"
    _by_page: dict[str, list[Event]] = field(default_factory=dict, repr=False)

    @property
    def data_file(self) -> Path:
        return self.root / f"events.{self.data_format}"

    def write(self) -> Site:
        self.root.mkdir(parents=True, exist_ok=True)
        extensions = ["myst_parser", "sphinx_iassist"] if self.extension else ["myst_parser"]
        conf = CONF.format(extensions=extensions)
        if self.extension:
            conf += CONF_EXTENSION.format(data=self.data_file.name, today=TODAY.isoformat())
            eventdata.write(self.events, self.data_file)
        (self.root / "conf.py").write_text(conf, encoding="utf-8")
        self._by_page = {
            page.docname: [e for e in self.events if page.series in (None, e.get("series"))]
            for page in self.pages
        }
        for page in self.pages:
            self._write_page(page)
        if len(self.pages) > 1:
            self._write_index()
        return self

    def _write_page(self, page: Page) -> None:
        lines = [f"# {page.title}", "", "The events of this part of the programme.", ""]
        if self.extension:
            lines += ["```{event-list}"]
            if page.series is not None:
                lines += [f":series: {page.series}"]
            lines += ["```", ""]
        else:
            lines += plain_list(self._by_page[page.docname])
        (self.root / f"{page.docname}.md").write_text("\n".join(lines), encoding="utf-8")

    def _write_index(self) -> None:
        prose = [f"about-{i}" for i in range(1, PROSE_PAGES + 1)]
        for name in prose:
            text = f"# About {name[-1]}\n\nA page of prose that shows no events.\n"
            (self.root / f"{name}.md").write_text(text, encoding="utf-8")
        toctree = "\n".join(["```{toctree}", ":maxdepth: 1", ""])
        body = "\n".join([p.docname for p in self.pages] + prose)
        index = f"# Conferences\n\n{toctree}\n{body}\n```\n"
        (self.root / "index.md").write_text(index, encoding="utf-8")

    def retitle(self, index: int, title: str) -> str:
        """Change one event's title where this site keeps it; return the docname it shows on."""
        event = self.events[index]
        event["title"] = title
        if self.extension:
            eventdata.write(self.events, self.data_file)
        for page in self.pages:
            if event in self._by_page[page.docname]:
                if not self.extension:
                    self._write_page(page)
                return page.docname
        raise LookupError(f"event {index} is on no page")


def forty_pages(root: Path, events: list[Event], *, extension: bool, pages: int = 40) -> Site:
    """``pages`` pages, each listing its own series of ``len(events) // pages`` events."""
    with_series = eventdata.with_series(events, pages)
    page_list = [Page(f"set-{i:02d}", f"Set {i:02d}", f"Set {i:02d}") for i in range(1, pages + 1)]
    return Site(root, extension, page_list, with_series).write()


def one_page(root: Path, events: list[Event], *, extension: bool) -> Site:
    """A single page (the root document) with one list of every event."""
    return Site(root, extension, [Page("index", "All events", None)], list(events)).write()


# -- the plain twin of an event list ----------------------------------------------------------


def _escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def date_text(event: Event) -> str:
    start, end = event["start"], event.get("end", event["start"])
    if end == start:
        return format_date(start, "medium", locale="en")
    return format_interval(start, end, "yMMMd", locale="en")


def plain_item(event: Event, today: date = TODAY) -> str:
    title = _escape(event["title"])
    link = f"[{title}]({event['url']})" if "url" in event else title
    parts = [link, date_text(event), MODES[event.get("mode", "in-person")]]
    location = event.get("location") or {}
    place = ", ".join(location[k] for k in ("city", "country") if k in location)
    if place:
        parts.append(_escape(place))
    start, end = event["start"], event.get("end", event["start"])
    if start <= today <= end:
        parts.append("**Happening now**")
    return "- " + " · ".join(parts)


def plain_list(events: list[Event], today: date = TODAY) -> list[str]:
    """Markdown lines for events grouped like ``event-list`` (group-by: when)."""

    def end_of(e: Event) -> date:
        return e.get("end", e["start"])  # type: ignore[no-any-return]

    forthcoming = sorted((e for e in events if end_of(e) >= today), key=lambda e: e["start"])
    completed = sorted(
        (e for e in events if end_of(e) < today), key=lambda e: e["start"], reverse=True
    )
    lines: list[str] = []
    for heading, group in (("Forthcoming", forthcoming), ("Completed", completed)):
        if group:
            lines += [f"## {heading}", ""]
            lines += [plain_item(e, today) for e in group]
            lines += [""]
    return lines or ["No events.", ""]
