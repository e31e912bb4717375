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

from sqlalchemy import select
from sqlalchemy.engine import Engine

from workbench.ingest.decisions import DecisionImport, import_decisions, is_decisions_file
from workbench.ingest.foreign import ForeignImport, detect_format, import_foreign
from workbench.ingest.prepare import CANDIDATE_COLUMNS, EXTRACTOR_VERSION, prepare
from workbench.ingest.readers import (
    ArticleRecord,
    InputError,
    NotUtf8,
    iter_jsonl,
    iter_jsonl_file,
    read_bytes,
    read_path,
)
from workbench.linking.neardup import NearDupIndex
from workbench.store import revisions
from workbench.store.articles import add_links, existing_hashes, insert_articles, insert_candidate_tuples
from workbench.store.batching import batches
from workbench.store.models import utcnow
from workbench.store.revisions import RevisionReport
from workbench.store.tables import articles

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
    #: files imported with something to know (invalid bytes replaced, an uncertain encoding)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    #: from claims exports: decisions added, already there, suggestions skipped, claims added
    decisions: DecisionImport = field(default_factory=DecisionImport)
    decision_files: int = 0
    #: (new article, the article it nearly copies, similarity 0-100)
    near_copies: list[tuple[str, str, float]] = field(default_factory=list)
    #: ids of the articles imported
    imported_ids: list[str] = field(default_factory=list)
    #: articles whose text changed: a new revision each, annotations moved
    revised: list[RevisionReport] = field(default_factory=list)
    #: files of other annotation tools (Prodigy, Label Studio, doccano)
    foreign: list[ForeignImport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


def article_row(rec: ArticleRecord, language: str, now=None) -> dict:
    return {
        "id": rec.id,
        "title": rec.title,
        "text": rec.text,
        "content_hash": rec.content_hash,
        "language": language,
        "origin": rec.origin,
        "url": rec.url,
        "meta": rec.meta,
        "imported_at": now or utcnow(),
    }


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
        self._neardup: NearDupIndex | None = None
        #: records of articles already in the database whose text changed
        self.changed: list[ArticleRecord] = []
        self._ids: list[str] = []  # inserted, maybe not committed yet
        #: PostgreSQL refuses some text SQLite keeps (NUL characters): checked before writing
        self._check_text = engine.dialect.name == "postgresql"

    # -- extraction -------------------------------------------------------------------------
    def _submit(self, records: list[ArticleRecord]):
        """Start extracting ``records``; returns a callable that gives (language, tuples) each.

        With worker processes, extraction of the next chunk runs while this process writes the
        current one."""
        chars = sum(len(r.text) for r in records)
        texts = [r.text for r in records]
        if self.jobs > 1 and chars >= PARALLEL_MIN_CHARS and len(records) > 1:
            if self._pool is None:
                import multiprocessing

                self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"))
            size = max(1, len(texts) // (self.jobs * 4))
            futures = [self._pool.submit(_prepare_many, chunk) for chunk in batches(texts, size)]
            return lambda: [x for f in futures for x in f.result()]
        return lambda: [prepare(t) for t in texts]

    def _check_storable(self, path: Path, records: list[ArticleRecord]) -> None:
        """An InputError naming the first record the database cannot store (PostgreSQL: a NUL
        character or an unpaired surrogate), so the file fails alone, with one line."""
        if not self._check_text:
            return
        for rec in records:
            problem = postgres_unstorable(rec)
            if problem:
                line = rec.origin[len(str(path)) + 1:] if rec.origin.startswith(f"{path}:") else ""
                raise InputError(f"line {line}: {problem}" if line.isdigit() else problem)

    # -- writing ----------------------------------------------------------------------------
    def _new_records(self, conn, records: list[ArticleRecord], seen: dict[str, str]) -> list[ArticleRecord]:
        """Records to insert: known ids with the same text are unchanged, with other text conflicts."""
        known = existing_hashes(conn, [r.id for r in records if r.id not in seen])
        out = []
        for rec in records:
            h = rec.content_hash
            if rec.id in seen:
                if seen[rec.id] == h:
                    self.result.unchanged += 1
                else:
                    self.result.conflicts.append(
                        (rec.origin, f"article {rec.id!r} appears twice in this import with different texts; skipped")
                    )
                continue
            old = known.get(rec.id)
            if old is not None:
                seen[rec.id] = h
                if old == h:
                    self.result.unchanged += 1
                else:
                    self.changed.append(rec)  # a new revision: its annotations move (after this import)
                continue
            seen[rec.id] = h
            out.append(rec)
        return out

    def _insert(self, conn, records: list[ArticleRecord], prepared) -> tuple[int, int]:
        now = utcnow()
        arts, cands = [], []
        fixed = (EXTRACTOR_VERSION, "extractor")
        fps = []
        for rec, (lang, tuples, fp) in zip(records, prepared):
            row = article_row(rec, lang, now)
            row["fingerprint"] = fp or None
            arts.append(row)
            fps.append(fp)
            tail = (rec.id, *fixed)
            cands.extend((*t, *tail) for t in tuples)
        self._load_fingerprints(conn)  # before this group's rows are in
        insert_articles(conn, arts)
        self._ids.extend(r.id for r in records)
        self._link_copies(conn, records, fps)
        insert_candidate_tuples(conn, CANDIDATE_COLUMNS + ("article_id", "extractor_version", "origin"),
                                        cands, now)
        return len(arts), len(cands)

    def _load_fingerprints(self, conn) -> None:
        """The fingerprints of the articles already in the database (once per import)."""
        if self._neardup is None:
            self._neardup = NearDupIndex()
            for aid, fp in conn.execute(select(articles.c.id, articles.c.fingerprint)
                                        .where(articles.c.fingerprint.is_not(None))):
                self._neardup.add(aid, fp)

    def _link_copies(self, conn, records: list[ArticleRecord], fps: list[str]) -> None:
        """Find which of ``records`` are near copies of articles already in the database (or
        earlier in this import), link them, and report them."""
        texts = {r.id: r.text for r in records}

        def text_of(aid: str) -> str:
            t = texts.get(aid)
            if t is None:
                t = conn.execute(select(articles.c.text).where(articles.c.id == aid)).scalar_one()
            return t

        pairs = []
        for rec, fp in zip(records, fps):
            for other, score in self._neardup.near_copies(fp, rec.text, text_of)[:3]:
                pairs.append((rec.id, other, score))
            self._neardup.add(rec.id, fp)
        if pairs:
            add_links(conn, pairs)
            self.result.near_copies.extend(pairs)

    def _tick(self, nbytes: int) -> None:
        self._done_bytes += nbytes
        if self.progress:
            self.progress(min(self._done_bytes, self._total_bytes), self._total_bytes)

    # -- files ------------------------------------------------------------------------------
    def _stream(self, path: Path) -> None:
        """A large JSONL file: chunks inside one transaction, rolled back whole on error."""
        try:
            self._stream_records(path, lambda: iter_jsonl_file(path))
        except NotUtf8:
            # a legacy encoding: decode the file whole (nothing of it was written)
            try:
                data = read_bytes(path)
            except InputError as exc:
                self.result.errors.append((str(path), str(exc)))
                return
            notes: list[str] = []
            failed = len(self.result.errors)
            self._stream_records(path, lambda: iter_jsonl(path, data, notes))
            if len(self.result.errors) == failed:
                self.result.warnings.extend((str(path), n) for n in notes)

    def _forget_since(self, ids_mark: int, copies_mark: int) -> None:
        """A rolled-back transaction: forget its articles (and the copies found among them)."""
        del self._ids[ids_mark:]
        del self.result.near_copies[copies_mark:]
        self._neardup = None  # reloaded from the database when next needed

    def _stream_records(self, path: Path, records) -> None:
        before = (self.result.unchanged, len(self.result.conflicts))
        marks = (len(self._ids), len(self.result.near_copies))
        imported = cands = 0
        try:
            with self.engine.begin() as conn:
                seen: dict[str, str] = {}
                pending = None  # (records, result getter) being extracted
                for chunk in _chunks(records(), CHUNK_ARTICLES):
                    self._check_storable(path, chunk)
                    fresh = self._new_records(conn, chunk, seen)
                    nxt = (fresh, self._submit(fresh))
                    if pending is not None:
                        a, c = self._insert(conn, pending[0], pending[1]())
                        imported, cands = imported + a, cands + c
                    pending = nxt
                    self._tick(sum(len(r.text) for r in chunk))
                if pending is not None:
                    a, c = self._insert(conn, pending[0], pending[1]())
                    imported, cands = imported + a, cands + c
                if not seen and self.result.unchanged == before[0] and len(self.result.conflicts) == before[1]:
                    raise InputError("no articles (every line is blank)")
        except (InputError, NotUtf8) as exc:
            self._forget_since(*marks)
            if isinstance(exc, NotUtf8):
                self.result.unchanged = before[0]
                del self.result.conflicts[before[1]:]
                raise
            # nothing of this file was written; forget what it counted
            self.result.unchanged = before[0]
            del self.result.conflicts[before[1]:]
            self.result.errors.append((str(path), str(exc)))
            return
        self.result.imported += imported
        self.result.candidates += cands
        self.result.imported_ids.extend(self._ids[marks[0]:])

    def _start_group(self, group: list[tuple[Path, list[ArticleRecord]]]):
        """Check a group of small, valid files against the database and start extracting it."""
        if not group:
            return None
        records = [r for _path, recs in group for r in recs]
        with self.engine.connect() as conn:
            fresh = self._new_records(conn, records, self._group_seen)
        return fresh, self._submit(fresh)

    def _finish_group(self, started) -> None:
        """Write a started group in one transaction (every file in it was read and valid)."""
        if started is None:
            return
        fresh, getter = started
        marks = (len(self._ids), len(self.result.near_copies))
        try:
            with self.engine.begin() as conn:
                a, c = self._insert(conn, fresh, getter())
        except BaseException:
            self._forget_since(*marks)
            raise
        self.result.imported += a
        self.result.candidates += c
        self.result.imported_ids.extend(self._ids[marks[0]:])

    def _revise(self) -> None:
        """New texts of known articles: each becomes a new revision in its own transaction, its
        annotations moved to the new text (``workbench.store.revisions``)."""
        for rec in self.changed:
            lang, rows, fp = prepare(rec.text)
            try:
                with self.engine.begin() as conn:
                    report = revisions.replace_text(conn, rec, lang, rows, CANDIDATE_COLUMNS, fp)
            except Exception as exc:  # that article stays as it was
                self.result.errors.append((rec.origin, f"article {rec.id!r}: new text not applied: {exc}"))
                continue
            self.result.revised.append(report)
            self.result.candidates += report.added
        self.changed = []

    def _foreign(self, path: Path, fmt: str) -> None:
        try:
            got = import_foreign(self.engine, path, fmt)
        except InputError as exc:
            self.result.errors.append((str(path), str(exc)))
            return
        self.result.warnings.extend((str(path), n) for n in got.notes)
        self.result.imported += got.articles
        self.result.unchanged += got.unchanged
        self.result.candidates += got.candidates
        self.result.imported_ids.extend(got.imported_ids)
        self.result.foreign.append(got)

    def _decisions(self, path: Path) -> None:
        try:
            got = import_decisions(self.engine, path)
        except InputError as exc:
            self.result.errors.append((str(path), str(exc)))
            return
        d = self.result.decisions
        d.added, d.known = d.added + got.added, d.known + got.known
        d.suggestions, d.claims_added = d.suggestions + got.suggestions, d.claims_added + got.claims_added
        self.result.decision_files += 1

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
        started = None  # the previous group, extracting while the next one is read
        self._group_seen: dict[str, str] = {}
        try:
            for path in files:
                self.result.files += 1
                fmt = detect_format(path) if path.suffix.lower() in (".jsonl", ".json") else None
                if fmt is not None:  # a Prodigy, Label Studio or doccano file: articles and decisions
                    self._finish_group(started)
                    self._finish_group(self._start_group(group))
                    started, group, group_articles = None, [], 0
                    self._group_seen = {}
                    self._foreign(path, fmt)
                    self._tick(sizes[path])
                    continue
                if path.suffix.lower() == ".jsonl" and is_decisions_file(path):
                    # decisions refer to articles: everything read before them is written first
                    self._finish_group(started)
                    self._finish_group(self._start_group(group))
                    started, group, group_articles = None, [], 0
                    self._group_seen = {}
                    self._decisions(path)
                    self._tick(sizes[path])
                    continue
                if path.suffix.lower() == ".jsonl" and sizes[path] > STREAM_BYTES:
                    self._finish_group(started)
                    self._finish_group(self._start_group(group))
                    started, group, group_articles = None, [], 0
                    self._group_seen = {}
                    self._stream(path)
                    continue
                notes: list[str] = []
                try:
                    records = read_path(path, notes)
                    self._check_storable(path, records)
                except InputError as exc:
                    self.result.errors.append((str(path), str(exc)))
                    self._tick(sizes[path])
                    continue
                self.result.warnings.extend((str(path), n) for n in notes)
                group.append((path, records))
                group_articles += len(records)
                self._tick(sizes[path])
                if group_articles >= CHUNK_ARTICLES:
                    nxt = self._start_group(group)
                    self._finish_group(started)
                    started, group, group_articles = nxt, [], 0
            nxt = self._start_group(group)
            self._finish_group(started)
            self._finish_group(nxt)
            self._revise()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        return self.result


def postgres_unstorable(rec: ArticleRecord) -> str | None:
    """Why PostgreSQL cannot store ``rec`` (its text columns refuse NUL characters, and UTF-8
    has no unpaired surrogates), or None. SQLite keeps NUL characters as they are."""
    for what, value in (("text", rec.text), ("title", rec.title), ("id", rec.id), ("url", rec.url)):
        if not value:
            continue
        at = value.find("\x00")
        if at >= 0:
            problem = "a NUL character"
        else:
            try:
                value.encode("utf-8")
                continue
            except UnicodeEncodeError as exc:
                problem, at = "an unpaired surrogate", exc.start
        return f"the article {what} contains {problem} (offset {at}), which PostgreSQL cannot store"
    return None


def _prepare_many(texts: list[str]) -> list[tuple[str, list[tuple], str]]:
    return [prepare(t) for t in texts]


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
