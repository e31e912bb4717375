#!/usr/bin/env python3
"""The extractor on real, human-annotated news: the development folders built by
``../shared/devdata/build.py`` (PolNeAR, English; ASFALDA, French), scored by
``../shared/devdata/score.py``.

The data is copyrighted news and lives outside the repository: name the folder that
``build.py --out`` wrote (the one holding ``polnear-train/``, ``polnear-dev/``, ``asfalda-dev/``)
as the argument or in ``$WORKBENCH_DEVDATA``.

    .venv/bin/python bench/realnews.py ~/devdata                 # the checks: polnear-dev, asfalda unseen
    .venv/bin/python bench/realnews.py ~/devdata --sets all      # also polnear-train and asfalda tune
    .venv/bin/python bench/realnews.py ~/devdata --misses DIR    # score.py's miss reports per set

ASFALDA is split by sentence id: ``asfalda-tune`` (id divisible by 4) is the part rules may be
written from, ``asfalda-unseen`` (the other ids) is the check. ``polnear-train`` is for writing
rules, ``polnear-dev`` for checking them. Floors (issue 11):
- polnear-dev: attribution_recall >= 0.75, source_accuracy >= 0.85, attributed_precision >= 0.88
- asfalda-unseen: attribution_recall (speech) >= 0.80, source_accuracy >= 0.80,
  opinion_recall >= 0.60, denials contested >= 80 %

Exit status: 0 every floor met, 1 a floor missed, 2 the data or the scorer is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCORER = ROOT.parent / "shared" / "devdata" / "score.py"
CHECKED = ("polnear-dev", "asfalda-unseen")
ALL = ("polnear-train", "polnear-dev", "asfalda-tune", "asfalda-unseen")
FLOORS = {
    "polnear-dev": {"attribution_recall": 0.75, "source_accuracy": 0.85, "attributed_precision": 0.88},
    "asfalda-unseen": {"attribution_recall": 0.80, "source_accuracy": 0.80, "opinion_recall": 0.60,
                       "denials_contested": 0.80},
}


def _asfalda_part(devdata: Path, name: str, tmp: Path) -> Path:
    """``asfalda-dev`` with only the gold rows of one part, as a folder score.py reads."""
    keep = (lambda i: i % 4 == 0) if name == "asfalda-tune" else (lambda i: i % 4 != 0)
    src = devdata / "asfalda-dev"
    out = tmp / name
    (out / "texts").mkdir(parents=True)
    with open(src / "gold.jsonl", encoding="utf-8") as f, open(out / "gold.jsonl", "w", encoding="utf-8") as g:
        for line in f:
            if line.strip() and keep(int(json.loads(line)["asfalda_sentence_id"])):
                g.write(line)
    for p in sorted((src / "texts").glob("*.txt")):
        if keep(int(p.stem.rsplit("_", 1)[-1])):
            (out / "texts" / p.name).symlink_to(p.resolve())
    return out


def _folder(devdata: Path, name: str, tmp: Path) -> Path:
    return _asfalda_part(devdata, name, tmp) if name.startswith("asfalda-") else devdata / name


def _extract(folder: Path, out: Path) -> tuple[int, float]:
    """Every text of ``folder/texts`` through the extractor, as ``workbench extract`` prints it."""
    from workbench.claims import extract

    n_bytes, t0 = 0, time.perf_counter()
    with open(out, "w", encoding="utf-8") as f:
        for p in sorted((folder / "texts").glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            n_bytes += len(text.encode("utf-8"))
            for c in extract(text):
                f.write(json.dumps({"article": p.name, **c.as_dict()}, ensure_ascii=False) + "\n")
    return n_bytes, time.perf_counter() - t0


def _score(scorer: Path, folder: Path, cands: Path, misses: Path | None) -> tuple[dict, str]:
    cmd = [sys.executable, str(scorer), str(folder), str(cands)]
    if misses is not None:
        cmd += ["--misses", str(misses)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    lines = res.stdout.strip().splitlines()
    summary = lines[-1]
    figures = json.loads("\n".join(lines[:-1]))
    return figures, summary


def _value(figures: dict, key: str) -> float | None:
    """A figure as a share: score.py gives plain numbers, or ``"k/N"`` for the denials."""
    v = figures.get(key)
    if isinstance(v, dict):
        v = v.get("value", v.get("rate"))
    if isinstance(v, str) and "/" in v:
        k, n = v.split("/")
        return int(k) / int(n) if int(n) else None
    return v if isinstance(v, (int, float)) else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("devdata", nargs="?", default=os.environ.get("WORKBENCH_DEVDATA"),
                    help="the folder build.py wrote (default: $WORKBENCH_DEVDATA)")
    ap.add_argument("--sets", default="checked", help="'checked' (polnear-dev, asfalda-unseen), 'all', or names")
    ap.add_argument("--misses", metavar="DIR", help="write score.py's miss report of each set here (text)")
    ap.add_argument("--scorer", default=str(SCORER), help="score.py (default: ../shared/devdata/score.py)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args(argv)
    scorer = Path(args.scorer)
    if not args.devdata:
        print("realnews: no development data: pass the folder build.py wrote, or set $WORKBENCH_DEVDATA "
              "(see ../shared/devdata/README.md)", file=sys.stderr)
        return 2
    devdata = Path(args.devdata).expanduser()
    names = CHECKED if args.sets == "checked" else ALL if args.sets == "all" else tuple(args.sets.split(","))
    missing = [n for n in {("asfalda-dev" if n.startswith("asfalda-") else n) for n in names}
               if not (devdata / n / "gold.jsonl").is_file()]
    if missing:
        print(f"realnews: {devdata}: no {', '.join(sorted(missing))} here (build them with "
              "../shared/devdata/build.py, see its README)", file=sys.stderr)
        return 2
    if not scorer.is_file():
        print(f"realnews: {scorer}: the scorer is absent", file=sys.stderr)
        return 2
    failed, report = False, {}
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        tmp = Path(tmp)
        for name in names:
            folder = _folder(devdata, name, tmp)
            cands = tmp / f"{name}.jsonl"
            n_bytes, secs = _extract(folder, cands)
            misses = Path(args.misses) / f"{name}-misses.txt" if args.misses else None
            if misses:
                misses.parent.mkdir(parents=True, exist_ok=True)
            figures, summary = _score(scorer, folder, cands, misses)
            summary = summary.replace(str(folder), name) if str(folder) in summary else summary
            print(f"{name}: {summary.split(':', 1)[-1].strip()}  [{n_bytes / 1e6:.2f} MB in {secs:.1f} s]")
            report[name] = figures
            for key, floor in FLOORS.get(name, {}).items():
                v = _value(figures, key)
                ok = v is not None and v >= floor
                failed |= not ok
                print(f"   {'PASS' if ok else 'FAIL'}  {key} = {'n/a' if v is None else f'{v:.3f}'} (floor >= {floor})")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("=> FAIL" if failed else "=> PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
