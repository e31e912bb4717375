"""Speed of ``workbench.agreement.agreement`` (pure Python) on 200,000 decisions: 4 reviewers
each labelling the same 50,000 items (candidate ids), in shuffled order, with a fixed seed.

Each reviewer gives the item's "true" label with probability 0.8 and a random label otherwise,
so every figure (pair kappas, Fleiss, alpha, confusion) has real work to do. The timing covers
the whole call (grouping, last-wins, all figures), in one process pinned to one core; the
verdict uses the median of the runs.

Floor: < 5 s; target: < 1 s.

    .venv/bin/python bench/agreement_pure.py               # 50,000 items x 4 reviewers, 5 runs
    .venv/bin/python bench/agreement_pure.py --quick       # 5,000 items, 1 run
    .venv/bin/python bench/agreement_pure.py --items 100000 --reviewers 6 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import pin_one_core  # noqa: E402

from workbench.agreement import agreement  # noqa: E402

FLOOR_S = 5.0
TARGET_S = 1.0
LABELS = ("attributed", "unsourced", "contested", "not_claim")


def make_decisions(items: int, reviewers: int, seed: int = 20240601) -> list[tuple[int, str, str]]:
    rng = random.Random(seed)
    names = [f"reviewer-{i}" for i in range(reviewers)]
    decisions = []
    for item in range(items):
        truth = rng.choice(LABELS)
        for name in names:
            label = truth if rng.random() < 0.8 else rng.choice(LABELS)
            decisions.append((item, name, label))
    rng.shuffle(decisions)
    return decisions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--reviewers", type=int, default=4)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--quick", action="store_true", help="5,000 items, 1 run")
    args = ap.parse_args(argv)
    if args.quick:
        args.items, args.runs = 5_000, 1

    print(f"agreement_pure: {pin_one_core()}, Python {sys.version.split()[0]}")
    t = time.perf_counter()
    decisions = make_decisions(args.items, args.reviewers, args.seed)
    print(f"   data: {len(decisions):,} decisions, {args.items:,} items, {args.reviewers} reviewers "
          f"(generated in {time.perf_counter() - t:.2f} s, not timed)")

    times = []
    report = None
    for _ in range(args.runs):
        t = time.perf_counter()
        report = agreement(decisions, labels=LABELS)
        times.append(time.perf_counter() - t)
    assert report is not None
    median = statistics.median(times)
    print(f"   {report.summary()}")
    kappas = [p["cohen_kappa"] for p in report.pairs if p["cohen_kappa"] is not None]
    if kappas:
        print(f"   pair kappas ({len(report.pairs)} pairs): min {min(kappas):.3f}  max {max(kappas):.3f}")
    print(f"   runs: {'  '.join(f'{x:.3f} s' for x in times)}")
    ok = median < FLOOR_S
    print(f"   median {median:.3f} s  (floor < {FLOOR_S:.0f} s: {'OK' if ok else 'MISSED'}; "
          f"target < {TARGET_S:.0f} s: {'met' if median < TARGET_S else 'not met'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
