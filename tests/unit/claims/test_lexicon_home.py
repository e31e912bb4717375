"""One home for the words of each language: the extractor and the source normaliser read the
same lexicon files (``workbench/claims/lexicons``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.claims.lexicon import LANGUAGES, load
from workbench.linking import sources

PACKAGE = Path(__file__).resolve().parents[3] / "workbench"


def test_no_other_word_list_files():
    data_files = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.json"))
    assert all(p.startswith("claims/lexicons/") for p in data_files), data_files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_normaliser_and_the_extractor_share_the_honorifics(lang):
    raw = json.loads((PACKAGE / "claims" / "lexicons" / f"{lang}.json").read_text("utf-8"))
    normaliser = sources._lexicon(lang)
    assert normaliser.honorifics == {sources._fold(h).rstrip(".") for h in raw["honorifics"]}
    # the extractor knows them too: as abbreviations and as what opens a noun phrase
    lex = load(lang)
    assert {h for h in raw["honorifics"]} <= lex.abbreviations
    assert {h.lower() for h in raw["honorifics"]} <= lex.determiners


@pytest.mark.parametrize("lang", LANGUAGES)
def test_honorifics_are_not_filed_as_determiners(lang):
    raw = json.loads((PACKAGE / "claims" / "lexicons" / f"{lang}.json").read_text("utf-8"))
    honorifics = {h.rstrip(".").lower() for h in raw["honorifics"]}
    assert not honorifics & {d.rstrip(".").lower() for d in raw["determiners"]}


def test_an_honorific_only_the_normaliser_knew_is_known_to_both():
    """"Mlle" was in the normaliser's list only: the extractor keeps it in the source and the
    normaliser reads the name behind it."""
    from workbench.claims import extract

    text = "« Nous ne céderons pas », a déclaré Mlle Anne Roy."
    (cand,) = extract(text, "fr")
    assert cand.source.text == "Mlle Anne Roy"
    assert sources.normalise_source(cand.source.text, "fr") == "Anne Roy"
