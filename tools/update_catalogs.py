"""Extract, update and compile the ``sphinx_iassist`` message catalog with Babel.

    python tools/update_catalogs.py            # rewrite the .pot, merge into each .po, compile .mo
    python tools/update_catalogs.py --check    # change nothing; exit 1 if anything is out of date
    python tools/update_catalogs.py --init nl  # start a catalog for a new language

The translatable strings are every ``_("...")`` and ``ngettext("...", "...", n)`` call in ``src/sphinx_iassist`` (the labels in
``labels.py``, where ``_`` is ``sphinx.locale.get_translation("sphinx_iassist")``). The ``.pot``,
each ``<lang>/LC_MESSAGES/sphinx_iassist.po`` and its compiled ``.mo`` are committed, so the
wheel ships them and installing the package needs no compile step.

Files are only written when their messages change: the files are compared as catalogs, so
a new date, package version or Babel release (the ``Generated-By`` header, the wrapping of
long lines) alone is no change, and running the script twice, or with another Babel, gives no
diff. ``--check`` also fails on untranslated or fuzzy messages and on placeholders a
translation dropped, which is what the test suite runs.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sphinx_iassist"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sphinx_iassist"
KEYWORDS = {"_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)
#: Headers that say when and with what a file was written, not what it holds: they never
#: count as a change.
_VOLATILE_HEADERS = frozenset({"POT-Creation-Date", "PO-Revision-Date", "Generated-By"})


def pot_path() -> Path:
    return LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages that have a catalog, sorted."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "0"


def extract() -> Catalog:
    """The template: every ``_()`` message of the package, with its locations."""
    template = Catalog(
        project="sphinx-iassist",
        version=_version(),
        copyright_holder="sphinx-iassist developers",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (f"src/sphinx_iassist/{filename}", lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, ignore_obsolete=True)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _content(data: bytes, compiled: bool) -> tuple[object, ...]:
    """What a catalog file says: its headers (less the volatile ones) and every message
    with its translation, context, flags, comments and source files (a ``.mo`` holds only
    the translations). Formatting, header comments, generator details and the line numbers
    of source references are left out, so that files written by different Babel releases
    compare equal (they place a message of a call over several lines on different lines)."""
    catalog = read_mo(io.BytesIO(data)) if compiled else read_po(io.BytesIO(data))
    headers = sorted((k, v) for k, v in catalog.mime_headers if k not in _VOLATILE_HEADERS)
    messages = sorted(
        (
            str(message.id),
            str(message.string),
            message.context or "",
            () if compiled else tuple(sorted(message.flags)),
            () if compiled else tuple(message.auto_comments),
            () if compiled else tuple(message.user_comments),
            () if compiled else tuple(sorted({str(file) for file, _ in message.locations})),
        )
        for message in catalog
        if message.id
    )
    return (tuple(headers), tuple(messages))


def _same(path: Path, old: bytes, new: bytes) -> bool:
    compiled = path.suffix == ".mo"
    try:
        return _content(old, compiled) == _content(new, compiled)
    except Exception:  # a damaged file is never up to date
        return False


def merged(language: str, template: Catalog) -> Catalog:
    """The catalog of ``language`` updated to ``template`` (new messages empty, gone ones
    dropped, changed ones marked fuzzy)."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(
            locale=Locale.parse(language),
            domain=DOMAIN,
            project=template.project,
            version=template.version,
            copyright_holder=template.copyright_holder,
            fuzzy=False,
        )
    catalog.update(template, update_header_comment=False)
    catalog.project, catalog.version = template.project, template.version
    return catalog


def problems(language: str, catalog: Catalog) -> Iterator[str]:
    """What keeps ``catalog`` from being complete and correct."""
    for message in catalog:
        if not message.id:
            continue
        where = f"{po_path(language).relative_to(ROOT)}: {message.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):  # a message with plural forms needs every form
            yield f"{where} is not translated"
        elif message.fuzzy:
            yield f"{where} is fuzzy (check the translation and remove the flag)"
    for message, errors in catalog.check():
        for error in errors if message.string else ():
            yield f"{po_path(language).relative_to(ROOT)}: {message.id!r}: {error}"


def planned_files(extra_languages: tuple[str, ...] = ()) -> tuple[dict[Path, bytes], list[str]]:
    """Every catalog file's intended content, and the problems found in the translations."""
    template = extract()
    if pot_path().exists():  # keep the old date and version unless the messages changed
        with pot_path().open("rb") as handle:
            previous = read_po(handle)
        current = (template.creation_date, template.version)
        template.creation_date, template.version = previous.creation_date, previous.version
        if not _same(pot_path(), pot_path().read_bytes(), _po_bytes(template)):
            template.creation_date, template.version = current
    files = {pot_path(): _po_bytes(template)}
    found: list[str] = []
    for language in sorted({*languages(), *extra_languages}):
        catalog = merged(language, template)
        files[po_path(language)] = _po_bytes(catalog)
        files[po_path(language).with_suffix(".mo")] = _mo_bytes(catalog)
        found += problems(language, catalog)
    return files, found


def outdated(files: dict[Path, bytes]) -> list[Path]:
    return [
        p for p, content in files.items() if not p.exists() or not _same(p, p.read_bytes(), content)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail when stale")
    parser.add_argument("--init", metavar="LANG", action="append", default=[], help="new language")
    args = parser.parse_args(argv)
    for language in args.init:
        Locale.parse(language)  # raises for a code Babel does not know

    files, found = planned_files(tuple(args.init))
    stale = outdated(files)
    if args.check:
        for path in stale:
            found.append(f"{path.relative_to(ROOT)} is out of date: run tools/update_catalogs.py")
    else:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[path])
            print(f"wrote {path.relative_to(ROOT)}")
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found and (args.check or not args.init) else 0


if __name__ == "__main__":
    sys.exit(main())
