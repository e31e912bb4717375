"""A decision the database refused (the server down, the disk full) is not saved, and it is no
action of the session: `z` then takes back the action before it. It stayed on the undo list
with no row behind it, and `z` said "Not saved: NoResultFound: No row was found when one was
required", undoing nothing (found by QA: PostgreSQL stopped mid-review, `u` not saved, the
server started again, `c`, then `z` `z`)."""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy.exc import OperationalError

from tests.functional.test_tui_quit_from_outside import _kill, _read_until, _wait, spawn_review
from tests.functional.tui_helpers import fixture_db, press, rows, run, session


def test_undo_skips_a_decision_that_was_not_saved(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            store = app.open_store()
            first = app.screen.claim.id
            await press(app, pilot, "a")  # saved
            decide = store.decide

            def server_down(*args, **kwargs):
                raise OperationalError("INSERT", {}, Exception("connection refused"))

            store.decide = server_down
            await press(app, pilot, "u")  # not saved
            store.decide = decide
            await press(app, pilot, "z")  # takes back the "a"
            notes = [n.message for n in app._notifications]
            return first, notes

    first, notes = run(go())
    assert [(r.action, r.label, r.candidate_id) for r in rows(url)] == [("decide", "attributed", first),
                                                                         ("undo", None, first)]
    assert not any("NoResultFound" in n for n in notes), notes


def test_an_undo_that_was_not_saved_can_be_asked_again(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            store = app.open_store()
            first = app.screen.claim.id
            await press(app, pilot, "a")
            undo = store.undo

            def server_down(*args, **kwargs):
                raise OperationalError("INSERT", {}, Exception("connection refused"))

            store.undo = server_down
            await press(app, pilot, "z")  # not saved: nothing undone
            store.undo = undo
            await press(app, pilot, "y")  # nothing was undone: nothing to redo
            await press(app, pilot, "z")
            return first

    first = run(go())
    assert [(r.action, r.label, r.candidate_id) for r in rows(url)] == [("decide", "attributed", first),
                                                                         ("undo", None, first)]


def test_a_write_that_failed_is_said_in_one_line(tmp_path):
    """The notice of a decision not saved is one line, the file (or server) and the cause, as
    every database error of the app: it was SQLAlchemy's whole message, seven lines on screen
    with the SQL's wrapper and a link to SQLAlchemy's site (found by QA: PostgreSQL stopped
    mid-review, then a label key)."""
    url = fixture_db(tmp_path)
    refused = Exception('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection '
                        'refused\n\tIs the server running on that host and accepting TCP/IP connections?')

    async def go():
        async with session(url) as (app, pilot):
            store = app.open_store()

            def server_down(*args, **kwargs):
                raise OperationalError("INSERT INTO annotation ...", {}, refused)

            store.decide = server_down
            await press(app, pilot, "u")
            return [n.message for n in app._notifications]

    notes = run(go())
    lost = [n for n in notes if n.startswith("Not saved")]
    assert len(lost) == 1, notes
    assert "\n" not in lost[0] and "sqlalche.me" not in lost[0] and "INSERT" not in lost[0], lost[0]
    assert "Connection refused" in lost[0] and str(tmp_path / "review.db") in lost[0]


def test_a_postgresql_server_gone_is_said_as_the_commands_say_it():
    """The connection lost on a PostgreSQL server reads as the commands' line for a server that
    cannot be reached (it was 'database: database error: connection failed: …')."""
    from workbench.store.database import explain

    refused = Exception('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection '
                        'refused\n\tIs the server running on that host and accepting TCP/IP connections?')
    line = explain(OperationalError("INSERT", {}, refused), "postgresql+psycopg://ann:secret@127.0.0.1:5432/claims")
    assert line == ("cannot connect to PostgreSQL at postgresql://ann:***@127.0.0.1:5432/claims: Connection refused "
                    "(is the server running and accepting TCP/IP connections?)")


def test_adjudication_undo_skips_a_ruling_that_was_not_saved(tmp_path, monkeypatch):
    """The same on the adjudication screen: a ruling the database refused stayed on the undo
    list, and `z` failed on it ("NoResultFound") instead of taking back the ruling before."""
    from sqlalchemy import text

    from pathlib import Path

    from workbench.cli import make_app
    from workbench.services import team
    from workbench.services.review import ReviewService
    from workbench.store import make_engine
    from workbench.tui.screens.adjudicate import AdjudicateScreen

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    with engine.connect() as conn:
        ids = conn.execute(text("SELECT id FROM candidate ORDER BY article_id, start LIMIT 2")).scalars().all()
    for cid in ids:  # two claims the reviewers disagree on
        ann.decide(cid, "attributed")
        bob.decide(cid, "unsourced")

    async def go():
        app = make_app(url, "judge", keymap_file=Path("/nonexistent/keymap.toml"), adjudicate=True)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(2000):
                if isinstance(app.screen, AdjudicateScreen) and app.screen.ready:
                    break
                await pilot.pause(0.005)
            await press(app, pilot, "a")  # saved
            adjudicate = team.adjudicate

            def server_down(*args, **kwargs):
                raise OperationalError("INSERT", {}, Exception("connection refused"))

            monkeypatch.setattr(team, "adjudicate", server_down)
            await press(app, pilot, "c")  # not saved
            monkeypatch.setattr(team, "adjudicate", adjudicate)
            await press(app, pilot, "z")  # takes back the "a"
            await app.db_idle()
            return [n.message for n in app._notifications]

    notes = run(go())
    with engine.connect() as conn:
        rulings = conn.execute(text("SELECT label FROM adjudication ORDER BY id")).all()
    engine.dispose()
    assert [r.label for r in rulings] == ["attributed", None], notes
    assert not any("NoResultFound" in n for n in notes), notes


REFUSING = '''
from sqlalchemy.exc import OperationalError
from workbench.services.review import ReviewService

def _server_down(self, *args, **kwargs):
    raise OperationalError("INSERT", {}, Exception("disk I/O error"))

ReviewService.decide = _server_down
'''


@pytest.mark.skipif(not hasattr(os, "fork"), reason="runs the app in a pseudo-terminal")
def test_quitting_after_a_decision_not_saved_says_so_and_exits_1(tmp_path):
    """A session whose decisions failed to save ended with exit 0 and nothing printed: the
    notices were gone with the screen, and a script (or a reviewer who looked away) took the
    session for saved. Now the count and the last cause are said once more, exit status 1.
    (The database refuses every decision here: a ``sitecustomize`` replaces the write.)"""
    url = fixture_db(tmp_path)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(REFUSING, encoding="utf-8")
    pid, fd = spawn_review(tmp_path, url, path_first=hook)
    out = bytearray()
    try:
        assert _read_until(fd, out, b"suggested", 30), out[-2000:]
        time.sleep(0.5)
        os.write(fd, b"a")
        assert _read_until(fd, out, b"Not saved", 10), out[-2000:]
        os.write(fd, b"\x11")  # ctrl+q
        tail = bytearray()
        _read_until(fd, tail, b"not saved;", 20)
        status = _wait(pid, 10)
    finally:
        _kill(pid)
        os.close(fd)
    assert status is not None and not os.WIFSIGNALED(status)
    assert os.WEXITSTATUS(status) == 1
    assert b"workbench: 1 change(s) of this session not saved; the last: " in tail and b"disk I/O error" in tail
    assert rows(url) == []
