"""Attribution: the cue (reporting verb, "selon" / "according to", quotation marks) and the
source span (who) of a sentence.

Three patterns, most specific first:
1. an inverted speech tag after a quotation or clause: ``…, a déclaré lundi le ministère…``,
   ``», a déclaré Peskov``, ``a-t-il déclaré``, ``"…," said John Smith``;
2. ``selon X`` / ``d'après X`` / ``according to X``;
3. a subject before its verb: ``Le Kremlin a déclaré que``, ``a US official said``, ``he said``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left
from itertools import accumulate, compress, repeat
from operator import add, itemgetter
from typing import NamedTuple

from workbench.claims.lexicon import ACCORDING, CONTEST, CONTRAST, OPPOSITION, Lexicon, PhraseGate
from workbench.claims.tokens import TOKEN
from workbench.claims.model import Span


_HARD_STOP = frozenset(',.;:!?«»“”"()[]–—…')
_QUOTE_END = frozenset('»”"')
_MAX_NP = 12
_PARENTHETICALS = frozenset({"however", "meanwhile", "moreover", "cependant", "toutefois", "pourtant", "néanmoins", "également", "aussi", "too", "though"})
_MAX_SUBJECT = 10
#: characters tokenized on each side of the cues (a subject or noun phrase is shorter)
_WINDOW = 160
_ELIDED = frozenset({"l'", "l’", "d'", "d’"})
_ADDRESSEE = frozenset({"à", "au", "aux", "to"})
_CLAUSE_STOP = frozenset(',.;:!?()[]–—…')
_ADDRESSEE_DET = frozenset({"un", "une", "des", "le", "la", "les"})
_REFLEXIVE = frozenset({"s'", "s’", "se"})
_OBJECT_PRONOUNS = frozenset({"lui", "leur", "se", "s'", "s’", "nous", "vous", "me", "m'", "m’"})
_INTRODUCERS = frozenset({"que", "qu'", "qu’", "that", ":"})


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Span
    source: Span | None
    pattern: str  # "inverted", "according", "preverbal", "pronoun"
    contested: bool = False


# ---------------------------------------------------------------------------------------------
# Tokens, as four parallel lists: texts, lower-cased texts, starts, ends
# ---------------------------------------------------------------------------------------------


class _ChunkTokens(dict):
    """White-space-free chunk of text -> its tokens joined by NUL, memoised.

    The tokenizer never matches white space and never looks past it, so a text's tokens are the
    tokens of its chunks, and they cover every character of a chunk (each character is a word
    character or a token of its own: ``[^\\w\\s]``)."""

    MAX = 50_000

    def __missing__(self, chunk: str) -> str:
        if chunk.isalnum():
            val = chunk
        else:
            toks = TOKEN.findall(chunk)
            val = "\0".join(toks)
            if len(val) != len(chunk) + len(toks) - 1:
                raise AssertionError(f"tokens do not cover {chunk!r}")
        if len(self) >= self.MAX:
            self.clear()
        self[chunk] = val
        return val


_CHUNKS = _ChunkTokens()


class _Toks:
    """The tokens of ``text[start:end]``: ``t`` their texts, ``l`` their lower case (the slice of
    the lower-cased range, or each token's own when lower-casing changes the range's length),
    ``jl`` (fast path only) the lower-cased tokens joined by NUL / SOH. Offsets on demand:
    ``pos(k)``, ``end(k)``."""

    __slots__ = ("t", "l", "start", "joined", "jl", "starts", "cum", "nuls")

    def __init__(self, t: list[str], l: list[str], start: int, joined: str | None, jl: str | None,
                 starts: list[int] | None) -> None:
        self.t, self.l, self.start, self.joined, self.jl, self.starts = t, l, start, joined, jl, starts
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
            q = len("".join(self.t[:k])) + k
            return self.start + q - self.joined.count("\0", 0, q)
        q = self.cum[k] + k
        return self.start + q - bisect_left(self.nuls, q)

    def end(self, k: int) -> int:
        return self.pos(k) + len(self.t[k])

    def positions(self, ks: list[int]) -> dict[int, int]:
        """``{k: self.pos(k)}`` for the tokens ``ks`` (a few, close together): the first one's
        offset, then a walk over the tokens in between, reading the separators of ``joined``."""
        if self.starts is not None or self.cum is not None or not ks:
            return {k: self.pos(k) for k in ks}
        ks = sorted(ks)
        T, joined = self.t, self.joined
        k = ks[0]
        q = len("".join(T[:k])) + k
        p = self.start + q - joined.count("\0", 0, q)
        out = {}
        for target in ks:
            while k < target:
                n = len(T[k])
                q += n
                p += n + (joined[q] == "\1")  # one white-space character between two chunks
                q += 1
                k += 1
            out[target] = p
        return out

    def index_at(self, p: int) -> int | None:
        """The index of the token that starts at offset ``p``, or ``None``."""
        if self.starts is None and self.cum is None:
            self._prepare()
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


def _tokens(text: str, start: int, end: int) -> _Toks:
    """The tokens of ``text[start:end]``. Built with a few C-level string operations when the
    chunks of the range are separated by single white-space characters (the usual case)."""
    w = text[start:end]
    if w and "\0" not in w and "\1" not in w and "Σ" not in w:
        joined = "\1".join(map(_CHUNKS.__getitem__, w.split()))
        # one white-space character between chunks, none around them: offsets follow from lengths
        if len(joined) - joined.count("\0") == len(w):
            low = joined.lower()
            if len(low) == len(joined):
                # no sigma, no length change: each character is lower-cased on its own
                return _Toks(joined.replace("\1", "\0").split("\0"), low.replace("\1", "\0").split("\0"),
                             start, joined, low, None)
    low = w.lower()
    toks, lows, starts = [], [], []
    same = len(low) == end - start
    for m in TOKEN.finditer(text, start, end):
        s, e = m.span()
        t = text[s:e]
        toks.append(t)
        lows.append(low[s - start:e - start] if same else t.lower())
        starts.append(s)
    return _Toks(toks, lows, start, None, None, starts)


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    tk = _tokens(text, start, end)
    return [Tok(t, tk.pos(k), tk.end(k), tk.l[k]) for k, t in enumerate(tk.t)]


_TOKEN_COUNT: dict[str, int] = {}


def _token_count(s: str) -> int:
    n = _TOKEN_COUNT.get(s)
    if n is None:
        n = _TOKEN_COUNT[s] = len(TOKEN.findall(s))
        if len(_TOKEN_COUNT) > 10_000:
            _TOKEN_COUNT.clear()
    return n


def _starts_phrase(L: list[str], j: int, phrases: frozenset[str]) -> bool:
    """Token ``j`` starts one of ``phrases`` (lower-cased tokens joined by single spaces)."""
    if L[j] in phrases:
        return True
    return any(" ".join(L[j:j + k]) in phrases for k in (2, 3) if j + k <= len(L))


def _is_capital(t: str) -> bool:
    return t[:1].isupper()


def _starts_np(t: str, low: str, lex: Lexicon) -> bool:
    return t[:1].isupper() or low in lex.np_starters


def _noun_phrase(T: list[str], L: list[str], i: int, lex: Lexicon, describe: bool = False) -> list[int]:
    """The noun phrase starting at token ``i`` (up to a stopper), with a name apposition
    (``describe``: or a description of the name that ends the sentence)."""
    out: list[int] = []
    n = len(T)
    j = i
    abbreviations, stoppers, openers = lex.abbreviations, lex.source_stoppers, lex.clause_openers
    while j < n and len(out) < _MAX_NP:
        t = T[j]
        if t == "." and out and T[out[-1]] in abbreviations:
            out.append(j)  # "M. Dupont", "Dr. Smith"
            j += 1
            continue
        if t in _HARD_STOP or (out and (L[j] in stoppers or L[j] in openers)):
            if not (out and L[j] in lex.name_links and T[out[-1]][:1].isupper() and j + 1 < n and T[j + 1][:1].isupper()):
                break  # (but "the Office for National Statistics", "Sang et Or")
        out.append(j)
        j += 1
    # ", Dmitri Peskov," — a proper-name apposition belongs to the source
    if out and j < n and T[j] == ",":
        k = j + 1
        name = []
        while k < n and T[k][:1].isupper() and len(name) < 4 and T[k] not in _HARD_STOP:
            name.append(k)
            k += 1
        if name and (k == n or T[k] in _HARD_STOP or L[k] in stoppers):
            out = out + [j] + name
        elif not name and describe:
            # ", a professor at Northwestern University's law school." — a description of the
            # name, running to the end of the sentence or clause, belongs to the source too
            desc = _description(T, L, j + 1, lex)
            if desc and T[out[-1]][:1].isupper():
                out = out + [j] + desc
    determiners = lex.determiners
    while out and (L[out[-1]] in determiners or T[out[-1]] in _HARD_STOP or L[out[-1]] in stoppers):
        out.pop()
    return out


def _description(T: list[str], L: list[str], k: int, lex: Lexicon) -> list[int]:
    """The tokens from ``k`` to the end of the sentence when they describe someone ("the
    county's emergency management coordinator.", "épidémiologiste à l'Inserm."): at most 15,
    no verb, auxiliary or relative pronoun, not opening with an adverb, a preposition or a
    pronoun."""
    n = len(T)
    if k >= n:
        return []
    first = L[k]
    if first in lex.skip_after_verb and first not in lex.determiners or first in lex.source_stoppers or first in lex.clause_openers \
            or first in lex.pronouns or first in lex.relative_pronouns or T[k] in _HARD_STOP:
        return []
    out = []
    commas = 0
    while k < n and (T[k] not in _HARD_STOP or T[k] == "," and commas < 2 and k + 1 < n and T[k + 1] not in _HARD_STOP):
        low = L[k]
        if low in lex.relative_pronouns and out:
            while out and (L[out[-1]] in lex.source_stoppers or L[out[-1]] in _ADDRESSEE):
                out.pop()  # "descendant du souverain [à] qui…"
            return out  # "a cardiologist at Mount Sinai in New York who has studied…"
        if len(out) >= 20 or low in lex.verb_forms or low in lex.auxiliaries or low in lex.relative_pronouns:
            return []
        commas += T[k] == ","  # "cosecrétaire générale du Snes-FSU, premier syndicat du secondaire."
        out.append(k)
        k += 1
    return out if k < n and T[k] in _SENTENCE_END else []


_SENTENCE_END = frozenset('.!?…»”"')


def _after_verb_source(T: list[str], L: list[str], j: int, lex: Lexicon, describe: bool = False) -> list[int]:
    """Inverted subject after a reporting verb ending at token ``j - 1`` (``describe``: see
    ``_noun_phrase``)."""
    n = len(T)
    # skip adverbs of time and manner ("lundi", "jeudi soir", "également", "on Monday")
    skip = lex.skip_after_verb
    while j < n and L[j] in skip:
        j += 1
    # skip a place: "explique depuis Bafoussam le chef traditionnel"
    if j + 2 < n and L[j] in lex.place_prepositions and T[j + 1][:1].isupper():
        k = j + 1
        while k < n and k - j <= 3 and T[k][:1].isupper():
            k += 1
        if k < n and L[k] in lex.np_starters and L[k] not in lex.pronouns:
            j = k
    # skip an addressee: "a déclaré à l'agence de presse un assistant…"
    if j < n and L[j] in _ADDRESSEE:
        k = j + 1
        while k < n and k - j <= 6 and T[k] not in _HARD_STOP:
            if L[k] in _ADDRESSEE_DET and k > j + 1:
                j = k
                break
            k += 1
        else:
            # "à l'AFP Thomas Lévêque": an addressee of one word, then a name
            k = j + 1
            if k < n and L[k] in lex.np_starters:
                k += 1
            k += 1
            if not (k < n and T[k - 1][:1].isupper() and T[k][:1].isupper() and T[k] not in _HARD_STOP):
                return []
            j = k
        if j != k:
            return []
    if j >= n or not _starts_np(T[j], L[j], lex) or L[j] in lex.clause_openers:
        return []
    return _noun_phrase(T, L, j, lex, describe)


def _place_of_on(T: list[str], L: list[str], j: int, lex: Lexicon) -> list[int]:
    """``au ministère de la Culture`` after "-t-on": the noun phrase after "à" / "au" / "aux"."""
    n = len(T)
    while j < n and L[j] in lex.skip_after_verb:
        j += 1
    if j + 1 < n and L[j] in _ADDRESSEE:
        np = _noun_phrase(T, L, j + 1, lex)
        return np if np and np[0] == j + 1 else []
    return []


def _inverted_subject(T: list[str], L: list[str], np: list[int], lex: Lexicon) -> bool:
    """The noun phrase after a verb is its subject, not its object or the subject of what was
    said: not a pronoun ("…, said it disagreed"), no verb inside ("said the runner had been"),
    not followed by "that" / "que" ("told the BBC that…") or, before the next punctuation, by
    an auxiliary ("said the mood on the shop floor was grim")."""
    if L[np[0]] in lex.pronouns:
        return False
    if any(L[x] in lex.auxiliaries or L[x] in lex.verb_forms for x in np):
        return False
    n = len(T)
    k = np[-1] + 1
    while k < n and k - np[-1] <= 8 and T[k] not in _HARD_STOP:
        low = L[k]
        if low in lex.relative_pronouns and low not in _INTRODUCERS:
            break  # "le chef, descendant du souverain à qui il a été pris": a clause of its own
        if low in _INTRODUCERS or low in lex.auxiliaries or low in lex.passive_auxiliaries:
            return False
        k += 1
    return True


def _bare_noun(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> bool:
    """A subject without article of one to three plain words ("…, authorities said", "But
    residents disputed"): no function word, no adverb, nothing but letters."""
    if len(subj) > 3:
        return False
    stop, skip, stoppers = lex.stopwords, lex.skip_after_verb, lex.source_stoppers
    return all(T[k].isalpha() and L[k] not in stop and L[k] not in skip and L[k] not in stoppers for k in subj)


def _dotted(t: str) -> bool:
    """An abbreviation written with dots: "F.D.A", "U.S"."""
    return 2 < len(t) <= 8 and "." in t and t.replace(".", "").isalpha()


def _subject_before_apposition(T: list[str], L: list[str], j: int, lex: Lexicon, depth: int = 0) -> list[int]:
    """The subject of a verb that follows the comma at ``j`` closing an apposition or a relative
    clause: "le ministre des Affaires étrangères, Dmitry Kuleba, a affirmé" (the apposition is
    part of the source), "The company, which makes gearboxes, said" (the relative clause is not),
    "One of them, Coreline Rx, rejected" (the name, not the pronoun)."""
    k = j - 1
    while k >= 0 and j - k <= 25 and (T[k] not in _CLAUSE_STOP
                                       or T[k] == "." and k > 0 and (_dotted(T[k - 1]) or T[k - 1] in lex.abbreviations)):
        k -= 1  # quotations and "the F.D.A.’s office" may be inside
    if k < 0 or T[k] != "," or k == j - 1:
        return []
    inner = list(range(k + 1, j))
    for x, tok in enumerate(inner):
        if x and L[tok] in lex.relative_pronouns:
            inner = inner[:x]  # "a mother of five who lives outside the county seat"
            break
    first = T[k + 1]
    is_name = len(inner) <= 4 and all(T[x][:1].isupper() or L[x] in lex.name_links for x in inner) and first[:1].isupper()
    if L[k + 1] not in lex.relative_pronouns and any((L[x] in lex.auxiliaries or L[x] in lex.verb_forms)
                                                     and not T[x][:1].isupper() for x in inner):
        return []  # a clause, not an apposition: "…, avait parcouru 2 800 hectares, a annoncé X"
    head = _before_verb_subject(T, L, k, lex)
    if not head and depth < 2:
        # two appositions: "Mared Owen, of the campaign group X, who has rented…, said",
        # "Marisol Vega, 41, a nurse from Orlando who…, said"
        outer = _subject_before_apposition(T, L, k, lex, depth + 1)
        if outer:
            if L[k + 1] in lex.relative_pronouns:
                return outer
            return outer + [k] + inner if first[:1].isupper() or L[k + 1] in lex.np_starters else outer
    if head and L[head[0]] in lex.source_stoppers:
        return []  # "En Ukraine, les combats continuent, a déclaré…": no subject there
    if not head:
        return inner if is_name else []
    if is_name and (L[head[-1]] in lex.stressed_pronouns or L[head[-1]] in lex.pronouns):
        return inner  # "One of them, Coreline Rx"
    described = bool(lex.verb_suffixes) and first.isalpha() and first.islower() and not first.endswith(lex.verb_suffixes) \
        and not first.endswith("ing") and L[k + 1] not in lex.stopwords  # "Luis Paredes, director of…"
    if L[k + 1] in lex.relative_pronouns or not (first[:1].isupper() or L[k + 1] in lex.np_starters
                                                  or L[k + 1] in lex.source_links or described):
        return head  # a relative clause or a participle: "Le maire sortant, battu dimanche, dénonce"
    if len(inner) > 12:
        return head
    return head + [k] + inner


def _before_verb_subject(T: list[str], L: list[str], i: int, lex: Lexicon) -> list[int]:
    """Subject tokens before token ``i`` (the verb group start), back to a clause boundary."""
    j = i - 1
    subj: list[int] = []
    openers, stops = lex.clause_openers, lex.subject_stops
    while j >= 0 and len(subj) <= _MAX_SUBJECT:
        low = L[j]  # a hard stop is its own lower case
        if not subj and low in lex.clitics:
            j -= 1  # "Jean-Baptiste Ekotto, y demande": "y" is no subject
            continue
        if low in lex.subject_relatives and subj:
            # "A federal health official who was not authorized to speak told…": the subject
            # is the noun before the relative clause
            return _before_verb_subject(T, L, j, lex)
        if low in stops and j > 0 and T[j][:1].isupper() and T[j - 1] not in _HARD_STOP and low not in _HARD_STOP:
            subj.append(j)  # a capitalised word inside a name: "Les Sang et Or"
            j -= 1
            continue
        if low in stops:  # a hard stop or a clause opener
            if low in lex.name_links and subj and j > 0 and T[j - 1][:1].isupper() and T[j + 1][:1].isupper():
                subj.append(j)  # "the Department for Business and Trade"
                j -= 1
                continue
            if low == ")":
                k = j - 1
                while k >= 0 and j - k <= 5 and T[k] != "(" and T[k] not in _HARD_STOP:
                    k -= 1
                if k > 0 and T[k] == "(" and k < j - 1:
                    subj.extend(range(j, k - 1, -1))  # "the Athletics Integrity Unit (AIU) said"
                    j = k - 1
                    continue
                break
            if low == "." and j > 0 and (T[j - 1] in lex.abbreviations or _dotted(T[j - 1])):
                subj.append(j)  # "A senior U.S. official", "Mr. Smith"
                j -= 1
                continue
            if (
                low == ","
                and not subj
                and j >= 2
                and T[j - 2] == ","
                and L[j - 1] in openers | lex.skip_after_verb | _PARENTHETICALS
            ):
                j -= 3  # "Russian officials, however, have warned"
                continue
            break
        subj.append(j)
        j -= 1
    if len(subj) > _MAX_SUBJECT:
        return []
    subj.reverse()
    if not subj and j >= 1 and T[j] == "," and T[j - 1] not in _QUOTE_END:
        return _subject_before_apposition(T, L, j, lex)  # (but "« … », explique X": a tag)
    if not subj:
        return subj
    skip = lex.skip_after_verb
    determiners = lex.determiners
    while subj and (L[subj[0]] in openers
                    or L[subj[0]] in skip and not T[subj[0]][:1].isupper() and L[subj[0]] not in determiners):
        subj.pop(0)  # "also", "now" (but not "a": "a company spokesman told…")
    if subj and L[subj[-1]] in _REFLEXIVE:
        subj.pop()
    while len(subj) > 1 and lex.adverb_suffixes and T[subj[-1]].islower() and L[subj[-1]].endswith(lex.adverb_suffixes):
        subj.pop()  # "Rourke strenuously denies"
    if subj and j >= 1 and L[j] in lex.coordinators and len(subj) == 1 and _bare_noun(T, L, subj, lex) \
            and _bare_noun(T, L, [j - 1], lex) and (j == 1 or T[j - 2] in _HARD_STOP):
        subj = [j - 1, j, *subj]  # "Doctors and pharmacists urged"
    if not subj or not (T[subj[0]][:1].isupper() or L[subj[0]] in lex.np_starters or _bare_noun(T, L, subj, lex)):
        return []
    if any(L[x] in lex.relative_pronouns for x in subj):
        return []  # "C'est elle qui a alerté": no subject of its own
    # "Mais lorsqu'on lui" and other pronoun objects are not subjects
    if L[subj[-1]] in _OBJECT_PRONOUNS:
        return []
    return subj


def _leading_subject(T: list[str], L: list[str], lex: Lexicon) -> list[int]:
    """The noun phrase that opens the sentence, up to its verb: an auxiliary or a reporting
    verb, else the first lower-case word after a name ("Ken Paxton welcomed the decision")."""
    out: list[int] = []
    at_verb = False
    for k in range(min(len(T), _MAX_SUBJECT + 1)):
        t, low = T[k], L[k]
        if low in lex.auxiliaries or low in lex.verb_forms:
            at_verb = True
            break
        if t in _HARD_STOP:
            break
        if low in lex.clause_openers:
            return []
        out.append(k)
    if len(out) > _MAX_SUBJECT or not out or not _starts_np(T[out[0]], L[out[0]], lex):
        return []
    if at_verb:
        return out
    # the verb is not one the lexicon knows: a name ends the subject, or nothing tells where it ends
    starters, links, suffixes = lex.np_starters, lex.name_links, lex.verb_suffixes
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if T[a][:1].isupper() and L[a] not in starters and T[b][:1].islower() and L[b] not in links:
            return out[:i]
        if i >= 2 and suffixes and L[b].endswith(suffixes) and L[out[0]] in starters:
            return out[:i]  # "The union welcomed the deal, saying…"
    return []


def _after_apposition(T: list[str], gi: int) -> bool:
    """``…, Maria Zakharova, a averti``: the comma closes a name apposition of the subject."""
    k = gi - 2
    n = 0
    while k >= 0 and T[k][:1].isupper() and T[k] not in _HARD_STOP and n < 4:
        k -= 1
        n += 1
    return n > 0 and k >= 0 and T[k] == "," and T[gi - 1] == ","


def _span_of(text: str, tk: _Toks, idx: list[int]) -> Span | None:
    if not idx:
        return None
    s, e = tk.pos(idx[0]), tk.end(idx[-1])
    return Span(s, e, text[s:e])


def headline_source(text: str, start: int, end: int, lex: Lexicon) -> tuple[Span, Span] | None:
    """``Le Kremlin : …`` / ``Macron : « … »``: a headline that credits a speaker before a colon.

    Returns ``(cue, source)``. Only a short name-like phrase counts (a determiner and capitalised
    words, or two or three capitalised words), so a topic ("Ukraine : …") is not taken for a source.
    """
    tk = _tokens(text, start, min(end, start + 200))
    T, L = tk.t, tk.l
    for n, t in enumerate(T[:6]):
        if t == ":":
            break
    else:
        return None
    if not n or n > 4:
        return None
    caps = [t for t in T[:n] if t[:1].isupper()]
    det = L[0] in lex.determiners and n >= 2 and T[1][:1].isupper()
    names = len(caps) == n and 2 <= n <= 3
    if not (det or names):
        return None
    s0, e1 = tk.pos(0), tk.end(n - 1)
    return Span(tk.pos(n), tk.end(n), T[n]), Span(s0, e1, text[s0:e1])


def _verb_group_start(L: list[str], vi: int, lex: Lexicon) -> int:
    """Index of the first token of the verb group ending with the verb at ``vi``: its
    auxiliary, across up to two adverbs or set phrases ("a ensuite déclaré", "ont aussitôt
    dénoncé", "a pour sa part assuré", "has for his part said")."""
    skip, incises, ends = lex.skip_after_verb, lex.verb_incises, lex.verb_incise_ends
    k, steps = vi - 1, 0
    while k >= 0 and steps <= 2:
        if L[k] in lex.auxiliaries:
            if k > 0 and L[k - 1] in _REFLEXIVE:
                return k - 1  # "s'est engagée", "se sont engagés"
            return k
        if L[k] in lex.passive_auxiliaries and k >= 1:
            k -= 1  # "a été annoncée", "has been told": the auxiliary is further back
            continue
        if L[k] in ends and k >= 3 and " ".join(L[k - 3:k + 1]) in incises:
            k -= 4  # "a d'ores et déjà annoncé"
        elif L[k] in ends and k >= 2 and " ".join(L[k - 2:k + 1]) in incises:
            k -= 3
        elif L[k] in ends and k >= 1 and " ".join(L[k - 1:k + 1]) in incises:
            k -= 2
        elif L[k] in skip:
            k -= 1
        else:
            break
        steps += 1
    return vi


_PRONOUN_SUFFIX = re.compile(r"-(?:t-)?(il|elle|ils|elles|on)$", re.IGNORECASE)
_SUFFIXED = re.compile(r"^(.+?)-(?:t-)?(?:il|elle|ils|elles|on)$")


#: the ends of a verb with its subject pronoun ("ajoute-t-il", "dit-elle"): ``_SUFFIXED``
_SUFFIXES = ("-il", "-elle", "-ils", "-elles", "-on")


def _verb_matches(tk: _Toks, lex: Lexicon, targets=None) -> list[tuple[int, int, str, str]]:
    """Reporting verbs among the tokens, as (first token, last token, matched text, verb form):
    set look-ups (one-word forms, "ajoute-t-il", and several-word forms such as "fait savoir" /
    "pushed back"), no regex scan. ``targets``: the only lower-cased tokens that can start one
    (but "-t-il" forms), if known: they are then looked for with ``list.index``."""
    T, L = tk.t, tk.l
    n = len(T)
    if targets is None:
        hits = list(compress(range(n), map(lex.verb_scan.__contains__, L)))
    else:
        hits = []
        for f in targets:
            i = -1
            for _ in range(L.count(f)):
                i = L.index(f, i + 1)
                hits.append(i)
        if len(targets) > 1:
            hits.sort()
    jl = tk.jl
    if jl is None or "-il" in jl or "-elle" in jl or "-on" in jl:
        suffixed = list(compress(range(n), map(str.endswith, L, repeat(_SUFFIXES))))
        if suffixed:
            hits = sorted(set(hits).union(suffixed))
    if not hits:
        return hits
    out: list[tuple[int, int, str, str]] = []
    forms, multi, first = lex.verb_forms, lex.multiword_verbs, lex.multiword_first
    skip_to = -1
    for i in hits:
        if i <= skip_to:
            continue
        low = L[i]
        if low in first and i + 1 < n:
            for k in (4, 3, 2):
                if i + k <= n:
                    phrase = " ".join(L[i:i + k])
                    if phrase in multi:
                        out.append((i, i + k - 1, phrase, phrase))
                        skip_to = i + k - 1
                        break
            else:
                k = 0
            if k:
                continue
        if low in forms:
            if i and T[i][:1].isupper() and T[i - 1][:1].isupper():
                continue  # inside a name: "The United States", "Central States Health Fund"
            out.append((i, i, T[i], T[i]))
        elif "-" in low:
            m = _SUFFIXED.match(low)
            if m and m.group(1) in forms:
                out.append((i, i, T[i], T[i][: len(m.group(1))]))
    return out


_rank = itemgetter(0, 1)

#: (cue start, cue end, source start or None, source end or None, pattern, contested)
Found = tuple


def _contest_only(m: re.Match | None) -> Found | None:
    """A denial or rebuttal cue with no reporting verb or "according to" to credit."""
    if m is None:
        return None
    return (m.start(), m.end(), None, None, "contest-only", True)


def as_attribution(text: str, found: Found | None) -> Attribution | None:
    if found is None:
        return None
    cs, ce, ss, se, pattern, contested = found
    return Attribution(Span(cs, ce, text[cs:ce]), None if ss is None else Span(ss, se, text[ss:se]), pattern, contested)


def opinion_frame(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """``Pour l'économiste Jean Dupont, « … »`` / ``For Ms Lopez, "…"``: a sentence that opens
    with "pour" / "for", a noun phrase, a comma and a quotation credits the quotation to the
    noun phrase (without the quotation, "Pour la première fois, …" is no attribution)."""
    if not lex.opinion_openers or not text.startswith(lex.opinion_openers, start):
        return None
    tk = _tokens(text, start, min(end, start + 160))
    T, L = tk.t, tk.l
    if len(T) < 4 or not _starts_np(T[1], L[1], lex):
        return None
    np = _noun_phrase(T, L, 1, lex)
    if not np or np[0] != 1:
        return None
    j = np[-1] + 1
    if j + 1 >= len(T) or T[j] != "," or not any(t in ("«", "“", '"') for t in T[j + 1:]):
        return None  # "Pour l'économiste X, … « … »": a quotation follows
    end = np[-1]
    if T[np[-1]][:1].isupper():
        # "Pour Anne-Sophie Renaud, avocate spécialisée en droit bancaire, la sanction est « … »"
        k = j + 1
        while k < len(T) and k - j <= 12 and T[k] not in _HARD_STOP and L[k] not in lex.verb_forms \
                and L[k] not in lex.auxiliaries and L[k] not in lex.relative_pronouns:
            k += 1
        if k < len(T) and T[k] == "," and k > j + 1 and T[j + 1][:1].islower():
            end = k - 1
    return (tk.pos(0), tk.end(0), tk.pos(np[0]), tk.end(end), "according", False)


def find_attribution(text: str, start: int, end: int, lex: Lexicon) -> Attribution | None:
    """The best attribution inside ``text[start:end]``, or ``None``."""
    low = text[start:end].lower()
    found = attribution_of(text, start, end, lex, low, lex.words_of(low), PhraseGate.plain(low, end - start))
    return as_attribution(text, found or opinion_frame(text, start, end, lex))


def attribution_of(text: str, start: int, end: int, lex: Lexicon, low: str, words, plain: bool,
                   quotes: list[tuple[int, int]] | None = None) -> Found | None:
    """``find_attribution`` as a tuple (``Found``), with the range's lower case ``low``
    (``text[start:end].lower()``) and its words (``lex.words_of(low)``) given; ``plain``:
    ``PhraseGate.plain`` holds for them (cue phrases are then located before their regex runs);
    ``quotes``: the quotations of the paragraph (``segment.quote_spans``), if known: a speech
    tag outside them wins over a verb quoted inside ("“… who told us …,” Holbrooke said")."""
    if plain:
        firsts = lex.gates.firsts(low, words)
        if firsts is None:
            contested_m = None
            acc_matches = []
        else:
            i = firsts[CONTEST]
            contested_m = lex.contest_re.search(text, start + i, end) if i >= 0 else None
            acc_matches = []
            if firsts[ACCORDING] >= 0:
                # the matches of finditer, tried only where an "according to" phrase is
                cur, match = start, lex.according_re.match
                for i in lex.gates.occurrences(low, words, ACCORDING):
                    if start + i >= cur:
                        m = match(text, start + i, end)
                        if m:
                            acc_matches.append(m)
                            cur = m.end()
    else:
        firsts = None
        contested_m = lex.contest_re.search(text, start, end) if not lex.contest_keys.isdisjoint(words) else None
        acc_matches = (
            list(lex.according_re.finditer(text, start, end)) if not lex.according_keys.isdisjoint(words) else []
        )
    verbs_present = lex.verb_forms.intersection(words)
    has_verb = bool(verbs_present) or not lex.multiword_first.isdisjoint(words)
    if not (has_verb or acc_matches):
        return _contest_only(contested_m)
    # tokenize only a window around the cues: subjects and noun phrases are a few words long
    lo, hi = end, start
    for form in verbs_present or lex.multiword_first.intersection(words):
        i = low.find(form)
        if i >= 0:
            i += start
            if i < lo:
                lo = i
            i = start + low.rfind(form) + len(form)
            if i > hi:
                hi = i
    for m in acc_matches:
        lo, hi = min(lo, m.start()), max(hi, m.end())
    if lo > hi:
        lo, hi = start, end
    w_start = max(start, lo - _WINDOW)
    while w_start > start and not text[w_start - 1].isspace():
        w_start -= 1  # never cut a word
    w_end = min(end, hi + _WINDOW)
    while w_end < end and not text[w_end].isspace():
        w_end += 1
    tk = _tokens(text, w_start, w_end)
    if not has_verb:
        verb_matches = []
    elif plain:
        # a token that is a one-word verb form is one of the text's words (PhraseGate.plain)
        targets = verbs_present
        for first, ws in lex.multiword_gates:
            if ws <= words:
                targets = targets | {first}
        verb_matches = _verb_matches(tk, lex, targets)
    else:
        verb_matches = _verb_matches(tk, lex)
    if not verb_matches and not acc_matches:
        return _contest_only(contested_m)
    T, L = tk.t, tk.l
    n = len(T)

    # candidates: (rank, first token of the cue, cue, source, pattern, contested), the cue and
    # the source as (kind, a, b): "t" tokens a..b, "c" characters a:b, "s" the last b characters
    # of token a; offsets are worked out for the best candidate only
    candidates: list[tuple] = []
    if acc_matches:
        for m in acc_matches:
            i = tk.index_at(m.start())
            if i is None:
                continue
            j = i + _token_count(m.group())
            if j < n and _starts_phrase(L, j, lex.not_after_according):
                continue  # "selon lesquelles", "selon le cas", "according to which"
            if j < n and L[j] in lex.stressed_pronouns:
                np = [j]  # "selon lui", "according to them"
            else:
                # a description of the source when the phrase ends the sentence ("…, according
                # to John Smith, a negotiator."), not when the claim follows it
                np = _after_verb_source(T, L, j, lex, m.start() > start)
                if not np and j < n and _bare_noun(T, L, [j], lex):
                    np = _noun_phrase(T, L, j, lex)  # "according to state data"
                if np and np[-1] + 2 < n and L[np[-1] + 1] in lex.source_links \
                        and (_starts_np(T[np[-1] + 2], L[np[-1] + 2], lex) or _bare_noun(T, L, [np[-1] + 2], lex)):
                    more = _noun_phrase(T, L, np[-1] + 2, lex)  # "figures from the Office for…"
                    if more:
                        np = np + [np[-1] + 1] + more
            if np:
                candidates.append((2, i, ("c", m.start(), m.end()), ("t", np[0], np[-1]), "according", False))

    skip = lex.skip_after_verb
    for vi, vend, whole, form in verb_matches:
        form = form.lower()
        gi = _verb_group_start(L, vi, lex)
        has_aux = gi < vi
        after = vend + 1  # the first token after the verb and its adverbs
        while after < n and L[after] in skip:
            after += 1
        cue = ("t", gi, vend)
        is_contest = form in lex.contest_forms
        pm = _PRONOUN_SUFFIX.search(whole) if "-" in whole else None
        aux_pm = _PRONOUN_SUFFIX.search(T[gi]) if has_aux and "-" in T[gi] else None
        if pm or aux_pm:
            # "a-t-il déclaré", "ajoute-t-elle", "dit-il": the pronoun is the source; but
            # "affirme-t-on au ministère": the place "on" speaks from
            if (pm or aux_pm).group(1).lower() == lex.impersonal:
                np = _place_of_on(T, L, vend + 1, lex)
                if np:
                    candidates.append((0, gi, cue, ("t", np[0], np[-1]), "pronoun", is_contest))
                    continue
            if pm:
                candidates.append((0, gi, cue, ("s", vend, len(pm.group(1))), "pronoun", is_contest))
            else:
                candidates.append((0, gi, cue, ("s", gi, len(aux_pm.group(1))), "pronoun", is_contest))
            continue
        if (has_aux and L[gi] in lex.passive_auxiliaries or vi > 0 and L[vi - 1] in lex.passive_auxiliaries) \
                and not form.endswith(("ing", "ant")) and L[gi] not in _REFLEXIVE:  # ("s'est engagée")
            # a passive ("was told", "a été annoncé"): the agent after "by" / "par" is the source;
            # without one, the subject is only what was said ("it was said that…")
            k = after
            if k < n and L[k] in lex.agent_markers:
                np = _after_verb_source(T, L, k + 1, lex)
                if not np and k + 1 < n and _bare_noun(T, L, [k + 1], lex):
                    np = _noun_phrase(T, L, k + 1, lex)  # "was told by police"
                if np:
                    candidates.append((3, gi, cue, ("t", np[0], np[-1]), "preverbal", is_contest))
            continue
        prev = T[gi - 1] if gi > 0 else None
        if form in lex.no_comment_verbs and any(L[x] in lex.negations for x in range(max(0, gi - 1), vi)):
            continue  # "Le ministère n'a pas répondu", "did not comment": nothing is reported
        if not has_aux and form.endswith("ing") and prev != ",":
            continue  # "An excessive heat warning remains": a noun, not a participle clause
        if form in lex.that_verbs and not (after < n and L[after] in _INTRODUCERS):
            continue  # "found that…" reports, "found the body" does not
        if not has_aux and form in lex.participles and not form.endswith(("ing", "ant", "s")) and prev is not None \
                and prev not in _HARD_STOP and prev != "," and L[gi - 1] not in lex.pronouns:
            # (English past tenses look like participles: only "posted by" counts there)
            k = vend + 1
            while k < n and k - vend <= lex.agent_gap and T[k] not in _HARD_STOP and L[k] not in lex.agent_markers:
                k += 1
            if k < n and k - vend <= lex.agent_gap + 1 and L[k] in lex.agent_markers:
                # a participle with its agent: "un chiffre jugé insuffisant par les syndicats"
                np = _after_verb_source(T, L, k + 1, lex)
                if np:
                    candidates.append((3, gi, cue, ("t", np[0], np[-1]), "preverbal", is_contest))
                continue
        strong = has_aux or form in lex.participles and lex.language == "en"
        introduces = after < n and (L[after] in _INTRODUCERS or T[after] in "«“\"")
        if prev == "," and form.endswith(("ant", "ing")):
            # "…, affirmant que", "…, saying": the speaker is the subject that opens the sentence
            # (a participle never has its subject after it)
            lt = _tokens(text, start, min(end, start + 160))
            lead = _leading_subject(lt.t, lt.l, lex)
            if lead:
                candidates.append((3.5, gi, cue, ("c", lt.pos(lead[0]), lt.end(lead[-1])), "preverbal", is_contest))
            else:
                candidates.append((4, gi, cue, None, "verb-only", is_contest))
            continue
        if prev == "," and gi >= 2 and T[gi - 2] not in _QUOTE_END:
            # "His agent, Hendrik van Dijk, said…", "Le maire sortant, battu dimanche, dénonce…":
            # the subject before an apposition or a relative clause, not what follows the verb
            subj = _subject_before_apposition(T, L, gi - 1, lex)
            # only a subject that opens the sentence (or follows "De son côté,", "However,")
            if subj and (subj[0] == 0 and w_start == start or 0 < subj[0] <= 4 and T[subj[0] - 1] == ","
                         or subj[0] > 0 and T[subj[0] - 1] in _QUOTE_END):
                candidates.append((1, gi, cue, ("t", subj[0], subj[-1]), "preverbal", is_contest))
                continue
        if prev is not None and (prev == "," or prev == ":" or prev in _QUOTE_END or L[gi - 1] in lex.inversion_after) \
                and not _after_apposition(T, gi):
            np = _after_verb_source(T, L, vend + 1, lex, True)
            if np and _inverted_subject(T, L, np, lex):
                candidates.append((1, gi, cue, ("t", np[0], np[-1]), "inverted", is_contest))
                continue
        # a verb without auxiliary is taken with the subject before it when it introduces what
        # is said, follows a pronoun or an apposition, or denies ("Le groupe dément toute volonté…")
        if not (strong or introduces or is_contest or prev == "," or lex.present_subject and form not in lex.participles
                or (prev is not None and L[gi - 1] in lex.pronouns)):
            continue
        if prev is not None and L[gi - 1] in lex.determiners:
            continue  # "the claims", "la note": a noun, not a verb
        subj = _before_verb_subject(T, L, gi, lex)
        if subj and subj[0] > 0 and L[subj[0] - 1] in lex.conditionals:
            continue  # "If the B sample confirms the finding": nothing is reported
        if len(subj) == 1 and L[subj[0]] == lex.impersonal:
            # "Au ministère de la Culture, on indique": the place speaks; else nobody in particular
            k = subj[0] - 1
            if k >= 2 and T[k] == "," and L[0] in _ADDRESSEE and w_start == start:
                np = _noun_phrase(T, L, 1, lex)
                if np and np[-1] == k - 1:
                    candidates.append((3, gi, cue, ("t", np[0], np[-1]), "preverbal", is_contest))
            continue
        if subj:
            candidates.append((3, gi, cue, ("t", subj[0], subj[-1]), "preverbal", is_contest))
        elif strong and introduces:
            candidates.append((4, gi, cue, None, "verb-only", is_contest))

    if not candidates:
        return _contest_only(contested_m)
    # the first of the lowest (rank, cue start), as a stable sort would put it (token order is
    # offset order)
    if len(candidates) > 1 and quotes:
        candidates = [c if not _quoted(tk, c[2], quotes) else (c[0] + 10, *c[1:]) for c in candidates]
    best = min(candidates, key=_rank) if len(candidates) > 1 else candidates[0]
    contested = contested_m is not None or any(c[5] for c in candidates)
    if plain:
        i = firsts[CONTRAST] if firsts is not None else -1
        contrast = i >= 0 and lex.contrast_re.search(text, start + i, end)
    else:
        contrast = not lex.contrast_keys.isdisjoint(words) and lex.contrast_re.search(text, start, end)
    if contrast:
        contested = True  # "D'autre part, Moscou affirme…": a conflicting account
    elif len(verb_matches) >= 2:
        if plain:
            i = firsts[OPPOSITION] if firsts is not None else -1
            opposed = i >= 0 and lex.opposition_re.search(text, start + i, end)
        else:
            opposed = lex.opposition_re.search(text, start, end)
        if opposed:
            contested = True  # "Alors que X craint…, Y a déclaré…": two opposing accounts
    _, _, cue, src, pattern, _ = best
    pos = tk.positions([x for kind, a, b in (cue, src or _NO_SPAN) if kind != "c" for x in ((a, b) if kind == "t" else (a,))])
    cs, ce = _offsets(tk, cue, pos)
    if src is None:
        return (cs, ce, None, None, pattern, contested)
    ss, se = _offsets(tk, src, pos)
    return (cs, ce, ss, se, pattern, contested)


_NO_SPAN = ("c", 0, 0)


def _quoted(tk: _Toks, cue: tuple, quotes: list[tuple[int, int]]) -> bool:
    """The cue lies inside one of the quotations."""
    kind, a, _ = cue
    p = a if kind == "c" else tk.pos(a)
    return any(qs < p < qe for qs, qe in quotes)


def _offsets(tk: _Toks, span: tuple, pos: dict[int, int]) -> tuple[int, int]:
    kind, a, b = span
    if kind == "t":
        return pos[a], pos[b] + len(tk.t[b])
    if kind == "c":
        return a, b
    e = pos[a] + len(tk.t[a])  # "s": the last b characters of token a
    return e - b, e
