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


def watch_parent(parent: int, every: float = 0.5) -> None:
    """A worker's initializer: end this process when the import that started it is gone (killed
    with SIGKILL, its workers would otherwise run on, adopted by init, with multiprocessing's
    resource tracker beside them). A daemon thread checks the parent's pid; on Linux the kernel
    is also asked to send SIGKILL when the parent dies."""
    import os
    import threading
    import time

    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


__all__ = ["CANDIDATE_COLUMNS", "EXTRACTOR_VERSION", "prepare", "prepare_many", "watch_parent"]


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
