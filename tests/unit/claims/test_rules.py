"""The attribution rules for real news, one test per rule, in French and in English.

The sentences are written for these tests (none is taken from a corpus). Each case gives the
label and the source the rule must find.
"""

from __future__ import annotations

import pytest

from workbench.claims import ATTRIBUTED, CONTESTED, UNSOURCED, extract
from workbench.claims.attribution import rules
from workbench.claims.attribution.rules import NOTHING, Match, Rank, VERB_RULES


def one(text: str, language: str):
    cands = extract(text, language)
    assert len(cands) == 1, [c.text for c in cands]
    return cands[0]


def check(text: str, language: str, label: str, source: str | None):
    c = one(text, language)
    assert c.label == label, (c.label, c.source, c.cue)
    assert (c.source.text if c.source else None) == source
    if c.source:
        assert text[c.source.start:c.source.end] == c.source.text


# -- the rules as a list ------------------------------------------------------------------------


def test_every_verb_rule_is_documented_with_an_example_in_each_language():
    for rule in (*VERB_RULES, rules.according_to, rules.coordinated_verb):
        doc = rule.__doc__ or ""
        assert "fr:" in doc and "en:" in doc, rule.__name__


def test_ranks_order_the_patterns():
    assert Rank.PRONOUN < Rank.TAG < Rank.ACCORDING < Rank.SUBJECT < Rank.OPENING_SUBJECT < Rank.VERB_ONLY
    assert Rank.PRONOUN + rules.QUOTED > Rank.VERB_ONLY  # a quoted cue loses to any tag outside
    assert isinstance(NOTHING, Match)


# -- quotation marks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("''We will not give up on these families,'' he said.", "en", "he"),
        ("''The budget is not a wish list,'' Ms. Alvarez said.", "en", "Ms. Alvarez"),
        ("''The plant will stay open,'' said Tom Reyes, a union steward.", "en", "Tom Reyes, a union steward"),
        ("''Nous ne fermerons pas l'usine,'' a déclaré le maire.", "fr", "le maire"),
    ],
)
def test_two_apostrophes_are_a_quotation_mark(text, language, source):
    check(text, language, ATTRIBUTED, source)


def test_two_apostrophes_keep_a_quotation_and_its_tag_in_one_sentence():
    text = "''The vote is close. We need every county,'' said Dana Cole. Polls open at 7."
    cands = extract(text, "en")
    assert [c.text for c in cands] == ["''The vote is close. We need every county,'' said Dana Cole.", "Polls open at 7."]
    assert cands[0].source.text == "Dana Cole"


# -- subjects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("Rep. Jane Doe (D-Ore.) said the bill would pass next week.", "en", "Rep. Jane Doe (D-Ore.)"),
        ("Sen. Paul Grant (a former mayor of Tulsa who rarely speaks to reporters) says he will vote no.", "en",
         "Sen. Paul Grant (a former mayor of Tulsa who rarely speaks to reporters)"),
        ("Le député Jean Martin (LR) a déclaré que le texte serait voté.", "fr", "Le député Jean Martin (LR)"),
    ],
)
def test_a_parenthesis_belongs_to_the_subject(text, language, source):
    check(text, language, ATTRIBUTED, source)


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("About 62 percent said they would vote in November.", "en", "About 62 percent"),
        ("Only 18 % des sondés ont déclaré qu'ils voteraient blanc.".replace("Only ", ""), "fr", "18 % des sondés"),
    ],
)
def test_a_share_of_people_is_a_subject(text, language, source):
    check(text, language, ATTRIBUTED, source)


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("After the rally, campaign manager Rosa Diaz told reporters that the count was wrong.", "en",
         "campaign manager Rosa Diaz"),
        ("In a statement, retired judge Carl Obi said the ruling was flawed.", "en", "retired judge Carl Obi"),
        ("Lundi, ancien ministre Paul Durand a affirmé que la réforme était inutile.", "fr",
         "ancien ministre Paul Durand"),
    ],
)
def test_a_title_before_a_name_belongs_to_the_subject(text, language, source):
    check(text, language, ATTRIBUTED, source)


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("The bill was drafted by Senator Ann Lee, who said it would pass.", "en", "Senator Ann Lee, who"),
        ("Le texte a été rédigé par la sénatrice Anne Roy, qui a déclaré qu'il serait adopté.", "fr",
         "la sénatrice Anne Roy, qui"),
    ],
)
def test_a_subject_relative_reports_for_its_antecedent(text, language, source):
    c = one(text, language)
    assert c.label == ATTRIBUTED
    assert c.source.text == source


def test_a_relative_after_a_verb_is_no_subject():
    c = one("C'est elle qui a déclaré que tout était fini.", "fr")
    assert c.source is None or "est" not in c.source.text


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("Clinton celebrated in Florida and said it was another step to the nomination.", "en", "Clinton"),
        ("Le ministre a visité l'usine de Tarbes et a affirmé que la production reprendrait.", "fr", "Le ministre"),
    ],
)
def test_a_coordinated_verb_shares_the_opening_subject(text, language, source):
    check(text, language, ATTRIBUTED, source)


def test_an_unsourced_sentence_stays_unsourced():
    assert one("The plant employs 400 people and exports to Canada.", "en").label == UNSOURCED
    assert one("L'usine emploie 400 personnes et exporte au Canada.", "fr").label == UNSOURCED
    assert CONTESTED  # (imported for the tests below)
