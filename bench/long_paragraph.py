"""Linear time on one huge paragraph (issue 15, item 5): ``workbench extract`` of a 2 MB single
paragraph against the same sentences split into paragraphs of about 2 KB, and ``workbench
import`` of a 50 MB file that is one single line.

Cases (each a fresh process of the real CLI, stdout discarded):

- ``paragraph``: 2 MB of the corpus's sentences (quotation marks balanced in each), one
  paragraph, single spaces. Floor: <= 2x the time of ``split``.
- ``unclosed``: the same paragraph after an unclosed ``«``: the segmenter keeps a quotation
  together, so the paragraph is one sentence of 2 MB with hundreds of cue matches. Same floor.
- ``single line``: ``workbench import`` of a ``.txt`` file of one 50 MB line of those sentences,
  on a fresh database. Floor: it imports, within ``--timeout`` seconds (600 by default; the issue
  saw 580 s without an end).

A case that runs past ``--timeout`` is killed and reported as such.

    .venv/bin/python bench/long_paragraph.py              # 2 MB and 50 MB
    .venv/bin/python bench/long_paragraph.py --quick      # 200 KB and 2 MB
    .venv/bin/python bench/long_paragraph.py --mb 1 --line-mb 10 --cases paragraph,unclosed
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MB, ROOT, Check, Report, cli_argv, header, release_workdir, workdir  # noqa: E402
from corpus import _balanced, article, split_sentences  # noqa: E402

RATIO_FLOOR = 2.0
CASES = ("paragraph", "unclosed", "single line")


def sentences(size: int, seed: int = 5) -> list[str]:
    """Sentences of the corpus (quotations balanced, single spaces) totalling ``size`` characters,
    each made unique by a dispatch number, so that no cache sees a sentence twice."""
    out, total, i = [], 0, 0
    while total < size:
        for par in article(i, 4096, seed=seed, en_share=0.25).text.split("\n"):
            for s in split_sentences(" ".join(par.split())):
                if len(s) > 20 and _balanced(s) and s[-1] in ".!?":
                    s = f"{s[:-1].rstrip()} (dépêche {len(out)}){s[-1]}"
                    out.append(s)
                    total += len(s) + 1
        i += 1
    return out


def timed(argv: list[str], timeout: float) -> tuple[float, float, int | None]:
    """(wall s, CPU s, exit status or None when killed at ``timeout``) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, err = p.communicate(timeout=timeout)
        rc = p.returncode
        if rc:
            print(f"   exit {rc}: {err.strip()[:300]}")
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        rc = None
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), rc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 KB paragraph, 2 MB line")
    ap.add_argument("--mb", type=float, help="size of the paragraph in MB (default 2)")
    ap.add_argument("--line-mb", type=float, help="size of the single line in MB (default 50)")
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a case is killed")
    ap.add_argument("--workdir", type=Path, help="keep the generated files and the database here")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    para_mb = args.mb or (0.2 if args.quick else 2.0)
    line_mb = args.line_mb or (2.0 if args.quick else 50.0)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    header(f"long paragraph: one paragraph of {para_mb:g} MB, one line of {line_mb:g} MB")
    work, made = workdir(args.workdir, "wb-longpar-")
    rep = Report("long_paragraph", args.quick)
    try:
        sents = sentences(int(para_mb * MB))
        files = {"split": "\n\n".join(_paragraphs(sents)) + "\n", "paragraph": " ".join(sents) + "\n",
                 "unclosed": "« " + " ".join(sents) + "\n"}
        times = {}
        for name in ["split"] + [c for c in cases if c in ("paragraph", "unclosed")]:
            path = work / f"{name}.txt"
            path.write_text(files[name], encoding="utf-8")
            wall, cpu, rc = timed(cli_argv("extract", str(path)), args.timeout)
            times[name] = wall if rc == 0 else float("inf")
            rep.figures[name] = {"bytes": path.stat().st_size, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                                 "finished": rc is not None}
            print(f"   extract {name:<10} {path.stat().st_size / MB:6.2f} MB  {wall:7.2f} s wall  {cpu:7.2f} s CPU"
                  + ("" if rc is not None else f"  (killed at {args.timeout:g} s)"))
        for name in ("paragraph", "unclosed"):
            if name in times:
                rep.checks.append(Check(f"extract, one {para_mb:g} MB paragraph ({name}) / split into paragraphs",
                                        times[name] / times["split"], RATIO_FLOOR, "x"))
        if "single line" in cases:
            rep.checks.append(_single_line(work, line_mb, args.timeout, rep))
        rep.print_checks()
        rep.dump(args.json)
        return 0 if rep.ok else 1
    finally:
        release_workdir(work, made, keep=bool(args.workdir))


def _paragraphs(sents: list[str], size: int = 2000):
    cur: list[str] = []
    n = 0
    for s in sents:
        cur.append(s)
        n += len(s) + 1
        if n >= size:
            yield " ".join(cur)
            cur, n = [], 0
    if cur:
        yield " ".join(cur)


def _single_line(work: Path, line_mb: float, timeout: float, rep: Report) -> Check:
    """``workbench import`` of one ``.txt`` file that is a single line of ``line_mb`` MB."""
    path = work / "line.txt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(" ".join(sentences(int(line_mb * MB), seed=9)))
    db = work / "line.db"
    db.unlink(missing_ok=True)
    wall, cpu, rc = timed(cli_argv("import", "--db", f"sqlite:///{db}", "-q", str(path)), timeout)
    size = path.stat().st_size
    rep.figures["single line"] = {"bytes": size, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                                  "exit": rc}
    print(f"   import  single line {size / MB:6.2f} MB  {wall:7.2f} s wall  {cpu:7.2f} s CPU  "
          + (f"exit {rc}" if rc is not None else f"killed at {timeout:g} s"))
    return Check(f"import of a {line_mb:g} MB single-line file, exit 0 within {timeout:g} s", float(rc == 0), 1.0,
                 "bool", higher_is_better=True)


if __name__ == "__main__":
    raise SystemExit(main())
