"""Value types produced by the extractor (plain dataclasses, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

ATTRIBUTED = "attributed"
UNSOURCED = "unsourced"
CONTESTED = "contested"
NOT_CLAIM = "not_claim"

#: Every label a reviewer can give; the extractor only suggests the first three.
LABELS = (ATTRIBUTED, UNSOURCED, CONTESTED, NOT_CLAIM)
SUGGESTABLE = (ATTRIBUTED, UNSOURCED, CONTESTED)
#: The labels of a claim with no source: stored and exported without one.
NO_SOURCE = (UNSOURCED, NOT_CLAIM)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of the article text and the text it covers."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Candidate:
    """One candidate claim with the extractor's suggestion."""

    start: int
    end: int
    text: str
    label: str
    score: float
    cue: Span | None = None
    source: Span | None = None
    #: why the label was chosen, for the reviewer (e.g. "inverted speech tag").
    reason: str = ""
    flags: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "source": self.source.as_dict() if self.source else None,
            "cue": self.cue.as_dict() if self.cue else None,
            "score": round(self.score, 3),
        }
