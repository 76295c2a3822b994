"""LaTeX: every text the extension writes is safe for the engine, not only its date ranges.

Babel's spaces and marks (thin and narrow no-break spaces, bidirectional marks) reach our
output in more places than a :class:`~sphinx_iassist.nodes.date_range`: a recurrence rule in
words ("every month, 4:00 – 5:00 PM"), countdowns, a programme's times. pdflatex stops at
the first of them. After the write-time transforms have built the plain nodes, this
post-transform wraps each such text inside our output (any element with an ``iassist-``
class) in a :class:`~sphinx_iassist.nodes.tex_safe_text`, which the LaTeX writer writes as
it writes a date range (:func:`sphinx_iassist.nodes.latex_text`). Text outside our output
is the author's and left as it is.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_iassist.nodes import FORMAT_CONTROLS, SPACES, date_range, tex_safe_text

#: a text that needs the LaTeX visitor: a space separator other than U+0020, or a format
#: control (the no-break space Sphinx already escapes, but it is harmless here)
_NEEDS_CARE = re.compile("[" + re.escape("".join(SPACES) + "".join(FORMAT_CONTROLS)) + "]")


def _ours(node: nodes.Node) -> bool:
    """``node`` is inside output of the extension (a date range has its own visitor)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (date_range, nodes.raw, nodes.FixedTextElement)):
            return False
        if any(str(name).startswith("iassist-") for name in parent.get("classes", ())):
            return True
        parent = parent.parent
    return False


class LatexSafeText(SphinxPostTransform):
    """Wrap our text that TeX cannot take as it is, for the LaTeX builder only."""

    builders = ("latex",)
    default_priority = 900  # after our own post-transforms have built the nodes

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if _NEEDS_CARE.search(text) and _ours(text):
                text.parent.replace(text, tex_safe_text(str(text), str(text)))
