"""Similar claims across a corpus: an in-memory index that blocks candidates cheaply by shared
rare words, then lets rapidfuzz score only those.

Blocking: every claim is indexed under its distinct words of three letters or more (lower case,
accents kept). A query looks up its rarest words (very common words are never looked up), keeps
the claims that share the most of them, and scores only those with rapidfuzz: a claim against
claims with ``whole_score`` (plain, token-sorted and token-set ratios, lower when the lengths
differ a lot), free text with ``fuzz.WRatio`` (which adds partial ratios).

Free text: a claim that contains the text (case, accents and punctuation aside: ``fold``) always
ranks above one that does not. It scores 90 to 100 (100 when the text is the whole claim, less
the more of the claim lies outside the text), the others at most 89.9 (``CONTAINS``).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Container, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from workbench.linking.components import components
from workbench.linking.fold import fold

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
#: free text: the least score of a claim that contains it; the others score below it
CONTAINS = 90.0
#: claims containing a free text that are scored, at most
MAX_CONTAINING = 1000


def whole_score(a: str, b: str) -> float:
    """Similarity of two whole statements (rapidfuzz-processed texts), 0-100: the best of the
    plain, token-sorted and (x 0.95) token-set ratios, as ``WRatio`` without its partial
    ratios, which are slow on long claims; scaled down when one is much longer than the other."""
    s = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))
    r = min(len(a), len(b)) / max(len(a), len(b), 1)
    if r < LENGTH_RATIO:
        s *= max(r / LENGTH_RATIO, 0.5)
    return s


def whole_scores(q: str, texts: list[str]):
    """``whole_score(q, t)`` for each of ``texts`` in one batch (``process.cdist``, float64): a
    NumPy array of the very same values (the same ratios, and the same float operations)."""
    import numpy as np

    r1, r2, r3 = (process.cdist([q], texts, scorer=f, dtype=np.float64, workers=1)[0]
                  for f in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio))
    s = np.maximum(np.maximum(r1, r2), 0.95 * r3)
    lengths = np.fromiter(map(len, texts), dtype=np.float64, count=len(texts))
    r = np.minimum(len(q), lengths) / np.maximum(np.maximum(len(q), lengths), 1)
    return np.where(r < LENGTH_RATIO, s * np.maximum(r / LENGTH_RATIO, 0.5), s)


def words(text: str) -> set[str]:
    """The words a claim is indexed under: three letters or more, folded (``fold``), so that a
    query without its accents finds the claims."""
    return set(_WORD.findall(fold(text)))


def containing_score(folded_query: str, folded_text: str) -> float:
    """The score of a claim that contains the query: ``CONTAINS`` plus the share of the claim
    the query covers, up to 100."""
    return round(CONTAINS + (100.0 - CONTAINS) * len(folded_query) / max(len(folded_text.strip()), 1), 1)


@dataclass(frozen=True, slots=True)
class Match:
    id: int
    article_id: str
    text: str
    start: int
    end: int
    score: float


#: above this many postings to count, ``candidates`` counts them with NumPy (``_most_hits``)
BATCH_HITS = 600


def _most_hits(looked: list[array], taken: set[int], need: int) -> list[int]:
    """What ``candidates`` picks from the postings ``looked``, counted with NumPy: the positions
    in the order a dict of hits would list them (first seen first) when there are ``SCORED`` or
    fewer, else the ``SCORED`` with the most hits (at least ``need``), ties in first-seen order,
    as Python's stable sort would give them; ``taken`` left out."""
    import numpy as np

    seen = np.concatenate([np.frombuffer(p, dtype=np.int32) for p in looked])
    pos, first_at, counts = np.unique(seen, return_index=True, return_counts=True)
    if len(pos) <= SCORED:
        return [i for i in pos[np.argsort(first_at, kind="stable")].tolist() if i not in taken]
    keep = counts >= need
    if taken:
        keep &= ~np.isin(pos, np.fromiter(taken, dtype=np.int64, count=len(taken)))
    pos, first_at, counts = pos[keep], first_at[keep], counts[keep]
    return pos[np.lexsort((first_at, -counts))][:SCORED].tolist()


class SimilarityIndex:
    """Claims ``(id, article_id, text, start, end)``; ``query`` returns the best matches."""

    def __init__(self, claims: Iterable[tuple[int, str, str, int, int]] = ()) -> None:
        self.ids = array("q")
        self.starts = array("q")
        self.ends = array("q")
        self.article_ids: list[str] = []
        self.texts: list[str] = []
        self._processed: list[str | None] = []
        self._folded: list[str | None] = []
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
        self._folded.append(None)  # ``fold``, made on first use
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

    def _fold(self, i: int) -> str:
        s = self._folded[i]
        if s is None:
            s = self._folded[i] = fold(self.texts[i])
        return s

    def candidates(self, text: str, containing: str | None = None) -> list[int]:
        """Positions of the claims that share the most rare words with ``text``. ``containing``
        (a folded text): first every claim that contains it (``_containing``), then the others."""
        first = self._containing(containing) if containing else []
        cap = max(50, int(COMMON_SHARE * len(self.ids)))
        postings = self._postings
        found = [(len(p), w) for w in words(text) if (p := postings.get(w)) is not None and len(p) <= cap]
        if not found:
            return first
        found.sort()
        taken = set(first)
        need = 2 if len(found) >= 3 else 1
        looked = [postings[w] for _n, w in found[:QUERY_WORDS]]
        if sum(map(len, looked)) > BATCH_HITS:
            return first + _most_hits(looked, taken, need)
        hits: dict[int, int] = {}
        get = hits.get
        for p in looked:
            for i in p:
                hits[i] = get(i, 0) + 1
        if len(hits) <= SCORED:
            return first + [i for i in hits if i not in taken]
        best = sorted((i for i, n in hits.items() if n >= need and i not in taken), key=hits.__getitem__,
                      reverse=True)
        return first + best[:SCORED]

    def _containing(self, folded: str) -> list[int]:
        """Positions of the claims whose folded text contains ``folded`` (up to ``MAX_CONTAINING``).

        They are looked for among the postings of a word of it: an inner word is a whole word of
        such a claim; the first and last may be cut (the end of a word, the start of one), so
        they are looked up among the index's words that end or start with them; a query of
        words shorter than three letters is looked for in every claim."""
        ws = folded.split()
        if not ws:
            return []
        postings = self._postings
        inner = [w for w in ws[1:-1] if len(w) >= 3]
        if inner:
            lists = [postings.get(w) for w in inner]
            if any(p is None for p in lists):
                return []
            pool: Iterable[int] = min(lists, key=len)
        else:
            ends = [(ws[0], str.endswith), (ws[-1], str.startswith)] if len(ws) > 1 else [(ws[0], str.__contains__)]
            best: set[int] | None = None
            for w, test in ends:
                if len(w) < 3:
                    continue
                found = set()
                for k, p in postings.items():
                    if test(k, w):
                        found.update(p)
                if best is None or len(found) < len(best):
                    best = found
            pool = sorted(best) if best is not None else range(len(self.ids))
        out = []
        for i in pool:
            if folded in self._fold(i):
                out.append(i)
                if len(out) >= MAX_CONTAINING:
                    break
        return out

    def query(self, text: str, limit: int = 10, *, exclude_id: int | None = None,
              exclude_article: str | None = None, min_score: float = 0.0, whole: bool = False) -> list[Match]:
        """Best matches for ``text``. ``whole``: compare whole statements, so a claim much longer
        or shorter than ``text`` scores lower (a shared quotation inside a longer sentence is
        not the same claim); otherwise a claim containing ``text`` scores high (search)."""
        q = default_process(text)
        if not q:
            return []
        fq = None if whole else fold(text).strip()
        scored = []
        for i in self.candidates(text, fq):
            cid = self.ids[i]
            if cid == exclude_id or (exclude_article is not None and self.article_ids[i] == exclude_article):
                continue
            t = self._proc(i)
            if whole:
                s = whole_score(q, t)
                if s < min_score:
                    s = 0
            elif fq and fq in self._fold(i):
                s = containing_score(fq, self._fold(i))
            else:
                s = min(fuzz.WRatio(q, t, score_cutoff=min_score), CONTAINS - 0.1)
            if s and s >= min_score:
                scored.append((s, i))
        scored.sort(key=lambda x: (-x[0], self.ids[x[1]]))
        return [Match(self.ids[i], self.article_ids[i], self.texts[i], self.starts[i], self.ends[i], round(s, 1))
                for s, i in scored[:limit]]

    def first_among(self, cid: int, wanted: Container[int], limit: int = 10, min_score: float = 0.0) -> Match | None:
        """The first claim of ``wanted`` (ids) among ``similar_to(cid, limit, other_articles=False,
        min_score=min_score)``, or None: the same answer, much cheaper. Only the candidates in
        ``wanted`` are scored at first (in one batch, ``whole_scores``); when the best of them
        reaches ``min_score``, the others are looked at only to know whether ``limit`` of them
        rank above it (a higher score, or the same and a lower id), after ``_near`` has set
        aside those that cannot reach its score."""
        i = self._pos[cid]
        q = default_process(self.texts[i])
        if not q:
            return None
        ids = self.ids
        pool = [j for j in self.candidates(self.texts[i]) if j != i]
        mine = [j for j in pool if ids[j] in wanted]
        if not mine:
            return None
        best: tuple[float, int] | None = None
        for j, s in zip(mine, whole_scores(q, [self._proc(j) for j in mine]).tolist()):
            if s and s >= min_score and (best is None or (-s, ids[j]) < (-best[0], ids[best[1]])):
                best = (s, j)
        if best is None:
            return None
        s, b = best
        others = [j for j in pool if ids[j] not in wanted]
        if s >= 100:  # nothing scores above 100: only an equal score with a lower id ranks above
            others = [j for j in others if ids[j] < ids[b]]
        near = self._near(q, others, s) if len(others) >= limit else []
        if len(near) >= limit:
            scores = whole_scores(q, [self._proc(j) for j in near]).tolist()
            if sum(1 for j, t in zip(near, scores) if t > s or (t == s and ids[j] < ids[b])) >= limit:
                return None
        return Match(ids[b], self.article_ids[b], self.texts[b], self.starts[b], self.ends[b], round(s, 1))

    def _near(self, q: str, pool: list[int], score: float) -> list[int]:
        """Those of the claims at ``pool`` whose ``whole_score`` against the processed text ``q``
        may reach ``score``: it is at most the best of its three ratios (token set: x 0.95), so a
        claim none of whose ratios reaches ``score`` (``score / 0.95``) cannot. Found by
        ``process.cdist`` with cut-offs, in one batch per ratio, a margin below them so that no
        float rounding sets aside a claim that could; the rest are for ``whole_score`` to judge."""
        if not pool or score <= 0:
            return pool
        texts = [self._proc(j) for j in pool]
        near = None
        for scorer, cutoff in ((fuzz.ratio, score), (fuzz.token_sort_ratio, score), (fuzz.token_set_ratio, score / 0.95)):
            if cutoff - 1e-3 > 100:
                continue  # 0.95 x the token set ratio cannot reach a score above 95
            got = process.cdist([q], texts, scorer=scorer, score_cutoff=max(cutoff - 1e-3, 0), workers=1)[0] > 0
            near = got if near is None else near | got
        return [pool[k] for k in near.nonzero()[0]]

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
