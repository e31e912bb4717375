"""Import 10,000 synthetic articles (~4 KB each) into a fresh SQLite database through the real
CLI path, ``workbench.cli.main(["import", "--db", DB, "-q", PATH])``, run in its own process so
that its wall time and peak memory are its own. Two inputs: a folder of 10,000 .txt files, and
one .jsonl file holding the same articles.

Floors (each input): <= 20 s wall (process start to exit), <= 400 MB peak memory. The import
may run extraction in worker processes: peak memory is then the peak of the RSS summed over the
whole process tree (sampled every 50 ms from /proc; pages shared between processes are counted
once per process, so this is the strict reading), and the largest single process (GNU time's
figure) and the tree's PSS are printed beside it.

    .venv/bin/python bench/import_10k.py             # full run (10,000 articles)
    .venv/bin/python bench/import_10k.py --quick     # smoke run (300 articles)
    .venv/bin/python bench/import_10k.py --workdir /tmp/wb-bench --keep   # keep corpus + databases
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from _common import MB, Check, Report, header, profile_cli, release_workdir, run_cli, workdir  # noqa: E402

FLOOR_S = 20.0
FLOOR_RSS_MB = 400.0
_SUMMARY = re.compile(r"(\d+) article\(s\) imported with (\d+) candidate claim\(s\).*\(([\d.]+) s\)")


def fresh_db(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def cli_has_jobs() -> bool:
    from workbench.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return "--jobs" in sub.choices["import"].format_help()


def db_counts(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("select count(*) from article").fetchone()[0],
                con.execute("select count(*) from candidate").fetchone()[0])
    finally:
        con.close()


def prepare(work: Path, n: int, seed: int) -> tuple[Path, Path, int]:
    """The corpus as a folder of .txt files and as one .jsonl (reused if already there)."""
    folder, jsonl, stamp = work / f"txt-{n}-s{seed}", work / f"articles-{n}-s{seed}.jsonl", work / f".corpus-{n}-s{seed}"
    if stamp.exists():
        return folder, jsonl, int(stamp.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    arts = corpus.make_articles(n, seed=seed)
    _, nbytes = corpus.write_txt_dir(arts, folder)
    corpus.write_jsonl(arts, jsonl)
    stamp.write_text(str(nbytes))
    return folder, jsonl, nbytes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 300 articles")
    ap.add_argument("-n", type=int, default=10_000, help="articles (default 10,000)")
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--inputs", default="txt,jsonl", help="txt, jsonl or both (default)")
    ap.add_argument("--jobs", type=int, help="pass --jobs N to the import (default: the CLI's default)")
    ap.add_argument("--workdir", type=Path, help="keep the corpus and databases here (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="do not delete the temp dir")
    ap.add_argument("--profile", action="store_true", help="print cProfile hot spots (always done on FAIL)")
    ap.add_argument("--no-profile", action="store_true", help="never profile")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if args.quick:
        args.n = 300

    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    header(f"import {args.n:,} articles through the CLI" + (f" (--jobs {args.jobs})" if args.jobs else ""))
    work, made = workdir(args.workdir, "wb-bench-import-")
    rep = Report("import_10k", args.quick)
    try:
        t0 = time.perf_counter()
        folder, jsonl, nbytes = prepare(work, args.n, args.seed)
        print(f"   corpus: {args.n:,} articles, {nbytes / MB:.1f} MB of text, in {work} "
              f"(prepared in {time.perf_counter() - t0:.1f} s, not timed)")
        targets = {"txt": folder, "jsonl": jsonl}
        for mode in [m.strip() for m in args.inputs.split(",") if m.strip()]:
            db = fresh_db(work / f"import-{mode}.db")
            m = run_cli("import", "--db", str(db), "-q", *jobs, str(targets[mode]))
            s = _SUMMARY.search(m.stdout)
            arts, cands, inner = (int(s.group(1)), int(s.group(2)), float(s.group(3))) if s else (-1, -1, -1.0)
            in_db = db_counts(db)
            size = sum(p.stat().st_size for p in work.glob(db.name + "*"))
            what = f"{args.n:,} .txt files" if mode == "txt" else "one .jsonl"
            print(f"   [{mode}] {what}: seconds {m.wall_s:.2f} (CLI's own timer {inner:.1f} s; "
                  f"CPU user {m.user_s:.1f} s, sys {m.sys_s:.1f} s) | {m.memory_text()} "
                  f"| {arts:,} articles, {cands:,} candidates "
                  f"| {args.n / m.wall_s:,.0f} articles/s | database {size / MB:.0f} MB")
            if in_db != (args.n, cands):
                print(f"   !! database holds {in_db[0]} articles / {in_db[1]} candidates, expected {args.n} / {cands}")
            rep.figures[mode] = {"seconds": round(m.wall_s, 2), "cli_seconds": inner, "peak_rss_mb": round(m.peak_mb, 1),
                                 "largest_process_rss_mb": round(m.peak_rss_mb, 1), "tree_pss_mb": round(m.tree_pss_mb, 1),
                                 "processes": m.processes, "cpu_s": round(m.user_s + m.sys_s, 1),
                                 "articles": arts, "candidates": cands, "db_mb": round(size / MB, 1),
                                 "input_mb": round(nbytes / MB, 2), "db": str(db)}
            rep.checks.append(Check(f"[{mode}] wall time", m.wall_s, FLOOR_S, "s"))
            rep.checks.append(Check(f"[{mode}] peak RSS", m.peak_mb, FLOOR_RSS_MB, "MB"))
            rep.checks.append(Check(f"[{mode}] all {args.n:,} articles in the database", float(in_db[0] == args.n), 1.0, "bool", True))
        rep.print_checks()
        if not args.no_profile:
            failed = {c.name.split("]")[0][1:] for c in rep.checks if not c.ok}
            for mode in (rep.figures if args.profile else sorted(failed)):
                db = fresh_db(work / f"import-{mode}-profile.db")
                # cProfile sees one process: with --jobs 1 the extraction runs where it is profiled
                one = ["--jobs", "1"] if cli_has_jobs() else []
                print(f"\n-- cProfile: import [{mode}] {' '.join(one)} (one process, so that extraction is in the profile) --")
                print(profile_cli(["import", "--db", str(db), "-q", *one, str(targets[mode])], work / f"import-{mode}.prof"))
                fresh_db(db)
        rep.dump(args.json)
    finally:
        release_workdir(work, made, args.keep)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
