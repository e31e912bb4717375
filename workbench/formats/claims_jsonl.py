"""The ``claims`` format: one JSON line per claim decision (one per reviewer who decided it), the
workbench's own dataset and how a team merges decisions made on separate machines.

Writing: ``claim_record`` (a candidate joined with a reviewer's current decision, or nobody's)
and ``gold_record`` (a claim's final label) make the records ``ClaimRecord`` describes.

Reading (import of a claims export): every human decision in the file (``"status": "decided"``)
becomes an annotation of its reviewer, exactly once however often the file is imported: each
exported decision carries a unique ``annotation_id``, kept on import (a file without one gets a
stable id derived from its content). Suggestions (``"status": "suggested"``) and gold rows are
not decisions and are skipped. A decision on a claim the database does not have (one added by
hand elsewhere) adds that claim. A decision on an orphaned claim (``"orphaned": true``) is read
with the ``revision`` its offsets index; so is every other decision (``text_revision``), for a
database that has revised the article since to re-anchor it. The file is all-or-nothing: the
first bad line rolls it back and is reported with its number."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TypedDict

from workbench.claims.model import LABELS, NO_SOURCE
from workbench.domain import NOTE_MAX, DecisionRecord
from workbench.formats.common import (DECIDED, GOLD, SUGGESTED, InputError, article_id, bounded_lines, is_int,
                                      jsonl_sink, parse_object)

SUFFIX = ".jsonl"
sink = jsonl_sink

FORMAT_DOC = (
    "One JSON line per claim decision (one line per reviewer who decided it): `id` (candidate), "
    "`article_id`, `article_title`, `text`, `start`, `end` (Python string offsets into the article "
    "text), `label`, `source` ({text, start, end} or null; null for unsourced and not_claim), "
    "`source_name` (the source as one name: spellings of one source such as `Peskov` and `le porte-parole "
    "du Kremlin, Dmitri Peskov` grouped; null without a source), `cue`, `reviewer`, `annotated_at`, `note`, "
    "`suggested_label`, `suggested_by` (rules / twin: a decided near-duplicate / model: the label model "
    "trained on the decisions), `suggested_probability` (the model's probability, the twin's similarity / "
    "100; null for the rules, whose `score` is no probability), `status` (decided / gold; suggested: the "
    "suggestion for a claim nobody decided, exported only on request, with the `note` written on it if any), `origin`, `score`, `extractor_version`, "
    "`annotation_id`, `candidate_start`, `candidate_end`, `orphaned`, `revision`. Gold rows add `rule`, "
    "`adjudicator`, `reviewers`."
)


class SpanRef(TypedDict):
    text: str
    start: int
    end: int


class ClaimRecord(TypedDict, total=False):
    """One line of the file. ``status`` decided: a reviewer's current decision; suggested: a
    candidate nobody decided (``--include-unreviewed``; reviewer null). ``annotation_id`` (the
    decision's unique id) and ``candidate_start`` / ``candidate_end`` (the extractor's candidate,
    when the reviewer moved the boundaries) make a merge exactly-once; an ``orphaned`` claim's
    offsets refer to article revision ``revision``."""

    id: int
    article_id: str
    article_title: str
    text: str
    start: int
    end: int
    label: str | None
    source: SpanRef | None
    source_name: str | None
    cue: SpanRef | None
    reviewer: str | None
    annotated_at: str | None
    note: str | None
    suggested_label: str | None
    suggested_by: str | None
    suggested_probability: float | None
    status: str
    origin: str
    score: float
    extractor_version: str
    annotation_id: str | None
    candidate_start: int
    candidate_end: int
    orphaned: bool
    revision: int


class GoldRecord(ClaimRecord, total=False):
    """A claim's final label (``--gold``, status gold): the ``rule`` that settles it
    (adjudicated, unanimous, majority, single), who adjudicated and when, each reviewer's label."""

    rule: str
    adjudicator: str | None
    adjudicated_at: str | None
    reviewers: dict[str, str]


def records(claims: Iterable[dict], articles: Iterable[dict], report=None, **_options) -> Iterable[dict]:
    """The records of the file: the claim records themselves (``articles`` is not read)."""
    return claims


# -- writing -------------------------------------------------------------------------------------

def _span(text, start, end) -> dict | None:
    if text is None or start is None or end is None:
        return None
    return {"text": text, "start": start, "end": end}


def _source(label, text, start, end) -> dict | None:
    """The claim's source span; none for a claim labelled unsourced or not_claim (a decision
    stored by an earlier version may hold the extractor's suggested source)."""
    return None if label in NO_SOURCE else _span(text, start, end)


def _iso(value) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite returns naive values; they were written in UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def anchoring(orphaned, revision: int) -> dict:
    """The text a record's offsets index, for every record of a claim (a decision, a suggestion,
    a final label): ``orphaned`` true when the claim's text is gone from the article's current
    revision, its offsets and text then referring to revision ``revision`` of the article (kept
    in the database). Never dropped here: each format does with an orphan what its readers can
    use (``spans_jsonl`` lists it apart, ``tool_files.by_article`` leaves it out and counts it)."""
    return {"orphaned": bool(orphaned), "revision": revision}


def claim_record(row: dict) -> ClaimRecord:
    """One exported claim from a joined candidate / current-decision row."""
    decided = row["a_label"] is not None
    if decided:
        start, end, text = row["a_start"], row["a_end"], row["a_text"]
        label = row["a_label"]
        source = _source(label, row["a_source_text"], row["a_source_start"], row["a_source_end"])
    else:
        start, end, text = row["start"], row["end"], row["text"]
        label = row["suggested_label"]
        source = _source(label, row["source_text"], row["source_start"], row["source_end"])
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
        "note": row["a_note"],  # (a claim nobody decided: its note if one was written, with_suggestions)
        "suggested_label": row["suggested_label"],
        "suggested_by": row.get("suggested_by", "rules"),
        "suggested_probability": row.get("suggested_probability"),
        "status": DECIDED if decided else SUGGESTED,
        "origin": row["origin"],
        "score": row["score"],
        "extractor_version": row["extractor_version"],
        # provenance for merges: the decision's unique id and the candidate's own offsets
        "annotation_id": row["a_uid"] if decided else None,
        "candidate_start": row["start"],
        "candidate_end": row["end"],
        **anchoring(row["orphaned"], row["revision"]),
    }


def gold_record(claim, ruling, decision, source_name: str | None) -> GoldRecord:
    """The final label of a claim: ``claim`` a ``TeamClaim``, ``ruling`` its final ``Ruling``,
    ``decision`` the most common span among the decisions with that label (or None)."""
    d = decision
    start, end, text = (d.start, d.end, d.text) if d else (claim.start, claim.end, claim.text)
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "article_title": claim.article_title,
        "text": text,
        "start": start,
        "end": end,
        "label": ruling.label,
        "source": _source(ruling.label, d.source_text, d.source_start, d.source_end) if d else None,
        "source_name": source_name if ruling.label not in NO_SOURCE else None,
        "cue": _span(*claim.cue) if claim.cue else None,
        "rule": ruling.rule,
        "adjudicator": ruling.adjudicator,
        "adjudicated_at": _iso(ruling.created_at),
        "note": ruling.note,
        "reviewers": {x.reviewer: x.label for x in claim.decisions},
        "reviewer": ruling.adjudicator,
        "suggested_label": claim.suggested_label,
        "status": GOLD,
        "origin": claim.origin,
        "score": claim.score,
        "extractor_version": claim.extractor_version,
        "candidate_start": claim.start,
        "candidate_end": claim.end,
        **anchoring(claim.orphaned, claim.revision),
    }


# -- reading -------------------------------------------------------------------------------------

#: the keys that tell a claims export from a JSONL file of articles
DECISION_KEYS = frozenset({"article_id", "start", "end", "label", "reviewer", "status"})


def is_decisions_file(path: Path) -> bool:
    """Whether ``path`` is a claims export (judged by its first non-blank line)."""
    try:
        with path.open("rb") as fh:
            for raw in fh:
                if raw.strip():
                    obj = json.loads(raw.decode("utf-8-sig"))
                    return isinstance(obj, dict) and DECISION_KEYS <= obj.keys()
    except (OSError, ValueError):
        return False
    return False


def _int(obj: dict, key: str, n: int) -> int:
    v = obj.get(key)
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise InputError(f"line {n}: \"{key}\" must be a non-negative integer")
    return v


def _time(value, n: int) -> datetime:
    if value is None:
        return datetime.now(timezone.utc)
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"line {n}: \"annotated_at\" is not an ISO date-time") from None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def parse_row(obj: dict, n: int) -> DecisionRecord | None:
    """A decision of the file, or None for a suggestion; InputError names the line."""
    if obj.get("status") != DECIDED:
        if obj.get("status") in (SUGGESTED, GOLD):
            return None
        raise InputError(f"line {n}: \"status\" must be \"decided\" or \"suggested\"")
    aid = obj.get("article_id")
    if aid is None:
        raise InputError(f"line {n}: missing \"article_id\"")
    aid = article_id(aid, f"line {n}")
    start, end = _int(obj, "start", n), _int(obj, "end", n)
    if start >= end:
        raise InputError(f"line {n}: \"start\" must be below \"end\"")
    label = obj.get("label")
    if label not in LABELS:
        raise InputError(f"line {n}: unknown label {label!r} (expected {', '.join(LABELS)})")
    reviewer = obj.get("reviewer")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise InputError(f"line {n}: a decision needs its \"reviewer\"")
    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        raise InputError(f"line {n}: \"note\" must be a string")
    if note is not None and len(note) > NOTE_MAX:
        raise InputError(f"line {n}: \"note\" is {len(note):,} characters, more than {NOTE_MAX:,}")
    src = obj.get("source")
    source = source_text = None
    if src is not None:
        if not isinstance(src, dict):
            raise InputError(f"line {n}: \"source\" must be an object or null")
        ss, se = _int(src, "start", n), _int(src, "end", n)
        if ss >= se:
            raise InputError(f"line {n}: empty source span")
        source = (ss, se)
        source_text = src.get("text") if isinstance(src.get("text"), str) else None
    text = obj.get("text")
    cs = obj.get("candidate_start", start)
    ce = obj.get("candidate_end", end)
    if not (is_int(cs) and is_int(ce) and 0 <= cs < ce):  # false / true are no offsets
        raise InputError(f"line {n}: bad \"candidate_start\" / \"candidate_end\"")
    revision = None
    orphaned = obj.get("orphaned")
    if orphaned is not None and not isinstance(orphaned, bool):
        raise InputError(f"line {n}: \"orphaned\" must be true, false or null")
    if orphaned:  # the claim's text is gone from the article: its offsets index an earlier text
        revision = obj.get("revision")
        if not is_int(revision) or revision < 1:
            raise InputError(f"line {n}: an orphaned decision needs the \"revision\" its offsets index "
                             f"(a positive integer), not {json.dumps(revision)[:40]}")
    text_revision = None
    if not orphaned and obj.get("revision") is not None:
        # the revision the offsets index: a database that has revised the article since
        # re-anchors the decision on its current text
        text_revision = obj["revision"]
        if not is_int(text_revision) or text_revision < 1:
            raise InputError(f"line {n}: \"revision\" must be a positive integer or null, "
                             f"not {json.dumps(text_revision)[:40]}")
    at = _time(obj.get("annotated_at"), n)
    uid = obj.get("annotation_id")
    if uid is not None and (not isinstance(uid, str) or not uid.strip()):  # (never taken for a missing id)
        raise InputError(f"line {n}: \"annotation_id\" must be a non-empty string (the decision's id) or null, "
                         f"not {json.dumps(uid)[:40]}")
    if uid is None:
        # an export without ids: the same decision always gets the same id
        key = json.dumps([str(aid), start, end, label, reviewer, note, source, obj.get("annotated_at")]
                         + ([revision] if revision is not None else []))  # (an orphan's offsets: another text)
        uid = "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()
    return DecisionRecord(n, str(aid), start, end, label, reviewer, source, uid, annotated_at=at, note=note,
                          candidate=(cs, ce), text=text if isinstance(text, str) else None, source_text=source_text,
                          revision=revision,
                          text_revision=text_revision)


def read_rows(path: Path) -> tuple[list[DecisionRecord], int]:
    """Every decision of the file (and how many suggestions were skipped)."""
    rows: list[DecisionRecord] = []
    skipped = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    with fh:
        for n, raw in bounded_lines(fh):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"line {n}: not UTF-8") from None
            obj = parse_object(line, n)
            if obj is None:
                continue
            row = parse_row(obj, n)
            if row is None:
                skipped += 1
            else:
                rows.append(row)
    return rows, skipped
