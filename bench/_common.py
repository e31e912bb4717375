"""Shared helpers for the benchmark scripts: measured subprocesses, profiling, reporting.

Units: MB = 10**6 bytes everywhere (text sizes, throughput, peak memory); MiB are shown
beside memory figures for reference. Verdicts use MB, which is the stricter reading.
"""

from __future__ import annotations

import cProfile
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIME = shutil.which("time", path="/usr/bin:/bin")
MB = 1_000_000

# The real CLI entry point, run in its own process so that its peak memory is its own
_CLI = "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))"
_CLI_PROFILED = (
    "import cProfile, sys; from workbench.cli import main; "
    "out = sys.argv[1]; args = sys.argv[2:]; pr = cProfile.Profile(); "
    "rc = pr.runcall(main, args); pr.dump_stats(out); sys.exit(rc)"
)


@dataclass
class Measure:
    argv: list[str]
    rc: int
    wall_s: float
    peak_rss_mb: float
    user_s: float
    sys_s: float
    stdout: str
    stderr: str
    method: str  # "/usr/bin/time -v" or "wait4"
    #: peak of the summed RSS / PSS of the whole process tree (worker processes included),
    #: sampled every ``SAMPLE_S``; ``peak_rss_mb`` is the largest single process (kernel figure)
    tree_rss_mb: float = float("nan")
    tree_pss_mb: float = float("nan")
    processes: int = 1

    @property
    def peak_rss_mib(self) -> float:
        return self.peak_rss_mb * MB / 2**20

    @property
    def peak_mb(self) -> float:
        """The figure the memory floors use: the tree's summed RSS when it was sampled (it counts
        pages shared between processes once per process, so it is the stricter figure), else the
        largest process."""
        if self.tree_rss_mb == self.tree_rss_mb:  # not NaN
            return max(self.tree_rss_mb, self.peak_rss_mb)
        return self.peak_rss_mb

    def memory_text(self) -> str:
        if self.processes > 1:
            return (f"peak RSS {self.peak_mb:.0f} MB summed over {self.processes} processes "
                    f"(PSS {self.tree_pss_mb:.0f} MB; largest process {self.peak_rss_mb:.0f} MB)")
        return f"peak RSS {self.peak_mb:.0f} MB ({self.peak_mb * MB / 2**20:.0f} MiB)"


SAMPLE_S = 0.05


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _descendants(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) if it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except OSError:
        pass
    return rss, pss


class _TreeSampler(threading.Thread):
    """Samples the summed memory of a process and all its descendants until it exits."""

    def __init__(self, pid: int, skip: int | None = None) -> None:
        super().__init__(daemon=True)
        self.pid, self.skip = pid, skip
        self.stop = threading.Event()
        self.rss_kb = self.pss_kb = 0
        self.seen: set[int] = set()

    def run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while not self.stop.is_set():
            pids = [p for p in _descendants(self.pid) if p != self.skip]
            rss = pss = 0
            for p in pids:
                r, q = _mem_kb(p)
                rss, pss = rss + r, pss + q
                if r:
                    self.seen.add(p)
            self.rss_kb, self.pss_kb = max(self.rss_kb, rss), max(self.pss_kb, pss)
            self.stop.wait(SAMPLE_S)


def cli_argv(*args: str) -> list[str]:
    return [PYTHON, "-c", _CLI, *args]


def run_measured(argv: list[str], cwd: Path | None = None, env: dict | None = None) -> Measure:
    """Run ``argv`` and measure its wall time and peak RSS (that process only)."""
    env = {**os.environ, **(env or {})}
    if TIME:
        with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
            tpath = tf.name
        try:
            with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
                t0 = time.perf_counter()
                p = subprocess.Popen([TIME, "-v", "-o", tpath, *argv], cwd=cwd, env=env, stdout=out, stderr=err, text=True)
                sampler = _TreeSampler(p.pid, skip=p.pid)  # the tree under GNU time, not time itself
                sampler.start()
                p.wait()
                wall = time.perf_counter() - t0
                sampler.stop.set()
                sampler.join()
                out.seek(0)
                err.seek(0)
                stdout, stderr = out.read(), err.read()
            report = Path(tpath).read_text()
        finally:
            os.unlink(tpath)
        def field(label: str) -> float:
            m = re.search(re.escape(label) + r": ([\d.]+)", report)
            return float(m.group(1)) if m else float("nan")  # e.g. time itself was killed

        kb = field("Maximum resident set size (kbytes)")
        rc = p.returncode
        if "Command terminated by signal" in report:
            rc = -int(re.search(r"signal (\d+)", report).group(1))
        return Measure(argv, rc, wall, kb * 1024 / MB, field("User time (seconds)"), field("System time (seconds)"),
                       stdout, stderr, "/usr/bin/time -v", *_tree(sampler))
    # no GNU time: wait4 gives the rusage of this very child (not of every child so far)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        sampler = _TreeSampler(p.pid)
        sampler.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measure(argv, p.returncode, wall, ru.ru_maxrss * 1024 / MB, ru.ru_utime, ru.ru_stime,
                       out.read(), err.read(), "wait4", *_tree(sampler))


def _tree(sampler: _TreeSampler) -> tuple[float, float, int]:
    if not sampler.rss_kb:
        return float("nan"), float("nan"), 1
    return sampler.rss_kb * 1024 / MB, sampler.pss_kb * 1024 / MB, max(1, len(sampler.seen))


def run_cli(*args: str, cwd: Path | None = None) -> Measure:
    m = run_measured(cli_argv(*args), cwd=cwd or ROOT)
    if m.rc != 0:
        raise SystemExit(f"workbench {' '.join(args)} failed (exit {m.rc}):\n{m.stdout}\n{m.stderr}")
    return m


def profile_cli(args: list[str], prof_path: Path, top: int = 25) -> str:
    """Run the CLI under cProfile in a subprocess; returns the hot-spot report."""
    p = subprocess.run([PYTHON, "-c", _CLI_PROFILED, str(prof_path), *args], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"profiled run failed (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")
    return hot_spots(pstats.Stats(str(prof_path)), top)


def profile_call(fn, *args, top: int = 25, prof_path: Path | None = None, **kwargs) -> str:
    pr = cProfile.Profile()
    pr.runcall(fn, *args, **kwargs)
    if prof_path:
        pr.dump_stats(str(prof_path))
    return hot_spots(pstats.Stats(pr), top)


def _fname(key) -> str:
    file, line, name = key
    if file == "~":
        return name  # a builtin, e.g. <method 'finditer' of 're.Pattern' objects>
    for marker in ("/site-packages/", "/lib/python3"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    else:
        try:
            file = str(Path(file).resolve().relative_to(ROOT))
        except ValueError:
            pass
    return f"{file}:{line}({name})"


def hot_spots(st: pstats.Stats, top: int = 25) -> str:
    """Two tables: own time (tottime) and inclusive time (cumtime), with shares of the total."""
    stats = st.stats  # {key: (cc, nc, tt, ct, callers)}
    # the root call's inclusive time: cProfile's own overhead makes it exceed the sum of tottime
    total = max([st.total_tt] + [v[3] for v in stats.values()]) or 1e-9
    lines = [f"profile total {total:.2f} s (under cProfile, slower than unprofiled)"]
    lines.append(f"-- top {top} by own time (tottime) --")
    lines.append(f"{'share':>6} {'own s':>7} {'cum s':>7} {'calls':>10}  function")
    for key, (cc, nc, tt, ct, _) in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]:
        lines.append(f"{100 * tt / total:5.1f}% {tt:7.2f} {ct:7.2f} {nc:>10}  {_fname(key)}")
    lines.append(f"-- top {top} project functions by inclusive time (cumtime) --")
    lines.append(f"{'share':>6} {'cum s':>7} {'own s':>7} {'calls':>10}  function")
    ours = [(k, v) for k, v in stats.items() if "/workbench/" in k[0]]
    for key, (cc, nc, tt, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"{100 * ct / total:5.1f}% {ct:7.2f} {tt:7.2f} {nc:>10}  {_fname(key)}")
    return "\n".join(lines)


def git_commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def git_state() -> str:
    """What of workbench/ differs from the commit: "" when nothing does."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "workbench"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    lines = [ln for ln in out.splitlines() if ln.strip()]
    untracked = sum(1 for ln in lines if ln.startswith("??"))
    modified = len(lines) - untracked
    parts = ([f"{modified} modified"] if modified else []) + ([f"{untracked} untracked"] if untracked else [])
    return f"workbench/ has {', '.join(parts)} path(s) not in the commit" if parts else ""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def load() -> str:
    """The 1-minute load average: other processes on the machine skew the figures."""
    try:
        return f"load average {os.getloadavg()[0]:.2f}"
    except OSError:
        return "load average unknown"


def pin_one_core() -> str:
    """Run this process on one CPU (the floors that say "one core"); says what it did."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def header(title: str) -> None:
    state = git_state()
    print(f"== {title}")
    print(f"   commit {git_commit()}{' (' + state + ')' if state else ''}; {machine()}; {load()} at start")


@dataclass
class Check:
    name: str
    value: float
    floor: float
    unit: str
    higher_is_better: bool = False
    counts: bool = True  # False: reported against a reference, not part of the verdict

    @property
    def ok(self) -> bool:
        return self.value >= self.floor if self.higher_is_better else self.value <= self.floor

    def line(self) -> str:
        if self.unit == "bool":
            return f"   {'PASS' if self.ok else 'FAIL':<11} {self.name}"
        op = ">=" if self.higher_is_better else "<="
        verdict = ("PASS" if self.ok else "FAIL") if self.counts else ("ok" if self.ok else "over") + " (info)"
        return f"   {verdict:<11} {self.name}: {self.value:.2f} {self.unit} (floor {op} {self.floor:g} {self.unit})"


@dataclass
class Report:
    bench: str
    quick: bool
    figures: dict = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks if c.counts)

    def print_checks(self) -> None:
        for c in self.checks:
            print(c.line())
        print(f"   => {'PASS' if self.ok else 'FAIL'}" + ("  (--quick: smoke run, floors are for the full run)" if self.quick else ""))

    def dump(self, path: Path | None) -> None:
        if path:
            data = asdict(self)
            data["ok"] = self.ok
            data["commit"] = git_commit()
            data["tree"] = git_state()
            path.write_text(json.dumps(data, indent=2))


def workdir(given: Path | None, prefix: str) -> tuple[Path, bool]:
    """(folder, made_here): ``given`` or a fresh temp dir that the caller removes."""
    if given:
        given.mkdir(parents=True, exist_ok=True)
        return given, False
    return Path(tempfile.mkdtemp(prefix=prefix)), True


def release_workdir(work: Path, made: bool, keep: bool) -> None:
    """Remove a temp folder ``workdir`` made, unless asked to keep it."""
    if made and not keep:
        shutil.rmtree(work, ignore_errors=True)
    elif made:
        print(f"   kept {work}")
