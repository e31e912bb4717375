"""Cheap language identification by stop-word counts (fr / en)."""

from __future__ import annotations

import re

from workbench.claims.lexicon import LANGUAGES, load

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 2000


def detect_language(text: str) -> str:
    """``"fr"``, ``"en"``, or ``"und"`` when the text gives too little evidence."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample.lower())
    if not words:
        return "und"
    scores = {}
    for lang in LANGUAGES:
        scores[lang] = sum(map(load(lang).stopwords.__contains__, words))
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return "und"
    return best
