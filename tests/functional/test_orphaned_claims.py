"""Orphaned claims (their sentence removed by a corrected text of the article) in the exports
and in the merge of a reviewer's claims export.

Found by QA: ``export --gold`` wrote an orphaned claim with its old offsets as if they indexed
the new text (``text[start:end]`` was other words), where the plain export of each format marks
it ``orphaned`` with its ``revision`` (claims), lists it apart (spans) or leaves it out and counts
it (Prodigy, Label Studio, spaCy); and a claims export holding an orphaned decision could not be
imported at all, not even into a copy of its own database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.services import team
from workbench.store import make_engine
from workbench.services.review import ReviewService
from workbench.store import tables

from tests.functional.test_cli import candidates, decide, run

AID = "budget.txt"
LINES = [
    "Le budget de la ville attendra encore",
    "Le maire a déclaré lundi que le budget serait voté avant l'été.",
    "« Nous ne céderons pas sur les écoles », a ajouté son adjoint aux finances.",
    "Selon l'AFP, l'opposition conteste ce calendrier et demande un nouveau débat.",
]
OLD = "\n".join(LINES) + "\n"
#: the correction: a line added at the top, the quotation removed
NEW = "Mise à jour : cet article a été corrigé mardi.\n" + "\n".join(LINES[:2] + LINES[3:]) + "\n"
GONE = LINES[2]
DECIDED: list[int] = []


@pytest.fixture
def revised(capsys, tmp_path, db_url, engine):
    """``budget.txt`` imported, decided by alice and bob (who disagree on the quotation, which
    judge adjudicates ``attributed``), then its corrected text imported: the quotation's claim is
    orphaned. Returns the orphan's candidate id; ``DECIDED[0]`` is how many claims were decided."""
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / AID).write_text(OLD, "utf-8")
    assert run(capsys, "import", "--db", db_url, "--jobs", "1", tmp_path / "v1")[0] == 0
    cands = candidates(engine, AID)
    (orphan,) = [c for c in cands if c.text == GONE]
    for c in cands:
        decide(engine, "alice", c, "attributed")
        decide(engine, "bob", c, "unsourced" if c.id == orphan.id else "attributed")
    team.adjudicate(engine, orphan.id, "attributed", "judge")
    DECIDED[:] = [len(cands)]
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / AID).write_text(NEW, "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", tmp_path / "v2")
    assert rc == 0, err
    assert "1 orphaned" in out
    return orphan.id


def _texts(engine) -> dict[int, str]:
    """revision -> the article's text then (the current one included)."""
    r, a = tables.article_revisions.c, tables.articles.c
    with engine.connect() as conn:
        out = dict(conn.execute(select(r.revision, r.text).where(r.article_id == AID)).all())
        rev, text = conn.execute(select(a.revision, a.text).where(a.id == AID)).one()
    out[rev] = text
    assert out == {1: OLD, 2: NEW}
    return out


def _export(capsys, db_url, path: Path, fmt: str, *options: str) -> str:
    rc, out, err = run(capsys, "export", "--db", db_url, "--format", fmt, *options, "-o", path)
    assert rc == 0, err
    return out


@pytest.mark.parametrize("gold", [False, True], ids=["decisions", "gold"])
def test_every_claims_row_indexes_the_text_it_names(capsys, tmp_path, db_url, engine, revised, gold):
    texts = _texts(engine)
    out = tmp_path / "claims.jsonl"
    _export(capsys, db_url, out, "claims", *(["--gold"] if gold else []))
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert rows and {r["status"] for r in rows} == {"gold" if gold else "decided"}
    for r in rows:
        assert r["orphaned"] is (r["id"] == revised)
        assert r["revision"] == (1 if r["orphaned"] else 2)
        assert texts[r["revision"]][r["start"]:r["end"]] == r["text"]
    assert [r["text"] for r in rows if r["orphaned"]] == [GONE] * (1 if gold else 2)
    if gold:
        (o,) = [r for r in rows if r["orphaned"]]
        assert (o["label"], o["rule"]) == ("attributed", "adjudicated")


@pytest.mark.parametrize("gold", [False, True], ids=["decisions", "gold"])
def test_every_span_indexes_the_stored_text_and_the_orphan_is_listed_apart(capsys, tmp_path, db_url, engine,
                                                                          revised, gold):
    out = tmp_path / "spans.jsonl"
    _export(capsys, db_url, out, "spans", *(["--gold"] if gold else []))
    (rec,) = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert rec["text"] == NEW
    assert rec["spans"] and all(NEW[s["start"]:s["end"]] == s["text"] for s in rec["spans"])
    assert revised not in {s["claim_id"] for s in rec["spans"]}
    assert {(o["claim_id"], o["text"], o["revision"]) for o in rec["orphaned"]} == {(revised, GONE, 1)}
    if gold:
        assert [o["label"] for o in rec["orphaned"]] == ["attributed"]


def _tool_spans(fmt: str, path: Path) -> list[tuple[str, int, int, str, object]]:
    """``(text, start, end, span text, claim id)`` of every claim span of a Prodigy / Label Studio
    / spaCy export."""
    if fmt == "prodigy":
        return [(t["text"], s["start"], s["end"], s["text"], s["claim_id"])
                for t in map(json.loads, path.read_text("utf-8").splitlines()) for s in t["spans"]]
    if fmt == "labelstudio":
        return [(t["data"]["text"], v["start"], v["end"], v["text"], r["workbench"]["claim_id"])
                for t in json.loads(path.read_text("utf-8")) for a in t["annotations"] for r in a["result"]
                if "workbench" in r for v in [r["value"]]]
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    docs = DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)
    return [(d.text, s.start_char, s.end_char, s.text, None) for d in docs for s in d.spans["sc"]]


@pytest.mark.parametrize("fmt", ["prodigy", "labelstudio", "spacy"])
@pytest.mark.parametrize("gold", [False, True], ids=["decisions", "gold"])
def test_the_tools_formats_leave_the_orphan_out_and_say_so(capsys, tmp_path, db_url, engine, revised, fmt, gold):
    if fmt == "spacy":
        pytest.importorskip("spacy")
    suffix = {"prodigy": ".jsonl", "labelstudio": ".json", "spacy": ".spacy"}[fmt]
    path = tmp_path / f"out{suffix}"
    out = _export(capsys, db_url, path, fmt, *(["--gold"] if gold else []))
    assert f"{1 if gold else 2} orphaned claim(s) left out" in out  # (a decision of alice and one of bob)
    spans = _tool_spans(fmt, path)
    live = DECIDED[0] - 1  # every claim was decided by two reviewers; the orphan is left out
    assert len(spans) == live * (1 if gold else 2)
    assert all(text == NEW and text[s:e] == t for text, s, e, t, _cid in spans)
    assert revised not in {cid for *_rest, cid in spans}


def test_a_claim_added_on_a_revised_text_names_that_revision_once_orphaned(capsys, tmp_path, db_url, engine,
                                                                         revised):
    """A claim added by hand took revision 1 whatever the article's: added on revision 2 and
    orphaned by revision 3, it was exported as ``revision: 1`` with offsets into revision 2."""
    phrase = "l'opposition conteste ce calendrier"
    start = NEW.index(phrase)
    added = ReviewService(engine, "alice").add_claim(AID, start, start + len(phrase), "unsourced")
    (tmp_path / "v3").mkdir()
    (tmp_path / "v3" / AID).write_text(NEW.replace(LINES[3] + "\n", ""), "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", tmp_path / "v3")
    assert rc == 0 and f"revised: {AID} is now revision 3" in out, err
    r = tables.article_revisions.c
    with engine.connect() as conn:
        texts = dict(conn.execute(select(r.revision, r.text).where(r.article_id == AID)).all())
    rows = [json.loads(x) for x in run(capsys, "export", "--db", db_url, "-o", "-")[1].splitlines()]
    (row,) = [x for x in rows if x["id"] == added.claim.id]
    assert (row["orphaned"], row["revision"], row["text"]) == (True, 2, phrase)
    assert texts[2][row["start"]:row["end"]] == phrase


# -- merging a claims export that holds decisions on orphaned claims --------------------------------

def _alice_export(capsys, tmp_path, db_url) -> tuple[Path, dict]:
    """alice's claims export (the README's team merge) and its row on the orphaned claim."""
    path = tmp_path / "alice.jsonl"
    assert run(capsys, "export", "--db", db_url, "--reviewer", "alice", "-o", path)[0] == 0
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    (orphan,) = [r for r in rows if r["orphaned"]]
    assert (orphan["text"], orphan["revision"]) == (GONE, 1)
    return path, orphan


def _database(capsys, tmp_path, name: str, *texts: str) -> str:
    """Another reviewer's database: ``budget.txt`` imported with each of ``texts`` in turn."""
    url = f"sqlite:///{tmp_path / name}.db"
    for i, text in enumerate(texts):
        folder = tmp_path / f"{name}-{i}"
        folder.mkdir()
        (folder / AID).write_text(text, "utf-8")
        assert run(capsys, "import", "--db", url, "--jobs", "1", folder)[0] == 0
    return url


def _rows(capsys, url: str, reviewer: str) -> list[dict]:
    rc, out, err = run(capsys, "export", "--db", url, "--reviewer", reviewer, "-o", "-")
    assert rc == 0, err
    return [json.loads(x) for x in out.splitlines()]


def test_a_claims_export_with_an_orphaned_decision_imports_into_its_own_database_and_a_copy(
        capsys, tmp_path, db_url, engine, revised):
    """(It was refused whole: 'line 2: the claim text differs … (the article's text has changed)'.)"""
    path, _orphan = _alice_export(capsys, tmp_path, db_url)
    n = len(path.read_text("utf-8").splitlines())
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one()
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert (rc, err) == (0, ""), err
    assert f"0 added, {n} already there" in out
    if db_url.startswith("sqlite"):
        copy = tmp_path / "copy.db"  # (sqlite3 .backup)
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        rc, out, err = run(capsys, "import", "--db", copy, path)
        assert (rc, err) == (0, ""), err
        assert f"0 added, {n} already there, 0 suggested or gold row(s) skipped, 0 claim(s) added" in out
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == before


def test_an_orphaned_decision_merges_as_an_orphaned_decision(capsys, tmp_path, db_url, engine, revised):
    """bob's database went through the same two texts; nobody decided the quotation there, so its
    candidate was replaced at the correction: alice's decision on it comes as an orphaned claim of
    revision 1, checked against bob's revision 1, exported as such, and once only."""
    path, orphan = _alice_export(capsys, tmp_path, db_url)
    n = len(path.read_text("utf-8").splitlines())
    bob = _database(capsys, tmp_path, "bob", OLD, NEW)
    rc, out, err = run(capsys, "import", "--db", bob, path)
    assert (rc, err) == (0, ""), err
    assert (f"decisions from 1 claims export(s): {n} added, 0 already there, 0 suggested or gold row(s) skipped, 1 claim(s) "
            "added; 1 of the decisions added on orphaned claims") in out
    rows = _rows(capsys, bob, "alice")
    assert len(rows) == n
    (got,) = [r for r in rows if r["orphaned"]]
    keep = ("text", "start", "end", "label", "revision", "annotation_id", "annotated_at", "note")
    assert {k: got[k] for k in keep} == {k: orphan[k] for k in keep}
    assert OLD[got["start"]:got["end"]] == GONE
    assert all(NEW[r["start"]:r["end"]] == r["text"] for r in rows if not r["orphaned"])
    rc, out, err = run(capsys, "import", "--db", bob, path)  # exactly once
    assert rc == 0 and f"0 added, {n} already there" in out


def test_an_orphaned_decision_joins_the_orphaned_claim_already_there(capsys, tmp_path, db_url, engine, revised):
    """carol decided the quotation in her database before the correction: it is orphaned there too,
    and alice's decision goes on that claim (no claim added)."""
    path, orphan = _alice_export(capsys, tmp_path, db_url)
    carol = _database(capsys, tmp_path, "carol", OLD)
    e = make_engine(carol)
    (quote,) = [c for c in candidates(e, AID) if c.text == GONE]
    decide(e, "carol", quote, "contested")
    folder = tmp_path / "carol-new"
    folder.mkdir()
    (folder / AID).write_text(NEW, "utf-8")
    assert "1 orphaned" in run(capsys, "import", "--db", carol, folder)[1]
    rc, out, err = run(capsys, "import", "--db", carol, path)
    assert (rc, err) == (0, ""), err
    assert "0 claim(s) added; 1 of the decisions added on orphaned claims" in out
    (got,) = [r for r in _rows(capsys, carol, "alice") if r["orphaned"]]
    assert (got["id"], got["revision"], got["text"]) == (quote.id, 1, GONE)
    e.dispose()


def test_an_orphaned_decision_on_a_database_still_at_that_revision_is_a_live_decision(capsys, tmp_path, db_url,
                                                                                     engine, revised):
    """dan has not imported the correction: the quotation is in his article's text, and alice's
    decision on it goes on its claim there (her other decisions index the new text: left out)."""
    _path, orphan = _alice_export(capsys, tmp_path, db_url)
    path = tmp_path / "alice-orphan.jsonl"
    path.write_text(json.dumps(orphan) + "\n", "utf-8")
    dan = _database(capsys, tmp_path, "dan", OLD)
    rc, out, err = run(capsys, "import", "--db", dan, path)
    assert (rc, err) == (0, ""), err
    assert "0 claim(s) added" in out and "orphaned" not in out
    (got,) = [r for r in _rows(capsys, dan, "alice") if r["text"] == GONE]
    assert (got["orphaned"], got["revision"], got["start"], got["end"]) == (False, 1, orphan["start"],
                                                                             orphan["end"])


@pytest.mark.parametrize("history", ["new text only", "another first text"])
def test_an_orphaned_decision_whose_revision_text_is_not_here_is_one_line(capsys, tmp_path, db_url, engine,
                                                                         revised, history):
    """Its offsets index a text this database does not hold: the file is refused, one line naming
    the line and the revision, nothing imported."""
    path, orphan = _alice_export(capsys, tmp_path, db_url)
    line = 1 + [json.loads(x)["orphaned"] for x in path.read_text("utf-8").splitlines()].index(True)
    texts = (NEW,) if history == "new text only" else (OLD.replace("écoles", "hôpitaux"), NEW)
    other = _database(capsys, tmp_path, "eve", *texts)
    rc, out, err = run(capsys, "import", "--db", other, path)
    assert rc == 1
    (msg,) = err.strip().splitlines()
    assert f"alice.jsonl: line {line}: the claim text differs from" in msg
    assert ("revision 1 is another text" if history == "new text only" else
            f"revision 1 of article '{AID}'") in msg
    e = make_engine(other)
    with e.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == 0
    e.dispose()


def test_decisions_made_on_an_earlier_text_are_re_anchored_on_the_revised_article(capsys, tmp_path, db_url,
                                                                                  engine, revised):
    """dan reviewed the first text and exported his decisions (revision 1); the team's database
    has the corrected text since. His decisions on the lines still there move onto the new text,
    the one on the removed quotation becomes a decision on that orphaned claim; once only.
    (The file was refused whole: 'the claim text differs … (the article's text has changed)'.)"""
    dan = _database(capsys, tmp_path, "dan", OLD)
    e = make_engine(dan)
    labels = {}
    for c in candidates(e, AID):
        labels[c.text] = "contested" if c.text == GONE else "unsourced"
        decide(e, "dan", c, labels[c.text])
    e.dispose()
    path = tmp_path / "dan.jsonl"
    assert run(capsys, "export", "--db", dan, "--reviewer", "dan", "-o", path)[0] == 0
    sent = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    assert {r["revision"] for r in sent} == {1} and len(sent) == len(labels) >= 3
    moved = [r for r in sent if r["text"] != GONE and NEW.find(r["text"]) != r["start"]]
    assert moved  # (the correction added a line at the top: their offsets changed)

    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert (rc, err) == (0, ""), err
    assert f"{len(sent)} added, 0 already there" in out
    assert "1 of the decisions added on orphaned claims" in out
    assert f"{len(moved)} re-anchored on the current text of a revised article" in out
    rows = _rows(capsys, db_url, "dan")
    assert {r["text"]: r["label"] for r in rows} == labels
    for r in rows:
        if r["text"] == GONE:
            assert (r["orphaned"], r["revision"], OLD[r["start"]:r["end"]]) == (True, 1, GONE)
        else:
            assert (r["orphaned"], r["revision"], NEW[r["start"]:r["end"]]) == (False, 2, r["text"])
    assert {r["annotation_id"] for r in rows} == {r["annotation_id"] for r in sent}

    rc, out, err = run(capsys, "import", "--db", db_url, path)  # exactly once
    assert rc == 0 and f"0 added, {len(sent)} already there" in out and "re-anchored" not in out


def test_decisions_on_a_text_this_database_never_had_are_still_refused(capsys, tmp_path, db_url, engine, revised):
    """Revision 1 of dan's article is another text than the team's revision 1: nothing to anchor
    from, the file is refused with one line, nothing written."""
    dan = _database(capsys, tmp_path, "dan", OLD.replace("Le maire", "La maire"))
    e = make_engine(dan)
    for c in candidates(e, AID):
        decide(e, "dan", c, "unsourced")
    e.dispose()
    path = tmp_path / "dan.jsonl"
    assert run(capsys, "export", "--db", dan, "--reviewer", "dan", "-o", path)[0] == 0
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one()
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 1
    (msg,) = err.strip().splitlines()
    assert "dan.jsonl: line" in msg and "the claim text differs from article" in msg
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == before
