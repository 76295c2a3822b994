"""The pictures of events that the data gives as files: copied into the HTML output.

An event's ``image`` that is a file (a path relative to its data file) is copied to
``_iassist/images/<event id>/<file name>``: one folder per event, so two events' files of
the same name never meet, and the file keeps its name. Copied at ``html-collect-pages``
(after the pages are written, before EPUB packs the output), from the domain's data in the
main process, and only when the file differs from the copy already there.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.util.osutil import copyfile, relative_uri

from sphinx_iassist.domain import get_domain
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from sphinx_iassist.model import Event

__all__ = ["IMAGE_DIR", "copy_images", "image_href", "image_path", "image_url"]

IMAGE_DIR = "_iassist/images"


def image_path(event: Event) -> str:
    """Where the copy of an event's image file is, relative to the output root (a URL path:
    the file name percent-encoded)."""
    assert event.image is not None
    return f"{IMAGE_DIR}/{event.id}/{quote(PurePosixPath(event.image).name)}"


def image_href(event: Event, builder: Builder, docname: str) -> str | None:
    """The ``src`` of an event's image on page ``docname``: its URL, or the link to its
    copy (None for builders that do not copy images)."""
    if event.image is None:
        return None
    if not event.image_is_file:
        return event.image
    if builder.format != "html":
        return None
    return relative_uri(builder.get_target_uri(docname), image_path(event))


def image_url(event: Event, baseurl: str) -> str | None:
    """The absolute URL of an event's image: its URL, or its copy under ``baseurl`` (None
    without a ``baseurl``: an image in metadata must be absolute)."""
    if event.image is None:
        return None
    if not event.image_is_file:
        return event.image
    return f"{baseurl.rstrip('/')}/{image_path(event)}" if baseurl else None


def copy_images(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: copy the image files of the events; adds no page."""
    if app.builder.format == "html" and get_domain(app.env).data.get("images"):
        outdir = Path(app.outdir)
        for event in get_domain(app.env).catalog.events:
            if event.image is not None and event.image_is_file:
                target = outdir / IMAGE_DIR / event.id / Path(event.image).name
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    copyfile(event.image, target)
                except OSError as exc:
                    warn(Subtype.OUTPUT, f"could not copy the image of event {event.id!r}: {exc}")
    return []
