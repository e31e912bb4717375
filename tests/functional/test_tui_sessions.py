"""Two sessions of one reviewer on one database (issue 12, deliver 5): the second is told the
first is open and where; a decision made in one reaches the other's open view within a second,
and the status bar agrees with itself."""

from __future__ import annotations

import asyncio
import os
import socket

from tests.functional.tui_helpers import fixture_db, press, run, session, settle
from workbench.services import sessions
from workbench.services.review import ReviewService
from workbench.store import make_engine
from workbench.store.tables import review_sessions


def _rows(url):
    engine = make_engine(url)
    with engine.connect() as conn:
        out = conn.execute(review_sessions.select()).all()
    engine.dispose()
    return out


def test_the_second_session_is_told_where_the_first_is(tmp_path):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    first, none = sessions.open_session(engine, "alice")  # the first session (this process: alive)
    assert none == []

    async def go():
        async with session(url, "alice") as (app, pilot):
            for _ in range(100):
                await settle(app, pilot)
                notes = [n.message for n in app._notifications]
                if notes:
                    break
            note = next(n for n in notes if "another session of alice" in n)
            assert f"{socket.gethostname()}, pid {os.getpid()} (terminal), since " in note
            assert len(_rows(url)) == 2
        assert [r.id for r in _rows(url)] == [first]  # its own row goes when the app closes

    run(go())
    # a session that ended without closing (killed) is no longer reported
    sessions.close_session(engine, first)
    with engine.begin() as conn:
        conn.execute(review_sessions.insert().values(reviewer_id=ReviewService(engine, "alice").reviewer_id,
                                                     host=socket.gethostname(), pid=2**22 + 12345, kind="terminal",
                                                     started_at=sessions.utcnow(), seen_at=sessions.utcnow()))
    assert sessions.open_session(engine, "alice")[1] == []
    engine.dispose()


def test_a_decision_made_elsewhere_reaches_the_open_view(tmp_path):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    elsewhere = ReviewService(engine, "alice")  # the other session

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            await settle(app, pilot)
            claim = scr.claim
            before = scr.progress
            assert claim.label is None and before.corpus_done == 0 and before.art_done == 0
            elsewhere.decide(claim.id, "contested")
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            while scr.claim.label != "contested":
                await pilot.pause(0.05)
                assert loop.time() - t0 < 1.0, "not shown within a second"
            await settle(app, pilot)
            p = scr.progress
            assert (p.art_done, p.corpus_done, p.articles_done) == (1, 1, 0)
            # this session decides the next claim: counted once, not twice
            await press(app, pilot, "j", "a")
            await asyncio.sleep(0.6)
            await settle(app, pilot)
            p = scr.progress
            assert (p.art_done, p.corpus_done) == (2, 2)
            # another reviewer's decision changes no figure of alice's
            ReviewService(engine, "bob").decide(claim.id, "attributed")
            await asyncio.sleep(0.6)
            await settle(app, pilot)
            assert (scr.progress.art_done, scr.progress.corpus_done) == (2, 2)
            assert scr.claim is not None

    run(go())
    engine.dispose()


def test_an_article_imported_while_the_app_is_open_shows_without_a_restart(tmp_path):
    from workbench.services.importing import import_paths

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    new = tmp_path / "new.txt"
    new.write_text("Nouvel article du jour\n\nLe maire a annoncé mardi que le marché ouvrirait plus tôt cette "
                   "année.\n\nSelon la préfecture, la sécurité sera renforcée pendant les fêtes.\n", encoding="utf-8")

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            await settle(app, pilot)
            before = scr.progress
            n_articles = len(scr.summaries)
            import_paths(engine, [new], jobs=1)
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            while len(scr.summaries) == n_articles:
                await pilot.pause(0.05)
                assert loop.time() - t0 < 2.0, "the new article never showed"
            await settle(app, pilot)
            assert "new.txt" in [s.id for s in scr.summaries]
            p = scr.progress
            assert p.articles_total == before.articles_total + 1 and p.corpus_total > before.corpus_total

    run(go())
    engine.dispose()


def test_the_open_article_shows_the_new_text_an_import_gave_it(tmp_path, fixtures_dir):
    from workbench.services.importing import import_paths

    url = fixture_db(tmp_path)
    engine = make_engine(url)

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            await settle(app, pilot)
            art = scr.article
            assert "tergiversations" in art.text
            revised = tmp_path / art.id
            revised.write_text(art.text.replace("tergiversations", "hésitations"), encoding="utf-8")
            import_paths(engine, [revised], jobs=1)
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            while "tergiversations" in scr.article.text:
                await pilot.pause(0.05)
                assert loop.time() - t0 < 2.0, "the open article kept its old text"
            await settle(app, pilot)
            assert scr.article.id == art.id and "hésitations" in scr.article.text
            for c in scr.article.claims:  # every claim's offsets are the new text's
                assert scr.article.text[c.start:c.end] == c.text
            # a decision now lands on the new text's claim
            first = scr.claim.id
            await press(app, pilot, "a")
            await settle(app, pilot)
            decided = next(c for c in scr.article.claims if c.id == first)
            assert decided.label == "attributed" and scr.article.text[decided.start:decided.end] == decided.text

    run(go())
    engine.dispose()


def test_undo_keeps_a_later_decision_made_in_another_session(tmp_path):
    from tests.functional.tui_helpers import rows

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    elsewhere = ReviewService(engine, "alice")  # the other window

    def notes(app) -> list[str]:
        return [n.message for n in app._notifications]

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            first = scr.claim
            await press(app, pilot, "a")  # claim 1, then claim 2 here
            second = scr.claim
            await press(app, pilot, "c")
            elsewhere.decide(second.id, "unsourced")  # later, in the other window
            await press(app, pilot, "z")
            assert any("made elsewhere, is in force: nothing undone" in n for n in notes(app)), notes(app)
            assert scr.claim.id == second.id and scr.claim.label == "unsourced"
            assert scr.undo_stack and not scr.redo_stack  # nothing undone: nothing to redo
            await press(app, pilot, "y")
            assert "Nothing to redo." in notes(app)
            await press(app, pilot, "z")  # goes on with the decision before
            assert scr.claim.id == first.id and scr.claim.label is None
            await press(app, pilot, "y")
            assert scr.claim.id == first.id and scr.claim.label == "attributed"
            assert next(c for c in scr.article.claims if c.id == second.id).label == "unsourced"

    run(go())
    got = [(r.candidate_id, r.action, r.label) for r in rows(url)]
    engine.dispose()
    assert got == [(got[0][0], "decide", "attributed"), (got[1][0], "decide", "contested"),
                   (got[1][0], "decide", "unsourced"), (got[0][0], "undo", None), (got[0][0], "redo", "attributed")]


def test_redo_keeps_a_later_decision_made_in_another_session(tmp_path):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    elsewhere = ReviewService(engine, "alice")

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            claim = scr.claim
            await press(app, pilot, "c", "z")
            elsewhere.decide(claim.id, "attributed")
            await press(app, pilot, "y")
            notes = [n.message for n in app._notifications]
            assert any("made elsewhere, is in force: nothing redone" in n for n in notes), notes
            assert scr.claim.id == claim.id and scr.claim.label == "attributed"
            assert not scr.undo_stack and not scr.redo_stack
            await press(app, pilot, "z")
            assert "Nothing to undo in this session." in [n.message for n in app._notifications]
            assert scr.claim.label == "attributed"

    run(go())
    engine.dispose()
