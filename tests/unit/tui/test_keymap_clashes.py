"""A keymap never gives one key to two bindings active together: such a remap is refused (the
bindings involved keep their default keys) and named, with the key."""

from __future__ import annotations

import pytest

from workbench.tui.app import _binding_groups
from workbench.tui.keymap import refuse_clashes


@pytest.fixture(scope="module")
def groups():
    return _binding_groups()


def test_a_key_another_binding_of_the_screen_has_is_refused_and_named(groups):
    kept, lines = refuse_clashes({"review.attributed": "u"}, groups)
    assert kept == {}
    assert lines[0] == "'u' would be both review.attributed and review.unsourced"
    assert "not remapped: review.attributed" in lines[-1]


def test_swapping_two_keys_is_no_clash(groups):
    km = {"review.attributed": "u,2", "review.unsourced": "a,1"}
    assert refuse_clashes(km, groups) == (km, [])
    km = {"review.next_claim": "k,up", "review.prev_claim": "j,down"}
    assert refuse_clashes(km, groups) == (km, [])


def test_keys_no_other_binding_has_are_kept(groups):
    km = {"review.attributed": "a,1,f1", "review.next_claim": "j,down,space", "review.unsourced": "U",
          "review.undo": "y", "review.redo": "z"}
    assert refuse_clashes(km, groups) == (km, [])


def test_keys_are_compared_as_textual_dispatches_them(groups):
    kept, lines = refuse_clashes({"review.search": "?"}, groups)  # "?" is review.help's question_mark
    assert kept == {} and lines[0] == "'?' would be both review.help and review.search"
    kept, lines = refuse_clashes({"review.undo": "ctrl+i"}, groups)  # the terminal's tab
    assert kept == {} and "review.undo" in lines[0]


def test_two_remaps_onto_one_key_both_keep_their_defaults(groups):
    kept, lines = refuse_clashes({"review.note": "b", "review.undo": "b", "review.search": "h"}, groups)
    assert kept == {"review.search": "h"}
    assert lines[0] == "'b' would be both review.note and review.undo"
    assert lines[-1] == "not remapped: review.note, review.undo (default keys kept)"


def test_a_binding_given_its_defaults_back_may_meet_another_remap(groups):
    # attributed on x clashes with not_claim; attributed back on a, 1 then clashes with note on a
    kept, lines = refuse_clashes({"review.attributed": "x", "review.note": "a"}, groups)
    assert kept == {}
    assert "'a' would be both review.attributed and review.note" in lines


def test_the_app_and_the_article_view_keys_count(groups):
    for km in ({"review.undo": "ctrl+q"}, {"review.undo": "pageup"}, {"adjudicate.undo": "home"}):
        kept, lines = refuse_clashes(km, groups)
        assert kept == {} and lines, km


def test_screens_are_apart(groups):
    # review.redo is y, but not on the adjudication screen; the review's z does not act while selecting
    km = {"adjudicate.undo": "y", "select.swap": "z", "help.close": "q"}  # (help.close3 closes on q too)
    assert refuse_clashes(km, groups) == (km, [])
    kept, lines = refuse_clashes({"adjudicate.attributed": "u"}, groups)
    assert kept == {} and lines[0] == "'u' would be both adjudicate.attributed and adjudicate.unsourced"
    # while a span is selected, ? still opens the help
    kept, lines = refuse_clashes({"select.swap": "question_mark"}, groups)
    assert kept == {} and "review.help and select.swap" in lines[0]


def test_a_shifted_letter_written_either_way_gets_both_names():
    from workbench.tui.keymap import with_shifted_forms

    assert with_shifted_forms({"review.undo": "shift+z", "review.redo": "Y,1", "review.note": ""}) == {
        "review.undo": "Z,shift+z", "review.redo": "Y,shift+y,1", "review.note": ""}
    # (lower-case letters, other shifted keys and upper-case key names are left as written)
    assert with_shifted_forms({"review.undo": "z,shift+tab,F1"}) == {"review.undo": "z,shift+tab,F1"}


def test_shift_and_upper_case_name_one_key_for_clashes(groups):
    # "shift+z" and "Z" are the same key: two bindings given it clash whichever way it is written
    kept, lines = refuse_clashes({"review.undo": "shift+z", "review.redo": "Z"}, groups)
    assert kept == {} and lines[0] == "'shift+z' would be both review.redo and review.undo"
