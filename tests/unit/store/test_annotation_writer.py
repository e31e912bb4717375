"""The one writer of annotation rows (``workbench.store.annotations``): what it checks, what it
cuts from the article text, and the once-only import of decisions read from files."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update

from workbench.domain import DecisionRecord
from workbench.store import tables
from workbench.store.annotations import Entry, add_decisions, append, reviewer_ids
from workbench.store.articles import insert_articles, insert_manual_candidate
from workbench.store.models import utcnow

TEXT = "Le ministère a déclaré lundi que la situation était stable. Personne ne le conteste."
CLAIM = (0, 59)
SOURCE = (0, 12)
WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
PACKAGE = Path(__file__).resolve().parents[3] / "workbench"


@pytest.fixture
def article(engine):
    """One article with one candidate (the first sentence, its source ``Le ministère``)."""
    with engine.begin() as conn:
        insert_articles(conn, [{"id": "a.txt", "title": "a", "text": TEXT, "content_hash": "h", "language": "fr",
                                "origin": "test", "url": None, "meta": {}, "imported_at": utcnow()}])
        cid = insert_manual_candidate(conn, "a.txt", TEXT, CLAIM, reason="test", created_at=utcnow(), source=SOURCE)
    return cid


def rows(engine):
    with engine.connect() as conn:
        return conn.execute(select(tables.annotations).order_by(tables.annotations.c.id)).all()


def decision(uid="u1", span=CLAIM, **kw) -> DecisionRecord:
    return DecisionRecord(1, "a.txt", span[0], span[1], kw.pop("label", "attributed"), kw.pop("reviewer", "ann"),
                          kw.pop("source", SOURCE), uid, **kw)


def test_append_cuts_the_texts_from_the_article_and_returns_the_ids(engine, article):
    with engine.begin() as conn:
        rid = reviewer_ids(conn, ["ann"])["ann"]
        ids = append(conn, [Entry("a.txt", article, rid, "decide", "attributed", 0, 59, (0, 12), "n"),
                            Entry("a.txt", article, rid, "bounds", "attributed", 3, 59, None, None)],
                     {"a.txt": TEXT})
    got = rows(engine)
    assert ids == [r.id for r in got]
    assert [(r.text, r.source_text) for r in got] == [(TEXT[0:59], "Le ministère"), (TEXT[3:59], None)]
    assert len({r.uid for r in got}) == 2


@pytest.mark.parametrize(("entry", "message"), [
    (dict(start=10, end=10), "claim boundaries out of range"),
    (dict(start=0, end=len(TEXT) + 1), "claim boundaries out of range"),
    (dict(label="maybe"), "unknown label 'maybe'"),
])
def test_append_refuses_a_span_or_label_that_is_not_valid(engine, article, entry, message):
    values = dict(start=0, end=59, label="attributed") | entry
    with engine.begin() as conn:
        rid = reviewer_ids(conn, ["ann"])["ann"]
        with pytest.raises(ValueError, match=re.escape(message)):
            append(conn, [Entry("a.txt", article, rid, "decide", values["label"], values["start"], values["end"],
                                None, None)], {"a.txt": TEXT})


def test_reviewers_are_created_once(engine):
    with engine.begin() as conn:
        first = reviewer_ids(conn, ["bob", "ann", "bob"])
    with engine.begin() as conn:
        again = reviewer_ids(conn, ["ann", "bob", "cy"])
    assert {k: again[k] for k in first} == first and again["cy"] not in first.values()
    with engine.connect() as conn:
        assert conn.execute(select(tables.reviewers.c.name).order_by(tables.reviewers.c.name)).scalars().all() == [
            "ann", "bob", "cy"]


def test_decisions_are_added_exactly_once(engine, article):
    ds = [decision("u1"), decision("u1"), decision("u2", reviewer="bob", label="unsourced", annotated_at=WHEN)]
    with engine.begin() as conn:
        got = add_decisions(conn, ds, {"a.txt": TEXT}, reason="test")
    assert (got.added, got.known, got.claims_added) == (2, 1, 0)
    with engine.begin() as conn:
        again = add_decisions(conn, ds, {"a.txt": TEXT}, reason="test")
    assert (again.added, again.known) == (0, 3)
    got_rows = rows(engine)
    assert [(r.candidate_id, r.action, r.label, r.uid) for r in got_rows] == [
        (article, "import", "attributed", "u1"), (article, "import", "unsourced", "u2")]
    assert got_rows[1].created_at.replace(tzinfo=timezone.utc) == WHEN


def test_a_decision_off_every_candidate_adds_a_manual_claim_with_its_source(engine, article):
    with engine.begin() as conn:
        got = add_decisions(conn, [decision(span=(60, 84), source=None), decision("u2", span=(60, 84))],
                            {"a.txt": TEXT}, reason="imported from x")
    assert got.claims_added == 1
    with engine.connect() as conn:
        new = conn.execute(select(tables.candidates).where(tables.candidates.c.id != article)).one()
    assert (new.origin, new.reason, new.text, new.source_text) == ("manual", "imported from x", TEXT[60:84], None)
    assert {r.candidate_id for r in rows(engine)} == {new.id}


def test_a_moved_claim_goes_on_its_candidate_and_a_silent_file_keeps_the_candidates_source(engine, article):
    moved = decision(span=(3, 59), candidate=CLAIM, source=None, source_given=False)
    with engine.begin() as conn:
        add_decisions(conn, [moved], {"a.txt": TEXT}, reason="test")
    [row] = rows(engine)
    assert (row.candidate_id, row.start, row.source_text) == (article, 3, "Le ministère")


def test_an_orphaned_candidate_takes_no_decision(engine, article):
    with engine.begin() as conn:
        conn.execute(update(tables.candidates).values(orphaned=True))
        got = add_decisions(conn, [decision()], {"a.txt": TEXT}, reason="test")
    assert got.claims_added == 1 and rows(engine)[0].candidate_id != article


def test_a_claim_added_with_a_decision_gets_the_articles_current_revision(engine, article):
    """(A manual candidate took revision 1 whatever the article's: once orphaned, its export
    named a revision its offsets do not index.)"""
    with engine.begin() as conn:
        conn.execute(update(tables.articles).values(revision=3))
        add_decisions(conn, [decision(span=(60, 84), candidate=None, source=None)], {"a.txt": TEXT}, reason="test")
        new = conn.execute(select(tables.candidates).where(tables.candidates.c.id != article)).one()
    assert (new.text, new.revision) == (TEXT[60:84], 3)


def test_only_the_writer_inserts_annotation_rows():
    """Deciding, undo / redo, imports of every format and re-anchoring all write through
    ``workbench.store.annotations.append``."""
    writers = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if re.search(r"insert\(\s*(tables\.)?annotations\b|(?<!class )\bAnnotation\(", source):
            writers.append(path.relative_to(PACKAGE).as_posix())
    assert writers == ["store/annotations.py"]


def test_a_reviewer_created_by_another_session_meanwhile_is_found_not_an_error(engine):
    """Two sessions of a new reviewer started at once both created the reviewer row: the second
    failed ('duplicate key value violates unique constraint "ix_reviewer_name"' on PostgreSQL,
    'UNIQUE constraint failed: reviewer.name' on SQLite) and its `workbench review` ended with
    that line (found by QA starting two `workbench review --reviewer alice` on a new database)."""
    import threading

    from sqlalchemy import insert

    from workbench.store.annotations import reviewer_id

    got: list = []
    other = engine.connect()
    try:
        other.begin()
        theirs = other.execute(insert(tables.reviewers).values(name="zoe", created_at=utcnow())).inserted_primary_key[0]

        def mine() -> None:
            try:
                got.append(reviewer_id(engine, "zoe"))
            except Exception as exc:  # (reported below)
                got.append(exc)

        t = threading.Thread(target=mine)
        t.start()
        t.join(0.5)  # it waits for the other session's write (or has already read no "zoe")
        other.commit()
        t.join(30)
    finally:
        other.close()
    assert got == [theirs]
