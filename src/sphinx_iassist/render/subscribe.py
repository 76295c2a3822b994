"""``calendar-subscribe`` boxes at write time: the addresses of each calendar, for HTML from
the ``iassist/calendar-subscribe.html`` template, for every other builder as paragraphs
with links.

The addresses are absolute when the site knows its address (``html_baseurl``): a
``webcal://`` one that calendar apps open as a subscription, and the ``https://`` one to
paste into a web calendar ("add by URL"). Without ``html_baseurl`` a subscription cannot be
given an address, so the box links the file relative to the page and the build warns once
(``iassist.config``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

from sphinx_iassist import labels
from sphinx_iassist import nodes as inodes
from sphinx_iassist.publish.subscriptions import ALL, feed_path, subscription_urls
from sphinx_iassist.render.templating import render
from sphinx_iassist.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx_iassist.render.page import Page

__all__ = ["TEMPLATE", "resolve_subscribe", "subscribe_context"]

TEMPLATE = "iassist/calendar-subscribe.html"
NO_BASEURL = (
    "calendar-subscribe needs html_baseurl (the address of the published site) to give "
    "subscription links; the boxes link the calendar files relative to their pages"
)


def subscribe_context(page: Page, kind: str, name: str) -> dict[str, Any]:
    """Everything the template shows of one calendar, as plain data."""
    path = ALL if kind == "all" else feed_path(kind, name)
    base = str(page.env.config.html_baseurl or "")
    if base:
        webcal, address = subscription_urls(base, path)
    else:
        webcal, address = None, relative_uri(page.builder.get_target_uri(page.docname), path)
    title = name if kind != "all" else str(page.env.config.project or "") or path
    return {
        "kind": kind,
        "name": title,
        "path": path,
        "webcal": webcal,
        "address": address,
        "absolute": bool(base),
        "labels": {
            "title": str(labels.SUBSCRIBE_TO).replace("%s", title),
            "app": str(labels.SUBSCRIBE_APP),
            "address": str(labels.SUBSCRIBE_ADDRESS),
            "copy_address": str(labels.COPY_ADDRESS),
            "copied": str(labels.COPIED),
        },
    }


def resolve_subscribe(page: Page, node: inodes.calendar_subscribe) -> nodes.Element:
    """The boxes of a ``calendar-subscribe``, for the page's builder."""
    if not page.env.config.html_baseurl:
        warn(Subtype.CONFIG, NO_BASEURL, location=node, once=True)
    contexts = [subscribe_context(page, kind, name) for kind, name in node["calendars"]]
    root = nodes.container(classes=["iassist-subscriptions", *node["classes"]])
    root.source, root.line = node.source, node.line
    for context in contexts:
        if page.html:
            root += inodes.html_fragment(html=render(TEMPLATE, context, page.templates, node))
        else:
            root += _plain(context)
    return root


def _plain(context: dict[str, Any]) -> nodes.Element:
    """A box for builders other than HTML: its title, and each address as a link (or, when
    it is relative to an HTML page, as text)."""
    box = nodes.container(classes=["iassist-subscribe"])
    box += nodes.paragraph("", "", nodes.strong("", context["labels"]["title"]))
    items = nodes.bullet_list()
    lines = [(context["labels"]["app"], context["webcal"])]
    lines.append((context["labels"]["address"], context["address"]))
    for label, uri in lines:
        if uri is None:
            continue
        line = nodes.paragraph("", f"{label}: ")
        if context["absolute"]:
            line += nodes.reference(uri, uri, refuri=uri)
        else:
            line += nodes.literal(uri, uri)
        items += nodes.list_item("", line)
    box += items
    return box
