"""Near-duplicate articles (the same wire story in two outlets, a reprint with small edits).

Blocking: a fingerprint of each article is a MinHash of the set of clauses of its sentences
(pieces of 20 characters or more between commas and sentence ends, compared without spaces or
case): the least value of
each of ``K`` hash functions. Two articles become candidates when all the minima of one band of
``ROWS`` are equal (locality-sensitive hashing) and they share enough minima overall; rapidfuzz then compares the texts, and a score of ``THRESHOLD`` or more makes them
near copies. Fingerprints are stored with the articles, so an import compares new articles with
the whole database without reading its texts (only the few candidates' texts are read).
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

K = 24
ROWS = 4
MIN_UNIT = 20
THRESHOLD = 90.0
#: fingerprints agreeing on fewer of their K minima than this share are not compared further
MIN_ESTIMATE = 0.6
#: a band found in more articles than this is not used for blocking (boilerplate sentences)
COMMON_BAND = 200

_NOT_ALNUM = re.compile(r"[\W_]+")
_RND = random.Random(20261122)
#: K multiply-shift hash functions over the sentences' crc32 (fixed: fingerprints are stored)
_MULTIPLIERS = tuple(_RND.getrandbits(64) | 1 for _ in range(K))
_M64 = (1 << 64) - 1


def _norm(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFC", text).lower())


def fingerprint(sentences: Iterable[str]) -> str:
    """The MinHash of a set of sentences (K minima, as text; "" for no sentence). The import
    gives the extractor's candidate sentences, so page furniture, which differs from outlet to
    outlet, is left out. Accents are compared composed (NFC): the same story with decomposed
    accents (NFD, as some systems write them) is the same text, and NFC text hashes as before."""
    # units: the clauses of the sentences (a word changed in a sentence changes one clause)
    hs = {zlib.crc32(n.encode("utf-8")) for s in sentences
          for clause in unicodedata.normalize("NFC", s).lower().replace(";", ",").replace(":", ",").split(",")
          if len(n := "".join(clause.split())) >= MIN_UNIT}
    if not hs:
        return ""
    return " ".join(str(min([(h * a) & _M64 for h in hs]) >> 32) for a in _MULTIPLIERS)


def text_fingerprint(text: str) -> str:
    """``fingerprint`` of the sentences of a whole text (split at sentence ends)."""
    low = text.replace("!", ".").replace("?", ".").replace("…", ".").replace("\n", ".")
    return fingerprint(low.split("."))


def _bands(parts: list[str]) -> list[tuple]:
    return [(b, tuple(parts[b:b + ROWS])) for b in range(0, len(parts) - ROWS + 1, ROWS)]


def estimated_similarity(a: str, b: str) -> float:
    """Share of the K minima the two fingerprints have in common (estimates the Jaccard
    similarity of their sentence sets)."""
    return _agreement(a.split(), b.split())


def _agreement(pa: list[str], pb: list[str]) -> float:
    """``estimated_similarity`` of two fingerprints already split into their minima."""
    if not pa or len(pa) != len(pb):
        return 0.0
    return sum(map(str.__eq__, pa, pb)) / len(pa)


def text_similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """rapidfuzz's ratio of the two texts (0-100), on letters and digits only (0 below ``cutoff``)."""
    return fuzz.ratio(_norm(a), _norm(b), score_cutoff=cutoff)


class NearDupIndex:
    def __init__(self) -> None:
        self._bands: dict[tuple, list[str]] = {}
        self._fps: dict[str, list[str]] = {}  # (split into their minima once)

    def __len__(self) -> int:
        return len(self._fps)

    def add(self, article_id: str, fp: str | None) -> None:
        if not fp:
            return
        parts = self._fps[article_id] = fp.split()
        for band in _bands(parts):
            self._bands.setdefault(band, []).append(article_id)

    def candidates(self, fp: str | None) -> list[str]:
        if not fp:
            return []
        hits: dict[str, int] = {}
        get = hits.get
        parts = fp.split()
        for band in _bands(parts):
            ids = self._bands.get(band, ())
            if len(ids) > COMMON_BAND:
                continue  # sentences that many articles share say nothing about copies
            for aid in ids:
                hits[aid] = get(aid, 0) + 1
        # a cheap check on the fingerprints before any text is compared
        fps = self._fps
        return [aid for aid in hits if _agreement(parts, fps[aid]) >= MIN_ESTIMATE]

    def near_copies(self, fp: str | None, text: str, text_of: Callable[[str], str],
                    threshold: float = THRESHOLD) -> list[tuple[str, float]]:
        """Articles of the index that ``text`` is a near copy of, best first: ``(id, score)``."""
        out = []
        for aid in self.candidates(fp):
            score = text_similarity(text, text_of(aid), threshold)
            if score >= threshold:
                out.append((aid, round(score, 1)))
        out.sort(key=lambda x: -x[1])
        return out
