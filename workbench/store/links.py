"""Corpus-level links in the store: the claims a similarity index is built from, labels of
neighbours, suggestions taken from near-duplicates (append-only), groups of near-identical
claims whose decisions disagree, and near-duplicate articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from workbench.claims.model import LABELS
from workbench.linking.similar import SAME_STATEMENT, SimilarityIndex, groups
from workbench.store.annotations import reviewer_id
from workbench.store.batching import rows_for, rows_in
from workbench.store.models import utcnow
from workbench.store import tables
from workbench.store.tables import (
    annotations,
    articles,
    candidates,
    latest_annotation_ids,
    reviewers,
    streaming,
    suggestions,
)


def iter_index_claims(engine: Engine, batch: int = 5000) -> Iterator[tuple[int, str, str, int, int]]:
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(
            select(candidates.c.id, candidates.c.article_id, candidates.c.text, candidates.c.start, candidates.c.end)
            .where(candidates.c.orphaned.is_(False))
        )
        for row in result:
            yield tuple(row)


def build_index(engine: Engine) -> SimilarityIndex:
    return SimilarityIndex(iter_index_claims(engine))


def _build_in_child(url: str) -> SimilarityIndex:
    from workbench.store.database import make_engine

    engine = make_engine(url, migrate=False)
    try:
        return build_index(engine)
    finally:
        engine.dispose()


def build_index_elsewhere(engine: Engine) -> SimilarityIndex:
    """``build_index`` in a process of its own (the other core), so that building the index of
    a large corpus never competes with the review app for its interpreter. Falls back to this
    process for an in-memory database (another process cannot open it) or if the child fails."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return build_index(engine)
    import pickle
    import subprocess
    import sys

    code = ("import pickle, sys; from workbench.store.links import _build_in_child; "
            "sys.stdout.buffer.write(pickle.dumps(_build_in_child(sys.stdin.read()), protocol=5))")
    try:  # a plain subprocess: multiprocessing needs file descriptors a TUI may have replaced
        proc = subprocess.run([sys.executable, "-c", code],  # the URL on stdin: ps shows argv
                              input=url.render_as_string(hide_password=False).encode("utf-8"),
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, timeout=600)
        index = pickle.loads(proc.stdout)
        if isinstance(index, SimilarityIndex):
            return index
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError):
        pass
    return build_index(engine)


def current_labels(engine: Engine, ids: list[int], reviewer: str | None = None) -> dict[int, dict[str, str]]:
    """``{candidate: {reviewer: label}}``: current decisions (only ``reviewer``'s if given)."""
    latest = latest_annotation_ids()
    q = (select(annotations.c.candidate_id, reviewers.c.name, annotations.c.label)
         .join(latest, annotations.c.id == latest.c.id)
         .join(reviewers, reviewers.c.id == annotations.c.reviewer_id)
         .where(annotations.c.label.is_not(None)))
    if reviewer is not None:
        q = q.where(reviewers.c.name == reviewer)
    out: dict[int, dict[str, str]] = {}
    with engine.connect() as conn:
        for cid, name, label in rows_in(conn, q, annotations.c.candidate_id, ids):
            out.setdefault(cid, {})[name] = label
    return out


def consensus(labels: dict[str, str]) -> str | None:
    """The label most reviewers gave (None for a tie or no decision)."""
    if not labels:
        return None
    top = Counter(labels.values()).most_common(2)
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None
    return top[0][0]


def effective_suggestions(conn, ids: list[int]) -> dict[int, tuple[str, str]]:
    """``{candidate: (label, reason)}`` of the latest neighbour suggestion per candidate."""
    def latest_of(chunk):
        latest = (select(func.max(suggestions.c.id).label("id")).where(suggestions.c.candidate_id.in_(chunk))
                  .group_by(suggestions.c.candidate_id).subquery("ls"))
        return (select(suggestions.c.candidate_id, suggestions.c.label, suggestions.c.reason)
                .join(latest, suggestions.c.id == latest.c.id))

    return {cid: (label, reason) for cid, label, reason in rows_for(conn, latest_of, ids)}


def add_suggestion(engine: Engine, candidate_id: int, label: str, neighbour_id: int | None, score: float,
                   reason: str, origin: str, reviewer: str | None = None) -> int:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    rid = reviewer_id(engine, reviewer) if reviewer else None
    with engine.begin() as conn:
        return conn.execute(insert(suggestions).values(
            candidate_id=candidate_id, label=label, neighbour_id=neighbour_id, score=score, reason=reason,
            origin=origin, reviewer_id=rid, created_at=utcnow())).inserted_primary_key[0]


def titles(engine: Engine, article_ids: list[str]) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(rows_in(conn, select(articles.c.id, articles.c.title), articles.c.id, article_ids))


def decided_ids(engine: Engine) -> list[int]:
    latest = latest_annotation_ids()
    with engine.connect() as conn:
        return sorted(set(conn.execute(
            select(annotations.c.candidate_id).join(latest, annotations.c.id == latest.c.id)
            .where(annotations.c.label.is_not(None))
        ).scalars()))


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
    undecided = [index.ids[i] for i in range(len(index)) if index.ids[i] not in decided
                 and (only_articles is None or index.article_ids[i] in only_articles)]
    with engine.connect() as conn:
        have = effective_suggestions(conn, undecided)
    names = {}
    rows = []
    for cid in undecided:
        for m in index.similar_to(cid, limit=10, other_articles=False, min_score=threshold):
            if m.id not in decided:
                continue
            label = consensus(labels.get(m.id, {}))
            if label is None:
                continue
            if have.get(cid, (None,))[0] == label:
                break
            names.setdefault(m.article_id, None)
            rows.append((cid, label, m))
            break
    if not rows:
        return 0
    title = titles(engine, list(names))
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(insert(suggestions), [
            {"candidate_id": cid, "label": label, "neighbour_id": m.id, "score": m.score,
             "reason": f"near-duplicate ({m.score:.0f}) of claim {m.id} in {title.get(m.article_id) or m.article_id!r}, "
                       f"decided {label}",
             "origin": "propagated", "reviewer_id": None, "created_at": now}
            for cid, label, m in rows])
    return len(rows)


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
    rows = [{"candidate_id": m.id, "label": label, "neighbour_id": candidate_id, "score": m.score,
             "reason": f"near-duplicate ({m.score:.0f}) of claim {candidate_id} in {where!r}, decided {label}",
             "origin": "propagated", "reviewer_id": None, "created_at": utcnow()}
            for m in twins if m.id not in decided and have.get(m.id, (None,))[0] != label]
    if rows:
        with engine.begin() as conn:
            conn.execute(insert(suggestions), rows)
    return [r["candidate_id"] for r in rows]


def has_decisions(engine: Engine) -> bool:
    with engine.connect() as conn:
        decided = select(annotations.c.id).where(annotations.c.label.is_not(None)).limit(1)
        return conn.execute(decided).first() is not None


@dataclass(frozen=True, slots=True)
class GroupMember:
    id: int
    article_id: str
    text: str
    labels: dict[str, str]


def inconsistent_groups(engine: Engine, index: SimilarityIndex | None = None,
                        threshold: float = SAME_STATEMENT) -> list[list[GroupMember]]:
    """Groups of near-identical decided claims whose labels differ (across claims or reviewers)."""
    ids = decided_ids(engine)
    if not ids:
        return []
    index = index or build_index(engine)
    labels = current_labels(engine, ids)
    out = []
    for g in groups(index, ids, threshold):
        seen = {lbl for c in g for lbl in labels.get(c, {}).values()}
        if len(seen) > 1:
            out.append([GroupMember(c, index.article_of(c), index.text_of(c), labels.get(c, {}))
                        for c in g])
    return out


# -- near-duplicate articles ----------------------------------------------------------------------
def article_links(engine: Engine, article_id: str) -> list[tuple[str, float]]:
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


# -- source names ----------------------------------------------------------------------------------
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
                            .where(annotations.c.label.is_not(None), annotations.c.source_text.is_not(None))).all()
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
