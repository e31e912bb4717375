"""Article titles (issue 12, deliver 7): the first line that is not page furniture, as the
extractor's boilerplate rules tell it, cut at a word boundary."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats.articles import TITLE_CHARS, cut_at_word, first_line_title, read_path

PROSE = ("Moscou a nié lundi toute implication dans l’attaque de la centrale, selon un communiqué publié "
         "par le ministère des Affaires étrangères russe dans la nuit de dimanche à lundi.")


@pytest.mark.parametrize("furniture", [
    "Skip to content", "Skip to main content", "Aller au contenu", "Home » MONDE » Europe",
    "Accueil > International > Europe", "MONDE", "Menu", "Par Jean Dupont", "Publié le 12 mars 2024 à 10h30",
    "Home UK World Politics US Climate Science & Tech Business",
])
def test_page_furniture_is_never_the_title(furniture):
    text = f"{furniture}\n\nLe Kremlin dément toute implication dans l’attaque de lundi\n\n{PROSE}\n"
    assert first_line_title(text) == "Le Kremlin dément toute implication dans l’attaque de lundi"


def test_a_headline_in_capitals_is_a_title_a_section_name_is_not():
    assert first_line_title(f"EUROPE\nUKRAINE : LE KREMLIN DÉMENT TOUTE IMPLICATION\n{PROSE}") == \
        "UKRAINE : LE KREMLIN DÉMENT TOUTE IMPLICATION"


def test_a_long_first_paragraph_is_cut_at_a_word():
    text = "Skip to content\n" + PROSE * 3
    title = first_line_title(text)
    assert len(title) <= TITLE_CHARS and title.endswith("…")
    body = title[:-1]
    assert PROSE.startswith(body) and PROSE[len(body)] in " ,"  # cut before a space, not in a word
    assert cut_at_word("short title") == "short title"


def test_only_furniture_falls_back_to_the_first_line():
    assert first_line_title("\n\nMenu\nMONDE\n") == "Menu"
    assert first_line_title("   \n") == ""


def test_imported_text_and_html_files_get_the_title(tmp_path: Path):
    txt = tmp_path / "a.txt"
    txt.write_text(f"Skip to content\nHome » MONDE » Europe\nLe Kremlin dément toute implication\n{PROSE}\n", "utf-8")
    assert read_path(txt)[0].title == "Le Kremlin dément toute implication"
    html = tmp_path / "b.html"
    html.write_text(f"<html><body><p>Skip to content</p><p>{PROSE}</p></body></html>", "utf-8")
    assert read_path(html)[0].title == cut_at_word(PROSE)


def test_a_three_word_headline_over_prose_is_the_title_a_section_name_is_not():
    assert first_line_title(f"Menu\nLe Kremlin dément\n{PROSE}") == "Le Kremlin dément"
    assert first_line_title(f"Technology of Business\nBrackley to cut 1,800 UK jobs as profits slump\n{PROSE}") \
        == "Brackley to cut 1,800 UK jobs as profits slump"
    # a list of links is not a headline, even over prose
    assert first_line_title(f"Partager sur Facebook\nPartager sur Twitter\n{PROSE}") == cut_at_word(PROSE)


def test_the_furniture_of_a_line_is_worked_out_only_when_the_title_search_reaches_it(monkeypatch):
    """The import reads the title of every file: the boilerplate rules run line by line, not on
    all forty lines first (a title on line 1 costs one call)."""
    from workbench.claims import boilerplate

    calls = []
    real = boilerplate.furniture_reason

    def counting(line, lex):
        calls.append(line)
        return real(line, lex)

    monkeypatch.setattr(boilerplate, "furniture_reason", counting)
    body = "\n".join(f"Paragraph {i} says the council met on Tuesday and voted on the budget." for i in range(30))
    assert first_line_title("The council approves the budget\n" + body) == "The council approves the budget"
    assert calls == ["The council approves the budget"]
    calls.clear()
    assert first_line_title("Skip to content\nThe council approves the budget\n" + body) == "The council approves the budget"
    assert calls == ["Skip to content", "The council approves the budget"]


@pytest.mark.parametrize(("heading", "title"), [
    ("# Budget vote delayed again", "Budget vote delayed again"),  # (kept its "# ")
    ("# Titre", "Titre"),  # (short: taken for a section name, and the next line was the title)
    ("## Titre ##", "Titre"),
    ("###   Le Kremlin dément   ", "Le Kremlin dément"),
])
def test_a_markdown_heading_gives_its_text_without_the_marks(tmp_path: Path, heading, title):
    body = "The council said on Monday that the budget vote would be delayed until June."
    md = tmp_path / "a.md"
    md.write_text(f"{heading}\n\n{body}\n", "utf-8")
    assert read_path(md)[0].title == title
    assert first_line_title(f"Skip to content\n{heading}\n{body}") == title


def test_a_markdown_heading_of_furniture_is_no_title_and_a_hash_without_a_space_is_no_heading():
    body = "The council said on Monday that the budget vote would be delayed until June."
    assert first_line_title(f"# Skip to content\n{body}") == body
    assert first_line_title(f"#\n{body}") == body  # an empty heading
    assert first_line_title(f"#budget news from the council today\n{body}") == "#budget news from the council today"
