"""ctrl+q while a note or a source is being typed: what is typed is saved, as enter would save it,
then the app quits. It quit at once and the note typed was lost without a word (found by QA in
tmux: m, a note, ctrl+q; nothing in the database), and so was a typed source (e, t, a name,
ctrl+q)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.functional.tui_helpers import fixture_db, press, rows, run, settle, type_text, until_quit
from workbench.cli import make_app
from workbench.services import team
from workbench.services.review import ReviewService
from workbench.store import make_engine
from workbench.tui.screens.adjudicate import AdjudicateScreen
from workbench.tui.screens.prompt import PromptScreen

NO_KEYMAP = Path("/nonexistent/keymap.toml")


def test_ctrl_q_with_a_note_typed_saves_the_note(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=NO_KEYMAP)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            first = app.screen.claim.id
            await press(app, pilot, "m")
            assert isinstance(app.screen, PromptScreen)
            await type_text(pilot, "ask [bold]bob")
            await pilot.press("ctrl+q")
            await until_quit(app, pilot)
            assert not app.is_running
        return first

    first = run(go())
    assert [(r.action, r.note, r.candidate_id) for r in rows(url)] == [("note", "ask [bold]bob", first)]


def test_ctrl_q_with_the_note_unchanged_writes_nothing(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=NO_KEYMAP)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "m")
            await pilot.press("ctrl+q")
            await until_quit(app, pilot)
            assert not app.is_running

    run(go())
    assert rows(url) == []


def test_ctrl_q_with_a_source_typed_saves_the_source(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=NO_KEYMAP)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            claim, text = app.screen.claim, app.screen.article.text
            await press(app, pilot, "e", "t")
            assert isinstance(app.screen, PromptScreen)
            await pilot.press("ctrl+u")
            word = max(claim.text.split(), key=len).strip(".,;:«»\"")
            await type_text(pilot, word)
            await pilot.press("ctrl+q")
            await until_quit(app, pilot)
            assert not app.is_running
        return claim, word, text

    claim, word, text = run(go())
    (row,) = rows(url)
    assert (row.action, row.candidate_id) == ("source", claim.id)
    assert text[row.source_start:row.source_end] == row.source_text == word


def test_ctrl_q_with_the_source_unchanged_or_not_found_writes_nothing(tmp_path):
    url = fixture_db(tmp_path)

    async def go(typed: str | None):
        app = make_app(url, "alice", keymap_file=NO_KEYMAP)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "e", "t")
            assert isinstance(app.screen, PromptScreen)
            if typed is not None:
                await pilot.press("ctrl+u")
                await type_text(pilot, typed)
            await pilot.press("ctrl+q")
            await until_quit(app, pilot)
            assert not app.is_running

    run(go(None))
    run(go("zqxjkw vvvbbb"))
    assert rows(url) == []


def test_ctrl_q_with_a_ruling_note_typed_saves_it(tmp_path):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    with engine.connect() as conn:
        cid = conn.execute(text("SELECT min(id) FROM candidate")).scalar_one()
    ann.decide(cid, "attributed")
    bob.decide(cid, "unsourced")

    async def go():
        app = make_app(url, "judge", keymap_file=NO_KEYMAP, adjudicate=True)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(2000):
                if isinstance(app.screen, AdjudicateScreen) and app.screen.ready:
                    break
                await pilot.pause(0.005)
            await app.db_idle()
            await pilot.press("m")
            for _ in range(200):
                if isinstance(app.screen, PromptScreen):
                    break
                await pilot.pause(0.01)
            await type_text(pilot, "ask carol")
            await pilot.press("ctrl+q")
            await until_quit(app, pilot)
            assert not app.is_running

    run(go())
    assert [(r.label, r.note) for r in team.adjudication_history(engine, cid)] == [(None, "ask carol")]
    engine.dispose()
