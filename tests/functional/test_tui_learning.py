"""The label model in the review app (issue 14): trained in another process when enough new
decisions exist (no key waits for it), its suggestions shown in the panel with why, and the
uncertain-first order (``t``, ``review --order uncertain``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.functional.tui_helpers import settle
from tests.unit.services.test_learning_service import _decide, _write_articles
from workbench.cli import make_app
from workbench.services import learning
from workbench.services.importing import import_paths
from workbench.store import make_engine, tables
from workbench.tui.screens.review import ReviewScreen

SIZE = (140, 40)
DECIDED = ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt", "fr-incendie.txt"]


@pytest.fixture
def labelled_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = make_engine(url)
    corpus = _write_articles(tmp_path)
    assert import_paths(engine, sorted(tmp_path.glob("*.txt")), jobs=1).ok
    assert _decide(engine, corpus, "alice", DECIDED) >= 30
    engine.dispose()
    return url


def _models(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(tables.label_models)).scalar_one()
    engine.dispose()
    return n


async def _wait_for_model(app, pilot, url: str) -> None:
    for _ in range(1200):  # the worker process starts, imports scikit-learn and trains: seconds
        if _models(url) and app.screen.model_loop.training is None:
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the label model was never trained")
    await settle(app, pilot)


def test_the_app_trains_in_the_background_and_shows_the_models_suggestions(labelled_db):
    asyncio.run(_test_the_app_trains_in_the_background_and_shows_the_models_suggestions(labelled_db))


async def _test_the_app_trains_in_the_background_and_shows_the_models_suggestions(labelled_db):
    app = make_app(labelled_db, "bob", keymap_file=Path("/nonexistent/keymap.toml"), retrain_every=25)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        scr = app.screen
        assert isinstance(scr, ReviewScreen)
        await _wait_for_model(app, pilot, labelled_db)
        scr.open_article("en-election.txt")
        await settle(app, pilot)
        sponsored = next(i for i, c in enumerate(scr.article.claims) if c.text.startswith("Sponsored"))
        scr.index = sponsored
        await settle(app, pilot)
        claim = scr.claim
        by = {view[0]: view for view in claim.suggestions}
        assert by["model"][1] == "not_claim" and by["model"][3].startswith("model ")
        panel = scr.query_one("#panel")
        shown = panel.render()
        from rich.console import Console

        console = Console(width=60, record=True)
        console.print(shown)
        text = console.export_text()
        assert "model" in text and "not_claim" in text and "rules" in text
        await pilot.press("q")


def test_uncertain_first_walks_the_least_certain_claims_across_articles(labelled_db):
    asyncio.run(_test_uncertain_first_walks_the_least_certain_claims_across_articles(labelled_db))


async def _test_uncertain_first_walks_the_least_certain_claims_across_articles(labelled_db):
    engine = make_engine(labelled_db)
    learning.learn(engine, folds=3)  # a model and its suggestions already there
    expected = learning.uncertain_queue(engine, "bob")
    engine.dispose()
    app = make_app(labelled_db, "bob", keymap_file=Path("/nonexistent/keymap.toml"), retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        scr = app.screen
        await pilot.press("t")
        await settle(app, pilot)
        await settle(app, pilot)
        assert scr.uncertain_first and app.sub_title == "uncertain first"
        first_id, first_article = expected[0]
        assert (scr.article.id, scr.claim.id) == (first_article, first_id)
        await pilot.press("a")  # decide it: the next least certain claim comes, wherever it is
        await settle(app, pilot)
        await settle(app, pilot)
        second_id, second_article = expected[1]
        assert (scr.article.id, scr.claim.id) == (second_article, second_id)
        await pilot.press("t")  # back to article order
        assert not scr.uncertain_first
        await pilot.press("q")


def test_review_order_uncertain_opens_on_the_least_certain_claim(labelled_db):
    asyncio.run(_test_review_order_uncertain_opens_on_the_least_certain_claim(labelled_db))


async def _test_review_order_uncertain_opens_on_the_least_certain_claim(labelled_db):
    engine = make_engine(labelled_db)
    learning.learn(engine, folds=3)
    first_id, first_article = learning.uncertain_queue(engine, "bob")[0]
    engine.dispose()
    app = make_app(labelled_db, "bob", keymap_file=Path("/nonexistent/keymap.toml"), order="uncertain",
                   retrain_every=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        scr = app.screen
        assert scr.uncertain_first and (scr.article.id, scr.claim.id) == (first_article, first_id)
        await pilot.press("q")


def _uncertain_first_for_bob(labelled_db):
    """The label model trained, bob's uncertain-first queue as the model gives it, and bob's app
    in that order (no retraining during the test)."""
    engine = make_engine(labelled_db)
    learning.learn(engine, folds=3)
    expected = learning.uncertain_queue(engine, "bob")
    engine.dispose()
    return expected, make_app(labelled_db, "bob", keymap_file=Path("/nonexistent/keymap.toml"), order="uncertain",
                              retrain_every=0)


def test_uncertain_first_after_an_undo_the_next_label_goes_to_the_claim_it_had_skipped_to(labelled_db):
    asyncio.run(_test_uncertain_first_after_an_undo(labelled_db))


async def _test_uncertain_first_after_an_undo(labelled_db):
    """Decide the least certain claim (the second comes), undo it (back to the first), decide it
    again: the second comes again. It was skipped: the queue had given it out already."""
    expected, app = _uncertain_first_for_bob(labelled_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        scr = app.screen
        (first, first_art), (second, second_art) = expected[0], expected[1]
        assert (scr.article.id, scr.claim.id) == (first_art, first)
        await pilot.press("a")
        await settle(app, pilot)
        await settle(app, pilot)
        assert (scr.article.id, scr.claim.id) == (second_art, second)
        await pilot.press("z")  # back to the first claim, undecided again
        await settle(app, pilot)
        await settle(app, pilot)
        assert (scr.article.id, scr.claim.id) == (first_art, first) and not scr.claim.decided
        await pilot.press("u")  # decided again: the second claim, still undecided, is next
        await settle(app, pilot)
        await settle(app, pilot)
        assert (scr.article.id, scr.claim.id) == (second_art, second)
        await pilot.press("q")


def test_uncertain_first_offers_an_undone_claim_again(labelled_db):
    asyncio.run(_test_uncertain_first_offers_an_undone_claim_again(labelled_db))


async def _test_uncertain_first_offers_an_undone_claim_again(labelled_db):
    """A claim decided and undone in this session is undecided: when the queue is read again
    (``t`` twice, or after a retraining) it is in it. It was left out for the rest of the session,
    as if still decided."""
    expected, app = _uncertain_first_for_bob(labelled_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        scr = app.screen
        first, first_art = expected[0]
        await pilot.press("a", "z")
        await settle(app, pilot)
        await settle(app, pilot)
        assert (scr.article.id, scr.claim.id) == (first_art, first) and not scr.claim.decided
        await pilot.press("t", "t")  # article order, then uncertain first again: the queue read again
        await settle(app, pilot)
        await settle(app, pilot)
        assert scr.uncertain_first
        assert (scr.article.id, scr.claim.id) == (first_art, first)
        await pilot.press("q")
