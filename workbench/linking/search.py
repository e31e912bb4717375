"""Fuzzy search over article titles and claim texts (rapidfuzz)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils


@dataclass(frozen=True, slots=True)
class SearchItem:
    kind: str  # "article" | "claim"
    article_id: str
    candidate_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: SearchItem
    score: float


def search(query: str, items: list[SearchItem], limit: int = 30, cutoff: float = 60.0) -> list[SearchHit]:
    """Items best matching ``query``, best first. Partial matching, so a few words of a long claim
    find it; case, accents-insensitive preprocessing is rapidfuzz's ``default_process``."""
    query = query.strip()
    if not query:
        return []
    choices = [it.text for it in items]
    found = process.extract(
        query,
        choices,
        scorer=fuzz.partial_ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    hits = [SearchHit(items[idx], score) for _, score, idx in found]
    # titles first on ties: a reviewer searching a title wants the article
    hits.sort(key=lambda h: (-h.score, h.item.kind != "article"))
    return hits


def locate(needle: str, haystack: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Where ``needle`` (typed by a reviewer) stands in ``haystack[lo:hi]``: exact first, then
    the best fuzzy alignment (rapidfuzz), or ``None`` when nothing is close."""
    hi = len(haystack) if hi is None else hi
    needle = needle.strip()
    if not needle:
        return None
    idx = haystack.find(needle, lo, hi)
    if idx >= 0:
        return idx, idx + len(needle)
    low = haystack[lo:hi].lower()
    idx = low.find(needle.lower())
    if idx >= 0:
        return lo + idx, lo + idx + len(needle)
    al = fuzz.partial_ratio_alignment(needle, haystack[lo:hi], score_cutoff=80)
    if al is None:
        return None
    return lo + al.dest_start, lo + al.dest_end
