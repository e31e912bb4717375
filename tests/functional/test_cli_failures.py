"""Databases the commands cannot use as usual: damaged, not SQLite, missing, read-only (a read-only
file, a read-only folder). One line naming the file and the cause, exit status 1, never a
traceback; the commands that only read work on a database they cannot write."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.services.review import check_can_review
from workbench.store.database import DatabaseUnavailable, make_engine, make_reader

FIXTURE = "000_a05f25a83f551d02.txt"
READ_COMMANDS = [["stats"], ["agreement", "--json"], ["similar", "canal sûr", "--json"], ["export", "-o", "-"]]


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def demo_db(tmp_path, fixtures_dir) -> Path:
    db = tmp_path / "demo.db"
    assert main(["import", "--db", str(db), "-q", str(fixtures_dir / FIXTURE)]) == 0
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    conn.close()
    assert db.stat().st_size > 20_000
    return db


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "SELECT" not in err and "[SQL" not in err
    return lines[0]


@pytest.mark.parametrize("command", READ_COMMANDS + [["import", "x.txt"]], ids=lambda c: c[0])
def test_damaged_database_is_one_line_naming_the_file(capsys, demo_db, command, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(demo_db.read_bytes()[:8192])  # cut: the header is right, the pages are not
    (tmp_path / "x.txt").write_text("Le ministère a déclaré lundi que tout allait bien.\n", "utf-8")
    rc, out, err = run(capsys, *command, "--db", damaged)
    line = one_line(err)
    assert rc == 1 and str(damaged) in line and "damaged" in line


@pytest.mark.parametrize("command", READ_COMMANDS + [["review"]], ids=lambda c: c[0])
def test_a_file_that_is_not_sqlite(capsys, tmp_path, command):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n")
    rc, out, err = run(capsys, *command, "--db", bogus)
    line = one_line(err)
    assert rc == 1 and line == f"workbench: {bogus}: not an SQLite database, or a damaged one (file is not a database)"
    assert bogus.read_text() == "these are my notes, not a database\n"  # untouched


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_reading_a_missing_database_does_not_create_one(capsys, tmp_path, command):
    missing = tmp_path / "typo.db"
    rc, out, err = run(capsys, *command, "--db", missing)
    assert rc == 1 and f"{missing}: no such database" in one_line(err)
    assert not missing.exists()


def test_review_on_a_damaged_database_stops_before_the_app(capsys, demo_db, tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(demo_db.read_bytes()[:8192])
    from workbench.tui import app as tui_app

    monkeypatch.setattr(tui_app.WorkbenchApp, "run", lambda self: pytest.fail("the app started"))
    rc, out, err = run(capsys, "review", "--db", damaged, "--reviewer", "ann")
    assert rc == 1 and str(damaged) in one_line(err)


def test_a_database_that_cannot_be_written_is_read_in_read_only_mode(demo_db, monkeypatch):
    from workbench.store import database

    monkeypatch.setattr(database, "_writable", lambda path: False)
    engine = make_reader(f"sqlite:///{demo_db}")
    try:
        from sqlalchemy import text

        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM article")).scalar_one() == 1
            with pytest.raises(Exception, match="readonly|read-only|query_only"):
                conn.execute(text("DELETE FROM article"))
    finally:
        engine.dispose()


def test_check_can_review_passes_on_a_good_database(demo_db):
    engine = make_engine(f"sqlite:///{demo_db}")
    check_can_review(engine, "ann")
    engine.dispose()


# -- as another user: a read-only file, a read-only folder ---------------------------------------

def _as_other_user() -> list[str]:
    """The prefix that runs a command as a user who cannot write what root made read-only
    (root writes anything); [] when the tests already run as such a user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot test read-only permissions")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_dir():
    """A folder every user can enter (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="wb-ro-"))
    d.chmod(0o755)
    yield d
    for p in [d, *d.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(d)


def _cli(prefix: list[str], *argv) -> subprocess.CompletedProcess:
    import workbench

    env = {**os.environ, "HOME": "/tmp", "WORKBENCH_KEYMAP": "/nonexistent",
           "PYTHONPATH": str(Path(workbench.__file__).parents[1])}  # this checkout's workbench
    return subprocess.run([*prefix, sys.executable, "-m", "workbench", *map(str, argv)], capture_output=True,
                          text=True, timeout=120, env=env, cwd="/")


@pytest.mark.parametrize("where", ["read-only folder", "read-only file"])
def test_read_commands_work_on_a_database_they_cannot_write(demo_db, shared_dir, where):
    prefix = _as_other_user()
    folder = shared_dir / "ro"
    folder.mkdir()
    db = folder / "w.db"
    shutil.copy(demo_db, db)
    db.chmod(0o444)
    if where == "read-only folder":
        folder.chmod(0o555)
    else:
        folder.chmod(0o777)
    for command in READ_COMMANDS:
        proc = _cli(prefix, *command, "--db", db)
        assert proc.returncode == 0 and proc.stderr == "", (command, proc.stderr)
    rows = [json.loads(x) for x in _cli(prefix, "export", "-o", "-", "--include-unreviewed", "--db", db)
            .stdout.splitlines()]
    assert rows and all(r["article_id"] == FIXTURE for r in rows)
    # writing commands: one line naming the file and the cause, exit 1
    article = shared_dir / "new.txt"
    article.write_text("Le ministère a déclaré lundi que tout allait bien.\n", "utf-8")
    article.chmod(0o644)
    for command in (["review", "--reviewer", "ann"], ["import", article]):
        proc = _cli(prefix, *command, "--db", db)
        assert proc.returncode == 1, (command, proc.stdout, proc.stderr)
        line = one_line(proc.stderr)
        assert str(db) in line and "read-only" in line, line


# -- empty selections, skipped files, help -------------------------------------------------------

def test_export_for_an_unknown_reviewer_lists_the_known_ones(capsys, demo_db, tmp_path):
    from workbench.services.review import ReviewService

    engine = make_engine(f"sqlite:///{demo_db}")
    store = ReviewService(engine, "ann")
    store.decide(store.resume_point()[1], "attributed")
    ReviewService(engine, "bob")  # opened the app, decided nothing
    capsys.readouterr()
    for target in (["-o", "-"], ["-o", tmp_path / "out/"]):
        rc, out, err = run(capsys, "export", "--db", demo_db, "--reviewer", "nobody", *target)
        line = one_line(err)
        assert rc == 1 and out == ""
        assert line == f"workbench: --reviewer nobody: no decisions by this reviewer in {demo_db}; " \
                       "reviewers with decisions: ann"
    assert not (tmp_path / "out").exists()
    assert run(capsys, "export", "--db", demo_db, "--reviewer", "ann", "-o", "-")[0] == 0


def test_files_a_folder_holds_that_are_not_read_are_named(capsys, tmp_path, fixtures_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(fixtures_dir / FIXTURE, folder)
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / ".hidden").write_text("x")
    rc, out, err = run(capsys, "import", "--db", tmp_path / "w.db", folder)
    assert rc == 0 and err == ""
    assert f"skipped 1 file(s) of a type not read from folders (.txt .md .jsonl .html .htm): {folder / 'photo.png'}" in out
    rc, out, err = run(capsys, "extract", folder)
    assert rc == 0 and "photo.png" in one_line(err) and all(json.loads(x) for x in out.splitlines())
    empty = tmp_path / "empty"
    empty.mkdir()
    rc, out, err = run(capsys, "import", "--db", tmp_path / "w.db", empty)
    assert rc == 1 and one_line(err) == f"workbench: {empty}: no files to import"


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_help_says_what_each_option_gives(capsys):
    export = _help(capsys, "export")
    assert "JSONL dataset" not in export and "spacy (a binary DocBin)" in export
    assert "labelstudio (a JSON array of tasks" in export and "default: claims" in export
    similar = _help(capsys, "similar")
    for field in ('"claim_id"', '"labels"', '"score"', '"label"'):
        assert field in similar
    assert "(default: 10)" in similar


def test_import_into_a_database_with_corrupt_pages_writes_nothing(capsys, demo_db, tmp_path):
    """Issue 15: ``import`` wrote into a database with corrupt pages before failing. Now it fails
    first, in one line, and the file is left exactly as it was."""
    damaged = tmp_path / "corrupt.db"
    data = bytearray(demo_db.read_bytes())
    data[3 * 4096:3 * 4096 + 1600] = b"\x00garbage" * 200  # a page in the middle overwritten
    damaged.write_bytes(bytes(data))
    (tmp_path / "new.txt").write_text("Le ministère a déclaré lundi que tout allait bien.\n", "utf-8")
    rc, _out, err = run(capsys, "import", "--db", damaged, tmp_path / "new.txt")
    assert rc == 1 and str(damaged) in one_line(err)
    assert damaged.read_bytes() == bytes(data)
    assert not (tmp_path / "corrupt.db-wal").exists() or (tmp_path / "corrupt.db-wal").stat().st_size == 0


@pytest.mark.parametrize("command", ["review", "serve"])
def test_a_blank_reviewer_name_is_refused(tmp_path, capsys, monkeypatch, command):
    """A session records every decision under its reviewer: a name that names nobody is one line
    and exit status 2, before any database is made (it opened with a blank name)."""
    db = tmp_path / "r.db"
    assert main([command, "--db", str(db), "--reviewer", "   "]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--reviewer must name a reviewer" in err and "'   '" in err
    monkeypatch.setenv("WORKBENCH_REVIEWER", "a\tb")
    assert main([command, "--db", str(db)]) == 2
    assert "$WORKBENCH_REVIEWER must name a reviewer" in capsys.readouterr().err
    assert not db.exists()


def _foreign_db(path: Path) -> bytes:
    """Another program's SQLite database (rollback journal, its own table): its bytes."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_reading_another_programs_database_leaves_it_untouched(capsys, tmp_path, command):
    other = tmp_path / "app.db"
    before = _foreign_db(other)
    rc, out, err = run(capsys, *command, "--db", other)
    assert rc == 1 and one_line(err) == f"workbench: {other}: not a workbench database (its tables are another " \
                                        "program's); it is left untouched"
    assert other.read_bytes() == before and _side_files(other) == []  # no schema, no WAL


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_reading_an_empty_file_leaves_it_empty(capsys, tmp_path, command):
    empty = tmp_path / "new.db"
    empty.touch()
    rc, out, err = run(capsys, *command, "--db", empty)
    assert rc == 1 and f"{empty}: an empty database" in one_line(err)
    assert empty.stat().st_size == 0 and _side_files(empty) == []


WRITE_EXISTING = [["learn"], ["suggest"], ["users", "list"], ["users", "remove", "bob"]]


@pytest.mark.parametrize("command", WRITE_EXISTING, ids=lambda c: " ".join(c))
def test_commands_on_a_corpus_never_create_a_database(capsys, tmp_path, command):
    missing = tmp_path / "typo.db"
    rc, out, err = run(capsys, *command, "--db", missing)
    assert rc == 1 and f"{missing}: no such database" in one_line(err)
    assert not missing.exists()
    other = tmp_path / "app.db"
    before = _foreign_db(other)
    rc, out, err = run(capsys, *command, "--db", other)
    assert rc == 1 and "not a workbench database" in one_line(err)
    assert other.read_bytes() == before and _side_files(other) == []


def test_commands_on_a_corpus_still_work_on_one(capsys, demo_db):
    rc, out, err = run(capsys, "users", "list", "--db", demo_db)
    assert rc == 0, err
    rc, out, err = run(capsys, "suggest", "--db", demo_db)
    assert rc == 0 and "suggestion(s) recorded" in out


def test_reading_a_read_only_database_leaves_no_read_only_log_behind(capsys, demo_db, monkeypatch):
    # SQLite creates -wal and -shm as read-only as the database for a plain read-only open of a
    # WAL file; they then block every writer once the file is writable again
    from workbench.store import database

    db = demo_db.with_name("copy.db")  # (the import's engine may still hold demo.db open in this process)
    shutil.copyfile(demo_db, db)
    monkeypatch.setattr(database, "_writable", lambda path: False)
    for command in READ_COMMANDS:
        rc, out, err = run(capsys, *command, "--db", db)
        assert rc == 0, (command, err)
        assert _side_files(db) == [], command


def test_a_read_only_log_left_beside_the_database_is_named(capsys, demo_db, monkeypatch):
    from workbench.store import database

    engine = make_engine(f"sqlite:///{demo_db}")  # open: its -wal and -shm are there
    shm = Path(f"{demo_db}-shm")
    assert shm.exists()
    real_access = os.access
    monkeypatch.setattr(database.os, "access", lambda p, mode: False if Path(p) == shm and mode == os.W_OK
                        else real_access(p, mode))
    line = database.explain(Exception("attempt to write a readonly database"), f"sqlite:///{demo_db}")
    assert line == (f"{shm}: read-only, so the database cannot be written (left by a program that read it without "
                    f"write access): make both files writable by this user (chmod u+w {demo_db}-wal {demo_db}-shm)")
    try:
        with pytest.raises(DatabaseUnavailable, match="-shm: read-only"):
            database.check_writable(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", ["review", "serve"])
def test_a_session_on_a_missing_database_does_not_create_one(capsys, tmp_path, monkeypatch, command):
    """A mistyped ``--db`` is one line naming the file; before, review opened an empty app on a
    new database made there, and serve served one."""
    from workbench import serve as serve_module
    from workbench.tui import app as tui_app

    monkeypatch.setattr(tui_app.WorkbenchApp, "run", lambda self: pytest.fail("the app started"))
    monkeypatch.setattr(serve_module, "make_server", lambda config: pytest.fail("the server started"))
    missing = tmp_path / "typo.db"
    rc, out, err = run(capsys, command, "--db", missing, "--reviewer", "ann")
    assert rc == 1 and one_line(err) == f"workbench: {missing}: no such database (workbench import PATH creates one)"
    assert not missing.exists()
    foreign = tmp_path / "notes.db"
    data = _foreign_db(foreign)
    rc, out, err = run(capsys, command, "--db", foreign, "--reviewer", "ann")
    assert rc == 1 and "not a workbench database" in one_line(err)
    assert foreign.read_bytes() == data


DB_COMMANDS = [["import", "{article}"], *READ_COMMANDS, *WRITE_EXISTING, ["users", "add", "bob"], ["review"],
               ["serve"]]


@pytest.mark.parametrize("command", DB_COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("form", ["path", "url"])
def test_a_database_in_a_missing_folder_is_refused_naming_the_folder(capsys, tmp_path, monkeypatch, fixtures_dir,
                                                                      command, form):
    """``--db new/dir/x.db``: one line naming the missing folder, exit 1, nothing made (import
    used to make the folders and a new database in them, without a word; the other commands
    said "no such database (workbench import PATH creates one)", which import then did)."""
    from workbench import serve as serve_module
    from workbench.tui import app as tui_app

    monkeypatch.setattr(tui_app.WorkbenchApp, "run", lambda self: pytest.fail("the app started"))
    monkeypatch.setattr(serve_module, "make_server", lambda config: pytest.fail("the server started"))
    folder = tmp_path / "new" / "dir"
    db = folder / "x.db"
    argv = [a.format(article=fixtures_dir / FIXTURE) for a in command]
    if command[0] in ("review", "serve"):
        argv += ["--reviewer", "ann"]
    rc, out, err = run(capsys, *argv, "--db", db if form == "path" else f"sqlite:///{db}")
    assert rc == 1 and one_line(err) == (f"workbench: {folder}: no such folder (for the database x.db: check the "
                                         "path; a new database is made only in an existing folder)")
    assert not (tmp_path / "new").exists()


def test_a_database_in_a_file_taken_for_a_folder_is_refused(capsys, tmp_path, fixtures_dir):
    notes = tmp_path / "notes.txt"
    notes.write_text("notes\n")
    rc, out, err = run(capsys, "import", "--db", notes / "x.db", fixtures_dir / FIXTURE)
    assert rc == 1 and one_line(err) == f"workbench: {notes}: not a folder (for the database x.db: check the path)"
    assert notes.read_text() == "notes\n"


@pytest.mark.parametrize("form", ["path", "url", "relative"])
def test_a_new_database_in_an_existing_folder_is_made(capsys, tmp_path, monkeypatch, fixtures_dir, form):
    """How a user starts: ``workbench import`` makes the database file in a folder that exists."""
    monkeypatch.chdir(tmp_path)
    db = {"path": tmp_path / "corpus.db", "url": f"sqlite:///{tmp_path / 'corpus.db'}", "relative": "corpus.db"}[form]
    rc, out, err = run(capsys, "import", "-q", "--db", db, fixtures_dir / FIXTURE)
    assert rc == 0, err
    assert (tmp_path / "corpus.db").exists()
    rc, out, err = run(capsys, "stats", "--db", db)
    assert rc == 0, err
