"""A paragraph in the other language is read with that language's lexicon: an English article
that quotes a French speaker with a French tag, a French article that quotes an English one with
an English tag. (Written for this test; not from any corpus.)"""

from workbench.claims import extract

ENGLISH_WITH_FRENCH = (
    "The minister spoke in Paris on Monday about the new budget and the coming elections.\n\n"
    "« Nous ne reculerons pas sur cette réforme », a déclaré le ministre devant les députés.\n\n"
    "The opposition said the plan would fail before the end of the year.\n"
)

FRENCH_WITH_ENGLISH = (
    "Le ministre des Affaires étrangères a rencontré lundi son homologue américain à Paris pour discuter "
    "de la crise.\n\n"
    '"We will not back down on this issue," the secretary of state told reporters after the meeting.\n\n'
    "Les deux hommes ont ensuite déjeuné ensemble à l’Élysée, selon un communiqué de la présidence.\n"
)


def _by_text(text: str, language: str) -> dict[str, tuple]:
    return {c.text.split()[1]: (c.label, c.source.text if c.source else None, c.cue.text if c.cue else None)
            for c in extract(text, language)}


def test_a_french_paragraph_in_an_english_article_gets_its_french_tag():
    got = _by_text(ENGLISH_WITH_FRENCH, "en")
    assert got["Nous"] == ("attributed", "le ministre", "a déclaré")
    assert got["opposition"] == ("attributed", "The opposition", "said")  # the article's language after it


def test_an_english_paragraph_in_a_french_article_gets_its_english_tag():
    got = _by_text(FRENCH_WITH_ENGLISH, "fr")
    assert got['will'] == ("attributed", "the secretary of state", "told")
    assert got["deux"][0:2] == ("attributed", "un communiqué de la présidence")


def test_an_english_paragraph_with_a_few_accented_names_stays_english():
    text = ("The mayor, José Álvarez, met the café owners of the old town on Tuesday to hear their complaints.\n\n"
            "Álvarez said the city would review the terrace permits before the summer season begins.\n")
    got = _by_text(text, "en")
    assert got["said"] == ("attributed", "Álvarez", "said")


def test_offsets_stay_exact_across_languages():
    for text, lang in ((ENGLISH_WITH_FRENCH, "en"), (FRENCH_WITH_ENGLISH, "fr")):
        for c in extract(text, lang):
            assert text[c.start:c.end] == c.text
            for span in (c.source, c.cue):
                if span is not None:
                    assert text[span.start:span.end] == span.text
