#!/usr/bin/env python3
"""The label model in the loop (issue 14): a simulated reviewer decides the candidates of a
labelled corpus, article after article, the model is retrained every 25 decisions, and the
suggestion accuracy of the rules alone and of the model is measured on the candidates not yet
decided. Prints the curve (decisions -> accuracy) and draws it in the terminal.

Corpora:
- the fixture gold sets: ``fixtures/*.txt`` with ``fixtures/gold/gold.jsonl``, then each
  ``fixtures/heldout*/`` with its ``gold/gold.jsonl``. A candidate that matches a gold claim (the
  evaluator's half overlap) takes its label, any other is ``not_claim``; four labels.
- ``polnear-train/`` of the development data (the folder ``../shared/devdata/build.py`` wrote:
  argument or ``$WORKBENCH_DEVDATA``; nothing else in it is read), when present: a candidate that
  covers at least half of an annotated content span is ``attributed``, any other ``unsourced``.
  The texts are copyrighted and are only read from there, never copied.

Floors: after 300 decisions on polnear-train, the model's attributed-vs-other accuracy on the
rest is at least 5 points above the rules' (the rules' ``contested`` counts as attributed, as
PolNeAR annotates denials as attributions); ``train`` on 50,000 decisions takes at most 5 s
(median of 3, the first in a fresh process: caches cold; wall time, as the other benchmarks).

    .venv/bin/python bench/learning_curve.py /work/devdata        # both corpora, ~1-2 minutes
    .venv/bin/python bench/learning_curve.py --quick              # fixtures only, a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus  # noqa: E402
from _common import ROOT, Check, Report, header, profile_call  # noqa: E402

FLOOR_POINTS = 5.0  # model - rules, attributed vs other, in points of accuracy
FLOOR_AT = 300  # decisions
FLOOR_TRAIN_S = 5.0  # train() on 50,000 decisions
TRAIN_N = 50_000
EVERY = 25
SHOWN = (25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000)


# --------------------------------------------------------------------------------------- corpora

def _fixture_sets() -> list[tuple[str, Path, Path]]:
    sets = [("fixtures", ROOT / "fixtures", ROOT / "fixtures" / "gold" / "gold.jsonl")]
    for folder in sorted(ROOT.glob("fixtures/heldout*"), key=lambda p: (len(p.name), p.name)):
        sets.append((folder.name, folder, folder / "gold" / "gold.jsonl"))
    return sets


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fixture_examples() -> list:
    """Every candidate of the fixture gold sets, in order (set, article), with its gold label."""
    from workbench.claims import extract
    from workbench.claims.evaluate import MATCH_JACCARD
    from workbench.formats.encoding import decode
    from workbench.learning import Example

    out = []
    for name, folder, gold_path in _fixture_sets():
        gold = defaultdict(list)
        for row in _read_jsonl(gold_path):
            gold[row["article"]].append(row)
        for article in sorted(gold):
            text = decode((folder / article).read_bytes())
            rows = gold[article]
            for c in extract(text):
                best, best_j = None, 0.0
                for g in rows:
                    inter = min(c.end, g["end"]) - max(c.start, g["start"])
                    union = max(c.end, g["end"]) - min(c.start, g["start"])
                    j = inter / union if inter > 0 and union else 0.0
                    if j > best_j:
                        best, best_j = g, j
                label = best["label"] if best is not None and best_j >= MATCH_JACCARD else "not_claim"
                out.append(Example(f"{name}/{article}", c, len(text), label))
    return out


def polnear_examples(folder: Path) -> list:
    """Every candidate of ``polnear-train``, articles in name order: ``attributed`` when it covers
    at least half of an annotated content span, else ``unsourced``."""
    from workbench.claims import extract
    from workbench.learning import Example

    spans = defaultdict(list)
    for row in _read_jsonl(folder / "gold.jsonl"):
        spans[row["article"]].append((row["start"], row["end"]))
    out = []
    for path in sorted((folder / "texts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        content = spans.get(path.name, [])
        for c in extract(text):
            covers = any(min(c.end, e) - max(c.start, s) >= 0.5 * max(1, e - s) for s, e in content)
            out.append(Example(path.name, c, len(text), "attributed" if covers else "unsourced"))
    return out


def synthetic_examples(n: int, seed: int = 7) -> list:
    """``n`` candidates of the benchmark corpus (``corpus.py``), labelled as a reviewer might:
    the rules' label, changed for one in five (any of the four labels)."""
    from workbench.claims import extract
    from workbench.learning import Example

    rnd = random.Random(seed)
    labels = ("attributed", "unsourced", "contested", "not_claim")
    out = []
    i = 0
    while len(out) < n:
        a = corpus.article(i, seed=seed)
        i += 1
        for c in extract(a.text):
            label = c.label if rnd.random() >= 0.2 else rnd.choice(labels)
            out.append(Example(a.id, c, len(a.text), label))
    return out[:n]


# ------------------------------------------------------------------------------------ simulation

@dataclass
class Point:
    decisions: int
    rest: int
    rules: float  # label accuracy on the rest
    model: float | None  # None: the decisions hold one label only, no model yet
    rules_attributed: float  # attributed vs other
    model_attributed: float | None


def simulate(examples: list, every: int, until: int | None, attributing: set[str], seed: int = 0) -> list[Point]:
    """Decisions in the examples' order; after every ``every``, retrain on all decisions so far and
    score the rules' and the model's labels on the undecided rest."""
    import numpy as np

    from workbench.learning import encode, train

    X = encode(examples)
    gold = np.array([ex.label for ex in examples])
    rules = np.array([ex.candidate.label for ex in examples])
    gold_att = np.isin(gold, ["attributed"])
    rules_att = np.isin(rules, list(attributing))
    last = len(examples) - 1 if until is None else min(until, len(examples) - 1)
    points = []
    for n in range(every, last + 1, every):
        rest = slice(n, None)
        r = float((rules[rest] == gold[rest]).mean())
        ra = float((rules_att[rest] == gold_att[rest]).mean())
        if len(set(gold[:n])) < 2:
            points.append(Point(n, len(examples) - n, r, None, ra, None))
            continue
        model = train(examples[:n], seed=seed, encoded=X[:n])
        pred = np.array(model.labels)[model.predict_proba(encoded=X[rest]).argmax(axis=1)]
        pred_att = np.isin(pred, list(attributing))
        points.append(Point(n, len(examples) - n, r, float((pred == gold[rest]).mean()), ra,
                            float((pred_att == gold_att[rest]).mean())))
    return points


def shuffled_gain(examples: list, at: int, shuffles: int, attributing: set[str]) -> list[float]:
    """The model's gain over the rules (attributed vs other, points) after ``at`` decisions, with
    the articles decided in ``shuffles`` other orders (seeds 1, 2, ...): how much the floor's
    figure owes to the order."""
    import numpy as np

    from workbench.learning import encode, train

    X = encode(examples)
    by_article = defaultdict(list)
    for i, ex in enumerate(examples):
        by_article[ex.article].append(i)
    gains = []
    for s in range(1, shuffles + 1):
        arts = sorted(by_article)
        random.Random(s).shuffle(arts)
        order = np.array([i for a in arts for i in by_article[a]])
        tr, te = order[:at], order[at:]
        gold_att = np.array([examples[i].label == "attributed" for i in te])
        rules_att = np.array([examples[i].candidate.label in attributing for i in te])
        model = train([examples[i] for i in tr], encoded=X[tr])
        pred = np.array(model.labels)[model.predict_proba(encoded=X[te]).argmax(axis=1)]
        gains.append(100 * (float((np.isin(pred, list(attributing)) == gold_att).mean())
                            - float((rules_att == gold_att).mean())))
    return gains


# -------------------------------------------------------------------------------------- drawing

def chart(series: dict[str, list[tuple[int, float]]], marks: dict[str, str], width: int = 64,
          height: int = 13) -> list[str]:
    """A plain-text chart of accuracy (y, %) against decisions (x), one mark per series."""
    pts = [(x, y) for s in series.values() for x, y in s]
    if not pts:
        return []
    x0, x1 = min(x for x, _ in pts), max(x for x, _ in pts)
    lo = min(y for _, y in pts) * 100
    hi = max(y for _, y in pts) * 100
    lo, hi = 5 * int(lo // 5), 5 * (int(hi // 5) + 1)
    grid = [[" "] * width for _ in range(height)]
    for name, s in series.items():
        for x, y in s:
            col = 0 if x1 == x0 else round((x - x0) / (x1 - x0) * (width - 1))
            row = height - 1 - round((y * 100 - lo) / (hi - lo) * (height - 1))
            cur = grid[row][col]
            grid[row][col] = marks[name] if cur in (" ", marks[name]) else "◉"
    lines = []
    for i, row in enumerate(grid):
        y = hi - i * (hi - lo) / (height - 1)
        label = f"{y:5.1f}% ┤" if i % 3 == 0 else "       │"
        lines.append("   " + label + "".join(row))
    lines.append("   " + " " * 7 + "└" + "─" * width)
    left, right = f"{x0}", f"{x1} decisions"
    lines.append("   " + " " * 8 + left + " " * max(1, width - len(left) - len(right)) + right)
    lines.append("   " + " " * 8 + "   ".join(f"{m} {name}" for name, m in marks.items()) + "   ◉ both")
    return lines


def _pct(x: float | None) -> str:
    return "    —" if x is None else f"{100 * x:5.1f}"


def report_curve(title: str, points: list[Point], binary_only: bool) -> None:
    print(f"   -- {title}: accuracy on the candidates not yet decided (rules / model)")
    if binary_only:
        print(f"   {'decisions':>9} {'rest':>7}   attributed vs other: rules  model   gain")
    else:
        print(f"   {'decisions':>9} {'rest':>7}   label: rules  model   gain   attributed vs other: rules  model")
    shown = [p for p in points if p.decisions in SHOWN] + ([points[-1]] if points and points[-1].decisions not in SHOWN else [])
    for p in shown:
        if binary_only:
            gain = "" if p.model_attributed is None else f"{100 * (p.model_attributed - p.rules_attributed):+5.1f}"
            print(f"   {p.decisions:>9,} {p.rest:>7,}   {'':>21}{_pct(p.rules_attributed)}  {_pct(p.model_attributed)}  {gain}")
        else:
            gain = "" if p.model is None else f"{100 * (p.model - p.rules):+5.1f}"
            print(f"   {p.decisions:>9,} {p.rest:>7,}   {'':>7}{_pct(p.rules)}  {_pct(p.model)}  {gain:>5}"
                  f"   {'':>20}{_pct(p.rules_attributed)}  {_pct(p.model_attributed)}")
    key = (lambda p: p.model_attributed, lambda p: p.rules_attributed) if binary_only else (lambda p: p.model, lambda p: p.rules)
    series = {"model": [(p.decisions, key[0](p)) for p in points if key[0](p) is not None],
              "rules": [(p.decisions, key[1](p)) for p in points]}
    what = "attributed vs other" if binary_only else "label accuracy"
    print(f"   {what}, every {EVERY} decisions:")
    for line in chart(series, {"model": "●", "rules": "○"}):
        print(line)


# ----------------------------------------------------------------------------------------- main

def time_training(examples: list, runs: int) -> tuple[float, float, list[float], float]:
    """(import s, cold wall s, warm wall s list, cold CPU s) of ``train(examples)``: the first
    call in this process encodes with cold caches, as a background trainer's first would."""
    t0 = time.perf_counter()
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.linear_model  # noqa: F401
    imported = time.perf_counter() - t0

    from workbench.learning import train

    w0, c0 = time.perf_counter(), time.process_time()
    train(examples)
    cold, cold_cpu = time.perf_counter() - w0, time.process_time() - c0
    warm = []
    for _ in range(runs - 1):
        w0 = time.perf_counter()
        train(examples)
        warm.append(time.perf_counter() - w0)
    return imported, cold, warm, cold_cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("devdata", nargs="?", type=Path, default=os.environ.get("WORKBENCH_DEVDATA") or None,
                    help="the development data folder (holding polnear-train/); default $WORKBENCH_DEVDATA")
    ap.add_argument("--quick", action="store_true", help="fixtures only (to 300 decisions), training timed on 5,000")
    ap.add_argument("--every", type=int, default=EVERY, help="retrain after this many decisions (25)")
    ap.add_argument("--until", type=int, default=2000, help="simulate polnear-train up to this many decisions (2000)")
    ap.add_argument("--shuffles", type=int, default=4,
                    help="also measure the floor's figure with the articles in this many shuffled orders (info)")
    ap.add_argument("--train-n", type=int, default=TRAIN_N, help="decisions for the training time (50,000)")
    ap.add_argument("--runs", type=int, default=3, help="timed trainings, the first with cold caches (median checked)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--profile", action="store_true", help="always print a profile of train()")
    ap.add_argument("--no-profile", action="store_true", help="never print one")
    args = ap.parse_args(argv)
    if args.quick:
        args.train_n, args.runs = 5_000, 1
    devdata = Path(args.devdata).expanduser() if args.devdata else None

    header("learning curve: the label model in the loop")
    rep = Report("learning_curve", args.quick)
    polnear = None
    if devdata is not None and not args.quick:
        folder = devdata / "polnear-train"
        if (folder / "gold.jsonl").is_file() and (folder / "texts").is_dir():
            t0 = time.perf_counter()
            polnear = polnear_examples(folder)
            print(f"   polnear-train: {len(polnear):,} candidates in {len({e.article for e in polnear})} articles, "
                  f"{sum(e.label == 'attributed' for e in polnear):,} attributed (extracted in {time.perf_counter() - t0:.1f} s)")
        else:
            print(f"   {folder}: no polnear-train there (gold.jsonl and texts/): its floor is not checked")
    elif args.quick:
        print("   --quick: polnear-train skipped")
    else:
        print("   no development data (argument or $WORKBENCH_DEVDATA): the polnear-train floor is not checked")

    # ---- training time: 50,000 decisions (polnear-train's candidates, then the bench corpus)
    t0 = time.perf_counter()
    pool = list(polnear or [])[:args.train_n]
    n_real = len(pool)
    pool += synthetic_examples(args.train_n - n_real)
    print(f"   training set for the timing: {len(pool):,} decisions ({n_real:,} of polnear-train, the rest from "
          f"corpus.py, labelled as a reviewer might; built in {time.perf_counter() - t0:.1f} s, not timed)")
    imported, cold, warm, cold_cpu = time_training(pool, args.runs)
    median = statistics.median([cold, *warm])
    warm_text = f"; then {', '.join(f'{w:.2f}' for w in warm)} s with warm caches" if warm else ""
    print(f"   train({len(pool):,}): {cold:.2f} s ({cold_cpu:.2f} s CPU) the first in this process{warm_text}; "
          f"median {median:.2f} s (importing scikit-learn before: {imported:.2f} s, not counted)")
    rep.figures["train"] = {"n": len(pool), "cold_s": round(cold, 3), "cold_cpu_s": round(cold_cpu, 3),
                            "warm_s": [round(w, 3) for w in warm], "median_s": round(median, 3),
                            "sklearn_import_s": round(imported, 3)}
    train_check = Check(f"train() on {len(pool):,} decisions, median of {1 + len(warm)}", median, FLOOR_TRAIN_S, "s")
    rep.checks.append(train_check)
    if args.profile or (not train_check.ok and not args.no_profile):
        from workbench.learning import train
        print(profile_call(train, pool))

    # ---- the fixture gold sets
    t0 = time.perf_counter()
    fixtures = fixture_examples()
    print(f"   fixtures: {len(fixtures):,} candidates in {len({e.article for e in fixtures})} articles "
          f"({time.perf_counter() - t0:.1f} s)")
    points = simulate(fixtures, args.every, 300 if args.quick else None, {"attributed"})
    report_curve("fixture gold sets, four labels", points, binary_only=False)
    rep.figures["fixtures"] = [asdict(p) for p in points]
    at = next((p for p in points if p.decisions == FLOOR_AT), None)
    if at is not None and at.model is not None:
        print(f"   fixtures after {FLOOR_AT} decisions: rules {100 * at.rules:.1f} %, model {100 * at.model:.1f} % "
              f"({100 * (at.model - at.rules):+.1f} points; no floor: the rules were written from these sets)")

    # ---- polnear-train
    if polnear is not None:
        t0 = time.perf_counter()
        points = simulate(polnear, args.every, args.until, {"attributed", "contested"})
        print(f"   polnear-train curve in {time.perf_counter() - t0:.1f} s")
        report_curve("polnear-train, attributed vs other", points, binary_only=True)
        rep.figures["polnear_train"] = [asdict(p) for p in points]
        at = next((p for p in points if p.decisions == FLOOR_AT), None)
        if at is not None and at.model_attributed is not None:
            gain = 100 * (at.model_attributed - at.rules_attributed)
            rep.checks.append(Check(f"polnear-train: model - rules, attributed vs other, after {FLOOR_AT} decisions "
                                    f"(rules {100 * at.rules_attributed:.1f} %, model {100 * at.model_attributed:.1f} %)",
                                    gain, FLOOR_POINTS, "points", higher_is_better=True))
        if args.shuffles:
            gains = shuffled_gain(polnear, FLOOR_AT, args.shuffles, {"attributed", "contested"})
            print(f"   the same after {FLOOR_AT} decisions with the articles in {len(gains)} shuffled orders: "
                  + ", ".join(f"{g:+.1f}" for g in gains) + f" points (mean {statistics.mean(gains):+.1f})")
            rep.figures["polnear_train_shuffled_gain"] = [round(g, 2) for g in gains]
    rep.print_checks()
    rep.dump(args.json)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
