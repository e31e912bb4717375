"""Team review queries: every reviewer's current decisions, the claims they disagree on,
adjudications (append-only, like annotations) and the gold labels that follow from them.

Final-label rules, for a candidate with current decisions:
- ``adjudicated``: an adjudicator recorded a label (the latest adjudication row is in force);
- ``unanimous``: no adjudication, at least two reviewers, all with the same label;
- ``majority``: no adjudication, one label chosen by more than half of the reviewers;
- ``single``: no adjudication, one reviewer decided (nobody to agree or disagree with).
Anything else (a tie) is unresolved until an adjudicator decides it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from workbench.claims.model import LABELS
from workbench.domain import check_note
from workbench.store.annotations import reviewer_id
from workbench.store.batching import rows_in
from workbench.store.models import new_uid, utcnow
from workbench.store.tables import (
    adjudications,
    annotations,
    articles,
    candidates,
    latest_annotation_ids,
    reviewers,
    streaming,
)

RULES = ("unanimous", "majority", "adjudicated", "single")


@dataclass(frozen=True, slots=True)
class Decision:
    reviewer: str
    label: str
    note: str | None
    start: int
    end: int
    text: str
    source_text: str | None
    source_start: int | None
    source_end: int | None
    created_at: datetime
    uid: str


@dataclass(frozen=True, slots=True)
class Ruling:
    label: str | None
    rule: str
    adjudicator: str | None
    note: str | None
    created_at: datetime | None


@dataclass(slots=True)
class TeamClaim:
    """A candidate with every reviewer's current decision and the adjudication in force."""

    id: int
    article_id: str
    article_title: str
    start: int
    end: int
    text: str
    suggested_label: str | None
    #: its text is gone from the article's current text: the offsets (the candidate's and its
    #: decisions') index article revision ``revision``
    orphaned: bool = False
    revision: int = 1
    decisions: list[Decision] = field(default_factory=list)
    adjudication: Ruling | None = None
    #: the extractor's cue span ``(text, start, end)`` and the claim's provenance, as in the
    #: claims export
    cue: tuple[str, int, int] | None = None
    origin: str = "extractor"
    score: float = 0.0
    extractor_version: str = ""

    @property
    def labels(self) -> Counter:
        return Counter(d.label for d in self.decisions)

    @property
    def disputed(self) -> bool:
        return len(self.labels) > 1

    def automatic(self) -> Ruling | None:
        """The rule that settles this claim without an adjudicator, if one does."""
        counts = self.labels
        n = len(self.decisions)
        if n == 0:
            return None
        label, top = counts.most_common(1)[0]
        if n == 1:
            return Ruling(label, "single", None, None, None)
        if top == n:
            return Ruling(label, "unanimous", None, None, None)
        if top * 2 > n:
            return Ruling(label, "majority", None, None, None)
        return None

    def ruling(self) -> Ruling | None:
        """The adjudicator's ruling that settles this claim, if one does: the latest row, when it
        has a label, unless it confirmed a majority (rule ``majority``, enter) that the reviewers
        have changed since (its label is no longer the majority's): the claim is open again."""
        adj = self.adjudication
        if adj is None or adj.label is None:
            return None
        if adj.rule == "majority":
            auto = self.automatic()
            if auto is None or auto.label != adj.label:
                return None
        return adj

    def final(self) -> Ruling | None:
        return self.ruling() or self.automatic()

    def span_for(self, label: str) -> Decision | None:
        """The most common claim span and source among the decisions with ``label``."""
        with_label = [d for d in self.decisions if d.label == label]
        if not with_label:
            return None
        key = Counter((d.start, d.end, d.source_start, d.source_end) for d in with_label).most_common(1)[0][0]
        return next(d for d in with_label if (d.start, d.end, d.source_start, d.source_end) == key)


def _latest_decisions():
    """Subquery: the current (latest) annotation of every (candidate, reviewer) with a label."""
    latest = latest_annotation_ids()
    return (select(annotations).join(latest, annotations.c.id == latest.c.id)
            .where(annotations.c.label.is_not(None)).subquery("cur"))


def iter_decisions(engine: Engine, batch: int = 5000) -> Iterator[tuple[int, str, str]]:
    """``(candidate_id, reviewer, label)`` of every current decision: what agreement is computed on."""
    cur = _latest_decisions()
    q = select(cur.c.candidate_id, reviewers.c.name, cur.c.label).join(reviewers, reviewers.c.id == cur.c.reviewer_id)
    with engine.connect() as conn:
        result = streaming(conn, batch).execute(q)
        for row in result:
            yield row[0], row[1], row[2]


def _adjudications(conn, ids: list[int] | None) -> dict[int, Ruling]:
    latest = select(func.max(adjudications.c.id).label("id")).group_by(adjudications.c.candidate_id).subquery("lj")
    q = (select(adjudications, reviewers.c.name).join(latest, adjudications.c.id == latest.c.id)
         .join(reviewers, reviewers.c.id == adjudications.c.adjudicator_id))
    return {r.candidate_id: Ruling(r.label, r.rule, r.name, r.note, r.created_at)
            for r in rows_in(conn, q, adjudications.c.candidate_id, ids)}


def team_claims(engine: Engine, candidate_ids: list[int] | None = None) -> list[TeamClaim]:
    """Every candidate somebody decided (or the given ones), in article and offset order."""
    cur = _latest_decisions()
    q = (
        select(candidates.c.id, candidates.c.article_id, articles.c.title, candidates.c.start, candidates.c.end,
               candidates.c.text, candidates.c.suggested_label, candidates.c.orphaned, candidates.c.revision,
               candidates.c.cue_text, candidates.c.cue_start, candidates.c.cue_end, candidates.c.origin,
               candidates.c.score, candidates.c.extractor_version, reviewers.c.name, cur.c.label, cur.c.note,
               cur.c.start.label("a_start"), cur.c.end.label("a_end"),
               cur.c.text.label("a_text"), cur.c.source_text, cur.c.source_start, cur.c.source_end,
               cur.c.created_at, cur.c.uid)
        .join(cur, cur.c.candidate_id == candidates.c.id)
        .join(reviewers, reviewers.c.id == cur.c.reviewer_id)
        .join(articles, articles.c.id == candidates.c.article_id)
        .order_by(candidates.c.article_id, candidates.c.start, candidates.c.id, reviewers.c.name)
    )
    claims: dict[int, TeamClaim] = {}
    with engine.connect() as conn:
        for r in rows_in(conn, q, candidates.c.id, candidate_ids):
            tc = claims.get(r.id)
            if tc is None:
                tc = claims[r.id] = TeamClaim(
                    r.id, r.article_id, r.title, r.start, r.end, r.text, r.suggested_label, bool(r.orphaned),
                    r.revision, cue=(r.cue_text, r.cue_start, r.cue_end) if r.cue_text is not None else None,
                    origin=r.origin, score=r.score, extractor_version=r.extractor_version)
            tc.decisions.append(Decision(r.name, r.label, r.note, r.a_start, r.a_end, r.a_text, r.source_text,
                                         r.source_start, r.source_end, r.created_at, r.uid))
        rulings = _adjudications(conn, list(claims) if candidate_ids is not None else None)
    for cid, ruling in rulings.items():
        if cid in claims:
            claims[cid].adjudication = ruling
    out = list(claims.values())
    out.sort(key=lambda t: (t.article_id, t.start, t.id))
    return out


def disputed(engine: Engine, include_adjudicated: bool = False) -> list[TeamClaim]:
    """The claims whose reviewers disagree (optionally also those already adjudicated)."""
    return [
        t for t in team_claims(engine)
        if t.disputed and (include_adjudicated or t.ruling() is None)
    ]


class RulingChangedElsewhere(Exception):
    """An undo of a ruling refused: a newer ruling on the claim, written by another adjudicator
    or another session, is in force; nothing was written."""

    def __init__(self) -> None:
        super().__init__("A later ruling on this claim, made elsewhere, is in force: nothing undone.")


def adjudicate(engine: Engine, candidate_id: int, label: str | None, adjudicator: str,
               rule: str = "adjudicated", note: str | None = None) -> int:
    """Append an adjudication (``label`` None withdraws the one in force); returns its id."""
    if label is not None and label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}")
    check_note(note)
    rid = reviewer_id(engine, adjudicator)
    with engine.begin() as conn:
        return _insert_ruling(conn, candidate_id, rid, label, rule, note)


def _insert_ruling(conn, candidate_id: int, adjudicator_id: int, label: str | None, rule: str,
                   note: str | None) -> int:
    return conn.execute(
        insert(adjudications).values(candidate_id=candidate_id, adjudicator_id=adjudicator_id, created_at=utcnow(),
                                     label=label, rule=rule, note=note, uid=new_uid())
    ).inserted_primary_key[0]


def undo_ruling(engine: Engine, ruling_id: int, adjudicator: str, own: Collection[int] | None = None) -> int:
    """Append a row restoring what was in force before the row ``ruling_id`` (the ruling and
    note of the row before it, or an open claim); returns the new row's id. Undoing the rows of
    a session newest first walks its rulings back one by one (an undo row is a ruling like the
    others: undoing the row before it does not bring back what the undo removed).

    ``own``: the rows the undoing session wrote. A newer row on the claim that is not one of them
    (another adjudicator's ruling, or this adjudicator's in another window) stays in force: the
    undo is refused (``RulingChangedElsewhere``) and nothing is written."""
    rid = reviewer_id(engine, adjudicator)
    with engine.begin() as conn:
        cid = conn.execute(select(adjudications.c.candidate_id).where(adjudications.c.id == ruling_id)).scalar_one()
        # (locked on PostgreSQL: a ruling written at the same moment is seen, or waits for this)
        conn.execute(select(candidates.c.id).where(candidates.c.id == cid).with_for_update(key_share=True))
        if own is not None:
            newer = conn.execute(select(adjudications.c.id).where(adjudications.c.candidate_id == cid,
                                                                  adjudications.c.id > ruling_id)).scalars()
            if any(i not in own for i in newer):
                raise RulingChangedElsewhere()
        prev = conn.execute(
            select(adjudications).where(adjudications.c.candidate_id == cid, adjudications.c.id < ruling_id)
            .order_by(adjudications.c.id.desc()).limit(1)
        ).first()
        if prev is None:
            return _insert_ruling(conn, cid, rid, None, "adjudicated", None)
        return _insert_ruling(conn, cid, rid, prev.label, prev.rule, prev.note)


def note_ruling(engine: Engine, candidate_id: int, adjudicator: str, note: str | None) -> int:
    """Append a row with ``note`` and the ruling in force when it is written (its label and rule;
    an open claim stays open); returns its id. Read in the writing transaction, not when the
    adjudicator began typing: a ruling another adjudicator wrote meanwhile stays in force."""
    check_note(note)
    rid = reviewer_id(engine, adjudicator)
    with engine.begin() as conn:
        # (locked on PostgreSQL, as in undo_ruling: a ruling written at the same moment is seen)
        conn.execute(select(candidates.c.id).where(candidates.c.id == candidate_id).with_for_update(key_share=True))
        prev = conn.execute(
            select(adjudications.c.label, adjudications.c.rule).where(adjudications.c.candidate_id == candidate_id)
            .order_by(adjudications.c.id.desc()).limit(1)
        ).first()
        label, rule = (prev.label, prev.rule) if prev is not None else (None, "adjudicated")
        return _insert_ruling(conn, candidate_id, rid, label, rule, note)


def note_in_force(engine: Engine, candidate_id: int) -> str | None:
    """The note of the claim's latest adjudication row (None without one)."""
    with engine.connect() as conn:
        return conn.execute(
            select(adjudications.c.note).where(adjudications.c.candidate_id == candidate_id)
            .order_by(adjudications.c.id.desc()).limit(1)
        ).scalar()


def newest_rows(engine: Engine) -> tuple[int, int]:
    """(newest annotation id, newest adjudication id), 0 for none: one cheap round trip, read
    before the disputes so that a later ``changes_since`` misses nothing written meanwhile."""
    with engine.connect() as conn:
        ann, adj = conn.execute(select(select(func.max(annotations.c.id)).scalar_subquery(),
                                       select(func.max(adjudications.c.id)).scalar_subquery())).one()
    return ann or 0, adj or 0


def changes_since(engine: Engine, annotation_after: int, adjudication_after: int) -> tuple[int, int, list[int]]:
    """Decisions and rulings written after the given row ids (by anyone: another reviewer,
    another adjudicator, an import that moved a claim to a new text): the newest ids and the
    candidates they touched, for the adjudication screen to read again (polled twice a second:
    two range scans of a primary key when nothing is new)."""
    with engine.connect() as conn:
        ann = conn.execute(select(annotations.c.id, annotations.c.candidate_id)
                           .where(annotations.c.id > annotation_after)).all()
        adj = conn.execute(select(adjudications.c.id, adjudications.c.candidate_id)
                           .where(adjudications.c.id > adjudication_after)).all()
    ids = sorted({r.candidate_id for r in ann} | {r.candidate_id for r in adj})
    return (max((r.id for r in ann), default=annotation_after), max((r.id for r in adj), default=adjudication_after),
            ids)


def article_text(engine: Engine, article_id: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar_one()


def adjudication_history(engine: Engine, candidate_id: int) -> list[Ruling]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(adjudications, reviewers.c.name)
            .join(reviewers, reviewers.c.id == adjudications.c.adjudicator_id)
            .where(adjudications.c.candidate_id == candidate_id).order_by(adjudications.c.id)
        ).all()
    return [Ruling(r.label, r.rule, r.name, r.note, r.created_at) for r in rows]


def reviewers_with_decisions(engine: Engine) -> list[str]:
    cur = _latest_decisions()
    with engine.connect() as conn:
        return list(conn.execute(
            select(reviewers.c.name).join(cur, cur.c.reviewer_id == reviewers.c.id)
            .group_by(reviewers.c.name).order_by(reviewers.c.name)
        ).scalars())
