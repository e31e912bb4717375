"""Import of a ``claims`` export: how a team merges decisions made on separate machines.

Every human decision in the file (``"status": "decided"``) becomes an annotation of its reviewer,
exactly once however often the file is imported: each exported decision carries a unique
``annotation_id``, kept on import (a file without one gets a stable id derived from its
content). Suggestions (``"status": "suggested"``) are not decisions and are skipped. A decision
on a claim the database does not have (one added by hand elsewhere) adds that claim. The file
is all-or-nothing: the first bad line rolls it back and is reported with its number."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from workbench.claims.model import LABELS
from workbench.domain import DecisionRecord
from workbench.ingest.readers import InputError


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
    if obj.get("status") != "decided":
        if obj.get("status") in ("suggested", "gold"):
            return None
        raise InputError(f"line {n}: \"status\" must be \"decided\" or \"suggested\"")
    aid = obj.get("article_id")
    if not isinstance(aid, (str, int)) or isinstance(aid, bool):
        raise InputError(f"line {n}: missing \"article_id\"")
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
    src = obj.get("source")
    source = None
    if src is not None:
        if not isinstance(src, dict):
            raise InputError(f"line {n}: \"source\" must be an object or null")
        ss, se = _int(src, "start", n), _int(src, "end", n)
        if ss >= se:
            raise InputError(f"line {n}: empty source span")
        source = (ss, se)
    text = obj.get("text")
    cs = obj.get("candidate_start", start)
    ce = obj.get("candidate_end", end)
    if not (isinstance(cs, int) and isinstance(ce, int) and 0 <= cs < ce):
        raise InputError(f"line {n}: bad \"candidate_start\" / \"candidate_end\"")
    at = _time(obj.get("annotated_at"), n)
    uid = obj.get("annotation_id")
    if not isinstance(uid, str) or not uid:
        # an export without ids: the same decision always gets the same id
        key = json.dumps([str(aid), start, end, label, reviewer, note, source, obj.get("annotated_at")])
        uid = "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()
    return DecisionRecord(n, str(aid), start, end, label, reviewer, source, uid, annotated_at=at, note=note,
                          candidate=(cs, ce), text=text if isinstance(text, str) else None)


def read_rows(path: Path) -> tuple[list[DecisionRecord], int]:
    """Every decision of the file (and how many suggestions were skipped)."""
    rows: list[DecisionRecord] = []
    skipped = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    with fh:
        for n, raw in enumerate(fh, 1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise InputError(f"line {n}: not UTF-8") from None
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})") from None
            if not isinstance(obj, dict):
                raise InputError(f"line {n}: expected a JSON object, got {type(obj).__name__}")
            row = parse_row(obj, n)
            if row is None:
                skipped += 1
            else:
                rows.append(row)
    return rows, skipped
