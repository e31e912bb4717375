"""Corpus-level linking end to end: a syndicated copy of a fixture is reported at import and
linked; the TUI shows a claim's twin with its label and applies it with one key (as a
suggestion, never a decision); decisions propagate to undecided twins; an inconsistent pair is
listed by stats and in the TUI; ``workbench similar``."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select, text

from tests.functional.tui_helpers import FIXTURES, press, run, session, settle
from workbench.cli import main
from workbench.services.importing import import_paths
from workbench.formats.articles import expand
from workbench.services import similarity, stats, suggestions
from workbench.store import make_engine
from workbench.store import tables
from workbench.services.review import ReviewService
from workbench.tui.screens.consistency import ConsistencyScreen

SOURCE = "003_58336a3358c5ca07.txt"


def syndicated_copy(folder: Path) -> Path:
    """The fixture as another outlet prints it: its own page furniture, a word changed here and
    there, typographic quotes swapped."""
    lines = (FIXTURES / SOURCE).read_text("utf-8").split("\n")
    lines = ["Le Courrier du Sud — Accueil › International", *lines, "Partager sur Facebook"]
    lines = [ln.replace("a déclaré", "a affirmé", 1) if i % 5 == 3 else ln for i, ln in enumerate(lines)]
    path = folder / "courrier-du-sud-peskov.txt"
    path.write_text("\n".join(lines).replace("«\u00a0", "« ", 2), "utf-8")
    return path


def cli(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def ids_by_text(engine, article_id: str) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: i for i, t in conn.execute(text("SELECT id, text FROM candidate WHERE article_id = :a"),
                                              {"a": article_id})}


def test_copy_is_reported_twins_shown_applied_and_inconsistencies_listed(tmp_path, capsys, db_url):
    url = db_url
    assert cli(capsys, "import", "--db", url, FIXTURES)[0] == 0
    copy = syndicated_copy(tmp_path)
    rc, out, err = cli(capsys, "import", "--db", url, copy)
    assert rc == 0, err
    assert f"near copy: {copy.name} ≈ {SOURCE}" in out
    engine = make_engine(url)
    assert stats.article_links(engine, copy.name)[0][0] == SOURCE
    assert stats.article_links(engine, SOURCE)[0][0] == copy.name

    # bob decides every claim of the original: its twins in the copy learn from it
    bob = ReviewService(engine, "bob")
    orig = ids_by_text(engine, SOURCE)
    for t, cid in orig.items():
        bob.decide(cid, "attributed" if "déclaré" in t or "a dit" in t else "unsourced")
    assert cli(capsys, "suggest", "--db", url)[0] == 0
    twins = ids_by_text(engine, copy.name)
    same = [twins[t] for t in twins if t in orig]
    assert len(same) >= 5, "the copy shares most of its sentences with the original"
    with engine.connect() as conn:
        sugg = suggestions.effective_suggestions(conn, list(twins.values()))
    assert {c for c in same if c in sugg} == set(same)
    # a suggestion is not a decision
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations).where(
            tables.annotations.c.candidate_id.in_(list(twins.values())))).scalar_one() == 0

    # workbench similar: the twin of an original claim, best first, with its label
    some = same[0]
    orig_id = next(i for t, i in orig.items() if twins.get(t) == some)
    rc, out, err = cli(capsys, "similar", "--db", url, orig_id, "--json", "--limit", "3")
    rows = json.loads(out)
    assert rows[0]["article"] == copy.name and rows[0]["score"] >= 95 and rows[0]["claim_id"] == some
    rc, out, err = cli(capsys, "similar", "--db", url, orig_id, "--json")
    assert all(r["article"] != SOURCE for r in rows)

    # alice, in the TUI: the twin and its label show in the panel, and f makes it the
    # suggestion (no decision), enter accepts it
    async def alice():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            scr.open_article(copy.name, some)
            await settle(app, pilot)
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if scr.sim_index is not None and scr.twins.get(some):
                    break
            top = scr.twins[some][0]
            assert top.article_id == SOURCE and top.label is None  # blind: bob's label hidden
            await press(app, pilot, "o")
            for _ in range(200):
                await app.side_idle()
                await pilot.pause(0.01)
                if scr.twins.get(some):
                    break
            top = scr.twins[some][0]
            assert top.label == bob.claim(top.id).label
            before = scr.claim
            await press(app, pilot, "f")
            assert scr.claim.id == some and scr.claim.suggested_label == top.label
            assert scr.claim.label is None and scr.claim.suggestion_reason
            await press(app, pilot, "enter")
            assert before.id == some
            return top.label

    label = run(alice())
    assert ReviewService(engine, "alice").claim(some).label == label

    # a deliberately inconsistent pair: alice labels another twin against bob's decision
    other = next(c for c in same if c != some)
    bob_label = next(bob.claim(i).label for t, i in orig.items() if twins.get(t) == other)
    wrong = "contested" if bob_label != "contested" else "not_claim"
    ReviewService(engine, "alice").decide(other, wrong)
    rc, out, err = cli(capsys, "stats", "--db", url)
    assert "Near-identical claims with different labels" in out and wrong in out
    groups = similarity.inconsistent_groups(engine)
    assert any({m.id for m in g} >= {other} for g in groups)

    async def look():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if scr.sim_index is not None:
                    break
            # everyone's decisions (o): alice's label against bob's (blind review lists hers only)
            await press(app, pilot, "o", "i")
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if isinstance(app.screen, ConsistencyScreen) and app.screen.groups is not None:
                    break
            found = app.screen.groups
            assert any(other in {m.id for m in g} for g in found)
            await press(app, pilot, "enter")  # opens the first claim of the first group
            assert scr.claim.id == found[0][0].id

    run(look())
    engine.dispose()


def test_decision_in_the_tui_suggests_its_label_to_undecided_twins(tmp_path, db_url):
    url = db_url
    engine = make_engine(url)
    import_paths(engine, expand([str(FIXTURES)]), jobs=1)
    copy = syndicated_copy(tmp_path)
    import_paths(engine, [copy], jobs=1)
    orig = ids_by_text(engine, SOURCE)
    twins = ids_by_text(engine, copy.name)
    engine.dispose()

    async def go():
        async with session(url, "carol") as (app, pilot):
            scr = app.screen
            first = next(i for t, i in orig.items() if t in twins)
            scr.open_article(SOURCE, first)
            await settle(app, pilot)
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if scr.sim_index is not None:
                    break
            assert scr.claim.id == first
            await press(app, pilot, "x")
            twin = next(twins[t] for t, i in orig.items() if i == first)
            for _ in range(500):  # propagation runs once the reviewer pauses (a second)
                await app.side_idle()
                await pilot.pause(0.01)
                with app.engine.connect() as conn:
                    if suggestions.effective_suggestions(conn, [twin]):
                        break
            return first

    first = run(go())
    engine = make_engine(url)
    twin = next(twins[t] for t, i in orig.items() if i == first)
    with engine.connect() as conn:
        sugg = suggestions.effective_suggestions(conn, [twin])
    assert sugg[twin][0] == "not_claim" and str(first) in sugg[twin][1]
    engine.dispose()


def test_reimport_of_an_edited_article_moves_every_decision(tmp_path, capsys, db_url):
    """A correction: a paragraph inserted, one deleted, a typo fixed inside a claim, two
    paragraphs swapped. Every decision lands on the same sentence in the new text; the claim
    of the deleted paragraph is orphaned, shown and exported as such, never dropped."""
    folder = tmp_path / "v1"
    folder.mkdir()
    old_text = (FIXTURES / SOURCE).read_text("utf-8")
    lines = old_text.split("\n")
    para = [i for i, ln in enumerate(lines) if len(ln) > 80]
    assert len(para) >= 7, "the fixture has enough paragraphs to edit"
    deleted = lines[para[2]]
    typo_line = max(para[3:5], key=lambda i: len(lines[i]))
    fixed_word = max((w for w in lines[typo_line].split() if w.isalpha()), key=len)
    typo = fixed_word[:2] + fixed_word[3] + fixed_word[2] + fixed_word[4:]  # two letters swapped
    old_lines = list(lines)
    old_lines[typo_line] = lines[typo_line].replace(fixed_word, typo, 1)
    # revision 1 carries the typo; the reviewer decides every claim of it
    url = db_url
    (folder / SOURCE).write_text("\n".join(old_lines), "utf-8")
    assert cli(capsys, "import", "--db", url, folder)[0] == 0
    engine = make_engine(url)
    store = ReviewService(engine, "ann")
    v1 = store.load_article(SOURCE)
    labels = ("attributed", "unsourced", "contested", "not_claim")
    for i, c in enumerate(v1.claims):
        store.decide(c.id, labels[i % 4])
    store.set_note(v1.claims[0].id, "kept through revisions")
    before = {c.id: (store.claim(c.id).text, store.claim(c.id).label) for c in v1.claims}
    assert any(typo in t for t, _ in before.values()), "the typo is inside a claim"

    new_lines = list(lines)  # typo fixed
    new_lines.insert(para[1], "Mise à jour : un paragraphe ajouté après la publication, pour le contexte.")
    new_lines.remove(deleted)
    a, b = para[5] + 0, para[6] + 0  # swap two later paragraphs (indexes shifted by +1 -1 = 0)
    new_lines[a], new_lines[b] = new_lines[b], new_lines[a]
    new_text = "\n".join(new_lines)
    (folder / SOURCE).write_text(new_text, "utf-8")
    rc, out, err = cli(capsys, "import", "--db", url, folder)
    assert rc == 0, err
    assert f"revised: {SOURCE} is now revision 2" in out

    v2 = store.load_article(SOURCE)
    assert v2.text == new_text
    moved = {c.id: c for c in v2.claims}
    orphans = {c.id: c for c in v2.orphans}
    for cid, (text_before, label) in before.items():
        if cid in orphans:
            assert text_before.strip() in deleted or deleted.strip() in text_before
            assert orphans[cid].label == label  # the decision is kept
            continue
        c = moved[cid]
        assert c.label == label
        assert new_text[c.start:c.end] == c.text
        if typo in text_before:
            assert c.text == text_before.replace(typo, fixed_word)
        else:
            assert c.text == text_before
    assert orphans, "the deleted paragraph's claim is orphaned"
    first = v1.claims[0].id
    assert (moved.get(first) or orphans[first]).note == "kept through revisions"
    rows = [json.loads(x) for x in cli(capsys, "export", "--db", url, "-o", "-")[1].splitlines()]
    orphan_rows = [r for r in rows if r["orphaned"]]
    assert {r["id"] for r in orphan_rows} == set(orphans)
    assert all(r["revision"] == 1 for r in orphan_rows)
    assert all(new_text[r["start"]:r["end"]] == r["text"] for r in rows if not r["orphaned"])
    spans = [json.loads(x) for x in cli(capsys, "export", "--db", url, "--format", "spans", "-o", "-")[1].splitlines()]
    (rec,) = [r for r in spans if r["meta"]["id"] == SOURCE]
    assert all(rec["text"][s["start"]:s["end"]] == s["text"] for s in rec["spans"])
    assert {o["claim_id"] for o in rec["orphaned"]} == set(orphans)
    engine.dispose()


def test_source_names_are_grouped_in_stats_and_export(tmp_path, capsys, db_url):
    url = db_url
    assert cli(capsys, "import", "--db", url, FIXTURES)[0] == 0
    engine = make_engine(url)
    store = ReviewService(engine, "ann")
    with engine.connect() as conn:
        sourced = conn.execute(text("SELECT id, source_text FROM candidate WHERE source_text IS NOT NULL")).all()
    peskov = {cid for cid, src in sourced if "Peskov" in src}
    assert len({src for cid, src in sourced if cid in peskov}) >= 2, "two spellings of one source"
    for cid, _src in sourced:
        store.decide(cid, "attributed")
    rows = [json.loads(x) for x in cli(capsys, "export", "--db", url, "-o", "-")[1].splitlines()]
    assert {r["source_name"] for r in rows if r["id"] in peskov} == {"Dmitri Peskov"}
    assert all(r["source_name"] is None for r in rows if r["source"] is None)
    per = dict((name, n) for name, n, _k in stats.claims_per_source(engine))
    assert per["Dmitri Peskov"] == len(peskov)
    out = cli(capsys, "stats", "--db", url)[1]
    assert "Claims per source" in out and "Dmitri Peskov" in out
    engine.dispose()


def test_the_same_article_in_decomposed_accents_is_a_near_copy(tmp_path, capsys, db_url):
    """Text from a Mac or some feeds spells accents decomposed (NFD: "e" + U+0301), and the
    import keeps text exactly as decoded. The same French story in NFC and in NFD was not
    linked (every accented clause hashed differently), so its two copies could land in two
    splits: found by QA importing fixture 003 in both forms."""
    import unicodedata

    text = (FIXTURES / SOURCE).read_text("utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire-nfc.txt").write_text(unicodedata.normalize("NFC", text), "utf-8")
    (folder / "wire-nfd.txt").write_text(unicodedata.normalize("NFD", text), "utf-8")
    rc, out, err = cli(capsys, "import", "--db", db_url, folder)
    assert rc == 0, err
    assert "near copy: wire-nfd.txt ≈ wire-nfc.txt (similarity 100" in out


def test_the_inconsistency_list_keeps_blind_review(tmp_path):
    """Blind review: `i` lists the near-identical claims the reviewer labelled differently, from
    their own decisions only; `o` (everyone's decisions) lists the other reviewers' too. Before,
    `i` showed every reviewer's label on every claim in blind review, claims the reviewer had not
    decided yet included, while the panel and the similar claims hid them."""
    url = f"sqlite:///{tmp_path / 'blind.db'}"
    engine = make_engine(url)
    import_paths(engine, expand([str(FIXTURES)]), jobs=1)
    copy = syndicated_copy(tmp_path)
    import_paths(engine, [copy], jobs=1)
    orig, twins = ids_by_text(engine, SOURCE), ids_by_text(engine, copy.name)
    pairs = [(orig[t], twins[t]) for t in orig if t in twins]
    # bob labels a statement and its twin differently; alice decides one claim elsewhere
    bob = ReviewService(engine, "bob")
    bob.decide(pairs[0][0], "attributed")
    bob.decide(pairs[0][1], "unsourced")
    ReviewService(engine, "alice").decide(pairs[1][0], "contested")
    assert any(m.labels.get("bob") for g in similarity.inconsistent_groups(engine) for m in g)

    async def listed(*keys):
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if scr.sim_index is not None:
                    break
            await press(app, pilot, *keys, "i")
            for _ in range(400):
                await app.side_idle()
                await pilot.pause(0.01)
                if isinstance(app.screen, ConsistencyScreen) and app.screen.groups is not None:
                    break
            return app.screen.groups

    assert run(listed()) == []  # bob's labels stay hidden
    assert any(m.labels.get("bob") == "unsourced" for g in run(listed("o")) for m in g)
    engine.dispose()
