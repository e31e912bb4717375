"""Issue 15, item 5: extraction is linear in the size of one long paragraph. Measured as the ratio
of CPU times between a paragraph and one four times longer (linear: about 4; a path that is
quadratic in the paragraph: about 16), never against a wall-clock floor. ``bench/long_paragraph.py``
measures the 2 MB paragraph and the 50 MB single line."""

from __future__ import annotations

import re
import time
from pathlib import Path


from workbench.claims import extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
#: a generous bound on t(4n) / t(n): linear code measures 3-5, quadratic code 12-20
RATIO = 8.0
SIZES = (100_000, 400_000)


def _sentences() -> list[str]:
    """The fixtures' sentences whose quotation marks are balanced, on one line each."""
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        for s in re.split(r"(?<=[.!?])\s+(?=[«“A-ZÀ-Ý])", " ".join(path.read_text("utf-8").split())):
            if s.count("«") == s.count("»") and s.count("“") == s.count("”") and len(s) > 20:
                out.append(s)
    return out


def paragraph(size: int, opening: str = "") -> str:
    """One paragraph of about ``size`` characters: the fixtures' sentences, each made unique (a
    dispatch number before its last character) so that nothing is the same twice, after
    ``opening``."""
    base = _sentences()
    parts, n, i = [opening] if opening else [], len(opening), 0
    while n < size:
        s = base[i % len(base)]
        s = f"{s[:-1].rstrip()} (dépêche {i}){s[-1]}"
        parts.append(s)
        n += len(s) + 1
        i += 1
    return " ".join(parts)


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        extract(text)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-3)


def _ratio(opening: str) -> float:
    small, large = (paragraph(n, opening) for n in SIZES)
    return _cpu(large) / _cpu(small)


def test_one_long_paragraph_of_quoted_sentences_is_linear():
    text = paragraph(SIZES[0])
    assert "\n" not in text and text.count("«") > 50 and len(extract(text)) > 100
    assert _ratio("") < RATIO


def test_one_paragraph_after_an_unclosed_quotation_mark_is_linear():
    assert _ratio("«") < RATIO


def _quote_cpu(text: str) -> float:
    from workbench.claims.segment import quote_spans

    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        quote_spans(text, 0, len(text))
        best = min(best, time.process_time() - t0)
    return max(best, 1e-3)


def test_quotation_marks_left_open_are_found_in_linear_time():
    # many marks left open, then many marks that close none of them: each kind of mark
    for make in (lambda n: "‘a " * n + '"x" ' * n, lambda n: "« " * n + "” " * n, lambda n: "“a " * n + "» " * n):
        small, large = make(20_000), make(80_000)
        assert _quote_cpu(large) / _quote_cpu(small) < RATIO


def _lines_ratio(line: str) -> float:
    small, large = ("".join(line.format(i=i) for i in range(n)) for n in (4_000, 16_000))
    return _cpu(large) / _cpu(small)


def test_many_short_paragraphs_are_linear():
    # every line has the same punctuation: the repeated-line check compares keys in a set
    assert _lines_ratio("Line {i} says nothing at all about the budget today.\n") < RATIO


def test_many_speaker_lines_are_linear():
    # each "NAME: …" line is checked against the whole text's words, counted once
    assert _lines_ratio("SPEAKER{i}: The budget is dead and everyone knows it.\n") < RATIO
