"""The ``sphinx-iassist`` command: ``validate``, ``schema`` and ``import-hugo``.

Exit codes (documented in docs/cli.md):

* 0 — clean (validate: no errors; import-hugo: every page migrated);
* 1 — data problems (validate: an error, or a warning under ``--strict``;
  import-hugo: a file could not be migrated; an unreadable page is copied unchanged);
* 2 — usage error (bad arguments, missing directories, files in the way).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sphinx_iassist import __version__

if TYPE_CHECKING:
    from typing import TypeAlias

    #: what ``add_subparsers`` returns: each command adds its parser to it
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# --- validate ---------------------------------------------------------------------------


def _problem_key(problem: Any) -> tuple[str, int, str]:
    return (str(problem.source), int(problem.line or 0), str(problem.message))


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from sphinx_iassist.readers.catalog import load_catalog
    from sphinx_iassist.readers.frab import load_schedule
    from sphinx_iassist.values import valid_timezone

    if not args.files and not args.schedule:
        args.parser.error("give a FILE or --schedule FILE")  # exits 2, as argparse does
    if not valid_timezone(args.timezone):
        sys.stderr.write(f"sphinx-iassist validate: error: unknown time zone {args.timezone!r}\n")
        return EXIT_USAGE
    paths = [Path(p) for p in args.files]
    schedules = [*(Path(p) for p in args.schedule), *(p for p in paths if _is_schedule(p))]
    event_paths = [p for p in paths if p not in schedules]
    catalog = load_catalog(event_paths, default_timezone=args.timezone)
    found = list(catalog.problems)
    sessions = 0
    for path in schedules:
        schedule, schedule_problems = load_schedule(path, path.stem)
        # every defect of a programme is an error: the site would show it wrong or not at all
        found += [dataclasses.replace(p, fatal=True) for p in schedule_problems]
        sessions += len(schedule.sessions) if schedule else 0
    paths = [*event_paths, *schedules]
    problems = sorted(found, key=_problem_key)
    errors = [p for p in problems if p.fatal]
    warnings = [p for p in problems if not p.fatal]
    failed = bool(errors) or (args.strict and bool(warnings))

    if args.format == "json":
        payload = {
            "ok": not failed,
            "strict": args.strict,
            "files": [str(p) for p in paths],
            "events": len(catalog.events),
            "sessions": sessions,
            "errors": len(errors),
            "warnings": len(warnings),
            "problems": [
                {
                    "file": str(p.source),
                    "line": p.line,
                    "field": p.field,
                    "message": p.message,
                    "severity": "error" if p.fatal else "warning",
                }
                for p in problems
            ],
        }
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for problem in problems:
            if problem.fatal:
                out.write(f"{problem}\n")
            else:
                out.write(f"{problem.location()}: warning: {problem.message}\n")
        counted = _plural(len(catalog.events), "event")
        if schedules:
            counted += f", {_plural(sessions, 'session')}"
        out.write(
            f"{counted}, {_plural(len(problems), 'problem')} in {_plural(len(paths), 'file')}\n"
        )
    return EXIT_PROBLEMS if failed else EXIT_OK


def _is_schedule(path: Path) -> bool:
    """A ``.json`` file whose top-level key is ``schedule`` (frab schedule JSON)."""
    if path.suffix.lower() != ".json":
        return False
    from sphinx_iassist.readers.frab import is_schedule
    from sphinx_iassist.readers.limits import MAX_DECODED_FILE_BYTES, read_bounded

    try:  # no larger than a JSON data file may be: it is decoded whole
        data = read_bounded(path, MAX_DECODED_FILE_BYTES)
        return data is not None and is_schedule(json.loads(data))
    except (OSError, ValueError, RecursionError):
        return False  # the event loader reports it


# --- schema -----------------------------------------------------------------------------


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from sphinx_iassist.readers.schema import data_file_schema

    text = json.dumps(data_file_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return EXIT_OK


# --- import-hugo ------------------------------------------------------------------------


def _import_hugo(args: argparse.Namespace, out: TextIO) -> int:
    from sphinx_iassist.hugo.importer import HugoImportError, import_hugo

    try:
        report = import_hugo(
            Path(args.content_dir),
            Path(args.out_dir),
            base_url=args.base_url,
            events_file=args.events_file,
            force=args.force,
        )
    except HugoImportError as exc:
        sys.stderr.write(f"sphinx-iassist import-hugo: error: {exc}\n")
        return EXIT_USAGE
    out.write(report.render())
    return EXIT_PROBLEMS if report.failed else EXIT_OK


# --- parser -----------------------------------------------------------------------------

_EPILOG = "exit codes: 0 clean, 1 data problems, 2 usage error"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-iassist",
        description="Check sphinx-iassist event data, print its JSON Schema, "
        "and migrate Hugo conference pages.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_validate(commands)
    _add_schema(commands)
    _add_import_hugo(commands)
    return parser


def _command(
    commands: Commands,
    name: str,
    run: Callable[[argparse.Namespace, TextIO], int],
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    """The parser of subcommand ``name``, which ``run`` carries out."""
    parser = commands.add_parser(name, help=summary, description=description, epilog=_EPILOG)
    parser.set_defaults(run=run)
    return parser


def _add_validate(commands: Commands) -> None:
    validate = _command(
        commands,
        "validate",
        _validate,
        "check event data files",
        "Check event data files and frab schedule files with the extension's own readers "
        "and print each problem as "
        "FILE:LINE: MESSAGE, sorted, then a summary line. Errors (the event is left out of "
        "the site) make the exit code 1; warnings (unknown fields, which are ignored) only "
        "do with --strict.",
    )
    validate.set_defaults(parser=validate)
    validate.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=".yaml/.yml, .toml or .json event data; a .json file whose top-level key is "
        "'schedule' is checked as a frab schedule",
    )
    validate.add_argument(
        "--schedule",
        action="append",
        default=[],
        metavar="FILE",
        help="check FILE as a frab schedule (pretalx, frab, Pentabarf export); repeatable",
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    validate.add_argument(
        "--strict", action="store_true", help="warnings (unknown fields) fail too, like -W"
    )
    validate.add_argument(
        "--timezone",
        default="UTC",
        metavar="ZONE",
        help="zone for datetimes without an offset, as iassist_timezone (default: UTC)",
    )


def _add_schema(commands: Commands) -> None:
    schema = _command(
        commands,
        "schema",
        _schema,
        "print the JSON Schema of the data format",
        "Print the JSON Schema (draft 2020-12) of event data files, for editors "
        "(# yaml-language-server: $schema=events.schema.json).",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_import_hugo(commands: Commands) -> None:
    hugo = _command(
        commands,
        "import-hugo",
        _import_hugo,
        "migrate Hugo content pages to MyST",
        "Migrate the Markdown pages of a Hugo content directory to MyST pages using the "
        "sphinx-iassist directives, write the events it finds to a data file, and print a "
        "report of everything to review. Nothing is dropped silently.",
    )
    hugo.add_argument("content_dir", metavar="CONTENT_DIR", help="the Hugo site's content/")
    hugo.add_argument("out_dir", metavar="OUT_DIR", help="the Sphinx source directory to write")
    hugo.add_argument(
        "--base-url",
        metavar="URL",
        help="the Hugo site's address, for links to pages that were not migrated "
        "(default: baseURL from the Hugo config next to CONTENT_DIR, if any)",
    )
    hugo.add_argument(
        "--events-file",
        default="events.yaml",
        metavar="NAME",
        help="data file to write in OUT_DIR (default: events.yaml)",
    )
    hugo.add_argument(
        "--force", action="store_true", help="overwrite files that already exist in OUT_DIR"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    result: int = args.run(args, sys.stdout)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
