"""Sentences with two speakers: where one sentence reports two sources in two clauses
("Six in 10 voters said X, while a third said Y"), the claim is cut in two at the clause
boundary, each part with its own source.

Finding (the rules' matches, ``find.attribution_of(others=…)``) is apart from choosing
(``speaker_parts``): a cut needs two speakers with different sources, the second one's subject
before its verb, and a clause boundary of the lexicon (``;`` or a comma and a conjunction,
``lex.speaker_boundary_re``, or the comma that ends an opening subordinate clause, "While X
said…, Y said…") between the first one's tag and the second one's subject. What
the first speaker says may then run up to the boundary only, which is what makes the cut safe:
a cue that reports the whole sentence ("According to X, A said…") or a second tag inside the
first one's words ("X said that Y told him…", no boundary between them) cuts nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from workbench.claims.attribution.result import Found
from workbench.claims.attribution.words import INTRODUCERS
from workbench.claims.lexicon import Lexicon


#: what may follow a closing tag
_CLOSING = " \n.!?\"'”»’)"


class Part(NamedTuple):
    """One part of a cut sentence and the attribution that credits it."""

    start: int
    end: int
    found: Found


def speaker_parts(text: str, start: int, end: int, winner: Found, founds: list[Found], lex: Lexicon) -> list[Part]:
    """The parts of ``text[start:end]`` when it reports two or more speakers in clauses of
    their own, else ``[]``. ``founds`` are the sentence's speakers in order (``choose.speakers``);
    ``winner`` the sentence's chosen attribution, which keeps the part its tag lies in.

    fr: « Le maire a déclaré que le pont rouvrirait, tandis que le préfet a affirmé qu'il
    resterait fermé » → two parts, *Le maire* and *le préfet*
    en: "Most Democrats said they were satisfied, while only 40 percent of Republicans said the
    same" → two parts, *Most Democrats* and *only 40 percent of Republicans*"""
    boundary = lex.speaker_boundary_re
    if boundary is None or len(founds) < 2:
        return []
    anchors = _distinct_speakers(text, founds)
    if len(anchors) < 2 or anchors[0].pattern == "according" and not text[start:anchors[0].cue_start].strip():
        return []  # ("According to X, A said…, and B…": the phrase credits the whole sentence)
    cuts: list[int] = []
    keep = [anchors[0]]
    for a1, a2 in zip(anchors, anchors[1:]):
        if a2.source_start > a2.cue_start:
            continue  # an inverted tag: its words come before it, where the first speaker's are
        lo, hi = max(a1.cue_end, a1.source_end), min(a2.cue_start, a2.source_start)
        last = None
        for m in boundary.finditer(text, lo, hi):
            last = m
        if last is None and not cuts and _opening_subordinate(text, start, a1, lex):
            comma = text.rfind(",", lo, hi)  # "While X said A, Y said B": the clause ends at its comma
            if comma >= 0 and not text[comma + 1:hi].strip() and text[a2.cue_end:end].strip(_CLOSING):
                # (not a closing tag: "While X said A, it stayed closed, officials said.")
                cuts.append(comma + 1)
                keep.append(a2)
            continue
        if last is None or _introduces(text, last.end(), hi):
            continue  # ("…said that A, and that B": the second clause is still what was said)
        cut = last.start() + 1 if text[last.start()] in ",;" else last.start()
        if cuts and cut <= cuts[-1]:
            continue
        cuts.append(cut)
        keep.append(a2)
    if not cuts:
        return []
    bounds = [start, *cuts, end]
    parts = []
    for i in range(len(bounds) - 1):
        a, b = bounds[i], bounds[i + 1]
        while a < b and text[a].isspace():
            a += 1
        inside = [f for f in anchors if a <= min(f.cue_start, f.source_start) < b]
        chosen = next((f for f in inside if f.cue_start == winner.cue_start), inside[0] if inside else keep[i])
        parts.append(Part(a, b, chosen._replace(contested=winner.contested)))
    return parts


def _opening_subordinate(text: str, start: int, first: Found, lex: Lexicon) -> bool:
    """The sentence opens with a subordinating conjunction ("While", "Alors que") and the first
    speaker's tag lies in that subordinate clause: the clause ends at the comma before the
    second speaker's subject."""
    pattern = lex.opening_subordinate_re
    return pattern is not None and pattern.match(text, start) is not None \
        and "," not in text[start:min(first.cue_start, first.source_start)]


def _introduces(text: str, at: int, end: int) -> bool:
    """The words after a boundary open with "that" / "que": a second complement of the first
    verb, not a clause of its own."""
    first = text[at:end].split(None, 1)[:1]
    return bool(first) and (first[0].lower() in INTRODUCERS or first[0].lower().startswith(("qu'", "qu’")))


def _distinct_speakers(text: str, founds: list[Found]) -> list[Found]:
    """``founds`` less a speaker named again ("Bush says …; he says …" is one speaker only when
    the words are the same) and less a tag that overlaps the one before it."""
    out: list[Found] = []
    for f in founds:
        if out:
            prev = out[-1]
            if text[f.source_start:f.source_end].lower() == text[prev.source_start:prev.source_end].lower():
                continue
            if min(f.cue_start, f.source_start) < max(prev.cue_end, prev.source_end):
                continue
        out.append(f)
    return out
