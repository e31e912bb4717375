"""The label model: training and prediction on a small labelled set, explanations, determinism,
the byte format and its version check, uncertainty."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from learning_corpus import ARTICLES, build, labelled

from workbench.learning import (
    LABELS,
    MODEL_FORMAT,
    Example,
    LabelModel,
    ModelVersionError,
    Prediction,
    encode,
    features_of,
    train,
    uncertain_first,
    uncertainty,
)
from workbench.learning.model import _column, _MAGIC

HELD_OUT = "en-election"


@pytest.fixture
def corpus() -> list[Example]:
    return list(labelled())


def _train_part(corpus):
    return [ex for ex in corpus if ex.article != HELD_OUT]


def test_learns_what_the_reviewers_do_that_the_rules_do_not(corpus):
    model = train(_train_part(corpus), seed=0)
    assert set(model.labels) == set(LABELS)
    unseen = build(HELD_OUT, ARTICLES[HELD_OUT])
    preds = model.predict(unseen)
    assert len(preds) == len(unseen)
    for p in preds:
        assert isinstance(p, Prediction)
        assert p.label in model.labels and 0 < p.probability <= 1
    sponsored = [p for ex, p in zip(unseen, preds) if ex.candidate.text.startswith("Sponsored")]
    assert sponsored and all(ex.candidate.label != "not_claim" for ex in unseen)  # the rules never say it
    assert all(p.label == "not_claim" for p in sponsored)
    right = sum(p.label == ex.label for ex, p in zip(unseen, preds))
    rules_right = sum(ex.candidate.label == ex.label for ex in unseen)
    assert right > rules_right and right >= len(unseen) - 1


def test_top_features_are_few_readable_and_for_the_label(corpus):
    model = train(_train_part(corpus), seed=0)
    unseen = build(HELD_OUT, ARTICLES[HELD_OUT])
    preds = model.predict(unseen, explain=3)
    for ex, p in zip(unseen, preds):
        assert 1 <= len(p.top_features) <= 3
        for name in p.top_features:
            assert isinstance(name, str) and 0 < len(name) <= 80 and name.isprintable(), name
            family = name.partition("=")[0].split(" ")[0]
            assert family in {"rules", "pattern", "source", "score", "length", "position", "cue", "quotation",
                              "starts", "ends", "no", "contest", "lexicon", "word", "chars", "reason"}, name
    sponsored = next(p for ex, p in zip(unseen, preds) if ex.candidate.text.startswith("Sponsored"))
    assert any("sponsored" in name for name in sponsored.top_features), sponsored.top_features
    assert all(p.top_features == () for p in model.predict(unseen, explain=0))


def test_every_named_feature_is_a_column_of_its_row(corpus):
    """The explanations name columns by hashing names: the same hash the encoding uses."""
    from workbench.learning.features import char_features, lexicon_features, rule_features, word_features

    ex = corpus[1]
    row = encode([ex])[0]
    present = set(row.indices.tolist())
    text = ex.candidate.text
    for family, names in (("rules", rule_features(ex)), ("lexicon", lexicon_features(text)),
                          ("words", word_features(text)), ("chars", char_features(text))):
        for name in names:
            assert _column(family, name) in present, (family, name)
    assert len(features_of(ex)) >= len(present) - 5  # a few names may share a column


def test_encoding_a_row_does_not_depend_on_the_others(corpus):
    X = encode(corpus)
    for i in (0, 7, len(corpus) - 1):
        one = encode([corpus[i]])
        assert (X[i] != one[0]).nnz == 0


def test_deterministic_with_a_seed(corpus):
    part = _train_part(corpus)
    a, b = train(part, seed=3), train(part, seed=3)
    assert a.to_bytes() == b.to_bytes()
    assert a.predict(corpus) == b.predict(corpus)
    # precomputed rows give the same model as encoding inside train()
    X = encode(part)
    assert train(part, seed=3, encoded=X).to_bytes() == a.to_bytes()


def test_undecided_examples_are_skipped(corpus):
    part = _train_part(corpus)
    undecided = [Example(ex.article, ex.candidate, ex.article_length, None) for ex in corpus[:5]]
    assert train(part + undecided, seed=0).to_bytes() == train(part, seed=0).to_bytes()


def test_round_trip_through_bytes(corpus):
    model = train(_train_part(corpus), seed=0, meta={"last_annotation": 42})
    blob = model.to_bytes()
    assert blob.startswith(_MAGIC)
    again = LabelModel.from_bytes(blob)
    assert again.labels == model.labels
    assert again.info["meta"] == {"last_annotation": 42}
    assert again.info["examples"] == len(_train_part(corpus))
    assert again.predict(corpus) == model.predict(corpus)
    assert again.to_bytes() == blob


def test_a_model_of_another_format_is_refused_with_one_line(corpus):
    blob = train(_train_part(corpus), seed=0).to_bytes()
    old = _MAGIC + struct.pack(">H", MODEL_FORMAT - 1) + blob[len(_MAGIC) + 2:]
    with pytest.raises(ModelVersionError) as err:
        LabelModel.from_bytes(old)
    message = str(err.value)
    assert "\n" not in message
    assert f"format {MODEL_FORMAT - 1}" in message and "retrain" in message
    for junk in (b"", b"PK\x03\x04 a zip file", _MAGIC, blob[:len(_MAGIC) + 2] + b"not zlib", "text"):
        with pytest.raises(ModelVersionError) as err:
            LabelModel.from_bytes(junk)
        assert "\n" not in str(err.value)


def test_one_label_or_an_unknown_label_cannot_train(corpus):
    only = [ex for ex in corpus if ex.label == "unsourced"]
    with pytest.raises(ValueError, match="two labels"):
        train(only)
    bad = [Example(ex.article, ex.candidate, ex.article_length, "maybe") for ex in corpus[:3]] + corpus
    with pytest.raises(ValueError, match="maybe"):
        train(bad)


def test_two_labels_give_two_columns(corpus):
    two = [ex for ex in corpus if ex.label in ("attributed", "unsourced")]
    model = train(two, seed=0)
    assert model.labels == ("attributed", "unsourced")
    proba = model.predict_proba(two)
    assert proba.shape == (len(two), 2)
    assert np.allclose(proba.sum(axis=1), 1)
    assert sum(p.label == ex.label for ex, p in zip(two, model.predict(two))) >= 0.9 * len(two)


def test_uncertainty_and_the_uncertain_first_order():
    assert uncertainty(Prediction("attributed", 0.9, ())) == pytest.approx(0.1)
    assert uncertainty(0.75) == pytest.approx(0.25)
    assert uncertainty({"attributed": 0.5, "unsourced": 0.3, "contested": 0.2}) == pytest.approx(0.5)
    assert uncertainty([0.2, 0.8]) == pytest.approx(0.2)
    assert np.allclose(uncertainty(np.array([[0.9, 0.1], [0.5, 0.5]])), [0.1, 0.5])
    preds = [Prediction("a", p, ()) for p in (0.9, 0.55, 0.7, 0.55, 0.99)]
    assert uncertain_first(preds) == [1, 3, 2, 0, 4]  # ties keep their order
