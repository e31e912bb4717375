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
from typing import NamedTuple

from workbench.claims.lexicon import Lexicon
from workbench.claims.tokens import TOKEN
from workbench.claims.model import Span


_HARD_STOP = set(',.;:!?«»“”"()[]–—…')
_QUOTE_END = set('»”"')
_MAX_NP = 12
_PARENTHETICALS = frozenset({"however", "meanwhile", "moreover", "cependant", "toutefois", "pourtant", "néanmoins", "également", "aussi", "too", "though"})
_MAX_SUBJECT = 10
#: characters tokenized on each side of the cues (a subject or noun phrase is shorter)
_WINDOW = 100


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


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    low = text[start:end].lower()
    if len(low) != end - start:  # lower() changed the length (rare letters): per token
        return [Tok(m.group(), m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text, start, end)]
    new = tuple.__new__
    out = []
    for m in TOKEN.finditer(text, start, end):
        s, e = m.span()
        out.append(new(Tok, (text[s:e], s, e, low[s - start:e - start])))
    return out


def _is_capital(tok: Tok) -> bool:
    return tok.text[:1].isupper()


def _starts_np(tok: Tok, lex: Lexicon) -> bool:
    low = tok.low
    return (
        _is_capital(tok)
        or low in lex.determiners
        or low in lex.pronouns
        or low in ("l'", "l’", "d'", "d’")
    )


def _span(text: str, toks: list[Tok]) -> Span | None:
    if not toks:
        return None
    s, e = toks[0].start, toks[-1].end
    return Span(s, e, text[s:e])


def _noun_phrase(text: str, toks: list[Tok], i: int, lex: Lexicon) -> list[Tok]:
    """The noun phrase starting at token ``i`` (up to a stopper), with a name apposition."""
    out: list[Tok] = []
    j = i
    while j < len(toks) and len(out) < _MAX_NP:
        t = toks[j]
        if t.text == "." and out and out[-1].text in lex.abbreviations:
            out.append(t)  # "M. Dupont", "Dr. Smith"
            j += 1
            continue
        if t.text in _HARD_STOP or (t.low in lex.source_stoppers and out):
            break
        if t.low in lex.clause_openers and out:
            break
        out.append(t)
        j += 1
    # ", Dmitri Peskov," — a proper-name apposition belongs to the source
    if out and j < len(toks) and toks[j].text == ",":
        k = j + 1
        name = []
        while k < len(toks) and _is_capital(toks[k]) and len(name) < 4 and toks[k].text not in _HARD_STOP:
            name.append(toks[k])
            k += 1
        if name and (k == len(toks) or toks[k].text in _HARD_STOP or toks[k].low in lex.source_stoppers):
            out = out + [toks[j]] + name
    while out and (out[-1].low in lex.determiners or out[-1].text in _HARD_STOP or out[-1].low in lex.source_stoppers):
        out.pop()
    return out


def _after_verb_source(text: str, toks: list[Tok], j: int, lex: Lexicon) -> list[Tok]:
    """Inverted subject after a reporting verb ending at token ``j - 1``."""
    # skip adverbs of time and manner ("lundi", "jeudi soir", "également", "on Monday")
    while j < len(toks) and toks[j].low in lex.skip_after_verb:
        j += 1
    # skip an addressee: "a déclaré à l'agence de presse un assistant…"
    if j < len(toks) and toks[j].low in ("à", "au", "aux", "to"):
        k = j + 1
        while k < len(toks) and k - j <= 6 and toks[k].text not in _HARD_STOP:
            if toks[k].low in ("un", "une", "des", "le", "la", "les") and k > j + 1:
                j = k
                break
            k += 1
        else:
            return []
        if j != k:
            return []
    if j >= len(toks) or not _starts_np(toks[j], lex) or toks[j].low in lex.clause_openers:
        return []
    return _noun_phrase(text, toks, j, lex)


def _before_verb_subject(toks: list[Tok], i: int, lex: Lexicon) -> list[Tok]:
    """Subject tokens before token ``i`` (the verb group start), back to a clause boundary."""
    j = i - 1
    subj: list[Tok] = []
    while j >= 0 and len(subj) <= _MAX_SUBJECT:
        t = toks[j]
        if t.text == "." and j > 0 and toks[j - 1].text in lex.abbreviations:
            subj.append(t)  # "A senior U.S. official", "Mr. Smith"
            j -= 1
            continue
        if (
            not subj
            and t.text == ","
            and j >= 2
            and toks[j - 2].text == ","
            and toks[j - 1].low in lex.clause_openers | lex.skip_after_verb | _PARENTHETICALS
        ):
            j -= 3  # "Russian officials, however, have warned"
            continue
        if t.text in _HARD_STOP or t.low in lex.clause_openers:
            break
        subj.append(t)
        j -= 1
    if len(subj) > _MAX_SUBJECT:
        return []
    subj.reverse()
    # "le ministre des Affaires étrangères, Dmitry Kuleba, a affirmé": take the whole apposition
    if not subj and j >= 1 and toks[j].text == ",":
        k = j - 1
        name = []
        while k >= 0 and _is_capital(toks[k]) and toks[k].text not in _HARD_STOP and len(name) < 4:
            name.append(toks[k])
            k -= 1
        if name and k >= 0 and toks[k].text == ",":
            name.reverse()
            head = _before_verb_subject(toks, k, lex)
            if head:
                return head + [toks[k]] + name
            return name
    while subj and (subj[0].low in lex.clause_openers or subj[0].low in lex.skip_after_verb and not _is_capital(subj[0])):
        subj.pop(0)
    if subj and subj[-1].low in ("s'", "s’", "se"):
        subj.pop()
    if not subj or not _starts_np(subj[0], lex):
        return []
    # "Mais lorsqu'on lui" and other pronoun objects are not subjects
    if subj[-1].low in ("lui", "leur", "se", "s'", "s’", "nous", "vous", "me", "m'", "m’"):
        return []
    return subj


def _leading_subject(toks: list[Tok], lex: Lexicon) -> list[Tok]:
    """The noun phrase that opens the sentence, up to its verb."""
    out: list[Tok] = []
    for t in toks[:_MAX_SUBJECT + 1]:
        if t.text in _HARD_STOP or t.low in lex.auxiliaries or t.low in lex.verb_forms:
            break
        if t.low in lex.clause_openers:
            return []
        out.append(t)
    if len(out) > _MAX_SUBJECT or not out or not _starts_np(out[0], lex):
        return []
    return out


def _after_apposition(toks: list[Tok], gi: int) -> bool:
    """``…, Maria Zakharova, a averti``: the comma closes a name apposition of the subject."""
    k = gi - 2
    n = 0
    while k >= 0 and _is_capital(toks[k]) and toks[k].text not in _HARD_STOP and n < 4:
        k -= 1
        n += 1
    return n > 0 and k >= 0 and toks[k].text == "," and toks[gi - 1].text == ","


def headline_source(text: str, start: int, end: int, lex: Lexicon) -> tuple[Span, Span] | None:
    """``Le Kremlin : …`` / ``Macron : « … »``: a headline that credits a speaker before a colon.

    Returns ``(cue, source)``. Only a short name-like phrase counts (a determiner and capitalised
    words, or two or three capitalised words), so a topic ("Ukraine : …") is not taken for a source.
    """
    toks = tokenize(text, start, min(end, start + 200))
    for n, t in enumerate(toks[:6]):
        if t.text == ":":
            head = toks[:n]
            break
    else:
        return None
    if not head or len(head) > 4:
        return None
    caps = [t for t in head if _is_capital(t)]
    det = head[0].low in lex.determiners and len(head) >= 2 and _is_capital(head[1])
    names = len(caps) == len(head) and 2 <= len(head) <= 3
    if not (det or names):
        return None
    colon = toks[n]
    return Span(colon.start, colon.end, colon.text), _span(text, head)


def _verb_group_start(toks: list[Tok], vi: int, lex: Lexicon) -> int:
    """Index of the first token of the verb group ending with the verb at ``vi``."""
    i = vi
    # up to two adverbs between auxiliary and participle ("a ensuite déclaré")
    for back in (1, 2, 3):
        k = vi - back
        if k < 0:
            break
        if toks[k].low in lex.auxiliaries:
            i = k
            if k > 0 and toks[k - 1].low in ("s'", "s’", "se"):
                i = k - 1  # "s'est engagée", "se sont engagés"
            break
        if toks[k].low not in lex.skip_after_verb:
            break
    return i


_PRONOUN_SUFFIX = re.compile(r"-(?:t-)?(il|elle|ils|elles|on)$", re.IGNORECASE)
_SUFFIXED = re.compile(r"^(.+?)-(?:t-)?(?:il|elle|ils|elles|on)$")


class _VerbMatch:
    """A reporting-verb occurrence found by token lookup (the interface of an ``re.Match``)."""

    __slots__ = ("_start", "_end", "_whole", "_form")

    def __init__(self, start: int, end: int, whole: str, form: str) -> None:
        self._start, self._end, self._whole, self._form = start, end, whole, form

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, n: int = 0) -> str:
        return self._form if n == 1 else self._whole


def _verb_matches(toks: list[Tok], lex: Lexicon) -> list[_VerbMatch]:
    """Reporting verbs among the tokens: set look-ups (one-word forms, "ajoute-t-il", and
    several-word forms such as "fait savoir" / "pushed back"), no regex scan."""
    out: list[_VerbMatch] = []
    forms, multi = lex.verb_forms, lex.multiword_verbs
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        low = t.low
        hit = None
        if low in lex.multiword_first and i + 1 < n:
            for k in (4, 3, 2):
                if i + k <= n:
                    phrase = " ".join(x.low for x in toks[i:i + k])
                    if phrase in multi:
                        last = toks[i + k - 1]
                        hit = _VerbMatch(t.start, last.end, phrase, phrase)
                        i += k - 1
                        break
        if hit is None:
            if low in forms:
                hit = _VerbMatch(t.start, t.end, t.text, t.text)
            elif "-" in low:
                m = _SUFFIXED.match(low)
                if m and m.group(1) in forms:
                    hit = _VerbMatch(t.start, t.end, t.text, t.text[: len(m.group(1))])
        if hit is not None:
            out.append(hit)
        i += 1
    return out


def _contest_only(m: re.Match | None) -> Attribution | None:
    """A denial or rebuttal cue with no reporting verb or "according to" to credit."""
    if m is None:
        return None
    return Attribution(Span(m.start(), m.end(), m.group()), None, "contest-only", contested=True)


def find_attribution(text: str, start: int, end: int, lex: Lexicon) -> Attribution | None:
    """The best attribution inside ``text[start:end]``, or ``None``."""
    low = text[start:end].lower()
    words = lex.words_of(low)
    contested_m = lex.contest_re.search(text, start, end) if not lex.contest_keys.isdisjoint(words) else None
    candidates: list[tuple[int, Attribution]] = []

    verbs_present = lex.verb_forms & words
    has_verb = bool(verbs_present) or not lex.multiword_first.isdisjoint(words)
    acc_matches = (
        list(lex.according_re.finditer(text, start, end)) if not lex.according_keys.isdisjoint(words) else []
    )
    toks: list[Tok] = []
    if has_verb or acc_matches:
        # tokenize only a window around the cues: subjects and noun phrases are a few words long
        lo, hi = end, start
        for form in verbs_present or lex.multiword_first & words:
            i = low.find(form)
            if i >= 0:
                lo, hi = min(lo, start + i), max(hi, start + low.rfind(form) + len(form))
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
        toks = tokenize(text, w_start, w_end)
    verb_matches = _verb_matches(toks, lex) if has_verb else []
    if not verb_matches and not acc_matches:
        return _contest_only(contested_m)
    index = {t.start: n for n, t in enumerate(toks)}

    for m in acc_matches:
        i = index.get(m.start())
        if i is None:
            continue
        j = i + len(tokenize(m.group(), 0, len(m.group())))
        if j < len(toks) and toks[j].low in lex.not_after_according:
            continue  # "selon lesquelles", "according to which"
        cue = Span(m.start(), m.end(), m.group())
        if j < len(toks) and toks[j].low in lex.stressed_pronouns:
            np = [toks[j]]  # "selon lui", "according to them"
        else:
            np = _after_verb_source(text, toks, j, lex)
        if np:
            candidates.append((2, Attribution(cue, _span(text, np), "according")))

    for m in verb_matches:
        vi = index.get(m.start())
        if vi is None:
            continue
        form = m.group(1).lower()
        whole = m.group()
        gi = _verb_group_start(toks, vi, lex)
        has_aux = gi < vi
        # tokens of the verb group (a pronoun suffix "-t-il" is inside the match)
        vend = vi
        while vend + 1 < len(toks) and toks[vend + 1].end <= m.end():
            vend += 1
        cue = Span(toks[gi].start, m.end(), text[toks[gi].start:m.end()])
        is_contest = form in lex.contest_forms
        pm = _PRONOUN_SUFFIX.search(whole)
        aux_pm = _PRONOUN_SUFFIX.search(toks[gi].text) if has_aux else None
        if pm or aux_pm:
            # "a-t-il déclaré", "ajoute-t-elle", "dit-il": the pronoun is the source
            if pm:
                ps = m.end() - len(pm.group(1))
                src = Span(ps, m.end(), text[ps:m.end()])
            else:
                aux = toks[gi]
                ps = aux.end - len(aux_pm.group(1))
                src = Span(ps, aux.end, text[ps:aux.end])
            candidates.append((0, Attribution(cue, src, "pronoun", is_contest)))
            continue
        prev = toks[gi - 1] if gi > 0 else None
        strong = has_aux or form in lex.participles and lex.language == "en"
        k = vend + 1
        while k < len(toks) and toks[k].low in lex.skip_after_verb:
            k += 1
        nxt = toks[k] if k < len(toks) else None
        introduces = nxt is not None and (nxt.low in ("que", "qu'", "qu’", "that", ":") or nxt.text in "«“\"")
        if prev is not None and (prev.text in (",", ":") or prev.text in _QUOTE_END) and not _after_apposition(toks, gi):
            np = _after_verb_source(text, toks, vend + 1, lex)
            if np:
                candidates.append((1, Attribution(cue, _span(text, np), "inverted", is_contest)))
                continue
        if prev is not None and prev.text == "," and form.endswith(("ant", "ing")):
            # "…, affirmant que": the speaker is the subject that opens the sentence
            lead = _leading_subject(tokenize(text, start, min(end, start + 160)), lex)
            if lead:
                candidates.append((3.5, Attribution(cue, _span(text, lead), "preverbal", is_contest)))
            continue
        if not (strong or introduces or (prev is not None and prev.low in lex.pronouns)):
            continue
        if prev is not None and prev.low in lex.determiners:
            continue  # "the claims", "la note": a noun, not a verb
        subj = _before_verb_subject(toks, gi, lex)
        if subj:
            candidates.append((3, Attribution(cue, _span(text, subj), "preverbal", is_contest)))
        elif strong and introduces:
            candidates.append((4, Attribution(cue, None, "verb-only", is_contest)))

    if not candidates:
        return _contest_only(contested_m)
    candidates.sort(key=lambda c: (c[0], c[1].cue.start))
    best = candidates[0][1]
    contested = best.contested or any(a.contested for _, a in candidates) or contested_m is not None
    if not lex.contrast_keys.isdisjoint(words) and lex.contrast_re.search(text, start, end):
        contested = True  # "D'autre part, Moscou affirme…": a conflicting account
    elif len(verb_matches) >= 2 and lex.opposition_re.search(text, start, end):
        contested = True  # "Alors que X craint…, Y a déclaré…": two opposing accounts
    if contested != best.contested:
        best = Attribution(best.cue, best.source, best.pattern, contested)
    return best
