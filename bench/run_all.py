"""Run every benchmark, then print a summary table (Markdown, ready for bench/README.md).

The import benchmark keeps its corpus and databases in one temp dir, and the export benchmark
reuses the 10k database imported from the .txt folder; the temp dir is deleted at the end.

    .venv/bin/python bench/run_all.py            # full run (several minutes)
    .venv/bin/python bench/run_all.py --quick    # smoke run (under a minute)
    .venv/bin/python bench/run_all.py --no-profile   # skip cProfile even when a floor is missed
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import git_commit, git_state, machine  # noqa: E402


def run(script: str, *args: str) -> dict | None:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tf:
        out = Path(tf.name)
    try:
        print(f"\n$ {Path(sys.executable).name} bench/{script} {' '.join(args)}", flush=True)
        p = subprocess.run([sys.executable, str(HERE / script), *args, "--json", str(out)])
        text = out.read_text()
        data = json.loads(text) if text.strip() else None
        if data is None:
            print(f"!! {script} exited {p.returncode} without figures")
        return data
    finally:
        out.unlink(missing_ok=True)


def table(results: dict[str, dict | None], quick: bool) -> str:
    rows = ["| benchmark | figure | floor | result |", "|---|---|---|---|"]

    def v(ok: bool) -> str:
        return "PASS" if ok else "**FAIL**"

    ex = results.get("extract")
    if ex:
        f = ex["figures"]
        groups = ", ".join(f"{g} {d['mb_per_s']:.2f}" for g, d in sorted(f["groups"].items()))
        rows.append(f"| extraction, one core | {f['mb']:.2f} MB in {f['seconds']:.2f} s = **{f['mb_per_s']:.2f} MB/s**, "
                    f"{f['candidates_per_s']:,.0f} candidates/s (MB/s by group: {groups}) | >= 5 MB/s | {v(ex['ok'])} |")
    im = results.get("import")
    if im:
        for mode in ("txt", "jsonl"):
            f = im["figures"].get(mode)
            if not f:
                continue
            what = "10,000 .txt files" if not quick else ".txt files"
            what = what if mode == "txt" else "one .jsonl"
            checks = {c["name"]: c for c in im["checks"]}
            t_ok = checks[f"[{mode}] wall time"]["value"] <= 20
            m_ok = checks[f"[{mode}] peak RSS"]["value"] <= 400
            rows.append(f"| import, {what} ({f['input_mb']:.0f} MB, {f['candidates']:,} candidates) | "
                        f"**{f['seconds']:.1f} s** | <= 20 s | {v(t_ok)} |")
            procs = f.get("processes", 1)
            tree = (f" summed over {procs} processes (largest {f['largest_process_rss_mb']:.0f} MB, PSS {f['tree_pss_mb']:.0f} MB)"
                    if procs > 1 else "")
            rows.append(f"| import, {what}: peak RSS | **{f['peak_rss_mb']:.0f} MB**{tree} | <= 400 MB | {v(m_ok)} |")
    exp = results.get("export")
    if exp:
        for fmt in ("claims", "spans"):
            f = exp["figures"].get(fmt)
            if not f:
                continue
            ok = f["seconds"] <= 5
            rows.append(f"| export --include-unreviewed --format {fmt} ({f['records']:,} records, {f['output_mb']:.0f} MB) | "
                        f"**{f['seconds']:.1f} s**, peak RSS {f['peak_rss_mb']:.0f} MB | <= 5 s | {v(ok)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--profile", action="store_true", help="profile every benchmark")
    ap.add_argument("--no-profile", action="store_true", help="never profile")
    ap.add_argument("--only", help="comma-separated subset of: extract, import, export")
    args = ap.parse_args(argv)
    flags = [f for f, on in (("--quick", args.quick), ("--profile", args.profile), ("--no-profile", args.no_profile)) if on]
    only = set((args.only or "extract,import,export").split(","))
    work = Path(tempfile.mkdtemp(prefix="wb-bench-all-"))
    t0 = time.perf_counter()
    results: dict[str, dict | None] = {}
    try:
        if "extract" in only:
            results["extract"] = run("extract_throughput.py", *flags)
        if "import" in only:
            results["import"] = run("import_10k.py", *flags, "--workdir", str(work))
        if "export" in only:
            db = work / "import-txt.db"
            dbargs = ["--db", str(db)] if db.exists() else []
            results["export"] = run("export_all.py", *flags, *dbargs, "--workdir", str(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    state = git_state()
    print(f"\n== summary ({'--quick smoke run; floors apply to the full run' if args.quick else 'full run'}), "
          f"{date.today().isoformat()}, commit {git_commit()}{' (' + state + ')' if state else ''}, {machine()}, "
          f"{time.perf_counter() - t0:.0f} s in all\n")
    print(table(results, args.quick))
    ok = all(r and r["ok"] for r in results.values())
    print(f"\n=> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
