"""Extraction throughput on one core: ``extract(text)`` (language detection included) over
>= 5 MB of synthetic news text (~4 KB articles plus one ~100 KB article).

Floor: 2 MB/s on one core, pure Python (MB = 10**6 bytes of UTF-8 text). The verdict uses the median of the runs.

    .venv/bin/python bench/extract_throughput.py            # full run (>= 5 MB, 3 runs)
    .venv/bin/python bench/extract_throughput.py --quick    # smoke run (0.5 MB, 1 run)
    .venv/bin/python bench/extract_throughput.py --profile  # also print cProfile hot spots
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from _common import MB, Check, Report, header, pin_one_core, profile_call  # noqa: E402

from workbench.claims import extract  # noqa: E402

FLOOR_MB_S = 2.0  # pure Python (issue 11 retired the 5 MB/s floor of a compiled core)


def run_once(texts: list[str]) -> tuple[float, int, float]:
    """(wall seconds, candidates, CPU seconds of this process)."""
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        n += len(extract(t))
    return time.perf_counter() - t0, n, time.process_time() - c0


def per_group(arts: list[corpus.Article]) -> dict[str, tuple[float, float, int]]:
    """(MB, seconds, candidates) per group: fr, en, and the big article alone."""
    groups: dict[str, list[float]] = {}
    for a in arts:
        g = "big" if a.id.startswith("big") else a.language
        t0 = time.perf_counter()
        k = len(extract(a.text))
        dt = time.perf_counter() - t0
        mb, s, c = groups.get(g, (0.0, 0.0, 0))
        groups[g] = (mb + a.nbytes / MB, s + dt, c + k)
    return groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 0.5 MB, one run")
    ap.add_argument("--mb", type=float, default=5.0, help="MB of text to extract (default 5)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-big", action="store_true", help="leave out the ~100 KB article")
    ap.add_argument("--floor", type=float, default=FLOOR_MB_S, help="MB/s")
    ap.add_argument("--profile", action="store_true", help="print cProfile hot spots (always done on FAIL)")
    ap.add_argument("--no-profile", action="store_true", help="never profile")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if args.quick:
        args.mb, args.runs = 0.5, 1

    header("extraction throughput (one core)")
    print(f"   {pin_one_core()}")
    t0 = time.perf_counter()
    arts = corpus.articles_of_total(int(args.mb * MB), seed=args.seed, big=not args.no_big)
    texts = [a.text for a in arts]
    nbytes = sum(a.nbytes for a in arts)
    nchars = sum(len(t) for t in texts)
    print(f"   corpus: {len(arts)} articles, {nbytes / MB:.2f} MB ({nchars} chars), "
          f"generated in {time.perf_counter() - t0:.1f} s (not timed)")

    for f in sorted(corpus.FIXTURES.glob("*.txt")):  # warm-up: lexicons compiled, caches filled
        extract(f.read_text("utf-8"))
    extract(corpus.article(0, seed=99, en_share=1.0).text)

    times, cpu_times, cands = [], [], 0
    for i in range(args.runs):
        dt, cands, cpu = run_once(texts)
        times.append(dt)
        cpu_times.append(cpu)
        print(f"   run {i + 1}: {dt:.2f} s, {nbytes / MB / dt:.2f} MB/s, {cands} candidates "
              f"(CPU {cpu:.2f} s, {nbytes / MB / cpu:.2f} MB/s)")
    med = statistics.median(times)
    mbs = nbytes / MB / med
    cpu_med = statistics.median(cpu_times)
    print(f"   MB {nbytes / MB:.2f} | seconds {med:.2f} (median of {args.runs}) | MB/s {mbs:.2f} | "
          f"candidates/s {cands / med:,.0f} | articles/s {len(arts) / med:,.0f} | "
          f"CPU-time MB/s {nbytes / MB / cpu_med:.2f} (the floor is checked on wall time)")

    groups = per_group(arts)
    for g, (gmb, gs, gc) in sorted(groups.items()):
        label = {"fr": "French ~4 KB", "en": "English ~4 KB", "big": "one ~100 KB article"}[g]
        print(f"     {label:<20} {gmb:6.2f} MB in {gs:6.2f} s = {gmb / gs:6.2f} MB/s, {gc} candidates")

    rep = Report("extract_throughput", args.quick)
    rep.figures = {"mb": round(nbytes / MB, 3), "articles": len(arts), "seconds": round(med, 3),
                   "runs": [round(t, 3) for t in times], "mb_per_s": round(mbs, 3), "candidates": cands,
                   "cpu_runs": [round(t, 3) for t in cpu_times], "cpu_mb_per_s": round(nbytes / MB / cpu_med, 3),
                   "candidates_per_s": round(cands / med, 1),
                   "groups": {g: {"mb": round(a, 3), "s": round(b, 3), "mb_per_s": round(a / b, 3), "candidates": c}
                              for g, (a, b, c) in groups.items()}}
    rep.checks.append(Check("throughput", mbs, args.floor, "MB/s", higher_is_better=True))
    rep.print_checks()
    if (args.profile or not rep.ok) and not args.no_profile:
        print("\n-- cProfile: one pass over the corpus --")
        print(profile_call(run_once, texts))
    rep.dump(args.json)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
