"""The post-import propagation of suggestions (``services.suggestions.propagate``, called by
``services.importing.after_import``): the claims of newly imported articles get the label of a
decided near-duplicate. It used to cost about 2 ms per new claim once decisions existed (12 of
the 14.6 s of a 1 MB import).

Builds a database of ``-n`` corpus articles (default 2,000, ~8 MB) with reviewer decisions on 20 %
of the candidates (``export_all.add_decisions``), then imports ``--new-mb`` MB of other articles
(default 1 MB, ``jobs=1``) with the propagation switched off, and times ``propagate(engine,
only_articles=new ids)`` alone on a copy of that database (median of ``--runs``), printing the
suggestions written and a digest of them (identical digests: identical results).

    .venv/bin/python bench/propagate.py                 # 2,000 articles, 1 MB new
    .venv/bin/python bench/propagate.py --quick         # 300 articles, 0.2 MB new
    .venv/bin/python bench/propagate.py --profile
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MB, Check, Report, header, profile_call, release_workdir, workdir  # noqa: E402
from corpus import articles_of_total, make_articles, write_jsonl  # noqa: E402
from export_all import add_decisions  # noqa: E402

#: the floor: milliseconds of propagation per new claim (half of the 2.17 ms measured before
#: ``SimilarityIndex.first_among``)
FLOOR_MS = 1.1


def build(work: Path, n: int, new_mb: float) -> tuple[Path, list[str], int]:
    """(database, ids of the new articles, their claims): ``n`` articles with 20 % decided, then
    ``new_mb`` MB of new articles imported without the propagation."""
    from workbench.services import importing
    from workbench.store import make_engine

    db = work / f"prop-{n}.db"
    db.unlink(missing_ok=True)
    old, new = work / "old.jsonl", work / "new.jsonl"
    write_jsonl(make_articles(n, seed=11), old)
    write_jsonl(articles_of_total(int(new_mb * MB), seed=12), new)
    engine = make_engine(f"sqlite:///{db}")
    importing.import_paths(engine, [old])
    add_decisions(db, 0.2)
    real = importing.after_import
    importing.after_import = lambda engine, result: None  # propagation is what is timed
    try:
        res = importing.import_paths(engine, [new], jobs=1)
    finally:
        importing.after_import = real
    with engine.connect() as conn:
        marks = ",".join("?" * len(res.imported_ids))
        claims = conn.exec_driver_sql(f"SELECT count(*) FROM candidate WHERE article_id IN ({marks})",
                                      tuple(res.imported_ids)).scalar()
    engine.dispose()
    return db, res.imported_ids, claims


def run_once(db: Path, work: Path, new_ids: list[str]) -> tuple[float, int, str]:
    """(seconds, suggestions written, digest of the rows) of one propagation on a copy of ``db``."""
    from workbench.services.suggestions import propagate
    from workbench.store import make_engine

    copy = work / "copy.db"
    shutil.copy(db, copy)
    engine = make_engine(f"sqlite:///{copy}")
    t0 = time.perf_counter()
    n = propagate(engine, only_articles=set(new_ids))
    took = time.perf_counter() - t0
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT candidate_id, label, neighbour_id, score, reason FROM suggestion "
                                    "WHERE origin = 'propagated' ORDER BY candidate_id").all()
    engine.dispose()
    return took, n, hashlib.sha1(repr(rows).encode()).hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="300 articles, 0.2 MB new")
    ap.add_argument("-n", type=int, help="articles in the database before the import (default 2,000)")
    ap.add_argument("--new-mb", type=float, help="MB of new articles (default 1)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--workdir", type=Path, help="keep the databases here")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    n = args.n or (300 if args.quick else 2000)
    new_mb = args.new_mb or (0.2 if args.quick else 1.0)
    header(f"propagation of suggestions after an import: {n} articles (20 % decided), {new_mb:g} MB new")
    work, made = workdir(args.workdir, "wb-prop-")
    try:
        t0 = time.perf_counter()
        db, new_ids, claims = build(work, n, new_mb)
        print(f"   built in {time.perf_counter() - t0:.1f} s: {len(new_ids)} new articles, {claims:,} new claims")
        runs = [run_once(db, work, new_ids) for _ in range(max(1, args.runs))]
        took = statistics.median(r[0] for r in runs)
        written, digest = runs[0][1], runs[0][2]
        print(f"   propagate: median {took:.2f} s ({took * 1000 / max(claims, 1):.3f} ms per new claim), "
              f"{written} suggestion(s) written, digest {digest}; runs {', '.join(f'{r[0]:.2f}' for r in runs)} s")
        rep = Report("propagate", args.quick)
        rep.figures = {"articles": n, "new_articles": len(new_ids), "new_claims": claims, "seconds": round(took, 3),
                       "ms_per_claim": round(took * 1000 / max(claims, 1), 4), "written": written, "digest": digest}
        rep.checks.append(Check("propagation, per new claim", took * 1000 / max(claims, 1), FLOOR_MS, "ms"))
        rep.print_checks()
        if args.profile:
            from workbench.services.suggestions import propagate
            from workbench.store import make_engine

            shutil.copy(db, work / "copy.db")
            print(profile_call(propagate, make_engine(f"sqlite:///{work / 'copy.db'}"), only_articles=set(new_ids)))
        rep.dump(args.json)
        return 0 if rep.ok else 1
    finally:
        release_workdir(work, made, keep=bool(args.workdir))


if __name__ == "__main__":
    raise SystemExit(main())
