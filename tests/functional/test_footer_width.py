"""At 80 columns the footer of each mode shows its essential keys (the footer is cut at the
right edge; every key is in the help, ``?``). In span selection it used to leave out ``x`` (not a
claim) and, past the first 80 columns, the moves by word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.tui_helpers import fixture_db, press_for_screenshot, run
from workbench.cli import make_app

WIDTH = 80

LABELS = ["label('attributed')", "label('unsourced')", "label('contested')", "label('not_claim')"]
ESSENTIAL = {
    "review": ((), ["help", *LABELS, "accept", "undo", "quit"]),
    "add a claim (v)": (("v",), ["confirm", *(a.replace("label", "confirm") for a in LABELS), "cancel",
                                 "move('word_next')"]),
    "pick a source (e)": (("e",), ["confirm", "type_source", "clear_source", "cancel", "move('word_next')"]),
}


def _shown(app) -> dict[str, str]:
    """action -> what the footer shows of it, for the keys wholly inside the terminal's width."""
    from textual.widgets._footer import FooterKey

    return {fk.action: f"{fk.key_display} {fk.description}" for fk in app.screen.query(FooterKey)
            if fk.region.width and fk.region.right <= WIDTH}


@pytest.mark.parametrize("mode", list(ESSENTIAL))
def test_the_footer_shows_the_essential_keys_at_80_columns(tmp_path, mode):
    keys, essential = ESSENTIAL[mode]
    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))
        async with app.run_test(size=(WIDTH, 30)) as pilot:
            await press_for_screenshot(app, pilot, keys)
            return _shown(app)

    shown = run(go())
    assert [a for a in essential if a not in shown] == [], shown
    if mode != "review":
        assert shown["move('word_next')"] == "w b Word"  # (one entry for the pair)


def test_the_adjudication_footer_shows_the_essential_keys_at_80_columns(tmp_path):
    from workbench.services.review import ReviewService
    from workbench.store import make_engine

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    claim = ann.load_article("000_a05f25a83f551d02.txt").claims[0]
    ann.decide(claim.id, "attributed")
    bob.decide(claim.id, "unsourced")
    engine.dispose()

    async def go():
        app = make_app(url, "judge", keymap_file=Path("/nonexistent/keymap.toml"), adjudicate=True)
        async with app.run_test(size=(WIDTH, 30)) as pilot:
            await press_for_screenshot(app, pilot, ())
            return _shown(app)

    shown = run(go())
    essential = [a.replace("label", "rule") for a in LABELS] + ["majority", "undo", "quit"]
    assert [a for a in essential if a not in shown] == [], shown


def test_the_help_still_names_not_a_claim_in_full():
    from workbench.tui.screens.help import help_rows
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.widgets.span_selector import SpanSelector

    assert ("x 4", "Not a claim") in help_rows(ReviewScreen.BINDINGS, {})
    assert ("x 4", "Not a claim") in help_rows(SpanSelector.BINDINGS, {})
