"""Benchmarks: what sphinx-iassist costs against the same content written as plain MyST.

Usage::

    python benchmarks/run.py                 # every benchmark, 5 runs each
    python benchmarks/run.py --quick         # tiny sizes, one run (what the tests use)
    python benchmarks/run.py --only pages --runs 3 --json bench.json

Each build is a fresh ``python -m sphinx`` subprocess; extension and plain builds alternate,
and the table shows medians, their ratio, the target and the peak memory. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE.parent / "src"))

import eventdata  # noqa: E402
import measure  # noqa: E402
import programme  # noqa: E402
import sites  # noqa: E402

BENCHMARKS = ("pages", "one-page", "rebuild", "parallel", "load", "programme")
DEFAULT_JSON = HERE / "results" / "latest.json"


@dataclass(frozen=True)
class Sizes:
    pages: int  # pages of the multi-page site
    per_page: int  # events per page there
    big: int  # events on the one-page site
    load: int  # events in the files loaded on their own
    sessions: int = 600  # sessions of the programme (in 12 rooms over 5 days)

    @classmethod
    def full(cls) -> Sizes:
        return cls(pages=40, per_page=50, big=10_000, load=10_000)

    @classmethod
    def quick(cls) -> Sizes:
        return cls(pages=3, per_page=4, big=30, load=50, sessions=60)


@dataclass
class Row:
    """One line of the table: a measured case against its baseline."""

    name: str
    label: str
    baseline: str
    measured: str
    baseline_s: float
    measured_s: float
    target: str
    passed: bool | None
    baseline_rss_mib: float | None = None
    measured_rss_mib: float | None = None
    baseline_cpu_s: float | None = None
    measured_cpu_s: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.measured_s / self.baseline_s if self.baseline_s else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values)


def alternate(runs: int, first: Callable[[], Any], second: Callable[[], Any]) -> None:
    """Run the pair ``runs`` times, swapping which goes first on every run."""
    for i in range(runs):
        for action in (first, second) if i % 2 == 0 else (second, first):
            action()


def build_pair(
    runs: int,
    baseline: Callable[[], measure.Build],
    measured: Callable[[], measure.Build],
) -> tuple[list[measure.Build], list[measure.Build]]:
    base: list[measure.Build] = []
    meas: list[measure.Build] = []
    alternate(runs, lambda: base.append(baseline()), lambda: meas.append(measured()))
    return base, meas


def pair_row(
    name: str,
    label: str,
    names: tuple[str, str],
    builds: tuple[list[measure.Build], list[measure.Build]],
    target: str,
    limit: float | None,
    **details: Any,
) -> Row:
    base, meas = builds
    row = Row(
        name=name,
        label=label,
        baseline=names[0],
        measured=names[1],
        baseline_s=median([b.seconds for b in base]),
        measured_s=median([b.seconds for b in meas]),
        target=target,
        passed=None,
        baseline_rss_mib=max(b.peak_rss_mib for b in base),
        measured_rss_mib=max(b.peak_rss_mib for b in meas),
        baseline_cpu_s=median([b.cpu_seconds for b in base]),
        measured_cpu_s=median([b.cpu_seconds for b in meas]),
        details={
            "baseline_runs_s": [round(b.seconds, 3) for b in base],
            "measured_runs_s": [round(b.seconds, 3) for b in meas],
            "warnings": sum(b.warnings for b in base + meas),
            **details,
        },
    )
    if limit is not None:
        row.passed = row.ratio <= limit
    return row


# -- the benchmarks ---------------------------------------------------------------------------


class Bench:
    def __init__(self, workdir: Path, sizes: Sizes, runs: int, source: Path | None) -> None:
        self.workdir = workdir
        self.sizes = sizes
        self.runs = runs
        conferences, self.source = eventdata.load_source(source)
        self.conferences = conferences
        self.rows: list[Row] = []
        self.extra: dict[str, Any] = {}
        self._outs = 0

    def events(self, count: int) -> list[eventdata.Event]:
        return eventdata.make_events(self.conferences, count)

    def forty(self, name: str, *, extension: bool) -> sites.Site:
        total = self.sizes.pages * self.sizes.per_page
        return sites.forty_pages(
            self.workdir / name, self.events(total), extension=extension, pages=self.sizes.pages
        )

    def out(self, name: str) -> Path:
        """A new, empty output directory for each call.

        Nothing is deleted while measuring: on some file systems (ext4 among them)
        creating files right after deleting many is 20 times slower for
        minutes, which would charge the harness's clean-up to whichever build creates
        the most files. Everything goes with ``workdir`` at the end.
        """
        self._outs += 1
        return self.workdir / "_out" / f"{name}-{self._outs}"

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def twins(
        self,
        name: str,
        label: str,
        plain: sites.Site,
        ext: sites.Site,
        target: str,
        limit: float | None,
        settings: dict[str, str] | None = None,
    ) -> None:
        """Fresh builds of a plain site and its extension twin, alternating: one row."""
        builds = build_pair(
            self.runs,
            lambda: measure.run_build(plain.root, self.out(plain.root.name)),
            lambda: measure.run_build(ext.root, self.out(ext.root.name), settings=settings),
        )
        label_pair = ("plain MyST", "extension")
        self.rows.append(pair_row(name, label, label_pair, builds, target, limit))

    # (1)
    def pages(self) -> None:
        s = self.sizes
        self.log(f"(1) {s.pages} pages × {s.per_page} events: {self.runs} run(s) each")
        plain = self.forty("pages-plain", extension=False)
        ext = self.forty("pages-ext", extension=True)
        self.twins(
            "pages", f"(1) {s.pages} pages × event-list of {s.per_page}", plain, ext, "≤ 1.10", 1.10
        )
        # reference: the calendar files written in the build process, as with one CPU
        self.twins(
            "pages-in-place",
            f"(1) {s.pages} pages, calendar files written in the build process",
            plain,
            ext,
            "(reference)",
            None,
            settings={"iassist_ics_background": "0"},
        )

    # (2)
    def one_page(self) -> None:
        n = self.sizes.big
        self.log(f"(2) one page × {n} events: {self.runs} run(s) each")
        events = self.events(n)
        plain = sites.one_page(self.workdir / "big-plain", events, extension=False)
        ext = sites.one_page(self.workdir / "big-ext", events, extension=True)
        self.twins("one-page", f"(2) 1 page × event-list of {n}", plain, ext, "≤ 1.5", 1.5)

    # (3)
    def rebuild(self) -> None:
        self.log(f"(3) rebuilds of the {self.sizes.pages}-page site: {self.runs} run(s) each")
        plain = self.forty("rebuild-plain", extension=False)
        ext = self.forty("rebuild-ext", extension=True)
        plain_out, ext_out = self.out("rebuild-plain"), self.out("rebuild-ext")
        measure.run_build(plain.root, plain_out)
        measure.run_build(ext.root, ext_out)
        builds = build_pair(
            self.runs,
            lambda: measure.run_build(plain.root, plain_out, fresh=False),
            lambda: measure.run_build(ext.root, ext_out, fresh=False),
        )
        row = pair_row(
            "rebuild-nochange",
            "(3a) no-change rebuild",
            ("plain no-change", "extension no-change"),
            builds,
            "≤ 1.05, re-reads 0",
            1.05,
            reread_plain=[b.reread for b in builds[0]],
            reread_extension=[b.reread for b in builds[1]],
        )
        row.passed = bool(row.passed) and all(b.reread == 0 for b in builds[1])
        self.rows.append(row)

        # (3b) edit one event's title: in the data file (extension) or in its page (plain).
        edits = {"n": 0}
        target_page: dict[str, str] = {}

        def edited(site: sites.Site, out: Path, key: str) -> measure.Build:
            edits["n"] += 1
            index = len(site.events) // 2
            title = f"{site.events[index]['title'].split(' (edit')[0]} (edit {edits['n']})"
            target_page[key] = site.retitle(index, title)
            return measure.run_build(site.root, out, fresh=False)

        builds = build_pair(
            self.runs,
            lambda: edited(plain, plain_out, "plain"),
            lambda: edited(ext, ext_out, "extension"),
        )
        docs = self.sizes.pages + sites.PROSE_PAGES + 1
        users = self.sizes.pages
        reread = [b.reread for b in builds[1]]
        row = pair_row(
            "rebuild-data-edit",
            "(3b) edit one event (data file vs page)",
            ("plain page edit", "extension data edit"),
            builds,
            f"re-reads {users} of {docs} docs",
            None,
            reread_plain=[b.reread for b in builds[0]],
            reread_extension=reread,
            documents=docs,
            documents_using_data=users,
        )
        row.passed = all(n == users for n in reread)
        self.rows.append(row)

    # (4)
    def parallel(self) -> None:
        self.log(f"(4) -j 2 against -j 1: {self.runs} run(s) each, extension and plain")
        # references: the extension without its calendar files (which it writes in a
        # process of its own, also at -j 1), and plain Sphinx
        variants = (
            ("extension", True, None),
            ("extension without calendar files", True, {"iassist_ics": "0"}),
            ("plain", False, None),
        )
        sites_made: dict[bool, sites.Site] = {}
        for tag, extension, settings in variants:
            if extension not in sites_made:
                name = "parallel-extension" if extension else "parallel-plain"
                sites_made[extension] = self.forty(name, extension=extension)
            site = sites_made[extension]
            slug = tag.replace(" ", "-")
            builds = build_pair(
                self.runs,
                lambda site=site, slug=slug, settings=settings: measure.run_build(
                    site.root, self.out(f"j1-{slug}"), settings=settings
                ),
                lambda site=site, slug=slug, settings=settings: measure.run_build(
                    site.root, self.out(f"j2-{slug}"), jobs=2, settings=settings
                ),
            )
            reference = tag != "extension"
            self.rows.append(
                pair_row(
                    f"parallel-{slug}",
                    f"(4) {self.sizes.pages} pages, {tag}: -j 2 vs -j 1",
                    ("-j 1", "-j 2"),
                    builds,
                    "(reference)" if reference else "≤ 1.00",
                    None if reference else 1.0,
                )
            )

    # (5)
    def programme(self) -> None:
        """(6) A programme of 600 sessions, 12 rooms, 5 days: a list page, a grid page and a
        speaker list, against the same site without the programme; the difference in CPU
        time is the extension's time for it (target: under 2 s)."""
        count, rooms, days = self.sizes.sessions, 12, 5
        self.log(
            f"(6) programme of {count} sessions, {rooms} rooms, {days} days: {self.runs} run(s)"
        )
        roots = {
            kind: programme.site(
                self.workdir / f"programme-{kind}",
                programme=kind == "with",
                sessions=count,
                rooms=rooms,
                days=days,
            )
            for kind in ("without", "with")
        }
        base, meas = build_pair(
            self.runs,
            lambda: measure.run_build(roots["without"], self.out("programme-without")),
            lambda: measure.run_build(roots["with"], self.out("programme-with")),
        )
        row = pair_row(
            "programme",
            f"(6) programme: {count} sessions, {rooms} rooms, {days} days (list, grid, speakers)",
            ("without the programme", "with it"),
            (base, meas),
            "+ < 2 s CPU",
            None,
        )
        # CPU time (the build's and its calendar writer's): wall time on a shared machine
        # measures the neighbours too
        extension_cpu = (row.measured_cpu_s or 0.0) - (row.baseline_cpu_s or 0.0)
        row.details["extension_s"] = round(row.measured_s - row.baseline_s, 3)
        row.details["extension_cpu_s"] = round(extension_cpu, 3)
        row.passed = extension_cpu < 2.0
        self.rows.append(row)

    def load(self) -> None:
        from sphinx_iassist.readers.catalog import load_catalog

        n = self.sizes.load
        self.log(f"(5) load + validate {n} events per format: {self.runs} run(s) each")
        events = self.events(n)
        folder = self.workdir / "load"
        folder.mkdir(parents=True, exist_ok=True)
        for fmt in eventdata.FORMATS:
            path = eventdata.write(events, folder / f"events.{fmt}")
            self.rows.append(self._load_one(fmt, path, n, load_catalog))
        self.loads_per_build()

    def _load_one(self, fmt: str, path: Path, n: int, load_catalog: Callable[..., Any]) -> Row:
        parse = PARSERS[fmt]
        base: list[float] = []
        meas: list[float] = []
        catalogs: list[Any] = []

        def parse_only() -> None:
            started = time.perf_counter()
            parse(path)
            base.append(time.perf_counter() - started)

        def load_validate() -> None:
            started = time.perf_counter()
            catalog = load_catalog([str(path)], default_timezone="UTC")
            meas.append(time.perf_counter() - started)
            catalogs[:] = [catalog]

        alternate(self.runs, parse_only, load_validate)
        loaded, problems = len(catalogs[0].events), len(catalogs[0].problems)
        return Row(
            name=f"load-{fmt}",
            label=f"(5) load + validate {n} events, {fmt.upper()}",
            baseline="parse only",
            measured="load_catalog",
            baseline_s=median(base),
            measured_s=median(meas),
            target="< 1 s",
            passed=median(meas) < 1.0 and loaded == n and problems == 0,
            details={
                "baseline_runs_s": [round(t, 4) for t in base],
                "measured_runs_s": [round(t, 4) for t in meas],
                "events_loaded": loaded,
                "problems": problems,
                "bytes": path.stat().st_size,
            },
        )

    def loads_per_build(self) -> None:
        """Count, with cProfile and nothing patched, how often one build loads the data."""
        self.log(f"(5) loads per build: one profiled build of the {self.sizes.pages}-page site")
        site = self.forty("profile-ext", extension=True)
        profile = self.workdir / "build.prof"
        stats = measure.profile_build(site.root, self.out("profile-ext"), profile)
        ours = measure.function_stats(stats, "sphinx_iassist/")
        loads = [
            f
            for f in ours
            if f.name.startswith("readers/catalog.py") and "(load_catalog)" in f.name
        ]
        runs = [f for f in ours if "(run)" in f.name and f.name.startswith("directives/")]
        calls = loads[0].calls if loads else 0
        lists = sum(f.calls for f in runs)
        row = Row(
            name="loads-per-build",
            label=f"(5) data loads in one build of {self.sizes.pages} lists",
            baseline="directive runs",
            measured="load_catalog calls",
            baseline_s=float(lists),
            measured_s=float(calls),
            target="1 load",
            passed=calls == 1,
            details={
                "unit": "calls (not seconds)",
                "load_catalog_calls": calls,
                "load_catalog_cumulative_s": round(loads[0].cumulative_seconds, 4) if loads else 0,
                "directive_runs": lists,
                "profiled_build_s": round(measure.total_seconds(stats), 3),
            },
        )
        self.rows.append(row)
        self.extra["profile_top"] = [asdict(f) for f in ours[:20]]
        self.extra["profile_total_s"] = round(measure.total_seconds(stats), 3)


def _parse_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # a safe loader (C if present)


def _parse_toml(path: Path) -> Any:
    import tomllib

    with path.open("rb") as handle:
        return tomllib.load(handle)


def _parse_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


PARSERS: dict[str, Callable[[Path], Any]] = {
    "yaml": _parse_yaml,
    "toml": _parse_toml,
    "json": _parse_json,
}


def compile_sources() -> None:
    """Byte-compile the checkout's package, as installing a wheel does.

    Builds import ``src/`` from the checkout; with ``PYTHONDONTWRITEBYTECODE`` set (as on
    this project's machines) they would compile the extension's modules again in every
    build, while Sphinx's, installed by pip, are compiled once: 10–15 ms a build that no
    installed user pays.
    """
    import compileall

    package = HERE.parent / "src" / "sphinx_iassist"
    if not compileall.compile_dir(str(package), quiet=1):
        print(
            f"warning: could not byte-compile {package}; every build will compile it again",
            file=sys.stderr,
        )


# -- report -----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import sphinx

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else [],
    }


def _seconds(row: Row, value: float) -> str:
    if row.details.get("unit"):
        return f"{value:.0f}"
    return f"{value:.4f}" if value < 0.1 else f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _rss(row: Row) -> str:
    if row.baseline_rss_mib is None or row.measured_rss_mib is None:
        return "—"
    return f"{row.baseline_rss_mib:.0f} / {row.measured_rss_mib:.0f}"


def _cpu(row: Row) -> str:
    if row.baseline_cpu_s is None or row.measured_cpu_s is None:
        return "—"
    return f"{row.baseline_cpu_s:.2f} / {row.measured_cpu_s:.2f}"


def table(rows: list[Row]) -> str:
    head = ("benchmark", "baseline", "median", "measured", "median", "ratio", "target", "result")
    head += ("CPU s", "peak RSS MiB")
    lines = [head]
    for row in rows:
        result = {True: "pass", False: "FAIL", None: "—"}[row.passed]
        reread = row.details.get("reread_extension")
        label = row.label + (f" [re-read {max(reread)}]" if reread else "")
        lines.append(
            (
                label,
                row.baseline,
                _seconds(row, row.baseline_s),
                row.measured,
                _seconds(row, row.measured_s),
                "—" if row.details.get("unit") else f"{row.ratio:.2f}",
                row.target,
                result,
                _cpu(row),
                _rss(row),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run")
    parser.add_argument("--runs", type=int, help="runs per case (default 5, 1 with --quick)")
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only these")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--source", type=Path, help="confs.tech 'conferences' directory")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)

    sizes = Sizes.quick() if args.quick else Sizes.full()
    runs = args.runs or (1 if args.quick else 5)
    chosen = args.only or list(BENCHMARKS)
    started = time.time()
    compile_sources()
    before = machine()
    workdir = Path(tempfile.mkdtemp(prefix="iassist-bench-"))
    try:
        bench = Bench(workdir, sizes, runs, args.source)
        for name in BENCHMARKS:
            if name in chosen:
                getattr(bench, name.replace("-", "_"))()
    finally:
        if args.keep:
            print(f"sites kept in {workdir}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)

    report = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "duration_s": round(time.time() - started, 1),
        "machine": before,
        "load_average_after": machine()["load_average"],
        "data_source": bench.source,
        "sizes": asdict(sizes),
        "runs": runs,
        "results": [{**asdict(row), "ratio": round(row.ratio, 4)} for row in bench.rows],
        **bench.extra,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(table(bench.rows))
    print(
        f"\n{runs} run(s) per case, medians in seconds; data: {bench.source}; "
        f"machine: {before['cpus']} CPUs, load average {before['load_average']} → "
        f"{report['load_average_after']}; JSON: {args.json}"
    )
    failed = [row.name for row in bench.rows if row.passed is False]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
