"""Team review end to end: blind review, merging a claims export from another machine, agreement,
adjudication in the TUI, and the gold export."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select, text

from tests.functional.tui_helpers import FIXTURES, fixture_db, press, run, session
from workbench.cli import main, make_app
from workbench.services import team
from workbench.store import make_engine
from workbench.store import tables
from workbench.services.review import ReviewService
from workbench.tui.screens.adjudicate import AdjudicateScreen
from workbench.tui.screens.agreement import AgreementScreen

GOLD = [json.loads(line) for line in (FIXTURES / "gold" / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]


def cli(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def gold_label(engine) -> dict[int, str]:
    """candidate id -> the label of the fixtures' gold (by exact offsets)."""
    want = {(g["article"], g["start"], g["end"]): g["label"] for g in GOLD}
    with engine.connect() as conn:
        cands = conn.execute(text("SELECT id, article_id, start, \"end\" FROM candidate")).all()
    return {c.id: want[(c.article_id, c.start, c.end)] for c in cands if (c.article_id, c.start, c.end) in want}


def label_elsewhere(tmp_path: Path, reviewer: str, labels: dict[tuple[str, int, int], str]) -> Path:
    """A reviewer labels on another machine (their own database) and exports their claims."""
    other = tmp_path / "other"
    other.mkdir()
    url = fixture_db(other)
    engine = make_engine(url)
    store = ReviewService(engine, reviewer)
    with engine.connect() as conn:
        cands = conn.execute(text("SELECT id, article_id, start, \"end\" FROM candidate")).all()
    for c in cands:
        lbl = labels.get((c.article_id, c.start, c.end))
        if lbl:
            store.decide(c.id, lbl)
    out = tmp_path / "bob-claims.jsonl"
    assert main(["export", "--db", url, "-o", str(out)]) == 0
    engine.dispose()
    return out


async def adjudication_session(url: str, who: str = "judge"):
    app = make_app(url, who, keymap_file=Path("/nonexistent/keymap.toml"), adjudicate=True)
    return app


def disputed_claims(url: str, n: int, ann: str, bob: str):
    """ann and bob disagree (``ann`` vs ``bob``) on the first ``n`` claims of the database at
    ``url`` (a ``fixture_db``, built by the test itself so that it runs on PostgreSQL too):
    (engine, their ids)."""
    engine = make_engine(url)
    ids = sorted(gold_label(engine))[:n]
    for cid in ids:
        ReviewService(engine, "ann").decide(cid, ann)
        ReviewService(engine, "bob").decide(cid, bob)
    return engine, ids


async def wait_ready(app, pilot) -> None:
    for _ in range(2000):
        if isinstance(app.screen, AdjudicateScreen) and app.screen.ready:
            break
        await pilot.pause(0.005)
    else:
        raise AssertionError("the adjudication screen never loaded")
    await app.db_idle()
    await pilot.pause()


async def key(app, pilot, *keys) -> None:
    for k in keys:
        await pilot.press(k)
        for _ in range(3):
            await app.db_idle()
            await pilot.pause()


def test_two_reviewers_agreement_adjudication_and_gold(tmp_path, capsys):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    gold = gold_label(engine)
    first_article = sorted({g["article"] for g in GOLD})[0]
    n_first = sum(1 for g in GOLD if g["article"] == first_article)

    # alice labels the first article in the TUI: she accepts the suggestions, but rejects every
    # third claim as not a claim
    async def alice():
        async with session(url, "alice") as (app, pilot):
            assert app.screen.article.id == first_article
            await press(app, pilot, *["x" if i % 3 == 0 else "enter" for i in range(n_first)])

    run(alice())
    # bob labels the same article on his machine, from the gold, and sends his export
    bob_file = label_elsewhere(tmp_path, "bob", {(g["article"], g["start"], g["end"]): g["label"]
                                                 for g in GOLD if g["article"] == first_article})
    rc, out, err = cli(capsys, "import", "--db", url, bob_file)
    assert rc == 0, err
    assert f"{n_first} added, 0 already there" in out
    rc, out, err = cli(capsys, "import", "--db", url, bob_file)  # exactly once
    assert rc == 0 and f"0 added, {n_first} already there" in out

    decisions = list(team.iter_decisions(engine))
    by = {r: {c: lbl for c, rr, lbl in decisions if rr == r} for r in ("alice", "bob")}
    assert len(by["alice"]) == len(by["bob"]) == n_first
    assert all(gold[c] == lbl for c, lbl in by["bob"].items())

    # the agreement command: Cohen's kappa computed here by hand from the two label lists
    rc, out, err = cli(capsys, "agreement", "--db", url, "--json")
    assert rc == 0, err
    rep = json.loads(out)
    items = sorted(by["alice"])
    a = [by["alice"][i] for i in items]
    b = [by["bob"][i] for i in items]
    po = sum(x == y for x, y in zip(a, b)) / len(items)
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / len(items) ** 2
    ((pair),) = rep["pairs"]
    assert (pair["a"], pair["b"], pair["n"]) == ("alice", "bob", n_first)
    assert abs(pair["cohen_kappa"] - (po - pe) / (1 - pe)) < 1e-9
    assert rep["krippendorff_alpha"] is not None and -1 <= rep["krippendorff_alpha"] <= 1
    assert rep["fleiss_kappa"] is not None
    disagreements = sorted(i for i in items if by["alice"][i] != by["bob"][i])
    assert disagreements, "the extractor's suggestions equal the gold: nothing to adjudicate"
    rc, out, err = cli(capsys, "agreement", "--db", url)
    assert rc == 0 and "Cohen's kappa" in out and "Krippendorff" in out

    # an adjudicator walks the disagreements in the TUI and gives the gold label to each
    keys = {"attributed": "a", "unsourced": "u", "contested": "c", "not_claim": "x"}

    async def judge():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert [c.id for c in scr.claims] == disagreements
            for _ in disagreements:
                await key(app, pilot, keys[gold[scr.claim.id]])
            assert all(c.adjudication and c.adjudication.label == gold[c.id] for c in scr.claims)
            await key(app, pilot, "s")
            for _ in range(200):
                if isinstance(app.screen, AgreementScreen) and app.screen.report is not None:
                    break
                await key(app, pilot)
            assert app.screen.report.pair("alice", "bob")["n"] == n_first
            await key(app, pilot, "escape", "q")

    run(judge())

    out_file = tmp_path / "gold.jsonl"
    rc, out, err = cli(capsys, "export", "--db", url, "--gold", "-o", out_file)
    assert rc == 0, err
    rows = [json.loads(x) for x in out_file.read_text("utf-8").splitlines()]
    assert len(rows) == n_first
    assert {r["id"]: r["label"] for r in rows} == {c: gold[c] for c in items}
    rules = Counter(r["rule"] for r in rows)
    assert rules == {"adjudicated": len(disagreements), "unanimous": n_first - len(disagreements)}
    assert all(r["adjudicator"] == "judge" for r in rows if r["rule"] == "adjudicated")
    assert all(set(r["reviewers"]) == {"alice", "bob"} for r in rows)

    # every decision with its reviewer by default; one reviewer's with --reviewer
    rc, out, err = cli(capsys, "export", "--db", url, "-o", "-")
    every = [json.loads(x) for x in out.splitlines()]
    assert Counter(r["reviewer"] for r in every) == {"alice": n_first, "bob": n_first}
    rc, out, err = cli(capsys, "export", "--db", url, "--reviewer", "bob", "-o", "-")
    assert {json.loads(x)["reviewer"] for x in out.splitlines()} == {"bob"}
    engine.dispose()


def test_one_reviewers_export_with_unreviewed_covers_every_candidate_with_only_their_decisions(tmp_path, capsys):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    ann.decide(ids[0], "contested")
    ann.decide(ids[1], "not_claim")
    bob.decide(ids[1], "attributed")
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM candidate")).scalar_one()
    engine.dispose()
    rc, out, err = cli(capsys, "export", "--db", url, "--reviewer", "bob", "--include-unreviewed", "-o", "-")
    rows = [json.loads(x) for x in out.splitlines()]
    assert rc == 0 and len(rows) == n
    decided = [r for r in rows if r["status"] == "decided"]
    assert [(r["reviewer"], r["label"]) for r in decided] == [("bob", "attributed")]
    assert all(r["reviewer"] is None and r["status"] == "suggested" for r in rows if r is not decided[0])
    ann_first = next(r for r in rows if r["id"] == ids[0])  # ann's decision is not bob's: a suggestion
    assert ann_first["label"] == ann_first["suggested_label"] != "contested"


def test_round_trip_into_a_fresh_database_gives_the_same_decisions(tmp_path, capsys):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    ann.decide(ids[0], "attributed")
    ann.set_source(ids[0], (0, 5))
    ann.set_note(ids[0], "source is the first word")
    bob.decide(ids[1], "contested")
    claim = ann.claim(ids[2])
    ann.set_bounds(ids[2], claim.start, claim.end - 1)
    ann.decide(ids[2], "unsourced")
    added = ann.add_claim("000_a05f25a83f551d02.txt", 10, 40, "not_claim")
    export = tmp_path / "claims.jsonl"
    assert cli(capsys, "export", "--db", url, "-o", export)[0] == 0

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    url2 = f"sqlite:///{fresh / 'b.db'}"
    rc, out, err = cli(capsys, "import", "--db", url2, FIXTURES, export)
    assert rc == 0, err
    assert "4 added, 0 already there, 0 suggested or gold row(s) skipped, 1 claim(s) added" in out

    def current(u):
        rows = [json.loads(x) for x in (lambda: (cli(capsys, "export", "--db", u, "-o", "-")[1]))().splitlines()]
        keep = ("article_id", "start", "end", "text", "label", "source", "reviewer", "note", "annotation_id",
                "annotated_at")
        return sorted((tuple(json.dumps(r[k], sort_keys=True) for k in keep) for r in rows))

    assert current(url) == current(url2)
    assert added.claim.start == 10

    # a gold export holds final labels, no reviewer's decisions: its rows are skipped, and said so
    # (they were counted as "suggestion(s) skipped")
    gold = tmp_path / "gold.jsonl"
    assert cli(capsys, "export", "--db", url, "--gold", "-o", gold)[0] == 0
    n_gold = len(gold.read_text("utf-8").splitlines())
    rc, out, err = cli(capsys, "import", "--db", url2, gold)
    assert rc == 0, err
    assert f"0 added, 0 already there, {n_gold} suggested or gold row(s) skipped, 0 claim(s) added" in out
    engine.dispose()


def test_a_bad_claims_export_is_one_line_and_imports_nothing(tmp_path, capsys):
    url = fixture_db(tmp_path)
    good = {"article_id": "000_a05f25a83f551d02.txt", "start": 0, "end": 222, "label": "unsourced",
            "reviewer": "zoe", "status": "decided", "text": None}
    path = tmp_path / "claims.jsonl"
    rows = [dict(good), dict(good, article_id="nope.txt"), dict(good, label="maybe")]
    for bad_line, err_part in ((2, "article 'nope.txt' is not in the database"), (3, "unknown label 'maybe'")):
        lines = [rows[0], rows[bad_line - 1]]
        path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", "utf-8")
        rc, out, err = cli(capsys, "import", "--db", url, path)
        assert rc == 1
        (line,) = err.strip().splitlines()
        assert str(path) in line and f"line 2: {err_part}" in line
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == 0
    engine.dispose()


def test_text_that_no_longer_matches_is_refused(tmp_path, capsys):
    url = fixture_db(tmp_path)
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps({"article_id": "000_a05f25a83f551d02.txt", "start": 0, "end": 5, "text": "XXXXX",
                                "label": "unsourced", "reviewer": "zoe", "status": "decided"}) + "\n", "utf-8")
    rc, out, err = cli(capsys, "import", "--db", url, path)
    assert rc == 1 and "line 1: the claim text differs" in err


def test_a_source_text_that_does_not_match_its_offsets_is_refused(tmp_path, capsys):
    """The claim text matched but the source's did not: the row was imported with the article's
    text at the source offsets ("Ave" for "le ministère"), a wrong source without a word (found
    by QA importing a hand-edited claims export)."""
    url = fixture_db(tmp_path)
    art = "000_a05f25a83f551d02.txt"
    text = (FIXTURES / art).read_text("utf-8")
    row = {"article_id": art, "start": 0, "end": 222, "text": text[0:222], "label": "attributed",
           "reviewer": "zoe", "status": "decided", "source": {"text": "le ministère", "start": 0, "end": 3}}
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(row) + "\n", "utf-8")
    rc, out, err = cli(capsys, "import", "--db", url, path)
    assert rc == 1
    (line,) = err.strip().splitlines()
    assert f"{path}: line 1: the source text differs from article '{art}' at 0:3" in line
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == 0
    engine.dispose()
    # the right text at those offsets imports (and a row without a source text, as before)
    path.write_text(json.dumps(dict(row, source={"text": text[0:4], "start": 0, "end": 4})) + "\n"
                    + json.dumps(dict(row, reviewer="yan", source={"start": 5, "end": 12})) + "\n", "utf-8")
    rc, out, err = cli(capsys, "import", "--db", url, path)
    assert rc == 0, err


def test_blind_review_hides_other_reviewers_until_asked(tmp_path):
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    first = min(gold_label(engine))
    ReviewService(engine, "bob").decide(first, "contested")
    ReviewService(engine, "bob").set_note(first, "bob's secret note")
    engine.dispose()

    async def go():
        async with session(url, "alice") as (app, pilot):
            scr = app.screen
            assert scr.claim.id == first and scr.claim.label is None
            panel = scr.query_one("#panel")
            shown = _plain(panel)
            assert "contested" not in shown and "bob" not in shown and "1 hidden" in shown
            await press(app, pilot, "o")
            shown = _plain(panel)
            assert "bob" in shown and "contested" in shown
            await press(app, pilot, "o")
            assert "bob" not in _plain(panel)

    run(go())


def _plain(widget) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, file=open("/dev/null", "w"))
    console.print(widget.render())
    return console.export_text()


def test_migration_gives_old_annotations_a_uid(db_url):
    from alembic import command

    from workbench.store.database import _alembic_config

    url = db_url
    engine = make_engine(url, migrate=False)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(text("INSERT INTO reviewer (id, name, created_at) VALUES (1, 'ann', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO article (id, title, text, content_hash, language, origin, meta, imported_at) "
                          "VALUES ('a', 't', 'Some text.', 'h', 'en', 'x', '{}', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO candidate (id, article_id, start, \"end\", text, score, reason, "
                          "extractor_version, origin, created_at) VALUES (1, 'a', 0, 10, 'Some text.', 0.5, '', "
                          "'rules-1', 'extractor', '2026-01-01 00:00:00')"))
        for i in (1, 2):
            conn.execute(text("INSERT INTO annotation (id, candidate_id, reviewer_id, created_at, action, label, "
                              "start, \"end\", text) VALUES (:i, 1, 1, '2026-01-01 00:00:00', 'decide', "
                              "'unsourced', 0, 10, 'Some text.')"), {"i": i})
    engine.dispose()
    engine = make_engine(url)  # upgrades to head
    with engine.connect() as conn:
        uids = conn.execute(text("SELECT uid FROM annotation")).scalars().all()
    assert len(uids) == 2 and all(uids) and len(set(uids)) == 2
    engine.dispose()


def test_adjudication_undo_walks_back_and_notes_are_written_at_once(tmp_path):
    """z takes back the session's rulings one by one down to an open claim (it did swap the last
    two for ever), a note on an open claim is a row at once (it was held in memory and lost by
    z or a quit), and a new ruling keeps the note in force."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    ReviewService(engine, "ann").decide(ids[0], "attributed")
    ReviewService(engine, "bob").decide(ids[0], "unsourced")

    def rulings():
        return [(r.label, r.note) for r in team.adjudication_history(engine, ids[0])]

    async def judge(keys_then):
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert scr.claim.id == ids[0]
            for k in keys_then:
                await key(app, pilot, k)
            return scr

    # a note on the open claim, then quit: the note is there, the claim still open
    run(judge(["m", "a", "s", "k", "space", "b", "o", "b", "enter", "q"]))
    assert rulings() == [(None, "ask bob")]
    # c, back (k), a, back, then z three times: attributed -> contested -> open (with the note
    # of the session before); the third z has nothing left of this session
    scr = run(judge(["c", "k", "a", "k", "z", "z", "z"]))
    assert [label for label, _ in rulings()] == [None, "contested", "attributed", "contested", None]
    assert all(n == "ask bob" for _, n in rulings())  # (kept by each ruling, brought back by each undo)
    assert scr.claim.adjudication.label is None and scr.undo_stack == []
    engine.dispose()


def test_undoing_a_ruling_keeps_a_later_ruling_made_elsewhere(tmp_path):
    """z on a claim that another adjudicator ruled on since writes nothing and says so; the next
    z goes on with the session's row before (it did put back what was in force before the
    session's ruling, wiping the other adjudicator's later one)."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    for cid in ids[:2]:
        ReviewService(engine, "ann").decide(cid, "attributed")
        ReviewService(engine, "bob").decide(cid, "unsourced")

    def labels(cid):
        return [r.label for r in team.adjudication_history(engine, cid)]

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40), notifications=True) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert scr.claim.id == ids[0]
            await key(app, pilot, "c")  # ids[0] contested, then on to ids[1]
            assert scr.claim.id == ids[1]
            await key(app, pilot, "a")  # ids[1] attributed
            team.adjudicate(engine, ids[1], "unsourced", "zoe")  # another adjudicator, later
            await key(app, pilot, "z")
            await app.db_idle()
            await pilot.pause()
            assert labels(ids[1]) == ["attributed", "unsourced"]  # zoe's ruling stays in force
            assert any("made elsewhere" in str(n.message) for n in app._notifications)
            assert scr.claims[[c.id for c in scr.claims].index(ids[1])].adjudication.label == "unsourced"
            await key(app, pilot, "z")  # the session's row before: ids[0], nothing newer elsewhere
            await app.db_idle()
            await pilot.pause()
            assert labels(ids[0]) == ["contested", None]
            assert scr.undo_stack == []

    run(go())
    # the session's own rows never block its own undo: rule, undo, rule, undo on one claim
    team.undo_ruling(engine, team.adjudicate(engine, ids[0], "attributed", "judge"), "judge", set())
    first = team.adjudicate(engine, ids[0], "contested", "judge")
    second = team.undo_ruling(engine, first, "judge", {first})
    team.undo_ruling(engine, second, "judge", {first, second})
    assert labels(ids[0])[-3:] == ["contested", None, "contested"]
    engine.dispose()


def test_adjudication_list_follows_decisions_made_elsewhere(tmp_path):
    """While the adjudicator works, reviewers go on: a new disagreement joins the list in its
    place, one the reviewers settle leaves it (the screen then shows the next), and the claim
    shown is drawn again with a decision changed elsewhere. Before, the list was read once."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    ann.decide(ids[1], "attributed")
    bob.decide(ids[1], "unsourced")

    async def wait_for(app, pilot, cond) -> None:
        for _ in range(400):
            await app.db_idle()
            await pilot.pause(0.02)
            if cond():
                return
        raise AssertionError("the screen did not follow the database")

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert [c.id for c in scr.claims] == [ids[1]] and scr.claim.id == ids[1]
            # a new disagreement, before the one shown: it joins the list, the cursor stays
            ann.decide(ids[0], "contested")
            bob.decide(ids[0], "not_claim")
            await wait_for(app, pilot, lambda: len(scr.claims) == 2)
            assert [c.id for c in scr.claims] == [ids[0], ids[1]] and scr.claim.id == ids[1]
            assert "0/2 disagreements resolved" in str(scr.query_one("#status").render())
            # a third reviewer on the claim shown: its decisions are drawn again
            ReviewService(engine, "cy").decide(ids[1], "attributed")
            await wait_for(app, pilot, lambda: len(scr.claim.decisions) == 3)
            assert scr.shown.claim.id == ids[1] and len(scr.shown.claim.decisions) == 3
            # bob agrees with the others now: the claim shown leaves the list, the other is shown
            bob.decide(ids[1], "attributed")
            await wait_for(app, pilot, lambda: [c.id for c in scr.claims] == [ids[0]])
            assert scr.claim.id == ids[0] and scr.shown.claim.id == ids[0]
            # another adjudicator rules on it: the ruling shows here
            team.adjudicate(engine, ids[0], "contested", "judge2")
            await wait_for(app, pilot, lambda: scr.claim.adjudication is not None)
            assert scr.claim.adjudication.label == "contested" and scr.claim.adjudication.adjudicator == "judge2"
            assert "1/1 disagreements resolved" in str(scr.query_one("#status").render())

    run(go())
    engine.dispose()


def test_gold_rows_keep_the_claims_cue_and_provenance(tmp_path, capsys):
    """A gold row is a claims row with the final label ("Gold rows add rule, adjudicator,
    reviewers"). Its cue was always null, and origin, score and extractor_version were
    missing, so a dataset of final labels lost the attribution cues and could not tell a claim
    a reviewer added from the extractor's (found by QA comparing the --gold export with the
    claims export of the same decisions: 55 of 74 gold rows had lost a cue)."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ann, bob = ReviewService(engine, "ann"), ReviewService(engine, "bob")
    with engine.connect() as conn:
        cued = conn.execute(text("SELECT id FROM candidate WHERE cue_text IS NOT NULL ORDER BY id")).scalars().first()
    for store in (ann, bob):
        store.decide(cued, "attributed")
    art = ann.load_article("000_a05f25a83f551d02.txt")
    added = ann.add_claim(art.id, 0, 4, "not_claim").claim.id
    engine.dispose()
    rc, out, err = cli(capsys, "export", "--db", url, "-o", "-")
    claims = {r["id"]: r for r in map(json.loads, out.splitlines()) if r["reviewer"] == "ann"}
    rc, out, err = cli(capsys, "export", "--db", url, "--gold", "-o", "-")
    assert rc == 0, err
    gold = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert set(gold) == {cued, added} and gold[cued]["rule"] == "unanimous"
    assert gold[cued]["cue"] is not None
    for cid in (cued, added):
        for field in ("cue", "origin", "score", "extractor_version"):
            assert gold[cid][field] == claims[cid][field], (cid, field)
    assert gold[added]["origin"] == "manual"


def test_label_keys_typed_before_a_ruling_is_written_rule_the_next_claims(tmp_path):
    """Keys typed faster than the database writes: a label key moves the adjudicator on at once,
    so the next key rules the next open claim. Before, the focus moved only once the ruling was
    written, so `c a u` typed quickly wrote three rulings on the first claim (the last, unsourced,
    in force) and left the two others open, while the screen went on as if each had been ruled."""
    import threading

    url = fixture_db(tmp_path)
    engine, ids = disputed_claims(url, 4, "attributed", "not_claim")

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert scr.claim.id == ids[0]
            gate = threading.Event()
            app.db(gate.wait, 10)  # the database is slow: nothing is written while the keys are typed
            for k in ("c", "a", "u"):
                await pilot.press(k)
            assert scr.claim.id == ids[3]  # the focus is already past the three claims ruled
            gate.set()
            for _ in range(3):
                await app.db_idle()
                await pilot.pause()
            assert scr.claim.id == ids[3]
            assert "3/4 disagreements resolved" in str(scr.query_one("#status").render())

    run(go())
    assert [[r.label for r in team.adjudication_history(engine, cid)] for cid in ids] == [
        ["contested"], ["attributed"], ["unsourced"], []]
    engine.dispose()


def test_a_note_saved_after_another_adjudicator_ruled_keeps_that_ruling(tmp_path):
    """The adjudicator opens the note prompt on an open claim; meanwhile another adjudicator rules
    on it; the note is saved. The note joins the ruling in force when it is written. Before, the
    note's row carried what was in force when the prompt opened (no label): the other
    adjudicator's ruling was no longer in force and the claim was open again, nothing said."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))
    ReviewService(engine, "ann").decide(ids[0], "attributed")
    ReviewService(engine, "bob").decide(ids[0], "unsourced")

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            assert app.screen.claim.id == ids[0]
            await key(app, pilot, "m", "a", "s", "k")
            team.adjudicate(engine, ids[0], "contested", "zoe")  # while the prompt is open
            await key(app, pilot, "enter")

    run(go())
    history = team.adjudication_history(engine, ids[0])
    assert [(r.label, r.adjudicator, r.note) for r in history] == [("contested", "zoe", None),
                                                                   ("contested", "judge", "ask")]
    engine.dispose()


def test_a_confirmed_majority_the_reviewers_changed_since_is_open_again(tmp_path, capsys):
    """enter confirms the majority label (rule majority); a reviewer then changes their label and
    the majority is another label. Before, the confirmation stayed in force: the gold export gave
    the old label with rule "majority" beside reviewers of whom most gave another, and the
    adjudication screen counted the claim resolved. Now the claim is open again: the gold label
    is the new majority's, and the screen lists it as open."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    cid, other = sorted(gold_label(engine))[:2]
    ann, bob, cy = (ReviewService(engine, n) for n in ("ann", "bob", "cy"))
    for c in (cid, other):
        ann.decide(c, "attributed")
        bob.decide(c, "attributed")
        cy.decide(c, "unsourced")
        auto = team.team_claims(engine, [c])[0].automatic()
        team.adjudicate(engine, c, auto.label, "judge", auto.rule)  # what enter writes
    bob.decide(cid, "unsourced")  # now 2 of 3 say unsourced
    tc = team.team_claims(engine, [cid])[0]
    assert (tc.final().label, tc.final().rule, tc.final().adjudicator) == ("unsourced", "majority", None)
    assert [t.id for t in team.disputed(engine)] == [cid]  # (other's confirmation still holds)
    assert team.team_claims(engine, [other])[0].final().adjudicator == "judge"
    out = tmp_path / "gold.jsonl"
    rc, _, err = cli(capsys, "export", "--db", url, "--gold", "-o", out)
    assert rc == 0, err
    row = next(r for r in map(json.loads, out.read_text("utf-8").splitlines()) if r["id"] == cid)
    assert (row["label"], row["rule"], row["adjudicator"]) == ("unsourced", "majority", None)
    # an explicit ruling (a label key) stays in force whatever the reviewers do
    team.adjudicate(engine, cid, "contested", "judge")
    bob.decide(cid, "attributed")
    assert team.team_claims(engine, [cid])[0].final().label == "contested"
    engine.dispose()


def test_a_note_goes_to_the_claim_it_was_typed_for_when_the_list_changed_meanwhile(tmp_path):
    """The adjudicator opens the note prompt on a claim; while it is typed, the reviewers come to
    agree on that claim and it leaves the list (the screen now shows the next one). The note is
    written on the claim it was typed for. Before, it went to the claim shown when enter was
    pressed: an unrelated claim got the note, and the claim meant got nothing."""
    url = fixture_db(tmp_path)
    engine, ids = disputed_claims(url, 2, "attributed", "unsourced")

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            assert scr.claim.id == ids[0]
            await key(app, pilot, "m", "w", "h", "y")
            ReviewService(engine, "bob").decide(ids[0], "attributed")  # they agree now: it leaves the list
            for _ in range(200):
                await app.db_idle()
                await pilot.pause(0.02)
                if [c.id for c in scr.claims] == [ids[1]]:
                    break
            else:
                raise AssertionError("the list did not follow the database")
            await key(app, pilot, "enter")

    run(go())
    assert [(r.label, r.note) for r in team.adjudication_history(engine, ids[0])] == [(None, "why")]
    assert team.adjudication_history(engine, ids[1]) == []
    engine.dispose()


def test_a_claim_leaving_the_list_because_a_decision_was_taken_back_is_said_so(tmp_path):
    """The claim shown leaves the list of disagreements because a reviewer took their decision
    back (z): the notice says so. Before, it said 'The reviewers now agree on the claim shown',
    which they did not."""
    url = fixture_db(tmp_path)
    engine = make_engine(url)
    ids = sorted(gold_label(engine))[:2]
    bob = ReviewService(engine, "bob")
    rows = {}
    for cid in ids:
        ReviewService(engine, "ann").decide(cid, "attributed")
        rows[cid] = bob.decide(cid, "unsourced").annotation_id

    async def go():
        app = await adjudication_session(url)
        async with app.run_test(size=(140, 40), notifications=True) as pilot:
            await wait_ready(app, pilot)
            scr = app.screen
            bob.undo(rows[ids[0]])
            for _ in range(200):
                await app.db_idle()
                await pilot.pause(0.02)
                # (the notice is a message of its own: it may come a moment after the list)
                if [c.id for c in scr.claims] == [ids[1]] and list(app._notifications):
                    break
            else:
                raise AssertionError("the list did not follow the database")
            messages = [str(n.message) for n in app._notifications]
            assert any("Only ann's decision is left on the claim shown" in m for m in messages), messages
            assert not any("now agree" in m for m in messages)

    run(go())
    engine.dispose()
