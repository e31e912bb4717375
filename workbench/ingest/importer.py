"""Import files into the store: decode, read, extract candidates, insert in bulk.

Each file is all-or-nothing. Small files are read and validated completely, then written in
groups (one transaction per group, so a group holds only files that are known to be good); a
large JSONL file is streamed in chunks inside one transaction of its own, rolled back whole at
its first bad line. Extraction runs in worker processes when there is enough text to pay for
them, so an import uses every core while the main process writes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from workbench.claims import EXTRACTOR_VERSION, detect_language, extract
from workbench.ingest.readers import ArticleRecord, InputError, iter_jsonl, read_bytes, read_path
from workbench.store import queries
from workbench.store.models import utcnow

#: articles extracted and written together
CHUNK_ARTICLES = 400
#: a JSONL file larger than this is streamed rather than read whole
STREAM_BYTES = 4_000_000
#: below this much text in a chunk, extraction stays in this process
PARALLEL_MIN_CHARS = 400_000


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


def prepare(rec: ArticleRecord) -> tuple[dict, list[dict]]:
    """Article row and candidate rows of one record (runs in a worker process)."""
    lang = detect_language(rec.text)
    return article_row(rec, lang), candidate_rows(rec.id, rec.text, lang)


class Importer:
    def __init__(self, engine: Engine, progress: Callable[[int, int], None] | None = None,
                 jobs: int | None = None) -> None:
        self.engine = engine
        self.progress = progress
        self.jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
        self.result = ImportResult()
        self._pool: ProcessPoolExecutor | None = None
        self._done_bytes = 0
        self._total_bytes = 0

    # -- extraction -------------------------------------------------------------------------
    def _prepared(self, records: list[ArticleRecord]) -> list[tuple[dict, list[dict]]]:
        chars = sum(len(r.text) for r in records)
        if self.jobs > 1 and chars >= PARALLEL_MIN_CHARS and len(records) > 1:
            if self._pool is None:
                import multiprocessing

                self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"))
            size = max(1, len(records) // (self.jobs * 4))
            return list(self._pool.map(prepare, records, chunksize=size))
        return [prepare(r) for r in records]

    # -- writing ----------------------------------------------------------------------------
    def _new_records(self, conn, records: list[ArticleRecord], seen: dict[str, str]) -> list[ArticleRecord]:
        """Records to insert: known ids with the same text are unchanged, with other text conflicts."""
        known = queries.existing_hashes(conn, [r.id for r in records if r.id not in seen])
        out = []
        for rec in records:
            h = rec.content_hash
            old = seen.get(rec.id) or known.get(rec.id)
            if old is not None:
                if old == h:
                    self.result.unchanged += 1
                else:
                    self.result.conflicts.append(
                        (rec.origin, f"article {rec.id!r} already exists with different text; skipped")
                    )
                continue
            seen[rec.id] = h
            out.append(rec)
        return out

    def _insert(self, conn, records: list[ArticleRecord]) -> tuple[int, int]:
        prepared = self._prepared(records)
        arts = [a for a, _ in prepared]
        cands = [c for _, cs in prepared for c in cs]
        queries.insert_articles(conn, arts, cands)
        return len(arts), len(cands)

    def _tick(self, nbytes: int) -> None:
        self._done_bytes += nbytes
        if self.progress:
            self.progress(min(self._done_bytes, self._total_bytes), self._total_bytes)

    # -- files ------------------------------------------------------------------------------
    def _stream(self, path: Path, data: bytes) -> None:
        """A large JSONL file: chunks inside one transaction, rolled back whole on error."""
        before = (self.result.unchanged, len(self.result.conflicts))
        imported = cands = 0
        try:
            with self.engine.begin() as conn:
                seen: dict[str, str] = {}
                for chunk in _chunks(iter_jsonl(path, data), CHUNK_ARTICLES):
                    fresh = self._new_records(conn, chunk, seen)
                    a, c = self._insert(conn, fresh)
                    imported, cands = imported + a, cands + c
                    self._tick(sum(len(r.text) for r in chunk))
                if imported == 0 and not seen and self.result.unchanged == before[0] and len(self.result.conflicts) == before[1]:
                    raise InputError("no articles (every line is blank)")
        except InputError as exc:
            # nothing of this file was written; forget what it counted
            self.result.unchanged = before[0]
            del self.result.conflicts[before[1]:]
            self.result.errors.append((str(path), str(exc)))
            return
        self.result.imported += imported
        self.result.candidates += cands

    def _write_group(self, group: list[tuple[Path, list[ArticleRecord]]]) -> None:
        """Small files, each already read and valid, in one transaction."""
        if not group:
            return
        with self.engine.begin() as conn:
            seen: dict[str, str] = {}
            fresh = []
            for _path, records in group:
                fresh.extend(self._new_records(conn, records, seen))
            a, c = self._insert(conn, fresh)
        self.result.imported += a
        self.result.candidates += c

    def run(self, files: list[Path]) -> ImportResult:
        sizes = {}
        for p in files:
            try:
                sizes[p] = p.stat().st_size if p.is_file() else 0
            except OSError:
                sizes[p] = 0
        self._total_bytes = sum(sizes.values()) or 1
        group: list[tuple[Path, list[ArticleRecord]]] = []
        group_articles = 0
        try:
            for path in files:
                self.result.files += 1
                if path.suffix.lower() == ".jsonl" and sizes[path] > STREAM_BYTES:
                    self._write_group(group)
                    group, group_articles = [], 0
                    try:
                        data = read_bytes(path)
                    except InputError as exc:
                        self.result.errors.append((str(path), str(exc)))
                        continue
                    self._stream(path, data)
                    continue
                try:
                    records = read_path(path)
                except InputError as exc:
                    self.result.errors.append((str(path), str(exc)))
                    self._tick(sizes[path])
                    continue
                group.append((path, records))
                group_articles += len(records)
                self._tick(sizes[path])
                if group_articles >= CHUNK_ARTICLES:
                    self._write_group(group)
                    group, group_articles = [], 0
            self._write_group(group)
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        return self.result


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    chunk = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_paths(engine: Engine, files: list[Path], progress=None, jobs: int | None = None) -> ImportResult:
    return Importer(engine, progress, jobs).run(files)
