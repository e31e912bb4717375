"""Export every candidate of the 10,000-article database through the real CLI path,
``workbench.cli.main(["export", "--db", DB, "--include-unreviewed", "--format", F, "-o", OUT])``,
in its own process, for both formats (claims: one line per candidate; spans: one line per
article).

Floor (each format): <= 5 s wall (process start to exit). Peak RSS is reported against the
import's 400 MB budget for information (no export memory floor was set).

Without ``--db``, the database is built first (10,000 articles imported through the CLI, not
timed here). ``--decided 0.2`` adds reviewer decisions on 20 % of the candidates (two reviewers,
some with a change of mind) to a copy of the database, so the annotation join has rows.

    .venv/bin/python bench/export_all.py                 # builds the 10k database, then exports
    .venv/bin/python bench/export_all.py --db /tmp/wb-bench/import-txt.db
    .venv/bin/python bench/export_all.py --quick         # smoke run (300 articles)
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MB, Check, Report, header, profile_cli, release_workdir, run_cli, workdir  # noqa: E402
from import_10k import db_counts, fresh_db, prepare  # noqa: E402

FLOOR_S = 5.0
RSS_REFERENCE_MB = 400.0


def build_db(work: Path, n: int, seed: int) -> Path:
    folder, _, nbytes = prepare(work, n, seed)
    db = fresh_db(work / f"export-source-{n}.db")
    print(f"   building the database: importing {n:,} articles ({nbytes / MB:.1f} MB) ...", flush=True)
    m = run_cli("import", "--db", str(db), "-q", str(folder))
    print(f"   imported in {m.wall_s:.1f} s (not part of this benchmark)")
    return db


def add_decisions(db: Path, fraction: float, seed: int = 7) -> int:
    """Reviewer decisions on ``fraction`` of the candidates, written with the project's tables."""
    from sqlalchemy import insert, select

    from workbench.store import make_engine, tables
    from workbench.store.models import utcnow

    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{db}")
    cand = tables.candidates
    labels = ["attributed", "unsourced", "contested", "not_claim"]
    with engine.begin() as conn:
        ids = [conn.execute(insert(tables.reviewers).values(name=name, created_at=utcnow())).inserted_primary_key[0]
               for name in ("bench-alice", "bench-bob")]
        rows = []
        for cid, start, end, text, sug, st, ss, se in conn.execute(
            select(cand.c.id, cand.c.start, cand.c.end, cand.c.text, cand.c.suggested_label, cand.c.source_text,
                   cand.c.source_start, cand.c.source_end)
        ):
            if rng.random() >= fraction:
                continue
            for rid in ids[: 1 + (rng.random() < 0.3)]:
                base = {"candidate_id": cid, "reviewer_id": rid, "created_at": utcnow(), "start": start, "end": end,
                        "text": text, "source_text": st, "source_start": ss, "source_end": se, "note": None, "reverts_id": None}
                rows.append({**base, "action": "accept", "label": sug or "attributed"})
                if rng.random() < 0.2:  # a change of mind: the latest row is the current decision
                    rows.append({**base, "action": "decide", "label": rng.choice(labels), "note": "bench"})
        conn.execute(insert(tables.annotations), rows)
    engine.dispose()
    return len(rows)


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 300 articles")
    ap.add_argument("--db", type=Path, help="an imported database (default: build one with -n articles)")
    ap.add_argument("-n", type=int, default=10_000, help="articles when building the database")
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--decided", type=float, default=0.0, help="fraction of candidates to decide first (on a copy)")
    ap.add_argument("--workdir", type=Path, help="work here (default: a temp dir, deleted)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print cProfile hot spots (always done on FAIL)")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.quick:
        args.n = 300

    work, made = workdir(args.workdir, "wb-bench-export-")
    rep = Report("export_all", args.quick)
    try:
        db = args.db or build_db(work, args.n, args.seed)
        if args.decided > 0:
            copy = fresh_db(work / f"export-decided-{db.stem}.db")
            src = sqlite3.connect(db)
            dst = sqlite3.connect(copy)
            src.backup(dst)
            src.close()
            dst.close()
            db = copy
            k = add_decisions(db, args.decided)
            print(f"   added {k:,} annotation rows ({args.decided:.0%} of the candidates decided)")
        arts, cands = db_counts(db)
        header(f"export all candidates of {arts:,} articles through the CLI")
        print(f"   database {db} ({db.stat().st_size / MB:.0f} MB): {arts:,} articles, {cands:,} candidates")
        rep.figures = {"articles": arts, "candidates": cands, "decided_fraction": args.decided}
        expected = {"claims": cands, "spans": arts}
        for fmt in ("claims", "spans"):
            out = work / f"export-{fmt}.jsonl"
            out.unlink(missing_ok=True)
            argv_ = ["export", "--db", str(db), "--include-unreviewed", "--format", fmt, "-o", str(out)]
            m = run_cli(*argv_)
            lines = count_lines(out)
            size = out.stat().st_size
            print(f"   [{fmt}] seconds {m.wall_s:.2f} (CPU user {m.user_s:.1f} s, sys {m.sys_s:.1f} s) | {m.memory_text()} "
                  f"| {lines:,} records, {size / MB:.0f} MB written "
                  f"| {lines / m.wall_s:,.0f} records/s, {size / MB / m.wall_s:.1f} MB/s")
            rep.figures[fmt] = {"seconds": round(m.wall_s, 2), "peak_rss_mb": round(m.peak_mb, 1), "processes": m.processes,
                                "records": lines, "output_mb": round(size / MB, 1)}
            rep.checks.append(Check(f"[{fmt}] wall time", m.wall_s, FLOOR_S, "s"))
            rep.checks.append(Check(f"[{fmt}] peak RSS vs import budget", m.peak_mb, RSS_REFERENCE_MB, "MB", counts=False))
            # claims: one line per candidate plus one per extra reviewer decision
            ok = lines >= expected[fmt] if fmt == "claims" else lines == expected[fmt]
            rep.checks.append(Check(f"[{fmt}] {lines:,} records for {expected[fmt]:,} {'candidates' if fmt == 'claims' else 'articles'}",
                                    float(ok), 1.0, "bool", True))
            out.unlink()
        rep.print_checks()
        if not args.no_profile:
            failed = {c.name.split("]")[0][1:] for c in rep.checks if not c.ok and c.counts}
            for fmt in (("claims", "spans") if args.profile else sorted(failed)):
                out = work / f"export-{fmt}-profile.jsonl"
                print(f"\n-- cProfile: export --format {fmt} --include-unreviewed --")
                print(profile_cli(["export", "--db", str(db), "--include-unreviewed", "--format", fmt, "-o", str(out)],
                                  work / f"export-{fmt}.prof"))
                out.unlink(missing_ok=True)
        rep.dump(args.json)
    finally:
        release_workdir(work, made, args.keep)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
