"""Word moves (w b e) and the word-snapped span in one very long paragraph (a scraped page with
no newline: a megabyte on one line) read the words near the cursor, not the paragraph: each key
tokenized the whole paragraph, several times (0.6-0.8 s a key on 1 MB in the app). What that
costs is measured by ``bench/long_text_keys.py`` (CPU-time ratio, never a timed test); here the
moves are checked against their plain definition (over every word of the paragraph) on
generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.tui.selection import SpanSelection, paragraph, words

SENTENCE = ("Le porte-parole du Kremlin, Dmitri Peskov, a déclaré « aujourd'hui » que l’U.S. Army "
            "n’avait rien dit — 3,5 % selon Reuters ; Royaume-Uni: 北京市政府发言人周二表示。 ")


def _words(text: str, pos: int) -> list[tuple[int, int]]:
    ps, pe = paragraph(text, pos)
    return [(s + ps, e + ps) for s, e in words(text[ps:pe])]


def _snap(text: str, lo: int, hi: int) -> tuple[int, int]:
    lo = next((s for s, e in _words(text, lo) if s <= lo < e), lo)
    hi = next((e for s, e in _words(text, hi - 1) if s <= hi - 1 < e), hi)
    return lo, hi


def test_word_moves_in_a_long_paragraph_are_those_over_every_word():
    text = SENTENCE * 300  # one paragraph of ~45,000 characters, no newline
    words = _words(text, 0)
    for cursor in (0, len(text) // 3, len(text) // 2 + 7, len(text) - 2):
        sel = SpanSelection(text, cursor, cursor)
        assert sel.word_next().cursor == next((s for s, _ in words if s > cursor), cursor)
        prev = [s for s, _ in words if s < cursor]
        assert sel.word_prev().cursor == (prev[-1] if prev else cursor)
        assert sel.word_end().cursor == next((e - 1 for _, e in words if e - 1 > cursor), cursor)


TEXTS = st.text(alphabet=st.sampled_from(list("ab é-'’.,«» \n\t\r北京。3")), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_word_moves_and_snapping_are_those_over_every_word_of_the_paragraph(text, data):
    cursor = data.draw(st.integers(0, len(text) - 1))
    anchor = data.draw(st.integers(0, len(text) - 1))
    sel = SpanSelection(text, anchor, cursor)
    words = _words(text, cursor)
    assert sel.word_next().cursor == next((s for s, _ in words if s > cursor), cursor)
    prev = [s for s, _ in words if s < cursor]
    assert sel.word_prev().cursor == (prev[-1] if prev else cursor)
    assert sel.word_end().cursor == next((e - 1 for _, e in words if e - 1 > cursor), cursor)
    lo, hi = min(anchor, cursor), max(anchor, cursor) + 1
    assert sel._snapped(lo, hi) == _snap(text, lo, hi)
