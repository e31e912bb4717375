"""Suggestions taken from decided near-duplicates: a label suggested for a claim because a claim
that states the same thing was decided so (never a decision). Rows are append-only (table
``suggestion``); the latest one per claim is in force, and the extractor's own suggestion stays
on the candidate. They come from a reviewer applying a twin's label (``origin`` ``twin``), from a
decision in the app (``propagate_from``) and from ``workbench suggest`` and imports
(``propagate``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from workbench.claims.model import LABELS
from workbench.linking.similar import SAME_STATEMENT, Match, SimilarityIndex
from workbench.services.similarity import build_index, consensus, current_labels, decided_ids, titles
from workbench.store.annotations import reviewer_id
from workbench.store.batching import batches, rows_for
from workbench.store.models import utcnow
from workbench.store.tables import annotations, suggestions


#: origins of the rows that come from a near-duplicate's decision (the label model's rows,
#: origin ``model``, are read by ``services.learning``)
TWIN_ORIGINS = ("twin", "propagated")


def twin_suggestions(conn, ids: list[int]) -> dict[int, tuple[str, float, str]]:
    """``{candidate: (label, score, reason)}`` of the neighbour suggestion in force per candidate:
    the latest twin/propagated row whose neighbour still stands, i.e. some reviewer's current
    decision of the neighbour has that label (a row naming no neighbour always stands). A
    decision undone, or changed to another label, takes back what it suggested: its reason
    ("… decided contested") would name a decision that is no longer there, and ``enter`` would
    accept it."""
    rows: dict[int, list] = {}
    for r in rows_for(conn, lambda chunk: (
            select(suggestions.c.candidate_id, suggestions.c.label, suggestions.c.score, suggestions.c.reason,
                   suggestions.c.neighbour_id)
            .where(suggestions.c.candidate_id.in_(chunk), suggestions.c.origin.in_(TWIN_ORIGINS))
            .order_by(suggestions.c.id.desc())), ids):
        rows.setdefault(r.candidate_id, []).append(r)
    neighbours = sorted({r.neighbour_id for rs in rows.values() for r in rs if r.neighbour_id is not None})
    standing = set()
    for chunk in batches(neighbours):
        latest = (select(func.max(annotations.c.id).label("id")).where(annotations.c.candidate_id.in_(chunk))
                  .group_by(annotations.c.candidate_id, annotations.c.reviewer_id).subquery("ln"))
        standing.update((cid, label) for cid, label in conn.execute(
            select(annotations.c.candidate_id, annotations.c.label).join(latest, annotations.c.id == latest.c.id)
            .where(annotations.c.label.is_not(None))))
    out = {}
    for cid, rs in rows.items():
        r = next((r for r in rs if r.neighbour_id is None or (r.neighbour_id, r.label) in standing), None)
        if r is not None:
            out[cid] = (r.label, r.score, r.reason)
    return out


def effective_suggestions(conn, ids: list[int]) -> dict[int, tuple[str, str]]:
    """``{candidate: (label, reason)}`` of the neighbour suggestion in force per candidate."""
    return {cid: (label, reason) for cid, (label, _score, reason) in twin_suggestions(conn, ids).items()}


def add_suggestion(engine: Engine, candidate_id: int, label: str, neighbour_id: int | None, score: float,
                   reason: str, origin: str, reviewer: str | None = None) -> int:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    rid = reviewer_id(engine, reviewer) if reviewer else None
    with engine.begin() as conn:
        return conn.execute(insert(suggestions).values(
            candidate_id=candidate_id, label=label, neighbour_id=neighbour_id, score=score, reason=reason,
            origin=origin, reviewer_id=rid, created_at=utcnow())).inserted_primary_key[0]


def _propagated(candidate_id: int, label: str, neighbour_id: int, score: float, where: str, now: datetime) -> dict:
    """A suggestion row: ``label`` for ``candidate_id`` because its near-duplicate
    ``neighbour_id`` (in the article titled ``where``) was decided so."""
    return {"candidate_id": candidate_id, "label": label, "neighbour_id": neighbour_id, "score": score,
            "reason": f"near-duplicate ({score:.0f}) of claim {neighbour_id} in {where!r}, decided {label}",
            "origin": "propagated", "reviewer_id": None, "created_at": now}


def propagate(engine: Engine, index: SimilarityIndex | None = None, threshold: float = SAME_STATEMENT,
              only_articles: set[str] | None = None) -> int:
    """Suggest to every undecided claim the label of a decided near-duplicate (score >=
    ``threshold``; the reviewers' consensus label of the best-scoring decided twin), naming the
    twin as the reason. Only new or changed suggestions are written. Returns how many."""
    index = index or build_index(engine)
    decided = set(decided_ids(engine))
    if not decided:
        return 0
    labels = current_labels(engine, sorted(decided))
    labelled = {cid: label for cid in decided if (label := consensus(labels.get(cid, {}))) is not None}
    undecided = [index.ids[i] for i in range(len(index)) if index.ids[i] not in decided
                 and (only_articles is None or index.article_ids[i] in only_articles)]
    with engine.connect() as conn:
        have = effective_suggestions(conn, undecided)
    # the first decided claim with a label among a claim's 10 nearest (score >= threshold): only
    # the decided candidates of each claim are scored (first_among), not all of them
    found: list[tuple[int, str, Match]] = []
    for cid in undecided:
        m = index.first_among(cid, labelled, limit=10, min_score=threshold)
        if m is not None and have.get(cid, (None,))[0] != labelled[m.id]:
            found.append((cid, labelled[m.id], m))
    if not found:
        return 0
    title = titles(engine, list(dict.fromkeys(m.article_id for _cid, _label, m in found)))
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(insert(suggestions), [
            _propagated(cid, label, m.id, m.score, title.get(m.article_id) or m.article_id, now)
            for cid, label, m in found])
    return len(found)


def propagate_from(engine: Engine, index: SimilarityIndex, candidate_id: int, label: str,
                   threshold: float = SAME_STATEMENT) -> list[int]:
    """After a decision: suggest ``label`` to the undecided near-duplicates of the claim.
    Returns the candidates that got the suggestion."""
    if candidate_id not in index:
        return []
    twins = index.similar_to(candidate_id, limit=20, other_articles=False, min_score=threshold)
    if not twins:
        return []
    ids = [m.id for m in twins]
    decided = current_labels(engine, ids)
    with engine.connect() as conn:
        have = effective_suggestions(conn, ids)
    title = titles(engine, [index.article_of(candidate_id)])
    where = next(iter(title.values()), "")
    now = utcnow()
    rows = [_propagated(m.id, label, candidate_id, m.score, where, now)
            for m in twins if m.id not in decided and have.get(m.id, (None,))[0] != label]
    if rows:
        with engine.begin() as conn:
            conn.execute(insert(suggestions), rows)
    return [r["candidate_id"] for r in rows]
