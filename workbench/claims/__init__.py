"""Text -> candidate claims. Pure functions: no database, no UI."""

from workbench.claims.extract import EXTRACTOR_VERSION, extract
from workbench.claims.language import detect_language
from workbench.claims.model import (
    ATTRIBUTED,
    CONTESTED,
    LABELS,
    NOT_CLAIM,
    SUGGESTABLE,
    UNSOURCED,
    Candidate,
    Span,
)

__all__ = [
    "ATTRIBUTED",
    "CONTESTED",
    "EXTRACTOR_VERSION",
    "LABELS",
    "NOT_CLAIM",
    "SUGGESTABLE",
    "UNSOURCED",
    "Candidate",
    "Span",
    "detect_language",
    "extract",
]
