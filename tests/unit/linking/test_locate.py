"""``locate``: where a source the reviewer typed stands in the article (the typed-source prompt).

Found by QA: a text with "İ" before the match gave offsets one character off per "İ" (its lower
case is two characters), and a fuzzy match was a raw character span ("The ministe", "ficials")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.linking.fold import fold
from workbench.linking.search import locate, locate_near

TURKISH = "İzmir and İstanbul officials said the port would reopen, according to the Mayor Ahmet Yılmaz."
TEXT = ("The minister said the plan would pass. Officials denied the report, said Dmitri Peskov on Monday, "
        "the pro-Kremlin aide.")


def found(needle: str, text: str) -> str | None:
    span = locate(needle, text)
    return None if span is None else text[span[0]:span[1]]


@pytest.mark.parametrize(("needle", "expected"), [
    ("mayor ahmet", "Mayor Ahmet"),  # (was "yor Ahmet Y": two "İ" before it)
    ("the mayor", "the Mayor"),
    ("istanbul officials", "İstanbul officials"),
    ("ahmet yilmaz", "Ahmet Yılmaz"),
])
def test_a_source_typed_in_another_case_after_a_dotted_capital_i(needle, expected):
    assert found(needle, TURKISH) == expected


@pytest.mark.parametrize(("needle", "expected"), [
    ("the ministre", "The minister"),  # (was "The ministe")
    ("the minster", "The minister"),  # (was "he minister")
    ("oficials", "Officials"),  # (was "ficials")
    ("dmitri peskow", "Dmitri Peskov"),  # (was refused: another case and a typo)
    ("he minister", "The minister"),
    ("minister s", "minister"),
    ("Kremlin", "Kremlin"),  # (a hyphen ends a word)
])
def test_a_typed_source_is_made_of_whole_words(needle, expected):
    assert found(needle, TEXT) == expected


def test_accents_and_punctuation_aside():
    text = "« Nous ne céderons pas », a déclaré Peskov, a déclaré le ministre."
    assert found("peskov a declare", text) == "Peskov, a déclaré"
    assert found("NOUS NE CEDERONS", text) == "Nous ne céderons"


def test_nothing_close_is_none():
    assert locate("xyzzy plugh", TEXT) is None
    assert locate("   ", TEXT) is None


def test_near_the_claim_first():
    text = "Officials said one thing.\nLater, officials said another."
    s = text.index("Later")
    assert locate_near("officials", text, s, len(text)) == (text.index("officials"), text.index("officials") + 9)


_WORDS = st.text(alphabet=st.sampled_from("aAbBİéÉßﬁ"), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=2, max_size=12), st.data())
def test_the_span_holds_the_typed_words(words, data):
    """Whatever the case of the typed words and the characters before them, the span found is
    whole words of the text that fold to what was typed."""
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    typed = " ".join(words[i:j])
    typed = data.draw(st.sampled_from([typed, typed.lower(), typed.upper()]))
    span = locate(typed, text)
    assert span is not None
    s, e = span
    assert fold(text[s:e]).strip() == fold(typed).strip()
    assert (s == 0 or text[s - 1] == " ") and (e == len(text) or text[e] == " ")
