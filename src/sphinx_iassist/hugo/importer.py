"""``sphinx-iassist import-hugo``: migrate a Hugo content directory to MyST pages.

Every Markdown page is converted (see :mod:`sphinx_iassist.hugo.page`); other files
(images of page bundles, pages in other formats) are copied unchanged, and links and
images pointing at them are rewritten to the copies. The events found in
Forthcoming/Completed button groups go to one data file with ``start: TODO``
placeholders, which ``sphinx-iassist validate`` reports until the author fills them in.
Nothing is written when a file would be overwritten, unless ``force`` is given.

The work is done in steps: :func:`scan` reads every page (a page that cannot be read
is reported and copied unchanged), :func:`plan` decides where each file goes,
:func:`convert_pages` converts the pages, and :func:`write` writes the result.

HTML is parsed with the standard library's :mod:`html.parser`; the Markdown block
structure with markdown-it-py, the parser myst-parser itself uses.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from sphinx_iassist.hugo.frontmatter import (
    FrontMatter,
    FrontMatterError,
    convert_front_matter,
    split_front_matter,
    starts_with_h1,
)
from sphinx_iassist.hugo.links import Site, hugo_base_url, output_path
from sphinx_iassist.hugo.page import CONTROL, PageConversion, convert_body
from sphinx_iassist.hugo.report import ImportReport

__all__ = ["HugoImportError", "ImportReport", "import_hugo"]

PAGE_SUFFIXES = (".md", ".markdown", ".mdown")
#: content formats Hugo renders as pages that the importer does not convert
OTHER_PAGE_SUFFIXES = (".html", ".htm", ".adoc", ".asciidoc", ".org", ".pandoc", ".pdc", ".rst")
#: a page larger than this is copied unchanged (and reported): hand-written pages are
#: a few kilobytes, and the conversion's cost grows with the size of a page
MAX_PAGE_BYTES = 1_000_000


class HugoImportError(Exception):
    """A usage problem: nothing was written."""


@dataclass
class _Page:
    rel: PurePosixPath
    front: FrontMatter
    body: str


@dataclass
class Scan:
    """What the content directory holds."""

    pages: list[_Page] = field(default_factory=list)
    #: files copied unchanged: not pages, or pages that could not be read
    others: list[PurePosixPath] = field(default_factory=list)


@dataclass
class Migration:
    """The converted pages and the events found on them."""

    writes: dict[PurePosixPath, str] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # event id → Forthcoming/Completed
    sources: dict[str, str] = field(default_factory=dict)  # event id → content path


# --- scan -------------------------------------------------------------------------------


def _files(content_dir: Path, report: ImportReport) -> list[PurePosixPath]:
    """Every file under ``content_dir`` but hidden ones, without following symlinked
    folders (a link to a parent would never end); a folder that cannot be read is
    reported."""

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or content_dir)
        name = where.relative_to(content_dir).as_posix() if where != content_dir else "."
        report.add(name, 1, "error", f"folder cannot be read ({error.strerror or error})")

    found = []
    for folder, dirs, files in os.walk(content_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in files:
            if not name.startswith(".") and (base / name).is_file():
                found.append(PurePosixPath((base / name).relative_to(content_dir).as_posix()))
    return sorted(found)


def _decode(data: bytes) -> str:
    """The text of a page: UTF-8 (a byte order mark is dropped), newlines as ``\\n``."""
    text = data.decode("utf-8")  # UnicodeDecodeError: the caller reports it
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _remove_controls(text: str, rel: PurePosixPath, report: ImportReport) -> str:
    """Remove control characters (all but tab and newline), reporting the lines."""
    if not CONTROL.search(text):
        return text
    lines = text.split("\n")
    noted = 0
    for number, line in enumerate(lines, 1):
        found = sorted(set(CONTROL.findall(line)))
        if not found:
            continue
        lines[number - 1] = CONTROL.sub("", line)
        noted += 1
        if noted <= 20:
            names = ", ".join(f"U+{ord(c):04X}" for c in found[:5])
            report.add(str(rel), number, "dropped", f"control character(s) {names} removed")
    if noted > 20:
        report.add(str(rel), 1, "dropped", f"control characters removed on {noted} lines")
    return "\n".join(lines)


def _read_page(path: Path, rel: PurePosixPath, report: ImportReport) -> _Page | None:
    """The page at ``path``, or None (reported) when it must be copied unchanged."""

    def unreadable(why: str, line: int = 1) -> None:
        report.add(str(rel), line, "error", f"{why}; copied unchanged")

    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            unreadable(f"the page is larger than {MAX_PAGE_BYTES:,} bytes")
            return None
        data = path.read_bytes()
    except OSError as exc:
        unreadable(f"the page cannot be read ({exc.strerror or exc})")
        return None
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        unreadable(f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)", line)
        return None
    text = _remove_controls(text, rel, report)
    try:
        front, body = split_front_matter(text)
    except FrontMatterError as exc:
        unreadable(str(exc), exc.line)
        return None
    if front.cleaned:
        report.add(str(rel), 2, "dropped", "control characters removed from front matter values")
    return _Page(rel, front, body)


def scan(content_dir: Path, report: ImportReport) -> Scan:
    """Read every page under ``content_dir``; list the files to copy."""
    found = Scan()
    for rel in _files(content_dir, report):
        suffix = rel.suffix.lower()
        if suffix not in PAGE_SUFFIXES:
            if suffix in OTHER_PAGE_SUFFIXES:
                report.add(
                    str(rel),
                    1,
                    "kept",
                    f"a {suffix} page: only Markdown pages are converted; copied unchanged",
                )
            found.others.append(rel)
            continue
        page = _read_page(content_dir / rel, rel, report)
        if page is None:
            found.others.append(rel)
        else:
            found.pages.append(page)
    return found


# --- plan -------------------------------------------------------------------------------


def plan(found: Scan, report: ImportReport) -> dict[PurePosixPath, PurePosixPath]:
    """Where each file goes (content path → output path), one source per output.

    Two sources for one output (``about.md`` and ``about.markdown``; ``index.md`` and
    ``_index.md`` in one folder): the first in name order wins, the other is reported as
    an error and not written.
    """
    targets: dict[PurePosixPath, PurePosixPath] = {}
    taken: dict[PurePosixPath, PurePosixPath] = {}
    sources = [(page.rel, output_path(page.rel)) for page in found.pages]
    sources += [(rel, rel) for rel in found.others]
    for rel, out in sorted(sources):
        if out in taken:
            report.add(
                str(rel),
                1,
                "error",
                f"{taken[out]} is written to {out} too; this file was not migrated",
            )
            continue
        taken[out] = rel
        targets[rel] = out
    return targets


def _check_in_the_way(
    out_dir: Path, outputs: list[PurePosixPath], events_file: str, force: bool
) -> None:
    if PurePosixPath(events_file) in outputs:
        raise HugoImportError(
            f"the events file {events_file} would overwrite a migrated file of the same "
            "name (use --events-file)"
        )
    in_the_way = [str(t) for t in [*outputs, PurePosixPath(events_file)] if (out_dir / t).exists()]
    if in_the_way and not force:
        raise HugoImportError(
            f"would overwrite {', '.join(sorted(in_the_way))} in {out_dir} (use --force)"
        )


# --- convert ----------------------------------------------------------------------------


def _convert_page(
    page: _Page, site: Site, report: ImportReport, taken: set[str]
) -> tuple[str, PageConversion]:
    name = str(page.rel)

    def note(line: int, kind: str, message: str) -> None:
        report.add(name, line, kind, message)

    front = page.front
    converted = convert_front_matter(front)
    for message in converted.notes:
        note(1, "check", message)
    for key in converted.kept_keys:
        note(1, "kept", f"front matter {key!r} has no Sphinx meaning; kept as it is")
    result = convert_body(
        page.body,
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
    text = "\n".join(filter(None, [converted.yaml_text, heading + result.markdown]))
    return text, result


def convert_pages(
    pages: list[_Page],
    targets: dict[PurePosixPath, PurePosixPath],
    site: Site,
    report: ImportReport,
) -> Migration:
    migration = Migration()
    taken: set[str] = set()
    for page in pages:
        if page.rel not in targets:
            continue
        text, result = _convert_page(page, site, report, taken)
        out = targets[page.rel]
        migration.writes[out] = text
        report.pages.append((str(page.rel), str(out)))
        for event in result.events:
            migration.sources[event["id"]] = str(page.rel)
        migration.events.extend(result.events)
        migration.groups.update(result.event_groups)
    return migration


def _events_yaml(migration: Migration) -> str:
    lines = [
        "# Events migrated by `sphinx-iassist import-hugo`.",
        "# Fill in each start date (YYYY-MM-DD; add end: for events of several days)",
        "# and check the rest; `sphinx-iassist validate` reports every TODO left.",
        "# Editor completion: run `sphinx-iassist schema -o events.schema.json` and put",
        "# `# yaml-language-server: $schema=events.schema.json` on the first line.",
        "events:",
    ]
    for event in migration.events:
        group = migration.groups.get(event["id"], "")
        lines.append(f"  # listed under {group!r} on {migration.sources[event['id']]}")
        dumped = yaml.safe_dump([event], sort_keys=False, allow_unicode=True)
        lines.extend(f"  {line}" for line in dumped.splitlines())
    return "\n".join(lines) + "\n"


# --- write ------------------------------------------------------------------------------


def write(
    content_dir: Path,
    out_dir: Path,
    migration: Migration,
    copies: dict[PurePosixPath, PurePosixPath],
    events_file: str,
    report: ImportReport,
) -> None:
    for rel, text in migration.writes.items():
        target = out_dir / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            report.add(str(rel), 1, "error", f"cannot be written ({exc.strerror or exc})")
    for rel, out in copies.items():
        target = out_dir / out
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content_dir / rel, target)
        except OSError as exc:
            report.add(str(rel), 1, "error", f"cannot be copied ({exc.strerror or exc})")
            continue
        report.copied.append(str(rel))
    if migration.events:
        target = out_dir / events_file
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_events_yaml(migration), encoding="utf-8")
        except OSError as exc:
            report.add(events_file, 1, "error", f"cannot be written ({exc.strerror or exc})")
            return
        report.events_file = events_file
        report.event_count = len(migration.events)


def _check_arguments(content_dir: Path, out_dir: Path, events_file: str) -> None:
    if not content_dir.is_dir():
        raise HugoImportError(f"{content_dir} is not a directory")
    if out_dir.exists() and not out_dir.is_dir():
        raise HugoImportError(f"{out_dir} exists and is not a directory")
    if content_dir.resolve() == out_dir.resolve():
        raise HugoImportError("OUT_DIR must differ from CONTENT_DIR")
    if out_dir.resolve().is_relative_to(content_dir.resolve()):
        raise HugoImportError("OUT_DIR must not be inside CONTENT_DIR")
    events = PurePosixPath(events_file)
    if events.is_absolute() or ".." in events.parts or not events.name:
        raise HugoImportError(f"--events-file must be a file name in OUT_DIR, not {events_file!r}")


def import_hugo(
    content_dir: Path,
    out_dir: Path,
    *,
    base_url: str | None = None,
    events_file: str = "events.yaml",
    force: bool = False,
) -> ImportReport:
    """Migrate ``content_dir`` into ``out_dir``; returns the report (also of kept markup)."""
    _check_arguments(content_dir, out_dir, events_file)
    report = ImportReport()
    found = scan(content_dir, report)
    targets = plan(found, report)
    _check_in_the_way(out_dir, list(targets.values()), events_file, force)

    site = Site(base_url=base_url or hugo_base_url(content_dir))
    for page in found.pages:
        if page.rel in targets:
            site.add_page(page.rel, page.front.data)
    others = set(found.others)
    copies = {rel: out for rel, out in targets.items() if rel in others}
    for rel in copies:
        if rel.suffix.lower() not in PAGE_SUFFIXES:  # not a page left unconverted
            site.add_file(rel)

    migration = convert_pages(found.pages, targets, site, report)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HugoImportError(f"cannot create {out_dir}: {exc.strerror or exc}") from None
    write(content_dir, out_dir, migration, copies, events_file, report)
    return report
