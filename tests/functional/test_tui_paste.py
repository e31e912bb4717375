"""A paste into a prompt (a note, a typed source) goes in once, as one line.

A terminal sends a paste as one event (bracketed paste). Textual calls the ``_on_paste`` of every
class of the input: the prompt's input handled it and called ``Input``'s, which then ran again on
its own, and a pasted note was stored twice ("hello pastehello paste", "line1line1")."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from tests.functional.tui_helpers import fixture_db, press, rows, run, session, settle
from workbench.tui.screens.prompt import PromptScreen, one_line


async def _paste(app, pilot, text: str) -> None:
    app.post_message(events.Paste(text))  # as the driver delivers a bracketed paste
    await settle(app, pilot)


@pytest.mark.parametrize("pasted, stored", [
    ("hello paste", "hello paste"),
    ("line1\nline2", "line1 line2"),  # Textual's Input keeps the first line and drops the rest
    ("line1\r\n\r\n  line2  \n", "line1 line2"),
    ("hello paste\n", "hello paste"),
])
def test_a_pasted_note_is_stored_once(tmp_path, pasted, stored):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "m")
            assert isinstance(app.screen, PromptScreen)
            await _paste(app, pilot, pasted)
            shown = app.screen.query_one(Input).value
            await press(app, pilot, "enter")
            return shown, app.screen.claim

    shown, claim = run(go())
    assert shown == stored
    (row,) = rows(url)
    assert row.action == "note" and row.note == stored and claim.note == stored


def test_a_paste_goes_in_at_the_cursor_and_over_the_selection(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "m")
            inp = app.screen.query_one(Input)
            await pilot.press("a", "b", "left")
            await _paste(app, pilot, "XY")
            after_cursor = inp.value
            await pilot.press("shift+home")
            await _paste(app, pilot, "Z")
            return after_cursor, inp.value

    assert run(go()) == ("aXYb", "Zb")


def test_a_pasted_source_is_typed_once(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            claim = scr.claim
            await press(app, pilot, "e", "t")
            assert isinstance(app.screen, PromptScreen)
            inp = app.screen.query_one(Input)
            inp.value = ""
            await _paste(app, pilot, "Reuters")
            return inp.value

    assert run(go()) == "Reuters"


def test_one_line():
    assert one_line("") == "" and one_line("\n") == ""
    assert one_line("  kept as is ") == "  kept as is "
    assert one_line("a\n\n b \r\nc") == "a b c"


@pytest.mark.parametrize("held", [False, True])
@pytest.mark.parametrize("typed", ["famille 👨\u200d👩\u200d👧", "می\u200cخواهم"])
def test_joiners_typed_into_a_note_are_kept(tmp_path, typed, held):
    """The zero width joiner (U+200D) and non-joiner (U+200C) are typed keys whose character is
    not ``isprintable()``: Textual's Input dropped them, and the note was stored without them
    ("famille 👨👩👧", "میخواهم"). ``held``: typed with the ``m`` that opens the prompt, before its
    input has the focus (the app holds those keys and hands them to the input)."""
    from tests.functional.tui_helpers import burst

    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            if held:
                burst(app, "m", *typed)
            else:
                await press(app, pilot, "m")
                burst(app, *typed)  # (as the terminal sends them: one key a character)
            await settle(app, pilot)
            await pilot.pause(0.1)
            shown = app.screen.query_one(Input).value
            await press(app, pilot, "enter")
            return shown

    shown = run(go())
    assert shown == typed
    (row,) = rows(url)
    assert row.note == typed
