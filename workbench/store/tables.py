"""Named handles of the tables, for SQLAlchemy Core queries (``candidates.c.start``), and the two
query pieces every reader of the history needs. The models (``workbench.store.models``) say what
each column means."""

from __future__ import annotations

from sqlalchemy import func, select

from workbench.store.models import (
    Account,
    Adjudication,
    Annotation,
    Article,
    ArticleLink,
    ArticleRevision,
    Candidate,
    LabelModel,
    Reviewer,
    ReviewSession,
    StagedArticle,
    StagedCandidate,
    Suggestion,
)

articles = Article.__table__
candidates = Candidate.__table__
annotations = Annotation.__table__
reviewers = Reviewer.__table__
suggestions = Suggestion.__table__
adjudications = Adjudication.__table__
article_links = ArticleLink.__table__
article_revisions = ArticleRevision.__table__
accounts = Account.__table__
staged_articles = StagedArticle.__table__
staged_candidates = StagedCandidate.__table__
label_models = LabelModel.__table__
review_sessions = ReviewSession.__table__


def latest_annotation_ids():
    """Subquery: the id of the latest annotation per (candidate, reviewer), i.e. the row that
    holds each reviewer's current state of each claim."""
    return (
        select(func.max(annotations.c.id).label("id"))
        .group_by(annotations.c.candidate_id, annotations.c.reviewer_id)
        .subquery("latest")
    )


def streaming(conn, batch: int):
    """``conn`` set up to stream a large result ``batch`` rows at a time: SQLite steps its
    cursor; PostgreSQL reads through a server-side cursor (memory stays flat on both). A
    PostgreSQL cursor is planned for its first rows by default, which turns the export's joins
    into nested loops over the whole annotation table (minutes instead of seconds): plan it for
    the whole result instead, without JIT compilation (a fixed ~0.4 s on these queries), and
    with room to sort in memory. ``SET LOCAL``: for this transaction only."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL cursor_tuple_fraction = 1.0; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
    return conn.execution_options(stream_results=True, yield_per=batch)
