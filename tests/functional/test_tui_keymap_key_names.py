"""A keymap that binds a key name no key has ("F1") says so at start, naming the file and the
name meant, and the binding keeps its default keys: before, "review.attributed" = "F1" took
a and 1 away and F1 (the key, named "f1") did nothing, without a word."""

from __future__ import annotations

from tests.functional.tui_helpers import fixture_db, press, rows, run, session


def test_a_key_name_no_key_has_is_named_and_the_binding_keeps_its_keys(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.attributed" = "F1"\n"review.unsourced" = "f2,2"\n', encoding="utf-8")

    async def go():
        async with session(url, keymap_file=km, notifications=True) as (app, pilot):
            await pilot.pause(0.2)
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            named = [t for t in toasts if str(km) in t and "'F1' is no key name (review.attributed; did you mean 'f1'?)" in t]
            assert len(named) == 1, toasts
            await press(app, pilot, "a", "f2")  # a still decides attributed; the valid remap applies
            await press(app, pilot, "question_mark")
            assert ("a 1", "Attributed") in app.screen.rows and ("f2 2", "Unsourced") in app.screen.rows
            await press(app, pilot, "escape")

    run(go())
    assert [(r.action, r.label) for r in rows(url)] == [("decide", "attributed"), ("decide", "unsourced")]
