"""A suggestion propagated from a decision stands only while that decision does: undoing the
decision (a mistaken key, taken back with z) takes the suggestion back from its near-duplicates,
whose panel would otherwise name a decision that no longer exists ("near-duplicate of claim N …,
decided contested") and whose enter would accept it (found by QA: c then z on a claim with 20
twins in a 3,000-article corpus left all 20 suggesting contested)."""

from __future__ import annotations

import shutil
from pathlib import Path

from workbench.services import similarity, suggestions
from workbench.services.importing import import_paths
from workbench.services.review import ReviewService

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "003_58336a3358c5ca07.txt"


def _twin_pair(engine, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(FIXTURE, a)
    b.write_text("Une autre source.\n" + FIXTURE.read_text("utf-8"), "utf-8")
    import_paths(engine, [a], jobs=1)
    import_paths(engine, [b], jobs=1)
    svc = ReviewService(engine, "alice")
    first = svc.load_article("a.txt").claims[3]
    twin = next(c for c in svc.load_article("b.txt").claims if c.text == first.text)
    return svc, first, twin


def _twin_suggestion(engine, cid):
    with engine.connect() as conn:
        return (suggestions.twin_suggestions(conn, [cid]).get(cid),
                suggestions.effective_suggestions(conn, [cid]).get(cid))


def test_undoing_a_decision_takes_back_the_suggestion_it_propagated(engine, tmp_path):
    svc, first, twin = _twin_pair(engine, tmp_path)
    label = "contested" if first.suggested_label != "contested" else "not_claim"
    index = similarity.build_index(engine)
    res = svc.decide(first.id, label)
    assert twin.id in suggestions.propagate_from(engine, index, first.id, label)
    by_origin, effective = _twin_suggestion(engine, twin.id)
    assert by_origin[0] == label and effective[0] == label
    assert svc.claim(twin.id).suggested_by == "twin"

    svc.undo(res.annotation_id)  # the decision is taken back: nothing is decided on `first`
    assert _twin_suggestion(engine, twin.id) == (None, None)
    got = svc.claim(twin.id)
    assert got.suggested_by != "twin" and got.suggested_label == twin.suggested_label

    # redone, the decision stands again, and so does its suggestion
    redone = svc.redo(res.annotation_id)
    assert redone.claim.label == label
    assert _twin_suggestion(engine, twin.id)[0][0] == label


def test_a_decision_changed_to_another_label_leaves_no_stale_suggestion(engine, tmp_path):
    """Decided contested then, by a later key, attributed: the twin suggests the label in force
    (the app propagates the new label too; even before it does, the old one is not offered)."""
    svc, first, twin = _twin_pair(engine, tmp_path)
    index = similarity.build_index(engine)
    svc.decide(first.id, "contested")
    suggestions.propagate_from(engine, index, first.id, "contested")
    svc.decide(first.id, "unsourced")
    assert _twin_suggestion(engine, twin.id) == (None, None)
    suggestions.propagate_from(engine, index, first.id, "unsourced")
    assert _twin_suggestion(engine, twin.id)[0][0] == "unsourced"
