"""Tokens of a sentence for the attribution rules.

``tokens`` is the fast path: it builds the tokens of a range from memoised white-space-free
chunks with a few C-level string operations. ``reference_tokens`` is the plain implementation it
must agree with (a property test checks it over arbitrary Unicode).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from operator import add, itemgetter
from typing import NamedTuple

from workbench.claims.tokens import TOKEN


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str


#: an opening curly mark right after a comma or a final stop, before white space or the end
#: (``segment._reversed_closing``)
_REVERSED_CLOSING = re.compile(r"([,.?!…])“(?=\s|$)")


def reference_tokens(text: str, start: int, end: int) -> list[Tok]:
    """The tokenizer as first written: the regex over the range, the lower case sliced from the
    lower-cased range unless lower-casing changes its length; an opening curly mark typed for a
    closing one is the closing mark (``tokens``)."""
    low = text[start:end].lower()
    same = len(low) == end - start
    reversed_at = {start + m.end(1) for m in _REVERSED_CLOSING.finditer(text[start:end])}
    return [
        Tok("”", m.start(), m.end(), "”") if m.start() in reversed_at else
        Tok(m.group(), m.start(), m.end(), low[m.start() - start:m.end() - start] if same else m.group().lower())
        for m in TOKEN.finditer(text, start, end)
    ]


class _ChunkTokens(dict):
    """White-space-free chunk of text -> its tokens joined by NUL, the tokens and their lower
    case (``None`` when lower-casing changes the chunk's length), memoised.

    The tokenizer never matches white space and never looks past it, so a text's tokens are the
    tokens of its chunks, and they cover every character of a chunk (each character is a word
    character or a token of its own: ``[^\\w\\s]``)."""

    MAX = 50_000

    def __missing__(self, chunk: str) -> tuple[str, tuple[str, ...], tuple[str, ...] | None]:
        if chunk.isalnum():
            val = chunk
            toks = (chunk,)
        else:
            toks = tuple(TOKEN.findall(chunk))
            val = "\0".join(toks)
            if len(val) != len(chunk) + len(toks) - 1:
                raise AssertionError(f"tokens do not cover {chunk!r}")
        low = val.lower()
        if len(self) >= self.MAX:
            self.clear()
        entry = self[chunk] = (val, toks, tuple(low.split("\0")) if len(low) == len(val) else None)
        return entry


_CHUNKS = _ChunkTokens()
_first = itemgetter(0)


#: beyond this many tokens into the window, offsets are read from prefix sums prepared once (the
#: lazy way, cheaper for the first tokens of a sentence, costs the prefix's length each time: a
#: long sentence with many cues would be quadratic)
LAZY_TOKENS = 64


class Toks:
    """The tokens of ``text[start:end]``: ``t`` their texts, ``l`` their lower case (the slice of
    the lower-cased range, or each token's own when lower-casing changes the range's length),
    ``suffix`` whether a token may end with a subject pronoun ("-il", "-elle", "-on": the
    range's lower case holds one; always on the slow path). Offsets on demand:
    ``pos(k)``, ``end(k)``."""

    __slots__ = ("t", "l", "start", "joined", "suffix", "starts", "cum", "nuls")

    def __init__(self, t: list[str], l: list[str], start: int, joined: str | None, suffix: bool,
                 starts: list[int] | None) -> None:
        self.t, self.l, self.start, self.joined, self.suffix, self.starts = t, l, start, joined, suffix, starts
        self.cum: list[int] | None = None

    def _prepare(self) -> None:
        self.cum = [0, *accumulate(map(len, self.t))]
        nuls, joined = [], self.joined
        i = joined.find("\0")
        while i >= 0:
            nuls.append(i)
            i = joined.find("\0", i + 1)
        self.nuls = nuls

    def pos(self, k: int) -> int:
        if self.starts is not None:
            return self.starts[k]
        # ``joined``: the tokens, NUL between two tokens of a chunk, SOH between two chunks (one
        # white-space character of the text); token k starts in it after k separators
        if self.cum is None:
            if k <= LAZY_TOKENS:
                q = len("".join(self.t[:k])) + k
                return self.start + q - self.joined.count("\0", 0, q)
            self._prepare()  # (far into a long window: the lazy way would cost k each time)
        q = self.cum[k] + k
        return self.start + q - bisect_left(self.nuls, q)

    def end(self, k: int) -> int:
        return self.pos(k) + len(self.t[k])

    def span(self, a: int, b: int) -> tuple[int, int]:
        """``(self.pos(a), self.end(b))`` for ``a <= b``: in ``joined``, the text between the two
        tokens is the separators but NUL (SOH stands for one white-space character)."""
        if self.starts is not None or self.cum is not None or a > b or b > LAZY_TOKENS:
            return self.pos(a), self.end(b)
        T, joined = self.t, self.joined
        qa = len("".join(T[:a])) + a
        pa = self.start + qa - joined.count("\0", 0, qa)
        qb = qa + len("".join(T[a:b])) + b - a
        return pa, pa + qb - qa - joined.count("\0", qa, qb) + len(T[b])

    def index_at(self, p: int) -> int | None:
        """The index of the token that starts at offset ``p``, or ``None``."""
        if self.starts is None and self.cum is None and p - self.start > 8 * LAZY_TOKENS:
            self._prepare()  # (far into a long window: see ``pos``)
        if self.starts is None and self.cum is None:
            # the place of the character in ``joined``: its offset in the range plus the NULs
            # before it (found by raising the count until it holds), then past the NULs there
            joined, r = self.joined, p - self.start
            if not 0 <= r < len(joined):
                return None
            q, q0 = r, -1
            while q != q0:
                q0, q = q, r + joined.count("\0", 0, q)
            while q < len(joined) and joined[q] == "\0":
                q += 1
            if q >= len(joined) or joined[q] == "\1" or q and joined[q - 1] not in "\0\1":
                return None  # white space, or inside a token
            return joined.count("\0", 0, q) + joined.count("\1", 0, q)
        k = bisect_left(range(len(self.t)), p, key=self.pos)
        return k if k < len(self.t) and self.pos(k) == p else None

    def all_starts(self) -> list[int]:
        if self.starts is None:
            if self.cum is None:
                self._prepare()
            start, nuls = self.start, self.nuls
            if nuls:
                self.starts = [start + q - bisect_left(nuls, q) for q in map(add, self.cum, range(len(self.t)))]
            else:
                self.starts = list(map(add, self.cum[:-1], range(start, start + len(self.t))))
        return self.starts


def tokens(text: str, start: int, end: int) -> Toks:
    """The tokens of ``text[start:end]``. Built with a few C-level string operations when the
    chunks of the range are separated by single white-space characters (the usual case)."""
    w = text[start:end]
    if w and "\0" not in w and "\1" not in w and "Σ" not in w:
        chunks = list(map(_CHUNKS.__getitem__, w.split()))
        joined = "\1".join(map(_first, chunks))
        # one white-space character between chunks, none around them: offsets follow from lengths
        if len(joined) - joined.count("\0") == len(w):
            # no sigma: each character is lower-cased on its own, and the tokens' lower case is
            # that of each chunk's tokens, unless lower-casing changes a chunk's length
            T: list[str] = []
            L: list[str] = []
            for _, t, low in chunks:
                if low is None:
                    break
                T += t
                L += low
            else:
                tk = Toks(T, L, start, joined, "-" in w and _pronoun_suffix(w.lower()), None)
                return _reversed_marks_closed(tk, w) if "“" in w else tk
    low = w.lower()
    toks, lows, starts = [], [], []
    same = len(low) == end - start
    for m in TOKEN.finditer(text, start, end):
        s, e = m.span()
        t = text[s:e]
        toks.append(t)
        lows.append(low[s - start:e - start] if same else t.lower())
        starts.append(s)
    tk = Toks(toks, lows, start, None, True, starts)
    return _reversed_marks_closed(tk, w) if "“" in w else tk


def _pronoun_suffix(low: str) -> bool:
    """Lower-cased ``low`` may hold a token that ends with a subject pronoun
    (``verbs.may_have_pronoun_suffix``)."""
    return "-il" in low or "-elle" in low or "-on" in low


def _reversed_marks_closed(tk: Toks, w: str) -> Toks:
    """``tk`` with each opening curly mark typed for a closing one ("We will win,“ he said) read
    as the closing mark it stands for: one token of one character for another, the offsets hold
    (``w``: the text of the range)."""
    for m in _REVERSED_CLOSING.finditer(w):
        k = tk.index_at(tk.start + m.end(1))
        if k is not None:
            tk.t[k] = tk.l[k] = "”"
    return tk


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    tk = tokens(text, start, end)
    return [Tok(t, tk.pos(k), tk.end(k), tk.l[k]) for k, t in enumerate(tk.t)]


_TOKEN_COUNT: dict[str, int] = {}


def token_count(s: str) -> int:
    n = _TOKEN_COUNT.get(s)
    if n is None:
        n = _TOKEN_COUNT[s] = len(TOKEN.findall(s))
        if len(_TOKEN_COUNT) > 10_000:
            _TOKEN_COUNT.clear()
    return n

