"""Suggestions that learn from the reviewers (issue 14): a label model trained on the corpus's
own decisions. Pure: no database, no UI (``tests/unit/test_architecture.py`` keeps it so);
scikit-learn does the fitting and is imported only when a model is encoded, trained or read.

The API, for the code that wires it to the database, the review app and the CLI::

    from workbench.learning import (Example, train, LabelModel, ModelVersionError,
                                    cross_validate, too_few, uncertainty, uncertain_first)

    # 1. one Example per candidate claim, decided or not. ``candidate`` is the extractor's
    #    Candidate, or one rebuilt from a stored candidate row:
    #    Candidate(start, end, text, suggested_label, score,
    #              cue=Span(cs, ce, ctext) or None, source=Span(ss, se, stext) or None, reason=reason)
    #    ``label`` is the reviewers' current decision (gold where adjudicated), None if undecided.
    ex = Example(article=article_id, candidate=cand, article_length=len(article_text), label="attributed")

    # 2. enough to learn from? (fewer than 2 labels, or under 30 decisions: say it, change nothing)
    if (why := too_few(examples)):
        print(why)                                   # one line
    # 3. train (undecided examples are skipped; deterministic for a seed; ~3 s for 50,000)
    model = train(examples, seed=0, meta={"last_annotation": 1234})
    # 4. suggestions for the undecided candidates: never decisions, rows of their own
    for p in model.predict(undecided):               # Prediction(label, probability, top_features)
        p.label, p.probability, p.top_features       # "attributed", 0.87, ("cue=said", "pattern=inverted", "word=according")
    # explaining costs ~0.3 ms a prediction: explain=0 for bulk (50,000 in ~3 s, mostly encoding)
    order = uncertain_first(model.predict(undecided, explain=0))   # "uncertain first" review order
    uncertainty(p)                                   # 1 - probability of the top label
    # 5. store it (in the database or beside it) and read it back
    blob = model.to_bytes()                          # versioned, no pickles; model.info: what it learned from
    try:
        model = LabelModel.from_bytes(blob)
    except ModelVersionError as err:                 # another format version, or not a model
        print(err)                                   # one line ("label model of format 1, ... retrain it")
        model = train(examples)
    # 6. is it worth it? k-fold over articles (never the same article in training and test)
    cv = cross_validate(examples, folds=5, seed=0)
    cv.rules_accuracy, cv.model_accuracy, cv.per_label["attributed"].model_accuracy
    print(cv.table()); cv.as_dict()                  # for ``workbench learn`` and ``--json``
    cv.model_beats_rules                             # gate: only then should the model's suggestion
                                                     # win over the rules' (a few dozen decisions on a
                                                     # corpus the rules fit make a worse model)

For repeated training over the same candidates (a background trainer retraining every 25
decisions), ``X = encode(examples)`` once, then ``train(examples, encoded=X)`` and
``model.predict([examples[i] for i in idx], encoded=X[idx])``: encoding is most of the time.
Examples and blobs pickle, so training can run in another process; the features read
``Candidate.reason``, so put the extractor's version in ``meta`` and retrain when it changes.

Features (``features.py``): what the rules found (suggested label, pattern, contest cue, cue,
kind of source and its words, score, quotation marks, relative position, length, how the claim
ends), the extractor's lexicon words anywhere in the claim, the claim's words, and character
4-grams of each word, hashed with scikit-learn's ``HashingVectorizer``; the model is
``SGDClassifier`` with logistic loss (``model.py``). ``bench/learning_curve.py`` measures it.
"""

from workbench.learning.evaluate import (
    MIN_DECISIONS,
    CrossValidation,
    LabelScore,
    article_folds,
    cross_validate,
    too_few,
)
from workbench.learning.features import Example, features_of, pattern_of, source_kind
from workbench.learning.model import (
    LABELS,
    MODEL_FORMAT,
    LabelModel,
    ModelVersionError,
    Prediction,
    encode,
    train,
    uncertain_first,
    uncertainty,
)

__all__ = [
    "LABELS",
    "MIN_DECISIONS",
    "MODEL_FORMAT",
    "CrossValidation",
    "Example",
    "LabelModel",
    "LabelScore",
    "ModelVersionError",
    "Prediction",
    "article_folds",
    "cross_validate",
    "encode",
    "features_of",
    "pattern_of",
    "source_kind",
    "too_few",
    "train",
    "uncertain_first",
    "uncertainty",
]
