"""Fuzzy search over article titles and claim texts (rapidfuzz).

Texts are compared folded (``linking.fold``: case, accents and punctuation aside). An item
that contains the query always ranks above one that does not (it scores 100, the others at
most 99); each hit says where the query matched in its text, for the preview to highlight."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from workbench.linking import fold as folding


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
    #: where the query matched in ``item.text`` (offsets), if it can be shown
    match: tuple[int, int] | None = None

    @property
    def contains(self) -> bool:
        return self.score >= 100.0


class Searcher:
    """``items`` folded once (the first query pays for it), searched on every key."""

    #: items scored fuzzily before the containing ones are put first
    POOL = 300

    def __init__(self, items: list[SearchItem]) -> None:
        self.items = items
        self._folded: list[str] | None = None

    @property
    def folded(self) -> list[str]:
        if self._folded is None:
            self._folded = [folding.fold(it.text) for it in self.items]
        return self._folded

    def search(self, query: str, limit: int = 30, cutoff: float = 60.0) -> list[SearchHit]:
        """Items best matching ``query``, best first: those that contain it (score 100, the
        shorter first), then the fuzzy matches (partial ratio, at most 99, ``cutoff`` and more)."""
        fq = folding.fold(query).strip()
        if not fq:
            return []
        choices = self.folded
        found = process.extract(fq, choices, scorer=fuzz.partial_ratio, processor=None,
                                limit=max(self.POOL, limit), score_cutoff=cutoff)
        hits = []
        for _, score, idx in found:
            if fq in choices[idx]:
                hits.append((True, 100.0, idx))
            else:
                hits.append((False, min(score, 99.0), idx))
        # containing first; titles first on ties (a reviewer searching a title wants the article);
        # among containing items the shorter, where the query is more of the text
        hits.sort(key=lambda h: (not h[0], -h[1], self.items[h[2]].kind != "article", len(choices[h[2]])))
        return [SearchHit(self.items[idx], score, _match(query, self.items[idx].text, contains))
                for contains, score, idx in hits[:limit]]


#: a fuzzy match is shown (underlined) only from this alignment score: below, it is noise
FUZZY_SHOWN = 75.0


def _match(query: str, text: str, contains: bool) -> tuple[int, int] | None:
    """Where ``query`` stands in ``text``: the folded match, else the best fuzzy alignment."""
    if contains:
        return folding.find(query, text)
    al = fuzz.partial_ratio_alignment(query.strip().lower(), text.lower(), score_cutoff=FUZZY_SHOWN)
    if al is None or al.dest_end <= al.dest_start:
        return None
    return al.dest_start, al.dest_end


def search(query: str, items: list[SearchItem], limit: int = 30, cutoff: float = 60.0) -> list[SearchHit]:
    """Items best matching ``query``, best first (``Searcher.search``, for one query)."""
    return Searcher(items).search(query, limit, cutoff)


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


def locate_near(needle: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``needle`` (typed by a reviewer) stands nearest to ``text[start:end]``: inside it
    first, then in its paragraph, then anywhere in ``text`` (``locate`` at each step)."""
    para_s = text.rfind("\n", 0, start) + 1
    para_e = text.find("\n", end)
    para_e = len(text) if para_e < 0 else para_e
    return locate(needle, text, start, end) or locate(needle, text, para_s, para_e) or locate(needle, text)
