"""A decision the database refused (the server down, the disk full) is not saved, and it is no
action of the session: `z` then takes back the action before it. It stayed on the undo list
with no row behind it, and `z` said "Not saved: NoResultFound: No row was found when one was
required", undoing nothing (found by QA: PostgreSQL stopped mid-review, `u` not saved, the
server started again, `c`, then `z` `z`)."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

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
