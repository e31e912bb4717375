"""The corpus similarity index (rapidfuzz, ``workbench.linking.similar``) over the claims in the
database, the current labels of neighbours, and groups of near-identical claims whose decisions
disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from workbench.linking.similar import SAME_STATEMENT, SimilarityIndex, groups
from workbench.store.batching import rows_in
from workbench.store.tables import annotations, articles, candidates, latest_annotation_ids, reviewers, streaming


def iter_index_claims(engine: Engine, batch: int = 5000) -> Iterator[tuple[int, str, str, int, int]]:
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(
            select(candidates.c.id, candidates.c.article_id, candidates.c.text, candidates.c.start, candidates.c.end)
            .where(candidates.c.orphaned.is_(False), candidates.c.withdrawn.is_(False))
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

    code = ("import pickle, sys; from workbench.services.similarity import _build_in_child; "
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


def titles(engine: Engine, article_ids: list[str]) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(rows_in(conn, select(articles.c.id, articles.c.title), articles.c.id, article_ids))


@dataclass(frozen=True, slots=True)
class Twin:
    """A claim in another article that says nearly the same (``score``), with the label its
    reviewers agree on (``consensus``), if any."""

    id: int
    article_id: str
    title: str
    text: str
    score: float
    label: str | None


def twins(engine: Engine, index: SimilarityIndex, candidate_id: int, reviewer: str | None,
          limit: int, min_score: float) -> list[Twin]:
    """The ``limit`` claims most similar to ``candidate_id`` in other articles, with the labels
    of ``reviewer``'s decisions (of every reviewer's: None)."""
    matches = index.similar_to(candidate_id, limit, min_score=min_score)
    labels = current_labels(engine, [m.id for m in matches], reviewer)
    names = titles(engine, sorted({m.article_id for m in matches}))
    return [Twin(m.id, m.article_id, names.get(m.article_id) or m.article_id, m.text, m.score,
                 consensus(labels.get(m.id, {}))) for m in matches]


def decided_ids(engine: Engine, reviewer: str | None = None) -> list[int]:
    """The candidates with a current decision (``reviewer``'s, if given)."""
    latest = latest_annotation_ids()
    q = (select(annotations.c.candidate_id).join(latest, annotations.c.id == latest.c.id)
         .where(annotations.c.label.is_not(None)))
    if reviewer is not None:
        q = q.join(reviewers, reviewers.c.id == annotations.c.reviewer_id).where(reviewers.c.name == reviewer)
    with engine.connect() as conn:
        return sorted(set(conn.execute(q).scalars()))


@dataclass(frozen=True, slots=True)
class GroupMember:
    id: int
    article_id: str
    text: str
    labels: dict[str, str]


def inconsistent_groups(engine: Engine, index: SimilarityIndex | None = None,
                        threshold: float = SAME_STATEMENT, reviewer: str | None = None) -> list[list[GroupMember]]:
    """Groups of near-identical decided claims whose labels differ (across claims or reviewers);
    ``reviewer``: only that reviewer's decisions (blind review: nobody else's labels)."""
    ids = decided_ids(engine, reviewer)
    if not ids:
        return []
    index = index or build_index(engine)
    labels = current_labels(engine, ids, reviewer)
    out = []
    for g in groups(index, ids, threshold):
        seen = {lbl for c in g for lbl in labels.get(c, {}).values()}
        if len(seen) > 1:
            out.append([GroupMember(c, index.article_of(c), index.text_of(c), labels.get(c, {}))
                        for c in g])
    return out
