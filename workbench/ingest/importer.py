"""Import files into the store: decode, read, extract candidates, insert in bulk.

Each file is all-or-nothing: it is read, validated and extracted completely before any of its
articles is written, and its rows are written in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from workbench.claims import EXTRACTOR_VERSION, detect_language, extract
from workbench.ingest.readers import ArticleRecord, InputError, read_path
from workbench.store import queries
from workbench.store.models import utcnow

FLUSH_ARTICLES = 500
FLUSH_CHARS = 20_000_000


@dataclass
class ImportResult:
    files: int = 0
    imported: int = 0
    unchanged: int = 0
    candidates: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


def candidate_rows(article_id: str, text: str, language: str) -> list[dict]:
    now = utcnow()
    rows = []
    for c in extract(text, language):
        rows.append(
            {
                "article_id": article_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "suggested_label": c.label,
                "score": c.score,
                "cue_text": c.cue.text if c.cue else None,
                "cue_start": c.cue.start if c.cue else None,
                "cue_end": c.cue.end if c.cue else None,
                "source_text": c.source.text if c.source else None,
                "source_start": c.source.start if c.source else None,
                "source_end": c.source.end if c.source else None,
                "reason": c.reason,
                "extractor_version": EXTRACTOR_VERSION,
                "origin": "extractor",
                "created_at": now,
            }
        )
    return rows


def article_row(rec: ArticleRecord, language: str) -> dict:
    return {
        "id": rec.id,
        "title": rec.title,
        "text": rec.text,
        "content_hash": rec.content_hash,
        "language": language,
        "origin": rec.origin,
        "url": rec.url,
        "meta": rec.meta,
        "imported_at": utcnow(),
    }


class Importer:
    def __init__(self, engine: Engine, progress: Callable[[int, int], None] | None = None) -> None:
        self.engine = engine
        self.progress = progress
        self.result = ImportResult()
        self._articles: list[dict] = []
        self._candidates: list[dict] = []
        self._chars = 0
        self._pending: dict[str, str] = {}  # id -> hash, read but not yet written

    def run(self, files: list[Path]) -> ImportResult:
        for n, path in enumerate(files, 1):
            self.result.files += 1
            try:
                records = read_path(path)
            except InputError as exc:
                self.result.errors.append((str(path), str(exc)))
            else:
                self._add_file(records)
            if self.progress:
                self.progress(n, len(files))
        self._flush()
        return self.result

    def _add_file(self, records: list[ArticleRecord]) -> None:
        with self.engine.connect() as conn:
            known = queries.existing_hashes(conn, [r.id for r in records if r.id not in self._pending])
        known.update({k: v for k, v in self._pending.items()})
        articles, cands = [], []
        for rec in records:
            h = rec.content_hash
            old = known.get(rec.id)
            if old is not None:
                if old == h:
                    self.result.unchanged += 1
                else:
                    self.result.conflicts.append(
                        (rec.origin, f"article {rec.id!r} already exists with different text; skipped")
                    )
                continue
            known[rec.id] = h
            lang = detect_language(rec.text)
            articles.append(article_row(rec, lang))
            cands.extend(candidate_rows(rec.id, rec.text, lang))
        for a in articles:
            self._pending[a["id"]] = a["content_hash"]
            self._chars += len(a["text"])
        self._articles.extend(articles)
        self._candidates.extend(cands)
        if len(self._articles) >= FLUSH_ARTICLES or self._chars >= FLUSH_CHARS:
            self._flush()

    def _flush(self) -> None:
        if not self._articles:
            return
        with self.engine.begin() as conn:
            queries.insert_articles(conn, self._articles, self._candidates)
        self.result.imported += len(self._articles)
        self.result.candidates += len(self._candidates)
        self._articles, self._candidates, self._pending, self._chars = [], [], {}, 0


def import_paths(engine: Engine, files: list[Path], progress=None) -> ImportResult:
    return Importer(engine, progress).run(files)
