"""A large JSONL import while four reviewers decide: no reviewer may see "database is locked".

Issue 15: a 10 MB JSONL import used to hold one write transaction for the whole file (about 4
minutes), so 32 of 400 decisions failed. Now the file is staged in short transactions and
published in one short transaction (``workbench.store.staging``). This script imports a
generated ``--mb`` MB JSONL file with the real ``workbench import`` (its own process) while four
reviewer processes decide through ``ReviewService`` (what the review app's database thread
calls), each with a busy timeout of ``--busy`` seconds (the app's is 30 s: a shorter one makes a
long write lock show as errors). It reports the import's time, the decisions made, the errors,
and the reviewers' slowest decision.

Floor: 0 lock errors.

    .venv/bin/python bench/import_while_reviewing.py              # 10 MB, busy timeout 5 s
    .venv/bin/python bench/import_while_reviewing.py --mb 2 --busy 2   # quicker
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles_of_total, write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def reviewer(url: str, name: str, busy_ms: int, stop, seed: int, out) -> None:
    from sqlalchemy import select

    from workbench.claims.model import LABELS
    from workbench.services.review import ReviewService
    from workbench.store import database, make_engine, tables

    database.BUSY_TIMEOUT_MS = busy_ms
    engine = make_engine(url, migrate=False)
    rnd = random.Random(seed)
    done = errors = 0
    slowest = 0.0
    first_error = ""
    try:
        store = ReviewService(engine, name)
        with engine.connect() as conn:
            ids = conn.execute(select(tables.candidates.c.id)).scalars().all()
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                store.decide(rnd.choice(ids), rnd.choice(LABELS))
                done += 1
            except Exception as exc:  # counted; the first one shown
                errors += 1
                first_error = first_error or f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            slowest = max(slowest, time.perf_counter() - t0)
            time.sleep(0.02)
    except Exception as exc:  # a reviewer that cannot even start counts as an error
        errors += 1
        first_error = first_error or f"start: {type(exc).__name__}: {str(exc).splitlines()[0]}"
    out.send((done, errors, slowest, first_error))
    engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of the JSONL file (default 10 MB)")
    ap.add_argument("--busy", type=float, default=5.0, help="reviewers' busy timeout in seconds (default 5)")
    ap.add_argument("--writers", type=int, default=4)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wb-import-review-"))
    db = work / "w.db"
    url = f"sqlite:///{db}"
    exe = [sys.executable, "-m", "workbench"]
    subprocess.run([*exe, "import", "-q", "--db", url, str(ROOT / "fixtures")], check=True, capture_output=True)
    big = work / "big.jsonl"
    n, nbytes = write_jsonl(articles_of_total(int(args.mb * 1_000_000), seed=15), big)
    print(f"{big.name}: {n} articles, {nbytes / 1e6:.1f} MB; {args.writers} reviewers, busy timeout {args.busy:g} s")

    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    pipes, procs = [], []
    for i in range(args.writers):
        r, w = ctx.Pipe(duplex=False)
        p = ctx.Process(target=reviewer, args=(url, f"rev{i}", int(args.busy * 1000), stop, i, w))
        p.start()
        pipes.append(r)
        procs.append(p)
    time.sleep(3)  # the reviewers are deciding before the import starts
    t0 = time.perf_counter()
    imp = subprocess.run([*exe, "import", "-q", "--db", url, str(big)], capture_output=True, text=True)
    took = time.perf_counter() - t0
    time.sleep(1)
    stop.set()
    results = [r.recv() for r in pipes]
    for p in procs:
        p.join(30)
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    slowest = max(r[2] for r in results)
    print(imp.stdout.strip() or imp.stderr.strip())
    print(f"import: {took:.1f} s (exit status {imp.returncode}); reviewers: {done} decisions, {errors} error(s), "
          f"slowest decision {slowest:.2f} s")
    for r in results:
        if r[3]:
            print(f"  first error: {r[3]}")
    ok = errors == 0 and imp.returncode == 0
    print(f"floor 0 lock errors: {'met' if ok else 'NOT met'}")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
