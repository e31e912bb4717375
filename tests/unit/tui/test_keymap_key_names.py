"""A keymap key name no key has ("F1" for "f1", "esc" for "escape", "ctrl-a") is refused and named,
with the name meant when it can be told: bound to it, the binding lost its default keys and never
fired, without a word (found by QA: "review.attributed" = "F1" left no key deciding attributed)."""

from __future__ import annotations

import pytest

from workbench.tui.keymap import is_key_name, refuse_unknown_keys


@pytest.mark.parametrize("key", ["a", "1", "?", "é", "Z", "shift+z", "f1", "f12", "escape", "space", "enter",
                                 "tab", "backspace", "pageup", "question_mark", "slash", "less_than_sign",
                                 "left_square_bracket", "ctrl+a", "ctrl+shift+home", "alt+x", "ctrl+at", "newline"])
def test_the_names_textual_dispatches_are_key_names(key):
    assert is_key_name(key)


@pytest.mark.parametrize("key", ["F1", "esc", "Space", "ctrl-a", "pgdn", "^f", "f25", "notakey", "ctlr+a"])
def test_names_no_key_has_are_not(key):
    assert not is_key_name(key)


def test_a_remap_with_a_name_no_key_has_is_refused_and_named():
    km = {"review.attributed": "a,F1", "review.undo": "esc", "review.search": "^f", "review.quit": "q",
          "review.next_claim": "j,down,space"}
    kept, lines = refuse_unknown_keys(km)
    assert kept == {"review.quit": "q", "review.next_claim": "j,down,space"}
    assert lines == ["'F1' is no key name (review.attributed; did you mean 'f1'?)",
                     "'esc' is no key name (review.undo; did you mean 'escape'?)",
                     "'^f' is no key name (review.search; did you mean 'ctrl+f'?)",
                     "not remapped: review.attributed, review.undo, review.search (default keys kept)"]


def test_a_remap_giving_no_key_is_left_out_silently():
    # (Textual keeps the defaults of a binding given no key; help then shows them, not " ")
    assert refuse_unknown_keys({"review.contested": " , ", "review.note": ""}) == ({}, [])
