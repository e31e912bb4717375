"""Prodigy: JSONL tasks, read and written.

Writing (``--format prodigy``): one task per article and reviewer, the shape ``prodigy db-in``
stores for a ``spans.manual`` / spancat dataset: ``{"text", "meta", "spans": [{"start", "end",
"label", "text", "source", ...}], "answer": "accept", "_annotator_id", "_session_id", "_view_id",
"_timestamp", "_input_hash", "_task_hash"}`` (plus ``"tokens"`` and each span's ``token_start`` /
``token_end`` with ``tokens=True``). Hashes are stable 32-bit ints derived from the text (input)
and the spans (task); ``prodigy db-in --rehash`` replaces them with Prodigy's own. The extractor's
suggestions become tasks *without* ``answer`` (and with ``meta.status == "suggested"``): input for
``spans.manual``, not for ``db-in``, which would mark them accepted.

Reading (``prodigy db-out``): the same shape; ``reject`` / ``ignore`` answers are not decisions. A
``source`` span is the source of the claim span that contains it. The workbench's own ``spans``
and ``prodigy`` exports are this shape too (a span's ``reviewer``, ``source`` and
``annotation_id`` are read when present; ``status: "suggested"`` is skipped). What the tools'
formats share: ``workbench.formats.tool_files``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypedDict

from workbench.formats.common import SOURCE_LABEL, SUGGESTED, InputError, jsonl_objects, jsonl_sink
from workbench.formats.spans_jsonl import article_meta
from workbench.formats.tool_files import (
    OWN_META,
    SPAN_EXTRAS,
    Claim,
    DecisionsBuilder,
    ExportReport,
    by_annotator,
    by_article,
    check_offsets,
    epoch,
    int32,
    map_label,
    meta_minus,
    parse_time,
    span_extras,
)
from workbench.graphemes import FLAG, marks, symbol_sequence

SUFFIX = ".jsonl"
sink = jsonl_sink

FORMAT_DOC = (
    "Prodigy tasks, one JSON line per article and annotator: {text, meta, spans: [{start, end, label, "
    "source, ...}], answer: \"accept\", _annotator_id, _session_id, _input_hash, _task_hash, _view_id}; "
    "load with `prodigy db-in DATASET FILE` (add `--rehash` for Prodigy's own hashes). When "
    "requested, suggestions nobody decided come as tasks without `answer` (input for spans.manual)."
)


class Token(TypedDict):
    text: str
    start: int
    end: int
    id: int
    #: whitespace follows
    ws: bool


class Span(TypedDict, total=False):
    """A labelled span: a claim label or ``source``. Written with the workbench's provenance
    (``text``, ``source``, ``source_name``, ``claim_id``, ``annotation_id``, ``annotated_at``,
    ``note``, ``candidate_start``, ``candidate_end``, ``status``), which is read back on import."""

    start: int
    end: int
    label: str
    text: str
    token_start: int
    token_end: int
    reviewer: str


class Task(TypedDict, total=False):
    text: str
    #: the article (``id``, ``title``, ...) and ``status: "suggested"`` for the extractor's
    meta: dict
    spans: list[Span]
    tokens: list[Token]
    #: accept | reject | ignore (reject / ignore: not decisions)
    answer: str
    _annotator_id: str
    _session_id: str
    _view_id: str
    _timestamp: int
    _input_hash: int
    _task_hash: int


def looks_like(obj) -> bool:
    """Whether a JSONL line is a Prodigy task (a text with a list of spans)."""
    return isinstance(obj, dict) and isinstance(obj.get("text"), str) and isinstance(obj.get("spans"), list)


# -- reading -------------------------------------------------------------------------------------

def read(b: DecisionsBuilder, raw: str) -> None:
    """The articles and decisions of Prodigy JSONL text (``b`` collects them)."""
    for n, obj in jsonl_objects(raw):
        where = f"line {n}"
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        aid = meta.get("id", meta.get("article_id", obj.get("id")))
        rec = b.article(where, n, obj.get("text"), aid, meta.get("title") or obj.get("title"),
                        meta.get("url") or obj.get("url"), meta_minus(meta, OWN_META))
        spans = obj.get("spans")
        if spans is None:
            spans = []
        if not isinstance(spans, list):
            raise InputError(f"{where}: \"spans\" must be a list")
        answer = obj.get("answer")
        if answer in ("reject", "ignore") or (answer is None and meta.get("status") == SUGGESTED):
            b.ff.skipped += 1
            continue
        if answer not in (None, "accept"):
            raise InputError(f"{where}: unknown answer {answer!r} (expected accept, reject or ignore)")
        task_reviewer = obj.get("_annotator_id") or obj.get("_session_id")
        when = parse_time(obj.get("_timestamp"), where)
        units: dict[str, tuple[list[Claim], list]] = {}
        for k, sp in enumerate(spans, 1):
            w = f"{where}, span {k}"
            if not isinstance(sp, dict):
                raise InputError(f"{w}: a span must be an object")
            if sp.get("status") == SUGGESTED:
                b.ff.skipped += 1
                continue
            s, e = check_offsets(sp.get("start"), sp.get("end"), rec.text, w, "span", sp.get("text"))
            label = map_label(sp.get("label"), w)
            who = b.reviewer(sp.get("reviewer") or task_reviewer)
            claims, sources = units.setdefault(who, ([], []))
            if label == SOURCE_LABEL:
                sources.append((None, s, e))
            else:
                claims.append(Claim(s, e, label, extras={k2: sp[k2] for k2 in SPAN_EXTRAS if k2 in sp}))
        for who, (claims, sources) in units.items():
            b.unit(where, n, rec, who, claims, sources, [], when)


# -- writing -------------------------------------------------------------------------------------

@cache
def token_re() -> re.Pattern:
    """A word (letters, digits and their marks: a decomposed "é" is one word); a flag; or one
    character of punctuation or one emoji with its marks and the characters a zero-width joiner
    ties to it (a family emoji is one token, as drawn). Every non-space character belongs to a
    token. Built at the first export with tokens."""
    return re.compile(rf"[\w{marks()}]+|{FLAG}|{symbol_sequence()}|\u200d")


def tokenize(text: str) -> list[dict]:
    """Prodigy's token dicts: ``{"text", "start", "end", "id", "ws"}`` (words and single
    punctuation characters; ``ws``: whitespace follows)."""
    out = []
    for i, m in enumerate(token_re().finditer(text)):
        s, e = m.span()
        out.append({"text": m.group(), "start": s, "end": e, "id": i, "ws": e < len(text) and text[e].isspace()})
    return out


def token_bounds(tokens: list[dict], starts: list[int], start: int, end: int) -> tuple[int, int, bool] | None:
    """``(token_start, token_end (inclusive), exact)`` of the tokens a span touches, or None."""
    from bisect import bisect_left, bisect_right

    # first token ending after start; last token starting before end
    i = bisect_right(starts, start) - 1
    if i < 0 or tokens[i]["end"] <= start:
        i += 1
    j = bisect_left(starts, end) - 1
    if i >= len(tokens) or j < i:
        return None
    exact = tokens[i]["start"] == start and tokens[j]["end"] == end
    return i, j, exact


def records(claims: Iterable[dict], articles: Iterable[dict], report: ExportReport, *, include_empty: bool = False,
            tokens: bool = False, **_options) -> Iterator[Task]:
    return prodigy_tasks(claims, articles, include_empty=include_empty, tokens=tokens, report=report)


def prodigy_tasks(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                  tokens: bool = False, report: ExportReport | None = None) -> Iterator[Task]:
    """Prodigy tasks: one per article and annotator (see the module docstring)."""
    report = report if report is not None else ExportReport("prodigy")
    for art, group in by_article(claims, articles, include_empty, report):
        text = art["text"]
        meta = article_meta(art)
        toks = tokenize(text) if tokens else None
        starts = [t["start"] for t in toks] if toks else []
        units = by_annotator(group) if group else [(None, [])]
        input_hash = int32("input", text)
        for who, cs in units:
            spans = []
            for c in cs:
                span = {"start": c["start"], "end": c["end"], "label": c["label"]}
                if toks is not None:
                    b = token_bounds(toks, starts, c["start"], c["end"])
                    if b is None:
                        report.unaligned.append((art["id"], c["start"], c["end"], c["label"]))
                    else:
                        span["token_start"], span["token_end"] = b[0], b[1]
                        report.snapped += not b[2]
                span.update(span_extras(c))
                spans.append(span)
            report.spans += len(spans)
            task = {"text": text, "meta": dict(meta), "spans": spans}
            if toks is not None:
                task["tokens"] = toks
            if who is not None:
                task["answer"] = "accept"
                task["_annotator_id"] = who
                task["_session_id"] = who
                stamps = [t for t in (epoch(c.get("annotated_at") or c.get("adjudicated_at")) for c in cs) if t]
                if stamps:
                    task["_timestamp"] = max(stamps)
            else:
                task["meta"]["status"] = SUGGESTED
            task["_view_id"] = "spans_manual"
            task["_input_hash"] = input_hash
            task["_task_hash"] = int32("task", input_hash, [(s["start"], s["end"], s["label"]) for s in spans])
            report.records += 1
            yield task
