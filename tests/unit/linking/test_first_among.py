"""The shortcuts of the post-import propagation give the answers of the plain code they replace
(``services.suggestions.propagate`` used to take, for each new claim, the first decided claim with
a label among ``similar_to(cid, 10, other_articles=False, min_score=90)``, scoring every
candidate): ``SimilarityIndex.first_among``, ``whole_scores`` (``whole_score`` in one batch) and
the NumPy count of ``candidates``. Corpora full of exact copies, shared fragments and equal
scores, where the ``limit`` and the ties decide."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.utils import default_process

from workbench.linking import similar
from workbench.linking.similar import SimilarityIndex, whole_score, whole_scores

WORDS = ("le ministre a déclaré lundi que la situation était stable selon Reuters Moscou frappé usine armes "
         "Kremlin dément rapport porte-parole Peskov agence presse officiel américain négociation").split()


def _corpus(seed: int, n: int) -> list[tuple[int, str, str, int, int]]:
    """``n`` claims: a few sentences copied many times over (exactly, with a word changed, cut,
    or shuffled), so that many score 100, many 90-99, and the ``limit`` matters."""
    rng = random.Random(seed)
    # each sentence has two words of its own, so that its copies are found (the other words are
    # too common to be looked up)
    bases = [" ".join([f"mot{k}a", *(rng.choice(WORDS) for _ in range(rng.randint(4, 14))), f"mot{k}b"])
             for k in range(max(3, n // 25))]
    out = []
    for cid in range(1, n + 1):
        words = rng.choice(bases).split()
        kind = rng.random()
        if kind < 0.2:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        elif kind < 0.3:
            words = words[: max(2, len(words) - rng.randint(1, 3))]
        elif kind < 0.35:
            rng.shuffle(words)
        out.append((cid, f"a{rng.randrange(max(2, n // 8))}", " ".join(words), 0, 1))
    return out


def _reference(index: SimilarityIndex, cid: int, wanted: set[int], limit: int, min_score: float):
    return next((m for m in index.similar_to(cid, limit, other_articles=False, min_score=min_score)
                 if m.id in wanted), None)


@pytest.mark.parametrize("seed", range(6))
def test_first_among_is_the_first_wanted_of_similar_to(seed):
    rng = random.Random(100 + seed)
    claims = _corpus(seed, 400)
    index = SimilarityIndex(claims)
    wanted = {cid for cid, *_ in claims if rng.random() < rng.choice((0.05, 0.2, 0.5))}
    checked = found = blocked = 0
    for limit, min_score in ((10, 90.0), (3, 90.0), (1, 95.0), (10, 0.0), (25, 60.0)):
        for cid, *_ in claims[::3]:
            if cid in wanted:
                continue
            want = _reference(index, cid, wanted, limit, min_score)
            assert index.first_among(cid, wanted, limit, min_score) == want, (cid, limit, min_score)
            checked += 1
            found += want is not None
            # a wanted twin out of the first ``limit``: the case the shortcut must count right
            blocked += want is None and _reference(index, cid, wanted, 10_000, min_score) is not None
    assert 0 < found < checked and blocked > 0, (found, blocked, checked)


def test_whole_scores_are_whole_score_exactly():
    rng = random.Random(7)
    texts = [default_process(t) for _cid, _a, t, _s, _e in _corpus(3, 300)] + ["", "x", "le"]
    for q in rng.sample(texts, 40):
        assert whole_scores(q, texts).tolist() == [whole_score(q, t) for t in texts]


def _dict_hits(looked, taken, need):
    """``candidates``'s count with a dict, as it was."""
    hits: dict[int, int] = {}
    for p in looked:
        for i in p:
            hits[i] = hits.get(i, 0) + 1
    if len(hits) <= similar.SCORED:
        return [i for i in hits if i not in taken]
    best = sorted((i for i, n in hits.items() if n >= need and i not in taken), key=hits.__getitem__, reverse=True)
    return best[:similar.SCORED]


@pytest.mark.parametrize("seed", range(20))
def test_most_hits_counts_as_the_dict_did(seed):
    """The SCORED cut with its ties in first-seen order, ``need``, positions already taken."""
    from array import array

    rng = random.Random(seed)
    span = rng.choice((150, 400, 3000))
    looked = [array("i", sorted(rng.sample(range(span), rng.randint(1, min(span, 300))), key=lambda _: rng.random()))
              for _ in range(rng.randint(1, 8))]
    taken = set(rng.sample(range(span), rng.randint(0, 20)))
    need = rng.choice((1, 2))
    assert similar._most_hits(looked, taken, need) == _dict_hits(looked, taken, need)


def test_candidates_counted_with_numpy_are_the_same(monkeypatch):
    claims = _corpus(11, 3000)
    index = SimilarityIndex(claims)
    queries = [t for _cid, _a, t, _s, _e in claims[::37]] + ["ministre Kremlin rapport", "zzz"]
    monkeypatch.setattr(similar, "BATCH_HITS", 10**9)
    plain = [index.candidates(q) for q in queries]
    with_folded = [index.candidates(q, "ministre") for q in queries]
    monkeypatch.setattr(similar, "BATCH_HITS", 0)
    assert [index.candidates(q) for q in queries] == plain
    assert [index.candidates(q, "ministre") for q in queries] == with_folded
