"""``wrap`` measures lines in terminal cells, as they are drawn: a wide character (CJK, emoji)
takes two, a combining mark or a joiner none; a character as drawn is never split; it stays linear
on one long paragraph. ``column_offset`` maps a cell back to the character drawn there, and
``cell_column`` a character to its cell; a selection's up and down keep that cell."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.tui.selection import SpanSelection
from workbench.tui.widgets.article_view import cell_column, column_offset, visible, wrap

FAMILY = "👨\u200d👩\u200d👧"


def _cells(text: str) -> int:
    return cell_len(visible(text))


def test_a_paragraph_of_chinese_fits_the_width():
    text = "北京市政府周一表示由于能源价格上涨" * 5  # 85 characters, 170 cells
    lines = wrap(text, 96)
    assert [(_cells(text[s:e])) for s, e in lines] == [96, 74]
    assert "".join(text[s:e] for s, e in lines) == text


def test_a_line_with_an_emoji_and_cjk_breaks_at_a_space_in_cells():
    text = "The 🎉 minister said that 日本語 prices"  # 35 characters, 39 cells
    assert wrap(text, 80) == [(0, len(text))]
    lines = wrap(text, 36)
    assert [text[s:e] for s, e in lines] == ["The 🎉 minister said that 日本語 ", "prices"]


def test_a_character_as_drawn_is_not_split():
    text = f"famille {FAMILY}{FAMILY} e\u0301te\u0301"
    for width in range(1, 30):
        for s, e in wrap(text, width):
            assert text[s:s + 1] not in ("\u200d", "\u0301") and text[e - 1:e] != "\u200d", (width, s, e)


def test_a_paragraph_opening_with_joiners_fits_the_width():
    """Rich's clusters give the letter after two leading joiners no cell (``cell_len`` and the
    terminal give it one): the line held "a日", three cells in a pane of two (hypothesis found it)."""
    text = "\u200d\u200da日"
    lines = wrap(text, 2)
    assert [text[s:e] for s, e in lines] == ["\u200d\u200da", "日"]
    assert all(_cells(text[s:e]) <= 2 for s, e in lines)


def test_a_character_wider_than_the_pane_is_a_line_of_its_own():
    assert wrap("日本語", 1) == [(0, 1), (1, 2), (2, 3)]


@given(st.text(alphabet=st.sampled_from("ab c\n.日本🎉\u0301\u200d\u200c\t"), max_size=80), st.integers(2, 14))
def test_wrapped_lines_fit_the_width_in_cells_and_keep_the_text_in_order(text, width):
    lines = wrap(text, width)
    assert all(_cells(text[s:e].rstrip(" ")) <= width for s, e in lines)
    assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:]))
    kept = "".join(text[s:e] for s, e in lines)
    assert kept.replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_cell_maps_to_the_character_drawn_there():
    text = "a日b🎉c e\u0301x"
    #        cells: a | 日 日 | b | 🎉 🎉 | c | ' ' | é | x
    expected = [0, 1, 1, 2, 3, 3, 4, 5, 6, 8]
    assert [column_offset(text, 0, len(text), x) for x in range(10)] == expected
    assert column_offset(text, 0, len(text), 40) == 8  # past the end: the last character
    assert column_offset("plain text", 2, 8, 3) == 5 and column_offset("plain text", 2, 8, 40) == 7


def test_a_character_maps_to_its_cell_and_back():
    text = "a日b🎉c e\u0301x"
    starts = [0, 1, 2, 3, 4, 5, 6, 8]  # the characters as drawn (é is two code points)
    assert [cell_column(text, 0, p) for p in starts] == [0, 1, 3, 4, 6, 7, 8, 9]
    assert all(column_offset(text, 0, len(text), cell_column(text, 0, p)) == p for p in starts)
    assert cell_column("plain text", 2, 7) == 5


@given(st.text(alphabet=st.sampled_from("ab c.日本🎉\u0301"), min_size=1, max_size=40), st.data())
def test_cell_column_inverts_column_offset(text, data):
    x = data.draw(st.integers(0, _cells(text) + 2))
    p = column_offset(text, 0, len(text), x)
    assert column_offset(text, 0, len(text), cell_column(text, 0, p)) == p


def test_up_and_down_keep_the_cell_column_not_the_character_column():
    from workbench.tui.widgets.span_selector import _DRAWN
    text = "日本語日本語 minister\nthe minister said"  # the second word starts at cell 13
    lines = [(0, 16), (16, len(text))]
    sel = SpanSelection(text, text.index("minister"), text.index("minister"), snap=False)
    down = sel.line(lines, 1, _DRAWN)
    assert down.cursor == 16 + 13 and text[down.cursor] == "s"  # "said" is drawn under "minister"
    assert sel.line(lines, 1).cursor == 16 + 7  # counted in characters, it was "minister"
    assert down.line(lines, -1, _DRAWN).cursor == sel.cursor


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        wrap(text, 100)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-3)


def test_wrapping_one_long_paragraph_of_wide_characters_is_linear():
    # the ratio of CPU times between a paragraph and one four times longer: linear about 4,
    # quadratic about 16 (as tests/unit/test_linear_time.py measures extraction)
    unit = "Le ministre a dit 🎉 que les prix 日本語 montent, selon l'agence. "
    small, large = unit * 1500, unit * 6000
    assert _cpu(large) / _cpu(small) < 8.0


def test_the_characters_taken_as_one_cell_are_one_cell_each():
    """The fast path (a column is an offset) holds only where rich draws each character in one
    cell, whatever its neighbours."""
    from rich.cells import split_graphemes

    from workbench.tui.widgets.article_view import ONE_CELL_RANGES

    chars = "".join(chr(o) for lo, hi in ONE_CELL_RANGES for o in range(lo, hi + 1))
    shown = visible(chars)
    spans, cells = split_graphemes(shown)
    assert cells == len(chars) and len(spans) == len(chars)
    assert wrap("’" * 30 + " “x” – …", 10) == [(0, 10), (10, 20), (20, 31), (31, 38)]
