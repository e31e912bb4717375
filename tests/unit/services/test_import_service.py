"""The import service (``workbench.services.importing``) applies its post-import rules whoever
calls it: here from Python, with no command line involved."""

from __future__ import annotations

import json

from sqlalchemy import select

from workbench.services import suggestions
from workbench.services.importing import import_paths
from workbench.store import tables

SENTENCE = "Le ministère a déclaré lundi que la situation était stable dans toute la région du nord."
COPY = "Le ministère a déclaré mardi que la situation était stable dans toute la région du nord."


def claims(engine, article_id: str) -> list:
    with engine.connect() as conn:
        return conn.execute(select(tables.candidates.c.id, tables.candidates.c.start, tables.candidates.c.end)
                            .where(tables.candidates.c.article_id == article_id)).all()


def test_decisions_imported_from_python_propagate_to_near_duplicates(tmp_path, engine):
    """A Prodigy file brings two articles, one claim of the first decided ``contested``: the
    near-identical claim of the second gets that label as its suggestion (not a decision)."""
    path = tmp_path / "team.jsonl"
    tasks = [{"text": SENTENCE, "meta": {"id": "a.txt"}, "answer": "accept", "_annotator_id": "alice",
              "spans": [{"start": 0, "end": len(SENTENCE), "label": "contested"}]},
             {"text": COPY, "meta": {"id": "b.txt"}, "answer": "accept", "_annotator_id": "alice", "spans": []}]
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    result = import_paths(engine, [path], jobs=1)
    assert result.ok and result.imported == 2 and result.foreign[0].added == 1
    twin_ids = [cid for cid, _s, _e in claims(engine, "b.txt")]
    with engine.connect() as conn:
        got = suggestions.effective_suggestions(conn, twin_ids)
    assert result.propagated >= 1 and got
    label, reason = next(iter(got.values()))
    assert label == "contested" and "near-duplicate" in reason
    with engine.connect() as conn:  # a suggestion, never a decision
        decided = conn.execute(select(tables.annotations.c.candidate_id)).scalars().all()
    assert not set(decided) & set(twin_ids)


def test_a_claims_export_imported_with_new_articles_propagates(tmp_path, engine):
    """``import_paths(articles + a claims export)`` from Python: the decisions are in before the
    rule runs, and the new articles' near-duplicates learn from them."""
    (tmp_path / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    assert import_paths(engine, [tmp_path / "a.txt"], jobs=1).propagated == 0  # nothing decided yet
    [(cid, start, end)] = claims(engine, "a.txt")
    export = tmp_path / "bob-claims.jsonl"
    export.write_text(json.dumps({"article_id": "a.txt", "start": start, "end": end, "label": "not_claim",
                                  "reviewer": "bob", "status": "decided", "annotation_id": "x1"}) + "\n",
                      encoding="utf-8")
    (tmp_path / "b.txt").write_text(COPY + "\n", encoding="utf-8")
    result = import_paths(engine, [export, tmp_path / "b.txt"], jobs=1)
    assert result.ok and result.decisions.added == 1 and result.imported_ids == ["b.txt"]
    with engine.connect() as conn:
        got = suggestions.effective_suggestions(conn, [i for i, _s, _e in claims(engine, "b.txt")])
    assert result.propagated == 1 and [label for label, _reason in got.values()] == ["not_claim"]
