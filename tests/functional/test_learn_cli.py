"""``workbench learn``: too few decisions change nothing; enough train, report the rules and the
model by cross-validation over articles, and write the model's suggestions (never decisions)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.unit.learning.learning_corpus import ARTICLES
from tests.unit.services.test_learning_service import _decide, _write_articles
from workbench.cli import main
from workbench.store import tables
from workbench.store.database import make_engine


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_learn_says_so_with_too_few_decisions_and_changes_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    _write_articles(tmp_path)
    assert _run(capsys, "import", "--db", url, "-q", tmp_path)[0] == 0
    rc, out, err = _run(capsys, "learn", "--db", url)
    assert rc == 0 and "too few decisions" in out and not err
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.label_models)).scalar_one() == 0


def test_learn_reports_cross_validation_and_writes_suggestions(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    corpus = _write_articles(tmp_path)
    assert _run(capsys, "import", "--db", url, "-q", tmp_path)[0] == 0
    engine = make_engine(url)
    decided = _decide(engine, corpus, "alice", sorted(corpus)[:5])
    rc, out, _err = _run(capsys, "learn", "--db", url, "--folds", "3")
    assert rc == 0 and "cross-validation over 5 articles" in out and f"trained on {decided} decisions" in out
    assert "rules" in out and "model" in out and "all" in out
    rc, out, _err = _run(capsys, "learn", "--db", url, "--folds", "3", "--json")
    report = json.loads(out)
    assert rc == 0 and report["trained"] and report["decisions"] == decided
    cv = report["cross_validation"]
    assert cv["articles"] == 5 and 0 <= cv["rules_accuracy"] <= 1 and 0 <= cv["model_accuracy"] <= 1
    with engine.connect() as conn:
        origins = set(conn.execute(select(tables.suggestions.c.origin)).scalars())
    assert origins == {"model"} and len(ARTICLES) == 6


def test_learn_refuses_fewer_than_two_folds(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:  # a usage error, as for every option out of range
        _run(capsys, "learn", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--folds", "1")
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "argument --folds: must be from 2 to 100, not 1" in err.splitlines()[-1]
    assert not (tmp_path / "w.db").exists()


def test_export_gives_undecided_claims_the_suggestion_the_app_shows(tmp_path, capsys):
    from sqlalchemy import update

    url = f"sqlite:///{tmp_path / 'w.db'}"
    corpus = _write_articles(tmp_path)
    assert _run(capsys, "import", "--db", url, "-q", tmp_path)[0] == 0
    engine = make_engine(url)
    _decide(engine, corpus, "alice", sorted(corpus)[:5])
    assert _run(capsys, "learn", "--db", url, "--folds", "3")[0] == 0
    with engine.begin() as conn:  # as if the model had beaten the rules in its cross-validation
        conn.execute(update(tables.label_models).values(beats_rules=True))
    out = tmp_path / "all.jsonl"
    assert _run(capsys, "export", "--db", url, "--include-unreviewed", "-o", out)[0] == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    suggested = [r for r in rows if r["status"] == "suggested"]
    decided = [r for r in rows if r["status"] == "decided"]
    assert suggested and decided and all(r["suggested_by"] == "rules" for r in decided)
    sponsored = [r for r in suggested if r["text"].startswith("Sponsored")]
    assert sponsored and all(r["suggested_by"] == "model" and r["suggested_label"] == r["label"] == "not_claim"
                             and 0 < r["suggested_probability"] <= 1 for r in sponsored)
    assert all(r["suggested_probability"] is None for r in suggested if r["suggested_by"] == "rules")
