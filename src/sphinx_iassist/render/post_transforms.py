"""The write-time post-transforms, as Sphinx registers them.

Light on purpose: each imports its renderer when it first has a page to resolve, so a
build that writes no page (nothing changed) imports none of the renderers, templates or
calendar writers.
"""

from __future__ import annotations

from typing import Any

from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_iassist import nodes as inodes
from sphinx_iassist.compat import app_of

__all__ = ["ResolveEventNodes", "ResolveScheduleNodes"]


class _WriteTime(SphinxPostTransform):
    """Runs for every builder but gettext, before ``ReferencesResolver`` (our pending
    references resolve there)."""

    default_priority = 5

    def is_supported(self) -> bool:
        # the gettext builder extracts messages from the doctree as read: the placeholders
        # (and the translatable button label) must reach it unresolved
        return not isinstance(app_of(self.env).builder, MessageCatalogBuilder)


class ResolveEventNodes(_WriteTime):
    """Replace ``event_list``/``event_button``/``event_detail``/``deadline_list``/
    ``calendar_subscribe`` placeholders; drop expired notices
    (:mod:`~sphinx_iassist.render.transforms`)."""

    def run(self, **kwargs: Any) -> None:
        from sphinx_iassist.render.transforms import resolve_event_nodes

        resolve_event_nodes(self.env, self.document)


class ResolveScheduleNodes(_WriteTime):
    """Replace ``event_schedule`` and ``speaker_list`` placeholders
    (:mod:`~sphinx_iassist.render.schedule`)."""

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(inodes.event_schedule))
        speakers = list(self.document.findall(inodes.speaker_list))
        if placeholders or speakers:
            from sphinx_iassist.render.schedule import resolve_schedule_nodes

            resolve_schedule_nodes(self.env, placeholders, speakers)
