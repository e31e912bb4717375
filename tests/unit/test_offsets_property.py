"""Offsets are exact for any text: candidates in order, non-overlapping, inside the text, and
every span (candidate, source, cue) is the very slice of the text it claims to be."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.claims import extract

WORDS = [
    "Le", "Kremlin", "a", "déclaré", "que", "la", "guerre", "selon", "lesquelles", "Reuters", "citant",
    "lundi", "le", "ministère", "des", "Affaires", "étrangères", "a-t-il", "démenti", "Peskov", "il",
    "M.", "Mme", "Dr", "J.-C.", "U.S.", "Mr.", "said", "he", "according", "to", "denied", "the",
    "officials", "Home", "Share", "cookies", "par", "By", "John", "Smith", "1963", "X",
    "Nous", "vous", "lui", "soulignant", "saying", "showing", "may", "published", "statement", "data",
    "and", "et", "Ariz.", "(R-Va.)", "Sen.",
    "[bold]", "[/]", "[bold]x[/]", "\x1b[31m", "\x1b[0m",
]
PUNCT = [
    ".", "!", "?", ":", ",", ";", "…", "«", "»", "“", "”", '"', "'", "’", "-", "—", "(", ")",
    "\u00a0", "\u202f", "\n", "\r\n", " ", " ",
]

token = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(PUNCT),
    st.text(alphabet=st.sampled_from(list("aAéÉ .!?«»“”\"\u00a0\u202f\n\r[]\x1b")), max_size=4),
)
texts = st.lists(token, max_size=60).map("".join)


def check_offsets(text: str, language: str | None = None) -> None:
    prev_end = 0
    for c in extract(text, language):
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= prev_end, "candidates overlap or are out of order"
        prev_end = c.end
        assert text[c.start:c.end] == c.text
        assert 0.0 <= c.score <= 1.0
        for span in (c.source, c.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start:span.end] == span.text


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "fr", "en"]))
def test_offsets_are_exact_for_any_text(text, language):
    check_offsets(text, language)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=300))
def test_offsets_are_exact_for_arbitrary_unicode(text):
    check_offsets(text)


FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.txt"))


def test_the_five_fixtures_are_found():
    assert len(FIXTURES) == 5


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_offsets_are_exact_on_the_fixtures(path):
    text = path.read_text("utf-8")
    assert extract(text), "a fixture article yields candidates"
    check_offsets(text)
    check_offsets(text.replace("\n", "\r\n"))
