"""Label Studio: a JSON array of tasks, read and written, and the labelling configuration.

Writing (``--format labelstudio``): one task per article: ``data`` (text, title, article id and
metadata), one annotation per reviewer (human decisions; the gold labels with ``ground_truth``),
the extractor's undecided suggestions as one prediction with scores; ``label_config()`` is the
labelling interface they need (written beside the tasks as ``NAME.label_config.xml``). A claim's
source is a ``source`` region linked to the claim by a relation (claim -> source).

Reading (a Label Studio JSON export): ``{"data": {"text", ...}, "annotations": [{"result":
[{"id", "type": "labels", "value": {"start", "end", "text", "labels"}}], "completed_by"}]}``;
cancelled annotations and predictions are not decisions. A ``source`` region is the source of the
claim it is related to (a ``relation`` result), else of the claim region that contains it. What
the tools' formats share: ``workbench.formats.tool_files``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypedDict

from workbench.claims.model import LABELS
from workbench.formats.common import GOLD, SOURCE_LABEL, InputError, json_array, json_array_sink
from workbench.formats.tool_files import (
    Claim,
    DecisionsBuilder,
    ExportReport,
    by_annotator,
    by_article,
    check_offsets,
    is_int,
    map_label,
    meta_minus,
    parse_time,
    span_extras,
)
from workbench.palette import label_colours

SUFFIX = ".json"
sink = json_array_sink

FORMAT_DOC = (
    "Label Studio tasks (a JSON array): data {text, article_id, title, ...}, one annotation per "
    "reviewer (result regions with from_name \"label\", to_name \"text\", value {start, end, text, "
    "labels}; source spans as \"source\" regions related to their claim) and, when requested, the "
    "extractor's suggestions for claims nobody decided as predictions with scores. Import into a "
    "project made with `label_config.xml`."
)



class Value(TypedDict):
    start: int
    end: int
    text: str
    labels: list[str]


class Region(TypedDict, total=False):
    """A labelled region (``type`` labels); the workbench's provenance rides in ``workbench``
    (Label Studio keeps unknown keys of a result as they are)."""

    id: str
    from_name: str
    to_name: str
    type: str
    value: Value
    score: float
    workbench: dict


class Relation(TypedDict, total=False):
    """A link between two regions (``type`` relation): claim -> its source."""

    type: str
    from_id: str
    to_id: str
    direction: str
    labels: list[str]


class Annotation(TypedDict, total=False):
    result: list[Region | Relation]
    was_cancelled: bool
    ground_truth: bool
    #: ``{"email": ...}`` (written only for ``--ls-email`` reviewers), or a user id / email
    completed_by: dict | int | str
    created_at: str
    updated_at: str
    #: the workbench reviewer (ignored by Label Studio, read back by the workbench)
    reviewer: str


class Prediction(TypedDict):
    model_version: str
    score: float
    result: list[Region | Relation]


class Data(TypedDict, total=False):
    text: str
    article_id: str
    title: str
    language: str
    url: str | None
    origin: str
    content_hash: str
    meta: dict


class Task(TypedDict, total=False):
    data: Data
    annotations: list[Annotation]
    #: older exports
    completions: list[Annotation]
    predictions: list[Prediction]


def looks_like(obj) -> bool:
    """Whether an object is a Label Studio task (``data`` with annotations, predictions or a text)."""
    if not isinstance(obj, dict):
        return False
    data = obj.get("data")
    return isinstance(data, dict) and (any(k in obj for k in ("annotations", "completions", "predictions"))
                                       or isinstance(data.get("text"), str))


def config_path_for(path: Path) -> Path:
    """Where the labelling configuration goes beside a tasks file."""
    return path.with_name(path.stem + ".label_config.xml")


# -- reading -------------------------------------------------------------------------------------

def _reviewer(b: DecisionsBuilder, ann: dict):
    if isinstance(ann.get("reviewer"), str) and ann["reviewer"].strip():
        return ann["reviewer"]
    cb = ann.get("completed_by")
    if isinstance(cb, dict):
        cb = cb.get("email") or cb.get("username") or cb.get("id")
    if cb is None:
        return None
    if is_int(cb):
        key = str(cb)
        if b.reviewers and key in b.reviewers:
            return key
        return f"labelstudio:user:{cb}"
    return cb


def read(b: DecisionsBuilder, raw: str) -> None:
    """The articles and decisions of a Label Studio JSON export (``b`` collects them)."""
    for t, (line, task) in enumerate(json_array(raw), 1):
        where = f"line {line} (task {t})"
        if not isinstance(task, dict):
            raise InputError(f"{where}: a task must be an object")
        data = task.get("data", task)
        if not isinstance(data, dict):
            raise InputError(f"{where}: \"data\" must be an object")
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else meta_minus(
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
            who = b.reviewer(_reviewer(b, ann))
            when = parse_time(ann.get("updated_at") or ann.get("created_at"), w)
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
                s, e = check_offsets(value.get("start"), value.get("end"), rec.text, wr, "region", value.get("text"))
                if label == SOURCE_LABEL:
                    sources.append((res.get("id"), s, e))
                else:
                    extras = res.get("workbench") if isinstance(res.get("workbench"), dict) else {}
                    claims.append(Claim(s, e, label, rid=res.get("id"), extras=dict(extras)))
            b.unit(w, line, rec, who, claims, sources, relations, when)


# -- writing -------------------------------------------------------------------------------------

def records(claims: Iterable[dict], articles: Iterable[dict], report: ExportReport, *, include_empty: bool = False,
            emails: Mapping[str, str] | None = None, **_options) -> Iterator[Task]:
    return labelstudio_tasks(claims, articles, include_empty=include_empty, emails=emails, report=report)


def label_config() -> str:
    """The Label Studio labelling interface of the ``labelstudio`` export: the claim labels and
    ``source`` on the text, the article title as a header. A claim's source is a ``source``
    region linked to the claim by a relation (claim -> source). The colours are the review
    app's (``workbench.palette``)."""
    colours = label_colours()
    labels = "\n".join(f'    <Label value="{lbl}" background="{colours[lbl]}"/>' for lbl in (*LABELS, SOURCE_LABEL))
    return (
        "<View>\n"
        '  <Header value="$title"/>\n'
        '  <Labels name="label" toName="text">\n'
        f"{labels}\n"
        "  </Labels>\n"
        '  <Text name="text" value="$text"/>\n'
        "</View>\n"
    )


def _region(rid: str, start: int, end: int, text: str, label: str) -> dict:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}}


def _ls_results(cs: list[dict], prefix: str, report: ExportReport, scores: bool = False) -> list[dict]:
    out = []
    for c in cs:
        rid = f"{prefix}{c['id']}"
        region = _region(rid, c["start"], c["end"], c["text"], c["label"])
        if scores and c.get("score") is not None:
            region["score"] = c["score"]
        # workbench provenance (Label Studio keeps unknown keys of a result as they are)
        region["workbench"] = {k: v for k, v in span_extras(c).items() if k != "text"}
        out.append(region)
        src = c.get("source")
        if src:
            out.append(_region(rid + "s", src["start"], src["end"], src["text"], SOURCE_LABEL))
            out.append({"type": "relation", "from_id": rid, "to_id": rid + "s", "direction": "right", "labels": []})
            report.source_spans += 1
        report.spans += 1
    return out


def labelstudio_tasks(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                      emails: Mapping[str, str] | None = None, report: ExportReport | None = None) -> Iterator[Task]:
    """Label Studio tasks, one per article: ``data`` (text, title, article id and metadata),
    one annotation per reviewer (human decisions; the gold labels with ``ground_truth``), and the
    extractor's undecided suggestions as one prediction with scores.

    ``completed_by`` is set only for reviewers named in ``emails`` (``{reviewer: email}``):
    Label Studio refuses an import naming an email that is not a member of the project, and
    without ``completed_by`` it assigns the annotation to the user who imports. The reviewer's
    name is also kept under ``"reviewer"`` (ignored by Label Studio, read back by the
    workbench)."""
    report = report if report is not None else ExportReport("labelstudio")
    emails = emails or {}
    for art, group in by_article(claims, articles, include_empty, report):
        data = {"text": art["text"], "article_id": art["id"], "title": art["title"], "language": art["language"],
                "url": art["url"], "origin": art["origin"], "content_hash": art["content_hash"],
                "meta": art.get("meta") or {}}
        annotations, predictions = [], []
        for who, cs in by_annotator(group):
            if who is None:
                result = _ls_results(cs, "p", report, scores=True)
                scored = [c["score"] for c in cs if c.get("score") is not None]
                versions = sorted({c.get("extractor_version") or "" for c in cs})
                predictions.append({"model_version": ",".join(v for v in versions if v) or "extractor",
                                    "score": round(sum(scored) / len(scored), 4) if scored else 0.0,
                                    "result": result})
                continue
            times = sorted(t for t in (c.get("annotated_at") or c.get("adjudicated_at") for c in cs) if t)
            ann = {"result": _ls_results(cs, "c", report), "was_cancelled": False, "ground_truth": who == GOLD,
                   "reviewer": who}
            if times:
                ann["created_at"], ann["updated_at"] = times[0], times[-1]
            if who in emails:
                ann["completed_by"] = {"email": emails[who]}
            annotations.append(ann)
        task = {"data": data, "annotations": annotations}
        if predictions:
            task["predictions"] = predictions
        report.records += 1
        yield task
