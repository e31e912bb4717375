"""Article text -> candidate claims with a suggested label, cue, source and score."""

from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from workbench.claims import boilerplate
from workbench.claims.attribution import (
    attribution_of,
    headline_source,
    hearsay_adverb,
    in_a_poll,
    introduced_quotation,
    tagged_quotation,
    opinion_frame,
    possessive_claim,
    speech_noun_agent,
    viewpoint,
)
from workbench.claims.attribution.phrases import TextWords
from workbench.claims.attribution.speakers import speaker_parts
from workbench.claims.attribution.verbs import incise_with_pronoun
from workbench.claims.attribution.words import INTRODUCERS, QUOTE_START, SPEAKER_PRONOUNS, WH_OPENERS
from workbench.claims.language import SAMPLE, detect_language, language_of_sample, stop_counts
from workbench.claims.lexicon import Lexicon, PhraseGate, load, unpunctuated, words_in
from workbench.claims.model import ATTRIBUTED, CONTESTED, UNSOURCED, Candidate, Span
from workbench.claims.segment import paragraphs, quote_spans, sentences

#: stored with every candidate and in dataset cards (provenance): raised when the rules change
#: what is extracted ("rules-2": the real-news rules and the two-speaker cut of issue 11)
EXTRACTOR_VERSION = "rules-2"

_SCORES = {
    "inverted": 0.92,
    "pronoun": 0.9,
    "according": 0.9,
    "preverbal": 0.85,
    "verb-only": 0.65,
    "carried": 0.7,
    "contest-only": 0.6,
    "introduced": 0.7,
    "tagged": 0.7,
}


_CONTEST_REASONS = {p: f"contest cue ({p})" for p in (*_SCORES, "contest-only")}


def _speaker_pronoun(source: Span | None) -> bool:
    """The source is "I", "we" or "you" (« je », « nous », « vous »): inside a transcript turn,
    the turn's speaker."""
    return source is not None and source.text.lower() in SPEAKER_PRONOUNS


def _span(text: str, start: int, end: int) -> Span:
    """``Span(start, end, text[start:end])``, without the frozen dataclass's ``__init__``."""
    span = _new_span(Span)
    _set_start(span, start)
    _set_end(span, end)
    _set_text(span, text[start:end])
    return span


_new_span = object.__new__
_set_start, _set_end, _set_text = Span.start.__set__, Span.end.__set__, Span.text.__set__


def _quote_cue(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> Span | None:
    """The quotation that fills most of the sentence, if any (from the quotations of the
    paragraph that overlap it: a sentence never ends inside one, so they clip exactly to the
    sentence's)."""
    spans = [(max(a, start), min(b, end)) for a, b in quotes if a < end and b > start]
    if not spans:
        return None
    s, e = spans[0] if len(spans) == 1 else max(spans, key=lambda se: se[1] - se[0])
    if (e - s) < 0.5 * (end - start):
        return None
    return _span(text, s, e)


def _bare_quote_end(line: str) -> bool:
    """A line that ends with a closing quotation mark and no sentence mark before it: an
    intertitle ("« Des erreurs administratives »", "Un degré de danger «marqué»")."""
    body = line.rstrip("»”\"’' \u00a0\u202f")
    return len(body) < len(line) and not body.endswith((".", "!", "?", "…"))


_OPENING_QUOTES = QUOTE_START
_TERMINAL = ('.', '!', '?', '…', '»', '”', '"', "''")
_STATEMENT_END = ('.', '!', '…', '»', '”', '"', "''")


class _Views(NamedTuple):
    """The text's language and the views of it the loop slices: its lower case and its
    punctuation-free words (None when lower-casing changes its length), and whether every slice
    of it passes ``PhraseGate.plain``."""

    lang: str
    low: str | None
    unpunct: str | None
    plain: bool


def _views(text: str, language: str | None) -> _Views:
    # computed once, sliced for the language sample and each paragraph: lower case never looks
    # across white space, and these start and end at white space; the sample can end inside a
    # word, hence the sigma test
    text_low = text.lower()
    plain = len(text_low) == len(text) and "ı" not in text_low and "ſ" not in text_low
    if len(text_low) != len(text):
        return _Views(language or detect_language(text), None, None, plain)
    text_unpunct = unpunctuated(text_low)
    if language:
        lang = language
    elif "Σ" not in text[:SAMPLE + 1]:
        lang = language_of_sample(text_low[:SAMPLE], text_unpunct[:SAMPLE])
    else:
        lang = detect_language(text)
    return _Views(lang, text_low, text_unpunct, plain)


#: after a lead-in's cue: up to three words of an object (no "how", « ce »), a "that" (``INTRODUCERS``)
#: and three words; or a comma and four words (the clause after a fronted tag)
_CLAUSE_AFTER_CUE = re.compile(
    r"\s*(?:(?!(?:%s)\s)[^\s,;:]+\s+){0,3}?(?:%s)(?:[^\s:]+\s+){2}[^\s:]|\s*,\s+(?:\S+\s+){3}" % (
        "|".join(sorted(WH_OPENERS)),
        "|".join(re.escape(w) + ("" if w[-1] in "'’" else r"\s") for w in sorted(INTRODUCERS) if w != ":")),
    re.I)


def _reports_a_clause(text: str, att, colon: int) -> bool:
    """The reported words of a lead-in (a sentence that ends with a colon) are a clause, before
    the colon: a "that" clause after the cue ("warned Clinton that…", « a rappelé que… »), or a
    clause after a fronted tag and its comma ("As a reporter noted, he did not…"), not only an
    object ("He listed the qualities:", « Il a ajouté : »)."""
    after = max(att[1], att[3])  # (past the cue and the source: "As X noted, …")
    return after < colon and _CLAUSE_AFTER_CUE.match(text, after, colon) is not None


#: the marks that close a quotation whose last sentence asks or exclaims: a tag after it opens
#: with a capital ("“Why not?” Trump said.") and the segmenter ends the sentence before it
_ASKED_OR_EXCLAIMED = re.compile(r"[?!…]\s*(?:''|[”\"’»])\s*$")
#: after a bare tag's verb: nothing, or where, when or to whom it was said, in a few words
_TAG_REST = re.compile(r"[\s,]*(?:(?:[^\s,;:“”\"«»]+\s*){0,8})[.!]?\s*$")


def _bare_tag(text: str, s: int, e: int, att, lex: Lexicon) -> bool:
    """``text[s:e]`` is only a speech tag: its source opens it, its cue follows, and after the
    cue come nothing or a few words saying where, when or to whom ("Trump said on Twitter.",
    "Renteria told reporters during the call.", "Smith said last week."): no clause, no
    infinitive ("Trump almost seemed to agree." is no tag), no quotation, no "that"."""
    if att is None or att[2] is None or att[2] != s or not att[3] <= att[0]:
        return False
    if text[att[3]:att[0]].strip() and len(text[att[3]:att[0]].split()) > 1:
        return False  # (at most one adverb between the source and its verb)
    rest = text[att[1]:e]
    if not _TAG_REST.match(rest):
        return False
    words = rest.lower().split()
    if not words:
        return True
    if any(w.strip(".!,") in INTRODUCERS for w in words):
        return False
    first = words[0].strip(".!,")
    if first == "to" or first in lex.infinitives:
        # "to People", "to a crowd of 500": to whom; not "to agree", "to check his stats"
        nxt = rest.split()[1] if len(words) > 1 else ""
        return nxt[:1].isupper() or nxt.lower() in lex.determiners or nxt[:1].isdigit()
    return True


def _labelled(text: str, att) -> tuple[str, float, str, Span | None, Span | None]:
    """Label, score, reason, cue and source of a sentence whose attribution is ``att``."""
    if att is None:
        return UNSOURCED, 0.6, "no attribution cue", None, None
    cs, ce, ss, se, pattern, contested = att
    cue = _span(text, cs, ce)
    source = None if ss is None else _span(text, ss, se)
    if contested:
        return CONTESTED, 0.75 if source else 0.6, _CONTEST_REASONS[pattern], cue, source
    if source is None and pattern == "verb-only":
        return ATTRIBUTED, 0.65, "reporting verb without a clear source", cue, source
    return ATTRIBUTED, _SCORES.get(pattern, 0.7), pattern, cue, source


def _lexicon_locals(lex: Lexicon) -> tuple:
    """The parts of a lexicon ``extract``'s loop reads for every paragraph and sentence."""
    return (lex.words_of, lex.cue_words, lex.opinion_openers or ("\0",), lex.link_headers,
            lex.link_header_prefixes or ("\0",), lex.photo_credits, lex.credit_line_re, lex.dateline_re.match,
            lex.viewpoint_words, lex.viewpoint_openers)


#: paragraphs shorter than this are read in the article's language (too few words to tell)
_OTHER_LANGUAGE_MIN_CHARS = 60
#: whether a paragraph of an article in this language may be in the other one (a cheap test
#: before counting stop words): French writes accents and guillemets that English seldom does,
#: and a French paragraph with no letter outside ASCII is rare
_FRENCH_MARKS = re.compile(r"[éèêàâçùûôîœ«»]")
_OTHER_LANGUAGE_CHECK = {"en": _FRENCH_MARKS.search, "fr": str.isascii}


#: what ``_alnum_pieces`` deletes before it looks at what is left
_SPACE_AND_ASCII_ALNUM = b" 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _alnum_pieces(unpunct: str) -> bool:
    """``unpunct.replace(" ", "").isalnum()``, faster: the characters other than spaces and
    ASCII letters and digits, left by one C-level pass over the UTF-8 bytes (which deletes no
    byte of a longer character's), are letters or digits, and a character is not a space."""
    rest = unpunct.encode("utf-8", "surrogatepass").translate(None, _SPACE_AND_ASCII_ALNUM)
    return (not rest or rest.decode("utf-8", "surrogatepass").isalnum()) and unpunct.strip(" ") != ""


def _in_other_language(par_low: str, language: str) -> bool:
    """The paragraph is clearly in the other language: at least 4 of its stop words, and 3 times
    as many as of the article's language."""
    counts = stop_counts(par_low)
    mine = counts.get(language, 0)
    theirs = counts.get("fr" if language == "en" else "en", 0)
    return theirs >= 4 and theirs >= 3 * mine


# ``extract`` is one loop of about 110 lines, with a reason: it runs once per paragraph and
# sentence of every imported text, and the state it carries (the last speaker, links and caption
# blocks, the paragraph's quotations and lower-case views) would be passed to each helper as
# arguments; the parts that need no such state are its helpers (``_views``, ``_labelled``,
# ``boilerplate``, ``attribution_of``).
def extract(text: str, language: str | None = None) -> list[Candidate]:
    """Candidate claims of ``text``, in order, non-overlapping, with exact offsets: a sentence
    each, or a clause each when a sentence reports two speakers in two clauses
    (``attribution.speakers``)."""
    lang, text_low, text_unpunct, text_plain = _views(text, language)
    lex = base = load(lang if lang in ("fr", "en") else "en")
    other: Lexicon | None = None  # the other language's lexicon, once a paragraph is in it
    check_other = _OTHER_LANGUAGE_CHECK[base.language]
    out: list[Candidate] = []
    seen = boilerplate.SeenLines()
    carry: Span | None = None  # source of a quotation that continues into the next paragraph
    last_source: Span | None = None
    paragraph_reason, stripped_reason = boilerplate.paragraph_reason, boilerplate.stripped_reason
    max_furniture = boilerplate.MAX_FURNITURE_CHARS
    (words_of, cue_words, opinion_openers, link_headers, link_prefixes, photo_credits, credit_line, dateline,
     vp_words, vp_openers) = _lexicon_locals(lex)
    in_links = in_caption = False
    caption_start = -1
    text_words = None  # the text's word counts, made when a line's speaker is first checked
    speakers: list = []  # the speakers of a sentence (attribution_of fills it when it has two or more)
    prev_end = -1  # where the paragraph before this one ends
    for ps, pe in paragraphs(text):
        before_end, prev_end = prev_end, pe
        par = text[ps:pe]
        par_low = par.lower() if text_low is None else text_low[ps:pe]
        # a paragraph in the other language (an English article's French quotation and its French
        # tag) is read with that language's words
        plex = base
        if len(par) >= _OTHER_LANGUAGE_MIN_CHARS and check_other(par) and _in_other_language(par_low, base.language):
            plex = other = other or load("fr" if base.language == "en" else "en")
        if plex is not lex:
            lex = plex
            (words_of, cue_words, opinion_openers, link_headers, link_prefixes, photo_credits, credit_line,
             dateline, vp_words, vp_openers) = _lexicon_locals(lex)
        if len(par) < 60:
            key = boilerplate.line_key(par.rstrip(" :"))
            if key in link_headers or key.startswith(link_prefixes):
                in_links, carry = True, None  # "Read Next", "Sur le même sujet": links follow
                continue
            if key in photo_credits:
                in_caption, carry = True, None  # "Getty Images": its caption follows
                continue
            if credit_line.search(par):
                # "Charlie Riedel/AP/File": a credit, and the line before it was the caption
                if out and out[-1].start == caption_start and out[-1].end == before_end:
                    out.pop()
                carry = None
                continue
        if in_caption:
            in_caption = False
            if not par.endswith(_TERMINAL):
                continue
        if paragraph_reason(par, lex, seen, par_low):
            carry = None
            continue
        if in_links:
            if not par.endswith(_STATEMENT_END) or "?" in par:
                carry = None
                continue  # the headline of another article ("Is it safe? Here's what doctors say.")
            in_links = False
        # the start of a one-sentence paragraph: a credit on the next line makes it a caption
        caption_start = -1
        next_carry: Span | None = None
        par_quotes = quote_spans(text, ps, pe)
        # (sorted and disjoint: a sentence's quotations are found by bisection, so a long
        # paragraph of many quotations stays linear)
        q_starts = [a for a, _ in par_quotes]
        q_ends = [b for _, b in par_quotes]
        # a paragraph short enough was checked against every furniture pattern already
        recheck = len(par) > max_furniture
        # the paragraph's lower case and words, sliced for each sentence (a sentence starts and
        # ends at white space, which lower-casing never looks across)
        plain = text_plain or PhraseGate.plain(par_low, pe - ps)
        unpunct = None if not plain else unpunctuated(par_low) if text_low is None else text_unpunct[ps:pe]
        # every piece of the paragraph's split is letters and digits: a sentence's words are
        # then the split of its slice (else words_in checks them)
        verified = plain and _alnum_pieces(unpunct)
        dl = dateline(par) if par[:1].isupper() or par[:1] == "[" else None
        turn: Span | None = None  # the speaker of a transcript line ("BENENSON: …") for the rest of its paragraph
        for s, e in sentences(text, ps, pe, lex, par_quotes, ps + dl.end() if dl is not None else -1):
            if dl is not None and s == ps and ps + dl.end() < e:
                s += dl.end()  # the claim starts after "CHICAGO, June 10 (Reuters) - "
            quotes = par_quotes[bisect_right(q_ends, s):bisect_left(q_starts, e)] if par_quotes else par_quotes
            sent = text[s:e]
            stripped = sent.rstrip()
            unterminated = e == pe and (not stripped.endswith(_TERMINAL) or s == ps and _bare_quote_end(stripped))
            reason = stripped_reason(stripped, unterminated, lex, recheck,
                                     par_low[s - ps:s - ps + len(stripped)] if recheck and plain else None)
            if reason and reason != "lead-in":
                continue
            if speakers:
                speakers = []
            if verified:
                words = set(unpunct[s - ps:e - ps].split())
                # without a cue word, attribution_of would return None
                low = par_low[s - ps:e - ps]
                att = None if cue_words.isdisjoint(words) and not incise_with_pronoun(low) else \
                    attribution_of(text, s, e, lex, low, words, True, quotes, speakers)
            elif plain:
                low = par_low[s - ps:e - ps]
                words = words_in(unpunct[s - ps:e - ps], low)
                att = attribution_of(text, s, e, lex, low, words, True, quotes, speakers)
            else:
                low = sent.lower()
                words = words_of(low)
                att = attribution_of(text, s, e, lex, low, words, PhraseGate.plain(low, e - s), quotes, speakers)
            if att is None and not lex.poll_nouns.isdisjoint(words):
                att = in_a_poll(text, s, e, lex)  # "In a CNN poll, Clinton led…"
            if (att is None or att[2] is None) and not lex.claim_nouns.isdisjoint(words):
                # "Clinton's claim that…", "after her warning that…" (over a verb-only cue)
                att = possessive_claim(text, s, e, lex) or att
            if att is None and not lex.speech_nouns.isdisjoint(words) and not lex.agent_markers.isdisjoint(words):
                att = speech_noun_agent(text, s, e, lex)  # "after the announcement by IBM of…"
            if att is None and sent.startswith(opinion_openers):
                att = opinion_frame(text, s, e, lex)  # "Pour l'économiste X, « … »"
            if not vp_words.isdisjoint(words) or sent.startswith(vp_openers):
                vp = viewpoint(text, s, e, lex)  # "À son avis, …", "In his view, …"
                if vp is not None and (att is None or att[2] is None or vp[0] <= att[0] < vp[1]):
                    att = vp  # (over a verb-only cue, or the phrase's "view" taken for a verb)
            if att is None and not lex.hearsay_adverbs.isdisjoint(words):
                att = hearsay_adverb(text, s, e, lex)  # "The group is reportedly spending…"
            if reason:  # "lead-in"
                if not (att and att[2] is not None) and e - s <= 160:
                    # "Cruz called them on it:" (no verb the lexicon knows): the subject introduces
                    att = introduced_quotation(text, s, s + len(stripped), lex) or att
                if att and att[2] is not None:
                    next_carry = _span(text, att[2], att[3])  # "Il a ajouté :" then a quoted paragraph
                if not (att and att[2] is not None and _reports_a_clause(text, att, s + len(stripped) - 1)):
                    continue
                # (a lead-in that reports a clause of its own is a claim too: "Trump warned that he
                # would make it an issue:", « Le ministre a rappelé que la loi s'applique : »)
            quote = _quote_cue(text, s, e, quotes) if quotes else None
            if att is None and quote is not None and quote.start > s:
                att = introduced_quotation(text, s, quote.start, lex)  # "He jokes, “…”"
            if att is None and quotes and sent.startswith(_OPENING_QUOTES):
                att = tagged_quotation(text, s, e, quotes, lex)  # '"It is a shame," the mayor fumed.'
            label, score, why, cue, source = _labelled(text, att)
            if att is None and quote is not None and (carry is not None or sent.startswith(_OPENING_QUOTES)):
                # a paragraph of quotation with no tag of its own continues the last speaker's
                label, score, why = ATTRIBUTED, _SCORES["carried"], "quotation without a speech tag"
                cue, source = quote, carry or last_source
            elif source is None and label != UNSOURCED and quote is not None and quote.start == s \
                    and quote.end >= s + len(stripped) - 1 and sent.startswith(_OPENING_QUOTES):
                # a quotation with no tag whose own words report or deny ("There is no evidence
                # that…", « Cette rumeur est démentie par les faits. ») is still the last speaker's
                source = carry or (last_source if s != ps else None)
            if unterminated:
                score = round(score * 0.85, 3)  # (the other scores are round already)
            if (label == UNSOURCED and unterminated or s == ps) and sent.find(":", 0, 60) >= 0:
                # a headline or a transcript line that opens with its speaker ("Graham: …", "TAPPER: …")
                if text_words is None:
                    text_words = TextWords(text)
                hs = headline_source(text, s, e, lex, names_only=None if unterminated else text_words)
                if hs is None and unterminated:
                    # a headline with no final stop and one name, checked as a name: "Issa: Hillary
                    # Clinton's 'Honesty Is In Question.'"
                    hs = headline_source(text, s, e, lex, names_only=text_words)
                if hs:
                    if label == UNSOURCED:
                        label, score, why = ATTRIBUTED, 0.7, "headline credits a speaker"
                        cue, source = hs
                    elif _speaker_pronoun(source) and source.start > hs[0].start:
                        cue, source = hs  # "FALLIN: Well, I think…": "I" is the line's speaker
                    if s == ps and not unterminated:
                        turn = hs[1]  # a transcript line: its paragraph is the speaker's turn
            elif turn is not None and (label == UNSOURCED and att is None or _speaker_pronoun(source)):
                # the next sentences of a transcript turn are its speaker's ("BENENSON: Senator
                # Sanders doesn't get to decide when we debate. Particularly when…"; "I think…")
                if label == UNSOURCED:
                    label, score, why = ATTRIBUTED, _SCORES["carried"], "the speaker of the transcript line"
                cue, source = (None if label == ATTRIBUTED and att is None else cue), turn
            if out and source is not None and e - s <= 160 and out[-1].start >= ps and not text[out[-1].end:s].strip() \
                    and out[-1].text.startswith(_OPENING_QUOTES) and _ASKED_OR_EXCLAIMED.search(out[-1].text) \
                    and _bare_tag(text, s, e, att, lex):
                # a tag cut from its quotation by the "?" or "!" that ends it ('“Why not?” Trump
                # said on Twitter.'): one claim, the tag's speaker's (not the last speaker's)
                prev = out.pop()
                out.append(Candidate(prev.start, e, text[prev.start:e], label, score, cue, source, why, ()))
                last_source = source
                caption_start = -2
                continue
            parts = speaker_parts(text, s, e, att, speakers, lex) if len(speakers) > 1 and source is not None else None
            if parts:
                for a, b, found in parts:  # two speakers in two clauses: one claim each
                    label, score, why, cue, source = _labelled(text, found)
                    if unterminated:
                        score = round(score * 0.85, 3)
                    out.append(Candidate(a, b, text[a:b], label, score, cue, source, why, ()))
            else:
                out.append(Candidate(s, e, sent, label, score, cue, source, why, ()))
            caption_start = s if s == ps and e == pe else -2
            if source is not None:
                last_source = source
                if label != UNSOURCED and quote is not None:
                    if par_quotes[-1][1] == pe and not text[pe - 1] in "»”\"'":
                        next_carry = source  # quotation left open at the paragraph end
                    elif source is carry:
                        next_carry = carry
        carry = next_carry
    return out
