"""The ``spans`` format: one JSON line per article, ``{"text", "meta", "spans": [...]}``, the shape
spaCy and Prodigy users load; written from the claim records (``claims_jsonl``) and the articles,
both streamed in article order. Writing only (a ``spans`` file is read back as Prodigy JSONL, the
same shape: ``workbench.formats.prodigy``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypedDict

from workbench.formats.claims_jsonl import SpanRef
from workbench.formats.common import MissingExtra, jsonl_sink

SUFFIX = ".jsonl"
sink = jsonl_sink

FORMAT_DOC = (
    "One JSON line per article: {text, meta, spans: [{start, end, label, text, source, source_name, cue, "
    "status, reviewer, claim_id}]} (the shape spaCy and Prodigy users load); loads with "
    "`datasets.load_dataset(\"json\", data_files=...)` (for files over ~10 MB whose first records have "
    "only nulls in a field, pass `features=workbench.formats.spans_jsonl.spans_features()`)."
)


class Span(TypedDict):
    start: int
    end: int
    label: str | None
    text: str
    source: SpanRef | None
    source_name: str | None
    cue: SpanRef | None
    status: str
    reviewer: str | None
    claim_id: int


class Orphan(TypedDict):
    """A claim whose text is gone from the article: its offsets index revision ``revision``."""

    claim_id: int
    text: str
    label: str | None
    reviewer: str | None
    revision: int


class SpansRecord(TypedDict, total=False):
    text: str
    #: the article: id, title, language, origin, url, content_hash and its imported metadata
    meta: dict
    spans: list[Span]
    orphaned: list[Orphan]


def article_meta(art: dict) -> dict:
    """The ``meta`` of an article record: its id, title, language, origin, URL, content hash,
    and the metadata it was imported with (whose keys of the same names give way: a feed's own
    ``meta.id`` is not the article's id, and a re-import must find the article)."""
    return {**(art.get("meta") or {}), "id": art["id"], "title": art["title"], "language": art["language"],
            "origin": art["origin"], "url": art["url"], "content_hash": art["content_hash"]}


def records(claims: Iterable[dict], articles: Iterable[dict], report=None, *, include_empty: bool = False,
            **_options) -> Iterator[SpansRecord]:
    return iter_spans(claims, articles, include_empty)


def iter_spans(claims: Iterable[dict], articles: Iterable[dict], include_unreviewed: bool = False
               ) -> Iterator[SpansRecord]:
    """One record per article: ``{"text", "meta", "spans": [...]}`` (spaCy / Prodigy shape),
    from claim records and articles, both in article order."""
    claims = iter(claims)
    pending = next(claims, None)
    # both streams come in the database's order of article ids, which need not be Python's
    # (PostgreSQL sorts by the database's collation: "a" < "B" in en-US), so the merge never
    # compares ids for order: the claims of each article come when its turn comes
    for art in articles:
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
        if not spans and not orphaned and not include_unreviewed:
            continue  # (an article whose decisions are all orphaned is a record: they are listed)
        rec = {"text": art["text"], "meta": article_meta(art), "spans": spans}
        if orphaned:
            rec["orphaned"] = orphaned
        yield rec
    if pending is not None:
        raise RuntimeError(f"export: the claims of article {pending['article_id']!r} came out of article order")


_SPAN = {"text": "string", "start": "int64", "end": "int64"}
#: The columns of the ``spans`` export (``iter_spans``). Arrow infers
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
