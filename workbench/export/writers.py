"""JSONL dataset writers. Streamed from the database, written to a temp file and renamed."""

from __future__ import annotations

import json

import orjson
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timezone
from pathlib import Path

from sqlalchemy.engine import Engine

from workbench.services import exporting, stats, team

FORMATS = ("claims", "spans")


def dumps(record: dict) -> bytes:
    """One JSON line. orjson is ~15x faster than the standard library on export rows (it is what
    keeps a 230,000-claim export within seconds); text it refuses (a lone surrogate that came
    in through a JSONL escape) falls back to the standard library."""
    try:
        return orjson.dumps(record) + b"\n"
    except TypeError:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


def _span(text, start, end) -> dict | None:
    if text is None or start is None or end is None:
        return None
    return {"text": text, "start": start, "end": end}


def _iso(value) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite returns naive values; they were written in UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def claim_record(row: dict) -> dict:
    """One exported claim from a joined candidate / current-decision row."""
    decided = row["a_label"] is not None
    if decided:
        start, end, text = row["a_start"], row["a_end"], row["a_text"]
        source = _span(row["a_source_text"], row["a_source_start"], row["a_source_end"])
        label = row["a_label"]
    else:
        start, end, text = row["start"], row["end"], row["text"]
        source = _span(row["source_text"], row["source_start"], row["source_end"])
        label = row["suggested_label"]
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "text": text,
        "start": start,
        "end": end,
        "label": label,
        "source": source,
        "cue": _span(row["cue_text"], row["cue_start"], row["cue_end"]),
        "reviewer": row["reviewer"] if decided else None,
        "annotated_at": _iso(row["a_created_at"]) if decided else None,
        "note": row["a_note"] if decided else None,
        "suggested_label": row["suggested_label"],
        "status": "decided" if decided else "suggested",
        "origin": row["origin"],
        "score": row["score"],
        "extractor_version": row["extractor_version"],
        # provenance for merges: the decision's unique id and the candidate's own offsets
        "annotation_id": row["a_uid"] if decided else None,
        "candidate_start": row["start"],
        "candidate_end": row["end"],
        # the claim's text is gone from the article's current revision: offsets and text refer
        # to revision ``revision`` of the article (kept in the database), never dropped
        "orphaned": bool(row["orphaned"]),
        "revision": row["revision"],
    }


def iter_claims(engine: Engine, include_unreviewed: bool = False, reviewer: str | None = None) -> Iterator[dict]:
    names = stats.source_names(engine)  # one pass over the distinct source texts
    for row in exporting.iter_claim_rows(engine, include_unreviewed=include_unreviewed, reviewer=reviewer):
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

    def __iter__(self) -> Iterator[dict]:
        self.names = stats.source_names(self.engine)
        for tc in team.team_claims(self.engine):
            ruling = tc.final()
            if ruling is None:
                self.unresolved += 1
                continue
            self.by_rule[ruling.rule] = self.by_rule.get(ruling.rule, 0) + 1
            d = tc.span_for(ruling.label)
            start, end, text = (d.start, d.end, d.text) if d else (tc.start, tc.end, tc.text)
            yield {
                "id": tc.id,
                "article_id": tc.article_id,
                "article_title": tc.article_title,
                "text": text,
                "start": start,
                "end": end,
                "label": ruling.label,
                "source": _span(d.source_text, d.source_start, d.source_end) if d else None,
                "source_name": self.names.get(d.source_text) if d and d.source_text else None,
                "cue": None,
                "rule": ruling.rule,
                "adjudicator": ruling.adjudicator,
                "adjudicated_at": _iso(ruling.created_at),
                "note": ruling.note,
                "reviewers": {x.reviewer: x.label for x in tc.decisions},
                "reviewer": ruling.adjudicator,
                "suggested_label": tc.suggested_label,
                "status": "gold",
                "candidate_start": tc.start,
                "candidate_end": tc.end,
            }


def iter_spans(claims: Iterator[dict], engine: Engine, include_unreviewed: bool = False) -> Iterator[dict]:
    """One record per article: ``{"text", "meta", "spans": [...]}`` (spaCy / Prodigy shape),
    from claim records in article order."""
    claims = iter(claims)
    pending = next(claims, None)
    # both streams come in the database's order of article ids, which need not be Python's
    # (PostgreSQL sorts by the database's collation: "a" < "B" in en-US), so the merge never
    # compares ids for order: the claims of each article come when its turn comes
    for art in exporting.iter_articles(engine):
        spans = []
        orphaned = []
        while pending is not None and pending["article_id"] == art["id"]:
            c = pending
            if c.get("orphaned"):  # its offsets index an earlier text: listed apart
                orphaned.append({"claim_id": c["id"], "text": c["text"], "label": c["label"],
                                 "reviewer": c["reviewer"], "revision": c.get("revision")})
                pending = next(claims, None)
                continue
            spans.append(
                {
                    "start": c["start"],
                    "end": c["end"],
                    "label": c["label"],
                    "text": c["text"],
                    "source": c["source"],
                    "source_name": c.get("source_name"),
                    "cue": c["cue"],
                    "status": c["status"],
                    "reviewer": c["reviewer"],
                    "claim_id": c["id"],
                }
            )
            pending = next(claims, None)
        if not spans and not include_unreviewed:
            continue
        meta = {"id": art["id"], "title": art["title"], "language": art["language"], "origin": art["origin"],
                "url": art["url"], "content_hash": art["content_hash"], **(art["meta"] or {})}
        rec = {"text": art["text"], "meta": meta, "spans": spans}
        if orphaned:
            rec["orphaned"] = orphaned
        yield rec
    if pending is not None:
        raise RuntimeError(f"export: the claims of article {pending['article_id']!r} came out of article order")


@contextmanager
def atomic_writer(path: Path, force: bool = True):
    """Write to a temp file beside ``path``; put it in place only on success (``target.place``).

    A symbolic link or anything but a regular file at ``path`` is refused (``TargetError``), an
    existing file too unless ``force``. The temp file is removed on failure or interruption, and
    those a killed writer left beside ``path`` are removed first."""
    from workbench.export import target

    target.check_target(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    target.clean_stale([path])
    fd, tmp = target.temp_file(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        target.normal_permissions(tmp)  # mkstemp makes 0600; a dataset is a normal file
        target.place(tmp, path, force)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def export(engine: Engine, fmt: str, out: str | Path, include_unreviewed: bool = False,
           reviewer: str | None = None, gold: GoldClaims | None = None) -> tuple[str, int]:
    """Write the records alone to ``out`` (atomically; ``"-"``: stdout); returns (where, number of
    records). ``workbench export`` to a file goes through ``dataset.export_dataset``, which adds
    the splits and the dataset card. ``gold``: the final labels instead of every reviewer's
    decisions."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    claims = gold if gold is not None else iter_claims(engine, include_unreviewed, reviewer)
    records = claims if fmt == "claims" else iter_spans(claims, engine, include_unreviewed)
    n = 0
    if out == "-":
        sys.stdout.flush()
        for rec in records:
            sys.stdout.buffer.write(dumps(rec))
            n += 1
        sys.stdout.buffer.flush()
        return "stdout", n
    path = Path(out)
    with atomic_writer(path) as fh:
        for rec in records:
            fh.write(dumps(rec))
            n += 1
    return str(path), n
