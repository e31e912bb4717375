"""Cheap language identification by stop-word counts (fr / en)."""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat

from workbench.claims.lexicon import LANGUAGES, stopwords, unpunctuated

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = SAMPLE = 2000


_DIGITS = "0123456789"


@cache
def _stop_codes() -> dict[str, int]:
    """Stop word -> sum of ``1 << (20 * i)`` over the languages ``LANGUAGES[i]`` it belongs to
    (a sample has fewer than 2**20 words, so the counts never overflow into each other). Read
    from the data files alone: no lexicon is compiled to tell the language."""
    codes: dict[str, int] = {}
    for i, lang in enumerate(LANGUAGES):
        for w in stopwords(lang):
            codes[w] = codes.get(w, 0) + (1 << (20 * i))
    return codes


def _words(low: str, unpunct: str | None = None) -> list[str]:
    """``_WORD.findall(low)``: the runs of letters. Split with str methods when what is left
    after removing punctuation and digits is letters only (the usual case). ``unpunct``:
    ``unpunctuated(low)``, if the caller has it."""
    u = unpunctuated(low) if unpunct is None else unpunct
    for c in _DIGITS:
        u = u.replace(c, " ")
    words = u.split()
    if "".join(words).isalpha():
        return words
    u = unpunctuated(u, rare=True)
    words = u.split()
    if "".join(words).isalpha():
        return words
    return _WORD.findall(low)


def detect_language(text: str) -> str:
    """``"fr"``, ``"en"``, or ``"und"`` when the text gives too little evidence."""
    return language_of_sample(text[:_SAMPLE].lower())


def stop_counts(low: str, unpunct: str | None = None) -> dict[str, int]:
    """The number of stop words of each language in ``low`` (lower case, fewer than 2**20
    words; ``unpunct``: ``unpunctuated(low)``, if the caller has it)."""
    words = _words(low, unpunct)
    # one pass: each word adds 1 << (20 * i) for every language i it is a stop word of
    total = sum(map(_stop_codes().get, words, repeat(0)))
    return {lang: (total >> (20 * i)) & 0xFFFFF for i, lang in enumerate(LANGUAGES)}


def language_of_sample(low: str, unpunct: str | None = None) -> str:
    """``detect_language`` given ``text[:SAMPLE].lower()`` (and ``unpunctuated`` of it)."""
    scores = stop_counts(low, unpunct)
    if not any(scores.values()):
        return "und"
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return "und"
    return best
