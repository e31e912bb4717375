"""Import of labelled spans made in other tools: Prodigy, Label Studio, doccano.

A file's texts become articles (with the extractor's candidates, like any import) and its
labelled spans become decisions of their reviewers, matched to the candidate with the same
offsets (else added as a claim, like a claim added by hand). The reviewer is the one the file
names (Prodigy ``_annotator_id``, Label Studio ``completed_by``, doccano ``user`` /
``annotator``), else a name made from the file: ``prodigy:<file stem>``.

Labels are the workbench's four (matched case-insensitively, ``-`` or a space for ``_``) and
``source`` for the source span of a claim; any other label stops the import with one line
naming the line of the file. A file is imported whole or not at all (one transaction), and
exactly once: each decision has a uid, kept from a workbench export (``annotation_id``) or
derived from its content, so importing the same file again adds nothing.

Supported shapes:

- Prodigy JSONL (``prodigy db-out``): ``{"text", "spans": [{"start", "end", "label"}], "answer",
  "_annotator_id", "_session_id", "_timestamp", "meta"}``; ``reject`` / ``ignore`` answers are
  not decisions. A ``source`` span is the source of the claim span that contains it. The
  workbench's own ``spans`` and ``prodigy`` exports are this shape too (a span's ``reviewer``,
  ``source`` and ``annotation_id`` are read when present; ``status: "suggested"`` is skipped).
- Label Studio JSON export (an array of tasks): ``{"data": {"text", ...}, "annotations":
  [{"result": [{"id", "type": "labels", "value": {"start", "end", "text", "labels"}}],
  "completed_by"}]}``; cancelled annotations and predictions are not decisions. A ``source``
  region is the source of the claim it is related to (a ``relation`` result), else of the
  claim region that contains it.
- doccano JSONL: ``{"text", "label": [[start, end, "LABEL"], ...]}`` (sequence labelling) or
  ``{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
  [{"from_id", "to_id", "type"}]}`` (relation extraction).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from workbench.claims.model import LABELS
from workbench.domain import DecisionRecord
from workbench.ingest.readers import (
    ArticleRecord,
    InputError,
    content_hash,
    decode,
    first_line_title,
    read_bytes,
)

FORMATS = ("prodigy", "labelstudio", "doccano")
SUFFIXES = (".jsonl", ".json")
SOURCE = "source"
#: other spellings of the labels (after lower-casing and ``-`` / space -> ``_``)
ALIASES = {"not_a_claim": "not_claim", "notclaim": "not_claim", "no_claim": "not_claim"}
#: how much of a file is read to recognise its format
HEAD_BYTES = 1 << 20
#: meta keys the workbench's own exports add (not the imported metadata)
_OWN_META = frozenset({"id", "article_id", "title", "language", "origin", "url", "content_hash", "status"})
_MISSING = object()
#: what a span of a workbench export carries beside its offsets and label
_SPAN_EXTRAS = ("source", "annotation_id", "annotated_at", "note", "candidate_start", "candidate_end")


@dataclass
class ForeignFile:
    format: str
    path: Path
    articles: list[ArticleRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    #: line of the file where each article was first seen
    article_lines: dict[str, int] = field(default_factory=dict)
    #: tasks / annotations / spans that are not decisions (rejected, cancelled, predictions,
    #: suggestions)
    skipped: int = 0
    #: source spans no claim span could be paired with (ignored)
    unpaired_sources: int = 0
    #: one-line warnings of decoding (invalid bytes replaced, an uncertain encoding)
    notes: list[str] = field(default_factory=list)


# -- recognising a file --------------------------------------------------------------------------

def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _triples(v) -> bool:
    return isinstance(v, list) and all(
        isinstance(x, (list, tuple)) and len(x) == 3 and _is_int(x[0]) and _is_int(x[1]) for x in v)


def classify(obj) -> str | None:
    """The format of one record (a JSONL line or the first task of a JSON array)."""
    if not isinstance(obj, dict):
        return None
    data = obj.get("data")
    if isinstance(data, dict) and (any(k in obj for k in ("annotations", "completions", "predictions"))
                                   or isinstance(data.get("text"), str)):
        return "labelstudio"
    if not isinstance(obj.get("text"), str):
        return None
    if isinstance(obj.get("spans"), list):
        return "prodigy"
    ents = obj.get("entities")
    if isinstance(ents, list) and all(isinstance(e, dict) and "start_offset" in e for e in ents) and ents:
        return "doccano"
    for key in ("label", "labels"):
        if key in obj and _triples(obj[key]):
            return "doccano"
    return None


def detect_format(path: str | Path) -> str | None:
    """``"prodigy"``, ``"labelstudio"``, ``"doccano"``, or None (not a file of those tools:
    articles, a claims export, anything else). Reads the first record only."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            if head.startswith(b"\xef\xbb\xbf"):
                head = head[3:]
            stripped = head.lstrip()
            if stripped.startswith(b"["):
                text = head.decode("utf-8", "ignore").lstrip()
                try:
                    first, _ = json.JSONDecoder().raw_decode(text, len(text) - len(text[1:].lstrip()))
                except ValueError:
                    if len(head) < HEAD_BYTES:
                        return None
                    arr = json.loads(path.read_bytes().decode("utf-8-sig"))  # a first task over 1 MB
                    first = arr[0] if isinstance(arr, list) and arr else None
                return "labelstudio" if classify(first) == "labelstudio" else None
            fh.seek(0)
            for n, raw in enumerate(fh, 1):
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if raw.strip():
                    fmt = classify(json.loads(raw.decode("utf-8")))
                    return fmt if fmt in ("prodigy", "doccano") else None
    except (OSError, ValueError):
        return None
    return None


# -- shared pieces -------------------------------------------------------------------------------

def map_label(raw, where: str) -> str:
    """A label of the file -> one of LABELS or ``source``; InputError names the line."""
    if isinstance(raw, str):
        key = raw.strip().lower().replace("-", "_").replace(" ", "_")
        key = ALIASES.get(key, key)
        if key in LABELS or key == SOURCE:
            return key
    raise InputError(f"{where}: unknown label {raw!r} (expected {', '.join(LABELS)} or {SOURCE}, "
                     "in any case)")


def _time(value, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        if _is_int(value) or isinstance(value, float):
            t = datetime.fromtimestamp(value, timezone.utc)
        else:
            t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        raise InputError(f"{where}: bad time {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _offsets(start, end, text: str, where: str, what: str = "span", span_text=None) -> tuple[int, int]:
    if not (_is_int(start) and _is_int(end)):
        raise InputError(f"{where}: {what} offsets must be integers (got {start!r}, {end!r})")
    if not 0 <= start < end:
        raise InputError(f"{where}: empty or negative {what} {start}:{end}")
    if end > len(text):
        raise InputError(f"{where}: {what} {start}:{end} goes beyond the end of the text ({len(text)} characters)")
    if isinstance(span_text, str) and text[start:end] != span_text:
        raise InputError(f"{where}: the {what} text {span_text[:40]!r} is not the text at {start}:{end} "
                         f"({text[start:end][:40]!r}); offsets must be character offsets into the text")
    return start, end


def _uid(article_id, start, end, label, reviewer, source, when: datetime | None) -> str:
    key = json.dumps([str(article_id), start, end, label, reviewer, list(source) if source else None,
                      when.isoformat() if when else None])
    return "foreign:" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


def _reviewer(raw, mapping: Mapping[str, str] | None, default: str) -> str:
    name = "" if raw is None or isinstance(raw, bool) else str(raw).strip()
    name = name or default
    return mapping.get(name, name) if mapping else name


@dataclass
class _Claim:
    start: int
    end: int
    label: str
    rid: object = None
    extras: dict = field(default_factory=dict)
    source: object = _MISSING


class _Builder:
    """Collects articles and decisions while a file is read."""

    def __init__(self, fmt: str, path: Path, reviewers: Mapping[str, str] | None) -> None:
        self.ff = ForeignFile(fmt, path)
        self.by_id: dict[str, ArticleRecord] = {}
        self.reviewers = reviewers
        self.default_reviewer = f"{fmt}:{path.stem}"

    def reviewer(self, raw) -> str:
        return _reviewer(raw, self.reviewers, self.default_reviewer)

    def article(self, where: str, line: int, text, aid, title, url, meta) -> ArticleRecord:
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{where}: missing or empty \"text\"")
        if aid is not None and not (isinstance(aid, str) or _is_int(aid)):
            raise InputError(f"{where}: the article id must be a string or a number")
        derived = aid in (None, "")
        aid = "sha256:" + content_hash(text)[:16] if derived else str(aid)
        rec = self.by_id.get(aid)
        if rec is not None:
            if rec.text != text:
                raise InputError(f"{where}: article {aid!r} appears twice in this file with different texts "
                                 f"(first on line {self.ff.article_lines[aid]})")
            return rec
        rec = ArticleRecord(aid, str(title).strip() if title else first_line_title(text), text,
                            origin=f"{self.ff.path}:{line}", url=str(url) if url else None,
                            meta=meta if isinstance(meta, dict) else {})
        if derived:  # the file names no id: an article already stored with this text is this one
            rec.extra["derived_id"] = True
        self.by_id[aid] = rec
        self.ff.article_lines[aid] = line
        self.ff.articles.append(rec)
        return rec

    def unit(self, where: str, line: int, rec: ArticleRecord, reviewer: str, claims: list[_Claim],
             sources: list[tuple[object, int, int]], relations: list[tuple[object, object]],
             when: datetime | None) -> None:
        """The decisions of one reviewer on one text (a Prodigy task, a Label Studio annotation,
        a doccano line): sources paired with their claims, then one decision per claim."""
        text = rec.text
        seen: dict[tuple[int, int], str] = {}
        for c in claims:
            old = seen.get((c.start, c.end))
            if old is not None and old != c.label:
                raise InputError(f"{where}: the span {c.start}:{c.end} has two labels ({old}, {c.label})")
            seen[(c.start, c.end)] = c.label
        by_rid = {rid: (s, e) for rid, s, e in sources if rid is not None}
        used: set[int] = set()
        # explicit (a workbench export), then relations, then the claim that contains the source
        for c in claims:
            if "source" in c.extras:
                src = c.extras["source"]
                if src is None:
                    c.source = None
                elif isinstance(src, dict):
                    c.source = _offsets(src.get("start"), src.get("end"), text, where, "source", src.get("text"))
                else:
                    raise InputError(f"{where}: \"source\" must be an object or null")
        claim_by_rid = {c.rid: c for c in claims if c.rid is not None}
        for a, b in relations:
            for claim_id, src_id in ((a, b), (b, a)):
                c = claim_by_rid.get(claim_id)
                if c is not None and src_id in by_rid and c.source is _MISSING:
                    c.source = by_rid[src_id]
                    used.update(i for i, (rid, _s, _e) in enumerate(sources) if rid == src_id)
        for i, (_rid, s, e) in enumerate(sources):
            if i in used or any(c.source == (s, e) for c in claims):
                continue
            around = [c for c in claims if c.start <= s and e <= c.end and c.source is _MISSING]
            if around:
                min(around, key=lambda c: c.end - c.start).source = (s, e)
            else:
                self.ff.unpaired_sources += 1
        described = bool(sources)
        done: set[tuple[int, int]] = set()
        for c in claims:
            if (c.start, c.end) in done:
                continue
            done.add((c.start, c.end))
            given = c.source is not _MISSING or described
            source = c.source if c.source is not _MISSING else None
            x = c.extras
            at = _time(x.get("annotated_at"), where) if x.get("annotated_at") else when
            note = x.get("note") if isinstance(x.get("note"), str) else None
            cs, ce = x.get("candidate_start"), x.get("candidate_end")
            candidate = (cs, ce) if _is_int(cs) and _is_int(ce) and 0 <= cs < ce <= len(text) else None
            uid = x.get("annotation_id")
            if not isinstance(uid, str) or not uid:
                uid = _uid(rec.id, c.start, c.end, c.label, reviewer, source, at)
            self.ff.decisions.append(DecisionRecord(line, rec.id, c.start, c.end, c.label, reviewer, source, uid,
                                                    annotated_at=at, note=note, source_given=given,
                                                    candidate=candidate))


def _jsonl(raw: str) -> Iterator[tuple[int, dict]]:
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(f"line {n}: expected a JSON object, got {type(obj).__name__}")
        yield n, obj


def _json_array(raw: str) -> Iterator[tuple[int, object]]:
    """The elements of a JSON array with the line each starts on."""
    dec = json.JSONDecoder()
    n = len(raw)

    def skip(i: int) -> int:
        while i < n and raw[i] in " \t\r\n":
            i += 1
        return i

    def line_at(i: int) -> int:
        return raw.count("\n", 0, i) + 1

    i = skip(0)
    if i >= n or raw[i] != "[":
        raise InputError("line 1: expected a JSON array of tasks")
    i = skip(i + 1)
    if i < n and raw[i] == "]":
        return
    line, last = 1, 0
    while True:
        try:
            obj, j = dec.raw_decode(raw, i)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {exc.lineno}: invalid JSON ({exc.msg}, column {exc.colno})") from None
        line += raw.count("\n", last, i)
        last = i
        yield line, obj
        i = skip(j)
        if i < n and raw[i] == ",":
            i = skip(i + 1)
            continue
        if i < n and raw[i] == "]":
            if skip(i + 1) < n:
                raise InputError(f"line {line_at(skip(i + 1))}: text after the end of the JSON array")
            return
        raise InputError(f"line {line_at(i)}: invalid JSON (expected ',' or ']' between tasks)")


def _meta_minus(meta, keys) -> dict:
    return {k: v for k, v in meta.items() if k not in keys} if isinstance(meta, dict) else {}


# -- Prodigy -------------------------------------------------------------------------------------

def _read_prodigy(b: _Builder, raw: str) -> None:
    for n, obj in _jsonl(raw):
        where = f"line {n}"
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        aid = meta.get("id", meta.get("article_id", obj.get("id")))
        rec = b.article(where, n, obj.get("text"), aid, meta.get("title") or obj.get("title"),
                        meta.get("url") or obj.get("url"), _meta_minus(meta, _OWN_META))
        spans = obj.get("spans")
        if spans is None:
            spans = []
        if not isinstance(spans, list):
            raise InputError(f"{where}: \"spans\" must be a list")
        answer = obj.get("answer")
        if answer in ("reject", "ignore") or (answer is None and meta.get("status") == "suggested"):
            b.ff.skipped += 1
            continue
        if answer not in (None, "accept"):
            raise InputError(f"{where}: unknown answer {answer!r} (expected accept, reject or ignore)")
        task_reviewer = obj.get("_annotator_id") or obj.get("_session_id")
        when = _time(obj.get("_timestamp"), where)
        units: dict[str, tuple[list[_Claim], list]] = {}
        for k, sp in enumerate(spans, 1):
            w = f"{where}, span {k}"
            if not isinstance(sp, dict):
                raise InputError(f"{w}: a span must be an object")
            if sp.get("status") == "suggested":
                b.ff.skipped += 1
                continue
            s, e = _offsets(sp.get("start"), sp.get("end"), rec.text, w, "span", sp.get("text"))
            label = map_label(sp.get("label"), w)
            who = b.reviewer(sp.get("reviewer") or task_reviewer)
            claims, sources = units.setdefault(who, ([], []))
            if label == SOURCE:
                sources.append((None, s, e))
            else:
                claims.append(_Claim(s, e, label, extras={k2: sp[k2] for k2 in _SPAN_EXTRAS if k2 in sp}))
        for who, (claims, sources) in units.items():
            b.unit(where, n, rec, who, claims, sources, [], when)


# -- Label Studio --------------------------------------------------------------------------------

def _ls_reviewer(b: _Builder, ann: dict):
    if isinstance(ann.get("reviewer"), str) and ann["reviewer"].strip():
        return ann["reviewer"]
    cb = ann.get("completed_by")
    if isinstance(cb, dict):
        cb = cb.get("email") or cb.get("username") or cb.get("id")
    if cb is None:
        return None
    if _is_int(cb):
        key = str(cb)
        if b.reviewers and key in b.reviewers:
            return key
        return f"labelstudio:user:{cb}"
    return cb


def _read_labelstudio(b: _Builder, raw: str) -> None:
    for t, (line, task) in enumerate(_json_array(raw), 1):
        where = f"line {line} (task {t})"
        if not isinstance(task, dict):
            raise InputError(f"{where}: a task must be an object")
        data = task.get("data", task)
        if not isinstance(data, dict):
            raise InputError(f"{where}: \"data\" must be an object")
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else _meta_minus(
            data, {"text", "article_id", "id", "title", "language", "url", "origin", "content_hash", "meta"})
        # without "data", the task is its data, and its "id" is Label Studio's task id, not an article id
        aid = data.get("article_id", data.get("id")) if "data" in task else data.get("article_id")
        rec = b.article(where, line, data.get("text"), aid, data.get("title"), data.get("url"), meta)
        preds = task.get("predictions") or []
        b.ff.skipped += len(preds) if isinstance(preds, list) else 0
        anns = task.get("annotations", task.get("completions")) or []
        if not isinstance(anns, list):
            raise InputError(f"{where}: \"annotations\" must be a list")
        for a, ann in enumerate(anns, 1):
            w = f"{where}, annotation {a}"
            if not isinstance(ann, dict):
                raise InputError(f"{w}: an annotation must be an object")
            if ann.get("was_cancelled"):
                b.ff.skipped += 1
                continue
            who = b.reviewer(_ls_reviewer(b, ann))
            when = _time(ann.get("updated_at") or ann.get("created_at"), w)
            results = ann.get("result") or []
            if not isinstance(results, list):
                raise InputError(f"{w}: \"result\" must be a list")
            claims, sources, relations = [], [], []
            for r, res in enumerate(results, 1):
                wr = f"{w}, result {r}"
                if not isinstance(res, dict):
                    raise InputError(f"{wr}: a result must be an object")
                if res.get("type") == "relation":
                    relations.append((res.get("from_id"), res.get("to_id")))
                    continue
                value = res.get("value")
                if not isinstance(value, dict) or "start" not in value or "labels" not in value:
                    continue  # another control (choices, a text area...): not a span
                labels = value.get("labels")
                if not isinstance(labels, list) or not labels:
                    raise InputError(f"{wr}: \"labels\" must be a non-empty list")
                mapped = {map_label(lbl, wr) for lbl in labels}
                if len(mapped) != 1:
                    raise InputError(f"{wr}: a region with several labels ({', '.join(map(str, labels))})")
                label = mapped.pop()
                s, e = _offsets(value.get("start"), value.get("end"), rec.text, wr, "region", value.get("text"))
                if label == SOURCE:
                    sources.append((res.get("id"), s, e))
                else:
                    extras = res.get("workbench") if isinstance(res.get("workbench"), dict) else {}
                    claims.append(_Claim(s, e, label, rid=res.get("id"), extras=dict(extras)))
            b.unit(w, line, rec, who, claims, sources, relations, when)


# -- doccano -------------------------------------------------------------------------------------

_DOCCANO_KEYS = frozenset({"id", "text", "label", "labels", "entities", "relations", "Comments", "comments",
                           "user", "annotator", "article_id", "title", "url", "meta", "annotation_approver"})


def _read_doccano(b: _Builder, raw: str) -> None:
    for n, obj in _jsonl(raw):
        where = f"line {n}"
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else _meta_minus(obj, _DOCCANO_KEYS)
        aid = obj.get("article_id", meta.get("id") if isinstance(obj.get("meta"), dict) else None)
        rec = b.article(where, n, obj.get("text"), aid, obj.get("title") or meta.get("title"),
                        obj.get("url") or meta.get("url"), _meta_minus(meta, _OWN_META))
        who = b.reviewer(obj.get("user", obj.get("annotator")))
        claims, sources, relations = [], [], []
        items = []
        if "entities" in obj:
            ents = obj.get("entities")
            if not isinstance(ents, list):
                raise InputError(f"{where}: \"entities\" must be a list")
            for k, ent in enumerate(ents, 1):
                if not isinstance(ent, dict):
                    raise InputError(f"{where}, entity {k}: an entity must be an object")
                items.append((f"{where}, entity {k}", ent.get("id"), ent.get("start_offset"), ent.get("end_offset"),
                              ent.get("label")))
            rels = obj.get("relations") or []
            if not isinstance(rels, list):
                raise InputError(f"{where}: \"relations\" must be a list")
            relations = [(r.get("from_id"), r.get("to_id")) for r in rels if isinstance(r, dict)]
        else:
            spans = obj.get("label", obj.get("labels")) or []
            if not isinstance(spans, list):
                raise InputError(f"{where}: \"label\" must be a list of [start, end, label]")
            for k, sp in enumerate(spans, 1):
                if not (isinstance(sp, (list, tuple)) and len(sp) == 3):
                    raise InputError(f"{where}, label {k}: expected [start, end, \"LABEL\"], got {sp!r}")
                items.append((f"{where}, label {k}", None, sp[0], sp[1], sp[2]))
        for w, rid, start, end, lbl in items:
            label = map_label(lbl, w)
            s, e = _offsets(start, end, rec.text, w)
            if label == SOURCE:
                sources.append((rid, s, e))
            else:
                claims.append(_Claim(s, e, label, rid=rid))
        b.unit(where, n, rec, who, claims, sources, relations, None)


_READERS = {"prodigy": _read_prodigy, "labelstudio": _read_labelstudio, "doccano": _read_doccano}


def read_foreign(path: str | Path, fmt: str | None = None, *,
                 reviewers: Mapping[str, str] | None = None) -> ForeignFile:
    """Articles and decisions of a Prodigy / Label Studio / doccano file (format detected unless
    given). ``reviewers`` renames the reviewers the file names (``{"7": "alice",
    "bob@x.org": "bob"}``). Raises InputError with one line naming the line of the file."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt not in _READERS:
        raise InputError("not a Prodigy, Label Studio or doccano file (expected Prodigy JSONL with \"spans\", "
                         "a Label Studio JSON export, or doccano JSONL with \"label\" or \"entities\")")
    notes: list[str] = []
    raw = decode(read_bytes(path, check_type=False), notes)
    b = _Builder(fmt, path, reviewers)
    b.ff.notes = notes
    _READERS[fmt](b, raw)
    if not b.ff.articles:
        raise InputError("no texts in the file")
    return b.ff


__all__ = ["FORMATS", "ForeignFile", "SUFFIXES", "classify", "detect_format",
           "map_label", "read_foreign"]
