"""Running one ``sphinx-build`` as a fresh subprocess: wall time, peak memory, what it read.

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

#: Run sphinx-build, then report this process's high-water mark and its workers' peak.
CHILD = """\
import re, resource, sys
from sphinx.cmd.build import main
try:
    code = main(sys.argv[1:])
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
class Build:
    seconds: float
    cpu_seconds: float  # user + system, of the build and every process it waited for
    peak_rss_mib: float
    added: int
    changed: int
    removed: int
    warnings: int
    log: str

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


def run_build(
    srcdir: Path,
    outdir: Path,
    *,
    jobs: int = 1,
    fresh: bool = True,
    settings: dict[str, str] | None = None,
) -> Build:
    """Build ``srcdir`` into ``outdir`` and measure it; ``fresh``: ``outdir`` must not exist.

    ``settings`` are ``-D`` overrides of ``conf.py`` values.

    A fresh build gets a new directory rather than an emptied one (see ``Bench.out``).
    """
    if fresh and outdir.exists():
        raise BuildError(f"{outdir} exists: a fresh build needs a new output directory")
    cmd = [sys.executable, "-c", CHILD, *sphinx_command(srcdir, outdir, jobs, settings)[2:]]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    found = UPDATING.search(stdout)
    added, changed, removed = (int(n) for n in found.groups()) if found else (0, 0, 0)
    peak = PEAK.search(stderr)
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=int(peak.group(1)) / 1024 if peak else _maxrss_mib(usage.ru_maxrss),
        added=added,
        changed=changed,
        removed=removed,
        warnings=stderr.count("WARNING:"),
        log=stderr,
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
