"""A selection never ends inside a character as drawn: a letter with a decomposed accent (NFD,
"Zoe" + U+0301, as text copied from macOS or some scrapers has it) is one letter for the word
moves (w b e) and the character moves (← →). Found by QA: v on "Zoé", e, u added the claim
"Zoe" (the accent left out, stored and exported so), and → needed two presses to pass an
"é", the first one selecting "Zoe"."""

from __future__ import annotations

import unicodedata

from tests.functional.tui_helpers import press, rows, run, session
from workbench.formats.articles import expand
from workbench.services.importing import import_paths
from workbench.store import make_engine

TEXT = unicodedata.normalize("NFD", "Le café ferme\n\nLe patron Zoé Martin a déclaré que la négociation avait échoué.\n")


def _db(tmp_path) -> str:
    (tmp_path / "nfd.txt").write_text(TEXT, "utf-8")
    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = make_engine(url)
    res = import_paths(engine, expand([str(tmp_path / "nfd.txt")]))
    assert res.imported == 1 and not res.errors
    engine.dispose()
    return url


def test_word_and_character_moves_keep_a_decomposed_accent_with_its_letter(tmp_path):
    url = _db(tmp_path)
    zoe = unicodedata.normalize("NFD", "Zoé")

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if zoe in c.text)
            scr._set_index(idx)
            hops = scr.claim.text[:scr.claim.text.index(zoe)].count(" ")  # words before "Zoé"
            await press(app, pilot, "v", *["w"] * hops, "v", "e")
            assert scr.query_one("SpanSelector").selection.selected == zoe
            await press(app, pilot, "u")
            scr._set_index(idx)
            await press(app, pilot, "v", *["w"] * hops, "v", "l", "l")  # Z, o, é: two moves
            assert scr.query_one("SpanSelector").selection.selected == zoe
            await press(app, pilot, "c")

    run(go())
    added = rows(url)
    assert [(r.action, r.label, r.text) for r in added] == [("add", "unsourced", zoe), ("add", "contested", zoe)]
    assert all(TEXT[r.start:r.end] == zoe for r in added)
