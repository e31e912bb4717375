"""The attribution rules: one function per pattern, each finding at most one ``Match``.

A rule looks at one cue of a sentence (a reporting verb, or an "according to" phrase) and says
who the text credits. Rules only find; ``choose.best`` picks among what they found. To add a
pattern: write one function here with a docstring and an example in each language, put it in
``VERB_RULES`` (the verb rules are tried in that order, the first that answers wins), and add a
test in each language to ``tests/unit/claims/test_rules.py``.

A verb rule returns:
- a ``Match``: the verb credits a source (or reports without one, ``Rank.VERB_ONLY``);
- ``NOTHING``: the rule recognises the construction and it reports nothing (a passive without
  its agent, "did not comment"): no later rule may take the verb;
- ``None``: the rule does not apply; the next rule is tried.

``verb_match`` skips a rule for a verb that cannot meet the rule's first conditions (the bits of
``_NEEDS``, worked out by ``_rules_for``): when a rule comes to apply in more cases (a new word
list it reads, a new form), widen its entry there, or remove it (a rule not listed is always
tried). ``tests/unit/test_claims_speed.py`` checks that every rule left out answers ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Callable, NamedTuple

from workbench.claims.attribution.phrases import (
    after_apposition,
    after_verb_source,
    abbreviation_dot,
    ends_with_past_tense,
    ON_PLACES,
    on_place,
    bare_noun,
    before_verb_subject,
    counted,
    in_name,
    inverted_subject,
    leading_subject,
    lone_nominative,
    zero_relative_subject,
    plural_word,
    name_only,
    noun_phrase,
    number_word,
    place_of_on,
    possessive_apostrophe,
    RELATIVE_OPENERS,
    quoted_clitic,
    short_parenthesis,
    starts_np,
    starts_phrase,
    subject_before_apposition,
    subject_before_relative,
)
from workbench.claims.attribution.tokens import Toks, token_count, tokens
from workbench.claims.attribution.verbs import PRONOUN_SUFFIX, contracted_pronoun, title_case, verb_group_start
from workbench.claims.attribution.words import (
    ADJECTIVE_ENDINGS,
    APOSTROPHES,
    BASE_FORM_PRONOUNS,
    DASHES,
    EXPLETIVE_SUBJECTS,
    FINITE_PASSIVE,
    PARTICLES,
    SINGULAR_QUANTIFIERS,
    OF_LINKS,
    no_place_after,
    PREPOSITION_SUBORDINATORS,
    WHAT_PRONOUNS,
    ADDRESSEE,
    NON_PERSONAL,
    NOT_POSSESSIVE,
    SECOND_PERSON,
    PARENTHETICALS,
    HARD_STOP,
    INTRODUCERS,
    QUANTIFIERS,
    QUOTE_END,
    MAX_NP,
    MODALS,
    QUOTED_CLITICS,
    REFLEXIVE,
    SUBORDINATORS,
    OBJECT_PRONOUNS,
    QUOTE_OPENERS,
    GERUND_MARKERS,
    ADVERB_ENDINGS,
    PARTICIPLE_ENDINGS,
    OBJECT_RELATIVES,
    QUOTE_START,
    OBJECT_CLITICS,
    INFINITIVE_MARKERS,
    NEGATION_PARTICLES,
    OPENING_PREPOSITIONS,
    PARTICIPLE_SUBORDINATORS,
    PREVERBAL_ADVERBS,
    PERFECT_AFTER,
    PERFECT_AUXILIARIES,
    PHRASE_OPENERS,
    SEQUENCE_ADVERBS,
)
from workbench.claims.lexicon import Lexicon


class Rank(IntEnum):
    """How specific a match is: the lowest rank wins, then the earliest cue."""

    PRONOUN = 0  # the pronoun is part of the verb: "a-t-il déclaré"
    TAG = 10  # an inverted tag or a subject before its apposition: "», a déclaré X"
    ACCORDING = 20  # "selon X", "according to X"
    SUBJECT = 30  # a subject before its verb, a passive's agent: "X a déclaré que"
    OPENING_SUBJECT = 35  # a participle clause credited to the sentence's subject: "…, saying"
    CITING = 38  # "…, citing X" when no verb names a source: "Prices rose, citing weak demand"
    IMPERSONAL = 39  # the impersonal "on" when no verb names a source: « On estime que… »
    VERB_ONLY = 40  # a reporting verb with no source found


#: added to the rank of a match whose cue lies inside a quotation: a speech tag outside the
#: quotation wins over a verb quoted inside it
QUOTED = 100


class Ref(NamedTuple):
    """A span of the sentence, kept as tokens until the winner's offsets are worked out.
    ``kind``: "t" tokens ``a``..``b``; "c" characters ``a``:``b``; "s" the last ``b`` characters
    of token ``a`` (the "il" of "ajoute-t-il")."""

    kind: str
    a: int
    b: int


class Match(NamedTuple):
    """What one rule found for one cue."""

    rank: int
    at: int  # the first token of the cue (ties of rank go to the earliest)
    cue: Ref
    source: Ref | None
    pattern: str  # "pronoun", "inverted", "according", "preverbal", "verb-only"
    contested: bool  # the cue itself denies or rebuts


@dataclass(slots=True, eq=False)
class Sentence:
    """The window of a sentence the rules read: its tokens and where it lies in the text. (The
    rules read its fields and those of ``Verb`` many times: slots are read faster than a named
    tuple's fields, and made faster.)"""

    text: str
    start: int  # the sentence's range in ``text``
    end: int
    w_start: int  # the tokenized window's start (``start`` when the window opens the sentence)
    tk: Toks
    T: list[str]
    L: list[str]
    lex: Lexicon


@dataclass(slots=True, eq=False)
class Verb:
    """One reporting verb of the sentence and its verb group."""

    vi: int  # the verb's first token
    vend: int  # its last token (several-word verbs: "fait savoir", "pushed back")
    whole: str  # the matched text ("ajoute-t-il")
    form: str  # the verb form, lower case ("ajoute")
    gi: int  # the verb group's first token (auxiliary, reflexive)
    after: int  # the first token after the verb and its adverbs
    contest: bool  # the verb denies or rebuts ("dément", "denied")
    has_aux: bool  # the group starts before the verb (``gi < vi``)
    cue: Ref  # the verb group, tokens ``gi``..``vend``


NOTHING = Match(-1, -1, Ref("c", 0, 0), None, "nothing", False)
Outcome = Match | None
VerbRule = Callable[[Sentence, Verb], Outcome]


def verb_at(s: Sentence, vi: int, vend: int, whole: str, form: str) -> Verb:
    L, lex = s.L, s.lex
    n = len(L)
    form = form.lower()
    gi = verb_group_start(L, vi, lex)
    T = s.T
    while gi < vi and L[gi] in lex.auxiliaries and in_name(T, gi):
        # an auxiliary's word in the name before it, or the name itself inside the sentence:
        # « Antoine Est a déclaré », "Will Smith has said", "“…,” Will wrote"
        gi += 1
    after = vend + 1
    skip = lex.skip_after_verb
    while after < n and L[after] in skip:
        after += 1
    return Verb(vi, vend, whole, form, gi, after, form in lex.contest_forms, gi < vi, _tuple_new(Ref, ("t", gi, vend)))


_tuple_new = tuple.__new__  # (a named tuple made without its __new__, for the one made per verb)


def _comma_inside_quotes(T: list[str], c: int) -> int:
    """Token ``c``, or the comma before the closing quotation mark it is: "“New York values,”
    saying", "''top secret,'' saying" (two apostrophes, two tokens)."""
    k = c
    while k > 0 and c - k < 2 and T[k] in QUOTE_END:
        k -= 1
    return k if k < c and T[k] == "," else c


def _prev(s: Sentence, v: Verb) -> str | None:
    return s.T[v.gi - 1] if v.gi > 0 else None


# ---------------------------------------------------------------------------------------------
# "according to" / "selon"
# ---------------------------------------------------------------------------------------------


def according_to(s: Sentence, m) -> Match | None:
    """``selon X`` / ``d'après X`` / ``according to X``: the noun phrase after the phrase.

    fr: « Le bilan s'alourdit, selon le ministère de la Santé » → *le ministère de la Santé*
    en: "Prices rose 3%, according to figures from the Office for National Statistics" →
    *figures from the Office for National Statistics*

    Not "selon lesquelles", "according to which" (``not_after_according``); "selon lui",
    "according to them" take the pronoun; a description after a name is kept when the phrase
    ends the sentence ("…, according to John Smith, a negotiator."). A participle of the list
    (``lex.citing``: "citing", "citant") ranks below a verb's subject: "The senator said, citing
    the jobless figures, …" credits the senator."""
    T, L, lex, tk = s.T, s.L, s.lex, s.tk
    n = len(T)
    i = tk.index_at(m.start())
    if i is None:
        return None
    j = i + token_count(m.group())
    if j < n and L[j] in ACCORDING_RELATIVES:
        return according_relative(s, m, i, j)
    if j < n and starts_phrase(L, j, lex.not_after_according):
        return None
    if m.group().lower() in lex.according_framed and not (i == 0 and s.w_start == s.start or i > 0 and T[i - 1] == ","):
        return None  # "Il a lu le texte aux yeux de tous" (in front of everyone)
    if j < n and L[j] in lex.stressed_pronouns:
        np = [j]
    elif j < n and (starts_np(T[j], L[j], lex) or T[j].isalpha() or WEB_ADDRESS.fullmatch(L[j])) \
            and L[j] not in lex.clause_openers:
        # "according to a yearly Gallup poll", "according to early returns", "selon des sources"
        np = noun_phrase(T, L, j, lex, m.start() > s.start)
        if not lex.auxiliaries.isdisjoint(map(L.__getitem__, np)):
            np = []
    else:
        np = []
    if np:
        if np[-1] + 2 < n and L[np[-1] + 1] in lex.source_links and not no_place_after(L, np[-1] + 1) \
                and (starts_np(T[np[-1] + 2], L[np[-1] + 2], lex) or bare_noun(T, L, [np[-1] + 2], lex)):
            more = noun_phrase(T, L, np[-1] + 2, lex)  # "figures from the Office for…"
            if more:
                np = np + [np[-1] + 1] + more
    if not np:
        return None
    rank = Rank.CITING if m.group().lower() in lex.citing else Rank.ACCORDING
    if L[j - 1] in SOURCE_NOUNS and j - 1 > i:
        # « de source diplomatique »: the noun of the phrase belongs to the source, « de » is the cue
        return Match(rank, i, Ref("c", m.start(), tk.end(i)), Ref("t", j - 1, np[-1]), "according", False)
    return Match(rank, i, Ref("c", m.start(), m.end()), Ref("t", np[0], np[-1]), "according", False)


#: a web site named by its address, a source of its own ("according to ouest-france.fr", « selon
#: lemonde.fr »)
WEB_ADDRESS = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}")

#: the relative pronouns after "selon" / "according to" that refer back to what was said
ACCORDING_RELATIVES = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "which"})
#: the most tokens of the holder between a speech noun and "selon lesquelles"
HOLDER_GAP = 8


def according_relative(s: Sentence, m, i: int, j: int) -> Match | None:
    """``selon lesquelles`` / ``according to which`` after a speech noun and its holder: what
    follows is what was said, credited to the holder (« de » X, "by" X). Without a holder
    (« des informations selon lesquelles… », "the rumour according to which…") nothing is
    credited: the phrase is often inside a clause that the sentence does not assert.

    fr: « les déclarations de M. Jean Roy selon lesquelles le groupe cherchait un repreneur »
    → *M. Jean Roy*
    en: "the claim by the minister according to which the plan failed" → *the minister*"""
    T, L, lex, tk = s.T, s.L, s.lex, s.tk
    cue = Ref("c", m.start(), tk.end(j))
    nouns = lex.speech_nouns | lex.hearsay_nouns
    for k in range(i - 2, max(-1, i - 2 - HOLDER_GAP), -1):
        if T[k] in HARD_STOP and not abbreviation_dot(T, k, lex):
            return None  # (but "M. Jean Roy")
        if L[k] in nouns and (L[k + 1] in lex.agent_markers or L[k + 1] in OF_LINKS) and k + 2 < i:
            # (« les déclarations de M. X », "the claim by X")
            holder = list(range(k + 2, i))
            if starts_np(T[k + 2], L[k + 2], lex) or T[k + 2][:1].isupper() \
                    or L[k + 1] in CONTRACTED_ARTICLES and T[k + 2].isalpha():  # (« la thèse du ministre »)
                return Match(Rank.ACCORDING, i, cue, Ref("t", holder[0], holder[-1]), "according", False)
            return None
    return None


#: a preposition and an article in one word: the holder's noun follows it at once
CONTRACTED_ARTICLES = frozenset({"du", "des"})


#: the noun that ends an according-to phrase and heads its source (« de source judiciaire »)
SOURCE_NOUNS = frozenset({"source", "sources"})


# ---------------------------------------------------------------------------------------------
# Reporting verbs, in the order they are tried
# ---------------------------------------------------------------------------------------------


def pronoun_in_verb(s: Sentence, v: Verb) -> Outcome:
    """The subject pronoun is written on the verb or its auxiliary: it is the source.

    fr: « …, a-t-il déclaré » → *-t-il*; « …, ajoute-t-elle » → *-t-elle*; « …, affirme-t-on au
    ministère » → *au ministère* (the place that the impersonal *on* speaks from)
    en: (no English form)"""
    T, L = s.T, s.L
    if v.form in s.lex.appearance_verbs:
        return None  # « semble-t-il », « paraît-il »: an impersonal "il" (see appearance)
    pm = PRONOUN_SUFFIX.search(v.whole) if "-" in v.whole else None
    aux_pm = PRONOUN_SUFFIX.search(T[v.gi]) if v.has_aux and "-" in T[v.gi] else None
    if not (pm or aux_pm):
        return None
    if (pm or aux_pm).group(1).lower() == s.lex.impersonal:
        np = place_of_on(T, L, v.vend + 1, s.lex)
        if np:
            return Match(Rank.PRONOUN, v.gi, v.cue, Ref("t", np[0], np[-1]), "pronoun", v.contest)
    # the source is the pronoun as written on the verb, with its hyphens ("-t-il", "-elle")
    if pm:
        return Match(Rank.PRONOUN, v.gi, v.cue, Ref("s", v.vend, len(pm.group(0))), "pronoun", v.contest)
    return Match(Rank.PRONOUN, v.gi, v.cue, Ref("s", v.gi, len(aux_pm.group(0))), "pronoun", v.contest)


def passive_agent(s: Sentence, v: Verb) -> Outcome:
    """A passive credits its agent after "par" / "by"; without one it reports nothing (its
    subject is only what was said).

    fr: « La hausse a été annoncée par le ministère » → *le ministère*
    en: "The evacuation was ordered by the county sheriff" → *the county sheriff*;
    "Residents were told that the plant would close" → nothing; hearsay with no one named is
    attributed without a source: "The suspect is believed to have fled", "It was widely reported
    that the plant would close"""
    T, L, lex = s.T, s.L, s.lex
    gi, vi = v.gi, v.vi
    as_view = v.form in lex.as_verbs
    if as_view and _as_after(s, v) < 0:
        return None  # ("The film was seen by millions": see not_reporting)
    if not (_passive_group(L, v, lex)
            and not v.form.endswith(("ing", "ant")) and L[gi] not in REFLEXIVE  # ("s'est engagée")
            and v.form not in lex.stative_participles  # ("Nehru est convaincu que": an opinion)
            and v.form not in lex.quotation_verbs):  # ("will be continued by": see not_reporting)
        return None
    k = _agent_marker_after(s, v.after, max(lex.agent_gap, NAMING_GAP) if v.form in lex.naming_verbs else lex.agent_gap)
    if k < len(T) and L[k] not in lex.agent_markers and v.vend + 1 < len(T) and L[v.vend + 1] in PHRASE_OPENERS:
        # a prepositional phrase before the agent: "is disputed in court by his rival", "was
        # announced on Monday by the ministry"
        k = _agent_marker_after(s, v.vend + 1, PP_GAP)
    if k < len(T) and L[k] in lex.agent_markers:
        np = after_verb_source(T, L, k + 1, lex)
        if not np and k + 1 < len(T) and bare_noun(T, L, [k + 1], lex):
            np = noun_phrase(T, L, k + 1, lex)  # "was told by police"
        if not np and k + 2 < len(T) and (T[k + 1][:1].isdigit() or number_word(L[k + 1], lex)):
            np = noun_phrase(T, L, k + 1, lex)  # "was rejected by 64 percent of the electorate"
            # (a share of a group, not a count of votes: "was rejected by 64 votes to 12")
            np = np if np and counted(T, L, np, lex) and any(L[x] in SHARE_OF for x in np[1:4]) else []
        if np:
            return Match(Rank.SUBJECT, gi, v.cue, Ref("t", np[0], np[-1]), "preverbal", v.contest)
    if v.form in lex.hearsay_passives and (
            k + 1 < len(T) and L[k] == "to" and T[k + 1].isalpha() and T[k + 1].islower()
            and L[k + 1] not in lex.determiners
            or gi > 0 and L[gi - 1] in lex.impersonal_subjects and k < len(T) and L[k] in INTRODUCERS and L[k] != ":") \
            or as_view:  # (its "as" found above)
        # hearsay with no one named: "Some advisers are said to be urging…", "The suspect is
        # believed to have fled", or its clause after an empty "it": "It was widely reported
        # that…", « Il est rapporté que… », "Sanders is widely seen as…" (attributed, its source
        # left for the reviewer)
        return Match(Rank.VERB_ONLY, gi, v.cue, None, "verb-only", v.contest)
    return NOTHING


def _passive_group(L: list[str], v: Verb, lex: Lexicon) -> bool:
    """The verb group is a passive: a passive auxiliary in it or right before the verb ("was
    told", "a été annoncée", "had been soundly rejected")."""
    return v.has_aux and not lex.passive_auxiliaries.isdisjoint(L[v.gi:v.vi]) \
        or v.vi > 0 and L[v.vi - 1] in lex.passive_auxiliaries


#: the words that make a number a share of a group ("64 percent of the electorate", « 64 %
#: des électeurs »)
SHARE_OF = frozenset({"of", "de", "des", "du", "d'", "d’"})


#: the words of the name a naming verb gives before its agent ("was called a mistake by X")
NAMING_GAP = 4


#: the most words of a prepositional phrase between a passive and its agent
PP_GAP = 3


def _agent_marker_after(s: Sentence, k: int, gap: int) -> int:
    """Where the agent marker of a passive stands, from token ``k`` (the token after the verb):
    ``k`` itself, or past an attribute of at most ``gap`` words and its commas (« est jugé
    trop coûteux par les syndicats », « était jugé trop théorique, insuffisamment opérationnel,
    par les professionnels », "was called a historic mistake by"); ``k`` when there is none."""
    T, L, lex = s.T, s.L, s.lex
    n, words, j = len(T), 0, k
    while j < n and L[j] not in lex.agent_markers:
        if T[j] in HARD_STOP and T[j] != "," or L[j] in lex.verb_forms or L[j] in lex.auxiliaries \
                or L[j] in lex.clause_openers:
            return k
        if T[j] != ",":
            words += 1
            if words > gap:
                return k
        j += 1
    return j if j < n else k


def not_reporting(s: Sentence, v: Verb) -> Outcome:
    """Verb forms that report nothing here: a negated no-comment verb, an "-ing" noun, a
    "that"-verb without "that".

    fr: « Le ministère n'a pas répondu à nos questions » → nothing
    en: "An excessive heat warning remains in effect" → nothing; "Police found the car" →
    nothing (but "Researchers found that…" reports); "Residents told to leave" → nothing"""
    T, L, lex = s.T, s.L, s.lex
    form = v.form
    if form in lex.no_comment_verbs and any(L[x] in lex.negations for x in range(max(0, v.gi - 1), v.vi)):
        return NOTHING
    if not v.has_aux and form.endswith("ing") and not (v.gi > 0 and T[_comma_inside_quotes(T, v.gi - 1)] == ",") \
            and not _ing_reports(s, v) and not (s.w_start == s.start and _after_opening_preposition(s, v)):
        return NOTHING
    if form in lex.that_verbs and lex.language == "en" and not v.has_aux and v.gi > 0 \
            and not _finite(form, lex) and not form.split(" ", 1)[0].endswith("ing") \
            and (L[v.gi - 1] in lex.determiners and L[v.gi - 1] not in QUANTIFIERS
                 or v.gi > 1 and L[v.gi - 2] in lex.determiners and L[v.gi - 2] not in QUANTIFIERS
                 and T[v.gi - 1].isalpha() and T[v.gi - 1].islower() and not L[v.gi - 1].endswith("s")):
        return NOTHING  # a noun after its article: "the fear that…", "a growing fear that…", "the debunked claim that…"
    if form in lex.that_verbs and not (v.after < len(T) and (L[v.after] in INTRODUCERS or T[v.after] in QUOTE_OPENERS
                                                            and form not in lex.result_verbs
                                                            and (_finite(form, lex) or _plural_before(s, v)))) \
            and not (form in lex.result_verbs and _states_a_result(s, v) or _research_finding(s, v)
                     or _closes_sentence(s, v) and (_finite(form, lex) or form not in lex.stative_participles)
                     # (a base form too: "…, the campaigns agree."; not an adjective: "…, a presidential hopeful.")
                     or (form in lex.result_verbs or _finite(form, lex)) and (_clause_follows(s, v)
                                                                           or _to_infinitive(s, v))
                     or _plural_subject_before(s, v) and _clause_follows(s, v)
                     or _opens_participle_clause(s, v) and _clause_follows(s, v)) \
            and not _after_quotation(s, v) \
            and not (v.gi > 1 and quoted_clitic(T, L, v.gi - 1, lex)):  # (« comme on le sait, … »)
        return NOTHING
    if form in lex.quotation_verbs and not _tags_quotation(s, v):
        return NOTHING  # "The war continued", "his office continued to…" (but "“…,” she continued.")
    after = lex.not_reporting_before.get(form)
    if after and v.vend + 1 < len(T) and L[v.vend + 1] in after:
        return NOTHING  # "1,200 residents told to leave", "an ambulance called to the scene"
    compound = lex.noun_compounds.get(form)
    if compound and not v.has_aux and v.vend + 1 < len(T) and L[v.vend + 1] in compound:
        return NOTHING  # the first noun of a compound: "a conservative think tank"
    if form in lex.object_verbs and not v.has_aux and not (v.vend + 1 < len(T) and _opens_object(s, v.vend + 1)):
        return NOTHING  # "phone calls from voters" (but "Lynch calls North Carolina her home")
    needed = lex.only_before.get(form)
    if needed and not (v.after < len(T) and L[v.after] in needed):
        return NOTHING  # "seemed to", "appears that" report; "The name appears on the ballot" does not
    if form in lex.intention_verbs and not _main_intention(s, v):
        return NOTHING  # "a detailed plan to…", "as he sought to…", "senators who plan to…"
    if form in lex.as_verbs and _as_after(s, v) < 0:
        return NOTHING  # "he saw the crowd" (but "voters see Clinton as the stronger candidate")
    advice = lex.advice_modals.get(form)
    if advice and any(L[x] in advice for x in range(max(0, v.gi - 1), v.vi)):
        return NOTHING  # "Trump may want to check his stats": the writer's advice, not his wish
    if form in lex.discourse_verbs and _discourse_marker(s, v):
        return NOTHING  # "You know, the ones who went to college", "news as we know it"
    if not v.has_aux and v.gi > 0 and not _finite(form, lex) and form.isalpha() and not form.endswith("ing") \
            and _after_possessive(s, v.gi):
        return NOTHING  # a noun after a possessive: "The government's only hope was…"
    if form in lex.naming_verbs and not v.has_aux and v.gi > 0 and T[v.gi - 1].isalpha() and T[v.gi - 1].islower() \
            and L[v.gi - 1] not in lex.pronouns and v.vend + 1 < len(T) \
            and (T[v.vend + 1][:1].isupper() or T[v.vend + 1] in QUOTE_OPENERS) \
            and not (v.gi >= 2 and (possessive_apostrophe(T, v.gi - 2) or L[v.gi - 2].endswith(("'s", "’s"))
                                    or v.gi > 2 and T[v.gi - 2][:1].isupper() and T[v.gi - 2].isalpha())):
        # "a town called Terre Haute": naming, not reporting (but "Trump called Clinton…",
        # "Sanders’ campaign called AP's report…", "The Trump campaign called…")
        return NOTHING
    return None


def _discourse_marker(s: Sentence, v: Verb) -> bool:
    """A verb of ``lex.discourse_verbs`` as a turn of speech: "you" before it and a comma, a
    dash or the sentence's end after it ("You know, the ones who…", « Vous savez, … »), or "as",
    a pronoun and "it" ("news as we know it"; but "As we know, the dollar…" credits *we*)."""
    T, L, lex = s.T, s.L, s.lex
    gi, after = v.gi, v.vend + 1
    if gi == 0 or v.has_aux or not (L[gi - 1] in lex.pronouns or L[gi - 1] in SECOND_PERSON):
        return False
    closes = after >= len(T) or T[after] in (",", "—", "–", ")", ".", "!", "?")
    if L[gi - 1] in SECOND_PERSON and closes \
            and (gi == 1 or T[gi - 2] in (",", "—", "–", "(") or L[gi - 2] in lex.coordinators):
        return True
    return gi >= 2 and L[gi - 2] == "as" and after < len(T) and L[after] == "it"


def _after_possessive(s: Sentence, gi: int) -> bool:
    """Token ``gi`` follows a possessive, or a possessive and an adjective of
    ``lex.noun_adjectives``: a noun ("Trump's hope", "the government's only hope", "the
    police's biggest worry"; not "Trump's aides hope", "supporters who came to this week's
    convention say…")."""
    T, L = s.T, s.L

    def possessive(k: int) -> bool:
        return k >= 0 and (L[k].endswith(("'s", "’s")) and L[k] not in NOT_POSSESSIVE or possessive_apostrophe(T, k))

    if possessive(gi - 1):
        return True
    return gi >= 2 and possessive(gi - 2) and L[gi - 1] in s.lex.noun_adjectives


def _as_after(s: Sentence, v: Verb) -> int:
    """The "as" that gives the view of a verb of the lexicon's ``as_verbs``: after the object,
    before any punctuation ("see Clinton as the stronger candidate", "regarded it as a cleaner
    fuel"), or after a finite passive or its agent ("is seen as a test", "was seen by many as
    a test"; not "can be seen as"); not "as well as", "dressed as" nor "as" before a
    clause's subject ("saw the crowd as he arrived"). -1 when there is none."""
    T, L, lex = s.T, s.L, s.lex
    n = len(T)
    for k in range(v.after, min(n - 1, v.after + AS_GAP)):
        if T[k] in HARD_STOP or L[k] in INTRODUCERS or L[k] in lex.relative_pronouns:
            return -1
        if L[k] == "as":
            passive = _passive_group(L, v, lex)
            if L[k + 1] == "well" or L[k + 1] in lex.pronouns or k == v.after and not passive \
                    or k > v.after and passive and L[v.after] not in lex.agent_markers \
                    or k > v.after and T[k - 1].islower() and L[k - 1].endswith(("ed", "ing")):
                return -1  # (not "see the girls dressed as Rey")
            if passive and L[v.gi] not in FINITE_PASSIVE:
                return -1  # the writer's hedge or a wish, no hearsay: "can be seen as", "loath to be
                # seen as", "on being viewed as"
            return k
    return -1


#: the most words between a verb of ``as_verbs`` and its "as"
AS_GAP = 10


def _main_intention(s: Sentence, v: Verb) -> bool:
    """An intention verb ("plans to", "sought to") is the finite verb of a main clause: after an
    auxiliary, or after its subject (a pronoun, a name or a noun, not an article, a possessive, an
    adjective or another verb: "a detailed plan to…", "Obama's plan to…", "map out plans to…"),
    and that subject opens no relative or adverbial clause ("senators who plan to…", "the
    campaigns they plan to run", "as he sought to…", "while the rabbis planned to…": the claim
    is the main clause's). Another cue of the same rank wins over it (``choose.best``): "The
    group seeks to ban what it calls…".

    en: "The senator plans to release the transcripts" → *The senator*; "Rubio sought to reassure
    investors" → *Rubio*; "She issued a detailed plan to expand checks" → nothing
    fr: (no intention verb in the French lexicon: « Le gouvernement prévoit de relever les taxes »
    states a plan, unsourced, as the hand-labelled sets do)"""
    T, L, lex = s.T, s.L, s.lex
    gi = v.gi
    if gi == 0 or T[v.vi][:1].isupper() and not title_case(T):
        return False  # (a name: "the Planned Parenthood Federation")
    if not v.has_aux:
        prev, low = T[gi - 1], L[gi - 1]
        if not prev[:1].isalnum() or low.endswith(("'s", "’s")) or low in lex.determiners and low not in QUANTIFIERS \
                or low in lex.verb_forms or low in PARTICLES or low in lex.stopwords and low not in lex.pronouns \
                or prev.islower() and low.endswith(ADJECTIVE_ENDINGS) \
                or not _finite(v.form, lex) and not (_plural_before(s, v) or low in lex.pronouns):
            return False
    subj = before_verb_subject(T, L, gi, lex)
    j = subj[0] - 1 if subj else gi - 1
    if j < 0:
        return True
    if len(subj) == 1 and L[subj[0]] in lex.pronouns and T[j].isalpha() and T[j].islower() \
            and L[j] not in lex.stopwords and L[j] not in lex.clause_openers and L[j] not in lex.verb_forms:
        return False  # a relative clause with no pronoun: "the campaigns they plan to run"
    return not (L[j] in SUBORDINATORS or L[j] == "as" or L[j] in lex.relative_pronouns or L[j] in lex.conditionals)


def _to_infinitive(s: Sentence, v: Verb) -> bool:
    """An English infinitive clause follows the verb: "Mr. Cruz pledged to oppose…", "The two
    camps agreed to create…" (a commitment reported; but "delegates pledged to Clinton"; the
    French "that"-verbs take no such infinitive: « Cela suppose de revoir le budget »)."""
    k, T, L = v.after, s.T, s.L
    if not (k + 1 < len(T) and L[k] == "to" and T[k + 1].isalpha() and T[k + 1].islower()
            and L[k + 1] not in s.lex.determiners and v.gi > 0):
        return False
    # not in a relative clause: "… bully who has repeatedly pledged to ban…" describes, reports nothing
    return L[v.gi - 1] not in s.lex.relative_pronouns and not (v.gi > 1 and L[v.gi - 2] in s.lex.relative_pronouns)


def _research_finding(s: Sentence, v: Verb) -> bool:
    """A survey, a poll or a study finds or shows, whatever follows: "the poll shows only a
    small gap", "The survey found both men largely unknown", "Studies have found little evidence
    of…", "les sondages montrent…" (the noun right before the verb is one of the lexicon's
    ``research_nouns``; no passive: "the body was found")."""
    T, L, lex = s.T, s.L, s.lex
    k = v.vend + 1
    if v.gi == 0 or v.has_aux and _passive_group(L, v, lex) or k >= len(T) or T[k] in HARD_STOP \
            or L[k] in lex.agent_markers:  # (a participle: "the data posted by the seller")
        return False
    if L[v.gi - 1] in lex.research_nouns and (_finite(v.form, lex) or L[v.gi - 1].endswith(("s", "x"))):
        return True
    head = _research_head(s, v.gi)
    return head >= 0 and (_finite(v.form, lex) or L[head].endswith("s") and L[v.gi - 1] not in lex.determiners)
    # (a base form after a plural head: "Early results of exit polls conducted by… show")


def _research_subject(s: Sentence, v: Verb, subj: list[int]) -> list[int]:
    """``subj``, the last conjunct or the agent of a study's description, widened to the whole
    subject when ``v`` reports what the study found: "Early results of exit polls conducted by
    Edison Research for the AP and television networks show…" (not *television networks*),
    "…, tallies by Kantar Media and other trackers show." (not *other trackers*)."""
    if v.gi < 2 or not (_research_finding(s, v) or _closes_sentence(s, v)):
        return subj
    head = _research_head(s, v.gi)
    if not 0 <= head < subj[0]:
        return subj
    T, L = s.T, s.L
    start = head
    while start > 0 and T[start - 1] not in HARD_STOP and L[start - 1] not in s.lex.sentence_conjunctions \
            and L[start - 1] not in s.lex.clause_openers and L[start - 1] not in SUBORDINATORS:
        start -= 1  # (not "Though": "Though media reports and party sources described…")
    return list(range(start, subj[-1] + 1))


def _research_head(s: Sentence, gi: int) -> int:
    """The clause before token ``gi`` opens with a noun phrase whose head is one of the
    lexicon's ``research_nouns`` (within its first four words, or after a longer name: "A USA
    Today/Suffolk University poll…"), and no auxiliary stands between
    that noun and ``gi``: "A survey by the organization in March found…", "A poll from Marquette
    Law School released Wednesday found…", « Une étude de l'Insee publiée mardi montre… »; or a
    comma before ``gi`` closes an apposition of such a subject ("The poll, released on Wednesday
    by the institute, showed…"). The head noun's token, -1 when there is none."""
    T, L, lex = s.T, s.L, s.lex
    if gi >= 2 and T[gi - 1] == ",":
        # a participle or an apposition between commas: "The poll, released on Wednesday by X, showed…"
        subj = subject_before_apposition(T, L, gi - 1, lex)
        return next((x for x in subj[:4] if L[x] in lex.research_nouns), -1)
    j = gi - 1
    while j >= 0 and T[j] not in HARD_STOP and gi - j <= 24:
        j -= 1
    if j >= 0 and T[j] not in HARD_STOP:
        return -1  # (the clause is longer than that)
    a = j + 1
    while a < gi and L[a] in lex.sentence_conjunctions:
        a += 1
    head = next((x for x in range(a, min(a + 7, gi)) if L[x] in lex.research_nouns), -1)
    if head >= a + 4 and not all(T[x][:1].isupper() or not T[x].isalnum() or L[x] in lex.determiners
                                 for x in range(a, head)):
        return -1  # (past four words, only a name may stand before the noun: "A USA Today/Suffolk
        # University poll…", not "The senator who commissioned the survey…")
    if head < 0 or any(L[x] in lex.auxiliaries or L[x] in lex.relative_pronouns for x in range(head, gi)):
        return -1
    return head


def _clause_follows(s: Sentence, v: Verb) -> bool:
    """A clause with a subject pronoun follows the verb, its "that" left out: "Trump claims he
    is worth…", "Podliska also claims he was…" ("it" may be an object: "he found it"). A form
    in -ed needs a pronoun or a name before it ("residents convinced they…" is an adjective)."""
    k, T, L = v.after, s.T, s.L
    if k >= len(T) or v.gi == 0:
        return False
    pronoun = L[k].replace("’", "'").split("'", 1)[0]  # ("he's", "they’re")
    if pronoun in EXPLETIVE_SUBJECTS and pronoun == L[k] and k + 1 < len(T) \
            and (L[k + 1] in s.lex.auxiliaries or L[k + 1] in MODALS):
        pass  # "it", "there" before an auxiliary are subjects: "claim it will result in…", "agreed there
        # are…" (but "found it difficult", "found there")
    elif pronoun not in s.lex.pronouns or pronoun == "it":
        return _noun_clause_follows(s, v)
    first = v.form.split(" ", 1)[0]  # (a group: "makes clear", "made clear")
    return first.endswith("s") or first in s.lex.past_forms or L[v.gi - 1] in s.lex.pronouns \
        or T[v.gi - 1][:1].isupper() or T[v.gi - 1] in DASHES or _plural_before(s, v) \
        or _opens_participle_clause(s, v)
    # (after an aside: "X -- Y and Z -- agreed there…"; a participle clause: "…, claiming he…")


def _noun_clause_follows(s: Sentence, v: Verb) -> bool:
    """A clause whose subject is a noun phrase follows the verb, its "that" left out: an
    auxiliary comes within six words, before any punctuation, relative pronoun or "that" ("The
    Washington Times reports Beck will endorse Cruz", "The candidate claims his net worth is…";
    not "reports the news that is…")."""
    T, L, lex = s.T, s.L, s.lex
    k, n = v.after, len(T)
    first = L[k]
    if L[v.gi - 1] in lex.question_words:  # ("What worries the left is…")
        return False
    if not (first in lex.determiners or T[k][:1].isupper() or first in _POSSESSIVE_PRONOUNS
            or first.endswith(("'s", "’s")) and T[k][:-2].isalpha()):  # ("fear party's split will…")
        # a plural noun without article, alone or after one modifier: "NASA data show sea
        # levels are rising" (within three words, no verb of the lexicon before the auxiliary)
        if not (T[k].isalpha() and T[k].islower() and first not in lex.stopwords and first not in lex.verb_forms) \
                or v.form.endswith("ed"):
            return False  # (a form in -ed may be an adjective: "400 pledged delegates is triple…")
        head = next((j for j in range(k, min(n, k + 2)) if L[j].endswith("s") and T[j].isalpha() and T[j].islower()
                     and L[j] not in lex.stopwords and L[j] not in lex.verb_forms), None)
        return head is not None and head + 1 < n and (L[head + 1] in lex.auxiliaries or L[head + 1] in MODALS)
    for j in range(k + 1, min(n, k + 7)):
        low = L[j]
        if not T[j][:1].isalnum() or low in lex.relative_pronouns or low in INTRODUCERS or low in SUBORDINATORS \
                or low in lex.coordinators:
            return False  # (punctuation, or a clause of another kind)
        if low in lex.auxiliaries or low in lex.passive_auxiliaries or low in MODALS:
            return L[j - 1] not in INFINITIVE_MARKERS  # (not "found the way to do that")
    return False


#: possessive pronouns that open a noun phrase ("claims his net worth is…")
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your"})


def _before_a_verb(T: list[str], L: list[str], subj: list[int], lex: Lexicon) -> list[int]:
    """``subj`` up to the first word that is a verb of its own (an auxiliary, a modal, a past
    form of the lexicon): the words before "to" need not be a verb and its subject ("Pence went
    on to say…" → *Pence*; "Others could be heard calling friends to say…" → *Others*)."""
    for i, x in enumerate(subj):
        low = L[x]
        if i and (low in lex.auxiliaries or low in lex.passive_auxiliaries or low in MODALS or low in lex.past_forms):
            return subj[:i]
    return subj


def _pronoun_after(s: Sentence, v: Verb) -> bool:
    """A subject pronoun (not "it") opens a clause right after the verb, its "that" left out:
    "went on to say he was confident", "to say they preferred Clinton"."""
    k = v.after
    if k >= len(s.T):
        return False
    pronoun = s.L[k].replace("’", "'").split("'", 1)[0]
    return pronoun in s.lex.pronouns and pronoun not in NON_PERSONAL


def _states_a_result(s: Sentence, v: Verb) -> bool:
    """"Polls show Clinton up by 10 points", "A Monmouth poll showed Clinton with a lead": a
    result verb reports without "that" when a name, a number, a determiner or a pronoun follows
    it and its subject is no modifier of it ("the reality show “The Apprentice”")."""
    T, L, lex = s.T, s.L, s.lex
    k = v.vend + 1
    if k >= len(T) or v.gi == 0 or L[v.gi - 1] in lex.determiners or T[v.gi - 1] in HARD_STOP:
        return False
    nxt = T[k]
    return (nxt[:1].isupper() and nxt.isalpha() or nxt[:1].isdigit() or L[k] in lex.determiners
            or L[k] in lex.pronouns)


def _opens_object(s: Sentence, k: int) -> bool:
    """Token ``k`` opens a verb's object: a name, a determiner, a pronoun, a quotation."""
    t, low, lex = s.T[k], s.L[k], s.lex
    return t[:1].isupper() or low in lex.determiners or low in lex.pronouns or low in OBJECT_PRONOUNS \
        or t in QUOTE_OPENERS or low.endswith(("’s", "'s"))


def _plural_subject_before(s: Sentence, v: Verb) -> bool:
    """An English base form is finite after a plural subject, with no auxiliary: "Democrats fear
    the split will hurt…", "many fear…", "lawmakers claim it will…", "they agree it is…" (a
    plural noun, a name, a quantifier or a plural pronoun right before the verb; not "the show",
    "to agree", "strongly agree")."""
    return not _finite(v.form, s.lex) and _plural_before(s, v)


def _plural_before(s: Sentence, v: Verb) -> bool:
    """A plural subject stands right before the English verb, no auxiliary between: a plural
    noun, a name, a quantifier or a plural pronoun (not before a state of mind: "residents
    convinced they…" is an adjective)."""
    if s.lex.language != "en" or v.has_aux or v.gi == 0 or v.form in s.lex.stative_participles:
        return False
    T, L = s.T, s.L
    prev, low = T[v.gi - 1], L[v.gi - 1]
    if low in BASE_FORM_PRONOUNS or low in QUANTIFIERS and low not in SINGULAR_QUANTIFIERS:
        return True
    return prev.isalpha() and len(prev) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")) \
        and low not in s.lex.stopwords and low not in s.lex.verb_forms and low not in s.lex.auxiliaries


def _finite(form: str, lex: Lexicon) -> bool:
    """A finite verb form, no base form or infinitive a noun may share ("the show “X”",
    "strongly agree"): English -s / -ed, French no infinitive or participle in -ant (an
    infinitive in -re is one the lexicon lists: « dire », « admettre »; « montre », « déclare »
    are finite)."""
    if lex.language == "en":
        first = form.split(" ", 1)[0]  # (a group: "made clear", "makes it clear")
        return first.endswith(("s", "d")) or first in lex.past_forms
    return not form.endswith(("er", "ir", "ant")) and not (form.endswith("re") and form in lex.any_infinitives)


def _after_quotation(s: Sentence, v: Verb) -> bool:
    """The verb group follows a closing quotation mark (and its comma): a tag after what it
    reports ("« … », relevaient X et Y")."""
    T, gi = s.T, v.gi
    return gi >= 1 and (T[gi - 1] in QUOTE_END or T[gi - 1] == "," and gi >= 2 and T[gi - 2] in QUOTE_END)


def _closes_sentence(s: Sentence, v: Verb) -> bool:
    """The verb ends the sentence after its subject, which follows a comma: "…, Federal Election
    Commission records show.", "…, a Fox poll found." (a closing tag: what it reports comes
    before it, so a "that"-verb needs no "that"); or the verb and its subject stand between
    commas in the middle of what they report, the subject a study or a pronoun: "During that
    stretch, F.A.A. records show, the plane flew 216 hours."""
    T, n = s.T, len(s.T)
    L, lex = s.L, s.lex
    if not (v.vend + 1 == n or v.vend + 2 == n and T[-1] in ".!?" or _medium_tail(s, v.vend + 1)
            or v.vend + 2 < n and T[v.vend + 1] == "," and v.gi > 1
            and ((w := L[v.gi - 2] if L[v.gi - 1] in QUOTED_CLITICS else L[v.gi - 1]) in lex.research_nouns
                 or w in lex.pronouns)):
        return False  # (or a tag between commas: "What is less certain, the survey shows, is whether…";
        # its subject a study or a pronoun: "…, the TV show, …" is a noun)
    k = v.gi - 1
    while k >= 0 and v.gi - k <= 14 and T[k] not in HARD_STOP:
        if L[k] in lex.auxiliaries or L[k] in MODALS or L[k] in lex.verb_forms and not L[k].endswith("s") \
                and not (L[k + 1] in lex.agent_markers and k > 0 and T[k - 1].isalpha()):
            return False  # a clause, not a subject: "…, could blunt Republican claims." (but a
            # participle and its agent describe the subject: "…, records compiled by X show.")
        k -= 1
    return k >= 0 and (T[k] == "," or T[k] in QUOTE_END) and k < v.gi - 1 and L[k + 1] not in lex.coordinators


def _medium_tail(s: Sentence, k: int) -> bool:
    """From token ``k`` to the sentence's end there is only where something was said: "on" /
    "in" / « sur » / « dans » and at most four words ("…, the church posted on Facebook.",
    "…, she wrote in her blog.", « …, a écrit le maire sur Twitter » is an inverted tag)."""
    T, L, lex = s.T, s.L, s.lex
    n = len(T) - (T[-1] in ".!?")
    return k < n - 1 and L[k] in MEDIUM_MARKERS and n - k <= 5 \
        and not any(T[x] in HARD_STOP or L[x] in lex.verb_forms or L[x] in lex.auxiliaries for x in range(k + 1, n))


#: what opens the place where a closing tag's words were said ("posted on Facebook")
MEDIUM_MARKERS = frozenset({"on", "in", "sur", "dans"})


def _tags_quotation(s: Sentence, v: Verb) -> bool:
    """The verb is the tag of a quotation: after it ("“…,” she continued.", "“…,” Kelly charged
    in her assault"), inverted after it ("« … », poursuit X", « « … », s'exclame X ») or before
    it ("He continued: “…”")."""
    T, n = s.T, len(s.T)
    if _after_quotation(s, v):
        return True
    k = v.after
    if k < n and (T[k] in QUOTE_OPENERS or T[k] in ",:" and k + 1 < n and T[k + 1] in QUOTE_OPENERS):
        return True
    j = v.gi - 1
    while j >= 0 and v.gi - j <= 7 and (T[j] not in HARD_STOP or abbreviation_dot(T, j, s.lex)):
        j -= 1  # a short subject, or a reflexive, between the quotation and the verb: "“…,” Kelly
        # charged in her assault", « « … », s'exclame le maire », "“…,” Mr. Manafort continued"
    if j >= 0 and v.gi - j <= 7 and (T[j] in QUOTE_END or T[j] == "," and j > 0 and T[j - 1] in QUOTE_END):
        return True
    if not _closes_sentence(s, v):
        return False
    k = v.gi - 1
    while k >= 0 and (T[k] not in HARD_STOP or abbreviation_dot(T, k, s.lex)):
        k -= 1
    return k >= 0 and (T[k] in QUOTE_END or T[k] == "," and k > 0 and T[k - 1] in QUOTE_END)


def _ing_reports(s: Sentence, v: Verb) -> bool:
    """An "-ing" form without auxiliary reports when it takes an object or a clause ("an ad
    campaign praising Sen. Ayotte", "and answering questions about…"); else it is a noun ("An
    excessive heat warning remains")."""
    T, L, lex = s.T, s.L, s.lex
    k = v.vend + 1
    if k >= len(T):
        return False
    if v.gi > 0 and L[v.gi - 1] in lex.coordinators:
        return True
    return L[k] in lex.determiners or L[k] in OBJECT_PRONOUNS or L[k] in INTRODUCERS or T[k][:1].isupper() \
        or T[k] in QUOTE_OPENERS or L[k] in lex.pronouns or T[k][:1].isdigit() \
        or T[k] == "," and k + 1 < len(T) and (T[k + 1] in QUOTE_OPENERS or L[k + 1] in lex.conditionals)
    # ("saying they…"; "an email saying, “done.”", "a tweet saying, if elected, she would…")


def appearance(s: Sentence, v: Verb) -> Outcome:
    """A verb of appearance before its complement reports an impression that nobody is named
    for: attributed, its source left for the reviewer. Before an infinitive, its subject holds
    the stance the infinitive says ("Rubio seemed to offer a caveat"; a reporting verb after it
    names the same source: "She appeared to imply that…"), unless it is "it" / « ce ».

    fr: « Le gouvernement semble décidé à céder » → attributed, no source; « Il paraît que la
    réforme est enterrée »; « L'équipe a battu, semble-t-il, tous les records »; « M. Dupont
    semble vouloir temporiser » → *M. Dupont*; « Le livre paraît en mars » → nothing (a
    publication)
    en: "It appears that the plant will close" → attributed, no source (not "It"); "Rubio
    seemed to offer a caveat" → *Rubio*; "The name appears on the ballot" → nothing (English
    takes only "to" and "that" after these verbs: the lexicon's ``only_before``)"""
    if v.form not in s.lex.appearance_verbs:
        return None
    complement = _appearance_complement(s, v)
    if not complement or _relative_subject(s, v.gi):
        return NOTHING  # (« la reprise, qui semblait se confirmer, a calé »: the claim is the main clause's)
    if complement == _INFINITIVE_COMPLEMENT:
        T, L, lex = s.T, s.L, s.lex
        subj = before_verb_subject(T, L, v.gi, lex)
        if subj and not (len(subj) == 1 and L[subj[0]] in NON_PERSONAL):
            return Match(Rank.SUBJECT, v.gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", v.contest)
        if not subj and v.gi > 0 and (L[v.gi - 1] in lex.coordinators or L[v.gi - 1] in lex.verb_coordinators):
            return None  # "X agreed with Y and seemed to think…": the subject of the first verb (preverbal_subject)
    return Match(Rank.VERB_ONLY, v.gi, v.cue, None, "verb-only", v.contest)


def _relative_subject(s: Sentence, k: int) -> bool:
    """A relative pronoun is the subject of the verb group that starts at token ``k``: "what
    appears to be…", "an economy that seems to…", « la reprise, qui ne semblait… »."""
    L, lex = s.L, s.lex
    j = k - 1
    if j >= 0 and L[j] in NEGATION_PARTICLES:
        j -= 1
    return j >= 0 and (L[j] in lex.relative_pronouns or L[j] in lex.question_words)


#: what ``_appearance_complement`` finds after a verb of appearance
_CLAUSE_COMPLEMENT, _INFINITIVE_COMPLEMENT = 1, 2


def _appearance_complement(s: Sentence, v: Verb) -> int:
    """What follows the appearance verb ``v`` (past adverbs of degree) as its complement:
    ``_INFINITIVE_COMPLEMENT`` for an infinitive (after "to", a reflexive or an object clitic:
    "seems to agree", « semblait se confirmer », « paraît l'exiger »; a French word with an
    infinitive's ending: « semble vouloir »); ``_CLAUSE_COMPLEMENT`` for an incise (« semble-t-il
    »), "that" / « que », or a word that is no function word, date or number (« semble bien
    difficile », « paraît singulièrement étroite »); 0 for none (« paraît en mars », « paraît
    mardi »)."""
    T, L, lex = s.T, s.L, s.lex
    if "-" in v.whole and PRONOUN_SUFFIX.search(v.whole):
        return _CLAUSE_COMPLEMENT
    n, k = len(T), v.vend + 1
    while k < n and (L[k] in lex.degree_adverbs or L[k] in lex.negations or L[k] in PARENTHETICALS
                     or len(L[k]) > 5 and L[k].isalpha() and L[k].endswith(ADVERB_ENDINGS)):
        k += 1
    if k >= n:
        return 0
    w = L[k]
    if w in INTRODUCERS and w != ":":
        return _CLAUSE_COMPLEMENT
    if w in INFINITIVE_MARKERS or w in REFLEXIVE or w in OBJECT_CLITICS or w in QUOTED_CLITICS or w == "y":
        ok = k + 1 < n and T[k + 1].isalpha() and T[k + 1].islower() and L[k + 1] not in lex.determiners \
            and L[k + 1] not in lex.skip_after_verb
        return _INFINITIVE_COMPLEMENT if ok else 0
    if not T[k].isalpha() or not T[k].islower() or w in lex.stopwords or w in lex.determiners \
            or w in lex.place_prepositions or w in lex.number_words or w in lex.skip_after_verb \
            or w in lex.clause_openers or w in lex.pronouns or w in ADDRESSEE:
        return 0
    return _INFINITIVE_COMPLEMENT if lex.language == "fr" and w.endswith(_FRENCH_INFINITIVE) else _CLAUSE_COMPLEMENT


#: the endings of French infinitives (« vouloir », « confirmer », « être », « agir »)
_FRENCH_INFINITIVE = ("er", "ir", "re")


def participle_agent(s: Sentence, v: Verb) -> Outcome:
    """A past participle with its agent, without auxiliary: the agent is the source.

    fr: « un chiffre jugé insuffisant par les syndicats » → *les syndicats*; « Les chiffres,
    contestés par l'Insee, ont été retirés » → *l'Insee*
    en: "a photo posted by the mayor" → *the mayor* (English past tenses look like participles:
    only the lexicon's English participles with an agent close after count); "The figures,
    disputed by the agency, were withdrawn" → *the agency* (after a comma, the agent marker
    must follow the participle at once); the agent of a question ("interrogés par Reuters",
    ``lex.asking_participles``) is who asked, nothing is credited to it"""
    T, L, lex = s.T, s.L, s.lex
    form, prev = v.form, _prev(s, v)
    if v.has_aux or form not in lex.participles or _not_agent_participle(lex, form) or prev is None \
            or prev in HARD_STOP and not (prev == "," and v.vend + 1 < len(T) and L[v.vend + 1] in lex.agent_markers) \
            or L[v.gi - 1] in lex.pronouns:
        return None
    n, vend = len(T), v.vend
    k = vend + 1
    while k < n and k - vend <= lex.agent_gap and T[k] not in HARD_STOP and L[k] not in lex.agent_markers:
        k += 1
    if not (k < n and k - vend <= lex.agent_gap + 1 and L[k] in lex.agent_markers):
        return None
    if form in lex.asking_participles:
        return NOTHING  # the agent asked: « les économistes interrogés par Reuters tablaient… »
    np = after_verb_source(T, L, k + 1, lex)
    if np:
        return Match(Rank.SUBJECT, v.gi, v.cue, Ref("t", np[0], np[-1]), "preverbal", v.contest)
    if prev == "," or k + 1 < n and (T[k + 1][:1].isdigit() or L[k + 1].endswith(PARTICIPLE_ENDINGS)
                                     or L[k + 1] in lex.means_nouns):
        # a means, not an agent: "Mr. Trump said by telephone", "concluded by making…"; after
        # a comma, a verb with its subject before: "X, …, responded by first saying…"
        return None
    return NOTHING


def _not_agent_participle(lex: Lexicon, form: str) -> bool:
    """A form of the lexicon's participles that takes no agent: a present participle ("saying",
    « affirmant »), or an English form in -s ("says"; but the French plurals « jugés »,
    « contestées » do: « des chiffres jugés insuffisants par les syndicats »)."""
    return form.endswith(("ing", "ant")) or lex.language == "en" and form.endswith("s")


def absolute_participle(s: Sentence, v: Verb) -> Outcome:
    """A present participle with its own subject after "with" (an absolute construction): that
    subject is the source, not the one of the main clause.

    fr: « Le texte est passé, avec les deux syndicats affirmant qu'il était insuffisant » → *les
    deux syndicats*
    en: "Trump gained ground, with 30 percent of voters saying they liked him" → *30 percent of
    voters*"""
    T, L, lex = s.T, s.L, s.lex
    if not _participle_form(v.form) or not lex.absolute_markers \
            or any(L[x] in lex.auxiliaries and not _adverb(s, x) for x in range(v.gi, v.vi)):
        return None
    end = v.gi - 1  # (the verb group holds an adverb before the verb: "with X reportedly considering")
    k = end
    while k >= 0 and v.gi - k <= MAX_NP and T[k] not in HARD_STOP and L[k] not in lex.absolute_markers:
        k -= 1
    if k < 0 or L[k] not in lex.absolute_markers or k >= end:
        return None
    first = k + 1
    if not (L[first] in lex.determiners or L[first] in QUANTIFIERS or T[first][:1].isdigit() or T[first][:1].isupper()
            or number_word(L[first], lex) or T[end][:1].isupper()) or L[first] in lex.pronouns and first < end:
        return None
    if any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries or L[x] in lex.relative_pronouns for x in range(first, end + 1)):
        return None
    # (a subordinate clause: a reporting verb of the main clause comes first)
    return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", first, end), "preverbal", v.contest)


def document_participle(s: Sentence, v: Verb) -> Outcome:
    """A present participle right after a document or a study that names its author reports for
    that document (a relative clause without its pronoun: the report says what follows); a verb
    of the main clause with its subject comes first ("Officials rejected a report by X saying…").

    fr: « Le gouvernement a réagi à un rapport de la Cour des comptes soulignant la dérive des
    dépenses » → *un rapport de la Cour des comptes*
    en: "The warning followed a report by the statistics bureau saying that prices rose" → *a
    report by the statistics bureau*"""
    if v.has_aux or v.gi < 4 or not _participle_form(v.form):
        return None
    start = _document_with_author(s, v.gi)
    if start < 0:
        return None
    return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", start, v.gi - 1), "preverbal", v.contest)


#: the words that link a document to its author: "a report by X", « un rapport de X »
_NOT_AUTHOR_LINKS = frozenset({"with", "at", "chez"})


def _document_with_author(s: Sentence, end: int) -> int:
    """Where a document noun phrase with its author ends at token ``end - 1`` begins: its
    determiner, then up to two words, the noun (``document_nouns``, ``research_nouns``), maybe an
    adjective, a link ("by", "from", "of", « de », « du », « par ») and the author, a name or a
    noun phrase of at most six tokens with no verb and no punctuation (a study needs no
    determiner: "data from the bureau"); -1 when there is none."""
    T, L, lex = s.T, s.L, s.lex
    links, nouns = lex.source_links, (lex.document_nouns, lex.research_nouns)
    x = end - 1
    if L[x] in lex.stopwords or L[x] in GERUND_MARKERS or L[x] in OBJECT_PRONOUNS:
        return -1  # the participle follows no noun: « en soulignant », "and asking", "a video of her speaking"
    while x >= 2 and end - x <= 7:
        low = L[x]
        if T[x] in HARD_STOP and not abbreviation_dot(T, x, lex) or low in lex.verb_forms or low in lex.auxiliaries \
                or low in lex.relative_pronouns or low in lex.pronouns:
            return -1
        if low in links and low not in _NOT_AUTHOR_LINKS and x < end - 1:
            n = x - 1
            if L[n] not in nouns[0] and L[n] not in nouns[1] and T[n].isalpha() and T[n].islower() \
                    and L[n] not in lex.stopwords:
                n -= 1  # an adjective after the noun: « un rapport mensuel de l'Insee »
            if L[n] in nouns[0] or L[n] in nouns[1]:
                author = x + 1
                if L[author] in OBJECT_PRONOUNS or not (T[author][:1].isupper() or L[author] in lex.determiners
                                                        and L[author] not in lex.pronouns):
                    return -1
                d = _article_of(s, n)
                if L[d] in lex.determiners and L[d] not in lex.pronouns:
                    return d
                if L[n] not in nouns[1]:
                    return -1
                # a study needs no article: "data from the bureau", "polling data by Gallup"
                d = n
                while d > 0 and n - d < 2 and T[d - 1].isalpha() and T[d - 1].islower() \
                        and L[d - 1] not in lex.stopwords and L[d - 1] not in lex.source_stoppers \
                        and not _opens_with_verb(T, L, d - 1, lex):
                    d -= 1
                return d
        x -= 1
    return -1


def _article_of(s: Sentence, noun: int) -> int:
    """Back from the token ``noun`` to its article, over at most two words ("a statement", "a
    brief statement", "un communiqué"); where the walk stopped when there is none."""
    L, T, determiners = s.L, s.T, s.lex.determiners
    d = noun
    while d > 0 and noun - d < 3 and L[d] not in determiners and T[d - 1] not in HARD_STOP:
        d -= 1
    return d


def participle_clause(s: Sentence, v: Verb) -> Outcome:
    """A present participle after a comma reports for the subject that opens the sentence (a
    participle never has its subject after it).

    fr: « Le syndicat a quitté la table, affirmant que… » → *Le syndicat*
    en: "The union welcomed the deal, saying it protected jobs" → *The union*; "Zucker responded
    by saying that…" → *Zucker* (a gerund: "en affirmant", "by saying")"""
    L = s.L
    if not _participle_form(v.form) or v.has_aux and L[v.gi] in s.lex.passive_auxiliaries \
            and not L[v.gi].endswith(PARTICIPLE_ENDINGS):
        return None  # "X, for his part, is labeling…" is a finite verb ("being" is not)
    k = v.gi - 1
    while k > 0 and L[k] in OBJECT_PRONOUNS:
        k -= 1  # "en lui demandant"
    c = v.gi - 1
    while c > 0 and v.gi - c <= 2 and _adverb(s, c):
        c -= 1  # "…, falsely suggesting that", "…, pointedly saying"
    c = _comma_inside_quotes(s.T, c)  # "a defense of “New York values,” saying…", "''top secret,'' saying"
    if c > 0 and (L[c] in PARTICIPLE_SUBORDINATORS or L[c] in s.lex.coordinators and s.T[c - 1] != ","):
        # "…, while saying that", "…, trashing X and accusing him": only with the clause's subject
        found = _clause_subject(s, v, c)
        return found if found.source is not None else None
    if v.gi > 1 and L[v.gi - 1] in s.lex.document_nouns and not v.has_aux:
        # "X issued a statement saying…", "Y a publié un communiqué affirmant…": the author
        found = _clause_subject(s, v, _article_of(s, v.gi - 1))
        return found if found.source is not None else None
    if not (s.T[c] in _PARTICIPLE_COMMAS if c >= 0 else False) and not (k >= 0 and L[k] in GERUND_MARKERS):
        return None
    if k == 0 and L[k] in GERUND_MARKERS and s.w_start == s.start:
        return None  # a gerund that opens the sentence: see opening_participle ("En rappelant…, X")
    return _clause_subject(s, v, c)


#: what separates a participle clause from its main clause ("…, saying", "… – saying")
_PARTICIPLE_COMMAS = frozenset({",", "–", "—"})


def _opens_participle_clause(s: Sentence, v: Verb) -> bool:
    """The verb is a present participle right after the comma or dash that closes the main
    clause (an adverb between them aside): "…, claiming he was wasting his time", « …,
    estimant qu'il… »; its subject is the main clause's (``participle_clause``)."""
    if v.has_aux or not v.form.split(" ", 1)[0].endswith(PARTICIPLE_ENDINGS):
        return False
    c = v.gi - 1
    while c > 0 and v.gi - c <= 2 and _adverb(s, c):
        c -= 1
    return c > 0 and s.T[c] in _PARTICIPLE_COMMAS


def _participle_form(form: str) -> bool:
    """A present participle, alone or opening a several-word verb ("referring to", "pointing
    out")."""
    first = form.split(" ", 1)[0]
    return first.endswith(PARTICIPLE_ENDINGS)


def _adverb(s: Sentence, k: int) -> bool:
    """Token ``k`` is an adverb between a comma and the verb: one the lexicon skips after verbs,
    one that stands before verbs ("only", "still"), or a lower-case word with an adverb ending
    ("falsely", "essentiellement")."""
    t, low = s.T[k], s.L[k]
    return low in s.lex.skip_after_verb or low in PREVERBAL_ADVERBS and t.islower() \
        or t.isalpha() and t.islower() and len(low) > 4 and low.endswith(ADVERB_ENDINGS) and low not in s.lex.verb_forms


def _clause_subject(s: Sentence, v: Verb, end: int) -> Match:
    """The subject of the clause that ends at token ``end`` (the comma before a participle, the
    coordinator before a verb), as an ``OPENING_SUBJECT`` match: the comma-separated segments
    before it are tried from the nearest back, and the first that opens with a subject wins
    ("At a rally on Tuesday, Senator X endorsed Y, saying…" → "Senator X")."""
    T, L, lex = s.T, s.L, s.lex
    k = end
    for _ in range(4):
        j = k - 1
        while j >= 0 and not (L[j] in SUBORDINATORS and j < k - 1
                              and (L[j] not in PREPOSITION_SUBORDINATORS or _has_verb(s, j + 1, k))):
            # (a subordinator that is also a preposition opens a clause only with a verb: "X went
            # after the governor over his budget, calling…" is X's)
            if T[j] in HARD_STOP:
                o = _within_name(s, j)
                if o < 0:
                    break
                j = o  # (through "Sanders’ campaign", "Rubio (R-Fla.)", "Sen. Warren")
            j -= 1
        if j < 0 and s.w_start != s.start:
            # the window starts inside the sentence: the subject that opens the sentence
            lt = tokens(s.text, s.start, min(s.end, s.start + 160))
            cut = next((x for x, t in enumerate(lt.t) if t in HARD_STOP), len(lt.t))
            lead = leading_subject(lt.t[:cut], lt.l[:cut], lex)
            if lead:
                return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("c", lt.pos(lead[0]), lt.end(lead[-1])),
                             "preverbal", v.contest)
            break
        if j >= 2 and T[j] == "," and T[j - 1][:1].isupper() and L[j + 1] in lex.determiners \
                and L[j + 1] not in lex.pronouns and not _has_verb(s, j + 1, k):
            k = j  # the apposition of a name, no clause: "…for Donald Trump, the current GOP
            continue  # front-runner, saying…"
        if j + 1 < k and (cut := contracted_pronoun(L[j + 1], lex)):
            # a pronoun with its auxiliary opens the clause: "They’re less hostile… and agree that…"
            at = s.tk.pos(j + 1)
            return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("c", at, at + cut), "preverbal", v.contest)
        lead = leading_subject(T[j + 1:k], L[j + 1:k], lex) if j < 0 or T[j] not in QUOTE_OPENERS else None
        if lead and len(lead) == 1 and L[j + 1 + lead[0]].endswith(PARTICIPLE_ENDINGS) \
                and L[j + 1 + lead[0]] not in lex.np_starters and j + 2 + lead[0] < k \
                and (L[j + 2 + lead[0]] in OPENING_PREPOSITIONS or L[j + 2 + lead[0]] in lex.stopwords
                     or L[j + 2 + lead[0]] in lex.determiners):
            lead = None  # an opening participle clause, no subject: "Arriving upon the scene, police began…"
        if not lead and j < 0 and s.w_start == s.start and T[k] == "," and k > 0:
            if name_only(T, range(k), lex):
                lead = list(range(k))  # a name alone opens the sentence: "Mr. Biden, recalling…, described"
            elif k <= 5 and L[0] in lex.determiners and L[0] not in lex.pronouns:
                np = noun_phrase(T, L, 0, lex)  # "The company, saying…, closed", "Le premier, jugeant…"
                if np and np[-1] == k - 1 and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries for x in np):
                    lead = np
        if lead:  # (not the words of a quotation: "a defense of “New York values,” saying…")
            a, b = j + 1 + lead[0], j + 1 + lead[-1]
            return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", a, b), "preverbal", v.contest)
        if j >= 2 and T[j] == "," and j + 1 < k and _opens_with_verb(T, L, j + 1, lex):
            # "Huma Abedin, vice chairwoman of the campaign, emailed supporters, telling them…":
            # the segment is a verb phrase; its subject is the one before its comma
            subj = subject_before_apposition(T, L, j, lex)
            if subj:
                return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", v.contest)
        if j < 0:
            break
        k = j
    return Match(Rank.VERB_ONLY, v.gi, v.cue, None, "verb-only", v.contest)


def _has_verb(s: Sentence, a: int, b: int) -> bool:
    """Tokens ``a``..``b - 1`` hold a verb: an auxiliary, a reporting verb, an irregular past,
    or a lower-case word with a past ending."""
    lex = s.lex
    return any(_opens_with_verb(s.T, s.L, x, lex) for x in range(a, b))


def _within_name(s: Sentence, j: int) -> int:
    """Where the walk back from a clause's end goes on at the stop token ``j`` when it belongs
    to a name (a possessive's apostrophe, an abbreviation's or an initial's dot, a short
    parenthesis after a name: the parenthesis's first token), else -1."""
    T = s.T
    if possessive_apostrophe(T, j):
        return j
    if abbreviation_dot(T, j, s.lex):
        return j
    if T[j] == ")" and short_parenthesis(T, j):
        return next(x for x in range(j - 1, -1, -1) if T[x] == "(")
    return -1


def _opens_with_verb(T: list[str], L: list[str], k: int, lex: Lexicon) -> bool:
    """Token ``k`` opens a verb phrase: an auxiliary, a reporting verb, an irregular past form,
    or a lower-case word with a past ending ("emailed supporters")."""
    low = L[k]
    return low in lex.auxiliaries or low in lex.verb_forms or low in lex.past_forms \
        or bool(lex.verb_suffixes) and T[k].isalpha() and T[k].islower() and low.endswith(lex.verb_suffixes)


def opening_participle(s: Sentence, v: Verb) -> Outcome:
    """A participle that opens the sentence reports for the subject of the main clause, after
    the comma that closes the participle clause (a participle never has its own subject).

    fr: « Estimant que la réforme est injuste, les syndicats ont appelé à la grève » → *les
    syndicats*; « Ayant annoncé sa démission, le maire a quitté la salle » → *le maire*; a state
    of mind: « Conscient que la réforme divise, le gouvernement a renoncé » → *le gouvernement*
    en: "Having announced that he would appeal, the senator left the room" → *the senator*;
    "Rattling off promises to cut fees, raise pay and hire teachers, Ms. Lee promised…" → *Ms.
    Lee*"""
    T, L, lex = s.T, s.L, s.lex
    gi = v.gi
    if s.w_start != s.start or not (gi == 0 and (_participle_form(v.form) or v.form in lex.stative_participles)
                                    or gi == 1 and L[0] in lex.perfect_participles
                                    or _after_opening_preposition(s, v) or _in_opening_infinitive(s, v)):
        return None  # ("After saying…, the man", "In addition to stating…, X", "Après avoir affirmé…, X",
        # "Without wanting to admit it, X", « Faute d'avoir voulu reconnaître…, X »)
    n = len(T)
    k = v.vend + 1
    while k < n and T[k] not in _CLAUSE_END:
        if T[k] == ",":
            lead = leading_subject(T[k + 1:], L[k + 1:], lex)
            if lead and len(lead) > 2:
                lead = _name_ends(T, L, lead, k + 1, lex)
            if lead:
                return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", k + 1 + lead[0], k + 1 + lead[-1]),
                             "preverbal", v.contest)
            if k + 2 < n and L[k + 1] in lex.determiners and L[k + 1] not in lex.pronouns:
                # a noun phrase with an article, then a comma: "Conscient que…, le petit émirat, de son
                # côté, met…" (the verb is none the lexicon knows)
                np = noun_phrase(T, L, k + 1, lex)
                if np and np[-1] + 1 < n and T[np[-1] + 1] == "," and not any(L[x] in lex.verb_forms for x in np):
                    return Match(Rank.OPENING_SUBJECT, v.gi, v.cue, Ref("t", np[0], np[-1]), "preverbal", v.contest)
        k += 1
    if k == n and n and s.tk.end(n - 1) < s.end and L[v.gi - 1:v.gi] and L[v.gi - 1] in GERUND_MARKERS:
        # the main clause lies beyond the window read: the gerund reports, its speaker unread
        return Match(Rank.VERB_ONLY, v.gi, v.cue, None, "verb-only", v.contest)
    return None


def _after_opening_preposition(s: Sentence, v: Verb) -> bool:
    """The verb is a gerund or a perfect infinitive after the preposition that opens the
    sentence: "After saying…", "In addition to stating…", "Après avoir affirmé…"."""
    L, gi = s.L, v.gi
    return 0 < gi <= 3 and all(x in OPENING_PREPOSITIONS for x in L[:gi]) \
        and (_participle_form(v.form) or L[gi - 1] in PERFECT_AUXILIARIES)


def _name_ends(T: list[str], L: list[str], lead: list[int], at: int, lex: Lexicon) -> list[int]:
    """``lead`` (offsets from token ``at``) cut before a plain lower-case word that follows a
    name and comes before an article, the name's links aside: « l'Europe sera la première… » →
    *l'Europe* (a verb the lexicon does not know, and its complement; but « le Conseil
    constitutionnel a reconnu »). Applied here only: inside ``leading_subject`` for every rule,
    the same cut cost sources on polnear-train ("Republican Presidential hopeful Sen. Ted Cruz")."""
    for i in range(1, len(lead) - 1):
        a, b = at + lead[i - 1], at + lead[i]
        if T[a][:1].isupper() and T[a].isalpha() and L[a] not in lex.np_starters \
                and T[b].isalpha() and T[b].islower() and L[b] not in lex.name_links \
                and L[b + 1] in lex.determiners and L[b + 1] not in lex.pronouns:
            return lead[:i]
    return lead


def _in_opening_infinitive(s: Sentence, v: Verb) -> bool:
    """The verb is an infinitive or a gerund in a phrase that opens the sentence with a
    preposition of ``CONTROL_OPENERS``, after verbs and particles only ("Without wanting to admit
    it, X", « Sans vouloir l'admettre, X », « Faute d'avoir voulu reconnaître…, X »): the
    subject of the main clause speaks (not the preposition: "Without")."""
    T, L, lex, gi = s.T, s.L, s.lex, v.gi
    if not 0 < gi <= CONTROL_REACH or L[0] not in CONTROL_OPENERS:
        return False
    first = 2 if gi > 1 and L[0] + " " + L[1] in CONTROL_OPENERS else 1  # ("instead of", "rather than")
    for x in range(first, gi):
        low = L[x]
        if low in INFINITIVE_MARKERS or x == gi - 1 and (low in QUOTED_CLITICS or low in OBJECT_CLITICS):
            continue  # "to", « d' », « l'admettre »
        if not (T[x].isalpha() and T[x].islower()) or low in lex.determiners or low in lex.pronouns \
                or low in lex.stopwords and low not in lex.auxiliaries:
            return False  # a noun phrase: « Pour le ministre, affirmer… »
    return True


#: the prepositions that open a phrase whose infinitive or gerund has the main clause's subject
CONTROL_OPENERS = frozenset({"without", "sans", "faute", "instead", "instead of", "rather", "rather than"})
#: how far into the sentence that verb may come (« Faute d'avoir voulu reconnaître »)
CONTROL_REACH = 5


#: what ends the search for the main clause after an opening participle
_CLAUSE_END = frozenset(".;:!?")


def subject_before_apposition_rule(s: Sentence, v: Verb) -> Outcome:
    """The verb follows the comma that closes an apposition or a relative clause of the subject
    that opens the sentence.

    fr: « Le ministre des Affaires étrangères, Dmitro Kouleba, a affirmé… » → *Le ministre des
    Affaires étrangères, Dmitro Kouleba*
    en: "His agent, Hendrik van Dijk, said…" → *His agent, Hendrik van Dijk*; "The company,
    which makes gearboxes, said…" → *The company*"""
    T, gi = s.T, v.gi
    if _prev(s, v) != "," or gi < 2 or T[gi - 2] in QUOTE_END or v.has_aux and contracted_pronoun(s.L[gi], s.lex):
        return None  # (the verb group holds its own subject: "…, however, they’re hopeful")
    subj = subject_before_relative(T, s.L, gi - 1, s.lex) or subject_before_apposition(T, s.L, gi - 1, s.lex)
    # only a subject that opens the sentence (or follows "De son côté,", "However,", "Meanwhile")
    if subj and (subj[0] == 0 and s.w_start == s.start or 0 < subj[0] <= 4 and T[subj[0] - 1] == ","
                 or 4 < subj[0] <= 16 and T[subj[0] - 1] == "," and _opening_phrase(s, subj[0] - 1)
                 or subj[0] > 0 and T[subj[0] - 1] in QUOTE_END
                 or 0 < subj[0] <= 2 and s.w_start == s.start
                 and all(s.L[x] in s.lex.clause_openers or s.L[x] in s.lex.skip_after_verb for x in range(subj[0]))):
        return Match(Rank.TAG, gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", v.contest)
    return None


def subject_before_dashes(s: Sentence, v: Verb) -> Outcome:
    """The verb follows the dash that closes a relative clause of the subject that opens the
    sentence, between two dashes (its own verb would take it for the subject). An apposition
    between dashes is part of the source: ``preverbal_subject`` reads it ("Jason Sims — a teacher
    from Mount Pleasant — says").

    en: "Donald Trump - who once said he would “bomb” the oil fields - said on Saturday that…" →
    *Donald Trump*; "The mayor - who said in May that… - now says" → *The mayor*
    fr: « Le ministre – qui n'avait rien dit jusque-là – a affirmé que… » → *Le ministre*"""
    T, L = s.T, s.L
    gi = v.gi
    while gi > 1 and gi > v.gi - 2 and (L[gi - 1] in s.lex.degree_adverbs or _adverb(s, gi - 1)):
        gi -= 1  # "X - who … - now says", "- previously said"
    close = gi - 1 - (gi > 1 and T[gi - 2] == T[gi - 1])  # (a doubled dash, "--", is two tokens)
    if close < 3 or T[gi - 1] not in DASHES:
        return None
    x = close - 1
    while x > 0 and close - x <= _MAX_DASHED and T[x] not in DASHES:
        if T[x] in ";:!?()":
            return None  # (a sentence ends inside no relative clause; "." after "Sen." may)
        x -= 1
    if x <= 0 or T[x] != T[gi - 1] or close - x < 2 or L[x + 1] not in RELATIVE_OPENERS:
        return None  # (the same dash opens and closes it; an apposition stays in the source: preverbal_subject)
    x -= T[x - 1] == T[x]
    subj = before_verb_subject(T, L, x, s.lex)
    if subj and subj[-1] == x - 1 \
            and (subj[0] == 0 and s.w_start == s.start or 0 < subj[0] <= 4 and T[subj[0] - 1] == ","):
        return Match(Rank.TAG, v.gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", v.contest)
    return None


#: the most tokens of a relative clause between dashes ("X - who … - said")
_MAX_DASHED = 30


def _opening_phrase(s: Sentence, comma: int) -> bool:
    """The tokens before ``comma`` are one phrase opened by a preposition at the sentence's start
    (« À la faveur de ces résultats, certains, dans…, ont cru », "After the vote, Smith, …,
    said"), no comma inside."""
    first = s.L[0]
    return s.w_start == s.start and "," not in s.T[1:comma] \
        and (first in PHRASE_OPENERS or first == "a" and s.lex.language == "fr")  # (« A la faveur de »)



def inverted_tag(s: Sentence, v: Verb) -> Outcome:
    """A speech tag after a quotation or a clause, its subject after the verb.

    fr: « …, a déclaré lundi le porte-parole du Kremlin, Dmitri Peskov » → *le porte-parole du
    Kremlin, Dmitri Peskov*
    en: "“We will appeal,” said Maria Lopez, a lawyer for the family." → *Maria Lopez, a lawyer
    for the family*"""
    T, L, lex, gi = s.T, s.L, s.lex, v.gi
    if v.form in lex.no_inversion:
        return None  # "…, criticized the trade": an object follows
    if _participle_form(v.form) and not v.has_aux:
        return None  # a present participle has no subject after it: "…: telling voters the truth"
        # (its object), « …, affirmant les chiffres »
    while gi > 1 and L[gi - 1] in OBJECT_PRONOUNS and T[gi - 2] in ",»”\"'":
        gi -= 1  # "…, nous indique notre correspondant"
    prev = T[gi - 1] if gi > 0 else None
    if prev in DASHES and gi >= 2 and T[gi - 2] == ",":
        prev = ","  # a comma and a dash that close an aside: « … lancée au printemps, - a indiqué X »
    if prev is None or after_apposition(T, gi):
        return None
    if not (prev == "," or prev == ":" or prev in QUOTE_END or L[gi - 1] in lex.inversion_after
            or L[gi - 1] in QUOTED_CLITICS and gi >= 2 and L[gi - 2] in lex.inversion_after):
        return None  # ("comme le souligne X": the clitic stands for what is said)
    opens = L[gi - 1] in lex.inversion_after or L[gi - 1] in QUOTED_CLITICS  # the tag before what is said
    np = after_verb_source(T, L, v.vend + 1, lex, "clause" if opens else True, incise=not opens)
    if np and v.contest and gi >= 2 and L[gi - 2] in WHAT_PRONOUNS and L[gi - 1] in lex.inversion_after \
            and inverted_subject(T, L, np, lex):
        # « …, ce que contestent ses adversaires »: the dispute of what the main clause reports,
        # whose speaker stays the source
        return Match(Rank.SUBJECT + SUBORDINATE, gi, v.cue, Ref("t", np[0], np[-1]), "inverted", v.contest)
    if np and prev == "," and ends_with_past_tense(T, L, np, lex):
        return None  # "X, speaking on condition of anonymity…, said the plan failed": what was said
    if np and inverted_subject(T, L, np, lex):
        return Match(Rank.TAG, gi, v.cue, Ref("t", np[0], np[-1]), "inverted", v.contest)
    return None



def fronted_tag(s: Sentence, v: Verb) -> Outcome:
    """A speech tag that opens the sentence, its subject after the verb and what is said after
    a comma or a colon, in quotation marks (a literary inversion of news features).

    fr: « Conclut Marie Roe, qui a dirigé l'enquête : « Rien n'a changé. » » → *Marie Roe, qui
    a dirigé l'enquête*
    en: 'Said Comey, “The thought that an error…”' → *Comey*; 'Added Ms. Lee, who chairs the
    panel: “We will not back down.”' → *Ms. Lee, who chairs the panel*"""
    T, L, lex = s.T, s.L, s.lex
    if v.gi != 0 or s.w_start != s.start or v.has_aux or not T[0][:1].isupper() or _participle_form(v.form) \
            or v.form in lex.no_inversion:
        return None
    np = after_verb_source(T, L, v.vend + 1, lex, True)
    n = len(T)
    if not np or not inverted_subject(T, L, np, lex):
        return None
    end = np[-1] + 1
    if end + 1 < n and T[end] == "," and L[end + 1] in lex.subject_relatives:
        # a relative clause describes the speaker: "Said Ann Lee, who grew up with him, “…”"
        end += 2
        while end < n and end - np[-1] <= _FRONTED_RELATIVE and T[end] not in _FRONTED_END \
                and not T[end].startswith(QUOTE_START) and T[end] not in HARD_STOP:
            end += 1
    if end + 1 >= n or T[end] not in _FRONTED_END or not T[end + 1].startswith(QUOTE_START):
        return None
    return Match(Rank.TAG, 0, v.cue, Ref("t", np[0], end - 1), "inverted", v.contest)


#: what closes the subject of a fronted tag, before the quotation
_FRONTED_END = frozenset({",", ":"})
#: the most tokens of a relative clause after the subject of a fronted tag
_FRONTED_RELATIVE = 25


def infinitive_clause(s: Sentence, v: Verb) -> Outcome:
    """An infinitive reports for the subject of the verb it depends on: an opinion or speech
    infinitive with "que" / "that" after it, any other reporting infinitive after "to" / "à" /
    "de" (a denial with the contested label).

    fr: « Michel Camdessus est bien placé pour savoir que la solidarité… » → *Michel Camdessus*;
    « Les syndicats ont décidé de dénoncer la décision » → *Les syndicats*
    en: "The senator has tried to argue that the bill is dead" → *The senator*; "Business groups
    were quick to criticise the decision" → *Business groups*"""
    T, L, lex = s.T, s.L, s.lex
    marker = L[v.gi - 1] if v.gi > 0 else None
    # the object of a verb of causing before the marker: "led Reince Priebus to declare"
    caused = _caused_speaker(s, v) if marker in INFINITIVE_MARKERS or marker in ADDRESSEE else []
    if lex.language == "en":
        infinitive = marker == "to"
    else:
        # the opinion and speech infinitives anywhere ("pour savoir que"), the others after "de" /
        # a verb of intent ("ont décidé de dénoncer", "devait annoncer"; but "peut exiger la
        # diffusion", "ont dû confier", "oblige chaque contrôleur à déclarer")
        infinitive = v.form in lex.infinitives or v.form in lex.any_infinitives \
            and (marker in INFINITIVE_MARKERS or marker in lex.intent_verbs
                 or marker in ADDRESSEE and bool(caused))  # (« a poussé X à dénoncer »)
    litotes = _litotes(s, v)
    if v.has_aux or not (infinitive or litotes >= 0 and v.form in lex.any_infinitives):
        return None
    if litotes < 0 and any(L[x] in lex.negations or L[x] in NEGATION_PARTICLES for x in range(max(0, v.gi - 4), v.gi)):
        return NOTHING  # "n'a pas souhaité commenter", "did not want to comment": nothing is said
    if litotes >= 0:
        # "did not hesitate to say", « ne manquent pas de relever »: the subject of the negated verb
        subj = _before_a_verb(T, L, before_verb_subject(T, L, verb_group_start(L, litotes, lex), lex), lex)
        if subj:
            return _infinitive_subject(s, v, subj, v.contest)
    disputes = v.contest
    if disputes and marker not in INFINITIVE_MARKERS:
        return NOTHING  # "continuent de nier" disputes; "invité à réfuter" does not yet
    governed = lex.language != "en" and (marker in INFINITIVE_MARKERS or marker in lex.intent_verbs)
    if v.form in lex.infinitives and not disputes and not governed \
            and not (v.after < len(T) and L[v.after] in INTRODUCERS) and not _pronoun_after(s, v):
        return NOTHING  # ("pour savoir la vérité", "to say hello"; but "devait annoncer le dépôt",
        # "went on to say he was confident")
    if caused:
        return _infinitive_subject(s, v, caused, disputes)  # "The victory led Reince Priebus to declare…"
    if marker in lex.intent_verbs and v.gi >= 1:
        gi = verb_group_start(L, v.gi - 1, lex)  # "X devait annoncer"
        subj = before_verb_subject(T, L, gi, lex)
        if subj:
            return _infinitive_subject(s, v, subj, disputes)
    if marker in INFINITIVE_MARKERS and v.gi >= 2:
        # the subject of the verb before "to" / "de" / "à": "continuent de nier", "were quick to"
        at = v.gi - 2
        if at >= 3 and L[at] == "as" and L[at - 1] == "far" and L[at - 2] in _FAR_BEFORE:
            at -= 3  # "went so far as to say", "go as far as to claim": the verb before "so far as"
        gi = verb_group_start(L, at, lex)
        subj = _before_a_verb(T, L, before_verb_subject(T, L, gi, lex), lex)
        if subj and _opens_with_verb(T, L, subj[0], lex) and T[subj[0]].islower() \
                and not L[subj[0]].endswith(PARTICIPLE_ENDINGS):
            # the walk stopped at an adverb before the governing verb: "The mayor then went on to
            # say" (the subject is before the adverb)
            subj = _before_a_verb(T, L, before_verb_subject(T, L, verb_group_start(L, subj[0], lex), lex), lex)
        if subj:
            return _infinitive_subject(s, v, subj, disputes)
    m = _clause_subject(s, v, v.gi - 1 if marker == "to" else v.gi)
    if m.source is not None and m.source.kind == "t" and m.source.a == m.source.b:
        return _infinitive_subject(s, v, [m.source.a], disputes, m.rank)
    return m._replace(contested=True) if disputes else m


#: the word before "far as" in "went so far as to say", "go as far as to claim"
_FAR_BEFORE = frozenset({"so", "as"})


def _litotes(s: Sentence, v: Verb) -> int:
    """The negated verb right before the marker of the infinitive ``v`` when the negation
    affirms (lexicon ``litotes_stems``: "did not hesitate to say", « ne manque pas de rappeler »,
    « n'hésite pas à dénoncer »): its index, or -1."""
    T, L, lex = s.T, s.L, s.lex
    m = v.gi - 2  # (the marker is at v.gi - 1)
    if not lex.litotes_stems or m < 1 or L[v.gi - 1] not in INFINITIVE_MARKERS and L[v.gi - 1] not in ADDRESSEE:
        return -1
    while m > 0 and (L[m] in lex.negations or L[m] in lex.skip_after_verb) and v.gi - m <= 4:
        m -= 1  # ("n'a pas manqué de", "ne manque jamais de")
    if not L[m].startswith(lex.litotes_stems):
        return -1
    start = verb_group_start(L, m, lex)
    if not any(L[x] in lex.negations or L[x] in NEGATION_PARTICLES for x in range(max(0, start - 2), v.gi - 1)):
        return -1
    return m


def _caused_speaker(s: Sentence, v: Verb) -> list[int]:
    """The object of a verb of causing right before the marker of the infinitive ``v`` (lexicon
    ``causing_verbs``): the one the infinitive's words are credited to, not the cause ("The
    decisive victory led RNC Chairman Reince Priebus to declare…" → *RNC Chairman Reince
    Priebus*; « La défaite a conduit le ministre à reconnaître… » → *le ministre*); ``[]``."""
    T, L, lex = s.T, s.L, s.lex
    if not lex.causing_verbs:
        return []
    j = v.gi - 2
    while j >= 0 and v.gi - 1 - j <= 9 and T[j] not in HARD_STOP and L[j] not in lex.causing_verbs:
        j -= 1
    if j < 0 or L[j] not in lex.causing_verbs or j + 1 > v.gi - 2:
        return []
    obj = list(range(j + 1, v.gi - 1))
    first = obj[0]
    if not (T[first][:1].isupper() or L[first] in lex.determiners or L[first] in OBJECT_PRONOUNS
            or L[first] in QUANTIFIERS or starts_np(T[first], L[first], lex) or T[obj[-1]][:1].isupper()):
        return []  # (a title before a name: "party chairman Reince Lee")
    if any(L[x] in lex.auxiliaries or L[x] in lex.relative_pronouns or L[x] in lex.verb_forms for x in obj):
        return []  # a clause, not an object
    return obj


def _infinitive_subject(s: Sentence, v: Verb, subj: list[int], disputes: bool, rank: int = Rank.SUBJECT) -> Match:
    """The match of an infinitive whose governing verb has the subject ``subj``: no source when
    the subject is impersonal ("Il faut rappeler que…", "It is worth noting that…": the
    article's own voice); the impersonal "on" ranks after any other source ("On peut affirmer
    que…")."""
    L, lex = s.L, s.lex
    if len(subj) == 1:
        low = L[subj[0]]
        if low == lex.impersonal:
            return Match(Rank.IMPERSONAL, v.gi, v.cue, Ref("t", subj[0], subj[0]), "preverbal", disputes)
        verbs = lex.impersonal_subjects.get(low)
        if verbs and subj[0] + 1 < len(L) and L[subj[0] + 1] in verbs:
            return Match(Rank.VERB_ONLY, v.gi, v.cue, None, "verb-only", disputes)
    return Match(rank, v.gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", disputes)


def contracted_subject(s: Sentence, v: Verb) -> Outcome:
    """The verb group opens with a subject pronoun written with its auxiliary: the pronoun is
    the source.

    fr: (no French form)
    en: "And he’s predicting that the race will tighten" → *he*; "They're saying that…" → *They*"""
    n = contracted_pronoun(s.L[v.gi], s.lex) if v.has_aux else 0
    if not n:
        return None
    a = s.tk.pos(v.gi)
    return Match(Rank.SUBJECT, v.gi, v.cue, Ref("c", a, a + n), "preverbal", v.contest)


def preverbal_subject(s: Sentence, v: Verb) -> Outcome:
    """The subject before the verb: a verb without auxiliary counts when it introduces what is
    said, follows a pronoun or an apposition, denies, or (French) is in the present tense (a
    form that is also a participle, « dit », « écrit », only before an infinitive of the
    lexicon: « La FNSEA dit ne pas en croire un mot »). With no subject found, a verb that
    introduces what is said still reports (no source: « Le CBI qui, …, indique que… » when its
    subject is out of reach).

    fr: « Le Kremlin a déclaré que… » → *Le Kremlin*; « Au ministère, on indique que… » → *Au
    ministère* (the place the impersonal *on* speaks from)
    en: "A senior U.S. official said the talks…" → *A senior U.S. official*"""
    T, L, lex, gi = s.T, s.L, s.lex, v.gi
    n = len(T)
    prev = _prev(s, v)
    form = v.form
    strong = v.has_aux or form in lex.participles and lex.language == "en"
    introduces = v.after < n and (L[v.after] in INTRODUCERS or T[v.after] in "«“\"")
    if form in lex.participles_only and not v.has_aux and prev is not None and prev != ",":
        return NOTHING  # a participle that is never finite modifies the noun before it: "The oath
        # sworn in the chamber was brief", "the biases shown in the report"
    if not (strong or introduces or v.contest or prev == "," or lex.present_subject and form not in lex.participles
            or (prev is not None and (L[gi - 1] in lex.pronouns or L[gi - 1] in REFLEXIVE))
            or lex.present_subject and not v.has_aux and _infinitive_follows(s, v)):
        return NOTHING
    if prev is not None and L[gi - 1] in _ONE and not ((gi == 1 or s.T[gi - 2] in HARD_STOP or L[gi - 2] in _ONE_AFTER)
                                                   and form + "s" not in lex.verb_forms
                                                   and form + "es" not in lex.verb_forms
                                                   and not (v.vend + 1 < n and L[v.vend + 1] in lex.passive_auxiliaries)):
        return NOTHING  # "One view is" (a base form), "the one reported" (but "One says", "Yet another said")
    if prev is not None and L[gi - 1].endswith(("’s", "'s")) and not contracted_pronoun(L[gi - 1], lex) \
            and L[gi - 1] not in NOT_POSSESSIVE and not form.endswith(_PAST_ENDINGS):
        return NOTHING  # a noun after a possessive: "Editor’s note: …", "Trump’s claims" (but "Clinton’s said": has)
    if prev is not None and L[gi - 1] in lex.determiners and L[gi - 1] not in QUANTIFIERS \
            and L[gi - 1] not in OBJECT_PRONOUNS \
            and not (L[gi - 1] in lex.number_words and not form.endswith("s") and v.after < n
                     and (L[v.after] in INTRODUCERS or _clause_follows(s, v))) \
            and not quoted_clitic(T, L, gi - 1, lex):  # ("le syndicat l'a confirmé", "les chiffres le montrent")
        return NOTHING  # "the claims", "la note": a noun, not a verb (but "Certains affirment", "Twelve
        # said they…": a number before a verb that is no plural noun, a clause after it)
    subj = before_verb_subject(T, L, gi, lex)
    if not subj and prev is not None and lone_nominative(T, L, gi, lex) and (introduces or _clause_follows(s, v)):
        subj = [gi - 1]  # "…so excited about the merger he said she should call…" (the words before
        # the pronoun are no subject)
    zero = False
    if not subj and prev is not None and (introduces or _clause_follows(s, v) or v.after < n
                                          and (L[v.after] in lex.auxiliaries or L[v.after] in MODALS)):
        subj = zero_relative_subject(T, L, gi, lex)  # "the place officials say the navy might…"
        zero = bool(subj)
    if subj and subj[0] > 0 and L[subj[0] - 1] in lex.conditionals \
            and not (subj[0] > 1 and L[subj[0] - 2] in lex.concessives):
        return NOTHING  # "If the B sample confirms the finding": nothing is reported (but "même s'il dit")
    if len(subj) == 1 and form in lex.impersonal_subjects.get(L[subj[0]], ()):
        return NOTHING  # "Il convient de…": an impersonal verb reports nothing
    if len(subj) == 1 and L[subj[0]] == lex.impersonal:
        # "Au ministère de la Culture, on indique", « Dans l'entourage du maire, on assure »: the
        # place speaks; else "on" (nobody in
        # particular: any other source of the sentence comes first)
        k = subj[0] - 1
        if k >= 2 and T[k] == "," and L[0] in ON_PLACES and s.w_start == s.start:
            np = noun_phrase(T, L, 1, lex)
            if np and np[-1] == k - 1 and on_place(L, 0, np, lex):
                return Match(Rank.SUBJECT, gi, v.cue, Ref("t", np[0], np[-1]), "preverbal", v.contest)
        return Match(Rank.IMPERSONAL, gi, v.cue, Ref("t", subj[0], subj[0]), "preverbal", v.contest)
    if subj and len(subj) > 1 and T[subj[-1]][:1].isupper() and _headline_filler(L[subj[-1]]) and title_case(T):
        # a headline in Title Case: "Trump Just Announced…", "Tim Allen Just Got Asked…"
        while len(subj) > 1 and _headline_filler(L[subj[-1]]):
            if L[subj[-1]] in _HEADLINE_PASSIVE:
                return NOTHING
            subj = subj[:-1]
    if len(subj) > 1 and prev != "," and _bare_participle(s, v):
        subj = _before_first_verb(s, subj)
    if subj and subj[0] > 1 and (L[subj[0] - 1] in lex.coordinators or L[subj[0] - 1] in lex.agent_markers):
        subj = _research_subject(s, v, subj)
    relative = zero or bool(subj) and subj[0] > 0 and L[subj[0] - 1] in lex.object_relatives
    if subj and subj[0] > 0 and L[subj[0] - 1] in lex.comparatives:
        if not (introduces or _clause_follows(s, v)):
            return NOTHING  # "…came sooner than anyone had expected": the comparison reports nothing
        relative = True  # "…more than the industry says the market can handle": a subordinate report
    if len(subj) == 1 and subj[0] > 1 and L[subj[0]] in _WHAT_PRONOUNS and L[subj[0] - 1] == "what":
        subj = _what_antecedent(s, subj)
    if subj:
        rank = Rank.TAG if subj[0] and _final_tag(s, v, subj[0]) else Rank.SUBJECT
        inner = _zero_relative(s, subj) if rank == Rank.TAG else 0
        if inner:
            # "…, a claim his rivals dispute.": a relative clause without "that" describes the
            # noun before it; its verb is no closing tag and ranks as subordinate
            return Match(Rank.SUBJECT + SUBORDINATE, gi, v.cue, Ref("t", inner, subj[-1]), "preverbal", v.contest)
        if len(subj) > 1 and L[subj[-1]] in lex.subject_relatives and _opens_sentence(s, subj[0]) or relative:
            rank += SUBORDINATE  # "Officials who asked not to be named said…", "Despite what he
            # wrote, Cross said…": the verb of a relative clause gives way to the main clause's
        return Match(rank, gi, v.cue, Ref("t", subj[0], subj[-1]), "preverbal", v.contest)
    c = gi - 1
    if c >= 1 and L[c] in SEQUENCE_ADVERBS and (L[c - 1] in lex.coordinators or T[c - 1] == ","):
        c -= 1  # "…, and then said", "…, then says", "…, puis a déclaré"
    d = c
    while d >= 1 and gi - d <= 3 and (L[d] in lex.skip_after_verb or _adverb(s, d)) and L[d] not in lex.determiners:
        d -= 1  # a time or an adverb between the coordinator and the verb: "… but on Tuesday wrote
        # that…", "… and generally agree that…"
    if d < c and (L[d] in lex.coordinators or L[d] in lex.verb_coordinators):
        c = d
    if prev is not None and (L[c] in lex.coordinators or L[c] in lex.verb_coordinators or c < gi - 1 and T[c] == ","):
        return coordinated_verb(s, v, c)  # ("…, but told his supporters…")
    if introduces:
        if prev is not None and prev != "," and _bare_participle(s, v) and L[gi - 1] not in lex.determiners:
            # a bare participle after a clause with its auxiliary: « Le syndicat a publié un
            # communiqué mardi soulignant que… » → the clause's subject (not a noun after a
            # possessive: "after her warning that…")
            return _clause_subject(s, v, gi)
        return Match(Rank.VERB_ONLY, gi, v.cue, None, "verb-only", v.contest)
    return NOTHING


def _opens_sentence(s: Sentence, k: int) -> bool:
    """Token ``k`` opens the sentence, or follows the comma of an opening phrase ("On Tuesday,
    officials who…")."""
    return s.w_start == s.start and (k == 0 or k >= 2 and s.T[k - 1] == "," and _opening_phrase(s, k - 1))


def _what_antecedent(s: Sentence, subj: list[int]) -> list[int]:
    """The subject of the clause that holds "what he calls…", when the pronoun ``subj`` stands
    for it: "Cruz has railed against what he calls the cartel" → *Cruz*; "Democrats focused on
    what they said was…" → *Democrats* (a name or a noun phrase that agrees in number: "they" a
    word in -s or a list, "he" / "she" a name, "it" a lower-case singular:
    "The group seeks… what it calls…"); else the pronoun."""
    T, L, lex = s.T, s.L, s.lex
    what = subj[0] - 1
    a = what - 1
    while a >= 0 and T[a] not in HARD_STOP:
        a -= 1
    lead = leading_subject(T[a + 1:what], L[a + 1:what], lex)
    if not lead:
        return subj
    lead = [a + 1 + x for x in lead]
    words = [L[x] for x in lead]
    nxt = L[lead[-1] + 1]
    if words[0] in lex.pronouns or any(w in lex.relative_pronouns for w in words) \
            or not (nxt in lex.auxiliaries or nxt in lex.past_forms
                    or T[lead[-1] + 1].isalpha() and T[lead[-1] + 1].islower() and nxt.endswith(("ed", "s"))):
        return subj  # (a subject before its verb only: not "Radio talk" of "Radio talk show host X")
    listed = any(w in lex.coordinators for w in words)
    pronoun = L[subj[0]]
    if pronoun == "they" and not (listed or plural_word(words[-1], lex)) \
            or pronoun in _PERSONAL and (listed or not T[lead[-1]][:1].isupper()) \
            or pronoun == "it" and (listed or not T[lead[-1]].islower() or plural_word(words[-1], lex)):
        return subj  # ("Sanders … what they" may be a plural name: only "they" after a word in -s;
        # "he" a person: not "the window into his soul is what he said"; "it" a thing: "The group
        # seeks… what it calls", not "Mr. Cruz… what it says")
    return lead


#: the pronouns of "what he calls…" that stand for the clause's subject
_PERSONAL = frozenset({"he", "she"})
_WHAT_PRONOUNS = _PERSONAL | {"they", "it"}


def _bare_participle(s: Sentence, v: Verb) -> bool:
    """A present participle without auxiliary ("saying", « soulignant »), not a base form with
    the same ending ("want": the lexicon has "wants")."""
    first = v.form.split(" ", 1)[0]
    return not v.has_aux and first.endswith(PARTICIPLE_ENDINGS) and first + "s" not in s.lex.verb_forms


def _before_first_verb(s: Sentence, subj: list[int]) -> list[int]:
    """The subject of a bare participle that follows a clause: the words before the clause's
    verb (``_opens_with_verb``, a modal; not a past form after a determiner, an adjective: "the
    embattled governor"), without an adverb, a quantifier or a pronoun at their end.

    en: "The campaign sent an email Wednesday saying…" → *The campaign*; "Clinton clearly
    erred in saying…" → *Clinton*; "Speakers took turns urging…" → *Speakers*"""
    T, L, lex = s.T, s.L, s.lex
    for p in range(1, len(subj)):
        x = subj[p]
        if T[x].islower() and (L[x] in MODALS or _opens_with_verb(T, L, x, lex)) \
                and not (L[x - 1] in lex.determiners or L[x - 1].endswith(("'s", "’s"))):
            cut = subj[:p]
            while len(cut) > 1 and (_adverb(s, cut[-1]) or L[cut[-1]] in QUANTIFIERS or L[cut[-1]] in lex.pronouns):
                cut.pop()
            return cut
    return subj


def _zero_relative(s: Sentence, subj: list[int]) -> int:
    """Where a second noun phrase opens inside the subject ``subj`` of a would-be closing tag,
    right after the first one's noun (an article or a possessive after a lower-case noun: "…, a
    claim his rivals dispute."): the subject of a relative clause without "that", whose verb is
    the one after ``subj``; 0 when there is none."""
    T, L, lex = s.T, s.L, s.lex
    if L[subj[0]] not in lex.determiners or len(subj) < 4:
        return 0
    for x in subj[2:-1]:
        if L[x] in lex.determiners and L[x] not in QUANTIFIERS and L[x] not in lex.pronouns \
                and T[x - 1].isalpha() and T[x - 1].islower() and L[x - 1] not in lex.stopwords \
                and L[x - 1] not in lex.determiners and L[x - 1] not in lex.skip_after_verb:
            return x
    return 0


#: the endings of English past participles ("said", "warned", "thought", "written"), which may
#: follow a contracted "has" ("Clinton’s said…")
_PAST_ENDINGS = ("d", "t", "n")


def _infinitive_follows(s: Sentence, v: Verb) -> bool:
    """An infinitive of the lexicon's ``stance_infinitives`` or ``infinitives`` follows the verb,
    past a negation and object pronouns: « La FNSEA dit ne pas en croire un mot », « Le ministre
    dit avoir reçu… » (a present tense that reports; "dit" alone may be a participle: « l'accord
    dit de Schengen », « le texte dit autre chose »)."""
    T, L, n = s.T, s.L, len(s.T)
    k = v.vend + 1
    while k < n and (L[k] in NEGATION_PARTICLES or L[k] in s.lex.negations or L[k] in OBJECT_CLITICS
                     or L[k] in QUOTED_CLITICS or L[k] in REFLEXIVE or L[k] in _INFINITIVE_CLITICS):
        k += 1
    return k < n and (L[k] in s.lex.stance_infinitives or L[k] in s.lex.infinitives)


#: the pronouns that may stand between a verb and an infinitive after it (« dit en avoir », « dit y croire »)
_INFINITIVE_CLITICS = frozenset({"en", "y"})


def _final_tag(s: Sentence, v: Verb, first: int) -> bool:
    """The subject at token ``first`` and its verb are a speech tag that closes the sentence,
    after a comma or a quotation: "…, the agency said on Monday." credits the whole sentence,
    ahead of any verb inside what it reports ("X is recalling…, the agency said")."""
    T, L, lex = s.T, s.L, s.lex
    if first == 0 or T[first - 1] != "," and T[first - 1] not in QUOTE_END or v.form in lex.no_inversion \
            or v.form.endswith(PARTICIPLE_ENDINGS):
        return False  # (a verb that needs its object, "was considering": no tag)
    if T[first - 1] == "," and _only_according_before(s, first - 1):
        return False  # « Selon Le Parisien, le suspect a avoué. »: nothing is reported before the comma
    n = len(T)
    k = v.vend + 1
    end = n - 1 if T[-1] in _SENTENCE_END else n
    for x in range(k, min(end - 1, k + _TAG_TAIL + 1)):
        if T[x] == "," and L[x + 1] in lex.verb_forms and L[x + 1].endswith(PARTICIPLE_ENDINGS):
            end = x  # the tag's own participle clause: "…, a Chinese official said, adding that…"
            # (not "…, Sanders said, according to CNN": that source is the report's)
            break
    if end - k > _TAG_TAIL or any(L[x] in lex.negations or L[x].endswith(("n’t", "n't"))
                                  for x in range(max(first, v.gi - 2), v.vi)):
        return False  # ("…, the moderators didn’t ask.", "…, they never asked.")
    forms = lex.verb_forms
    for x in range(k, end):
        low = L[x]
        if low in HARD_STOP or low in INTRODUCERS or low in forms or low.endswith(PARTICIPLE_ENDINGS):
            return False
    return True


def _only_according_before(s: Sentence, comma: int) -> bool:
    """The sentence opens with an "according to" / « selon » phrase that ends at the comma at
    ``comma``, no verb in it: a source, not something reported ("According to the Times, the
    suspect confessed.")."""
    if s.w_start != s.start:
        return False
    m = s.lex.according_re.match(s.text, s.tk.pos(0))
    return m is not None and m.end() <= s.tk.pos(comma) and not any(low in s.lex.verb_forms for low in s.L[:comma])


#: the most tokens after a closing tag's verb ("…, he told reporters on Monday in Paris.")
_TAG_TAIL = 8
_SENTENCE_END = frozenset(".!?…")


#: the words of a Title Case headline between its subject and its verb, and those of them that
#: make it a passive ("Got Asked")
_HEADLINE_FILLERS = frozenset({"just", "got", "gets", "was", "is", "may", "might", "not", "have", "has", "had", "will",
                               "would", "did", "does", "finally", "also", "now"})
_HEADLINE_PASSIVE = frozenset({"got", "gets", "was", "is"})


def _headline_filler(low: str) -> bool:
    return low in _HEADLINE_FILLERS or low in PREVERBAL_ADVERBS or low.endswith("ly")
#: the quantifiers that stand for one person ("One says…, another says…"), and what may come
#: before them
_ONE = frozenset({"one", "another"})
_ONE_AFTER = frozenset({"yet", "and", "but", "while"})


def coordinated_verb(s: Sentence, v: Verb, c: int) -> Outcome:
    """A verb coordinated with an earlier one shares its subject, the sentence's opening one.
    Called by ``preverbal_subject`` when the verb has no subject of its own, with ``c`` the
    coordinator or comma before it (past "then", a time or an adverb).

    fr: « Le ministre a visité l'usine et a affirmé que… » → *Le ministre*
    en: "Clinton celebrated in Florida and said it was another step" → *Clinton*"""
    if s.L[c] in s.lex.verb_coordinators and c > 0 and s.T[c - 1] == ",":
        c -= 1  # "…, but told…": the clause before the comma
    return _clause_subject(s, v, c)


def after_having(s: Sentence, v: Verb) -> Outcome:
    """A verb after "after having" / « après avoir » reports for the subject of the clause
    before "after" (a perfect infinitive or participle has no subject of its own).

    fr: « Le maire a démissionné après avoir reconnu que le plan avait échoué » → *Le maire*
    en: "The mayor resigned after having admitted that the plan had failed" → *The mayor*"""
    L, gi = s.L, v.gi
    k = gi - 1
    if k < 1 or L[k] not in PERFECT_AUXILIARIES or L[k - 1] not in PERFECT_AFTER:
        return None
    found = _clause_subject(s, v, k - 1)
    if found.source is None:
        return Match(Rank.VERB_ONLY, gi, v.cue, None, "verb-only", v.contest)
    return found


#: the verb rules, in the order they are tried: the first that answers decides for the verb
VERB_RULES: tuple[VerbRule, ...] = (
    pronoun_in_verb,
    passive_agent,
    not_reporting,
    appearance,
    participle_agent,
    absolute_participle,
    document_participle,
    participle_clause,
    opening_participle,
    subject_before_apposition_rule,
    subject_before_dashes,
    fronted_tag,
    inverted_tag,
    infinitive_clause,
    contracted_subject,
    after_having,
    preverbal_subject,
)


#: added to the rank of a match whose cue lies in a subordinate clause
SUBORDINATE = 8


def verb_match(s: Sentence, v: Verb) -> Match | None:
    """What the first rule that answers for ``v`` found (``None`` for nothing), ranked lower
    inside a subordinate clause ("When I ask him…, he says…": the main clause's speaker wins)."""
    for rule in _rules_for(s, v):
        out = rule(s, v)
        if out is not None:
            if out is NOTHING:
                return None
            return out._replace(rank=out.rank + SUBORDINATE) if in_subordinate(s, v.gi) else out
    return None


def _rules_for(s: Sentence, v: Verb) -> tuple[VerbRule, ...]:
    """``VERB_RULES`` less the ones that cannot apply to ``v`` (a fast path: each rule checks
    its own conditions again, and a test compares the outcome with trying every rule): no
    pronoun rule without a hyphen, no passive without a passive auxiliary, no ``not_reporting``
    for a form that always reports, no participle agent without a participle and an agent
    marker close after it, no participle clause nor absolute participle without an "-ant" /
    "-ing" form, no appearance rule for a verb of no appearance, no "after having" rule without
    "having" / « avoir » / « être » right before the verb group, no comma rules
    without a comma before the verb, no inverted tag without what can precede one, no
    infinitive rule without an infinitive, no opening participle past the window's first token
    (or "having"), no contracted pronoun without an apostrophe. What depends on the form alone
    or on the word before the verb group alone is worked out once per form and per word
    (``Lexicon.rule_memo``)."""
    L, lex, gi = s.L, s.lex, v.gi
    forms, befores = lex.rule_memo
    key = forms.get(v.form)
    if key is None:
        key = forms[v.form] = _form_facts(lex, v.form)
    before = L[gi - 1] if gi > 0 else ""
    b = befores.get(before)
    if b is None:
        b = befores[before] = _before_facts(lex, before)
    key |= b
    if 0 < gi <= CONTROL_REACH and L[0] in CONTROL_OPENERS:
        key |= _OPENING  # "Without wanting to admit…, X" (_in_opening_infinitive)
    has_aux = v.has_aux
    if "-" in v.whole or has_aux and "-" in s.T[gi]:
        key |= _HYPHEN
    if _passive_group(L, v, lex):
        key |= _PASSIVE
    if key & _PARTICIPLE and (has_aux or lex.agent_markers.isdisjoint(L[v.vend + 1:v.vend + lex.agent_gap + 2])):
        key &= ~_PARTICIPLE
    if has_aux and ("’" in L[gi] or "'" in L[gi]):
        key |= _CONTRACTED
    rules = _RULE_SETS.get(key)
    if rules is None:
        rules = _RULE_SETS[key] = tuple(r for r in VERB_RULES if r not in _NEEDS or key & _NEEDS[r])
    return rules


#: what a verb has, as bits of ``_rules_for``'s key
_HYPHEN, _PASSIVE, _MAY_NOT_REPORT, _PARTICIPLE, _ANT_ING, _COMMA, _TAG, _INFINITIVE, _OPENING, _CONTRACTED, _DASH, \
    _APPEARANCE, _PERFECT = (1 << i for i in range(13))


def _form_facts(lex: Lexicon, form: str) -> int:
    """The bits of ``_rules_for`` that the verb form alone decides."""
    key = 0
    if form in lex.no_comment_verbs or form.endswith("ing") or form in lex.that_verbs \
            or lex.not_reporting_before.get(form) or lex.only_before.get(form) or form in lex.naming_verbs \
            or form in lex.object_verbs or form in lex.quotation_verbs or form in lex.intention_verbs \
            or form in lex.as_verbs or form in lex.advice_modals or form in lex.discourse_verbs \
            or form in lex.noun_compounds:
        key |= _MAY_NOT_REPORT
    if form in lex.participles and not _not_agent_participle(lex, form):
        key |= _PARTICIPLE  # (and an agent marker after it: see _rules_for)
    if _participle_form(form):
        key |= _ANT_ING
    if form in lex.any_infinitives:
        key |= _INFINITIVE
    if form in lex.appearance_verbs:
        key |= _APPEARANCE
    return key


def _before_facts(lex: Lexicon, before: str) -> int:
    """The bits of ``_rules_for`` that the word before the verb group alone decides."""
    key = 0
    if before == ",":
        key |= _COMMA
    if before in DASHES or before in lex.degree_adverbs or before in lex.skip_after_verb \
            or before in PREVERBAL_ADVERBS or before.endswith(ADVERB_ENDINGS):
        key |= _DASH  # (after the dash, an adverb may come: "- now says", "- previously said")
    if before in _TAG_BEFORE or before in lex.inversion_after or before in QUOTED_CLITICS or before in OBJECT_PRONOUNS:
        key |= _TAG
    if before == "to":
        key |= _INFINITIVE
    if before.endswith(("'s", "’s")) or before in APOSTROPHES or before in lex.noun_adjectives:
        key |= _MAY_NOT_REPORT  # a base form may be a noun after a possessive: "Trump's hope", "its only hope"
    if before == "" or before in lex.perfect_participles or before in OPENING_PREPOSITIONS:
        key |= _OPENING  # the verb group opens the window, or follows "having" / "ayant" / "after"
    if before in PERFECT_AUXILIARIES:
        key |= _PERFECT  # "after having", « après avoir »
    return key


_RULE_SETS: dict[int, tuple[VerbRule, ...]] = {}
#: what can stand right before an inverted tag's verb
_TAG_BEFORE = frozenset({",", ":", *QUOTE_END, *DASHES})
#: the bits a rule needs one of (a rule not listed here is always tried)
_NEEDS: dict[VerbRule, int] = {
    pronoun_in_verb: _HYPHEN,
    passive_agent: _PASSIVE,
    not_reporting: _MAY_NOT_REPORT,
    appearance: _APPEARANCE,
    participle_agent: _PARTICIPLE,
    absolute_participle: _ANT_ING,
    document_participle: _ANT_ING,
    participle_clause: _ANT_ING,
    subject_before_apposition_rule: _COMMA,
    subject_before_dashes: _DASH,
    inverted_tag: _TAG | _COMMA,
    infinitive_clause: _INFINITIVE,
    opening_participle: _OPENING,
    fronted_tag: _OPENING,
    contracted_subject: _CONTRACTED,
    after_having: _PERFECT,
}


def in_subordinate(s: Sentence, k: int) -> bool:
    """Token ``k`` lies in a clause opened by a subordinating conjunction (back to the clause's
    punctuation): "When asked by Ingraham", "Lorsqu'on lui demande"."""
    T, L = s.T, s.L
    if _OPENS_CLAUSE.isdisjoint(L[max(0, k - 12):k]):
        return False  # (none of the words the walk looks for is there)
    j = k - 1
    while j >= 0 and k - j <= 12 and T[j] not in HARD_STOP:
        if L[j] in SUBORDINATORS or L[j] in OBJECT_RELATIVES and j > 0 \
                and (T[j - 1] not in HARD_STOP or T[j - 1] == "," and j >= 2 and T[j - 2].isalpha()
                     and T[j - 2].islower() and L[j - 2] not in s.lex.verb_forms):
            return True  # (and "des territoires que l'Ukraine revendique", « cette journée, qu'il a
            # qualifiée de… »: a relative clause; not « il a dit, que… »)
        j -= 1
    return False


_OPENS_CLAUSE = SUBORDINATORS | OBJECT_RELATIVES
