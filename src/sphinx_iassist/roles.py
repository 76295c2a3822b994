"""The ``event`` and ``event-date`` roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from sphinx_iassist import nodes as inodes
from sphinx_iassist.compat import app_of
from sphinx_iassist.config import date_settings
from sphinx_iassist.domain import UsesEventData, get_domain
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.domains import Domain


def _xref(role: SphinxRole, kind: str, target: str, title: str, *, explicit: bool) -> Node:
    """A cross-reference to the ``kind`` (event, session) ``target`` of the iassist domain,
    resolved when pages are written, showing ``title``."""
    ref = addnodes.pending_xref(
        role.rawtext,
        refdomain="iassist",
        reftype=kind,
        reftarget=target,
        refexplicit=explicit,
        refwarn=True,
        refdoc=role.env.docname,
    )
    ref += nodes.inline(title, title, classes=["xref", f"iassist-{kind}-ref"])
    role.set_source_info(ref)
    return ref


class EventRole(SphinxRole, UsesEventData):
    """``{event}`id``` or ``{event}`Text <id>```: a link to the event, like ``:doc:``."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.note_data_dependency()
        has_title, title, target = split_explicit_title(self.text)
        target = target.strip()
        event = self.domain.event(target)
        usage = self.domain.usage(self.env.docname)
        usage.referenced.append(target)
        usage.known.append(target)  # an unknown event is shown as its id, not its title
        if not has_title:
            title = event.title if event is not None else target
        return [_xref(self, "event", target, title, explicit=has_title)], []


class SessionRole(SphinxRole, UsesEventData):
    """``{session}`id``` or ``{session}`event-id:id```: a link to the session where a
    schedule shows it, with its title as text (or ``{session}`Text <id>```)."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        from sphinx_iassist import programme

        has_title, title, target = split_explicit_title(self.text)
        target = target.strip()
        found = programme.find_session(self.env, target)
        if found is not None:
            schedule, session = found
            path = programme.schedule_file(self.env, schedule.event_id)
            if path:
                self.env.note_dependency(path)
            target = f"{schedule.event_id}:{session.id}"
            if not has_title:
                title = session.title
        return [_xref(self, "session", target, title, explicit=has_title)], []


class EventDateRole(SphinxRole, UsesEventData):
    """``{event-date}`id```: the event's formatted date range."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.note_data_dependency()
        target = self.text.strip()
        self.domain.usage(self.env.docname).read_events.append(target)
        event = self.domain.event(target)
        if event is None:
            warn(
                Subtype.REF,
                f"event-date: {self.domain.missing_event(target)}",
                location=self.get_location(),
            )
            return [nodes.inline(self.rawtext, target, classes=["iassist-unresolved"])], []
        from sphinx_iassist import labels
        from sphinx_iassist.dates.formatting import event_segments, instant

        locale, fmt = date_settings(app_of(self.env))
        segments = event_segments(event, locale=locale, fmt=fmt)
        node = inodes.date_range_node(segments)
        if not event.all_day:  # the browser script adds the reader's own time after it
            node["iassist_start"] = instant(event.starts_at)
            node["iassist_end"] = instant(event.ends_at)
            node["iassist_zone"] = event.timezone
            node["iassist_label_local"] = str(labels.LOCAL_TIME)
        self.set_source_info(node)
        return [node], []


def warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: addnodes.pending_xref
) -> bool | None:
    """``warn-missing-reference``: our own located warning for an unknown (or left out)
    event."""
    if domain is None or domain.name != "iassist":  # None: an `any` reference, not ours
        return None
    if node.get("reftype") == "session":
        warn(Subtype.REF, _missing_session(app, node["reftarget"]), location=node)
        return True
    missing = get_domain(app.env).missing_event(node["reftarget"])
    warn(Subtype.REF, f"event: {missing}", location=node)
    return True


def _missing_session(app: Sphinx, target: str) -> str:
    from sphinx_iassist import programme

    found = programme.find_session(app.env, target)
    if found is None:
        return f"session: unknown session id {target!r}"
    return (
        f"session: {found[1].id!r} of event {found[0].event_id!r} is shown by no "
        "event-schedule of this project; shown as text"
    )
