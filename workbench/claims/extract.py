"""Article text -> candidate claims with a suggested label, cue, source and score."""

from __future__ import annotations

from workbench.claims import boilerplate
from workbench.claims.attribution import Attribution, find_attribution, headline_source
from workbench.claims.language import detect_language
from workbench.claims.lexicon import load
from workbench.claims.model import ATTRIBUTED, CONTESTED, UNSOURCED, Candidate, Span
from workbench.claims.segment import paragraphs, quote_spans, sentences

EXTRACTOR_VERSION = "rules-1"

_SCORES = {
    "inverted": 0.92,
    "pronoun": 0.9,
    "according": 0.9,
    "preverbal": 0.85,
    "verb-only": 0.65,
    "carried": 0.7,
    "contest-only": 0.6,
}


def _label_and_score(att: Attribution | None) -> tuple[str, float, str]:
    if att is None:
        return UNSOURCED, 0.6, "no attribution cue"
    if att.contested:
        return CONTESTED, 0.75 if att.source else 0.6, f"contest cue ({att.pattern})"
    if att.source is None and att.pattern == "verb-only":
        return ATTRIBUTED, _SCORES["verb-only"], "reporting verb without a clear source"
    return ATTRIBUTED, _SCORES.get(att.pattern, 0.7), att.pattern


def _quote_cue(text: str, start: int, end: int, par_quotes: list[tuple[int, int]]) -> Span | None:
    """The quotation that fills most of the sentence, if any (from the paragraph's quotations:
    a sentence never ends inside one, so they clip exactly to the sentence's)."""
    spans = [(max(a, start), min(b, end)) for a, b in par_quotes if a < end and b > start]
    if not spans:
        return None
    s, e = max(spans, key=lambda se: se[1] - se[0])
    if (e - s) < 0.5 * (end - start):
        return None
    return Span(s, e, text[s:e])


def _opens_with_quote(sent: str) -> bool:
    return sent[:1] in "«“\"„"


def extract(text: str, language: str | None = None) -> list[Candidate]:
    """Candidate claims of ``text``, in order, non-overlapping, with exact offsets."""
    lang = language or detect_language(text)
    lex = load(lang if lang in ("fr", "en") else "en")
    out: list[Candidate] = []
    seen: set[str] = set()
    carry: Span | None = None  # source of a quotation that continues into the next paragraph
    last_source: Span | None = None
    for ps, pe in paragraphs(text):
        par = text[ps:pe]
        if boilerplate.paragraph_reason(par, lex, seen):
            carry = None
            continue
        next_carry: Span | None = None
        par_quotes = quote_spans(text, ps, pe)
        # a paragraph short enough was checked against every furniture pattern already
        recheck = len(par) > boilerplate.MAX_FURNITURE_CHARS
        for s, e in sentences(text, ps, pe, lex, par_quotes):
            sent = text[s:e]
            unterminated = e == pe and not sent.rstrip().endswith(('.', '!', '?', '…', '»', '”', '"'))
            reason = boilerplate.sentence_reason(sent, unterminated, lex, recheck)
            if reason == "lead-in":
                att = find_attribution(text, s, e, lex)
                if att and att.source:
                    next_carry = att.source  # "Il a ajouté :" then a quoted paragraph
            if reason:
                continue
            att = find_attribution(text, s, e, lex)
            label, score, why = _label_and_score(att)
            cue = att.cue if att else None
            source = att.source if att else None
            quote = _quote_cue(text, s, e, par_quotes)
            if att is None and quote is not None and (carry is not None or _opens_with_quote(sent)):
                # a paragraph of quotation with no tag of its own continues the last speaker's
                label, score, why = ATTRIBUTED, _SCORES["carried"], "quotation without a speech tag"
                cue, source = quote, carry or last_source
            if unterminated:
                score *= 0.85
                hs = headline_source(text, s, e, lex) if label == UNSOURCED else None
                if hs:
                    label, score, why = ATTRIBUTED, 0.7, "headline credits a speaker"
                    cue, source = hs
            out.append(Candidate(s, e, sent, label, round(score, 3), cue, source, why))
            if source is not None:
                last_source = source
            if label in (ATTRIBUTED, CONTESTED) and source is not None and quote is not None:
                if par_quotes and par_quotes[-1][1] == pe and not text[pe - 1] in "»”\"":
                    next_carry = source  # quotation left open at the paragraph end
                elif source is carry:
                    next_carry = carry
        carry = next_carry
    return out
