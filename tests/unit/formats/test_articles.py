"""Readers: decoding, JSONL, HTML, and literal storage of markup-looking text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from workbench.formats.articles import read_html, read_jsonl, read_path, read_text_file
from workbench.formats.common import InputError
from workbench.formats.encoding import decode

SAMPLE = "Le ministère a déclaré « bonjour » — l’été"
#: a longer article, as a scraped page in a legacy encoding would be
ARTICLE = (
    "Le ministère des Affaires étrangères a déclaré lundi que la réponse serait « proportionnée ».\n"
    "Selon l’ambassadeur, les élèves étaient à l’école quand la frappe a eu lieu à Kharkiv.\n"
    "Il a ajouté : « Nous ne céderons pas aux pressions, où qu’elles viennent. »\n"
)

# -- decode -----------------------------------------------------------------------------------


def test_utf8_bom_is_removed():
    assert decode(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")) == SAMPLE


def test_utf8_is_decoded_as_is():
    assert decode(SAMPLE.encode("utf-8")) == SAMPLE


def test_utf16_with_bom():
    assert decode(SAMPLE.encode("utf-16")) == SAMPLE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoded_article_is_decoded(encoding):
    text = ARTICLE if encoding == "cp1252" else ARTICLE.replace("’", "'")
    assert decode(text.encode(encoding)) == text


def test_legacy_encoded_fixture_is_decoded(fixtures_dir):
    text = (fixtures_dir / "001_de6a0378a4e103db.txt").read_text("utf-8")
    data = text.encode("cp1252", "replace")
    assert decode(data) == data.decode("cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SAMPLE, "cp1252"),
        ("Le ministère a déclaré « bonjour » à l'été, où ça ?", "latin-1"),
    ],
    ids=["cp1252", "latin-1"],
)
def test_short_legacy_encoded_text_is_decoded(text, encoding):
    assert decode(text.encode(encoding)) == text


def test_crlf_is_kept():
    assert decode("Première ligne.\r\nDeuxième ligne.\r\n".encode()) == "Première ligne.\r\nDeuxième ligne.\r\n"


def test_crlf_is_kept_in_a_legacy_encoding():
    text = ARTICLE.replace("\n", "\r\n")
    assert decode(text.encode("cp1252")) == text


def _random_bytes(low: int, seed: int, n: int = 4096) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(low, 256) for _ in range(n))


@pytest.mark.parametrize(
    "data",
    [
        b"Le minist\x00re a d\x00clar\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        _random_bytes(0, seed=7),
        _random_bytes(1, seed=7),  # no NUL byte at all
    ],
    ids=["nul-bytes", "png", "random", "random-no-nul"],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError):
        decode(data)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom-only"])
def test_empty_file_is_refused(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_path(path)


def test_missing_file_and_folder_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="folder"):
        read_path(tmp_path)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported"):
        read_path(pdf)


# -- text files -------------------------------------------------------------------------------


def test_text_file_record():
    recs = read_text_file(Path("dir/article.txt"), ("\n  Titre de l'article  \n" + ARTICLE).encode())
    assert len(recs) == 1
    rec = recs[0]
    assert rec.id == "article.txt"
    assert rec.title == "Titre de l'article"
    assert rec.text == "\n  Titre de l'article  \n" + ARTICLE


def test_rich_markup_and_ansi_escapes_are_stored_literally():
    raw = "[bold]Alerte[/] \x1b[31mrouge\x1b[0m : le Kremlin a déclaré [red]non[/red].\r\nSuite."
    rec = read_text_file(Path("r.txt"), raw.encode())[0]
    assert rec.text == raw
    assert rec.title == "[bold]Alerte[/] \x1b[31mrouge\x1b[0m : le Kremlin a déclaré [red]non[/red]."


def test_ansi_escapes_in_a_legacy_encoding_are_kept():
    raw = "\x1b[1m" + ARTICLE + "\x1b[0m"
    assert decode(raw.encode("cp1252")) == raw


# -- JSONL ------------------------------------------------------------------------------------


def _jsonl(*objs) -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs).encode()


def test_jsonl_records():
    data = _jsonl(
        {"id": "a1", "text": "Premier article.", "title": "Un", "url": "https://x.test/a", "meta": {"src": "x"}},
        {"id": 7, "text": "Deuxième article."},
        {"text": "Troisième article.", "meta": {"id": "m3"}},
        {"text": "Quatrième article."},
    )
    recs = read_jsonl(Path("in.jsonl"), data)
    assert [r.id for r in recs[:3]] == ["a1", "7", "m3"]
    assert recs[3].id.startswith("sha256:")
    assert recs[0].title == "Un" and recs[1].title == "Deuxième article."
    assert recs[0].url == "https://x.test/a" and recs[0].meta == {"src": "x"}
    assert [r.origin for r in recs] == ["in.jsonl:1", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4"]


def test_jsonl_blank_lines_are_skipped_and_line_numbers_kept():
    data = _jsonl({"id": "a", "text": "Un."}) + b"\n\n" + _jsonl({"id": "b", "text": "Deux."})
    recs = read_jsonl(Path("in.jsonl"), data)
    assert [r.origin for r in recs] == ["in.jsonl:1", "in.jsonl:4"]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (b'{"id": "c", "text": "Trois"', "invalid JSON"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'{"id": "c"}', "text"),
        (b'{"id": "c", "text": "   "}', "text"),
        (b'{"id": "c", "text": "Trois.", "meta": [1]}', "meta"),
        (b'{"id": ["c"], "text": "Trois."}', "id"),
    ],
)
def test_jsonl_bad_line_names_the_line_number(bad_line, message):
    data = _jsonl({"id": "a", "text": "Un."}, {"id": "b", "text": "Deux."}) + bad_line + b"\n"
    with pytest.raises(InputError) as exc:
        read_jsonl(Path("in.jsonl"), data)
    assert str(exc.value).startswith("line 3:")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_jsonl_with_only_blank_lines_is_refused():
    with pytest.raises(InputError):
        read_jsonl(Path("in.jsonl"), b"\n \n")


# -- HTML -------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Titre de page</title>
<style>body { color: red; } .secret-style { }</style>
<script>var tracking = "secret-script";</script></head><body>
<nav><a href="/">Accueil</a> <a href="/monde">secret-nav</a></nav>
<header>secret-header</header>
<div class="breadcrumb">Home &raquo; secret-crumb</div>
<article><h1>La Russie menace</h1>
<p>Moscou ripostera contre des cibles britanniques, a d&eacute;clar&eacute; lundi le minist&egrave;re.</p>
<script>alert("secret-inline")</script>
<p>Le Kremlin a déclaré que les négociations<br>étaient au point mort.</p>
<div class="share-buttons">secret-share</div>
</article>
<aside>secret-aside</aside>
<footer>secret-footer</footer>
</body></html>"""


def test_html_keeps_only_the_main_text():
    rec = read_html(Path("page.html"), PAGE.encode("utf-8"))[0]
    assert rec.id == "page.html"
    assert rec.title == "La Russie menace"
    assert rec.text.splitlines() == [
        "La Russie menace",
        "Moscou ripostera contre des cibles britanniques, a déclaré lundi le ministère.",
        "Le Kremlin a déclaré que les négociations",
        "étaient au point mort.",
    ]
    assert "secret" not in rec.text
    assert "color" not in rec.text and "tracking" not in rec.text


def test_html_without_readable_text_is_refused():
    with pytest.raises(InputError):
        read_html(Path("p.html"), b"<html><head><script>x()</script></head><body><nav>menu</nav></body></html>")


def test_html_prefers_the_article_element_when_it_is_long_enough():
    body = "<p>" + "Le Kremlin a déclaré que les négociations étaient au point mort. " * 5 + "</p>"
    page = f"<html><body><div>Texte hors article ici.</div><article>{body}</article></body></html>"
    rec = read_html(Path("p.html"), page.encode())[0]
    assert "hors article" not in rec.text
    assert rec.text.startswith("Le Kremlin a déclaré")


@pytest.mark.parametrize("row, want", [
    ({"text": 5}, r'^line 1: "text" must be a string, not a number$'),
    ({"text": ["a"]}, r'^line 1: "text" must be a string, not a list$'),
    ({"text": {"body": "a"}}, r'^line 1: "text" must be a string, not an object$'),
    ({"text": True}, r'^line 1: "text" must be a string, not true$'),
    ({"text": "  "}, r'^line 1: missing or empty "text"$'),
    ({"id": "x"}, r'^line 1: missing or empty "text"$'),
    ({"text": None}, r'^line 1: missing or empty "text"$'),
])
def test_a_jsonl_text_that_is_no_string_is_named_so(row, want):
    """``{"text": 5}`` was reported as 'missing or empty "text"' (found by QA importing a JSONL
    file with bad rows): the text is there, it is not a string."""
    with pytest.raises(InputError, match=want):
        read_jsonl(Path("f.jsonl"), (json.dumps(row) + "\n").encode())
