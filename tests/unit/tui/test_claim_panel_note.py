"""The note row of the claim panel: a long note is cut, and says so (it pushed the history out of
the panel, which does not scroll)."""

from workbench.tui.widgets.claim_panel import NOTE_CHARS, _note


def test_a_short_note_is_shown_whole():
    assert _note("doubt: the source is unclear").plain == "doubt: the source is unclear"
    assert _note(None).plain == "—" and _note("").plain == "—"


def test_a_long_note_is_cut_and_says_how_long_it_is():
    note = "word " * 400
    shown = _note(note).plain
    assert len(shown) < NOTE_CHARS + 60
    assert shown.startswith("word word") and f"({len(note)} characters; m shows and edits it all)" in shown


def test_a_note_with_markup_and_controls_is_plain_text():
    shown = _note("[bold]x[/] \x1b[31m" + "y" * 300).plain
    assert shown.startswith("[bold]x[/] ") and "\x1b" not in shown
