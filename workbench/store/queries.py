"""The queries the app needs. Writes are short transactions; reads stream where data is large."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from workbench.store.tables import annotations, articles, candidates, latest_annotation_ids, reviewers, streaming


@dataclass
class Stats:
    articles: int
    candidates: int
    reviewed_candidates: int
    by_label: list[tuple[str, int]]
    by_reviewer: list[tuple[str, int, int]]  # name, decided claims, history rows
    suggested: list[tuple[str, int]]


def stats(engine: Engine) -> Stats:
    latest = latest_annotation_ids()
    ann = annotations
    with engine.connect() as conn:
        n_art = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        n_cand = conn.execute(select(func.count()).select_from(candidates)).scalar_one()
        current = (select(ann).join(latest, ann.c.id == latest.c.id).where(ann.c.label.is_not(None))
                   .subquery("cur"))
        reviewed = conn.execute(select(func.count(func.distinct(current.c.candidate_id)))).scalar_one()
        by_label = conn.execute(
            select(current.c.label, func.count()).group_by(current.c.label).order_by(current.c.label)
        ).all()
        decided = dict(
            conn.execute(select(current.c.reviewer_id, func.count()).group_by(current.c.reviewer_id)).all()
        )
        rows = dict(conn.execute(select(ann.c.reviewer_id, func.count()).group_by(ann.c.reviewer_id)).all())
        names = conn.execute(select(reviewers.c.id, reviewers.c.name).order_by(reviewers.c.name)).all()
        suggested = conn.execute(
            select(candidates.c.suggested_label, func.count()).group_by(candidates.c.suggested_label)
            .order_by(candidates.c.suggested_label.nulls_first())  # SQLite's order; PostgreSQL puts NULL last
        ).all()
    return Stats(
        articles=n_art,
        candidates=n_cand,
        reviewed_candidates=reviewed,
        by_label=[(lbl, n) for lbl, n in by_label],
        by_reviewer=[(name, decided.get(rid, 0), rows.get(rid, 0)) for rid, name in names if rows.get(rid)],
        suggested=[(lbl or "(manual)", n) for lbl, n in suggested],
    )


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


#: actions that record a label decision (history rows counted per day)
LABEL_ACTIONS = ("decide", "accept", "add", "import")


def decisions_per_day(engine: Engine) -> list[tuple]:
    """``(day, label, count)`` of the label decisions made each day (history rows: a decision
    changed later counts on both days), in UTC."""
    ann = annotations.c
    with engine.connect() as conn:
        rows = conn.execute(select(ann.created_at, ann.label)
                            .where(ann.action.in_(LABEL_ACTIONS), ann.label.is_not(None))).all()
    counts: dict[tuple, int] = {}
    for at, label in rows:
        day = at.date()
        counts[(day, label)] = counts.get((day, label), 0) + 1
    return sorted((d, lbl, n) for (d, lbl), n in counts.items())
