"""Similar-claim lookup over 200,000 claims: ``SimilarityIndex.similar_to`` (claim to claim, other
articles) and ``query`` (free text), as ``workbench similar`` and the TUI's panel use them.

Floor: a lookup takes at most 50 ms. The verdict uses the slowest of the timed lookups (after a
warm-up), so it is the worst case seen, not an average.

    .venv/bin/python bench/similar_lookup.py            # 200,000 claims, 1,000 lookups
    .venv/bin/python bench/similar_lookup.py --quick    # 20,000 claims, 200 lookups
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
from _common import Check, Report, header  # noqa: E402

from workbench.linking.similar import SimilarityIndex  # noqa: E402

FLOOR_MS = 50.0


def _claims_of(args) -> list[tuple[str, str, int, int]]:
    from workbench.claims import extract

    i, seed = args
    a = corpus.article(i, seed=seed)
    return [(a.id, c.text, c.start, c.end) for c in extract(a.text)]


def make_claims(n: int, seed: int) -> list[tuple[int, str, str, int, int]]:
    out: list[tuple[int, str, str, int, int]] = []
    i = 0
    with multiprocessing.get_context("fork").Pool() as pool:
        while len(out) < n:
            batch = pool.map(_claims_of, [(k, seed) for k in range(i, i + 2000)], chunksize=50)
            i += 2000
            for rows in batch:
                for aid, text, s, e in rows:
                    out.append((len(out) + 1, aid, text, s, e))
    return out[:n]


def timed(fn, items) -> list[float]:
    out = []
    for x in items:
        t0 = time.perf_counter()
        fn(x)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--claims", type=int, default=200_000)
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--floor", type=float, default=FLOOR_MS)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.quick:
        args.claims, args.lookups = 20_000, 200

    header("similar-claim lookup")
    t0 = time.perf_counter()
    claims = make_claims(args.claims, args.seed)
    print(f"   {len(claims):,} claims from {len({c[1] for c in claims}):,} synthetic articles "
          f"(extracted in {time.perf_counter() - t0:.1f} s, not timed)")
    t0 = time.perf_counter()
    index = SimilarityIndex(claims)
    built = time.perf_counter() - t0
    print(f"   index built in {built:.2f} s")
    gc.collect()
    gc.freeze()  # as the TUI does after loading: no full collections in the middle of a lookup
    rnd = random.Random(args.seed)
    picks = [rnd.choice(claims)[0] for _ in range(args.lookups)]
    texts = [" ".join(rnd.choice(claims)[2].split()[:8]) for _ in range(args.lookups // 2)]
    timed(lambda c: index.similar_to(c, 10), picks[:50])  # warm-up: rapidfuzz's processed texts
    by_claim = timed(lambda c: index.similar_to(c, 10), picks)
    by_text = timed(lambda t: index.query(t, 10), texts)
    every = by_claim + by_text
    for name, xs in (("claim -> similar claims", by_claim), ("free text -> claims", by_text)):
        print(f"   {name:<24} {len(xs)} lookups: p50 {pct(xs, .5):.1f} ms, p95 {pct(xs, .95):.1f} ms, "
              f"p99 {pct(xs, .99):.1f} ms, max {max(xs):.1f} ms")
    rep = Report("similar_lookup", args.quick)
    rep.figures = {"claims": len(claims), "index_s": round(built, 2),
                   "claim_p50_ms": round(pct(by_claim, .5), 2), "claim_p95_ms": round(pct(by_claim, .95), 2),
                   "claim_max_ms": round(max(by_claim), 2), "text_p50_ms": round(pct(by_text, .5), 2),
                   "text_p95_ms": round(pct(by_text, .95), 2), "text_max_ms": round(max(by_text), 2)}
    rep.checks.append(Check(f"slowest of {len(every)} lookups over {len(claims):,} claims", max(every), args.floor, "ms"))
    rep.print_checks()
    rep.dump(args.json)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
