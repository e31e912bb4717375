"""A claim added by the reviewer (v) over several of the extractor's claims is drawn on every
line it covers. The view found the claims of a line by walking back from the last one starting
on it while the claim before ended after the line's start: a longer claim before a claim that
ended earlier was missed, and the focused added claim lost its highlight from its third
extractor claim on (found by QA adding a claim over four sentences of a paragraph)."""

from __future__ import annotations

from tests.functional.tui_helpers import run, session, settle
from workbench.services.importing import import_paths
from workbench.store import make_engine

TEXT = ("Titre\n\nLe ministre a dit que les prix montent. Selon Reuters, la Russie a frappé lundi. "
        "Le Kremlin a démenti mardi. Paris a affirmé que la grève continue. Fin de la dépêche ici.\n")


def test_an_added_claim_over_several_claims_is_drawn_on_each_of_its_lines(tmp_path):
    f = tmp_path / "ov.txt"
    f.write_text(TEXT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'ov.db'}"
    engine = make_engine(url)
    import_paths(engine, [f])
    engine.dispose()

    async def go():
        async with session(url, size=(60, 30)) as (app, pilot):
            scr = app.screen
            text = scr.article.text
            start, end = text.index("Le ministre"), text.index(" Fin de")
            assert sum(start <= c.start and c.end <= end for c in scr.article.claims) >= 4
            scr._confirm_add((start, end), "attributed")
            await settle(app, pilot)
            assert (scr.claim.start, scr.claim.end) == (start, end)  # focused
            view = scr.query_one("ArticleView")
            width = view.scrollable_content_region.width
            drawn = []
            for line, (s, e) in enumerate(view.screen_lines):
                if s >= end or e <= start or not text[s:e].strip():
                    continue
                strip = view._render(line, width)
                drawn.append({seg.style.bgcolor for seg in strip if seg.text.strip() and seg.style})
            return drawn

    drawn = run(go())
    assert len(drawn) >= 6
    focus = drawn[0]
    assert len(focus) == 1 and all(d == focus for d in drawn), drawn
