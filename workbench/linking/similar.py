"""Similar claims across a corpus: an in-memory index that blocks candidates cheaply by shared
rare words, then lets rapidfuzz score only those.

Blocking: every claim is indexed under its distinct words of three letters or more (lower case,
accents kept). A query looks up its rarest words (very common words are never looked up), keeps
the claims that share the most of them, and scores only those with rapidfuzz: a claim against
claims with ``whole_score`` (plain, token-sorted and token-set ratios, lower when the lengths
differ a lot), free text with ``fuzz.WRatio`` (which adds partial ratios, so a phrase finds the
claims that contain it).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from workbench.linking.components import components

_WORD = re.compile(r"\w{3,}")
#: rarest query words looked up
QUERY_WORDS = 8
#: a word in more claims than this share of the corpus is too common to block on
COMMON_SHARE = 0.02
#: candidates scored per query (the ones sharing the most rare words)
SCORED = 200
#: score above which two claims are taken as the same statement
SAME_STATEMENT = 90.0
#: whole-statement comparison: below this ratio of lengths, the score is scaled down
LENGTH_RATIO = 0.67


def whole_score(a: str, b: str) -> float:
    """Similarity of two whole statements (rapidfuzz-processed texts), 0-100: the best of the
    plain, token-sorted and (x 0.95) token-set ratios, as ``WRatio`` without its partial
    ratios, which are slow on long claims; scaled down when one is much longer than the other."""
    s = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))
    r = min(len(a), len(b)) / max(len(a), len(b), 1)
    if r < LENGTH_RATIO:
        s *= max(r / LENGTH_RATIO, 0.5)
    return s


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class Match:
    id: int
    article_id: str
    text: str
    start: int
    end: int
    score: float


class SimilarityIndex:
    """Claims ``(id, article_id, text, start, end)``; ``query`` returns the best matches."""

    def __init__(self, claims: Iterable[tuple[int, str, str, int, int]] = ()) -> None:
        self.ids = array("q")
        self.starts = array("q")
        self.ends = array("q")
        self.article_ids: list[str] = []
        self.texts: list[str] = []
        self._processed: list[str | None] = []
        self._postings: dict[str, array] = {}
        self._pos: dict[int, int] = {}
        for c in claims:
            self.add(*c)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, cid: int, article_id: str, text: str, start: int, end: int) -> None:
        i = len(self.ids)
        self.ids.append(cid)
        self.starts.append(start)
        self.ends.append(end)
        self.article_ids.append(article_id)
        self.texts.append(text)
        self._processed.append(None)  # rapidfuzz's normalised form, made on first use
        self._pos[cid] = i
        postings = self._postings
        for w in words(text):
            p = postings.get(w)
            if p is None:
                postings[w] = array("i", (i,))
            else:
                p.append(i)

    def __contains__(self, cid: int) -> bool:
        return cid in self._pos

    def text_of(self, cid: int) -> str:
        return self.texts[self._pos[cid]]

    def article_of(self, cid: int) -> str:
        return self.article_ids[self._pos[cid]]

    def _proc(self, i: int) -> str:
        s = self._processed[i]
        if s is None:
            s = self._processed[i] = default_process(self.texts[i])
        return s

    def candidates(self, text: str) -> list[int]:
        """Positions of the claims that share the most rare words with ``text``."""
        cap = max(50, int(COMMON_SHARE * len(self.ids)))
        postings = self._postings
        found = [(len(p), w) for w in words(text) if (p := postings.get(w)) is not None and len(p) <= cap]
        if not found:
            return []
        found.sort()
        hits: dict[int, int] = {}
        get = hits.get
        for _n, w in found[:QUERY_WORDS]:
            for i in postings[w]:
                hits[i] = get(i, 0) + 1
        if len(hits) <= SCORED:
            return list(hits)
        need = 2 if len(found) >= 3 else 1
        best = sorted((i for i, n in hits.items() if n >= need), key=hits.__getitem__, reverse=True)
        return best[:SCORED]

    def query(self, text: str, limit: int = 10, *, exclude_id: int | None = None,
              exclude_article: str | None = None, min_score: float = 0.0, whole: bool = False) -> list[Match]:
        """Best matches for ``text``. ``whole``: compare whole statements, so a claim much longer
        or shorter than ``text`` scores lower (a shared quotation inside a longer sentence is
        not the same claim); otherwise a claim containing ``text`` scores high (search)."""
        q = default_process(text)
        if not q:
            return []
        scored = []
        for i in self.candidates(text):
            cid = self.ids[i]
            if cid == exclude_id or (exclude_article is not None and self.article_ids[i] == exclude_article):
                continue
            t = self._proc(i)
            if whole:
                s = whole_score(q, t)
                if s < min_score:
                    s = 0
            else:
                s = fuzz.WRatio(q, t, score_cutoff=min_score)
            if s:
                scored.append((s, i))
        scored.sort(key=lambda x: (-x[0], self.ids[x[1]]))
        return [Match(self.ids[i], self.article_ids[i], self.texts[i], self.starts[i], self.ends[i], round(s, 1))
                for s, i in scored[:limit]]

    def similar_to(self, cid: int, limit: int = 10, *, other_articles: bool = True,
                   min_score: float = 0.0) -> list[Match]:
        """Claims like claim ``cid`` (in other articles, by default)."""
        i = self._pos[cid]
        return self.query(self.texts[i], limit, exclude_id=cid,
                          exclude_article=self.article_ids[i] if other_articles else None, min_score=min_score,
                          whole=True)


def groups(index: SimilarityIndex, ids: Iterable[int], threshold: float = SAME_STATEMENT) -> list[list[int]]:
    """Groups (connected components) of the claims ``ids`` that are the same statement as one
    another (score >= ``threshold``), only groups of two or more, each sorted."""
    ids = [c for c in ids if c in index]
    wanted = set(ids)
    edges = [(c, m.id) for c in ids
             for m in index.similar_to(c, limit=20, other_articles=False, min_score=threshold) if m.id in wanted]
    out: dict[int, list[int]] = {}
    for c, root in components(ids, edges).items():
        out.setdefault(root, []).append(c)
    return sorted((sorted(g) for g in out.values() if len(g) > 1), key=lambda g: g[0])
