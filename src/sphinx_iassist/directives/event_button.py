"""The ``event-button`` directive: a button to an event, a document or a URL."""

from __future__ import annotations

import re
from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.dates.windows import ACTIONS
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import BUTTON_STYLES, OptionReader, option_spec
from sphinx_iassist.values import is_safe_url

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class EventButtonDirective(EventDirective):
    """``event-button``: a button to an event (id), a document (docname) or a URL."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = option_spec("label", "style", "action")

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        target = self.arguments[0].strip()
        label = read.text("label")
        style = read.choice("style", BUTTON_STYLES, "primary")
        action = self._action(read)
        self.note_data_dependency()
        self.domain.usage(self.env.docname).known.append(target)  # an event's, or not

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
        if action is not None and kind != "event":
            read.warn("action", f"needs an event id, not {target!r}; ignored")
            action = None
        if label is None and kind in ("url", "text"):
            read.warn("label", f"is required when the target {target!r} is a link")
            label = target
        # a document without :label: shows its title, resolved at write time

        if action is not None:
            self.domain.usage(self.env.docname).actions.append((target, action))
        line = nodes.paragraph(classes=["iassist-button-line"])
        self.set_source_info(line)
        button = inodes.event_button(
            "",
            target=target,
            target_kind=kind,
            label=label,
            explicit_label=label is not None,
            style=style,
            action=action,
        )
        button["classes"] += self.options.get("class", [])
        self.set_source_info(button)
        line += button
        return [line]

    @staticmethod
    def _action(read: OptionReader) -> str | None:
        raw = (read.options.get("action") or "").strip().lower()
        if not raw:
            return None
        if raw not in ACTIONS:
            read.warn("action", f"{raw!r} is not one of {', '.join(ACTIONS)}; ignored")
            return None
        return raw
