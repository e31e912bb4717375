"""Hostile input (issue 15): every bad file fails alone with one line naming it, the good files
import, nothing blocks or runs away; HTML with stray end tags is read in linear time; and a
bounded fuzz run of the readers (``bench/README.md`` says how to run it longer)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.formats.articles import _MainText, read_path
from workbench.formats.common import InputError

ROOT = Path(__file__).resolve().parents[2]
FUZZ_EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_EXAMPLES", "40"))


def _files(folder: Path) -> list[Path]:
    (folder / "deep.jsonl").write_text('{"id": "d", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    (folder / "bigint.jsonl").write_text('{"id": "b", "text": "x", "meta": {"n": ' + "9" * 5000 + "}}\n")
    (folder / "surrogate.jsonl").write_text('{"id": "s", "text": "a \\ud800 b"}\n')
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.jsonl")
    good = folder / "good.txt"
    good.write_text("Titre\n\nLe ministère a déclaré lundi que la situation était stable.\n", encoding="utf-8")
    return [folder / n for n in ("pipe.jsonl", "zero.txt", "deep.jsonl", "bigint.jsonl", "surrogate.jsonl")] + [good]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_each_bad_file_fails_alone_with_one_line(tmp_path):
    files = _files(tmp_path)
    db = f"sqlite:///{tmp_path / 'h.db'}"
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "workbench", "import", "-q", "--db", db, *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert time.monotonic() - t0 < 60  # the FIFO is not opened, /dev/zero not read
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 5, proc.stderr
    for path, line in zip(files, lines):
        assert line.startswith(f"workbench: {path}: "), line
    assert "1 article(s) imported" in proc.stdout
    assert "not a regular file" in lines[0] and "not a regular file" in lines[1]
    assert "line 1: JSON nested more than 100 deep (the limit)" in lines[2]
    assert "line 1: a number of more than 1000 digits (the limit)" in lines[3] and "surrogate" in lines[4]


def _stray_html(n: int) -> str:
    return "<html><body><p>Le ministre a déclaré lundi que tout allait bien.</p>" + "</b>" * n + "</body></html>"


def test_stray_end_tags_are_read_in_linear_time():
    """Operations counted, not time: each stray end tag costs a constant number of stack steps."""
    steps = {}
    for n in (10_000, 40_000):
        parser = _MainText()
        calls = 0
        real = parser.handle_endtag

        def counting(tag, real=real):
            nonlocal calls
            calls += 1
            return real(tag)

        parser.handle_endtag = counting
        t0 = time.process_time()  # CPU time: other work on the machine aside
        parser.feed(_stray_html(n))
        parser.close()
        steps[n] = (calls, len(parser.stack), time.process_time() - t0)
        assert "tout allait bien" in parser.text()
    (c1, s1, t1), (c4, s4, t4) = steps[10_000], steps[40_000]
    assert c4 <= 4 * c1 + 10 and s1 == s4 == 0
    assert t4 < 10 * max(t1, 0.01)  # 16x or more when each stray tag scanned the stack


# -- fuzz: mutated valid files of each format ----------------------------------------------------

def _seeds() -> dict[str, bytes]:
    article = (ROOT / "fixtures" / "000_a05f25a83f551d02.txt").read_bytes()[:1500]
    text = article.decode("utf-8", "replace")
    claim = {"id": 1, "article_id": "a.txt", "text": text[:20], "start": 0, "end": 20, "label": "attributed",
             "source": None, "reviewer": "ann", "status": "decided", "annotation_id": "u1"}
    return {
        "a.txt": article,
        "a.md": b"# " + article,
        "a.html": b"<html><head><title>T</title></head><body><article><p>" + article + b"</p></article></body></html>",
        "a.jsonl": (json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n").encode(),
        "claims.jsonl": (json.dumps(claim) + "\n").encode(),
        "prodigy.jsonl": (json.dumps({"text": text, "_annotator_id": "ann", "answer": "accept",
                                      "spans": [{"start": 0, "end": 20, "label": "ATTRIBUTED"}]}) + "\n").encode(),
        "doccano.jsonl": (json.dumps({"text": text, "user": "ann", "label": [[0, 20, "attributed"]]}) + "\n").encode(),
        "ls.json": json.dumps([{"data": {"text": text}, "annotations": [{"completed_by": 1, "result": [
            {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 20, "labels": ["attributed"]}}]}]}]).encode(),
    }


SEEDS = _seeds()


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "junk"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif op == "dup":
            data[at:at] = data[max(0, at - 50):at]
        else:
            data[at:at] = draw(st.sampled_from([b"\x00", b"\\ud800", b'"', b"{", b"]]]]", b"</b></p>", b"<!--",
                                                b"\x1b[2J", b"[/bold]", b'"start": true', b"1e999", b"\r\n"]))
    return name, bytes(data)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_fuzz_readers_raise_nothing_but_input_errors(tmp_path_factory, case):
    """Each reader, on a mutated valid file, returns records or raises InputError (one line)."""
    from workbench.formats import detect_format, read_foreign
    from workbench.formats.claims_jsonl import is_decisions_file, read_rows

    name, data = case
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    try:
        fmt = detect_format(path) if path.suffix in (".jsonl", ".json") else None
        if fmt is not None:
            read_foreign(path, fmt)
        elif path.suffix == ".jsonl" and is_decisions_file(path):
            read_rows(path)
        elif path.suffix != ".json":
            read_path(path, [])
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc)


# -- fuzz: the whole command line import ---------------------------------------------------------

CLI_FUZZ_EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_CLI_EXAMPLES", "20"))


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory) -> Path:
    """An empty migrated SQLite database, copied for each example (migrating costs more than
    the import of two small files)."""
    from workbench.store import make_engine

    path = tmp_path_factory.mktemp("template") / "t.db"
    make_engine(f"sqlite:///{path}").dispose()
    return path


def _cli_import(folder: Path, db: Path) -> tuple[int, str, str]:
    import contextlib
    import io

    from workbench.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", "--db", f"sqlite:///{db}", "-q", "--jobs", "1", str(folder)])
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=CLI_FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutated())
def test_fuzz_cli_import(tmp_path_factory, migrated_db, case):
    """``workbench import`` of a folder holding a good article and a mutated file of any format:
    exit 0 or 1, no traceback (main would raise), at most one error line per file and each names
    its file, the good article imported, SQLite's integrity_check ok, and the mutated file
    imported whole or not at all (a failed file leaves no article and no decision)."""
    import shutil
    import sqlite3

    name, data = case
    folder = tmp_path_factory.mktemp("cli") / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEEDS["a.txt"])
    bad = folder / f"m-{name}"
    bad.write_bytes(data)
    db = folder.parent / "f.db"
    shutil.copy(migrated_db, db)
    code, out, err = _cli_import(folder, db)
    assert code in (0, 1) and "Traceback" not in err
    lines = err.splitlines()
    for line in lines:
        assert line.startswith(f"workbench: {folder}/"), line
    failed = [ln for ln in lines if ln.startswith(f"workbench: {bad}: ") and ": warning: " not in ln]
    assert len(failed) <= 1, err
    assert not any(ln.startswith(f"workbench: {folder / 'a.txt'}: ") and "warning" not in ln for ln in lines)
    assert (code == 0) == (not failed and not any(ln.startswith(f"workbench: {bad}:") and "warning" not in ln
                                                    for ln in lines)), (code, err)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM article WHERE id = 'a.txt'").fetchone()[0] == 1
        others = conn.execute("SELECT count(*) FROM article WHERE id != 'a.txt'").fetchone()[0]
        decided = conn.execute("SELECT count(*) FROM annotation").fetchone()[0]
        staged = conn.execute("SELECT count(*) FROM stagedarticle").fetchone()[0]
    assert staged == 0
    event(f"{Path(name).suffix}: {'failed' if failed else 'imported'}")
    if failed:
        assert others == 0 and decided == 0, (err, others, decided)


# -- NaN and Infinity: Python's json reads them, JSON has no such numbers --------------------------

def _with_constant(name: str, constant: str) -> bytes:
    """The seed of ``name`` with a second record whose ``meta`` holds ``constant`` (on line 2)."""
    if name == "ls.json":
        (task,) = json.loads(SEEDS[name])
        bad = json.dumps({**task, "meta": {"x": "@C@"}}).replace('"@C@"', constant)
        return f"[{json.dumps(task)},\n{bad}]".encode()
    obj = json.loads(SEEDS[name])
    obj = {**obj, "id": "y"} if name == "a.jsonl" else obj
    return SEEDS[name] + json.dumps({**obj, "meta": {"x": "@C@"}}).replace('"@C@"', constant).encode() + b"\n"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("name", sorted(n for n in SEEDS if n.endswith((".jsonl", ".json"))))
def test_nan_and_infinity_are_refused_with_the_file_and_line(capsys, tmp_path, sqlite_url, name, constant):
    from sqlalchemy import func, select

    from workbench.cli import main
    from workbench.store import make_engine, tables

    path = tmp_path / name
    path.write_bytes(_with_constant(name, constant))
    assert main(["import", "-q", "--db", sqlite_url, str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith(f"workbench: {path}: line 2: {constant} is not valid JSON"), err
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:  # the file is all or nothing: not even its good line 1
        assert conn.execute(select(func.count()).select_from(tables.articles)).scalar_one() == 0
    engine.dispose()
