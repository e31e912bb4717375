"""The label model: hashed features, a linear classifier fitted by scikit-learn, predictions
with the features that weighed most, and a versioned byte format.

Fitting is scikit-learn's ``SGDClassifier`` (logistic loss, L2, one-vs-rest for more than two
labels, a fixed number of passes and a fixed seed: deterministic, and about a second for 50,000
decisions). The stored model is only its coefficients (the non-zero ones, float32) and
intercepts, so a blob does not depend on scikit-learn's pickles, and predicting is a sparse
product and a logistic function.
"""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from workbench.learning.features import (
    Example,
    claim_words,
    lexicon_features,
    rule_features,
    word_features,
    word_ngrams,
)

#: the byte format and the features it was trained on: any change to either bumps it, and a blob
#: of another version is refused (``ModelVersionError``) so that the caller retrains
MODEL_FORMAT = 1
_MAGIC = b"WBLABELMODEL"

#: the labels a model can predict, in a fixed order (a model holds those it was trained on)
LABELS = ("attributed", "unsourced", "contested", "not_claim")

#: hashed columns per family; a family's columns follow the previous family's
FAMILY_BITS = {"rules": 14, "lexicon": 14, "words": 18, "chars": 18}
#: every feature is 0/1 (present or not), scaled by its family's weight: a larger weight is a
#: weaker regularisation of that family. The lexicon's is larger because it generalises from few
#: decisions.
FAMILY_WEIGHTS = {"rules": 1.0, "lexicon": 3.0, "words": 1.0, "chars": 1.0}
#: inverse regularisation strength, as in ``LogisticRegression(C=...)``: the SGD's ``alpha`` is
#: ``1 / (C * n)`` for ``n`` decisions, the same objective whatever the number of decisions.
#: Chosen on polnear-train (300 decisions, the articles in 9 orders; ``bench/learning_curve.py``):
#: lexicon weight 1 -> 3 is worth about a point, C 0.1 -> 0.03 a quarter of one; a stronger
#: rules family helps the first 200 decisions on the fixtures (where the rules, written from
#: them, are right 90 % of the time) but costs up to a point on polnear-train.
C = 0.03
#: passes over the decisions: many for a few dozen, ``MIN_EPOCHS`` for tens of thousands
MIN_EPOCHS, MAX_EPOCHS, UPDATES = 3, 50, 150_000

_FAMILIES = tuple(FAMILY_BITS)
_OFFSETS: dict[str, int] = {}
_n = 0
for _f in _FAMILIES:
    _OFFSETS[_f] = _n
    _n += 1 << FAMILY_BITS[_f]
#: columns of an encoded matrix
N_COLUMNS = _n
del _n, _f


class ModelVersionError(ValueError):
    """A stored model of another format (or not a model at all): retrain. ``str(err)`` is one
    line, fit to show as it is."""


class Prediction(NamedTuple):
    """The model's label for one example, its probability, and the few features that weighed
    most for it (readable names, strongest first, e.g. ``("cue=said", "pattern=inverted")``)."""

    label: str
    probability: float
    top_features: tuple[str, ...]


# ------------------------------------------------------------------------------------- encoding

def _hasher(family: str, analyzer):
    """scikit-learn's ``HashingVectorizer`` for a family: 0/1 features, no normalisation."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=analyzer, n_features=1 << FAMILY_BITS[family], alternate_sign=False,
                             binary=True, norm=None, dtype=np.float64)


def _one(name: str) -> list[str]:
    return [name]


def _word(token: str) -> list[str]:
    return [f"word={token}"]


def _column_weights() -> np.ndarray:
    w = np.empty(N_COLUMNS)
    for f in _FAMILIES:
        w[_OFFSETS[f]:_OFFSETS[f] + (1 << FAMILY_BITS[f])] = FAMILY_WEIGHTS[f]
    return w


def encode(examples: Sequence[Example]):
    """The examples as one sparse matrix (CSR, ``len(examples)`` x ``N_COLUMNS``): each feature
    present is its family's weight, an absent one 0.

    Each distinct token (a rule feature, a lexicon feature, a word) goes through
    scikit-learn's ``HashingVectorizer`` once (a word: once for ``word=``, once for its character
    n-grams), and an example's row is the sum of its tokens' rows, made 0/1 then weighted: news
    repeats its words, so this hashes a few percent of the strings a row-by-row transform would.
    Encoding does not depend on a trained model: a caller that trains and predicts many times
    over the same candidates (the learning-curve bench, a background trainer) encodes once and
    passes rows of the matrix (``train(..., encoded=X)``, ``model.predict(..., encoded=X)``)."""
    import itertools

    import scipy.sparse as sp

    n = len(examples)
    # three token groups: rule features, lexicon features, words (the last gives both the
    # ``words`` and the ``chars`` family)
    vocabs = [defaultdict(itertools.count().__next__) for _ in range(3)]
    get_r, get_l, get_w = (v.__getitem__ for v in vocabs)
    indptrs = [np.zeros(n + 1, dtype=np.int64) for _ in range(3)]
    ix_r: list[int] = []
    ix_l: list[int] = []
    ix_w: list[int] = []
    ptr_r, ptr_l, ptr_w = indptrs
    for i, ex in enumerate(examples):
        text = ex.candidate.text
        words = claim_words(text)
        ix_r.extend(map(get_r, rule_features(ex)))
        ix_l.extend(map(get_l, lexicon_features(text, words)))
        ix_w.extend(map(get_w, words))
        ptr_r[i + 1], ptr_l[i + 1], ptr_w[i + 1] = len(ix_r), len(ix_l), len(ix_w)
    tokens = []
    for ix, ptr, vocab in zip((ix_r, ix_l, ix_w), indptrs, vocabs):
        tokens.append(sp.csr_matrix((np.ones(len(ix)), np.array(ix, dtype=np.int64), ptr),
                                    shape=(n, max(1, len(vocab)))))

    def names(family, analyzer, vocab):
        if not vocab:
            return sp.csr_matrix((1, 1 << FAMILY_BITS[family]))
        return _hasher(family, analyzer).transform(list(vocab))  # dict order: the ids' order

    words_vocab = vocabs[2]
    blocks = [names("rules", _one, vocabs[0]), names("lexicon", _one, vocabs[1]),
              sp.hstack([names("words", _word, words_vocab), names("chars", word_ngrams, words_vocab)],
                        format="csr")]
    X = (sp.hstack(tokens, format="csr") @ sp.block_diag(blocks, format="csr")).tocsr()
    X.sort_indices()  # canonical: the same rows whatever the order the tokens were met in
    X.data[:] = _column_weights()[X.indices]  # present: the family's weight, however often
    return X


def _column(family: str, name: str) -> int:
    """The column ``encode`` gives the feature ``name`` of ``family`` (FeatureHasher's hash)."""
    from sklearn.utils import murmurhash3_32

    return _OFFSETS[family] + abs(murmurhash3_32(name, seed=0, positive=False)) % (1 << FAMILY_BITS[family])


# ---------------------------------------------------------------------------------------- model

@dataclass
class LabelModel:
    """A trained label model. Build one with ``train`` or ``LabelModel.from_bytes``."""

    #: the labels it predicts (those it was trained on, in ``LABELS`` order)
    labels: tuple[str, ...]
    #: sparse (CSR) weights: one row per label (one-vs-rest), or a single row for ``labels[1]``
    #: when there are two
    coef: object
    intercept: np.ndarray
    #: what it learned from: ``examples``, ``labels`` (counts), ``seed``, and the caller's ``meta``
    info: dict = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    # --------------------------------------------------------------------------- predictions
    def predict_proba(self, examples: Sequence[Example] = (), *, encoded=None) -> np.ndarray:
        """Probabilities, one row per example, one column per label of ``self.labels``."""
        X = encode(examples) if encoded is None else encoded
        scores = np.asarray((X @ self.coef.T).todense(), dtype=np.float64) + self.intercept
        p = 1.0 / (1.0 + np.exp(-np.clip(scores, -500, 500)))
        if len(self.labels) == 2:
            return np.column_stack([1.0 - p[:, 0], p[:, 0]])
        return p / p.sum(axis=1, keepdims=True)  # one-vs-rest, normalised (as scikit-learn does)

    def predict(self, examples: Sequence[Example], *, explain: int = 3, encoded=None) -> list[Prediction]:
        """For each example: ``Prediction(label, probability, top_features)``; ``top_features`` holds
        up to ``explain`` readable names of the features that pushed most towards that label
        (``explain=0``: none, faster for bulk scoring). ``encoded``: the examples' rows of
        ``encode`` (same order), if the caller has them."""
        X = encode(examples) if encoded is None else encoded
        proba = self.predict_proba(encoded=X)
        best = proba.argmax(axis=1)
        out = []
        for i, k in enumerate(best):
            top = self._top_features(examples[i], X, i, int(k), explain) if explain else ()
            out.append(Prediction(self.labels[k], float(proba[i, k]), top))
        return out

    def _weights_for(self, k: int) -> np.ndarray:
        """Column weights towards label ``k`` (dense, cached per label)."""
        w = self._cache.get(("w", k))
        if w is None:
            if len(self.labels) == 2:
                row = np.asarray(self.coef[0].todense()).ravel()
                w = row if k == 1 else -row
            else:
                w = np.asarray(self.coef[k].todense()).ravel()
            self._cache[("w", k)] = w
        return w

    def _top_features(self, ex: Example, X, i: int, k: int, n: int) -> tuple[str, ...]:
        """The ``n`` present features with the largest positive weight towards label ``k``,
        by name; the character n-grams of a word count together, named ``chars=WORD``."""
        w = self._weights_for(k)
        row = X[i]
        value = dict(zip(row.indices.tolist(), row.data.tolist()))
        scores: dict[str, float] = {}
        seen: set[int] = set()
        text = ex.candidate.text
        for family, names in (("rules", rule_features(ex)), ("lexicon", lexicon_features(text)),
                              ("words", word_features(text))):
            for name in names:
                col = self._col(family, name)
                if col in seen:
                    continue  # a repeated word, or two names hashed together: counted once
                seen.add(col)
                scores[name] = value.get(col, 0.0) * w[col]
        # a column's weight is shared among the words whose n-grams it holds
        grams = [(tok, {self._col("chars", g) for g in word_ngrams(tok)}) for tok in dict.fromkeys(claim_words(text))]
        holders = Counter(c for _, cols in grams for c in cols)
        for tok, cols in grams:
            name = f"chars={tok}"
            scores[name] = scores.get(name, 0.0) + sum(value.get(c, 0.0) * w[c] / holders[c] for c in cols)
        ranked = sorted(((s, name) for name, s in scores.items() if s > 0), key=lambda t: (-t[0], t[1]))
        return tuple(name for _, name in ranked[:n])

    def _col(self, family: str, name: str) -> int:
        key = (family, name)
        col = self._cache.get(key)
        if col is None:
            if len(self._cache) > 500_000:
                self._cache = {k: v for k, v in self._cache.items() if k[0] == "w"}
            col = self._cache[key] = _column(family, name)
        return col

    # ------------------------------------------------------------------------------- storage
    def to_bytes(self) -> bytes:
        """The model as bytes: ``WBLABELMODEL``, the format version (2 bytes, big-endian), then a
        zlib-compressed NumPy archive (no pickles). The same model gives the same bytes."""
        coef = self.coef.tocsr()
        header = json.dumps({"labels": list(self.labels), "shape": list(coef.shape), "info": self.info,
                             "family_bits": FAMILY_BITS, "family_weights": FAMILY_WEIGHTS},
                            ensure_ascii=False, sort_keys=True).encode("utf-8")
        buf = io.BytesIO()
        np.savez(buf, indptr=coef.indptr.astype(np.int64), indices=coef.indices.astype(np.int32),
                 data=coef.data.astype(np.float32), intercept=np.asarray(self.intercept, dtype=np.float64),
                 header=np.frombuffer(header, dtype=np.uint8))
        return _MAGIC + struct.pack(">H", MODEL_FORMAT) + zlib.compress(buf.getvalue(), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> LabelModel:
        """A model from ``to_bytes``. Anything else, a model of another format version included,
        raises ``ModelVersionError`` with one line saying so (the caller shows it and retrains)."""
        if not isinstance(blob, (bytes, bytearray, memoryview)) or bytes(blob[:len(_MAGIC)]) != _MAGIC:
            raise ModelVersionError("not a label model of this workbench: retrain it")
        blob = bytes(blob)
        if len(blob) < len(_MAGIC) + 2:
            raise ModelVersionError("label model truncated: retrain it")
        (version,) = struct.unpack(">H", blob[len(_MAGIC):len(_MAGIC) + 2])
        if version != MODEL_FORMAT:
            raise ModelVersionError(f"label model of format {version}, this workbench reads format "
                                    f"{MODEL_FORMAT}: retrain it")
        import scipy.sparse as sp

        try:
            arrays = np.load(io.BytesIO(zlib.decompress(blob[len(_MAGIC) + 2:])), allow_pickle=False)
            header = json.loads(arrays["header"].tobytes().decode("utf-8"))
            coef = sp.csr_matrix((arrays["data"].astype(np.float64), arrays["indices"], arrays["indptr"]),
                                 shape=tuple(header["shape"]))
            intercept = arrays["intercept"]
            labels = tuple(header["labels"])
        except (zlib.error, ValueError, KeyError, TypeError, OSError) as err:
            raise ModelVersionError(f"label model unreadable ({type(err).__name__}): retrain it") from None
        if header.get("family_bits") != FAMILY_BITS or header.get("family_weights") != FAMILY_WEIGHTS:
            raise ModelVersionError("label model built with other feature settings: retrain it")
        return cls(labels, coef, intercept, header.get("info", {}))


# -------------------------------------------------------------------------------------- training

def epochs_for(n: int) -> int:
    """Passes over ``n`` decisions: about ``UPDATES`` updates, within [MIN_EPOCHS, MAX_EPOCHS]."""
    return min(MAX_EPOCHS, max(MIN_EPOCHS, math.ceil(UPDATES / max(1, n))))


def train(examples: Sequence[Example], seed: int = 0, *, encoded=None, meta: Mapping | None = None) -> LabelModel:
    """A model fitted on the decided examples (those whose ``label`` is set; the others are
    skipped). Deterministic: the same examples in the same order and the same seed give the same
    model (and the same ``to_bytes``). ``encoded``: the rows of ``encode(examples)``, if the caller
    has them. ``meta`` (JSON-able) is kept as ``model.info["meta"]``: say there what the model
    learned from (e.g. the last decision's id), to check a stored model against the data.

    Raises ``ValueError`` for an unknown label, or with fewer than two labels among the
    decisions (``too_few`` says so first, in words)."""
    import scipy.sparse as sp
    from sklearn.linear_model import SGDClassifier

    idx = [i for i, ex in enumerate(examples) if ex.label is not None]
    y_names = [examples[i].label for i in idx]
    unknown = sorted(set(y_names) - set(LABELS))
    if unknown:
        raise ValueError(f"unknown label(s): {', '.join(unknown)}")
    present = set(y_names)
    labels = tuple(lab for lab in LABELS if lab in present)
    if len(labels) < 2:
        raise ValueError("a label model needs decisions of at least two labels")
    X = encode([examples[i] for i in idx]) if encoded is None else encoded[idx]
    y = np.array([labels.index(lab) for lab in y_names])
    # fit on the columns the decisions use only (the others would stay 0): far less to update
    used = np.zeros(X.shape[1], dtype=bool)
    used[X.indices] = True
    cols = np.flatnonzero(used)
    n = len(idx)
    clf = SGDClassifier(loss="log_loss", penalty="l2", alpha=1.0 / (C * n), max_iter=epochs_for(n), tol=None,
                        shuffle=True, random_state=seed, learning_rate="optimal")
    clf.fit(X[:, cols], y)
    weights = clf.coef_.astype(np.float32)
    rows, nz = np.nonzero(weights)
    coef = sp.csr_matrix((weights[rows, nz].astype(np.float64), (rows, cols[nz])), shape=(weights.shape[0], N_COLUMNS))
    counts = Counter(y_names)
    info = {"examples": n, "labels": {lab: counts[lab] for lab in labels}, "seed": seed,
            "format": MODEL_FORMAT, "meta": dict(meta) if meta else {}}
    return LabelModel(labels, coef, clf.intercept_.astype(np.float64), info)


# ----------------------------------------------------------------------------------- uncertainty

def uncertainty(probabilities) -> float | np.ndarray:
    """How unsure a suggestion is: one minus the probability of its most likely label (0 when
    certain, at most 1 - 1/k for k labels). Takes a ``Prediction``, a top probability, one
    example's label probabilities (a mapping or a sequence), or a 2-D array with one row per
    example (then an array back)."""
    if isinstance(probabilities, Prediction):
        return 1.0 - float(probabilities.probability)
    if isinstance(probabilities, (int, float)):
        return 1.0 - float(probabilities)
    if isinstance(probabilities, Mapping):
        probabilities = list(probabilities.values())
    p = np.asarray(probabilities, dtype=np.float64)
    if p.ndim == 2:
        return 1.0 - p.max(axis=1)
    return 1.0 - float(p.max())


def uncertain_first(items: Iterable) -> list[int]:
    """Indices of ``items`` (``Prediction``s, or each example's probabilities) from the least
    certain to the most; ties keep their order (article order, when that is the input's)."""
    u = [uncertainty(x) for x in items]
    return sorted(range(len(u)), key=lambda i: (-u[i], i))
