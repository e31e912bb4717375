"""Records the layers hand each other: what a file reader (``workbench.formats``) produces and the
services (``workbench.services``) write to the store. Plain dataclasses, no I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


#: the longest note a decision or a ruling keeps (characters): a reviewer's reason or doubt, a few
#: sentences; the prompt stops typing there, a file's longer note is refused, the service checks it
NOTE_MAX = 2000


def check_note(note: str | None) -> str | None:
    """``note`` if it is within ``NOTE_MAX`` characters, else ValueError naming the limit."""
    if note is not None and len(note) > NOTE_MAX:
        raise ValueError(f"a note is at most {NOTE_MAX:,} characters (this one has {len(note):,})")
    return note


def content_hash(text: str) -> str:
    """The SHA-256 of an article text (hex): what tells an unchanged re-import from a revision."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class ArticleRecord:
    """An article as a file gives it, before extraction."""

    id: str
    title: str
    text: str
    #: where it was read: the file, or ``FILE:LINE``
    origin: str
    url: str | None = None
    meta: dict = field(default_factory=dict)
    #: what a reader notes for the importer (``derived_id``: the file named no id)
    extra: dict = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A reviewer's decision on a claim, as a file records it (a claims export, a Prodigy task, a
    Label Studio annotation, a doccano line), to add to the database exactly once."""

    #: line of the file it was read from (for error messages)
    line: int
    article_id: str
    start: int
    end: int
    label: str
    reviewer: str
    #: the source span, None for none
    source: tuple[int, int] | None
    #: unique across databases: kept from an export (``annotation_id``) or derived from the content
    uid: str
    annotated_at: datetime | None = None
    note: str | None = None
    #: False: the file says nothing about sources (the candidate's own source is kept, as a
    #: decision in the app would)
    source_given: bool = True
    #: the extractor's candidate the decision is on, when the reviewer moved its boundaries
    candidate: tuple[int, int] | None = None
    #: the claim text the file gives (checked against the article), if it gives one
    text: str | None = None
    #: the source text the file gives (checked against the article, as ``text``), if it gives one
    source_text: str | None = None
    #: a decision on an orphaned claim (its text gone from the article's current text): the
    #: article revision its offsets index; None: the article's current text
    revision: int | None = None
    #: the article revision whose text the offsets of a live decision index, as a claims export
    #: gives it: where the database has revised the article since, the decision is re-anchored
    #: on the current text (``services.importing``); None: not given
    text_revision: int | None = None
