"""Orphaned claims (their sentence removed by a corrected text of the article) in the exports
and in the merge of a reviewer's claims export.

Found by QA: ``export --gold`` wrote an orphaned claim with its old offsets as if they indexed
the new text (``text[start:end]`` was other words), where the plain export of each format marks
it ``orphaned`` with its ``revision`` (claims), lists it apart (spans) or leaves it out and counts
it (Prodigy, Label Studio, spaCy); and a claims export holding an orphaned decision could not be
imported at all, not even into a copy of its own database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.services import team
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
