"""Page furniture that is not a claim: navigation, share and cookie banners, bylines,
related-article lists, lone section names, teaser questions, calls to action, disclaimers.

General rules only: patterns come from the per-language lexicon files, the rest is shape.
"""

from __future__ import annotations

import re
from itertools import islice

from workbench.claims.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BREADCRUMB = re.compile(r"\s[»›>|/]\s")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z«“\"]")

#: an unterminated line shorter than this is a heading, a section name or a fragment
MIN_HEADLINE_WORDS = 6
#: a sentence shorter than this is not a claim on its own
MIN_CLAIM_WORDS = 4
#: page furniture is short; longer paragraphs are prose and skip the pattern scan
MAX_FURNITURE_CHARS = 600
MAX_SENTENCE_FURNITURE_CHARS = 200


def words(text: str) -> list[str]:
    return _WORD.findall(text)


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _mostly_symbols(par: str) -> bool:
    """Fewer letters than half the characters that are not spaces."""
    half = 0.5 * (len(par) - par.count(" "))
    b = par.encode("utf-8", "surrogatepass")
    if len(b) - len(b.translate(None, _ASCII_LETTERS)) >= half:
        return False  # its ASCII letters alone are enough
    return sum(map(str.isalpha, par)) < half


def line_key(par: str) -> str:
    """What two lines have in common when one repeats the other (case and spacing aside)."""
    return " ".join(par.split()).casefold()


class SeenLines:
    """The lines of a page so far, for "repeated line": ``line_key`` is computed only for lines
    that share their numbers of commas, periods, apostrophes and hyphens (which it keeps: no
    other character case-folds to one of them) with an earlier one; the keys of a signature are a
    set (a page of many lines of one signature stays linear)."""

    __slots__ = ("buckets",)

    def __init__(self) -> None:
        # a signature's one line so far, not keyed yet, or the keys of its lines
        self.buckets: dict[tuple[int, ...], str | set[str]] = {}

    def repeated(self, par: str) -> bool:
        """Whether ``par`` repeats an earlier line (``par`` is added to the lines if not)."""
        sig = (par.count(","), par.count("."), par.count("’"), par.count("'"), par.count("-"))
        bucket = self.buckets.get(sig)
        if bucket is None:
            self.buckets[sig] = par
            return False
        if isinstance(bucket, str):
            bucket = self.buckets[sig] = {line_key(bucket)}
        key = line_key(par)
        if key in bucket:
            return True
        bucket.add(key)
        return False


def paragraph_reason(par: str, lex: Lexicon, seen: set[str] | SeenLines, low: str | None = None) -> str | None:
    """Why the whole paragraph is boilerplate, or ``None`` (``seen``: the page's lines so far,
    as keys or ``SeenLines``; ``low``: ``par.lower()``, if the caller has it)."""
    if isinstance(seen, SeenLines):
        if seen.repeated(par):
            return "repeated line"
    else:
        key = line_key(par)
        if key in seen:
            return "repeated line"
        seen.add(key)
    return furniture_reason(par, lex, low)


def furniture_reason(par: str, lex: Lexicon, low: str | None = None) -> str | None:
    """``paragraph_reason`` but for repeated lines."""
    if len(par) <= MAX_FURNITURE_CHARS and lex.boilerplate_re.found(par, low):
        return "boilerplate pattern"
    if "«" not in par and ("»" in par or "›" in par or ">" in par or "|" in par or "/" in par) \
            and len(_BREADCRUMB.findall(par)) >= 2:
        return "breadcrumb"
    # only the number of words matters, up to four
    if len(par) < 300:
        first = par.split(None, 4)[:4]
        if len(first) == 4 and (first[0][0] + first[1][0] + first[2][0] + first[3][0]).isalpha():
            n = 4  # each chunk starting with a letter holds a word of its own
        else:
            n = len(list(islice(_WORD.finditer(par), 4)))
    else:
        n = len(par.split(None, 4))
    if not n:
        return "no words"
    if len(par) < 300 and _mostly_symbols(par):
        return "mostly symbols"
    if (par[-1:].isdigit() or par[-2:-1].isdigit()) and lex.caption_date_re is not None:
        m = lex.caption_date_re.search(par)
        if m and not _SENTENCE_BREAK.search(par, 0, m.start()):
            return "picture caption"  # one sentence that ends with ", <full date>.
    if n <= 3 and not par.rstrip().endswith((".", "!", "»", "”")) \
            and not (par.rstrip().endswith(":") and not lex.verb_forms.isdisjoint(par.lower().rstrip(" :").split())):
        return "lone section name"  # (but a speaker's lead-in: "La ministre poursuit :")
    if n > 1 and par.isupper():
        return "all capitals"
    if len(par) < 200 and not par.endswith((".", "!", "?", "»", "”", '"')):
        ws = par.split()
        if len(ws) >= 8 and all(w[:1].isupper() or w == "&" for w in ws) \
                and lex.headline_verbs.isdisjoint(w.lower() for w in ws) \
                and not any(w.endswith(":") for w in ws[1:4]):
            # "Home UK World Politics US Climate Science & Tech Business…" (but a headline in
            # Title Case: "Sanders Says He’s Already Started Writing His Inaugural Address", or one
            # that credits a speaker of two to four words before a colon: "Rep. Trey Gowdy: Clinton
            # Lied About The Emails"; not one word, "Contributing: Ann Lee, The Associated Press")
            return "navigation"
    return None


def sentence_reason(sent: str, unterminated: bool, lex: Lexicon, all_patterns: bool = True) -> str | None:
    """Why this sentence is not a candidate claim, or ``None``. With ``all_patterns`` false (its
    paragraph passed them all), only the patterns anchored at a line start are tried."""
    return stripped_reason(sent.rstrip(), unterminated, lex, all_patterns)


def stripped_reason(stripped: str, unterminated: bool, lex: Lexicon, all_patterns: bool = True,
                    low: str | None = None) -> str | None:
    """``sentence_reason`` of a sentence without its trailing white space (``low``: its lower
    case, if the caller has it)."""
    if stripped.endswith(("?", ":")):
        return "question" if stripped.endswith("?") else "lead-in"
    n = len(stripped.split(None, MIN_HEADLINE_WORDS))  # the number of words, up to 7
    if unterminated and n < MIN_HEADLINE_WORDS:
        return "short unterminated line"
    if n < MIN_CLAIM_WORDS:
        return "too short"
    if len(stripped) <= MAX_SENTENCE_FURNITURE_CHARS:
        found = lex.boilerplate_re.found(stripped, low) if all_patterns else lex.boilerplate_re.match_start(stripped)
        if found:
            return "boilerplate pattern"
    return None
