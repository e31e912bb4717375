"""The learning service (``workbench.services.learning``) on a small labelled database: the model
is trained on the decisions, stored in the database, and its suggestions are rows of their own,
never decisions; the uncertain order; a stored model of another format version."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from tests.unit.learning.learning_corpus import ARTICLES
from workbench.services import learning
from workbench.services.importing import import_paths
from workbench.services.review import ReviewService
from workbench.store import tables


def _write_articles(folder: Path) -> dict[str, list[tuple[str, str]]]:
    for name, sentences in ARTICLES.items():
        (folder / f"{name}.txt").write_text("\n\n".join(s for s, _ in sentences) + "\n", encoding="utf-8")
    return {f"{name}.txt": sentences for name, sentences in ARTICLES.items()}


def _label_of(text: str, sentences: list[tuple[str, str]]) -> str | None:
    return next((label for s, label in sentences if s in text or text.strip() in s), None)


def _decide(engine, corpus, reviewer: str, articles: list[str]) -> int:
    """The reviewer decides every candidate of ``articles`` as the corpus labels it."""
    svc = ReviewService(engine, reviewer)
    n = 0
    for aid in articles:
        for claim in svc.load_article(aid).claims:
            label = _label_of(claim.text, corpus[aid])
            if label:
                svc.decide(claim.id, label)
                n += 1
    return n


@pytest.fixture
def corpus_db(tmp_path, engine):
    corpus = _write_articles(tmp_path)
    result = import_paths(engine, sorted(tmp_path.glob("*.txt")), jobs=1)
    assert result.ok
    return engine, corpus


def test_too_few_decisions_changes_nothing(corpus_db):
    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt"])  # 8 decisions: under 30
    report = learning.learn(engine)
    assert not report.trained and "30" in report.message
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.label_models)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(tables.suggestions)).scalar_one() == 0


def test_learn_trains_stores_and_suggests_for_the_undecided_only(corpus_db):
    engine, corpus = corpus_db
    decided_articles = ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt", "fr-incendie.txt"]
    n = _decide(engine, corpus, "alice", decided_articles)
    assert n >= 30
    with engine.connect() as conn:
        rows_before = conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one()
    report = learning.learn(engine, folds=3)
    assert report.trained and report.decisions == n and report.cv is not None and report.model_id
    model, info, error = learning.stored_model(engine)
    assert model is not None and error is None and info["decisions"] == n
    with engine.connect() as conn:
        # suggestions are rows of their own, never decisions
        assert conn.execute(select(func.count()).select_from(tables.annotations)).scalar_one() == rows_before
        sugg = conn.execute(select(tables.suggestions.c.candidate_id, tables.suggestions.c.origin,
                                   tables.suggestions.c.score, tables.suggestions.c.reason)).all()
        undecided = set(conn.execute(select(tables.candidates.c.id)
                                     .where(tables.candidates.c.article_id == "en-election.txt")).scalars())
    assert {cid for cid, *_ in sugg} == undecided and report.suggestions_written == len(undecided)
    assert all(origin == learning.MODEL and 0 < score <= 1 and reason.startswith("model ") for _, origin, score, reason in sugg)
    # the model learned what the reviewers do and the rules do not: a "Sponsored:" line is no claim
    svc = ReviewService(engine, "bob")
    sponsored = [c for c in svc.load_article("en-election.txt").claims if c.text.startswith("Sponsored")]
    with engine.connect() as conn:
        by = learning.latest_by_origin(conn, [c.id for c in sponsored], (learning.MODEL,))
    assert sponsored and all(by[c.id][0] == "not_claim" for c in sponsored)
    # learning again with nothing new writes no new rows
    assert learning.learn(engine, folds=3).suggestions_written == 0


def test_retrain_is_due_after_the_given_number_of_new_decisions(corpus_db):
    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt"])
    assert learning.retrain_if_due(engine, every=25) is not None  # no model yet: all decisions are new
    assert learning.retrain_if_due(engine, every=25) is None
    assert learning.decisions_since_model(engine) == 0
    _decide(engine, corpus, "bob", ["fr-incendie.txt"])
    assert learning.decisions_since_model(engine) == 8
    assert learning.retrain_if_due(engine, every=25) is None and learning.retrain_if_due(engine, every=8) is not None


def test_uncertain_order_puts_the_least_certain_first(corpus_db):
    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt", "fr-incendie.txt"])
    learning.learn(engine, folds=3)
    order = learning.uncertain_order(engine)
    with engine.connect() as conn:
        probs = learning.latest_by_origin(conn, order, (learning.MODEL,))
        decided = set(conn.execute(select(tables.annotations.c.candidate_id)).scalars())
    assert order and not set(order) & decided
    scores = [probs[cid][1] for cid in order]
    assert scores == sorted(scores)
    # another reviewer has decided nothing: every live candidate is in their order
    with engine.connect() as conn:
        live = conn.execute(select(func.count()).select_from(tables.candidates)
                            .where(tables.candidates.c.orphaned.is_(False))).scalar_one()
    assert len(learning.uncertain_order(engine, reviewer="carol")) == live


def test_a_stored_model_of_another_format_is_refused_in_one_line_and_retrained(corpus_db):
    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt"])
    first = learning.learn(engine, folds=3)
    with engine.begin() as conn:
        conn.execute(update(tables.label_models).where(tables.label_models.c.id == first.model_id)
                     .values(blob=b"not a label model"))
    model, _info, error = learning.stored_model(engine)
    assert model is None and error and "\n" not in error
    again = learning.learn(engine, folds=3)
    assert again.trained and learning.stored_model(engine)[0] is not None


def test_choose_the_model_when_it_counts_the_rules_when_it_agrees():
    rules = ("attributed", 0.9)
    assert learning.choose(rules, None, ("unsourced", 0.55, "model 0.55"), True).chosen == "model"
    assert learning.choose(rules, None, ("unsourced", 0.95, "model 0.95"), False).chosen == "rules"
    assert learning.choose(rules, None, ("attributed", 0.95, "model 0.95"), True).chosen == "rules"  # agrees
    # a near-duplicate's decision outranks the rules; against the model, the more confident wins
    assert learning.choose(("attributed", 0.92), ("contested", 0.9, "twin"), None, True).chosen == "twin"
    assert learning.choose(rules, ("contested", 0.95, "twin"), ("unsourced", 0.9, "m"), True).chosen == "twin"
    assert learning.choose(rules, ("contested", 0.9, "twin"), ("unsourced", 0.97, "m"), True).chosen == "model"
    got = learning.choose((None, 0.0), None, ("not_claim", 0.4, "m"), True)
    assert got.label == "not_claim" and got.confidence == 0.4


def test_model_rows_do_not_hide_a_twins_suggestion(corpus_db):
    """The near-duplicate suggestion in force is the latest twin/propagated row, whatever the
    model wrote after it."""
    engine, _corpus = corpus_db
    with engine.connect() as conn:
        cid = conn.execute(select(tables.candidates.c.id).limit(1)).scalar_one()
    with engine.begin() as conn:
        conn.execute(insert(tables.suggestions), [
            {"candidate_id": cid, "label": "contested", "score": 97.0, "reason": "near-duplicate", "origin": "propagated",
             "created_at": learning.utcnow()},
            {"candidate_id": cid, "label": "unsourced", "score": 0.8, "reason": "model 0.80", "origin": learning.MODEL,
             "created_at": learning.utcnow()},
        ])
    with engine.connect() as conn:
        assert learning.latest_by_origin(conn, [cid], learning.TWIN_ORIGINS)[cid][0] == "contested"
        assert learning.latest_by_origin(conn, [cid], (learning.MODEL,))[cid][0] == "unsourced"


def test_the_review_service_shows_every_suggestion_and_accepts_the_chosen_one(corpus_db):
    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt", "fr-incendie.txt"])
    report = learning.learn(engine, folds=3)
    svc = ReviewService(engine, "bob")
    sponsored = next(c for c in svc.load_article("en-election.txt").claims if c.text.startswith("Sponsored"))
    by = {view[0]: view for view in sponsored.suggestions}
    assert set(by) == {"rules", "model"} and by["model"][1] == "not_claim" and by["model"][3].startswith("model ")
    assert by["rules"][1] == "unsourced"  # what the rules say of an advertisement
    with engine.begin() as conn:  # whether the model may win is what its cross-validation said
        conn.execute(update(tables.label_models).where(tables.label_models.c.id == report.model_id)
                     .values(beats_rules=False))
    assert svc.claim(sponsored.id).suggested_by == "rules"
    with engine.begin() as conn:
        conn.execute(update(tables.label_models).where(tables.label_models.c.id == report.model_id)
                     .values(beats_rules=True))
    claim = svc.claim(sponsored.id)
    assert claim.suggested_by == "model" and claim.suggested_label == "not_claim" and claim.suggestion_reason
    assert svc.accept(sponsored.id).claim.label == "not_claim"


def test_an_import_of_decisions_retrains_the_model(tmp_path, corpus_db):
    """Decisions exported from one database and imported into another (with the articles):
    the import service retrains the label model there, whoever calls it."""
    from workbench.services.exporting import iter_claims
    from workbench.store.database import make_engine

    engine, corpus = corpus_db
    _decide(engine, corpus, "alice", ["en-budget.txt", "en-storm.txt", "en-trial.txt", "fr-greve.txt", "fr-incendie.txt"])
    export = tmp_path / "alice-claims.jsonl"
    import json

    export.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in iter_claims(engine)),
                      encoding="utf-8")
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    result = import_paths(other, [*sorted(tmp_path.glob("*.txt")), export], jobs=1)
    assert result.ok and result.decisions.added >= 30
    assert result.learned and result.learned.startswith("trained on")
    assert learning.stored_model(other)[0] is not None
    # an import of articles alone does not retrain
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "x.txt").write_text("The council met on Monday, the mayor said.\n", encoding="utf-8")
    assert import_paths(other, [tmp_path / "more" / "x.txt"], jobs=1).learned is None


def test_a_confirmed_majority_the_reviewers_changed_since_teaches_the_new_majority(corpus_db):
    """The model learns the gold label: a confirmation of the majority (enter in adjudication,
    rule majority) holds while that label is the majority, as in the gold export; an explicit
    ruling always. Before, a confirmation the reviewers had overturned since still taught the
    old label."""
    from workbench.services import team

    engine, corpus = corpus_db
    cid = ReviewService(engine, "ann").load_article("en-budget.txt").claims[0].id
    ann, bob, cy = (ReviewService(engine, n) for n in ("ann", "bob", "cy"))
    ann.decide(cid, "attributed")
    bob.decide(cid, "attributed")
    cy.decide(cid, "unsourced")
    team.adjudicate(engine, cid, "attributed", "judge", "majority")
    with engine.connect() as conn:
        assert learning.decided_labels(conn)[0][cid] == "attributed"
    bob.decide(cid, "unsourced")  # 2 of 3 say unsourced now
    with engine.connect() as conn:
        assert learning.decided_labels(conn)[0][cid] == "unsourced"
    team.adjudicate(engine, cid, "contested", "judge")  # an explicit ruling
    with engine.connect() as conn:
        assert learning.decided_labels(conn)[0][cid] == "contested"
