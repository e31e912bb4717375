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
    """Where ``needle`` (typed by a reviewer) stands in ``haystack[lo:hi]``, as offsets of
    ``haystack``: exact first, then folded (case, accents and punctuation aside: ``the mayor``
    for "The Mayor", ``peskov a declare`` for "Peskov, a déclaré"), then the best fuzzy alignment
    of the folded texts (rapidfuzz, a typo or two: ``the ministre`` for "The minister"); the span
    widened or narrowed to whole words (``_whole_words``); ``None`` when nothing is close.

    Offsets are always those of ``haystack``: lower-casing may change a text's length ("İ" is
    two characters in lower case), so the folded text carries the offset each of its characters
    comes from (``fold.folded_with_origins``)."""
    hi = len(haystack) if hi is None else hi
    needle = needle.strip()
    if not needle:
        return None
    window = haystack[lo:hi]
    found, fuzzy = _occurrence(window, needle), False
    if found is None or not found[2]:
        # in another case, without its accents or punctuation: a match of whole words wins
        q = folding.fold(needle).strip()
        if not q:
            return None
        folded, origins = folding.folded_with_origins(window)
        k, whole = _first_whole(folded, q, lambda c: c != " ")
        if k >= 0 and (whole or found is None):
            found = (*folding.span_of(window, origins, k, len(q)), whole)
        elif found is None:
            al = fuzz.partial_ratio_alignment(q, folded, score_cutoff=80)
            if al is None or al.dest_end <= al.dest_start:
                return None
            found = origins[al.dest_start], origins[al.dest_end - 1] + 1, False
            fuzzy = True
    span = _whole_words(window, found[0], found[1], trim=fuzzy)
    return None if span is None else (lo + span[0], lo + span[1])


def _occurrence(text: str, sub: str) -> tuple[int, int, bool] | None:
    """``(start, end, whole)`` of ``sub`` in ``text`` as typed (``_first_whole``), or None."""
    i, whole = _first_whole(text, sub, str.isalnum)
    return None if i < 0 else (i, i + len(sub), whole)


#: occurrences of a typed source looked at for one made of whole words (then the first is taken)
_MAX_OCCURRENCES = 200


def _first_whole(text: str, sub: str, in_word) -> tuple[int, bool]:
    """``(offset, True)`` of the first occurrence of ``sub`` in ``text`` that starts and ends at
    word boundaries (``in_word(c)``: ``c`` is part of a word), else ``(offset, False)`` of the
    first occurrence, else ``(-1, False)``."""
    first = i = text.find(sub)
    n = 0
    while i >= 0 and n < _MAX_OCCURRENCES:
        j = i + len(sub)
        if (i == 0 or not in_word(text[i - 1]) or not in_word(sub[0])) \
                and (j == len(text) or not in_word(text[j]) or not in_word(sub[-1])):
            return i, True
        i = text.find(sub, i + 1)
        n += 1
    return first, False


def _whole_words(text: str, start: int, end: int, trim: bool = False) -> tuple[int, int] | None:
    """``text[start:end]`` made of whole words: a word cut at either end is taken whole when at
    least half of it is inside, else left out ("The ministe" → "The minister", "he minister" →
    "The minister", "minister s" → "minister"). ``trim`` (a fuzzy match): white space and
    punctuation at its ends left out too (else they were typed: "[/bold]QQQQ")."""
    def word_char(i: int) -> bool:  # (a hyphen or an apostrophe ends a word: "Kremlin" in "pro-Kremlin")
        return 0 <= i < len(text) and text[i].isalnum()

    while trim and start < end and not text[start].isalnum():
        start += 1
    while trim and end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return None
    if word_char(start - 1):  # cut inside the first word
        a = start
        while word_char(a - 1):
            a -= 1
        b = start
        while b < end and word_char(b):
            b += 1
        if b - start >= start - a:
            start = a
        else:
            start = b
            while start < end and not text[start].isalnum():
                start += 1
    if start < end and word_char(end):  # cut inside the last word
        a = end
        while a > start and word_char(a - 1):
            a -= 1
        b = end
        while word_char(b):
            b += 1
        if end - a >= b - end:
            end = b
        else:
            end = a
            while end > start and not text[end - 1].isalnum():
                end -= 1
    return (start, end) if start < end else None


def locate_near(needle: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``needle`` (typed by a reviewer) stands nearest to ``text[start:end]``: inside it
    first, then in its paragraph, then anywhere in ``text`` (``locate`` at each step)."""
    para_s = text.rfind("\n", 0, start) + 1
    para_e = text.find("\n", end)
    para_e = len(text) if para_e < 0 else para_e
    return locate(needle, text, start, end) or locate(needle, text, para_s, para_e) or locate(needle, text)
