"""A claim a reviewer added and took back with undo is withdrawn for everyone (nobody else
decided it): it leaves every queue, count, statistic, agreement figure and export; redo brings it
back. A claim another reviewer decided meanwhile stays."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from workbench.services import exporting, learning, similarity, stats, team
from workbench.services.importing import import_paths
from workbench.services.review import ReviewService, search_items
from workbench.store import tables

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "003_58336a3358c5ca07.txt"


def _span(store: ReviewService, article_id: str) -> tuple[int, int]:
    """Three words of the article's text that no candidate starts at."""
    art = store.load_article(article_id)
    taken = {c.start for c in art.claims}
    start = next(i for i in range(1, len(art.text)) if art.text[i - 1] == " " and art.text[i].isalpha()
                 and i not in taken and i > 200)
    end = start
    for _ in range(3):
        end = art.text.index(" ", end + 1)
    return start, end


def _seen_anywhere(engine, cid: int, reviewer: str) -> list[str]:
    """Where claim ``cid`` still shows: the places a withdrawn claim must have left."""
    store = ReviewService(engine, reviewer)
    where = []
    aid = FIXTURE.name
    if any(c.id == cid for c in store.load_article(aid).claims + store.load_article(aid).orphans):
        where.append("article")
    with engine.connect() as conn:  # the undecided claims g and the opening walk through
        if cid in {row.id for row in conn.execute(store._undecided_query())}:
            where.append("queue")
    if any(c["id"] == cid for c in exporting.iter_claims(engine, include_unreviewed=True)):
        where.append("export")
    if any(i.candidate_id == cid for i in search_items(engine)):
        where.append("search")
    if any(c[0] == cid for c in similarity.iter_index_claims(engine)):
        where.append("similarity index")
    if any(c == cid for c, _aid in learning.uncertain_queue(engine, reviewer)):
        where.append("uncertain queue")
    if cid in learning.corpus_examples(engine).ids:
        where.append("label model examples")
    if any(t.id == cid for t in team.team_claims(engine)):
        where.append("agreement")
    return where


def _counts(engine, reviewer: str):
    store = ReviewService(engine, reviewer)
    st = stats.stats(engine)
    return (store.progress(), sum(s.total for s in store.summaries()), st.candidates, sum(n for _l, n in st.suggested),
            st.reviewed_candidates)


def test_undoing_an_added_claim_withdraws_it_for_everyone(engine):
    assert import_paths(engine, [FIXTURE]).imported == 1
    ann = ReviewService(engine, "ann")
    before = {who: _counts(engine, who) for who in ("ann", "bob")}
    start, end = _span(ann, FIXTURE.name)
    added = ann.add_claim(FIXTURE.name, start, end, "contested")
    cid = added.claim.id
    assert added.claim.origin == "manual"
    assert "export" in _seen_anywhere(engine, cid, "bob") and "queue" in _seen_anywhere(engine, cid, "bob")

    undone = ann.undo(added.annotation_id)
    for who in ("ann", "bob"):
        assert _seen_anywhere(engine, cid, who) == [], who
        assert _counts(engine, who) == before[who], who
    assert undone.claim.withdrawn and undone.claim.label is None and undone.was_decided
    with engine.connect() as conn:  # nothing erased: the candidate and its history are rows
        assert conn.execute(select(tables.candidates.c.withdrawn).where(tables.candidates.c.id == cid)).scalar()
        assert [r.action for r in conn.execute(select(tables.annotations.c.action)
                                               .where(tables.annotations.c.candidate_id == cid))] == ["add", "undo"]

    redone = ann.redo(added.annotation_id)  # y: back, with its label
    assert not redone.claim.withdrawn and redone.claim.label == "contested"
    assert "export" in _seen_anywhere(engine, cid, "bob") and "article" in _seen_anywhere(engine, cid, "ann")
    assert _counts(engine, "bob")[0][1] == before["bob"][0][1] + 1

    ann.undo(redone.annotation_id)  # withdrawn again; the same span can be added again
    again = ann.add_claim(FIXTURE.name, start, end, "attributed")
    assert again.claim.id != cid and not again.claim.withdrawn
    ids = [c.id for c in ann.load_article(FIXTURE.name).claims]
    assert again.claim.id in ids and cid not in ids
    assert ann.progress()[1] == before["ann"][0][1] + 1


def test_an_added_claim_another_reviewer_decided_stays(engine):
    assert import_paths(engine, [FIXTURE]).imported == 1
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    start, end = _span(ann, FIXTURE.name)
    added = ann.add_claim(FIXTURE.name, start, end, "contested")
    cid = added.claim.id
    bob.decide(cid, "unsourced")
    undone = ann.undo(added.annotation_id)
    assert not undone.claim.withdrawn and undone.claim.label is None  # ann's decision taken back, the claim kept
    assert bob.claim(cid).label == "unsourced"
    assert ann.first_undecided(FIXTURE.name) is not None
    assert any(c.id == cid for c in ann.load_article(FIXTURE.name).claims)
    decided = [(c["id"], c["reviewer"]) for c in exporting.iter_claims(engine)]
    assert (cid, "bob") in decided and (cid, "ann") not in decided
