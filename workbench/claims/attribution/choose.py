"""Choosing among the matches the rules found for one sentence, and whether the sentence is
contested."""

from __future__ import annotations

from operator import itemgetter

from workbench.claims.attribution.result import Found
from workbench.claims.attribution.rules import QUOTED, Match, Rank, Ref, Sentence
from workbench.claims.attribution.phrases import (
    PHRASE_PREPOSITIONS, RELATIVE_OPENERS, SENTENCE_END, dotted, is_initial, number_word,
)
from workbench.claims.attribution.words import (
    HARD_STOP, PARTICIPLE_ENDINGS, QUANTIFIERS, QUOTE_OPENERS, QUOTE_START, SPEAKER_PRONOUNS,
)
from workbench.claims.attribution.tokens import Toks
from workbench.claims.lexicon import CONTRAST, OPPOSITION, Lexicon

_rank = itemgetter(0, 1)
#: ``Match.contested`` (for ``any(map(...))``, which makes no generator)
_contested = itemgetter(5)


def best(s: Sentence, matches: list[Match], quotes: list[tuple[int, int]] | None) -> Match:
    """The lowest (rank, cue start); the first of equals. A cue inside one of the paragraph's
    ``quotes`` is demoted: "“… who told us …,” Holbrooke said" credits Holbrooke; an intention
    verb loses to any other cue of its rank."""
    if len(matches) == 1:  # (the usual case: no list to make)
        m = matches[0]
        return m if not junk_source(s, m) else m._replace(source=None, rank=Rank.VERB_ONLY)
    matches = [m if not junk_source(s, m) else m._replace(source=None, rank=Rank.VERB_ONLY) for m in matches]
    if quotes:
        matches = [m if not _quoted(s.tk, m.cue, quotes) else m._replace(rank=m.rank + QUOTED) for m in matches]
    if s.lex.intention_verbs:
        matches = [m if not _intention(s, m) else m._replace(rank=m.rank + INTENTION) for m in matches]
    return min(matches, key=_rank)


#: added to the rank of an intention verb's match ("plans to", "sought to"): any other cue of the
#: same rank wins ("The group seeks to ban what it calls…" credits what "it calls")
INTENTION = 1


def _intention(s: Sentence, m: Match) -> bool:
    """The match's cue ends with an intention verb of the lexicon ("has sought to")."""
    b = m.cue[2]
    return m.cue[0] == "t" and b > 0 and f"{s.L[b - 1]} {s.L[b]}" in s.lex.intention_verbs


def junk_source(s: Sentence, m: Match) -> bool:
    """The source a rule found is one word that names nobody: an adverb, a verb form, a function
    word ("far" in "went so far as to say", "instead", "taking", « Absent »), not a pronoun, a
    quantifier, a relative pronoun or a name ("he", "some", « certains », "who", "Kelly")."""
    src = m.source
    if src is None or src.kind != "t" or src.b != src.a:
        return False
    x = src.a
    T, L, lex = s.T, s.L, s.lex
    low = L[x]
    if low in lex.pronouns or low in lex.stressed_pronouns or low in QUANTIFIERS or low == lex.impersonal \
            or low in lex.relative_pronouns:
        return False
    if T[x][:1].isupper() and low not in JUNK_WORDS and not (x == 0 and (low in lex.stopwords or low in lex.determiners
                                                                         or low in lex.source_stoppers)):
        return False  # a name ("Kelly"), but not "The", "In", "From" opening the sentence
    return low in lex.stopwords or low in lex.skip_after_verb or low in lex.verb_forms or low in lex.auxiliaries \
        or low in lex.clause_openers or low in lex.source_stoppers or low in lex.determiners or low in JUNK_WORDS \
        or bool(lex.adverb_suffixes) and low.endswith(lex.adverb_suffixes) and low.isalpha() \
        or lex.language == "en" and low.endswith("ing") and T[x].islower()


#: words that name nobody when they are all a rule found for a source
JUNK_WORDS = frozenset({"far", "much", "more", "less", "instead", "just", "absent", "let", "based", "went",
                        "often", "so", "too", "very", "then", "now", "here", "there"})


def without_quoted_impersonal(s: Sentence, matches: list[Match], quotes: list[tuple[int, int]]) -> list[Match]:
    """``matches`` less the impersonal "on" of a quotation: « … ce qu'on pensait d'eux » is the
    quoted speaker's word (the quotation is then credited to its speaker)."""
    imp = s.lex.impersonal
    if not imp or imp not in s.L:
        return matches
    return [m for m in matches if not (m.source is not None and m.source.kind == "t" and m.source.a == m.source.b
                                       and s.L[m.source.a] == imp and _quoted(s.tk, m.cue, quotes))]


def speakers(s: Sentence, matches: list[Match], quotes: list[tuple[int, int]] | None, contested: bool) -> list[Found]:
    """The matches that name a source, their cue and source outside the paragraph's
    ``quotes``, as offsets, in the order of the sentence."""
    out = []
    for m in matches:
        if m.source is None or m.rank >= QUOTED:
            continue
        f = as_found(s, m, contested)
        if quotes and any(qs <= f.cue_start < qe or qs <= f.source_start < qe for qs, qe in quotes):
            continue
        out.append(f)
    out.sort(key=lambda f: min(f.cue_start, f.source_start))
    return out


def speaker_inside_quotation(s: Sentence, matches: list[Match], quotes: list[tuple[int, int]] | None) -> bool:
    """The sentence is a quotation and every cue lies inside it: "“I just couldn't believe it.”"
    is what the quoted speaker said, not a report by "I" (the extractor then credits the
    quotation to its speaker, from the tag of the paragraph or the one before)."""
    if not quotes or not s.text.startswith(_OPENERS, s.start):
        return False
    # a closed quotation that ends the sentence (a quotation left open, or one that closes before
    # the sentence goes on, is no proof: '"L'établissement ajoute que" le complexe…')
    closed = [(qs, qe) for qs, qe in quotes if s.text[qe - 1] in _CLOSERS and s.end - qe <= 3]
    return bool(closed) and all(_quoted(s.tk, m.cue, closed) and not _incise(s, m) for m in matches)


def _incise(s: Sentence, m: Match) -> bool:
    """An inverted tag after a comma inside the quotation marks, as French typography writes
    it, up to a comma or to the end of a quoted sentence: « Cette réforme, estime l'auteur de
    l'étude, aurait dû… », « C'est le bon plan, a-t-elle déclaré. Nous… », or a pronoun and
    its verb: '"It is, he said, the right plan."' (the tag is the writer's, not the quoted
    words)."""
    if m.source is None or m.cue[0] != "t":
        return False
    T = s.T
    if m.pattern == "inverted" and m.source[0] == "t":
        before, after = m.cue[1] - 1, m.source[2] + 1
    elif m.pattern == "pronoun":
        before, after = m.cue[1] - 1, m.cue[2] + 1  # (the pronoun is written on the verb: « a-t-elle déclaré »)
    elif m.pattern == "preverbal" and m.source[0] == "t" and m.source[1] == m.source[2] == m.cue[1] - 1 \
            and s.L[m.source[1]] in s.lex.pronouns and s.L[m.source[1]] not in SPEAKER_PRONOUNS:
        # '"It is, he said, the right plan."' (but "…, I think, …" is the quoted speaker's)
        before, after = m.source[1] - 1, m.cue[2] + 1
    else:
        return False
    return before >= 1 and T[before] == "," and after < len(T) and T[after] in _INCISE_ENDS


#: what closes an incise inside a quotation
_INCISE_ENDS = frozenset(",.")


_OPENERS = QUOTE_START
_CLOSERS = "»”\"'"


def is_contested(s: Sentence, matches: list[Match], contest_cue: bool, n_verbs: int, firsts: list[int] | None,
                 plain: bool, words) -> bool:
    """The sentence reports a dispute: a denial or rebuttal cue (``contest_cue``, or a verb
    that denies), a contrast marker ("D'autre part, Moscou affirme…", "For its part…" is not
    one), or two reporting verbs joined by an opposition ("Alors que X craint…, Y a déclaré…")."""
    if contest_cue or any(map(_contested, matches)) or conflicting_figures(s, matches):
        return True
    text, start, end, lex = s.text, s.start, s.end, s.lex
    if plain and firsts is None:
        return False  # (no phrase of either family: _search would find nothing)
    if _search(lex, CONTRAST, lex.contrast_re, lex.contrast_keys, text, start, end, firsts, plain, words):
        return True
    if n_verbs >= 2:
        return bool(_search(lex, OPPOSITION, lex.opposition_re, None, text, start, end, firsts, plain, words))
    return False


def conflicting_figures(s: Sentence, matches: list[Match]) -> bool:
    """Two "according to" phrases with different sources, the later one right after a figure of
    its own: conflicting accounts of one number (« Dix mille personnes ont manifesté selon la
    police, cinquante mille selon les syndicats », "10,000 according to the police, 50,000
    according to the organizers")."""
    if len(matches) < 2:
        return False
    acc = sorted((m for m in matches if m.pattern == "according" and m.source is not None), key=lambda m: m.at)
    if len(acc) < 2:
        return False
    T, L = s.T, s.L
    first = " ".join(L[acc[0].source.a:acc[0].source.b + 1])
    for m in acc[1:]:
        if " ".join(L[m.source.a:m.source.b + 1]) == first:
            continue
        j = m.at - 1
        if j >= 1 and L[j] in _FIGURE_UNITS:
            j -= 1  # « cinquante mille », "1.2 million", "50,000 people"
        while j >= 2 and T[j].isdigit() and T[j - 1].isdigit():
            j -= 1  # « 40 000 »
        if j >= 1 and (any(c.isdigit() for c in T[j]) or number_word(L[j], s.lex)) \
                and (T[j - 1] in ",;–—" or L[j - 1] in _FIGURE_LINKS):
            return True
    return False


#: words after a number that belong to the figure
_FIGURE_UNITS = frozenset({"mille", "million", "millions", "milliard", "milliards", "personnes", "manifestants",
                           "billion", "billions", "thousand", "people", "protesters", "%", "percent"})
#: what joins two figures
_FIGURE_LINKS = frozenset({"et", "and", "contre", "against", "versus", "vs"})


def _search(lex: Lexicon, family: int, regex, keys, text: str, start: int, end: int, firsts, plain: bool, words):
    if plain:
        i = firsts[family] if firsts is not None else -1
        return i >= 0 and regex.search(text, start + i, end)
    if keys is not None and keys.isdisjoint(words):
        return None
    return regex.search(text, start, end)


def subject_aside(s: Sentence, m: Match) -> tuple[int, int] | None:
    """The offsets of what stands between commas after the source and before the verb of a
    match ("Lee, who has denied wrongdoing, said": ", who has denied wrongdoing,"), or ``None``."""
    src, cue = m.source, m.cue
    if src is None or src[0] != "t" or cue[0] != "t":
        return None
    T, tk = s.T, s.tk
    a, b = src[2] + 1, cue[1] - 1
    if not (a < b < len(T) and T[a] == "," and T[b] == ","):
        return None
    return tk.pos(a), tk.end(b)


#: the most tokens of a relative clause taken into a source
_MAX_SOURCE_RELATIVE = 40
#: what may stand between the comma closing a subject's relative clause and the verb: an adverb
#: or an auxiliary ("X, who …, also said", "X, who …, has said")
_MAX_BEFORE_CUE = 3


def with_relative_clause(s: Sentence, src: Ref, cue: Ref) -> Ref:
    """The source with the relative clause that describes it, set off by commas or not, as the
    annotated corpora count a source (PolNeAR's sources, FrameNet's Speaker): before the verb,
    the clause up to its closing comma ("Scott Reed, who managed Bob Dole's 1996 campaign, said"
    → *Scott Reed, who managed Bob Dole's 1996 campaign*; « M. Roe, qui dirige le groupe, a
    déclaré »), or with no comma up to the verb group ("Two people who were there said" → *Two
    people who were there*), not a clause of auxiliaries and adverbs whose verb is the cue
    itself ("a candidate who can be too easily persuaded"); after an inverted verb or
    "according to", the clause to the end of the sentence
    ('"…," said Hayati Camlica, who owns a repair shop.'), not a participle clause, a coordinated
    clause or a quotation after it (", adding that…"). A quotation inside the clause is part of
    it ("Mayor Ruiz, who called the footage "deeply troubling" on Sunday, said"). The source as
    it was when no such clause is there."""
    T, L = s.T, s.L
    n = len(T)
    b = src[2]
    if b + 2 < n and L[b + 1] in RELATIVE_OPENERS:
        r = b + 1  # (no comma: "a letter carrier who lined up to hear him")
    elif b + 3 < n and T[b + 1] == "," and L[b + 2] in RELATIVE_OPENERS:
        r = b + 2
    else:
        return src
    if cue[0] == "t" and b < cue[1]:  # the subject before its verb: the clause ends at the comma before the verb group
        c = cue[1] - 1
        while c > r and cue[1] - c <= _MAX_BEFORE_CUE and T[c] != "," and T[c].isalpha() and T[c].islower():
            c -= 1
        if r == b + 1 and T[c] != ",":
            # a clause with no comma runs to the verb group ("Anyone who knows him knows"), the
            # adverbs and auxiliaries before it aside ("Voters who saw it have said")
            c = cue[1]
            while c > r + 2 and (L[c - 1] in s.lex.auxiliaries or L[c - 1] in s.lex.negations):
                c -= 1
            if c - b > _MAX_SOURCE_RELATIVE or _clause_end(s, r + 1, c) != c or "," in T[r + 1:c] \
                    or all(_helper_word(s, x) for x in range(r + 1, c)):
                return src  # (the verb is the clause's own: "a candidate who can be too easily persuaded")
            return Ref("t", src[1], c - 1)
        if T[c] != "," or c - b > _MAX_SOURCE_RELATIVE or _clause_end(s, r + 1, c) != c \
                or any(T[x] == "," and not _place_or_date(s, x + 1) for x in range(r + 1, c)):
            return src  # (a comma inside may end the clause: "Cruz, who is running second, stuck to policy, saying")
        return Ref("t", src[1], c - 1)
    if (src[1] <= cue[2]) if cue[0] == "t" else (s.tk.pos(src[1]) < cue[2]):
        return src
    if s.w_start == s.start and (cue[1] <= _FRONTED if cue[0] == "t" else cue[1] <= s.tk.pos(min(_FRONTED, n - 1))):
        # the tag opens the sentence ("According to X, who…, the plan…", « Selon X, qui…, la
        # commission… »): the clause ends at its first comma, the main clause follows
        k = next((x for x in range(r + 1, min(n, b + 1 + _MAX_SOURCE_RELATIVE)) if T[x] in HARD_STOP), n)
        return Ref("t", src[1], k - 1) if k < n and T[k] == "," and k > r + 1 else src
    k = _clause_end(s, r + 1, min(n, b + 1 + _MAX_SOURCE_RELATIVE))
    if any(T[x] == "," and not _place_or_date(s, x + 1) for x in range(r + 1, k)):
        return src  # (the clause may end at a comma inside: "The plan, said Lee, who runs the firm, failed.")
    if k < n and T[k] == "," and k + 1 < n and (T[k + 1] in QUOTE_OPENERS or L[k + 1] in s.lex.coordinators
                                               or L[k + 1].endswith(PARTICIPLE_ENDINGS)):
        return Ref("t", src[1], k - 1)  # (", adding that…", ", “…”", ", and …")
    if k < n and all(T[x] in SENTENCE_END for x in range(k, n)) \
            or k == n and T[k - 1] in SENTENCE_END and not s.text[s.tk.end(n - 1):s.end].strip():
        return Ref("t", src[1], k - 1)  # (at the end a quotation may close the sentence: 'who called it “a mess.”')
    return src  # (the sentence goes on, or the tokens stop before its end)


def _helper_word(s: Sentence, k: int) -> bool:
    """The token at ``k`` is an auxiliary, a modal, a negation or an adverb: no verb of a
    clause's own."""
    low, lex = s.L[k], s.lex
    return low in lex.auxiliaries or low in lex.passive_auxiliaries or low in lex.modals or low in lex.negations \
        or low in lex.degree_adverbs or low.endswith(lex.adverb_suffixes)


def _place_or_date(s: Sentence, k: int) -> bool:
    """The token at ``k``, after a comma inside a relative clause, goes on with a place or a
    date ("who lost her daughter in Aurora, Colorado, in 2012"), not with another clause."""
    t = s.T[k]
    return t[:1].isupper() or t[:1].isdigit() or s.L[k] in PHRASE_PREPOSITIONS or s.L[k] in s.lex.place_prepositions


def _clause_end(s: Sentence, k: int, stop: int) -> int:
    """The first token from ``k`` (at most ``stop``) that ends a relative clause: a mark that
    ends a sentence or a clause, or a comma before a participle, a coordinator or a quotation;
    a quotation inside the clause is passed over whole. ``stop`` itself when none does
    before it."""
    T, L, lex = s.T, s.L, s.lex
    while k < stop:
        t = T[k]
        if t in _CLOSING:
            close = next((x for x in range(k + 1, stop) if T[x] in _CLOSING[t]), -1)
            if close < 0:
                return k
            k = close + 1
            continue
        if t in _CLAUSE_END or t == "." and not (dotted(T[k - 1]) or T[k - 1] in lex.abbreviations
                                                 or is_initial(T[k - 1])):
            return k
        if t == "," and k + 1 < len(T) and (T[k + 1] in QUOTE_OPENERS or L[k + 1] in lex.coordinators
                                           or L[k + 1].endswith(PARTICIPLE_ENDINGS)):
            return k
        k += 1
    return stop


#: the most tokens before a tag that opens the sentence ("But according to X, who…, …")
_FRONTED = 1
#: what ends a relative clause after a source
_CLAUSE_END = frozenset(";:!?()[]«»“”\"–—…")


def _quoted(tk: Toks, cue: Ref, quotes: list[tuple[int, int]]) -> bool:
    """The cue lies inside one of the quotations."""
    kind, a, _ = cue
    p = a if kind == "c" else tk.pos(a)
    return any(qs < p < qe for qs, qe in quotes)


def as_found(s: Sentence, m: Match, contested: bool) -> Found:
    """The match's cue and source as offsets into the text (the source with the relative
    clause that describes it: ``with_relative_clause``)."""
    tk = s.tk
    cue = m.cue
    cs, ce = tk.span(cue[1], cue[2]) if cue[0] == "t" else _offsets(tk, cue)  # (a verb group: a span)
    src = m.source
    if src is not None and src[0] == "t":
        src = with_relative_clause(s, src, cue)
    # (Found(...) without the named tuple's __new__: one per sentence)
    if src is None:
        return _tuple_new(Found, (cs, ce, None, None, m.pattern, contested))
    ss, se = _offsets(tk, src)
    return _tuple_new(Found, (cs, ce, ss, se, m.pattern, contested))


_tuple_new = tuple.__new__


#: the closing mark of each opening one, for a source that holds a quoted title
_CLOSING = {"«": ("»",), "“": ("”",), '"': ('"',), "„": ("“", "”")}
_MARKS = frozenset(_CLOSING) | {"'"}


def _offsets(tk: Toks, span: Ref) -> tuple[int, int]:
    kind, a, b = span
    if kind == "t":
        if not _MARKS.isdisjoint(tk.t[a:b + 1]):
            b = _with_closing_mark(tk.t, a, b)
        return tk.span(a, b)
    if kind == "c":
        return a, b
    e = tk.end(a)  # "s": the last b characters of token a
    return e - b, e


def _with_closing_mark(T: list[str], a: int, b: int) -> int:
    """The last token of the source ``a``..``b``, its quotation closed: a title quoted in the
    apposition ends on its closing mark, a comma inside it included ("Kerry Washington, star of
    television’s “Scandal,” said" → *…“Scandal,”*; "host of ''Meet the Press,''", two
    apostrophes being two tokens)."""
    last = None
    for x in range(a, b + 1):
        if T[x] in _CLOSING or T[x] == "'" and x < b and T[x + 1] == "'":  # (two apostrophes: one mark)
            last = x
    if last is None:
        return b
    if T[last] == "'":
        closers, width = ("'",), 2
    else:
        closers, width = _CLOSING[T[last]], 1
    if any(T[x] in closers for x in range(last + width, b + 1)):
        return b
    for k in (b + 1, b + 2):  # right after the source, or after a comma or a stop inside the quotation
        if k + width - 1 < len(T) and all(T[y] in closers for y in range(k, k + width)) \
                and all(T[y] in ",." for y in range(b + 1, k)):
            return k + width - 1
    return b
