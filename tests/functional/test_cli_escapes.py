"""Issue 15, item 9: ids, titles, reviewer names and file names from files reach the terminal
escaped. `\\x1b[2J` (clear the screen) and `[bold]` in them are printed as visible text by
``import``, ``stats``, ``agreement``, ``similar``, ``export`` and ``users``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from workbench.escapes import text, visible

ROOT = Path(__file__).resolve().parents[2]
CLEAR = "\x1b[2J"
TEXT = "Le ministère a déclaré lundi que la situation était stable, selon Reuters. [bold]Fin[/bold]."


@pytest.mark.parametrize("raw, shown", [
    ("plain « é » …", "plain « é » …"),
    (f"{CLEAR}x", "\\x1b[2Jx"),
    ("a\nb\rc\td", "a\\nb\\rc\\td"),
    ("\x9b31m\x7f", "\\x9b31m\\x7f"),
    ("abc\u202egnp.exe", "abc\\u202egnp.exe"),
    ("name\udcff", "name\\udcff"),  # a file name that is not UTF-8
])
def test_visible(raw, shown):
    assert visible(raw) == shown


def test_rich_text_is_never_markup():
    console = Console(width=80, record=True, force_terminal=False)
    console.print(text("[bold]x[/bold] [/red]"))
    assert console.export_text().strip() == "[bold]x[/bold] [/red]"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, cwd=ROOT,
                          input=stdin, timeout=120, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin",
                                                         "HOME": "/nonexistent"})
    assert "Traceback" not in proc.stderr, proc.stderr
    for stream in (proc.stdout, proc.stderr):
        assert "\x1b" not in stream and "\r" not in stream, (args, stream)
    return proc


def test_commands_print_file_and_database_text_escaped(tmp_path):
    db = f"sqlite:///{tmp_path / 'e.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{CLEAR}evil.txt").write_text(f"{CLEAR}Title\n\n{TEXT}\n", encoding="utf-8")
    (folder / "bad\x1b[31m.jsonl").write_text("{not json\n", encoding="utf-8")
    (folder / f"copy{CLEAR}.txt").write_text(f"{CLEAR}Title\n\n{TEXT}\n", encoding="utf-8")
    (folder / "x\x1b[1m.png").write_bytes(b"png")
    out = _run("import", "--db", db, "-q", str(folder))
    assert out.returncode == 1
    assert "bad\\x1b[31m.jsonl: line 1: invalid JSON" in out.stderr
    assert "x\\x1b[1m.png" in out.stdout and "near copy: copy\\x1b[2J.txt ≈ \\x1b[2Jevil.txt" in out.stdout

    from workbench.services.review import ReviewService
    from workbench.store import make_engine

    engine = make_engine(db)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM candidate ORDER BY id")]
    for who, label in ((f"{CLEAR}mallory", "attributed"), ("bob[bold]", "unsourced")):
        svc = ReviewService(engine, who)
        for cid in ids:
            svc.decide(cid, label)
    engine.dispose()

    stats = _run("stats", "--db", db)
    assert "\\x1b[2Jmallory" in stats.stdout and "bob[bold]" in stats.stdout and "copy\\x1b[2J" in stats.stdout
    agreement = _run("agreement", "--db", db)
    assert "\\x1b[2Jmallory" in agreement.stdout and "bob[bold]" in agreement.stdout
    similar = _run("similar", "--db", db, "ministère déclaré")
    assert "\\x1b[2Jevil.txt" in similar.stdout
    export = _run("export", "--db", db, "-o", str(tmp_path / f"out{CLEAR}/"), "--format", "claims")
    assert export.returncode == 0 and "out\\x1b[2J" in export.stdout
    spans = _run("export", "--db", db, "-o", str(tmp_path / "p"), "--format", "prodigy")
    assert spans.returncode == 0
    users = _run("users", "add", "--db", db, f"{CLEAR}eve", stdin="a long password\n")
    assert users.returncode == 1 and "control" in users.stderr  # refused: a control character
    gone = _run("users", "remove", "--db", db, f"{CLEAR}eve")
    assert "\\x1b[2Jeve" in gone.stdout + gone.stderr
    assert _run("users", "list", "--db", db).returncode == 0


def test_json_line_escapes_what_a_terminal_acts_on_and_reads_back_the_same():
    from workbench.escapes import json_line

    obj = {"text": "a\x9b31mb \u202eevil \x1b[2J « é »", "n": 1}
    line = json_line(obj)
    assert "\x9b" not in line and "\u202e" not in line and "\x1b" not in line and "« é »" in line
    assert json.loads(line) == obj


def test_extract_prints_c1_controls_escaped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Le ministère a déclaré lundi que la situation\x9b31m était stable.\n", encoding="utf-8")
    res = _run("extract", str(path))
    assert res.returncode == 0 and "\x9b" not in res.stdout
    [row] = [json.loads(line) for line in res.stdout.splitlines()]
    assert "\x9b31m" in row["text"]  # the same text once read back: offsets unchanged
