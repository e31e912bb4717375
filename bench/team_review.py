"""Team review: decisions per second sustained by four concurrent reviewer processes (SQLite,
and PostgreSQL when a server URL is given), and agreement over 200,000 decisions by 4 reviewers.

Floors: agreement over 200,000 decisions <= 5 s (the real ``workbench agreement --json``, in its
own process, startup included). Concurrent writers: every decision stored, no error; the rate is
reported (the issue sets no number).

    .venv/bin/python bench/team_review.py                      # SQLite only
    .venv/bin/python bench/team_review.py --pg postgresql+psycopg://user@127.0.0.1:54329/postgres
    .venv/bin/python bench/team_review.py --quick              # smoke run

``--pg`` (or ``$WORKBENCH_BENCH_PG_URL``) is an admin URL: a throw-away database is created on
that server for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Check, Report, cli_argv, header, release_workdir, run_measured, workdir  # noqa: E402

from sqlalchemy import create_engine, insert, select, text  # noqa: E402

from workbench.claims.model import LABELS  # noqa: E402
from workbench.services.importing import import_paths  # noqa: E402
from workbench.formats.articles import expand  # noqa: E402
from workbench.store import make_engine  # noqa: E402
from workbench.store import tables  # noqa: E402

AGREEMENT_FLOOR_S = 5.0


# -- concurrent writers -------------------------------------------------------------------------
def _writer(url: str, name: str, seconds: float, seed: int, conn) -> None:
    from workbench.services.review import ReviewService

    engine = make_engine(url, migrate=False)
    store = ReviewService(engine, name)
    with engine.connect() as c:
        ids = c.execute(select(tables.candidates.c.id)).scalars().all()
    rnd = random.Random(seed)
    lat = []
    errors = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        try:
            store.decide(rnd.choice(ids), rnd.choice(LABELS))
        except Exception as exc:  # counted, and the first one shown
            if not errors:
                print(f"   {name}: {type(exc).__name__}: {str(exc).splitlines()[0]}", flush=True)
            errors += 1
            continue
        lat.append(time.perf_counter() - t0)
    engine.dispose()
    conn.send((len(lat), errors, lat))
    conn.close()


def concurrent_writers(url: str, writers: int, seconds: float) -> dict:
    engine = make_engine(url)
    res = import_paths(engine, expand([str(ROOT / "fixtures")]), jobs=1)
    assert res.imported == 5, res
    with engine.connect() as conn:
        before = conn.execute(select(text("count(*)")).select_from(tables.annotations)).scalar_one()
    engine.dispose()
    ctx = multiprocessing.get_context("fork")
    pipes, procs = [], []
    t0 = time.perf_counter()
    for i in range(writers):
        a, b = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_writer, args=(url, f"bench{i}", seconds, i, b))
        p.start()
        pipes.append(a)
        procs.append(p)
    results = [pp.recv() for pp in pipes]
    for p in procs:
        p.join()
    wall = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    lat = sorted(x for r in results for x in r[2])
    engine = make_engine(url, migrate=False)
    with engine.connect() as conn:
        stored = conn.execute(select(text("count(*)")).select_from(tables.annotations)).scalar_one() - before
        integrity = conn.execute(text("PRAGMA integrity_check")).scalar() if engine.dialect.name == "sqlite" else "n/a"
    engine.dispose()
    return {
        "writers": writers, "seconds": round(wall, 2), "decisions": done, "stored": stored, "errors": errors,
        "decisions_per_s": round(done / wall, 1),
        "p50_ms": round(1000 * statistics.median(lat), 2) if lat else None,
        "p95_ms": round(1000 * lat[int(0.95 * (len(lat) - 1))], 2) if lat else None,
        "integrity": integrity, "exit_codes": [p.exitcode for p in procs],
    }


# -- agreement over 200,000 decisions ------------------------------------------------------------
def agreement_db(url: str, items: int, reviewers: int, seed: int = 1) -> None:
    """``items`` candidates, each decided by every reviewer (80 % the true label), written in bulk."""
    engine = make_engine(url)
    rnd = random.Random(seed)
    now = datetime.now(timezone.utc)
    per_article = 100
    with engine.begin() as conn:
        conn.execute(insert(tables.articles), [
            {"id": f"a{k:05d}", "title": f"article {k}", "text": "x" * 1000, "content_hash": f"h{k}",
             "language": "en", "origin": "bench", "url": None, "meta": {}, "imported_at": now}
            for k in range(items // per_article)])
        conn.execute(insert(tables.candidates), [
            {"article_id": f"a{i // per_article:05d}", "start": (i % per_article) * 10, "end": (i % per_article) * 10 + 9,
             "text": "x" * 9, "suggested_label": "unsourced", "score": 0.5, "reason": "", "extractor_version": "bench",
             "origin": "extractor", "created_at": now}
            for i in range(items)])
        conn.execute(insert(tables.reviewers), [{"name": f"r{j}", "created_at": now} for j in range(reviewers)])
        cids = conn.execute(select(tables.candidates.c.id).order_by(tables.candidates.c.id)).scalars().all()
        rids = conn.execute(select(tables.reviewers.c.id).order_by(tables.reviewers.c.id)).scalars().all()
        truth = [rnd.choice(LABELS) for _ in cids]
        rows = []
        for rid in rids:
            for cid, t in zip(cids, truth):
                rows.append({"candidate_id": cid, "reviewer_id": rid, "created_at": now, "action": "decide",
                             "label": t if rnd.random() < 0.8 else rnd.choice(LABELS), "start": 0, "end": 9,
                             "text": "x" * 9, "uid": uuid.uuid4().hex})
        for k in range(0, len(rows), 20000):
            conn.execute(insert(tables.annotations), rows[k:k + 20000])
    engine.dispose()


# -- PostgreSQL throw-away database -------------------------------------------------------------
class PgDatabase:
    def __init__(self, admin_url: str) -> None:
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"wb_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = self.admin.url.set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 2 s of writing, 20,000 decisions")
    ap.add_argument("--seconds", type=float, default=10.0, help="how long the writers write (default 10)")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--decisions", type=int, default=200_000)
    ap.add_argument("--reviewers", type=int, default=4)
    ap.add_argument("--pg", default=os.environ.get("WORKBENCH_BENCH_PG_URL"), help="PostgreSQL admin URL")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.quick:
        args.seconds, args.decisions = 2.0, 20_000

    header("team review: concurrent writers and agreement")
    rep = Report("team_review", args.quick)
    work, made = workdir(args.workdir, "wb-bench-team-")
    try:
        backends = [("sqlite", lambda name: (f"sqlite:///{work / name}", None))]
        if args.pg:
            backends.append(("postgresql", lambda name: (lambda d: (d.url, d))(PgDatabase(args.pg))))
        else:
            print("   PostgreSQL: skipped (no --pg URL and no $WORKBENCH_BENCH_PG_URL)")
        for backend, make in backends:
            url, pg = make("writers.db")
            try:
                f = concurrent_writers(url, args.writers, args.seconds)
            finally:
                if pg:
                    pg.drop()
            rep.figures[f"writers_{backend}"] = f
            print(f"   [{backend}] {f['writers']} writers for {f['seconds']} s: {f['decisions']} decisions, "
                  f"{f['decisions_per_s']:.0f}/s, p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms per decision, "
                  f"{f['errors']} errors, stored {f['stored']}, integrity {f['integrity']}")
            rep.checks.append(Check(f"[{backend}] every decision stored, no error",
                                    float(f["errors"] == 0 and f["stored"] == f["decisions"]
                                          and all(c == 0 for c in f["exit_codes"])), 1, "bool", higher_is_better=True))

            url, pg = make("agreement.db")
            try:
                items = args.decisions // args.reviewers
                t0 = time.perf_counter()
                agreement_db(url, items, args.reviewers)
                gen = time.perf_counter() - t0
                m = run_measured(cli_argv("agreement", "--json", "--db", url))
                assert m.rc == 0, m.stderr
            finally:
                if pg:
                    pg.drop()
            import json

            out = json.loads(m.stdout)
            rep.figures[f"agreement_{backend}"] = {
                "decisions": out["decisions"], "reviewers": out["reviewers"], "seconds": round(m.wall_s, 2),
                "peak_rss_mb": round(m.peak_mb, 1), "alpha": out["krippendorff_alpha"], "generated_s": round(gen, 1)}
            print(f"   [{backend}] workbench agreement over {out['decisions']:,} decisions by {out['reviewers']} "
                  f"reviewers: {m.wall_s:.2f} s (startup included), {m.memory_text()}, alpha "
                  f"{out['krippendorff_alpha']:.3f} (data generated in {gen:.1f} s, not timed)")
            rep.checks.append(Check(f"[{backend}] agreement over {out['decisions']:,} decisions", m.wall_s,
                                    AGREEMENT_FLOOR_S, "s"))
    finally:
        release_workdir(work, made, args.keep)
    rep.print_checks()
    rep.dump(args.json)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
