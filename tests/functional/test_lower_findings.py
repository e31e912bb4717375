"""Issue 15, item 10 ("lower" findings), each reproduced: extraction workers outliving a killed
import, a phantom candidate from ``candidate_start: false``, a known ``annotation_id`` with other
content dropped silently, ids ``true`` / ``""`` / blank / NUL / newline, an unclosed HTML
attribute giving markup as text, a full disk said as ``workbench: : No space left on device``,
a newer schema said as ``Can't locate revision``."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.services.importing import import_paths
from workbench.store import make_engine

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "000_a05f25a83f551d02.txt"
TEXT = "Le ministère a déclaré lundi que la situation était stable, selon Reuters."


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def exported(tmp_path):
    """A database with the fixture article and two decisions by alice, and its claims export."""
    from workbench.services.review import ReviewService

    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _cli("import", "--db", db, "-q", str(FIXTURE))[0] == 0
    engine = make_engine(db)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM candidate ORDER BY id LIMIT 2")]
    svc = ReviewService(engine, "alice")
    svc.decide(ids[0], "unsourced")
    svc.decide(ids[1], "attributed")
    out = tmp_path / "claims.jsonl"
    assert _cli("export", "--db", db, "-o", str(out), "--format", "claims")[0] == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return db, engine, rows


def _annotations(engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM annotation").scalar()


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_candidate_start_false_is_refused_not_a_phantom_claim(exported, tmp_path):
    db, engine, rows = exported
    before = _annotations(engine)
    rows[1]["candidate_start"] = False
    rows[1]["annotation_id"] = "new-one"
    code, _, err = _cli("import", "--db", db, "-q", str(_write(tmp_path / "f.jsonl", rows)))
    assert code == 1 and 'line 2: bad "candidate_start" / "candidate_end"' in err
    assert _annotations(engine) == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql('SELECT count(*) FROM candidate WHERE "end" - start <= 1').scalar() == 0


def test_a_known_annotation_id_with_other_content_is_an_error(exported, tmp_path):
    db, engine, rows = exported
    before = _annotations(engine)
    assert _cli("import", "--db", db, "-q", str(_write(tmp_path / "same.jsonl", rows)))[0] == 0  # the same: known
    rows[0]["label"] = "contested"
    code, _, err = _cli("import", "--db", db, "-q", str(_write(tmp_path / "other.jsonl", rows)))
    assert code == 1 and f"line 1: annotation_id {rows[0]['annotation_id']!r} is already in the database with " \
                          "another decision (unsourced by alice" in err
    assert _annotations(engine) == before


@pytest.mark.parametrize("bad", [3, 1.5, ["u1"], {"id": "u1"}, True, False, "", "  "])
def test_an_annotation_id_of_the_wrong_type_is_refused_not_taken_for_a_missing_one(exported, tmp_path, bad):
    """A missing (or null) annotation_id gets an id derived from the row; one of another type is
    a broken file, named with its line, and nothing of it is imported."""
    db, engine, rows = exported
    before = _annotations(engine)
    rows[0]["label"] = "contested"
    rows[1]["label"] = "contested"
    rows[1]["annotation_id"] = bad
    path = _write(tmp_path / "bad.jsonl", rows)
    code, out, err = _cli("import", "--db", db, "-q", str(path))
    assert code == 1 and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith(f"workbench: {path}: line 2: \"annotation_id\" must be a non-empty string"), err
    assert _annotations(engine) == before
    del rows[1]["annotation_id"]  # missing: derived from the row, as before
    rows[0]["annotation_id"] = None
    assert _cli("import", "--db", db, "-q", str(_write(tmp_path / "ok.jsonl", rows)))[0] == 0
    assert _annotations(engine) == before + 2


@pytest.mark.parametrize("bad, words", [
    (True, "the article id must be a string or a number, not true"),
    ("", "empty article id"),
    ("   ", "empty article id"),
    (" a", "starts or ends with a space"),
    ("a\u0000b", "holds a control character (U+0000)"),
    ("a\nb", "holds a control character (U+000A)"),
])
def test_bad_ids_are_refused_naming_the_line(tmp_path, bad, words):
    articles = _write(tmp_path / "a.jsonl", [{"id": "ok", "text": TEXT}, {"id": bad, "text": TEXT + " 2"}])
    prodigy = _write(tmp_path / "p.jsonl", [{"text": TEXT, "meta": {"id": bad}, "spans": []}])
    claims = _write(tmp_path / "c.jsonl", [{"article_id": bad, "start": 0, "end": 5, "label": "unsourced",
                                            "reviewer": "r", "status": "decided"}])
    res = import_paths(make_engine(f"sqlite:///{tmp_path / 'i.db'}"), [articles, prodigy, claims], jobs=1)
    want_line = {str(articles): "line 2", str(prodigy): "line 1", str(claims): "line 1"}
    # a tool's empty id is no id (the text's hash is the id): that file imports
    assert [p for p, _ in res.errors] == [str(articles)] + ([] if bad == "" else [str(prodigy)]) + [str(claims)]
    assert res.imported == (1 if bad == "" else 0)
    for path, msg in res.errors:
        assert msg.startswith(f"{want_line[path]}: ") and words in msg, (path, msg)


def test_an_unclosed_attribute_leaves_its_tag_out_with_a_warning(tmp_path):
    page = tmp_path / "p.html"
    markup = '<div class="x"><span>plus</span></div>' * 2000
    page.write_text(f"<html><body><p>{TEXT}</p><a title='never closed>lien</a>{markup}<p>Fin.</p></body></html>",
                    "utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    res = import_paths(engine, [page], jobs=1)
    assert res.ok and res.warnings == [(str(page), "line 1: a tag left open (an attribute's quotation mark never "
                                                   "closed): tag left out")]
    with engine.connect() as conn:
        text = conn.exec_driver_sql("SELECT text FROM article").scalar()
    assert "<" not in text and "class=" not in text and text.endswith("Fin.")


def test_a_full_disk_names_the_database(tmp_path, monkeypatch):
    from workbench.services import importing

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importing, "import_paths", full)
    db = tmp_path / "d.db"
    code, _, err = _cli("import", "--db", f"sqlite:///{db}", "-q", str(FIXTURE))
    assert code == 1 and err.startswith(f"workbench: {db}: No space left on device (the disk is full): free some")
    from workbench.store.database import explain

    assert explain(sqlite3.OperationalError("database or disk is full"), f"sqlite:///{db}").startswith(
        f"{db}: the disk is full (database or disk is full)")


def test_a_newer_schema_says_so(tmp_path):
    db = tmp_path / "n.db"
    assert _cli("import", "--db", f"sqlite:///{db}", "-q", str(FIXTURE))[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    for cmd in ("import", "stats"):
        args = [cmd, "--db", f"sqlite:///{db}"] + (["-q", str(FIXTURE)] if cmd == "import" else [])
        code, _, err = _cli(*args)
        assert code == 1 and err.startswith(f"workbench: {db}: written by a newer version of the workbench "
                                            "(schema revision 0099; this version knows up to "), err


def _children(pid: int) -> set[int]:
    out = set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_extraction_workers_end_with_a_killed_import(tmp_path):
    body = FIXTURE.read_text("utf-8")
    with (tmp_path / "big.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(1500):
            fh.write(json.dumps({"id": f"a{i}", "text": f"Dépêche {i}.\n\n{body}"}, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "import", "--db", f"sqlite:///{tmp_path / 'k.db'}",
                             "-q", "--jobs", "2", str(tmp_path / "big.jsonl")], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        kids: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            kids = _children(proc.pid)
            if len(kids) >= 2:  # the resource tracker and at least one worker
                time.sleep(0.5)
                kids = _children(proc.pid)
                break
            time.sleep(0.05)
        assert len(kids) >= 2, "the import never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(k) for k in kids):
            time.sleep(0.1)
        assert not [k for k in kids if _alive(k)], "workers outlived the killed import"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
