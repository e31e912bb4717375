"""Datasets out of the database: the claim records of every current decision (or the final
labels) and the articles they belong to, streamed in article order (memory stays flat)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from workbench.store.tables import annotations, articles, candidates, reviewers, streaming


def iter_claim_rows(engine: Engine, *, include_unreviewed: bool, reviewer: str | None = None,
                    batch: int = 2000) -> Iterator[dict]:
    """Every current decision (one row per candidate and reviewer; only ``reviewer``'s if
    given), then, if asked, every candidate nobody decided, in article and offset order.
    Streamed: memory stays flat."""
    # the latest row per (candidate, reviewer), found through the (candidate_id, reviewer_id, id)
    # index for each candidate: no derived table to join, so this streams in one pass
    cur, cand = annotations, candidates
    n2 = annotations.alias("n2")
    is_latest = cur.c.id == (
        select(func.max(n2.c.id))
        .where(n2.c.candidate_id == cur.c.candidate_id, n2.c.reviewer_id == cur.c.reviewer_id)
        .scalar_subquery()
    )
    mine = ([cur.c.reviewer_id == select(reviewers.c.id).where(reviewers.c.name == reviewer).scalar_subquery()]
            if reviewer is not None else [])
    q = (
        select(
            cand.c.id, cand.c.article_id, cand.c.start, cand.c.end, cand.c.text, cand.c.suggested_label,
            cand.c.score, cand.c.cue_text, cand.c.cue_start, cand.c.cue_end, cand.c.source_text,
            cand.c.source_start, cand.c.source_end, cand.c.extractor_version, cand.c.origin, cand.c.orphaned,
            cand.c.revision,
            articles.c.title.label("article_title"),
            cur.c.label.label("a_label"),
            cur.c.start.label("a_start"),
            cur.c.end.label("a_end"),
            cur.c.text.label("a_text"),
            cur.c.source_text.label("a_source_text"),
            cur.c.source_start.label("a_source_start"),
            cur.c.source_end.label("a_source_end"),
            cur.c.note.label("a_note"),
            cur.c.created_at.label("a_created_at"),
            cur.c.uid.label("a_uid"),
            reviewers.c.name.label("reviewer"),
        )
        .join(articles, articles.c.id == cand.c.article_id)
        .outerjoin(cur, and_(cur.c.candidate_id == cand.c.id, cur.c.label.is_not(None), is_latest, *mine))
        .outerjoin(reviewers, reviewers.c.id == cur.c.reviewer_id)
        .order_by(cand.c.article_id, cand.c.start, cand.c.id, reviewers.c.name)
    )
    if not include_unreviewed:
        q = q.where(cur.c.label.is_not(None))
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(q)
        keys = tuple(result.keys())
        for row in result:
            yield dict(zip(keys, row))


def iter_articles(engine: Engine, batch: int = 200) -> Iterator[dict]:
    art = articles.c
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(
            select(art.id, art.title, art.text, art.language, art.origin, art.url, art.meta, art.content_hash)
            .order_by(art.id)
        )
        for row in result:
            yield row._asdict()
