"""Phrase and search ranking (issue 12, deliver 4): a claim that contains the query, case,
accents and punctuation aside, always ranks above one that does not, and the match can be shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.linking.fold import find, fold
from workbench.linking.search import SearchItem, Searcher, search
from workbench.linking.similar import CONTAINS, SimilarityIndex

PESKOV = ("« Nous avons un canal sûr spécial pour la communication entre le président, la Russie et les "
          "États-Unis. En outre, même pour la communication vidéo », a déclaré le porte-parole du Kremlin, "
          "Dmitri Peskov, à l’agence de presse d’État TASS.")
CLAIMS = [
    (1, "a", "Le Kremlin : Le téléphone portable spécial entre les États-Unis et les Russes n’a pas été utilisé.", 0, 1),
    (2, "a", "« Et, bien sûr, ils utilisent l’Ukraine comme outil », a déclaré Peskov.", 0, 1),
    (3, "b", PESKOV, 0, 1),
    (4, "c", "Mercredi, Peskov a déclaré à l’agence de presse RIA que l’Occident tentait de causer une défaite.", 0, 1),
    (5, "c", "Un canal spécial sûr, a dit Peskov.", 0, 1),
]


def test_fold_sets_case_accents_and_punctuation_aside():
    assert fold("« Canal  SÛR, spécial »") == " canal sur special "
    assert fold("L’agence") == fold("l'agence") == "l agence"
    assert fold("Straße") == "strasse"


def test_find_gives_offsets_in_the_original_text():
    text = "Le porte-parole, Dmitri Peskov, a déclaré : « canal sûr spécial »"
    for query, want in (("PESKOV A DECLARE", "Peskov, a déclaré"), ("canal sur special", "canal sûr spécial"),
                        ("sûr", "sûr")):
        s, e = find(query, text)
        assert text[s:e] == want
    assert find("canal special sur", text) is None
    decomposed = "Le ministe\u0300re a de\u0301clare\u0301"  # accents as combining marks
    s, e = find("ministère a déclaré", decomposed)
    assert decomposed[s:e] == decomposed[3:]


def test_similar_ranks_the_claims_that_contain_the_phrase_first():
    idx = SimilarityIndex(CLAIMS)
    for query, containing in (("canal sûr spécial", {3}), ("CANAL SUR SPECIAL", {3}),
                              ("Peskov a déclaré", {4}), ("a déclaré", {2, 3, 4})):
        hits = idx.query(query, 5)
        top = {m.id for m in hits[:len(containing)]}
        assert top == containing, (query, hits)
        assert all(m.score >= CONTAINS for m in hits[:len(containing)])
        assert all(m.score < CONTAINS for m in hits[len(containing):])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CLAIMS), st.integers(0, 60), st.integers(3, 25))
def test_any_cut_of_a_claim_finds_it_above_the_others(claim, start, size):
    cid, _, text, _, _ = claim
    query = text[start:start + size]
    if len(fold(query).strip()) < 3:
        return
    hits = SimilarityIndex(CLAIMS).query(query, 5)
    folded = fold(query).strip()
    flags = [folded in fold(m.text) for m in hits]
    assert flags == sorted(flags, reverse=True), (query, hits)  # containing ones first
    if any(w for w in fold(query).split() if len(w) >= 3):
        assert cid in {m.id for m in hits if folded in fold(m.text)}


def items():
    return [SearchItem("article", "b", None, "Le Kremlin et le canal spécial"),
            *(SearchItem("claim", aid, cid, text) for cid, aid, text, _, _ in CLAIMS)]


def test_search_puts_containing_items_first_with_their_match():
    hits = search("canal sur special", items())
    assert hits[0].item.candidate_id == 3 and hits[0].contains and hits[0].score == 100
    s, e = hits[0].match
    assert PESKOV[s:e] == "canal sûr spécial"
    assert all(not h.contains and h.score < 100 for h in hits[1:])
    # "peskov a declare": only claim 4 holds it word for word
    hits = search("peskov a declare", items())
    assert [h.item.candidate_id for h in hits if h.contains] == [4] and hits[0].item.candidate_id == 4


def test_searcher_folds_once_and_titles_win_ties():
    searcher = Searcher(items())
    hits = searcher.search("kremlin")
    assert hits[0].item.kind == "article" and all(h.contains for h in hits[:3])
    assert searcher.search("   ") == []
