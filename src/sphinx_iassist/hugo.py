"""``sphinx-iassist import-hugo``: migrate a Hugo content directory to MyST pages.

Every ``.md``/``.markdown`` page is converted (see :mod:`sphinx_iassist.hugo_page`);
other files (images of page bundles, ``.html`` pages) are copied unchanged. The events
found in Forthcoming/Completed button groups go to one data file with ``start: TODO``
placeholders, which ``sphinx-iassist validate`` reports until the author fills them in.
Nothing is written when a file would be overwritten, unless ``force`` is given.

HTML is parsed with the standard library's :mod:`html.parser`; the Markdown block
structure with markdown-it-py, the parser myst-parser itself uses.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .hugo_frontmatter import (
    FrontMatterError,
    convert_front_matter,
    split_front_matter,
    starts_with_h1,
)
from .hugo_links import Site, hugo_base_url, output_path
from .hugo_page import convert_body
from .hugo_report import ImportReport

__all__ = ["HugoImportError", "ImportReport", "import_hugo"]

PAGE_SUFFIXES = (".md", ".markdown")


class HugoImportError(Exception):
    """A usage problem: nothing was written."""


@dataclass
class _Page:
    rel: PurePosixPath
    text: str
    front: dict[str, Any]


def _events_yaml(
    events: list[dict[str, Any]], groups: dict[str, str], sources: dict[str, str]
) -> str:
    lines = [
        "# Events migrated by `sphinx-iassist import-hugo`.",
        "# Fill in each start date (YYYY-MM-DD; add end: for events of several days)",
        "# and check the rest; `sphinx-iassist validate` reports every TODO left.",
        "# Editor completion: run `sphinx-iassist schema -o events.schema.json` and put",
        "# `# yaml-language-server: $schema=events.schema.json` on the first line.",
        "events:",
    ]
    for event in events:
        group = groups.get(event["id"], "")
        lines.append(f"  # listed under {group!r} on {sources[event['id']]}")
        dumped = yaml.safe_dump([event], sort_keys=False, allow_unicode=True)
        lines.extend(f"  {line}" for line in dumped.splitlines())
    return "\n".join(lines) + "\n"


def import_hugo(
    content_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    events_file: str = "events.yaml",
    force: bool = False,
) -> ImportReport:
    """Migrate ``content_dir`` into ``out_dir``; returns the report (also of kept markup)."""
    if not content_dir.is_dir():
        raise HugoImportError(f"{content_dir} is not a directory")
    if out_dir.exists() and not out_dir.is_dir():
        raise HugoImportError(f"{out_dir} exists and is not a directory")
    if content_dir.resolve() == out_dir.resolve():
        raise HugoImportError("OUT_DIR must differ from CONTENT_DIR")
    report = ImportReport()
    site = Site(base_url=base_url or hugo_base_url(content_dir))

    pages: list[_Page] = []
    others: list[PurePosixPath] = []
    unreadable: list[tuple[PurePosixPath, str]] = []
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        rel = PurePosixPath(path.relative_to(content_dir).as_posix())
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() not in PAGE_SUFFIXES:
            others.append(rel)
            continue
        text = path.read_text(encoding="utf-8")
        try:
            front, _ = split_front_matter(text)
        except FrontMatterError as exc:
            unreadable.append((rel, str(exc)))
            continue
        pages.append(_Page(rel, text, front.data))
        site.add_page(rel, front.data)

    targets = [output_path(p.rel) for p in pages] + [rel for rel, _ in unreadable] + others
    in_the_way = [str(t) for t in [*targets, PurePosixPath(events_file)] if (out_dir / t).exists()]
    if in_the_way and not force:
        raise HugoImportError(
            "would overwrite "
            + ", ".join(sorted(in_the_way))
            + " in "
            + str(out_dir)
            + " (use --force)"
        )

    writes: dict[PurePosixPath, str] = {}
    events: list[dict[str, Any]] = []
    groups: dict[str, str] = {}
    sources: dict[str, str] = {}
    taken: set[str] = set()
    for page in pages:
        name = str(page.rel)

        def note(line: int, kind: str, message: str, _name: str = name) -> None:
            report.add(_name, line, kind, message)

        front, body = split_front_matter(page.text)
        converted = convert_front_matter(front)
        for message in converted.notes:
            note(1, "check", message)
        for key in converted.kept_keys:
            note(1, "kept", f"front matter {key!r} has no Sphinx meaning; kept as it is")
        result = convert_body(
            body,
            site=site,
            page=page.rel,
            report=note,
            first_line=front.body_line,
            title=converted.title,
            taken_ids=taken,
        )
        heading = ""
        if converted.title and not starts_with_h1(result.markdown):
            heading = f"# {converted.title}\n\n"
        out = output_path(page.rel)
        writes[out] = "\n".join(filter(None, [converted.yaml_text, heading + result.markdown]))
        report.pages.append((name, str(out)))
        for event in result.events:
            sources[event["id"]] = name
        events.extend(result.events)
        groups.update(result.event_groups)

    for rel, message in unreadable:
        report.add(str(rel), 1, "error", f"{message}; copied unchanged")
        others.append(rel)

    out_dir.mkdir(parents=True, exist_ok=True)
    for rel, text in writes.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel in others:
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(content_dir / rel, target)
        report.copied.append(str(rel))
    if events:
        (out_dir / events_file).write_text(_events_yaml(events, groups, sources), encoding="utf-8")
        report.events_file = events_file
        report.event_count = len(events)
    return report
