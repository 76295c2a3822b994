"""What an event page tells search engines: the events a page's JSON-LD describes, what
each takes from the site (its organizer, the absolute URL of its image), and the
``iassist.metadata`` warnings for events whose metadata cannot meet Google's required Event
properties.

The warnings are given once per event per build, by HTML builders, in the main process
(``env-updated``, after reading, before any page is written), for the events that have a
page of their own: shown in an ``event-detail`` or named by a document as its ``page``.
They are located at the event in its data file, and need no event data loaded: the domain
notes what each event lacks when it loads the data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx_iassist import links
from sphinx_iassist.config import organizer_of
from sphinx_iassist.domain import get_domain
from sphinx_iassist.publish.images import image_url
from sphinx_iassist.warnings import Subtype, file_location, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.model import Event
    from sphinx_iassist.publish.jsonld import Extras

__all__ = ["extras_for", "page_events", "warn_metadata"]

Notes = dict[str, tuple[str, int, tuple[str, ...], bool]]


def page_events(app: Sphinx, pagename: str) -> list[Event]:
    """The events a page's JSON-LD describes: those it shows, then those whose ``page`` it
    is."""
    domain = get_domain(app.env)
    events = domain.shown_events(pagename)
    shown = {event.id for event in events}
    for event_id in domain.events_of_page(pagename):
        event = domain.event(event_id)
        if event is not None and event_id not in shown:
            events.append(event)
    return events


def extras_for(app: Sphinx) -> Any:
    """What each event's JSON-LD takes from the site's configuration."""
    from sphinx_iassist.publish.jsonld import Extras

    organizer = organizer_of(app.config.iassist_organizer)
    baseurl = str(app.config.html_baseurl or "")

    def extras(event: Event) -> Extras:
        return Extras(organizer=organizer, image=image_url(event, baseurl))

    return extras


def warn_metadata(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: an ``iassist.metadata`` warning for each problem of each event with
    a page of its own, when the build writes HTML with JSON-LD."""
    if app.builder.format != "html" or not app.config.iassist_jsonld:
        return []
    domain = get_domain(env)
    notes = cast("Notes", domain.data.get("metadata", {}))
    docs = links.documents(env)
    with_page = {event_id for docname in docs for event_id in domain.events_of_page(docname)}
    for usage in domain.uses.values():
        with_page.update(usage.details)
    baseurl = app.config.html_baseurl
    for event_id in sorted(with_page & set(notes)):
        source, line, problems, image_file = notes[event_id]
        if image_file and not baseurl:
            problems = (
                *problems,
                f"event {event_id!r} has an image file, which its metadata leaves out: an "
                "image there needs an absolute URL, so set 'html_baseurl'",
            )
        for problem in problems:
            warn(Subtype.METADATA, problem, location=file_location(source, line))
    return []
