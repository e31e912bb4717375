"""The command line, in-process through ``workbench.cli.main``: import, extract, export, stats."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlmodel import select as sm_select

from workbench.cli import main
from workbench.store.database import make_engine
from workbench.formats.encoding import decode
from workbench.store.database import session
from workbench.store import tables
from workbench.store.models import Annotation, Article, Candidate, Reviewer

SUMMARY = re.compile(
    r"(\d+) file\(s\): (\d+) article\(s\) imported with (\d+) candidate claim\(s\), (\d+) unchanged, "
    r"(\d+) revised(?: \((\d+) claim\(s\) orphaned\))?, (\d+) conflict\(s\), (\d+) failed"
)

CLAIM_KEYS = {
    "id", "article_id", "article_title", "text", "start", "end", "label", "source", "cue", "reviewer",
    "annotated_at", "note", "suggested_label", "status",
}


# -- helpers ----------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def summary(out: str) -> dict:
    m = SUMMARY.search(out)
    assert m, out
    keys = ("files", "imported", "candidates", "unchanged", "revised", "orphaned", "conflicts", "failed")
    return dict(zip(keys, (int(g or 0) for g in m.groups())))


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        arts = conn.execute(select(func.count()).select_from(Article.__table__)).scalar_one()
        cands = conn.execute(select(func.count()).select_from(Candidate.__table__)).scalar_one()
    return arts, cands


def article(engine, article_id: str) -> Article | None:
    with session(engine) as s:
        return s.get(Article, article_id)


def candidates(engine, article_id: str | None = None) -> list[Candidate]:
    with session(engine) as s:
        q = sm_select(Candidate).order_by(Candidate.article_id, Candidate.start)
        if article_id is not None:
            q = q.where(Candidate.article_id == article_id)
        return list(s.exec(q).all())


def decide(engine, reviewer: str, cand: Candidate, label: str, note: str | None = None) -> None:
    """Record a reviewer's decision the way the TUI does: an Annotation row (append-only)."""
    with session(engine) as s:
        r = s.exec(sm_select(Reviewer).where(Reviewer.name == reviewer)).first()
        if r is None:
            r = Reviewer(name=reviewer)
            s.add(r)
            s.commit()
        s.add(
            Annotation(
                candidate_id=cand.id, reviewer_id=r.id, action="decide", label=label,
                start=cand.start, end=cand.end, text=cand.text,
                source_text=cand.source_text, source_start=cand.source_start, source_end=cand.source_end,
                note=note,
            )
        )
        s.commit()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def assert_one_error_line(err: str, *names: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("workbench: ")
    for name in names:
        assert name in lines[0]


@pytest.fixture
def imported(capsys, db_url, engine, fixtures_dir):
    """The five fixture articles imported into the test database."""
    rc, out, err = run(capsys, "import", "--db", db_url, fixtures_dir)
    assert rc == 0, err
    return engine


# -- import -----------------------------------------------------------------------------------


def test_import_fixtures_prints_a_summary(capsys, db_url, engine, fixtures_dir):
    rc, out, err = run(capsys, "import", "--db", db_url, fixtures_dir)
    assert rc == 0
    assert err == ""
    s = summary(out)
    assert s["files"] == 5 and s["imported"] == 5
    assert s["unchanged"] == s["conflicts"] == s["failed"] == 0
    assert s["candidates"] > 0
    assert counts(engine) == (5, s["candidates"])
    for path in sorted(fixtures_dir.glob("*.txt")):
        stored = article(engine, path.name)
        assert stored.text == decode(path.read_bytes())
        assert stored.language == "fr"
    for c in candidates(engine):
        text = article(engine, c.article_id).text
        assert text[c.start:c.end] == c.text


def test_reimport_changes_nothing(capsys, db_url, imported, fixtures_dir):
    before = counts(imported)
    spans_before = [(c.id, c.article_id, c.start, c.end) for c in candidates(imported)]
    rc, out, err = run(capsys, "import", "--db", db_url, fixtures_dir)
    assert rc == 0 and err == ""
    s = summary(out)
    assert (s["imported"], s["candidates"], s["unchanged"]) == (0, 0, 5)
    assert counts(imported) == before
    assert [(c.id, c.article_id, c.start, c.end) for c in candidates(imported)] == spans_before


def test_reimport_of_an_id_with_different_text_makes_a_new_revision(capsys, tmp_path, db_url, engine, fixtures_dir):
    """Since re-anchoring (issue 5): the new text replaces the old one, which is kept as a
    revision; the summary says so and the exit status is 0."""
    from workbench.store.models import ArticleRevision

    src = fixtures_dir / "000_a05f25a83f551d02.txt"
    path = tmp_path / src.name
    shutil.copy(src, path)
    assert run(capsys, "import", "--db", db_url, path)[0] == 0
    old = article(engine, src.name).text

    new = old + "\nUne phrase ajoutée plus tard par le site.\n"
    path.write_text(new, "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0, err
    assert f"revised: {src.name} is now revision 2" in out
    assert summary(out)["conflicts"] == 0
    art = article(engine, src.name)
    assert art.text == new and art.revision == 2
    with session(engine) as s:
        (rev,) = s.exec(sm_select(ArticleRevision)).all()
    assert (rev.article_id, rev.revision, rev.text) == (src.name, 1, old)
    rc, out, err = run(capsys, "import", "--db", db_url, path)  # the same text again: unchanged
    assert rc == 0 and summary(out)["unchanged"] == 1 and "revised:" not in out and summary(out)["revised"] == 0


def test_conflict_inside_jsonl_names_the_lines_and_imports_nothing_of_the_file(capsys, tmp_path, db_url, engine):
    """One id twice in a file with two different texts: which is right cannot be told, and a
    file is imported whole or not at all, so the file is refused with one line naming both
    lines (it imported x2 and the first x1, said "0 failed" and exited 1). More cases:
    ``test_import_same_id.py``."""
    path = tmp_path / "b.jsonl"
    path.write_text(
        json.dumps({"id": "x2", "text": "Un autre article tout à fait valide."}) + "\n"
        + json.dumps({"id": "x1", "text": "Le Kremlin a déclaré que tout allait bien."}) + "\n"
        + json.dumps({"id": "x1", "text": "Le Kremlin a déclaré autre chose."}) + "\n",
        "utf-8",
    )
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 1
    assert_one_error_line(err, str(path), "lines 2 and 3", "'x1'")
    s = summary(out)
    assert (s["imported"], s["unchanged"], s["conflicts"], s["failed"]) == (0, 0, 0, 1)
    assert counts(engine) == (0, 0)


def _binary(p: Path) -> None:
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _blank(p: Path) -> None:
    p.write_bytes(b"  \r\n\n\t ")


def _unsupported(p: Path) -> None:
    p.write_bytes(b"%PDF-1.4 not an article")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("missing.txt", None),
        ("binary.txt", _binary),
        ("empty.txt", _empty),
        ("blank.md", _blank),
        ("document.pdf", _unsupported),
    ],
    ids=["missing", "binary", "empty", "blank", "unsupported"],
)
def test_bad_input_gives_one_error_line(capsys, tmp_path, db_url, engine, name, make):
    path = tmp_path / name
    if make:
        make(path)
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc != 0
    assert_one_error_line(err, str(path))
    assert summary(out)["failed"] == 1
    assert counts(engine) == (0, 0)


def test_malformed_jsonl_names_file_and_line_and_imports_nothing_from_it(capsys, tmp_path, db_url, engine):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": "Le Kremlin a déclaré que les négociations étaient au point mort."}) + "\n"
        + json.dumps({"id": "ok2", "text": "Selon Reuters, les troupes ont reculé de dix kilomètres."}) + "\n"
        + '{"id": "bad", "text": "Une ligne coupée\n'
        + json.dumps({"id": "ok4", "text": "Une dernière ligne valide après la mauvaise."}) + "\n",
        "utf-8",
    )
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc != 0
    assert_one_error_line(err, str(path), "line 3")
    assert counts(engine) == (0, 0)
    for aid in ("ok1", "ok2", "ok4"):
        assert article(engine, aid) is None


def test_a_bad_file_does_not_stop_the_good_ones(capsys, tmp_path, db_url, engine, fixtures_dir):
    bad = tmp_path / "bad.txt"
    _binary(bad)
    good = fixtures_dir / "002_95e4f02cd0da1f73.txt"
    rc, out, err = run(capsys, "import", "--db", db_url, bad, good)
    assert rc != 0
    assert_one_error_line(err, str(bad))
    assert summary(out)["imported"] == 1
    assert article(engine, good.name) is not None


def test_latin1_file_is_imported_correctly(capsys, tmp_path, db_url, engine):
    text = (
        "Le ministère des Affaires étrangères a déclaré lundi que la réponse serait « proportionnée ».\n"
        "Selon l'ambassadeur, les élèves étaient à l'école quand la frappe a eu lieu à Kharkiv.\n"
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and err == ""
    assert article(engine, "latin1.txt").text == text
    cands = candidates(engine, "latin1.txt")
    assert [c.text for c in cands] == text.splitlines()


def test_utf8_bom_is_removed_on_import(capsys, tmp_path, db_url, engine):
    text = "Le Kremlin a déclaré que les négociations étaient au point mort.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert run(capsys, "import", "--db", db_url, path)[0] == 0
    assert article(engine, "bom.txt").text == text
    assert candidates(engine, "bom.txt")[0].start == 0


def test_short_windows_1252_files_are_imported_correctly_and_quietly(capsys, tmp_path, db_url, engine):
    texts = {
        "two-lines.txt": "Le maire a déclaré lundi que le projet était abandonné.\nIl a été réélu à Besançon.\n",
        "inquiete.txt": "Elle se dit inquiète : le déficit a déjà dépassé les prévisions.\n",
        "es.txt": "La información llegó después de la reunión con los sindicatos.\n",
    }
    for name, body in texts.items():
        (tmp_path / name).write_bytes(body.encode("cp1252"))
    rc, out, err = run(capsys, "import", "--db", db_url, tmp_path)
    assert rc == 0 and err == ""
    for name, body in texts.items():
        assert article(engine, name).text == body


def test_utf8_file_with_an_invalid_byte_stays_utf8_with_one_warning_line(capsys, tmp_path, db_url, engine):
    text = ("Le ministère des Affaires étrangères a déclaré lundi que la réponse serait « proportionnée ».\n"
            "Selon l’ambassadeur, les élèves étaient à l’école quand la frappe a eu lieu.\n")
    path = tmp_path / "broken.txt"
    path.write_bytes(text.encode("utf-8").replace("réponse".encode(), b"r\xe9ponse"))
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and summary(out)["imported"] == 1
    stored = article(engine, "broken.txt").text
    assert stored == text.replace("réponse", "r\ufffdponse")
    assert "ministère" in stored and "Ã" not in stored
    assert_one_error_line(err, str(path), "warning", "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD")


def test_an_uncertain_encoding_is_imported_and_reported(capsys, tmp_path, db_url, engine):
    text = "Straße nach Unfall gesperrt\n"
    path = tmp_path / "mac.txt"
    path.write_bytes(text.encode("mac_roman"))
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and summary(out)["imported"] == 1
    assert article(engine, "mac.txt").text == text
    assert_one_error_line(err, str(path), "warning: encoding uncertain: decoded as Mac Roman")


def test_extract_reports_replaced_bytes(capsys, tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Le ministre a déclaré que tout allait bien à l’été.\n".encode().replace(b"bien", b"bi\xe9n"))
    rc, out, err = run(capsys, "extract", path)
    assert rc == 0 and json.loads(out.splitlines()[0])["text"].startswith("Le ministre a déclaré")
    assert_one_error_line(err, str(path), "warning", "U+FFFD")


@pytest.mark.slow  # about 15 s: the extractor scans the 20 MB line several times
def test_a_20_mb_single_line_article_is_imported(capsys, tmp_path, db_url, engine):
    head = "Le Kremlin a déclaré que les négociations étaient au point mort. "
    text = head + "X" * (20 * 1024 * 1024 - len(head))
    path = tmp_path / "huge.txt"
    path.write_text(text, "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, "--quiet", path)
    assert rc == 0, err
    assert summary(out)["imported"] == 1
    stored = article(engine, "huge.txt")
    assert len(stored.text) == len(text) and stored.text == text
    cands = candidates(engine, "huge.txt")
    assert [c.text for c in cands] == [head.strip()]


def test_html_page_keeps_the_main_text(capsys, tmp_path, db_url, engine):
    page = """<html><head><title>Titre</title><style>p { color: red }</style>
    <script>var secret = "tracking";</script></head><body>
    <nav><ul><li>Accueil</li><li>Monde</li></ul></nav>
    <article><h1>La Russie menace</h1>
    <p>Moscou ripostera contre des cibles britanniques, a déclaré lundi le ministère des Affaires étrangères.</p>
    <script>document.write("injected")</script>
    </article><footer>Mentions légales</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and err == ""
    stored = article(engine, "page.html")
    assert stored.title == "La Russie menace"
    assert stored.text == (
        "La Russie menace\n"
        "Moscou ripostera contre des cibles britanniques, a déclaré lundi le ministère des Affaires étrangères."
    )
    for junk in ("secret", "tracking", "injected", "color", "Accueil", "Mentions"):
        assert junk not in stored.text


def test_rich_markup_and_ansi_escapes_are_stored_literally(capsys, tmp_path, db_url, engine):
    text = (
        "[bold]Alerte[/] \x1b[31mrouge\x1b[0m sur Kiev\n"
        "Le Kremlin a déclaré que les [red]négociations[/red] étaient \x1b[1mau point mort\x1b[0m.\n"
    )
    path = tmp_path / "markup.txt"
    path.write_bytes(text.encode())
    rc, out, err = run(capsys, "import", "--db", db_url, path)
    assert rc == 0 and err == ""
    stored = article(engine, "markup.txt")
    assert stored.text == text
    assert stored.title == "[bold]Alerte[/] \x1b[31mrouge\x1b[0m sur Kiev"
    for c in candidates(engine, "markup.txt"):
        assert text[c.start:c.end] == c.text
    assert any("[red]négociations[/red]" in c.text and "\x1b[1m" in c.text for c in candidates(engine, "markup.txt"))


def test_crlf_text_is_stored_as_is(capsys, tmp_path, db_url, engine):
    text = (
        "Le Kremlin a déclaré que les négociations étaient au point mort.\r\n"
        "Selon Reuters, les troupes ont reculé de dix kilomètres.\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    assert run(capsys, "import", "--db", db_url, path)[0] == 0
    assert article(engine, "crlf.txt").text == text
    cands = candidates(engine, "crlf.txt")
    assert [c.text for c in cands] == [line for line in text.split("\r\n") if line]
    assert all(text[c.start:c.end] == c.text for c in cands)


def test_import_without_files(capsys, tmp_path, db_url):
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    rc, out, err = run(capsys, "import", "--db", db_url, empty_dir)
    assert rc != 0
    assert_one_error_line(err)


# -- extract ----------------------------------------------------------------------------------


def test_extract_prints_json_lines_with_exact_offsets(capsys, fixtures_dir):
    paths = sorted(fixtures_dir.glob("*.txt"))
    rc, out, err = run(capsys, "extract", *paths)
    assert rc == 0 and err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    texts = {p.name: decode(p.read_bytes()) for p in paths}
    assert {r["article"] for r in rows} == set(texts)
    for r in rows:
        assert set(r) >= {"article", "start", "end", "text", "label", "source", "cue", "score"}
        text = texts[r["article"]]
        assert text[r["start"]:r["end"]] == r["text"]
        for key in ("source", "cue"):
            if r[key] is not None:
                assert text[r[key]["start"]:r[key]["end"]] == r[key]["text"]


def test_extract_of_a_bad_file_gives_one_error_line(capsys, tmp_path, fixtures_dir):
    bad = tmp_path / "bad.txt"
    _binary(bad)
    rc, out, err = run(capsys, "extract", bad, fixtures_dir / "003_58336a3358c5ca07.txt")
    assert rc != 0
    assert_one_error_line(err, str(bad))
    assert out.strip(), "the good file is still extracted"


# -- export -----------------------------------------------------------------------------------


def test_export_claims_after_import_has_no_decided_rows(capsys, tmp_path, db_url, imported):
    out_file = tmp_path / "out" / "claims.jsonl"
    out_file.parent.mkdir()  # (an export writes into an existing folder)
    rc, out, err = run(capsys, "export", "--db", db_url, "--format", "claims", "-o", out_file)
    assert rc == 0 and err == ""
    assert out_file.read_text("utf-8") == ""
    assert "0 claims record(s)" in out


def test_export_claims_with_unreviewed(capsys, tmp_path, db_url, imported):
    out_file = tmp_path / "out" / "claims.jsonl"
    out_file.parent.mkdir()  # (an export writes into an existing folder)
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", out_file, "--include-unreviewed")
    assert rc == 0 and err == ""
    rows = read_jsonl(out_file)
    assert len(rows) == counts(imported)[1]
    for r in rows:
        assert CLAIM_KEYS <= set(r)
        assert r["status"] == "suggested"
        assert r["reviewer"] is None and r["annotated_at"] is None
        assert r["label"] == r["suggested_label"]
        text = article(imported, r["article_id"]).text
        assert text[r["start"]:r["end"]] == r["text"]
        if r["source"]:
            assert text[r["source"]["start"]:r["source"]["end"]] == r["source"]["text"]


def test_a_note_on_a_claim_nobody_decided_is_exported_with_its_suggestion(capsys, tmp_path, db_url, imported):
    """A note written on a claim without a decision ("ask bob") was in no export: the
    suggestion row of --include-unreviewed had note null. With --reviewer, that reviewer's own."""
    from workbench.services.review import ReviewService

    cands = candidates(imported)
    ReviewService(imported, "ann").set_note(cands[0].id, "ask bob")
    ReviewService(imported, "bob").set_note(cands[1].id, "[b]not[/b] sure")
    ReviewService(imported, "ann").set_note(cands[2].id, "a note taken back")
    ReviewService(imported, "ann").set_note(cands[2].id, None)
    ReviewService(imported, "ann").decide(cands[3].id, "unsourced")
    notes = {}
    for who in (None, "ann"):
        out_file = tmp_path / f"claims-{who}.jsonl"
        opts = ("--reviewer", who) if who else ()
        assert run(capsys, "export", "--db", db_url, "-o", out_file, "--include-unreviewed", *opts)[0] == 0
        rows = read_jsonl(out_file)
        assert [r["id"] for r in rows if r["status"] == "decided"] == [cands[3].id] and len(rows) == len(cands)
        notes[who] = {r["id"]: r["note"] for r in rows if r["note"] is not None}
    assert notes[None] == {cands[0].id: "ask bob", cands[1].id: "[b]not[/b] sure"}
    assert notes["ann"] == {cands[0].id: "ask bob"}
    assert run(capsys, "export", "--db", db_url, "-o", tmp_path / "decided.jsonl")[0] == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "decided.jsonl")] == [cands[3].id]


def test_export_claims_with_decisions(capsys, tmp_path, db_url, imported):
    cands = candidates(imported)
    decide(imported, "ann", cands[0], "not_claim", note="navigation text")
    decide(imported, "ann", cands[1], "attributed")
    decide(imported, "ann", cands[1], "contested")  # the latest decision wins
    decide(imported, "bob", cands[1], "unsourced")

    out_file = tmp_path / "claims.jsonl"
    assert run(capsys, "export", "--db", db_url, "-o", out_file)[0] == 0
    rows = read_jsonl(out_file)
    assert all(CLAIM_KEYS <= set(r) for r in rows)
    got = sorted((r["id"], r["reviewer"], r["label"], r["status"]) for r in rows)
    assert got == sorted(
        [
            (cands[0].id, "ann", "not_claim", "decided"),
            (cands[1].id, "ann", "contested", "decided"),
            (cands[1].id, "bob", "unsourced", "decided"),
        ]
    )
    first = next(r for r in rows if r["id"] == cands[0].id)
    assert first["note"] == "navigation text"
    assert first["annotated_at"] is not None
    assert first["suggested_label"] == cands[0].suggested_label

    all_file = tmp_path / "all.jsonl"
    assert run(capsys, "export", "--db", db_url, "-o", all_file, "--include-unreviewed")[0] == 0
    rows = read_jsonl(all_file)
    assert len(rows) == len(cands) + 1  # two reviewers decided the second candidate
    assert sum(r["status"] == "decided" for r in rows) == 3
    assert all(r["status"] == "suggested" for r in rows if r["id"] not in (cands[0].id, cands[1].id))


def test_export_spans(capsys, tmp_path, db_url, imported):
    cands = candidates(imported)
    first, last = cands[0], cands[-1]
    assert first.article_id != last.article_id
    decide(imported, "ann", first, "attributed")
    decide(imported, "ann", last, "unsourced")
    out_file = tmp_path / "spans.jsonl"
    rc, out, err = run(capsys, "export", "--db", db_url, "--format", "spans", "-o", out_file)
    assert rc == 0 and err == ""
    lines = read_jsonl(out_file)
    assert [rec["meta"]["id"] for rec in lines] == [first.article_id, last.article_id]
    assert [[s["claim_id"] for s in rec["spans"]] for rec in lines] == [[first.id], [last.id]]
    assert [rec["spans"][0]["label"] for rec in lines] == ["attributed", "unsourced"]
    for rec in lines:
        assert rec["text"] == article(imported, rec["meta"]["id"]).text

    assert run(capsys, "export", "--db", db_url, "--format", "spans", "-o", out_file, "--include-unreviewed",
               "--force")[0] == 0
    lines = read_jsonl(out_file)
    assert len(lines) == 5
    n = 0
    for rec in lines:
        assert set(rec) >= {"text", "meta", "spans"}
        assert rec["meta"]["id"]
        for span in rec["spans"]:
            assert set(span) >= {"start", "end", "label", "text"}
            assert rec["text"][span["start"]:span["end"]] == span["text"]
            n += 1
    assert n == len(cands)


def test_export_spans_whatever_order_the_database_sorts_ids_in(capsys, tmp_path, db_url, engine):
    """Article ids in mixed case: a PostgreSQL server with a linguistic collation (en-US)
    sorts them "a", "B", "c" where Python and SQLite say "B", "a", "c". The spans export merges
    the claims into the articles in the database's order, and loses none."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("a.txt", "B.txt", "c.txt"):
        (folder / name).write_text(f"Titre {name}\n\nLe ministère a déclaré lundi que la situation était stable.\n",
                                   encoding="utf-8")
    assert run(capsys, "import", "--db", db_url, folder)[0] == 0
    by_article = {c.article_id: c for c in candidates(engine)}
    assert set(by_article) == {"a.txt", "B.txt", "c.txt"}
    decide(engine, "ann", by_article["B.txt"], "attributed")
    out_file = tmp_path / "spans.jsonl"
    assert run(capsys, "export", "--db", db_url, "--format", "spans", "-o", out_file)[0] == 0
    lines = read_jsonl(out_file)
    assert [rec["meta"]["id"] for rec in lines] == ["B.txt"]
    assert [s["claim_id"] for s in lines[0]["spans"]] == [by_article["B.txt"].id]
    assert run(capsys, "export", "--db", db_url, "--format", "spans", "-o", out_file, "--include-unreviewed",
               "--force")[0] == 0
    lines = read_jsonl(out_file)
    assert sorted(rec["meta"]["id"] for rec in lines) == ["B.txt", "a.txt", "c.txt"]
    assert all(len(rec["spans"]) == 1 for rec in lines)


def test_export_to_stdout(capsys, db_url, imported):
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", "-", "--include-unreviewed")
    assert rc == 0 and err == ""
    assert len(out.splitlines()) == counts(imported)[1]


def test_export_leaves_no_temp_file(capsys, tmp_path, db_url, imported):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    for fmt in ("claims", "spans"):
        target = out_dir / f"{fmt}.jsonl"
        assert run(capsys, "export", "--db", db_url, "--format", fmt, "-o", target, "--include-unreviewed")[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["claims.README.md", "claims.jsonl", "spans.README.md",
                                                         "spans.jsonl"]


def test_failed_export_keeps_the_previous_file_and_no_temp_file(tmp_path):
    from workbench.formats.files import atomic_writer

    target = tmp_path / "claims.jsonl"
    target.write_text("previous\n", "utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as fh:
            fh.write(b"partial")
            raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_export_file_has_normal_permissions(capsys, tmp_path, db_url, imported):
    old = os.umask(0o022)
    try:
        out_file = tmp_path / "claims.jsonl"
        assert run(capsys, "export", "--db", db_url, "-o", out_file)[0] == 0
    finally:
        os.umask(old)
    assert out_file.stat().st_mode & 0o777 == 0o644


# -- export: what it may write, and its temporary files ------------------------------------------


@pytest.fixture
def writes_only_in(monkeypatch, tmp_path):
    """Files may be created, renamed or linked under ``tmp_path`` only: a test of a target such as
    /dev/null or /dev/stdout fails instead of replacing the machine's device when the code under
    test is wrong (as root, an export did replace them)."""
    import tempfile

    root = os.path.realpath(tmp_path)

    def inside(path) -> bool:
        real = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        return real == root or real.startswith(root + os.sep)

    def guarded(name, fn, *which):
        def wrapper(*args, **kwargs):
            for i in which:
                if i < len(args) and not inside(args[i]):
                    raise AssertionError(f"{name} outside the test folder: {args[i]}")
            return fn(*args, **kwargs)
        return wrapper

    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is None or not inside(os.path.join(dir, "x")):
            raise AssertionError(f"temporary file outside the test folder: {dir}")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "replace", guarded("replace", os.replace, 0, 1))
    monkeypatch.setattr(os, "rename", guarded("rename", os.rename, 0, 1))
    monkeypatch.setattr(os, "link", guarded("link", os.link, 0, 1))


def test_export_refuses_an_existing_file_unless_forced(capsys, tmp_path, db_url, imported):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out_file = out_dir / "claims.jsonl"
    out_file.write_text("previous\n", "utf-8")
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", out_file, "--include-unreviewed")
    assert rc == 1 and out == ""
    assert_one_error_line(err, str(out_file), "already exists", "--force")
    assert out_file.read_text("utf-8") == "previous\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["claims.jsonl"]  # no card, no temp file

    rc, out, err = run(capsys, "export", "--db", db_url, "-o", out_file, "--include-unreviewed", "--force")
    assert rc == 0 and err == ""
    assert len(read_jsonl(out_file)) == counts(imported)[1]


def test_export_refuses_to_replace_an_existing_card(capsys, tmp_path, db_url, imported):
    card = tmp_path / "claims.README.md"
    card.write_text("my notes\n", "utf-8")
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", tmp_path / "claims.jsonl")
    assert rc == 1
    assert_one_error_line(err, str(card), "already exists")
    assert card.read_text("utf-8") == "my notes\n" and not (tmp_path / "claims.jsonl").exists()


def test_export_into_a_folder_twice_needs_force(capsys, tmp_path, db_url, imported):
    folder = tmp_path / "ds"
    assert run(capsys, "export", "--db", db_url, "-o", f"{folder}/")[0] == 0
    before = (folder / "README.md").read_bytes()
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", f"{folder}/")
    assert rc == 1
    assert_one_error_line(err, str(folder / "claims.jsonl"), "already exists")
    assert (folder / "README.md").read_bytes() == before
    assert run(capsys, "export", "--db", db_url, "-o", f"{folder}/", "--force")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "claims.jsonl"]


def test_export_refuses_a_missing_folder_instead_of_creating_it(capsys, tmp_path, db_url, imported):
    """A mistyped -o is one line naming the missing folder, not a new tree of folders."""
    missing = tmp_path / "some" / "missing" / "dir"
    for target, named in ((missing / "claims.jsonl", missing), (f"{missing}/", missing.parent)):
        rc, out, err = run(capsys, "export", "--db", db_url, "-o", target)
        assert rc == 1 and out == ""
        assert_one_error_line(err, f"{named}: no such folder")
    assert not (tmp_path / "some").exists()
    (tmp_path / "plain.txt").write_text("a file\n", "utf-8")
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", tmp_path / "plain.txt" / "claims.jsonl")
    assert rc == 1
    assert_one_error_line(err, str(tmp_path / "plain.txt"), "is not a folder")
    # the folder of -o FOLDER/ is made inside one that exists
    assert run(capsys, "export", "--db", db_url, "-o", f"{tmp_path / 'new'}/")[0] == 0
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["README.md", "claims.jsonl"]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_export_refuses_a_symlink_even_with_force(capsys, tmp_path, db_url, imported, force):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    victim = out_dir / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    link = out_dir / "claims.jsonl"
    link.symlink_to(victim)
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", link, *(["--force"] if force else []))
    assert rc == 1
    assert_one_error_line(err, str(link), "symbolic link")
    assert link.is_symlink() and victim.read_text("utf-8") == "precious\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["claims.jsonl", "victim.txt"]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_export_refuses_devices_pipes_and_folders_even_with_force(capsys, tmp_path, db_url, imported, force,
                                                                  writes_only_in):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "claims.jsonl").mkdir()  # the file the export would write is a folder
    flag = ["--force"] if force else []
    for target, what in ((Path("/dev/null"), "a device"), (fifo, "a named pipe"), (folder / "claims.jsonl", "a folder")):
        rc, out, err = run(capsys, "export", "--db", db_url, "-o", target if target != folder / "claims.jsonl"
                           else f"{folder}/", *flag)
        assert rc == 1, target
        assert_one_error_line(err, str(target), what, "not a regular file")
    assert fifo.exists() and not fifo.is_file() and Path("/dev/null").is_char_device()


@pytest.mark.parametrize("path", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_export_to_dev_stdout_says_to_use_dash(capsys, db_url, imported, path, writes_only_in):
    for flags in ([], ["--force"]):
        rc, out, err = run(capsys, "export", "--db", db_url, "-o", path, *flags)
        assert rc == 1 and out == ""
        assert_one_error_line(err, path, "use -o -")
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", "-", "--include-unreviewed")
    assert rc == 0 and len(out.splitlines()) == counts(imported)[1]


def test_two_default_exports_in_the_same_second_get_two_folders(tmp_path, monkeypatch):
    from workbench.services.dataset import plan

    monkeypatch.chdir(tmp_path)
    first, _names, _card = plan("claims", None, None, ".jsonl", stamp="20260101-120000")
    first.mkdir(parents=True)
    second, _names, _card = plan("claims", None, None, ".jsonl", stamp="20260101-120000")
    assert first.name == "claims-20260101-120000" and second.name == "claims-20260101-120000-2"


def _slow_records(monkeypatch, on_record) -> None:
    """Make the export call ``on_record(n)`` for its ``n``-th record."""
    import workbench.services.dataset as dataset

    original = dataset.record_article
    seen = [0]

    def slow(rec):
        seen[0] += 1
        on_record(seen[0])
        return original(rec)

    monkeypatch.setattr(dataset, "record_article", slow)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_export_removes_its_temporary_files(capsys, tmp_path, db_url, imported, monkeypatch, signum):
    def unhandled(_signum, _frame):  # the export must handle the signal itself (and never kill pytest)
        raise AssertionError("the export did not handle the signal")

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    seen = []

    def on_record(n):
        if n == 3:  # mid-write: the data file exists under its temporary name
            seen.extend(p.name for p in out_dir.iterdir())
            os.kill(os.getpid(), signum)

    _slow_records(monkeypatch, on_record)
    previous = signal.signal(signum, unhandled)
    try:
        rc, out, err = run(capsys, "export", "--db", db_url, "-o", out_dir / "claims.jsonl", "--include-unreviewed")
        assert signal.getsignal(signum) is unhandled  # the export put the handler back
    finally:
        signal.signal(signum, previous)
    assert rc == 128 + signum
    assert_one_error_line(err, "interrupted", signal.Signals(signum).name)
    assert len(seen) == 1 and seen[0].startswith(".claims.jsonl.") and seen[0].endswith(".tmp")
    assert list(out_dir.iterdir()) == []  # no temporary file, no half dataset


SLOW_EXPORT = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if started in the background
import workbench.services.dataset as dataset
original = dataset.record_article
def slow(rec):
    time.sleep(0.05)
    return original(rec)
dataset.record_article = slow
from workbench.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start_slow_export(db_url: str, out_file: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, "export", "--db", db_url, "-o", str(out_file),
                             "--include-unreviewed"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # until the temporary file exists
        if any(p.name.endswith(".tmp") for p in out_file.parent.iterdir()):
            return proc
        if proc.poll() is not None:
            raise AssertionError(f"the export ended before writing: {proc.communicate()}")
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("no temporary file appeared")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signalled_export_process_leaves_nothing(tmp_path, db_url, imported, signum):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = _start_slow_export(db_url, out_dir / "claims.jsonl")
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert_one_error_line(err, "interrupted")
    assert list(out_dir.iterdir()) == []


def test_a_killed_exports_temporary_file_is_removed_by_the_next_export(capsys, tmp_path, db_url, imported):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out_file = out_dir / "claims.jsonl"
    proc = _start_slow_export(db_url, out_file)
    proc.kill()  # SIGKILL: no handler runs
    proc.communicate(timeout=60)
    (stale,) = [p for p in out_dir.iterdir()]
    assert stale.name.startswith(f".claims.jsonl.{proc.pid}.")
    rc, out, err = run(capsys, "export", "--db", db_url, "-o", out_file, "--include-unreviewed")
    assert rc == 0 and err == ""
    assert sorted(p.name for p in out_dir.iterdir()) == ["claims.README.md", "claims.jsonl"]
    assert len(read_jsonl(out_file)) == counts(imported)[1]


def test_a_running_exports_temporary_file_is_left_alone(tmp_path):
    from workbench.formats.files import clean_stale

    final = tmp_path / "claims.jsonl"
    mine = tmp_path / f".claims.jsonl.{os.getpid()}.abc123.tmp"  # a live process: this one
    mine.write_text("being written", "utf-8")
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".claims.jsonl.{int(done.stdout)}.xyz789.tmp"
    dead.write_text("left by a killed export", "utf-8")
    other = tmp_path / ".other.jsonl.1.abc.tmp"  # another file's: not this export's business
    other.write_text("x", "utf-8")
    assert clean_stale([final]) == [dead]
    assert mine.exists() and other.exists() and not dead.exists()


def test_atomic_writer_refuses_symlinks_even_when_replacing(tmp_path):
    from workbench.formats.files import TargetError
    from workbench.formats.files import atomic_writer

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    link = tmp_path / "out.jsonl"
    link.symlink_to(victim)
    with pytest.raises(TargetError, match="symbolic link"):
        with atomic_writer(link, force=True) as fh:
            fh.write(b"x")
    assert victim.read_text("utf-8") == "precious\n" and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "victim.txt"]


def test_export_help_describes_the_rules(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for part in ("--force", "-o -", "symbolic link", "/dev/stdout", "temporary"):
        assert part in out, part


# -- stats ------------------------------------------------------------------------------------


def test_stats_prints_the_tables(capsys, db_url, imported):
    cands = candidates(imported)
    decide(imported, "ann", cands[0], "attributed")
    decide(imported, "ann", cands[1], "not_claim")
    rc, out, err = run(capsys, "stats", "--db", db_url)
    assert rc == 0 and err == ""
    for title in ("Corpus", "Decisions per label", "Suggestions per label", "Per reviewer"):
        assert title in out
    n = counts(imported)[1]
    assert f"2 / {n}" in out
    assert re.search(r"articles\s*│\s*5\b", out)
    assert re.search(r"ann\s*│\s*2\s*│\s*2", out)
    assert re.search(r"not_claim\s+1\s+50 %\s+█", out)  # the per-label chart
    assert re.search(r"Decisions per day.*\n.*\d{4}-\d\d-\d\d\s+2\s+█", out)


def test_stats_of_an_empty_database(capsys, db_url, engine):
    rc, out, err = run(capsys, "stats", "--db", db_url)
    assert rc == 0 and err == ""
    assert "(none yet)" in out


def test_stats_shows_reviewer_names_literally(capsys, db_url, imported):
    decide(imported, "[bold]ann[/]", candidates(imported)[0], "attributed")
    rc, out, err = run(capsys, "stats", "--db", db_url)
    assert rc == 0
    assert "[bold]ann[/]" in out


# -- process entry point ----------------------------------------------------------------------


def test_help_through_python_m(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**os.environ, "WORKBENCH_DB": str(tmp_path / "unused.db")},
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: workbench")
    for command in ("import", "extract", "export", "stats", "review"):
        assert command in proc.stdout
    assert proc.stderr == ""


def test_no_command_prints_help(capsys):
    rc, out, err = run(capsys)
    assert rc == 2
    assert "usage: workbench" in out


def _jsonl_lines(n: int) -> list[str]:
    return [
        json.dumps({"id": f"a{i}", "text": f"Le ministère a déclaré lundi que la situation numéro {i} était stable."},
                   ensure_ascii=False)
        for i in range(n)
    ]


def test_large_jsonl_is_streamed_and_atomic(tmp_path, monkeypatch, capsys, db_url):
    """A JSONL file above the streaming size goes through the chunked path: all or nothing."""
    from workbench.services import importing

    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 7)
    db = db_url
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(_jsonl_lines(30)) + "\n", encoding="utf-8")
    assert main(["import", "-q", "--db", str(db), "--jobs", "1", str(good)]) == 0
    assert "30 article(s) imported" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(_jsonl_lines(40)[30:] + ["{not json"]) + "\n", encoding="utf-8")
    assert main(["import", "-q", "--db", str(db), "--jobs", "1", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl: line 11: invalid JSON" in err and "Traceback" not in err
    engine = make_engine(db)
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from article")).scalar_one() == 30
        assert conn.execute(text("select count(distinct article_id) from candidate")).scalar_one() == 30
    engine.dispose()


def test_a_streamed_file_stores_the_rows_a_small_file_stores(tmp_path, monkeypatch, capsys, db_url, sqlite_url):
    """The staged path (candidates written straight to the driver into the staging table, then
    published) stores the same candidates, column for column, as the direct path."""
    from workbench.services import importing

    f = tmp_path / "same.jsonl"
    f.write_text("\n".join(_jsonl_lines(12)) + "\n", encoding="utf-8")
    cols = ("article_id, start, \"end\", text, suggested_label, score, cue_text, cue_start, cue_end, source_text, "
            "source_start, source_end, reason, extractor_version, origin, orphaned, revision")

    def rows(url):
        engine = make_engine(url)
        with engine.connect() as conn:
            out = [tuple(r) for r in conn.execute(text(f"select {cols} from candidate order by article_id, start"))]
            stamps = list(conn.execute(select(tables.candidates.c.created_at)).scalars())
        engine.dispose()
        return out, stamps

    direct = tmp_path / "direct.db"
    assert main(["import", "-q", "--db", f"sqlite:///{direct}", "--jobs", "1", str(f)]) == 0
    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 5)
    assert main(["import", "-q", "--db", db_url, "--jobs", "1", str(f)]) == 0
    capsys.readouterr()
    (want, _), (got, stamps) = rows(f"sqlite:///{direct}"), rows(db_url)
    assert len(want) >= 12 and got == want
    assert all(isinstance(s, datetime) for s in stamps)  # read back as datetimes, as the direct path's


def test_large_jsonl_in_a_legacy_encoding_is_decoded(tmp_path, monkeypatch, capsys, db_url):
    from workbench.services import importing

    monkeypatch.setattr(importing, "STREAM_BYTES", 100)
    f = tmp_path / "legacy.jsonl"
    f.write_bytes(("\n".join(_jsonl_lines(5)) + "\n").encode("cp1252"))
    assert main(["import", "-q", "--db", db_url, "--jobs", "1", str(f)]) == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        texts = [t for (t,) in conn.execute(text("select text from article"))]
    engine.dispose()
    assert len(texts) == 5 and all("ministère" in t for t in texts)


def test_import_in_worker_processes_writes_what_one_process_writes(tmp_path, monkeypatch, capsys, db_url, fixtures_dir):
    """Extraction in two worker processes, groups pipelined with the writes (the path a large
    import takes), gives the same rows as extraction in this process."""
    from workbench.services import importing

    monkeypatch.setattr(importing, "PARALLEL_MIN_CHARS", 1)
    monkeypatch.setattr(importing, "CHUNK_ARTICLES", 2)
    assert main(["import", "-q", "--db", db_url, "--jobs", "2", str(fixtures_dir)]) == 0
    engine = make_engine(db_url)
    parallel = [(c.article_id, c.start, c.end, c.text, c.suggested_label, c.source_text) for c in candidates(engine)]
    engine.dispose()
    single = tmp_path / "single.db"
    assert main(["import", "-q", "--db", str(single), "--jobs", "1", str(fixtures_dir)]) == 0
    engine = make_engine(f"sqlite:///{single}")
    assert parallel == [(c.article_id, c.start, c.end, c.text, c.suggested_label, c.source_text) for c in candidates(engine)]
    engine.dispose()
    assert len(parallel) > 50


def test_nul_characters_are_kept_by_sqlite_and_refused_alone_by_postgresql(capsys, tmp_path, db_url, engine, fixtures_dir):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "ok", "text": "Le ministère a déclaré que tout allait bien."}\n'
                    '{"id": "nul", "text": "Le ministère a déclaré que tout\\u0000 allait bien."}\n', encoding="utf-8")
    good = fixtures_dir / "002_95e4f02cd0da1f73.txt"
    rc, out, err = run(capsys, "import", "--db", db_url, path, good)
    assert article(engine, good.name) is not None
    if engine.dialect.name == "sqlite":
        assert rc == 0 and err == ""
        assert article(engine, "nul").text == "Le ministère a déclaré que tout\x00 allait bien."
    else:
        assert rc == 1
        assert_one_error_line(err, "feed.jsonl", "line 2", "NUL character", "PostgreSQL")
        assert article(engine, "ok") is None and article(engine, "nul") is None  # the file is all or nothing


def test_unreachable_postgresql_server_gives_one_error_line(capsys):
    rc, out, err = run(capsys, "stats", "--db", "postgresql://nobody:secret@127.0.0.1:1/nothing")
    assert rc == 1
    assert_one_error_line(err, "cannot connect to PostgreSQL", "127.0.0.1:1/nothing", "refused")
    assert "secret" not in err


def test_missing_postgresql_driver_names_the_extra(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    rc, out, err = run(capsys, "import", "--db", "postgresql+psycopg://u@127.0.0.1:1/db", "nothing.txt")
    assert rc == 1
    assert_one_error_line(err, "pip install 'claim-workbench[postgres]'")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_extract_says_why_a_link_out_of_the_folder_is_not_read(capsys, tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("The mayor said the bridge would reopen on Monday.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The governor said the road would stay closed.\n")
    (folder / "link.txt").symlink_to(outside)
    rc, out, err = run(capsys, "extract", folder)
    assert rc == 1
    assert [json.loads(line)["article"] for line in out.splitlines()] == ["a.txt"]
    assert err.count("\n") == 1 and "link.txt" in err and "symbolic link leading out of the folder" in err
    assert "of a type not read" not in err


@pytest.mark.parametrize("argv", [
    ["suggest", "--threshold", "150"], ["suggest", "--threshold", "nan"], ["similar", "x", "-n", "-1"],
    ["similar", "x", "-n", "0"], ["import", "--jobs", "0", "x.txt"], ["learn", "--folds", "1"],
    ["review", "--retrain-every", "-3"], ["serve", "--port", "70000"], ["serve", "--max-sessions", "0"],
    ["serve", "--idle-minutes", "0"],
], ids=lambda a: " ".join(a))
def test_option_values_out_of_range_are_usage_errors(argv, tmp_path, capsys):
    db = tmp_path / "never.db"
    with pytest.raises(SystemExit) as exc:
        main(argv + ["--db", str(db)])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "must be" in err.splitlines()[-1] and "Traceback" not in err
    assert not db.exists()


@pytest.mark.parametrize("query", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_similar_refuses_an_empty_query(query, tmp_path, capsys, fixtures_dir):
    db = tmp_path / "w.db"
    assert main(["import", "-q", "--db", str(db), str(fixtures_dir)]) == 0
    capsys.readouterr()
    for extra in ([], ["--json"]):
        rc, out, err = run(capsys, "similar", query, "--db", db, *extra)
        assert rc == 2 and out == ""
        assert_one_error_line(err, "similar: the query is empty")


def test_a_database_of_another_kind_is_one_line(tmp_path, capsys):
    rc = main(["stats", "--db", "mysql://ann@localhost/claims"])
    err = capsys.readouterr().err
    assert rc == 1 and err == ("workbench: mysql: not a database the workbench can use: an SQLite file (a path or "
                               "sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/NAME)\n")


@pytest.mark.parametrize("command", [["stats"], ["agreement"], ["similar", "ministre"]], ids=lambda c: c[0])
def test_a_table_piped_into_head_ends_with_status_0(command, tmp_path, fixtures_dir):
    db = tmp_path / "w.db"
    assert main(["import", "-q", "--db", str(db), str(fixtures_dir)]) == 0
    # a pipe whose reader has gone: the first write fails with EPIPE, as under `| head -1`
    proc = subprocess.Popen([sys.executable, "-m", "workbench", *command, "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == ""


def test_extract_refuses_a_claims_export(capsys, tmp_path, fixtures_dir):
    db = tmp_path / "w.db"
    assert main(["import", "-q", "--db", str(db), str(fixtures_dir)]) == 0
    out = tmp_path / "claims.jsonl"
    assert main(["export", "--db", str(db), "--include-unreviewed", "-o", str(out)]) == 0
    capsys.readouterr()
    rc = main(["extract", str(out)])
    got, err = capsys.readouterr()
    assert rc == 1 and got == ""
    assert err == f"workbench: {out}: a claims export of the workbench (decisions on claims, not articles): " \
                  "workbench import merges it into a database; extract reads articles\n"


def test_review_without_a_terminal_is_one_line_not_a_busy_loop(tmp_path, fixtures_dir):
    db = tmp_path / "w.db"
    assert main(["import", "-q", "--db", str(db), str(fixtures_dir)]) == 0
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    # (stdin from /dev/null, as under cron or a pipe: the app read end-of-file for ever, at full CPU)
    proc = subprocess.run([sys.executable, "-m", "workbench", "review", "--db", str(db), "--reviewer", "ann"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert proc.stderr == "workbench: review: needs a terminal (standard input and output); for a web page: " \
                          "workbench serve\n"
