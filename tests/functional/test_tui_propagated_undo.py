"""In the app: a decision's label is suggested to its near-duplicates, in the open article too;
z takes the decision back, and with it that suggestion, on the screen at once (found by QA: after
c then z, the twin still offered contested, "near-duplicate … decided contested", to enter)."""

from __future__ import annotations

from tests.functional.tui_helpers import FIXTURES, press, run, session, settle
from workbench.services.importing import import_paths
from workbench.store import make_engine

SOURCE = FIXTURES / "003_58336a3358c5ca07.txt"


async def _wait(app, pilot, cond, what):
    for _ in range(600):
        await app.side_idle()
        await app.db_idle()
        await pilot.pause(0.01)
        if cond():
            return
    raise AssertionError(what)


def test_undo_takes_back_the_suggestion_shown_on_a_twin_in_the_open_article(tmp_path):
    text = SOURCE.read_text("utf-8")
    # two sentences told twice, a word changed (the extractor drops a repeated paragraph)
    (tmp_path / "twice.txt").write_text(text + "\n" + text.replace("Les lignes", "Ces lignes"), "utf-8")
    url = f"sqlite:///{tmp_path / 'r.db'}"
    engine = make_engine(url)
    assert import_paths(engine, [tmp_path / "twice.txt"], jobs=1).imported == 1
    engine.dispose()

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            scr.PROPAGATE_DELAY = 0.05
            await _wait(app, pilot, lambda: scr.sim_index is not None, "no similarity index")
            claims = scr.article.claims
            first = next(c for c in claims if c.text.startswith("Les lignes"))
            twin = next(c for c in claims if c.text == "Ces" + first.text[3:])
            scr._focus_claim(first.id)
            await settle(app, pilot)
            assert scr.claim.id == first.id
            label = "contested" if first.suggested_label != "contested" else "not_claim"
            await press(app, pilot, {"contested": "c", "not_claim": "x"}[label])
            shown = lambda: next(c for c in scr.article.claims if c.id == twin.id)
            await _wait(app, pilot, lambda: shown().suggested_by == "twin", "the twin never got the label")
            assert shown().suggested_label == label
            await press(app, pilot, "z")
            await settle(app, pilot)
            await _wait(app, pilot, lambda: shown().suggested_by != "twin",
                        "the undone decision's label is still suggested to its twin")
            assert shown().suggested_label == twin.suggested_label

    run(go())
