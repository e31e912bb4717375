"""Cold start: ``workbench extract`` of a one-sentence file in a fresh process, from interpreter
start to exit, as a user running the command once sees it.

Floor: median <= 0.3 s with Python's bytecode cache warm. The extractor keeps no cache of its own
(its lexicons are compiled at every start, from ``workbench/claims/lexicons/*.json``); the only
thing a start can find ready or not is Python's bytecode, so the same command is also timed with
the project's modules compiled from source (no ``.pyc`` for ``workbench``: the first run after
installing or changing the checkout, or every run with ``PYTHONDONTWRITEBYTECODE=1``), for
information. The bytecode lives in a temporary ``PYTHONPYCACHEPREFIX``: the checkout's
``__pycache__`` folders are neither read nor written.

    .venv/bin/python bench/cold_extract.py             # 15 processes per case
    .venv/bin/python bench/cold_extract.py --quick     # 5 per case
    .venv/bin/python bench/cold_extract.py --runs 31 --json cold.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, Check, Report, cli_argv, header, profile_cli, release_workdir, workdir  # noqa: E402

FLOOR_S = 0.3
SENTENCE = "Le ministre a déclaré que tout va bien.\n"


def timed(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds user + system, the finished process) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p


def package_dir(env: dict) -> Path:
    """The folder of the ``workbench`` package that the measured processes import."""
    out = subprocess.run([PYTHON, "-c", "import workbench, os; print(os.path.realpath(workbench.__path__[0]))"],
                         env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return Path(out.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 5 processes per case")
    ap.add_argument("--runs", type=int, default=15, help="fresh processes per case (default 15)")
    ap.add_argument("--floor", type=float, default=FLOOR_S, help="seconds, median with the bytecode cache warm")
    ap.add_argument("--workdir", type=Path, help="keep the input and the bytecode cache here")
    ap.add_argument("--profile", action="store_true", help="print cProfile hot spots (always done on FAIL)")
    ap.add_argument("--no-profile", action="store_true", help="never profile")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs = 5

    header("cold start: workbench extract of a one-sentence file")
    work, made = workdir(args.workdir, "wb-cold-")
    try:
        sample = work / "one.txt"
        sample.write_text(SENTENCE, "utf-8")
        pyc, pyc_cold = work / "pycache", work / "pycache-cold"
        for d in (pyc, pyc_cold):
            shutil.rmtree(d, ignore_errors=True)
        base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
        warm_env = {**base, "PYTHONPYCACHEPREFIX": str(pyc)}
        cold_env = {**base, "PYTHONPYCACHEPREFIX": str(pyc_cold), "PYTHONDONTWRITEBYTECODE": "1"}
        extract_argv = cli_argv("extract", str(sample))

        # fill the bytecode cache (not timed) and check the output; the runs without the
        # project's bytecode use a copy of the cache without it (the interpreter's and the
        # libraries' bytecode stay, as installed) that they cannot write to
        _, _, first = timed(extract_argv, warm_env, ROOT)
        rows = [json.loads(line) for line in first.stdout.splitlines() if line.strip()]
        if first.returncode != 0 or len(rows) != 1 or rows[0].get("label") != "attributed":
            print(f"   workbench extract gave exit {first.returncode}, {len(rows)} candidate(s):\n"
                  f"{first.stdout}{first.stderr}")
            return 1
        timed([PYTHON, "-c", "pass"], warm_env, ROOT)
        pkg = package_dir(warm_env)
        shutil.copytree(pyc, pyc_cold)
        project_pyc = pyc_cold / pkg.relative_to(pkg.anchor)
        if not project_pyc.is_dir():
            print(f"   no bytecode of {pkg} in {pyc}: cannot time the start without it")
            return 1
        shutil.rmtree(project_pyc)

        cases = [  # (name, argv, env)
            ("interpreter alone (python -c pass)", [PYTHON, "-c", "pass"], warm_env),
            ("bytecode cache warm", extract_argv, warm_env),
            ("no bytecode for workbench", extract_argv, cold_env),
        ]
        figures: dict[str, dict] = {}
        print(f"   {args.runs} fresh processes per case, interleaved; "
              f"{PYTHON} -c '<workbench.cli.main>' extract one.txt (\"{SENTENCE.strip()}\")")
        walls: dict[str, list[float]] = {name: [] for name, *_ in cases}
        cpus: dict[str, list[float]] = {name: [] for name, *_ in cases}
        for _ in range(args.runs):
            for name, argv_, env in cases:
                wall, cpu, p = timed(argv_, env, ROOT)
                if p.returncode != 0:
                    print(f"   {name}: exit {p.returncode}\n{p.stdout}{p.stderr}")
                    return 1
                walls[name].append(wall)
                cpus[name].append(cpu)
        for name, *_ in cases:
            w, c = sorted(walls[name]), cpus[name]
            figures[name] = {"median_s": round(statistics.median(w), 4), "min_s": round(w[0], 4),
                             "max_s": round(w[-1], 4), "cpu_median_s": round(statistics.median(c), 4),
                             "runs": [round(x, 4) for x in walls[name]]}
            print(f"   {name:<36} median {statistics.median(w):.3f} s  (min {w[0]:.3f}, max {w[-1]:.3f}; "
                  f"CPU median {statistics.median(c):.3f} s)")

        rep = Report("cold_extract", args.quick)
        rep.figures = {"runs": args.runs, **figures}
        rep.checks.append(Check("workbench extract, one sentence, bytecode cache warm (median)",
                                figures["bytecode cache warm"]["median_s"], args.floor, "s"))
        rep.checks.append(Check("same, no bytecode for workbench (median)",
                                figures["no bytecode for workbench"]["median_s"], args.floor, "s", counts=False))
        rep.print_checks()
        if (args.profile or not rep.ok) and not args.no_profile:
            print("\n-- cProfile: one workbench extract of the file (imports included) --")
            print(profile_cli(["extract", str(sample)], work / "cold.prof"))
        rep.dump(args.json)
        return 0 if rep.ok else 1
    finally:
        release_workdir(work, made, keep=bool(args.workdir))


if __name__ == "__main__":
    raise SystemExit(main())
