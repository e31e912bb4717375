"""Undo and redo never wipe a later decision made elsewhere (two sessions of one reviewer, or a
merged export): undoing a row that is no longer the reviewer's state of the claim changes nothing
and says why; the same claim decided in two sessions keeps the later decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.services.importing import import_paths
from workbench.services.review import ChangedElsewhere, ReviewService
from workbench.store import tables
from workbench.store.annotations import Entry, append

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "003_58336a3358c5ca07.txt"


def _rows(engine, cid: int) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        return [(r.action, r.label) for r in conn.execute(
            select(tables.annotations).where(tables.annotations.c.candidate_id == cid)
            .order_by(tables.annotations.c.id))]


@pytest.fixture
def two_sessions(engine):
    assert import_paths(engine, [FIXTURE]).imported == 1
    a, b = ReviewService(engine, "alice"), ReviewService(engine, "alice")  # two windows of alice
    return engine, a, b, a.load_article(FIXTURE.name).claims


def test_undo_in_one_session_keeps_a_later_decision_made_in_another(two_sessions):
    engine, a, b, claims = two_sessions
    cid = claims[0].id
    mine = b.decide(cid, "contested")
    a.decide(cid, "unsourced")  # later, in the other window
    with pytest.raises(ChangedElsewhere, match="made elsewhere, is in force: nothing undone") as caught:
        b.undo(mine.annotation_id)
    assert caught.value.claim.label == "unsourced" and caught.value.claim.id == cid
    assert _rows(engine, cid) == [("decide", "contested"), ("decide", "unsourced")]  # nothing written
    assert a.claim(cid).label == b.claim(cid).label == "unsourced"


def test_the_next_undo_goes_on_with_the_action_before(two_sessions):
    engine, a, b, claims = two_sessions
    first = b.decide(claims[0].id, "attributed")
    second = b.decide(claims[1].id, "contested")
    a.decide(claims[1].id, "not_claim")
    with pytest.raises(ChangedElsewhere):
        b.undo(second.annotation_id)
    undone = b.undo(first.annotation_id)  # another claim: undone as ever
    assert undone.claim.label is None
    assert a.claim(claims[1].id).label == "not_claim"


def test_this_sessions_own_later_rows_do_not_stop_an_undo(two_sessions):
    engine, a, b, claims = two_sessions
    cid = claims[0].id
    x = b.decide(cid, "contested")
    y = b.decide(cid, "not_claim")
    assert b.undo(y.annotation_id).claim.label == "contested"
    assert b.undo(x.annotation_id).claim.label is None
    # a decision made elsewhere between two of this session's: the later one of this session is
    # undone back to it, the earlier one is not
    x = b.decide(cid, "attributed")
    a.decide(cid, "unsourced")
    y = b.decide(cid, "contested")
    assert b.undo(y.annotation_id).claim.label == "unsourced"
    with pytest.raises(ChangedElsewhere):
        b.undo(x.annotation_id)
    assert b.claim(cid).label == "unsourced"


def test_redo_keeps_a_later_decision_made_elsewhere_too(two_sessions):
    engine, a, b, claims = two_sessions
    cid = claims[0].id
    x = b.decide(cid, "contested")
    b.undo(x.annotation_id)
    a.decide(cid, "attributed")
    with pytest.raises(ChangedElsewhere, match="nothing redone"):
        b.redo(x.annotation_id)
    assert b.claim(cid).label == "attributed"
    assert _rows(engine, cid) == [("decide", "contested"), ("undo", None), ("decide", "attributed")]
    # with nothing newer elsewhere, redo restores
    y = b.decide(claims[1].id, "contested")
    b.undo(y.annotation_id)
    assert b.redo(y.annotation_id).claim.label == "contested"


def test_an_added_claim_decided_in_another_session_is_not_withdrawn(two_sessions):
    engine, a, b, claims = two_sessions
    text = b.load_article(FIXTURE.name).text
    taken = {c.start for c in claims}
    start = next(i for i in range(201, len(text)) if text[i - 1] == " " and text[i].isalpha() and i not in taken)
    end = text.index(" ", text.index(" ", start) + 1)
    added = b.add_claim(FIXTURE.name, start, end, "contested")
    cid = added.claim.id
    a.decide(cid, "attributed")
    with pytest.raises(ChangedElsewhere):
        b.undo(added.annotation_id)
    assert not a.claim(cid).withdrawn and a.claim(cid).label == "attributed"
    assert any(c.id == cid for c in a.load_article(FIXTURE.name).claims)


def test_a_merged_export_counts_as_elsewhere(two_sessions):
    engine, _a, b, claims = two_sessions
    c = claims[0]
    x = b.decide(c.id, "contested")
    with engine.begin() as conn:  # alice's decision from another machine, imported later
        text = conn.execute(select(tables.articles.c.text)).scalar_one()
        append(conn, [Entry(c.article_id, c.id, b.reviewer_id, "decide", "not_claim", c.start, c.end, None, None)],
               {c.article_id: text})
    with pytest.raises(ChangedElsewhere):
        b.undo(x.annotation_id)
    assert b.claim(c.id).label == "not_claim"


@pytest.mark.parametrize("edit", ["longer", "shorter"])
def test_an_undo_across_a_revision_of_the_article_is_refused_and_says_so(two_sessions, tmp_path, edit):
    # (the state before is offsets into the old text: wrong in the new one, or past its end)
    engine, _a, b, claims = two_sessions
    text = b.load_article(FIXTURE.name).text
    c = claims[-1]
    x = b.decide(c.id, "contested")
    revised = tmp_path / FIXTURE.name
    cut = text.index("\n") + 1  # (the title)
    new = "Un paragraphe ajouté en tête de l'article.\n" + text if edit == "longer" else text[cut:]
    assert edit == "longer" or c.end > len(new)
    revised.write_text(new, encoding="utf-8")
    assert import_paths(engine, [revised], jobs=1).errors == []
    moved = b.claim(c.id)
    assert moved.start != c.start and moved.label == "contested"
    with pytest.raises(ChangedElsewhere, match="revised text of its article since: nothing undone"):
        b.undo(x.annotation_id)
    assert b.claim(c.id) == moved
