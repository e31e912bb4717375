"""Datasets for other tools: Prodigy, Label Studio and spaCy.

Every format is built from the same two streams the ``spans`` export uses: claim records
(``workbench.export.writers.iter_claims``, or ``GoldClaims``) in article order, and the articles
(``workbench.services.exporting.iter_articles``) in the same order. They are merged article by
article (nothing but the current article's claims is held in memory), and claims whose text is
gone from their article (``orphaned``) are left out of every span format and counted, because
their offsets index an older revision of the text.

One unit per article *and annotator*: the decisions of one reviewer on one article form one
Prodigy task, one Label Studio annotation, one spaCy ``Doc``. ``--gold`` records are grouped as
the annotator ``"gold"``; suggestions nobody decided (``--include-unreviewed``) as the
extractor's (no annotator).

- ``prodigy``: JSONL, one task per article and reviewer, the shape ``prodigy db-in`` stores for a
  ``spans.manual`` / spancat dataset: ``{"text", "meta", "spans": [{"start", "end", "label",
  "text", "source", ...}], "answer": "accept", "_annotator_id", "_session_id", "_view_id",
  "_timestamp", "_input_hash", "_task_hash"}`` (plus ``"tokens"`` and each span's
  ``token_start`` / ``token_end`` with ``tokens=True``). Hashes are stable 32-bit ints derived
  from the text (input) and the spans (task); ``prodigy db-in --rehash`` replaces them with
  Prodigy's own. The extractor's suggestions become tasks *without* ``answer`` (and with
  ``meta.status == "suggested"``): input for ``spans.manual``, not for ``db-in``, which would
  mark them accepted.
- ``labelstudio``: a JSON array of tasks (Label Studio's import format) with one annotation
  per reviewer and the extractor's suggestions as ``predictions``; ``label_config()`` is the
  labelling interface they need.
- ``spacy``: a ``DocBin`` (``.spacy``) for ``spacy train`` of a spancat: ``doc.spans["sc"]`` the
  claims with their labels, ``doc.spans["source"]`` their sources. spaCy is an optional extra.

Offsets are Python string offsets (code points) into the article text as stored, as everywhere
in the workbench; each span also carries its text so a reader can check them.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from workbench.claims.model import LABELS

FORMATS = ("prodigy", "labelstudio", "spacy")
#: file name extension of each format
EXTENSIONS = {"prodigy": ".jsonl", "labelstudio": ".json", "spacy": ".spacy"}
#: the label of a source span, beside the four claim labels
SOURCE_LABEL = "source"
#: the grouping key of the final labels (``--gold``)
GOLD = "gold"
SPACY_MISSING = "install the spacy extra: pip install 'claim-workbench[spacy]'"

#: Label Studio colours, one per label
_COLOURS = {"attributed": "#4e79a7", "unsourced": "#f28e2b", "contested": "#e15759",
            "not_claim": "#9c9c9c", SOURCE_LABEL: "#edc948"}


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


@dataclass
class ExportReport:
    """What an export wrote and what it left out."""

    format: str
    where: str = ""
    #: tasks (prodigy, labelstudio) or docs (spacy)
    records: int = 0
    articles: int = 0
    #: claim spans written (decisions and, with --include-unreviewed, suggestions)
    spans: int = 0
    source_spans: int = 0
    #: claims left out because their text is gone from the article (offsets of an old revision)
    orphaned: int = 0
    #: spans whose boundaries fall inside a token: token_start/token_end (prodigy) or the span
    #: (spacy, ``alignment_mode="expand"``) cover the whole tokens
    snapped: int = 0
    #: spans that could not be aligned to tokens at all (spacy: left out), as
    #: ``(article_id, start, end, label)``
    unaligned: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: labelstudio: the labelling configuration written beside the tasks
    config_path: str | None = None

    def summary(self) -> str:
        parts = [f"{self.records} {self.format} record(s) for {self.articles} article(s), {self.spans} claim span(s)"]
        if self.source_spans:
            parts.append(f"{self.source_spans} source span(s)")
        if self.orphaned:
            parts.append(f"{self.orphaned} orphaned claim(s) left out")
        if self.snapped:
            parts.append(f"{self.snapped} span(s) snapped to token boundaries")
        if self.unaligned:
            parts.append(f"{len(self.unaligned)} span(s) not aligned to tokens, left out")
        return ", ".join(parts)


# -- grouping ------------------------------------------------------------------------------------

def article_meta(art: dict) -> dict:
    """The ``meta`` of an article, as in the ``spans`` export."""
    return {"id": art["id"], "title": art["title"], "language": art["language"], "origin": art["origin"],
            "url": art["url"], "content_hash": art["content_hash"], **(art.get("meta") or {})}


def by_article(claims: Iterable[dict], articles: Iterable[dict], include_empty: bool = False,
               report: ExportReport | None = None) -> Iterator[tuple[dict, list[dict]]]:
    """``(article, its live claims)`` in article order. Both streams come from the database in
    the same order (article id), so they are merged by equality, never by comparing ids in
    Python (a server collation may order them differently). Orphaned claims are counted in
    ``report`` and left out."""
    claims = iter(claims)
    pending = next(claims, None)
    for art in articles:
        group = []
        while pending is not None and pending["article_id"] == art["id"]:
            if pending.get("orphaned"):
                if report is not None:
                    report.orphaned += 1
            else:
                group.append(pending)
            pending = next(claims, None)
        if group or include_empty:
            if report is not None:
                report.articles += 1
            yield art, group
    if pending is not None:
        raise ValueError(f"claim {pending['id']} of article {pending['article_id']!r} is not in article order "
                         "(claims and articles must come in the same order)")


def annotator_of(claim: dict) -> str | None:
    """Whose unit a claim record belongs to: its reviewer, ``"gold"``, or None (a suggestion)."""
    status = claim.get("status")
    if status == "gold":
        return GOLD
    if status == "suggested":
        return None
    return claim.get("reviewer")


def by_annotator(group: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """The claims of one article per annotator: reviewers by name, suggestions last."""
    out: dict[str | None, list[dict]] = {}
    for c in group:
        out.setdefault(annotator_of(c), []).append(c)
    return sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


def _epoch(iso: str | None) -> int | None:
    if not iso:
        return None
    t = datetime.fromisoformat(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return int(t.timestamp())


def _int32(*parts) -> int:
    """A stable signed 32-bit int (Prodigy's hashes are of this size)."""
    h = hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(h[:4], "big", signed=True)


# -- tokens --------------------------------------------------------------------------------------

#: a word, or one character of punctuation; every non-space character belongs to a token
TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def tokenize(text: str) -> list[dict]:
    """Prodigy's token dicts: ``{"text", "start", "end", "id", "ws"}`` (words and single
    punctuation characters; ``ws``: whitespace follows)."""
    out = []
    for i, m in enumerate(TOKEN_RE.finditer(text)):
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


# -- Prodigy -------------------------------------------------------------------------------------

def _span_extras(c: dict) -> dict:
    """Workbench provenance carried by a span (read back by ``workbench.ingest.foreign``)."""
    return {
        "text": c["text"],
        "source": c.get("source"),
        "source_name": c.get("source_name"),
        "claim_id": c.get("id"),
        "annotation_id": c.get("annotation_id"),
        "annotated_at": c.get("annotated_at"),
        "note": c.get("note"),
        "candidate_start": c.get("candidate_start"),
        "candidate_end": c.get("candidate_end"),
        "status": c.get("status"),
    }


def prodigy_tasks(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                  tokens: bool = False, report: ExportReport | None = None) -> Iterator[dict]:
    """Prodigy tasks: one per article and annotator (see the module docstring)."""
    report = report if report is not None else ExportReport("prodigy")
    for art, group in by_article(claims, articles, include_empty, report):
        text = art["text"]
        meta = article_meta(art)
        toks = tokenize(text) if tokens else None
        starts = [t["start"] for t in toks] if toks else []
        units = by_annotator(group) if group else [(None, [])]
        input_hash = _int32("input", text)
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
                span.update(_span_extras(c))
                spans.append(span)
            report.spans += len(spans)
            task = {"text": text, "meta": dict(meta), "spans": spans}
            if toks is not None:
                task["tokens"] = toks
            if who is not None:
                task["answer"] = "accept"
                task["_annotator_id"] = who
                task["_session_id"] = who
                stamps = [t for t in (_epoch(c.get("annotated_at") or c.get("adjudicated_at")) for c in cs) if t]
                if stamps:
                    task["_timestamp"] = max(stamps)
            else:
                task["meta"]["status"] = "suggested"
            task["_view_id"] = "spans_manual"
            task["_input_hash"] = input_hash
            task["_task_hash"] = _int32("task", input_hash, [(s["start"], s["end"], s["label"]) for s in spans])
            report.records += 1
            yield task


# -- Label Studio --------------------------------------------------------------------------------

def label_config() -> str:
    """The Label Studio labelling interface of the ``labelstudio`` export: the claim labels and
    ``source`` on the text, the article title as a header. A claim's source is a ``source``
    region linked to the claim by a relation (claim -> source)."""
    labels = "\n".join(f'    <Label value="{lbl}" background="{_COLOURS[lbl]}"/>' for lbl in (*LABELS, SOURCE_LABEL))
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
        region["workbench"] = {k: v for k, v in _span_extras(c).items() if k != "text"}
        out.append(region)
        src = c.get("source")
        if src:
            out.append(_region(rid + "s", src["start"], src["end"], src["text"], SOURCE_LABEL))
            out.append({"type": "relation", "from_id": rid, "to_id": rid + "s", "direction": "right", "labels": []})
            report.source_spans += 1
        report.spans += 1
    return out


def labelstudio_tasks(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                      emails: Mapping[str, str] | None = None, report: ExportReport | None = None) -> Iterator[dict]:
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


# -- spaCy ---------------------------------------------------------------------------------------

def _spacy():
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise MissingExtra(SPACY_MISSING) from None
    return spacy, DocBin


def spacy_available() -> bool:
    try:
        _spacy()
    except MissingExtra:
        return False
    return True


def spacy_docs(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
               report: ExportReport | None = None, languages: Mapping[str, str] | None = None):
    """spaCy ``Doc`` objects, one per article and annotator, tokenized by a blank pipeline of
    the article's language (``spacy.blank("fr")`` / ``("en")``, ``"xx"`` otherwise):
    ``doc.spans["sc"]`` = the claims labelled with their label, ``doc.spans["source"]`` = their
    sources (label ``source``). Character spans are snapped to tokens with
    ``alignment_mode="expand"`` (counted in ``report.snapped``); a span no token covers is left
    out and listed in ``report.unaligned``. ``doc.user_data`` holds the article id, title,
    annotator and status. Raises MissingExtra without spaCy."""
    spacy, _ = _spacy()
    report = report if report is not None else ExportReport("spacy")
    pipelines: dict[str, object] = {}

    def nlp_for(lang: str | None):
        lang = (languages or {}).get(lang or "", lang) or "xx"
        if lang not in pipelines:
            try:
                pipelines[lang] = spacy.blank(lang)
            except Exception:  # a language spaCy does not know
                pipelines[lang] = pipelines.get("xx") or spacy.blank("xx")
        return pipelines[lang]

    def span_of(doc, art_id, start, end, label):
        sp = doc.char_span(start, end, label=label, alignment_mode="strict")
        if sp is not None:
            return sp
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            report.unaligned.append((art_id, start, end, label))
            return None
        report.snapped += 1
        return sp

    for art, group in by_article(claims, articles, include_empty, report):
        nlp = nlp_for(art.get("language"))
        base = nlp.make_doc(art["text"])
        for who, cs in (by_annotator(group) if group else [(None, [])]):
            doc = base.copy()
            sc, src = [], []
            for c in cs:
                sp = span_of(doc, art["id"], c["start"], c["end"], c["label"])
                if sp is not None:
                    sc.append(sp)
                    report.spans += 1
                s = c.get("source")
                if s:
                    ss = span_of(doc, art["id"], s["start"], s["end"], SOURCE_LABEL)
                    if ss is not None:
                        src.append(ss)
                        report.source_spans += 1
            doc.spans["sc"] = sc
            doc.spans["source"] = src
            doc.user_data["article_id"] = art["id"]
            doc.user_data["title"] = art["title"]
            doc.user_data["annotator"] = who
            doc.user_data["status"] = "suggested" if who is None else ("gold" if who == GOLD else "decided")
            report.records += 1
            yield doc


def spacy_docbin(claims: Iterable[dict], articles: Iterable[dict], *, include_empty: bool = False,
                 report: ExportReport | None = None):
    """A ``DocBin`` of ``spacy_docs`` (with user data). Held in memory until written."""
    _spacy_mod, DocBin = _spacy()
    db = DocBin(store_user_data=True)
    for doc in spacy_docs(claims, articles, include_empty=include_empty, report=report):
        db.add(doc)
    return db


# -- Hugging Face datasets ------------------------------------------------------------------------

_SPAN = {"text": "string", "start": "int64", "end": "int64"}
#: The columns of the ``spans`` export (``workbench.export.writers.iter_spans``). Arrow infers
#: a JSON file's types block by block (10 MB each in ``datasets``): a block where every
#: ``source`` / ``cue`` / ``url`` is null, or without ``orphaned`` or an imported meta key,
#: types them differently from a later block and the load fails ("column names don't match",
#: "Couldn't cast"). Giving these features makes every block cast to one schema.
SPANS_SCHEMA = {
    "text": "string",
    "meta": "json",
    "spans": [{"start": "int64", "end": "int64", "label": "string", "text": "string", "source": _SPAN,
               "source_name": "string", "cue": _SPAN, "status": "string", "reviewer": "string",
               "claim_id": "int64"}],
    "orphaned": [{"claim_id": "int64", "text": "string", "label": "string", "reviewer": "string",
                  "revision": "int64"}],
}


def spans_features():
    """``datasets.Features`` of the ``spans`` export, for
    ``load_dataset("json", data_files=..., features=spans_features())``: needed as soon as a
    file is larger than one 10 MB block (see SPANS_SCHEMA). ``meta`` (the imported metadata
    differs from article to article) is a ``Json`` column: datasets 5 or newer."""
    try:
        import datasets
    except ImportError:
        raise MissingExtra("the Hugging Face datasets library is not installed: pip install 'datasets>=5'") from None
    if not hasattr(datasets, "Json"):
        raise MissingExtra(f"datasets {datasets.__version__} has no Json feature: pip install 'datasets>=5'")

    def conv(t):
        if t == "json":
            return datasets.Json()
        if isinstance(t, str):
            return datasets.Value(t)
        if isinstance(t, list):
            return datasets.List(conv(t[0]))
        return {k: conv(v) for k, v in t.items()}

    return datasets.Features({k: conv(v) for k, v in SPANS_SCHEMA.items()})


# -- writing -------------------------------------------------------------------------------------

def default_path(fmt: str, directory: Path = Path("exports")) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return directory / f"{fmt}-{stamp}{EXTENSIONS[fmt]}"


def config_path_for(path: Path) -> Path:
    """Where the Label Studio labelling configuration goes beside a tasks file."""
    return path.with_name(path.stem + ".label_config.xml")


def _json_bytes(record: dict) -> bytes:
    from workbench.export.writers import dumps

    return dumps(record)[:-1]  # without the newline


def write_records(fmt: str, records: Iterator, fh) -> None:
    """Stream records to a binary file object: JSON lines, a JSON array, or a DocBin."""
    from workbench.export.writers import dumps

    if fmt == "prodigy":
        for rec in records:
            fh.write(dumps(rec))
    elif fmt == "labelstudio":
        fh.write(b"[")
        first = True
        for rec in records:
            fh.write(b"\n" if first else b",\n")
            fh.write(_json_bytes(rec))
            first = False
        fh.write(b"\n]\n")
    elif fmt == "spacy":
        _s, DocBin = _spacy()
        db = DocBin(store_user_data=True)
        for doc in records:
            db.add(doc)
        fh.write(db.to_bytes())
    else:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def records_for(fmt: str, claims: Iterable[dict], articles: Iterable[dict], report: ExportReport, *,
                include_empty: bool = False, tokens: bool = False, emails: Mapping[str, str] | None = None):
    if fmt == "prodigy":
        return prodigy_tasks(claims, articles, include_empty=include_empty, tokens=tokens, report=report)
    if fmt == "labelstudio":
        return labelstudio_tasks(claims, articles, include_empty=include_empty, emails=emails, report=report)
    if fmt == "spacy":
        _spacy()  # fail before anything is read
        return spacy_docs(claims, articles, include_empty=include_empty, report=report)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def export_format(engine, fmt: str, out: str | Path | None, *, include_unreviewed: bool = False,
                  reviewer: str | None = None, gold=None, tokens: bool = False,
                  emails: Mapping[str, str] | None = None) -> ExportReport:
    """Write a ``prodigy`` / ``labelstudio`` / ``spacy`` dataset (to a temporary file renamed
    when complete; ``out == "-"``: stdout). ``gold``: a ``GoldClaims`` to export the final labels
    instead of every reviewer's decisions. The ``labelstudio`` export also writes its labelling
    configuration beside the file (``NAME.label_config.xml``). Raises MissingExtra for
    ``spacy`` without spaCy, before writing anything."""
    from workbench.export.writers import atomic_writer, iter_claims
    from workbench.services import exporting

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt == "spacy":
        _spacy()
    report = ExportReport(fmt)
    claims = gold if gold is not None else iter_claims(engine, include_unreviewed, reviewer)
    records = records_for(fmt, claims, exporting.iter_articles(engine), report,
                          include_empty=include_unreviewed, tokens=tokens, emails=emails)
    if out == "-":
        sys.stdout.flush()
        write_records(fmt, records, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        report.where = "stdout"
        return report
    path = Path(out) if out else default_path(fmt)
    with atomic_writer(path) as fh:
        write_records(fmt, records, fh)
    report.where = str(path)
    if fmt == "labelstudio":
        cfg = config_path_for(path)
        with atomic_writer(cfg) as fh:
            fh.write(label_config().encode("utf-8"))
        report.config_path = str(cfg)
    return report


__all__ = [
    "EXTENSIONS", "ExportReport", "FORMATS", "GOLD", "MissingExtra", "SOURCE_LABEL", "SPACY_MISSING",
    "by_article", "default_path", "export_format", "label_config", "labelstudio_tasks", "prodigy_tasks",
    "SPANS_SCHEMA", "spacy_available", "spacy_docbin", "spans_features", "spacy_docs", "tokenize", "write_records",
]
