"""Review TUI latency, headless (Pilot).

1. Decision latency: time from a label key press to the decision committed in the database and
   the screen updated (median and p95), on the demo database (the five fixtures) and on a
   database of 10,000 articles that includes a 100 KB article (the decisions are made in it).
   Floor: p95 50 ms.
2. Startup: a fresh ``python`` process that builds the app with ``make_app`` (as ``workbench
   review`` does) until the first article is on screen, on the 10,000-article database.
   Floor: 1.5 s.

    python bench/tui_latency.py           # full run (builds the 10k database once, ~1 min)
    python bench/tui_latency.py --quick   # 500 articles, fewer decisions
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from corpus import big_article, make_articles, write_jsonl  # noqa: E402

from workbench.cli import make_app  # noqa: E402
from workbench.services.importing import import_paths  # noqa: E402
from workbench.formats.articles import expand  # noqa: E402
from workbench.store import make_engine  # noqa: E402
from workbench.tui.screens.review import ReviewScreen  # noqa: E402

P95_FLOOR_MS = 50.0
STARTUP_FLOOR_S = 1.5
LABEL_KEYS = ["a", "u", "c", "x"]


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def build_fixture_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    import_paths(make_engine(url), expand([str(ROOT / "fixtures")]))
    return url


def build_big_db(folder: Path, n: int) -> tuple[str, str]:
    """n articles (ids sort after the 100 KB one, so the review opens on the big article)."""
    big = big_article()
    jsonl = folder / "corpus.jsonl"
    arts = make_articles(n - 1)
    write_jsonl(arts, jsonl)
    big_path = folder / "big.jsonl"
    import json

    big_path.write_text(json.dumps({"id": "0000-big-article", "title": big.title, "text": big.text},
                                   ensure_ascii=False) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'big.db'}"
    engine = make_engine(url)
    res = import_paths(engine, [big_path, jsonl])
    assert res.imported == n, res
    return url, "0000-big-article"


async def _loaded(app, pilot) -> ReviewScreen:
    while True:
        scr = next((s for s in app.screen_stack if isinstance(s, ReviewScreen)), None)
        if scr is not None and scr.ready:
            return scr
        await asyncio.sleep(0.001)


async def decision_latencies(url: str, n: int, reviewer: str, retrain_every: int = 25) -> tuple[list[float], int]:
    app = make_app(url, reviewer, keymap_file=Path("/nonexistent"), retrain_every=retrain_every)
    times: list[float] = []
    async with app.run_test(size=(140, 40)) as pilot:
        scr = await _loaded(app, pilot)
        text_len = len(scr.article.text)
        committed = asyncio.Event()
        target = [None]
        original = scr._after_write

        def after_write(res, article_id):
            original(res, article_id)  # the screen now shows the committed decision
            if res.claim.id == target[0]:
                committed.set()

        scr._after_write = after_write  # noqa: SLF001 - the benchmark listens, it does not poll
        for i in range(n):
            claim = scr.claim
            if claim is None:
                break
            target[0] = claim.id
            committed.clear()
            drawn = asyncio.Event()
            key = LABEL_KEYS[i % len(LABEL_KEYS)]
            t0 = time.perf_counter()
            # the key goes through Textual's normal dispatch (bindings -> action), as typed
            app.post_message(events.Key(key, key))
            await asyncio.wait_for(committed.wait(), 10)  # a broken hook fails loudly, never hangs
            app.call_after_refresh(drawn.set)  # ... and the next frame with it has been drawn
            await drawn.wait()
            times.append((time.perf_counter() - t0) * 1000)
            await pilot.pause()
            if scr.claim is not None and scr.claim.decided:
                await pilot.press("g")  # on to the next undecided claim, as a reviewer would
                await app.db_idle()
                await pilot.pause()
        with make_engine(url).connect() as conn:
            from sqlalchemy import func, select

            from workbench.store import tables

            committed = conn.execute(
                select(func.count()).select_from(tables.annotations)
                .join(tables.reviewers, tables.reviewers.c.id == tables.annotations.c.reviewer_id)
                .where(tables.reviewers.c.name == reviewer)
            ).scalar_one()
        assert committed == len(times), (committed, len(times))
    return times, text_len


STARTUP_CHILD = r"""
import asyncio, sys, time
t0 = time.perf_counter()
from pathlib import Path
from workbench.cli import make_app
from workbench.tui.screens.review import ReviewScreen
async def main():
    app = make_app(sys.argv[1], "startup-bench", keymap_file=Path("/nonexistent"))
    async with app.run_test(size=(140, 40)) as pilot:
        while True:
            scr = next((s for s in app.screen_stack if isinstance(s, ReviewScreen)), None)
            if scr is not None and scr.ready:
                break
            await asyncio.sleep(0.001)
        await pilot.pause()
        print(time.perf_counter() - t0, scr.article.id, len(scr.summaries))
asyncio.run(main())
"""


def startup_seconds(url: str, runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        res = subprocess.run([sys.executable, "-c", STARTUP_CHILD, url], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        secs, aid, n = res.stdout.split()
        out.append(float(secs))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--decisions", type=int, default=200)
    ap.add_argument("--retrain-every", type=int, default=25,
                    help="the app's label model retraining (default 25, as in the app: from the 30th decision "
                    "on it trains in a child process while the keys are timed; 0: never)")
    args = ap.parse_args(argv)
    n_articles = 500 if args.quick else args.articles
    n_dec = 40 if args.quick else args.decisions
    ok = True
    with tempfile.TemporaryDirectory(prefix="wb-tui-bench-") as tmp:
        tmp = Path(tmp)
        demo = build_fixture_db(tmp)
        t0 = time.perf_counter()
        big, big_id = build_big_db(tmp, n_articles)
        print(f"built a {n_articles}-article database (with a 100 KB article) in {time.perf_counter() - t0:.1f} s")
        for name, url in (("demo (5 fixtures)", demo), (f"{n_articles} articles, 100 KB article open", big)):
            times, text_len = asyncio.run(decision_latencies(url, n_dec, "bench", args.retrain_every))
            med, q95 = statistics.median(times), p95(times)
            verdict = "PASS" if q95 <= P95_FLOOR_MS else "FAIL"
            ok &= verdict == "PASS"
            print(f"decision latency, {name} (article {text_len:,} chars): n={len(times)} "
                  f"median {med:.1f} ms  p95 {q95:.1f} ms  max {max(times):.1f} ms  "
                  f"[floor p95 {P95_FLOOR_MS:.0f} ms: {verdict}]")
        secs = startup_seconds(big)
        worst = max(secs)
        verdict = "PASS" if worst <= STARTUP_FLOOR_S else "FAIL"
        ok &= verdict == "PASS"
        print(f"startup to first article, {n_articles} articles: runs {', '.join(f'{s:.2f}' for s in secs)} s "
              f"(worst {worst:.2f} s) [floor {STARTUP_FLOOR_S} s: {verdict}]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
