"""Cross-validation over articles (never one article on both sides), the rules against the
model, and the check for too few decisions."""

from __future__ import annotations

import pytest
from learning_corpus import labelled

import workbench.learning.evaluate as evaluate
from workbench.learning import (
    MIN_DECISIONS,
    Example,
    article_folds,
    cross_validate,
    too_few,
)


@pytest.fixture
def corpus() -> list[Example]:
    return list(labelled())


def _undecided(ex: Example) -> Example:
    return Example(ex.article, ex.candidate, ex.article_length, None)


def test_folds_hold_whole_articles(corpus):
    examples = corpus + [_undecided(ex) for ex in corpus[:4]]
    folds = article_folds(examples, folds=3, seed=0)
    assert len(folds) == len(examples)
    assert folds[-4:] == [-1] * 4  # undecided: in no fold
    fold_of: dict[str, set[int]] = {}
    for ex, f in zip(examples, folds):
        if ex.label is not None:
            fold_of.setdefault(ex.article, set()).add(f)
    assert all(len(fs) == 1 for fs in fold_of.values())
    assert {f for fs in fold_of.values() for f in fs} == {0, 1, 2}
    assert article_folds(examples, folds=3, seed=0) == folds  # deterministic
    # more folds than articles: one article a fold
    assert len(set(article_folds(corpus, folds=50))) == len({ex.article for ex in corpus})


def test_training_never_sees_the_tested_article(corpus, monkeypatch):
    seen: list[set[str]] = []
    real_train = evaluate.train

    def spy(examples, *args, **kwargs):
        seen.append({ex.article for ex in examples})
        return real_train(examples, *args, **kwargs)

    monkeypatch.setattr(evaluate, "train", spy)
    cv = cross_validate(corpus, folds=3, seed=1)
    folds = article_folds(corpus, folds=3, seed=1)
    articles_in = {f: {ex.article for ex, g in zip(corpus, folds) if g == f} for f in set(folds)}
    every = {ex.article for ex in corpus}
    assert len(seen) == cv.folds == 3
    for trained_on in seen:
        tested = every - trained_on
        assert tested in articles_in.values()  # the test part is exactly one fold's articles
        assert not tested & trained_on


def test_rules_against_model_overall_and_per_label(corpus):
    cv = cross_validate(corpus, folds=3, seed=0)
    assert cv.decisions == len(corpus) and cv.articles == len({ex.article for ex in corpus})
    assert sum(s.decisions for s in cv.per_label.values()) == cv.decisions
    assert set(cv.per_label) == {"attributed", "unsourced", "contested", "not_claim"}
    assert cv.rules_right == sum(ex.candidate.label == ex.label for ex in corpus)
    # the rules never say not_claim; the model learns the reviewers' "Sponsored:" lines
    assert cv.per_label["not_claim"].rules_accuracy == 0
    assert cv.per_label["not_claim"].model_accuracy == 1
    assert cv.model_accuracy > cv.rules_accuracy and cv.model_beats_rules
    d = cv.as_dict()
    assert d["per_label"]["not_claim"] == {"decisions": cv.per_label["not_claim"].decisions,
                                           "rules_accuracy": 0.0, "model_accuracy": 1.0}
    lines = cv.table().splitlines()
    assert lines[0].split() == ["label", "decisions", "rules", "model"] and lines[-1].startswith("all")
    assert cross_validate(corpus, folds=3, seed=0) == cv  # deterministic


def test_cross_validation_needs_two_articles(corpus):
    one = [ex for ex in corpus if ex.article == "en-budget"]
    with pytest.raises(ValueError, match="at least 2 articles"):
        cross_validate(one)


def test_too_few(corpus):
    assert too_few(corpus) is None
    few = corpus[:MIN_DECISIONS - 1] + [_undecided(ex) for ex in corpus[MIN_DECISIONS:]]
    message = too_few(few)
    assert message and "\n" not in message and str(MIN_DECISIONS - 1) in message
    one_label = [ex for ex in corpus if ex.label != "unsourced"]
    one_label = [Example(ex.article, ex.candidate, ex.article_length, "attributed") for ex in one_label]
    assert len(one_label) >= MIN_DECISIONS
    message = too_few(one_label)
    assert message and "attributed" in message and "\n" not in message
    assert too_few([]) is not None
