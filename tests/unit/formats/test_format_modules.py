"""The format modules (``workbench.formats``): one module per format, each with what the export
and the import ask of it, none touching the database, and the labels files carry defined once."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import formats
from workbench.formats.common import SOURCE_LABEL

PACKAGE = Path(__file__).resolve().parents[3] / "workbench"


@pytest.mark.parametrize("fmt", list(formats.EXPORTS))
def test_every_export_format_is_one_module_with_its_writer(fmt):
    module = formats.exporter(fmt)
    assert module.SUFFIX.startswith(".") and module.FORMAT_DOC
    assert callable(module.records) and callable(module.sink)


def test_an_unknown_export_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'csv'"):
        formats.exporter("csv")


@pytest.mark.parametrize(("record", "tool"), [
    ({"data": {"text": "Hello."}, "annotations": []}, "labelstudio"),
    ({"text": "Hello.", "spans": []}, "prodigy"),
    ({"text": "Hello.", "label": [[0, 5, "unsourced"]]}, "doccano"),
    ({"text": "Hello.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "unsourced"}]},
     "doccano"),
    ({"text": "Hello.", "id": "a"}, None),  # an article
    ({"article_id": "a", "start": 0, "end": 5, "label": "unsourced", "reviewer": "r", "status": "decided"}, None),
])
def test_each_tool_module_recognises_its_own_records(record, tool):
    assert formats.classify(record) == tool
    for name, module_name in formats.TOOLS.items():
        module = formats.module(module_name)
        assert callable(module.read)
        assert module.looks_like(record) == (name == tool)


def test_formats_need_no_database():
    modules = ["workbench.formats"] + [f"workbench.formats.{m}" for m in
                                       {*formats.EXPORTS.values(), *formats.TOOLS.values(), "articles", "files"}]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "textual")}
    assert not {m for m in loaded if m.startswith(("workbench.store", "workbench.services"))}


def test_the_labels_files_carry_are_defined_once():
    """``source`` (and the statuses) as a value are written in ``workbench.formats.common`` only."""
    assert SOURCE_LABEL == "source"
    defined = []
    for path in PACKAGE.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*[A-Z_]+\s*=\s*\"(source|gold|suggested|decided)\"", line):
                defined.append(path.relative_to(PACKAGE).as_posix())
    assert defined == ["formats/common.py"] * 4


def test_a_claims_row_on_an_orphaned_claim_is_read_with_its_revision():
    from workbench.formats.claims_jsonl import parse_row
    from workbench.formats.common import InputError

    row = {"article_id": "a", "start": 0, "end": 5, "label": "unsourced", "reviewer": "r", "status": "decided"}
    assert parse_row(row, 1).revision is None
    assert parse_row(dict(row, orphaned=False, revision=3), 1).revision is None  # a live claim: the current text
    assert parse_row(dict(row, orphaned=True, revision=3), 1).revision == 3
    derived = {parse_row(dict(row, **extra), 1).uid for extra in ({}, {"orphaned": True, "revision": 1})}
    assert len(derived) == 2  # (without an annotation_id: another text, another decision)
    for bad, message in ((dict(orphaned=True), 'needs the "revision"'),
                         (dict(orphaned=True, revision=0), 'needs the "revision"'),
                         (dict(orphaned=True, revision=True), 'needs the "revision"'),
                         (dict(orphaned=1, revision=1), '"orphaned" must be true, false or null')):
        with pytest.raises(InputError, match=f"line 7: .*{re.escape(message)}"):
            parse_row(dict(row, **bad), 7)


def test_a_live_claims_row_keeps_the_revision_its_offsets_index():
    """For a database that has revised the article since to re-anchor the decision."""
    from workbench.formats.claims_jsonl import parse_row
    from workbench.formats.common import InputError

    row = {"article_id": "a", "start": 0, "end": 5, "label": "unsourced", "reviewer": "r", "status": "decided"}
    assert parse_row(row, 1).text_revision is None
    assert parse_row(dict(row, orphaned=False, revision=3), 1).text_revision == 3
    assert parse_row(dict(row, revision=None), 1).text_revision is None
    assert parse_row(dict(row, orphaned=True, revision=3), 1).text_revision is None  # (an orphan's: .revision)
    assert parse_row(dict(row, revision=3), 1).uid == parse_row(row, 1).uid  # the same decision
    for bad in (0, -1, True, "2", 1.5):
        with pytest.raises(InputError, match='line 4: "revision" must be a positive integer or null'):
            parse_row(dict(row, revision=bad), 4)
