"""Issue 15, item 6: a file's format judged from all its lines, Label Studio ``.json`` exports read
inside folders, bounds checked before parsing (line length, nesting, digits), NUL bytes anywhere,
symbolic links that leave an imported folder refused. Each bad file is one line naming it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.formats import common, sniff
from workbench.formats.articles import expand
from workbench.formats.common import InputError, check_json
from workbench.services import importing
from workbench.services.importing import import_paths
from workbench.store import make_engine, tables

TEXT = "Le ministère a déclaré lundi que la situation était stable, selon Reuters."


def _engine(tmp_path: Path):
    return make_engine(f"sqlite:///{tmp_path / 'b.db'}")


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _lines(path: Path, *objs) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


def _article(i: int) -> dict:
    return {"id": f"a{i}", "text": f"{TEXT} ({i})"}


# -- format from every line --------------------------------------------------------------------

def test_labels_on_a_later_line_make_the_file_a_tool_file(tmp_path):
    """The first lines plain texts, line 3 a Prodigy task: the file is Prodigy's, the label kept."""
    task = {"text": TEXT, "meta": {"id": "p"}, "_annotator_id": "ann", "answer": "accept",
            "spans": [{"start": 0, "end": len(TEXT), "label": "attributed"}]}
    path = _lines(tmp_path / "mixed.jsonl", {"text": TEXT + " 1"}, {"text": TEXT + " 2"}, task)
    assert sniff(path) == "prodigy"
    engine = _engine(tmp_path)
    res = import_paths(engine, [path], jobs=1)
    assert res.ok and res.foreign and res.foreign[0].added == 1
    assert _count(engine, tables.articles) == 3


_CLAIM = {"article_id": "a", "start": 0, "end": 2, "label": "unsourced", "reviewer": "r", "status": "decided"}


@pytest.mark.parametrize("lines, words", [
    ([{"text": "a"}, {"text": TEXT, "spans": []}, {"text": TEXT, "label": [[0, 5, "attributed"]]}],
     "line 3: a doccano line, but line 2 is a Prodigy task"),
    ([_CLAIM, _CLAIM, {"id": "x", "text": TEXT}],
     "line 3: an article without labels, but line 1 is a claims-export row"),
    ([{"text": "a"}, {"text": "b"}, {"data": {"text": TEXT}, "annotations": []}],
     "line 3: a Label Studio task in JSON lines"),
])
def test_two_formats_in_one_file_is_one_error_naming_the_line(tmp_path, lines, words):
    path = _lines(tmp_path / "two.jsonl", *lines)
    good = _lines(tmp_path / "good.jsonl", _article(1))
    res = import_paths(_engine(tmp_path), [path, good], jobs=1)
    assert [p for p, _ in res.errors] == [str(path)] and res.errors[0][1].startswith(words), res.errors
    assert res.imported == 1


def test_labelstudio_json_inside_a_folder_is_read_other_json_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ls.json").write_text(json.dumps([{"data": {"text": TEXT, "article_id": "ls"}, "annotations": [
        {"completed_by": 1, "result": [{"id": "r", "from_name": "label", "to_name": "text", "type": "labels",
                                        "value": {"start": 0, "end": len(TEXT), "labels": ["attributed"]}}]}]}]))
    (folder / "package.json").write_text('{"name": "x"}')
    (folder / "a.txt").write_text(TEXT)
    skipped: list = []
    files = expand([str(folder)], skipped)
    assert [f.name for f in files] == ["a.txt", "ls.json"] and [f.name for f in skipped] == ["package.json"]
    res = import_paths(_engine(tmp_path), files, jobs=1)
    assert res.ok and res.foreign[0].format == "labelstudio" and res.foreign[0].added == 1


# -- bounds -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, ok", [
    ('{"a": [1, {"b": "[[[[[[["}]}', True),
    ("[" * 100 + "]" * 100, True),
    ("[" * 101 + "]" * 101, False),
    ('{"t": "' + "[" * 500 + '"}', True),                   # brackets inside a string
    ('{"t": "a\\\\", "u": ' + "[" * 200 + "]" * 200 + "}", False),  # an escaped backslash ends the string
    ('{"t": "a\\"' + "[" * 200 + '"}', True),               # an escaped quote does not
    ('{"n": ' + "9" * 1001 + "}", False),
    ('{"n": "' + "9" * 5000 + '"}', True),
])
def test_check_json_judges_the_raw_text(text, ok):
    if ok:
        check_json(text, "line 1")
    else:
        with pytest.raises(InputError, match=r"^line 1: .*\(the limit\)$"):
            check_json(text, "line 1")


def test_check_json_is_linear_on_an_unterminated_string_of_escaped_quotes():
    """Escaped quotes are removed before strings are cut out, so no string search can restart at
    each of them (a regex over ``"…"`` would be quadratic here)."""
    import time

    times = {}
    for n in (500_000, 2_000_000):
        data = ('"' + '\\"' * n + "[" * 200).encode()
        times[n] = float("inf")
        for _ in range(3):  # CPU time, best of three: other work on the machine aside
            t0 = time.process_time()
            with pytest.raises(InputError):
                check_json(data)
            times[n] = min(times[n], time.process_time() - t0)
    assert times[2_000_000] < 12 * max(times[500_000], 0.005)


def test_a_line_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_LINE_BYTES", 1000)
    path = _lines(tmp_path / "long.jsonl", _article(1), {"id": "b", "text": "x" * 5000})
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    res = import_paths(_engine(tmp_path), [path, good], jobs=1)
    assert res.errors == [(str(path), "line 2: longer than 1000 bytes (the limit of a line); not read")]
    assert res.imported == 1


def test_a_labelstudio_file_nested_too_deeply_fails_alone(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('[{"data": {"text": "x", "meta": ' + "[" * 5000 + "]" * 5000 + "}}]")
    res = import_paths(_engine(tmp_path), [path], jobs=1)
    assert res.errors == [(str(path), "JSON nested more than 100 deep (the limit)")]


# -- NUL bytes anywhere -------------------------------------------------------------------------

def test_nul_bytes_past_the_first_64_kib_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "STREAM_BYTES", 10_000)  # the big file is streamed
    text = tmp_path / "late.txt"
    text.write_bytes((TEXT + "\n").encode() * 1500 + b"\x00tail\n")
    small = tmp_path / "small.jsonl"
    small.write_bytes(b"".join(json.dumps(_article(i)).encode() + b"\n" for i in range(5)) + b'{"text": "a\x00"}\n')
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(json.dumps(_article(i)).encode() + b"\n" for i in range(900)) + b'{"text": "\x00"}\n')
    engine = _engine(tmp_path)
    res = import_paths(engine, [text, small, big], jobs=1)
    assert res.errors == [
        (str(text), "binary file (NUL bytes, the first on line 1501), not text"),
        (str(small), "line 6: a NUL byte (binary data, not text)"),
        (str(big), "line 901: a NUL byte (binary data, not text)"),
    ]
    assert _count(engine, tables.articles) == 0


# -- symbolic links -----------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_out_of_a_folder_are_refused_links_inside_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    refused: list = []
    files = expand([str(folder)], [], refused)
    assert [f.name for f in files] == ["a.txt", "inside.txt"]
    assert [(f.name, why) for f, why in refused] == [
        ("loop.txt", "a symbolic link loop: not read"),
        ("passwd.txt", f"a symbolic link leading out of the folder (to {outside.resolve()}): not read")]
    res = import_paths(_engine(tmp_path), files, jobs=1, refused=refused)
    assert res.files == 4 and len(res.errors) == 2 and res.imported == 2  # inside.txt is its own id
    named = import_paths(_engine(tmp_path), [folder / "loop.txt"], jobs=1)
    assert named.errors == [(str(folder / "loop.txt"), "a symbolic link loop: not read")]
