"""What ``import-hugo`` did, and everything the author should look at."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KINDS", "ImportReport", "ReportItem"]

#: kept: copied verbatim (comment, raw block, inline HTML, shortcode) as nothing maps it;
#: dropped: markup that only made space (``<br />``, ``&nbsp;``) and control characters,
#: listed all the same; check: mapped by a guess, or with something left out (an
#: attribute, an anchor): a human should confirm it; todo: the author must fill it in;
#: error: a file could not be migrated (a page that cannot be read is copied unchanged).
KINDS = ("error", "kept", "todo", "check", "dropped")


@dataclass(frozen=True, order=True)
class ReportItem:
    page: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.kind}: {self.message}"


@dataclass
class ImportReport:
    pages: list[tuple[str, str]] = field(default_factory=list)  # (content path, output path)
    copied: list[str] = field(default_factory=list)
    items: list[ReportItem] = field(default_factory=list)
    events_file: str | None = None
    event_count: int = 0

    def add(self, page: str, line: int, kind: str, message: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        self.items.append(ReportItem(page, line, kind, message))

    @property
    def failed(self) -> bool:
        return any(item.kind == "error" for item in self.items)

    def count(self, kind: str) -> int:
        """How many different items of ``kind`` (the report lists each once)."""
        return sum(1 for item in set(self.items) if item.kind == kind)

    def render(self) -> str:
        lines = []
        for source, target in self.pages:
            lines.append(f"migrated {source} -> {target}")
        for name in self.copied:
            lines.append(f"copied   {name}")
        if self.events_file:
            lines.append(f"wrote    {self.events_file} ({self.event_count} events)")
        # de-duplicated, in the order found within a line: stable output
        items = sorted(
            dict.fromkeys(self.items), key=lambda i: (i.page, i.line, KINDS.index(i.kind))
        )
        if items:
            lines.append("")
            lines.append("Review:")
            lines.extend(f"  {item}" for item in items)
        lines.append("")
        summary = ", ".join(f"{self.count(kind)} {kind}" for kind in KINDS if self.count(kind))
        lines.append(
            f"{len(self.pages)} page(s) migrated, {len(self.copied)} file(s) copied"
            + (f"; {summary}" if summary else "; nothing to review")
        )
        if self.events_file:
            lines.append(
                f"Next: fill in the dates in {self.events_file} "
                f"(`sphinx-iassist validate {self.events_file}` lists each TODO), and in conf.py "
                f'set extensions = ["myst_parser", "sphinx_iassist"] and '
                f'iassist_events = ["{self.events_file}"].'
            )
        return "\n".join(lines) + "\n"
