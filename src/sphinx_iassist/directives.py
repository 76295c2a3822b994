"""The ``event-list``, ``notice-box`` and ``event-button`` directives.

They only record what the author asked for: what an event list shows depends on the date,
so it is decided at write time (``transforms.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_iassist import nodes as inodes
from sphinx_iassist.domain import get_domain, note_data_dependency
from sphinx_iassist.model import Kind, is_safe_url
from sphinx_iassist.options import BUTTON_STYLES, STYLES, TONES, OptionReader
from sphinx_iassist.timeline import GroupBy, ListSpec, Order, When

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_iassist.domain import IassistDomain

logger = logging.getLogger(__name__)

KINDS = frozenset(k.value for k in Kind)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class EventDirective(SphinxDirective):
    """Shared helpers: the domain, data dependencies, option reading."""

    @property
    def domain(self) -> IassistDomain:
        return get_domain(self.env)

    def note_data_dependency(self) -> None:
        note_data_dependency(self.env)

    def reader(self) -> OptionReader:
        return OptionReader(self.name, self.options, self.get_location())


class EventListDirective(EventDirective):
    """``event-list``: the events of the data files, filtered, ordered and grouped."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = dict.fromkeys(
        (
            "series",
            "when",
            "group-by",
            "style",
            "kind",
            "tags",
            "order",
            "limit",
            "empty",
            "timezone",
            "class",
        ),
        directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        spec = ListSpec(
            series=read.items("series"),
            when=read.enum("when", When, When.ALL),
            group_by=read.enum("group-by", GroupBy, GroupBy.WHEN),
            kinds=tuple(
                k.lower()
                for k in read.items("kind", lambda k: k.lower() in KINDS, "a kind of event")
            ),
            tags=tuple(t.lower() for t in read.items("tags")),
            order=read.enum("order", Order, Order.AUTO),
            limit=read.positive_int("limit"),
        )
        node = inodes.event_list(
            "",
            spec=spec,
            style=read.choice("style", STYLES, "list"),
            empty=read.text("empty"),
            timezone=read.timezone("timezone"),
        )
        node["classes"] += (
            directives.class_option(self.options["class"]) if self.options.get("class") else []
        )
        self.set_source_info(node)
        self.note_data_dependency()
        self.domain.usage(self.env.docname).lists.append(spec)
        return [node]


class NoticeBoxDirective(EventDirective):
    """``notice-box``: a titled box with a tone; the body is any content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "tone": directives.unchanged,
        "expires": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        tone = read.choice("tone", TONES, "info")
        expires = read.iso_date("expires")
        title_text = self.arguments[0]
        title_id = f"iassist-notice-{self.env.new_serialno('iassist-notice')}"

        node = inodes.notice_box("", classes=["iassist-notice", f"iassist-notice-{tone}"])
        node["classes"] += self.options.get("class", [])
        node["tone"] = tone
        node["title_id"] = title_id
        self.set_source_info(node)
        inline, messages = self.parse_inline(title_text, lineno=self.lineno)
        title = inodes.notice_title(
            title_text, "", *inline, classes=["iassist-notice-title"], ids=[title_id]
        )
        self.set_source_info(title)
        node += title
        body = nodes.container(classes=["iassist-notice-body"])
        self.set_source_info(body)
        self.state.nested_parse(self.content, self.content_offset, body)
        node += body
        if expires is not None:
            node["expires"] = expires.isoformat()
            self.domain.usage(self.env.docname).notices.append(expires)
        return [node, *messages]


class EventButtonDirective(EventDirective):
    """``event-button``: a button to an event (id), a document (docname) or a URL."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        "label": directives.unchanged,
        "style": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        target = self.arguments[0].strip()
        label = read.text("label")
        style = read.choice("style", BUTTON_STYLES, "primary")
        self.note_data_dependency()

        if self.domain.event(target) is not None or self.domain.left_out(target):
            kind = "event"  # an event left out: the button says so where it is resolved
            self.domain.usage(self.env.docname).event_ids.append(target)
        elif is_safe_url(target, allow_mailto=True):
            kind = "url"
        elif SCHEME.match(target):
            read.warn("target", f"{target!r} is not an http(s) or mailto link; shown as text")
            kind = "text"
        else:
            kind = "doc"
        if label is None and kind in ("url", "text"):
            read.warn("label", f"is required when the target {target!r} is a link")
            label = target
        # a document without :label: shows its title, resolved at write time

        line = nodes.paragraph(classes=["iassist-button-line"])
        self.set_source_info(line)
        button = inodes.event_button(
            "",
            target=target,
            target_kind=kind,
            label=label,
            explicit_label=label is not None,
            style=style,
        )
        button["classes"] += self.options.get("class", [])
        self.set_source_info(button)
        line += button
        return [line]
