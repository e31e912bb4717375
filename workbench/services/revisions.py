"""A re-imported article whose text changed: the old text is kept as a revision and every
annotation moves to the new text (exact match first, then fuzzy alignment with rapidfuzz, see
``workbench.linking.anchor``). A claim whose text is gone is kept, flagged ``orphaned``, with
its offsets into the revision it came from; nothing is dropped.

What moves, inside the caller's transaction (the importer applies the new texts of one file in
the transaction that writes the file's new articles: a file is imported whole or not at all):
- each candidate somebody annotated, adjudicated or got a suggestion for: its offsets, text, cue
  and source are moved in place (the candidate is the claim's identity), and each reviewer's
  current state is moved by a new annotation row (action ``reanchor``); the rows before it keep
  the offsets of the revision they were made on;
- a candidate nobody touched is the extractor's output: it is replaced by the extractor's
  candidates for the new text (kept when the new text has a candidate at its new place).

Finding where the spans went (``reanchor_claims``) is the slow part: ``plan`` does it on a
read connection before the write transaction, and ``replace_text`` uses the plan when the
article's text and the spans to move are still those it was made for (else it re-anchors
there, as it does without a plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, insert, select, update

from workbench.claims import EXTRACTOR_VERSION
from workbench.linking.anchor import Anchor, reanchor_claims
from workbench.store.annotations import Entry, append
from workbench.store.articles import insert_candidate_tuples
from workbench.store.batching import batches
from workbench.store.models import utcnow
from workbench.store.tables import (
    adjudications,
    annotations,
    article_revisions,
    articles,
    candidates,
    suggestions,
)


@dataclass
class RevisionReport:
    article_id: str
    revision: int
    exact: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    replaced: int = 0  # untouched extractor candidates replaced by the new extraction
    added: int = 0  # new extractor candidates
    orphans: list[int] = field(default_factory=list)
    #: where the replaced text came from, when the new one comes from another file (two articles
    #: of one name in two folders look like this: the id of a text file is its name)
    previous_origin: str | None = None
    origin: str | None = None

    @property
    def moved(self) -> int:
        return self.exact + self.fuzzy

    def same_id_hint(self) -> str:
        """Why the texts of two places are one article (when ``previous_origin`` is set): what
        gives the id of each (a file's name, a JSONL row's ``"id"``)."""
        rows = [is_row(o) for o in (self.origin or "", self.previous_origin or "")]
        if not any(rows):
            return "a file's name is its id: two different articles need two names"
        if all(rows):
            return "a JSONL row's \"id\" is its article's id: two different articles need two ids"
        return ("the id of a file is its name, that of a JSONL row its \"id\": two different articles need two "
                "different ids")


@dataclass(frozen=True)
class Plan:
    """Where the spans of an article go in its new text, found before the write transaction:
    valid while the stored text (``old_hash``) and the spans to move (``jobs``) are the same."""

    old_hash: str
    new_hash: str
    jobs: tuple
    anchors: tuple


def plan(conn, rec) -> Plan | None:
    """The re-anchoring of article ``rec.id`` to the text of ``rec``, read-only (None: the
    article is not stored)."""
    art = conn.execute(select(articles.c.text, articles.c.content_hash).where(articles.c.id == rec.id)).first()
    if art is None:
        return None
    cands = _live_candidates(conn, rec.id)
    states, _touched = _current_states(conn, [c.id for c in cands])
    jobs = _jobs(cands, states)
    anchors = reanchor_claims(art.text, rec.text, list(jobs)) if jobs else []
    return Plan(art.content_hash, rec.content_hash, jobs, tuple(anchors))


def _live_candidates(conn, article_id: str) -> list:
    return conn.execute(select(candidates).where(candidates.c.article_id == article_id,
                                                 candidates.c.orphaned.is_(False)).order_by(candidates.c.id)).all()


def _jobs(cands, states) -> tuple:
    """Every span to move: candidates (with their source, then their cue), then reviewers' own
    states."""
    jobs = [((c.start, c.end), _src(s, e)) for c in cands
            for s, e in ((c.source_start, c.source_end), (c.cue_start, c.cue_end))]
    jobs += [((r.start, r.end), _src(r.source_start, r.source_end)) for _cid, r in states]
    return tuple(jobs)


def _span(a: Anchor | None, text: str) -> tuple[int | None, int | None, str | None]:
    if a is None:
        return None, None, None
    return a.start, a.end, text[a.start:a.end]


def replace_text(conn, rec, language: str, cand_rows: list[tuple], columns: tuple[str, ...],
                 fingerprint: str | None, planned: Plan | None = None) -> RevisionReport:
    """Give article ``rec.id`` the text of ``rec`` (an ``ArticleRecord``) inside the caller's
    transaction; ``cand_rows`` are the extractor's candidates for it (``columns`` order).
    ``planned``: the re-anchoring ``plan`` made before the transaction, used when it still holds."""
    now = utcnow()
    art = conn.execute(select(articles).where(articles.c.id == rec.id)).one()
    old, new = art.text, rec.text
    rev = art.revision + 1
    conn.execute(insert(article_revisions).values(article_id=art.id, revision=art.revision, title=art.title,
                                                  text=old, content_hash=art.content_hash, replaced_at=now))
    conn.execute(update(articles).where(articles.c.id == art.id).values(
        text=new, title=rec.title, content_hash=rec.content_hash, language=language, revision=rev,
        fingerprint=fingerprint or None, imported_at=now, url=rec.url or art.url, meta=rec.meta or art.meta,
        origin=rec.origin or art.origin))
    report = RevisionReport(art.id, rev)
    if rec.origin and art.origin and _file_of(rec.origin) != _file_of(art.origin):
        report.previous_origin, report.origin = art.origin, rec.origin

    cands = _live_candidates(conn, art.id)
    states, touched = _current_states(conn, [c.id for c in cands])
    jobs = _jobs(cands, states)
    if planned is not None and (planned.old_hash, planned.new_hash, planned.jobs) == (art.content_hash,
                                                                                      rec.content_hash, jobs):
        anchors = list(planned.anchors)
    else:  # no plan, or something moved since it was made (a reviewer's decision, another import)
        anchors = reanchor_claims(old, new, list(jobs)) if jobs else []
    cand_anchors = [(anchors[2 * i], anchors[2 * i + 1]) for i in range(len(cands))]

    by_span = {(t[0], t[1]): t for t in cand_rows}
    moved = _move_candidates(conn, cands, cand_anchors, touched, by_span, new, rev, columns, report)
    _move_states(conn, art.id, states, anchors[2 * len(cands):], moved, new)
    fresh = list(by_span.values())  # the extractor's candidates no moved claim stands for
    if fresh:
        insert_candidate_tuples(conn, columns + ("article_id", "extractor_version", "origin", "revision"),
                                [(*t, art.id, EXTRACTOR_VERSION, "extractor", rev) for t in fresh], now)
        report.added = len(fresh)
    return report


def _file_of(origin: str) -> str:
    """The file of an origin (``PATH``, or ``PATH:LINE`` for a line of a JSONL file)."""
    head, sep, line = origin.rpartition(":")
    return head if sep and line.isdigit() else origin


def is_row(origin: str) -> bool:
    """Whether an origin is a line of a JSONL file (``PATH:LINE``, its id the row's ``"id"``)
    rather than a file (``PATH``, its id the file's name)."""
    return _file_of(origin) != origin


def _src(s: int | None, e: int | None) -> tuple[int, int] | None:
    return (s, e) if s is not None and e is not None and s < e else None


def _current_states(conn, ids: list[int]) -> tuple[list[tuple[int, object]], set[int]]:
    """``(candidate, current row)`` of each reviewer on the candidates ``ids``, and the candidates
    that anything points at: an annotation, an adjudication, a suggestion to or from it."""
    touched: set[int] = set()
    latest: dict[int, list] = {}  # candidate -> current annotation row of each reviewer
    for chunk in batches(ids):
        rows = conn.execute(select(annotations).where(annotations.c.candidate_id.in_(chunk))
                            .order_by(annotations.c.id)).all()
        cur: dict[tuple[int, int], object] = {}
        for r in rows:
            cur[(r.candidate_id, r.reviewer_id)] = r
        for (cid, _rid), r in cur.items():
            latest.setdefault(cid, []).append(r)
        touched.update(latest)
        for column in (adjudications.c.candidate_id, suggestions.c.candidate_id, suggestions.c.neighbour_id):
            touched.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return [(cid, r) for cid, rs in latest.items() for r in rs], touched


def _move_candidates(conn, cands, anchors, touched: set[int], by_span: dict, new: str, rev: int,
                     columns: tuple[str, ...], report: RevisionReport) -> dict[int, tuple[int, int]]:
    """Move (or orphan) each touched candidate in place; replace an untouched one by the
    extractor's candidate at its new place (taken from ``by_span``), or delete it. Returns the
    new span of each moved candidate. (The rows are written a statement per kind, each with
    many parameter sets: a file's new texts are written in one transaction, kept short.)"""
    moved: dict[int, tuple[int, int]] = {}
    orphaned: list[int] = []
    deleted: list[int] = []
    spans: list[dict] = []  # moved
    rows: list[dict] = []  # replaced by the extractor's candidate at the same place
    for c, ((ca, sa), (_, cua)) in zip(cands, anchors):
        if c.id in touched:
            if ca is None:
                orphaned.append(c.id)
                report.orphaned += 1
                report.orphans.append(c.id)
                continue
            s0, e0, t0 = _span(ca, new)
            ss, se, st = _span(sa, new)
            cs, ce, ct = _span(cua, new)
            spans.append({"cand_id": c.id, "start": s0, "end": e0, "text": t0, "revision": rev, "source_start": ss,
                          "source_end": se, "source_text": st, "cue_start": cs, "cue_end": ce, "cue_text": ct})
            moved[c.id] = (s0, e0)
            by_span.pop((s0, e0), None)  # the claim stands for the extractor's candidate there
            if ca.method == "exact":
                report.exact += 1
            else:
                report.fuzzy += 1
        elif ca is not None and (ca.start, ca.end) in by_span:
            row = by_span.pop((ca.start, ca.end))
            rows.append({"cand_id": c.id, "revision": rev, **dict(zip(columns, row))})
        else:
            deleted.append(c.id)
            report.replaced += 1
    by_id = update(candidates).where(candidates.c.id == bindparam("cand_id"))
    for params in (spans, rows):
        if params:
            conn.execute(by_id, params)
    for chunk in batches(orphaned):
        conn.execute(update(candidates).where(candidates.c.id.in_(chunk)).values(orphaned=True))
    for chunk in batches(deleted):
        conn.execute(delete(candidates).where(candidates.c.id.in_(chunk)))
    return moved


def _move_states(conn, article_id: str, states, anchors, moved: dict[int, tuple[int, int]], new: str) -> None:
    """Each reviewer's current state on a moved claim, moved by a new ``reanchor`` row (history
    keeps the old one)."""
    entries = []
    for (cid, r), (ra, rsa) in zip(states, anchors):
        if cid not in moved:
            continue  # orphaned with its claim: the state stays as it was, on the old revision
        if ra is None:
            ra = Anchor(moved[cid][0], moved[cid][1], "fuzzy", 0.0)  # the claim's new place
        s0, e0, t0 = _span(ra, new)
        ss, se, _st = _span(rsa, new)
        if (s0, e0, ss, se) == (r.start, r.end, r.source_start, r.source_end) and t0 == r.text:
            continue  # nothing moved
        entries.append(Entry(article_id, cid, r.reviewer_id, "reanchor", r.label, s0, e0,
                             (ss, se) if rsa is not None else None, r.note))
    append(conn, entries, {article_id: new})


def revisions(engine, article_id: str) -> list[tuple[int, str]]:
    """``(revision, replaced_at)`` of an article's earlier texts, oldest first."""
    with engine.connect() as conn:
        return [(r, t) for r, t in conn.execute(
            select(article_revisions.c.revision, article_revisions.c.replaced_at)
            .where(article_revisions.c.article_id == article_id).order_by(article_revisions.c.revision))]
