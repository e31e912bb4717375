"""Wide characters (CJK, emoji) in the article view: lines wrap by terminal cells, so no
character is cut off at the pane's edge, and a click maps to the character drawn there.

Lines were measured in characters: a line of wide characters was up to twice the pane's width
and the pane cut it off (80 Chinese characters at 100 columns lost 29 of them; "The 🎉 minister
said that 日本語 prices" lost a letter at 80 columns)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.functional.tui_helpers import run, session, settle
from workbench.services.importing import import_paths
from workbench.store import make_engine
from workbench.tui.selection import SpanSelection
from workbench.tui.widgets.span_selector import Mode

CJK = "北京市政府周一表示，由于能源价格上涨，今年冬季的供暖费用将比去年增加百分之十五，居民对此表示担忧并希望得到补贴。" * 2
TEXT = ("Titre 🎉 de l'article\n"
        f"{CJK[:80]}\n"
        "The 🎉 minister said that 日本語 prices would rise, and the 🎉🎉 minister of finance said that "
        "prices would fall again next year.\n"
        "日本語の記事 🎉🎉 Le ministre a déclaré que les prix allaient augmenter fortement cette année.\n")


def _db(tmp_path) -> str:
    f = tmp_path / "wide.txt"
    f.write_text(TEXT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    import_paths(engine, [f])
    engine.dispose()
    return url


@pytest.mark.parametrize("width", [100, 80, 60])
def test_every_character_of_a_line_with_wide_characters_is_shown(tmp_path, width):
    url = _db(tmp_path)

    async def go():
        async with session(url, size=(width, 40)) as (app, pilot):
            view = app.screen.query_one("ArticleView")
            pane = view.scrollable_content_region.width
            shown = []
            for line, (s, e) in enumerate(view.screen_lines):
                drawn = view._render(line, pane).text
                assert cell_len(view.text[s:e].rstrip(" ")) <= pane, view.text[s:e]
                shown.append(drawn.rstrip(" "))
            return view.text, shown

    text, shown = run(go())
    assert "".join(shown).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_click_on_a_line_with_wide_characters_focuses_the_claim_drawn_there(tmp_path):
    url = _db(tmp_path)

    async def go():
        async with session(url, size=(100, 40)) as (app, pilot):
            scr = app.screen
            view = scr.query_one("ArticleView")
            clicked = []
            for index, claim in enumerate(scr.article.claims):
                line = view.line_of(claim.start)
                s, _e = view.screen_lines[line]
                if s == claim.start or cell_len(view.text[s:claim.start]) == claim.start - s:
                    continue  # (no wide character before the claim on its line)
                # the claim's third character, at its column in cells
                col = cell_len(view.text[s:claim.start + 2])
                assert view.offset_at(col, line - int(view.scroll_offset.y)) == claim.start + 2
                scr._set_index(0 if index else 1)
                await settle(app, pilot)
                y = line - int(view.scroll_offset.y)
                # content starts inside the border (1) and the left padding (1)
                await pilot.click("ArticleView", offset=(col + 2, y + 1))
                await settle(app, pilot)
                clicked.append((index, scr.index))
            return clicked

    clicked = run(go())
    assert clicked and all(a == b for a, b in clicked), clicked


@pytest.mark.parametrize("width", [100, 80])
def test_the_selection_line_shows_a_selection_of_wide_characters(tmp_path, width):
    """The line above the footer shows the start of what is selected. A selection of Chinese
    text (no space in it) showed nothing after its count: the line wrapped before the quoted text,
    and the widget is one line high (found by QA in tmux: v on a Chinese claim, then j, showed
    `NEW CLAIM   68 chars` and no text)."""
    f = tmp_path / "zh.txt"
    f.write_text(f"Titre\n\n{CJK}\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'zh.db'}"
    engine = make_engine(url)
    import_paths(engine, [f])
    engine.dispose()

    async def go():
        async with session(url, size=(width, 40)) as (app, pilot):
            scr = app.screen
            start = scr.article.text.index("北京")
            scr._begin_selection(Mode.ADD, SpanSelection.at(scr.article.text, start))
            await settle(app, pilot)
            await pilot.press("j", "j")
            await settle(app, pilot)
            selector = scr.query_one("SpanSelector")
            return selector.selection.selected, "".join(seg.text for seg in selector.render_line(0))

    selected, shown = run(go())
    assert selected.startswith("北京"), selected
    assert "chars" in shown and "“北京市" in shown, shown
