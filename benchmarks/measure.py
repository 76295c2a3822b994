"""Running one ``sphinx-build`` (or ``sphinx-iassist``) as a fresh subprocess: wall and CPU
time, peak memory, what it read and wrote.

Each build is Sphinx's ``main`` in a fresh Python process. The wall time is taken around
the process (start to exit, interpreter start-up included, the same for both twins).

Peak memory is the largest resident set of the build process or of any worker it waited
for (``-j N``), not a sum. On Linux a child's ``ru_maxrss`` also counts the memory of the
parent it was forked from (the kernel keeps the pre-``exec`` high-water mark), which would
put this script's own size under every figure; so the build process reports its own
``VmHWM`` from ``/proc/self/status`` and its workers' ``ru_maxrss`` on exit. Elsewhere the
``ru_maxrss`` that ``os.wait4`` returns is used.
"""

from __future__ import annotations

import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
UPDATING = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
PEAK = re.compile(r"^iassist-bench-peak-kib: (\d+)$", re.MULTILINE)

#: Run ``sphinx-build`` (first argument ``sphinx``) or ``sphinx-iassist`` (``iassist``),
#: then report this process's high-water mark and its workers' peak.
CHILD = """\
import re, resource, sys
tool, args = sys.argv[1], sys.argv[2:]
if tool == "sphinx":
    from sphinx.cmd.build import main
else:
    from sphinx_iassist.cli import main
try:
    code = main(args)
finally:
    try:
        with open("/proc/self/status") as status:
            own = int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
    except (OSError, AttributeError):
        own = 0
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if own:
        print(f"iassist-bench-peak-kib: {max(own, workers)}", file=sys.stderr)
sys.exit(code)
"""


@dataclass(frozen=True)
class Run:
    """One command run as a fresh process: what it cost, and its output."""

    seconds: float
    cpu_seconds: float  # user + system, of the process and every process it waited for
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


def run_measured(tool: str, args: list[str]) -> Run:
    """Run ``tool`` (``sphinx`` or ``iassist``) with ``args`` in a fresh Python process.

    CPU time is what ``os.wait4`` reports for the process: its own and that of every
    process it waited for (``-j`` workers, the calendar writer). Wall time runs from
    start to exit.
    """
    cmd = [sys.executable, "-c", CHILD, tool, *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    peak = PEAK.search(stderr)
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=int(peak.group(1)) / 1024 if peak else _maxrss_mib(usage.ru_maxrss),
        returncode=os.waitstatus_to_exitcode(status),
        stdout=stdout,
        stderr=stderr,
    )


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float  # user + system, of the build and every process it waited for
    peak_rss_mib: float
    added: int
    changed: int
    removed: int
    warnings: int
    log: str
    #: the documents' HTML pages this build wrote (rebuilds only: files whose modification
    #: time changed; Sphinx's own pages such as ``genindex.html`` are not counted)
    written: tuple[str, ...] = ()

    @property
    def reread(self) -> int:
        """Documents Sphinx reported as added or changed (what it re-read)."""
        return self.added + self.changed


class BuildError(RuntimeError):
    pass


def child_env() -> dict[str, str]:
    """The environment for builds: the checkout's ``src`` importable, no colour codes."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env["NO_COLOR"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _maxrss_mib(maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def sphinx_command(
    srcdir: Path, outdir: Path, jobs: int = 1, settings: dict[str, str] | None = None
) -> list[str]:
    defines = [f"-D{key}={value}" for key, value in (settings or {}).items()]
    return [
        "-m",
        "sphinx",
        "-b",
        "html",
        "-j",
        str(jobs),
        *defines,
        "-d",
        str(outdir / "doctrees"),
        str(srcdir),
        str(outdir / "html"),
    ]


def _pages(html: Path) -> dict[str, int]:
    """Each HTML page under ``html`` (relative path) and its modification time (ns)."""
    if not html.is_dir():
        return {}
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def _docnames(srcdir: Path) -> set[str]:
    return {
        p.relative_to(srcdir).with_suffix("").as_posix()
        for p in srcdir.rglob("*")
        if p.suffix in (".md", ".rst") and "_build" not in p.parts
    }


def run_build(
    srcdir: Path,
    outdir: Path,
    *,
    jobs: int = 1,
    fresh: bool = True,
    settings: dict[str, str] | None = None,
) -> Build:
    """Build ``srcdir`` into ``outdir`` and measure it; ``fresh``: ``outdir`` must not exist
    (the doctrees go in it too, so a fresh build starts with no environment either).

    ``settings`` are ``-D`` overrides of ``conf.py`` values. A rebuild (``fresh=False``)
    also records which HTML pages it wrote (their files' modification times changed).

    A fresh build gets a new directory rather than an emptied one (see ``Bench.out``).
    """
    if fresh and outdir.exists():
        raise BuildError(f"{outdir} exists: a fresh build needs a new output directory")
    before = {} if fresh else _pages(outdir / "html")
    done = run_measured("sphinx", sphinx_command(srcdir, outdir, jobs, settings)[2:])
    if done.returncode != 0:
        raise BuildError(
            f"sphinx-build {srcdir} failed ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    written: tuple[str, ...] = ()
    if not fresh:
        after = _pages(outdir / "html")
        docs = {f"{d}.html" for d in _docnames(srcdir)}  # not genindex.html, search.html
        written = tuple(
            sorted(p for p, mtime in after.items() if before.get(p) != mtime and p in docs)
        )
    found = UPDATING.search(done.stdout)
    added, changed, removed = (int(n) for n in found.groups()) if found else (0, 0, 0)
    return Build(
        seconds=done.seconds,
        cpu_seconds=done.cpu_seconds,
        peak_rss_mib=done.peak_rss_mib,
        added=added,
        changed=changed,
        removed=removed,
        warnings=done.stderr.count("WARNING:"),
        log=done.stderr,
        written=written,
    )


@dataclass(frozen=True)
class FunctionStat:
    name: str
    calls: int
    own_seconds: float
    cumulative_seconds: float


def profile_build(srcdir: Path, outdir: Path, profile: Path) -> pstats.Stats:
    """One fresh ``-j 1`` build under cProfile (nothing patched); its statistics.

    The calendar files are written in a forked process, outside this profile.
    """
    if outdir.exists():
        raise BuildError(f"{outdir} exists: a fresh build needs a new output directory")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(profile)]
    cmd += sphinx_command(srcdir, outdir)
    done = subprocess.run(cmd, env=child_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return pstats.Stats(str(profile))


def function_stats(stats: pstats.Stats, path_part: str) -> list[FunctionStat]:
    """Every profiled function whose file path contains ``path_part``, by cumulative time;
    each named by its path after ``path_part`` (``readers/catalog.py:201(load_catalog)``)."""
    result = []
    for (filename, line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        _, ncalls, tottime, cumtime, _ = row
        path = filename.replace(os.sep, "/")
        if path_part in path:
            label = f"{path.split(path_part, 1)[1]}:{line}({name})"
            result.append(FunctionStat(label, ncalls, tottime, cumtime))
    return sorted(result, key=lambda s: s.cumulative_seconds, reverse=True)


def total_seconds(stats: pstats.Stats) -> float:
    return float(stats.total_tt)  # type: ignore[attr-defined]
