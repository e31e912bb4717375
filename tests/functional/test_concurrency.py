"""No lost work: four reviewer processes writing at once, and reviewer processes killed with
SIGKILL at random moments. A reviewer process here makes decisions through ``ReviewService`` (what
the TUI's database thread calls) and reports each one on a pipe the moment ``decide`` returns:
that is when the TUI would show it as done."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time

import pytest
from sqlalchemy import func, select, text

from workbench.claims.model import LABELS
from workbench.services.importing import import_paths
from workbench.formats.articles import expand
from workbench.store import make_engine
from workbench.store import tables

FORK = multiprocessing.get_context("fork")


def _reviewer(url: str, name: str, n: int, seed: int, fd: int) -> None:
    """A reviewer process: ``n`` decisions (or until killed), each reported once committed."""
    from workbench.services.review import ReviewService

    engine = make_engine(url, migrate=False)
    store = ReviewService(engine, name)
    with engine.connect() as conn:
        ids = conn.execute(select(tables.candidates.c.id)).scalars().all()
    rnd = random.Random(seed)
    for _ in range(n):
        cid = rnd.choice(ids)
        label = rnd.choice(LABELS)
        res = store.decide(cid, label)
        os.write(fd, f"{res.annotation_id} {cid} {label}\n".encode())
    engine.dispose()
    os._exit(0)


def _start(url: str, name: str, n: int, seed: int):
    r, w = os.pipe()
    proc = FORK.Process(target=_reviewer, args=(url, name, n, seed, w), daemon=True)
    proc.start()
    os.close(w)
    return proc, r


def _wait_lines(fd: int, n: int, timeout: float) -> bytes:
    """Read from ``fd`` until ``n`` lines arrived (or ``timeout``); returns what was read."""
    import select

    got = b""
    end = time.monotonic() + timeout
    while got.count(b"\n") < n and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            got += chunk
    return got


def _read_all(fd: int, head: bytes = b"") -> list[tuple[int, int, str]]:
    chunks = [head]
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(fd)
    out = []
    for line in b"".join(chunks).decode().splitlines():
        a, c, lbl = line.split()
        out.append((int(a), int(c), lbl))
    return out


@pytest.fixture
def corpus(db_url, engine, fixtures_dir):
    res = import_paths(engine, expand([str(fixtures_dir)]), jobs=1)
    assert res.imported == 5
    engine.dispose()  # no connection may cross the fork
    return db_url


def _stored(engine, ids: list[int]) -> dict[int, tuple[int, str]]:
    out = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            ann = tables.annotations.c
            for aid, cid, lbl in conn.execute(select(ann.id, ann.candidate_id, ann.label).where(ann.id.in_(ids[i:i + 500]))):
                out[aid] = (cid, lbl)
    return out


def test_four_reviewers_writing_at_once_lose_nothing(corpus, engine):
    n = 150
    procs = [_start(corpus, f"rev{i}", n, seed=i) for i in range(4)]
    reported = []
    for proc, fd in procs:
        reported.append(_read_all(fd))
        proc.join(60)
        assert proc.exitcode == 0, "a reviewer process failed (database locked?)"
    for rows in reported:
        assert len(rows) == n
    every = [r for rows in reported for r in rows]
    stored = _stored(engine, [a for a, _, _ in every])
    assert stored == {a: (c, lbl) for a, c, lbl in every}
    with engine.connect() as conn:
        per = dict(conn.execute(select(tables.reviewers.c.name, func.count())
                                .join(tables.annotations, tables.annotations.c.reviewer_id == tables.reviewers.c.id)
                                .group_by(tables.reviewers.c.name)).all())
    # (the same label again on a claim writes no row: it reports the row in force)
    assert per == {f"rev{i}": len({a for a, _, _ in rows}) for i, rows in enumerate(reported)}


def test_sigkill_at_random_moments_loses_no_decision_shown_as_done(corpus, engine):
    rnd = random.Random(20261122)
    total_reported = 0
    kills_mid_run = 0
    for i in range(50):
        proc, fd = _start(corpus, f"crash{i % 3}", 10_000, seed=i)
        # a random moment while it writes, however loaded the machine: after k decisions, then
        # a fraction of one more
        head = _wait_lines(fd, rnd.randrange(0, 40), timeout=30)
        time.sleep(rnd.uniform(0.0, 0.01))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        kills_mid_run += proc.exitcode == -signal.SIGKILL
        reported = _read_all(fd, head)
        total_reported += len(reported)
        stored = _stored(engine, [a for a, _, _ in reported])
        missing = [r for r in reported if stored.get(r[0]) != (r[1], r[2])]
        assert not missing, f"kill {i}: decisions shown as done but not stored: {missing[:3]}"
    assert kills_mid_run == 50
    assert total_reported > 600, f"only {total_reported} decisions reported: the kills came too early to test much"
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with engine.connect() as conn:  # every row is whole: its text is the article's at its offsets
        bad = conn.execute(text(
            "SELECT count(*) FROM annotation n JOIN candidate c ON c.id = n.candidate_id "
            "WHERE n.label IS NULL OR n.uid IS NULL")).scalar()
    assert bad == 0


def _tui_reviewer(url: str, name: str, fd: int) -> None:
    """The real review app, headless, labelling claim after claim until killed; each decision is
    reported when the screen draws it (``_after_write``: only ever after its commit)."""
    import asyncio
    from pathlib import Path

    from workbench.cli import make_app
    from workbench.tui.screens.review import ReviewScreen

    original = ReviewScreen._after_write

    def shown(self, res, article_id):
        original(self, res, article_id)
        os.write(fd, f"{res.annotation_id} {res.claim.id} {res.claim.label}\n".encode())

    ReviewScreen._after_write = shown

    async def go():
        app = make_app(url, name, keymap_file=Path("/nonexistent/keymap.toml"))
        async with app.run_test(size=(120, 30)) as pilot:
            while not getattr(app.screen, "ready", False):
                await pilot.pause(0.01)
            keys = "aucx"
            k = 0
            while True:
                await pilot.press(keys[k % 4], "k" if k % 7 == 6 else "j")
                k += 1

    asyncio.run(go())


def test_sigkill_of_the_review_app_loses_nothing_it_showed(corpus, engine):
    rnd = random.Random(7)
    total = 0
    for i in range(5):
        r, w = os.pipe()
        proc = FORK.Process(target=_tui_reviewer, args=(corpus, f"tui{i}", w), daemon=True)
        proc.start()
        os.close(w)
        head = _wait_lines(r, rnd.randrange(1, 12), timeout=60)  # the app is up and labelling
        time.sleep(rnd.uniform(0.0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        reported = _read_all(r, head)
        total += len(reported)
        stored = _stored(engine, [a for a, _, _ in reported])
        assert all(stored.get(a) == (c, lbl) for a, c, lbl in reported)
    assert total >= 5, f"only {total} decisions were shown before the kills"
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
