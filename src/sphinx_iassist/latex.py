"""LaTeX output of the dates we format: characters that TeX cannot take as they are.

Babel formats dates with the spaces and marks of CLDR: thin spaces around a range's dash
(``May 30 – Jun 2``), a narrow no-break space before ``AM``/``PM`` (``9:00 AM``), no-break
spaces, and in some languages bidirectional marks and joiners. pdflatex (Sphinx's default
engine) stops at the first character its ``inputenc`` does not know (``! LaTeX Error:
Unicode character (U+2009) not set up for use with LaTeX``), and xelatex and lualatex
silently drop a space whose glyph the chosen font lacks.

So the LaTeX writer's visitor for :class:`~sphinx_iassist.nodes.date_range` escapes the text
as Sphinx does for its engine, then writes every space as TeX spacing (which needs no glyph:
right with every engine and font) and, for the 8-bit engines, leaves out the invisible
format controls they cannot typeset. Nothing is added to the preamble, so a project's own
``latex_elements`` stay as they are. Dashes, quotes and dots of CLDR's patterns are left to
Sphinx's escaping and LaTeX's own ``inputenc`` tables, which know them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

__all__ = [
    "FORMAT_CONTROLS",
    "SPACES",
    "TITLE_SPACES",
    "UNICODE_ENGINES",
    "latex_text",
    "visit_date_range_latex",
]

#: Engines that read Unicode and typeset it with OpenType fonts (Sphinx's own distinction
#: in :func:`sphinx.util.texescape.escape`).
UNICODE_ENGINES = frozenset({"xelatex", "lualatex"})

#: Every Unicode space separator but the ASCII space, as TeX spacing of about its width;
#: no-break spaces stay unbreakable (``~``, and a kern is never a line break).
SPACES: dict[str, str] = {
    "\u00a0": "~",  # NO-BREAK SPACE
    "\u2000": r"\enskip{}",  # EN QUAD
    "\u2001": r"\quad{}",  # EM QUAD
    "\u2002": r"\enskip{}",  # EN SPACE
    "\u2003": r"\quad{}",  # EM SPACE
    "\u2004": r"\,",  # THREE-PER-EM SPACE
    "\u2005": r"\,",  # FOUR-PER-EM SPACE
    "\u2006": r"\,",  # SIX-PER-EM SPACE
    "\u2007": "~",  # FIGURE SPACE (no-break)
    "\u2008": r"\,",  # PUNCTUATION SPACE
    "\u2009": r"\,",  # THIN SPACE
    "\u200a": r"\,",  # HAIR SPACE
    "\u202f": r"\,",  # NARROW NO-BREAK SPACE
    "\u205f": r"\,",  # MEDIUM MATHEMATICAL SPACE
    "\u3000": r"\quad{}",  # IDEOGRAPHIC SPACE
}

#: Invisible format controls that 8-bit engines cannot typeset: bidirectional marks,
#: embeddings and isolates, joiners, the word joiner and invisible operators. They only
#: steer shaping and bidirectional layout, which pdflatex does not do (the non-joiner keeps
#: its meaning: no ligature); the Unicode engines get them as they are. Sphinx's escaping
#: already takes care of U+FEFF.
FORMAT_CONTROLS: dict[str, str] = {
    "\u061c": "",  # ARABIC LETTER MARK
    "\u180e": "",  # MONGOLIAN VOWEL SEPARATOR
    "\u200b": "",  # ZERO WIDTH SPACE
    "\u200c": r"\textcompwordmark{}",  # ZERO WIDTH NON-JOINER: no ligature here
    "\u200d": "",  # ZERO WIDTH JOINER
    "\u200e": "",  # LEFT-TO-RIGHT MARK
    "\u200f": "",  # RIGHT-TO-LEFT MARK
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e", ""),  # embeddings and overrides
    **dict.fromkeys("\u2060\u2061\u2062\u2063\u2064", ""),  # word joiner, invisible operators
    **dict.fromkeys("\u2066\u2067\u2068\u2069", ""),  # isolates
}

#: In headings: hyperref cannot put TeX spacing into the PDF's bookmarks, so there a plain
#: space stands for it (``~`` it knows).
TITLE_SPACES: dict[str, str] = {
    char: tex if tex == "~" else rf"\texorpdfstring{{{tex}}}{{ }}" for char, tex in SPACES.items()
}

_TABLES = {
    # (Unicode engine, in a title)
    (True, False): str.maketrans(SPACES),
    (True, True): str.maketrans(TITLE_SPACES),
    (False, False): str.maketrans({**SPACES, **FORMAT_CONTROLS}),
    (False, True): str.maketrans({**TITLE_SPACES, **FORMAT_CONTROLS}),
}


def latex_text(escaped: str, engine: str | None, *, in_title: bool = False) -> str:
    """``escaped`` (text already escaped for ``engine`` by Sphinx) with its spaces as TeX
    spacing and, for 8-bit engines, without the format controls they cannot typeset.

    ``in_title``: the text is part of a heading, which hyperref also writes into the PDF's
    bookmarks."""
    return escaped.translate(_TABLES[engine in UNICODE_ENGINES, in_title])


def visit_date_range_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A date range as Sphinx writes an ``inline`` with classes, its text made safe for the
    engine. Its parts (:class:`~sphinx_iassist.nodes.date_part`) are plain text in LaTeX."""
    self.visit_inline(node)
    text = self.encode(node.astext())
    self.body.append(latex_text(text, self.config.latex_engine, in_title=bool(self.in_title)))
    self.depart_inline(node)
    raise nodes.SkipNode
