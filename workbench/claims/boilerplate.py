"""Page furniture that is not a claim: navigation, share and cookie banners, bylines,
related-article lists, lone section names, teaser questions, calls to action, disclaimers.

General rules only: patterns come from the per-language lexicon files, the rest is shape.
"""

from __future__ import annotations

import re

from workbench.claims.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BREADCRUMB = re.compile(r"\s[»›>|/]\s")

#: an unterminated line shorter than this is a heading, a section name or a fragment
MIN_HEADLINE_WORDS = 6
#: a sentence shorter than this is not a claim on its own
MIN_CLAIM_WORDS = 4
#: page furniture is short; longer paragraphs are prose and skip the pattern scan
MAX_FURNITURE_CHARS = 600
MAX_SENTENCE_FURNITURE_CHARS = 200


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def paragraph_reason(par: str, lex: Lexicon, seen: set[str]) -> str | None:
    """Why the whole paragraph is boilerplate, or ``None``."""
    key = " ".join(par.split()).casefold()
    if key in seen:
        return "repeated line"
    seen.add(key)
    if len(par) <= MAX_FURNITURE_CHARS and lex.boilerplate_re.search(par):
        return "boilerplate pattern"
    if len(_BREADCRUMB.findall(par)) >= 2 and "«" not in par:
        return "breadcrumb"
    ws = words(par) if len(par) < 300 else par.split()
    if not ws:
        return "no words"
    if len(par) < 300:
        letters = sum(map(str.isalpha, par))
        if letters < 0.5 * (len(par) - par.count(" ")):
            return "mostly symbols"
    if len(ws) <= 3 and not par.rstrip().endswith((".", "!", "»", "”")):
        return "lone section name"
    if len(ws) > 1 and par.isupper():
        return "all capitals"
    return None


def sentence_reason(sent: str, unterminated: bool, lex: Lexicon, all_patterns: bool = True) -> str | None:
    """Why this sentence is not a candidate claim, or ``None``. With ``all_patterns`` false (its
    paragraph passed them all), only the patterns anchored at a line start are tried."""
    stripped = sent.rstrip()
    ws = stripped.split()
    if stripped.endswith("?"):
        return "question"
    if stripped.endswith(":"):
        return "lead-in"
    if unterminated and len(ws) < MIN_HEADLINE_WORDS:
        return "short unterminated line"
    if len(ws) < MIN_CLAIM_WORDS:
        return "too short"
    if len(stripped) <= MAX_SENTENCE_FURNITURE_CHARS:
        found = lex.boilerplate_re.search(stripped) if all_patterns else lex.boilerplate_re.anchored.match(stripped)
        if found:
            return "boilerplate pattern"
    return None
