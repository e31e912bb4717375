"""Extractor quality against hand-labelled gold: span recall / precision, label and source
agreement. Pure functions over dicts, so tests and ``bench/`` share them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

#: a predicted span matches a gold span when their overlap covers this share of their union
MATCH_JACCARD = 0.5


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def _pronoun_span(src: dict) -> tuple[int, int]:
    """The span of a source, a pronoun written on its verb counted without its hyphens: the
    extractor gives "-t-il" (as the text writes it), the gold sets "il"."""
    text = src.get("text") or ""
    if text.startswith("-"):
        return src["end"] - len(text.rsplit("-", 1)[-1]), src["end"]
    return src["start"], src["end"]


def _source_match(gold: dict | None, pred: dict | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return _jaccard(_pronoun_span(gold), _pronoun_span(pred)) >= 0.5


@dataclass
class Report:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    label_ok: int = 0
    source_ok: int = 0
    attributed_gold_with_source: int = 0
    attributed_source_ok: int = 0
    confusion: dict = field(default_factory=lambda: defaultdict(int))
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def label_accuracy(self) -> float:
        return self.label_ok / self.matched if self.matched else 0.0

    @property
    def source_accuracy(self) -> float:
        """Of the matched gold claims that name a source, the share whose source was found."""
        if not self.attributed_gold_with_source:
            return 1.0
        return self.attributed_source_ok / self.attributed_gold_with_source

    def summary(self) -> str:
        return (
            f"gold {self.gold}  predicted {self.predicted}  matched {self.matched}  "
            f"recall {self.recall:.3f}  precision {self.precision:.3f}  "
            f"label accuracy {self.label_accuracy:.3f}  source accuracy {self.source_accuracy:.3f}"
        )


def evaluate(gold_rows: list[dict], predicted_rows: list[dict]) -> Report:
    """Both lists hold rows with ``article``, ``start``, ``end``, ``label``, ``source``."""
    rep = Report()
    by_article_gold: dict[str, list[dict]] = defaultdict(list)
    by_article_pred: dict[str, list[dict]] = defaultdict(list)
    for g in gold_rows:
        by_article_gold[g["article"]].append(g)
    for p in predicted_rows:
        by_article_pred[p["article"]].append(p)
    for article in sorted(set(by_article_gold) | set(by_article_pred)):
        golds = by_article_gold.get(article, [])
        preds = by_article_pred.get(article, [])
        rep.gold += len(golds)
        rep.predicted += len(preds)
        used: set[int] = set()
        for g in golds:
            best, best_j = None, 0.0
            for n, p in enumerate(preds):
                if n in used:
                    continue
                j = _jaccard((g["start"], g["end"]), (p["start"], p["end"]))
                if j > best_j:
                    best, best_j = n, j
            if best is None or best_j < MATCH_JACCARD:
                rep.misses.append(g)
                continue
            used.add(best)
            p = preds[best]
            rep.matched += 1
            rep.confusion[(g["label"], p["label"])] += 1
            if g["label"] == p["label"]:
                rep.label_ok += 1
            else:
                rep.wrong.append((g, p))
            if _source_match(g.get("source"), p.get("source")):
                rep.source_ok += 1
            if g.get("source") is not None:
                rep.attributed_gold_with_source += 1
                if _source_match(g.get("source"), p.get("source")):
                    rep.attributed_source_ok += 1
        rep.false_positives.extend(p for n, p in enumerate(preds) if n not in used)
    return rep
