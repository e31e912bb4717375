"""Paragraph and sentence segmentation: each rule with a French and an English example."""

from __future__ import annotations

import pytest

from workbench.claims.lexicon import load
from workbench.claims.segment import paragraphs, segment


def sents(text: str, lang: str) -> list[str]:
    """The sentence texts of ``text``, checking on the way that offsets are exact."""
    out = []
    for s in segment(text, load(lang)):
        assert 0 <= s.start < s.end <= len(text)
        out.append(text[s.start:s.end])
    return out


# -- paragraphs are lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Titre de l'article\nLe Kremlin a parlé hier soir", ["Titre de l'article", "Le Kremlin a parlé hier soir"]),
        ("en", "Article headline\nThe Kremlin spoke last night", ["Article headline", "The Kremlin spoke last night"]),
    ],
)
def test_each_line_is_a_paragraph_even_without_punctuation(lang, text, expected):
    assert sents(text, lang) == expected
    segs = segment(text, load(lang))
    assert [s.paragraph for s in segs] == [0, 1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blank_lines_are_skipped_and_paragraphs_are_stripped(lang):
    text = "  Première ligne.  \n\n   \n\tSecond line.\n"
    spans = paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Première ligne.", "Second line."]
    assert sents(text, lang) == ["Première ligne.", "Second line."]


def test_unterminated_flag_marks_a_headline_not_a_sentence():
    text = "La Russie menace le Royaume-Uni\nLe Kremlin a parlé."
    segs = segment(text, load("fr"))
    assert [s.unterminated for s in segs] == [True, False]


# -- sentence ends ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il pleut. Il fait froid! Vraiment? Oui.", ["Il pleut.", "Il fait froid!", "Vraiment?", "Oui."]),
        ("en", "It rains. It is cold! Really? Yes.", ["It rains.", "It is cold!", "Really?", "Yes."]),
    ],
)
def test_split_at_terminal_punctuation_followed_by_a_capital(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Il a dit non. et puis il est parti sans un mot."),
        ("en", "He said no. and then he left without a word."),
    ],
)
def test_no_split_before_a_lower_case_word(lang, text):
    assert sents(text, lang) == [text]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il pleut… Ensuite, le soleil.", ["Il pleut…", "Ensuite, le soleil."]),
        ("en", "It rains... The end.", ["It rains...", "The end."]),
        ("fr", "Il est né en 1963. 20 ans plus tard, il est parti.", ["Il est né en 1963.", "20 ans plus tard, il est parti."]),
    ],
)
def test_ellipsis_and_digits_start_a_new_sentence(lang, text, expected):
    assert sents(text, lang) == expected


# -- quotations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il a dit « Nous partons. Nous revenons » hier. Ensuite il est parti.",
         ["Il a dit « Nous partons. Nous revenons » hier.", "Ensuite il est parti."]),
        ("fr", "Il a dit “Nous partons. Nous revenons” hier. Ensuite il est parti.",
         ["Il a dit “Nous partons. Nous revenons” hier.", "Ensuite il est parti."]),
        ("fr", 'Il a dit "Nous partons. Nous revenons" hier. Ensuite il est parti.',
         ['Il a dit "Nous partons. Nous revenons" hier.', "Ensuite il est parti."]),
        ("en", "He said « We leave. We return » today. Then he left.",
         ["He said « We leave. We return » today.", "Then he left."]),
        ("en", "He said “We leave. We return” today. Then he left.",
         ["He said “We leave. We return” today.", "Then he left."]),
        ("en", 'He said "We leave. We return" today. Then he left.',
         ['He said "We leave. We return" today.', "Then he left."]),
    ],
)
def test_no_split_inside_an_open_quotation(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Il a ajouté : « Nous partons. Nous revenons. Rien ne change."),
        ("en", 'He added: "We leave. We return. Nothing changes.'),
    ],
)
def test_a_quotation_left_open_runs_to_the_paragraph_end(lang, text):
    assert sents(text, lang) == [text]


_FILLER = {
    "fr": "Le conseil municipal a voté le budget de l'année prochaine après un long débat. ",
    "en": "The city council passed next year's budget after a long debate on Tuesday. ",
}


@pytest.mark.parametrize(
    ("lang", "opening", "quoted"),
    [
        ("fr", "Il a ajouté : « Nous partons. ", "« Nous revenons. » "),
        ("en", "He added: “We leave. ", "“We return.” "),
    ],
)
def test_a_quotation_mark_left_open_far_from_the_end_quotes_nothing(lang, opening, quoted):
    # a text on one line (its paragraphs lost: a quotation that went on into the next paragraph
    # now opens twice), or a stray mark: the sentences after it are still sentences, and the
    # quotation inside it is one of its own
    filler = _FILLER[lang] * 40  # (about 3,000 characters)
    text = opening + filler + quoted + filler
    out = sents(text, lang)
    assert len(out) > 80
    assert max(map(len, out)) < 200
    assert quoted.strip() in out


@pytest.mark.parametrize(
    ("lang", "open_mark", "close_mark"), [("fr", "« ", " »"), ("en", "“", "”")],
)
def test_a_quotation_closed_far_from_its_opening_quotes_nothing(lang, open_mark, close_mark):
    filler = _FILLER[lang] * 40
    text = f"{open_mark}{filler.strip()}{close_mark} {filler}"
    out = sents(text, lang)
    assert len(out) == 80 and max(map(len, out)) < 200


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "« Nous partons. Nous revenons. », a déclaré Peskov. Fin de l'histoire.",
         ["« Nous partons. Nous revenons. », a déclaré Peskov.", "Fin de l'histoire."]),
        ("fr", "“Nous partons. Nous revenons”, a déclaré M. Dupont. Il est parti.",
         ["“Nous partons. Nous revenons”, a déclaré M. Dupont.", "Il est parti."]),
        ("en", '"We are leaving. We will be back," he said. Then he left.',
         ['"We are leaving. We will be back," he said.', "Then he left."]),
        ("en", "“We are leaving. We will be back,” he said. Then he left.",
         ["“We are leaving. We will be back,” he said.", "Then he left."]),
    ],
)
def test_a_quotation_stays_with_its_speech_tag(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il a dit : « Non ! » Ensuite il est parti.", ["Il a dit : « Non ! »", "Ensuite il est parti."]),
        ("en", 'He said "No!" Then he left.', ['He said "No!"', "Then he left."]),
    ],
)
def test_split_after_a_closed_quotation(lang, text, expected):
    assert sents(text, lang) == expected


# -- abbreviations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "M. Dupont est arrivé. Mme Durand aussi.", ["M. Dupont est arrivé.", "Mme Durand aussi."]),
        ("fr", "Selon Mme. Durand, la guerre continue. La paix est loin.",
         ["Selon Mme. Durand, la guerre continue.", "La paix est loin."]),
        ("fr", "Le Dr. Martin est là. Ensuite il part.", ["Le Dr. Martin est là.", "Ensuite il part."]),
        ("fr", "Le Pr. Raoult a parlé. Il part.", ["Le Pr. Raoult a parlé.", "Il part."]),
        ("fr", "Né en 52 av. J.-C. Jules César a régné. Il est mort.",
         ["Né en 52 av. J.-C. Jules César a régné.", "Il est mort."]),
        ("fr", "Selon J. Dupont, la guerre continue. La paix est loin.",
         ["Selon J. Dupont, la guerre continue.", "La paix est loin."]),
        ("fr", "Les États-Unis (U.S.A.) ont signé. Ils partent.", ["Les États-Unis (U.S.A.) ont signé.", "Ils partent."]),
        ("en", "Mr. Smith went to Washington. He met Dr. Jones.", ["Mr. Smith went to Washington.", "He met Dr. Jones."]),
        ("en", "Dr. Who arrived. Mrs. Smith left. Ms. Jones stayed.",
         ["Dr. Who arrived.", "Mrs. Smith left.", "Ms. Jones stayed."]),
        ("en", "The U.S. Army said so. It was true.", ["The U.S. Army said so.", "It was true."]),
        ("en", "The U.S. and the U.K. agreed. They signed.", ["The U.S. and the U.K. agreed.", "They signed."]),
        ("en", "John F. Kennedy was president. He died in 1963.", ["John F. Kennedy was president.", "He died in 1963."]),
        # a title after a hyphen
        ("en", "She ran against then-Sen. Barack Obama. She lost.", ["She ran against then-Sen. Barack Obama.", "She lost."]),
        ("fr", "L'ex-Pr. Dupont a parlé. Il part.", ["L'ex-Pr. Dupont a parlé.", "Il part."]),
    ],
)
def test_no_split_after_an_abbreviation_or_initial(lang, text, expected):
    assert sents(text, lang) == expected


def test_english_honorific_in_a_french_text_does_not_end_the_sentence():
    text = "Selon Mr. Smith, la guerre continue. La paix est loin."
    assert sents(text, "fr") == ["Selon Mr. Smith, la guerre continue.", "La paix est loin."]


# -- no-break spaces and line ends ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "«\u00a0Texte.\u00a0» Autre phrase ici.", ["«\u00a0Texte.\u00a0»", "Autre phrase ici."]),
        ("fr", "Bonjour\u202f! Comment allez-vous\u202f? Très bien.",
         ["Bonjour\u202f!", "Comment allez-vous\u202f?", "Très bien."]),
        ("fr", "«\u00a0Nous partons.\u00a0Nous revenons.\u00a0», a déclaré Peskov.\u00a0Ensuite il est parti.",
         ["«\u00a0Nous partons.\u00a0Nous revenons.\u00a0», a déclaré Peskov.", "Ensuite il est parti."]),
        ("en", "Hello!\u00a0How are you?\u202fFine.", ["Hello!", "How are you?", "Fine."]),
        ("en", '"Hello,"\u00a0he said.\u202fThen he left.', ['"Hello,"\u00a0he said.', "Then he left."]),
    ],
)
def test_no_break_spaces_are_white_space(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Première ligne.\r\nDeuxième ligne. Troisième phrase.\r\n",
         ["Première ligne.", "Deuxième ligne.", "Troisième phrase."]),
        ("en", "First line.\r\nSecond line. Third sentence.\r\n", ["First line.", "Second line.", "Third sentence."]),
    ],
)
def test_crlf_line_ends(lang, text, expected):
    assert sents(text, lang) == expected
    for s in segment(text, load(lang)):
        assert "\r" not in text[s.start:s.end]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Le joueur mesure près de 1,60 m. Il est présenté comme un grand espoir du club.", 2),
        ("The runway is 300 m. Planes land there every day.", 2),
        ("Le défenseur J. Dupont a marqué. Il a ensuite été remplacé.", 2),
    ],
)
def test_a_unit_after_a_number_ends_the_sentence(text, n):
    from workbench.claims.lexicon import load
    from workbench.claims.segment import sentences
    assert len(sentences(text, 0, len(text), load("fr"))) == n


# -- single curly quotes (the British style) --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "‘We are leaving. We will be back,’ she said. Then she left.",
         ["‘We are leaving. We will be back,’ she said.", "Then she left."]),
        ("fr", "‘Nous partons. Nous revenons’, a déclaré la ministre. Elle est partie.",
         ["‘Nous partons. Nous revenons’, a déclaré la ministre.", "Elle est partie."]),
    ],
)
def test_a_single_quoted_quotation_stays_with_its_speech_tag(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # apostrophes, a possessive, an elided year: no quotation opens, the sentences split
        ("en", "It’s the voters’ choice. They voted in ‘08. Then they left.",
         ["It’s the voters’ choice.", "They voted in ‘08.", "Then they left."]),
        ("fr", "L’État a tranché. C’est fini. Il est parti.", ["L’État a tranché.", "C’est fini.", "Il est parti."]),
        # a single quote left open is no quotation
        ("en", "He called it ‘a disgrace. Then he left.", ["He called it ‘a disgrace.", "Then he left."]),
    ],
)
def test_apostrophes_and_stray_single_quotes_open_no_quotation(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # scraped text mixing curly and straight marks: a straight mark where a quotation closes
        # ends the curly one, and a curly closing mark ends a straight one
        ("en", '“We will build it," he said. "It will be built.” Then he left.',
         ['“We will build it," he said.', '"It will be built.”', "Then he left."]),
        ("fr", '“Nous partons. Nous revenons", a déclaré la ministre. "Elle est partie.” Fin.',
         ['“Nous partons. Nous revenons", a déclaré la ministre.', '"Elle est partie.”', "Fin."]),
        # a straight mark opening inside a curly quotation is still nested in it
        ("en", '“He called it a "disaster" and left. He said "no."” Then he left.',
         ['“He called it a "disaster" and left. He said "no."”', "Then he left."]),
        ("fr", '“Il a parlé d\'une "catastrophe". Puis il a dit "non".” Fin.',
         ['“Il a parlé d\'une "catastrophe". Puis il a dit "non".”', "Fin."]),
    ],
)
def test_mixed_curly_and_straight_quotation_marks(lang, text, expected):
    assert sents(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # an opening curly mark typed for a closing one, after a comma or a final stop
        ("“We will win,“ he said. “Soon.”", [(0, 14), (24, 31)]),
        ("“Is it true?“ she asked.", [(0, 13)]),
        ("“Le plan échouera.“ Il est parti.", [(0, 19)]),
        # an opening mark inside a quotation before a word still opens a nested one
        ("“He called it “a disaster” today,” she said.", [(0, 34)]),
    ],
)
def test_a_reversed_closing_mark_closes_the_quotation(text, spans):
    from workbench.claims.segment import quote_spans

    assert quote_spans(text, 0, len(text)) == spans
