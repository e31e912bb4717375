"""Characters as drawn, for the patterns that must never cut one: a letter and its combining
marks (a decomposed accent, an Indic vowel sign), an emoji with its skin tone or variation
selector, emoji joined by U+200D (a family), a flag (two regional indicators). Python's ``\\w``
holds no combining mark, so a word pattern built on it alone ends inside such a character.
Pure, shared by the span selection of the review app and the Prodigy tokens of the exports."""

from __future__ import annotations

import unicodedata
from functools import cache

#: a flag: two regional indicators
FLAG = "[\\U0001f1e6-\\U0001f1ff]{2}"


@cache
def marks() -> str:
    """A character class body of what belongs to the character before it: the combining marks
    (categories Mn, Mc, Me, variation selectors included), the emoji skin tones, the tag
    characters. Built from ``unicodedata`` once, when first asked for (about 30 ms)."""
    ranges: list[list[int]] = []
    for c in range(0x300, 0x20000):
        if unicodedata.category(chr(c))[0] == "M":
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    ranges += [[0x1F3FB, 0x1F3FF], [0xE0020, 0xE007F], [0xE0100, 0xE01EF]]
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


@cache
def symbol_sequence() -> str:
    """A pattern of one visible character that is no letter or digit (punctuation, an emoji)
    with its marks, and the characters a zero-width joiner ties to it."""
    m = marks()
    sym = rf"[^\w\s\u200d{m}][{m}]*"
    return rf"{sym}(?:\u200d{sym})*"
