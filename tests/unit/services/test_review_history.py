"""History rows say what they changed (issue 12, point 9): the new label, the new source text,
the new span, the note; never "(none)" for a row that set a source."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from workbench.services.importing import import_paths
from workbench.services.review import ReviewService
from workbench.store import make_engine
from workbench.tui.widgets.history import change_text

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "003_58336a3358c5ca07.txt"


def test_each_row_says_what_it_changed(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    assert import_paths(engine, [FIXTURE]).imported == 1
    store = ReviewService(engine, "ann")
    art = store.load_article(FIXTURE.name)
    claim = next(c for c in art.claims if "Peskov" in c.text)
    text = art.text
    store.decide(claim.id, "attributed")
    s = text.index("Peskov", claim.start)
    store.set_source(claim.id, (s, s + len("Peskov")))
    store.set_bounds(claim.id, claim.start, claim.end - 1)
    store.set_note(claim.id, "cue is 'a déclaré'")
    last = store.set_source(claim.id, None)
    store.undo(last.annotation_id)
    bob = ReviewService(engine, "bob")
    bob.decide(claim.id, "contested")
    history = store.claim(claim.id).history
    got = [(h.reviewer, h.action, sorted(h.changed)) for h in history]
    assert got == [
        ("ann", "decide", ["label"]), ("ann", "source", ["source"]), ("ann", "bounds", ["span"]),
        ("ann", "note", ["note"]), ("ann", "source", ["source"]), ("ann", "undo", ["source"]),
        ("bob", "decide", ["label"]),  # bob's first row is compared with the candidate, not with ann's
    ]
    shown = [change_text(h, {}).plain for h in history]
    assert shown[0] == "decide attributed"
    assert shown[1] == "source “Peskov”"
    assert shown[2] == f"bounds {claim.start}–{claim.end - 1}"
    assert shown[3] == "note “cue is 'a déclaré'”"
    assert shown[4] == "source removed"
    assert shown[5] == "undo source “Peskov”"
    assert all("(none)" not in x for x in shown)
    assert isinstance(change_text(history[0], {}), Text)
    engine.dispose()


def test_a_row_that_changed_nothing_says_what_it_set(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    assert import_paths(engine, [FIXTURE]).imported == 1
    store = ReviewService(engine, "ann")
    claim = next(c for c in store.load_article(FIXTURE.name).claims if c.source is not None)
    store.set_source(claim.id, claim.source)  # the extractor's source, confirmed
    first = store.decide(claim.id, "attributed")
    again = store.decide(claim.id, "attributed")  # the same key again: the state in force, no row
    assert (first.changed, again.changed, again.annotation_id) == (True, False, first.annotation_id)
    history = store.claim(claim.id).history
    shown = [change_text(h, {}).plain for h in history]
    assert shown == [f"source “{claim.source_text}” (unchanged)", "decide attributed"]
    engine.dispose()


def test_the_same_decision_again_writes_nothing_and_one_undo_takes_it_back(tmp_path):
    """Found by QA: "a" pressed three times on the last claim of an article wrote three identical
    rows, and the first two "z" seemed to do nothing (each undid one of them)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    assert import_paths(engine, [FIXTURE]).imported == 1
    store = ReviewService(engine, "ann")
    claim = store.load_article(FIXTURE.name).claims[0]
    results = [store.decide(claim.id, "attributed") for _ in range(3)]
    assert [r.changed for r in results] == [True, False, False]
    assert len({r.annotation_id for r in results}) == 1
    assert store.undo(results[-1].annotation_id).claim.label is None
    # other actions that set the state in force write nothing either; a change writes a row
    store.set_note(claim.id, "checked")
    assert store.set_note(claim.id, "checked").changed is False
    assert store.decide(claim.id, "contested").changed is True
    assert [h.action for h in store.claim(claim.id).history] == ["decide", "undo", "note", "decide"]
    engine.dispose()
