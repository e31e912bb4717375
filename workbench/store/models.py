"""SQLModel tables. Annotations are append-only history: the current decision of a reviewer
on a candidate is their latest annotation row; nothing is updated or deleted in place."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uid() -> str:
    """A globally unique id for a history row: what makes a merge of exports exactly-once."""
    return uuid.uuid4().hex


class Reviewer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Article(SQLModel, table=True):
    id: str = Field(primary_key=True)
    title: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(index=True)
    language: str
    origin: str
    url: str | None = None
    meta: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow)
    #: 1, then one more each time a re-import changes the text (older texts: ArticleRevision)
    revision: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    #: MinHash of its sentences, to find near copies at import (workbench.linking.neardup)
    fingerprint: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ArticleRevision(SQLModel, table=True):
    """An article's text as it was before a re-import changed it."""

    __table_args__ = (Index("ix_articlerevision_article", "article_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id")
    revision: int
    title: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str
    replaced_at: datetime = Field(default_factory=utcnow)


class ArticleLink(SQLModel, table=True):
    """Two articles that are near copies of each other (found at import)."""

    __table_args__ = (Index("ix_articlelink_pair", "article_id", "other_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id")
    other_id: str = Field(foreign_key="article.id", index=True)
    score: float
    kind: str = "near-duplicate"
    created_at: datetime = Field(default_factory=utcnow)


class Candidate(SQLModel, table=True):
    """A candidate claim: the extractor's suggestion, or a claim a reviewer added."""

    __table_args__ = (Index("ix_candidate_article_start", "article_id", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    suggested_label: str | None = None
    score: float = 0.0
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    reason: str = ""
    extractor_version: str
    origin: str = "extractor"  # "extractor" | "manual"
    created_at: datetime = Field(default_factory=utcnow)
    #: its text is gone from the article's current revision (offsets refer to ``revision``)
    orphaned: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    #: the article revision the offsets refer to
    revision: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    #: a claim a reviewer added and took back (undo of its "add" row) before anybody else decided
    #: it: kept with its history, but out of every queue, count and export; a later decision on
    #: it (redo) brings it back. The annotation rows say when and by whom.
    withdrawn: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Suggestion(SQLModel, table=True):
    """A label suggested for a candidate after extraction: a near-duplicate's decision,
    applied by a reviewer or propagated. The latest row per candidate is in force; the
    extractor's own suggestion stays on the candidate. Never a decision."""

    __table_args__ = (Index("ix_suggestion_candidate", "candidate_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id")
    label: str
    #: the near-duplicate whose decision this comes from
    neighbour_id: int | None = Field(default=None, foreign_key="candidate.id")
    score: float = 0.0
    reason: str
    #: twin (a reviewer applied it) | propagated (``workbench suggest``, import)
    origin: str
    reviewer_id: int | None = Field(default=None, foreign_key="reviewer.id")
    created_at: datetime = Field(default_factory=utcnow)


class Annotation(SQLModel, table=True):
    """One reviewer action on a candidate, with the full resulting state (a snapshot)."""

    __table_args__ = (Index("ix_annotation_candidate_reviewer", "candidate_id", "reviewer_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id")
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    #: decide | accept | source | bounds | note | add | undo | redo | import | reanchor
    action: str
    #: None: no decision (e.g. after undoing the first decision)
    label: str | None = None
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    note: str | None = None
    #: for undo / redo: the annotation whose effect is reverted or restored
    reverts_id: int | None = None
    #: unique across databases: an imported decision keeps the uid it was exported with
    uid: str = Field(default_factory=new_uid, index=True, unique=True)


class Adjudication(SQLModel, table=True):
    """The final (gold) label of a candidate, recorded by an adjudicator. Append-only like the
    annotations: the latest row per candidate is in force; ``label`` None withdraws it."""

    __table_args__ = (Index("ix_adjudication_candidate", "candidate_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id")
    adjudicator_id: int = Field(foreign_key="reviewer.id")
    created_at: datetime = Field(default_factory=utcnow)
    label: str | None = None
    #: unanimous | majority | adjudicated
    rule: str
    note: str | None = None
    uid: str = Field(default_factory=new_uid, index=True, unique=True)


class Account(SQLModel, table=True):
    """A reviewer's login for ``workbench serve`` (``workbench users``): the name is the reviewer
    name their decisions are recorded under; the password is kept as an Argon2id hash only."""

    name: str = Field(primary_key=True)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class StagedArticle(SQLModel, table=True):
    """An article a running import has written but not published yet (``store.staging``): a
    large file goes in here in short transactions, then moves to ``article`` in one short
    transaction when the whole file is good, so readers never see half a file and writers are
    never locked out for long. ``token`` names the import (host, process, random part)."""

    token: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    title: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str
    language: str
    origin: str
    url: str | None = None
    meta: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow)
    fingerprint: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class StagedCandidate(SQLModel, table=True):
    """A candidate of a staged article (``StagedArticle``), published with it."""

    __table_args__ = (Index("ix_stagedcandidate_token", "token", "sid"),)

    sid: int | None = Field(default=None, primary_key=True)
    token: str
    article_id: str
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    suggested_label: str | None = None
    score: float = 0.0
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    reason: str = ""
    extractor_version: str
    origin: str = "extractor"
    created_at: datetime = Field(default_factory=utcnow)


class LabelModel(SQLModel, table=True):
    """A label model trained on the corpus's decisions (``services.learning``, issue 14): one row
    per training, the newest in force, so every reviewer of a shared database uses the same one.
    ``blob`` is ``workbench.learning.LabelModel.to_bytes()`` (versioned; a blob of another
    format version is refused and the model retrained)."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    #: the decisions it learned from, and the newest annotation id read then
    decisions: int
    last_annotation: int
    #: the model beat the rules in its cross-validation over articles: its suggestions may win
    beats_rules: bool = False
    #: the cross-validation's figures (``CrossValidation.as_dict()``), JSON text
    metrics: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    blob: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ReviewSession(SQLModel, table=True):
    """An open review app (``services.sessions``): who reviews, where (host and process) and
    since when; ``seen_at`` is renewed while it runs, so a session that was killed is known as
    ended once it is no longer renewed. The row is removed when the app closes."""

    id: int | None = Field(default=None, primary_key=True)
    reviewer_id: int = Field(foreign_key="reviewer.id", index=True)
    host: str
    pid: int
    #: where the app runs, as a reviewer reads it ("terminal", "browser (workbench serve)")
    kind: str = "terminal"
    started_at: datetime = Field(default_factory=utcnow)
    seen_at: datetime = Field(default_factory=utcnow)
