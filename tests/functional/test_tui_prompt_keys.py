"""Keys typed right after the key that closes a prompt (a note, a typed source, the search): they
act, in order, on the screen below once the prompt has closed, never in the prompt's input.

The prompt is open and its input has the focus; then, in one burst, the text, enter and a review
key. Enter used to act as a binding once it had bubbled up from the input to the app, while the
characters typed after it went into the input at once: "ok", enter, "c" stored the note "okc"
and the c was no decision."""

from __future__ import annotations

from textual.widgets import Input

from tests.functional.tui_helpers import (
    burst, fixture_db, press, rows, run, search, session, settle, slow_article_loads, until_quit,
)
from workbench.tui.screens.prompt import PromptScreen
from workbench.tui.screens.search import SearchScreen


async def _done(app, pilot) -> None:
    for _ in range(3):
        await settle(app, pilot)
        await pilot.pause(0.1)


def test_a_review_key_typed_right_after_a_note_acts_on_the_claim(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            first = scr.claim.id
            await press(app, pilot, "m")
            assert isinstance(app.screen, PromptScreen)
            burst(app, *"ok", "enter", "c", "u")
            await _done(app, pilot)
            assert app.screen is scr
            return first, scr.article.claims[0], scr.article.claims[1]

    first, claim, second = run(go())
    got = [(r.action, r.note, r.label, r.candidate_id) for r in rows(url)]
    assert got == [("note", "ok", None, first), ("decide", "ok", "contested", first),
                   ("decide", None, "unsourced", second.id)]
    assert claim.note == "ok" and claim.label == "contested" and second.label == "unsourced"


def test_keys_typed_right_after_escape_act_on_the_claim(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            await press(app, pilot, "m")
            burst(app, *"no", "escape", "x")
            await _done(app, pilot)
            assert app.screen is scr
            return scr.article.claims[0]

    claim = run(go())
    assert [(r.action, r.label, r.note) for r in rows(url)] == [("decide", "not_claim", None)]
    assert claim.label == "not_claim" and claim.note is None


def test_a_review_key_typed_right_after_a_typed_source_acts_on_the_claim(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if "lundi le ministère" in c.text)
            scr._set_index(idx)
            await press(app, pilot, "e", "t")
            assert isinstance(app.screen, PromptScreen)
            burst(app, "ctrl+u", *"Royaume-Uni", "enter", "c")
            await _done(app, pilot)
            assert app.screen is scr
            return scr.article.claims[idx]

    claim = run(go())
    typed, decided = rows(url)
    assert (typed.action, typed.source_text, typed.candidate_id) == ("source", "Royaume-Uni", claim.id)
    assert (decided.action, decided.label, decided.candidate_id) == ("decide", "contested", claim.id)
    assert claim.source_text == "Royaume-Uni" and claim.label == "contested"


def test_a_review_key_typed_right_after_enter_in_the_search_acts_on_the_claim_found(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await search(app, pilot, "Pas grand")
            assert app.screen.hits and app.screen.query_one(Input).value == "Pas grand"
            burst(app, "enter", "c")
            await _done(app, pilot)
            scr = app.screen
            assert not isinstance(scr, SearchScreen) and scr.article.id.startswith("003_")
            return next(c for c in scr.article.claims if "Pas grand-chose" in c.text)

    claim = run(go())
    (row,) = rows(url)
    assert (row.action, row.label, row.candidate_id) == ("decide", "contested", claim.id)
    assert claim.label == "contested"


def test_keys_typed_after_enter_in_a_search_with_no_hit_stay_in_the_search(tmp_path):
    """Enter with nothing found leaves the search open: what is typed next goes on in its input."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "slash")
            search = app.screen
            burst(app, "enter", *"Pas")
            await _done(app, pilot)
            await app.workers.wait_for_complete()
            assert app.screen is search
            return search.query_one(Input).value

    assert run(go()) == "Pas"
    assert rows(url) == []


def test_several_prompts_in_one_burst(tmp_path):
    """A note, a label, the next claim's note and its label, all in one burst, every key acting in
    its place."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            ids = [c.id for c in scr.article.claims[:2]]
            await press(app, pilot, "m")
            burst(app, *"one", "enter", "a", "m", *"two", "enter", "x")
            await _done(app, pilot)
            assert app.screen is scr
            return ids

    first, second = run(go())
    got = [(r.action, r.note, r.label, r.candidate_id) for r in rows(url)]
    assert got == [("note", "one", None, first), ("decide", "one", "attributed", first),
                   ("note", "two", None, second), ("decide", "two", "not_claim", second)]


def test_a_search_typed_in_one_burst_with_the_slash(tmp_path):
    """/, the query, enter and a label at once: the query goes into the search (its letters used to
    act as review keys until the search showed: the a of "Pas" labelled the claim on screen), enter
    opens the best hit of the whole query (not of the hits shown so far), the label acts there."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            burst(app, "slash", *"Pas grand", "enter", "c")
            await _done(app, pilot)
            await app.workers.wait_for_complete()
            await _done(app, pilot)
            scr = app.screen
            assert not isinstance(scr, SearchScreen) and scr.article.id.startswith("003_")
            return next(c for c in scr.article.claims if "Pas grand-chose" in c.text)

    claim = run(go())
    (row,) = rows(url)
    assert (row.action, row.label, row.candidate_id) == ("decide", "contested", claim.id)


def test_a_label_typed_after_enter_in_the_search_waits_for_the_article_it_opens(tmp_path):
    """The article the search opens takes a while to load: the label typed right after enter is
    still that article's claim's, not the one on screen meanwhile."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            slow_article_loads(app, 0.4)
            await search(app, pilot, "Pas grand")
            burst(app, "enter", "c", "u")
            await _done(app, pilot)
            scr = app.screen
            assert scr.article.id.startswith("003_")
            claims = scr.article.claims
            i = next(n for n, c in enumerate(claims) if "Pas grand-chose" in c.text)
            return claims[i], claims[i + 1]

    claim, after = run(go())
    got = [(r.label, r.candidate_id) for r in rows(url)]
    assert got == [("contested", claim.id), ("unsourced", after.id)]


def test_ctrl_q_right_after_a_note_and_a_label_quits_after_them(tmp_path):
    from pathlib import Path

    from workbench.cli import make_app

    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "m")
            burst(app, *"ok", "enter", "c", "ctrl+q")
            await until_quit(app, pilot)
        return app.return_code

    assert run(go()) in (0, None)
    assert [(r.action, r.note, r.label) for r in rows(url)] == [("note", "ok", None), ("decide", "ok", "contested")]
