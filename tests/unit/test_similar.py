"""The similarity index (rare-word blocking + rapidfuzz) and near-copy article detection."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.linking.neardup import NearDupIndex, estimated_similarity, fingerprint, text_fingerprint
from workbench.linking.similar import SimilarityIndex, groups, whole_score

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CLAIMS = [
    (1, "a", "Moscou ripostera contre des cibles britanniques si Kiev utilise des missiles britanniques.", 0, 10),
    (2, "b", "Moscou ripostera contre des cibles britanniques si Kiev utilise des missiles du Royaume-Uni.", 0, 10),
    (3, "c", "Le Kremlin a démenti toute implication dans l'attaque de la centrale.", 0, 10),
    (4, "d", "The city council voted 7-2 on Tuesday to approve a new budget.", 0, 10),
    (5, "a", "Moscou ripostera contre des cibles britanniques si Kiev utilise des missiles britanniques.", 20, 30),
]


def test_a_reworded_claim_in_another_article_is_the_best_match():
    idx = SimilarityIndex(CLAIMS)
    best = idx.similar_to(1, 3)
    assert [m.id for m in best][:1] == [2] and best[0].score >= 90
    assert all(m.article_id != "a" for m in best)  # other articles only, by default
    assert [m.id for m in idx.similar_to(1, 3, other_articles=False)][0] == 5  # identical, same article


def test_unrelated_claims_score_low_and_nothing_shares_no_word():
    idx = SimilarityIndex(CLAIMS)
    assert all(m.score < 60 for m in idx.similar_to(4, 5))
    assert idx.query("zzz qqq www", 5) == []


def test_free_text_finds_the_claims_containing_a_phrase():
    idx = SimilarityIndex(CLAIMS)
    hits = idx.query("démenti toute implication", 3)
    assert hits[0].id == 3 and hits[0].score >= 85


def test_whole_score_is_lower_for_a_fragment_than_for_a_reworded_statement():
    long = "le porte parole a déclaré que la russie riposterait contre des cibles britanniques en ukraine"
    assert whole_score(long, long.replace("riposterait", "répondrait")) > 90
    assert whole_score(long, "cibles britanniques") < 60


def test_groups_join_near_identical_claims_transitively():
    idx = SimilarityIndex(CLAIMS)
    assert groups(idx, [1, 2, 3, 4, 5]) == [[1, 2, 5]]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", min_size=5, max_size=60), min_size=1, max_size=20))
def test_every_claim_finds_itself_when_it_has_a_word(texts):
    claims = [(i + 1, f"x{i}", t, 0, len(t)) for i, t in enumerate(texts)]
    idx = SimilarityIndex(claims)
    for cid, _aid, t, _s, _e in claims:
        if any(len(w) >= 3 for w in t.split()):
            assert cid in {m.id for m in idx.query(t, len(claims))}


def test_fingerprints_are_stable_and_compare_sentence_sets():
    text = (FIXTURES / "003_58336a3358c5ca07.txt").read_text("utf-8")
    assert text_fingerprint(text) == text_fingerprint(text)
    assert len(text_fingerprint(text).split()) == 24
    assert fingerprint([]) == ""
    other = (FIXTURES / "000_a05f25a83f551d02.txt").read_text("utf-8")
    assert estimated_similarity(text_fingerprint(text), text_fingerprint(other)) < 0.2


def test_an_edited_copy_is_found_and_a_different_article_is_not():
    texts = {p.name: p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))}
    idx = NearDupIndex()
    for aid, t in texts.items():
        assert idx.near_copies(text_fingerprint(t), t, texts.__getitem__) == []
        idx.add(aid, text_fingerprint(t))
    src = "003_58336a3358c5ca07.txt"
    lines = texts[src].split("\n")
    copy = "\n".join(["Accueil › Monde › Europe", *lines[:5], lines[5].replace("a déclaré", "a dit"), *lines[6:]])
    found = idx.near_copies(text_fingerprint(copy), copy, texts.__getitem__)
    assert [aid for aid, _ in found] == [src] and found[0][1] >= 90
