"""The attribution of one sentence: locate the cues, run the rules on each, choose.

``attribution_of`` is the extractor's entry point (it is given the sentence's lower case and
words, computed once per paragraph); ``find_attribution`` is the same for a bare range.
"""

from __future__ import annotations

import re

from workbench.claims.attribution import choose
from workbench.claims.attribution.phrases import POSSESSIVE, leading_subject, noun_phrase, starts_np
from workbench.claims.attribution.result import Attribution, Found, as_attribution
from workbench.claims.attribution.rules import Match, Sentence, according_to, verb_at, verb_match
from workbench.claims.attribution.tokens import tokens
from workbench.claims.attribution.verbs import (
    PRONOUN_SUFFIX,
    incise_with_pronoun,
    may_have_pronoun_suffix,
    verb_matches,
)
from workbench.claims.attribution.words import HARD_STOP, OF_LINKS, TIME_NOUNS, WH_OPENERS, WINDOW
from workbench.claims.lexicon import ACCORDING, CONTEST, Lexicon, PhraseGate


def contest_only(m: re.Match | None) -> Found | None:
    """A denial or rebuttal cue with no reporting verb or "according to" to credit.

    fr: « Une version démentie depuis » → contested, no source
    en: "The claim has been disputed" → contested, no source"""
    if m is None:
        return None
    return Found(m.start(), m.end(), None, None, "contest-only", True)


def opinion_frame(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """``Pour l'économiste Jean Dupont, « … »`` / ``For Ms Lopez, "…"``: a sentence that opens
    with "pour" / "for", a noun phrase, a comma and a quotation credits the quotation to the
    noun phrase; without a quotation, after the openers of ``lex.opinion_openers_alone``
    (French), a phrase that names someone does too ("Pour les analystes, le plan va échouer";
    "Pour la première fois, …" is no attribution)."""
    if not lex.opinion_openers or not text.startswith(lex.opinion_openers, start):
        return None
    tk = tokens(text, start, min(end, start + 160))
    T, L = tk.t, tk.l
    if len(T) < 4 or not starts_np(T[1], L[1], lex):
        return None
    np = noun_phrase(T, L, 1, lex)
    if not np or np[0] != 1:
        return None
    j = np[-1] + 1
    if j + 1 >= len(T) or T[j] != ",":
        return None
    if not any(t in ("«", "“", '"') for t in T[j + 1:]) \
            and not (text.startswith(lex.opinion_openers_alone or ("\0",), start) and _someone(T, L, np, lex)):
        return None  # "Pour l'économiste X, … « … »": a quotation follows, or the phrase names
        # someone ("Pour les analystes, le plan va échouer"; not "Pour la première fois, …")
    last = np[-1]
    if T[np[-1]][:1].isupper():
        # "Pour Anne-Sophie Renaud, avocate spécialisée en droit bancaire, la sanction est « … »"
        k = j + 1
        while k < len(T) and k - j <= 12 and T[k] not in HARD_STOP and L[k] not in lex.verb_forms \
                and L[k] not in lex.auxiliaries and L[k] not in lex.relative_pronouns:
            k += 1
        if k < len(T) and T[k] == "," and k > j + 1 and T[j + 1][:1].islower():
            last = k - 1
    return Found(tk.pos(0), tk.end(0), tk.pos(np[0]), tk.end(last), "according", False)


def _someone(T: list[str], L: list[str], np: list[int], lex: Lexicon) -> bool:
    """The noun phrase names a person or a group: a title word (or its plural) heads it
    ("les analystes", "the economist"), or it ends with a name of two words or more, or with an
    acronym ("Jean Dupont", "la CGT") — a single capitalised word may be a holiday or a place."""
    head = L[np[-1]]
    titles = lex.title_words
    if head in titles or head[-1:] in "sx" and head[:-1] in titles:
        return True
    t = T[np[-1]]
    if len(t) >= 2 and t.isupper() and t.isalpha():
        return True
    return len(np) >= 2 and all(T[x][:1].isupper() and T[x].isalpha() and L[x] not in lex.skip_after_verb
                                and L[x] not in TIME_NOUNS for x in np[-2:]) \
        and L[np[-2]] not in lex.determiners  # (not a day or a time: "For New Year", "For Black Friday")


def in_a_poll(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """A poll or a survey after "in" / "dans" at the start of a sentence that has no other
    source credits its figures: the poll is its source (``poll_prepositions``, ``poll_nouns``).

    fr: « Dans un sondage publié lundi, 50 % des électeurs choisissent Mme Roy » → *un sondage*
    en: "In a CNN poll, Clinton held a 24-point lead" → *a CNN poll*"""
    tk = tokens(text, start, end)
    T, L = tk.t, tk.l
    polls, before = lex.poll_nouns, lex.poll_prepositions
    for k in range(len(T) - 1):
        if L[k] not in before or not starts_np(T[k + 1], L[k + 1], lex) and L[k + 1] not in polls:
            continue
        np = noun_phrase(T, L, k + 1, lex)
        last = next((x for x in reversed(np) if L[x] in polls), None)
        if last is None:
            continue
        np = np[:np.index(last) + 1]  # (up to the poll: "a recent Gallup survey", not what it found)
        # the poll opens the sentence: "In a new poll, …" (not "… gained ground in the polls";
        # a named poll in the middle of the sentence, "… led by 10 points in a CNN poll", was
        # measured too: 61 % precision on polnear-train, nothing gained on polnear-dev)
        if k <= 1:
            return Found(tk.pos(k), tk.end(k), tk.pos(np[0]), tk.end(np[-1]), "according", False)
    return None


def possessive_claim(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """A claim noun after a possessive, then "that", credits the possessor, in a sentence with no
    other source (``claim_nouns``, English: French puts the holder after the noun, « l'affirmation
    du ministre selon laquelle… »).

    en: "Clinton's claim that 90 percent of her e-mails were in the system is her camp's
    calculation" → *Clinton*; "the mayor's insistence that the bridge is safe" → *the mayor*"""
    tk = tokens(text, start, end)
    T, L = tk.t, tk.l
    nouns = lex.claim_nouns
    for k in range(1, len(T) - 1):
        if L[k] not in nouns or L[k + 1] not in ("that", "que") \
                and not (L[k + 1] in _COPULAS and k + 2 < len(T) and L[k + 2] in ("that", "que")):
            continue  # ("Lee's view is that…": the noun, its copula and "that")
        p = k - 1
        if T[p] in "'’" and p > 0 and T[p - 1].endswith("s"):
            owner_end = tk.end(p - 1)  # "Sanders’ claim", "the judges’ statement"
            p -= 1
        elif L[p].endswith(POSSESSIVE) and len(T[p]) > 2:
            owner_end = tk.end(p) - 2  # "Clinton's claim"
        elif L[p] in _POSSESSIVE_DETERMINERS:
            return Found(tk.pos(k), tk.end(k), tk.pos(p), tk.end(p), "according", False)  # "her claim that"
        else:
            continue
        # the possessor: a name (not the words before it: "including Mr. Trump's"), or a noun
        # with its article ("the mayor's"); noun_phrase_before goes further back than that
        a = p
        if T[p][:1].isupper():
            while a > 0 and p - a < 4 and (T[a - 1][:1].isupper() and T[a - 1].isalpha()
                                           or T[a - 1] == "." and a > 1 and T[a - 2] in lex.abbreviations):
                a -= 1
        else:
            while a > 0 and p - a < 3 and L[a - 1] not in lex.stopwords and T[a - 1].isalpha():
                a -= 1
            if a > 0 and L[a - 1] in lex.determiners and L[a - 1] not in lex.pronouns:
                a -= 1
        return Found(tk.pos(k), tk.end(k), tk.pos(a), owner_end, "according", False)
    return None


def speech_noun_agent(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """A noun of a speech act and its agent: the agent is the source, in a sentence with no
    other source (``speech_nouns``, ``agent_markers``).

    fr: « peu après l'annonce par IBM de la suppression de 25 000 emplois » → *IBM*
    en: "after the announcement by IBM of 25,000 job cuts" → *IBM*; "a statement by the
    ministry said…" is the verb rules' (a verb with its subject comes first)"""
    tk = tokens(text, start, end)
    T, L = tk.t, tk.l
    nouns, markers = lex.speech_nouns, lex.agent_markers
    for k in range(1, len(T) - 2):
        if L[k] not in nouns or L[k + 1] not in markers or L[k - 1] not in lex.determiners:
            continue
        np = noun_phrase(T, L, k + 2, lex)
        # what was announced follows the agent after "of" / « de »: the first such link before a
        # word in lower case or a number ends the agent ("by IBM of 25,000 job cuts", « par le
        # ministre de l'état d'urgence »; but "by the Department of Labor of new rules")
        links = [x for x in np[1:] if L[x] in OF_LINKS and x + 1 <= np[-1] and not T[x + 1][:1].isupper()
                 and not (L[x + 1] in lex.determiners and x + 2 <= np[-1] and T[x + 2][:1].isupper())]
        if links:
            np = np[:np.index(links[0])]
        if np and np[0] == k + 2 and starts_np(T[k + 2], L[k + 2], lex) \
                and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries for x in np):
            return Found(tk.pos(k), tk.end(k), tk.pos(np[0]), tk.end(np[-1]), "according", False)
    return None


#: the verbs between a claim noun and its "that" ("Lee's view is that…", "his argument was that…")
_COPULAS = frozenset({"is", "was", "remains"})

#: possessive determiners that stand for their holder ("her claim that…")
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its"})


def viewpoint(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """An opinion credited by a set phrase with its holder's pronoun or possessive, at the start
    of the sentence or between commas (lexicon ``viewpoints``).

    fr: « À son avis, la réforme est injuste » → *son*; « Selon moi, … » → *moi*; « Pour lui,
    … » → *lui*
    en: "In his view, the reform is unfair" → *his*; "The plan is, in my opinion, dead" → *my*;
    "It is clear in my view that the plan is dead" → *my* (before "that" / « que », no comma)

    (The extractor calls it for a sentence that holds one of the lexicon's ``viewpoint_words``
    or opens with one of its ``viewpoint_openers``.)"""
    for pattern in lex.viewpoint_res:
        m = pattern.search(text, start, end)
        while m is not None:
            a = m.start()
            lead = text[start:a].strip()
            opens = not lead or lead.lower() in lex.sentence_conjunctions
            k = m.end()
            while k < end and text[k] == " ":
                k += 1
            if k < end and ((opens or text[start:a].rstrip().endswith(",")) and text[k] == ","
                            or _introducer_at(text, k, end)):
                return Found(a, m.end(), m.start("src"), m.end("src"), "according", False)
            m = pattern.search(text, m.end(), end)
    return None


def hearsay_adverb(text: str, start: int, end: int, lex: Lexicon) -> Found | None:
    """An adverb of hearsay, when no other cue credits the sentence: what it says is reported,
    by nobody named (attributed, its source left for the reviewer; lexicon ``hearsay_adverbs``).

    fr: « Le ministre a prétendument quitté le pays » → attributed, no source
    en: "The group is reportedly spending $1.5 million on ads" → attributed, no source"""
    low = text[start:end].lower()
    for w in sorted(lex.hearsay_adverbs):
        i = low.find(w)
        while i >= 0:
            a, b = i, i + len(w)
            if (a == 0 or not low[a - 1].isalnum()) and (b == len(low) or not low[b].isalnum()):
                return Found(start + a, start + b, None, None, "verb-only", False)
            i = low.find(w, b)
    return None


def _introducer_at(text: str, k: int, end: int) -> bool:
    """The word at ``k`` is "que" / "qu'" / "that": « Il est concevable à mon avis qu'un
    système… » (a viewpoint before the clause it qualifies, no comma)."""
    w = text[k:min(end, k + 5)].lower()
    return w.startswith(("qu'", "qu’", "que ", "that "))


def introduced_quotation(text: str, start: int, quote_start: int, lex: Lexicon) -> Found | None:
    """A quotation that fills the sentence, introduced by its speaker and a comma or a colon:
    the subject that opens the sentence is the source, the words up to the comma the cue, even
    when the verb is none the lexicon knows (a quotation is always someone's words).

    fr: « Le ministre poursuit : « Nous ne céderons pas » » → *Le ministre*
    en: "He jokes, “It's a never-ending line!”" → *He*; "Sanders delivered a snappy retort:
    “No one is tearing this up.”" → *Sanders*

    An opening phrase may come first ("In a Fox interview later that day, Trump went even
    further: “…”"). Not a passive ("X was asked, “…”": X is who was asked), and the words before
    the quotation end with the comma or colon ("In fact, X was the founder of “…”" is no tag)."""
    head_end = quote_start
    while head_end > start and text[head_end - 1].isspace():
        head_end -= 1
    if head_end - start < 3 or text[head_end - 1] not in ",:" or head_end - start > 160:
        return None
    tk = tokens(text, start, head_end - 1)
    T, L = tk.t, tk.l
    # an opening phrase before the clause: "In a Fox interview, Trump went further: “…”"
    first = next((x + 1 for x in range(len(T) - 2, -1, -1) if T[x] == ","), 0)
    if first:
        tk = tokens(text, tk.pos(first), head_end - 1)
        T, L = tk.t, tk.l
    subj = leading_subject(T, L, lex)
    if not subj and 2 <= len(T) <= 9 and starts_np(T[0], L[0], lex) and T[-1].isalpha() and T[-1].islower() \
            and not any(t in HARD_STOP or L[x] in lex.verb_forms or L[x] in lex.auxiliaries
                        for x, t in enumerate(T[:-1])):
        subj = list(range(len(T) - 1))  # "Le ministre enchaîne :": a noun phrase and one verb
    if not subj or subj[0] != 0 or L[subj[-1]] in lex.stopwords and L[subj[-1]] not in lex.pronouns:
        # (a subject does not end with a preposition: « Mise à jour : », « Point de vue : », "State
        # of play:" are a section's label, their last word no verb)
        return None
    k = subj[-1] + 1
    if k >= len(T) or any(t in HARD_STOP for t in T[k:]) or L[k] in lex.passive_auxiliaries \
            or k + 1 < len(T) and L[k] in lex.auxiliaries and L[k + 1] in lex.passive_auxiliaries:
        return None
    return Found(tk.pos(k), tk.end(len(T) - 1), tk.pos(subj[0]), tk.end(subj[-1]), "introduced", False)


def tagged_quotation(text: str, start: int, end: int, quotes: list[tuple[int, int]], lex: Lexicon) -> Found | None:
    """A quotation that opens the sentence, then its comma and a short speech tag: the tag's
    noun phrase is the source and its verb the cue, even a verb the lexicon does not know (what
    follows a quotation and its comma says who spoke, and how).

    fr: « « C'est une honte », s'est emporté un élu de l'opposition. » → *un élu de
    l'opposition*; « « Jamais ! », a tempêté-t-il. » → *-t-il* (the pronoun as written on the
    verb, as ``rules.pronoun_in_verb`` gives it)
    en: '"It is a shame," the mayor fumed.' → *the mayor*; '"Not again," groaned Smith.' →
    *Smith*

    The tag is at most ``TAG_TOKENS`` tokens and holds one verb: a noun phrase then a word in
    lower case (and an adverb or "back"), that word then a noun phrase, or (French) an
    auxiliary, that word and a noun phrase, or a verb with its pronoun ("-t-il"). After a
    quotation of a few words, the inverted noun phrase may be followed by where, when or to
    whom it was said (``lex.tag_adjunct_openers``): « « … », a lancé la présidente devant les
    militants. »"""
    quote = next(((a, b) for a, b in quotes if start <= a <= start + 1 and b < end), None)
    if quote is None:
        return None
    b = quote[1]
    inside = text[max(quote[0], b - 3):b]
    tail_start = b
    while tail_start < end and text[tail_start] in " \u00a0\u202f":
        tail_start += 1
    if tail_start < end and text[tail_start] == ",":
        tail_start += 1
    elif not any(c in inside for c in ",!?…"):
        return None  # ('"Yes" is the answer.': no comma, no tag)
    tail_end = end
    while tail_end > tail_start and text[tail_end - 1] in ". \u00a0":
        tail_end -= 1
    if tail_end - tail_start > 120:
        return None
    tk = tokens(text, tail_start, tail_end)
    T, L = tk.t, tk.l
    n = len(T)
    described = -1  # the last token of a description after the tag's name, if any
    comma = next((x for x, t in enumerate(T) if t in HARD_STOP), n)
    if 2 <= comma < n - 1 and T[comma] == "," and all(t == "," or t not in HARD_STOP for t in T[comma:]) \
            and (L[comma + 1] in lex.determiners and L[comma + 1] not in lex.pronouns or L[comma + 1] in lex.title_words):
        # a description after the name: '"We won!" shouted Ann Lee, the council president.'
        described, n = len(T) - 1, comma
        T, L = T[:n], L[:n]
    said = text[quote[0]:b].split()
    clause = described < 0 and len(said) >= 3 and any(w[:1].islower() for w in said)  # (not a title)
    x = _verb_before_adjunct(T, L, n, lex) if clause else None
    # (the last resort: '"It is a shame," the mayor fumed at the meeting on Monday.')
    adjunct = None if x is None else Found(tk.pos(x), tk.end(x), tk.pos(0), tk.end(x - 1), "tagged", False)
    if not 1 <= n <= TAG_TOKENS or any(t in HARD_STOP for t in T):
        return adjunct
    # a verb with its pronoun, written as on the verb: « tempête-t-il », « a ironisé-t-elle »
    pm = PRONOUN_SUFFIX.search(L[-1]) if n == 1 + (L[0] in lex.auxiliaries) and T[-1].islower() and described < 0 else None
    if pm:
        return Found(tk.pos(0), tk.end(n - 1), tk.pos(n - 1) + pm.start(), tk.end(n - 1), "tagged", False)
    if n == 1:
        return None
    # an auxiliary (« a », « s'est »), a verb, a noun phrase: « a ironisé le maire »
    v = 0
    if L[0] in lex.auxiliaries:
        v = 1
    elif n > 2 and L[0] in REFLEXIVE_CLITICS and L[1] in lex.auxiliaries:
        v = 2
    elif L[0] in REFLEXIVE_CLITICS:
        v = 1  # « s'insurge un élu »
    if v < n - 1 and _tag_verb(T[v], L[v], lex) and (v or not L[v].endswith("s")):
        np = noun_phrase(T, L, v + 1, lex, describe=True)
        if np and starts_np(T[v + 1], L[v + 1], lex) \
                and (np[-1] == n - 1 or clause and L[np[-1] + 1] in lex.tag_adjunct_openers):
            # (then where, when or to whom: « a lancé la présidente devant les militants »)
            return Found(tk.pos(0), tk.end(v), tk.pos(v + 1), tk.end(max(np[-1], described)), "tagged", False)
    # a noun phrase, then the verb (and an adverb, "back"): "the mayor fumed", "he shot back";
    # after "is how" / "was what", the verb and its "it": '"…," is how the mayor put it.'
    o = 2 if n >= 4 and L[0] in lex.passive_auxiliaries and L[1] in WH_OPENERS and described < 0 else 0
    last = n - 1
    if o and L[last] == "it":
        last -= 1
    if last >= 2 and (L[last] in TAG_PARTICLES or L[last].endswith("ly") and T[last].islower()):
        last -= 1
    if 1 <= last - o <= MAX_TAG_SUBJECT and _tag_verb(T[last], L[last], lex) and starts_np(T[o], L[o], lex) \
            and not any(L[x] in lex.verb_forms or L[x] in lex.auxiliaries or L[x] in lex.clause_openers
                        or L[x] in lex.source_stoppers for x in range(o, last)):
        return Found(tk.pos(last), tk.end(n - 1), tk.pos(o), tk.end(last - 1), "tagged", False) \
            if described < 0 else None  # (a description after the verb describes no subject)
    return adjunct


#: the longest speech tag after a quotation, in tokens, before the comma of a description after
#: its name ('"We won!" shouted Ann Lee, the council president')
TAG_TOKENS = 10
#: the longest subject before a tag's verb, in tokens ("Senate Majority Leader Mitch McConnell")
MAX_TAG_SUBJECT = 6
#: words after a tag's verb: "shot back", "chimed in", "went on"
TAG_PARTICLES = frozenset({"back", "in", "on", "out", "again"})
#: the reflexive clitics of a French tag: « s'est emporté », « s'insurge »
REFLEXIVE_CLITICS = frozenset({"s'", "s’", "se"})


def _verb_before_adjunct(T: list[str], L: list[str], n: int, lex: Lexicon) -> int | None:
    """The index of a tag's verb that follows its noun phrase and comes before where, when or to
    whom it was said ('"It is a shame," the mayor fumed at the meeting on Monday.', '"No," the
    nominee riffed on her non-answer…'): a verb in the past tense by its form, or one the
    lexicon knows, then a word of ``lex.tag_adjunct_openers``. ``None`` otherwise. (The caller
    asks for a quotation of a few words, one in lower case: not a title, "“Hamilton,” the
    musical opened on Broadway".)"""
    if n < 3 or not starts_np(T[0], L[0], lex):
        return None
    for x in range(1, min(n - 1, MAX_TAG_SUBJECT + 1)):
        low = L[x]
        if T[x] in HARD_STOP or low in lex.auxiliaries or low in lex.clause_openers or low in lex.source_stoppers:
            return None
        if _tag_verb(T[x], low, lex) and (low.endswith("ed") or low in lex.past_forms or low in lex.verb_forms) \
                and L[x + 1] in lex.tag_adjunct_openers:
            return x
    return None


def _tag_verb(t: str, low: str, lex: Lexicon) -> bool:
    """A word that can be the verb of a speech tag: one plain lower-case word, no function word
    (not "the", "of", « de »)."""
    return t.isalpha() and t.islower() and low not in lex.stopwords and low not in lex.determiners \
        and low not in WH_OPENERS and low not in lex.source_stoppers and low not in lex.clause_openers and len(low) > 2


def find_attribution(text: str, start: int, end: int, lex: Lexicon) -> Attribution | None:
    """The best attribution inside ``text[start:end]``, or ``None``."""
    low = text[start:end].lower()
    found = attribution_of(text, start, end, lex, low, lex.words_of(low), PhraseGate.plain(low, end - start))
    return as_attribution(text, found or opinion_frame(text, start, end, lex))


def _cues(text: str, start: int, end: int, lex: Lexicon, low: str, words, plain: bool):
    """The sentence's contest cue (a match or ``None``), its "according to" matches, and the
    first occurrence of each phrase family (``None`` unless ``plain``)."""
    if plain:
        firsts = lex.gates.firsts(low, words)
        if firsts is None:
            return None, [], None
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
        return contested_m, acc_matches, firsts
    contested_m = lex.contest_re.search(text, start, end) if not lex.contest_keys.isdisjoint(words) else None
    acc_matches = list(lex.according_re.finditer(text, start, end)) if not lex.according_keys.isdisjoint(words) else []
    return contested_m, acc_matches, None


def _window(text: str, start: int, end: int, low: str, forms, acc_matches) -> tuple[int, int]:
    """The range to tokenize: ``WINDOW`` characters around the cues, never cutting a word
    (subjects and noun phrases are a few words long)."""
    if end - start <= WINDOW:
        return start, end  # every cue is less than WINDOW characters from either end
    return window_around(text, start, end, low, forms, acc_matches)


def window_around(text: str, start: int, end: int, low: str, forms, acc_matches) -> tuple[int, int]:
    """``_window`` worked out in full."""
    lo, hi = end, start
    for form in forms:
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
    # (a sentence that opens less than twice the window before the first cue is read from its
    # start: a long subject's name is not cut, "Rich Heffley, a … operative who … , said")
    w_start = start if lo - start <= 2 * WINDOW else lo - WINDOW
    while w_start > start and not text[w_start - 1].isspace():
        w_start -= 1
    w_end = min(end, hi + WINDOW)
    while w_end < end and not text[w_end].isspace():
        w_end += 1
    return w_start, w_end


def verb_targets(lex: Lexicon, verbs_present, words):
    """The lower-cased tokens that can start a reporting verb in a text with these ``words``:
    its one-word verb forms (``verbs_present``) and the first token of each several-word verb
    whose words are all there (the gates of ``lex.multiword_gates`` are looked up by one word,
    ``lex.multiword_by_word``)."""
    by_word = lex.multiword_by_word
    if by_word.keys().isdisjoint(words):
        return verbs_present
    targets = verbs_present
    for word in by_word.keys() & words:
        for first, ws in by_word[word]:
            if ws <= words:
                targets = targets | {first}
    return targets


def attribution_of(text: str, start: int, end: int, lex: Lexicon, low: str, words, plain: bool,
                   quotes: list[tuple[int, int]] | None = None, others: list[Found] | None = None) -> Found | None:
    """``find_attribution`` as a ``Found``, with the range's lower case ``low``
    (``text[start:end].lower()``) and its words (``lex.words_of(low)``) given; ``plain``:
    ``PhraseGate.plain`` holds for them (cue phrases are then located before their regex runs);
    ``quotes``: the quotations of the paragraph (``segment.quote_spans``), if known: a speech
    tag outside them wins over a verb quoted inside ("“… who told us …,” Holbrooke said");
    ``others``: when given, receives every match with a source outside the quotations (the
    speakers of the sentence, for ``speakers.speaker_parts``) when there are two or more and
    a clause boundary where the sentence could be cut."""
    contested_m, acc_matches, firsts = _cues(text, start, end, lex, low, words, plain)
    verbs_present = lex.verb_forms.intersection(words)
    has_verb = bool(verbs_present) or not lex.multiword_first.isdisjoint(words) or incise_with_pronoun(low)
    if not (has_verb or acc_matches):
        return contest_only(contested_m)
    targets = None
    if has_verb and plain:
        # a token that is a one-word verb form is one of the text's words (PhraseGate.plain)
        targets = verb_targets(lex, verbs_present, words)
        if not targets and not may_have_pronoun_suffix(low):
            # the first word of a several-word verb without the rest of it: verb_matches would
            # find nothing, the tokens are not needed for the verbs
            has_verb = False
            if not acc_matches:
                return contest_only(contested_m)
    w_start, w_end = _window(text, start, end, low, verbs_present or lex.multiword_first.intersection(words),
                             acc_matches)
    tk = tokens(text, w_start, w_end)
    if not has_verb:
        found_verbs = []
    elif plain:
        found_verbs = verb_matches(tk, lex, targets)
    else:
        found_verbs = verb_matches(tk, lex)
    if not found_verbs and not acc_matches:
        return contest_only(contested_m)
    s = Sentence(text, start, end, w_start, tk, tk.t, tk.l, lex)
    matches: list[Match] = []
    for m in acc_matches:
        found = according_to(s, m)
        if found is not None:
            matches.append(found)
    for vi, vend, whole, form in found_verbs:
        found = verb_match(s, verb_at(s, vi, vend, whole, form))
        if found is not None:
            matches.append(found)
    if quotes:
        matches = choose.without_quoted_impersonal(s, matches, quotes)
    if not matches or choose.speaker_inside_quotation(s, matches, quotes):
        return contest_only(contested_m)
    winner = choose.best(s, matches, quotes)
    if contested_m is not None or any(map(choose._contested, matches)):
        aside = choose.subject_aside(s, winner)
        if aside is not None:
            # a denial inside the speaker's description disputes nothing of what is said: "Lee,
            # who has denied wrongdoing, said the plan worked"
            if contested_m is not None and aside[0] <= contested_m.start() < aside[1]:
                contested_m = lex.contest_re.search(text, aside[1], end)
            matches = [m for m in matches if not (m.contested and aside[0] <= tk.pos(m.at) < aside[1])] or matches
    contested = choose.is_contested(s, matches, contested_m is not None, len(found_verbs), firsts, plain, words)
    if others is not None and len(matches) > 1 and lex.speaker_boundary_re is not None \
            and sum(m.source is not None for m in matches) > 1 \
            and (lex.speaker_boundary_re.search(text, start, end)
                 or lex.opening_subordinate_re is not None and lex.opening_subordinate_re.match(text, start)):
        # (only a sentence with a clause boundary can be cut: speakers.speaker_parts)
        others.extend(choose.speakers(s, matches, quotes, contested))
    return choose.as_found(s, winner, contested)
