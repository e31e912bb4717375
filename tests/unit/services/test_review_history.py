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
    store.decide(claim.id, "attributed")
    store.decide(claim.id, "attributed")
    history = store.claim(claim.id).history
    shown = [change_text(h, {}).plain for h in history]
    assert shown == [f"source “{claim.source_text}” (unchanged)", "decide attributed", "decide attributed"]
    engine.dispose()
