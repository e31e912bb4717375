"""Every key path of the review screen, driven with Pilot, asserted on the database."""

from __future__ import annotations

import pytest

from tests.functional.tui_helpers import (
    burst, candidates, fixture_db, press, rows, run, session, settle, slow_article_loads, type_text,
    until_quit,
)
from workbench.tui.screens.article_list import ArticleListScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.search import SearchScreen
from workbench.tui.selection import words
from workbench.tui.widgets.span_selector import Mode


def test_opens_on_first_unreviewed_claim(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            assert scr.article.id == "000_a05f25a83f551d02.txt"
            assert scr.index == 0 and not scr.claim.decided
            assert scr.corpus_total == len(candidates(url))

    run(go())


def test_label_keys_write_decisions_and_advance(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            ids = [c.id for c in scr.article.claims[:6]]
            await press(app, pilot, "a", "u", "c", "x", "1", "2")
            assert scr.index == 6
            assert [c.label for c in scr.article.claims[:6]] == [
                "attributed", "unsourced", "contested", "not_claim", "attributed", "unsourced"]
            assert scr.corpus_done == 6
            return ids

    ids = run(go())
    got = {(r.candidate_id, r.label, r.action) for r in rows(url)}
    assert got == {(ids[0], "attributed", "decide"), (ids[1], "unsourced", "decide"), (ids[2], "contested", "decide"),
                   (ids[3], "not_claim", "decide"), (ids[4], "attributed", "decide"), (ids[5], "unsourced", "decide")}


def test_enter_accepts_the_suggestion(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            claim = app.screen.claim
            await press(app, pilot, "enter")
            return claim

    claim = run(go())
    (row,) = rows(url)
    assert row.action == "accept" and row.label == claim.suggested_label and row.candidate_id == claim.id


def test_undo_and_redo_append_history_rows(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            first = scr.claim.id
            await press(app, pilot, "a")
            await press(app, pilot, "z")
            assert scr.claim.id == first and scr.claim.label is None and scr.corpus_done == 0
            await press(app, pilot, "y")
            assert scr.claim.label == "attributed" and scr.corpus_done == 1
            await press(app, pilot, "z")
            return first

    first = run(go())
    history = rows(url)
    assert [(r.action, r.label) for r in history] == [("decide", "attributed"), ("undo", None),
                                                      ("redo", "attributed"), ("undo", None)]
    assert history[1].reverts_id == history[0].id and history[2].reverts_id == history[0].id
    assert all(r.candidate_id == first for r in history)


def test_edit_source_by_keyboard_selection(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            claim = scr.claim
            await press(app, pilot, "e")
            assert scr.mode is Mode.SOURCE
            await press(app, pilot, "e", "e", "enter")  # to the end of the first word, then the second
            assert scr.mode is Mode.REVIEW
            return claim, scr.article.text

    claim, text = run(go())
    (row,) = rows(url)
    assert row.action == "source" and row.label is None
    assert row.source_start == claim.start
    assert text[row.source_start:row.source_end] == row.source_text == " ".join(claim.text.split()[:2])


def test_unsourced_and_not_claim_decisions_have_no_source(tmp_path):
    """u and x store (and show) the claim without the extractor's suggested source; a and c
    after them give the claim back the source it had before: the suggested one, or the one the
    reviewer set."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if c.source is not None)
            claim = scr.article.claims[idx]
            seen = []
            for keys in ("u", "x", "a", "ebb", "u", "c"):  # ebb: the source one word shorter
                scr._set_index(idx)
                await press(app, pilot, *keys, *(["enter"] if keys == "ebb" else []))
                now = scr.article.claims[idx]
                seen.append((now.label, now.source))
            return claim, seen

    claim, seen = run(go())
    fixed = seen[3][1]
    assert fixed is not None and fixed[0] == claim.source[0] and fixed[1] < claim.source[1]
    assert seen == [("unsourced", None), ("not_claim", None), ("attributed", claim.source),
                    ("attributed", fixed), ("unsourced", None), ("contested", fixed)]
    got = [(r.action, r.label, r.source_start, r.source_end) for r in rows(url)]
    assert got == [("decide", "unsourced", None, None), ("decide", "not_claim", None, None),
                   ("decide", "attributed", *claim.source), ("source", "attributed", *fixed),
                   ("decide", "unsourced", None, None), ("decide", "contested", *fixed)]
    assert all(r.source_text is None for r in rows(url) if r.label in ("unsourced", "not_claim"))


def test_type_the_source_and_clear_it(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            # the claim attributed to the foreign ministry ("a déclaré lundi le ministère…")
            idx = next(i for i, c in enumerate(scr.article.claims) if "lundi le ministère" in c.text)
            scr._set_index(idx)
            await press(app, pilot, "e", "t")
            await pilot.press("ctrl+u")
            for ch in "Royaume-Uni":
                await pilot.press(ch if ch != "-" else "minus")
            await press(app, pilot, "enter")
            await press(app, pilot, "e", "backspace")
            return scr.article.claims[idx]

    claim = run(go())
    typed, cleared = rows(url)
    assert typed.source_text == "Royaume-Uni" and claim.start <= typed.source_start < claim.end
    assert cleared.source_start is None and cleared.source_text is None


def test_add_a_missed_claim(tmp_path):
    url = fixture_db(tmp_path)
    before = len(candidates(url))

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            await press(app, pilot, "v", "w", "w", "c")  # anchor on word 1, cursor on word 3
            assert scr.mode is Mode.REVIEW and scr.claim.origin == "manual"
            return scr.claim

    claim = run(go())
    cands = candidates(url)
    assert len(cands) == before + 1
    manual = [c for c in cands if c.origin == "manual"]
    assert len(manual) == 1 and manual[0].id == claim.id
    (row,) = rows(url)
    assert row.action == "add" and row.label == "contested" and row.candidate_id == claim.id
    assert row.text == manual[0].text and len(row.text.split()) == 3


def test_undoing_an_added_claim_withdraws_it(tmp_path):
    """z after adding a claim takes the claim back, not only its label: it leaves the article,
    the counts and the other reviewers' queues; y brings it back, and it can be added again."""
    url = fixture_db(tmp_path)
    before = len(candidates(url))

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            shown = [c.id for c in scr.article.claims]
            art_total = scr.progress.art_total
            await press(app, pilot, "v", "w", "w", "c")
            added = scr.claim
            assert added.origin == "manual" and scr.corpus_total == before + 1
            await press(app, pilot, "z")
            assert [c.id for c in scr.article.claims] == shown  # gone from the screen
            assert (scr.corpus_total, scr.corpus_done, scr.progress.art_total) == (before, 0, art_total)
            await press(app, pilot, "y")
            assert scr.claim.id == added.id and scr.claim.label == "contested" and scr.corpus_total == before + 1
            await press(app, pilot, "z")
            assert added.id not in [c.id for c in scr.article.claims] and scr.corpus_total == before
            await press(app, pilot, "v", "w", "w", "u")  # the same span again: a claim of its own
            assert scr.claim.origin == "manual" and scr.claim.id != added.id and scr.claim.label == "unsourced"
            assert scr.corpus_total == before + 1 and scr.corpus_done == 1
            return added.id, scr.claim.id

    async def bob(added_id, again_id):
        async with session(url, reviewer="bob") as (app, pilot):
            scr = app.screen
            ids = [c.id for c in scr.article.claims]
            assert added_id not in ids and again_id in ids
            assert scr.corpus_total == before + 1

    added_id, again_id = run(go())
    run(bob(added_id, again_id))
    assert [(r.candidate_id, r.action, r.label) for r in rows(url)] == [
        (added_id, "add", "contested"), (added_id, "undo", None), (added_id, "redo", "contested"),
        (added_id, "undo", None), (again_id, "add", "unsourced")]


def test_add_a_claim_mid_paragraph_selecting_backwards(tmp_path):
    """v, to the end of a phrase in the middle of a paragraph, v drops the anchor there, b back
    word by word: exactly the phrase is stored, without the paragraph's other text."""
    url = fixture_db(tmp_path)
    phrase = "il s’agit de mettre Poutine en difficulté"

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if phrase in c.text)
            scr._set_index(idx)
            claim, text = scr.claim, scr.article.text
            target = text.index(phrase) + phrase.index("difficulté")
            hops = sum(1 for s, _ in words(text[claim.start:target + 1]) if s > 0)  # word starts up to it
            await press(app, pilot, "v", *["w"] * hops, "e")
            await press(app, pilot, "v")  # the anchor at the end of "difficulté"
            await press(app, pilot, *["b"] * 7)
            assert scr.query_one("SpanSelector").selection.selected == phrase
            await press(app, pilot, "u")
            return text

    text = run(go())
    (row,) = rows(url)
    assert row.action == "add" and row.label == "unsourced"
    assert row.text == phrase and text[row.start:row.end] == phrase


def test_selection_keys_move_the_cursor_not_the_view(tmp_path):
    """In a selection mode ↑ ↓ home end move the cursor (by line, to the paragraph's edges);
    the footer shows the selection keys, not the review keys."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            selector = scr.query_one("SpanSelector")
            text = scr.article.text
            await press(app, pilot, "e")
            start = selector.selection.cursor
            await press(app, pilot, "end")
            assert text[selector.selection.cursor + 1] == "\n"
            await press(app, pilot, "home")
            assert selector.selection.cursor == start
            await press(app, pilot, "down")
            assert selector.selection.cursor > start
            keys = {b.binding.action for b in app.active_bindings.values() if b.binding.show and b.enabled}
            assert "confirm" in keys and "label('attributed')" not in keys and "next_claim" not in keys
            await press(app, pilot, "escape")
            assert scr.mode is Mode.REVIEW and not rows(url)

    run(go())


def test_a_fuzzily_typed_source_is_stored_without_spaces(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "e", "t")
            await pilot.press("ctrl+u")
            for ch in "  contre offensive ":
                await pilot.press("space" if ch == " " else ch)
            await press(app, pilot, "enter")

    run(go())
    (row,) = rows(url)
    assert row.source_text == row.source_text.strip() and "contre offensive" in row.source_text


def test_move_claim_boundaries_by_word(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            scr._set_index(1)
            claim = scr.claim
            await press(app, pilot, "greater_than_sign")  # start one word right
            await press(app, pilot, "left_curly_bracket")  # end one word left
            await press(app, pilot, "less_than_sign")  # start back one word left
            return claim, scr.claim, scr.article.text

    before, after, text = run(go())
    r1, r2, r3 = rows(url)
    assert all(r.action == "bounds" for r in (r1, r2, r3))
    assert r1.start == before.start + len(before.text.split()[0]) + 1 and r1.end == before.end
    assert r2.end < before.end and text[r2.start:r2.end] == r2.text
    assert r3.start == before.start and (after.start, after.end) == (r3.start, r3.end)


def test_note(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "m")
            for ch in "doubt":
                await pilot.press(ch)
            await press(app, pilot, "enter")
            return app.screen.claim

    claim = run(go())
    (row,) = rows(url)
    assert row.action == "note" and row.note == "doubt" and claim.note == "doubt"


def test_navigation_claims_articles_and_next_unreviewed(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            await press(app, pilot, "j", "j", "k")
            assert scr.index == 1
            await press(app, pilot, "n")
            assert scr.article.id.startswith("001_")
            await press(app, pilot, "right_square_bracket")
            assert scr.article.id.startswith("002_")
            await press(app, pilot, "p", "left_square_bracket")
            assert scr.article.id.startswith("000_")
            # decide everything in the first article, then g jumps to the next article's work
            for _ in scr.article.claims:
                await press(app, pilot, "u")
            await press(app, pilot, "g")
            assert scr.article.id.startswith("001_") and not scr.claim.decided

    run(go())


def test_search_opens_the_matching_article(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "slash")
            assert isinstance(app.screen, SearchScreen)
            for ch in "Pas grand":
                await pilot.press("space" if ch == " " else ch)
            await app.workers.wait_for_complete()
            await settle(app, pilot)
            assert app.screen.hits
            await press(app, pilot, "enter")
            scr = app.screen
            assert scr.article.id.startswith("003_")
            assert "Pas grand-chose" in scr.claim.text

    run(go())


def test_article_list_filter_and_open(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "l")
            lst = app.screen
            assert isinstance(lst, ArticleListScreen)
            assert len(lst._visible()) == 5
            await press(app, pilot, "tab")
            assert lst.filter == "to do" and len(lst._visible()) == 5
            await press(app, pilot, "tab")
            assert lst.filter == "done" and lst._visible() == []
            await press(app, pilot, "tab", "down", "down", "enter")
            assert app.screen.article.id.startswith("002_")

    run(go())


def test_help_lists_every_key(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            described = {d for _, d in app.screen.rows}
            assert {"Attributed", "Unsourced", "Contested", "Not a claim", "Undo", "Redo", "Search"} <= described
            selecting = {d for _, d in app.screen.selection_rows}
            assert {"Other end (the anchor becomes the moving end)", "Previous word start", "Line ↓", "Paragraph end", "Cancel"} <= selecting
            await press(app, pilot, "escape")
            assert not isinstance(app.screen, HelpScreen)

    run(go())


def test_resume_after_restart(tmp_path):
    url = fixture_db(tmp_path)

    async def first():
        async with session(url) as (app, pilot):
            await press(app, pilot, "n")  # second article
            await press(app, pilot, "a", "u")
            return app.screen.article.id, app.screen.claim.id

    aid, cid = run(first())

    async def second():
        async with session(url) as (app, pilot):
            scr = app.screen
            assert scr.article.id == aid and scr.claim.id == cid
            assert [c.label for c in scr.article.claims[:2]] == ["attributed", "unsourced"]
            assert scr.corpus_done == 2

    run(second())


def test_reviewers_do_not_share_current_decisions(tmp_path):
    url = fixture_db(tmp_path)

    async def alice():
        async with session(url, "alice") as (app, pilot):
            await press(app, pilot, "a")

    run(alice())

    async def bob():
        async with session(url, "bob") as (app, pilot):
            scr = app.screen
            assert scr.index == 0 and scr.claim.label is None and scr.corpus_done == 0

    run(bob())


def test_quit_waits_for_pending_writes(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await pilot.press("a", "u", "q")

    run(go())
    assert [r.label for r in rows(url)] == ["attributed", "unsourced"]


def test_keymap_file_remaps_a_binding(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.attributed" = "h"\n"select.word_right" = "W"\n', encoding="utf-8")

    async def go():
        async with session(url, keymap_file=km) as (app, pilot):
            await press(app, pilot, "h")
            await press(app, pilot, "a")  # no longer bound
            await press(app, pilot, "question_mark")
            assert ("h", "Attributed") in app.screen.rows
            assert ("W", "Next word start") in app.screen.selection_rows
            await press(app, pilot, "escape")

    run(go())
    assert [r.label for r in rows(url)] == ["attributed"]


def test_a_keymap_may_name_a_shifted_letter_either_way(tmp_path):
    # a terminal sends shift+h as "H": a binding remapped to "shift+h" must still fire
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.attributed" = "shift+h"\n"review.unsourced" = "J"\n', encoding="utf-8")

    async def go():
        async with session(url, keymap_file=km) as (app, pilot):
            await press(app, pilot, "H")
            await press(app, pilot, "shift+j")  # (as a terminal speaking the kitty protocol sends it)

    run(go())
    assert [r.label for r in rows(url)] == ["attributed", "unsourced"]


def test_markup_and_escapes_render_literally(tmp_path):
    from workbench.store import make_engine
    from workbench.services.importing import import_paths

    f = tmp_path / "markup.txt"
    f.write_text("Titre [bold]gras[/] et \x1b[31mrouge\x1b[0m.\nLe ministre a déclaré que [red]tout[/red] allait bien.\n",
                 encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'm.db'}"
    import_paths(make_engine(url), [f])

    async def go():
        async with session(url) as (app, pilot):
            view = app.screen.query_one("ArticleView")
            lines = [view.render_line(y).text for y in range(3)]
            assert "[bold]gras[/]" in lines[0] and "␛[31mrouge" in lines[0]
            assert "[red]tout[/red]" in lines[1]

    run(go())


def test_long_article_scrolls_to_focused_claim(tmp_path):
    from workbench.store import make_engine
    from workbench.services.importing import import_paths

    para = "Le ministère a déclaré lundi que la situation restait stable dans la région {n}. "
    text = "Titre de l'article long\n" + "\n".join(para.format(n=n) * 3 for n in range(450))
    assert len(text) > 100_000
    f = tmp_path / "long.txt"
    f.write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'l.db'}"
    import_paths(make_engine(url), [f])

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            n = len(scr.article.claims)
            scr._set_index(n - 1)
            await settle(app, pilot)
            view = scr.query_one("ArticleView")
            assert view.scroll_offset.y > 1000
            assert len(view._cache) < 200  # only what was drawn is cached

    run(go())


def test_the_focused_claim_stays_in_view_when_the_window_is_resized(tmp_path):
    """The lines wrap anew at another width: the focused claim stays on screen (the view kept its
    line number, which is other text after the rewrap: the claim went out of view)."""
    from workbench.store import make_engine
    from workbench.services.importing import import_paths

    para = "Le ministère a déclaré lundi que la situation restait stable dans la région {n}. "
    f = tmp_path / "long.txt"
    f.write_text("Titre de l'article long\n" + "\n".join(para.format(n=n) * 3 for n in range(300)), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'l.db'}"
    import_paths(make_engine(url), [f])

    def in_view(view, claim) -> bool:
        top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
        return top <= view.line_of(claim.start) < top + height

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            scr._set_index(400)
            await settle(app, pilot)
            view = scr.query_one("ArticleView")
            assert in_view(view, scr.claim)
            for size in ((64, 20), (140, 40), (90, 30)):
                await pilot.resize_terminal(*size)
                await settle(app, pilot)
                await pilot.pause(0.05)
                assert in_view(view, scr.claim), size

    run(go())


def test_clicking_a_claim_focuses_it(tmp_path):
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            view = scr.query_one("ArticleView")
            target = scr.article.claims[3]
            line = view.line_of(target.start + 5)
            col = target.start + 5 - view._lines[line][0]
            y = line - int(view.scroll_offset.y)
            # content starts inside the border (1) and the left padding (1)
            await pilot.click("ArticleView", offset=(col + 2, y + 1))
            await settle(app, pilot)
            assert scr.index == 3

    run(go())


def test_boundary_keys_faster_than_the_database(tmp_path):
    """Boundary keys pressed before the earlier moves commit each move one more word: five
    presses, five words, five rows, none of them a repeat of the one before."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            scr._set_index(1)
            claim = scr.claim
            for _ in range(5):
                # five presses handled before any of their writes is shown (what a fast typist
                # does to a busy database): the key's action, called the way its binding calls it
                scr.action_move("start", 1)
            await settle(app, pilot)
            return claim, scr.claim, scr.article.text

    before, after, text = run(go())
    starts = [r.start for r in rows(url)]
    expected, pos = [], before.start
    for _ in range(5):
        pos = text.index(" ", pos) + 1
        while text[pos].isspace():
            pos += 1
        expected.append(pos)
    assert starts == expected
    assert after.start == expected[-1] and after.end == before.end


def test_a_claim_keeps_a_whole_word(tmp_path):
    """Shrinking a claim stops at its last whole word: no bound inside a word, no empty claim."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            scr._set_index(1)
            claim = scr.claim
            for _ in range(len(claim.text.split()) + 3):
                await press(app, pilot, "left_curly_bracket")  # the end one word left, again and again
            shrunk = scr.claim
            for _ in range(3):
                await press(app, pilot, "greater_than_sign")  # the start past the only word left
            return claim, shrunk, scr.claim

    before, shrunk, after = run(go())
    assert shrunk.text == before.text.split()[0]
    assert (after.start, after.end) == (shrunk.start, shrunk.end)
    assert len(rows(url)) == len(before.text.split()) - 1


def test_keys_faster_than_the_database(tmp_path):
    """Keys pressed before earlier writes commit keep their meaning: each label key decides the
    next claim, and undo / redo apply to the actions typed before them."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            ids = [c.id for c in scr.article.claims[:4]]
            await pilot.press("a", "u", "x", "c", "z", "z", "y")  # no waiting in between
            await settle(app, pilot)
            return ids, [c.label for c in scr.article.claims[:4]]

    ids, shown = run(go())
    assert shown == ["attributed", "unsourced", "not_claim", None]
    history = [(r.candidate_id, r.action, r.label) for r in rows(url)]
    assert history == [
        (ids[0], "decide", "attributed"), (ids[1], "decide", "unsourced"), (ids[2], "decide", "not_claim"),
        (ids[3], "decide", "contested"), (ids[3], "undo", None), (ids[2], "undo", None),
        (ids[2], "redo", "not_claim"),
    ]


def test_article_keys_faster_than_the_database(tmp_path):
    """n n n typed faster than articles load moves three articles (each press counted from where
    the presses before it go, not from the article still shown), and p p back two."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            order = [s.id for s in scr.summaries]
            slow_article_loads(app, 0.15)
            first = order.index(scr.article.id)
            burst(app, "n", "n", "n")
            await settle(app, pilot)
            after_n = order.index(scr.article.id)
            burst(app, "p", "p")
            await settle(app, pilot)
            after_p = order.index(scr.article.id)
            burst(app, *"nnnnnnn")  # past the last article: stops there
            await settle(app, pilot)
            return first, after_n, after_p, order.index(scr.article.id), len(order)

    first, after_n, after_p, last, n = run(go())
    assert (after_n, after_p, last) == (first + 3, first + 1, n - 1)


def test_labels_typed_right_after_n_go_to_the_next_article(tmp_path):
    """n then labels at once, as a fast typist does: the labels are the next article's (they were
    written on the article still shown, whose claims the reviewer had moved away from)."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            slow_article_loads(app, 0.3)
            first = scr.article.id
            burst(app, "c", "c", "n", "x", "x", "n", "u")
            await settle(app, pilot)
            await pilot.pause(0.1)
            await settle(app, pilot)
            order = [s.id for s in scr.summaries]
            return order, first

    order, first = run(go())
    i = order.index(first)
    article_of = {c.id: c.article_id for c in candidates(url)}
    got = [(r.label, article_of[r.candidate_id]) for r in rows(url)]
    assert got == [("contested", first), ("contested", first), ("not_claim", order[i + 1]),
                   ("not_claim", order[i + 1]), ("unsourced", order[i + 2])]


def test_ctrl_q_right_after_a_burst_of_keys_writes_them_all(tmp_path):
    """ctrl+q acts when typed, ahead of the keys typed just before it: those were lost, or the app
    crashed ("cannot schedule new futures after shutdown"). It now quits after them."""
    from pathlib import Path

    from workbench.cli import make_app

    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=Path("/nonexistent/keymap.toml"))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            burst(app, *"uuuu", "n", *"uuuu", "ctrl+q")
            await until_quit(app, pilot)
        return app.return_code

    assert run(go()) in (0, None)
    got = [r.label for r in rows(url)]
    assert got == ["unsourced"] * 8


def test_a_poll_of_the_session_watch_while_the_app_quits_is_no_crash(tmp_path):
    """The session watch polls the database every half second (a timer of the review screen):
    a poll that fired while quit waited for the database thread to shut down crashed the app
    ("cannot schedule new futures after shutdown"); the job is dropped instead."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            assert scr.sessions is not None and scr.sessions.seen is not None
            app._quitting = True  # as quit_now does, then the database thread shut down
            await app._shutdown_db()
            scr.sessions.poll()
            app.side(lambda: None)
            return app.db(lambda: 1)

    fut = run(go())
    assert fut.cancelled()


def test_typing_a_source_faster_than_the_prompt_opens(tmp_path):
    """e t and the source typed at once, as a fast typist does: every key reaches the prompt
    (t used to be lost while the selection took the focus, and what followed it went to the
    review keys until the prompt showed); m and a note likewise."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if "lundi le ministère" in c.text)
            scr._set_index(idx)
            burst(app, "e", "t", "ctrl+u", *"Royaume-Uni", "enter")
            await settle(app, pilot)
            await pilot.pause(0.1)
            await settle(app, pilot)
            assert scr.mode is Mode.REVIEW and app.screen is scr
            scr._set_index(idx)
            burst(app, "m", *"vu au", "enter")
            await settle(app, pilot)
            await pilot.pause(0.1)
            await settle(app, pilot)
            assert app.screen is scr
            return scr.article.claims[idx]

    claim = run(go())
    typed, noted = rows(url)
    assert (typed.action, typed.source_text, typed.candidate_id) == ("source", "Royaume-Uni", claim.id)
    assert (noted.action, noted.note, noted.candidate_id) == ("note", "vu au", claim.id)
    assert claim.source_text == "Royaume-Uni" and claim.note == "vu au"


def test_a_note_typed_ahead_replaces_the_old_one_as_typed_slowly(tmp_path):
    """The prompt opens with the note in force selected: typed slowly, the new note replaces it;
    typed faster than the prompt opens, it was added after it ("firstthird")."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            await press(app, pilot, "m", *"first", "enter")
            burst(app, "m", *"third", "enter")
            await settle(app, pilot)
            await pilot.pause(0.1)
            await settle(app, pilot)
            assert app.screen is scr
            return scr.claim

    claim = run(go())
    assert [r.note for r in rows(url)] == ["first", "third"] and claim.note == "third"


def test_a_typed_source_with_markup_is_shown_and_stored_literally(tmp_path):
    """A source typed as "[/bold]QQQQ" is text, not markup: the warning that it is not in the
    article used to crash the app (MarkupError), and a source that is in the article is stored
    as typed."""
    from workbench.services.importing import import_paths
    from workbench.store import make_engine

    f = tmp_path / "markup.txt"
    f.write_text("Titre\nLe porte-parole [/bold]QQQQ a déclaré lundi que la situation était stable.\n",
                 encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = make_engine(url)
    import_paths(engine, [f])
    engine.dispose()

    async def go():
        async with session(url, notifications=True) as (app, pilot):
            scr = app.screen
            idx = next(i for i, c in enumerate(scr.article.claims) if "a déclaré" in c.text)
            scr._set_index(idx)
            # not in the text: a warning quoting the typed value
            await press(app, pilot, "e", "t")
            await pilot.press("ctrl+u")
            await type_text(pilot, "[/bold]ZZZZ[red]")
            await press(app, pilot, "enter")
            await pilot.pause(0.2)  # the toast is drawn
            assert app.is_running and app.return_code is None
            notes = [n.message for n in app._notifications]
            assert any("[/bold]ZZZZ[red]" in m for m in notes), notes
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            assert any("[/bold]ZZZZ[red]" in t for t in toasts), toasts
            # in the text: stored as typed
            await press(app, pilot, "e", "t")
            await pilot.press("ctrl+u")
            await type_text(pilot, "[/bold]QQQQ")
            await press(app, pilot, "enter")
            await pilot.pause(0.1)
            assert app.is_running
            return scr.article.claims[idx]

    claim = run(go())
    (row,) = rows(url)
    assert row.source_text == "[/bold]QQQQ" and row.candidate_id == claim.id
    text = f.read_text("utf-8")
    assert text[row.source_start:row.source_end] == "[/bold]QQQQ"


def test_a_keymap_giving_a_key_another_binding_has_is_refused_and_named(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "clash.toml"
    km.write_text('[keymap]\n"review.attributed" = "u"\n', encoding="utf-8")  # u is Unsourced's

    async def go():
        async with session(url, keymap_file=km, notifications=True) as (app, pilot):
            await pilot.pause(0.2)
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            named = [t for t in toasts if "'u' would be both review.attributed and review.unsourced" in t]
            assert len(named) == 1, toasts
            await press(app, pilot, "u", "a")  # both keep their default keys
            await press(app, pilot, "question_mark")
            assert ("a 1", "Attributed") in app.screen.rows and ("u 2", "Unsourced") in app.screen.rows
            await press(app, pilot, "escape")

    run(go())
    assert [(r.action, r.label) for r in rows(url)] == [("decide", "unsourced"), ("decide", "attributed")]


def test_a_keymap_may_swap_two_keys(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "swap.toml"
    km.write_text('[keymap]\n"review.attributed" = "u,2"\n"review.unsourced" = "a,1"\n', encoding="utf-8")

    async def go():
        async with session(url, keymap_file=km, notifications=True) as (app, pilot):
            await pilot.pause(0.2)
            assert not list(app.screen.query("Toast"))  # no clash
            await press(app, pilot, "u", "a", "2", "1")
            await press(app, pilot, "question_mark")
            assert ("u 2", "Attributed") in app.screen.rows and ("a 1", "Unsourced") in app.screen.rows
            await press(app, pilot, "escape")

    run(go())
    assert [r.label for r in rows(url)] == ["attributed", "unsourced", "attributed", "unsourced"]


def test_a_keymap_error_quoting_markup_is_shown_literally(tmp_path):
    url = fixture_db(tmp_path)
    folder = tmp_path / "[/bold]conf"  # a folder "[" holding "bold]conf"
    folder.mkdir(parents=True)
    km = folder / "keymap.toml"
    km.write_text("keymap = 1\n", encoding="utf-8")  # not a table: the error names the file

    async def go():
        async with session(url, keymap_file=km, notifications=True) as (app, pilot):
            await pilot.pause(0.2)
            assert app.is_running
            toasts = [str(t.render()) for t in app.screen.query("Toast")]
            assert any("[/bold]conf" in t and "[keymap] must map" in t for t in toasts), toasts
            await press(app, pilot, "a")  # the default keys still work

    run(go())
    assert [r.label for r in rows(url)] == ["attributed"]


def test_a_keymap_id_that_no_binding_has_is_named(tmp_path):
    url = fixture_db(tmp_path)
    km = tmp_path / "keymap.toml"
    km.write_text('[keymap]\n"review.atributed" = "f"\n"review.nonsense_thing" = "F"\n"review.unsourced" = "U"\n',
                  encoding="utf-8")

    async def go():
        async with session(url, keymap_file=km, notifications=True) as (app, pilot):
            await pilot.pause(0.2)
            toasts = " ".join(str(t.render()) for t in app.screen.query("Toast"))
            assert "'review.atributed': no such binding id (did you mean 'review.attributed'?)" in toasts, toasts
            assert "'review.nonsense_thing': no such binding id" in toasts
            assert "review.unsourced'" not in toasts  # a known id is not named
            await press(app, pilot, "U")  # the known one is remapped all the same

    run(go())
    assert [r.label for r in rows(url)] == ["unsourced"]


def test_every_binding_id_the_readme_lists_exists():
    import re
    from pathlib import Path

    from workbench.tui.app import _all_bindings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`((?:review|select|adjudicate|list|search|help|prompt|agreement|consistency)"
                            r"\.[a-z_]+)`", readme))
    known = {b.id for b in _all_bindings() if b.id}
    assert listed and not listed - known, sorted(listed - known)


@pytest.mark.parametrize("width", [80, 60])
def test_the_status_bar_keeps_its_figures_on_a_narrow_terminal(tmp_path, width):
    from workbench.tui.widgets.status_bar import StatusBar

    url = fixture_db(tmp_path)

    async def go():
        async with session(url, size=(width, 24)) as (app, pilot):
            await press(app, pilot, "a")
            await pilot.pause(0.2)
            bar = app.screen.query_one(StatusBar)
            shown = bar.render().plain
            assert len(shown) <= width, shown
            assert "1/18" in shown and "1/80" in shown and "0/5" in shown, shown
            assert "…" in shown  # the title gave way, not the figures

    run(go())


def test_a_pasted_note_is_cut_at_the_limit(tmp_path):
    """Every input is bounded: a paste of 5,000 characters into the note prompt keeps NOTE_MAX
    (before, a million-character paste was stored, and a long paste typed as keys froze the app)."""
    from textual import events
    from textual.widgets import Input

    from workbench.domain import NOTE_MAX

    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            await press(app, pilot, "m")
            app.screen.query_one(Input).post_message(events.Paste("why " * 1250))
            await pilot.pause()
            for ch in "xyz":  # typing at the limit adds nothing
                await pilot.press(ch)
            await press(app, pilot, "enter")
            return app.screen.claim

    claim = run(go())
    (row,) = rows(url)
    assert row.action == "note" and len(row.note) == NOTE_MAX and row.note == ("why " * 1250)[:NOTE_MAX]
    assert claim.note == row.note


def test_the_arrow_keys_step_through_claims_in_an_article_taller_than_the_window(tmp_path):
    """↓ / ↑ are j / k (README): the focused article view's scroll binding took them once the
    article no longer fitted, and ↓ scrolled the text while the claim stayed."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url, size=(80, 24)) as (app, pilot):
            scr = app.screen
            view = scr.query_one("#article")
            assert view.virtual_size.height > view.size.height  # (taller than the window)
            await press(app, pilot, "down", "down")
            assert scr.index == 2
            await press(app, pilot, "up")
            assert scr.index == 1
            await press(app, pilot, "pagedown")  # the view's other scroll keys still scroll it
            assert view.scroll_y > 0 and scr.index == 1

    run(go())


def test_the_same_label_pressed_again_is_undone_by_one_z(tmp_path):
    """Found by QA: typing past the last claim of an article wrote the same decision again and
    again, and "z" seemed to do nothing until it had undone each copy. The repeats write nothing:
    one z takes the claim back to undecided, the next undoes the action before."""
    url = fixture_db(tmp_path)

    async def go():
        async with session(url) as (app, pilot):
            scr = app.screen
            claims = scr.article.claims
            await press(app, pilot, "u")  # the first claim: unsourced (the action before)
            scr._set_index(len(claims) - 1)
            last = scr.claim.id
            burst(app, "a", "a", "a")
            await settle(app, pilot)
            after_a = scr.claim.label
            await press(app, pilot, "z")
            after_z = next(c.label for c in scr.article.claims if c.id == last)
            await press(app, pilot, "z")
            first = scr.article.claims[0].label
            return last, claims[0].id, after_a, after_z, first

    last, first_id, after_a, after_z, first = run(go())
    assert (after_a, after_z, first) == ("attributed", None, None)
    history = [(r.candidate_id, r.action, r.label) for r in rows(url)]
    assert history == [(first_id, "decide", "unsourced"), (last, "decide", "attributed"), (last, "undo", None),
                       (first_id, "undo", None)]
