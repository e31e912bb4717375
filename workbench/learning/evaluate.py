"""Is the model worth it? Cross-validation over articles, rules alone against the model, and the
check for too few decisions to say anything."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from workbench.learning.features import Example
from workbench.learning.model import LABELS, encode, train

#: below this many decisions, or with fewer than two labels, there is nothing to learn from
MIN_DECISIONS = 30
MIN_LABELS = 2


def too_few(examples: Sequence[Example]) -> str | None:
    """Why these decisions are too few to train on and compare (one line, to show as it is), or
    ``None`` when they are enough: under ``MIN_DECISIONS`` decisions, or fewer than two labels.
    The caller says so and changes nothing."""
    counts = Counter(ex.label for ex in examples if ex.label is not None)
    n = sum(counts.values())
    if n < MIN_DECISIONS:
        return f"too few decisions to learn from: {n} (at least {MIN_DECISIONS} are needed)"
    if len(counts) < MIN_LABELS:
        only = next(iter(counts))
        return f"too few labels to learn from: every decision so far is {only} (at least {MIN_LABELS} labels are needed)"
    return None


class _Accuracies:
    """The rules' and the model's share of right suggestions, from ``decisions``,
    ``rules_right`` and ``model_right``."""

    decisions: int
    rules_right: int
    model_right: int

    @property
    def rules_accuracy(self) -> float:
        return self.rules_right / self.decisions if self.decisions else 0.0

    @property
    def model_accuracy(self) -> float:
        return self.model_right / self.decisions if self.decisions else 0.0


@dataclass
class LabelScore(_Accuracies):
    """For one label: how many decisions have it, and how many of those the rules and the model
    suggested."""

    label: str
    decisions: int = 0
    rules_right: int = 0
    model_right: int = 0


@dataclass
class CrossValidation(_Accuracies):
    """Label accuracy of the rules' suggestion and of the model's, each decision predicted by a
    model that never saw its article."""

    folds: int
    decisions: int
    articles: int
    rules_right: int
    model_right: int
    #: per label, in ``LABELS`` order (labels nobody chose are left out)
    per_label: dict[str, LabelScore] = field(default_factory=dict)

    @property
    def model_beats_rules(self) -> bool:
        """Whether the model's suggestions were right more often than the rules' on articles it
        had not seen: the gate for letting them win over the rules' (with few decisions on a
        corpus the rules were written from, they do not)."""
        return self.model_right > self.rules_right

    def as_dict(self) -> dict:
        """For ``--json``: plain numbers, accuracies rounded to 4 places."""
        return {
            "folds": self.folds, "decisions": self.decisions, "articles": self.articles,
            "rules_accuracy": round(self.rules_accuracy, 4), "model_accuracy": round(self.model_accuracy, 4),
            "model_beats_rules": self.model_beats_rules,
            "per_label": {lab: {"decisions": s.decisions, "rules_accuracy": round(s.rules_accuracy, 4),
                                "model_accuracy": round(s.model_accuracy, 4)} for lab, s in self.per_label.items()},
        }

    def table(self) -> str:
        """A small plain-text table: label, decisions, rules, model."""
        rows = [("label", "decisions", "rules", "model")]
        rows += [(s.label, str(s.decisions), f"{s.rules_accuracy:.1%}", f"{s.model_accuracy:.1%}")
                 for s in self.per_label.values()]
        rows.append(("all", str(self.decisions), f"{self.rules_accuracy:.1%}", f"{self.model_accuracy:.1%}"))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                         for r in rows)


def article_folds(examples: Sequence[Example], folds: int = 5, seed: int = 0) -> list[int]:
    """The fold of each example (``-1`` for an undecided one): whole articles, in ``folds``
    groups of about the same number of decisions (articles shuffled with ``seed``, then each
    given to the fold with the fewest decisions so far: the largest articles first)."""
    sizes = Counter(ex.article for ex in examples if ex.label is not None)
    articles = sorted(sizes)
    random.Random(seed).shuffle(articles)
    k = max(1, min(folds, len(articles)))
    load = [0] * k
    fold_of: dict[str, int] = {}
    for art in sorted(articles, key=lambda a: -sizes[a]):  # stable: shuffled order among equals
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[art] = f
        load[f] += sizes[art]
    return [fold_of[ex.article] if ex.label is not None else -1 for ex in examples]


def cross_validate(examples: Sequence[Example], folds: int = 5, seed: int = 0) -> CrossValidation:
    """k-fold cross-validation grouped by article (never the same article in training and
    test) of the decided examples: the rules' suggested label against the model's, overall and
    per label. Deterministic with ``seed``. A training part with a single label predicts that
    label. Raises ``ValueError`` (one line) when the decisions are in fewer than two articles."""
    decided = [ex for ex in examples if ex.label is not None]
    unknown = sorted({ex.label for ex in decided} - set(LABELS))
    if unknown:
        raise ValueError(f"unknown label(s): {', '.join(unknown)}")
    n_articles = len({ex.article for ex in decided})
    if n_articles < 2:
        raise ValueError(f"cross-validation needs decisions in at least 2 articles (they are in {n_articles})")
    fold = np.array(article_folds(decided, folds, seed))
    k = int(fold.max()) + 1
    X = encode(decided)
    predicted: list[str | None] = [None] * len(decided)
    for f in range(k):
        test = np.flatnonzero(fold == f)
        train_idx = np.flatnonzero(fold != f)
        train_ex = [decided[i] for i in train_idx]
        labels = {ex.label for ex in train_ex}
        if len(labels) < 2:
            guess = next(iter(labels))
            for i in test:
                predicted[i] = guess
            continue
        model = train(train_ex, seed=seed, encoded=X[train_idx])
        proba = model.predict_proba(encoded=X[test])
        for i, j in zip(test, proba.argmax(axis=1)):
            predicted[i] = model.labels[j]
    per_label = {lab: LabelScore(lab) for lab in LABELS if any(ex.label == lab for ex in decided)}
    rules_right = model_right = 0
    for ex, guess in zip(decided, predicted):
        score = per_label[ex.label]
        score.decisions += 1
        r = ex.candidate.label == ex.label
        m = guess == ex.label
        score.rules_right += r
        score.model_right += m
        rules_right += r
        model_right += m
    return CrossValidation(k, len(decided), n_articles, rules_right, model_right, per_label)
