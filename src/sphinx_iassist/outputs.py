"""Files and metadata written for HTML builders: ``events.ics``, one ``.ics`` per event, and
one JSON-LD ``<script>`` per page. All from domain data, never collected while writing pages
(which would lose events under parallel writing)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sphinx_iassist import __version__
from sphinx_iassist.domain import get_domain
from sphinx_iassist.jsonld import page_script
from sphinx_iassist.model import Event

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder


logger = logging.getLogger(__name__)

ICS_DIR = "_ics"
CALENDAR = "events.ics"


def writes_calendars(builder: Builder) -> bool:
    """HTML-family builders that publish files next to the pages (not EPUB's package)."""
    return (
        builder.format == "html"
        and not builder.name.startswith("epub")
        and bool(builder.config.iassist_ics)
    )


def ics_href(builder: Builder, docname: str, event_id: str) -> str:
    """The link from ``docname`` to an event's own ``.ics``."""
    return relative_uri(builder.get_target_uri(docname), f"{ICS_DIR}/{event_id}.ics")


def url_for(builder: Builder) -> Callable[[Event], str | None]:
    """Absolute URLs of event pages when the site knows its ``html_baseurl``, else ``url``."""
    base = str(builder.config.html_baseurl or "")
    docs = builder.env.all_docs

    def url(event: Event) -> str | None:
        if base and event.page and event.page in docs:
            try:
                return urljoin(base.rstrip("/") + "/", builder.get_target_uri(event.page))
            except NoUri:
                pass
        return event.url

    return url


def write_calendars(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: ``events.ics`` at the output root and ``_ics/<id>.ics``.

    Written again only when what they are made of changed (the data files, the day, the
    site's address, the set of pages), so a rebuild with nothing changed writes nothing.
    """
    if exception is not None or not writes_calendars(app.builder):
        return
    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    title = str(app.config.project or "") or None
    key = repr(
        (
            __version__,
            domain.data.get("fingerprint"),
            domain.today.isoformat(),
            app.builder.name,
            str(outdir),
            app.config.html_baseurl,
            title,
            sorted(app.env.all_docs),
        )
    )
    stamp_file = Path(app.doctreedir) / f"iassist-calendars-{app.builder.name}.stamp"
    digest = hashlib.sha256(key.encode()).hexdigest()
    if (outdir / CALENDAR).is_file() and _read_text(stamp_file) == digest:
        return
    from sphinx_iassist.ical import build_calendars  # icalendar: only when writing

    # reproducible: DTSTAMP is the build's "today", never the clock
    stamp = datetime.combine(domain.today, time(), UTC)
    whole, singles = build_calendars(
        domain.catalog.events, dtstamp=stamp, url_for=url_for(app.builder), name=title
    )
    (outdir / CALENDAR).write_bytes(whole)
    folder = outdir / ICS_DIR
    folder.mkdir(exist_ok=True)
    for event_id, data in singles.items():
        (folder / f"{event_id}.ics").write_bytes(data)
    for old in folder.glob("*.ics"):  # events no longer in the data
        if old.stem not in singles:
            old.unlink()
    stamp_file.write_text(digest, encoding="utf-8")


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: one ``application/ld+json`` script with the page's events."""
    if not app.config.iassist_jsonld or doctree is None:
        return
    events = get_domain(app.env).shown_events(pagename, ZoneInfo(app.config.iassist_timezone))
    script = page_script(events, url_for=url_for(app.builder)) if events else None
    if script:
        app.add_js_file(None, body=script, type="application/ld+json")
