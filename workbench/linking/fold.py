"""Text folded for matching as a reader does: case, accents and punctuation aside (every run of
characters that are not letters or digits is one space), so that ``canal sur special`` is found
in « canal sûr spécial », ``Peskov a déclaré`` in ``Peskov, a déclaré`` and ``l'agence`` in
``L’agence``. ``find`` gives the match's offsets in the original text (for highlighting)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _marks() -> re.Pattern:
    """Combining marks (the accents NFKD splits off), as one character class."""
    marks = [chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    return re.compile("[" + re.escape("".join(marks)) + "]+")


def fold(text: str) -> str:
    """``text`` without accents, case-folded, every run of other characters than letters and
    digits one space."""
    text = _marks().sub("", unicodedata.normalize("NFKD", text))
    return _NOT_WORD.sub(" ", text.casefold())


def _fold_char(c: str) -> str:
    if c.isalnum():
        return fold(c)
    return "" if unicodedata.combining(c) else " "


#: each character met so far and what it folds to (``_fold_char``)
_PIECES: dict[str, str] = {}
_SPACE_RUN = re.compile("  +")


def folded_with_origins(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the offset in ``text`` it comes from.

    Character by character, each folded on its own (``_fold_char``) and runs of spaces kept as
    one; done in C-level passes (``str.translate``, ranges of offsets), as one Python step a
    character took a second on a 1.5 MB article."""
    chars = set(text)
    for c in chars.difference(_PIECES):
        _PIECES[c] = _fold_char(c)
    raw = text.translate({ord(c): _PIECES[c] for c in chars})
    # the offset of each character of ``raw``: one for one, but for the characters that fold to
    # none (a combining accent) or to several ("ß", "½")
    origins: list[int] = []
    prev = 0
    odd = "".join(c for c in chars if len(_PIECES[c]) != 1)
    if odd:
        for m in re.finditer("[" + re.escape(odd) + "]", text):
            i = m.start()
            origins.extend(range(prev, i))
            origins.extend([i] * len(_PIECES[text[i]]))
            prev = i + 1
    origins.extend(range(prev, len(text)))
    # a run of spaces is its first
    kept: list[int] = []
    prev = 0
    for m in _SPACE_RUN.finditer(raw):
        kept.extend(origins[prev:m.start() + 1])
        prev = m.end()
    kept.extend(origins[prev:])
    return _SPACE_RUN.sub(" ", raw), kept


def find(query: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` contains ``query`` (folded both), as offsets into ``text``; else None."""
    q = fold(query).strip()
    if not q:
        return None
    folded, origins = folded_with_origins(text)
    k = folded.find(q)
    if k < 0:
        return None
    return span_of(text, origins, k, len(q))


def span_of(text: str, origins: list[int], k: int, length: int) -> tuple[int, int]:
    """The offsets in ``text`` of ``folded[k:k + length]`` (``folded, origins =
    folded_with_origins(text)``; the slice has no space at its ends), with the accents of its last
    letter."""
    end = origins[k + length - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return origins[k], end


def contains(folded_query: str, folded_text: str) -> bool:
    return bool(folded_query) and folded_query in folded_text
