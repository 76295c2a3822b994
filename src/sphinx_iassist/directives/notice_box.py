"""The ``notice-box`` directive: a titled box with a tone; the body is any content."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.typing import OptionSpec

from sphinx_iassist import nodes as inodes
from sphinx_iassist.directives.base import EventDirective
from sphinx_iassist.directives.options import TONES, option_spec


class NoticeBoxDirective(EventDirective):
    """``notice-box``: a titled box with a tone; the body is any content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = option_spec("tone", "from", "expires")

    def run(self) -> list[nodes.Node]:
        read = self.reader()
        tone = read.choice("tone", TONES, "info")
        expires = read.iso_date("expires")
        starts = read.iso_date("from")
        if starts is not None and expires is not None and starts > expires:
            read.warn("from", f"{starts} is after :expires: {expires}; ignored")
            starts = None
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
        if starts is not None:
            node["from"] = starts.isoformat()
            self.domain.usage(self.env.docname).starts.append(starts)
        return [node, *messages]
