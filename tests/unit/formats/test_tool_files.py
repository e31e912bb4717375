"""Reading other tools' files: label mapping, format recognition, line numbers, stable uids."""

from __future__ import annotations

import json

import pytest

from workbench.formats import classify, detect_format, read_foreign
from workbench.formats.common import InputError
from workbench.formats.tool_files import map_label


@pytest.mark.parametrize("raw, want", [
    ("attributed", "attributed"), ("ATTRIBUTED", "attributed"), (" Unsourced ", "unsourced"),
    ("Not-Claim", "not_claim"), ("not claim", "not_claim"), ("NOT_A_CLAIM", "not_claim"),
    ("Contested", "contested"), ("SOURCE", "source"),
])
def test_labels_map_case_insensitively(raw, want):
    assert map_label(raw, "line 1") == want


@pytest.mark.parametrize("raw", ["PERSON", "", None, 3, "claim"])
def test_other_labels_are_refused(raw):
    with pytest.raises(InputError, match=r"^line 4: unknown label"):
        map_label(raw, "line 4")


@pytest.mark.parametrize("obj, want", [
    ({"text": "x", "spans": []}, "prodigy"),
    ({"text": "x", "label": [[0, 1, "A"]]}, "doccano"),
    ({"text": "x", "label": []}, "doccano"),
    ({"text": "x", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "A"}]}, "doccano"),
    ({"data": {"text": "x"}, "annotations": []}, "labelstudio"),
    ({"text": "x", "id": "a"}, None),                      # articles
    ({"text": "x", "label": "politics"}, None),            # a category, not spans
    ({"text": "x", "label": ["POS"]}, None),               # text classification
    ({"article_id": "a", "start": 0, "end": 1, "label": "unsourced", "reviewer": "r", "status": "decided",
      "text": "x"}, None),                                 # a claims export
])
def test_classify(obj, want):
    assert classify(obj) == want


def test_detect_needs_a_json_suffix(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text(json.dumps({"text": "x", "spans": []}), "utf-8")
    assert detect_format(p) is None
    q = tmp_path / "x.json"
    q.write_text(json.dumps({"text": "x", "spans": []}) + "\n", "utf-8")  # JSON lines named .json
    assert detect_format(q) == "prodigy"


def test_labelstudio_line_numbers_and_invalid_json(tmp_path):
    p = tmp_path / "t.json"
    p.write_text('[\n  {"data": {"text": "a"}, "annotations": []},\n  {"data": {"text": "b"},\n   "annotations": [}\n]',
                 "utf-8")
    with pytest.raises(InputError, match=r"^line 4: invalid JSON"):
        read_foreign(p, "labelstudio")
    p.write_text('[\n  {"data": {"text": "a"}},\n\n  {"data": 3}\n]', "utf-8")
    with pytest.raises(InputError, match=r"^line 4 \(task 2\): \"data\" must be an object"):
        read_foreign(p, "labelstudio")


def test_uids_are_stable_and_distinct(tmp_path):
    p = tmp_path / "p.jsonl"
    p.write_text(json.dumps({"text": "Un. Deux.", "_annotator_id": "a", "answer": "accept",
                             "spans": [{"start": 0, "end": 3, "label": "unsourced"},
                                       {"start": 4, "end": 9, "label": "unsourced"}]}) + "\n", "utf-8")
    one, two = read_foreign(p), read_foreign(p)
    assert [d.uid for d in one.decisions] == [d.uid for d in two.decisions]
    assert len({d.uid for d in one.decisions}) == 2
    # another reviewer's same decision is another decision
    q = tmp_path / "q.jsonl"
    q.write_text(p.read_text("utf-8").replace('"a"', '"b"'), "utf-8")
    assert not {d.uid for d in one.decisions} & {d.uid for d in read_foreign(q).decisions}


def test_reviewer_from_the_file_name(tmp_path):
    p = tmp_path / "team-b.jsonl"
    p.write_text(json.dumps({"text": "Un.", "label": [[0, 3, "unsourced"]]}) + "\n", "utf-8")
    assert read_foreign(p).decisions[0].reviewer == "doccano:team-b"
    assert read_foreign(p, reviewers={"doccano:team-b": "ines"}).decisions[0].reviewer == "ines"
