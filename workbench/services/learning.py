"""Suggestions that learn from the reviewers' decisions (issue 14).

The label model of ``workbench.learning`` is trained on the corpus's own decisions (the
adjudicated gold label where there is one, else the reviewers' consensus), kept in the database
(table ``labelmodel``: one row per training, the newest in force, with what it learned from and
how it did in cross-validation), and its suggestions are rows of their own in ``suggestion``
(origin ``model``, the probability as score, the features that weighed most as the reason):
never decisions.

Which suggestion a claim shows as *the* suggestion (what ``enter`` accepts, ``choose``): a
near-duplicate's decision outranks the rules' suggestion; the model's outranks the rules' (and a
twin's when more confident), but only when the model beat the rules in its cross-validation (a
few dozen decisions on a corpus the rules fit make a worse model); when they agree, the plainer
reason (the rules', the twin's) is the one shown.

Training is a few seconds for 50,000 decisions: the app runs it in another process
(``learn_elsewhere``), never in a thread that a key would wait for.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from typing import TYPE_CHECKING

from workbench.claims.model import Candidate, Span
from workbench.services.similarity import consensus
from workbench.services.suggestions import TWIN_ORIGINS
from workbench.store.batching import rows_for
from workbench.store.models import utcnow
if TYPE_CHECKING:  # (workbench.learning imports numpy: only the functions that train or read a model load it,
    # so that the review app starts without it)
    from workbench.learning import CrossValidation, Example, LabelModel

from workbench.store.tables import (
    adjudications,
    annotations,
    articles,
    candidates,
    label_models,
    latest_annotation_ids,
    reviewers,
    suggestions,
)

#: the origin of the suggestion rows the model writes
MODEL = "model"
#: the app retrains after this many new decisions
RETRAIN_EVERY = 25


@dataclass(frozen=True, slots=True)
class CorpusExamples:
    """Every live candidate of the corpus as an ``Example`` (``label`` set where decided), and
    the candidate id of each."""

    examples: list[Example]
    ids: list[int]
    last_annotation: int  # the newest annotation id the labels were read up to

    @property
    def decided(self) -> int:
        return sum(ex.label is not None for ex in self.examples)


@dataclass(frozen=True, slots=True)
class LearnReport:
    """What ``learn`` did: ``trained``, or why not (``message``, one line)."""

    trained: bool
    message: str
    decisions: int = 0
    cv: CrossValidation | None = None
    suggestions_written: int = 0
    model_id: int | None = None

    def as_dict(self) -> dict:
        out = {"trained": self.trained, "message": self.message, "decisions": self.decisions,
               "suggestions_written": self.suggestions_written, "model_id": self.model_id}
        if self.cv is not None:
            out["cross_validation"] = self.cv.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class Suggested:
    """The suggestions of one claim: the rules', a near-duplicate's, the model's, and which of
    them is the claim's suggestion (``chosen``: ``rules`` / ``twin`` / ``model``)."""

    rules: tuple[str | None, float]
    twin: tuple[str, float, str] | None = None  # label, confidence 0-1, reason
    model: tuple[str, float, str] | None = None  # label, probability, reason
    chosen: str = "rules"
    model_counts: bool = field(default=True)

    @property
    def label(self) -> str | None:
        return {"rules": self.rules[0], "twin": (self.twin or ("",))[0], "model": (self.model or ("",))[0]}[self.chosen]

    @property
    def confidence(self) -> float:
        return {"rules": self.rules[1], "twin": (self.twin or (0, 0.0))[1], "model": (self.model or (0, 0.0))[1]}[self.chosen]


def as_twin(row: tuple[str, float, str] | None) -> tuple[str, float, str] | None:
    """A near-duplicate's suggestion row ``(label, score, reason)`` with its score as a
    confidence 0-1 (rows store the similarity 0-100)."""
    if row is None:
        return None
    label, score, reason = row
    return label, min(1.0, score / 100 if score > 1 else score), reason


def choose(rules: tuple[str | None, float], twin: tuple[str, float, str] | None,
           model: tuple[str, float, str] | None, model_counts: bool) -> Suggested:
    """The suggestion ``enter`` accepts. A near-duplicate's decision outranks the rules' (a
    reviewer decided a claim that states the same thing). The model's outranks the rules' when
    it may count: it learned from the rules' suggestion among its features and beat the rules in
    cross-validation, and the rules' score is no probability to weigh it against; against a
    twin, the more confident wins (the twin's similarity / 100, the model's probability). When
    the model agrees, the rules' (or the twin's) suggestion stays the one shown: its reason is
    the plainer."""
    best, label, conf = "rules", rules[0], None
    if twin is not None:
        best, label, conf = "twin", twin[0], twin[1]
    if model is not None and model_counts and model[0] != label and (conf is None or model[1] > conf):
        best = "model"
    return Suggested(rules, twin, model, best, model_counts)


# -- reading the corpus --------------------------------------------------------------------------


def _stored_candidate(row) -> Candidate:
    cue = Span(row.cue_start, row.cue_end, row.cue_text or "") if row.cue_start is not None else None
    source = Span(row.source_start, row.source_end, row.source_text or "") if row.source_start is not None else None
    return Candidate(row.start, row.end, row.text, row.suggested_label, row.score, cue, source, row.reason)


def decided_labels(conn) -> tuple[dict[int, str], int]:
    """``{candidate: label}`` to learn from: the adjudicated gold label, else the current
    decisions' consensus (a tie teaches nothing); and the newest annotation id read."""
    latest = latest_annotation_ids()
    votes: dict[int, dict[str, str]] = {}
    q = (select(annotations.c.candidate_id, reviewers.c.name, annotations.c.label)
         .join(latest, annotations.c.id == latest.c.id)
         .join(reviewers, reviewers.c.id == annotations.c.reviewer_id)
         .where(annotations.c.label.is_not(None)))
    for cid, name, label in conn.execute(q):
        votes.setdefault(cid, {})[name] = label
    out = {cid: lab for cid, v in votes.items() if (lab := consensus(v)) is not None}
    last_ruling = select(func.max(adjudications.c.id).label("id")).group_by(adjudications.c.candidate_id).subquery("lr")
    for cid, label, rule in conn.execute(select(adjudications.c.candidate_id, adjudications.c.label, adjudications.c.rule)
                                         .join(last_ruling, adjudications.c.id == last_ruling.c.id)):
        if label is None:
            continue
        if rule == "majority":
            # a confirmed majority holds while it is the majority (as for the gold export,
            # ``TeamClaim.ruling``): the reviewers may have changed their labels since
            v = list(votes.get(cid, {}).values())
            if v.count(label) * 2 <= len(v):
                continue
        out[cid] = label
    last = conn.execute(select(func.max(annotations.c.id))).scalar_one() or 0
    return out, last


def corpus_examples(engine: Engine) -> CorpusExamples:
    """Every live candidate as an ``Example``, in article and offset order."""
    from workbench.learning import Example

    with engine.connect() as conn:
        labels, last = decided_labels(conn)
        lengths = dict(conn.execute(select(articles.c.id, func.length(articles.c.text))).all())
        rows = conn.execute(select(candidates).where(candidates.c.orphaned.is_(False), candidates.c.withdrawn.is_(False))
                            .order_by(candidates.c.article_id, candidates.c.start, candidates.c.id)).all()
    examples = [Example(r.article_id, _stored_candidate(r), lengths.get(r.article_id) or 0, labels.get(r.id))
                for r in rows]
    return CorpusExamples(examples, [r.id for r in rows], last)


# -- the stored model ------------------------------------------------------------------------------


def stored_model(engine: Engine) -> tuple[LabelModel | None, dict, str | None]:
    """The model in force (the newest stored), what it learned from (``info``: decisions,
    last annotation, beats the rules) and, when it cannot be read (another format version), the
    one-line reason; ``(None, {}, None)`` when none was trained yet."""
    from workbench.learning import LabelModel, ModelVersionError

    with engine.connect() as conn:
        row = conn.execute(select(label_models).order_by(label_models.c.id.desc()).limit(1)).first()
    if row is None:
        return None, {}, None
    info = {"id": row.id, "decisions": row.decisions, "last_annotation": row.last_annotation,
            "beats_rules": bool(row.beats_rules), "created_at": row.created_at}
    try:
        return LabelModel.from_bytes(row.blob), info, None
    except ModelVersionError as err:
        return None, info, f"stored label model {row.id}: {err}"


def model_counts(engine: Engine) -> bool:
    """Whether the stored model's suggestions may win (it beat the rules in cross-validation)."""
    with engine.connect() as conn:
        return model_counts_in(conn)


def model_counts_in(conn) -> bool:
    row = conn.execute(select(label_models.c.beats_rules).order_by(label_models.c.id.desc()).limit(1)).first()
    return bool(row and row[0])


def _store(engine: Engine, model: LabelModel, corpus: CorpusExamples, cv: CrossValidation | None) -> int:
    with engine.begin() as conn:
        return conn.execute(insert(label_models).values(
            created_at=utcnow(), decisions=corpus.decided, last_annotation=corpus.last_annotation,
            beats_rules=bool(cv is not None and cv.model_beats_rules),
            metrics=json.dumps(cv.as_dict() if cv is not None else {}), blob=model.to_bytes(),
        )).inserted_primary_key[0]


# -- suggestions -----------------------------------------------------------------------------------


def _reason(label: str, probability: float, features: Iterable[str]) -> str:
    feats = ", ".join(features)
    return f"model {probability:.2f}" + (f" ({feats})" if feats else "")


def latest_by_origin(conn, ids: list[int], origins: tuple[str, ...]) -> dict[int, tuple[str, float, str]]:
    """``{candidate: (label, score, reason)}`` of the latest suggestion row of one of ``origins``."""
    def latest_of(chunk):
        latest = (select(func.max(suggestions.c.id).label("id"))
                  .where(suggestions.c.candidate_id.in_(chunk), suggestions.c.origin.in_(origins))
                  .group_by(suggestions.c.candidate_id).subquery("lo"))
        return (select(suggestions.c.candidate_id, suggestions.c.label, suggestions.c.score, suggestions.c.reason)
                .join(latest, suggestions.c.id == latest.c.id))

    return {cid: (label, score, reason) for cid, label, score, reason in rows_for(conn, latest_of, ids)}


#: suggestion rows per write transaction: a reviewer's decision waits for at most one of them
WRITE_BATCH = 100
BATCH_PAUSE_S = 0.002
#: a model suggestion is written again only when its label changes or its probability moves by
#: this much (a retraining moves every probability a little: rows of their own, not a log of noise)
PROBABILITY_STEP = 0.05


def write_suggestions(engine: Engine, model: LabelModel, corpus: CorpusExamples, explain: int = 3) -> int:
    """The model's suggestion for every undecided candidate, as ``suggestion`` rows (only where
    the label changed or the probability moved by ``PROBABILITY_STEP``). Returns how many rows
    were written."""
    idx = [i for i, ex in enumerate(corpus.examples) if ex.label is None]
    if not idx:
        return 0
    # explaining costs ~0.3 ms a prediction: predict them all plainly, explain the changed ones
    preds = model.predict([corpus.examples[i] for i in idx], explain=0)
    ids = [corpus.ids[i] for i in idx]
    with engine.connect() as conn:
        have = latest_by_origin(conn, ids, (MODEL,))
    changed = []
    for k, (cid, p) in enumerate(zip(ids, preds)):
        old = have.get(cid)
        if old is None or old[0] != p.label or abs(old[1] - float(p.probability)) >= PROBABILITY_STEP:
            changed.append(k)
    explained = model.predict([corpus.examples[idx[k]] for k in changed], explain=explain) if changed else []
    now = utcnow()
    rows = []
    for k, p in zip(changed, explained):
        prob = round(float(p.probability), 3)
        rows.append({"candidate_id": ids[k], "label": p.label, "neighbour_id": None, "score": prob,
                     "reason": _reason(p.label, prob, p.top_features), "origin": MODEL,
                     "reviewer_id": None, "created_at": now})
    sqlite = engine.dialect.name == "sqlite"
    for n, k in enumerate(range(0, len(rows), WRITE_BATCH)):
        # short transactions, a pause between them: the reviewers' decisions get the lock first
        with engine.begin() as conn:
            conn.execute(insert(suggestions), rows[k:k + WRITE_BATCH])
        if sqlite and n % 20 == 19:
            # (SQLite: fold these rows into the database now, so that the commit of a reviewer's
            # decision does not find a long write-ahead log to fold in itself)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        time.sleep(BATCH_PAUSE_S)
    return len(rows)


# -- the use cases ---------------------------------------------------------------------------------


def learn(engine: Engine, *, folds: int = 5, seed: int = 0, cross_check: bool = True) -> LearnReport:
    """Train the label model on the corpus's decisions, report the rules' and the model's label
    accuracy by cross-validation over articles, store the model and update the suggestions of
    the undecided candidates. With too few decisions, says so and changes nothing."""
    from workbench.learning import cross_validate, too_few, train

    corpus = corpus_examples(engine)
    why = too_few(corpus.examples)
    if why:
        return LearnReport(False, why, corpus.decided)
    cv = cross_validate(corpus.examples, folds=folds, seed=seed) if cross_check else None
    model = train(corpus.examples, seed=seed, meta={"last_annotation": corpus.last_annotation})
    model_id = _store(engine, model, corpus, cv)
    written = write_suggestions(engine, model, corpus)
    verdict = "" if cv is None else (" (it beats the rules: its suggestions count)" if cv.model_beats_rules
                                     else " (the rules do better: its suggestions are shown, not chosen)")
    return LearnReport(True, f"trained on {corpus.decided} decisions{verdict}; {written} suggestions updated",
                       corpus.decided, cv, written, model_id)


def decisions_since_model(engine: Engine) -> int:
    """How many annotation rows were written since the stored model was trained (all of them
    when there is none)."""
    with engine.connect() as conn:
        last = conn.execute(select(label_models.c.last_annotation).order_by(label_models.c.id.desc()).limit(1)).scalar()
        q = select(func.count()).select_from(annotations).where(annotations.c.label.is_not(None))
        if last is not None:
            q = q.where(annotations.c.id > last)
        return conn.execute(q).scalar_one()


def training_due(engine: Engine, every: int = RETRAIN_EVERY) -> bool:
    """Whether ``every`` decisions were made since the stored model was trained and there are
    enough to learn from (a cheap check before a training process is started)."""
    from workbench.learning import MIN_DECISIONS

    if every <= 0 or decisions_since_model(engine) < every:
        return False
    latest = latest_annotation_ids()
    with engine.connect() as conn:
        decided = conn.execute(select(func.count(func.distinct(annotations.c.candidate_id)))
                               .join(latest, annotations.c.id == latest.c.id)
                               .where(annotations.c.label.is_not(None))).scalar_one()
    return decided >= MIN_DECISIONS


def retrain_if_due(engine: Engine, every: int = RETRAIN_EVERY) -> LearnReport | None:
    """``learn`` when at least ``every`` decisions were made since the stored model was trained."""
    if every <= 0 or decisions_since_model(engine) < every:
        return None
    return learn(engine)


def _learn_at(url: str, every: int) -> dict | None:
    from workbench.store.database import make_engine

    engine = make_engine(url)
    try:
        report = retrain_if_due(engine, every) if every else learn(engine)
        return None if report is None else report.as_dict()
    finally:
        engine.dispose()


def child_main(argv: list[str] | None = None) -> int:
    """The worker process of ``learn_elsewhere``: ``URL EVERY`` in, the report as JSON out."""
    url, every = (argv if argv is not None else sys.argv[1:])[:2]
    try:
        os.nice(19)  # the reviewer's keys first: the app's threads share the machine with it
    except (AttributeError, OSError):
        pass
    print(json.dumps(_learn_at(url, int(every)), default=str))
    return 0


_RUNNER: ThreadPoolExecutor | None = None
_CHILD: subprocess.Popen | None = None


def learn_elsewhere(url: str, every: int = RETRAIN_EVERY) -> Future:
    """``retrain_if_due`` (``learn`` when ``every`` is 0) in a worker process, for the app: the
    future's result is the report as a dict, or None when no training was due. A plain child
    process (not multiprocessing: the app's captured standard streams have no file descriptor
    for its resource tracker), waited for on a thread of its own."""
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-learn")
    return _RUNNER.submit(_run_child, url, every)


def _run_child(url: str, every: int) -> dict | None:
    global _CHILD
    code = "import sys; from workbench.services.learning import child_main; sys.exit(child_main())"
    proc = subprocess.Popen([sys.executable, "-c", code, url, str(every)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _CHILD = proc
    try:
        out, err = proc.communicate()
    finally:
        _CHILD = None
    if proc.returncode != 0:
        last = (err.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise RuntimeError(f"the training process failed: {last}")
    return json.loads(out) if out.strip() else None


def stop_elsewhere() -> None:
    """End the worker process of ``learn_elsewhere`` now (the app quits: a training cut short
    loses only itself; the model is stored in one transaction at its end)."""
    global _RUNNER
    child, runner, _RUNNER = _CHILD, _RUNNER, None
    if child is not None and child.poll() is None:
        child.terminate()
    if runner is not None:
        runner.shutdown(wait=False, cancel_futures=True)


def uncertain_order(engine: Engine, reviewer: str | None = None) -> list[int]:
    """The candidates without a current decision (``reviewer``'s, or anybody's), least certain
    suggestion first: the model's probability where it made one, else the rules' score; ties in
    article order."""
    return [cid for cid, _aid in uncertain_queue(engine, reviewer)]


def uncertain_queue(engine: Engine, reviewer: str | None = None) -> list[tuple[int, str]]:
    """``uncertain_order`` with the article of each candidate: ``(candidate, article)``."""
    latest = latest_annotation_ids()
    decided_q = (select(annotations.c.candidate_id).join(latest, annotations.c.id == latest.c.id)
                 .where(annotations.c.label.is_not(None)))
    if reviewer is not None:
        decided_q = decided_q.join(reviewers, reviewers.c.id == annotations.c.reviewer_id).where(reviewers.c.name == reviewer)
    with engine.connect() as conn:
        decided = set(conn.execute(decided_q).scalars())
        rows = conn.execute(select(candidates.c.id, candidates.c.score, candidates.c.article_id)
                            .where(candidates.c.orphaned.is_(False), candidates.c.withdrawn.is_(False))
                            .order_by(candidates.c.article_id, candidates.c.start, candidates.c.id)).all()
        undecided = [(cid, score, aid) for cid, score, aid in rows if cid not in decided]
        model = latest_by_origin(conn, [cid for cid, _, _ in undecided], (MODEL,))
    certainty = [model[cid][1] if cid in model else score for cid, score, _ in undecided]
    order = sorted(range(len(undecided)), key=lambda i: (certainty[i], i))
    return [(undecided[i][0], undecided[i][2]) for i in order]


__all__ = [
    "MODEL", "RETRAIN_EVERY", "TWIN_ORIGINS", "CorpusExamples", "as_twin", "LearnReport", "Suggested", "choose", "corpus_examples",
    "decided_labels", "decisions_since_model", "latest_by_origin", "learn", "learn_elsewhere", "model_counts",
    "stop_elsewhere",
    "retrain_if_due", "stored_model", "training_due", "uncertain_order", "uncertain_queue", "write_suggestions",
]
