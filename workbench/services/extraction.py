"""What a worker process does for an import: language and candidate rows of one article.

Kept apart from the importer so workers load only the extractor and rapidfuzz (no SQLAlchemy), and return
only what the database needs (not the article text back). ``prepare_many`` is what a worker runs:
defined here, a spawned worker imports this module alone, not the import service."""

from __future__ import annotations

from workbench.claims import EXTRACTOR_VERSION, detect_language, extract
from workbench.linking.neardup import fingerprint

CANDIDATE_COLUMNS = (
    "start", "end", "text", "suggested_label", "score", "cue_text", "cue_start", "cue_end",
    "source_text", "source_start", "source_end", "reason",
)


def prepare(text: str) -> tuple[str, list[tuple], str]:
    """(language, candidate tuples in ``CANDIDATE_COLUMNS`` order, near-duplicate fingerprint
    of its candidate sentences) of one article text."""
    lang = detect_language(text)
    rows = []
    cands = extract(text, lang)
    for c in cands:
        cue, src = c.cue, c.source
        rows.append((
            c.start, c.end, c.text, c.label, c.score,
            cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
            src.text if src else None, src.start if src else None, src.end if src else None,
            c.reason,
        ))
    return lang, rows, fingerprint(c.text for c in cands)


def prepare_many(texts: list[str]) -> list[tuple[str, list[tuple], str]]:
    """``prepare`` of each text (one task of a worker process)."""
    return [prepare(t) for t in texts]


__all__ = ["CANDIDATE_COLUMNS", "EXTRACTOR_VERSION", "prepare", "prepare_many"]


def suggest_for_span(text: str, language: str, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
    """What the extractor's rules suggest for ``text[start:end]``, a span a reviewer selected as a
    claim: its label (contested or attributed when they find an attribution, else unsourced) and
    its source span."""
    from workbench.claims.attribution import find_attribution
    from workbench.claims.lexicon import load
    from workbench.claims.model import ATTRIBUTED, CONTESTED, UNSOURCED

    att = find_attribution(text, start, end, load(language if language in ("fr", "en") else "en"))
    suggested = (CONTESTED if att.contested else ATTRIBUTED) if att else UNSOURCED
    return suggested, (att.source.start, att.source.end) if att and att.source else None
