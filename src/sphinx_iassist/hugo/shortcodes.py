"""Hugo shortcodes in a page body, dealt with before the body is parsed.

Hugo expands ``{{< name args >}}`` and ``{{% name args %}}`` before Markdown is read,
so a shortcode may sit anywhere: in text, in a Markdown link destination, inside an
HTML attribute with quotes of its own (``href="{{< ref "about.md" >}}"``). The body is
therefore prepared in one pass before its blocks are split:

* ``ref``/``relref`` to a page migrated in the same run become the URL Hugo served that
  page at, which the link rewriting then maps to the new document like any other link;
* an escaped shortcode (``{{</* name */>}}``) becomes the literal text Hugo shows;
* a shortcode alone on its line(s) becomes a MyST comment (``% …``), reported;
* any other shortcode (an unresolved ``ref`` included) is swapped for an opaque token
  that no parser looks into, and put back verbatim after the conversion, reported.

The tokens are made of control characters, which the importer removes from every page
before conversion, so a page cannot forge one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sphinx_iassist.hugo.links import Site

__all__ = ["Shortcode", "ShortcodeTable", "prepare_shortcodes"]

# One shortcode tag: it may span lines but never contains another "{{" or "}}", so a tag
# left open cannot swallow the rest of the page (and matching stays linear).
SHORTCODE = re.compile(
    r"\{\{(?P<open>[<%])(?P<escaped>/\*)?(?P<inner>(?:(?!\{\{|\}\}).)*?)"
    r"(?(escaped)\*/)(?P<close>[>%])\}\}",
    re.DOTALL,
)
_ARG = re.compile(r"""(?:(\w+)=)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|(\S+))""")
_TOKEN = re.compile("\x0e(\\d+)\x0f")
_REF_NAMES = ("ref", "relref")


@dataclass(frozen=True)
class Shortcode:
    """One shortcode tag as written: ``name`` (``/name`` for a closing tag) and arguments."""

    source: str
    name: str
    positional: tuple[str, ...]
    named: dict[str, str]

    @classmethod
    def parse(cls, source: str, inner: str) -> Shortcode:
        name, *more = re.split(r"\s+", inner.strip(), maxsplit=1)
        rest = more[0] if more else ""
        positional: list[str] = []
        named: dict[str, str] = {}
        for match in _ARG.finditer(rest):
            key = match.group(1)
            value = next((g for g in match.groups()[1:] if g is not None), "")
            if key:
                named[key] = value
            else:
                positional.append(value)
        return cls(source, name or "?", tuple(positional), named)

    @property
    def label(self) -> str:
        return f"{{{{< {self.name} >}}}}"

    def ref_target(self) -> str | None:
        """The path a ``ref``/``relref`` shortcode names (None for other shortcodes)."""
        if self.name not in _REF_NAMES:
            return None
        if "path" in self.named:
            return self.named["path"]
        return self.positional[0] if self.positional else None


@dataclass
class ShortcodeTable:
    """The shortcodes swapped out of a body, to be put back verbatim."""

    kept: list[Shortcode] = field(default_factory=list)

    def token(self, shortcode: Shortcode) -> str:
        self.kept.append(shortcode)
        return f"\x0e{len(self.kept) - 1}\x0f"

    def restore(self, text: str) -> str:
        """``text`` with every token replaced by the shortcode it stands for."""
        return _TOKEN.sub(lambda m: self.kept[int(m.group(1))].source, text)

    def find(self, text: str) -> Shortcode | None:
        """The first shortcode whose token is in ``text``."""
        match = _TOKEN.search(text)
        return self.kept[int(match.group(1))] if match else None


def has_token(text: str) -> bool:
    return _TOKEN.search(text) is not None


def _line_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the start of ``start``'s line and the end of ``end``'s line."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    return line_start, len(body) if line_end < 0 else line_end


def prepare_shortcodes(
    body: str,
    *,
    site: Site,
    page: PurePosixPath,
    report: Callable[[int, str, str], None],
    first_line: int,
    code_lines: frozenset[int] = frozenset(),
) -> tuple[str, ShortcodeTable]:
    """The body with its shortcodes dealt with (see the module docstring), and their table.

    ``code_lines`` are the body's lines (0-based) inside code blocks: a shortcode there is
    kept as text even when alone on its line, as a comment would change the code.
    """
    table = ShortcodeTable()
    matches = list(SHORTCODE.finditer(body))
    newlines = [m.start() for m in re.finditer("\n", body)]

    def line_of(offset: int) -> int:
        return first_line + bisect_left(newlines, offset)

    _report_unclosed(body, {m.start() for m in matches}, report, line_of)
    out: list[str] = []
    position = 0
    for span_start, span_end, group in _line_groups(body, matches):
        if (
            _only_shortcodes(body, span_start, span_end, group)
            and not all(m.group("escaped") for m in group)
            and bisect_left(newlines, span_start) not in code_lines
        ):
            out.append(body[position:span_start])
            for m in group:
                shortcode = Shortcode.parse(m.group(0), m.group("inner"))
                report(
                    line_of(m.start()),
                    "kept",
                    f"shortcode {shortcode.label} has no mapping; kept as a comment",
                )
            out.append("\n".join(f"% {line}" for line in body[span_start:span_end].split("\n")))
            position = span_end
            continue
        for m in group:
            out.append(body[position : m.start()])
            line = line_of(m.start())
            out.append(_inline(m, table, site=site, page=page, report=report, line=line))
            position = m.end()
    out.append(body[position:])
    return "".join(out), table


def _line_groups(
    body: str, matches: list[re.Match[str]]
) -> Iterator[tuple[int, int, list[re.Match[str]]]]:
    """The shortcodes that share lines, with the start and end of those lines."""
    index = 0
    while index < len(matches):
        span_start, span_end = _line_span(body, matches[index].start(), matches[index].end())
        last = index
        while last + 1 < len(matches) and matches[last + 1].start() < span_end:
            last += 1
            span_end = _line_span(body, matches[last].start(), matches[last].end())[1]
        yield span_start, span_end, matches[index : last + 1]
        index = last + 1


def _only_shortcodes(body: str, start: int, end: int, group: list[re.Match[str]]) -> bool:
    """True when the lines from ``start`` to ``end`` hold nothing but ``group`` and space."""
    edges = [start, *(edge for m in group for edge in (m.start(), m.end())), end]
    return all(not body[a:b].strip() for a, b in zip(edges[::2], edges[1::2], strict=True))


def _report_unclosed(
    body: str,
    starts: set[int],
    report: Callable[[int, str, str], None],
    line_of: Callable[[int], int],
) -> None:
    """Report each ``{{<`` that does not begin a shortcode (Hugo would refuse the page)."""
    for opening in re.finditer(r"\{\{[<%]", body):
        if opening.start() not in starts:
            report(
                line_of(opening.start()),
                "kept",
                f"{opening.group(0)!r} opens no complete shortcode; kept as text",
            )


def _inline(
    match: re.Match[str],
    table: ShortcodeTable,
    *,
    site: Site,
    page: PurePosixPath,
    report: Callable[[int, str, str], None],
    line: int,
) -> str:
    inner = match.group("inner")
    if match.group("escaped"):
        # {{</* name */>}} is how Hugo pages show a shortcode as text
        return "{{" + match.group("open") + inner + match.group("close") + "}}"
    shortcode = Shortcode.parse(match.group(0), inner)
    target = shortcode.ref_target()
    if target is None:
        report(line, "kept", f"inline shortcode {shortcode.label} has no mapping; kept as text")
        return table.token(shortcode)
    url = site.ref_url(target, page)
    if url is None:
        report(
            line,
            "kept",
            f"{shortcode.name} {target!r}: no page of that path was migrated in this run; "
            f"the shortcode is kept as text (replace it with a link)",
        )
        return table.token(shortcode)
    ignored = sorted(set(shortcode.named) - {"path"})
    if ignored:
        report(
            line,
            "check",
            f"{shortcode.name} {target!r}: parameter(s) {', '.join(ignored)} have no "
            "meaning in Sphinx and were left out",
        )
    return url
