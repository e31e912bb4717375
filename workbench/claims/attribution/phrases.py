"""Finding the source's words around a cue: noun phrases, subjects before a verb, inverted
subjects after it, appositions and descriptions. Each function takes the sentence's tokens
(``T`` texts, ``L`` lower case) and returns token indices; none of them decides a label."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from workbench.claims.attribution.tokens import Toks, tokens
from workbench.claims.attribution.words import (
    APOSTROPHES,
    QUOTE_START,
    PHRASE_OPENERS,
    no_place_after,
    SEQUENCE_ADVERBS,
    ADVERB_ENDINGS,
    DASHES,
    EMPHATIC_PRONOUNS,
    NEGATION_PARTICLES,
    NUMBER_MODIFIERS,
    ARTICLES,
    BOUND_MODIFIERS,
    OBJECT_CLITICS,
    QUANTIFIERS,
    MODALS,
    QUOTED_CLITICS,
    QUOTE_OPENERS,
    ADDRESSEE,
    ADDRESSEE_DET,
    CLAUSE_STOP,
    HARD_STOP,
    INFINITIVE_MARKERS,
    INTRODUCERS,
    MAX_NP,
    MAX_SUBJECT,
    LONG_SUBJECT,
    OBJECT_PRONOUNS,
    PARENTHETICALS,
    PARTICLES,
    GERUND_MARKERS,
    PARTICIPLE_ENDINGS,
    INFLECTED_ENDINGS,
    PLACE_LINKS,
    QUOTE_END,
    PREVERBAL_ADVERBS,
    REFLEXIVE,
    TIME_AFTER,
    TIME_NOUNS,
    SUBORDINATORS,
)
from workbench.claims.lexicon import Lexicon
from workbench.claims.model import Span


def starts_phrase(L: list[str], j: int, phrases: frozenset[str]) -> bool:
    """Token ``j`` starts one of ``phrases`` (lower-cased tokens joined by single spaces)."""
    if L[j] in phrases:
        return True
    return any(" ".join(L[j:j + k]) in phrases for k in (2, 3) if j + k <= len(L))


def is_capital(t: str) -> bool:
    return t[:1].isupper()


def is_initial(t: str) -> bool:
    """An initial before its dot: "L" of "Richard L. Trumka"."""
    return len(t) == 1 and t.isupper()


def starts_np(t: str, low: str, lex: Lexicon) -> bool:
    return t[:1].isupper() or low in lex.np_starters


def noun_phrase(T: list[str], L: list[str], i: int, lex: Lexicon, describe: bool | str = False) -> list[int]:
    """The noun phrase starting at token ``i`` (up to a stopper), with a name apposition
    (``describe``: or a description of the name that ends the sentence; ``"clause"``: that ends
    at the next comma, when the tag opens the sentence: "Comme le souligne X, chercheur au CEPII,
    …")."""
    out: list[int] = []
    n = len(T)
    j = i
    stoppers, openers = lex.source_stoppers, lex.clause_openers
    while j < n and len(out) < MAX_NP:
        t = T[j]
        if t == "." and out and abbreviation_dot(T, j, lex):
            out.append(j)  # "M. Dupont", "Dr. Smith", "Richard L. Trumka", "J.M. Berger"
            j += 1
            continue
        # a title in quotation marks: "the authors of “X,”", "the “Medicare for all” plan"
        after_article = len(out) == 1 and L[out[0]] in lex.determiners and L[out[0]] not in _TITLE_LINKS
        if t in QUOTE_OPENERS and out and (L[out[-1]] in _TITLE_LINKS or len(out) >= 2 and L[out[-2]] in _TITLE_LINKS
                                           and L[out[-1]] in lex.determiners or after_article):
            close = next((x for x in range(j + 1, min(n, j + 10)) if T[x] in QUOTE_END or T[x] in HARD_STOP
                          and T[x] not in ",."), -1)
            # after an article alone, the title's head noun follows it (not "called the “X” by",
            # "called the “X,” run by")
            headed = close + 1 < n and T[close + 1].isalpha() and L[close + 1] not in stoppers \
                and L[close + 1] not in lex.agent_markers and T[close - 1] not in ",."
            if close > j + 1 and T[close] in QUOTE_END and (headed or not after_article):
                out.extend(range(j, close + 1))
                j = close + 1
                continue
        if out and L[j] in lex.skip_after_verb and t not in HARD_STOP and T[out[-1]].islower() and T[out[-1]].isalpha():
            # a time between a participle and its agent: « un rapport publié mardi par l'Insee »
            m = next((x for x in range(j + 1, min(n, j + 4)) if L[x] in lex.agent_markers or T[x] in HARD_STOP), n)
            if m < n and L[m] in lex.agent_markers and m + 1 < n and T[m + 1] not in HARD_STOP \
                    and not any(L[x] in lex.auxiliaries for x in range(j, m)):  # ("has previously")
                out.extend(range(j, m))
                j = m
                continue
        if t in HARD_STOP or (out and (L[j] in stoppers or L[j] in openers or t in lex.auxiliaries
                                            or t in DASHES and j + 1 < n and T[j + 1].islower())):
            if not (out and L[j] in lex.name_links and T[out[-1]][:1].isupper() and j + 1 < n and T[j + 1][:1].isupper()) \
                    and not (out and L[j] in PLACE_LINKS and T[out[-1]].islower() and j + 1 < n
                             and T[j + 1][:1].isupper() and T[j + 1].replace("-", "").isalpha()) \
                    and not (out and L[j] in lex.np_complements.get(L[out[-1]], ()) and j + 1 < n
                             and T[j + 1] not in HARD_STOP):
                break  # (but "the Office for National Statistics", "Sang et Or", "notre correspondant à
                # Clermont", "a person familiar with the matter")
        out.append(j)
        j += 1
    # "Rep. Jim Clyburn (D-S.C.), a member of…": the parenthesis after a name belongs to it
    if out and j + 2 < n and T[j] == "(" and T[out[-1]][:1].isupper():
        close = next((k for k in range(j + 1, min(n, j + 8)) if T[k] in "()"), -1)
        if close > j + 1 and T[close] == ")":
            out.extend(range(j, close + 1))
            j = close + 1
    # ", Dmitri Peskov," — a proper-name apposition belongs to the source
    if out and j < n and T[j] == ",":
        k = j + 1
        name = []
        while k < n and len(name) < 6 and (T[k][:1].isupper() and T[k] not in HARD_STOP
                                           or name and abbreviation_dot(T, k, lex)):
            name.append(k)  # (", M. Jean Le Garrec", ", Sen. Ann Lee")
            k += 1
        if name and (k == n or T[k] in HARD_STOP or L[k] in stoppers):
            out = out + [j] + name
        elif describe:  # (", President Obama's first budget director." opens with capitals too)
            # ", a professor at Northwestern University's law school." — a description of the
            # name, running to the end of the sentence or clause, belongs to the source too
            desc = description(T, L, j + 1, lex, at_comma=describe == "clause")
            if desc and (T[out[-1]][:1].isupper() or T[out[-1]] == ")"):
                out = out + [j] + desc
    determiners = lex.determiners
    while out and (L[out[-1]] in determiners or T[out[-1]] in HARD_STOP and T[out[-1]] != ")" or L[out[-1]] in stoppers):
        if T[out[-1]] in QUOTE_END and any(T[x] in QUOTE_OPENERS for x in out):
            break  # (the closing mark of a quoted title: "the authors of the “Growth Project.”")
        out.pop()
    return out


def description(T: list[str], L: list[str], k: int, lex: Lexicon, at_comma: bool = False) -> list[int]:
    """The tokens from ``k`` to the end of the sentence when they describe someone ("the
    county's emergency management coordinator.", "épidémiologiste à l'Inserm."): at most 15,
    no verb, auxiliary or relative pronoun, not opening with an adverb, a preposition or a
    pronoun."""
    n = len(T)
    if k >= n:
        return []
    first = L[k]
    if first in lex.description_adverbs and k + 1 < n and T[k + 1] not in HARD_STOP \
            and L[k + 1] not in lex.description_adverbs:
        # "then senior pastor at…", "now a partner at…", « alors ministre de l'Intérieur »
        rest = description(T, L, k + 1, lex, at_comma)
        return [k, *rest] if rest else []
    if first in lex.skip_after_verb and first not in lex.determiners or first in lex.source_stoppers or first in lex.clause_openers \
            or first in lex.pronouns or first in lex.relative_pronouns or T[k] in HARD_STOP \
            or first.endswith(PARTICIPLE_ENDINGS) and (first in lex.verb_forms or lex.language == "en") \
            and first not in lex.np_starters:
        return []  # (", speaking of politicians,": a participle clause, no description; but "managing director")
    out = []
    commas = 0
    if at_comma:
        while k < n and T[k] not in HARD_STOP and len(out) <= 10:
            if L[k] in lex.verb_forms or L[k] in lex.auxiliaries or L[k] in lex.passive_auxiliaries \
                    or L[k] in lex.relative_pronouns:
                return []
            out.append(k)
            k += 1
        return out if (k == n or T[k] == "," or T[k] in SENTENCE_END) and len(out) <= 10 else []
    while k < n and (T[k] not in HARD_STOP or T[k] == "," and commas < 2 and k + 1 < n and T[k + 1] not in HARD_STOP
                     and L[k + 1] not in INCISE_PREPOSITIONS  # (", lors d'une conférence": an incise)
                     or T[k] == "." and out and k + 1 < n and abbreviation_dot(T, k, lex)
                     or T[k] == "(" and out):
        if T[k] == "(":  # "chercheur au CEPII (centre d'études…)", "du SFH (hôtellerie)"
            close = next((x for x in range(k + 1, min(n, k + 16)) if T[x] in "()"), -1)
            if close < 0 or T[close] != ")":
                return []
            out.extend(range(k, close + 1))
            k = close + 1
            continue
        low = L[k]
        if T[k] == "," and out and k + 1 < n and (T[k + 1] in QUOTE_OPENERS or L[k + 1] in lex.auxiliaries
                                                  or L[k + 1] in MODALS or L[k + 1] in INCISE_PREPOSITIONS
                                                  or L[k + 1].endswith(PARTICIPLE_ENDINGS)
                                                  and (L[k + 1] in lex.verb_forms or lex.language == "en")):
            # the description ends at the comma before the rest of the sentence: "said Michael
            # Tyler, a spokesman for the campaign, explaining why…", "…, “and we have been busy.”",
            # "Any interpretation, said X, an expert at Y, would reject it"
            return out
        if low in lex.relative_pronouns and out:
            while out and (L[out[-1]] in lex.source_stoppers or L[out[-1]] in ADDRESSEE):
                out.pop()  # "descendant du souverain [à] qui…"
            return out  # "a cardiologist at Mount Sinai in New York who has studied…"
        if len(out) >= 20 or low in lex.auxiliaries or low in lex.passive_auxiliaries or low in lex.relative_pronouns \
                or low in lex.verb_forms and not _noun_use(T, L, k, lex) and not _reduced_relative(T, L, k, out, lex) \
                and not (out and in_name(T, k)) \
                or low in lex.according_keys and out:
            return []  # (a clause, not a description: "…, a indiqué M. X, une date sera fixée"; another
            # source in it: « …, d'après la police, cinquante mille selon les syndicats »; but a verb
            # form in a name is a name: "president of the Planned Parenthood Federation")
        commas += T[k] == ","  # "cosecrétaire générale du Snes-FSU, premier syndicat du secondaire."
        out.append(k)
        k += 1
    return out if k < n and (T[k] in SENTENCE_END or T[k] == "," and k + 1 < n
                             and (T[k + 1] in QUOTE_OPENERS or L[k + 1] in INCISE_PREPOSITIONS)) else []


SENTENCE_END = frozenset('.!?…»”"')


def _reduced_relative(T: list[str], L: list[str], k: int, out: list[int], lex: Lexicon) -> bool:
    """The verb form at ``k`` is a present participle after a noun of the description (a
    relative clause without its pronoun): "a spokeswoman for the committee raising funds" (a
    past participle may be a cue of its own: "the governor challenged by X", "a group called
    Y": not these)."""
    return len(out) >= 2 and T[k].islower() and L[k].endswith(PARTICIPLE_ENDINGS) and T[out[-1]].isalpha() \
        and T[out[-1]].islower() and L[out[-1]] not in lex.determiners and L[out[-1]] not in lex.stopwords


def _compound_head(L: list[str], k: int, lex: Lexicon) -> bool:
    """The verb form at ``k`` heads a compound noun of ``lex.noun_compounds``: "think tank"."""
    return k + 1 < len(L) and L[k + 1] in lex.noun_compounds.get(L[k], ())


def _noun_use(T: list[str], L: list[str], k: int, lex: Lexicon) -> bool:
    """The verb form at ``k`` is the first noun of a compound here: after an article or a
    lower-case modifier, before a lower-case noun ("a liberal think tank", "a talk show host";
    not "comments made earlier", "comments made by")."""
    if _compound_head(L, k, lex):
        return True
    if k == 0 or k + 1 >= len(T) or L[k].endswith(INFLECTED_ENDINGS):
        return False  # (a modifier noun has its bare form)
    before, low, after, nxt = T[k - 1], L[k - 1], T[k + 1], L[k + 1]
    if not (after.isalpha() and after.islower() and nxt not in lex.stopwords and nxt not in lex.skip_after_verb
            and nxt not in lex.verb_forms and not nxt.endswith(ADVERB_ENDINGS)):
        return False
    return low in lex.determiners and low not in lex.pronouns \
        or before.isalpha() and before.islower() and low not in lex.stopwords and not low.endswith(ADVERB_ENDINGS)


def after_verb_source(T: list[str], L: list[str], j: int, lex: Lexicon, describe: bool | str = False,
                      incise: bool = False) -> list[int]:
    """Inverted subject after a reporting verb ending at token ``j - 1`` (``describe``: see
    ``noun_phrase``; ``incise``: an inverted tag, where the subject may follow an incise, see
    ``skip_incise``)."""
    n = len(T)
    if incise:
        j = skip_incise(T, L, j, lex)
    # skip adverbs of time and manner ("lundi", "jeudi soir", "également", "on Monday")
    skip = lex.skip_after_verb
    while j < n:
        if j + 1 < n and (f"{L[j]} {L[j + 1]}" in skip or L[j][-1:] in "'’" and L[j] + L[j + 1] in skip):
            j += 2  # "en effet", "par ailleurs", « d'ailleurs » (two tokens)
            if j < n and T[j].islower() and len(L[j]) > 5 and L[j].endswith(ADVERB_ENDINGS) and L[j] not in lex.verb_forms:
                j += 1  # « répond d'ailleurs invariablement M. X »
            continue
        if not (L[j] in skip and not (L[j] in lex.determiners and j + 1 < n and L[j + 1] not in skip)
                and not _opens_phrase(T, L, j, lex)
                or T[j].isdigit() and len(T[j]) <= 4 and j + 1 < n and L[j + 1] in skip):
            break
        j += 1  # ("mardi 14 janvier", "on Jan. 14", "in a statement"; but "by a caller")
    # skip a place or a medium: "explique depuis Bafoussam le chef traditionnel", « a déclaré sur
    # France Inter le ministre » (English "on CNN" is no place for a subject: _opens_phrase)
    if j + 2 < n and (L[j] in lex.place_prepositions or L[j] in MEDIA_PREPOSITIONS) and T[j + 1][:1].isupper():
        k = j + 1
        while k < n and k - j <= 3 and T[k][:1].isupper():
            k += 1
        if k < n and L[k] in lex.np_starters and L[k] not in lex.pronouns:
            j = k
    # skip an addressee: "a déclaré à l'agence de presse un assistant…"
    if j < n and L[j] in ADDRESSEE:
        k = j + 1
        while k < n and k - j <= 6 and T[k] not in HARD_STOP:
            if L[k] in ADDRESSEE_DET and k > j + 1:
                j = k
                break
            k += 1
        else:
            # "à l'AFP Thomas Lévêque": an addressee of one word, then a name (or a number:
            # « à l'AFP deux sources proches du dossier »)
            k = j + 1
            if k < n and L[k] in lex.np_starters:
                k += 1
            k += 1
            if not (k < n and T[k - 1][:1].isupper() and T[k] not in HARD_STOP
                    and (T[k][:1].isupper() or T[k].isalpha() and number_word(L[k], lex))):
                return []
            j = k
        if j != k:
            return []
    if j >= n or not (starts_np(T[j], L[j], lex) or _title_before_name(T, L, j, lex)) or L[j] in lex.clause_openers \
            or L[j] == "du":
        return []  # (« se plaignent du flou du projet »: a complement, not a subject)
    return noun_phrase(T, L, j, lex, describe)


def _title_before_name(T: list[str], L: list[str], j: int, lex: Lexicon) -> bool:
    """Tokens from ``j`` are one to three lower-case words of a title, then a name: "says
    political scientist Dossym Satpayev", « explique politologue Jean Roy »; an "of" may join
    two of its words: "said master of ceremonies Ali Haddad"."""
    k = j
    while k < len(T) and k - j < 3 and T[k].isalpha() and T[k].islower() and L[k] not in lex.stopwords \
            and L[k] not in lex.verb_forms and L[k] not in lex.source_stoppers and L[k] not in lex.skip_after_verb:
        k += 1
        if k > j and k + 1 < len(T) and L[k] == "of" and k - j < 3 and T[k + 1].isalpha() and T[k + 1].islower():
            k += 1  # (the word after it is checked as the title's next word)
    return j < k < len(T) - 1 and T[k][:1].isupper() and T[k].isalpha() and T[k + 1][:1].isupper()


def _opens_phrase(T: list[str], L: list[str], j: int, lex: Lexicon) -> bool:
    """The skipped word at ``j`` is a preposition that opens a phrase of its own: an article and
    a noun that is no word of time follow ("said on the same call": no subject comes after), or
    "on" and a name that is no day or month ("confirmed on Facebook Friday", "said on CNN")."""
    if j + 1 < len(T) and L[j] == "on" and T[j + 1][:1].isupper() and L[j + 1] not in lex.skip_after_verb:
        return True
    return j + 2 < len(T) and L[j] in PHRASE_PREPOSITIONS and L[j + 1] in lex.determiners \
        and L[j + 2] not in lex.skip_after_verb and " ".join(L[j:j + 3]) not in lex.verb_incises


#: prepositions that open a short incise between an inverted verb and its subject ("note dans son
#: dernier rapport le courtier", "said in a statement the ministry")
INCISE_PREPOSITIONS = frozenset({"dans", "par", "sans", "devant", "lors", "pour", "in", "during", "at"})
#: prepositions that open a phrase after an inverted verb where no subject follows ("said on
#: the same call")
PHRASE_PREPOSITIONS = INCISE_PREPOSITIONS | {"on"}
#: a time between the subject and the verb ("last week", "this year", "last night")
TIME_DETERMINERS = frozenset({"last", "this", "that", "next"})
TIME_PERIODS = TIME_NOUNS | {"night", "morning", "afternoon", "evening", "weekend", "summer", "spring", "fall",
                             "autumn", "winter"}
#: what introduces examples of a plural noun inside a subject ("critics such as X", "groups
#: like Y", "several unions, including Z,")
EXAMPLE_MARKERS = frozenset({"as", "like"})
INCLUDING = frozenset({"including", "notamment", "dont"})
#: words that open no item of a list of names ("Among the Democrats, X and Y said")
NOT_LIST_ITEM = PHRASE_OPENERS | {"among", "instead", "meanwhile", "still", "however", "now", "then", "like",
                                   "unlike", "besides", "avec", "parmi", "selon", "ensuite", "puis", "pourtant"}
#: the endings of a past participle that opens an aside ("mentioned", « cité », « citée »)
PAST_PARTICIPLE_ENDINGS = ("ed", "é", "ée", "és", "ées")
#: the most tokens of an aside between dashes inside a subject ("Gingrich — mentioned by Newsmax
#: as the leading choice for Trump's running mate — told…")
DASH_ASIDE = 30
#: the preposition before a medium (« sur France Inter », « sur BFMTV ») after which an inverted
#: subject may follow
MEDIA_PREPOSITIONS = frozenset({"sur"})
#: words that are a preposition and an article at once: the subject never starts with them
CONTRACTED = frozenset({"du", "des", "au", "aux", "de", "d'", "d’", "à"})


def skip_incise(T: list[str], L: list[str], j: int, lex: Lexicon) -> int:
    """The first token after what may stand between an inverted verb and its subject: an adverb
    in -ment/-ly ("indique cruellement la Cour"), a several-word adverb of the lexicon ("écrit de
    son côté le professeur"), a comma-enclosed incise of a few words ("a déclaré, mardi 14
    janvier, M. X"), a short prepositional phrase followed by a determiner or a name ("note dans
    son dernier rapport le courtier X"). Nothing is skipped when what follows is no noun phrase."""
    n = len(T)
    start = j
    for _ in range(3):
        if j >= n:
            break
        if T[j].islower() and len(L[j]) > 5 and L[j].endswith(ADVERB_ENDINGS) and L[j] not in lex.verb_forms:
            j += 1
            continue
        phrase = skip_phrase(L[j:j + 3], lex)
        if phrase:
            j += phrase
            continue
        if T[j] == ",":
            k = next((k for k in range(j + 1, min(n, j + 8)) if T[k] in HARD_STOP), n)
            if k < n and T[k] == "," and k > j + 1 and k + 1 < n and starts_np(T[k + 1], L[k + 1], lex) \
                    and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries for x in range(j + 1, k)):
                j = k + 1
                continue
            break
        if L[j] in INCISE_PREPOSITIONS:
            k = next((k for k in range(j + 2, min(n, j + 7))
                      if (L[k] in lex.determiners or T[k][:1].isupper()) and L[k] not in CONTRACTED
                      and L[k - 1] not in CONTRACTED and L[k - 1] not in lex.determiners
                      and L[k - 1] not in INCISE_PREPOSITIONS and T[k - 1] not in HARD_STOP), 0)
            if k and not any(T[x] in HARD_STOP for x in range(j, k)):
                j = k
                continue
        break
    return j if j > start and j < n and starts_np(T[j], L[j], lex) else start


#: the prepositions of the place that an impersonal "on" speaks from (« affirme-t-on au
#: ministère », « assure-t-on dans son entourage », « dit-on chez Renault »)
ON_PLACES = ADDRESSEE | {"dans", "chez"}


def place_of_on(T: list[str], L: list[str], j: int, lex: Lexicon) -> list[int]:
    """``au ministère de la Culture`` after "-t-on": the noun phrase after "à" / "au" / "aux",
    "dans" or "chez"."""
    n = len(T)
    while j < n and L[j] in lex.skip_after_verb:
        j += 1
    if j + 1 < n and L[j] in ON_PLACES:
        np = noun_phrase(T, L, j + 1, lex)
        return np if np and np[0] == j + 1 and on_place(L, j, np, lex) else []
    return []


def on_place(L: list[str], j: int, np: list[int], lex: Lexicon) -> bool:
    """The noun phrase ``np`` after the preposition at ``j`` is a place an impersonal « on »
    speaks from: any after « à », « au », « chez »; after « dans », one that names a circle
    (``lex.on_circles``: « son entourage », « les rangs du PS »; not « ce cas »)."""
    return L[j] != "dans" or any(L[x] in lex.on_circles for x in np)


def inverted_subject(T: list[str], L: list[str], np: list[int], lex: Lexicon) -> bool:
    """The noun phrase after a verb is its subject, not its object or the subject of what was
    said: not a pronoun ("…, said it disagreed"), no verb inside ("said the runner had been"),
    not followed by "that" / "que" ("told the BBC that…") or, before the next punctuation, by
    an auxiliary ("said the mood on the shop floor was grim")."""
    if L[np[0]] in lex.pronouns:
        return False
    # (a relative clause after a comma describes the name: ", who is regarded as…")
    head = next((np[:i] for i in range(1, len(np)) if L[np[i]] in lex.subject_relatives and T[np[i - 1]] == ","), np)
    if any((L[x] in lex.auxiliaries or L[x] in MODALS) and not in_name(T, x)
           or L[x] in lex.verb_forms and not _noun_use(T, L, x, lex) and not (x > np[0] and in_name(T, x))
           for x in head):
        return False  # (a clause: "…,” said the candidate could be in a competitive situation)
    n = len(T)
    k = np[-1] + 1
    while k < n and k - np[-1] <= 8 and T[k] not in HARD_STOP:
        low = L[k]
        if low in lex.relative_pronouns and low not in INTRODUCERS:
            break  # "le chef, descendant du souverain à qui il a été pris": a clause of its own
        if low in lex.relative_pronouns and k == np[-1] + 1 and any(T[x] == "," for x in np):
            break  # "said Deb Kline, a leader of X, one of the groups that will march"
        if low in GERUND_MARKERS and k + 1 < n and L[k + 1].endswith(PARTICIPLE_ENDINGS) \
                or low == "tout" and k + 2 < n and L[k + 1] in GERUND_MARKERS:
            break  # a gerund of the subject's: "a ajouté le secrétaire américain tout en précisant que…"
        if low in INTRODUCERS or low in lex.auxiliaries or low in lex.passive_auxiliaries:
            return False
        k += 1
    return True


def ends_with_past_tense(T: list[str], L: list[str], np: list[int], lex: Lexicon) -> bool:
    """The noun phrase ends with a past tense, not a participle that describes its noun (a
    participle has its complement: "a spokesman based in Paris"): "the plan failed", "the plan
    failed to pass" are a clause (English: the lexicon's past forms and verb suffixes)."""
    last, k, n = np[-1], np[-1] + 1, len(T)
    return len(np) >= 2 and T[np[-2]] not in HARD_STOP and T[last].isalpha() and T[last].islower() \
        and (L[last] in lex.past_forms or bool(lex.verb_suffixes) and L[last].endswith(lex.verb_suffixes)) \
        and (k >= n or T[k] in HARD_STOP or L[k] == "to" or L[k] in lex.determiners or L[k] in lex.pronouns)


def bare_noun(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> bool:
    """A subject without article of one to three plain words ("…, authorities said", "But
    residents disputed"): no function word, no adverb, nothing but letters."""
    if len(subj) > 3:
        return False
    stop, skip, stoppers = lex.stopwords, lex.skip_after_verb, lex.source_stoppers
    return all(T[k].isalpha() and L[k] not in stop and L[k] not in skip and L[k] not in stoppers for k in subj)


def abbreviation_dot(T: list[str], k: int, lex: Lexicon) -> bool:
    """Token ``k`` is the dot of an abbreviation, an initial or a dotted acronym ("Ms.",
    "Richard L. Trumka", "U.S."), not the end of a sentence."""
    if T[k] != "." or k == 0:
        return False
    before = T[k - 1]
    return before in lex.abbreviations or is_initial(before) or dotted(before)


def dotted(t: str) -> bool:
    """An abbreviation written with dots: "F.D.A", "U.S"."""
    return 2 < len(t) <= 8 and "." in t and t.replace(".", "").isalpha()


#: the relative pronouns that open a clause about a person or a thing between commas
RELATIVE_OPENERS = frozenset({"who", "whose", "which", "whom", "qui", "dont", "lequel", "laquelle", "lesquels",
                              "lesquelles"})
#: the most tokens a relative clause between a subject and its verb may have
_MAX_RELATIVE = 40


def subject_before_relative(T: list[str], L: list[str], j: int, lex: Lexicon, quoted: bool = False) -> list[int]:
    """The subject of a verb that follows the comma at ``j`` closing a relative clause that holds
    commas of its own (a name in apposition, a quotation): "Mr. Slinker, whose latest start-up,
    Paradata, uses big data, said" → *Mr. Slinker*; « Le maire, qui a longtemps dirigé, avec
    son adjoint, le syndicat, a déclaré » → *Le maire*. The clause opens at the nearest comma
    before a relative pronoun (or at the pronoun right after a name: « Le CBI qui, il y a
    quelques mois, envisageait…, indique »), at most ``_MAX_RELATIVE`` tokens back and within
    the sentence;
    ``[]`` when there is none, or when the clause holds no comma and its own comma is not inside a
    closing quotation mark (``quoted``: 'X, who calls him a “sociopath,” said'):
    ``subject_before_apposition`` reads those."""
    x = j - 1
    commas = 0
    while x >= 1 and j - x <= _MAX_RELATIVE:
        t = T[x]
        if t in ";:!?()" or t == "." and not (dotted(T[x - 1]) or T[x - 1] in lex.abbreviations
                                              or is_initial(T[x - 1])):
            return []
        if t == ",":
            if L[x + 1] in RELATIVE_OPENERS:
                break
            commas += 1
        elif L[x] in RELATIVE_OPENERS and x >= 2 and T[x - 1] != "," and T[x - 1][:1].isupper():
            # (not a capital that only opens the sentence: « Ceux qui restent…, souligne X »)
            break  # right after a name, no comma: « Le CBI qui, il y a quelques mois, envisageait…, indique »
        x -= 1
    else:
        return []
    if not commas and not quoted:
        return []  # a relative clause with no comma inside: subject_before_apposition's case
    # (a name and its apposition before the clause: "Mary Lee, the chief executive of X, who
    # oversaw…, said")
    head = T[x] == "," and subject_before_apposition(T, L, x, lex) or before_verb_subject(T, L, x, lex)
    if head and (T[head[0]][:1].isupper() or L[head[0]] in lex.determiners or L[head[0]] in lex.np_starters):
        return head
    return []


#: the most tokens an apposition between a subject and its verb may have, a relative clause
#: that ends it left out
_MAX_APPOSITION = 26


def _relative_after_apposition(L: list[str], k: int, j: int, lex: Lexicon) -> bool:
    """Whether the words between the commas at ``k`` and ``j`` are a long relative clause, alone
    or after a short apposition: "Ms. Roe, whose training … was paid for by the army because …,
    said", "Rich Heffley, a top GOP operative who played a major role in … and is now running …,
    said", « Jean Roe, un élu qui a longtemps … , a déclaré »."""
    return any(L[x] in lex.relative_pronouns for x in range(k + 1, min(j, k + 2 + MAX_NP)))


def subject_before_apposition(T: list[str], L: list[str], j: int, lex: Lexicon, depth: int = 0) -> list[int]:
    """The subject of a verb that follows the comma at ``j`` closing an apposition or a relative
    clause: "le ministre des Affaires étrangères, Dmitry Kuleba, a affirmé" (the apposition is
    part of the source), "The company, which makes gearboxes, said" (the relative clause is not
    read here: ``choose.with_relative_clause`` adds it to the winner's source),
    "One of them, Coreline Rx, rejected" (the name, not the pronoun)."""
    k = j - 1
    region = False  # a town and its region were passed
    while k >= 0 and j - k < _MAX_APPOSITION + _MAX_RELATIVE and (T[k] not in CLAUSE_STOP
                                       or T[k] == "." and k > 0 and (dotted(T[k - 1]) or T[k - 1] in lex.abbreviations
                                                                     or is_initial(T[k - 1]) or T[k + 1] in ",)")
                                       or T[k] in "()" and short_parenthesis(T, k)
                                       or T[k] == "," and (region_after(T, L, k, j, lex) and (region := True)
                                                           or 0 < k < j - 1 and T[k - 1].isdigit() and T[k + 1].isdigit())):
        k -= 1  # quotations, "the F.D.A.’s office", "George W. Bush" and "R-Pa.," may be inside (no sentence ends ".,");
        # a town and its state: "a Cruz supporter from Jackson, Miss., said"
    if j - k > _MAX_APPOSITION and not _relative_after_apposition(L, k, j, lex):
        return []
    if k < 0 and region and j <= 24:
        # the sentence opens with the subject, which ends with a town and its region: "Officials in
        # Chappaqua, N.Y., said"
        return _checked_subject(T, L, list(range(j)), 0, lex)
    if k < 0 and 2 < j <= 16 and T[j - 1] == ")" and short_parenthesis(T, j - 1):
        # a stray comma after a name and its parenthesis: "Sen. Jack Reed (D-R.I.), said…"
        opening = next(x for x in range(j - 2, -1, -1) if T[x] == "(")
        if opening > 0 and name_only(T, range(opening), lex):
            return list(range(j))
    if k < 0 or T[k] != "," or k == j - 1:
        return []
    inner = list(range(k + 1, j))
    if len(inner) <= 2 and all(L[x] in PARENTHETICALS or L[x] in lex.skip_after_verb for x in inner) \
            or " ".join(L[x] for x in inner) in lex.verb_incises:
        # an aside, no apposition: "The minister, too, said", « Le maire, la semaine dernière, a affirmé »
        return before_verb_subject(T, L, k, lex)
    if T[k + 1].islower() and (L[k + 1].endswith(PARTICIPLE_ENDINGS) and L[k + 1] in lex.verb_forms
                               or L[k + 1] in lex.participles) and L[k + 1] not in lex.np_starters:
        # a participle clause between the subject and its verb: "Sen. Richard J. Durbin (D-Ill.),
        # noting the size of his list, said", « Le maire, estimant que…, a déclaré »; a past
        # participle of the lexicon's: "The minister, asked about the plan, said", « Le ministre,
        # interrogé sur le plan, a déclaré », "X, convinced that…, said"
        return _subject_before_aside(T, L, k, lex, depth)
    # any verb's participle before a preposition or an article, or after a reflexive pronoun:
    # "Officials, speaking on condition of anonymity, said", « Le maire, s'exprimant sous couvert
    # d'anonymat, a déclaré » (but "Ann Lee, incoming chair of…, said" is an apposition)
    if lex.participle_suffixes and T[k + 1].isalpha() and T[k + 1].islower() \
            and L[k + 1].endswith(lex.participle_suffixes) and L[k + 1] not in INCLUDING and k + 2 < j \
            and (L[k + 2] in lex.stopwords or L[k + 2] in lex.determiners) \
            or L[k + 1] in REFLEXIVE and k + 2 < j and T[k + 2].isalpha() and L[k + 2].endswith(PARTICIPLE_ENDINGS):
        head = _subject_before_aside(T, L, k, lex, depth)
        if head and (head[0] == 0 or T[head[0] - 1] == "," and not region_after(T, L, head[0] - 1, k, lex)):
            # (the subject opens the sentence or follows an opening phrase: « À Nantes, le maire,
            # s'exprimant…, a affirmé »; else what the apposition rules find)
            return head
    if L[k + 1] in INCLUDING and len(inner) <= 12 and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries
                                                              for x in inner[1:]):
        head = before_verb_subject(T, L, k, lex)
        if head:  # "Other Republican candidates, including Carly Fiorina and Ben Carson, have…"
            return head + [k] + inner
    for x, tok in enumerate(inner):
        if x and L[tok] in lex.relative_pronouns:
            inner = inner[:x]  # "a mother of five who lives outside the county seat"
            break
    first = T[k + 1]
    is_name = len(inner) <= 4 and all(T[x][:1].isupper() or L[x] in lex.name_links for x in inner) and first[:1].isupper()
    # (an apposition that opens with an article is a noun phrase unless an auxiliary or a negation
    # makes it a clause: "a talk show host" holds the verb form "show")
    lead = k + 1
    while lead < j - 1 and L[lead] not in lex.determiners \
            and (L[lead] in lex.skip_after_verb or L[lead] in lex.auxiliaries and L[lead + 1] in lex.determiners):
        lead += 1  # an adverb before the apposition: "also a GOP presidential hopeful"
    np_like = L[lead] in lex.determiners and L[lead] not in lex.pronouns
    if L[k + 1] in SUBORDINATORS and L[k + 1] not in lex.conditionals:
        # an adverbial clause between the subject and its verb: "Ted Cruz, when asked…, responded"
        head = before_verb_subject(T, L, k, lex)
        return head if head and T[head[0]][:1].isupper() or head and L[head[0]] in lex.np_starters else []
    if L[k + 1] not in lex.relative_pronouns and any((L[x] in lex.auxiliaries or L[x] in lex.negations
                                                      or not np_like and L[x] in lex.verb_forms
                                                      and not (L[x] in lex.naming_verbs and x + 1 < j
                                                               and T[x + 1][:1].isupper())
                                                      and not _compound_head(L, x, lex))
                                                     and not T[x][:1].isupper() for x in inner if x >= lead):
        return []  # a clause, not an apposition: "…, avait parcouru 2 800 hectares, a annoncé X", "… ne poursuivra pas …"
    head = before_verb_subject(T, L, k, lex)
    if head and T[head[0]].isdigit() and all(T[x].isdigit() or L[x] in AGE_WORDS for x in head):
        head = []  # an age is a first apposition: « Marie Durand, 45 ans, mère de trois enfants, affirme »
    elif head and all(L[x] in lex.skip_after_verb for x in head):
        # a day or an adverb opens the sentence, the subject follows it: "Friday, Texas, leading a
        # coalition…, asked", "Recently, Tom Emanuel of Laconia, N.H., said"
        return inner if first[:1].isupper() or np_like else []
    if not head and depth < 2:
        # two appositions: "Mared Owen, of the campaign group X, who has rented…, said",
        # "Marisol Vega, 41, a nurse from Orlando who…, said"
        outer = subject_before_apposition(T, L, k, lex, depth + 1)
        if outer:
            if L[k + 1] in lex.relative_pronouns:
                return outer
            return outer + [k] + inner if first[:1].isupper() or L[k + 1] in lex.np_starters \
                or L[k + 1] in lex.source_links and not no_place_after(L, k + 1) \
                or _description(T, L, inner, lex) else outer
    if head and L[head[0]] in lex.source_stoppers:
        return []  # "En Ukraine, les combats continuent, a déclaré…": no subject there
    if not head:
        return inner if is_name else []
    if is_name and (L[head[-1]] in lex.stressed_pronouns or L[head[-1]] in lex.pronouns):
        return inner  # "One of them, Coreline Rx"
    described = _description(T, L, inner, lex)
    if L[k + 1] in lex.relative_pronouns and depth < 2 and head[0] >= 2 and T[head[0] - 1] == ",":
        # a name and its apposition before the relative clause: "Mary Lee, the chief executive of
        # X, who oversaw…, said" (what the verb would have after the apposition's comma)
        outer = subject_before_apposition(T, L, k, lex, depth + 1)
        opening = L[outer[0]] if outer else ""
        if outer and outer[-1] == k - 1 and (opening not in lex.stopwords or opening in lex.determiners) \
                and not (lex.participle_suffixes and opening.endswith(lex.participle_suffixes)) \
                and (outer[0] == 0 or T[outer[0] - 1] in SENTENCE_END or T[outer[0] - 1] in QUOTE_START
                     or L[outer[0] - 1] in lex.sentence_conjunctions):
            return outer  # (not an opening phrase: "Of Carson, Levine, who…", "Recalling that moment, X, who…")
    if L[k + 1] in lex.relative_pronouns or not (first[:1].isupper() or L[k + 1] in lex.np_starters
                                                  or L[k + 1] in lex.source_links and not no_place_after(L, k + 1)
                                                  or described):
        return head  # a relative clause or a participle: "Le maire sortant, battu dimanche, dénonce"
    if len(inner) > (20 if np_like or described else 12):
        return head
    if is_name and depth < 2 and head[0] >= 2 and T[head[0] - 1] == "," and L[head[0]] in lex.determiners \
            and L[head[0]] not in lex.pronouns:
        # the name ends a second apposition; the first is a description of a name before it:
        # "Giovanni Vian, the editor of the Vatican's newspaper, L'Osservatore Romano, said"
        outer = before_verb_subject(T, L, head[0] - 1, lex)
        if outer and name_only(T, outer, lex):
            return outer + [head[0] - 1] + head + [k] + inner
    return head + [k] + inner


def _subject_before_aside(T: list[str], L: list[str], k: int, lex: Lexicon, depth: int) -> list[int]:
    """The subject before a participle clause that opens after the comma at ``k``: what a verb
    right after that comma would have, an apposition of its own included ("Sandra Inman, a
    teacher, speaking at the rally, said" → *Sandra Inman, a teacher*; « Jean Dupont, un
    habitant de Lyon, interrogé par la presse, a affirmé » → *Jean Dupont, un habitant de
    Lyon*), else the words right before the comma ("The mayor, speaking to reporters, said")."""
    if depth < 2 and k >= 3:
        subj = subject_before_apposition(T, L, k, lex, depth + 1)
        if subj and subj[-1] == k - 1:
            return subj
    return before_verb_subject(T, L, k, lex)


#: the words of an age in apposition ("Jane Doe, 45, said", « Marie Durand, 45 ans, affirme »)
AGE_WORDS = frozenset({"ans", "an", "years", "year", "old"})


def _description(T: list[str], L: list[str], inner: list[int], lex: Lexicon) -> bool:
    """Whether the apposition ``inner`` (tokens) describes the subject without an article:
    "Luis Paredes, director of…", « Gérard Savoye, délégué général du… » (a title word), «
    Mobil, deuxième compagnie pétrolière américaine, » (two words or more that open with no
    participle, verb, adverb or stopword; not « Le maire sortant, battu dimanche, », « Les
    salariés, inquiets, »)."""
    first, low = T[inner[0]], L[inner[0]]
    return bool(lex.aside_endings) and first.replace("-", "").isalpha() and first.islower() \
        and not first.endswith(lex.aside_endings) \
        and low not in lex.stopwords and low not in lex.verb_forms and low not in PHRASE_OPENERS and len(inner) >= 2 \
        and not (lex.adverb_suffixes and first.endswith(lex.adverb_suffixes)) \
        or low in lex.title_words


class _Walk(NamedTuple):
    """Where walking back from a verb ended: the subject tokens met (last first), the token it
    stopped at, how many of them are inside parentheses or dashes, or a final ``answer``."""

    subj: list[int]
    j: int
    inside: int
    answer: list[int] | None = None


def skip_phrase(words: list[str], lex: Lexicon) -> int:
    """How many of ``words`` (lower case, at most three), from the first, spell a several-word
    phrase of ``lex.skip_after_verb`` ("once again", « là encore », « de son côté »): 3, 2 or 0."""
    if not words or words[0] not in lex.skip_phrase_firsts:
        return 0
    for k in (3, 2):
        if len(words) >= k and " ".join(words[:k]) in lex.skip_after_verb:
            return k
    return 0


def before_verb_subject(T: list[str], L: list[str], i: int, lex: Lexicon) -> list[int]:
    """Subject tokens before token ``i`` (the verb group start), back to a clause boundary: the
    tokens are gathered by ``_walk_back``, trimmed of adverbs and openers, joined to a first
    conjunct, then checked to be a noun phrase and not a clause."""
    walk = _walk_back(T, L, i, lex)
    if walk.answer is not None:
        return walk.answer
    subj, j, inside = walk.subj, walk.j, walk.inside
    if len(subj) - inside > MAX_SUBJECT and (len(subj) - inside > LONG_SUBJECT or not _long_noun_phrase(T, L, subj, j, lex)):
        return []
    subj.reverse()
    if not subj and j >= 1 and T[j] == "," and T[j - 1] not in QUOTE_END:
        # (but "« … », explique X": a tag)
        return subject_before_relative(T, L, j, lex) or subject_before_apposition(T, L, j, lex)
    if not subj and j >= 1 and T[j] == "," and T[j - 1] in QUOTE_END and _quote_opens_aside(T, j - 1):
        # « M. Roe, citant « la magie de la course », a dit » (the aside ends on a quotation)
        return subject_before_apposition(T, L, j, lex)
    if not subj and j >= 3 and T[j] == "'" and T[j - 1] == "'" and T[j - 2] == "," and _closes_two_apostrophes(T, j - 2):
        j -= 1  # two apostrophes, the newspaper style: "X, host of ''Meet the Press,'' said"
    if not subj and j >= 2 and T[j] in QUOTE_END and T[j - 1] == ",":
        # 'X, who calls him a “sociopath,” said', "X, pointing to “the magic of the race,” said"
        head = subject_before_relative(T, L, j - 1, lex, quoted=True) or subject_before_apposition(T, L, j - 1, lex)
        return head if head and (T[head[0]][:1].isupper() or L[head[0]] in lex.determiners
                                 or L[head[0]] in lex.np_starters) else []
    if not subj:
        return subj
    subj = _trimmed_subject(T, L, subj, lex)
    subj = _with_first_conjunct(T, L, subj, j, lex)
    if subj and subj[0] >= 2 and T[subj[0] - 1] == "," and not lex.coordinators.isdisjoint(map(L.__getitem__, subj)):
        subj = list(range(_list_start(T, L, subj[0], lex), subj[-1] + 1))  # "Ann Lee, Bob Roe and Carl Moe"
    subj = _checked_subject(T, L, subj, inside, lex)
    if len(subj) > 1 and lone_nominative(T, L, i, lex):
        return [i - 1]  # "Trump attacked the deal he said would fail": the pronoun, not the words before it
    return subj


def zero_relative_subject(T: list[str], L: list[str], i: int, lex: Lexicon) -> list[int]:
    """The subject of a relative clause without "that" (or after "what") whose verb is at ``i``,
    for when the words back to the clause boundary are no subject (they hold the main clause): a
    plural of one or two plain words right after a noun and its determiner, or after "what"
    ("the place Pentagon officials say…" → *Pentagon officials*, "half of what researchers say
    they need" → *researchers*); no time ("the past two years")."""
    for k in (i - 1, i - 2):
        tail = list(range(k, i))
        if k < 2 or not bare_noun(T, L, tail, lex) or not plural_word(L[i - 1], lex) \
                or not T[i - 1].islower() or L[i - 1] in lex.verb_forms:
            continue
        before = L[k - 1]
        if any(L[x] in TIME_PERIODS or number_word(L[x], lex) for x in tail):
            continue
        if before in lex.object_relatives and before not in lex.subject_relatives:
            return tail  # "what researchers say"
        if T[k - 1].isalpha() and T[k - 1].islower() and before not in lex.stopwords and before not in lex.verb_forms \
                and before not in lex.auxiliaries and before not in lex.skip_after_verb \
                and before not in lex.source_stoppers and L[k - 2] in lex.determiners:
            return tail  # "the place Pentagon officials say"
    return []


def lone_nominative(T: list[str], L: list[str], i: int, lex: Lexicon) -> bool:
    """Token ``i - 1`` is a pronoun that is only ever a subject (``lex.nominative_pronouns``), not
    the last of a list ("Mr. Allen and he said"): it is the subject of the verb at ``i`` on its own."""
    return i >= 1 and L[i - 1] in lex.nominative_pronouns and T[i - 1].isalpha() \
        and (i < 2 or L[i - 2] not in lex.coordinators and T[i - 2] != ",")


def _closes_two_apostrophes(T: list[str], k: int) -> bool:
    """The two apostrophes after token ``k`` close a quotation: an odd number of pairs (the
    newspaper style of a quotation mark, two tokens) opened before ("host of ''Meet the Press,''
    said"; not "by contrast, ''claims based on…''")."""
    pairs, x = 0, 0
    while x < k - 1:
        if T[x] == "'" and T[x + 1] == "'":
            pairs += 1
            x += 1
        x += 1
    return pairs % 2 == 1


def _quote_opens_aside(T: list[str], k: int) -> bool:
    """The quotation closing at token ``k`` opens inside a phrase after a comma, not at the
    sentence start or right after a comma (« … », a dit X: a quotation and its tag)."""
    x = k - 1
    while x >= 0 and k - x <= _MAX_RELATIVE and T[x] not in QUOTE_START:
        x -= 1
    return x >= 2 and T[x - 1] != "," and "," in T[max(0, x - _MAX_RELATIVE):x]


def _long_noun_phrase(T: list[str], L: list[str], subj: list[int], j: int, lex: Lexicon) -> bool:
    """A subject longer than ``MAX_SUBJECT`` (``subj``: its tokens, from the verb back) is one
    noun phrase with its complements, not a clause: it opens the sentence or follows a stop at
    ``j``, holds no auxiliary, modal, irregular past or infinitive, and no lower-case "-ed" word
    with an object after it ("A study by X and Y of the University of Chicago concluded", "A
    report on roads issued over the summer by the agency noted"; but "He delivered a speech using
    notes rather than the style he prefers"). Only in a language whose verb endings the lexicon
    lists (``verb_suffixes``: English)."""
    suffixes = lex.verb_suffixes
    if not suffixes or j >= 0 and T[j] not in HARD_STOP:
        return False  # (a language whose finite verbs the lexicon cannot tell by their ending:
        # « L'avertissement des autorités suivait un rapport … soulignant » holds a verb)
    for x in subj:
        low = L[x]
        if low in lex.auxiliaries or low in MODALS or low in lex.past_forms or low in lex.verb_forms \
                or low in lex.relative_pronouns or low in lex.pronouns:
            return False
        if low.endswith(suffixes) and T[x].islower() and x + 1 < len(T) \
                and (L[x + 1] in lex.determiners or L[x + 1] in lex.pronouns):
            return False
        if low in INFINITIVE_MARKERS and x + 1 < len(T) and T[x + 1].isalpha() and T[x + 1].islower() \
                and (L[x + 1] in lex.any_infinitives
                     or low == "to" and L[x + 1] not in lex.determiners and L[x + 1] not in lex.stopwords):
            return False  # an infinitive: "X beat Y 45-40 to take the title" (French "de" before
            # a noun is as common: only the lexicon's infinitives, « de dénoncer »)
    return True


def quoted_clitic(T: list[str], L: list[str], j: int, lex: Lexicon) -> bool:
    """Token ``j`` is "le" / "l'" standing for what is said, right before its verb at ``j + 1``
    (not the article of a noun): after a pronoun ("comme nous le rappelions"), before an
    auxiliary ("le syndicat l'a confirmé") or before a finite verb after a noun and its article
    or after a name ("…, les chiffres le montrent", "le sénateur Dupont le rappelait"; but
    "Depuis l'annonce", "après l'annonce", "en France l'annonce")."""
    if L[j] not in QUOTED_CLITICS or j == 0 or j + 1 >= len(T):
        return False
    before, verb = L[j - 1], L[j + 1]
    return (before in lex.pronouns or before in QUANTIFIERS or before in OBJECT_CLITICS
            or verb in lex.auxiliaries
            or verb in lex.verb_forms and verb not in lex.participles and T[j - 1].isalpha()
            and before not in lex.stopwords and j >= 2
            and (L[j - 2] in lex.determiners or T[j - 1][:1].isupper() and T[j - 2].isalpha()
                 and L[j - 2] not in lex.stopwords))


def _aside(T: list[str], L: list[str], a: int, b: int, lex: Lexicon) -> bool:
    """Tokens ``a``..``b - 1`` (between dashes after a subject) are an aside, not part of the
    source: a clause or a phrase that opens with a preposition ("- in a line that seemed aimed
    at him -", "— who was leaving the race —"), not an apposition ("- actionnaire à 25 % -")."""
    first = L[a]
    if T[a].islower() and first in lex.stopwords and first not in lex.determiners and first not in QUANTIFIERS:
        return True
    if T[a].islower() and (first in lex.verb_forms or first.endswith(PAST_PARTICIPLE_ENDINGS)) \
            and first not in QUANTIFIERS:
        return True  # a participle clause: "— mentioned by Newsmax as his running mate —"
    return any(L[x] in lex.relative_pronouns or L[x] in lex.auxiliaries for x in range(a, b))


def _walk_back(T: list[str], L: list[str], i: int, lex: Lexicon) -> _Walk:
    """The tokens before token ``i`` back to a clause boundary, skipping clitics, and going on
    through what ``_past_stop`` lets through (names, parentheses, dashes, incises)."""
    j = i - 1
    subj: list[int] = []
    inside = 0  # tokens of parentheses in ``subj`` (not counted against MAX_SUBJECT)
    openers, stops, turns = lex.clause_openers, lex.subject_stops, lex.subject_turns
    while j >= 0 and len(subj) - inside <= LONG_SUBJECT:
        low = L[j]  # a hard stop is its own lower case
        if subj and low not in turns:
            subj.append(j)  # (a fast path: past the subject's first word, no test below applies
            j -= 1  # to a word of none of the sets ``lex.subject_turns`` joins)
            continue
        if not subj and (low in lex.clitics or low in REFLEXIVE or low in NEGATION_PARTICLES
                         or low in OBJECT_CLITICS and j > 0 and T[j - 1] not in ",.;:" and L[j - 1] not in openers
                         or low in QUOTED_CLITICS and j > 0
                         and (L[j - 1] in lex.pronouns or L[j - 1] in QUANTIFIERS or L[j - 1] in OBJECT_CLITICS
                              or j == i - 1 and quoted_clitic(T, L, j, lex))):
            j -= 1  # "Jean-Baptiste Ekotto, y demande", "La CFDT se dit", "Il nous a dit", "X l'a dit", « X n'a pas dit »,
            continue  # "comme nous le rappelions", "les chiffres le montrent"
        if not subj and (lex.adverb_suffixes and T[j].isalpha() and T[j].islower() and len(low) > 4
                         and low.endswith(lex.adverb_suffixes) and low not in lex.verb_forms
                         and not (j > 0 and (L[j - 1] in lex.determiners or L[j - 1].endswith(POSSESSIVE)))
                         # (a noun after its article: "the rally", "his family")
                         or (low in PARENTHETICALS or low in PREVERBAL_ADVERBS or low in EMPHATIC_PRONOUNS)
                         and T[j].islower() and j > 0
                         and (T[j - 1] not in HARD_STOP or T[j - 1] == ",")):
            j -= 1  # an adverb before the verb: "which largely supports", "Mr. Rubio boldly claimed",
            continue  # "Carter however said"
        if not subj and T[j][:1].isupper() and low in lex.skip_after_verb and low not in lex.determiners \
                and j > 0 and L[j - 1] in lex.skip_after_verb:
            j -= 2  # a day before the verb: "Ms. Marcus on Tuesday wrote", "X, who…, on Friday described"
            continue
        if not subj and low in TIME_PERIODS and j > 0 and L[j - 1] in TIME_DETERMINERS:
            j -= 2  # "Beck last week said", "X, who…, last month told", "Smith earlier this year wrote"
            if j >= 0 and L[j] in ("earlier", "later"):
                j -= 1
            continue
        if low == "’" and j > 0 and T[j - 1] in _CLOSING_PUNCTUATION:
            break  # a single curly quote closing a quotation: "‘We will win,’ she said"
        if subj and low in lex.conditionals:
            break  # "S'il affirme" (the elided "si" is no reflexive here)
        if subj and low in lex.comparatives and not _counts(L[subj[-1]], lex) \
                and not (len(subj) >= 2 and L[subj[-1]] in lex.determiners and _counts(L[subj[-2]], lex)):
            break  # the comparison's own subject: "Funding rose less than aides say…" (but "More than 200
            # economists said", "Less than a third of voters say")
        if subj and low in lex.object_relatives and _opens_subject(T, L, subj[-1], lex) and not any(
                L[x] in lex.auxiliaries or L[x] in lex.verb_forms or L[x] in MODALS or L[x] in lex.negations
                for x in subj):
            break  # the relative clause's own subject: "what Sroka called", "Bannon, who Beck called"
        if low in lex.subject_relatives:
            if subj:
                # "A federal health official who was not authorized to speak told…": the
                # subject is the noun before the relative clause
                return _Walk(subj, j, inside, before_verb_subject(T, L, j, lex))
            return _Walk(subj, j, inside, relative_antecedent(T, L, j, lex))
        if low in stops and j > 0 and T[j][:1].isupper() and T[j - 1] not in HARD_STOP and low not in HARD_STOP:
            subj.append(j)  # a capitalised word inside a name: "Les Sang et Or"
            j -= 1
            continue
        if low in stops:  # a hard stop or a clause opener
            step = _past_stop(T, L, i, j, subj, lex)
            if step.answer is not None:
                return _Walk(subj, j, inside, step.answer)
            if step.j == j:
                break
            inside += step.inside
            j = step.j
            continue
        subj.append(j)
        j -= 1
    return _Walk(subj, j, inside)


def _opens_subject(T: list[str], L: list[str], k: int, lex: Lexicon) -> bool:
    """Token ``k`` can open a subject: a name, a pronoun, a determiner or a quantifier ("what
    Sroka called", "what he calls", "whom many progressives believed"; not "who favor taxes")."""
    return T[k][:1].isupper() or L[k] in lex.pronouns or L[k] in lex.determiners or L[k] in QUANTIFIERS


def _past_stop(T: list[str], L: list[str], i: int, j: int, subj: list[int], lex: Lexicon) -> _Walk:
    """At the stop token ``j`` (a hard stop or a clause opener) of the walk back from token
    ``i``: where the walk goes on (``j`` itself: the subject ends here), the tokens it adds to
    ``subj`` (in place) and how many of them are in parentheses, or a final answer."""
    low = L[j]
    openers = lex.clause_openers
    if low in lex.name_links and subj and j > 0 and T[j - 1][:1].isupper() and T[j + 1][:1].isupper():
        subj.append(j)  # "the Department for Business and Trade"
        return _Walk(subj, j - 1, 0)
    if possessive_apostrophe(T, j) and subj and subj[-1] == j + 1:
        subj.append(j)  # "The Clintons' foundation said"
        return _Walk(subj, j - 1, 0)
    if low == ")":
        k = j - 1
        while k >= 0 and j - k <= 25 and T[k] != "(" and T[k] != ")":
            k -= 1
        if k > 0 and T[k] == "(" and k < j - 1 and T[k - 1] not in HARD_STOP:
            # "the Athletics Integrity Unit (AIU) said", "Rep. Hank Johnson (D-Ga.) said",
            # "Sen. Chris Murphy (a Connecticut Democrat …) says"
            subj.extend(range(j, k - 1, -1))
            return _Walk(subj, k - 1, j - k + 1)
        return _Walk(subj, j, 0)
    if low in DASHES and (subj or j == i - 1):
        # "Le représentant du groupe en France - actionnaire à 25 % - a déclaré"
        # right before the verb, an aside may be long, hold commas and be typed "--" ("—
        # mentioned by Newsmax as…—", "-- John McCain, who lost the 2008 election --")
        wide = not subj
        jj = j - 1 if wide and low == "-" and j > 0 and T[j - 1] == "-" else j
        k = jj - 1
        while k >= 0 and jj - k <= (DASH_ASIDE if wide else 14) and L[k] not in DASHES \
                and (T[k] not in CLAUSE_STOP or wide and T[k] == "," or abbreviation_dot(T, k, lex)):
            k -= 1  # (through "Mr.")
        kk = k - 1 if jj < j and k > 0 and T[k - 1] == "-" else k
        if kk > 0 and L[k] in DASHES and L[k] == low and k < jj - 1 and T[kk - 1] not in HARD_STOP:
            if not subj and _aside(T, L, k + 1, jj, lex):
                return _Walk(subj, kk - 1, 0)  # "Mr. Bush - in a line that seemed… - declared"
            subj.extend(range(j, kk - 1, -1))
            return _Walk(subj, kk - 1, j - kk + 1)
        return _Walk(subj, j, 0)
    if low == "," and not subj and j >= 3:
        # "La CFDT, quant à elle, se dit", "X, pour sa part, a déclaré"
        k = next((k for k in range(j - 2, max(-1, j - 6), -1) if T[k] == ","), -1)
        if k > 0 and " ".join(L[k + 1:j]) in lex.verb_incises:
            return _Walk(subj, k - 1, 0)
    if subj and low in EXAMPLE_MARKERS and j > 0 and (low != "as" or L[j - 1] == "such") \
            and (T[subj[-1]][:1].isupper() or L[subj[-1]] in lex.determiners):
        # examples inside the subject: "Critics such as Ann Lee say", "groups like the ACLU praised"
        subj.append(j)
        if low == "as":
            subj.append(j - 1)
            return _Walk(subj, j - 2, 0)
        return _Walk(subj, j - 1, 0)
    if subj and (low, L[subj[-1]]) in BOUND_MODIFIERS:
        subj.append(j)  # "But at least a dozen members of Congress told", « au moins trois élus »
        return _Walk(subj, j - 1, 0)
    if low == "," and subj and j > 0 and T[j - 1].isdigit() and T[j + 1].isdigit():
        subj.append(j)  # "at least 21,000 said"
        return _Walk(subj, j - 1, 0)
    if low == "." and j > 0 and (T[j - 1] in lex.abbreviations or dotted(T[j - 1]) or subj and T[j + 1] == ","
                                 or subj and is_initial(T[j - 1]) and T[j + 1][:1].isupper()):
        subj.append(j)  # "A senior U.S. official", "Mr. Smith", "Rep. X, R-Pa., said", "Donald J. Trump"
        return _Walk(subj, j - 1, 0)
    if low == "," and not subj and j >= 2 and T[j - 2] == "," \
            and L[j - 1] in openers | lex.skip_after_verb | PARENTHETICALS:
        return _Walk(subj, j - 3, 0)  # "Russian officials, however, have warned"
    if subj and low in lex.relative_pronouns:
        ante = object_relative_antecedent(T, L, j, subj, lex)
        if ante:
            return _Walk(subj, j, 0, ante)  # "Groups that have endorsed him say"
    return _Walk(subj, j, 0)


#: the end of an auxiliary with its negation in one word ("don't", "can’t")
_CONTRACTED_NOT = ("n't", "n’t")


def _trimmed_subject(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> list[int]:
    """``subj`` without the clause openers and adverbs before it ("also", "now"; but not "a": "a
    company spokesman told…"), a reflexive, an adverb in -ly or a modal after it ("Rourke
    strenuously denies", "Trump may want")."""
    openers, skip, determiners = lex.clause_openers, lex.skip_after_verb, lex.determiners
    while subj:
        if L[subj[0]] in openers or L[subj[0]] in skip and not T[subj[0]][:1].isupper() and L[subj[0]] not in determiners:
            subj.pop(0)
            continue
        if len(subj) < 2 or L[subj[0]] not in lex.skip_phrase_firsts:
            break  # (skip_phrase would find none)
        phrase = skip_phrase([L[x] for x in subj[:min(3, len(subj) - 1)]], lex)  # (a word of the subject stays)
        if not phrase:
            break
        del subj[:phrase]  # an adverbial phrase before the subject: « Là encore la base a… », "Once again the mayor said"
    if subj and L[subj[-1]] in REFLEXIVE:
        subj.pop()
    negated = False
    while len(subj) > 1 and (lex.adverb_suffixes and T[subj[-1]].islower() and L[subj[-1]].endswith(lex.adverb_suffixes)
                             and L[subj[-2]] not in lex.determiners and not L[subj[-2]].endswith(POSSESSIVE)
                             or L[subj[-1]] in lex.negations or L[subj[-1]].endswith(_CONTRACTED_NOT)):
        negated = negated or L[subj[-1]] in lex.negations
        subj.pop()  # ("the judge never intended", "I don’t think")
    if len(subj) > 3 and lex.participle_suffixes and L[subj[-1]].endswith(lex.participle_suffixes) \
            and L[subj[-2]] in lex.perception_participles:
        subj.pop()  # the verb before "to": "Others could be heard calling (friends to say)"
    if len(subj) > 2 and L[subj[-1]] in lex.perception_participles and L[subj[-2]] in lex.passive_auxiliaries:
        del subj[-2:]  # "a reporter can be heard (asking)", "Others could be heard (calling)"
        if len(subj) > 1 and L[subj[-1]] in lex.auxiliaries:
            subj.pop()  # "X was heard (saying)"
    while negated and subj and (L[subj[-1]] in lex.auxiliaries or L[subj[-1]] in MODALS):
        subj.pop()  # ("he could not explain", "states that may not want")
    while len(subj) > 1 and L[subj[-1]] in MODALS and T[subj[-1]].islower() \
            and (L[subj[-2]] not in determiners or L[subj[-2]] in QUANTIFIERS):
        subj.pop()  # a modal the verb group does not hold: "Donald Trump may want to…", "Some may recall"
    if 1 < len(subj) <= 4 and L[subj[-1]] in lex.pronouns and L[subj[-2]] not in _PARTITIVE \
            and L[subj[-2]] not in lex.coordinators and T[subj[-2]] not in HARD_STOP \
            and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries or L[x] in lex.question_words
                        or L[x] in lex.relative_pronouns for x in subj[:-1]):
        # a subject pronoun after an adverbial takes nothing of it: "Pretty soon she", "In 2010
        # she", "Now we" (but "many of you", "Mr. Allen and he"; "what he calls" is no subject)
        return subj[-1:]
    return subj


def _with_first_conjunct(T: list[str], L: list[str], subj: list[int], j: int, lex: Lexicon) -> list[int]:
    """``subj`` with the conjunct before the coordinator at ``j``: "Doctors and pharmacists
    urged", "Les États-Unis et leurs alliés avaient…"."""
    if not subj or j < 1 or L[j] not in lex.coordinators:
        return subj
    if len(subj) == 1 and bare_noun(T, L, subj, lex) and bare_noun(T, L, [j - 1], lex) and (j == 1 or T[j - 2] in HARD_STOP):
        return [j - 1, j, *subj]
    if L[j - 1] in lex.pronouns and (j == 1 or T[j - 2] in HARD_STOP or T[j - 2] == "," or L[j - 2] in lex.clause_openers):
        return [j - 1, j, *subj]  # "he and Mr. Allen said", "elle et son mari affirment"
    adjective = T[subj[0]].isalpha() and T[subj[0]].islower() and L[subj[0]] not in lex.verb_forms \
        and T[j - 1].isalpha() and T[j - 1].islower() and L[j - 1] not in lex.verb_forms
    if T[subj[0]][:1].isupper() or L[subj[0]] in lex.np_starters or _plural_noun(T, L, subj, lex) or adjective:
        # (two adjectives of one noun phrase: "The state's largest and oldest union", « le groupe
        # d'électronique militaire et civile CSEE »)
        end = j
        if T[j - 1] == ")" and short_parenthesis(T, j - 1):
            end = next(x for x in range(j - 2, -1, -1) if T[x] == "(")  # "Ann Lee (R-Utah) and Bob Roe"
        first = noun_phrase_before(T, L, end, lex)
        if first and (first[0] == 0 or T[first[0] - 1] in HARD_STOP or L[first[0] - 1] in lex.clause_openers) \
                and (T[first[0]][:1].isupper() or L[first[0]] in lex.np_starters or _plural_noun(T, L, first, lex)):
            start = _list_start(T, L, first[0], lex)
            return [*range(start, j), j, *subj]
    return subj


def _list_start(T: list[str], L: list[str], k: int, lex: Lexicon) -> int:
    """Where a list whose last two items are joined at token ``k`` begins: back over the items
    before it, each a name or a share after a comma ("Ann Lee, Bob Roe and Carl Moe", "45% of
    Republicans, 28% of independents and…"), then the few words that head the list ("Senators
    Ann Lee, …", "Most voters in Ohio, Texas and Maine"); ``k`` when no comma comes before."""
    start = k
    if not T[k][:1].isupper() or L[k] in lex.determiners:
        return k  # (the items are names: "Ann Lee, Bob Roe and…"; not "Pennsylvania, a poll and…")
    while start >= 2 and T[start - 1] == ",":
        x = start - 2
        end = start - 1  # where the item's words end
        while x >= 0 and start - 1 - x <= 10:
            if T[x] == ")" and x == start - 2 and short_parenthesis(T, x):
                end = next(y for y in range(x - 1, -1, -1) if T[y] == "(")
                x = end - 1
                continue  # a name's parenthesis: "John McCain (Ariz.), Kelly Ayotte (N.H.) and…"
            if T[x] in HARD_STOP and not abbreviation_dot(T, x, lex) or L[x] in lex.clause_openers \
                    or L[x] in lex.verb_forms or L[x] in lex.auxiliaries:
                break
            x -= 1
        item = range(x + 1, end)
        if not item or L[item[0]] in NOT_LIST_ITEM or L[item[0]] in lex.stopwords \
                or L[item[0]] in lex.skip_after_verb or L[item[0]] in lex.name_links \
                or not all(T[y][:1].isupper() or L[y] in lex.name_links or T[y] == "." for y in item):
            break  # ("Among the Democrats, Mrs. Clinton and…", "Instead, Matthews, …")
        start = x + 1
        if x >= 0 and T[x] != ",":
            break
    if start < k:
        x = start - 1
        while x >= 0 and start - x <= 4 and T[x] not in HARD_STOP and L[x] not in lex.clause_openers \
                and L[x] not in lex.verb_forms and L[x] not in lex.auxiliaries:
            x -= 1
        if (x < 0 or T[x] in HARD_STOP or L[x] in lex.clause_openers) and x + 1 < start:
            start = x + 1  # the head of the list: "Senators", "Most voters in"
    return start


def _plural_noun(T: list[str], L: list[str], words: list[int], lex: Lexicon) -> bool:
    """One to three plain lower-case words that end with a plural: "leaders", "union members",
    "political operatives" (the conjuncts of "union members and leaders said")."""
    return bare_noun(T, L, words, lex) and T[words[-1]].islower() and plural_word(L[words[-1]], lex) \
        and L[words[-1]] not in lex.verb_forms


def region_after(T: list[str], L: list[str], k: int, end: int, lex: Lexicon) -> bool:
    """The comma at ``k`` separates a town from its state or region ("Jackson, Miss.", "Hemet,
    California", « Lausanne, Vaud »): a capitalised word before it, a region of the lexicon
    after it, up to the next comma or ``end``."""
    if not lex.region_names or k < 1 or not T[k - 1][:1].isupper() or L[k - 1] in lex.skip_after_verb:
        return False  # (not a day: "Friday, Texas, leading…, asked")
    x = k + 1
    while x < end and x - k <= 4 and T[x] != ",":
        x += 1
    words = " ".join(L[y] for y in range(k + 1, x) if L[y] != ".")  # ("Miss." is "miss" and its dot)
    return words in lex.region_names


def plural_word(low: str, lex: Lexicon) -> bool:
    """A plural noun by its ending, or one of the lexicon's ``irregular_plurals`` ("people",
    "police", « journaux »)."""
    return low.endswith("s") or low in lex.irregular_plurals


def _checked_subject(T: list[str], L: list[str], subj: list[int], inside: int, lex: Lexicon) -> list[int]:
    """``subj`` when it is a noun phrase that opens like one ("74 percent said", "campaign
    chairman Paul Manafort told") and is no clause ("C'est elle qui a alerté"; a parenthesis may
    hold a clause); the antecedent of an object relative clause inside it; else nothing."""
    if not subj or not (T[subj[0]][:1].isupper() or L[subj[0]] in lex.np_starters or bare_noun(T, L, subj, lex)
                        or L[subj[0]] in QUANTIFIERS or described_plural(T, L, subj, lex, inside)
                        or counted(T, L, subj, lex) or titled_name(T, L, subj, lex)
                        or after_opening_conjunction(T, L, subj, lex)):
        return []
    if len(subj) > 1 and L[subj[0]].endswith(PARTICIPLE_ENDINGS) and L[subj[0]] not in lex.np_starters \
            and (L[subj[1]] in lex.stopwords or L[subj[1]] in PARTICLES or T[subj[1]][:1].isdigit()) \
            and L[subj[1]] != "of":  # (a gerund's noun phrase is a subject: "Polling of union voters shows")
        return []  # a participle clause, not a subject: "Rattling off promises", "Using a crude…"
    words = list(map(L.__getitem__, subj))
    if not (lex.relative_pronouns.isdisjoint(words) and lex.auxiliaries.isdisjoint(words)
            and lex.verb_forms.isdisjoint(words)) \
            and any((L[x] in lex.relative_pronouns or L[x] in lex.auxiliaries and not in_name(T, x)
                     or _verb_in_subject(T, L, subj, x, lex))
                    and not (inside and _in_parens(T, subj, x)) for x in subj):
        rel = next((p for p, x in enumerate(subj) if L[x] in lex.relative_pronouns), 0)
        if rel and not inside:  # "The officials whose laws were struck down say"
            ante = object_relative_antecedent(T, L, subj[rel], subj[rel + 1:], lex)
            if ante and ante[0] == subj[0]:
                return ante
        return []
    # "Mais lorsqu'on lui" and other pronoun objects are not subjects (but "most of them")
    if L[subj[-1]] in OBJECT_PRONOUNS and not (len(subj) == 1 and L[subj[0]] in lex.pronouns) \
            and not (len(subj) >= 3 and L[subj[-2]] in _PARTITIVE and any(_counts(L[x], lex) for x in subj[:-2])) \
            and not (len(subj) >= 3 and L[subj[-2]] in lex.np_complements.get(L[subj[-3]], ())):
        return []  # (but "comme nous le rappelions": "nous" alone is the subject)
    return subj


def after_opening_conjunction(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> bool:
    """``subj`` opens right after the conjunction that opens the sentence, where it would have
    opened the sentence with a capital: "But early data suggests", "And officials involved with
    the groups have made clear", « Mais récentes études montrent »; not a preposition, a
    pronoun's clause or a gerund ("But for those of us…", "So highlighting Singer isn’t…"), nor
    words holding a modal ("Or you could do what a partner (told)")."""
    k = subj[0]
    low = L[k]
    return k >= 1 and T[k].isalpha() and L[k - 1] in lex.sentence_conjunctions and T[k - 1][:1].isupper() \
        and (k == 1 or T[k - 2] in SENTENCE_END or T[k - 2] in QUOTE_START) \
        and low not in lex.stopwords and low not in lex.pronouns and low not in lex.verb_forms \
        and not (lex.participle_suffixes and low.endswith(lex.participle_suffixes)) \
        and not any(L[x] in MODALS and T[x].islower() for x in subj)


def in_name(T: list[str], x: int) -> bool:
    """Token ``x``, a word that is also an auxiliary or a modal, is a name or part of one: a
    capital next to another ("Will Smith", "Can Dündar", "Theresa May") or a capital that opens
    no sentence ("“…,” Will wrote"; but "“Will they say…")."""
    return T[x][:1].isupper() and T[x].isalpha() and (
        x + 1 < len(T) and T[x + 1][:1].isupper() and T[x + 1].isalpha()
        or x > 0 and (T[x - 1][:1].isupper() and T[x - 1].isalpha() or T[x - 1] not in _OPENS_SENTENCE))


#: the tokens after which a capital opens a sentence, not a name ("“Will they say…")
_OPENS_SENTENCE = frozenset({".", "!", "?", "…", ":", ";", "(", "[", "—", "–", "-", *QUOTE_START})


def _in_parens(T: list[str], subj: list[int], x: int) -> bool:
    """Token ``x`` of the subject lies inside one of its parentheses."""
    depth = 0
    for y in subj:
        if T[y] == "(":
            depth += 1
        elif T[y] == ")":
            depth -= 1
        if y == x:
            return depth > 0
    return False


def _verb_in_subject(T: list[str], L: list[str], subj: list[int], x: int, lex: Lexicon) -> bool:
    """Token ``x`` of a would-be subject is a verb, so the stretch is a clause ("Nigeria's central
    bank has raised its rate by 50 basis points …"): a reporting verb form, not after a
    determiner or a possessive ("les auteurs de la note", "the utility's planning"), not "-ing"."""
    if L[x] not in lex.verb_forms or L[x].endswith("ing") or x == subj[0]:
        return False
    if x + 1 <= subj[-1] and L[x + 1] in lex.np_complements.get(L[x], ()) and T[x - 1].isalpha():
        return False  # a participle with its complement after a noun: "People briefed on the talks"
    if x + 1 < subj[-1] and L[x] in lex.participles and L[x + 1] in lex.agent_markers and T[x - 1].isalpha() \
            and T[x].islower():
        return False  # a participle with its agent after a noun: « Les économistes interrogés par
        # Reuters estiment », "Experts consulted by the agency said"
    if T[x][:1].isupper() and T[x - 1][:1].isupper():
        return False  # a word of a name: "the latest Rasmussen Reports poll", "Media Matters"
    if x == subj[-1] and lex.language == "en" and L[x].endswith("s") and not L[x].endswith("ss") \
            and x + 1 < len(L) and (L[x + 1] in lex.verb_forms or L[x + 1] in lex.auxiliaries):
        return False  # a plural noun right before the verb: "new fundraising reports show"
    if x + 2 <= subj[-1] and T[x].islower() and T[x + 1][:1].isupper() and T[x + 2][:1].isupper() \
            and L[x + 1] not in lex.skip_after_verb and not L[x].endswith(("ed", "s", "é", "e")):
        return False  # a title before a name: "presidential hopeful Donald Trump"
    if x == subj[-1] and x + 2 < len(T) and T[x + 1] == "," and T[x + 2][:1].isupper() and T[x].islower() \
            and not L[x].endswith(("ed", "s", "é", "e")):
        return False  # a title before the name in apposition: "One presidential hopeful, Carly Fiorina,"
    before = L[x - 1]
    return before not in lex.determiners and not before.endswith(("'s", "’s"))


def described_plural(T: list[str], L: list[str], subj: list[int], lex: Lexicon, inside: int = 0) -> bool:
    """A subject without article that opens its clause: a plural noun and what completes it
    ("supporters of the bill have rejected", "early results from the state's districts showed"),
    an aside of ``inside`` tokens between dashes or parentheses not counted in its length
    ("insiders in the next two states — Nevada and South Carolina — said")."""
    first = subj[0]
    if len(subj) - inside > 8 or not (first == 0 or T[first - 1] in HARD_STOP or L[first - 1] in lex.clause_openers):
        return False
    lead = next((p for p, x in enumerate(subj) if not (L[x] in lex.skip_after_verb or L[x].endswith(ADVERB_ENDINGS))), 0)
    # the head noun ends the words before the first function word ("protest organizers in
    # Cleveland"): one to three plain words, the last a plural
    words = subj[lead:]
    cut = next((p for p, x in enumerate(words) if L[x] in lex.stopwords), len(words))
    pre = words[:cut] if cut else words[:1]
    if len(pre) > 1 and cut < len(words) and L[words[cut]] in lex.np_complements.get(L[pre[-1]], ()):
        pre = pre[:-1]  # an adjective and its complement after the noun: "sources close to her"
    head = pre[-1]
    if not (bare_noun(T, L, pre, lex) and T[head].islower() and plural_word(L[head], lex)):
        return False
    return not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries or L[x] in lex.relative_pronouns for x in subj)


def counted(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> bool:
    """A number of people as a subject: "74 percent said", "just 8 percent of Democrats said",
    "21,000 said", "nearly two-thirds of Democratic primary voters said", "at least a dozen
    members of Congress told"."""
    k = 0
    while k < len(subj) - 1 and k < 3 and L[subj[k]] in NUMBER_MODIFIERS:
        k += 1
    if k < len(subj) - 2 and L[subj[k]] in ARTICLES and number_word(L[subj[k + 1]], lex):
        k += 1  # "at least a dozen members", « une dizaine d'élus »
    return (T[subj[k]][:1].isdigit() or number_word(L[subj[k]], lex)) and len(subj) > k + 1 \
        or len(subj) == k + 1 and "-" in L[subj[k]] and number_word(L[subj[k]], lex)  # "three-quarters said"


def number_word(low: str, lex: Lexicon) -> bool:
    """A number or a share written in words ("three-quarters", "two-thirds", "half", "moitié"):
    every part of it is one of the lexicon's ``number_words``."""
    return all(part in lex.number_words for part in low.split("-"))


def titled_name(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> bool:
    """A name after its title or description, without article: "campaign chairman Paul
    Manafort", "retired neurosurgeon Ben Carson", "election lawyer Joe Birkenstock"."""
    if len(subj) > 8 or not T[subj[-1]][:1].isupper() or not T[subj[0]].replace("-", "").isalpha():
        return False  # (a compound adjective counts: "warm-and-fuzzy Trump")
    bad = (lex.stopwords, lex.skip_after_verb, lex.source_stoppers, lex.clause_openers, lex.auxiliaries, lex.verb_forms)
    return not any(L[x] in words for x in subj if not T[x][:1].isupper() for words in bad)


def object_relative_antecedent(T: list[str], L: list[str], j: int, clause: list[int], lex: Lexicon) -> list[int]:
    """The subject before a relative clause that is not introduced by a subject relative: the
    relative at ``j``, its clause ``clause`` (tokens, from the verb backwards), the noun phrase
    before it opening its clause. "Les syndicats que nous avons rencontrés affirment" → *Les
    syndicats*; "Groups that have endorsed him say" → *Groups*; "The officials whose laws were
    struck down say" → *The officials*. The clause must hold a verb (else "that" is no relative)."""
    if len(clause) > 10 or not any(L[x] in lex.auxiliaries or L[x] in lex.verb_forms for x in clause) \
            or any(L[x] in lex.verb_forms and L[x - 1] not in lex.auxiliaries for x in clause):
        return []  # (a reporting verb of its own: "groups that endorsed him say they believe")
    ante = noun_phrase_before(T, L, j, lex)
    if not ante or ante[-1] != j - 1 or L[j - 1] in lex.verb_forms or L[j - 1] in lex.auxiliaries:
        return []
    first = ante[0]
    if not (first == 0 or T[first - 1] in HARD_STOP or L[first - 1] in lex.clause_openers):
        return []
    return ante


def relative_antecedent(T: list[str], L: list[str], j: int, lex: Lexicon) -> list[int]:
    """The subject relative pronoun at ``j`` and the noun phrase it stands for: "Attorney General
    Loretta E. Lynch, who told Congress" → "Attorney General Loretta E. Lynch, who"; "voters
    who say" → "voters who". The relative is kept: it is the source word the text writes."""
    k = j - 1 if j > 0 and T[j - 1] == "," else j
    ante = noun_phrase_before(T, L, k, lex)
    return list(range(ante[0], j + 1)) if ante else []


#: the prepositions of a group that a demonstrative names ("among those who")
_AMONG = frozenset({"among", "amongst", "parmi"})


def noun_phrase_before(T: list[str], L: list[str], k: int, lex: Lexicon) -> list[int]:
    """The noun phrase that ends just before token ``k``: a name ("Attorney General Loretta E.
    Lynch"), a description from its determiner ("a young child", "la sénatrice Anne Roy"), or a
    bare noun ("voters"); nothing after a verb or a preposition ("C'est elle qui")."""
    stops = (lex.auxiliaries, lex.verb_forms, lex.source_stoppers, lex.clause_openers, lex.agent_markers,
             lex.place_prepositions, lex.pronouns, lex.stressed_pronouns, lex.relative_pronouns)
    names: list[int] = []  # the capitalised run that ends the phrase
    j = k - 1
    if j >= 0 and L[j] in lex.demonstrative_pronouns \
            and not (j and (L[j - 1] in _PARTITIVE or L[j - 1] in lex.stopwords or L[j - 1] in _AMONG
                            or any(L[j - 1] in words for words in stops))):
        return [j]  # a pronoun is the phrase: "The crisis vindicates those who…" (not after a
        # preposition: "Many of those who", "support from those who said": see below)
    while j >= 0 and k - j <= 8 and (T[j][:1].isupper() and T[j] not in HARD_STOP
                                       or T[j] == "." and j > 0 and (T[j - 1] in lex.abbreviations or len(T[j - 1]) == 1)
                                       or names and L[j] in lex.name_links and j > 0 and T[j - 1][:1].isupper()):
        names.append(j)
        j -= 1
    out = list(names)
    while j >= 0 and k - j <= 10 and T[j] not in HARD_STOP \
            and (out and L[j] in lex.determiners or not any(L[j] in words for words in stops)):
        out.append(j)
        if L[j] in lex.determiners:
            return sorted(out)  # "a young child", "la sénatrice Anne Roy", "her advisers"
        j -= 1
    if names:
        return sorted(names)
    if 1 < len(out) <= 3 and (j < 0 or T[j] in HARD_STOP or any(L[j] in words for words in stops)) \
            and bare_noun(T, L, [out[0]], lex) \
            and all(T[x].isalpha() and (T[x].islower() or x == out[-1] and L[k] in lex.coordinators) for x in out):
        return sorted(out)  # "independent voters who said"; a first conjunct may open with a capital:
        # "Party members and officials said"
    if k >= 1 and bare_noun(T, L, [k - 1], lex) and L[k - 1] not in lex.verb_forms and L[k - 1] not in lex.auxiliaries \
            and (k == 1 or T[k - 2] in HARD_STOP or L[k - 2] in lex.clause_openers):
        return [k - 1]  # "Voters who say", "…, and voters who say" (but not "syndicat de contrôleurs aériens, qui")
    return []


def leading_subject(T: list[str], L: list[str], lex: Lexicon) -> list[int]:
    """The noun phrase that opens the sentence, up to its verb: an auxiliary or a reporting
    verb, else the first lower-case word after a name ("Ken Paxton welcomed the decision")."""
    out: list[int] = []
    at_verb = False
    first = 0
    while first < min(len(T) - 1, 2) and L[first] in lex.sentence_conjunctions and T[first + 1] not in HARD_STOP:
        first += 1  # "And even Obama tried…", "Mais le ministre a…": the conjunction opens no subject
    while first < len(T) - 1:
        if (L[first] in lex.skip_after_verb or L[first] in SEQUENCE_ADVERBS) \
                and L[first] not in lex.determiners and L[first] not in lex.place_prepositions \
                and T[first + 1] not in HARD_STOP and (first or T[first].isalpha()):
            first += 1  # ("even", "then"; "Then he cut into Bush, calling…", "And then Trump went…, saying"; but
            # "in" opens a phrase, no subject: "X, in an interview on Friday, dwelled on…, saying")
            continue
        phrase = skip_phrase(L[first:min(first + 3, len(T) - 2)], lex)
        if not phrase or T[first + phrase] in HARD_STOP:
            break
        first += phrase  # « Mais là encore la base a fait entendre sa voix, exprimant… »
    skip = -1  # the last token of a parenthesis taken into the subject
    parens = 0  # the tokens of the parentheses taken (not counted against MAX_SUBJECT)
    reach = first + MAX_SUBJECT + 1
    if "(" in T[first:reach]:
        # a name's short parenthesis is not counted: "Sen. Ann Lee (R-Utah) and Rep. Bob Roe (R-Va.)"
        for x in range(first, min(len(T), reach)):
            if T[x] == "(" and (close := _closing_parenthesis(T, x)):
                reach += close - x + 1
    for k in range(first, min(len(T), reach)):
        if k <= skip:
            continue
        t, low = T[k], L[k]
        if low in TIME_AFTER and out and len(out) <= 3 and L[out[-1]] in TIME_NOUNS and k + 1 < len(T) \
                and T[k + 1] not in HARD_STOP and all(T[x].islower() or x == out[0] for x in out):
            out = []  # a time phrase, then the subject: "A few minutes later they reversed…"
            continue
        if (low in lex.auxiliaries or low in lex.verb_forms) \
                and not (low not in lex.auxiliaries and out and L[out[-1]] in lex.determiners and T[out[-1]].isalpha()) \
                and not (low in lex.stative_participles and out and k + 1 < len(T) and T[k + 1][:1].isupper()
                         and T[k + 1].isalpha()):
            # (but a noun after its article: "Le juge s'est frotté…"; a state of mind in a title
            # before a name: "Republican presidential hopeful Sen. Ann Lee was…")
            at_verb = True
            break
        if t == "." and out and abbreviation_dot(T, k, lex):
            out.append(k)  # "Ms. Ortiz", "Richard L. Trumka"
            continue
        if t in HARD_STOP:
            if out and out[-1] == k - 1 and possessive_apostrophe(T, k):
                out.append(k)  # "Sanders’ campaign launched…"
                continue
            if t == "(" and out and T[out[-1]][:1].isupper():
                close = _closing_parenthesis(T, k)
                if close:  # a name's party and state: "Sen. Marco Rubio (R-Fla.) defended…"
                    out.extend(range(k, close + 1))
                    parens += close - k + 1
                    skip = close
                    continue
            break
        if low in lex.clause_openers:
            if low in lex.coordinators and out and k + 1 < len(T) and starts_np(T[k + 1], L[k + 1], lex):
                out.append(k)  # "Les États-Unis et leurs alliés avaient…"
                continue
            if not out:
                return []
            if low not in lex.coordinators and low not in SUBORDINATORS and name_only(T, out, lex):
                return out  # "Paul then interjected, calling…"
            break  # "Le CREDOC relativise cependant…": where the subject ends is found below
        if low in lex.subject_relatives and out:
            at_verb = True  # "Michel Camdessus qui dirige le FMI est…": the subject ends there
            break
        out.append(k)
    if not out or at_verb and len(out) - parens > MAX_SUBJECT \
            or not (starts_np(T[out[0]], L[out[0]], lex) or _age(T, out)) \
            or L[out[0]] in lex.source_stoppers or L[out[0]] in lex.place_prepositions:
        return []  # ("At a rally in Portsmouth": no subject; but "62-year-old Ann Lee also railed…")
    while out and (L[out[-1]] in NEGATION_PARTICLES or L[out[-1]] in REFLEXIVE or L[out[-1]] in OBJECT_CLITICS):
        out.pop()  # "Le cabinet du ministre n'a pas…", "Le juge s'est…", "Le maire nous a dit"
    if at_verb and len(out) > 1 and L[out[-1]] == "to":
        out.pop()  # an infinitive: its subject ends before the verb that governs it ("she declined to claim…")
        at_verb = False
    if at_verb or not out:
        return out
    # the verb is not one the lexicon knows: a name ends the subject, or nothing tells where it ends
    starters, links, suffixes = lex.np_starters, lex.name_links, lex.verb_suffixes
    if L[out[0]] in lex.pronouns and len(out) > 1 and T[out[1]].islower():
        return out[:1]  # "She escalated her criticism, telling…"
    determined = L[out[0]] in starters
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if T[a] in APOSTROPHES or L[a].endswith(POSSESSIVE):
            determined = True  # a possessive opens the noun phrase: "Obama’s aides", "Sanders’ campaign"
            continue
        if (T[a][:1].isupper() and L[a] not in starters or T[a] == ")") and T[b][:1].islower() and L[b] not in links:
            return out[:i]  # (a name's parenthesis: "Sen. Marco Rubio (R-Fla.) defended")
        if L[b] in links and i + 1 < len(out) and T[out[i + 1]][:1].isupper() \
                and L[out[i + 1]] in lex.skip_after_verb and L[out[i + 1]] not in lex.determiners:
            return out[:i]  # a day: "Joe Biden on Monday hit the campaign trail"
        if i >= 2 and determined and (suffixes and L[b].endswith(suffixes) or L[b] in lex.past_forms):
            return out[:i]  # "The union welcomed the deal, saying…", "The president left no doubt"
    return []


def _age(T: list[str], out: list[int]) -> bool:
    """The words ``out`` open with a compound holding a number, then a capital: a person's age
    before the name ("62-year-old Brenda Johnson")."""
    t = T[out[0]]
    return len(out) > 1 and "-" in t and t[:1].isdigit() and t[-1:].isalpha() and T[out[1]][:1].isupper()


def name_only(T: list[str], out, lex: Lexicon) -> bool:
    """The tokens ``out`` are a name: capitalised words (not a word such as "However",
    "What", "Usually") and the dots of abbreviations."""
    return all(T[x][:1].isupper() and T[x].lower() not in lex.stopwords and T[x].lower() not in lex.question_words
               or T[x] == "." or T[x].islower() and T[x] in lex.name_links and 0 < i < len(out) - 1
               for i, x in enumerate(out)) \
        and T[out[0]].lower() not in lex.clause_openers and T[out[0]].lower() not in lex.skip_after_verb \
        and not (lex.adverb_suffixes and T[out[0]].lower().endswith(lex.adverb_suffixes))


def possessive_apostrophe(T: list[str], k: int) -> bool:
    """Token ``k`` is the apostrophe of a plural name's possessive, tokenized apart:
    "Sanders’ campaign", "the Clintons' foundation"."""
    return T[k] in APOSTROPHES and 0 < k < len(T) - 1 and T[k - 1][:1].isupper() \
        and T[k - 1].endswith("s") and T[k + 1][:1].islower() and T[k + 1].isalpha()


def short_parenthesis(T: list[str], k: int) -> bool:
    """Token ``k`` opens or closes a short parenthesis after a name ("Rubio (R-Fla.)")."""
    if T[k] == "(":
        return k > 0 and T[k - 1][:1].isupper() and bool(_closing_parenthesis(T, k))
    if T[k] == ")":
        o = next((x for x in range(k - 1, max(-1, k - 7), -1) if T[x] == "("), -1)
        return o > 0 and _closing_parenthesis(T, o) == k and T[o - 1][:1].isupper()
    return False


def _closing_parenthesis(T: list[str], k: int) -> int:
    """The ``)`` that closes the short parenthesis opening at token ``k`` (a party and state,
    an age, an acronym: at most five tokens inside), or 0."""
    for j in range(k + 1, min(len(T), k + 7)):
        if T[j] == ")":
            return j if j > k + 1 else 0
        if T[j] in _PARENTHESIS_STOPS:
            return 0
    return 0


def _counts(low: str, lex: Lexicon) -> bool:
    """A word that counts part of a group: a quantifier ("most"), a number ("60", "nine", «
    cinquante »), a fraction ("half", "two-thirds") or a percentage ("percent", "%")."""
    return low in QUANTIFIERS or low in _PERCENT or any(c.isdigit() for c in low) or number_word(low, lex)


#: the word of a percentage (one token: "60 percent of them", "60 % of them")
_PERCENT = frozenset({"percent", "%", "pourcent"})

#: a possessive's apostrophe after a plural name, tokenized apart ("Sanders’ campaign")
#: the word between a quantifier and its pronoun ("most of them", "certains d'entre eux")
_PARTITIVE = frozenset({"of", "d'entre", "d’entre", "entre"})
#: the words before a title in quotation marks inside a source ("the authors of “…”")
_TITLE_LINKS = frozenset({"of", "de", "du", "des"})
#: what ends a quotation before its closing mark
_CLOSING_PUNCTUATION = frozenset(",.!?;:")
#: the endings of a possessive written on its word ("Obama’s aides", "Clinton's claim")
POSSESSIVE = ("’s", "'s")
#: what a short parenthesis of a name never holds
_PARENTHESIS_STOPS = frozenset('(,;:!?«»“”"')


class TextWords:
    """How many times each word stands in a text, counted once, when first asked (the check of
    a line's speaker against the whole text then stays linear in a long transcript)."""

    __slots__ = ("text", "_counts")
    _WORD = re.compile(r"\w[\w’'-]*")

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(self._WORD.findall(self.text))
        return self._counts[word]


def _never_lower(words: TextWords, word: str) -> bool:
    """``word`` (capitalised) never stands in the text in lower case, as a word of its own: a
    name, not a common word written with a capital in a headline."""
    return words.count(word.lower()) == 0


def _named_again(words: TextWords, line: list[str], word: str) -> bool:
    """The name ``word`` (the speaker's last word) stands in the text outside its own line
    (``line``: that line's tokens), capitalised: a person the article speaks of ("Ryan said…"),
    not a headline's label."""
    forms = {word, word[:1] + word[1:].lower()}
    return sum(words.count(w) for w in forms) > sum(t in forms for t in line)


def after_apposition(T: list[str], gi: int) -> bool:
    """``…, Maria Zakharova, a averti``: the comma closes a name apposition of the subject."""
    k = gi - 2
    n = 0
    while k >= 0 and (T[k][:1].isupper() and T[k] not in HARD_STOP or T[k] == "." and k > 0 and is_capital(T[k - 1])) \
            and n < 5:  # ("…, M. Jean-Luc Lagardère, annonça")
        k -= 1
        n += 1
    return n > 0 and k >= 0 and T[k] == "," and T[gi - 1] == ","


def span_of(text: str, tk: Toks, idx: list[int]) -> Span | None:
    if not idx:
        return None
    s, e = tk.pos(idx[0]), tk.end(idx[-1])
    return Span(s, e, text[s:e])


def headline_source(text: str, start: int, end: int, lex: Lexicon,
                    names_only: TextWords | None = None) -> tuple[Span, Span] | None:
    """``Le Kremlin : …`` / ``Macron : « … »``: a headline that credits a speaker before a colon.

    Returns ``(cue, source)``. Only a short name-like phrase counts (a determiner and capitalised
    words, or two or three capitalised words), so a topic ("Ukraine : …") is not taken for a source.
    ``names_only`` (the words of the text, for a line that ends like a sentence, "Paul Ryan: FBI
    Decision…", "TAPPER: …"): every capitalised word must be a name, one the text never writes in
    lower case and names again elsewhere ("The Latest:", "Delegate Update:" are no speakers).
    """
    tk = tokens(text, start, min(end, start + 200))
    T, L = tk.t, tk.l
    for colon, t in enumerate(T[:12]):
        if t == ":":
            break
    else:
        return None
    # the speaker, then what the line is about or whom it speaks to: "Clinton to Planned
    # Parenthood: …", "Gillibrand on Hillary's speeches: …"
    n = next((k for k in range(1, min(colon, 4)) if L[k] in lex.headline_links), colon)
    if not n or n > 4 or colon + 1 >= len(T):
        return None
    # (an abbreviation's stop is no word of the name: "Dr. Ben Carson: …")
    words = [x for x in range(n) if not (T[x] == "." and x and T[x - 1] in lex.abbreviations)]
    caps = [T[x] for x in words if T[x][:1].isupper() and T[x].isalpha()]
    det = L[0] in lex.determiners and n >= 2 and T[1][:1].isupper()
    names = len(caps) == len(words) and 2 <= len(words) <= 3 + (T[0] in lex.abbreviations)
    # a poll, as a headline gives it: "Poll: Clinton leads in Ohio", « Sondage : … »
    poll = n == 1 and L[0] in lex.poll_nouns and T[0][:1].isupper()
    # one name, when a quotation follows: "Kasich: ‘We are going to Cleveland.’"
    quoted = n == 1 and len(caps) == 1 and T[colon + 1] in QUOTE_OPENERS | {"‘"} and L[0] not in lex.stopwords
    if names_only is not None and n == 1 and T[0][:1].isupper() and T[0].isalpha() and len(T[0]) > 2:
        names = True  # a transcript's speaker, "TAPPER: Do you think…", or a surname, "Graham: …"
        # (checked below: a name the text never writes in lower case, named again elsewhere)
    after = T[colon + 1]
    if not (det or names or quoted or poll) or not (after[:1].isupper() or after in QUOTE_OPENERS | {"‘"}
                                                    or poll and after.isalpha()):
        return None  # (what follows the colon opens a statement)
    if names_only is not None and n == 1 and "," in T[colon + 1:colon + 5] \
            and not any(t.isalpha() and t.islower() for t in T[colon + 1:colon + 9]):
        return None  # a list of names, not a statement: "Iowa: Tim Albrecht, Brad Anderson, …"
        # (but a headline in Title Case: "Cruz: Trump Would Put Liberals On Court, …")
    if names_only is not None and not poll:
        line = TextWords._WORD.findall(text, start, end)
        if not (all(_never_lower(names_only, t) for t in T[:n] if t[:1].isupper())
                and _named_again(names_only, line, T[n - 1])):
            return None
    s0, e1 = tk.pos(0), tk.end(n - 1)
    return Span(tk.pos(colon), tk.end(colon), T[colon]), Span(s0, e1, text[s0:e1])