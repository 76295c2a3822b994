"""Event lists, buttons and notices resolved at write time (for the post-transform
:class:`~sphinx_iassist.render.post_transforms.ResolveEventNodes`).

What these show depends on the build's "today" and on which documents exist, so they are
resolved per builder after reading: HTML builders get semantic markup, each event rendered
from a template (:mod:`~sphinx_iassist.render.html`), every other builder plain docutils
nodes that keep titles, dates and links (:mod:`~sphinx_iassist.render.plain`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import docname_join
from sphinx.util.nodes import make_refnode

from sphinx_iassist import links
from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.timeline import GroupBy, is_over
from sphinx_iassist.dates.windows import action_state
from sphinx_iassist.render import html, plain
from sphinx_iassist.render.actions import action_button, action_context
from sphinx_iassist.render.deadlines import deadline_list
from sphinx_iassist.render.detail import event_detail_html
from sphinx_iassist.render.detail_plain import event_detail_plain
from sphinx_iassist.render.page import Page, section_depth
from sphinx_iassist.render.subscribe import resolve_subscribe
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def resolve_event_nodes(env: BuildEnvironment, document: nodes.document) -> None:
    """Replace a written page's ``event_list``/``event_button``/``event_detail``/
    ``deadline_list``/``calendar_subscribe`` placeholders; drop expired notices (the work of
    :class:`~sphinx_iassist.render.post_transforms.ResolveEventNodes`)."""
    page = Page.of(env, env.docname)
    for notice in list(document.findall(inodes.notice_box)):
        resolve_notice(page, notice)
    for button in list(document.findall(inodes.event_button)):
        if button.get("action"):
            resolve_action(page, button)
        else:
            button.replace_self(resolve_button(page, button))
    for node in list(document.findall(inodes.event_list)):
        node.replace_self(resolve_list(page, node))
    for deadlines in list(document.findall(inodes.deadline_list)):
        deadlines.replace_self(deadline_list(page, deadlines))
    for box in list(document.findall(inodes.calendar_subscribe)):
        box.replace_self(resolve_subscribe(page, box))
    for detail in list(document.findall(inodes.event_detail)):
        resolve_detail(page, detail)


def resolve_notice(page: Page, notice: inodes.notice_box) -> None:
    """A notice past its ``:expires:`` day is left out; one before its ``:from:`` day is
    left out too, except on HTML pages the script keeps up to date, where it is hidden
    (``hidden``) for the script to reveal on the day, its words kept out of the search
    index until a build on or after that day."""
    expires, starts = notice.get("expires"), notice.get("from")
    early = bool(starts) and date.fromisoformat(starts) > page.today
    if (expires and date.fromisoformat(expires) < page.today) or (
        early and (page.pinned or not page.html)
    ):
        notice.parent.remove(notice)
        return
    notice["pinned"] = page.pinned
    notice["hidden"] = early
    if early:
        # in the page for the script to reveal, but not searchable before its day
        content = inodes.unindexed()
        content.extend(notice.children)
        notice.clear()
        notice += content


def resolve_list(page: Page, node: inodes.event_list) -> nodes.Element:
    """An ``event-list`` as the events of its groups today, for the page's builder."""
    spec = node["spec"]
    groups = page.domain.groups(spec)
    headed = spec.group_by is not GroupBy.NONE
    if page.html:
        level = min(section_depth(node) + 1, 6)
        return html.event_list(page, node, groups, level if headed else None)
    return plain.event_list(page, node, groups, headed)


def resolve_detail(page: Page, node: inodes.event_detail) -> None:
    """An ``event-detail`` as its event's facts for the page's builder; nothing (with a
    warning) when the event is gone from the data since the page was read."""
    event = page.domain.event(node["event_id"])
    if event is None:
        warn(
            Subtype.REF,
            f"event-detail: {page.domain.missing_event(node['event_id'])}; nothing is shown",
            location=node,
        )
        node.parent.remove(node)
    elif page.html:
        node.replace_self(event_detail_html(page, node, event))
    else:
        node.replace_self(event_detail_plain(page, node, event))


def resolve_action(page: Page, node: inodes.event_button) -> None:
    """An ``event-button`` with ``:action:``: the event's link in its state today, or
    nothing (with a warning when the event lacks that link)."""
    action, event_id = node["action"], node["target"]
    event = page.domain.event(event_id)
    context = None
    if event is None:
        warn(Subtype.REF, f"event-button: {page.domain.missing_event(event_id)}", location=node)
    else:
        state = action_state(event, action, page.today, over=is_over(event, page.today, page.zone))
        context = action_context(
            page, state, event_id, style=node["style"], label=node.get("label") or None
        )
        if context is None and state.shown and action in ("register", "cfp", "website"):
            field = {"register": "registration", "cfp": "cfp", "website": "url"}[action]
            warn(
                Subtype.REF,
                f"event-button: event {event_id!r} has no {field!r}; the button is left out",
                location=node,
            )
    if context is None:
        parent = node.parent
        parent.remove(node)
        if not parent.children and parent.parent is not None:
            parent.parent.remove(parent)
        return
    node.replace_self(action_button(page, node, context))


def resolve_button(page: Page, node: inodes.event_button) -> nodes.Element:
    """An ``event-button`` as a link to its target, or as text (with a warning) when the
    target cannot be linked."""
    target, kind = node["target"], node["target_kind"]
    label: str = node.get("label") or ""
    ref: nodes.Element | None = None
    problem = None
    if kind == "event":
        ref, label, problem = _event_button(page, target, label)
    elif kind == "doc":
        ref, label, problem = _document_button(page, target, label)
    elif kind == "url":
        ref = nodes.reference("", "", nodes.inline(label, label), refuri=target, internal=False)
    classes = [*page.button_classes(node["style"]), *node["classes"]]
    if ref is None:
        if problem:
            warn(Subtype.REF, f"event-button: {problem}; shown as text", location=node)
        # no sphinx-design classes: they would make plain text look clickable
        plain_classes = [c for c in classes if not c.startswith("sd-")]
        ref = nodes.inline(label, label, classes=[*plain_classes, "iassist-button-unresolved"])
    else:
        ref["classes"] += classes
    ref.source, ref.line = node.source, node.line
    return ref


def _event_button(
    page: Page, event_id: str, label: str
) -> tuple[nodes.Element | None, str, str | None]:
    """(link, label, problem) of a button to an event."""
    event = page.domain.event(event_id)
    if event is None:  # left out for a problem, or the data changed under the page
        return None, label or event_id, page.domain.missing_event(event_id)
    label = label or event.title
    ref = links.reference(event, page.env, page.builder, page.docname, nodes.inline(label, label))
    if ref is None:
        return None, label, f"event {event_id!r} has neither a page nor a url"
    return ref, label, None


def _document_button(
    page: Page, target: str, label: str
) -> tuple[nodes.Element | None, str, str | None]:
    """(link, label, problem) of a button to a document (``/`` for one from the root);
    without a label it shows the document's title."""
    docname = target[1:] if target.startswith("/") else docname_join(page.docname, target)
    docname = docname.removesuffix(".md").removesuffix(".rst")
    if docname not in links.documents(page.env):
        return None, label or target, f"unknown event id or document {target!r}"
    if not label:
        title = page.env.titles.get(docname)
        label = title.astext() if title is not None else docname
    ref = make_refnode(page.builder, page.docname, docname, "", nodes.inline(label, label))
    return ref, label, None
