"""The label model on a large database: ``workbench learn`` (cross-validation, training, storing,
the suggestions of every undecided candidate) on N synthetic articles with D decisions, then a
retraining after 25 more decisions (what the app does in its background process), and the
suggestion rows each wrote.

    python bench/learn_in_db.py                  # 10,000 articles, 300 decisions
    python bench/learn_in_db.py --articles 2000  # quicker

The decisions are a simulated reviewer's: the rules' suggestion, except that a claim without a
cue in an English article is "not_claim" one time in three (seeded), so there is something to
learn. No floor of its own: issue 14's floors are ``train()`` on 50,000 decisions <= 5 s
(``learning_curve.py``) and the review app's keystroke latency while it trains
(``tui_latency.py``, whose app retrains every 25 decisions).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import func, select  # noqa: E402

from corpus import make_articles, write_jsonl  # noqa: E402
from workbench.services import learning  # noqa: E402
from workbench.services.importing import import_paths  # noqa: E402
from workbench.services.review import ReviewService  # noqa: E402
from workbench.store import make_engine, tables  # noqa: E402


def _decide(engine, n: int, rng: random.Random, skip: set[int]) -> int:
    """``n`` decisions by the simulated reviewer, on candidates of random articles."""
    svc = ReviewService(engine, "bench")
    with engine.connect() as conn:
        rows = conn.execute(select(tables.candidates.c.id, tables.candidates.c.suggested_label,
                                   tables.candidates.c.reason, tables.articles.c.language)
                            .join(tables.articles, tables.articles.c.id == tables.candidates.c.article_id)).all()
    rows = [r for r in rows if r.id not in skip]
    rng.shuffle(rows)
    for r in rows[:n]:
        label = r.suggested_label or "unsourced"
        if r.reason == "no attribution cue" and r.language == "en" and rng.random() < 1 / 3:
            label = "not_claim"
        svc.decide(r.id, label)
        skip.add(r.id)
    return min(n, len(rows))


def _suggestion_rows(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.suggestions)
                            .where(tables.suggestions.c.origin == learning.MODEL)).scalar_one()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--decisions", type=int, default=300)
    args = ap.parse_args(argv)
    rng = random.Random(0)
    with tempfile.TemporaryDirectory(prefix="wb-learn-bench-") as tmp:
        tmp = Path(tmp)
        url = f"sqlite:///{tmp / 'learn.db'}"
        engine = make_engine(url)
        write_jsonl(make_articles(args.articles), tmp / "corpus.jsonl")
        t0 = time.perf_counter()
        res = import_paths(engine, [tmp / "corpus.jsonl"])
        print(f"imported {res.imported:,} articles, {res.candidates:,} candidates in {time.perf_counter() - t0:.1f} s")
        decided: set[int] = set()
        _decide(engine, args.decisions, rng, decided)
        t0 = time.perf_counter()
        report = learning.learn(engine)
        first = time.perf_counter() - t0
        rows1 = _suggestion_rows(engine)
        cv = report.cv
        print(f"learn, {report.decisions} decisions: {first:.1f} s; rules {cv.rules_accuracy:.1%}, model "
              f"{cv.model_accuracy:.1%} by cross-validation; {rows1:,} model suggestion rows")
        _decide(engine, 25, rng, decided)
        t0 = time.perf_counter()
        report = learning.learn_elsewhere(url, 25).result()
        second = time.perf_counter() - t0
        rows2 = _suggestion_rows(engine) - rows1
        print(f"retraining after 25 more decisions, in a child process: {second:.1f} s; {rows2:,} new rows "
              f"({report['message'] if report else 'not due'})")
        learning.stop_elsewhere()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
