"""Datasets for other tools and back: Prodigy, Label Studio and spaCy exports, imports of Prodigy,
Label Studio and doccano files, and round trips through a fresh database (same articles,
offsets, labels, reviewers, sources and notes)."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from workbench.cli import main
from workbench.claims import EXTRACTOR_VERSION
from workbench.claims.model import LABELS
from workbench.formats import detect_format, read_foreign, spacy_docbin, spans_jsonl
from workbench.formats.common import InputError, MissingExtra
from workbench.formats.labelstudio import label_config
from workbench.formats.prodigy import prodigy_tasks, tokenize
from workbench.formats.tool_files import ExportReport, by_article
from workbench.services import exporting
from workbench.services.exporting import GoldClaims, export, iter_claims
from workbench.services.importing import import_foreign
from workbench.store import make_engine, tables
from workbench.services.review import ReviewService

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


# -- helpers ------------------------------------------------------------------------------------

def fresh(tmp_path: Path, name: str):
    return make_engine(f"sqlite:///{tmp_path / name}")


def decisions(engine) -> list[tuple]:
    """Every current decision: article, offsets, label, reviewer, source, note."""
    return sorted(
        (c["article_id"], c["start"], c["end"], c["label"], c["reviewer"],
         (c["source"]["start"], c["source"]["end"]) if c["source"] else None, c["note"])
        for c in iter_claims(engine)
    )


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def candidates(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            'SELECT id, article_id, start, "end", suggested_label, source_start, source_end FROM candidate '
            "ORDER BY article_id, start, id")).all()


@pytest.fixture
def reviewed(tmp_path, db_url):
    """The fixture articles imported with ``workbench import fixtures/``; alice and bob decide
    some claims (they disagree on some), alice fixes sources, moves a boundary, writes a note
    and adds a claim the extractor missed (on SQLite and on PostgreSQL: ``db_url``)."""
    url = db_url
    assert main(["import", "--db", url, "-q", str(FIXTURES)]) == 0
    engine = make_engine(url)
    cands = candidates(engine)
    alice, bob = ReviewService(engine, "alice"), ReviewService(engine, "bob")
    for i, c in enumerate(cands[:36]):
        alice.decide(c.id, "not_claim" if i % 7 == 6 else (c.suggested_label or "unsourced"))
        if i % 3 == 0:
            bob.decide(c.id, "contested" if i % 2 else (c.suggested_label or "unsourced"))
    with_source = [c for c in cands[:36] if c.source_start is not None]
    alice.set_source(with_source[0].id, None)  # no source after all
    s = with_source[1]
    alice.set_source(s.id, (s.source_start, s.source_end - 1))  # a shorter source
    moved = cands[3]
    alice.set_bounds(moved.id, moved.start, moved.end - 1)
    alice.set_note(cands[4].id, "dubious attribution")
    last = cands[-1]
    alice.add_claim(last.article_id, last.start, last.start + 12, "unsourced")
    yield engine
    engine.dispose()


# -- Prodigy -----------------------------------------------------------------------------------

def test_prodigy_tasks_shape_and_round_trip(reviewed, tmp_path):
    out = tmp_path / "prodigy.jsonl"
    report = export(reviewed, "prodigy", out, tokens=True)
    assert report.where == str(out) and report.records > 0 and not report.unaligned
    tasks = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {t["_annotator_id"] for t in tasks} == {"alice", "bob"}
    for t in tasks:
        assert t["answer"] == "accept" and t["_session_id"] == t["_annotator_id"]
        assert t["_view_id"] == "spans_manual"
        assert -2**31 <= t["_input_hash"] < 2**31 and -2**31 <= t["_task_hash"] < 2**31
        assert isinstance(t["_timestamp"], int)
        assert t["meta"]["id"] and t["meta"]["title"]
        toks = t["tokens"]
        assert [k["id"] for k in toks] == list(range(len(toks)))
        assert all(t["text"][k["start"]:k["end"]] == k["text"] for k in toks)
        for sp in t["spans"]:
            assert t["text"][sp["start"]:sp["end"]] == sp["text"]
            assert sp["label"] in LABELS
            assert toks[sp["token_start"]]["start"] <= sp["start"] and sp["end"] <= toks[sp["token_end"]]["end"]
    # the same text has the same input hash for both reviewers, different spans other task hashes
    by_text = {}
    for t in tasks:
        by_text.setdefault(t["text"], set()).add(t["_input_hash"])
    assert all(len(h) == 1 for h in by_text.values())

    assert detect_format(out) == "prodigy"
    other = fresh(tmp_path, "b.db")
    got = import_foreign(other, out)
    assert got.format == "prodigy" and got.reviewers == ["alice", "bob"]
    decided = len({d[0] for d in decisions(reviewed)})
    assert got.articles == decided == 4 and got.claims_added == 1  # the claim alice added by hand
    assert decisions(other) == decisions(reviewed)
    # alice moved a boundary: her decision stays on the extractor's candidate, with bob's
    rows = [c for c in iter_claims(other) if c["start"] != c["candidate_start"] or c["end"] != c["candidate_end"]]
    assert len(rows) == 1 and rows[0]["reviewer"] == "alice"
    assert [c["reviewer"] for c in iter_claims(other) if c["id"] == rows[0]["id"]] == ["alice", "bob"]
    # exactly once: again, and into the database the decisions came from
    again = import_foreign(other, out)
    assert (again.added, again.known, again.articles, again.unchanged) == (0, got.added, 0, decided)
    back = import_foreign(reviewed, out)
    assert back.added == 0 and decisions(reviewed) == decisions(other)


def test_prodigy_suggestions_are_not_decisions(reviewed, tmp_path):
    out = tmp_path / "all.jsonl"
    report = export(reviewed, "prodigy", out, include_unreviewed=True)
    tasks = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    suggested = [t for t in tasks if "answer" not in t]
    assert suggested and all(t["meta"]["status"] == "suggested" and "_annotator_id" not in t for t in suggested)
    assert report.articles == 5  # every article, decided or not
    other = fresh(tmp_path, "b.db")
    got = import_foreign(other, out)
    assert got.articles == 5 and got.skipped == len(suggested)
    assert decisions(other) == decisions(reviewed)


def test_gold_export_is_the_gold_annotator(reviewed, tmp_path):
    out = tmp_path / "gold.jsonl"
    gold = GoldClaims(reviewed)
    export(reviewed, "prodigy", out, gold=gold)
    tasks = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {t["_annotator_id"] for t in tasks} == {"gold"}
    n = sum(len(t["spans"]) for t in tasks)
    assert n == sum(gold.by_rule.values())


def test_hand_made_prodigy_file(tmp_path):
    """A Prodigy dataset made elsewhere: source spans, rejected tasks, labels in capitals, no
    workbench keys; decisions without source information keep the candidate's source."""
    engine = fresh(tmp_path, "p.db")
    text1 = "Le ministère a déclaré lundi que la réponse serait proportionnée. Moscou a frappé une usine."
    say = text1.index("Moscou")
    lines = [
        {"text": text1, "meta": {"id": "m1"}, "_annotator_id": "news-carol", "answer": "accept",
         "_timestamp": 1700000000,
         "spans": [{"start": 0, "end": say - 1, "label": "ATTRIBUTED"},
                   {"start": 0, "end": 12, "label": "Source"},
                   {"start": say, "end": len(text1), "label": "Unsourced"}]},
        {"text": text1, "meta": {"id": "m1"}, "_annotator_id": "news-dan", "answer": "reject",
         "spans": [{"start": 0, "end": say - 1, "label": "CONTESTED"}]},
        {"text": "Selon Reuters, les négociations ont échoué.", "answer": "accept",
         "spans": [{"start": 0, "end": 43, "label": "not-claim"}]},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    assert detect_format(path) == "prodigy"
    got = import_foreign(engine, path)
    assert got.skipped == 1 and got.added == 3 and got.unpaired_sources == 0
    d = decisions(engine)
    assert ("m1", 0, say - 1, "attributed", "news-carol", (0, 12), None) in d
    assert ("m1", say, len(text1), "unsourced", "news-carol", None, None) in d
    other = [x for x in d if x[0] != "m1"]
    assert len(other) == 1 and other[0][0].startswith("sha256:") and other[0][3:5] == ("not_claim", "prodigy:news")


def test_a_text_without_id_is_the_stored_article(reviewed, tmp_path):
    """A Prodigy task that names no id, on the text of an article already imported (from a
    .txt file), is that article: its decisions go to its claims."""
    art = next(a for a in exporting.iter_articles(reviewed) if a["id"].startswith("001"))
    c = next(c for c in candidates(reviewed) if c.article_id == art["id"])
    path = tmp_path / "carol.jsonl"
    path.write_text(json.dumps({"text": art["text"], "answer": "accept", "_annotator_id": "carol",
                                "spans": [{"start": c.start, "end": c.end, "label": "contested"}]},
                               ensure_ascii=False) + "\n", "utf-8")
    got = import_foreign(reviewed, path)
    assert (got.articles, got.unchanged, got.added, got.claims_added) == (0, 1, 1, 0)
    mine = [x for x in iter_claims(reviewed) if x["reviewer"] == "carol"]
    assert [(x["id"], x["article_id"], x["label"]) for x in mine] == [(c.id, art["id"], "contested")]
    # the candidate's source is kept: the file says nothing about sources
    want = (c.source_start, c.source_end) if c.source_start is not None else None
    assert ((mine[0]["source"]["start"], mine[0]["source"]["end"]) if mine[0]["source"] else None) == want


# -- Label Studio --------------------------------------------------------------------------------

def test_label_config_is_the_labels():
    root = ET.fromstring(label_config())
    labels = root.find("Labels")
    assert labels.get("name") == "label" and labels.get("toName") == "text"
    assert [x.get("value") for x in labels.findall("Label")] == [*LABELS, "source"]
    assert root.find("Text").get("name") == "text" and root.find("Text").get("value") == "$text"


def test_labelstudio_tasks_and_round_trip(reviewed, tmp_path):
    out = tmp_path / "ls.json"
    report = export(reviewed, "labelstudio", out, include_unreviewed=True, emails={"bob": "bob@example.org"})
    assert report.config_path and Path(report.config_path).read_text("utf-8") == label_config()
    tasks = json.loads(out.read_text("utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 5
    annotated = [t for t in tasks if t["annotations"]]
    for t in tasks:
        assert t["data"]["text"] and t["data"]["article_id"]
        for ann in t["annotations"]:
            assert ann["reviewer"] in ("alice", "bob") and ann["was_cancelled"] is False
            assert ("completed_by" in ann) == (ann["reviewer"] == "bob")
            ids = {r["id"] for r in ann["result"] if r["type"] == "labels"}
            for r in ann["result"]:
                if r["type"] == "relation":
                    assert r["from_id"] in ids and r["to_id"] in ids
                    continue
                v = r["value"]
                assert r["from_name"] == "label" and r["to_name"] == "text"
                assert t["data"]["text"][v["start"]:v["end"]] == v["text"] and len(v["labels"]) == 1
        for p in t.get("predictions", []):
            assert p["model_version"] == EXTRACTOR_VERSION and 0 <= p["score"] <= 1
            claims = [r for r in p["result"] if r["type"] == "labels" and r["value"]["labels"] != ["source"]]
            assert claims and all("score" in r and r["value"]["labels"][0] in LABELS for r in claims)
    assert len(annotated) == 4 and sum(1 for t in tasks if t.get("predictions")) >= 2
    assert {a["reviewer"] for t in tasks for a in t["annotations"]} == {"alice", "bob"}

    assert detect_format(out) == "labelstudio"
    other = fresh(tmp_path, "b.db")
    got = import_foreign(other, out)
    assert got.articles == 5 and got.claims_added == 1
    assert got.skipped == sum(len(t.get("predictions", [])) for t in tasks)
    assert decisions(other) == decisions(reviewed)
    assert import_foreign(other, out).added == 0


def test_labelstudio_export_of_the_tool(tmp_path):
    """A file as Label Studio exports it: completed_by ids and emails, relations, a cancelled
    annotation, a region label in another case, created offsets only (no workbench keys)."""
    engine = fresh(tmp_path, "l.db")
    body = "« Nous partons », a déclaré le ministre. La ville est calme."
    src = body.index("le ministre")
    tasks = [{
        "id": 41, "data": {"text": body, "id": "ls-1"},
        "annotations": [
            {"completed_by": 7, "updated_at": "2024-05-01T10:00:00.000000Z", "result": [
                {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 40, "text": body[:40], "labels": ["Attributed"]}},
                {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": src, "end": src + 11, "text": "le ministre", "labels": ["SOURCE"]}},
                {"type": "relation", "from_id": "a2", "to_id": "a1", "direction": "right", "labels": []},
                {"id": "a3", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 41, "end": len(body), "text": body[41:], "labels": ["unsourced"]}},
            ]},
            {"completed_by": {"id": 8, "email": "erin@example.org"}, "result": [
                {"id": "b1", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 41, "end": len(body), "labels": ["contested"]}}]},
            {"completed_by": 9, "was_cancelled": True, "result": []},
        ],
        "predictions": [{"model_version": "m", "result": []}],
    }]
    path = tmp_path / "project-3.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), "utf-8")
    got = import_foreign(engine, path, reviewers={"7": "frank"})
    assert got.reviewers == ["erin@example.org", "frank"] and got.skipped == 2 and got.added == 3
    d = decisions(engine)
    assert ("ls-1", 0, 40, "attributed", "frank", (src, src + 11), None) in d
    assert ("ls-1", 41, len(body), "unsourced", "frank", None, None) in d
    assert ("ls-1", 41, len(body), "contested", "erin@example.org", None, None) in d
    # without a mapping, an id is named after Label Studio
    assert read_foreign(path).decisions[0].reviewer == "labelstudio:user:7"


# -- spaCy ---------------------------------------------------------------------------------------

def test_spacy_docbin_loads_with_spacy(reviewed, tmp_path):
    spacy = pytest.importorskip("spacy", reason="spaCy is an optional extra: pip install 'claim-workbench[spacy]'")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    report = export(reviewed, "spacy", out)
    assert report.where == str(out) and not report.unaligned
    nlp = spacy.blank("fr")
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert len(docs) == report.records
    want: dict[tuple[str, str], list] = {}
    for c in iter_claims(reviewed):
        want.setdefault((c["article_id"], c["reviewer"]), []).append(c)
    assert {(d.user_data["article_id"], d.user_data["annotator"]) for d in docs} == set(want)
    snapped = 0
    for doc in docs:
        claims = want[(doc.user_data["article_id"], doc.user_data["annotator"])]
        sc = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])
        assert len(sc) == len(claims)
        for c in claims:
            exact = (c["start"], c["end"], c["label"])
            if exact in sc:
                continue
            snapped += 1  # snapped outwards to whole tokens
            assert any(s <= c["start"] and c["end"] <= e and lbl == c["label"] for s, e, lbl in sc)
        sources = [(s.start_char, s.end_char) for s in doc.spans["source"]]
        assert all(s.label_ == "source" for s in doc.spans["source"])
        for c in claims:
            if c["source"]:
                snapped += (c["source"]["start"], c["source"]["end"]) not in sources
                assert any(s <= c["source"]["start"] and c["source"]["end"] <= e for s, e in sources)
        assert len(sources) == sum(1 for c in claims if c["source"])
    assert snapped == report.snapped


def test_spacy_missing_is_a_clear_error(reviewed, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    out = tmp_path / "train.spacy"
    with pytest.raises(MissingExtra, match=r"install the spacy extra: pip install 'claim-workbench\[spacy\]'"):
        export(reviewed, "spacy", out)
    assert not out.exists() and not list(tmp_path.glob(".train.spacy.*"))


# -- doccano -------------------------------------------------------------------------------------

def test_doccano_files(tmp_path):
    engine = fresh(tmp_path, "d.db")
    t1 = "Selon Reuters, les pourparlers ont échoué. Le Kremlin a démenti."
    t2 = "La police a arrêté deux suspects, a indiqué le parquet."
    cut = t1.index("Le Kremlin")
    seq = tmp_path / "admin.jsonl"
    seq.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in [
        {"id": 1, "text": t1, "label": [[0, cut - 1, "ATTRIBUTED"], [6, 13, "source"], [cut, len(t1), "Contested"]],
         "Comments": []},
        {"id": 2, "text": t2, "label": [], "user": "gina"},
    ]), "utf-8")
    rel = tmp_path / "relations.jsonl"
    parquet = t2.index("le parquet")
    rel.write_text(json.dumps({"id": 5, "text": t2, "user": "hugo", "entities": [
        {"id": 11, "label": "attributed", "start_offset": 0, "end_offset": len(t2)},
        {"id": 12, "label": "SOURCE", "start_offset": parquet, "end_offset": parquet + 10}],
        "relations": [{"id": 1, "from_id": 11, "to_id": 12, "type": "source"}]}, ensure_ascii=False) + "\n", "utf-8")
    assert detect_format(seq) == detect_format(rel) == "doccano"
    a = import_foreign(engine, seq)
    b = import_foreign(engine, rel)
    assert (a.articles, b.articles, b.unchanged) == (2, 0, 1)  # the same text is the same article
    d = decisions(engine)
    k1 = "sha256:" + __import__("hashlib").sha256(t1.encode()).hexdigest()[:16]
    assert (k1, 0, cut - 1, "attributed", "doccano:admin", (6, 13), None) in d
    assert (k1, cut, len(t1), "contested", "doccano:admin", None, None) in d
    assert [x for x in d if x[4] == "hugo"] == [(x[0], 0, len(t2), "attributed", "hugo", (parquet, parquet + 10), None)
                                                for x in d if x[4] == "hugo"]
    assert len(d) == 3
    assert import_foreign(engine, seq).added == 0 and import_foreign(engine, rel).added == 0


def test_a_doccano_file_whose_labels_are_malformed_is_refused_not_read_as_plain_articles(tmp_path, capsys):
    """A doccano file whose every label triple is malformed (offsets written as 0.0 by pandas'
    to_json, a triple without its label) was not recognised as doccano: it imported as plain
    articles with exit status 0, every label dropped without a word (found by QA; a file where
    only some lines were malformed was already refused, naming the line)."""
    t = "Officials denied the report on Monday."
    for bad, why in (([0.0, 37.0, "contested"], "offsets must be integers"),
                     ([0, 37], 'expected [start, end, "LABEL"]')):
        path = tmp_path / "pandas.jsonl"
        path.write_text(json.dumps({"text": t, "label": [bad]}) + "\n", "utf-8")
        assert detect_format(path) == "doccano"
        rc = main(["import", "--db", str(tmp_path / "d.db"), str(path)])
        err = capsys.readouterr().err
        assert rc == 1 and f"pandas.jsonl: line 1, label 1: " in err and why in err, err
    # a feed whose rows carry tags under "labels" is still a feed of articles
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": t, "labels": ["politics", "europe"]}) + "\n", "utf-8")
    assert detect_format(feed) is None


# -- bad files -----------------------------------------------------------------------------------

def one_line_error(engine, path: Path, *expected: str) -> str:
    with pytest.raises(InputError) as info:
        import_foreign(engine, path)
    msg = f"{path.name}: {info.value}"  # what `workbench import` prints after "workbench: "
    assert "\n" not in msg
    for e in expected:
        assert e in msg, msg
    return msg


def test_unknown_label_stops_the_file(tmp_path):
    engine = fresh(tmp_path, "x.db")
    path = tmp_path / "ner.jsonl"
    path.write_text(
        json.dumps({"text": "Paris est calme.", "spans": [{"start": 0, "end": 16, "label": "unsourced"}],
                    "answer": "accept"}) + "\n"
        + json.dumps({"text": "Emmanuel Macron parle.", "spans": [{"start": 0, "end": 15, "label": "PERSON"}],
                      "answer": "accept"}) + "\n", "utf-8")
    one_line_error(engine, path, "ner.jsonl: line 2, span 1: unknown label 'PERSON'")
    assert count(engine, tables.articles) == 0 and count(engine, tables.annotations) == 0  # no half import


def test_labelstudio_error_names_the_line(tmp_path):
    engine = fresh(tmp_path, "x.db")
    ok = {"data": {"text": "Paris est calme."}, "annotations": [{"result": []}]}
    bad = {"data": {"text": "Un texte."}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 0, "end": 8, "labels": ["Claim"]}}]}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([ok, bad], indent=1), "utf-8")
    line = path.read_text("utf-8").splitlines().index(" {", 2) + 1  # where the second task starts
    one_line_error(engine, path, f"line {line} (task 2), annotation 1, result 1: unknown label 'Claim'")
    assert count(engine, tables.articles) == 0


@pytest.mark.parametrize("lines, expected", [
    (['{"text": "Un.", "label": [[0, 3, "unsourced"]]}', "", '{"text": "Deux", "label": [[0, 4, "unsourced"]'],
     "line 3: invalid JSON"),
    (['{"text": "Court.", "label": [[0, 60, "unsourced"]]}'], "line 1, label 1: span 0:60 goes beyond the end"),
    (['{"text": "Court.", "label": [[3, 3, "unsourced"]]}'], "line 1, label 1: empty or negative span 3:3"),
    (['{"text": "Court.", "spans": [{"start": 0, "end": 3, "text": "Cou", "label": "unsourced"},'
      ' {"start": 0, "end": 3, "label": "contested"}]}'], "line 1: the span 0:3 has two labels"),
    (['{"text": "Court.", "spans": [{"start": 1, "end": 3, "text": "Co", "label": "unsourced"}]}'],
     "line 1, span 1: the span text 'Co' is not the text at 1:3"),
])
def test_bad_lines(tmp_path, lines, expected):
    engine = fresh(tmp_path, "x.db")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    one_line_error(engine, path, expected)
    assert count(engine, tables.articles) == 0


def test_a_changed_article_stops_the_file(tmp_path):
    engine = fresh(tmp_path, "x.db")
    arts = tmp_path / "arts.jsonl"
    arts.write_text(json.dumps({"id": "k", "text": "Le texte d'origine."}) + "\n", "utf-8")
    assert main(["import", "--db", str(tmp_path / "x.db"), "-q", str(arts)]) == 0
    path = tmp_path / "p.jsonl"
    path.write_text(
        json.dumps({"text": "Un autre article.", "meta": {"id": "new"}, "spans": []}) + "\n"
        + json.dumps({"text": "Un autre texte.", "meta": {"id": "k"}, "spans": []}) + "\n", "utf-8")
    one_line_error(engine, path, "line 2: article 'k' is already in the database with a different text")
    assert count(engine, tables.articles) == 1


def test_detection_leaves_other_files_alone(reviewed, tmp_path):
    claims = tmp_path / "claims.jsonl"
    export(reviewed, "claims", claims)
    arts = tmp_path / "articles.jsonl"
    arts.write_text(json.dumps({"id": "a", "text": "Un article.", "label": "politique"}) + "\n", "utf-8")
    other = tmp_path / "list.json"
    other.write_text("[1, 2]", "utf-8")
    assert [detect_format(p) for p in (claims, arts, other, FIXTURES / "gold" / "gold.jsonl")] == [None] * 4
    with pytest.raises(InputError, match="not a Prodigy, Label Studio or doccano file"):
        read_foreign(claims)
    spans = tmp_path / "spans.jsonl"
    export(reviewed, "spans", spans)
    assert detect_format(spans) == "prodigy"  # the spans export is Prodigy-shaped: its decisions import
    other_db = fresh(tmp_path, "s.db")
    import_foreign(other_db, spans)
    assert [d[:6] for d in decisions(other_db)] == [d[:6] for d in decisions(reviewed)]


# -- merging and tokens ---------------------------------------------------------------------------

def test_by_article_merges_in_order_and_skips_orphans():
    arts = [{"id": i} for i in ("a", "b", "c")]
    claims = [{"id": 1, "article_id": "a"}, {"id": 2, "article_id": "a", "orphaned": True},
              {"id": 3, "article_id": "c"}]
    report = ExportReport("prodigy")
    got = [(a["id"], [c["id"] for c in cs]) for a, cs in by_article(claims, arts, report=report)]
    assert got == [("a", [1]), ("c", [3])] and report.orphaned == 1
    assert [a["id"] for a, _ in by_article([], arts, include_empty=True)] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="not in article order"):
        list(by_article([{"id": 9, "article_id": "a"}], [{"id": "b"}, {"id": "a"}][:1]))


def test_tokens_cover_every_character_but_spaces():
    body = "« Non », a-t-il dit à l’AFP… 3,5 %"
    toks = tokenize(body)
    covered = {i for t in toks for i in range(t["start"], t["end"])}
    assert covered == {i for i, ch in enumerate(body) if not ch.isspace()}
    assert all(t["ws"] == (t["end"] < len(body) and body[t["end"]].isspace()) for t in toks)


def test_tokens_keep_a_decomposed_accent_in_its_word():
    """Text is stored as decoded, and some is in NFD (e + U+0301). The --tokens of the Prodigy
    export cut such words at every accent ('ministe', '\u0300', 're'): a combining mark was a
    token of its own, so Prodigy showed and selected pieces of words (found by QA exporting an
    NFD article with --tokens; spaCy keeps 'ministère' one token)."""
    import unicodedata

    body = unicodedata.normalize("NFD", "Le ministère a déclaré : « l’économie » ❤\ufe0f")
    toks = tokenize(body)
    assert [t["text"] for t in toks] == [unicodedata.normalize("NFD", w) for w in
                                         ["Le", "ministère", "a", "déclaré", ":", "«", "l", "’", "économie", "»",
                                          "❤\ufe0f"]]
    covered = {i for t in toks for i in range(t["start"], t["end"])}
    assert covered == {i for i, ch in enumerate(body) if not ch.isspace()}


def test_tokens_keep_an_emoji_sequence_whole():
    """An emoji of several code points (a family joined by U+200D, a skin tone, a flag) is one
    token, as it is drawn as one: it was three (found by QA: a family emoji was three Prodigy
    tokens, the two after the first starting inside it)."""
    body = "Oui \U0001F468\u200d\U0001F469\u200d\U0001F467 et \U0001F44D\U0001F3FD \U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA !\u200d?"
    toks = tokenize(body)
    assert [t["text"] for t in toks] == ["Oui", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "et",
                                         "\U0001F44D\U0001F3FD", "\U0001F1EB\U0001F1F7", "\U0001F1E9\U0001F1EA",
                                         "!\u200d?"]
    covered = {i for t in toks for i in range(t["start"], t["end"])}
    assert covered == {i for i, ch in enumerate(body) if not ch.isspace()}


@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\u200d", "\U0001F468", "\U0001F3FD", "\U0001F1EB", "!",
                                         "\u0301", "\ufe0f", "\n"]), max_size=40))
def test_tokens_cover_every_character_but_spaces_in_any_order(body):
    toks = tokenize(body)
    covered = [i for t in toks for i in range(t["start"], t["end"])]
    assert covered == [i for i, ch in enumerate(body) if not ch.isspace()]


def test_unaligned_prodigy_spans_are_reported():
    art = {"id": "a", "title": "t", "text": "Bonjour le monde.", "language": "fr", "origin": "x", "url": None,
           "content_hash": "h", "meta": {}}
    claim = {"id": 1, "article_id": "a", "start": 3, "end": 10, "label": "unsourced", "text": "jour le",
             "status": "decided", "reviewer": "r", "source": None}
    report = ExportReport("prodigy")
    task = next(prodigy_tasks([claim], [art], tokens=True, report=report))
    assert task["spans"][0]["token_start"] == 0 and task["spans"][0]["token_end"] == 1 and report.snapped == 1


# -- Hugging Face datasets ------------------------------------------------------------------------

def test_spans_schema_matches_the_spans_export(reviewed, tmp_path):
    """``spans_jsonl.SPANS_SCHEMA`` (the features to give ``datasets`` for a large file) names the
    columns the spans export writes."""
    out = tmp_path / "spans.jsonl"
    export(reviewed, "spans", out, include_unreviewed=True)
    recs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {k for r in recs for k in r} <= set(spans_jsonl.SPANS_SCHEMA)
    assert {k for r in recs for s in r["spans"] for k in s} == set(spans_jsonl.SPANS_SCHEMA["spans"][0])


def test_spans_export_loads_with_datasets(reviewed, tmp_path):
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is not a dependency")
    out = tmp_path / "spans.jsonl"
    export(reviewed, "spans", out)
    ds = datasets.load_dataset("json", data_files=str(out), split="train", features=spans_jsonl.spans_features(),
                               cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == 4 and ds[0]["spans"][0]["label"] in LABELS


def test_labelstudio_output_passes_label_studios_own_checks(reviewed, tmp_path):
    """Label Studio's SDK validates every annotation and prediction against the labelling config
    the export writes (a wrong label fails, so the check is real)."""
    sdk = pytest.importorskip("label_studio_sdk.label_interface", reason="label-studio-sdk is not installed")
    out = tmp_path / "ls.json"
    report = export(reviewed, "labelstudio", out, include_unreviewed=True)
    li = sdk.LabelInterface(Path(report.config_path).read_text("utf-8"))
    tasks = json.loads(out.read_text("utf-8"))
    checked = 0
    for t in tasks:
        for ann in t["annotations"]:
            assert li.validate_annotation(ann), ann
            checked += 1
        for p in t.get("predictions", []):
            assert li.validate_prediction(p), p
            checked += 1
    assert checked >= 6
    bad = json.loads(json.dumps(tasks[0]["annotations"][0]))
    bad["result"][0]["value"]["labels"] = ["rumour"]
    assert not li.validate_annotation(bad)


@pytest.mark.parametrize("fmt", ["spans", "prodigy"])
def test_imported_metadata_never_replaces_the_articles_own_fields(tmp_path, capsys, fmt):
    """A feed's ``meta`` may carry keys named like the article's own (its ``id``, ``title``…): the
    export keeps the article's, so that a re-import finds the article (it was exported, and
    re-imported, as article 12345 / EVIL)."""
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps({"id": "art-1", "title": "Real", "text": "The minister said the plan was ready on Monday.",
                               "meta": {"id": "EVIL", "title": "T2", "language": "xx", "content_hash": "zzz",
                                        "source": "AFP"}}) + "\n", "utf-8")
    db = tmp_path / "m.db"
    assert main(["import", "--db", str(db), str(src)]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "--format", fmt, "--include-unreviewed", "-o", str(out)]) == 0
    (row,) = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    meta = row["meta"]
    assert (meta["id"], meta["title"], meta["language"], meta["source"]) == ("art-1", "Real", "en", "AFP")
    assert meta["content_hash"] != "zzz"
    fresh = tmp_path / "fresh.db"
    assert main(["import", "--db", str(fresh), str(out)]) == 0
    with make_engine(f"sqlite:///{fresh}").connect() as conn:
        assert conn.execute(select(tables.articles.c.id)).scalars().all() == ["art-1"]
    capsys.readouterr()


# -- claims without a source -----------------------------------------------------------------------

def test_unsourced_and_not_claim_decisions_have_no_source_in_any_export(db_url):
    """A claim labelled unsourced or not_claim has no source: none is stored with the decision
    (the extractor's suggested source was kept and exported as the claim's source), none is
    exported in any format, also for a decision a database stored so before (bob's row here)."""
    assert main(["import", "--db", db_url, "-q", str(FIXTURES)]) == 0
    engine = make_engine(db_url)
    sourced = [c for c in candidates(engine) if c.source_start is not None]
    unsourced, not_claim, attributed, legacy = sourced[:4]
    ann = ReviewService(engine, "ann")
    ann.decide(unsourced.id, "unsourced")
    ann.decide(not_claim.id, "not_claim")
    ann.decide(attributed.id, "attributed")
    with engine.begin() as conn:  # written by an earlier version: the suggested source kept
        bob = conn.execute(tables.reviewers.insert().values(name="bob", created_at=datetime.now(timezone.utc))
                           ).inserted_primary_key[0]
        cand = conn.execute(select(tables.candidates).where(tables.candidates.c.id == legacy.id)).one()
        conn.execute(tables.annotations.insert().values(
            candidate_id=cand.id, reviewer_id=bob, created_at=datetime.now(timezone.utc), action="decide",
            label="unsourced", start=cand.start, end=cand.end, text=cand.text, source_text=cand.source_text,
            source_start=cand.source_start, source_end=cand.source_end, uid="legacy-unsourced"))
    with engine.connect() as conn:
        stored = dict(conn.execute(select(tables.annotations.c.candidate_id, tables.annotations.c.source_start)
                                   .where(tables.annotations.c.reviewer_id != bob)).all())
    assert stored == {unsourced.id: None, not_claim.id: None, attributed.id: attributed.source_start}
    no_source = {unsourced.id, not_claim.id, legacy.id}

    def by_claim(recs, key="id"):
        return {r[key]: r for r in recs}

    claims = by_claim(iter_claims(engine))
    assert [claims[i]["source"] for i in sorted(no_source)] == [None] * 3
    assert all(claims[i]["source_name"] is None for i in no_source)
    assert claims[attributed.id]["source"]["start"] == attributed.source_start
    gold = by_claim(GoldClaims(engine))
    assert [gold[i]["source"] for i in sorted(no_source)] == [None] * 3
    assert gold[attributed.id]["source"] is not None

    def export_of(fmt):
        return list(exporting.records(engine, fmt, ExportReport(fmt)))

    spans = by_claim([s for rec in export_of("spans") for s in rec["spans"]], "claim_id")
    assert [spans[i]["source"] for i in sorted(no_source)] == [None] * 3 and spans[attributed.id]["source"]
    prodigy = by_claim([s for task in export_of("prodigy") for s in task["spans"]], "claim_id")
    assert [prodigy[i]["source"] for i in sorted(no_source)] == [None] * 3 and prodigy[attributed.id]["source"]
    regions = {r["id"] for task in export_of("labelstudio") for a in task["annotations"] for r in a["result"]
               if "id" in r}
    assert not {f"c{i}s" for i in no_source} & regions and f"c{attributed.id}s" in regions
    if spacy_docbin.spacy_available():  # (an optional extra)
        docs = [(d.user_data["annotator"], len(d.spans["source"])) for d in export_of("spacy")]
        assert sorted((who, n) for who, n in docs if n) == [("ann", 1)]
    engine.dispose()
