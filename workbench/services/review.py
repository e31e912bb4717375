"""The review service: what a reviewer reads and does in the review app, with no UI code.

Every write is one short transaction that appends an annotation row (a full snapshot of the
claim's state for that reviewer) through the one writer, ``workbench.store.annotations``; undo
and redo append rows too. Nothing is updated in place."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from workbench.claims.model import NO_SOURCE
from workbench.domain import check_note
from workbench.services import learning, suggestions
from workbench.store.annotations import Entry, append, latest_row, reviewer_id, state_of
from workbench.store.articles import insert_manual_candidate
from workbench.store.batching import rows_in
from workbench.store.models import utcnow
from workbench.store.tables import annotations, article_revisions, articles, candidates, reviewers


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One row of a claim's history: the state it left (label, span, source, note) and which
    of these it changed from the reviewer's previous row (the first row: from the candidate)."""

    id: int
    reviewer: str
    action: str
    label: str | None
    note: str | None
    created_at: datetime
    start: int = 0
    end: int = 0
    source_text: str | None = None
    #: among "label", "span", "source", "note": what this row changed
    changed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimState:
    """A candidate as this reviewer currently sees it."""

    id: int
    article_id: str
    start: int
    end: int
    text: str
    suggested_label: str | None
    score: float
    origin: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_text: str | None
    label: str | None = None
    note: str | None = None
    annotation_id: int | None = None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    #: why the suggestion differs from the extractor's (a near-duplicate's decision, the label
    #: model), if it does
    suggestion_reason: str | None = None
    #: where ``suggested_label`` comes from: "rules", "twin" or "model" (``learning.choose``)
    suggested_by: str = "rules"
    #: every suggestion the claim has: (by, label, confidence 0-1, reason), the rules' first
    suggestions: tuple[tuple[str, str | None, float, str], ...] = ()
    #: an added claim taken back (``Candidate.withdrawn``): shown nowhere any more
    withdrawn: bool = False

    @property
    def decided(self) -> bool:
        return self.label is not None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str
    total: int
    decided: int

    @property
    def done(self) -> bool:
        return self.decided >= self.total


@dataclass(slots=True)
class ArticleData:
    id: str
    title: str
    text: str
    language: str
    claims: list[ClaimState]
    #: claims whose text is gone from this revision of the article (kept, never dropped)
    orphans: list[ClaimState] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WriteResult:
    claim: ClaimState
    #: the row written, or (``changed`` false) the reviewer's row in force, which set that state
    annotation_id: int
    was_decided: bool
    #: false: the action would have set the state in force again, and nothing was written
    changed: bool = True


#: what a row sets; an action that sets all of it as the reviewer's last row did writes nothing
_SAME_STATE = ("label", "start", "end", "source_start", "source_end", "note")


@dataclass(frozen=True, slots=True)
class _Suggestions:
    """The suggestion rows of some claims: a near-duplicate's, the label model's, and whether the
    model's may win (``learning.model_counts``)."""

    twin: dict[int, tuple[str, float, str]]
    model: dict[int, tuple[str, float, str]]
    model_counts: bool

    @classmethod
    def read(cls, conn, ids: list[int]) -> _Suggestions:
        model = learning.latest_by_origin(conn, ids, (learning.MODEL,))
        return cls(suggestions.twin_suggestions(conn, ids), model,
                   bool(model) and learning.model_counts_in(conn))

    def applied(self, base: ClaimState, cand) -> ClaimState:
        twin, model = self.twin.get(cand.id), self.model.get(cand.id)
        if twin is None and model is None:
            return base
        twin_c = learning.as_twin(twin)
        got = learning.choose((cand.suggested_label, cand.score), twin_c, model, self.model_counts)
        views = [("rules", cand.suggested_label, cand.score, cand.reason)]
        views += [(by, *s) for by, s in (("twin", twin_c), ("model", model)) if s is not None]
        reason = None if got.chosen == "rules" else (got.twin if got.chosen == "twin" else got.model)[2]
        return replace(base, suggested_label=got.label, suggestion_reason=reason, suggested_by=got.chosen,
                       suggestions=tuple(views))


class ChangedElsewhere(Exception):
    """An undo or redo refused: the reviewer has a newer row on the claim than the one undone (or
    redone) that this session did not write (another session, another machine's merged export).
    That later decision is in force; nothing was written. ``claim``: the claim as it now is."""

    def __init__(self, action: str, claim: ClaimState, revised: bool = False) -> None:
        self.action = action
        self.claim = claim
        done = "nothing undone" if action == "undo" else "nothing redone"
        if revised:  # (the later rows only moved the claim to a new text of its article)
            super().__init__(f"This claim moved to a revised text of its article since: {done}.")
        else:
            super().__init__(f"A later decision on this claim, made elsewhere, is in force: {done}.")


class _Refused(Exception):
    """(Rolls back a write that ``ChangedElsewhere`` refuses; ``revised``: every later row is a
    ``reanchor``.)"""

    def __init__(self, revised: bool) -> None:
        super().__init__()
        self.revised = revised


def _live():
    """The candidates the review shows: not orphaned, not withdrawn."""
    return candidates.c.orphaned.is_(False) & candidates.c.withdrawn.is_(False)


class ReviewService:
    """One reviewer's session on the database: their view of the articles and claims, and their
    actions (each returns the claim as it now is)."""

    def __init__(self, engine: Engine, reviewer: str) -> None:
        self.engine = engine
        self.reviewer = reviewer
        self.reviewer_id = reviewer_id(engine, reviewer)
        #: the annotation rows this session wrote (the others came from elsewhere)
        self.own_ids: set[int] = set()

    # -- reads -----------------------------------------------------------------------------
    def _current(self):
        """Subquery: this reviewer's latest annotation per candidate."""
        latest = (
            select(func.max(annotations.c.id).label("id"))
            .where(annotations.c.reviewer_id == self.reviewer_id)
            .group_by(annotations.c.candidate_id)
            .subquery("mine")
        )
        return select(annotations).join(latest, annotations.c.id == latest.c.id).subquery("cur")

    def summaries(self) -> list[ArticleSummary]:
        cur = self._current()
        with self.engine.connect() as conn:
            live = _live()
            totals = dict(conn.execute(select(candidates.c.article_id, func.count()).where(live)
                                       .group_by(candidates.c.article_id)).all())
            decided = dict(
                conn.execute(
                    select(candidates.c.article_id, func.count())
                    .join(cur, cur.c.candidate_id == candidates.c.id)
                    .where(cur.c.label.is_not(None), live)
                    .group_by(candidates.c.article_id)
                ).all()
            )
            arts = conn.execute(select(articles.c.id, articles.c.title).order_by(articles.c.id)).all()
        return [ArticleSummary(aid, title, totals.get(aid, 0), decided.get(aid, 0)) for aid, title in arts]

    def load_article(self, article_id: str) -> ArticleData:
        with self.engine.connect() as conn:
            art = conn.execute(select(articles.c.id, articles.c.title, articles.c.text, articles.c.language)
                               .where(articles.c.id == article_id)).one()
            cands = conn.execute(select(candidates).where(candidates.c.article_id == article_id,
                                                          candidates.c.withdrawn.is_(False))
                                 .order_by(candidates.c.start, candidates.c.id)).all()
            ids = [c.id for c in cands]
            hist = list(rows_in(conn, self._history_query(), annotations.c.candidate_id, ids))
            sugg = _Suggestions.read(conn, ids)
        by_cand: dict[int, list] = {}
        for h in hist:
            by_cand.setdefault(h.candidate_id, []).append(h)
        claims = [self._state(c, by_cand.get(c.id, []), sugg) for c in cands if not c.orphaned]
        orphans = [self._state(c, by_cand.get(c.id, [])) for c in cands if c.orphaned]
        claims.sort(key=lambda s: (s.start, s.id))
        return ArticleData(art.id, art.title, art.text, art.language, claims, orphans)

    @staticmethod
    def _history_query():
        """Every history row with its reviewer's name, oldest first."""
        return (select(annotations, reviewers.c.name).join(reviewers, reviewers.c.id == annotations.c.reviewer_id)
                .order_by(annotations.c.id))

    def _state(self, cand, rows, sugg: _Suggestions | None = None) -> ClaimState:
        base = ClaimState(
            id=cand.id,
            article_id=cand.article_id,
            start=cand.start,
            end=cand.end,
            text=cand.text,
            suggested_label=cand.suggested_label,
            score=cand.score,
            origin=cand.origin,
            withdrawn=bool(cand.withdrawn),
            cue=(cand.cue_start, cand.cue_end) if cand.cue_start is not None else None,
            source=(cand.source_start, cand.source_end) if cand.source_start is not None else None,
            source_text=cand.source_text,
        )
        if sugg is not None:
            base = sugg.applied(base, cand)
        history = history_entries(cand, rows)
        mine = [r for r in rows if r.reviewer_id == self.reviewer_id]
        if mine:
            base = self._apply(base, mine[-1])
        return replace(base, history=history)

    @staticmethod
    def _apply(base: ClaimState, row) -> ClaimState:
        return replace(
            base,
            start=row.start,
            end=row.end,
            text=row.text,
            label=row.label,
            note=row.note,
            source=(row.source_start, row.source_end) if row.source_start is not None else None,
            source_text=row.source_text,
            annotation_id=row.id,
        )

    def with_current_suggestions(self, claims: list[ClaimState]) -> list[ClaimState]:
        """``claims`` with the suggestions of the undecided ones read again (after the label
        model was retrained): three queries whatever their number."""
        ids = [c.id for c in claims if not c.decided]
        if not ids:
            return list(claims)
        with self.engine.connect() as conn:
            sugg = _Suggestions.read(conn, ids)
            cands = {r.id: r for r in rows_in(conn, select(candidates), candidates.c.id, ids)}
        out = []
        for c in claims:
            cand = cands.get(c.id)
            if c.decided or cand is None:
                out.append(c)
                continue
            base = replace(c, suggested_label=cand.suggested_label, suggestion_reason=None, suggested_by="rules",
                           suggestions=())
            out.append(sugg.applied(base, cand))
        return out

    def claim(self, candidate_id: int) -> ClaimState:
        with self.engine.connect() as conn:
            cand = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).one()
            rows = conn.execute(self._history_query().where(annotations.c.candidate_id == candidate_id)).all()
            sugg = _Suggestions.read(conn, [candidate_id])
        return self._state(cand, rows, sugg)

    def progress(self) -> tuple[int, int]:
        """(claims this reviewer decided, candidates) over the corpus."""
        cur = self._current()
        with self.engine.connect() as conn:
            live = _live()
            total = conn.execute(select(func.count()).select_from(candidates).where(live)).scalar_one()
            done = conn.execute(select(func.count()).select_from(cur)
                                .join(candidates, candidates.c.id == cur.c.candidate_id)
                                .where(cur.c.label.is_not(None), live)).scalar_one()
        return done, total

    def resume_point(self) -> tuple[str | None, int | None]:
        """Where to open: the article of the reviewer's last decision if it still has work,
        else the first article with an undecided candidate; and its first undecided claim."""
        with self.engine.connect() as conn:
            last = conn.execute(
                select(candidates.c.article_id).join(annotations, annotations.c.candidate_id == candidates.c.id)
                .where(annotations.c.reviewer_id == self.reviewer_id).order_by(annotations.c.id.desc()).limit(1)
            ).scalar()
        if last is not None:
            cid = self.first_undecided(last)
            if cid is not None:
                return last, cid
        return self.next_undecided(None)

    def _undecided_query(self):
        cur = self._current()
        return (
            select(candidates.c.article_id, candidates.c.id)
            .outerjoin(cur, cur.c.candidate_id == candidates.c.id)
            .where(cur.c.label.is_(None), _live())
            .order_by(candidates.c.article_id, candidates.c.start, candidates.c.id)
        )

    def first_undecided(self, article_id: str) -> int | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._undecided_query().where(candidates.c.article_id == article_id)
                               .limit(1)).first()
        return row.id if row else None

    def next_undecided(self, after_article: str | None) -> tuple[str | None, int | None]:
        """First undecided claim in an article after ``after_article`` (wrapping around)."""
        q = self._undecided_query()
        with self.engine.connect() as conn:
            row = None
            if after_article is not None:
                row = conn.execute(q.where(candidates.c.article_id > after_article).limit(1)).first()
            if row is None:
                row = conn.execute(q.limit(1)).first()
        if row is None:
            return None, None
        return row.article_id, row.id

    def latest_change(self) -> int:
        """The newest annotation id (0 without any): a cheap counter of decisions, polled to see
        decisions made elsewhere."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(annotations.c.id))).scalar() or 0

    def corpus_version(self) -> tuple[int, int, int]:
        """A cheap signature of the corpus that an import changes: (articles, newest candidate id,
        newest revision id). Polled with ``latest_change`` so that an article imported, or one
        whose text an import replaced, while the app is open shows without a restart."""
        with self.engine.connect() as conn:  # (one round trip: every session polls it twice a second)
            n, cand, rev = conn.execute(select(
                select(func.count()).select_from(articles).scalar_subquery(),
                select(func.max(candidates.c.id)).scalar_subquery(),
                select(func.max(article_revisions.c.id)).scalar_subquery())).one()
        return n, cand or 0, rev or 0

    def changes_since(self, after: int) -> tuple[int, list[tuple[int, str, bool]]]:
        """Annotation rows newer than ``after`` that this session did not write: the newest id
        and ``(candidate id, article id, by this reviewer)`` of each changed claim."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(annotations.c.id, annotations.c.candidate_id, candidates.c.article_id,
                                       annotations.c.reviewer_id)
                                .join(candidates, candidates.c.id == annotations.c.candidate_id)
                                .where(annotations.c.id > after).order_by(annotations.c.id)).all()
        newest = max((r.id for r in rows), default=after)
        changed: dict[int, tuple[int, str, bool]] = {}
        for r in rows:
            if r.id in self.own_ids:
                continue
            mine = r.reviewer_id == self.reviewer_id or changed.get(r.candidate_id, (0, "", False))[2]
            changed[r.candidate_id] = (r.candidate_id, r.article_id, mine)
        return newest, list(changed.values())

    # -- writes ----------------------------------------------------------------------------
    def _write(self, candidate_id: int, action: str, reverts_id: int | None = None, withdraw: bool = False,
               **changes) -> WriteResult:
        """Append this reviewer's row for ``action``: the claim's current state with ``changes``.
        ``withdraw`` (the undo of an "add" row): the added claim is withdrawn too, unless another
        reviewer decided it; a decision on a withdrawn claim (redo) brings it back. An undo or redo
        (``reverts_id``) is refused (``ChangedElsewhere``, nothing written) when a row of this
        reviewer on the claim newer than row ``reverts_id`` was written elsewhere: the later
        decision stays in force, as when two sessions decide one claim."""
        try:
            return self._write_row(candidate_id, action, reverts_id, withdraw, changes)
        except _Refused as refused:
            raise ChangedElsewhere(action, self.claim(candidate_id), refused.revised) from None

    def _write_row(self, candidate_id: int, action: str, reverts_id: int | None, withdraw: bool,
                   changes: dict) -> WriteResult:
        with self.engine.begin() as conn:
            # (locked on PostgreSQL: two reviewers' writes on one claim run one after the other,
            # so a withdrawal sees a decision made at the same moment; SQLite has one writer)
            cand = conn.execute(select(candidates).where(candidates.c.id == candidate_id)
                                .with_for_update(key_share=True)).one()
            prev = latest_row(conn, candidate_id, self.reviewer_id)
            text = conn.execute(select(articles.c.text).where(articles.c.id == cand.article_id)).scalar_one()
            state = state_of(cand, prev)
            if (prev is not None and prev.label in NO_SOURCE and changes.get("label") not in (None, *NO_SOURCE)
                    and "source_start" not in changes):
                # a claim with no source labelled attributed or contested again: the source it had
                state.update(self._source_before(conn, cand))
            state.update(changes)
            if reverts_id is None and action not in ("add",) and prev is not None and not cand.withdrawn \
                    and all(state[k] == getattr(prev, k) for k in _SAME_STATE):
                # the state the reviewer's last row set already ("a" pressed again on a decided
                # claim, a note saved unchanged): no row, so that one undo takes the claim back
                return WriteResult(self.claim(candidate_id), prev.id, prev.label is not None, changed=False)
            source = (state["source_start"], state["source_end"]) if state["source_start"] is not None else None
            entry = Entry(cand.article_id, candidate_id, self.reviewer_id, action, state["label"], state["start"],
                          state["end"], source, state["note"], created_at=utcnow(), reverts_id=reverts_id)
            if reverts_id is not None:  # (before the row too: a state from before a revision may not fit the text)
                self._refuse_if_newer(conn, candidate_id, reverts_id)
            [ann_id] = append(conn, [entry], {cand.article_id: text})
            # (after the row: SQLite's write lock is held now, so what is read next is current)
            if reverts_id is not None:
                self._refuse_if_newer(conn, candidate_id, reverts_id, ann_id)  # (the row goes with the transaction)
            this = candidates.c.id == candidate_id
            if withdraw and cand.origin == "manual" and not self._decided_by_others(conn, candidate_id):
                conn.execute(update(candidates).where(this).values(withdrawn=True))
            elif state["label"] is not None:
                conn.execute(update(candidates).where(this, candidates.c.withdrawn.is_(True)).values(withdrawn=False))
        self.own_ids.add(ann_id)
        return WriteResult(self.claim(candidate_id), ann_id, prev is not None and prev.label is not None)

    def _refuse_if_newer(self, conn, candidate_id: int, after: int, new_id: int | None = None) -> None:
        """Raise ``_Refused`` if this reviewer has a row on the candidate newer than row ``after``
        (but ``new_id``, the one being written) that this session did not write: another
        session's, a merged export's, an import's that moved the claim to a revised text. (This
        session's own later rows on it are undone already: its undo stack is last in, first out.)"""
        later = conn.execute(select(annotations.c.id, annotations.c.action)
                             .where(annotations.c.candidate_id == candidate_id,
                                    annotations.c.reviewer_id == self.reviewer_id,
                                    annotations.c.id > after, annotations.c.id != (new_id or 0))).all()
        elsewhere = [action for i, action in later if i not in self.own_ids]
        if elsewhere:
            raise _Refused(all(a == "reanchor" for a in elsewhere))

    def _source_before(self, conn, cand) -> dict:
        """The source span of this reviewer's latest row on ``cand`` whose label may have one (the
        source they set, or confirmed), else the extractor's suggested source."""
        row = conn.execute(select(annotations.c.source_start, annotations.c.source_end, annotations.c.source_text)
                           .where(annotations.c.candidate_id == cand.id, annotations.c.reviewer_id == self.reviewer_id,
                                  annotations.c.label.is_(None) | annotations.c.label.not_in(NO_SOURCE))
                           .order_by(annotations.c.id.desc()).limit(1)).first()
        got = row if row is not None else cand
        return {"source_start": got.source_start, "source_end": got.source_end, "source_text": got.source_text}

    def _decided_by_others(self, conn, candidate_id: int) -> bool:
        """Whether another reviewer's current row on the candidate holds a decision."""
        rows = conn.execute(select(annotations.c.reviewer_id, annotations.c.label)
                            .where(annotations.c.candidate_id == candidate_id,
                                   annotations.c.reviewer_id != self.reviewer_id)
                            .order_by(annotations.c.id)).all()
        return any(label is not None for label in dict(rows).values())

    def decide(self, candidate_id: int, label: str) -> WriteResult:
        return self._write(candidate_id, "decide", label=label)

    def accept(self, candidate_id: int) -> WriteResult:
        """Decide the suggested label: the one ``learning.choose`` picks among the extractor's, a
        near-duplicate's and the label model's (see ``ClaimState.suggested_by``)."""
        with self.engine.connect() as conn:  # (the claim's suggestions only: no history to read)
            cand = conn.execute(select(candidates).where(candidates.c.id == candidate_id)).one()
            sugg = _Suggestions.read(conn, [candidate_id])
        return self._write(candidate_id, "accept", label=self._state(cand, (), sugg).suggested_label or "unsourced")

    def suggest_from(self, candidate_id: int, neighbour_id: int, label: str, score: float, reason: str) -> ClaimState:
        """Make a near-duplicate's label this claim's suggestion (not a decision)."""
        suggestions.add_suggestion(self.engine, candidate_id, label, neighbour_id, score, reason, "twin", self.reviewer)
        return self.claim(candidate_id)

    def set_source(self, candidate_id: int, span: tuple[int, int] | None) -> WriteResult:
        if span is None:
            return self._write(candidate_id, "source", source_start=None, source_end=None, source_text=None)
        s, e = span
        if not s < e:
            raise ValueError("empty source span")
        return self._write(candidate_id, "source", source_start=s, source_end=e)

    def set_bounds(self, candidate_id: int, start: int, end: int) -> WriteResult:
        return self._write(candidate_id, "bounds", start=start, end=end)

    def set_note(self, candidate_id: int, note: str | None) -> WriteResult:
        return self._write(candidate_id, "note", note=check_note(note or None))

    def add_claim(self, article_id: str, start: int, end: int, label: str,
                  source: tuple[int, int] | None = None, suggested: str | None = None) -> WriteResult:
        with self.engine.begin() as conn:
            text = conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar_one()
            if not (0 <= start < end <= len(text)):
                raise ValueError("claim boundaries out of range")
            cid = insert_manual_candidate(conn, article_id, text, (start, end), reason="added by a reviewer",
                                          created_at=utcnow(), source=source, suggested=suggested)
        return self._write(cid, "add", label=label)

    def undo(self, annotation_id: int) -> WriteResult:
        """Append a row restoring the state from before ``annotation_id``. Undoing the row that
        added a claim withdraws the claim (``Candidate.withdrawn``) unless another reviewer
        decided it; ``redo`` brings it back. Raises ``ChangedElsewhere`` (nothing written) when
        ``annotation_id`` is no longer this reviewer's state of the claim: a newer row of theirs,
        written elsewhere, is in force."""
        with self.engine.connect() as conn:
            target = conn.execute(select(annotations).where(annotations.c.id == annotation_id)).one()
            before = latest_row(conn, target.candidate_id, target.reviewer_id, before=annotation_id)
            cand = conn.execute(select(candidates).where(candidates.c.id == target.candidate_id)).one()
            adds = target
            while adds.action == "redo" and adds.reverts_id is not None:  # a redo of the addition adds it too
                adds = conn.execute(select(annotations).where(annotations.c.id == adds.reverts_id)).one()
        state = state_of(cand, before)
        return self._write(target.candidate_id, "undo", reverts_id=annotation_id, withdraw=adds.action == "add",
                           **state)

    def redo(self, annotation_id: int) -> WriteResult:
        """Append a row restoring the state that ``annotation_id`` (an undone action) had set.
        Raises ``ChangedElsewhere`` (nothing written) when a row of this reviewer on the claim,
        newer than ``annotation_id`` and written elsewhere, is in force."""
        with self.engine.connect() as conn:
            target = conn.execute(select(annotations).where(annotations.c.id == annotation_id)).one()
            cand = conn.execute(select(candidates).where(candidates.c.id == target.candidate_id)).one()
        state = state_of(cand, target)
        return self._write(target.candidate_id, "redo", reverts_id=annotation_id, **state)


def history_entries(cand, rows) -> tuple[HistoryEntry, ...]:
    """``rows`` (annotation rows with their reviewer's ``name``, oldest first) as history entries,
    each saying what it changed from the same reviewer's previous row (or from the candidate)."""
    def state(r, label, note):
        return {"label": label, "span": (r.start, r.end), "source": (r.source_start, r.source_end), "note": note}

    prev: dict[int, dict] = {}
    out = []
    for r in rows:
        before = prev.get(r.reviewer_id) or state(cand, None, None)
        now = prev[r.reviewer_id] = state(r, r.label, r.note)
        changed = frozenset(k for k in now if now[k] != before[k])
        out.append(HistoryEntry(r.id, r.name, r.action, r.label, r.note, r.created_at, r.start, r.end,
                                r.source_text, changed))
    return tuple(out)


def check_can_review(engine: Engine, reviewer: str) -> None:
    """Raise ``DatabaseUnavailable`` (one line: the file and the cause) unless the review app can
    work on the database: it takes writes (a read-only file or folder is refused before the app
    starts, not at the first decision) and the reads the app opens with succeed (a damaged file
    fails here, not behind an eternal "Loading…")."""
    from sqlalchemy.exc import SQLAlchemyError

    from workbench.store.database import DatabaseUnavailable, check_writable

    check_writable(engine)
    try:
        store = ReviewService(engine, reviewer)
        store.summaries()
        store.progress()
        store.resume_point()
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(explain_failure(engine, exc)) from None


def explain_failure(engine: Engine, exc: BaseException) -> str:
    """One line for a database error met while reviewing: the file and the cause, never the SQL."""
    from workbench.store.database import explain

    return explain(exc, engine.url.render_as_string(hide_password=True))


def search_items(engine: Engine):
    """Every article title and claim text, for fuzzy search."""
    from workbench.linking.search import SearchItem

    with engine.connect() as conn:
        items = [SearchItem("article", aid, None, title)
                 for aid, title in conn.execute(select(articles.c.id, articles.c.title))]
        items += [
            SearchItem("claim", aid, cid, text)
            for cid, aid, text in conn.execute(select(candidates.c.id, candidates.c.article_id, candidates.c.text)
                                               .where(candidates.c.withdrawn.is_(False)))
        ]
    return items
