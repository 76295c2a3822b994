"""A ``deadline-list`` at write time: the deadlines the domain selects for the day, as HTML
(each one from the template ``iassist/deadline.html``) or, for every other builder, plain
docutils nodes with the same facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_iassist import labels, links
from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.deadlines import DeadlineWhen
from sphinx_iassist.dates.formatting import instant, segments_text
from sphinx_iassist.dates.windows import moment_day
from sphinx_iassist.render.actions import moment_segments
from sphinx_iassist.render.page import section_depth
from sphinx_iassist.render.templating import render
from sphinx_iassist.values import zone_info

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_iassist.dates.deadlines import DeadlineEntry
    from sphinx_iassist.render.page import Page

    Entries = Sequence[DeadlineEntry]

__all__ = ["DEADLINE_TEMPLATE", "deadline_context", "deadline_list"]

DEADLINE_TEMPLATE = "iassist/deadline.html"


def deadline_list(page: Page, node: inodes.deadline_list) -> nodes.Element:
    """A ``deadline-list`` for the page's builder."""
    groups = page.domain.deadline_groups(node["spec"])
    if page.html:
        return _html(page, node, groups.upcoming, groups.passed)
    return _plain(page, node, groups.upcoming, groups.passed)


def deadline_context(page: Page, entry: DeadlineEntry) -> dict[str, Any]:
    """Everything the template shows of one deadline, as plain data (documented in the
    docs' templates page)."""
    event, item = entry.event, entry.item
    link = links.relative_href(event, page.env, page.builder, page.docname)
    segments = moment_segments(page, item.moment)
    passed = entry.countdown is None
    classes = ["iassist-deadline", f"iassist-deadline-{item.kind.value}"]
    if passed:
        classes.append("iassist-deadline-passed")
    return {
        "event": {"id": event.id, "title": event.title},
        "href": link.uri if link else None,
        "external": not link.internal if link else True,
        "kind": item.kind.value,
        "label": item.label or str(labels.DEADLINES[item.kind]),
        "url": item.url,
        "dates": [{"text": s.text, "datetime": s.datetime} for s in segments],
        "date_text": segments_text(segments),
        "at": instant(item.moment.at),
        "zone": zone_info(item.moment.zone).key,
        "day": moment_day(item.moment).isoformat(),
        "days": entry.countdown.days if entry.countdown else None,
        "distance": labels.time_left(entry.countdown),
        "passed": passed,
        "classes": " ".join(classes),
    }


def _html(
    page: Page, node: inodes.deadline_list, upcoming: Entries, passed: Entries
) -> nodes.Element:
    passed_label = str(labels.DETAIL["passed"])
    root = inodes.html_element(
        tag="div",
        classes=["iassist-deadline-list", *node["classes"]],
        attrs={
            "data-iassist-today": page.today.isoformat(),
            "data-iassist-when": node["spec"].when.value,
            **(
                {"data-iassist-pinned": ""}
                if page.pinned
                else {**labels.script_forms("in"), "data-iassist-label-passed": passed_label}
            ),
        },
    )
    # the script moves deadlines as they pass: on pages it keeps up to date, the list, the
    # Passed group and the empty line are there even when empty (hidden)
    live = not page.pinned
    if upcoming or live:
        root += _html_items(page, node, upcoming)
    all_ = node["spec"].when is DeadlineWhen.ALL
    if passed or (live and all_):
        section = inodes.html_element(
            tag="section",
            classes=["iassist-event-group", "iassist-group-passed"],
            attrs={"data-iassist-group": "passed", **({} if passed else {"hidden": "hidden"})},
        )
        level = min(section_depth(node) + 1, 6)
        heading = inodes.html_element(tag=f"h{level}", classes=["iassist-event-group-title"])
        heading += nodes.Text(str(labels.PASSED))
        section += [heading, _html_items(page, node, passed)]
        root += section
    if not upcoming and not passed:
        root += _empty(node, inodes.html_element(tag="p", classes=["iassist-empty"]))
    elif live:
        hidden = {"hidden": "hidden"}
        root += _empty(node, inodes.html_element(tag="p", classes=["iassist-empty"], attrs=hidden))
    root += page.as_of()
    return root


def _html_items(page: Page, node: nodes.Element, entries: Entries) -> nodes.Element:
    items = inodes.html_element(tag="ul", classes=["iassist-deadlines"])
    for entry in entries:
        html = render(DEADLINE_TEMPLATE, deadline_context(page, entry), page.templates, node)
        items += inodes.html_fragment(html=html)
    return items


def _empty(node: nodes.Element, into: nodes.Element) -> nodes.Element:
    into += nodes.Text(node.get("empty") or str(labels.NO_DEADLINES))
    return into


def _plain(
    page: Page, node: inodes.deadline_list, upcoming: Entries, passed: Entries
) -> nodes.Element:
    root = nodes.container(classes=["iassist-deadline-list", *node["classes"]])
    if upcoming:
        root += _plain_items(page, upcoming)
    if passed:
        root += nodes.rubric("", str(labels.PASSED), classes=["iassist-event-group-title"])
        root += _plain_items(page, passed)
    if not upcoming and not passed:
        root += _empty(node, nodes.paragraph(classes=["iassist-empty"]))
    root += page.as_of()
    for child in root.findall():
        child.source, child.line = node.source, node.line
    return root


def _plain_items(page: Page, entries: Entries) -> nodes.bullet_list:
    """Each deadline as a line: its label (linked), its event (linked), date, distance."""
    items = nodes.bullet_list(classes=["iassist-deadlines"])
    for entry in entries:
        event, item = entry.event, entry.item
        label = item.label or str(labels.DEADLINES[item.kind])
        line = nodes.paragraph(classes=["iassist-deadline"])
        if item.url:
            line += nodes.reference(label, label, refuri=item.url, internal=False)
        else:
            line += nodes.Text(label)
        line += nodes.Text(" — ")
        title = nodes.inline(event.title, event.title)
        line += links.reference(event, page.env, page.builder, page.docname, title) or title
        line += nodes.Text(": ")
        line += inodes.date_range_node(moment_segments(page, item.moment))
        line += nodes.Text(f" ({labels.time_left(entry.countdown)})")
        items += nodes.list_item("", line)
    return items
