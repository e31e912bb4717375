"""Re-anchoring annotated spans when an article's text changes.

An article re-imported after a correction, an inserted paragraph, fixed typos, removed page
furniture or reordered paragraphs keeps its annotations (claims and their source spans, given as
character offsets into the OLD text) only if every span is moved to where its text now stands in
the NEW text, or declared orphaned when its text is gone. This module does that and nothing else:
no database, no UI, the standard library and rapidfuzz only. It never misplaces silently: when the
evidence for a place is weak or ambiguous, the span is orphaned (``None``).

    from workbench.linking.anchor import reanchor, reanchor_claims
    anchors = reanchor(old, new, [(120, 245), (300, 410)])      # Anchor | None per span
    pairs = reanchor_claims(old, new, [((120, 245), (180, 200)), ((300, 410), None)])

How a span is placed
--------------------
Both texts are first put in a *canonical form*, used for matching only: every run of whitespace
becomes one space, or one ``\n`` when it holds a line break (so CRLF, no-break and narrow no-break
spaces, tabs, doubled spaces, trailing spaces and blank lines are not changes); zero-width
characters and soft hyphens are dropped; typographic apostrophes, double quotes and hyphens are
folded to ASCII. Each canonical character remembers the raw characters it stands for: results
are raw offsets of the new text.

1. **Alignment** (once per pair of texts). Common prefix and suffix (whole lines), then
   ``difflib.SequenceMatcher`` on lines (paragraphs). Changed lines in place are aligned word by
   word (and inside a changed word, its common beginning and end), lines that moved verbatim are
   paired by their text, lines that moved *and* changed by similarity (rapidfuzz ``ratio`` >=
   ``LINE_PAIR_MIN``). The result is a list of equal blocks (old offset, new offset, length):
   every old offset gets an expected new place (``map_offset``: exact inside a block,
   interpolated between blocks).
2. **Exact text.** When the span's canonical text occurs in the new text, an occurrence is taken
   on evidence, strongest first:
   - the alignment holds the span in one block that reaches ``CONTEXT_MIN_CHARS`` beyond it and
     whose text occurs once in each text (unless that block moved and an edited copy of the span
     stayed at the old place: then both compete by context, below);
   - occurrences that the alignment surely gives to *another* old copy of the text are never
     taken, nor ones aligned with other old text (an edited copy stood there);
   - one remaining occurrence, no other unplaced old copy: taken if the span is long (>=
     ``LONG_SPAN`` chars), is where the alignment puts it, or shares some context;
   - else by *context*: how far the characters around the span go on unchanged around each
     candidate (both sides, a few typos bridged); the best must reach ``CONTEXT_MIN`` and beat
     every other candidate, and every other unplaced old copy of the text, by ``CONTEXT_MARGIN``.
   The span's aligned place, when its text there changed a little, competes as a candidate too.
3. **Changed text.** The region the alignment maps the span to, its ends snapped to boundaries
   like the original's (a span ending on a full stop or a closing quote ends on the same; one
   starting at a word start starts at one), scored with rapidfuzz ``ratio``: it must reach
   ``min_score`` (default 90: a fixed typo or a changed figure passes, a rewritten sentence
   does not), or, for a short span held by the alignment at both ends, differ by one typo
   (``TYPO_EDITS``). Failing that, the best ``partial_ratio_alignment`` in a window around the
   expected place; failing that, when the span's old place is gone altogether (moved and
   rewritten around it), the whole text, with ``GLOBAL_MIN_SCORE``, some shared context and no
   second match nearly as good.
4. **Last check.** A place is refused when the context it shares with the span also surrounds
   another copy or near copy of the span in the old text, whose context goes on about as far
   there: that copy may be the one that went there (say, a duplicated paragraph whose typo was
   fixed). Whatever is not placed is orphaned: ``None``.

Results: ``Anchor(start, end, method, score)`` in raw offsets of the new text, with
``0 <= start < end <= len(new)``. ``method == "exact"`` means ``new[start:end] == old[s:e]``
(score 100); ``"fuzzy"`` means the text differs: typos, figures, or only whitespace and quote
style (those score 100: the score is the similarity of the canonical texts, 0-100).

Source spans inside a claim
---------------------------
A source span (who said it) must stay inside its claim. ``reanchor_claims`` /
``reanchor_nested`` anchor the claim first, then the source *within the new claim span* (the old
claim text against the new claim text): an exactly re-anchored claim carries its source along
unchanged; a fuzzily re-anchored one has its source re-anchored inside it; an orphaned claim
orphans its source. A source outside its claim is anchored on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

__all__ = [
    "DEFAULT_MIN_SCORE",
    "Anchor",
    "Reanchorer",
    "map_offset",
    "reanchor",
    "reanchor_claims",
    "reanchor_nested",
]

Span = tuple[int, int]

#: a fuzzy match must score at least this (rapidfuzz ``ratio`` of the canonical texts, 0-100)
DEFAULT_MIN_SCORE = 90.0
#: ... or, at the place the alignment gives it with both its end characters, at most this many
#: characters inserted or deleted (one typo: a substitution or a swap is 2) in a span this long
TYPO_EDITS = 2
TYPO_MIN_CHARS = 5
#: a fuzzy match found away from the span's mapped place (whole-text search) needs this much
GLOBAL_MIN_SCORE = 95.0
#: a text this long that occurs once in each text is the same span (when nothing contradicts it)
LONG_SPAN = 32
#: context: how many characters around a span go on unchanged around a candidate place (both
#: sides, up to ``CONTEXT_CAP`` each, ``CONTEXT_TYPOS`` typos bridged per side); a side where both
#: texts end counts ``BOUNDARY``
CONTEXT_CAP = 2048
CONTEXT_TYPOS = 2
BOUNDARY = 64
#: the context a place shares with the span (up to ``PROBE`` chars each side, used from
#: ``PROBE_MIN``) must not also surround a copy of the span (``ratio`` >= ``NEAR_COPY``) elsewhere
PROBE = 48
PROBE_MIN = 12
PROBE_HITS = 64
NEAR_COPY = 85.0
#: context needed to choose a place by context, and by how much it must beat the next best
CONTEXT_MIN = 16
CONTEXT_MARGIN = 16
#: an aligned block must reach this far beyond the span to place it on its own
CONTEXT_MIN_CHARS = 12
#: occurrences of a span text looked at, beyond that the text is too common to place by search
MAX_OCCURRENCES = 200
#: lines that moved and changed are paired when this similar (rapidfuzz ``ratio``)
LINE_PAIR_MIN = 70.0
#: lines shorter than this are not paired across the text (too many look alike)
LINE_PAIR_MIN_CHARS = 16
#: a block of changed lines is aligned word by word up to this size (chars on each side)
WORD_DIFF_MAX = 60_000
#: ... and kept only when at least this share of the smaller side aligns
WORD_DIFF_MIN_SHARE = 0.3
#: (counting runs of at least this many aligned characters)
SOLID_RUN = 16
#: ... or, before lines that moved verbatim are paired, this share
IN_PLACE_MIN_SHARE = 0.6
#: a changed run of words has its common beginning and end aligned up to this size
CHAR_DIFF_MAX = 80


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an old span now stands, in raw offsets of the new text."""

    start: int
    end: int
    method: str  # "exact" (same characters) | "fuzzy" (text changed, see ``score``)
    score: float  # similarity of the canonical texts, 0-100 (100 for exact)


# ---------------------------------------------------------------------------------------------
# Canonical form: what counts as "the same text"
# ---------------------------------------------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
})
# runs of 2+ whitespace, any whitespace other than a plain space, invisible characters
_SPECIAL = re.compile(r"\s{2,}|[^\S ]|[\u00ad\u200b-\u200d\u2060\ufeff]+")
_NEWLINE = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
_WORD = re.compile(r"\w+")


class _Text:
    """A raw text and its canonical form; canonical char ``i`` stands for ``raw[starts[i]:ends[i]]``."""

    __slots__ = ("raw", "text", "starts", "ends")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        if not _SPECIAL.search(raw):
            self.text = raw.translate(_FOLD)
            self.starts = self.ends = None  # identity
            return
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in _SPECIAL.finditer(raw):
            a, b = m.span()
            if a > pos:
                parts.append(raw[pos:a])
                starts.extend(range(pos, a))
                ends.extend(range(pos + 1, a + 1))
            if raw[a].isspace():
                parts.append("\n" if _NEWLINE.search(raw, a, b) else " ")
                starts.append(a)
                ends.append(b)
            pos = b  # invisible characters: dropped
        if pos < len(raw):
            parts.append(raw[pos:])
            starts.extend(range(pos, len(raw)))
            ends.extend(range(pos + 1, len(raw) + 1))
        self.text = "".join(parts).translate(_FOLD)
        self.starts, self.ends = starts, ends

    def canon_span(self, s: int, e: int) -> Span:
        """The canonical characters wholly inside ``raw[s:e]``."""
        if self.starts is None:
            return s, e
        return bisect_left(self.starts, s), bisect_right(self.ends, e)

    def canon_offset(self, x: int) -> int:
        return x if self.starts is None else bisect_left(self.starts, x)

    def raw_span(self, a: int, b: int) -> Span:
        if self.starts is None:
            return a, b
        return self.starts[a], self.ends[b - 1]

    def raw_offset(self, x: int) -> int:
        if self.starts is None:
            return x
        return self.starts[x] if x < len(self.starts) else len(self.raw)


# ---------------------------------------------------------------------------------------------
# Alignment of the two canonical texts
# ---------------------------------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    hi = min(len(a), len(b))
    if a[:hi] == b[:hi]:
        return hi
    lo = 0  # a[:lo] == b[:lo] and a[:hi+1] != b[:hi+1]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    hi = min(limit, len(a), len(b))
    if hi <= 0:
        return 0
    if a[len(a) - hi:] == b[len(b) - hi:]:
        return hi
    lo = 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:len(a) - lo] == b[len(b) - mid:len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _offsets(parts: list[str]) -> list[int]:
    return list(accumulate(map(len, parts), initial=0))


def _char_blocks(x: str, y: str, ox: int, oy: int, out: list) -> None:
    """A changed run of words: its common beginning and end (a typo inside a word leaves the
    letters around it aligned)."""
    if len(x) > CHAR_DIFF_MAX or len(y) > CHAR_DIFF_MAX:
        return
    p = _common_prefix(x, y)
    s = _common_suffix(x, y, min(len(x), len(y)) - p)
    if p:
        out.append((ox, oy, p))
    if s:
        out.append((ox + len(x) - s, oy + len(y) - s, s))


def _word_blocks(x: str, y: str, ox: int, oy: int, out: list) -> int:
    """Word alignment of two changed regions (then character alignment of changed words);
    returns the characters aligned in runs of at least ``SOLID_RUN`` (chance matches of common
    words between unrelated paragraphs are shorter)."""
    tx, ty = _TOKEN.findall(x), _TOKEN.findall(y)
    px, py = _offsets(tx), _offsets(ty)
    n = min(len(tx), len(ty))
    i = 0
    while i < n and tx[i] == ty[i]:
        i += 1
    j = 0
    while j < n - i and tx[len(tx) - 1 - j] == ty[len(ty) - 1 - j]:
        j += 1
    # a common beginning or end is taken as aligned when it is long, or when with the other it
    # covers one side (a pure insertion or deletion); a short one may be a chance match (an
    # inserted paragraph ending in ".\n" like the old one): the matcher decides
    whole = i + j in (len(tx), len(ty))
    if not whole and px[i] < SOLID_RUN:
        i = 0
    if not whole and px[-1] - px[len(tx) - j] < SOLID_RUN:
        j = 0
    matched = 0
    if i:
        out.append((ox, oy, px[i]))
        matched += px[i] if px[i] >= SOLID_RUN else 0
    ex, ey = len(tx) - j, len(ty) - j
    if i < ex and i < ey:
        sm = SequenceMatcher(None, tx[i:ex], ty[i:ey], autojunk=False)
        for tag, a1, a2, b1, b2 in sm.get_opcodes():
            a1, a2, b1, b2 = a1 + i, a2 + i, b1 + i, b2 + i
            if tag == "equal":
                out.append((ox + px[a1], oy + py[b1], px[a2] - px[a1]))
                matched += px[a2] - px[a1] if px[a2] - px[a1] >= SOLID_RUN else 0
            elif tag == "replace":
                _char_blocks(x[px[a1]:px[a2]], y[py[b1]:py[b2]], ox + px[a1], oy + py[b1], out)
    if j:
        out.append((ox + px[ex], oy + py[ey], px[-1] - px[ex]))
        matched += px[-1] - px[ex] if px[-1] - px[ex] >= SOLID_RUN else 0
    return matched


def _cover(cov: dict[int, int], starts: list[int], at: int, length: int) -> None:
    """Adds the characters of ``[at, at + length)`` to the coverage of the lines they fall in."""
    i = bisect_right(starts, at) - 1
    end = at + length
    while i < len(starts) - 1 and starts[i] < end:
        if i in cov:
            cov[i] += min(end, starts[i + 1]) - max(at, starts[i])
        i += 1


def _align(a: str, b: str) -> list[tuple[int, int, int]]:
    """Equal blocks ``(old, new, length)`` of two canonical texts, sorted by ``old``, disjoint
    on each side (a block may be out of order on the new side: a moved paragraph)."""
    blocks: list[tuple[int, int, int]] = []
    p = _common_prefix(a, b)
    if p < min(len(a), len(b)):
        p = a.rfind("\n", 0, p) + 1  # cut back to a line start: no half-line matched by chance
    s = _common_suffix(a, b, min(len(a), len(b)) - p)
    if s and s < min(len(a), len(b)) - p:
        q = len(a) - s
        if q > 0 and a[q - 1] != "\n":
            k = a.find("\n", q)
            s = 0 if k < 0 else len(a) - (k + 1)
    if p:
        blocks.append((0, 0, p))
    if s:
        blocks.append((len(a) - s, len(b) - s, s))
    ma, mb = a[p:len(a) - s], b[p:len(b) - s]
    if ma and mb:
        _align_lines(ma, mb, p, p, blocks)
    return _merge(blocks)


def _align_lines(a: str, b: str, oa: int, ob: int, blocks: list) -> None:
    """Equal blocks of the lines ``a`` and ``b`` (at offsets ``oa``, ``ob`` of their texts)
    appended to ``blocks``: equal lines first, then changed lines in place, lines moved
    verbatim, less similar lines in place, and lines that moved and changed."""
    lines = _LineAlignment(a, b, oa, ob, blocks)
    # first the lines edited in place: a paragraph whose typo was fixed stays where it was even
    # when a verbatim copy of its old text stands elsewhere
    lines.in_place(IN_PLACE_MIN_SHARE)
    lines.pair_verbatim()
    # then the less similar blocks of changed lines in place
    lines.in_place(WORD_DIFF_MIN_SHARE)
    lines.pair_similar()


class _LineAlignment:
    """The lines of two texts, the blocks found so far and the lines still free on each side."""

    def __init__(self, a: str, b: str, oa: int, ob: int, blocks: list) -> None:
        self.a, self.b, self.oa, self.ob, self.blocks = a, b, oa, ob, blocks
        self.la, self.lb = la, lb = _LINE.findall(a), _LINE.findall(b)
        self.pa, self.pb = pa, pb = _offsets(la), _offsets(lb)
        self.free_a: set[int] = set()
        self.free_b: set[int] = set()
        self.replaces: list[tuple[int, int, int, int]] = []
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
            if tag == "equal":
                blocks.append((oa + pa[i1], ob + pb[j1], pa[i2] - pa[i1]))
                continue
            self.free_a.update(range(i1, i2))
            self.free_b.update(range(j1, j2))
            if tag == "replace":
                self.replaces.append((i1, i2, j1, j2))

    def in_place(self, min_share: float) -> None:
        """Changed lines in place (a replace block): aligned word by word when similar enough
        (an edited paragraph, a paragraph split or merged); only the lines with a solid run of
        aligned text are taken (the others may have moved: they are paired later)."""
        a, b, pa, pb, free_a, free_b = self.a, self.b, self.pa, self.pb, self.free_a, self.free_b
        for i1, i2, j1, j2 in self.replaces:
            ia = sorted(i for i in range(i1, i2) if i in free_a)
            jb = sorted(j for j in range(j1, j2) if j in free_b)
            if not ia or not jb or ia[-1] - ia[0] + 1 != len(ia) or jb[-1] - jb[0] + 1 != len(jb):
                continue
            x, y = a[pa[ia[0]]:pa[ia[-1] + 1]], b[pb[jb[0]]:pb[jb[-1] + 1]]
            if len(x) > WORD_DIFF_MAX or len(y) > WORD_DIFF_MAX:
                continue
            found: list = []
            matched = _word_blocks(x, y, self.oa + pa[ia[0]], self.ob + pb[jb[0]], found)
            if matched < min_share * min(len(x), len(y)):
                continue
            take_a, take_b = self._solid_lines(found, ia, jb)
            if not take_a or not take_b:
                continue
            self._take(found, take_a, take_b)
            free_a.difference_update(take_a)
            free_b.difference_update(take_b)

    def _solid_lines(self, found: list, ia: list[int], jb: list[int]) -> tuple[set[int], set[int]]:
        """The lines of ``ia`` and ``jb`` that the solid runs of ``found`` cover enough."""
        cov_a = dict.fromkeys(ia, 0)
        cov_b = dict.fromkeys(jb, 0)
        for o, n, length in found:
            if length >= SOLID_RUN:
                _cover(cov_a, self.pa, o - self.oa, length)
                _cover(cov_b, self.pb, n - self.ob, length)
        take_a = {i for i in ia if cov_a[i] >= min(SOLID_RUN, 0.5 * len(self.la[i]))}
        take_b = {j for j in jb if cov_b[j] >= min(SOLID_RUN, 0.5 * len(self.lb[j]))}
        return take_a, take_b

    def _take(self, found: list, take_a: set[int], take_b: set[int]) -> None:
        """The blocks of ``found`` that lie within taken lines on both sides."""
        oa, ob, pa, pb = self.oa, self.ob, self.pa, self.pb
        for o, n, length in found:
            i = bisect_right(pa, o - oa) - 1
            j = bisect_right(pb, n - ob) - 1
            if i in take_a and j in take_b and o - oa + length <= pa[i + 1] and n - ob + length <= pb[j + 1]:
                self.blocks.append((o, n, length))
            elif i in take_a and j in take_b:  # runs on into the next line: keep it if that is taken too
                i2 = bisect_right(pa, o - oa + length - 1) - 1
                j2 = bisect_right(pb, n - ob + length - 1) - 1
                if all(k in take_a for k in range(i, i2 + 1)) and all(k in take_b for k in range(j, j2 + 1)):
                    self.blocks.append((o, n, length))

    def pair_verbatim(self) -> None:
        """Lines that moved verbatim: the same (long enough) text once on each side."""
        la, lb = self.la, self.lb
        by_a: dict[str, list[int]] = {}
        by_b: dict[str, list[int]] = {}
        for i in self.free_a:
            if len(la[i].strip()) >= LINE_PAIR_MIN_CHARS:
                by_a.setdefault(la[i].rstrip("\n"), []).append(i)
        for j in self.free_b:
            if len(lb[j].strip()) >= LINE_PAIR_MIN_CHARS:
                by_b.setdefault(lb[j].rstrip("\n"), []).append(j)
        for k, ia in by_a.items():
            jb = by_b.get(k)
            if jb and len(ia) == 1 and len(jb) == 1:
                i, j = ia[0], jb[0]
                self.blocks.append((self.oa + self.pa[i], self.ob + self.pb[j], len(k)))
                self.free_a.discard(i)
                self.free_b.discard(j)

    def pair_similar(self) -> None:
        """Lines that moved and changed: paired by similarity, then aligned word by word."""
        la, lb = self.la, self.lb
        ca = [i for i in sorted(self.free_a) if len(la[i].strip()) >= LINE_PAIR_MIN_CHARS]
        cb = [j for j in sorted(self.free_b) if len(lb[j].strip()) >= LINE_PAIR_MIN_CHARS]
        if not (ca and cb and len(ca) * len(cb) <= 250_000):
            return
        choices = [lb[j] for j in cb]
        pairs = []
        for i in ca:
            for _, score, k in process.extract(la[i], choices, scorer=fuzz.ratio, limit=3,
                                               score_cutoff=LINE_PAIR_MIN):
                pairs.append((score, i, cb[k]))
        pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        for _, i, j in pairs:
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            _word_blocks(la[i], lb[j], self.oa + self.pa[i], self.ob + self.pb[j], self.blocks)


def _merge(blocks: list) -> list:
    """Sorted blocks, with neighbours that continue each other on both sides joined."""
    blocks.sort()
    out: list[list[int]] = []
    for o, n, length in blocks:
        if length <= 0:
            continue
        if out and out[-1][0] + out[-1][2] == o and out[-1][1] + out[-1][2] == n:
            out[-1][2] += length
            continue
        out.append([o, n, length])
    return [tuple(b) for b in out]


def _occurrences(text: str, sub: str, limit: int) -> list[int]:
    out: list[int] = []
    q = text.find(sub)
    while q >= 0 and len(out) < limit:
        out.append(q)
        q = text.find(sub, q + 1)
    return out


def _extend(a: str, i: int, b: str, j: int, step: int) -> int:
    """Characters matching from ``a[i]`` and ``b[j]`` onwards (``step`` 1) or backwards (-1),
    bridging up to ``CONTEXT_TYPOS`` typos (a character changed, added, dropped or swapped)."""
    total = misses = 0
    chunk = 256
    while total < CONTEXT_CAP:
        if step > 0:
            n = _common_prefix(a[i:i + chunk], b[j:j + chunk])
            i, j = i + n, j + n
            end_a, end_b = i >= len(a), j >= len(b)
        else:
            n = _common_suffix(a[max(0, i - chunk):i], b[max(0, j - chunk):j], chunk)
            i, j = i - n, j - n
            end_a, end_b = i <= 0, j <= 0
        total += n
        if end_a and end_b:
            return total + BOUNDARY
        if end_a or end_b or misses == CONTEXT_TYPOS:
            break
        if n == chunk:
            continue
        misses += 1
        best = None
        for di, dj in ((1, 1), (1, 0), (0, 1), (2, 2)):
            if step > 0:
                m = _common_prefix(a[i + di:i + di + 12], b[j + dj:j + dj + 12])
            elif i - di >= 0 and j - dj >= 0:
                m = _common_suffix(a[max(0, i - di - 12):i - di], b[max(0, j - dj - 12):j - dj], 12)
            else:
                continue
            if m >= 8 and (best is None or m > best[0]):
                best = (m, di, dj)
        if best is None:
            break
        i, j = i + step * best[1], j + step * best[2]
    return min(total, CONTEXT_CAP)


# ---------------------------------------------------------------------------------------------
# The re-anchorer
# ---------------------------------------------------------------------------------------------


class Reanchorer:
    """Aligns ``old`` with ``new`` once; then anchors any number of old spans.

    ``min_score``: the least rapidfuzz ``ratio`` (0-100) for a span whose text changed.
    """

    def __init__(self, old: str, new: str, *, min_score: float = DEFAULT_MIN_SCORE) -> None:
        self.old_raw, self.new_raw = old, new
        self.min_score = min_score
        self._old = _Text(old)
        self._new = _Text(new)
        self._same = old == new
        a, b = self._old.text, self._new.text
        blocks = [(0, 0, len(a))] if a == b and a else _align(a, b)
        self._ob = [bl[0] for bl in blocks]
        self._nb = [bl[1] for bl in blocks]
        self._ln = [bl[2] for bl in blocks]
        self._unique: dict[int, bool] = {}
        rev = sorted(range(len(blocks)), key=lambda k: self._nb[k])
        self._rnb = [self._nb[k] for k in rev]
        self._rk = rev
        self._old_occ: dict[str, list[int]] = {}
        self._new_occ: dict[str, list[int]] = {}
        self._new_words: set[str] | None = None
        self._memo: dict[Span, Anchor | None] = {}

    # -- offsets ------------------------------------------------------------------------------

    def _map(self, x: int, end: bool = False) -> int:
        """Expected canonical new position of canonical old offset ``x`` (``end``: of a span end)."""
        ob, nb, ln = self._ob, self._nb, self._ln
        key = x - 1 if end else x
        i = bisect_right(ob, key) - 1
        if i >= 0 and key < ob[i] + ln[i]:
            return nb[i] + x - ob[i]
        na, nn = len(self._old.text), len(self._new.text)
        po, pn = (ob[i] + ln[i], nb[i] + ln[i]) if i >= 0 else (0, 0)
        qo, qn = (ob[i + 1], nb[i + 1]) if i + 1 < len(ob) else (na, nn)
        if pn <= qn:
            return pn + round((x - po) * (qn - pn) / max(1, qo - po))
        if x - po <= qo - x:
            return min(pn + (x - po), nn)
        return max(qn - (qo - x), 0)

    def map_offset(self, offset: int) -> int:
        """Where raw offset ``offset`` of the old text is expected in the new text (raw)."""
        if not 0 <= offset <= len(self.old_raw):
            raise ValueError(f"offset {offset} outside the old text (0..{len(self.old_raw)})")
        if self._same:
            return offset
        return self._new.raw_offset(self._map(self._old.canon_offset(offset)))

    def _block(self, cs: int, ce: int) -> int | None:
        i = bisect_right(self._ob, cs) - 1
        if i >= 0 and ce <= self._ob[i] + self._ln[i]:
            return i
        return None

    def _mapped(self, cs: int, ce: int) -> tuple[int | None, bool]:
        """(new position, strong) when one aligned block holds the whole span; ``strong``: the
        block reaches ``CONTEXT_MIN_CHARS`` beyond the span (or to where both texts end) and its
        text occurs once in each text, so the alignment cannot have picked the wrong copy."""
        i = self._block(cs, ce)
        if i is None:
            return None, False
        o, n, length = self._ob[i], self._nb[i], self._ln[i]
        pos = n + cs - o
        a, b = self._old.text, self._new.text
        reach = (cs - o >= CONTEXT_MIN_CHARS or o + length - ce >= CONTEXT_MIN_CHARS
                 or (o == 0 and n == 0) or (o + length == len(a) and n + length == len(b)))
        if not reach:
            return pos, False
        unique = self._unique.get(i)
        if unique is None:
            t = a[o:o + length]
            unique = a.find(t, o + 1) < 0 and a.rfind(t, 0, o + length - 1) < 0 \
                and b.find(t, n + 1) < 0 and b.rfind(t, 0, n + length - 1) < 0
            self._unique[i] = unique
        return pos, unique

    def _owner(self, cs: int, ce: int, p: int, q: int) -> int | None:
        """The old offset the alignment gives new ``[p, q)`` to, when most of it is aligned with old
        text other than ``[cs, ce)`` (another copy of the text, or an edited text that stood
        there); ``None`` when it is ours or not aligned."""
        own = 0
        other: dict[int, int] = {}
        slack = max(8, (ce - cs) // 4)
        r = max(0, bisect_right(self._rnb, p) - 1)
        while r < len(self._rk) and self._rnb[r] < q:
            k = self._rk[r]
            n0, n1 = max(p, self._nb[k]), min(q, self._nb[k] + self._ln[k])
            if n1 > n0:
                implied = self._ob[k] - self._nb[k] + p  # where the span would start in the old text
                if abs(implied - cs) <= slack:
                    own += n1 - n0
                else:
                    other[implied] = other.get(implied, 0) + n1 - n0
            r += 1
        if not other:
            return None
        implied, n = max(other.items(), key=lambda kv: kv[1])
        total = sum(other.values())
        return implied if total > own and total >= 0.3 * (q - p) else None

    def _owned_elsewhere(self, cs: int, ce: int, p: int, q: int) -> bool:
        return self._owner(cs, ce, p, q) is not None

    def _coverage(self, cs: int, ce: int) -> int:
        ob, ln = self._ob, self._ln
        i = max(0, bisect_right(ob, cs) - 1)
        n = 0
        while i < len(ob) and ob[i] < ce:
            n += max(0, min(ce, ob[i] + ln[i]) - max(cs, ob[i]))
            i += 1
        return n

    # -- evidence -----------------------------------------------------------------------------

    @staticmethod
    def _find_all(text: str, t: str, cache: dict) -> list[int]:
        got = cache.get(t)
        if got is None:
            got = []
            i = text.find(t)
            while i >= 0 and len(got) <= MAX_OCCURRENCES:
                got.append(i)
                i = text.find(t, i + 1)
            cache[t] = got
        return got

    def _context(self, cs: int, ce: int, x: int, y: int) -> int:
        """How far the text around old ``[cs, ce)`` goes on around new ``[x, y)``: characters of
        context that match on both sides (a few typos bridged), ``BOUNDARY`` for a side where
        both texts end."""
        a, b = self._old.text, self._new.text
        return _extend(a, cs, b, x, -1) + _extend(a, ce, b, y, 1)

    def _copies(self, t: str) -> tuple[list[int], dict[int, int]] | None:
        """Old copies of ``t`` and, for those the alignment places strongly, their new offsets;
        ``None`` when ``t`` is too common to tell its copies apart."""
        got = self._old_occ.get(t)
        if got is None:
            occ = self._find_all(self._old.text, t, {})
            if len(occ) > MAX_OCCURRENCES:
                got = False
            else:
                placed = {}
                for o in occ:
                    q, strong = self._mapped(o, o + len(t))
                    if strong:
                        placed[o] = q
                got = (occ, placed)
            self._old_occ[t] = got
        return got or None

    def _refine(self, t: str, cs: int, ce: int, a0: int, b0: int) -> tuple[int, int, float] | None:
        """Best span near ``[a0, b0)`` whose ends sit on boundaries like the old span's."""
        c, old = self._new.text, self._old.text
        n = len(c)
        if n == 0:
            return None
        a0, b0 = max(0, min(a0, n)), max(0, min(b0, n))
        r = 6 + len(t) // 12
        word_start = cs == 0 or not (old[cs - 1].isalnum() and old[cs].isalnum())
        word_end = ce == len(old) or not (old[ce - 1].isalnum() and old[ce].isalnum())
        sp_start, sp_end = t[0].isspace(), t[-1].isspace()

        def ok_start(x: int) -> bool:
            if x >= n or (c[x].isspace() and not sp_start):
                return False
            return not word_start or x == 0 or not (c[x - 1].isalnum() and c[x].isalnum())

        def ok_end(y: int) -> bool:
            if y <= 0 or (c[y - 1].isspace() and not sp_end):
                return False
            return not word_end or y == n or not (c[y - 1].isalnum() and c[y].isalnum())

        starts = [x for x in range(max(0, a0 - r), min(n, a0 + r) + 1) if ok_start(x)]
        ends = [y for y in range(max(0, b0 - r), min(n, b0 + r) + 1) if ok_end(y)]
        first, last = t[0], t[-1]
        # a span that ends on punctuation (a sentence on its full stop, a quotation on its
        # closing mark) ends on the same; one that starts on punctuation starts on it
        if not last.isalnum() and not last.isspace():
            ends = [y for y in ends if c[y - 1] == last]
        if not first.isalnum() and not first.isspace():
            starts = [x for x in starts if c[x] == first]
        if not starts or not ends:
            return None

        def best_start(b: int) -> int | None:
            cands = [x for x in starts if x < b]
            if not cands:
                return None
            return max(cands, key=lambda x: (fuzz.ratio(t, c[x:b]) + (0.5 if c[x] == first else 0), -abs(x - a0)))

        def best_end(a: int) -> int | None:
            cands = [y for y in ends if y > a]
            if not cands:
                return None
            return max(cands, key=lambda y: (fuzz.ratio(t, c[a:y]) + (0.5 if c[y - 1] == last else 0), -abs(y - b0)))

        b = min(ends, key=lambda y: abs(y - b0))
        a = best_start(b)
        if a is None:
            a = min(starts, key=lambda x: abs(x - a0))
        for _ in range(2):
            nb = best_end(a)
            if nb is None:
                return None
            b = nb
            na = best_start(b)
            if na is None:
                return None
            if na == a:
                break
            a = na
        return a, b, fuzz.ratio(t, c[a:b])

    def _window(self, t: str, cs: int, ce: int, w0: int, w1: int, cutoff: float):
        c = self._new.text
        w0, w1 = max(0, w0), min(len(c), w1)
        if w1 - w0 <= len(t):
            return self._refine(t, cs, ce, w0, w1)
        al = fuzz.partial_ratio_alignment(t, c[w0:w1], score_cutoff=cutoff - 10)
        if al is None:
            return None
        return self._refine(t, cs, ce, w0 + al.dest_start, w0 + al.dest_end)

    def _has_words(self, t: str) -> bool:
        """Whether enough of the span's words are in the new text to be worth a whole-text search."""
        if self._new_words is None:
            self._new_words = set(_WORD.findall(self._new.text))
        ws = _WORD.findall(t)
        return bool(ws) and sum(w in self._new_words for w in ws) >= 0.7 * len(ws)

    def _aligned(self, cs: int, ce: int, t: str) -> tuple[int, int, float] | None:
        """The span at the place the alignment maps it to, ends snapped, if similar enough."""
        if not self._coverage(cs, ce):
            return None
        a, b = self._map(cs), self._map(ce, end=True)
        if b <= a:
            return None
        got = self._refine(t, cs, ce, a, b)
        if got is None or self._owned_elsewhere(cs, ce, got[0], got[1]):
            return None
        if got[2] >= self.min_score:
            return got
        # a short span with one typo (e.g. "le Tines" -> "le Times") scores under the cut; it is
        # taken where the alignment holds both its first and its last character
        if (got[:2] == (a, b) and ce - cs >= TYPO_MIN_CHARS and Indel.distance(t, self._new.text[a:b]) <= TYPO_EDITS
                and self._block(cs, cs + 1) is not None and self._block(ce - 1, ce) is not None):
            return got
        return None

    def _place(self, cs: int, ce: int, t: str) -> tuple[int, int, float] | None:
        """Canonical ``(start, end, score)`` in the new text, or ``None`` (orphan)."""
        got = self._candidate(cs, ce, t)
        if got is None or self._shared_context(cs, ce, got[0], got[1]):
            return None
        return got[:3]

    def _candidate(self, cs: int, ce: int, t: str) -> tuple[int, int, float, bool] | None:
        """The best place and whether it is sure (``strong``: no need to check it is ours)."""
        length = ce - cs
        occ = self._find_all(self._new.text, t, self._new_occ)
        pos, strong = self._mapped(cs, ce)
        if pos is not None and strong:
            sure = (pos, pos + length, 100.0)
            behind = self._left_behind(cs, ce, t, sure)
            if behind is None:
                return sure + (True,)
            got = self._choose(cs, ce, [sure, behind], [])
            return got + (False,) if got else None
        cands: list[tuple[int, int, float]] = []
        rivals: list[int] = []
        if occ:
            copies = self._copies(t)
            if copies is None or len(occ) > MAX_OCCURRENCES:
                return None  # too common to tell the copies apart
            old_occ, placed = copies
            taken = {q for o, q in placed.items() if o != cs}
            rivals = [o for o in old_occ if o != cs and o not in placed]  # other copies, no sure place
            slack = max(8, length // 4)
            for p in occ:
                if p in taken:
                    continue
                owner = self._owner(cs, ce, p, p + length)
                if owner is not None and not any(abs(owner - o) <= slack for o in rivals):
                    continue  # aligned with other old text: an edited copy stood there
                cands.append((p, p + length, 100.0))
        aligned = self._aligned(cs, ce, t)
        if aligned and not any(c[0] < aligned[1] and aligned[0] < c[1] for c in cands):
            cands.append(aligned)  # (overlapping an exact copy, it is that copy, less well cut)
        if not cands:
            got = self._search(cs, ce, t)
            return got + (False,) if got else None
        if len(cands) == 1 and not rivals:
            x, y, score = cands[0]
            if score < 100 or length >= LONG_SPAN or x == pos or self._context(cs, ce, x, y) >= CONTEXT_MIN:
                return x, y, score, False
            return None
        got = self._choose(cs, ce, cands, rivals)
        return got + (False,) if got else None

    def _shared_context(self, cs: int, ce: int, x: int, y: int) -> bool:
        """Whether another copy (or near copy: a typo) of the span in the old text, found by the
        context that new ``[x, y)`` shares with the span, has its surroundings go on around
        ``[x, y)`` about as far as the span's own: that copy may be the one that went there."""
        a, b = self._old.text, self._new.text
        length = ce - cs
        t = a[cs:ce]
        ours = None
        others: list[int] = []
        n = _common_prefix(a[ce:ce + PROBE], b[y:y + PROBE])
        if n >= PROBE_MIN:
            others += [q - length for q in _occurrences(a, a[ce:ce + n], PROBE_HITS) if q != ce]
        n = _common_suffix(a[max(0, cs - PROBE):cs], b[max(0, x - PROBE):x], PROBE)
        if n >= PROBE_MIN:
            others += [q + n for q in _occurrences(a, a[cs - n:cs], PROBE_HITS) if q + n != cs]
        for o in others:
            if o < 0 or not fuzz.ratio(t, a[o:o + length], score_cutoff=NEAR_COPY):
                continue
            if ours is None:
                ours = self._context(cs, ce, x, y)
            if self._context(o, o + length, x, y) > ours - CONTEXT_MARGIN:
                return True
        return False

    def _left_behind(self, cs: int, ce: int, t: str, sure: tuple[int, int, float]) -> tuple[int, int, float] | None:
        """When the block holding the span moved (it is out of order with the blocks around it
        in the old text), a near copy of the span left in the old place: an edited original
        whose old text was also copied elsewhere. ``None`` when there is none."""
        i = self._block(cs, ce)
        ob, nb, ln = self._ob, self._nb, self._ln
        lo = nb[i - 1] + ln[i - 1] if i > 0 else 0
        hi = nb[i + 1] if i + 1 < len(ob) else len(self._new.text)
        if lo >= hi or lo <= nb[i] and nb[i] + ln[i] <= hi:
            return None  # in order: not moved, or nowhere to have stayed
        got = self._window(t, cs, ce, lo, hi, self.min_score)
        if got is None or got[2] < self.min_score or got[0] < sure[1] and sure[0] < got[1]:
            return None
        return got

    def _choose(self, cs: int, ce: int, cands: list, rivals: list[int]) -> tuple[int, int, float] | None:
        """The candidate around which the span's old context goes on clearly furthest, and
        further than any other unplaced old copy's does; else ``None``."""
        length = ce - cs
        scored = sorted(((self._context(cs, ce, c[0], c[1]), c) for c in cands), key=lambda t: -t[0])
        best, c = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0
        if best < CONTEXT_MIN or best - second < CONTEXT_MARGIN:
            return None
        if any(self._context(o, o + length, c[0], c[1]) > best - CONTEXT_MARGIN for o in rivals):
            return None
        return c

    def _search(self, cs: int, ce: int, t: str) -> tuple[int, int, float] | None:
        """Fuzzy search when neither an exact copy nor the aligned place will do: a window around
        the expected place, then (the span's old place being gone) the whole text."""
        length = ce - cs
        c = self._new.text
        cut = self.min_score
        cov = self._coverage(cs, ce)
        if cov:
            a, b = self._map(cs), self._map(ce, end=True)
            pad = 32 + length // 2
            got = self._window(t, cs, ce, min(a, b) - pad, max(a, b) + pad, cut)
            if got and got[2] >= cut and not self._owned_elsewhere(cs, ce, got[0], got[1]):
                return got
        if cov >= length / 2 or not self._has_words(t):
            return None  # its place is there and holds something else; or its words are gone
        gcut = max(cut, GLOBAL_MIN_SCORE)
        got = self._window(t, cs, ce, 0, len(c), gcut)
        if not got or got[2] < gcut:
            return None
        x, y, score = got
        for w0, w1 in ((0, x), (y, len(c))):  # a second match nearly as good: ambiguous
            if w1 - w0 >= length // 2:
                al = fuzz.partial_ratio_alignment(t, c[w0:w1], score_cutoff=score - 5)
                if al is not None and al.dest_end - al.dest_start >= length * 0.8:
                    return None
        if self._context(cs, ce, x, y) < CONTEXT_MIN or self._owned_elsewhere(cs, ce, x, y):
            return None
        return got

    # -- public -------------------------------------------------------------------------------

    def anchor(self, start: int, end: int) -> Anchor | None:
        """Where old span ``[start, end)`` now stands, or ``None`` (orphaned)."""
        if not 0 <= start < end <= len(self.old_raw):
            raise ValueError(f"span ({start}, {end}) is not a non-empty span of the old text (0..{len(self.old_raw)})")
        if self._same:
            return Anchor(start, end, "exact", 100.0)
        if (start, end) not in self._memo:
            self._memo[start, end] = self._anchor(start, end)
        return self._memo[start, end]

    def _anchor(self, start: int, end: int) -> Anchor | None:
        cs, ce = self._old.canon_span(start, end)
        if cs >= ce or not self._old.text[cs:ce].strip():
            return None  # whitespace or invisible characters only: nothing to find
        got = self._place(cs, ce, self._old.text[cs:ce])
        if got is None:
            return None
        a, b, score = got
        rs, re_ = self._new.raw_span(a, b)
        if self.new_raw[rs:re_] == self.old_raw[start:end]:
            return Anchor(rs, re_, "exact", 100.0)
        return Anchor(rs, re_, "fuzzy", round(float(score), 2))

    def reanchor(self, spans: list[Span]) -> list[Anchor | None]:
        return [self.anchor(s, e) for s, e in spans]

    def reanchor_nested(self, claim: Span, source: Span | None) -> tuple[Anchor | None, Anchor | None]:
        """A claim and its source span: the source is anchored inside the new claim span."""
        c = self.anchor(*claim)
        return c, self._source(claim, c, source)

    def _source(self, claim: Span, c: Anchor | None, source: Span | None) -> Anchor | None:
        if source is None:
            return None
        s, e = source
        cs, ce = claim
        if not (cs <= s and e <= ce):
            return self.anchor(s, e)  # not inside its claim: anchored on its own
        if c is None:
            return None
        if c.method == "exact":
            return Anchor(c.start + s - cs, c.start + e - cs, "exact", 100.0)
        inner = Reanchorer(self.old_raw[cs:ce], self.new_raw[c.start:c.end], min_score=self.min_score)
        got = inner.anchor(s - cs, e - cs)
        if got is None:
            return None
        return Anchor(c.start + got.start, c.start + got.end, got.method, got.score)

    def reanchor_claims(self, claims: list[tuple[Span, Span | None]]) -> list[tuple[Anchor | None, Anchor | None]]:
        out = []
        for claim, source in claims:
            c = self.anchor(*claim)
            out.append((c, self._source(claim, c, source)))
        return out


def reanchor(old: str, new: str, spans: list[Span], *, min_score: float = DEFAULT_MIN_SCORE) -> list[Anchor | None]:
    """One result per span of ``old`` (``(start, end)``, raw offsets): its ``Anchor`` in ``new``,
    or ``None`` when it is orphaned (its text is gone, or where it went cannot be told).
    Raises ``ValueError`` for a span that is empty or outside ``old``."""
    return Reanchorer(old, new, min_score=min_score).reanchor(spans)


def reanchor_claims(old: str, new: str, claims: list[tuple[Span, Span | None]], *,
                    min_score: float = DEFAULT_MIN_SCORE) -> list[tuple[Anchor | None, Anchor | None]]:
    """``(claim anchor, source anchor)`` per ``(claim span, source span or None)``; a source
    inside its claim is anchored inside the new claim span (orphaned with its claim)."""
    return Reanchorer(old, new, min_score=min_score).reanchor_claims(claims)


def reanchor_nested(old: str, new: str, claim: Span, source: Span | None, *,
                    min_score: float = DEFAULT_MIN_SCORE) -> tuple[Anchor | None, Anchor | None]:
    """One claim and its source span; see ``reanchor_claims``."""
    return Reanchorer(old, new, min_score=min_score).reanchor_nested(claim, source)


def map_offset(old: str, new: str, offset: int) -> int:
    """Where raw offset ``offset`` of ``old`` is expected in ``new``: exact where the text around
    it is unchanged, interpolated inside changed regions (a hint, not an anchor)."""
    return Reanchorer(old, new).map_offset(offset)
