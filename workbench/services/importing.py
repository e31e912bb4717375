"""Import files into the database: read them (``workbench.formats``), extract candidates
(``extraction``), write in bulk (``workbench.store``), then apply the post-import rules
(``after_import``), whoever calls the import.

Files of articles (``.txt`` ``.md`` ``.html`` ``.jsonl``) become articles and candidates; a
claims export adds decisions (``import_decisions``); a Prodigy, Label Studio or doccano file adds
both (``import_foreign``); an article already there with another text becomes a new revision,
its annotations re-anchored (``workbench.services.revisions``).

Each file is all-or-nothing, its new texts of stored articles included. Small files are read and
validated completely, then written in groups (one transaction per group, so a group holds only
files that are known to be good; a file whose new text fails at the write is taken out, and the
group written again without it); a large JSONL file is streamed in chunks, each staged in a
short transaction of its own, and published in one short transaction once the whole file is
good (``store.staging``): nothing of it is published when a line is bad, and reviewers are never
locked out while it is extracted. Extraction runs in worker processes when there is enough text
to pay for them, so an import uses every core while the main process writes.

An article id twice in one file with two different texts refuses the file (InputError naming both
lines); an id an earlier file of the same import gave another text refuses the later file (a
conflict): which text is right cannot be told. A new text for an article stored by an earlier
import becomes a new revision, part of its file: applied in the transaction that writes the file
(or publishes it, streamed), extracted with its new articles and re-anchored
(``revisions.plan``) before that transaction, so the write lock is held for the writes only. A
new text that cannot be applied refuses its file (``RevisionFailed``: one line, nothing of the
file written).

Interruption (``workbench.formats.files.interruptible``, entered by the command): a signal takes
effect at the next ``checkpoint`` (between articles, files and chunks, and while waiting for the
workers), never inside a write, so the files written stay written, whole (new texts
included), and the file in progress is rolled back or its staged rows removed. The workers start with SIGINT and SIGHUP blocked (a
terminal sends Ctrl-C to the whole process group: only this process acts on it), and are stopped
when the import ends, however it ends."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from workbench.domain import ArticleRecord
from workbench.formats import TOOLS, read_foreign, sniff
from workbench.formats.articles import NotUtf8, missing_reason, iter_jsonl, iter_jsonl_file, read_bytes, read_path
from workbench.formats.claims_jsonl import read_rows
from workbench.formats.common import InputError
from workbench.formats.files import checkpoint
from workbench.formats.tool_files import ForeignFile
from workbench.linking.anchor import Reanchorer
from workbench.linking.neardup import NearDupIndex
from workbench.services import revisions, stats, suggestions
from workbench.services.extraction import CANDIDATE_COLUMNS, EXTRACTOR_VERSION, prepare, prepare_many, watch_parent
from workbench.services.revisions import RevisionReport
from workbench.store.annotations import add_decisions, existing_uids
from workbench.store import staging
from workbench.store.articles import add_links, existing_hashes, insert_articles, insert_candidate_tuples
from workbench.store.batching import rows_in
from workbench.store.models import utcnow
from workbench.store.tables import annotations, article_revisions, articles, candidates, reviewers, staged_articles

#: articles extracted and written together
CHUNK_ARTICLES = 400
#: a JSONL file larger than this is streamed rather than read whole
STREAM_BYTES = 4_000_000
#: below this much text in a chunk, extraction stays in this process
PARALLEL_MIN_CHARS = 400_000
#: at most this much text in one task of a worker (an article longer than this is a task alone):
#: an interrupted import waits for the tasks the workers hold, so they stay short
TASK_CHARS = 200_000
#: seconds between two checks for a signal while the workers extract
WAIT_SECONDS = 0.1
#: seconds an interrupted import gives the workers to finish the tasks they hold before they are killed
POOL_GRACE = 0.5


class Conflict(InputError):
    """A file not imported because an article id in it has another text in an earlier file of
    the same import (reported as a conflict, not as a failed file)."""


class RevisionFailed(InputError):
    """A file not imported because a new text it gives a stored article could not be applied
    (``revisions.replace_text`` failed): the file fails whole, one line naming it, the line and
    the article; the transaction that wrote the file is rolled back."""

    def __init__(self, file: _File, rec: ArticleRecord, exc: BaseException) -> None:
        line = _line(file.path, rec.origin)
        first = (str(exc).splitlines() or [""])[0].strip()[:200]
        why = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        super().__init__(f"{f'line {line}: ' if line else ''}article {rec.id!r}: its new text could not be applied "
                         f"({why}): nothing of the file imported")
        self.file = file


@dataclass(eq=False)
class _File:
    """A file of articles on its way in, and where its lines go (worked out against the database
    before extraction): written whole, in one transaction with its group (or published whole,
    streamed), or not at all."""

    path: Path
    records: list[ArticleRecord] = field(default_factory=list)
    #: warnings of its decoding (reported with the file once it is written)
    notes: list[str] = field(default_factory=list)
    #: its ids: (content hash, origin of the first line that gives it)
    first: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: new articles, and new texts of stored articles (each a new revision)
    new: list[ArticleRecord] = field(default_factory=list)
    changed: list[ArticleRecord] = field(default_factory=list)
    #: lines stored already with the same text, or repeating an earlier line of the file
    unchanged: int = 0
    #: lines whose id an earlier file of this import placed (unchanged once that file is written;
    #: placed again should that file be refused)
    repeats: list[ArticleRecord] = field(default_factory=list)
    refused: bool = False


@dataclass(eq=False)
class _Group:
    """Small files read and valid: their new articles and new texts (``todo``) extracted
    together (``getter``: the results, in ``todo`` order), then written in one transaction."""

    files: list[_File]
    todo: list[ArticleRecord]
    getter: Callable[[], list]


@dataclass
class DecisionImport:
    """What the claims exports of an import added: decisions added, already there, suggested or gold rows
    skipped, claims added with them."""

    added: int = 0
    known: int = 0
    suggestions: int = 0
    claims_added: int = 0
    #: of the decisions added, those on orphaned claims (their text gone from the article's
    #: current text: kept on the revision they name)
    orphaned: int = 0
    #: decisions whose offsets indexed an earlier text of their article, moved onto its current
    #: text (the database revised the article since the file was exported)
    reanchored: int = 0


@dataclass
class ForeignImport:
    """What one Prodigy / Label Studio / doccano file added."""

    format: str
    path: str
    articles: int = 0
    unchanged: int = 0
    candidates: int = 0
    added: int = 0
    known: int = 0
    claims_added: int = 0
    skipped: int = 0
    unpaired_sources: int = 0
    reviewers: list[str] = field(default_factory=list)
    imported_ids: list[str] = field(default_factory=list)
    #: one-line warnings of decoding (invalid bytes replaced, an uncertain encoding)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.format} file {Path(self.path).name}: {self.articles} article(s) imported with "
                f"{self.candidates} candidate claim(s), {self.unchanged} unchanged; decisions of "
                f"{len(self.reviewers)} reviewer(s): {self.added} added, {self.known} already there, "
                f"{self.claims_added} claim(s) added, {self.skipped} not decisions skipped")


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
    #: claims of the new articles that got a decided near-duplicate's label as their suggestion
    propagated: int = 0
    #: the label model retrained on the decisions brought: what it did (None: not retrained)
    learned: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


def article_rows(records: list[ArticleRecord], prepared, now) -> tuple[list[dict], list[tuple]]:
    """The article rows of extracted ``records`` (``prepared``: ``(language, candidate tuples,
    fingerprint)`` each, from ``workbench.services.extraction``) and their candidates, as tuples
    in ``CANDIDATE_ROW`` order."""
    arts, cands = [], []
    for rec, (lang, tuples, fp) in zip(records, prepared):
        arts.append({"id": rec.id, "title": rec.title, "text": rec.text, "content_hash": rec.content_hash,
                     "language": lang, "origin": rec.origin, "url": rec.url, "meta": rec.meta,
                     "imported_at": now, "fingerprint": fp or None})
        tail = (rec.id, EXTRACTOR_VERSION, "extractor")
        cands.extend((*t, *tail) for t in tuples)
    return arts, cands


#: the columns of the candidate tuples ``article_rows`` makes
CANDIDATE_ROW = CANDIDATE_COLUMNS + ("article_id", "extractor_version", "origin")


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
        self._ids: list[str] = []  # inserted, maybe not committed yet
        #: PostgreSQL refuses some text SQLite keeps (NUL characters): checked before writing
        self._check_text = engine.dialect.name == "postgresql"
        #: of the streamed file being staged: near-copy links to add when it is published, and
        #: per article its content hash and candidates
        self._pending_links: list[tuple[str, str, float]] = []
        self._staged: dict[str, tuple[str, int]] = {}
        #: id -> (content hash, origin) of the articles of the files accepted so far (a later file
        #: giving one of them another text is a conflict), and id -> the file that placed it in
        #: this import (new, unchanged or revised: a later occurrence is unchanged)
        self._seen: dict[str, tuple[str, str]] = {}
        self._claimed: dict[str, _File] = {}
        #: groups of small files started (being extracted), not written yet, oldest first
        self._groups: list[_Group] = []

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
                from multiprocessing import resource_tracker

                self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=watch_parent, initargs=(os.getpid(),))
                # started now: starting, it unblocks SIGINT in this thread (see below)
                resource_tracker.ensure_running()
            # the workers are spawned by ``submit``: with SIGINT and SIGHUP blocked in this
            # thread they inherit them blocked, for good (a worker that got Ctrl-C while starting
            # printed a traceback); this process still gets them, when they are unblocked
            size = max(1, len(texts) // (self.jobs * 4))
            try:
                with _signals_blocked((signal.SIGINT, getattr(signal, "SIGHUP", None))):
                    futures = [self._pool.submit(prepare_many, task) for task in _tasks(texts, size, TASK_CHARS)]
            except BaseException:
                # a signal that came first wins over the failure it caused: a SIGTERM sent to the
                # process group ends the workers too, and ``submit`` on the broken pool raises
                checkpoint()
                raise
            return lambda: [x for f in futures for x in _result(f)]

        def here() -> list:
            out = []
            for t in texts:
                checkpoint()
                out.append(prepare(t))
            return out

        return here

    def _check_storable(self, path: Path, records: list[ArticleRecord]) -> None:
        """An InputError naming the first record the database cannot store (an unpaired
        surrogate; on PostgreSQL a NUL character too), so the file fails alone, with one line."""
        for rec in records:
            problem = postgres_unstorable(rec, nul=self._check_text)
            if problem:
                line = rec.origin[len(str(path)) + 1:] if rec.origin.startswith(f"{path}:") else ""
                raise InputError(f"line {line}: {problem}" if line.isdigit() else problem)

    # -- writing ----------------------------------------------------------------------------
    def _check_file(self, path: Path, records: list[ArticleRecord], first: dict[str, tuple[str, str]]) -> None:
        """Refuse a file (or a chunk of a streamed one) before anything of it is written: the same
        id twice in it with two different texts (InputError naming both lines), an id an
        earlier file of this import gave another text (``Conflict``). ``first``: id -> (content
        hash, origin) of the file's earlier records (updated)."""
        for rec in records:
            h = rec.content_hash
            seen = first.setdefault(rec.id, (h, rec.origin))
            if seen[0] != h:
                lines = (_line(path, seen[1]), _line(path, rec.origin))
                where = f"lines {lines[0]} and {lines[1]}: " if all(lines) else ""
                raise InputError(f"{where}article {rec.id!r} twice with different texts (which one is right "
                                 "cannot be told): nothing of the file imported")
            other = self._seen.get(rec.id)
            if other is not None and other[0] != h:
                line = _line(path, rec.origin)
                raise Conflict(f"{f'line {line}: ' if line else ''}article {rec.id!r} has another text in "
                               f"{_where(other[1])}, earlier in this import (which one is right cannot be told): "
                               "nothing of the file imported")

    def _place(self, conn, items: list[tuple[_File, ArticleRecord]]) -> None:
        """Where each record goes (``items``: with the file it comes from). An id this import
        placed already is unchanged: a repeated line in the file that placed it
        (``_check_file`` refused another text), a repeat in another file. A stored id is
        unchanged with the same text, else a new revision; any other id is a new article."""
        known = existing_hashes(conn, [r.id for _f, r in items if r.id not in self._claimed])
        for f, rec in items:
            placer = self._claimed.get(rec.id)
            if placer is f:
                f.unchanged += 1
            elif placer is not None:
                f.repeats.append(rec)
            else:
                self._claimed[rec.id] = f
                old = known.get(rec.id)
                if old is None:
                    f.new.append(rec)
                elif old == rec.content_hash:
                    f.unchanged += 1
                else:
                    f.changed.append(rec)  # a new revision: its annotations move, with the file

    def _unclaim(self, f: _File) -> None:
        """Forget the ids a file placed (it is not imported)."""
        for aid in f.first:
            if self._claimed.get(aid) is f:
                del self._claimed[aid]

    def _insert(self, conn, records: list[ArticleRecord], prepared) -> tuple[int, int]:
        now = utcnow()
        arts, cands = article_rows(records, prepared, now)
        self._load_fingerprints(conn)  # before this group's rows are in
        insert_articles(conn, arts)
        self._ids.extend(r.id for r in records)
        self._link_copies(conn, records, [fp for _lang, _tuples, fp in prepared])
        insert_candidate_tuples(conn, CANDIDATE_ROW, cands, now)
        return len(arts), len(cands)

    def _load_fingerprints(self, conn) -> None:
        """The fingerprints of the articles already in the database (once per import)."""
        if self._neardup is None:
            self._neardup = NearDupIndex()
            for aid, fp in conn.execute(select(articles.c.id, articles.c.fingerprint)
                                        .where(articles.c.fingerprint.is_not(None))):
                self._neardup.add(aid, fp)

    def _link_copies(self, conn, records: list[ArticleRecord], fps: list[str]) -> None:
        """Link those of ``records`` that are near copies of articles already there (or earlier
        in this import), and report them."""
        pairs = self._find_copies(conn, records, fps)
        if pairs:
            add_links(conn, pairs)
            self.result.near_copies.extend(pairs)

    def _find_copies(self, conn, records: list[ArticleRecord], fps: list[str],
                     token: str | None = None) -> list[tuple[str, str, float]]:
        """``(new, existing, score)`` of those of ``records`` that are near copies of articles in
        the database, staged (``token``: this run's staged rows, looked up first), or earlier in
        this import."""
        texts = {r.id: r.text for r in records}

        def text_of(aid: str) -> str:
            t = texts.get(aid)
            if t is None:
                t = conn.execute(select(articles.c.text).where(articles.c.id == aid)).scalar()
            if t is None:
                t = staging.staged_text(conn, aid, token) or ""
            return t

        pairs = []
        for rec, fp in zip(records, fps):
            for other, score in self._neardup.near_copies(fp, rec.text, text_of)[:3]:
                pairs.append((rec.id, other, score))
            self._neardup.add(rec.id, fp)
        return pairs

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
        """Chunks staged in short transactions of their own (``store.staging``), published in
        one short transaction when the whole file is good, together with the file's new texts of
        stored articles (extracted with the chunks and re-anchored before the publish): no write
        lock is held while the file is read and extracted, and readers see all of the file or
        none of it."""
        conflicts = len(self.result.conflicts)
        marks = (len(self._ids), len(self.result.near_copies))
        token = staging.new_token()
        f = _File(path)  # the file's ids and where its lines go
        revising: list[tuple[ArticleRecord, tuple]] = []  # new texts of stored articles, extracted
        imported = cands = 0
        try:
            pending = None  # (new articles, new texts, result getter) being extracted
            for chunk in _chunks(records(), CHUNK_ARTICLES):
                checkpoint()
                self._check_storable(path, chunk)
                self._check_file(path, chunk, f.first)
                with self.engine.connect() as conn:
                    self._place(conn, [(f, r) for r in chunk])
                new, changed = f.new, f.changed
                f.new, f.changed = [], []
                f.unchanged += len(f.repeats)  # placed by files written before this one
                f.repeats = []
                nxt = (new, changed, self._submit(new + changed))
                if pending is not None:
                    cands += self._stage(token, pending, revising)
                pending = nxt
                self._tick(sum(len(r.text) for r in chunk))
            if pending is not None:
                cands += self._stage(token, pending, revising)
            if not f.first:
                raise InputError("no articles (every line is blank)")
            plans = self._plans([rec for rec, _prep in revising])
            checkpoint()  # the last moment to stop: after this the file is published whole
            imported, cands = self._publish(token, f, marks, cands, revising, plans)
        except BaseException as exc:
            self._forget_since(*marks)
            del self.result.conflicts[conflicts:]
            self._unclaim(f)  # no revision, no id placed by a file that is not imported
            self._pending_links, self._staged = [], {}
            staging.discard(self.engine, token)
            if isinstance(exc, InputError):  # nothing of this file was written
                self._refuse(path, exc)
                return
            raise
        self._accept(f.first)
        self.result.imported += imported
        self.result.unchanged += f.unchanged
        self.result.candidates += cands
        self.result.imported_ids.extend(self._ids[marks[0]:])

    def _refuse(self, path: Path, exc: InputError) -> None:
        """A file not imported: a conflict with an earlier file of this import, or failed."""
        (self.result.conflicts if isinstance(exc, Conflict) else self.result.errors).append((str(path), str(exc)))

    def _accept(self, first: dict[str, tuple[str, str]]) -> None:
        """The ids of a file that is imported (or in a group being written): a later file of
        this import that gives one of them another text is a conflict."""
        for aid, seen in first.items():
            self._seen.setdefault(aid, seen)

    def _stage(self, token: str, pending, revising: list[tuple[ArticleRecord, tuple]]) -> int:
        """One chunk of a streamed file (``pending``: its new articles, its new texts of stored
        articles, their extraction): the new articles into the staging tables (a short
        transaction; the near copies found are linked when the file is published), the new
        texts kept, extracted, for the publish (``revising``). Returns the candidates staged."""
        records, changed, getter = pending
        prepared = getter()
        revising.extend(zip(changed, prepared[len(records):]))
        prepared = prepared[:len(records)]
        if not records:
            return 0
        now = utcnow()
        arts, cands = article_rows(records, prepared, now)
        with self.engine.connect() as conn:
            self._load_fingerprints(conn)
            self._pending_links.extend(self._find_copies(conn, records, [fp for _l, _t, fp in prepared], token))
        staging.stage(self.engine, token, arts, CANDIDATE_ROW, cands, now)
        self._ids.extend(r.id for r in records)
        for rec, (_lang, tuples, _fp) in zip(records, prepared):
            self._staged[rec.id] = (rec.content_hash, len(tuples))
        return len(cands)

    def _publish(self, token: str, f: _File, marks: tuple[int, int], cands: int,
                 revising: list[tuple[ArticleRecord, tuple]], plans: dict) -> tuple[int, int]:
        """Publish a staged file and apply its new texts of stored articles (``revising``,
        re-anchored beforehand: ``plans``), in one transaction; articles another import stored
        meanwhile are unchanged (the same text) or new revisions, as they would have been had
        that import come first. A new text that cannot be applied raises ``RevisionFailed``
        (nothing published)."""
        links, staged = self._pending_links, self._staged
        self._pending_links, self._staged = [], {}
        reports: list[RevisionReport | None] = []

        def link(conn, published: set[str]) -> None:
            pairs = [p for p in links if p[0] in published]
            add_links(conn, pairs)
            self.result.near_copies.extend(pairs)

        def revise(conn, replaced: list[dict]) -> None:
            items = [(f, rec, prep, plans.get(id(rec))) for rec, prep in revising]
            for row in replaced:  # stored meanwhile with another text: this file's is a new revision
                rec = ArticleRecord(row["id"], row["title"], row["text"], row["origin"], row["url"], row["meta"] or {})
                prep = (row["language"], [tuple(c[k] for k in CANDIDATE_COLUMNS) for c in row["candidates"]],
                        row["fingerprint"])
                items.append((f, rec, prep, None))
            reports.extend(self._apply_revisions(conn, items))

        published, taken, _replaced = staging.publish(self.engine, token, link, revise)
        for aid, stored_hash in taken.items():
            rec_hash, n = staged[aid]
            cands -= n
            if rec_hash == stored_hash:
                self.result.unchanged += 1
        self._count_revisions(reports)
        if taken:
            self._ids[marks[0]:] = [i for i in self._ids[marks[0]:] if i not in taken]
        return len(published), cands

    def _start_group(self, files: list[_File]) -> None:
        """Place the records of a group of small, valid files (against the database) and start
        extracting its new articles and new texts (``_finish_group`` writes it)."""
        if not files:
            return
        with self.engine.connect() as conn:
            self._place(conn, [(f, r) for f in files for r in f.records])
        todo = [r for f in files for r in (*f.new, *f.changed)]
        self._groups.append(_Group(files, todo, self._submit(todo)))

    def _finish_group(self) -> None:
        """Write the oldest group started in one transaction: the new articles of its files and
        their new texts of stored articles (every file in it was read and valid). Extraction and
        re-anchoring are done before the transaction starts. A file with a new text that cannot
        be applied is refused whole (one line), and the group is written without it."""
        g = self._groups.pop(0)
        done = dict(zip(map(id, g.todo), g.getter()))  # extraction finished before the write transaction starts
        retried = False
        while True:
            files = [f for f in g.files if not f.refused]
            for rec in (r for f in files for r in (*f.new, *f.changed)):
                if id(rec) not in done:  # placed again, after a refused file: extracted here
                    checkpoint()
                    done[id(rec)] = prepare(rec.text)
            plans = self._plans([r for f in files for r in f.changed])
            new = [r for f in files for r in f.new]
            marks = (len(self._ids), len(self.result.near_copies))
            try:
                with self.engine.begin() as conn:
                    a, c = self._insert(conn, new, [done[id(r)] for r in new])
                    reports = self._apply_revisions(conn, [(f, r, done[id(r)], plans.get(id(r)))
                                                           for f in files for r in f.changed])
                break
            except IntegrityError:  # another import stored some of the new articles meanwhile
                self._forget_since(*marks)
                if retried:
                    raise
                retried = True
                self._skip_stored(files)
            except RevisionFailed as exc:  # that file fails whole; the others are written without it
                self._forget_since(*marks)
                self._drop(exc.file, exc, g)
            except BaseException:
                self._forget_since(*marks)
                raise
        self.result.imported += a
        self.result.candidates += c
        self.result.imported_ids.extend(self._ids[marks[0]:])
        self._count_revisions(reports)
        for f in files:
            self.result.unchanged += f.unchanged + len(f.repeats)
            self.result.warnings.extend((str(f.path), n) for n in f.notes)

    def _skip_stored(self, files: list[_File]) -> None:
        """After a concurrent import stored some of the new articles of ``files`` (the insert hit
        their ids): those are unchanged, or new revisions when their text differs."""
        with self.engine.connect() as conn:
            stored = existing_hashes(conn, [r.id for f in files for r in f.new])
        for f in files:
            keep = []
            for rec in f.new:
                h = stored.get(rec.id)
                if h is None:
                    keep.append(rec)
                elif h == rec.content_hash:
                    f.unchanged += 1
                else:
                    f.changed.append(rec)
            f.new = keep

    def _drop(self, f: _File, exc: InputError, group: _Group) -> None:
        """Refuse ``f``, a file of ``group`` (not written): its ids are no longer placed nor seen,
        so the files after it that repeat one of them place it themselves."""
        f.refused = True
        self._refuse(f.path, exc)
        self._unclaim(f)
        later = [x for grp in (group, *self._groups) for x in grp.files if not x.refused]
        for aid, seen in f.first.items():
            if self._seen.get(aid) is seen:
                del self._seen[aid]
        for x in later:
            self._accept(x.first)
        again: list[tuple[_File, ArticleRecord]] = []
        for x in later:
            again.extend((x, rec) for rec in x.repeats if rec.id not in self._claimed)
            x.repeats = [rec for rec in x.repeats if rec.id in self._claimed]
        if again:
            with self.engine.connect() as conn:
                self._place(conn, again)

    def _plans(self, records: list[ArticleRecord]) -> dict[int, revisions.Plan | None]:
        """The re-anchoring of each new text (``revisions.plan``, the slow part of a revision),
        on a read connection before the write transaction, which only checks that nothing moved
        meanwhile. Keyed by ``id(record)``."""
        plans: dict[int, revisions.Plan | None] = {}
        if records:
            with self.engine.connect() as conn:
                for rec in records:
                    checkpoint()
                    plans[id(rec)] = revisions.plan(conn, rec)
        return plans

    def _apply_revisions(self, conn, items) -> list[RevisionReport | None]:
        """New texts of stored articles (``(file, record, (language, candidate tuples,
        fingerprint), plan or None)`` each) inside the caller's transaction: each a new
        revision, its annotations moved (``workbench.services.revisions``); None for an
        article that has this text already (another import gave it meanwhile). The first that
        fails raises ``RevisionFailed`` naming its file: the caller's transaction rolls back."""
        if not items:
            return []
        _write_lock(conn)  # what is read next is current, until the commit
        out: list[RevisionReport | None] = []
        for f, rec, (lang, rows, fp), planned in items:
            try:
                stored = conn.execute(select(articles.c.content_hash).where(articles.c.id == rec.id)).scalar()
                out.append(None if stored == rec.content_hash else
                           revisions.replace_text(conn, rec, lang, rows, CANDIDATE_COLUMNS, fp, planned))
            except Exception as exc:
                raise RevisionFailed(f, rec, exc) from exc
        return out

    def _count_revisions(self, reports: list[RevisionReport | None]) -> None:
        """Revisions committed: reported (``revised:`` lines), their new candidates counted."""
        for report in reports:
            if report is None:
                self.result.unchanged += 1
            else:
                self.result.revised.append(report)
                self.result.candidates += report.added

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
        d.orphaned += got.orphaned
        d.reanchored += got.reanchored
        self.result.decision_files += 1

    def _flush(self, group: list[_File]) -> None:
        """Write what was read before a file that must come after it (the groups extracting and
        the one being read): decisions refer to articles, and a streamed file is written alone."""
        while self._groups:
            self._finish_group()
        self._start_group(group)
        while self._groups:
            self._finish_group()

    def _whole_file(self, path: Path, size: int) -> Callable[[], None] | None:
        """The import of a file that is not read into a group of articles, or None: a Prodigy,
        Label Studio or doccano file (articles and decisions), a claims export (decisions), or a
        large JSONL file (streamed). What a file holds is judged from all its lines
        (``formats.sniff``, which also checks the bounds: InputError)."""
        suffix = path.suffix.lower()
        kind = sniff(path) if suffix in (".jsonl", ".json") else "articles"
        if kind in TOOLS:
            return lambda: (self._foreign(path, kind), self._tick(size))
        if kind == "claims":
            return lambda: (self._decisions(path), self._tick(size))
        if suffix == ".jsonl" and size > STREAM_BYTES:
            return lambda: self._stream(path)
        return None

    def _read(self, path: Path, size: int) -> _File | None:
        """A small file, read and checked (None when it fails: its error is recorded); its
        warnings are reported once it is written."""
        notes: list[str] = []
        first: dict[str, tuple[str, str]] = {}
        try:
            records = read_path(path, notes)
            self._check_storable(path, records)
            self._check_file(path, records, first)
        except InputError as exc:
            self._refuse(path, exc)
            self._tick(size)
            return None
        except (RecursionError, MemoryError, ValueError, TypeError, OverflowError, UnicodeError) as exc:
            self.result.errors.append((str(path), unexpected(exc)))
            self._tick(size)
            return None
        self._accept(first)
        self._tick(size)
        return _File(path, records, notes, first)

    def run(self, files: list[Path], refused: list[tuple[Path, str]] = ()) -> ImportResult:
        """Import ``files`` in order, then apply the post-import rules (``after_import``).
        ``refused``: files not read at all, with the reason (``formats.articles.expand``: links
        out of a folder), counted as failed."""
        self.result.files += len(refused)
        self.result.errors.extend((str(p), why) for p, why in refused)
        sizes = {p: _size(p) for p in files}
        self._total_bytes = sum(sizes.values()) or 1
        staging.clean_stale(self.engine)  # what an import killed outright left staged
        group: list[_File] = []
        group_articles = 0
        ended = False
        try:
            for path in files:
                checkpoint()
                self.result.files += 1
                problem = _not_regular(path)
                if problem:
                    self.result.errors.append((str(path), problem))
                    continue
                try:
                    whole = self._whole_file(path, sizes[path])
                    if whole is not None:
                        self._flush(group)
                        group, group_articles = [], 0
                        whole()
                        continue
                except (SQLAlchemyError, KeyboardInterrupt):
                    raise
                except InputError as exc:
                    self.result.errors.append((str(path), str(exc)))
                    self._tick(sizes[path])
                    continue
                except Exception as exc:  # this file fails alone, with one line; the others go on
                    self.result.errors.append((str(path), unexpected(exc)))
                    continue
                f = self._read(path, sizes[path])
                if f is None:
                    continue
                group.append(f)
                group_articles += len(f.records)
                if group_articles >= CHUNK_ARTICLES:
                    self._start_group(group)  # extracted while the next group is read
                    if len(self._groups) > 1:
                        self._finish_group()  # the previous one
                    group, group_articles = [], 0
            self._flush(group)
            checkpoint()  # the last moment to stop: the post-import rules run whole
            ended = True
        finally:
            self._close_pool(abandon=not ended)
        after_import(self.engine, self.result)
        return self.result

    def _close_pool(self, abandon: bool) -> None:
        """Stop the worker processes. ``abandon`` (an interrupted or failed import): the tasks
        not started are cancelled and the workers get ``POOL_GRACE`` seconds to finish the short
        ones they hold (``TASK_CHARS``); those still running are then killed.

        A worker that dies while it sends a result (killed, or ended by a SIGTERM sent to the
        process group) leaves the executor's manager thread waiting for the rest of the message
        for ever, and the interpreter joins that thread on exit: the import hung. The manager
        gets the end of the pipe instead once this process closes its own copy of the pipe's
        writing end (the executor keeps it, though only the workers write)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not abandon:
            pool.shutdown()
            return
        # (shutdown forgets the executor's thread, processes and queues: taken first)
        manager = getattr(pool, "_executor_manager_thread", None)
        workers = list((getattr(pool, "_processes", None) or {}).values())
        results = getattr(pool, "_result_queue", None)
        pool.shutdown(wait=False, cancel_futures=True)
        if manager is None:
            return
        manager.join(POOL_GRACE)
        if not manager.is_alive():
            return
        for p in workers:
            try:
                p.kill()
            except (OSError, ValueError, AttributeError):
                pass
        for p in workers:
            try:
                p.join(POOL_GRACE)
            except (OSError, ValueError, AssertionError):
                pass
        writer = getattr(results, "_writer", None)
        if writer is not None and not any(p.is_alive() for p in workers):
            writer.close()  # no writer is left: a message cut short reads as the end of the pipe
        manager.join(POOL_GRACE)


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not read at all (a named pipe would block for ever, a device never end),
    or None."""
    import stat as st

    try:
        mode = path.stat().st_mode
    except OSError:
        return missing_reason(path)  # missing, a broken link, a link loop
    if st.S_ISREG(mode):
        return None
    return "is a folder" if st.S_ISDIR(mode) else "not a regular file (a named pipe, a device or a socket): not read"


def unexpected(exc: BaseException) -> str:
    """One line for an error a reader did not foresee (the file fails alone, never a traceback)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to be read"
    if isinstance(exc, MemoryError):
        return "too large to be read in memory"
    if isinstance(exc, UnicodeError):
        return f"text that cannot be encoded ({getattr(exc, 'reason', exc)}, e.g. a lone surrogate)"
    if isinstance(exc, OverflowError):
        return f"a value out of range ({exc})"
    first = (str(exc).splitlines() or [""])[0][:200]
    if isinstance(exc, ValueError) and "digits" in first:
        return "a number with too many digits"
    return f"unreadable ({type(exc).__name__}: {first})"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def after_import(engine: Engine, result: ImportResult) -> None:
    """The rules that run after every import, whoever calls it: suggestions learn from decisions,
    so the claims of the new articles get the label of a decided near-duplicate as their
    suggestion (counted in ``result.propagated``); and an import that brought decisions
    retrains the label model (``services.learning``; ``result.learned``), when there are
    enough to learn from."""
    if result.imported_ids and stats.has_decisions(engine):
        result.propagated = suggestions.propagate(engine, only_articles=set(result.imported_ids))
    if result.decisions.added or any(f.added for f in result.foreign):
        from workbench.services import learning

        report = learning.learn(engine)
        result.learned = report.message if report.trained else None


def postgres_unstorable(rec: ArticleRecord, nul: bool = True) -> str | None:
    """Why the database cannot store ``rec`` (UTF-8 has no unpaired surrogates; PostgreSQL's
    text columns refuse NUL characters: ``nul``), or None. SQLite keeps NUL characters."""
    for what, value in (("text", rec.text), ("title", rec.title), ("id", rec.id), ("url", rec.url)):
        if not value:
            continue
        at = value.find("\x00") if nul else -1
        if at >= 0:
            problem = "a NUL character"
        else:
            try:
                value.encode("utf-8")
                continue
            except UnicodeEncodeError as exc:
                problem, at = "an unpaired surrogate", exc.start
        return f"the article {what} contains {problem} (offset {at}), which {'PostgreSQL' if nul else 'the database'} cannot store"
    return None


def _write_lock(conn) -> None:
    """Take SQLite's write lock now (its driver begins a transaction at the first write): what
    the transaction reads next is current until it commits. (PostgreSQL: nothing to do.)"""
    if conn.dialect.name == "sqlite":
        sa = staged_articles.c
        conn.execute(delete(staged_articles).where(sa.token == "", sa.id.is_(None)))


def _line(path: Path, origin: str) -> str:
    """The line number in ``origin`` (``FILE:LINE``) of a record of ``path``, or ''."""
    line = origin[len(str(path)) + 1:] if origin.startswith(f"{path}:") else ""
    return line if line.isdigit() else ""


def _where(origin: str) -> str:
    """``FILE (line N)`` for an origin ``FILE:LINE``, else the origin (a file)."""
    head, _, tail = origin.rpartition(":")
    return f"{head} (line {tail})" if head and tail.isdigit() else origin


def _tasks(texts: list[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """``texts`` in tasks of at most ``size`` texts and ``max_chars`` characters (a longer text
    is a task alone)."""
    task: list[str] = []
    chars = 0
    for t in texts:
        if task and (len(task) >= size or chars + len(t) > max_chars):
            yield task
            task, chars = [], 0
        task.append(t)
        chars += len(t)
    if task:
        yield task


def _result(future):
    """A worker's result, waiting in short steps so that a signal stops the wait
    (``checkpoint``); a signal that came first wins over the failure it caused (a SIGTERM sent to
    the process group ends the workers too: the pool is then broken)."""
    while True:
        checkpoint()
        try:
            return future.result(timeout=WAIT_SECONDS)
        except TimeoutError:
            continue
        except BaseException:
            checkpoint()
            raise


@contextmanager
def _signals_blocked(signals):
    """Block ``signals`` in this thread for the block (the processes it starts inherit the mask);
    a signal that comes meanwhile is delivered when the block ends."""
    wanted = {s for s in signals if s is not None}
    if not wanted or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    chunk = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_paths(engine: Engine, files: list[Path], progress=None, jobs: int | None = None,
                 refused: list[tuple[Path, str]] = ()) -> ImportResult:
    """Import files of articles and decisions (see the module docstring), then apply the
    post-import rules. ``progress(done, total)`` is called as bytes are read; ``refused``: files
    not to read, with the reason, reported as failed (``formats.articles.expand``)."""
    return Importer(engine, progress, jobs).run(files, refused)


# -- decisions ------------------------------------------------------------------------------------

def import_decisions(engine: Engine, path: Path) -> DecisionImport:
    """The decisions of a claims export (``workbench export --format claims``), in one
    transaction; raises InputError naming the line (nothing written). The articles must be in
    the database already."""
    rows, skipped = read_rows(path)
    with engine.begin() as conn:
        ids = sorted({r.article_id for r in rows})
        current = {aid: (text, rev) for aid, text, rev in rows_in(
            conn, select(articles.c.id, articles.c.text, articles.c.revision), articles.c.id, ids)}
        texts = {aid: text for aid, (text, _rev) in current.items()}
        old = _revision_texts(conn, rows)
        aligned: dict = {}  # one alignment per article and earlier revision, for all its decisions
        checked = [_check_decision(r, current.get(r.article_id), old, aligned) for r in rows]
        # (counted among the decisions added: a file imported again finds them there)
        moved = {b.uid for a, b in zip(rows, checked) if b.revision is None and (b.start, b.end) != (a.start, a.end)}
        reanchored = len(moved - existing_uids(conn, sorted(moved))) if moved else 0
        _check_known_uids(conn, checked)
        got = add_decisions(conn, checked, texts, reason=f"imported with a decision from {path.name}",
                            revision_texts=old)
    return DecisionImport(got.added, got.known, skipped, got.claims_added, got.orphaned, reanchored)


def _revision_texts(conn, rows) -> dict[tuple[str, int], str]:
    """``(article id, revision) -> text`` of the earlier revisions the decisions of ``rows``
    name (an orphaned claim's, or the text a live decision's offsets index), those the database
    holds."""
    r = article_revisions.c
    wanted = {(d.article_id, d.revision if d.revision is not None else d.text_revision) for d in rows
              if d.revision is not None or d.text_revision is not None}
    q = select(r.article_id, r.revision, r.text)
    return {(aid, rev): text for aid, rev, text in rows_in(conn, q, r.article_id, sorted({a for a, _ in wanted}))
            if (aid, rev) in wanted}


def _check_decision(r, stored: tuple[str, int] | None, old: Mapping[tuple[str, int], str], aligned: dict):
    """Decision ``r`` if it fits its article (``stored``: its current text and revision; None: not
    in the database), else InputError. An orphaned decision is checked against the text of the
    revision it names (``old``: the earlier texts); when that revision is the article's current
    one, the claim is not orphaned here, and the decision is returned as one on the current text.
    A live decision whose offsets index an earlier revision (``text_revision``: the database has
    revised the article since the file was exported) is re-anchored on the current text
    (``_reanchored``; ``aligned``: the ``Reanchorer`` of each article and revision so far)."""
    if stored is None:
        raise InputError(f"line {r.line}: article {r.article_id!r} is not in the database "
                         "(import the articles before their decisions)")
    text, current = stored
    where = f"article {r.article_id!r}"
    why = "(the article's text has changed)"
    if r.revision is not None and r.revision == current:
        r = replace(r, revision=None)
        why = (f"(the file's claim is orphaned, its offsets indexing revision {current} of the article, and this "
               f"database's revision {current} is another text)")
    elif r.revision is not None:
        if (r.article_id, r.revision) not in old:
            raise InputError(f"line {r.line}: a decision on an orphaned claim of revision {r.revision} of {where}, "
                             f"which this database does not have (the article is at revision {current}): "
                             "import the article's texts in the same order first")
        text, where = old[(r.article_id, r.revision)], f"revision {r.revision} of {where}"
        why = "(this database's text of that revision is another one)"
    elif r.text_revision is not None and r.text_revision != current and text[r.start:r.end] != r.text:
        key = (r.article_id, r.text_revision)
        then = old.get(key)
        if then is not None and key not in aligned:
            aligned[key] = Reanchorer(then, text)
        moved = _reanchored(r, text, then, aligned.get(key))
        if moved is not None:
            return moved
    if r.end > len(text) or r.candidate[1] > len(text) or (r.source and r.source[1] > len(text)):
        raise InputError(f"line {r.line}: offsets beyond the end of {where}")
    if r.text is not None and text[r.start:r.end] != r.text:
        raise InputError(f"line {r.line}: the claim text differs from {where} at {r.start}:{r.end} {why}")
    if r.source is not None and r.source_text is not None and text[r.source[0]:r.source[1]] != r.source_text:
        raise InputError(f"line {r.line}: the source text differs from {where} at {r.source[0]}:{r.source[1]} {why}")
    return r


def _reanchored(r, text: str, then: str | None, reanchorer: Reanchorer | None):
    """Decision ``r``, whose offsets index an earlier revision of its article (``then``: this
    database's text of it, None if it lacks it; ``reanchorer``: ``then`` aligned with ``text``),
    moved onto the current ``text`` as the database's own decisions were when it revised the
    article (``linking.anchor``): the claim, its source and its candidate re-anchored; a
    decision on an orphaned claim of that revision when the claim's text is gone (or its source
    is). None when the file's claim text is not that revision's text here (another history: the
    caller refuses the row)."""
    if then is None or r.text is None or r.end > len(then) or then[r.start:r.end] != r.text \
            or r.candidate[1] > len(then) or (r.source and r.source[1] > len(then)) \
            or (r.source and r.source_text is not None and then[r.source[0]:r.source[1]] != r.source_text):
        return None
    (claim, source), (moved, _) = reanchorer.reanchor_claims([((r.start, r.end), r.source), (r.candidate, None)])
    if claim is None or (r.source is not None and source is None):
        return replace(r, revision=r.text_revision, text_revision=None)  # orphaned on that revision
    moved = (moved.start, moved.end) if moved is not None and moved.start <= claim.start and claim.end <= moved.end \
        else (claim.start, claim.end)
    return replace(r, start=claim.start, end=claim.end, text=text[claim.start:claim.end],
                   source=(source.start, source.end) if source is not None else None,
                   source_text=text[source.start:source.end] if source is not None else None,
                   candidate=moved, text_revision=None)


def _check_known_uids(conn, rows) -> None:
    """InputError naming the line when an ``annotation_id`` of the file is already in the
    database with another decision (article, span, label or reviewer): the same id is the same
    decision, so a different one would be dropped silently as "already there"."""
    ann, cand = annotations.c, candidates.c
    q = (select(ann.uid, cand.article_id, ann.start, ann.end, ann.label, reviewers.c.name)
         .join(candidates, cand.id == ann.candidate_id).join(reviewers, reviewers.c.id == ann.reviewer_id))
    stored = {uid: rest for uid, *rest in rows_in(conn, q, ann.uid, sorted({r.uid for r in rows}))}
    for r in rows:
        old = stored.get(r.uid)
        if old is not None and tuple(old) != (r.article_id, r.start, r.end, r.label, r.reviewer):
            aid, start, end, label, who = old
            raise InputError(f"line {r.line}: annotation_id {r.uid!r} is already in the database with another "
                             f"decision ({label} by {who} on {aid!r} {start}:{end}); the same id must be the same "
                             "decision (nothing of the file imported)")


def import_foreign(engine: Engine, path: str | Path, fmt: str | None = None, *,
                   reviewers: Mapping[str, str] | None = None) -> ForeignImport:
    """Import a Prodigy / Label Studio / doccano file: its new texts as articles (with the
    extractor's candidates), its labelled spans as decisions, in one transaction, exactly once.
    An article already in the database with another text stops the import (nothing written).
    Raises InputError (one line, naming the line of the file). ``reviewers`` renames the
    reviewers the file names. Part of ``import_paths``, which also applies the post-import rules."""
    ff = read_foreign(path, fmt, reviewers=reviewers)
    res = ForeignImport(ff.format, str(path), skipped=ff.skipped, unpaired_sources=ff.unpaired_sources,
                        notes=ff.notes)
    with engine.connect() as conn:
        _attach_to_stored(conn, ff)
        fresh = _fresh_articles(ff, existing_hashes(conn, [r.id for r in ff.articles]))
    # extraction outside the write transaction (it is the slow part)
    prepared = {}
    for rec in fresh:
        checkpoint()
        prepared[rec.id] = prepare(rec.text)
    now = utcnow()
    with engine.begin() as conn:
        fresh = _fresh_articles(ff, existing_hashes(conn, [r.id for r in ff.articles]))  # a concurrent import
        arts, cands = article_rows(fresh, [prepared.get(r.id) or prepare(r.text) for r in fresh], now)
        insert_articles(conn, arts)
        insert_candidate_tuples(conn, CANDIDATE_ROW, cands, now)
        res.articles, res.candidates = len(arts), len(cands)
        res.unchanged = len(ff.articles) - len(arts)
        res.imported_ids = [r.id for r in fresh]
        texts = {r.id: r.text for r in ff.articles}
        got = add_decisions(conn, ff.decisions, texts, reason=f"imported from the {ff.format} file {Path(path).name}")
        res.added, res.known, res.claims_added = got.added, got.known, got.claims_added
    res.reviewers = sorted({d.reviewer for d in ff.decisions})
    return res


def _fresh_articles(ff: ForeignFile, known: dict[str, str]) -> list[ArticleRecord]:
    """The file's articles not in the database yet (``known``: id -> content hash); InputError
    for one stored with another text."""
    fresh = []
    for rec in ff.articles:
        h = known.get(rec.id)
        if h is None:
            fresh.append(rec)
        elif h != rec.content_hash:
            raise InputError(f"line {ff.article_lines[rec.id]}: article {rec.id!r} is already in the database "
                             "with a different text")
    return fresh


def _attach_to_stored(conn, ff: ForeignFile) -> None:
    """Texts the file gives without an id take the id of the stored article with the same text
    (e.g. a Prodigy dataset of articles imported from .txt files), else keep ``sha256:...``."""
    derived = {r.content_hash: r for r in ff.articles if r.extra.get("derived_id")}
    found: dict[str, str] = {}
    q = select(articles.c.id, articles.c.content_hash).order_by(articles.c.id)
    for aid, h in rows_in(conn, q, articles.c.content_hash, sorted(derived)):
        found.setdefault(h, aid)
    renamed = {}
    taken = {r.id for r in ff.articles}
    for h, stored in found.items():
        rec = derived[h]
        if stored != rec.id and stored not in taken:
            renamed[rec.id] = stored
            ff.article_lines[stored] = ff.article_lines.pop(rec.id)
            rec.id = stored
    if renamed:
        ff.decisions = [replace(d, article_id=renamed.get(d.article_id, d.article_id)) for d in ff.decisions]
