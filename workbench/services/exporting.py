"""Datasets out of the database: the claim records of every current decision (or the final
labels) and the articles they belong to, streamed in article order (memory stays flat), in any
export format (``workbench.formats``). A dataset with splits and a card: ``services.dataset``."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from workbench import formats
from workbench.formats import labelstudio
from workbench.formats.claims_jsonl import ClaimRecord, GoldRecord, claim_record, gold_record
from workbench.formats.files import atomic_writer, checkpoint
from workbench.formats.tool_files import ExportReport
from workbench.services import stats, team
from workbench.store.batching import rows_for
from workbench.store.tables import annotations, articles, candidates, reviewers, streaming


def iter_claim_rows(engine: Engine, *, include_unreviewed: bool, reviewer: str | None = None,
                    batch: int = 2000) -> Iterator[dict]:
    """Every current decision (one row per candidate and reviewer; only ``reviewer``'s if
    given), then, if asked, every candidate nobody decided (with ``reviewer``: that reviewer did
    not decide), in article and offset order.
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
    q = q.where(cand.c.withdrawn.is_(False))  # an added claim taken back is in no dataset
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


def undecided_notes(conn, ids: list[int], reviewer: str | None = None) -> dict[int, str]:
    """``{candidate: note}`` of claims with a note and no decision: the note in force of the
    reviewer who wrote last (only ``reviewer``'s if given), as the review app shows it. A row
    carries the whole state, so such a note is a latest row with a note and no label."""
    out: dict[int, tuple[int, str]] = {}

    def query(chunk):
        latest = (select(func.max(annotations.c.id).label("id")).where(annotations.c.candidate_id.in_(chunk))
                  .group_by(annotations.c.candidate_id, annotations.c.reviewer_id).subquery("ln"))
        q = (select(annotations.c.id, annotations.c.candidate_id, annotations.c.note)
             .join(latest, annotations.c.id == latest.c.id)
             .where(annotations.c.label.is_(None), annotations.c.note.is_not(None)))
        if reviewer is not None:
            q = q.join(reviewers, reviewers.c.id == annotations.c.reviewer_id).where(reviewers.c.name == reviewer)
        return q

    for r in rows_for(conn, query, ids):
        if r.candidate_id not in out or r.id > out[r.candidate_id][0]:
            out[r.candidate_id] = (r.id, r.note)
    return {cid: note for cid, (_, note) in out.items()}


def with_suggestions(engine: Engine, rows: Iterable[dict], batch: int = 2000, reviewer: str | None = None
                     ) -> Iterator[dict]:
    """``rows`` with the suggestion of each claim nobody decided as the review app shows it
    (``learning.choose``: the rules', a decided near-duplicate's or the label model's):
    ``suggested_label``, ``suggested_by`` and ``suggested_probability``, and its note if one was
    written (``a_note``; only ``reviewer``'s if given). Decided rows keep the extractor's
    suggestion (``suggested_by`` rules). Read in batches: memory stays flat."""
    from workbench.services import learning, suggestions

    with engine.connect() as conn:
        counts = learning.model_counts_in(conn)
    chunk: list[dict] = []

    def flush() -> Iterator[dict]:
        ids = [r["id"] for r in chunk if r["a_label"] is None]
        with engine.connect() as conn:
            twins = suggestions.twin_suggestions(conn, ids)
            models = learning.latest_by_origin(conn, ids, (learning.MODEL,))
            notes = undecided_notes(conn, ids, reviewer)
        for r in chunk:
            if r["id"] in notes and r["a_label"] is None:
                r = {**r, "a_note": notes[r["id"]]}
            twin, model = twins.get(r["id"]), models.get(r["id"])
            if r["a_label"] is None and (twin or model):
                twin = learning.as_twin(twin)
                got = learning.choose((r["suggested_label"], r["score"]), twin, model, counts)
                r = {**r, "suggested_label": got.label, "suggested_by": got.chosen,
                     "suggested_probability": None if got.chosen == "rules" else round(got.confidence, 4)}
            yield r

    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def iter_claims(engine: Engine, include_unreviewed: bool = False, reviewer: str | None = None
                ) -> Iterator[ClaimRecord]:
    """Every current decision as a claim record (only ``reviewer``'s if given), then, with
    ``include_unreviewed``, every candidate nobody decided (with the suggestion the review app
    shows for it); in article order, streamed."""
    names = stats.source_names(engine)  # one pass over the distinct source texts
    rows = iter_claim_rows(engine, include_unreviewed=include_unreviewed, reviewer=reviewer)
    for row in with_suggestions(engine, rows, reviewer=reviewer) if include_unreviewed else rows:
        rec = claim_record(row)
        src = rec["source"]
        rec["source_name"] = names.get(src["text"]) if src else None
        yield rec


class GoldClaims:
    """The final label of every decided claim (adjudicated, unanimous, majority or single),
    as claim records; ``unresolved`` counts the ties nobody adjudicated (left out)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.unresolved = 0
        self.by_rule: dict[str, int] = {}

    def __iter__(self) -> Iterator[GoldRecord]:
        names = stats.source_names(self.engine)
        for tc in team.team_claims(self.engine):
            ruling = tc.final()
            if ruling is None:
                self.unresolved += 1
                continue
            self.by_rule[ruling.rule] = self.by_rule.get(ruling.rule, 0) + 1
            d = tc.span_for(ruling.label)
            yield gold_record(tc, ruling, d, names.get(d.source_text) if d and d.source_text else None)


def records(engine: Engine, fmt: str, report: ExportReport, *, include_unreviewed: bool = False,
            reviewer: str | None = None, gold: GoldClaims | None = None, tokens: bool = False,
            emails: Mapping[str, str] | None = None) -> Iterator:
    """The records of an export in format ``fmt`` (``workbench.formats.EXPORTS``), streamed:
    every reviewer's current decisions (only ``reviewer``'s if given; ``gold``: the final labels
    instead), with ``include_unreviewed`` the suggestions nobody decided too. Nothing is read
    before the records are; MissingExtra at once for a format whose library is missing."""
    claims = gold if gold is not None else iter_claims(engine, include_unreviewed, reviewer)
    return formats.exporter(fmt).records(claims, iter_articles(engine), report, include_empty=include_unreviewed,
                                         tokens=tokens, emails=emails)


def write_records(fmt: str, recs: Iterable, fh) -> int:
    """Stream records of format ``fmt`` to the binary file ``fh``; returns how many."""
    write, close = formats.exporter(fmt).sink(fh)
    n = 0
    for rec in recs:
        checkpoint()
        write(rec)
        n += 1
    close()
    return n


def default_path(fmt: str, directory: Path = Path("exports")) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return directory / f"{fmt}-{stamp}{formats.exporter(fmt).SUFFIX}"


def export(engine: Engine, fmt: str, out: str | Path | None, include_unreviewed: bool = False,
           reviewer: str | None = None, gold: GoldClaims | None = None, *, tokens: bool = False,
           emails: Mapping[str, str] | None = None) -> ExportReport:
    """Write the records alone (no card, no split) to ``out``: a temporary file renamed when
    complete; ``"-"``: stdout; None: ``exports/FORMAT-TIME.SUFFIX``. ``workbench export`` to a
    file goes through ``workbench.services.dataset.export_dataset``, which adds the splits and the
    dataset card. The ``labelstudio`` export also writes its labelling configuration beside the
    file (``NAME.label_config.xml``). Raises MissingExtra (``spacy`` without spaCy) before
    writing anything."""
    report = ExportReport(fmt)
    recs = records(engine, fmt, report, include_unreviewed=include_unreviewed, reviewer=reviewer, gold=gold,
                   tokens=tokens, emails=emails)
    if out == "-":
        sys.stdout.flush()
        report.records = write_records(fmt, recs, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        report.where = "stdout"
        return report
    path = Path(out) if out else default_path(fmt)
    if not out:  # its own folder, exports/; a given path's folder must exist
        path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path) as fh:
        report.records = write_records(fmt, recs, fh)
    report.where = str(path)
    if fmt == "labelstudio":
        cfg = labelstudio.config_path_for(path)
        with atomic_writer(cfg) as fh:
            fh.write(labelstudio.label_config().encode("utf-8"))
        report.config_path = str(cfg)
    return report
