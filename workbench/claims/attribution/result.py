"""What the attribution step gives the extractor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from workbench.claims.model import Span


class Found(NamedTuple):
    """The chosen attribution of a sentence, as offsets into the text (the source ``None`` when
    no source was found)."""

    cue_start: int
    cue_end: int
    source_start: int | None
    source_end: int | None
    pattern: str  # "inverted", "pronoun", "according", "preverbal", "verb-only", "contest-only"
    contested: bool


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Span
    source: Span | None
    pattern: str
    contested: bool = False


def as_attribution(text: str, found: Found | None) -> Attribution | None:
    if found is None:
        return None
    cs, ce, ss, se, pattern, contested = found
    return Attribution(Span(cs, ce, text[cs:ce]), None if ss is None else Span(ss, se, text[ss:se]), pattern, contested)
