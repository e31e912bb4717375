"""Per-language cue lexicons, loaded from the JSON data files in ``lexicons/``."""

from __future__ import annotations

import json
import os
import re
import dataclasses
from dataclasses import dataclass, field
from functools import cache, cached_property
from collections import Counter

from workbench.claims.tokens import TOKEN

LANGUAGES = ("fr", "en")


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first (so prefixes never win)."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq)


#: a stem whose last vowel is "é" before consonants: it is written "è" before a silent ending
#: ("considérer": « il considère », « ils considèrent »; "réitérer": « réitère »)
_ACUTE_STEM = re.compile(r"é([^aeiouyéèêëàâîïôûù]+)$")


def _french_er_forms(infinitive: str) -> list[str]:
    stem = infinitive[:-2]
    imperfect_stem = stem
    if stem.endswith("c"):
        imperfect_stem = stem[:-1] + "ç"
    elif stem.endswith("g"):
        imperfect_stem = stem + "e"
    present_stem = _ACUTE_STEM.sub(r"è\1", stem)
    return [
        stem + "é",
        stem + "ée",  # the participle agrees: "a été annoncée", "s'est engagée"
        stem + "és",
        stem + "ées",
        present_stem + "e",
        present_stem + "ent",
        imperfect_stem + "ait",
        imperfect_stem + "aient",
        imperfect_stem + "ant",
        imperfect_stem + "a",  # the past historic of news narrative: "annonça", "déclara"
        stem + "èrent",
        stem + "era",  # the future and the conditional: "précisera", "déclarerait"
        stem + "eront",
        stem + "erait",
        stem + "eraient",
        imperfect_stem + "ons",  # "nous le rappelons", "comme nous le rappelions"
        stem + "ions",
        stem + "ez",  # "estimez-vous que…"
    ]


_KEY_WORD = re.compile(r"[^\W_]+")


def _key_of(phrase: str) -> str:
    """The word a cue phrase can be recognised by: its longest word once normalised."""
    return max(_KEY_WORD.findall(phrase.lower()), key=len)


try:  # the regex parser of the standard library (private, hence the fallback)
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    try:
        import sre_parse as _sre_parse
    except ImportError:
        _sre_parse = None

_WILD = "\uffff"  # "any character from here on" in a prefix


def _cat(a: str, b: str, k: int) -> str:
    """``a + b`` cut to ``k`` characters (a ``_WILD`` ends a string: nothing is known after it)."""
    if a.endswith(_WILD) or len(a) >= k:
        return a
    s = a + b
    w = s.find(_WILD)
    if w >= 0:
        s = s[:w + 1]
        return s if w < k else s[:k]
    return s[:k]


def _prefixes(items, k: int) -> set[str]:
    """The lower-cased first ``k`` characters of the strings the parsed regex ``items`` matches
    (case-insensitively), as a set; a shorter string ending with ``_WILD`` stands for all its
    continuations, one shorter than ``k`` without it for a match that ends there. A superset:
    unknown elements (classes like ``\\w``, ``.``) become ``_WILD``."""
    cur = {""}
    for op, av in items:
        if _complete(cur, k):
            break  # every prefix is known to its end: what follows changes none of them
        cur = _extend(cur, _options(op, av, k), k)
    return cur


def _complete(prefixes, k: int) -> bool:
    """Every prefix in ``prefixes`` is final: ``k`` characters long, or ending with ``_WILD``
    (``_cat`` leaves it as it is whatever comes after it)."""
    for c in prefixes:
        if len(c) < k and not c.endswith(_WILD):
            return False
    return True


def _extend(prefixes, options, k: int) -> set[str]:
    """``{_cat(c, x, k) for c in prefixes for x in options}``, without trying every option on a
    prefix that is final already (``_cat`` returns it unchanged)."""
    out = set()
    for c in prefixes:
        if len(c) >= k or c.endswith(_WILD):
            out.add(c)
        else:
            out.update([_cat(c, x, k) for x in options])
    return out


def _options(op, av, k: int) -> set[str]:
    """What one parsed regex element can match, cut to ``k`` characters (``_WILD``: unknown)."""
    name = str(op)
    if name == "LITERAL":
        return {chr(av).lower()}
    if name == "IN":
        chars = set()
        for iop, iav in av:
            iname = str(iop)
            if iname == "LITERAL":
                chars.add(chr(iav).lower())
            elif iname == "RANGE" and iav[1] - iav[0] < 256:
                chars.update(chr(c).lower() for c in range(iav[0], iav[1] + 1))
            else:
                return {_WILD}
        return chars
    if name == "SUBPATTERN":
        return _prefixes(av[-1], k)
    if name == "BRANCH":
        out = set()
        for branch in av[1]:
            out |= _prefixes(branch, k)
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        one = _prefixes(sub, k)
        out, cur = set(), {""}
        for count in range(min(hi, lo + k) + 1):
            if count >= lo:
                out |= cur
            if _complete(cur, k):
                # more repeats leave ``cur`` as it is, and it is in ``out`` once ``count``
                # reaches ``lo`` (which the loop does)
                out |= cur
                break
            cur = _extend(cur, one, k)
        return out
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}  # zero width
    return {_WILD}


class _AnchoredGate:
    """Which two first characters (lower-cased) a text needs for a regex matched at its start:
    texts that have neither (nor a character that lower case misrepresents, see PhraseGate)
    cannot match, and are not tried."""

    def __init__(self, pattern: str, flags: int) -> None:
        pre = None
        if _sre_parse is not None:
            try:
                pre = _prefixes(_sre_parse.parse(pattern, flags).data, 2)
            except Exception:  # an unexpected parse tree: no gate
                pre = None
        if pre is None or any(p == "" or p.startswith(_WILD) for p in pre):
            self.two = self.one = None  # every text is tried (or a match may be empty)
            return
        # two known characters, or one (then anything, or the end of the match)
        self.two = frozenset(p for p in pre if len(p) == 2 and _WILD not in p)
        self.one = frozenset(p[0] for p in pre if p not in self.two)

    def may_match(self, text: str) -> bool:
        if self.two is None:
            return True
        head = text[:2]
        low = head.lower()
        if not PhraseGate.plain(low, len(head)):
            return True
        return low in self.two or low[:1] in self.one


_NONE = object()


class _RegexesOf(dict):
    """key -> the tuple of its compiled regexes, each key's compiled when first asked for."""

    __slots__ = ("_source", "_flags")

    def __init__(self, source: dict[str, tuple[str, ...]], flags: int) -> None:
        super().__init__()
        self._source = source
        self._flags = flags

    def __missing__(self, key: str) -> tuple[re.Pattern, ...]:
        rxs = self[key] = tuple(re.compile(p, self._flags) for p in self._source[key])
        return rxs


#: what a pattern anchored at its start or end looks like (the others are not parsed)
_ANCHOR_HINT = re.compile(r"^(?:\((?:\?[\w-]*:)?)*\^|\$\)*$")


def _key_region(key: str, pattern: str, flags: int) -> tuple[str, int] | None:
    """Where in a text a match of ``pattern`` holds ``key``, when the pattern is anchored:
    ``("head", n)``, within its first ``n`` characters (a pattern that starts with ``^``), or
    ``("tail", n)``, within its last ``n`` (one that ends with ``$``, which may stand before a
    final newline); ``None``: anywhere. The key must be spelt by literal characters of the
    pattern's own sequence (groups opened, no alternation), with a bounded width before it (at
    the head) or from it to the end (at the tail)."""
    if _sre_parse is None or not _ANCHOR_HINT.search(pattern):
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if parsed.state.flags & re.MULTILINE:
            return None  # "^" and "$" at every line
        items = _sequence(parsed.data)
        spelt = _spelt(items)
        first, last = spelt.find(key), spelt.rfind(key)
        if first < 0:
            return None
        if str(items[0][0]) == "AT" and str(items[0][1]) == "AT_BEGINNING":
            width = _sre_parse.SubPattern(parsed.state, items[:first]).getwidth()[1]
            if width < _sre_parse.MAXREPEAT:
                return "head", width + len(key)
        if str(items[-1][0]) == "AT" and str(items[-1][1]) == "AT_END":
            width = _sre_parse.SubPattern(parsed.state, items[last:]).getwidth()[1]
            if width < _sre_parse.MAXREPEAT:
                return "tail", width + 1
    except Exception:  # an unexpected parse tree: anywhere
        return None
    return None


def _key_lead(key: str, pattern: str, flags: int) -> int | None:
    """The most characters a match of ``pattern`` has before the first place it holds ``key``
    (lower-cased): a match starts at most that far before the key's first occurrence in a text.
    ``None``: unbounded, or the key is not spelt by the pattern's own sequence (see
    ``_key_region``)."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        items = _sequence(parsed.data)
        first = _spelt(items).find(key)
        if first < 0:
            return None
        width = _sre_parse.SubPattern(parsed.state, items[:first]).getwidth()[1]
    except Exception:  # an unexpected parse tree: no bound
        return None
    return width if width < _sre_parse.MAXREPEAT else None


def _key_plan(key: str, pattern: str, flags: int) -> tuple[int | None, bool, bool, int | None]:
    """How ``found`` runs ``pattern`` once its key is in a text: (``_key_lead``; the pattern
    is anchored at the start, ``^`` without MULTILINE, so that it matches at offset 0 or
    nowhere; the key's first place in the pattern's own sequence follows ``\\b``, so that only
    an occurrence of the key where ``\\b`` holds in the text can be it; the longest text it can
    match when it is anchored at both ends, ``^…$``, its widest match and a final newline, else
    ``None``)."""
    lead = _key_lead(key, pattern, flags)
    if _sre_parse is None:
        return lead, False, False, None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        items = _sequence(parsed.data)
        at_start = not parsed.state.flags & re.MULTILINE and bool(items) \
            and str(items[0][0]) == "AT" and str(items[0][1]) == "AT_BEGINNING"
        first = _spelt(items).find(key)
        word_start = first > 0 and str(items[first - 1][0]) == "AT" and str(items[first - 1][1]) == "AT_BOUNDARY"
        width = parsed.getwidth()[1]
        longest = width + 1 if at_start and str(items[-1][0]) == "AT" and str(items[-1][1]) == "AT_END" \
            and width < _sre_parse.MAXREPEAT else None
    except Exception:  # an unexpected parse tree: run it as it is
        return lead, False, False, None
    return lead, at_start, word_start, longest


def _is_word(c: str) -> bool:
    """``c`` is a character of ``\\w`` (in a ``str`` regex: ``str.isalnum()`` or "_")."""
    return c.isalnum() or c == "_"


def _at_word_boundary(text: str, low: str, key: str, i: int) -> int:
    """The first offset from ``i`` (an occurrence of ``key`` in ``low``, the lower case of
    ``text``, at the same offsets) where ``key`` occurs in ``low`` and ``\\b`` holds in ``text``
    (one of the two characters around it is a word character, the other not), or -1."""
    while i >= 0:
        if _is_word(text[i]) != (i > 0 and _is_word(text[i - 1])):
            return i
        i = low.find(key, i + 1)
    return -1


def _last_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The lower case of the characters a match of ``pattern`` can end with, when it ends with
    ``$`` right after a literal or a class of literals (``\\)$``); ``None``: any."""
    if _sre_parse is None or not pattern.endswith("$"):
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if parsed.state.flags & re.MULTILINE:
            return None
        items = _sequence(parsed.data)
        if len(items) < 2 or str(items[-1][0]) != "AT" or str(items[-1][1]) != "AT_END":
            return None
        op, av = items[-2]
        if str(op) == "LITERAL":
            chars = {chr(av)}
        elif str(op) == "IN" and all(str(o) == "LITERAL" for o, _ in av):
            chars = {chr(a) for _, a in av}
        else:
            return None
    except Exception:  # an unexpected parse tree: any
        return None
    lows = {c.lower() for c in chars}
    if any(len(c) != 1 for c in lows):
        return None
    # (a case-insensitive literal matches its other cases, which lower-case to the same)
    return frozenset(lows)


def _spelt(items) -> str:
    """One character per parsed element: the lower case of a literal, NUL for anything else."""
    return "".join(chr(av).lower() if str(op) == "LITERAL" and len(chr(av).lower()) == 1 else "\0" for op, av in items)


def _sequence(items) -> list:
    """The parsed elements of a regex with its groups opened: ``(?:^)x`` is ``^``, ``x``; an
    alternation or a class whose choices are one word but for case (``(ici|ICI)``, ``[Pp]``)
    is that word's letters."""
    out = []
    for op, av in items:
        if str(op) == "SUBPATTERN":
            if av[1] & re.MULTILINE:
                raise ValueError("a group with its own '^' and '$'")
            out.extend(_sequence(av[-1].data))
            continue
        if str(op) == "BRANCH":
            words = {_spelt(alt.data) if all(str(o) == "LITERAL" for o, _ in alt.data) else "\0" for alt in av[1]}
            if len(words) == 1 and "\0" not in (word := words.pop()):
                out.extend((_sre_parse.LITERAL, ord(c)) for c in word)
                continue
        if str(op) == "IN":
            chars = {chr(a).lower() if str(o) == "LITERAL" else "\0\0" for o, a in av}
            if len(chars) == 1 and len(char := chars.pop()) == 1:
                out.append((_sre_parse.LITERAL, ord(char)))
                continue
        out.append((op, av))
    return out


class _BoilerplateMatcher:
    """``search()`` over many furniture patterns, fast: patterns anchored at the start are tried
    with one ``match`` at position 0; the others only when the text holds one of their literal
    words (checked with ``in``, in C), instead of one big alternation scanned at every position."""

    _WORDS = re.compile(r"[^\W\d_]{4,}")

    def __init__(self, patterns: list, flags: int) -> None:
        """``patterns``: regexes, or ``[key, regex]`` pairs whose key (lower case) is in every
        text the regex matches, for a pattern without a word to look for ("©", "/")."""
        anchored = [p[1:] for p in patterns if isinstance(p, str) and p.startswith("^")]
        floating = [p for p in patterns if not isinstance(p, str) or not p.startswith("^")]
        # the regexes are compiled when first used (a short run uses few of them): the patterns
        # are kept as text until then
        self._anchored_source = anchored
        # each anchored pattern's own gate, so that a text is matched against the few patterns
        # that can start with its first two characters (one small regex per pair, made once)
        self._flags = flags
        self._gated = [(p, _AnchoredGate(p, flags)) for p in anchored]
        self._heads: dict[str, re.Pattern | None] | None = \
            None if any(g.two is None for _, g in self._gated) else {}
        #: ``_heads`` by the first two characters as written (the regex of ``anchored`` for those
        #: lower case could misrepresent)
        self._head_regex: dict[str, re.Pattern | None] = {}
        #: (key, pattern, exact) of each floating pattern (``floating`` has them compiled)
        self._floating_source: list[tuple[str, str, bool]] = []
        for p in floating:
            if not isinstance(p, str):
                key, p = p
                self._floating_source.append((key.lower(), p, True))
                continue
            key, exact = self._keyword(p), False
            if not key:
                # no word of four letters: a shorter one, or one that every alternative of a group
                # spells, still tells where the pattern cannot match ("plain" texts only: see
                # PhraseGate; in the others the pattern is always tried, as it was without a key)
                key, exact = self._short_keyword(p), True
            self._floating_source.append((key, p, exact))
        # the same, one entry per key word
        by_key: dict[tuple[str, bool], list[str]] = {}
        for key, p, exact in self._floating_source:
            by_key.setdefault((key, exact), []).append(p)
        self._by_key_source = [(key, tuple(ps), exact) for (key, exact), ps in by_key.items()]
        # the same for found(): the keys (looked for in C, with filter), their regexes (compiled
        # the first time a text holds the key), and the exact entries (tried in a text that
        # lower case could misrepresent, see PhraseGate)
        self._keys = tuple(dict.fromkeys(key for key, _, _ in self._by_key_source))
        self._rxs_of = _RegexesOf(
            {key: tuple(p for k, ps, _ in self._by_key_source if k == key for p in ps) for key in self._keys}, flags)
        self._has_exact = any(exact for _, _, exact in self._by_key_source)
        #: ``found`` looks for every key in the whole text this many times before it works out
        #: ``_regions`` (1-2 ms)
        self._regions_after = 100

    @cached_property
    def _regions(self) -> tuple[tuple[str, ...], tuple[str, ...], int, tuple[str, ...], int]:
        """The keys of ``found`` by where a match holds them (``_key_region``): (looked for in the
        whole text, looked for in its first ``head`` characters, ``head``, in its last ``tail``
        characters, ``tail``)."""
        anywhere, heads, tails, head, tail = [], [], [], 1, 1
        for key in self._keys:
            regions = {_key_region(key, p, self._flags) for p in self._rxs_of._source[key]}
            kinds = {r[0] if r else None for r in regions}
            if kinds == {"head"}:
                heads.append(key)
                head = max(head, *(n for _, n in regions))
            elif kinds == {"tail"}:
                tails.append(key)
                tail = max(tail, *(n for _, n in regions))
            else:
                anywhere.append(key)
        return tuple(anywhere), tuple(heads), head, tuple(tails), tail

    @cached_property
    def _leads(self) -> dict[str, tuple[int | None, ...]]:
        """key -> ``_key_lead`` of each of its regexes (in the order of ``_rxs_of``)."""
        return {key: tuple(_key_lead(key, p, self._flags) for p in ps) for key, ps in self._rxs_of._source.items()}

    @cached_property
    def _keys_plain(self) -> bool:
        """No key holds a curly quotation mark or "\\1" (``found`` looks for the keys in a copy
        of the text where those marks are "\\1")."""
        return not any(c in k for k in self._keys for c in "’“”\1")

    @cached_property
    def _plans(self) -> dict[str, tuple[tuple[int | None, bool, bool, int | None], ...]]:
        """key -> ``_key_plan`` of each of its regexes (in the order of ``_rxs_of``)."""
        return {key: tuple(_key_plan(key, p, self._flags) for p in ps) for key, ps in self._rxs_of._source.items()}

    @cached_property
    def _tail_keys(self) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
        """The keys looked for at the tail of a text, as (those of a pattern that can end with
        any character, {last character: those whose patterns all end with one of some
        characters}) (``_last_chars``): ")" for "(Photo by …)", "d" for "3 min read"."""
        anywhere, by_end = [], {}
        for key in self._regions[3]:
            chars = set()
            for p in self._rxs_of._source[key]:
                last = _last_chars(p, self._flags)
                if last is None:
                    chars = None
                    break
                chars |= last
            if chars is None:
                anywhere.append(key)
            else:
                for c in sorted(chars):
                    by_end[c] = by_end.get(c, ()) + (key,)
        return tuple(anywhere), by_end

    @cached_property
    def _head_keys(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """The keys looked for at the head of a text, as (a character three or more of them hold,
        those, the others): those are looked for only where the character is (the site names,
        ".fr", ".com", … hold "."); ``("", (), heads)`` if no character is held by three."""
        heads = self._regions[1]
        held = Counter(c for k in heads for c in set(k))
        c, n = max(sorted(held.items()), key=lambda cn: cn[1], default=("", 0))
        if n < 3:
            return "", (), heads
        return c, tuple(k for k in heads if c in k), tuple(k for k in heads if c not in k)

    @cached_property
    def _nested(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """The keys looked for in the whole text, less those that hold another of them
        ("cookies" holds "cookie"), and those as (the key they hold, key): one is in a text only
        if the key it holds is."""
        anywhere = self._regions[0]
        outer = tuple(k for k in anywhere if not any(o != k and o in k for o in anywhere))
        return outer, tuple((next(o for o in outer if o in k), k) for k in anywhere if k not in outer)

    @cached_property
    def anchored(self) -> re.Pattern:
        """The anchored patterns as one regex (for ``search``, and texts the gates cannot read)."""
        return re.compile("|".join(f"(?:{p})" for p in self._anchored_source), self._flags)

    @cached_property
    def floating(self) -> list[tuple[str, re.Pattern, bool]]:
        """(key, regex, exact) of each pattern not anchored at the start: a text that matches the
        regex holds the key (lower-cased; ``exact``: only if the text is plain, see PhraseGate)."""
        return [(key, re.compile(p, self._flags), exact) for key, p, exact in self._floating_source]

    @cached_property
    def by_key(self) -> list[tuple[str, tuple[re.Pattern, ...], bool]]:
        """``floating``, one entry per (key, exact)."""
        return [(key, tuple(re.compile(p, self._flags) for p in ps), exact) for key, ps, exact in self._by_key_source]

    @cached_property
    def _exact(self) -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
        return tuple((key, rxs) for key, rxs, exact in self.by_key if exact)

    @classmethod
    def _plain(cls, pattern: str) -> str:
        """The characters of a pattern that every match holds as they are (others: spaces)."""
        depth, plain, i = 0, [], 0
        while i < len(pattern):
            c = pattern[i]
            if c == "\\":
                plain.append(" ")
                i += 2
                continue
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
                plain.append(" ")
            elif c in "?*{" and plain:
                plain[-1] = " "  # the previous character is optional
                plain.append(" ")
            elif depth == 0 and c not in "+}|^$.":
                plain.append(c)
            else:
                plain.append(" ")
            i += 1
        return "".join(plain)

    @classmethod
    def _keyword(cls, pattern: str) -> str:
        """The longest plain word of a pattern, outside any group or class: a text matching the
        pattern must contain it (lower-cased)."""
        words = cls._WORDS.findall(cls._plain(pattern))
        return max(words, key=len).lower() if words else ""

    _SHORT_WORDS = re.compile(r"[^\W\d_]{3,}")
    _GROUP = re.compile(r"\(([^()\[\]\\]*)\)(?![?*{])")

    @classmethod
    def _short_keyword(cls, pattern: str) -> str:
        """For a pattern without a ``_keyword``: a plain word of three letters, or the word that
        every alternative of a (required, top-level) group spells; ``""`` if none (or if the
        pattern is an alternation at its top level, where nothing is required)."""
        depth = 0
        for i, c in enumerate(pattern):
            if c == "|" and depth == 0 and pattern[i - 1:i] != "\\":
                return ""
            depth += (c == "(") - (c == ")")
        words = cls._SHORT_WORDS.findall(cls._plain(pattern))
        if words:
            return max(words, key=len).lower()
        for m in cls._GROUP.finditer(pattern):
            if pattern[:m.start()].count("(") != pattern[:m.start()].count(")"):
                continue  # inside another group
            alts = {a.lower() for a in m.group(1).split("|")}
            if len(alts) == 1:
                word = alts.pop()
                if len(word) >= 3 and word.isalpha():
                    return word
        return ""

    def _anchored_match(self, text: str) -> bool:
        """``bool(self.anchored.match(text))``, trying only the patterns that can start the way
        ``text`` does."""
        heads = self._heads
        if heads is None:
            return self.anchored.match(text) is not None
        head = text[:2]
        rx = self._head_regex.get(head, _NONE)  # (the same, by the first two characters as written)
        if rx is _NONE:
            if len(self._head_regex) >= 20_000:
                self._head_regex.clear()
            low = head.lower()
            if len(low) != len(head) or "ı" in low or "ſ" in low:  # (PhraseGate.plain)
                rx = self._head_regex[head] = self.anchored
            else:
                rx = heads.get(low, _NONE)
                if rx is _NONE:
                    pats = [p for p, g in self._gated if low in g.two or low[:1] in g.one]
                    rx = heads[low] = re.compile("|".join(f"(?:{p})" for p in pats), self._flags) if pats else None
                self._head_regex[head] = rx
        return rx is not None and rx.match(text) is not None

    def found(self, text: str, low: str | None = None) -> bool:
        """``bool(self.search(text))``, faster: each key word is looked for once (``low``:
        ``text.lower()``, if the caller has it)."""
        if self._anchored_match(text):
            return True
        if low is None:
            low = text.lower()
        rxs_of = self._rxs_of
        plain = len(low) == len(text) and "ı" not in low and "ſ" not in low  # (PhraseGate.plain)
        if plain and self._regions_after:
            self._regions_after -= 1  # (a cold start of a few lines does not work them out)
            keys = filter(low.__contains__, self._keys)
        elif plain:
            # a match holds its key where the match is (see PhraseGate): the keys of anchored
            # patterns are looked for at the head or the tail of the text only, and a regex is
            # run from the first place its key can start a match (``_plans``)
            _, _, head, tails, tail = self._regions
            outer, nested = self._nested
            # (the keys are looked for in ``scan``: ``low`` with its curly quotation marks made
            # "\1", which no key holds, so that each key is where it is in ``low``; a text that
            # holds one is stored two bytes a character, and looking for a key of one byte a
            # character in it copies the key first, each time)
            scan = low.replace("’", "\1").replace("“", "\1").replace("”", "\1") \
                if self._keys_plain and not low.isascii() else low
            keys = [k for k in outer if k in scan]
            if keys:
                keys += [k for o, k in nested if o in keys and k in scan]
            start = scan[:head]
            c, holding, rest = self._head_keys
            keys += [k for k in rest if k in start]
            if c in start:
                keys += [k for k in holding if k in start]
            # (the tail keys that a match can end with any character, and those of patterns that
            # end with the text's last character: before a final newline, "$" matches too)
            ends, by_end = self._tail_keys
            last = low[-1:]
            if last in by_end:
                ends = ends + by_end[last]
            if last == "\n" and low[-2:-1] in by_end:
                ends = tuple(dict.fromkeys(ends + by_end[low[-2:-1]]))
            end = scan[-tail:]
            keys += [k for k in ends if k in end]
            plans = self._plans
            for key in keys:
                i = scan.find(key)
                for rx, (lead, at_start, word_start, longest) in zip(rxs_of[key], plans[key]):
                    if at_start:
                        # (run from an offset past 0, a pattern anchored at the start matches
                        # nothing; from 0, ``search`` would try every offset where only the
                        # first can match; anchored at both ends, it matches no longer text than
                        # its widest match)
                        if (lead is None or i <= lead) and (longest is None or len(text) <= longest) \
                                and rx.match(text):
                            return True
                        continue
                    # (the key after a "\b" of the pattern: its first occurrence where "\b" holds,
                    # "ici" of « ici. » and not of « officiel »)
                    j = _at_word_boundary(text, low, key, i) if word_start else i
                    if j >= 0 and rx.search(text, j - lead if lead is not None and j > lead else 0):
                        return True
            return False
        else:
            keys = filter(low.__contains__, self._keys)
        for key in keys:
            for rx in rxs_of[key]:
                if rx.search(text):
                    return True
        if self._has_exact and not plain:
            for key, rxs in self._exact:
                if key not in low:
                    for rx in rxs:
                        if rx.search(text):
                            return True
        return False

    #: ``bool(self.anchored.match(text))``
    match_start = _anchored_match

    def search(self, text: str):
        m = self.anchored.match(text)
        if m:
            return m
        low = text.lower()
        plain = None
        for key, rx, exact in self.floating:
            if key in low:
                m = rx.search(text)
                if m:
                    return m
            elif exact:
                if plain is None:
                    plain = PhraseGate.plain(low, len(text))
                if not plain:
                    m = rx.search(text)
                    if m:
                        return m
        return None


class PhraseGate:
    """Where a regex built from literal phrases (``_alternation``, case-insensitive, whole words)
    can match, found without running it: a match of a phrase puts all its words among the words
    of the lower-cased text, and the lower-cased phrase itself in that text.

    That holds when lower-casing maps each character to one character that the case-insensitive
    regex takes for it, which is true of every character but three: "ı" and "ſ", which the regex
    matches to "i" and "s", and "İ", which lower-cases to two characters (tests/unit/
    test_claims_speed.py checks the whole of Unicode): callers check ``plain()`` first."""

    __slots__ = ("keys", "by_key")

    def __init__(self, phrases) -> None:
        by_key: dict[str, list[tuple[frozenset[str], str]]] = {}
        for p in sorted(set(phrases)):
            low = p.lower()
            by_key.setdefault(_key_of(p), []).append((frozenset(_KEY_WORD.findall(low)), low))
        self.by_key = {k: tuple(v) for k, v in by_key.items()}
        #: the key word of each phrase (``_key_of``)
        self.keys = frozenset(by_key)

    @staticmethod
    def plain(low: str, length: int) -> bool:
        """``low``, the lower case of a text of ``length`` characters, can be used to locate
        phrases (see the class)."""
        return len(low) == length and "ı" not in low and "ſ" not in low

    def first(self, low: str, words) -> int:
        """The lowest offset in ``low`` where a phrase whose words are all in ``words`` occurs,
        or -1: no match can start before it (-1: there is no match)."""
        best = -1
        for key in self.keys.intersection(words):
            for ws, phrase in self.by_key[key]:
                if ws <= words:
                    i = low.find(phrase)
                    if i >= 0 and (best < 0 or i < best):
                        best = i
        return best


class PhraseGates:
    """``PhraseGate.first`` of several phrase families at once (one set intersection per text).
    A phrase is indexed by a word of it that is not common (the longest of three letters or more
    not in ``common``, else its longest): any of its words would do, since all must be present."""

    __slots__ = ("keys", "index", "size")

    def __init__(self, families: list[list[str]], common: frozenset[str]) -> None:
        index: dict[str, list[tuple[int, frozenset[str], str]]] = {}
        for f, phrases in enumerate(families):
            for p in sorted(set(phrases)):
                low = p.lower()
                ws = frozenset(_KEY_WORD.findall(low))
                rare = sorted([w for w in ws - common if len(w) >= 3] or ws, key=lambda w: (-len(w), w))
                index.setdefault(rare[0], []).append((f, ws, low))
        self.index = {k: tuple(v) for k, v in index.items()}
        self.keys = frozenset(index)
        self.size = len(families)

    def firsts(self, low: str, words) -> list[int] | None:
        """``[PhraseGate(family).first(low, words) for family in families]``, or ``None`` when
        every one of them is -1."""
        hits = self.keys.intersection(words)
        if not hits:
            return None
        best = [-1] * self.size
        index = self.index
        for key in hits:
            for f, ws, phrase in index[key]:
                if ws <= words:
                    i = low.find(phrase)
                    if i >= 0 and (best[f] < 0 or i < best[f]):
                        best[f] = i
        return best

    def occurrences(self, low: str, words, family: int) -> list[int]:
        """Every offset in ``low`` where a phrase of ``family`` whose words are all in ``words``
        occurs, in order: the only places where its regex can match."""
        out = set()
        index = self.index
        for key in self.keys.intersection(words):
            for f, ws, phrase in index[key]:
                if f == family and ws <= words:
                    i = low.find(phrase)
                    while i >= 0:
                        out.add(i)
                        i = low.find(phrase, i + 1)
        return sorted(out)


#: the phrase families of ``Lexicon.gates``, in order
CONTEST, ACCORDING, CONTRAST, OPPOSITION = range(4)


def _token_phrase(phrase: str) -> str:
    """A phrase as the attribution tokenizer splits it, lower-cased, joined by single spaces."""
    return " ".join(TOKEN.findall(phrase.lower()))


@dataclass(frozen=True)
class Lexicon:
    language: str
    stopwords: frozenset[str]
    verb_forms: frozenset[str]
    #: reporting verbs of several words, as their tokens joined by one space ("fait savoir")
    multiword_verbs: frozenset[str]
    multiword_first: frozenset[str]
    contest_forms: frozenset[str]
    participles: frozenset[str]
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    skip_after_verb: frozenset[str]
    source_stoppers: frozenset[str]
    clause_openers: frozenset[str]
    abbreviations: frozenset[str]
    not_after_according: frozenset[str]
    stressed_pronouns: frozenset[str]
    according_re: re.Pattern
    contest_re: re.Pattern
    contrast_re: re.Pattern
    opposition_re: re.Pattern
    boilerplate_re: _BoilerplateMatcher
    #: prefilters: a sentence can only match a cue regex if it holds one of these words
    verb_keys: frozenset[str]
    according_keys: frozenset[str]
    contest_keys: frozenset[str]
    contrast_keys: frozenset[str]
    according_gate: PhraseGate | None = None
    contest_gate: PhraseGate | None = None
    contrast_gate: PhraseGate | None = None
    opposition_gate: PhraseGate | None = None
    #: the four gates above at once, in the order CONTEST, ACCORDING, CONTRAST, OPPOSITION
    gates: PhraseGates | None = None
    #: a plain text (``PhraseGate.plain``) none of whose words is one of these has no cue:
    #: ``attribution_of`` returns None for it
    cue_words: frozenset[str] = frozenset()
    #: every token that can start a reporting verb (one-word forms, first tokens of the others)
    verb_scan: frozenset[str] = frozenset()
    #: (first token, words) of each several-word verb: its first token can start one only in a
    #: text that has all those words
    multiword_gates: tuple[tuple[str, frozenset[str]], ...] = ()
    #: ``multiword_gates`` by one word of each (its longest): only the gates whose word is among
    #: a text's words can open there (``attribution.find.verb_targets``)
    multiword_by_word: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict)
    #: where a subject ends, walking back from its verb: hard stops and clause openers
    subject_stops: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()  # "what", "quoi": never a name
    #: lower-cased tokens that open a noun phrase (determiners, pronouns, elided articles, the
    #: lexicon's ``np_modifiers``: "former", "ancien")
    np_starters: frozenset[str] = frozenset()
    #: lower-case words inside a name or title ("Secretary of State", "ministre de l'Intérieur")
    name_links: frozenset[str] = frozenset()
    #: endings of a finite verb that the lexicon does not list (English "-ed"), where a
    #: sentence's opening noun phrase ends
    verb_suffixes: tuple[str, ...] = ()
    #: participles whose agent is the one who asks, not the one who speaks ("economists polled
    #: by Reuters", « les économistes interrogés par Reuters »)
    asking_participles: frozenset[str] = frozenset()
    #: endings of a present participle that the lexicon does not list (English "-ing"; none in
    #: French, where "-ant" words are as often nouns of persons: « habitant », « dirigeant »)
    participle_suffixes: tuple[str, ...] = ()
    #: endings of the first word of an aside between a subject and its verb that make it a
    #: participle clause ("Ann Lee, asked about it, said", « Le maire, battu dimanche, ») rather
    #: than a description of the subject ("Ann Lee, chief economist at X, said")
    aside_endings: tuple[str, ...] = ()
    #: the beginnings of the verbs whose negation affirms the infinitive after them ("did not
    #: hesitate to say", « ne manque pas de rappeler »)
    litotes_stems: tuple[str, ...] = ()
    #: pronouns that stand for a noun phrase before a relative clause ("those who", « ceux qui »)
    demonstrative_pronouns: frozenset[str] = frozenset()
    #: the first words of the several-word phrases of ``skip_after_verb`` ("once" of "once
    #: again", « là » of « là encore »): ``phrases.skip_phrase`` joins tokens only after one
    skip_phrase_firsts: frozenset[str] = frozenset()
    #: set phrases between an auxiliary and its participle ("pour sa part", "for his part")
    verb_incises: frozenset[str] = frozenset()
    #: the last word of each of those (the only words where one can end)
    verb_incise_ends: frozenset[str] = frozenset()
    #: prepositions of a place between a verb and its inverted subject ("explique depuis Bafoussam le chef")
    place_prepositions: frozenset[str] = frozenset()
    #: words that join two subjects ("Doctors and pharmacists said")
    coordinators: frozenset[str] = frozenset()
    #: sentence openings that credit a quotation to the noun phrase after them ("Pour X, « … »")
    opinion_openers: tuple[str, ...] = ()
    #: those of ``opinion_openers`` that frame an opinion without a quotation when a person or a
    #: group follows (French « Pour les analystes, le plan va échouer »; English "For President
    #: Obama, it was a day of celebration" is no opinion of his)
    opinion_openers_alone: tuple[str, ...] = ()
    #: auxiliaries of the passive voice ("was told", "a été annoncé") and the agent's preposition
    passive_auxiliaries: frozenset[str] = frozenset()
    agent_markers: frozenset[str] = frozenset()
    #: words allowed between a participle without auxiliary and its agent ("jugé très
    #: insuffisant par"); 0 where a past tense looks like a participle (English)
    agent_gap: int = 0
    #: words that open a relative clause ("The company, which makes…, said")
    relative_pronouns: frozenset[str] = frozenset()
    #: relative pronouns that stand for the subject ("an official who…", "un responsable qui…")
    subject_relatives: frozenset[str] = frozenset()
    #: relative pronouns a subject of its own can follow ("what Sroka called", "Bannon, whom Beck
    #: called"; French « que » is a clause opener already)
    object_relatives: frozenset[str] = frozenset()
    #: words that open a condition ("if", "si"): a verb there reports nothing
    conditionals: frozenset[str] = frozenset()
    #: words that turn the conditional after them into a concession ("même si" = even though):
    #: what follows is said
    concessives: frozenset[str] = frozenset()
    #: the word that opens an absolute construction, a participle with its own subject ("with
    #: 30 percent of voters saying")
    absolute_markers: frozenset[str] = frozenset()
    #: nouns of a written statement: a participle after them reports for the clause's subject
    #: ("X issued a statement saying…")
    document_nouns: frozenset[str] = frozenset()
    #: surveys, polls and studies: what they find or show is reported without "that" ("the
    #: poll shows only a small gap")
    research_nouns: frozenset[str] = frozenset()
    #: verbs that report only as the tag of a quotation ("“…,” she continued"; "The war
    #: continued" reports nothing)
    quotation_verbs: frozenset[str] = frozenset()
    #: the words between a headline's speaker and its colon ("Clinton to Planned Parenthood:",
    #: "Macron sur l'Ukraine :")
    headline_links: frozenset[str] = frozenset()
    #: a poll or a survey after one of ``poll_prepositions`` credits a sentence's figures ("In a
    #: CNN poll, Clinton led…", "dans un sondage publié lundi")
    poll_nouns: frozenset[str] = frozenset()
    poll_prepositions: frozenset[str] = frozenset()
    #: the means a statement was made by, not its agent ("said by telephone", « déclaré par
    #: téléphone »)
    means_nouns: frozenset[str] = frozenset()
    #: passives that report hearsay before an infinitive, with no agent ("is said to", "are
    #: expected to"): attributed, no source
    hearsay_passives: frozenset[str] = frozenset()
    #: verbs of appearance: an impression nobody is named for ("seems to", « semble décidé »,
    #: « il paraît que », « semble-t-il »): attributed, no source
    appearance_verbs: frozenset[str] = frozenset()
    #: verbs of causing whose object is the one who then speaks ("led X to declare", « a conduit
    #: X à reconnaître »)
    causing_verbs: frozenset[str] = frozenset()
    #: adverbs of hearsay ("reportedly", « prétendument »): a sentence with no other cue is
    #: attributed, no source
    hearsay_adverbs: frozenset[str] = frozenset()
    #: plural nouns without the plural ending ("people", "police"; « gens » needs none)
    irregular_plurals: frozenset[str] = frozenset()
    #: states and regions written after a town and a comma ("Jackson, Miss.", « Lausanne, Vaud »),
    #: lower case, without their final dot
    region_names: frozenset[str] = frozenset()
    #: infinitives after which a present-tense verb that is also a participle reports (« La
    #: FNSEA dit ne pas en croire un mot », « Il écrit vouloir partir »)
    stance_infinitives: frozenset[str] = frozenset()
    #: words that may stand between an appearance verb and its complement (« semble bien
    #: difficile », "seems increasingly likely")
    degree_adverbs: frozenset[str] = frozenset()
    #: modal verbs, which give a clause no verb of its own ("a candidate who can be easily
    #: persuaded", « un élu qui peut être convaincu »)
    modals: frozenset[str] = frozenset()
    #: nouns of what someone says or believes, after a possessive and before "that" ("Clinton's
    #: claim that…")
    claim_nouns: frozenset[str] = frozenset()
    #: nouns of a speech act whose agent after "by" / « par » is their source ("the announcement
    #: by IBM of…", « l'annonce par IBM de… »)
    speech_nouns: frozenset[str] = frozenset()
    #: nouns of what is said or believed that, with ``speech_nouns``, credit their holder before
    #: "selon lesquelles" / "according to which" (« la thèse du ministre selon laquelle », "the
    #: theory of the prosecutors according to which"); without a holder nothing is credited
    hearsay_nouns: frozenset[str] = frozenset()
    #: the circles an impersonal « on » speaks from after « dans » (« dans l'entourage du maire,
    #: on assure », not « dans ce cas, on estime »); « à », « au », « chez » take any place
    on_circles: frozenset[str] = frozenset()
    #: conjunctions before a second verb of the same subject, besides ``coordinators`` ("did
    #: not mention him, but told his supporters…")
    verb_coordinators: frozenset[str] = frozenset()
    #: a reporting verb in the present takes the subject before it even when nothing says it
    #: introduces speech ("La préfecture indique n'avoir…"): French, whose present-tense forms
    #: are seldom nouns after a subject (a determiner before the form still rules it out)
    present_subject: bool = False
    #: headings of a list of links to other articles ("Read Next", "Sur le même sujet"), as
    #: ``boilerplate.line_key`` gives them: the headline-like lines after one are links
    link_headers: frozenset[str] = frozenset()
    #: the same as beginnings ("More on extreme heat", "Read more from Sky News:")
    link_header_prefixes: tuple[str, ...] = ()
    #: a picture's credit standing alone on its line ("Getty Images"): an unterminated line
    #: after it is the picture's caption
    photo_credits: frozenset[str] = frozenset()
    #: the full date that ends a picture's caption (", March 3, 2025.", ", le 1er juillet 2025.")
    caption_date_re: re.Pattern | None = None
    #: a picture credit on a line of its own after its caption ("Charlie Riedel/AP/File")
    credit_line_re: re.Pattern | None = None
    #: words after which French puts the subject after the verb ("une explication que rejette X")
    inversion_after: frozenset[str] = frozenset()
    #: pronouns before a verb that are never its subject ("y", "en")
    clitics: frozenset[str] = frozenset()
    #: the impersonal subject pronoun ("on"), no source by itself
    impersonal: str = ""
    #: a pronoun that is no source before one of these verbs ("Il faut rappeler que…", "It is
    #: worth noting that…": the article's own voice)
    impersonal_subjects: dict[str, frozenset[str]] = field(default_factory=dict)
    #: reporting verbs that a headline in Title Case writes with a capital ("Sanders Says He…")
    headline_verbs: frozenset[str] = frozenset()
    #: verb forms that are plural nouns too ("calls"): a verb only before its object
    object_verbs: frozenset[str] = frozenset()
    #: a word of a source and the preposition its complement opens, which stays in the source
    #: ("a person familiar with the matter", "an aide to the senator")
    np_complements: dict[str, frozenset[str]] = field(default_factory=dict)
    #: "à mon avis", "in his view": who holds the opinion (group ``src``), and the words one of
    #: which a sentence must hold for the patterns to be tried
    viewpoint_res: tuple[re.Pattern, ...] = ()
    viewpoint_words: frozenset[str] = frozenset()
    viewpoint_openers: tuple[str, ...] = ("\0",)  # or the sentence opens with one of these
    #: endings of adverbs, which end no subject ("Rourke strenuously denies")
    adverb_suffixes: tuple[str, ...] = ()
    #: words that negate a verb group ("n'a pas répondu", "did not say"): no statement is reported
    negations: frozenset[str] = frozenset()
    #: verbs whose negation means "no comment" ("n'a pas répondu", "did not respond")
    no_comment_verbs: frozenset[str] = frozenset()
    #: reporting verbs that report only with "that" / "que" after them ("the study found that")
    that_verbs: frozenset[str] = frozenset()
    #: "that"-verbs that also report a result without "that" ("Polls show Clinton ahead")
    result_verbs: frozenset[str] = frozenset()
    #: verb forms followed by one of these words report nothing: "residents told to leave", "an
    #: ambulance called to the scene" (form -> next words)
    not_reporting_before: dict[str, frozenset[str]] = field(default_factory=dict)
    #: irregular past forms of common verbs, which end a subject the lexicon does not otherwise
    #: see end ("The president left no doubt…, saying")
    past_forms: frozenset[str] = frozenset()
    #: participles that are never a finite verb ("shown", "written"): right after a noun, one
    #: modifies it ("the biases shown in the report") and has no subject there
    participles_only: frozenset[str] = frozenset()
    #: verbs of intention ("plans to", "sought to"): they credit the intention to their subject
    #: only as the verb of a main clause, not in a relative or adverbial clause ("as he sought
    #: to…", "senators who plan to…"), and as a finite verb, not a noun ("a detailed plan to…")
    intention_verbs: frozenset[str] = frozenset()
    #: verbs of perception that state a view only with "as" after their object ("voters see
    #: Clinton as the stronger candidate"; "is widely seen as": hearsay, no one named), not
    #: otherwise ("he saw the crowd")
    as_verbs: frozenset[str] = frozenset()
    #: the modals that make a verb the writer's advice, no one's wish: "Trump may want to check
    #: his stats", "Republicans might want to consider…" (verb form -> modals)
    advice_modals: dict[str, frozenset[str]] = field(default_factory=dict)
    #: verbs that, after "you" and before a comma ("You know, the ones who…"), or after "as"
    #: and a pronoun and before "it" ("news as we know it"), are a turn of speech, no report
    discourse_verbs: frozenset[str] = frozenset()
    #: adjectives between a possessive and a noun a verb form may share: "the government's only
    #: hope", "the police's biggest worry" (English)
    noun_adjectives: frozenset[str] = frozenset()
    #: verb forms that head a compound noun, and the nouns that complete it: "think" before
    #: "tank" is a noun, no cue and no verb inside a speaker's description (English)
    noun_compounds: dict[str, frozenset[str]] = field(default_factory=dict)
    #: words that open where, when or to whom after a tag's verb: '"…," the mayor fumed at the meeting'
    tag_adjunct_openers: frozenset[str] = frozenset()
    #: the conjunction of a comparison, whose clause has its own subject ("Prices rose more than
    #: economists predicted"; but "More than 200 economists said": a count)
    comparatives: frozenset[str] = frozenset()
    #: pronouns that are only ever a subject: one right before a verb is its subject whatever
    #: comes before it ("the deal he said would fail", "so angry he said he would quit"; English)
    nominative_pronouns: frozenset[str] = frozenset()
    #: verb forms that report only before one of these words ("seemed to", "appears that")
    only_before: dict[str, frozenset[str]] = field(default_factory=dict)
    #: verbs that also name ("a town called Terre Haute"): no report after a common noun
    naming_verbs: frozenset[str] = frozenset()
    #: verbs that take their object after them and never have their subject there: no inverted
    #: tag ("…, criticized the trade": "the trade" is the object; "…, said the senator" inverts)
    no_inversion: frozenset[str] = frozenset()
    #: conjunctions that may open a sentence before its subject ("And even Obama tried…",
    #: "Mais le maire a…")
    sentence_conjunctions: frozenset[str] = frozenset()
    #: titles and functions ("directeur", "porte-parole", "spokesman"), from the source words the
    #: source normaliser shares: an apposition that opens with one describes the subject
    title_words: frozenset[str] = frozenset()
    #: "according to" phrases that are participles ("citing", "citant"): they credit their noun
    #: phrase only when no verb of the sentence names a source ("X said, citing low growth")
    citing: frozenset[str] = frozenset()
    #: "according to" phrases that also have a plain sense ("aux yeux de tous", in front of
    #: everyone): they credit only at the start of the sentence or after a comma (« Aux yeux du
    #: ministre, … », "…, in the eyes of many voters, …")
    according_framed: frozenset[str] = frozenset()
    #: the participle of the perfect ("having", "ayant"): "Having announced…, X said" opens with
    #: a participle clause
    perfect_participles: frozenset[str] = frozenset()
    #: participles of perception after a passive auxiliary, before the reporting verb: "a
    #: reporter can be heard asking", "Others could be heard calling" (not part of the subject)
    perception_participles: frozenset[str] = frozenset()
    #: adverbs that may open a description of the speaker ("X, then senior pastor at…", « X, alors ministre »)
    description_adverbs: frozenset[str] = frozenset()
    #: an auxiliary that is one only right before the verb ("They doubt it, but do believe that…";
    #: elsewhere a verb: "could do this by telling")
    emphatic_auxiliaries: frozenset[str] = frozenset()
    #: where a sentence of two speakers may be cut in two: a semicolon, a comma and one of the
    #: lexicon's ``speaker_boundaries`` ("…, while a third said…"), or one of its
    #: ``contrast_boundaries`` even without a comma ("X accuses… while Y suggests…"); see
    #: ``speakers``
    speaker_boundary_re: re.Pattern | None = None
    #: a sentence that opens with one of these ("While X said…, Y said…") ends its subordinate
    #: clause at a comma: a boundary between two speakers
    opening_subordinate_re: re.Pattern | None = None
    #: numbers and shares written in words, and the parts of "two-thirds", "seventy-four": a
    #: subject that opens with one counts people ("three-quarters of the voters said")
    number_words: frozenset[str] = frozenset()
    #: participles and adjectives of a state of mind: after "être" / "be" they are no passive
    #: but the subject's opinion ("Nehru est convaincu que", "She is confident that")
    stative_participles: frozenset[str] = frozenset()
    #: infinitives of reporting verbs: with "que" / "that" after them they report for the
    #: subject of their clause ("X est bien placé pour savoir que…")
    infinitives: frozenset[str] = frozenset()
    #: verbs of intent or future after which an infinitive reports for their subject ("devait
    #: annoncer", "va déclarer"); never "pouvoir" (a possibility reports nothing)
    intent_verbs: frozenset[str] = frozenset()
    #: every infinitive among the verb forms (French: those of the "-er" verbs as well)
    any_infinitives: frozenset[str] = frozenset()
    #: what opens a wire story's first paragraph before its first sentence ("CHICAGO, June 10
    #: (Reuters) - ", "New York CNN — ", "UPDATE, 5:05 p.m.: "): not part of the claim
    dateline_re: re.Pattern | None = None
    #: words that join a source to what it comes from ("figures from the ONS", "une note de la DEPP")
    source_links: frozenset[str] = frozenset()
    #: the words after which the walk back from a verb over its subject may stop or turn
    #: (``phrases._walk_back``): a closing curly quote, conditionals, comparatives, relative
    #: pronouns and ``subject_stops``; any other word is one more word of the subject
    subject_turns: frozenset[str] = frozenset()
    #: the words before a verb that may belong to its verb group (``verbs.verb_group_start``):
    #: auxiliaries, appearance verbs, adverbs and negations, the last words of set phrases, a
    #: comma
    group_words: frozenset[str] = frozenset()
    #: what the attribution rules work out once per verb form and per word, filled as they
    #: meet them (``attribution.rules._rules_for``): not part of the lexicon's value
    rule_memo: tuple[dict, dict] = field(default_factory=lambda: ({}, {}), compare=False, hash=False, repr=False)

    @staticmethod
    def words_of(low: str) -> set[str]:
        """The words of lower-cased ``low``, split at anything not a letter or digit (for the
        prefilters: a cue can only match where its key word is one of these)."""
        return words_in(unpunctuated(low), low)


#: the punctuation of news text, most frequent first (replaced by spaces before splitting words)
_PUNCTUATION = ",.’\"-«»'“”–:()/‘"
_RARE_PUNCTUATION = "$…;©[]?!%&—+*#@=°_·•|><€£~^{}\\`´¿¡§¶"


def unpunctuated(low: str, rare: bool = False) -> str:
    """``low`` with its common punctuation (``rare``: the rarer punctuation) replaced by spaces,
    character for character (so that offsets stay the same), for ``words_in``."""
    for c in _RARE_PUNCTUATION if rare else _PUNCTUATION:
        low = low.replace(c, " ")
    return low


def words_in(unpunct: str, low: str) -> set[str]:
    """``set(_KEY_WORD.findall(low))``, the maximal runs of letters and digits of ``low``, given
    ``unpunct = unpunctuated(low)``: the white-space split of ``unpunct`` when every piece is
    letters and digits (the usual case, many times faster than the regex)."""
    ws = set(unpunct.split())
    if not ws or "".join(ws).isalnum():
        return ws
    ws = set(unpunctuated(unpunct, rare=True).split())
    if not ws or "".join(ws).isalnum():
        return ws
    return set(_KEY_WORD.findall(low))


_LEXICONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lexicons")


def _load_raw(lang: str) -> dict:
    """The data file of ``lang``, parsed (a fresh copy: the caller may change it)."""
    try:
        with open(os.path.join(_LEXICONS, f"{lang}.json"), encoding="utf-8") as fh:
            data = fh.read()
    except FileNotFoundError:  # pragma: no cover - a package not on the file system (a zip)
        from importlib import resources  # (slow to import: only when needed)

        data = resources.files("workbench.claims").joinpath("lexicons", f"{lang}.json").read_text("utf-8")
    return json.loads(data)


@cache
def _raw(lang: str) -> dict:
    """``_load_raw(lang)``, read once: shared, never to be changed."""
    return _load_raw(lang)


def stopwords(lang: str) -> frozenset[str]:
    """``load(lang).stopwords`` without compiling the lexicon (for language detection)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no lexicon for language {lang!r}")
    return frozenset(_raw(lang)["stopwords"])


@cache
def _boilerplate_matcher() -> _BoilerplateMatcher:
    """The furniture patterns of every language (page furniture is often in another language
    than the article: an English cookie banner on a French page), one matcher for all lexicons."""
    return _BoilerplateMatcher([p for lang in LANGUAGES for p in _raw(lang)["boilerplate"]], re.IGNORECASE)


def _gates_by_word(phrases: list[str]) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """The (first token, words) gate of each several-word phrase, filed under the longest of its
    words (the first in alphabetical order of equals)."""
    by_word: dict[str, set[tuple[str, frozenset[str]]]] = {}
    for v in phrases:
        if " " in v:
            ws = frozenset(_KEY_WORD.findall(v.lower()))
            if not ws:
                raise ValueError(f"a several-word verb without a word: {v!r}")
            word = min(ws, key=lambda w: (-len(w), w))
            by_word.setdefault(word, set()).add((_token_phrase(v).split()[0], ws))
    return {w: tuple(sorted(gates, key=str)) for w, gates in by_word.items()}


@cache
def load(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` (``fr`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no lexicon for language {lang!r}")
    raw = _raw(lang)
    verbs, contest, participles, er_infinitives = _verb_lists(lang, raw)
    lex = Lexicon(
        language=lang,
        **_cue_fields(raw, verbs, contest, participles, er_infinitives),
        **_word_fields(raw),
        **_furniture_fields(),
    )
    return dataclasses.replace(lex, **_union_fields(lex))


def _union_fields(lex: Lexicon) -> dict:
    """The ``Lexicon`` fields that join others, for the walks that test a word against each of
    them in turn (a word in none of them ends or extends the walk at once)."""
    return dict(
        subject_turns=frozenset({"’"}) | lex.conditionals | lex.comparatives | lex.object_relatives
        | lex.subject_relatives | lex.subject_stops,
        group_words=frozenset({","}) | lex.auxiliaries | lex.appearance_verbs | lex.emphatic_auxiliaries
        | lex.passive_auxiliaries | lex.verb_incise_ends | lex.skip_after_verb | lex.negations,
    )


def _verb_lists(lang: str, raw: dict) -> tuple[list[str], list[str], set[str], list[str]]:
    """The reporting verbs' forms, the contesting verbs' forms, the participles among them and
    (French) the infinitives of the ``-er`` verbs, from the data file of ``lang``."""
    if lang != "fr":
        return raw["verbs"], raw["contest_verbs"], set(raw["verbs"] + raw["contest_verbs"]), []
    # the infinitives too: "ont tenu à dénoncer", "continuent de contester"
    er_infinitives = [v for v in raw["verbs_er"] + raw["contest_er"] if " " not in v and "'" not in v and "’" not in v]
    verbs = [f for v in raw["verbs_er"] for f in _french_er_forms(v)] + raw["verbs_irregular"] \
        + [v for v in er_infinitives if v in raw["verbs_er"]]
    contest = [f for v in raw["contest_er"] for f in _french_er_forms(v)] + raw["contest_irregular"] \
        + [v for v in er_infinitives if v in raw["contest_er"]]
    participles = {f for f in verbs + contest if f.endswith(("é", "ée", "és", "ées", "u", "i", "is", "it", "savoir", "valoir", "entendre"))
                   and not f.endswith("ait")}  # (the imperfect "estimait" is no participle)
    return verbs, contest, participles, er_infinitives


def _cue_fields(raw: dict, verbs: list[str], contest: list[str], participles: set[str],
                er_infinitives: list[str]) -> dict:
    """The ``Lexicon`` fields that find cues: verb forms, cue-phrase regexes and their gates."""
    contest_all = list(contest) + raw["contest_phrases"]
    flags = re.IGNORECASE
    verb_forms = frozenset(v.lower() for v in verbs + contest if " " not in v)
    multiword_first = frozenset(_token_phrase(v).split()[0] for v in verbs + contest if " " in v)
    gates = PhraseGates(
        [contest_all, raw["according_to"], raw["contrast_markers"], raw["opposition_conjunctions"]],
        frozenset(w for o in LANGUAGES for k in ("stopwords", "auxiliaries", "determiners", "pronouns",
                                                 "clause_openers", "source_stoppers")
                  for w in _raw(o)[k]),
    )
    return dict(
        verb_forms=verb_forms,
        multiword_verbs=frozenset(_token_phrase(v) for v in verbs + contest if " " in v),
        multiword_first=multiword_first,
        contest_forms=frozenset(v.lower() for v in contest),
        participles=frozenset(p.lower() for p in participles),
        according_re=re.compile(r"(?<![\w'’-])(" + _alternation(raw["according_to"]) + r")(?![\w-])", flags),
        contest_re=re.compile(r"(?<![\w'’-])(" + _alternation(contest_all) + r")(?![\w'’-])", flags),
        contrast_re=re.compile(r"(?<![\w'’-])(" + _alternation(raw["contrast_markers"]) + r")(?![\w'’-])", flags),
        opposition_re=re.compile(r"(?<![\w'’-])(" + _alternation(raw["opposition_conjunctions"]) + r")(?![\w'’-])",
                                 flags),
        verb_keys=frozenset(_key_of(v) for v in verbs + contest),
        according_keys=frozenset(_key_of(v) for v in raw["according_to"]),
        contest_keys=frozenset(_key_of(v) for v in contest_all),
        contrast_keys=frozenset(_key_of(v) for v in raw["contrast_markers"]),
        according_gate=PhraseGate(raw["according_to"]),
        contest_gate=PhraseGate(contest_all),
        contrast_gate=PhraseGate(raw["contrast_markers"]),
        opposition_gate=PhraseGate(raw["opposition_conjunctions"]),
        gates=gates,
        cue_words=gates.keys | verb_forms | multiword_first,
        verb_scan=verb_forms | multiword_first,
        any_infinitives=frozenset(raw.get("infinitives", ())) | frozenset(er_infinitives),
        multiword_gates=tuple(sorted({(_token_phrase(v).split()[0], frozenset(_KEY_WORD.findall(v.lower())))
                                      for v in verbs + contest if " " in v}, key=str)),
        multiword_by_word=_gates_by_word(verbs + contest),
    )


def _word_sets(raw: dict, key: str) -> dict[str, frozenset[str]]:
    """A lexicon key that maps a word to a list of words, as sets: ``{"told": ["to"]}``."""
    return {w: frozenset(ws) for w, ws in raw.get(key, {}).items()}


def _word_fields(raw: dict) -> dict:
    """The ``Lexicon`` fields that are word lists of the data file (the grammar around cues)."""
    # an honorific opens a noun phrase like a determiner ("Mme Dupont", "Dr Smith")
    determiners = frozenset(d.lower() for d in raw["determiners"]) | frozenset(h.lower() for h in raw["honorifics"])
    pronouns = frozenset(raw["pronouns"])
    return dict(
        stopwords=frozenset(raw["stopwords"]),
        question_words=frozenset(raw["question_words"]),
        auxiliaries=frozenset(a.lower() for a in raw["auxiliaries"]),
        pronouns=pronouns,
        determiners=determiners,
        skip_after_verb=frozenset(raw["skip_after_verb"]),
        skip_phrase_firsts=frozenset(w.split()[0] for w in raw["skip_after_verb"] if " " in w),
        source_stoppers=frozenset(raw["source_stoppers"]),
        clause_openers=frozenset(raw["clause_openers"]),
        # honorifics of every language: translated French articles keep "Mr.", English ones "M."
        abbreviations=frozenset(raw["abbreviations"]) | {h for o in LANGUAGES for h in _raw(o)["honorifics"]},
        stressed_pronouns=frozenset(raw["stressed_pronouns"]),
        not_after_according=frozenset(_token_phrase(w) for w in raw["according_to_not_before"]),
        np_starters=determiners | pronouns | {"l'", "l’", "d'", "d’"} | frozenset(raw.get("np_modifiers", ())),
        name_links=frozenset(_token_phrase(w) for w in raw.get("name_links", ())),
        verb_suffixes=tuple(raw.get("verb_suffixes", ())),
        participle_suffixes=tuple(raw.get("participle_suffixes", ())),
        aside_endings=tuple(raw.get("aside_endings", ())),
        litotes_stems=tuple(raw.get("litotes_stems", ())),
        demonstrative_pronouns=frozenset(raw.get("demonstrative_pronouns", ())),
        asking_participles=frozenset(raw.get("asking_participles", ())),
        verb_incises=frozenset(_token_phrase(w) for w in raw.get("verb_incises", ())),
        verb_incise_ends=frozenset(_token_phrase(w).split()[-1] for w in raw.get("verb_incises", ())),
        place_prepositions=frozenset(raw.get("place_prepositions", ())),
        coordinators=frozenset(raw.get("coordinators", ())),
        opinion_openers=tuple(f"{w} " for w in raw.get("opinion_openers", ())),
        opinion_openers_alone=tuple(f"{w} " for w in raw.get("opinion_openers_alone", ())),
        passive_auxiliaries=frozenset(raw.get("passive_auxiliaries", ())),
        agent_markers=frozenset(raw.get("agent_markers", ())),
        agent_gap=int(raw.get("agent_gap", 0)),
        relative_pronouns=frozenset(raw.get("relative_pronouns", ())),
        subject_relatives=frozenset(raw.get("subject_relatives", ())),
        object_relatives=frozenset(raw.get("object_relatives", ())),
        conditionals=frozenset(raw.get("conditionals", ())),
        concessives=frozenset(raw.get("concessives", ())),
        absolute_markers=frozenset(raw.get("absolute_markers", ())),
        document_nouns=frozenset(raw.get("document_nouns", ())),
        research_nouns=frozenset(raw.get("research_nouns", ())),
        quotation_verbs=frozenset(raw.get("quotation_verbs", ())),
        headline_links=frozenset(raw.get("headline_links", ())),
        poll_nouns=frozenset(raw.get("poll_nouns", ())),
        poll_prepositions=frozenset(raw.get("poll_prepositions", ())),
        means_nouns=frozenset(raw.get("means_nouns", ())),
        hearsay_passives=frozenset(raw.get("hearsay_passives", ())),
        appearance_verbs=frozenset(raw.get("appearance_verbs", ())),
        causing_verbs=frozenset(raw.get("causing_verbs", ())),
        hearsay_adverbs=frozenset(raw.get("hearsay_adverbs", ())),
        irregular_plurals=frozenset(raw.get("irregular_plurals", ())),
        region_names=frozenset(raw.get("region_names", ())),
        stance_infinitives=frozenset(raw.get("stance_infinitives", ())),
        degree_adverbs=frozenset(raw.get("degree_adverbs", ())),
        modals=frozenset(raw.get("modals", ())),
        claim_nouns=frozenset(raw.get("claim_nouns", ())),
        speech_nouns=frozenset(raw.get("speech_nouns", ())),
        hearsay_nouns=frozenset(raw.get("hearsay_nouns", ())),
        on_circles=frozenset(raw.get("on_circles", ())),
        verb_coordinators=frozenset(raw.get("verb_coordinators", ())),
        present_subject=bool(raw.get("present_subject", False)),
        inversion_after=frozenset(_token_phrase(w) for w in raw.get("inversion_after", ())),
        clitics=frozenset(raw.get("clitics", ())),
        impersonal=raw.get("impersonal", ""),
        impersonal_subjects=_word_sets(raw, "impersonal_subjects"),
        headline_verbs=frozenset(raw.get("headline_verbs", ())),
        object_verbs=frozenset(raw.get("object_verbs", ())),
        np_complements=_word_sets(raw, "np_complements"),
        viewpoint_res=tuple(re.compile(p, re.IGNORECASE) for p in raw.get("viewpoints", {}).get("patterns", ())),
        viewpoint_words=frozenset(raw.get("viewpoints", {}).get("words", ())),
        viewpoint_openers=tuple(raw.get("viewpoints", {}).get("openers", ())) or ("\0",),
        adverb_suffixes=tuple(raw.get("adverb_suffixes", ())),
        negations=frozenset(raw.get("negations", ())),
        no_comment_verbs=frozenset(raw.get("no_comment_verbs", ())),
        that_verbs=frozenset(raw.get("that_verbs", ())),
        not_reporting_before=_word_sets(raw, "not_reporting_before"),
        past_forms=frozenset(raw.get("past_forms", ())),
        participles_only=frozenset(raw.get("participles_only", ())),
        intention_verbs=frozenset(raw.get("intention_verbs", ())),
        as_verbs=frozenset(raw.get("as_verbs", ())),
        advice_modals=_word_sets(raw, "advice_modals"),
        discourse_verbs=frozenset(raw.get("discourse_verbs", ())),
        noun_adjectives=frozenset(raw.get("noun_adjectives", ())),
        noun_compounds=_word_sets(raw, "noun_compounds"),
        tag_adjunct_openers=frozenset(raw.get("tag_adjunct_openers", ())),
        comparatives=frozenset(raw.get("comparatives", ())),
        nominative_pronouns=frozenset(raw.get("nominative_pronouns", ())),
        result_verbs=frozenset(raw.get("result_verbs", ())),
        only_before=_word_sets(raw, "only_before"),
        naming_verbs=frozenset(raw.get("naming_verbs", ())),
        no_inversion=frozenset(raw.get("no_inversion", ())),
        sentence_conjunctions=frozenset(raw.get("sentence_conjunctions", ())),
        title_words=frozenset(w.lower() for w in raw.get("source_words", {}).get("titles", ())),
        citing=frozenset(raw.get("citing", ())),
        according_framed=frozenset(raw.get("according_framed", ())),
        perfect_participles=frozenset(raw.get("perfect_participles", ())),
        perception_participles=frozenset(raw.get("perception_participles", ())),
        description_adverbs=frozenset(raw.get("description_adverbs", ())),
        emphatic_auxiliaries=frozenset(raw.get("emphatic_auxiliaries", ())),
        opening_subordinate_re=re.compile(r"(?:" + _alternation(raw["opening_subordinates"]) + r")(?:(?<=['’])|(?![\w'’-]))", re.IGNORECASE)
        if raw.get("opening_subordinates") else None,
        speaker_boundary_re=re.compile(r";|,\s+(?:" + _alternation(raw["speaker_boundaries"]) + r")(?![\w'’-])"
                                       + (r"|\s(?:" + _alternation(raw["contrast_boundaries"]) + r")(?![\w'’-])"
                                          if raw.get("contrast_boundaries") else ""), re.IGNORECASE)
        if raw.get("speaker_boundaries") else None,
        number_words=frozenset(raw.get("number_words", ())),
        stative_participles=frozenset(raw.get("stative_participles", ())),
        infinitives=frozenset(raw.get("infinitives", ())),
        intent_verbs=frozenset(raw.get("intent_verbs", ())),
        source_links=frozenset(raw.get("source_links", ())),
        subject_stops=frozenset(',.;:!?«»“”"()[]–—…\'-') | frozenset(raw["clause_openers"]),
    )


def _furniture_fields() -> dict:
    """The ``Lexicon`` fields that recognise page furniture: the same for every language (a
    page's furniture, like a list of links, is often in the site's language, not the article's)."""
    flags = re.IGNORECASE
    return dict(
        boilerplate_re=_boilerplate_matcher(),
        link_headers=frozenset(" ".join(h.split()).casefold() for o in LANGUAGES for h in _raw(o)["link_headers"]),
        credit_line_re=re.compile("|".join(f"(?:{p})" for o in LANGUAGES for p in _raw(o)["credit_lines"]), flags),
        dateline_re=re.compile("|".join(f"(?:{p})" for o in LANGUAGES for p in _raw(o)["datelines"])),
        caption_date_re=re.compile("|".join(f"(?:{p})" for o in LANGUAGES for p in _raw(o)["caption_dates"]), flags),
        link_header_prefixes=tuple(" ".join(h.split()).casefold() + (" " if h.endswith(" ") else "")
                                   for o in LANGUAGES for h in _raw(o)["link_header_prefixes"]),
        photo_credits=frozenset(" ".join(h.split()).casefold() for o in LANGUAGES for h in _raw(o)["photo_credits"]),
    )
