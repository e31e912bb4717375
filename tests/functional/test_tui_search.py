"""Search in the review app (``/``): claims that contain the query come first, and the preview
shows the match as a styled range of plain text (never markup)."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.functional.tui_helpers import fixture_db, press, run, search, session, settle
from workbench.tui.screens.search import SearchScreen




def test_containing_claims_come_first_with_the_match_highlighted(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            screen = await search(app, pilot, "CANAL SUR SPECIAL")
            first = screen.hits[0]
            assert first.contains and "canal sûr spécial" in first.item.text
            assert all(not h.contains for h in screen.hits[1:])
            prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
            shown = [prompt.plain[s.start:s.end] for s in prompt.spans if "bold" in str(s.style)]
            assert "canal sûr spécial" in shown
            await press(app, pilot, "enter")
            assert "canal sûr spécial" in app.screen.claim.text

    run(go())


def test_a_query_with_markup_is_searched_and_shown_as_text(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            screen = await search(app, pilot, "[bold]Kremlin[/]")
            assert screen.hits  # "bold Kremlin": fuzzy hits, nothing crashed on the brackets
            await press(app, pilot, "escape")

    run(go())


def test_backspaces_and_characters_typed_in_a_burst_act_in_order(tmp_path):
    """Four backspaces then "1405" at once: the characters went in before the backspaces acted
    (those act as bindings once the key bubbles up to the app), which then deleted them."""
    from textual.widgets import Input

    from tests.functional.tui_helpers import burst

    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "slash")
            await settle(app, pilot)
            burst(app, *"number 1499", "backspace", "backspace", "backspace", "backspace", *"1405", "left", "ctrl+w",
                  *"n° 1")
            await settle(app, pilot)
            await pilot.pause(0.1)
            return app.screen.query_one(Input).value

    assert run(go()) == "number n° 15"


async def _until(pilot, done, what: str, seconds: float = 3.0) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    t0 = loop.time()
    while not done():
        await pilot.pause(0.05)
        assert loop.time() - t0 < seconds, what


def test_the_search_finds_an_article_imported_while_the_app_is_open(tmp_path):
    """The search's titles and claim texts were read once and kept until a claim was added in
    this session: an article imported by another process showed in the article list within a
    second, and the search found nothing of it until the app restarted."""
    from workbench.services.importing import import_paths
    from workbench.store import make_engine

    url = fixture_db(tmp_path)
    engine = make_engine(url)
    new = tmp_path / "marche.txt"
    new.write_text("Le marché de Noël de Colmar\n\nLe maire a annoncé mardi que le marché ouvrirait plus tôt "
                   "cette année.\n", encoding="utf-8")

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            screen = await search(app, pilot, "Colmar")  # (the search's items are read now)
            assert not any(h.contains for h in screen.hits)
            await press(app, pilot, "escape")
            n = len(scr.summaries)
            import_paths(engine, [new], jobs=1)  # another process's import
            await _until(pilot, lambda: len(scr.summaries) > n, "the new article never showed")
            await settle(app, pilot)
            screen = await search(app, pilot, "Colmar")
            assert screen.hits and screen.hits[0].contains and screen.hits[0].item.article_id == "marche.txt"
            await press(app, pilot, "escape")

    run(go())
    engine.dispose()


def test_the_search_finds_a_claim_text_a_revision_import_changed(tmp_path):
    from workbench.services.importing import import_paths
    from workbench.store import make_engine

    url = fixture_db(tmp_path)
    engine = make_engine(url)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            art = scr.article
            assert "tergiversations" in art.text
            screen = await search(app, pilot, "hésitations américaines")
            assert not any(h.contains for h in screen.hits)
            await press(app, pilot, "escape")
            revised = tmp_path / art.id
            revised.write_text(art.text.replace("tergiversations", "hésitations"), encoding="utf-8")
            import_paths(engine, [revised], jobs=1)
            await _until(pilot, lambda: "hésitations" in scr.article.text, "the open article kept its old text")
            await settle(app, pilot)
            screen = await search(app, pilot, "hésitations américaines")
            # (the title, the article's first line, is found too)
            claims = [h.item for h in screen.hits if h.contains and h.item.kind == "claim"]
            assert claims and all("hésitations" in c.text for c in claims)
            await press(app, pilot, "escape")

    run(go())
    engine.dispose()


def test_a_second_search_reuses_the_folded_texts_of_the_first(tmp_path):
    """The items' folded texts (0.8 s for 70,000 claims) are computed once while the corpus stays
    as it is, not at every opening of the search."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            first = await search(app, pilot, "Kremlin")
            assert first.hits and first.searcher._folded is not None
            await press(app, pilot, "escape")
            second = await search(app, pilot, "ministre")
            assert second is not first and second.searcher is first.searcher
            assert second.hits
            await press(app, pilot, "escape")

    run(go())
