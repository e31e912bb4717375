"""New texts of stored articles (new revisions) belong to their file: a file is imported whole,
its new articles and its revisions in one transaction, or not at all (found by a review: the
revisions were applied one article per transaction after the files were written, so a JSONL
file of new texts could be left half applied by one revision that failed, or by Ctrl-C; see
``test_import_interrupt`` for the signals).

- a new text that cannot be applied refuses its file: one line naming the file, the line and
  the article, nothing of the file written; the other files of the import are written;
- re-anchoring, the slow part of a revision, runs before the write transaction, which only
  checks that nothing moved meanwhile: reviewers are not locked out while it runs, and the
  report is the one re-anchoring inside the transaction gives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.services import importing, revisions
from workbench.store import staging, tables

from tests.functional.test_cli import article, assert_one_error_line, candidates, decide, run, summary

ADDED = " Mise à jour : le gouvernement a précisé mardi que le calendrier restait inchangé."


def _text(i: int, extra: str = "") -> str:
    return (f"Le ministre a déclaré lundi que la réforme numéro {i} serait votée avant l'été. « Nous tiendrons "
            f"bon », a ajouté son porte-parole. Selon l'AFP, l'opposition conteste ce calendrier.{extra}")


def _other(i: int) -> str:
    return f"La préfecture a annoncé que la route numéro {i} resterait fermée jusqu'à jeudi."


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows), "utf-8")
    return path


def _state(engine) -> tuple:
    """Everything an import of new texts can change: articles, candidates, history, revisions."""
    a, c = tables.articles.c, tables.candidates.c
    with engine.connect() as conn:
        arts = conn.execute(select(a.id, a.content_hash, a.revision).order_by(a.id)).all()
        cands = conn.execute(select(c.id, c.article_id, c.start, c.end, c.revision, c.orphaned)
                             .order_by(c.id)).all()
        history = conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one()
        revs = conn.execute(select(func.count()).select_from(tables.article_revisions)).scalar_one()
        staged = staging.staged_count(conn)
    return arts, cands, history, revs, staged


@pytest.fixture
def stored(capsys, tmp_path, db_url, engine):
    """x0, x1, x2 imported, and a reviewer's decision on every claim of theirs (so that each new
    text moves decisions)."""
    path = _jsonl(tmp_path / "feed.jsonl", [(f"x{i}", _text(i)) for i in range(3)])
    assert run(capsys, "import", "--db", db_url, "--jobs", "1", path)[0] == 0
    for c in candidates(engine):
        decide(engine, "ann", c, "attributed")
    return engine


def _streamed(monkeypatch) -> None:
    """The files of the test are large files: streamed, staged in chunks of 2 articles."""
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 2)


def _fail_at_call(monkeypatch, n: int) -> list[str]:
    """``revisions.replace_text`` (one new text) raises at its n-th call; returns the ids it was
    called for."""
    real = revisions.replace_text
    calls: list[str] = []

    def replace_text(conn, rec, *args, **kw):
        calls.append(rec.id)
        if len(calls) == n:
            raise RuntimeError("disk I/O error")
        return real(conn, rec, *args, **kw)

    monkeypatch.setattr(revisions, "replace_text", replace_text)
    return calls


@pytest.mark.parametrize("streamed", [False, True], ids=["small", "streamed"])
def test_a_new_text_that_cannot_be_applied_refuses_its_file_whole(capsys, tmp_path, monkeypatch, db_url, stored,
                                                                  streamed):
    """The second of two new texts fails: the first is not applied either, nor is the file's
    new article written (the file was half applied and reported as imported)."""
    engine = stored
    before = _state(engine)
    if streamed:
        _streamed(monkeypatch)
    path = _jsonl(tmp_path / "feed.jsonl", [("x0", _text(0, ADDED)), ("n1", _other(1)), ("x1", _text(1, ADDED))])
    calls = _fail_at_call(monkeypatch, 2)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert calls == ["x0", "x1"]
    assert rc == 1 and "revised:" not in out and summary(out)["revised"] == 0
    assert_one_error_line(err, str(path), "line 3", "'x1'", "its new text could not be applied",
                          "RuntimeError: disk I/O error", "nothing of the file imported")
    s = summary(out)
    assert (s["files"], s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (1, 0, 0, 0, 1)
    assert _state(engine) == before
    assert article(engine, "n1") is None and article(engine, "x0").text == _text(0)

    monkeypatch.undo()  # the same file again, nothing failing: all of it
    if streamed:
        _streamed(monkeypatch)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 0 and err == ""
    assert [ln.split(":")[1].strip() for ln in out.splitlines() if ln.startswith("revised:")] == [
        "x0 is now revision 2", "x1 is now revision 2"]
    assert (article(engine, "n1").text, article(engine, "x1").text) == (_other(1), _text(1, ADDED))


def test_the_other_files_of_the_group_are_written_without_the_refused_one(capsys, tmp_path, monkeypatch, db_url,
                                                                          stored):
    """Small files are written in groups, one transaction each: the refused file leaves its group
    and the others are written. An article it shares with a later file (the same id and text:
    a repeat, counted unchanged) is then the later file's to import."""
    engine = stored
    a = _jsonl(tmp_path / "a.jsonl", [("x0", _text(0, ADDED)), ("shared", _other(7)), ("x1", _text(1, ADDED))])
    b = _jsonl(tmp_path / "b.jsonl", [("shared", _other(7)), ("x2", _text(2, ADDED)), ("n2", _other(8))])
    calls = _fail_at_call(monkeypatch, 2)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", a, b)
    assert calls == ["x0", "x1", "x2"]  # x1 fails; the group is written again without a.jsonl
    assert rc == 1
    assert_one_error_line(err, str(a), "line 3", "'x1'", "nothing of the file imported")
    s = summary(out)
    assert (s["files"], s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (2, 2, 0, 0, 1)
    revised = [ln for ln in out.splitlines() if ln.startswith("revised:")]
    assert len(revised) == 1 and revised[0].startswith("revised: x2 is now revision 2:")
    assert [article(engine, f"x{i}").revision for i in range(3)] == [1, 1, 2]
    assert article(engine, "shared").origin == f"{b}:1" and article(engine, "n2") is not None


@pytest.mark.parametrize("streamed", [False, True], ids=["small", "streamed"])
def test_new_texts_are_re_anchored_before_the_write_and_applied_with_the_file(capsys, tmp_path, monkeypatch,
                                                                              db_url, stored, streamed):
    """A file of new texts and one new article: re-anchoring runs before the write transaction
    (never inside ``replace_text``) and, on SQLite, while another connection can write at once;
    the revisions are applied in the transaction that writes the file's new article (another
    connection sees neither until it commits). The report lines are those of re-anchoring inside
    the transaction."""
    engine = stored
    if streamed:
        _streamed(monkeypatch)
    path = _jsonl(tmp_path / "feed.jsonl", [("x0", _text(0, ADDED)), ("n1", _other(1)), ("x1", _text(1, ADDED)),
                                          ("x2", "Correction : " + _text(2))])
    db_file = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    real_replace, real_reanchor = revisions.replace_text, revisions.reanchor_claims
    inside: list[str] = []  # the article being revised, while replace_text runs
    seen: list[tuple] = []

    def reanchor_claims(old, new, claims, **kw):
        seen.append(("reanchor", tuple(inside)))
        if db_file is not None:  # nobody holds the write lock: a write that does not wait succeeds
            other = sqlite3.connect(db_file, timeout=0)
            try:
                other.execute("INSERT INTO reviewer (name, created_at) VALUES (?, '2026-01-01 00:00:00')",
                              (f"r{len(seen)}",))
                other.commit()
            finally:
                other.close()
        return real_reanchor(old, new, claims, **kw)

    def replace_text(conn, rec, *args, **kw):
        with engine.connect() as other:  # what a reader sees while the file is written
            seen.append(("visible", rec.id, article(engine, "n1") is not None,
                         other.execute(select(func.count()).select_from(tables.article_revisions)).scalar_one()))
        inside.append(rec.id)
        try:
            return real_replace(conn, rec, *args, **kw)
        finally:
            inside.pop()

    monkeypatch.setattr(revisions, "reanchor_claims", reanchor_claims)
    monkeypatch.setattr(revisions, "replace_text", replace_text)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 0 and err == "", err  # (re-anchoring under the write lock: "database is locked")
    assert [x for x in seen if x[0] == "reanchor"] == [("reanchor", ())] * 3
    assert [x for x in seen if x[0] == "visible"] == [("visible", aid, False, 0) for aid in ("x0", "x1", "x2")]
    revised = [ln for ln in out.splitlines() if ln.startswith("revised:")]
    assert revised == [
        "revised: x0 is now revision 2: 3 claim(s) moved (3 exact, 0 fuzzy), 0 orphaned, 1 new candidate(s)",
        "revised: x1 is now revision 2: 3 claim(s) moved (3 exact, 0 fuzzy), 0 orphaned, 1 new candidate(s)",
        "revised: x2 is now revision 2: 3 claim(s) moved (3 exact, 0 fuzzy), 0 orphaned, 0 new candidate(s)",
    ]
    s = summary(out)
    assert (s["imported"], s["unchanged"], s["failed"]) == (1, 0, 0)
    for aid, text in (("x0", _text(0, ADDED)), ("x1", _text(1, ADDED)), ("x2", "Correction : " + _text(2))):
        art = article(engine, aid)
        assert (art.text, art.revision) == (text, 2)
        assert all(text[c.start:c.end] == c.text for c in candidates(engine, aid))
    assert _state(engine)[4] == 0  # nothing left staged


def test_a_decision_made_after_the_re_anchoring_moves_with_the_text_too(capsys, tmp_path, monkeypatch, db_url,
                                                                       stored):
    """Re-anchoring is planned on a read connection (``revisions.plan``); a reviewer who decides
    on the article before the write transaction makes the plan stale: the transaction sees it and
    re-anchors that article itself, so the new decision moves like the others."""
    engine = stored
    path = _jsonl(tmp_path / "feed.jsonl", [("x0", "Correction : " + _text(0)), ("x1", "Correction : " + _text(1))])
    first = candidates(engine, "x0")[0]
    real_plan, real_replace, real_reanchor = revisions.plan, revisions.replace_text, revisions.reanchor_claims
    inside: list[str] = []
    anchored_inside: list[str] = []

    def plan(conn, rec):
        got = real_plan(conn, rec)
        if rec.id == "x0":
            decide(engine, "late", first, "contested")  # after the plan, before the write
        return got

    def replace_text(conn, rec, *args, **kw):
        inside.append(rec.id)
        try:
            return real_replace(conn, rec, *args, **kw)
        finally:
            inside.pop()

    def reanchor_claims(*args, **kw):
        anchored_inside.extend(inside)
        return real_reanchor(*args, **kw)

    monkeypatch.setattr(revisions, "plan", plan)
    monkeypatch.setattr(revisions, "replace_text", replace_text)
    monkeypatch.setattr(revisions, "reanchor_claims", reanchor_claims)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 0 and err == "", err
    assert anchored_inside == ["x0"]  # x1's plan held
    moved = next(c for c in candidates(engine, "x0") if c.id == first.id)
    assert (moved.start, moved.text) == (first.start + len("Correction : "), first.text)
    a, r = tables.annotations.c, tables.reviewers.c
    with engine.connect() as conn:
        rows = conn.execute(select(a.action, a.label, a.start, a.text).join(tables.reviewers, r.id == a.reviewer_id)
                            .where(a.candidate_id == first.id, r.name == "late").order_by(a.id)).all()
    assert [tuple(x) for x in rows] == [("decide", "contested", first.start, first.text),
                                        ("reanchor", "contested", moved.start, first.text)]


def test_the_summary_counts_the_revised_articles_and_their_orphans(capsys, tmp_path, db_url, stored):
    """(Found by QA: new texts of 300 stored articles printed '0 article(s) imported … 0 unchanged
    … 0 failed', as if nothing had happened, and a JSONL row was told that a file's name is its
    id.) Here: two new texts, one of which loses a decided sentence; the third row unchanged."""
    gone = "« Nous tiendrons bon », a ajouté son porte-parole. "
    assert gone in _text(1)
    path = _jsonl(tmp_path / "feed-v2.jsonl", [("x0", _text(0, ADDED)), ("x1", _text(1).replace(gone, "")),
                                               ("x2", _text(2))])
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 0, err
    s = summary(out)
    assert (s["imported"], s["unchanged"], s["revised"], s["orphaned"], s["failed"]) == (0, 1, 2, 1, 0)
    assert ", 1 unchanged, 2 revised (1 claim(s) orphaned), 0 conflict(s), 0 failed" in out
    revised = [ln for ln in out.splitlines() if ln.startswith("revised:")]
    assert len(revised) == 2
    for ln in revised:  # the rows' ids come from their "id": no word of file names
        assert "feed-v2.jsonl" in ln and "a file's name is its id" not in ln
        assert ln.endswith('(a JSONL row\'s "id" is its article\'s id: two different articles need two ids)')
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)  # again: nothing new
    s = summary(out)
    assert (s["unchanged"], s["revised"], s["orphaned"]) == (3, 0, 0)
    assert ", 3 unchanged, 0 revised, 0 conflict(s)" in out


def test_a_text_file_after_a_jsonl_row_of_its_name_is_told_what_gives_each_id(capsys, tmp_path, db_url, stored):
    (tmp_path / "x0.txt").write_text(_text(0, ADDED), "utf-8")
    path = _jsonl(tmp_path / "one.jsonl", [("x0.txt", _text(0))])
    assert run(capsys, "import", "--db", db_url, "--jobs", "1", path)[0] == 0
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", tmp_path / "x0.txt")
    assert rc == 0, err
    (ln,) = [x for x in out.splitlines() if x.startswith("revised: x0.txt is now revision 2")]
    assert ln.endswith('(the id of a file is its name, that of a JSONL row its "id": two different articles '
                       'need two different ids)')
    assert summary(out)["revised"] == 1
