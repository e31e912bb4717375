"""Cheap language identification by stop-word counts (fr / en)."""

from __future__ import annotations

import re

from workbench.claims.lexicon import LANGUAGES, load

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 4000


def detect_language(text: str) -> str:
    """``"fr"``, ``"en"``, or ``"und"`` when the text gives too little evidence."""
    sample = text[:_SAMPLE]
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    scores = {}
    for lang in LANGUAGES:
        stop = load(lang).stopwords
        scores[lang] = sum(1 for w in words if w in stop)
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return "und"
    return best
