"""Keys on a very long text cost what the text near the cursor costs, not the whole text: two
pure functions the review screen calls on every key, measured as ratios of CPU times (so the
figure does not depend on the machine's speed).

- ``word moves``: five ``w`` then five ``b e`` in one paragraph of ~765,000 characters with no
  newline (a scraped page on one line), against the same in a paragraph of ~15,000. Each key tokenized
  the whole paragraph before 7b4af0b (about 60x); floor: <= 20x.
- ``typed source``: ``folded_with_origins`` (the article folded for ``e t``, with each folded
  character's offset) of an article of ~670,000 characters, against ``fold`` of the same text (C-level passes).
  One Python step a character before 0f10f85 (about 9x); floor: <= 4.5x.

    .venv/bin/python bench/long_text_keys.py
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Check, Report, header  # noqa: E402

from workbench.linking.fold import fold, folded_with_origins  # noqa: E402
from workbench.tui.selection import SpanSelection  # noqa: E402

SENTENCE = ("Le porte-parole du Kremlin, Dmitri Peskov, a déclaré « aujourd'hui » que l’U.S. Army "
            "n’avait rien dit — 3,5 % selon Reuters ; Royaume-Uni: 北京市政府发言人周二表示。 ")
ARTICLE = ("« Nous avons un canal sûr spécial », a déclaré le porte-parole du Kremlin, Dmitri Peskov. "
           "The Straße's ½ price — e\u0301te\u0301 naïve ﬁnal; 北京市政府发言人周二表示。 ÉTAT-MAJOR, l’agence.\n\n")


def cpu(fn, runs: int = 3) -> float:
    """CPU seconds of one call: the best of ``runs`` rounds of as many calls as take 20 ms."""
    best = float("inf")
    for _ in range(runs):
        n, t0 = 0, time.process_time()
        while True:
            fn()
            n += 1
            spent = time.process_time() - t0
            if spent >= 0.02:
                break
        best = min(best, spent / n)
    return best


def moves(text: str) -> None:
    sel = SpanSelection.at(text, len(text) // 2).drop_anchor()
    for _ in range(5):
        sel = sel.word_next()
    for _ in range(5):
        sel = sel.word_prev().word_end()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    header("keys on a very long text (CPU-time ratios)")
    small, large = SENTENCE * 100, SENTENCE * 5_000
    t_small, t_large = cpu(lambda: moves(small)), cpu(lambda: moves(large))
    article = ARTICLE * 4000
    t_fold, t_origins = cpu(lambda: fold(article)), cpu(lambda: folded_with_origins(article))
    print(f"   word moves: {t_small * 1e3:.2f} ms on {len(small) / 1e3:.0f} K chars, "
          f"{t_large * 1e3:.2f} ms on {len(large) / 1e3:.0f} K chars")
    print(f"   typed source: fold {t_fold * 1e3:.1f} ms, folded_with_origins {t_origins * 1e3:.1f} ms "
          f"({len(article) / 1e3:.0f} K chars)")
    rep = Report("long_text_keys", False)
    rep.figures = {"moves_small_s": t_small, "moves_large_s": t_large, "fold_s": t_fold, "origins_s": t_origins}
    rep.checks.append(Check("word moves, 765,000-character paragraph / 15,000", t_large / t_small, 20.0, "x"))
    rep.checks.append(Check("typed source, folded_with_origins / fold", t_origins / t_fold, 4.5, "x"))
    rep.print_checks()
    rep.dump(args.json)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
