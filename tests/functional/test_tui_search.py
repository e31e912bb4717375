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
