"""A large import never locks reviewers out (issue 15): a streamed file is staged in short
transactions and published in one, so readers see all of it or nothing, and writers wait at
most for one chunk."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.cli import main
from workbench.services import importing
from workbench.store import make_engine, staging, tables

ROOT = Path(__file__).resolve().parents[2]
FORK = multiprocessing.get_context("fork")


def _jsonl(path: Path, n: int, start: int = 0, bad_at: int | None = None) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": f"Le ministère a déclaré lundi que la situation numéro {i} était "
                         "stable. « Nous restons prudents », a ajouté le porte-parole."}, ensure_ascii=False)
             for i in range(start, start + n)]
    if bad_at is not None:
        lines[bad_at] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_streamed_file_is_invisible_until_published_and_writers_never_wait(tmp_path, monkeypatch, capsys):
    """Between two staged chunks, no article of the file is visible and another connection
    writes at once (busy timeout 0: any lock held would fail it)."""
    db = tmp_path / "w.db"
    url = f"sqlite:///{db}"
    make_engine(url).dispose()
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 5)
    seen: list[tuple[int, int]] = []
    real_stage = staging.stage

    def stage_and_look(engine, token, *args, **kw):
        real_stage(engine, token, *args, **kw)
        other = sqlite3.connect(db, timeout=0)  # no waiting at all
        try:
            visible = other.execute("SELECT count(*) FROM article").fetchone()[0]
            other.execute("INSERT INTO reviewer (name, created_at) VALUES (?, '2026-01-01 00:00:00')",
                          (f"r{len(seen)}",))
            other.commit()
            seen.append((visible, other.execute("SELECT count(*) FROM stagedarticle").fetchone()[0]))
        finally:
            other.close()

    monkeypatch.setattr(staging, "stage", stage_and_look)
    assert main(["import", "-q", "--db", url, "--jobs", "1", str(_jsonl(tmp_path / "big.jsonl", 23))]) == 0
    assert "23 article(s) imported" in capsys.readouterr().out
    assert [v for v, _ in seen] == [0] * 5 and [s for _, s in seen] == [5, 10, 15, 20, 23]
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.articles)).scalar_one() == 23
        assert staging.staged_count(conn) == 0
        assert conn.execute(select(func.count(func.distinct(tables.candidates.c.article_id)))).scalar_one() == 23
    engine.dispose()


def test_a_bad_line_publishes_nothing_and_leaves_nothing_staged(tmp_path, monkeypatch, capsys, db_url, engine):
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 4)
    assert main(["import", "-q", "--db", db_url, "--jobs", "1", str(_jsonl(tmp_path / "b.jsonl", 20, bad_at=17))]) == 1
    assert "b.jsonl: line 18: invalid JSON" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.articles)).scalar_one() == 0
        assert staging.staged_count(conn) == 0


def test_rows_staged_by_a_killed_import_are_removed_by_the_next(tmp_path, db_url, engine, capsys):
    dead = FORK.Process(target=os._exit, args=(0,))
    dead.start()
    dead.join()
    token = f"{staging.socket.gethostname()}:{dead.pid}:abc"
    staging.stage(engine, token, [{"id": "ghost", "title": "g", "text": "g", "content_hash": "h", "language": "fr",
                                   "origin": "x", "url": None, "meta": {}, "imported_at": staging_now(),
                                   "fingerprint": None}], (), [], staging_now())
    alive = staging.new_token()  # this process: still running, its rows stay
    staging.stage(engine, alive, [{"id": "mine", "title": "m", "text": "m", "content_hash": "h", "language": "fr",
                                   "origin": "x", "url": None, "meta": {}, "imported_at": staging_now(),
                                   "fingerprint": None}], (), [], staging_now())
    assert staging.clean_stale(engine) == 1
    with engine.connect() as conn:
        assert list(conn.execute(select(tables.staged_articles.c.id)).scalars()) == ["mine"]
    staging.discard(engine, alive)


def staging_now():
    from workbench.store.models import utcnow

    return utcnow()


def _reviewer(url: str, name: str, fd: int) -> None:
    """Decide until the pipe's reader goes; report each error."""
    import random

    from workbench.claims.model import LABELS
    from workbench.services.review import ReviewService
    from workbench.store import database

    database.BUSY_TIMEOUT_MS = 2000  # the app's is 30 s: a long write lock shows as errors here
    eng = make_engine(url, migrate=False)
    errors = done = 0
    try:
        store = ReviewService(eng, name)
        with eng.connect() as conn:
            ids = conn.execute(select(tables.candidates.c.id)).scalars().all()
        rnd = random.Random(name)
        while True:
            try:
                store.decide(rnd.choice(ids), rnd.choice(LABELS))
                done += 1
            except Exception as exc:
                errors += 1
                os.write(fd, f"error {type(exc).__name__}: {str(exc).splitlines()[0]}\n".encode())
            time.sleep(0.05)  # a brisk reviewer, not a busy loop starving the import of the 2 cores
    finally:
        os._exit(0)


def _import_streamed(url: str, path: str) -> None:
    """``workbench import`` in a process of its own, the file streamed in chunks of 10 articles."""
    importing.STREAM_BYTES, importing.CHUNK_ARTICLES = 100, 10
    os._exit(main(["import", "-q", "--db", url, "--jobs", "1", path]))


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_import_while_four_reviewers_decide_gives_no_lock_error(tmp_path, fixtures_dir):
    """The issue's scenario, smaller (bench/import_while_reviewing.py runs the 10 MB file): a
    streamed JSONL import in its own process while four reviewer processes decide with a 2 s
    busy timeout; not one decision fails."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["import", "-q", "--db", url, str(fixtures_dir)]) in (0, 1)
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import articles_of_total, write_jsonl

    big = tmp_path / "big.jsonl"
    write_jsonl(articles_of_total(400_000, seed=3), big)
    procs = []
    for i in range(4):
        r, w = os.pipe()
        p = FORK.Process(target=_reviewer, args=(url, f"rev{i}", w), daemon=True)
        p.start()
        os.close(w)
        os.set_blocking(r, False)
        procs.append((p, r))
    time.sleep(1)
    imp = FORK.Process(target=_import_streamed, args=(url, str(big)))
    imp.start()
    imp.join(300)
    out = b""
    for p, r in procs:
        p.kill()
        p.join(10)
        try:
            while chunk := os.read(r, 65536):
                out += chunk
        except BlockingIOError:
            pass
        os.close(r)
    assert imp.exitcode == 0
    assert b"error" not in out, out.decode(errors="replace")[:2000]
    eng = make_engine(url)
    with eng.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() > 0
        assert conn.execute(select(func.count()).select_from(tables.articles)).scalar_one() > 50
        assert staging.staged_count(conn) == 0
    eng.dispose()
