"""Paragraph and sentence segmentation with exact offsets.

Rules (French and English):
- a paragraph is a line (scraped text has one per line);
- a sentence ends at ``. ! ? …`` (optionally followed by closing quotes or brackets), then white
  space, then an upper-case letter, a digit or an opening quote;
- never inside an open quotation (« », “ ”, " "): a quotation left open runs to the paragraph end,
  so a quotation stays together with its speech tag (``« … », a déclaré X.``);
- never after an abbreviation (M., Mme, Dr, Mr., U.S., J.-C., initials);
- the no-break spaces of French typography (U+00A0, U+202F) are white space (``str.isspace``).
Offsets are Python string offsets into the text as given: nothing is normalised.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from workbench.claims.lexicon import Lexicon

_LINE = re.compile(r"[^\r\n]+")
#: quotation marks; two apostrophes (not three) are the newspaper style of a straight double quote
_QUOTE = re.compile(r"""[«»“”„"]|(?<!')''(?!')""")
_QUOTE_CHARS = '«»“”„"'
_BOUNDARY = re.compile(r'[.!?…]+(?:\s*["»”’)\]]|\'\')*(\s+)')
_LAST_WORD = re.compile(r"([^\s(\[«“\"]+)$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?|[^\W\d_]\.-[^\W\d_]")
_OPENERS = "«“„\"‘('['"


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    paragraph: int
    #: the segment ends the paragraph without terminal punctuation (headline, label, fragment)
    unterminated: bool


#: line breaks of ``str.splitlines`` that are not line breaks here
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, stripped of surrounding white space."""
    out = []
    if any(c in text for c in _OTHER_BREAKS):
        for m in _LINE.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
        return out
    # the lines end at \r, \n or \r\n only: str methods find them
    pos = 0
    for line in text.splitlines(True):
        stripped = line.strip()
        if stripped:
            s = pos + len(line) - len(line.lstrip())
            out.append((s, s + len(stripped)))
        pos += len(line)
    return out


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost quotations in ``text[start:end]``; one left open runs to ``end``."""
    hits = []
    find = text.find
    for q in _QUOTE_CHARS:
        i = find(q, start, end)
        while i >= 0:
            hits.append(i)
            i = find(q, i + 1, end)
    i = find("''", start, end)
    while i >= 0:
        # two apostrophes, the newspaper style of a straight double quote ("''Yes,'' he said")
        j = i + 2
        while j < end and text[j] == "'":
            j += 1
        if j - i == 2:
            hits.append(i)
        i = find("''", j, end)
    i = find("‘", start, end)
    if i >= 0:
        # single curly quotes, the British style ("‘We will win,’ she said"): an opening mark
        # where a word starts, a closing one where a word ends (not the apostrophe of "it’s")
        while i >= 0:
            if (i == start or not text[i - 1].isalnum()) and i + 1 < end and text[i + 1].isalpha():
                hits.append(i)  # (not the elision of "in ‘08")
            i = find("‘", i + 1, end)
        i = find("’", start, end)
        while i >= 0:
            if i > start and not text[i - 1].isspace() and (i + 1 >= end or not text[i + 1].isalnum()):
                hits.append(i)
            i = find("’", i + 1, end)
    if not hits:
        return []
    hits.sort()
    spans, stack = _paired(text, hits, end)
    stray = {a for a, b in spans if b - a > MAX_QUOTE} | {p for _, p in stack if end - p > MAX_QUOTE}
    if stray:
        # an opening mark closed or left open farther away is a stray one, or its quotation went
        # on into a paragraph that the text lost (all on one line: « A. B. « C. » …): the
        # quotations inside it are quotations of their own, the sentences after it are not quoted
        # (one more pass without those marks; what is still too long then is no quotation)
        spans, stack = _paired(text, [p for p in hits if p not in stray], end)
        spans = [(a, b) for a, b in spans if b - a <= MAX_QUOTE]
        stack = [(k, p) for k, p in stack if end - p <= MAX_QUOTE]
    while stack and stack[0][0] == "‘":
        del stack[0]  # a single quote left open is no quotation ("‘tis", a stray mark)
    if stack:
        spans.append((stack[0][1], end))
    spans.sort()
    return spans


#: the longest quotation: one closed or left open (to go on in the next paragraph) farther from
#: its opening mark is none (real news quotes at most 1,500 characters within a paragraph)
MAX_QUOTE = 2_000


def _paired(text: str, hits: list[int], end: int) -> tuple[list[tuple[int, int]], list[tuple[str, int]]]:
    """The closed outermost quotations of the marks at ``hits`` (sorted offsets), and the
    opening marks left open, outermost first."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    # how many marks of each kind are open: a closing mark with none of its kind open is passed
    # at once, and every scan down the stack removes what it scanned (linear in the marks)
    open_marks = {"«": 0, "“": 0, "„": 0, "‘": 0, '"': 0, "'": 0}
    for p in hits:
        c = text[p]
        if c in "«“„‘" and not (c == "“" and (open_marks["“"] or open_marks["„"]) and _reversed_closing(text, p, end)):
            if c == "‘" and len(stack) >= _MAX_OPEN_SINGLES and all(k == "‘" for k, _ in stack[-_MAX_OPEN_SINGLES:]):
                continue  # (no real text nests single quotes deeper; the stack stays short)
            stack.append((c, p))
            open_marks[c] += 1
            continue
        if c == '"' or c == "'":
            idx = len(stack) - 1
            while idx >= 0 and stack[idx][0] == "‘" and len(stack) - idx <= _MAX_OPEN_SINGLES:
                idx -= 1  # (single curly quotes left open inside it)
            if open_marks[c] and idx >= 0 and stack[idx][0] == c or (
                    # a straight mark closing a curly one, in scraped text that mixes them
                    # (“We will win," he said): where a closing mark stands, with none open
                    c == '"' and not open_marks[c] and idx >= 0 and stack[idx][0] in "“„"
                    and _closes_here(text, p, end)):
                for kind, _ in stack[idx:]:
                    open_marks[kind] -= 1
                opened = stack[idx][1]
                del stack[idx:]
                if not stack:
                    spans.append((opened, p + (1 if c == '"' else 2)))
            else:
                stack.append((c, p))
                open_marks[c] += 1
            continue
        if c == "’" and not (stack and stack[-1][0] == "‘"):
            continue  # an apostrophe ("the Democrats’ plan"), or a mark closing nothing open
        want = "«" if c == "»" else "‘" if c == "’" else "“„"
        if c == "”" and not (open_marks["“"] or open_marks["„"]) and open_marks['"']:
            want = '"'  # a curly mark closing a straight one ("We will win.” He left.)
        if not any(open_marks[k] for k in want):
            continue  # a stray closing mark: ignore it
        idx = len(stack) - 1  # the innermost opening mark it closes
        while stack[idx][0] not in want:
            idx -= 1
        for kind, _ in stack[idx:]:
            open_marks[kind] -= 1
        opened = stack[idx][1]
        del stack[idx:]
        if not stack:
            spans.append((opened, p + 1))
    return spans, stack


def _reversed_closing(text: str, p: int, end: int) -> bool:
    """Whether the opening curly mark at ``p`` closes the quotation open before it, typed the
    wrong way round in scraped text (“We will win,“ he said; “Is it true?“ she asked): right
    after a comma or a final stop, before white space or the end."""
    return p > 0 and text[p - 1] in ",.?!…" and (p + 1 >= end or text[p + 1].isspace())


def _closes_here(text: str, p: int, end: int) -> bool:
    """Whether the mark at ``p`` stands where a quotation closes: after a word or punctuation,
    before white space, punctuation or the end (not ``the "Deal"``'s opening mark)."""
    return p > 0 and not text[p - 1].isspace() and (p + 1 >= end or not text[p + 1].isalnum())


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _last_word(text: str, dot: int) -> str | None:
    """``_LAST_WORD.search(text, max(0, dot - 20), dot)``'s word: the longest end of the 20
    characters before ``dot`` without white space, opening brackets or quotes."""
    seg = text[max(0, dot - 20):dot]
    if seg[-1:] == "\n":
        seg = seg[:-1]  # "$" matches before a final newline too
    if not seg or seg[-1].isspace():
        return None
    word = seg.rsplit(None, 1)[-1]
    if word.isalnum():
        return word  # (no bracket or quotation mark to cut at)
    for c in "([«“\"":
        i = word.rfind(c)
        if i >= 0:
            word = word[i + 1:]
    return word or None


def _is_abbreviation(text: str, dot: int, lex: Lexicon) -> bool:
    word = _last_word(text, dot)
    if not word:
        return False
    if word in lex.abbreviations:
        return True
    if "-" in word and word.rsplit("-", 1)[1] in lex.abbreviations:
        return True  # a title after a hyphen: "then-Sen. Barack Obama", "ex-Gov. Smith"
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "John F. Kennedy", "J. Biden"
    if len(word) > 1 and word[1] != ".":
        return False  # _DOTTED needs "." second
    if len(word) == 1 and word.islower() and dot >= 3 and text[dot - 2].isspace() and text[dot - 3].isdigit():
        return False  # a unit after a number ends the sentence: "mesure 1,60 m. Il est…"
    return bool(_DOTTED.fullmatch(word + "."))  # U.S. / J.-C. / a.m.


def _boundaries(text: str, start: int, end: int) -> list[re.Match]:
    """``list(_BOUNDARY.finditer(text, start, end))``: a match starts at a terminal mark, so the
    regex is tried only there (found with ``str.find``), left to right, from the end of the
    last match."""
    hits = []
    find = text.find
    for c in ".!?…":
        i = find(c, start, end)
        while i >= 0:
            hits.append(i)
            i = find(c, i + 1, end)
    if not hits:
        return hits
    hits.sort()
    out = []
    cur = start
    match = _BOUNDARY.match
    for p in hits:
        if p >= cur:
            m = match(text, p, end)
            if m:
                out.append(m)
                cur = m.end()
    return out


def sentences(text: str, start: int, end: int, lex: Lexicon,
              spans: list[tuple[int, int]] | None = None, unbroken: int = -1) -> list[tuple[int, int]]:
    """Sentence spans inside the paragraph ``text[start:end]`` (``spans``: its quotations, if
    the caller has them already; no sentence ends before ``unbroken``: the end of a dateline,
    "ORLANDO, Fla. (Reuters) - ")."""
    if spans is None:
        spans = quote_spans(text, start, end)
    starts = [s for s, _ in spans] if spans else spans
    out = []
    cur = start
    for m in _boundaries(text, start, end):
        ws = m.start(1)
        nxt = m.end(1)
        if nxt >= end:
            break
        if ws < unbroken:
            continue
        j = nxt
        while j < end and (text[j] in _OPENERS or text[j].isspace()):
            j += 1
        if j >= end or not (text[j].isupper() or text[j].isdigit() or text[j] == "©"):
            continue  # (a copyright notice is a segment of its own: "… disagreed. © 2023 Reuters")
        if spans and _inside(spans, starts, ws):
            continue
        term = m.start()
        if text[term] == "." and text[term:term + 2] != ".." and _is_abbreviation(text, term, lex) \
                and not _opens_with_pronoun(text, j, end, lex):
            continue
        out.append((cur, ws))
        cur = nxt
    out.append((cur, end))
    return out


def _opens_with_pronoun(text: str, j: int, end: int, lex: Lexicon) -> bool:
    """``text[j:]`` opens with a capitalised subject pronoun and a lower-case word: after an
    abbreviation, a new sentence ("…in Washington, D.C. He recalled that…"; but "Mr. He Jiankui")."""
    m = _TWO_WORDS.match(text, j, min(end, j + 40))
    return bool(m) and m.group(1).lower() in lex.pronouns and m.group(2)[:1].islower()


#: the two words a sentence may open with
_TWO_WORDS = re.compile(r"([A-ZÀ-Ý][\w’']*)\s+(\w+)")

_TERMINAL = tuple('.!?…»”"')
#: the most single curly quotes left open one inside another that the quotation finder keeps
_MAX_OPEN_SINGLES = 4


def segment(text: str, lex: Lexicon) -> list[Segment]:
    """Every sentence of every paragraph, in order, non-overlapping."""
    segs = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        for s, e in sentences(text, ps, pe, lex):
            if e <= s:
                continue
            unterminated = e == pe and not text[s:e].rstrip().endswith(_TERMINAL)
            segs.append(Segment(s, e, pi, unterminated))
    return segs
