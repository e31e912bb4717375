"""The span selection model as plain code: exact offsets, both directions, never across a
paragraph without a line move."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.tui.selection import SpanSelection, paragraph, trim
from workbench.tui.widgets.article_view import wrap

TEXT = ("Moscou a frappé une usine lundi, a déclaré le ministère.\n\n"
        "Selon Reuters, le Royaume-Uni aurait livré des missiles. Kiev dément.\n"
        "Fin.")
P2 = TEXT.index("Selon")


def at(word: str) -> SpanSelection:
    return SpanSelection.at(TEXT, TEXT.index(word))


def moves(sel: SpanSelection, *names: str) -> SpanSelection:
    for name in names:
        sel = getattr(sel, name)()
    return sel


def test_w_goes_to_word_starts_and_b_is_its_inverse():
    sel = at("Selon")
    starts = []
    for _ in range(5):
        sel = sel.word_next()
        starts.append(sel.cursor)
    assert TEXT[starts[0]:].startswith("Reuters") and TEXT[starts[1]] == ","
    assert TEXT[starts[2]:].startswith("le ") and TEXT[starts[3]:].startswith("Royaume-Uni")
    back = []
    for _ in range(5):
        sel = sel.word_prev()
        back.append(sel.cursor)
    assert back == starts[::-1][1:] + [P2]


def test_b_from_inside_a_word_goes_to_its_start():
    sel = SpanSelection.at(TEXT, TEXT.index("ministère") + 3)
    assert sel.word_prev().cursor == TEXT.index("ministère")


def test_e_goes_to_word_ends():
    sel = at("Selon").word_end()
    assert sel.cursor == TEXT.index("Selon") + 4
    sel = sel.word_end()
    assert sel.cursor == TEXT.index("Reuters") + 6


def test_forwards_selection_snaps_to_whole_words():
    sel = at("le Royaume").drop_anchor()
    sel = moves(sel, "word_end", "word_end", "word_end")  # le, Royaume-Uni, aurait
    assert sel.selected == "le Royaume-Uni aurait"
    s, e = sel.span
    assert TEXT[s:e] == "le Royaume-Uni aurait" and s == TEXT.index("le Royaume")


def test_backwards_selection_mid_paragraph_between_two_candidates_is_exact():
    # "Kiev dément." is not wanted: select "le Royaume-Uni aurait livré des missiles" backwards
    sel = SpanSelection.at(TEXT, TEXT.index("missiles") + 7).drop_anchor()
    sel = moves(sel, *["word_prev"] * 6)
    assert sel.selected == "le Royaume-Uni aurait livré des missiles"
    assert sel.cursor < sel.anchor and sel.breaks == 0


def test_snap_rounds_a_partial_word_out_and_a_char_move_stops_snapping():
    sel = SpanSelection.at(TEXT, TEXT.index("Reuters") + 2).drop_anchor().word_end()
    assert sel.selected == "Reuters"
    exact = sel.left().left()
    assert exact.selected == "ute"  # by character: exactly what is shown


def test_swap_moves_the_other_end():
    sel = at("le Royaume").drop_anchor().word_end().word_end()
    assert sel.selected == "le Royaume-Uni"
    sel = sel.swap().word_prev()  # the start moves one word left
    assert sel.selected == ", le Royaume-Uni"
    sel = sel.swap().word_end()  # the end moves on again
    assert sel.selected == ", le Royaume-Uni aurait"


def test_word_and_character_moves_never_leave_the_paragraph():
    last = TEXT.index("ministère")
    sel = SpanSelection.at(TEXT, last).drop_anchor()
    for name in ("word_next", "word_end", "right"):
        for _ in range(5):
            sel = getattr(sel, name)()
        assert sel.cursor < TEXT.index("\n") and sel.breaks == 0
    assert sel.selected == "ministère."
    sel = SpanSelection.at(TEXT, P2)
    for name in ("word_prev", "left"):
        for _ in range(3):
            sel = getattr(sel, name)()
        assert sel.cursor == P2


def test_home_and_end_are_the_paragraph_edges():
    sel = at("Royaume")
    assert sel.home().cursor == P2
    assert TEXT[sel.end().cursor] == "." and sel.end().cursor == TEXT.index("dément.") + 6
    whole = sel.home().drop_anchor().end()
    assert whole.selected == TEXT[P2:TEXT.index("\nFin")]


def test_line_moves_cross_paragraphs_and_say_so():
    lines = wrap(TEXT, 30)
    sel = at("usine").drop_anchor()
    down = sel.line(lines, 1).line(lines, 1)
    assert down.cursor > P2  # the blank line is skipped
    assert down.breaks == 1 and "\n\n" in down.selected
    up = down.line(lines, -1).line(lines, -1)
    assert up.cursor < TEXT.index("\n")
    assert up.breaks == 0


def test_span_is_trimmed_and_blank_is_none():
    assert trim(TEXT, P2 - 2, P2 + 5) == (P2, P2 + 5)
    blank = SpanSelection(TEXT, P2 - 2, P2 - 1, snap=False)
    assert blank.span is None


def test_over_selects_exactly_a_given_span():
    s = TEXT.index("Reuters")
    sel = SpanSelection.over(TEXT, s, s + 7)
    assert sel.span == (s, s + 7) and sel.selected == "Reuters"


def test_paragraph_bounds_exclude_the_newline_and_cr():
    text = "un\r\ndeux"
    assert paragraph(text, 0) == (0, 2) and paragraph(text, 5) == (4, 8)


@given(st.text(alphabet=st.sampled_from("ab c\n."), max_size=80), st.integers(1, 14))
def test_wrapped_lines_fit_the_width_and_keep_the_text_in_order(text, width):
    # a narrow pane (the article beside the decisions panel in a 50-column window) wraps narrow:
    # lines were never cut below 10 characters, and the pane cut the text off
    lines = wrap(text, width)
    assert all(len(text[s:e].rstrip(" ")) <= width for s, e in lines)  # (a space the line breaks at ends it)
    assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:]))
    kept = "".join(text[s:e] for s, e in lines)
    assert kept.replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_character_as_drawn_is_never_cut():
    # a decomposed accent, a flag (two regional indicators), an emoji joined by U+200D, an Indic
    # vowel sign: each is one character for the moves, and a selection holds all of it or none
    text = "Zoe\u0301 🇫🇷 👨\u200d👩\u200d👧 नमस्ते fin"
    sel = SpanSelection.at(text, 0)
    seen = []
    for _ in range(len(text)):
        sel = sel.right()
        seen.append(sel.selected)
    assert "Zoe" not in seen and "Zoe\u0301 \U0001f1eb" not in seen
    assert "Zoe\u0301 🇫🇷 👨" not in seen and "Zoe\u0301 🇫🇷 👨\u200d👩\u200d👧" in seen
    assert SpanSelection.at(text, 0).word_end().selected == "Zoe\u0301"
    flag = SpanSelection.at(text, text.index("🇫"))
    assert flag.word_end().selected == "🇫🇷" and flag.right().selected == "🇫🇷"
    assert SpanSelection.at(text, text.index("न")).word_end().selected == "नमस्ते"
    back = SpanSelection.at(text, len(text) - 1)
    for _ in range(len(text)):
        back = back.left()
        assert not back.selected.startswith(("\u0301", "\U0001f1f7", "\u200d", "👩"))
