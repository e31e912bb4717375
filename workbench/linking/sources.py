"""Source names: the name inside a claim's source span, and groups of the spellings of one source.

``normalise_source`` reads a source span as the extractor finds it ("le porte-parole du Kremlin,
Dmitri Peskov", "M. Peskov", "Le président russe Vladimir Poutine", "a US official", "il") and
returns the name it holds ("Dmitri Peskov", "Peskov", "Vladimir Poutine", "US official") or
``None`` for a pronoun or an empty span: those name nobody that can be grouped.

``group_sources`` maps every span of a corpus to the display name of its group, so that
"Dmitri Peskov", "Peskov", "M. Peskov", "Dmitry Peskov" and "le porte-parole du Kremlin,
Dmitri Peskov" all map to "Dmitri Peskov".

What a span is read as (the words are data, in the extractor's lexicon files: the ``source_words``
section and ``honorifics`` of ``claims/lexicons/<lang>.json``, and ``common.json``):

* spaces (no-break U+00A0, narrow no-break U+202F, thin...) become one plain space, apostrophes
  (’ ‘ ʼ ...) a plain ``'``, non-breaking hyphens a plain ``-``; quotes and final punctuation go;
* an apposition is split at its commas (and parentheses, spaced dashes): the part that is a
  proper name wins ("le porte-parole du Kremlin, Dmitri Peskov", "Dmitri Peskov, le porte-parole
  du Kremlin");
* a leading determiner goes ("le", "la", "l'", "les", "the", "a"...) except in a name that starts
  with one ("Le Pen", "Le Maire", "Le Monde": list ``names_with_article``); honorifics go ("M.",
  "Mme", "Dr", "Mr."...), and what follows them is read as a name;
* a title or a head word followed by a proper name keeps the name ("le président russe Vladimir
  Poutine", "Russian President Vladimir Putin", "le ministre de la Défense Sergueï Choïgou",
  "l'agence Reuters"); the name is the trailing run of capitalised words (with particles: "de",
  "von der", "Le"...), stopped by institution words ("Défense", "State", "Kremlin") so that "le
  porte-parole du Kremlin" or "le président de la République" stay descriptions;
* anything else is a *description* and keeps its words minus the determiner: "le ministère russe
  des Affaires étrangères" -> "ministère russe des Affaires étrangères", "un haut responsable
  américain" -> "haut responsable américain", "a US official" -> "US official".

How spans are grouped:

* pronouns and empty spans (``normalise_source`` is ``None``) are never grouped with anything:
  each maps to its own cleaned text ("Il" -> "Il"), so every input has an entry;
* descriptions, institutions, places used as sources ("Kremlin", "Moscou") and acronyms ("AFP")
  group only with the same words (case, accents, spaces and apostrophes aside): "un responsable
  américain" and "le responsable américain" are one group, and never join a named person, since
  two anonymous officials may be two people;
* person names (every word capitalised, or a particle) are read as given names + surname
  (the surname starts at a particle: "Marine | Le Pen", "Ursula | von der Leyen"). Two full names
  are one person when their surnames and their first given names match after a transliteration
  fold (w->v, y->i, ou->u, sh->ch, zh->j, tch->ch, x->ks, doubled letters once: Peskov/Peskow,
  Dmitri/Dmitry, Zelensky/Zelenskyy/Zelenski, Choïgou/Shoigu, Iouri/Yuri) or, failing that, score
  at least ``threshold`` with ``rapidfuzz.fuzz.ratio`` (Poutine/Putin 91, Prigojine/Prigozhin 94,
  once folded) -- except that a name ending in
  "a" never fuzzily matches one that does not (Peskov/Peskova, Alexander/Alexandra, Maria/Mario),
  nor a given name its form with a final "e" (Daniel/Danielle, Jean/Jeanne). "Biden"/"Bidet" score
  80 and stay apart; "Joe Biden"/"Hunter Biden" have different given names and stay apart;
* a surname alone ("Peskov", "M. Peskov") or with initials ("D. Peskov") joins the person whose
  surname matches when exactly one person of the corpus does (with that initial, if any); people
  with the very same folded surname are looked at first, near surnames only when there is none.
  When two or more match ("Biden" with "Joe Biden" and "Hunter Biden") it is ambiguous and is NOT
  merged: it forms its own group ("Biden"), with the other spans of the same surname alone, since
  a silent guess would credit one person with the other's claims;
* persons are clustered leader-first (the most frequent name first; a name joins the best leader
  it matches, never a chain of near matches), so the result does not depend on input order;
* a group's display name is its form with the most words (an initial is not a word), then the
  most frequent, then the first in code point order ("Dmitri Peskov").

Speed: two names are compared only when they share a surname or have surnames within one
edit of each other (found with a one-deletion index, then scored by rapidfuzz), so the work
grows with the corpus times the number of people sharing a surname, not with the square of the
corpus: 100,000 spans group in 1-4 s on a busy 2-core machine (``tests/unit/test_sources.py``).

Limitations:

* a surname more than one edit away from another once folded is never a near spelling of it,
  whatever ``threshold`` says (at the default 90 every pair of folded surnames under 10 letters
  that scores 90 is within one edit, so nothing is lost there);
* feminine guards cost some true variants: Alexandre/Aleksandr ("e") stay two people;
* nicknames, other scripts and unfolded spellings are different names ("Joe"/"Joseph",
  "Шойгу"/"Shoigu", "Mikhaïl"/"Michail"); a given name alone ("Dmitri") joins nobody;
* names written surname first (Kim Jong-un) are read as given name + surname, so "Kim" alone is
  a surname of nobody;
* places, institutions and common nouns alone are only recognised from the word lists
  (``metonyms``, ``institution_words``, ``common_nouns``); an unlisted one ("Gazprom") is read
  as a surname and may join the one person of that surname;
* an article at the start is taken for a determiner unless the name is listed in
  ``names_with_article`` ("Le Drian" is, "Le Cornu" is not and would become "Cornu");
* coreference is not resolved: "il" and "he" stay apart from everything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

LANGUAGES = ("fr", "en")
#: minimum ``fuzz.ratio`` between two transliteration-folded surnames (or given names) that are
#: not equal once folded, for them to be one name: Poutine/Putin 91, Zakharova/Zakarova 94 join;
#: Biden/Bidet 80, Marine/Marion 83, Anan/Anane 89 do not
DEFAULT_THRESHOLD = 90.0

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb\u2032\u00b4`\uff07"})
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u00ad"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")  # str patterns: every Unicode space, U+00A0 and U+202F included
_EDGE = re.compile(r"^[\s\"'«»“”„‹›()\[\]:;,.!?*_-]+|[\s\"'«»“”„‹›()\[\]:;,!?*_-]+$")
_SEPARATORS = re.compile(r"\s*[,;()\[\]]\s*|\s+[-–—]\s+")
_INITIAL = re.compile(r"^[^\W\d_](?:\.|\.-[^\W\d_]\.?)?$")  # "D.", "D", "J.-M."
_ELISION = re.compile(r"^([lLdD]')(.+)$")
_ELIDED_NAME = re.compile(r"^[dlDL]'(?=[^\W\d_])")

# what a word is, as bit flags (computed once per distinct word and language)
_CAP = 1  # its first letter, after an elided "d'"/"l'", is upper case
_PARTICLE = 2  # de, du, von, der, Le, al, bin...
_TITLE = 4  # président, spokesman, agence... (a name may follow it)
_INSTITUTION = 8  # ministère, Défense, State, Kremlin... (never part of a person's name)
_HONORIFIC = 16  # M., Mme, Dr, Mr...
_METONYM = 32  # Kremlin, Moscou, Washington... (a place or institution, alone)
_ACRONYM = 64  # AFP, ONU, AIEA
_DETERMINER = 128
_FUNCTION = 256  # de, of, à, for...
_SUFFIX = 512  # Jr, Sr, III
_INITIAL_F = 1024  # "D.", "J.-M."
_COMMON = 2048  # Analysts, Witnesses, Experts... (a capitalised word alone that is no surname)


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Lower case, accents off (é -> e, ï -> i), apostrophes unified."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _core(token: str) -> str:
    """A word without an elided particle: "d'Estaing" -> "Estaing", "l'AIEA" -> "AIEA"."""
    return _ELIDED_NAME.sub("", token)


def _acronym(core: str) -> bool:
    letters = [c for c in core if c.isalpha()]
    return 2 <= len(letters) <= 4 and all(c.isupper() for c in letters) and "." not in core


class _Flags(dict):
    """A dict that computes a missing word's flags (a C-level lookup for every word seen)."""

    def __init__(self, compute) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, token: str) -> int:
        if len(self) > 1 << 20:  # bounded: a corpus of random strings does not grow it for ever
            self.clear()
        f = self[token] = self.compute(token)
        return f


class _Lexicon:
    """The source word lists of the lexicon files for one language (or both), folded, and a cache
    of the flags of every word seen."""

    def __init__(self, data: dict, langs: tuple[str, ...]) -> None:
        def words(key: str) -> frozenset[str]:
            return frozenset(_fold(w).rstrip(".") for lang in langs for w in data[lang][key])

        anyl = data["any"]
        self.determiners = words("determiners")
        self.honorifics = words("honorifics")
        self.titles = words("titles")
        self.institutions = words("institution_words")
        self.function_words = words("function_words")
        self.pronouns = words("pronouns")
        self.common_nouns = words("common_nouns")
        self.relatives = words("relative_pronouns")
        self.particles = frozenset(_fold(w) for w in anyl["particles"])
        self.with_article = tuple(tuple(_fold(w).split()) for w in anyl["names_with_article"])
        self.metonyms = frozenset(_fold(w) for w in anyl["metonyms"])
        self.suffixes = frozenset(_fold(w).rstrip(".") for w in anyl["suffixes"])
        #: word -> its flags, computed on first use
        self.flags = _Flags(self._compute)

    def _compute(self, token: str) -> int:
        core = _core(token)
        folded = _fold(token)
        abbrev = folded.rstrip(".")
        fcore = _fold(core).rstrip(".")
        f = 0
        for c in core:
            if c.isalpha():
                if c.isupper():
                    f |= _CAP
                break
        if folded in self.particles:
            f |= _PARTICLE
        if fcore in self.titles:
            f |= _TITLE
        if fcore in self.institutions:
            f |= _INSTITUTION
        if abbrev in self.honorifics:
            f |= _HONORIFIC
        if fcore in self.metonyms:
            f |= _METONYM
        if _acronym(core):
            f |= _ACRONYM
        if folded in self.determiners:
            f |= _DETERMINER
        if abbrev in self.function_words:
            f |= _FUNCTION
        if abbrev in self.suffixes:
            f |= _SUFFIX
        if _INITIAL.match(token):
            f |= _INITIAL_F
        if fcore in self.common_nouns:
            f |= _COMMON
        return f


@cache
def _lexicon(language: str | None) -> _Lexicon:
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected one of {LANGUAGES} or None)")
    data = {lang: _source_words(lang) for lang in LANGUAGES} | {"any": _lexicon_file("common")}
    return _Lexicon(data, LANGUAGES if language is None else (language,))


def _lexicon_file(name: str) -> dict:
    """A data file of the extractor's lexicons, the one home of the words of each language (read
    as data: this module does not import the extractor)."""
    path = resources.files("workbench").joinpath("claims", "lexicons", f"{name}.json")
    return json.loads(path.read_text("utf-8"))


def _source_words(lang: str) -> dict:
    """The ``source_words`` section of a language's lexicon, with its ``honorifics`` and
    ``relative_pronouns`` (one list each, shared with the extractor)."""
    raw = _lexicon_file(lang)
    return {**raw["source_words"], "honorifics": raw["honorifics"], "relative_pronouns": raw["relative_pronouns"]}


def _clean(text: str) -> str:
    """NFC, one plain space for any run of spaces, plain apostrophes and hyphens, no zero-width
    characters, no quotes or punctuation around."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).translate(_HYPHENS)
        text = _ZERO_WIDTH.sub("", text)
    text = _EDGE.sub("", _SPACES.sub(" ", text))
    # a final full stop, but not the one of an abbreviation or an initial ("Jr.", "M.", "D.")
    if text.endswith(".") and sum(c.isalpha() for c in text.rsplit(" ", 1)[-1]) >= 4:
        text = text[:-1]
    return text


def _tokens(segment: str) -> list[str]:
    toks = segment.split(" ")
    m = _ELISION.match(toks[0])
    if m:  # "l'armée" -> "l'", "armée"; "L'Express" is kept whole by the list of names with an article
        toks[0:1] = [m.group(1), m.group(2)]
    return toks


def _join(toks: list[str]) -> str:
    """Tokens back to text; an elided article ("l'", "d'") sticks to the next word."""
    out: list[str] = []
    for t in toks:
        if out and len(out[-1]) == 2 and out[-1].endswith("'"):
            out[-1] += t
        else:
            out.append(t)
    return " ".join(out)


def _is_person(toks: list[str], lex: _Lexicon) -> bool:
    """Every word capitalised (or a lower-case particle), no institution word, no honorific or
    title before the last name ("President Biden" is not a name, "Stephen King" is), and not a
    lone place, institution, acronym, title or common noun ("Kremlin", "AFP", "Analysts")."""
    flags = [lex.flags[t] for t in toks]
    if not any(f & _CAP for f in flags) or flags[0] & _HONORIFIC:
        return False
    last = len(toks) - 1
    while last > 0 and flags[last] & _SUFFIX:
        last -= 1
    for i, f in enumerate(flags):
        if f & _CAP:
            if f & _INSTITUTION or (f & _TITLE and i < last):
                return False
        elif not f & _PARTICLE:
            return False
    if len(toks) == 1:
        return not flags[0] & (_METONYM | _ACRONYM | _TITLE | _COMMON)
    return True


def _starts_with_article_name(toks: list[str], lex: _Lexicon) -> bool:
    """"Le Pen ...", "L'Express" (split as "L'", "Express"): a name that starts with an article."""
    if len(toks) < 2 or not lex.flags[toks[1]] & _CAP:
        return False
    folded = [_fold(t) for t in toks[:4]]
    for name in lex.with_article:
        if tuple(folded[: len(name)]) == name or (len(name) == 1 and folded[0] + folded[1] == name[0]):
            return True
    return False


def _trailing_name(toks: list[str], lex: _Lexicon) -> list[str] | None:
    """The proper name that ends ``toks`` after a title or a descriptor ("président russe |
    Vladimir Poutine", "ministre de la Défense | Sergueï Choïgou"), or None."""
    n = len(toks)
    start = n
    for i in range(n - 1, -1, -1):
        f = lex.flags[toks[i]]
        if f & _CAP:
            if f & (_TITLE | _INSTITUTION | _HONORIFIC | _METONYM) or (f & _ACRONYM and i != n - 1):
                break
            start = i
        elif not f & _PARTICLE:
            break
    # no leading lower-case particle: "président de la | République" is not "de la République"
    while start < n and not lex.flags[toks[start]] & _CAP:
        start += 1
    if start == n or start == 0:
        return None
    before = [lex.flags[t] for t in toks[:start]]
    if before[-1] & _FUNCTION:
        return None
    if any(f & (_TITLE | _HONORIFIC) for f in before) or n - start >= 2:
        return toks[start:]
    return None


def _segment(segment: str, lex: _Lexicon, depth: int = 0) -> str | None:
    """The name in one part of an apposition, or None for a pronoun."""
    toks = _tokens(segment)
    # a leading determiner ("le", "the", "l'"), unless the name itself starts with one ("Le Pen")
    for _ in range(2):
        if len(toks) > 1 and lex.flags[toks[0]] & _DETERMINER and not _starts_with_article_name(toks, lex):
            toks = toks[1:]
        else:
            break
    text = _join(toks)
    if not text or _fold(text) in lex.pronouns:
        return None
    # honorifics: a name follows ("M. Peskov", "le Dr Blagden") or a role ("Mme la ministre")
    h = 0
    while h < len(toks) - 1 and lex.flags[toks[h]] & _HONORIFIC:
        h += 1
    if h:
        rest = _join(toks[h:])
        if depth or _is_person(toks[h:], lex):
            return rest
        return _segment(rest, lex, depth + 1)
    if _is_person(toks, lex):
        return text
    name = _trailing_name(toks, lex)
    return text if name is None else _join(name)


def _before_relative(segment: str, lex: _Lexicon) -> str:
    """The part before a relative clause, which describes the source but does not name it ("a
    federal health official who was not authorized to speak" → "a federal health official"; the
    clause set off by a comma is a part of its own)."""
    toks = segment.split(" ")
    for i in range(1, len(toks)):
        if toks[i].islower() and _fold(toks[i]) in lex.relatives:
            return " ".join(toks[:i])
    return segment


def _analyse(text: str, lex: _Lexicon) -> str | None:
    """The name in a span: the first part of an apposition that is a person's name, else the
    first part that is not a pronoun."""
    cleaned = _clean(text)
    if not cleaned or _fold(cleaned) in lex.pronouns:
        return None
    first = None
    for part in _SEPARATORS.split(cleaned):
        part = _EDGE.sub("", _before_relative(part, lex))
        if part:
            name = _segment(part, lex)
            if name is not None:
                if _is_person(name.split(" "), lex):
                    return name
                first = first or name
    return first


def normalise_source(text: str, language: str | None = None) -> str | None:
    """The name inside a source span, or None for a pronoun or an empty span.

    ``language`` ("fr", "en") picks the word lists; None uses both. Person names come back
    without determiner, honorific or title ("Dmitri Peskov", "Peskov"); descriptions and
    institutions without their determiner ("ministère russe des Affaires étrangères", "US
    official"); spaces, apostrophes and hyphens normalised."""
    return _analyse(text, _lexicon(language))


# --- grouping -------------------------------------------------------------------------------

_TRANSLIT = (
    ("tch", "ch"),
    ("sh", "ch"),
    ("zh", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
    ("gue", "ge"),
    ("gui", "gi"),
)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_DOUBLED = re.compile(r"(.)\1+")
_LEADING_I = re.compile(r"^i(?=[aeiou])")


@lru_cache(maxsize=1 << 17)
def _key(word: str) -> str:
    """A transliteration-folded comparison key: Peskov/Peskow, Dmitri/Dmitry, Zelensky/Zelenskyy,
    Iouri/Yuri, Choïgou/Shoigu come out equal; Poutine/Putin, Prigojine/Prigozhin nearly."""
    s = _NOT_LETTER.sub("", _fold(word))
    for a, b in _TRANSLIT:
        if a in s:
            s = s.replace(a, b)
    s = _DOUBLED.sub(r"\1", s)
    return _LEADING_I.sub("", s) or s


@dataclass(frozen=True, slots=True)
class _Person:
    given: str  # key of the first given name that is not an initial; "" if none
    initial: str  # folded first letter of the first given name; "" if none
    surname: str  # key of the surname, particles left out


def _strip_particle_prefix(token: str, lex: _Lexicon) -> str:
    """"al-Assad" -> "Assad", "d'Estaing" -> "Estaing" (for keys only)."""
    for sep in "-'":
        head, found, tail = token.partition(sep)
        if found and tail and (_fold(head) in lex.particles or _fold(head + "'") in lex.particles):
            return tail
    return token


def _person(display: str, lex: _Lexicon) -> _Person:
    toks = display.split(" ")
    while len(toks) > 1 and lex.flags[toks[-1]] & _SUFFIX:
        toks = toks[:-1]
    # the surname starts at the first particle after the first word ("Marine | Le Pen", "Charles |
    # de Gaulle"), or at the first word if it is one ("von der Leyen"), else it is the last word
    start = len(toks) - 1
    if lex.flags[toks[0]] & _PARTICLE:
        start = 0
    else:
        for i in range(1, len(toks) - 1):
            if lex.flags[toks[i]] & _PARTICLE:
                start = i
                break
    given, surname = toks[:start], toks[start:]
    core = [t for t in surname if not lex.flags[t] & _PARTICLE] or surname
    skey = "".join(_key(_strip_particle_prefix(t, lex) if "-" in t or "'" in t else t) for t in core)
    gkey = next((_key(t) for t in given if not lex.flags[t] & _INITIAL_F), "")
    initial = _fold(given[0])[:1] if given else ""
    return _Person(gkey, initial, skey)


def _feminine_pair(a: str, b: str, given: bool) -> bool:
    """Two keys that may be the masculine and feminine forms of one name: Peskov/Peskova,
    Aleksandr/Aleksandra, Mario/Maria; for given names also Daniel/Danielle, Jean/Jeanne."""
    if a.endswith("a") != b.endswith("a"):
        return True
    if given:
        short, long_ = sorted((a, b), key=len)
        return long_ == short + "e"
    return False


def _deletions(key: str) -> list[str]:
    return [key[:i] + key[i + 1 :] for i in range(len(key))]


def _similar_surnames(keys: Iterable[str], threshold: float) -> dict[str, list[tuple[str, float]]]:
    """For each surname key, the other keys that are the same name, best first.

    Candidates are found without comparing every pair (the idea of a one-deletion index): two
    keys are candidates when they are within one insertion, deletion, substitution or swap of
    each other; rapidfuzz's ``fuzz.ratio`` then decides (``threshold``), and masculine/feminine
    pairs are left apart. Lengths for which no such pair can reach ``threshold`` are not looked
    up (at 90: an inserted letter needs keys of 5 and 6 letters or more, a substituted one keys of
    10 letters or more), which prunes nothing that could match."""
    keys = sorted(set(keys))
    keyset = set(keys)

    def reachable(la: int, lb: int, indels: int) -> bool:
        return la + lb > 0 and 100.0 * (1 - indels / (la + lb)) >= threshold

    shorter_by: dict[str, list[str]] = defaultdict(list)  # a one-deletion form -> keys giving it
    for k in keys:
        if reachable(len(k) - 1, len(k), 1) or reachable(len(k), len(k), 2):
            for v in set(_deletions(k)):
                shorter_by[v].append(k)
    out: dict[str, list[tuple[str, float]]] = {}
    for k in keys:
        n = len(k)
        candidates: set[str] = set()
        if reachable(n, n + 1, 1):  # a key with one more letter
            candidates.update(shorter_by.get(k, ()))
        if reachable(n - 1, n, 1) or reachable(n, n, 2):
            dels = set(_deletions(k))
            if reachable(n - 1, n, 1):  # a key with one letter less
                candidates.update(v for v in dels if v in keyset)
            if reachable(n, n, 2):  # the same length, one letter changed or two swapped
                candidates.update(c for v in dels for c in shorter_by.get(v, ()) if len(c) == n)
        candidates.discard(k)
        scored = []
        for c in candidates:
            if not _feminine_pair(k, c, given=False):
                score = fuzz.ratio(k, c, score_cutoff=threshold)
                if score:
                    scored.append((c, score))
        scored.sort(key=lambda cs: (-cs[1], cs[0]))
        out[k] = scored
    return out


@dataclass(eq=False, slots=True)
class _Group:
    forms: Counter = field(default_factory=Counter)
    initials: set = field(default_factory=set)

    def canonical(self) -> str:
        """The form with the most words (initials do not count: "Hunter Biden" over "H. Biden"),
        then the most frequent, then the first in code point order."""
        return min(self.forms.items(), key=lambda kv: (-_words(kv[0]), -kv[1], kv[0]))[0]


def _words(display: str) -> int:
    return sum(1 for t in display.split(" ") if not _INITIAL.match(t))


def _by_frequency(item: tuple[tuple[str, str], Counter]) -> tuple:
    key, forms = item
    return (-sum(forms.values()), -max(_words(f) for f in forms), key)


def group_sources(
    names: Iterable[str], threshold: float = DEFAULT_THRESHOLD, *, language: str | None = None
) -> dict[str, str]:
    """Map every input string to the display name of its group (rules in the module docstring).

    Repeated inputs count towards the choice of a group's display name; the result does not
    depend on the order of ``names``. Pronouns and empty spans map to their own cleaned text and
    are never merged with anything. ``threshold``: minimum ``fuzz.ratio`` (0-100) of two
    transliteration-folded names that differ; ``language`` as for ``normalise_source``."""
    lex = _lexicon(language)
    result: dict[str, str] = {}
    display_of: dict[str, str] = {}
    display_count: Counter[str] = Counter()
    for name, n in Counter(names).items():
        display = _analyse(name, lex)
        if display is None:
            result[name] = _clean(name)
        else:
            display_of[name] = display
            display_count[display] += n

    group_of, people = _descriptions(display_count, lex)
    full: dict[tuple[str, str], Counter] = defaultdict(Counter)
    partial: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for display, p in people.items():
        if p.given:
            full[(p.given, p.surname)][display] += display_count[display]
        else:
            partial[(p.initial, p.surname)][display] += display_count[display]
    similar = _similar_surnames((p.surname for p in people.values()), threshold)
    with_surname = _group_full_names(full, similar, people, group_of, threshold)
    _group_partial_names(partial, similar, with_surname, group_of)

    canonical: dict[int, str] = {}
    for name, display in display_of.items():
        group = group_of[display]
        if id(group) not in canonical:
            canonical[id(group)] = group.canonical()
        result[name] = canonical[id(group)]
    return result


def _descriptions(display_count: Counter[str], lex: _Lexicon) -> tuple[dict[str, _Group], dict[str, _Person]]:
    """The groups of the displays that are not people's names (descriptions, institutions,
    places, acronyms: the same words, nothing fuzzy), and the people's names analysed."""
    group_of: dict[str, _Group] = {}
    descriptions: dict[str, _Group] = defaultdict(_Group)
    people: dict[str, _Person] = {}
    for display, n in display_count.items():
        if _is_person(display.split(" "), lex):
            people[display] = _person(display, lex)
        else:
            group = descriptions[" ".join(_fold(display).split())]
            group.forms[display] += n
            group_of[display] = group
    return group_of, people


def _group_full_names(full: dict[tuple[str, str], Counter], similar: dict[str, list[tuple[str, float]]],
                      people: dict[str, _Person], group_of: dict[str, _Group],
                      threshold: float) -> dict[str, list[_Group]]:
    """Full names (given name and surname) into ``group_of``, by leader clustering, the most
    frequent first: a name joins the leader that matches it best (surname and given name), never
    a chain of near matches. Returns the groups having each surname."""
    leaders: dict[str, tuple[list[str], list[_Group]]] = {}  # surname -> leaders' given names, groups
    with_surname: dict[str, list[_Group]] = defaultdict(list)  # surname -> groups having it
    for (given, surname), forms in sorted(full.items(), key=_by_frequency):
        best, best_rank = None, None
        for rank, (other, s_score) in enumerate([(surname, 100.0), *similar[surname]]):
            entry = leaders.get(other)
            if entry is None:
                continue
            givens, groups = entry
            for lgiven, g_score, idx in process.extract(
                given, givens, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                if lgiven != given and _feminine_pair(given, lgiven, given=True):
                    continue
                r = (-(s_score + g_score), rank, idx)
                if best_rank is None or r < best_rank:
                    best, best_rank = groups[idx], r
        if best is None:
            best = _Group()
            givens, groups = leaders.setdefault(surname, ([], []))
            givens.append(given)
            groups.append(best)
        if best not in with_surname[surname]:
            with_surname[surname].append(best)
        best.forms.update(forms)
        for display in forms:
            group_of[display] = best
            best.initials.add(people[display].initial)
    return with_surname


def _group_partial_names(partial: dict[tuple[str, str], Counter], similar: dict[str, list[tuple[str, float]]],
                         with_surname: dict[str, list[_Group]], group_of: dict[str, _Group]) -> None:
    """A surname alone (or after initials) into ``group_of``: it joins the one person of the
    corpus with that surname (and initial); when there are several it is ambiguous and stays a
    group of its own."""
    alone: dict[tuple[str, str], _Group] = {}
    for (initial, surname), forms in sorted(partial.items(), key=_by_frequency):
        surnames = [surname, *(c for c, _ in similar[surname])]
        # people with this very surname key; only when there is none, those with a near one
        candidates: list[_Group] = []
        for tier in (surnames[:1], surnames[1:]):
            for other in tier:
                for group in with_surname.get(other, ()):
                    if (not initial or initial in group.initials) and group not in candidates:
                        candidates.append(group)
            if candidates:
                break
        if len(candidates) == 1:
            target = candidates[0]
        else:
            target = next((alone[(initial, o)] for o in surnames if (initial, o) in alone), None)
            if target is None:
                target = alone[(initial, surname)] = _Group()
        target.forms.update(forms)
        for display in forms:
            group_of[display] = target
