"""Reporting verbs among a sentence's tokens, and the verb group (auxiliary, adverbs, set
phrases) each one heads."""

from __future__ import annotations

import re
from itertools import compress, repeat

from workbench.claims.attribution.tokens import Toks
from workbench.claims.attribution.words import ADVERB_ENDINGS, FLOATING, PARENTHETICALS, PREVERBAL_ADVERBS, REFLEXIVE
from workbench.claims.lexicon import Lexicon


def verb_group_start(L: list[str], vi: int, lex: Lexicon) -> int:
    """Index of the first token of the verb group ending with the verb at ``vi``: its
    auxiliary, across up to two adverbs or set phrases ("a ensuite déclaré", "ont aussitôt
    dénoncé", "a pour sa part assuré", "has for his part said")."""
    skip, incises, ends = lex.skip_after_verb, lex.verb_incises, lex.verb_incise_ends
    k, steps = vi - 1, 0
    while k >= 0 and steps <= 2:
        if L[k] not in lex.group_words and "’" not in L[k] and "'" not in L[k] \
                and not (k >= 1 and (L[k - 1] in lex.auxiliaries or L[k - 1] in lex.passive_auxiliaries)):
            break  # (a fast path: no test below holds for a word of none of the sets
            # ``lex.group_words`` joins, with no apostrophe, not after an auxiliary)
        if L[k] in lex.auxiliaries or contracted_pronoun(L[k], lex) or L[k] in lex.appearance_verbs \
                or k == vi - 1 and L[k] in lex.emphatic_auxiliaries:
            # (an appearance verb is a copula: « X paraît convaincu que », "X seemed convinced"; an
            # emphatic auxiliary counts right before the verb: "but do believe")
            while k > 0 and L[k - 1] in lex.auxiliaries and vi - k <= 4:
                k -= 1  # "has reportedly said", "would have said"
            if k > 0 and L[k - 1] in REFLEXIVE:
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
        elif L[k] in skip or L[k] in lex.negations:
            k -= 1  # "has not yet said", "is not expected"
        elif k >= 1 and (L[k - 1] in lex.auxiliaries or L[k - 1] in lex.passive_auxiliaries) \
                and (L[k].endswith(ADVERB_ENDINGS) and L[k].isalpha() or L[k] in FLOATING or L[k] in PREVERBAL_ADVERBS):
            k -= 1  # an adverb the lexicon does not list: "a formellement annoncé", "has reportedly said",
            # "has always maintained",
            # "has been acutely aware"; a floating quantifier: "have both argued", "ont tous dit"
        elif L[k] == "," and k >= 3 and (o := _comma_incise(L, k, lex)):
            k = o - 1  # "has, however, revealed", "a, pour sa part, évoqué", "has, for his part, said"
        elif k >= 2 and L[k] in ends and " ".join(L[k - 1:k + 1]) in incises:  # (an incise ends with one of ends)
            k -= 2
        else:
            break
        steps += 1
    return vi


def _comma_incise(L: list[str], k: int, lex: Lexicon) -> int:
    """The comma that opens an incise of one to four words closed by the comma at ``k`` after an
    auxiliary ("has, however, revealed", « a, pour sa part, évoqué », "has, for his part, said"):
    its index, or 0."""
    skip, incises = lex.skip_after_verb, lex.verb_incises
    for o in range(k - 2, max(0, k - 6), -1):
        if L[o] != ",":
            continue
        words = L[o + 1:k]
        phrase = " ".join(words)
        if o >= 1 and L[o - 1] in lex.auxiliaries and (phrase in skip or phrase in incises
                                                         or len(words) == 1 and phrase in PARENTHETICALS):
            return o
        return 0
    return 0


#: an auxiliary written on its subject pronoun ("he’s", "they're", "we’ve", "she’ll")
_CONTRACTED_AUX = ("’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")


def contracted_pronoun(low: str, lex: Lexicon) -> int:
    """The length of the pronoun of a lower-cased token that is a subject pronoun with its
    auxiliary ("he’s" → 2), else 0."""
    if not low.endswith(_CONTRACTED_AUX):
        return 0
    cut = low.rfind("’") if "’" in low else low.rfind("'")
    return cut if low[:cut] in lex.pronouns else 0


def _inserted_adverb(low: str, lex: Lexicon) -> bool:
    """A word that may stand inside a several-word verb: an adverb the lexicon skips after
    verbs, a parenthetical ("cependant"), or a word with an adverb ending ("notamment")."""
    return low in lex.skip_after_verb or low in PARENTHETICALS \
        or len(low) > 4 and low.isalpha() and low.endswith(ADVERB_ENDINGS)


PRONOUN_SUFFIX = re.compile(r"-(?:t-)?(il|elle|ils|elles|on)$", re.IGNORECASE)
_SUFFIXED = re.compile(r"^(.+?)-(?:t-)?(?:il|elle|ils|elles|on)$")


#: closing quotation marks (as tokens)
_QUOTE_CLOSERS = frozenset("»”\"")

#: the ends of a verb with its subject pronoun ("ajoute-t-il", "dit-elle"): ``_SUFFIXED``
_SUFFIXES = ("-il", "-elle", "-ils", "-elles", "-on")


#: a word with its subject pronoun right after a comma or a closing quotation mark: an incise
#: (« … », gémit-on), whatever the verb
_INCISE = re.compile(r"[,»”\"]\s*[^\W\d_][\w'’]*-(?:t-)?(?:il|elle|ils|elles|on)(?![\w-])")


def incise_with_pronoun(low: str) -> bool:
    """Lower-cased ``low`` holds an incise verb with its subject pronoun (``_incise_verb``), a
    speech tag even when the lexicon does not know the verb."""
    return may_have_pronoun_suffix(low) and _INCISE.search(low) is not None


def may_have_pronoun_suffix(low: str) -> bool:
    """Lower-cased ``low`` may hold a token that ends with a subject pronoun (``_SUFFIXES``):
    without one, ``verb_matches`` finds only what its ``targets`` start."""
    return "-il" in low or "-elle" in low or "-on" in low


#: the most tokens a headline in Title Case has
_MAX_HEADLINE_TOKENS = 40


def title_case(T: list[str]) -> bool:
    """The tokens are a headline in Title Case: four words of four letters or more, nearly all
    capitalised ("Sanders Says He’s Already Started Writing His Address")."""
    if len(T) > _MAX_HEADLINE_TOKENS:
        return False  # (a headline is short: this also keeps the check constant-time per verb)
    long = [t for t in T if len(t) > 3 and t.isalpha()]
    return len(long) >= 4 and sum(t[0].isupper() for t in long) >= 0.8 * len(long)


def verb_matches(tk: Toks, lex: Lexicon, targets=None) -> list[tuple[int, int, str, str]]:
    """Reporting verbs among the tokens, as (first token, last token, matched text, verb form):
    set look-ups (one-word forms, "ajoute-t-il", and several-word forms such as "fait savoir" /
    "pushed back"), no regex scan. ``targets``: the only lower-cased tokens that can start one
    (but "-t-il" forms), if known: they are then looked for with ``list.index`` (one, the usual
    case) or in one pass (several)."""
    T, L = tk.t, tk.l
    n = len(T)
    if targets is None:
        hits = list(compress(range(n), map(lex.verb_scan.__contains__, L)))
    elif len(targets) > 1:
        hits = list(compress(range(n), map(targets.__contains__, L)))
    else:
        hits = []
        for f in targets:
            i = -1
            for _ in range(L.count(f)):
                i = L.index(f, i + 1)
                hits.append(i)
    if tk.suffix:  # (may_have_pronoun_suffix)
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
                if i + 2 < n and _inserted_adverb(L[i + 1], lex) and f"{low} {L[i + 2]}" in multi:
                    # an adverb inside the phrase: "a fait cependant remarquer", "faisait notamment état"
                    phrase = f"{low} {L[i + 2]}"
                    out.append((i, i + 2, phrase, phrase))
                    skip_to = k = i + 2
            if k:
                continue
        if low in forms:
            if i and T[i][:1].isupper() and T[i - 1][:1].isupper() \
                    and not (low in lex.headline_verbs and title_case(T)):
                continue  # inside a name: "The United States", "Central States Health Fund"
            out.append((i, i, T[i], T[i]))
        elif "-" in low:
            m = _SUFFIXED.match(low)
            if m and (m.group(1) in forms or _incise_verb(T, i, m.group(1), lex)):
                out.append((i, i, T[i], T[i][: len(m.group(1))]))
    return out


def _incise_verb(T: list[str], i: int, stem: str, lex: Lexicon) -> bool:
    """A verb the lexicon does not know, with its subject pronoun, right after a comma or a
    closing quotation mark: a speech tag all the same (« … », gémit-on ; « … », tonne-t-il ;
    X, fait-on remarquer, …), unless it is impersonal ("semble-t-il", "faut-il")."""
    j = i - 1 if i > 1 and T[i - 1].lower() in REFLEXIVE else i  # ("s'esclaffe-t-elle")
    if j == 0 or not (T[j - 1] == "," or T[j - 1] in _QUOTE_CLOSERS) or not T[i].islower():
        return False
    return len(stem) >= 3 and stem.isalpha() and stem not in lex.impersonal_subjects.get("il", ())

