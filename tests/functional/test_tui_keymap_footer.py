"""A remapped key keeps its binding's place: in the footer (an 80-column footer shows help, the
labels, accept, undo and quit, so a label moved to its end was cut off: found by QA with
"review.attributed" = "f1,1"), and in help, where a binding given no key ("") shows the keys it
keeps (the default ones: help showed none, while c still decided contested)."""

from __future__ import annotations

from textual.widgets import Footer

from tests.functional.tui_helpers import fixture_db, press, run, session
from workbench.tui.screens.help import HelpScreen


def _footer_keys(app) -> list[str]:
    return [w.key for w in app.screen.query_one(Footer).children]


def test_a_remapped_label_key_keeps_its_place_in_the_footer(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.attributed" = "f1,1"\n"review.undo" = "Z"\n', "utf-8")

    async def go():
        async with session(url, "alice", keymap_file=km) as (app, pilot):
            await pilot.pause(0.1)
            keys = _footer_keys(app)
            assert keys[:7] == ["question_mark", "f1", "u", "c", "x", "enter", "Z"], keys
            await press(app, pilot, "v")  # span selection: the footer shows the selector's keys
            await pilot.pause(0.1)
            sel = _footer_keys(app)
            await press(app, pilot, "escape")
            return sel

    sel = run(go())
    assert "f1" not in sel  # (the review keys are not active while selecting)


def test_help_shows_the_default_keys_of_a_binding_given_no_key(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.contested" = ""\n', "utf-8")

    async def go():
        async with session(url, "alice", keymap_file=km) as (app, pilot):
            await press(app, pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            rows = dict((desc, keys) for keys, desc in app.screen.rows)
            await press(app, pilot, "escape")
            await press(app, pilot, "c")  # c still decides contested: help says so
            return rows

    rows = run(go())
    assert rows["Contested"] == "c 3"


def test_help_guidelines_name_the_remapped_keys(tmp_path):
    # (found by QA: with undo moved to "Z", the guidelines under the keys table said "undo (z)",
    # and z now did nothing)
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.undo" = "Z"\n"review.redo" = "Y"\n"review.edit_source" = "s,e"\n'
                  '"review.agreement" = "S"\n', "utf-8")

    async def go():
        async with session(url, "alice", keymap_file=km) as (app, pilot):
            await press(app, pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = app.screen.guidelines
            await press(app, pilot, "escape")
            return text

    text = run(go())
    assert "undo (Z) and redo (Y)" in text and "In the app: s marks the source span" in text
