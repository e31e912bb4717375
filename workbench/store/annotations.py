"""The one writer of annotation rows.

An annotation row is one action of a reviewer on a claim, with the full state it leaves (label,
claim span, source span, note): appended, never updated. Every path that records a decision
writes through ``append``: deciding in the review app (and undo / redo, which append rows too),
importing decisions from a file (``add_decisions``: a claims export, Prodigy, Label Studio,
doccano) and re-anchoring the claims of a revised article. The writer checks the span and the
label, and cuts the claim and source texts from the article text, so ``text[start:end]`` holds
for every row by construction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from workbench.claims.model import LABELS, NO_SOURCE
from workbench.domain import DecisionRecord
from workbench.store.articles import insert_manual_candidate
from workbench.store.batching import rows_in
from workbench.store.models import new_uid, utcnow
from workbench.store.tables import annotations, candidates, reviewers

#: the columns of a row that make up a claim's state (what undo restores)
STATE = ("label", "start", "end", "text", "source_text", "source_start", "source_end", "note")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row to append: ``action`` of reviewer ``reviewer_id`` on candidate ``candidate_id`` of
    article ``article_id``, and the claim's state after it (offsets into the article text). A
    claim labelled unsourced or not_claim is stored without a source, whatever ``source`` says."""

    article_id: str
    candidate_id: int
    reviewer_id: int
    action: str
    label: str | None
    start: int
    end: int
    source: tuple[int, int] | None
    note: str | None
    #: None: now
    created_at: datetime | None = None
    #: undo / redo: the row whose effect is reverted or restored
    reverts_id: int | None = None
    #: None: a new one (an imported decision keeps the uid it was exported with)
    uid: str | None = None

    def row(self, text: str, now: datetime) -> dict:
        """The table row, with the claim and source texts cut from the article ``text``."""
        if not 0 <= self.start < self.end <= len(text):
            raise ValueError("claim boundaries out of range")
        if self.label is not None and self.label not in LABELS:
            raise ValueError(f"unknown label {self.label!r}")
        ss, se = self.source if self.source is not None and self.label not in NO_SOURCE else (None, None)
        return {
            "candidate_id": self.candidate_id, "reviewer_id": self.reviewer_id,
            "created_at": self.created_at or now, "action": self.action, "label": self.label,
            "start": self.start, "end": self.end, "text": text[self.start:self.end],
            "source_start": ss, "source_end": se, "source_text": text[ss:se] if ss is not None else None,
            "note": self.note, "reverts_id": self.reverts_id, "uid": self.uid or new_uid(),
        }


def append(conn, entries: Sequence[Entry], texts: Mapping[str, str]) -> list[int]:
    """Insert ``entries`` (``texts``: article id -> its text) in the caller's transaction; returns
    the ids of the new rows, in order. Raises ValueError for a span or label that is not valid."""
    if not entries:
        return []
    now = utcnow()
    rows = [e.row(texts[e.article_id], now) for e in entries]
    stmt = insert(annotations).returning(annotations.c.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, rows).scalars())


def state_of(cand, row) -> dict:
    """The claim's state ``row`` recorded (``STATE`` columns), or the candidate's own before any
    annotation (no label, no note)."""
    if row is None:
        return {k: None if k in ("label", "note") else getattr(cand, k) for k in STATE}
    return {k: getattr(row, k) for k in STATE}


def latest_row(conn, candidate_id: int, reviewer_id: int, before: int | None = None):
    """The reviewer's latest row on the candidate (before row ``before`` if given), or None."""
    q = select(annotations).where(annotations.c.candidate_id == candidate_id,
                                  annotations.c.reviewer_id == reviewer_id)
    if before is not None:
        q = q.where(annotations.c.id < before)
    return conn.execute(q.order_by(annotations.c.id.desc()).limit(1)).first()


# -- reviewers -------------------------------------------------------------------------------------

def reviewer_ids(conn, names: Iterable[str]) -> dict[str, int]:
    """``{name: id}`` of reviewers ``names``, created on first use (in the caller's transaction).
    A reviewer another session creates meanwhile (two sessions of a new reviewer started at
    once) is found, not a unique-name error: the insert skips a name that is there by then."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    query = select(reviewers.c.name, reviewers.c.id)
    found = dict(rows_in(conn, query, reviewers.c.name, wanted))
    missing = [name for name in wanted if name not in found]
    if missing:
        now = utcnow()
        conn.execute(_insert_new(conn, reviewers), [{"name": name, "created_at": now} for name in missing])
        found.update(rows_in(conn, query, reviewers.c.name, missing))
    return found


def _insert_new(conn, table):
    """INSERT that skips rows whose unique key is there already (ON CONFLICT DO NOTHING)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


def reviewer_id(engine: Engine, name: str) -> int:
    """The id of reviewer ``name``, created on first use (a transaction of its own)."""
    with engine.begin() as conn:
        return reviewer_ids(conn, [name])[name]


# -- decisions read from files ------------------------------------------------------------------------

def existing_uids(conn, uids: Sequence[str]) -> set[str]:
    """Those of ``uids`` the database holds already."""
    return {uid for (uid,) in rows_in(conn, select(annotations.c.uid), annotations.c.uid, uids)}


@dataclass
class DecisionCounts:
    #: decisions added, already in the database (or repeated in the file), claims added with them
    added: int = 0
    known: int = 0
    claims_added: int = 0
    #: of the decisions added, those on orphaned claims
    orphaned: int = 0


def add_decisions(conn, decisions: Sequence[DecisionRecord], texts: Mapping[str, str], *,
                  reason: str, revision_texts: Mapping[tuple[str, int], str] | None = None) -> DecisionCounts:
    """Add decisions read from a file, exactly once (by uid), in the caller's transaction.
    ``texts``: article id -> text, for every article the decisions name (already stored).

    Each decision goes on the live candidate at its candidate span (the extractor's, when the
    reviewer moved the boundaries), else at its claim span, else on a new manual candidate
    (``reason`` says where it came from) with the decision's source. A decision whose file says
    nothing of sources keeps the candidate's source; its reviewer is created on first use.

    A decision on an orphaned claim (``DecisionRecord.revision``: the earlier revision its
    offsets index; ``revision_texts``: ``(article id, revision) -> text`` for each) goes the same
    way on the article's orphaned candidates of that revision, else on a new orphaned one."""
    known = existing_uids(conn, [d.uid for d in decisions])
    fresh = list({d.uid: d for d in decisions if d.uid not in known}.values())  # a repeated line once
    counts = DecisionCounts(known=len(decisions) - len(fresh))
    aids = sorted({d.article_id for d in fresh})
    found = _candidates(conn, aids, orphaned=False)
    if any(d.revision is not None for d in fresh):
        found.update(_candidates(conn, aids, orphaned=True))
    names = reviewer_ids(conn, (d.reviewer for d in fresh))
    now = utcnow()
    groups: dict[int | None, list[Entry]] = {}  # the revision the offsets index (None: the current text)
    for d in fresh:
        rev = d.revision
        text = texts[d.article_id] if rev is None else revision_texts[(d.article_id, rev)]
        hit = found.get((d.article_id, rev, *(d.candidate or (d.start, d.end)))) \
            or found.get((d.article_id, rev, d.start, d.end))
        if hit is None:  # a span the extractor did not propose: a claim of its own
            span = d.candidate or (d.start, d.end)
            cid = insert_manual_candidate(conn, d.article_id, text, span, reason=reason, created_at=now,
                                          source=d.source, orphaned_in=rev)
            hit = found[(d.article_id, rev, *span)] = (cid, d.source)
            counts.claims_added += 1
        cid, candidate_source = hit
        groups.setdefault(rev, []).append(
            Entry(d.article_id, cid, names[d.reviewer], "import", d.label, d.start, d.end,
                  d.source if d.source_given else candidate_source, d.note, created_at=d.annotated_at or now,
                  uid=d.uid))
    for rev, entries in groups.items():
        if rev is None:
            append(conn, entries, texts)
            continue
        for aid in dict.fromkeys(e.article_id for e in entries):  # cut from the text of that revision
            append(conn, [e for e in entries if e.article_id == aid], {aid: revision_texts[(aid, rev)]})
        counts.orphaned += len(entries)
    counts.added = sum(len(entries) for entries in groups.values())
    return counts


def _candidates(conn, article_ids: list[str], *, orphaned: bool
                ) -> dict[tuple[str, int | None, int, int], tuple[int, tuple[int, int] | None]]:
    """``(article, revision, start, end) -> (candidate id, its source span)`` of the articles'
    live candidates (revision None: the current text) or, ``orphaned``, their orphaned ones (by
    the revision their offsets index); withdrawn ones left out; the first one where two share
    a span."""
    cand = candidates.c
    q = (select(cand.id, cand.article_id, cand.revision, cand.start, cand.end, cand.source_start, cand.source_end)
         .where(cand.orphaned.is_(orphaned), cand.withdrawn.is_(False)).order_by(cand.id))
    out: dict = {}
    for cid, aid, rev, s, e, ss, se in rows_in(conn, q, cand.article_id, article_ids):
        src = (ss, se) if ss is not None and se is not None else None
        out.setdefault((aid, rev if orphaned else None, s, e), (cid, src))
    return out
