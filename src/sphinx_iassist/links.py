"""Where an event links to: its own page when that page is a document of this project, else
its external ``url``.

:func:`event_link` is that rule, written once. Three thin adapters give it the form each
output needs: :func:`reference` a reference node for any builder (the pages),
:func:`relative_href` an ``href`` relative to the page being written (the HTML templates),
and :func:`absolute_url` an absolute URL (calendars and JSON-LD, which leave the site).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from sphinx.errors import NoUri

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_iassist.model import Event

__all__ = ["Link", "absolute_url", "documents", "event_link", "reference", "relative_href"]


@dataclass(frozen=True, slots=True)
class Link:
    """Where an event links to: ``uri``, to its own page (``internal``) or to its ``url``."""

    uri: str
    internal: bool


def documents(env: BuildEnvironment) -> Collection[str]:
    """The documents of this project: known before any page is read, so a link is the same
    whether it is made before the pages are read (calendars) or while they are written."""
    return env.found_docs


def event_link(
    event: Event, documents: Collection[str], page_uri: Callable[[str], str]
) -> Link | None:
    """The link of ``event``: its ``page`` when that is one of ``documents`` and
    ``page_uri(page)`` can name it (a builder raises :class:`~sphinx.errors.NoUri` for a page
    it does not write), else its ``url``; None when it has neither."""
    if event.page and event.page in documents:
        try:
            return Link(page_uri(event.page), internal=True)
        except NoUri:
            pass
    return Link(event.url, internal=False) if event.url else None


def reference(
    event: Event, env: BuildEnvironment, builder: Builder, fromdocname: str, contnode: nodes.Node
) -> nodes.reference | None:
    """A reference around ``contnode`` to the event, as Sphinx's ``make_refnode`` makes one
    to a page (so it is right for every builder: html, singlehtml, epub, LaTeX …)."""
    link = event_link(
        event, documents(env), lambda page: builder.get_relative_uri(fromdocname, page)
    )
    if link is None:
        return None
    ref = nodes.reference("", "", internal=link.internal, refuri=link.uri, reftitle=event.title)
    ref += contnode
    return ref


def relative_href(
    event: Event, env: BuildEnvironment, builder: Builder, fromdocname: str
) -> Link | None:
    """The event's link as an ``href`` on page ``fromdocname`` (``#`` for the page itself,
    as Sphinx's HTML writers write a link to the page they are on)."""
    return event_link(
        event, documents(env), lambda page: builder.get_relative_uri(fromdocname, page) or "#"
    )


def absolute_url(event: Event, env: BuildEnvironment, builder: Builder) -> str | None:
    """The event's link as an absolute URL, for what leaves the site. A page can be named
    only when the site knows its address (``html_baseurl``); else the event's ``url``."""
    base = str(builder.config.html_baseurl or "")
    link = event_link(
        event,
        documents(env) if base else (),
        lambda page: urljoin(base.rstrip("/") + "/", builder.get_target_uri(page)),
    )
    return link.uri if link is not None else None
