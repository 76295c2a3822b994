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

BENCHMARKS = (
    "pages",
    "one-page",
    "memory",
    "rebuild",
    "parallel",
    "load",
    "validate",
    "programme",
)
DEFAULT_JSON = HERE / "results" / "latest.json"
MAX_RSS_MIB = 400  # (2b): peak memory of one page of 30,000 events
MAX_VALIDATE_S = 4.0  # (5b): CPU seconds of ``sphinx-iassist validate`` on 100,000 events


@dataclass(frozen=True)
class Sizes:
    pages: int  # pages of the multi-page site
    per_page: int  # events per page there
    big: int  # events on the one-page site
    load: int  # events in the files loaded on their own
    memory: int = 30_000  # events on the one page whose peak memory is measured
    validate: int = 100_000  # events in the file that ``sphinx-iassist validate`` checks
    sessions: int = 600  # sessions of the programme (in 12 rooms over 5 days)

    @classmethod
    def full(cls) -> Sizes:
        return cls(pages=40, per_page=50, big=10_000, load=10_000)

    @classmethod
    def quick(cls) -> Sizes:
        return cls(pages=3, per_page=4, big=30, load=50, memory=60, validate=200, sessions=60)


@dataclass
class Row:
    """One line of the table: a measured case against its baseline (None: no baseline).

    ``baseline_s`` and ``measured_s`` are median wall times, ``*_cpu_s`` median CPU times
    (user + system, children included); every run's figures are in ``details``.
    """

    name: str
    label: str
    baseline: str | None
    measured: str
    baseline_s: float | None
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
        """Wall time, measured ÷ baseline."""
        return self.measured_s / self.baseline_s if self.baseline_s else float("nan")

    @property
    def cpu_ratio(self) -> float:
        """CPU time, measured ÷ baseline."""
        if self.baseline_cpu_s and self.measured_cpu_s is not None:
            return self.measured_cpu_s / self.baseline_cpu_s
        return float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values)


def alternate(runs: int, first: Callable[[], Any], second: Callable[[], Any]) -> None:
    """Run the pair ``runs`` times, interleaved: the order swaps on every run (ABBA…), so
    neither side always follows the other (a build that leaves many files to the disk
    charges the next one)."""
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


def _runs(builds: list[measure.Build] | list[measure.Run]) -> dict[str, list[float]]:
    return {
        "wall_s": [round(b.seconds, 3) for b in builds],
        "cpu_s": [round(b.cpu_seconds, 3) for b in builds],
        "peak_rss_mib": [round(b.peak_rss_mib, 1) for b in builds],
    }


def pair_row(
    name: str,
    label: str,
    names: tuple[str, str],
    builds: tuple[list[measure.Build], list[measure.Build]],
    target: str,
    *,
    cpu_limit: float | None = None,
    wall_limit: float | None = None,
    **details: Any,
) -> Row:
    """A row of two sides' builds; it passes when the CPU ratio and the wall ratio of the
    medians are within the limits given (no limit: a reference row, or decided later)."""
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
            "baseline_runs": _runs(base),
            "measured_runs": _runs(meas),
            "warnings": sum(b.warnings for b in base + meas),
            **details,
        },
    )
    if cpu_limit is not None or wall_limit is not None:
        row.passed = (cpu_limit is None or row.cpu_ratio <= cpu_limit) and (
            wall_limit is None or row.ratio <= wall_limit
        )
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
        *,
        cpu_limit: float | None = None,
        wall_limit: float | None = None,
        settings: dict[str, str] | None = None,
    ) -> Row:
        """Fresh builds of a plain site and its extension twin, interleaved: one row."""
        builds = build_pair(
            self.runs,
            lambda: measure.run_build(plain.root, self.out(plain.root.name)),
            lambda: measure.run_build(ext.root, self.out(ext.root.name), settings=settings),
        )
        label_pair = ("plain MyST", "extension")
        row = pair_row(
            name, label, label_pair, builds, target, cpu_limit=cpu_limit, wall_limit=wall_limit
        )
        self.rows.append(row)
        return row

    # (1)
    def pages(self) -> None:
        s = self.sizes
        self.log(f"(1) {s.pages} pages × {s.per_page} events: {self.runs} run(s) each")
        plain = self.forty("pages-plain", extension=False)
        ext = self.forty("pages-ext", extension=True)
        self.twins(
            "pages",
            f"(1) {s.pages} pages × event-list of {s.per_page}",
            plain,
            ext,
            "CPU ≤ 1.00, wall ≤ 1.00",
            cpu_limit=1.0,
            wall_limit=1.0,
        )
        # reference: the calendar files written in the build process, as with one CPU
        self.twins(
            "pages-in-place",
            f"(1) {s.pages} pages, calendar files written in the build process",
            plain,
            ext,
            "(reference)",
            settings={"iassist_ics_background": "0"},
        )

    # (2)
    def one_page(self) -> None:
        n = self.sizes.big
        self.log(f"(2) one page × {n} events: {self.runs} run(s) each")
        events = self.events(n)
        plain = sites.one_page(self.workdir / "big-plain", events, extension=False)
        ext = sites.one_page(self.workdir / "big-ext", events, extension=True)
        self.twins(
            "one-page", f"(2) 1 page × event-list of {n}", plain, ext, "CPU ≤ 0.90", cpu_limit=0.9
        )

    # (2b)
    def memory(self) -> None:
        n = self.sizes.memory
        self.log(f"(2b) peak memory of one page × {n} events: {self.runs} run(s) each")
        events = self.events(n)
        plain = sites.one_page(self.workdir / "memory-plain", events, extension=False)
        ext = sites.one_page(self.workdir / "memory-ext", events, extension=True)
        row = self.twins(
            "memory", f"(2b) 1 page × event-list of {n}: peak memory", plain, ext, "≤ 400 MiB"
        )
        row.passed = (row.measured_rss_mib or 0.0) <= MAX_RSS_MIB

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
            "CPU ≤ 1.02, re-reads 0",
            cpu_limit=1.02,
            reread_plain=[b.reread for b in builds[0]],
            reread_extension=[b.reread for b in builds[1]],
            written_plain=[len(b.written) for b in builds[0]],
            written_extension=[len(b.written) for b in builds[1]],
        )
        row.passed = bool(row.passed) and all(b.reread == 0 for b in builds[1])
        self.rows.append(row)

        # (3b) edit one event's title: in the data file (extension) or in its page (plain).
        # The event shows on one page: at most that page should be read again (a list is
        # resolved when the page is written), and only the pages that editing it by hand
        # writes (it, and its parent in the toctree).
        edits = {"n": 0}
        shown_on: dict[str, list[str]] = {"plain": [], "extension": []}

        def edited(site: sites.Site, out: Path, key: str) -> measure.Build:
            edits["n"] += 1
            index = len(site.events) // 2
            title = f"{site.events[index]['title'].split(' (edit')[0]} (edit {edits['n']})"
            shown_on[key].append(site.retitle(index, title))
            return measure.run_build(site.root, out, fresh=False)

        builds = build_pair(
            self.runs,
            lambda: edited(plain, plain_out, "plain"),
            lambda: edited(ext, ext_out, "extension"),
        )
        docs = self.sizes.pages + sites.PROSE_PAGES + 1
        reread = [b.reread for b in builds[1]]
        written = [list(b.written) for b in builds[1]]
        written_plain = [list(b.written) for b in builds[0]]
        row = pair_row(
            "rebuild-data-edit",
            "(3b) edit one event (data file vs page)",
            ("plain page edit", "extension data edit"),
            builds,
            "re-reads ≤ 1 page, writes what a page edit writes",
            reread_plain=[b.reread for b in builds[0]],
            reread_extension=reread,
            written_plain=[len(b.written) for b in builds[0]],
            written_extension=[len(w) for w in written],
            written_pages_extension=written,
            written_pages_plain=written_plain,
            shown_on=shown_on["extension"],
            documents=docs,
            documents_using_data=self.sizes.pages,
        )
        # Sphinx writes an edited page's toctree parent too: the plain edit is the measure
        row.passed = shown_on["extension"] == shown_on["plain"] and all(
            n <= 1 and w == w_plain and f"{page}.html" in w
            for n, w, w_plain, page in zip(
                reread, written, written_plain, shown_on["extension"], strict=True
            )
        )
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
                    "(reference)" if reference else "wall ≤ 1.00",
                    wall_limit=None if reference else 1.0,
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
            "extension CPU ≤ 2 s",
        )
        # CPU time (the build's and its calendar writer's): wall time on a shared machine
        # measures the neighbours too
        extension_cpu = (row.measured_cpu_s or 0.0) - (row.baseline_cpu_s or 0.0)
        row.details["extension_s"] = round(row.measured_s - (row.baseline_s or 0.0), 3)
        row.details["extension_cpu_s"] = round(extension_cpu, 3)
        row.passed = extension_cpu <= 2.0
        self.rows.append(row)

    # (5b)
    def validate(self) -> None:
        """``sphinx-iassist validate`` on one YAML file of many events, each run a fresh
        process (interpreter start-up and imports included)."""
        n = self.sizes.validate
        self.log(f"(5b) sphinx-iassist validate, {n} events in one YAML file: {self.runs} run(s)")
        folder = self.workdir / "validate"
        folder.mkdir(parents=True, exist_ok=True)
        path = eventdata.write(self.events(n), folder / "events.yaml")
        runs = [measure.run_measured("iassist", ["validate", str(path)]) for _ in range(self.runs)]
        summary = runs[0].stdout.strip().splitlines()[-1] if runs[0].stdout.strip() else ""
        clean = all(r.returncode == 0 for r in runs) and summary.startswith(f"{n} events, 0 ")
        cpu = median([r.cpu_seconds for r in runs])
        self.rows.append(
            Row(
                name="validate",
                label=f"(5b) sphinx-iassist validate, {n} events (YAML)",
                baseline=None,
                measured="validate",
                baseline_s=None,
                measured_s=median([r.seconds for r in runs]),
                target=f"CPU ≤ {MAX_VALIDATE_S:.0f} s",
                passed=clean and cpu <= MAX_VALIDATE_S,
                measured_rss_mib=max(r.peak_rss_mib for r in runs),
                measured_cpu_s=cpu,
                details={
                    "measured_runs": _runs(runs),
                    "summary": summary,
                    "bytes": path.stat().st_size,
                },
            )
        )

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


# the versions the report names
SOFTWARE = (
    "sphinx",
    "myst-parser",
    "docutils",
    "alabaster",
    "jinja2",
    "babel",
    "pyyaml",
    "icalendar",
    "sphinx-iassist",
)


def machine() -> dict[str, Any]:
    import sphinx

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import PackageNotFoundError, version

    software = [f"Python {platform.python_version()}"]
    for name in SOFTWARE:
        try:
            software.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            software.append(f"{name} (not installed)")
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "software": ", ".join(software),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else [],
    }


def _number(value: float, unit: str | None = None) -> str:
    if unit:
        return f"{value:.0f}"
    return f"{value:.4f}" if value < 0.1 else f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _spread(row: Row, side: str, kind: str) -> str:
    """``median (min–max)`` of one side's runs: ``kind`` is ``wall_s`` or ``cpu_s``."""
    medians = {
        ("baseline", "wall_s"): row.baseline_s,
        ("measured", "wall_s"): row.measured_s,
        ("baseline", "cpu_s"): row.baseline_cpu_s,
        ("measured", "cpu_s"): row.measured_cpu_s,
    }
    value = medians[side, kind]
    if value is None:
        return "—"
    unit = row.details.get("unit")
    runs = row.details.get(f"{side}_runs")
    values = runs.get(kind) if isinstance(runs, dict) else row.details.get(f"{side}_runs_s")
    text = _number(value, unit)
    if kind == "wall_s" and values and len(values) > 1:
        low, high = min(values), max(values)
        text += f" ({_number(low, unit)}–{_number(high, unit)})"
    elif kind == "cpu_s" and values and len(values) > 1:
        text += f" ({_number(min(values))}–{_number(max(values))})"
    return text


def _ratio(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"  # NaN: no baseline


def _rss(row: Row) -> str:
    sides = (row.baseline_rss_mib, row.measured_rss_mib)
    return " / ".join("—" if v is None else f"{v:.0f}" for v in sides)


_HEAD = (
    "benchmark",
    "baseline",
    "measured",
    "wall s: baseline",
    "wall s: measured",
    "ratio",
    "CPU s: baseline",
    "CPU s: measured",
    "CPU ratio",
    "peak RSS MiB",
    "target",
    "result",
)


def _cells(rows: list[Row]) -> list[tuple[str, ...]]:
    """One tuple of cells per row, in the order of ``_HEAD``."""
    lines = []
    for row in rows:
        result = {True: "pass", False: "FAIL", None: "—"}[row.passed]
        reread = row.details.get("reread_extension")
        written = row.details.get("written_extension")
        label = row.label
        if reread is not None:
            label += f" [re-read {max(reread)}, written {max(written or [0])}]"
        unit = row.details.get("unit")
        lines.append(
            (
                label,
                row.baseline or "—",
                row.measured,
                _spread(row, "baseline", "wall_s"),
                _spread(row, "measured", "wall_s"),
                "—" if unit else _ratio(row.ratio),
                _spread(row, "baseline", "cpu_s"),
                _spread(row, "measured", "cpu_s"),
                _ratio(row.cpu_ratio),
                _rss(row),
                row.target,
                result,
            )
        )
    return lines


def table(rows: list[Row]) -> str:
    """The report: medians with (min–max) of the runs, the ratios, peak memory, target."""
    lines = [_HEAD, *_cells(rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEAD))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def markdown(rows: list[Row], report: dict[str, Any]) -> str:
    """The same table as Markdown, then the machine and the software it ran on."""

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    out = [line(_HEAD), "|" + "---|" * len(_HEAD)]
    out.extend(line(cells) for cells in _cells(rows))
    info = report["machine"]
    out += [
        "",
        "| | |",
        "|---|---|",
        f"| measured | {report['created']}, {report['runs']} run(s) per case, "
        f"{report['duration_s']:.0f} s in all |",
        f"| CPU | {info['cpus']} × {info['cpu']} |",
        f"| load average | {info['load_average']} before, {report['load_average_after']} after |",
        f"| system | {info['platform']} |",
        f"| software | {info['software']} |",
        f"| data | {report['data_source']} |",
    ]
    return "\n".join(out) + "\n"


def _rounded(value: float) -> float | None:
    return None if value != value else round(value, 4)  # NaN (no baseline): null in JSON


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one run")
    parser.add_argument("--runs", type=int, help="runs per case (default 5, 1 with --quick)")
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only these")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--source", type=Path, help="confs.tech 'conferences' directory")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
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
        "results": [
            {**asdict(row), "ratio": _rounded(row.ratio), "cpu_ratio": _rounded(row.cpu_ratio)}
            for row in bench.rows
        ],
        **bench.extra,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(table(bench.rows))
    if args.markdown:
        args.markdown.write_text(markdown(bench.rows, report), encoding="utf-8")
    print(
        f"\n{runs} run(s) per case, medians in seconds; data: {bench.source}; "
        f"machine: {before['cpus']} CPUs, load average {before['load_average']} → "
        f"{report['load_average_after']}; JSON: {args.json}"
    )
    failed = [row.name for row in bench.rows if row.passed is False]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
