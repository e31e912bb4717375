"""What the modules of the annotation tools' files share (Prodigy ``prodigy``, Label Studio
``labelstudio``, doccano ``doccano``, spaCy ``spacy_docbin``).

Reading: a file's texts become articles (with the extractor's candidates, like any import) and
its labelled spans become decisions of their reviewers (``DecisionsBuilder``). The reviewer is the
one the file names (Prodigy ``_annotator_id``, Label Studio ``completed_by``, doccano ``user`` /
``annotator``), else a name made from the file: ``prodigy:<file stem>``. Labels are the
workbench's four (matched case-insensitively, ``-`` or a space for ``_``) and ``source`` for the
source span of a claim; any other label stops the import with one line naming the line of the
file. Each decision has a uid, kept from a workbench export (``annotation_id``) or derived from its
content, so importing the same file again adds nothing (``workbench.services.importing``).

Writing: the claim records (``workbench.formats.claims_jsonl``) and the articles come in the same
article order; ``by_article`` merges them (nothing but the current article's claims is held in
memory) and ``by_annotator`` makes one unit per article *and annotator*: the decisions of one
reviewer on one article form one Prodigy task, one Label Studio annotation, one spaCy ``Doc``.
``--gold`` records are grouped as the annotator ``"gold"``; suggestions nobody decided
(``--include-unreviewed``) as the extractor's (no annotator). Claims whose text is gone from their
article (``orphaned``) are left out and counted, because their offsets index an older revision.
Offsets are Python string offsets (code points) into the article text as stored, as everywhere in
the workbench; each span also carries its text so a reader can check them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from workbench.claims.model import LABELS
from workbench.domain import ArticleRecord, DecisionRecord, content_hash
from workbench.formats.articles import first_line_title
from workbench.formats.common import GOLD, SOURCE_LABEL, SUGGESTED, InputError, article_id, is_int

#: other spellings of the labels (after lower-casing and ``-`` / space -> ``_``)
ALIASES = {"not_a_claim": "not_claim", "notclaim": "not_claim", "no_claim": "not_claim"}
#: meta keys the workbench's own exports add (not the imported metadata)
OWN_META = frozenset({"id", "article_id", "title", "language", "origin", "url", "content_hash", "status"})
#: what a span of a workbench export carries beside its offsets and label (read back on import)
SPAN_EXTRAS = ("source", "annotation_id", "annotated_at", "note", "candidate_start", "candidate_end")
#: a claim whose source the file has not said yet
MISSING = object()


# -- reading -------------------------------------------------------------------------------------

@dataclass
class ForeignFile:
    """What a file of an annotation tool holds: its articles and the decisions on them."""

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


def map_label(raw, where: str) -> str:
    """A label of the file -> one of LABELS or ``source``; InputError names the line."""
    if isinstance(raw, str):
        key = raw.strip().lower().replace("-", "_").replace(" ", "_")
        key = ALIASES.get(key, key)
        if key in LABELS or key == SOURCE_LABEL:
            return key
    raise InputError(f"{where}: unknown label {raw!r} (expected {', '.join(LABELS)} or {SOURCE_LABEL}, "
                     "in any case)")


def parse_time(value, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        if is_int(value) or isinstance(value, float):
            t = datetime.fromtimestamp(value, timezone.utc)
        else:
            t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        raise InputError(f"{where}: bad time {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def check_offsets(start, end, text: str, where: str, what: str = "span", span_text=None) -> tuple[int, int]:
    if not (is_int(start) and is_int(end)):
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


def meta_minus(meta, keys) -> dict:
    return {k: v for k, v in meta.items() if k not in keys} if isinstance(meta, dict) else {}


@dataclass
class Claim:
    """A claim span of one unit (a task, an annotation, a line) while its sources are paired."""

    start: int
    end: int
    label: str
    rid: object = None
    extras: dict = field(default_factory=dict)
    source: object = MISSING


class DecisionsBuilder:
    """Collects the articles and decisions of a file while its format module reads it."""

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
        derived = aid in (None, "")
        aid = "sha256:" + content_hash(text)[:16] if derived else article_id(aid, where)
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

    def unit(self, where: str, line: int, rec: ArticleRecord, reviewer: str, claims: list[Claim],
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
        self._pair_sources(where, text, claims, sources, relations)
        described = bool(sources)
        done: set[tuple[int, int]] = set()
        for c in claims:
            if (c.start, c.end) in done:
                continue
            done.add((c.start, c.end))
            given = c.source is not MISSING or described
            source = c.source if c.source is not MISSING else None
            x = c.extras
            at = parse_time(x.get("annotated_at"), where) if x.get("annotated_at") else when
            note = x.get("note") if isinstance(x.get("note"), str) else None
            cs, ce = x.get("candidate_start"), x.get("candidate_end")
            candidate = (cs, ce) if is_int(cs) and is_int(ce) and 0 <= cs < ce <= len(text) else None
            uid = x.get("annotation_id")
            if not isinstance(uid, str) or not uid:
                uid = _uid(rec.id, c.start, c.end, c.label, reviewer, source, at)
            self.ff.decisions.append(DecisionRecord(line, rec.id, c.start, c.end, c.label, reviewer, source, uid,
                                                    annotated_at=at, note=note, source_given=given,
                                                    candidate=candidate))

    def _pair_sources(self, where: str, text: str, claims: list[Claim], sources: list[tuple[object, int, int]],
                      relations: list[tuple[object, object]]) -> None:
        """Give each claim its source: the one a workbench export names, else the one a relation
        links it to, else the source span it contains (the smallest claim around it)."""
        by_rid = {rid: (s, e) for rid, s, e in sources if rid is not None}
        used: set[int] = set()
        # explicit (a workbench export), then relations, then the claim that contains the source
        for c in claims:
            if "source" in c.extras:
                src = c.extras["source"]
                if src is None:
                    c.source = None
                elif isinstance(src, dict):
                    c.source = check_offsets(src.get("start"), src.get("end"), text, where, "source", src.get("text"))
                else:
                    raise InputError(f"{where}: \"source\" must be an object or null")
        claim_by_rid = {c.rid: c for c in claims if c.rid is not None}
        for a, b in relations:
            for claim_id, src_id in ((a, b), (b, a)):
                c = claim_by_rid.get(claim_id)
                if c is not None and src_id in by_rid and c.source is MISSING:
                    c.source = by_rid[src_id]
                    used.update(i for i, (rid, _s, _e) in enumerate(sources) if rid == src_id)
        for i, (_rid, s, e) in enumerate(sources):
            if i in used or any(c.source == (s, e) for c in claims):
                continue
            around = [c for c in claims if c.start <= s and e <= c.end and c.source is MISSING]
            if around:
                min(around, key=lambda c: c.end - c.start).source = (s, e)
            else:
                self.ff.unpaired_sources += 1


# -- writing -------------------------------------------------------------------------------------

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
    if status == GOLD:
        return GOLD
    if status == SUGGESTED:
        return None
    return claim.get("reviewer")


def by_annotator(group: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """The claims of one article per annotator: reviewers by name, suggestions last."""
    out: dict[str | None, list[dict]] = {}
    for c in group:
        out.setdefault(annotator_of(c), []).append(c)
    return sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


def epoch(iso: str | None) -> int | None:
    if not iso:
        return None
    t = datetime.fromisoformat(iso)
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return int(t.timestamp())


def int32(*parts) -> int:
    """A stable signed 32-bit int (Prodigy's hashes are of this size)."""
    h = hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(h[:4], "big", signed=True)


def span_extras(c: dict) -> dict:
    """Workbench provenance carried by a span (read back on import: ``SPAN_EXTRAS``)."""
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
