"""One article id with two texts, and what an import does with it (found by a QA pass: the README
said "with different text it is reported and skipped", and a JSONL file holding one id twice
with two texts was imported in part, with exit status 1 and "0 failed").

The rules: a file is imported whole or not at all.

- twice in one file with two texts: the file is refused (failed), one line naming both lines;
- a line repeating an earlier line (same id, same text): imported once, the repeat unchanged;
- an id an earlier file of the same import gave another text: the later file is refused whole
  (a conflict), one line naming both places, whichever way each file is read (a group of small
  files or a large streamed JSONL file);
- an id stored by an earlier import (or by another import meanwhile) with another text: the
  file's text becomes a new revision of the article."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from workbench.services import importing
from workbench.store import staging, tables

from tests.functional.test_cli import article, assert_one_error_line, counts, run, summary

T1 = "Le Kremlin a déclaré lundi que tout allait bien dans la région."
T2 = "Selon Reuters, le Kremlin a reconnu mardi que rien n'allait dans la région."


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows), "utf-8")
    return path


def _filler(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"f{i}", f"Le ministère a déclaré que la situation numéro {i} était stable.") for i in range(start, start + n)]


def _staged(engine) -> int:
    with engine.connect() as conn:
        return staging.staged_count(conn)


def test_two_texts_for_one_id_in_a_streamed_file_refuse_it_whole(capsys, tmp_path, monkeypatch, db_url, engine):
    """A large JSONL file is staged chunk by chunk: the second text comes three chunks after the
    first, and still nothing of the file is published or left staged."""
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 3)
    path = _jsonl(tmp_path / "feed.jsonl", [("x1", T1)] + _filler(9) + [("x1", T2)] + _filler(3, 9))
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 1
    assert_one_error_line(err, str(path), "lines 1 and 11", "'x1'", "nothing of the file imported")
    s = summary(out)
    assert (s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (0, 0, 0, 1)
    assert counts(engine) == (0, 0) and _staged(engine) == 0


def test_a_repeated_line_is_imported_once_and_counted_unchanged(capsys, tmp_path, db_url, engine):
    path = _jsonl(tmp_path / "feed.jsonl", [("x1", T1), ("x2", T2), ("x1", T1)])
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and err == ""
    s = summary(out)
    assert (s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (2, 1, 0, 0)
    assert article(engine, "x1").text == T1


def _txt(path: Path, text: str) -> Path:
    path.write_text(text + "\n", "utf-8")
    return path


def test_an_id_an_earlier_file_gave_another_text_refuses_the_later_file(capsys, tmp_path, db_url, engine):
    first = _jsonl(tmp_path / "a.jsonl", [("x1", T1)])
    later = _jsonl(tmp_path / "b.jsonl", [("x2", T1), ("x1", T2)])
    rc, out, err = run(capsys, "import", "--db", db_url, first, later)
    assert rc == 1
    assert_one_error_line(err, str(later), "line 2", "'x1'", f"{first} (line 1)", "nothing of the file imported")
    s = summary(out)
    assert (s["files"], s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (2, 1, 0, 1, 0)
    assert article(engine, "x1").text == T1 and article(engine, "x2") is None


def test_the_conflict_holds_across_a_streamed_file(capsys, tmp_path, monkeypatch, db_url, engine):
    """A streamed file is written alone, after what was read before it: its articles are in the
    database when the next file is read, and those of the files before it when it is read. An
    earlier file of the same import is still an earlier file, not an earlier import (its text
    became a new revision)."""
    monkeypatch.setattr(importing, "STREAM_BYTES", 300)
    small = _txt(tmp_path / "x.txt", T1)
    streamed = _jsonl(tmp_path / "feed.jsonl", _filler(4) + [("x.txt", T2)])
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", small, streamed)
    assert rc == 1 and "revised:" not in out and summary(out)["revised"] == 0
    assert_one_error_line(err, str(streamed), "line 5", "'x.txt'", str(small))
    assert summary(out)["conflicts"] == 1 and article(engine, "f0") is None and _staged(engine) == 0

    streamed = _jsonl(tmp_path / "g.jsonl", _filler(4) + [("y.txt", T1)])
    small = _txt(tmp_path / "y.txt", T2)
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", streamed, small)
    assert rc == 1 and "revised:" not in out and summary(out)["revised"] == 0
    assert_one_error_line(err, str(small), "'y.txt'", f"{streamed} (line 5)")
    assert summary(out)["conflicts"] == 1 and summary(out)["imported"] == 5
    assert (article(engine, "y.txt").text, article(engine, "y.txt").revision) == (T1, 1)


def test_a_new_text_in_a_later_import_is_a_new_revision(capsys, tmp_path, db_url, engine):
    """What the README now says: another import's text is not a conflict but a new revision."""
    assert run(capsys, "import", "--db", db_url, _jsonl(tmp_path / "a.jsonl", [("x1", T1)]))[0] == 0
    rc, out, err = run(capsys, "import", "--db", db_url, _jsonl(tmp_path / "b.jsonl", [("x2", T1), ("x1", T2)]))
    assert rc == 0 and err == ""
    assert "revised: x1 is now revision 2" in out and summary(out)["imported"] == 1
    assert article(engine, "x1").text == T2


def test_a_streamed_file_that_fails_applies_none_of_its_new_texts(capsys, tmp_path, monkeypatch, db_url, engine):
    """A new text for a stored article was applied after the import's files even when its file
    failed on a later line: the file was "not imported" but changed an article."""
    assert run(capsys, "import", "--db", db_url, _jsonl(tmp_path / "a.jsonl", [("x1", T1)]))[0] == 0
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 2)
    path = _jsonl(tmp_path / "feed.jsonl", [("x1", T2)] + _filler(5))
    path.write_text(path.read_text("utf-8") + "{not json\n", "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert rc == 1 and "revised:" not in out and summary(out)["revised"] == 0
    assert_one_error_line(err, str(path), "line 7")
    got = article(engine, "x1")
    assert (got.text, got.revision) == (T1, 1)


def test_an_article_another_import_stored_meanwhile_becomes_a_revision(capsys, tmp_path, monkeypatch, db_url, engine):
    """While a streamed file is staged, another import stores one of its ids with another text:
    the file is still published whole, that article as a new revision (as it would be had the
    other import come first; it was "skipped" as a conflict, the file published in part)."""
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 2)
    other = _jsonl(tmp_path / "other.jsonl", [("x1", T1)])
    real_stage = staging.stage
    calls = []

    def stage_then_another_import(engine_, token, *args, **kw):
        real_stage(engine_, token, *args, **kw)
        if not calls:
            calls.append(importing.import_paths(engine_, [other], jobs=1))

    monkeypatch.setattr(staging, "stage", stage_then_another_import)
    path = _jsonl(tmp_path / "feed.jsonl", _filler(2) + [("x1", T2)] + _filler(3, 2))
    rc, out, err = run(capsys, "import", "--db", db_url, "--jobs", "1", path)
    assert calls and calls[0].imported == 1
    assert rc == 0 and err == ""
    s = summary(out)
    assert (s["imported"], s["conflicts"], s["failed"]) == (5, 0, 0)
    assert "revised: x1 is now revision 2" in out
    assert article(engine, "x1").text == T2
    with engine.connect() as conn:
        assert set(conn.execute(select(tables.articles.c.id)).scalars()) == {"x1", "f0", "f1", "f2", "f3", "f4"}
    assert _staged(engine) == 0


def test_a_new_text_from_another_folder_says_where_both_texts_came_from(tmp_path, capsys):
    from workbench.cli import main

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "note.txt").write_text("Titre A\n\nLe ministre a déclaré lundi que la réforme serait votée.\n",
                                             encoding="utf-8")
    (tmp_path / "b" / "note.txt").write_text("Titre B\n\nLe syndicat a affirmé mardi que la grève continuerait.\n",
                                             encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert main(["import", "-q", "--db", db, str(tmp_path / "a")]) == 0
    capsys.readouterr()
    assert main(["import", "-q", "--db", db, str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("revised: note.txt is now revision 2"))
    assert line.endswith(f"; its text now comes from {tmp_path / 'b' / 'note.txt'}, the previous one from "
                         f"{tmp_path / 'a' / 'note.txt'} (a file's name is its id: two different articles need "
                         "two names)")
    # the same file edited and imported again: a plain revision, nothing to warn about
    (tmp_path / "b" / "note.txt").write_text("Titre B\n\nLe syndicat a affirmé mercredi que la grève continuerait.\n",
                                             encoding="utf-8")
    assert main(["import", "-q", "--db", db, str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    assert "revised: note.txt is now revision 3" in out and "comes from" not in out
