"""Corpus and review figures: what ``workbench stats`` and the app's statistics screen show
(counts, decisions per label and per day, per reviewer), near-copy article pairs, and claims per
source (spellings of one source grouped)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from workbench.claims.model import NO_SOURCE
from workbench.store import tables
from workbench.store.tables import annotations, articles, candidates, latest_annotation_ids, reviewers


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
        live = candidates.c.withdrawn.is_(False)  # (an added claim taken back is no candidate)
        n_cand = conn.execute(select(func.count()).select_from(candidates).where(live)).scalar_one()
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
            select(candidates.c.suggested_label, func.count()).where(live).group_by(candidates.c.suggested_label)
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


def has_decisions(engine: Engine) -> bool:
    """Whether anybody decided anything yet."""
    with engine.connect() as conn:
        decided = select(annotations.c.id).where(annotations.c.label.is_not(None)).limit(1)
        return conn.execute(decided).first() is not None


#: actions by which a reviewer makes a label decision (undo, redo, note, ... carry a label made
#: by one of these)
LABEL_ACTIONS = ("decide", "accept", "add", "import")


def decisions_per_day(engine: Engine) -> list[tuple]:
    """``(day, label, count)`` of the decisions that stand (each reviewer's current label of each
    claim: the decisions ``stats`` counts per label), each on the day (UTC) its reviewer made it:
    the latest of their rows on the claim that decided that label. A decision changed or undone
    later is not counted, on any day; one undone and redone counts on the day it was made."""
    ann = annotations
    latest = latest_annotation_ids()
    current = (select(ann.c.id, ann.c.candidate_id, ann.c.reviewer_id, ann.c.label, ann.c.created_at)
               .join(latest, ann.c.id == latest.c.id).where(ann.c.label.is_not(None)).subquery("cur"))
    made = ann.alias("made")
    when = func.coalesce(func.max(made.c.created_at), current.c.created_at)  # (no such row: the current one)
    with engine.connect() as conn:
        rows = conn.execute(
            select(when, current.c.label)
            .select_from(current.outerjoin(made, and_(
                made.c.candidate_id == current.c.candidate_id, made.c.reviewer_id == current.c.reviewer_id,
                made.c.id <= current.c.id, made.c.label == current.c.label, made.c.action.in_(LABEL_ACTIONS))))
            .group_by(current.c.id, current.c.label, current.c.created_at)).all()
    counts: dict[tuple, int] = {}
    for at, label in rows:
        day = at.date()
        counts[(day, label)] = counts.get((day, label), 0) + 1
    return sorted((d, lbl, n) for (d, lbl), n in counts.items())


# -- near-copy articles -----------------------------------------------------------------------------

def article_links(engine: Engine, article_id: str) -> list[tuple[str, float]]:
    """``(other article, similarity)`` of the near copies linked to ``article_id``, best first."""
    link = tables.article_links.c
    with engine.connect() as conn:
        return [(o, s) for o, s in conn.execute(
            select(link.other_id, link.score).where(link.article_id == article_id).order_by(link.score.desc()))]


def near_copy_pairs(engine: Engine) -> list[tuple[str, str, float]]:
    """Each linked pair of near-copy articles once: ``(id, other id, score)``, best first."""
    with engine.connect() as conn:
        link = tables.article_links.c
        rows = conn.execute(select(link.article_id, link.other_id, link.score).where(link.article_id > link.other_id)
                            .order_by(link.score.desc(), link.article_id)).all()
    return [(a, b, s) for a, b, s in rows]


# -- sources ---------------------------------------------------------------------------------------

def source_names(engine: Engine) -> dict[str, str]:
    """Every source span text in the database (the extractor's and the reviewers') -> the
    normalised name of its group (``Peskov``, ``M. Peskov``, ``le porte-parole du Kremlin, Dmitri
    Peskov`` -> ``Dmitri Peskov``); pronouns and empty spans are left out."""
    from workbench.linking.sources import group_sources, normalise_source

    with engine.connect() as conn:
        texts = set(conn.execute(select(candidates.c.source_text).distinct()
                                 .where(candidates.c.source_text.is_not(None))).scalars())
        texts |= set(conn.execute(select(annotations.c.source_text).distinct()
                                  .where(annotations.c.source_text.is_not(None))).scalars())
    names = [t for t in texts if normalise_source(t) is not None]
    return group_sources(names) if names else {}


def claims_per_source(engine: Engine, names: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """``(source name, claims decided with a source in that group, spellings)``, most claims first,
    over every reviewer's current decisions."""
    names = source_names(engine) if names is None else names
    latest = latest_annotation_ids()
    with engine.connect() as conn:
        rows = conn.execute(select(annotations.c.candidate_id, annotations.c.source_text)
                            .join(latest, annotations.c.id == latest.c.id)
                            .where(annotations.c.label.is_not(None), annotations.c.label.not_in(NO_SOURCE),
                                   annotations.c.source_text.is_not(None))).all()
    claims: dict[str, set[int]] = {}
    spellings: dict[str, set[str]] = {}
    for cid, src in rows:
        name = names.get(src)
        if name is None:
            continue
        claims.setdefault(name, set()).add(cid)
        spellings.setdefault(name, set()).add(src)
    out = [(name, len(c), len(spellings[name])) for name, c in claims.items()]
    out.sort(key=lambda x: (-x[1], x[0]))
    return out
