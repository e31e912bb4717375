"""What makes a cold start cheap (``bench/cold_extract.py`` times it): the anchored furniture
gates are analysed without enumerating what a pattern can match past the characters they need,
language detection compiles no lexicon, the furniture matcher is built once for every language
and compiles its regexes when a text first needs them. Each shortcut gives what the plain
computation gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.claims import lexicon
from workbench.claims.lexicon import (
    LANGUAGES,
    _BoilerplateMatcher,
    _cat,
    _options,
    _prefixes,
    _raw,
    _sre_parse,
    load,
    stopwords,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def plain_prefixes(items, k: int) -> set[str]:
    """``_prefixes`` as first written: every prefix times every option, element after element
    (half a second for one furniture pattern, minutes with ``k = 3``)."""
    cur = {""}
    for op, av in items:
        opts = plain_options(op, av, k)
        cur = {_cat(c, x, k) for c in cur for x in opts}
    return cur


def plain_options(op, av, k: int) -> set[str]:
    name = str(op)
    if name == "SUBPATTERN":
        return plain_prefixes(av[-1], k)
    if name == "BRANCH":
        out = set()
        for branch in av[1]:
            out |= plain_prefixes(branch, k)
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        one = plain_prefixes(sub, k)
        out, cur = set(), {""}
        for count in range(min(hi, lo + k) + 1):
            if count >= lo:
                out |= cur
            cur = {_cat(c, x, k) for c in cur for x in one}
        return out
    return _options(op, av, k)  # the leaves (literals, classes, assertions) are unchanged


def _anchored_patterns() -> list[str]:
    return [p[1:] for lang in LANGUAGES for p in _raw(lang)["boilerplate"] if isinstance(p, str) and p.startswith("^")]


SYNTHETIC = [
    "a{2,5}b", "(ab|c)*d", "x?y", "(?:)", "[a-c]{0,3}", r"\bfoo", "(?=ab)cd", "a+", "(?i:ab)|cd", "[^a]b",
    ".x", "(a|)b", "ab*$", "(?:a{0,2}){2}b", "(?:[A-Ea-c][x-z]+ ){2,}X", "(?:ab?){3,}c", "a*?b", r"\w+:",
    "(?-i:[A-Z][\\w-]+ [A-Z]{2,})", "", "é|É|ß", "(?:x|y\\b)z{1,3}",
]


@pytest.mark.parametrize("k", [1, 2])
def test_prefixes_are_those_of_the_plain_product(k):
    for pattern in _anchored_patterns() + SYNTHETIC:
        items = _sre_parse.parse(pattern, re.IGNORECASE).data
        assert _prefixes(items, k) == plain_prefixes(items, k), (pattern, k)


def test_anchored_gates_are_cheap_to_build(monkeypatch):
    """The furniture gates of both lexicons need a few hundred prefix steps (4.4 million when
    every prefix was tried against every option: 0.5 s of each start)."""
    calls = 0

    def counting_cat(a, b, k):
        nonlocal calls
        calls += 1
        return _cat(a, b, k)

    monkeypatch.setattr(lexicon, "_cat", counting_cat)
    m = _BoilerplateMatcher([p for lang in LANGUAGES for p in _raw(lang)["boilerplate"]], re.IGNORECASE)
    assert m._heads is not None and all(g.two is not None for _, g in m._gated), "every anchored pattern has a gate"
    assert 0 < calls < 10_000


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_language_detection_compiles_no_lexicon_and_extraction_only_its_own():
    out = _run(
        "from workbench.claims import detect_language, extract\n"
        "from workbench.claims.lexicon import load\n"
        "print(detect_language('Le ministre a déclaré que tout va bien, selon le journal.'))\n"
        "print(detect_language('The minister said that all is well, according to the paper.'))\n"
        "print(load.cache_info().currsize)\n"
        "extract('Le ministre a déclaré que tout va bien.')\n"
        "print(load.cache_info().currsize)\n"
    )
    assert out.split() == ["fr", "en", "0", "1"]


def test_stopwords_are_the_lexicons():
    for lang in LANGUAGES:
        assert stopwords(lang) == load(lang).stopwords
    with pytest.raises(ValueError):
        stopwords("de")


def test_lexicon_data_is_read_from_the_package():
    for lang in LANGUAGES:
        path = Path(lexicon.__file__).parent / "lexicons" / f"{lang}.json"
        assert lexicon._load_raw(lang) == json.loads(path.read_text("utf-8")) == _raw(lang)
        assert lexicon._load_raw(lang) is not _raw(lang)  # a copy the caller may change


def test_one_furniture_matcher_for_every_language():
    assert load("fr").boilerplate_re is load("en").boilerplate_re


def _fixture_lines() -> list[str]:
    lines = [line for path in sorted(FIXTURES.rglob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    return lines + ["İstanbul cookies policy", "ſhare this article", "Cliquez ıcı.", "İ opt out", "", "x"]


def test_furniture_regexes_are_compiled_when_first_needed_and_agree():
    patterns = [p for lang in LANGUAGES for p in _raw(lang)["boilerplate"]]
    m = _BoilerplateMatcher(patterns, re.IGNORECASE)
    assert "anchored" not in vars(m) and "floating" not in vars(m) and len(m._rxs_of) == 0, "nothing compiled yet"
    lines = _fixture_lines()
    found = [m.found(line) for line in lines]
    assert "floating" not in vars(m), "found() compiles only the regexes of the keys it meets"
    assert 0 < len(m._rxs_of) < len(m._keys)
    # the same answers as search(), which tries every pattern, and as a matcher compiled at once
    assert found == [bool(m.search(line)) for line in lines]
    full = _BoilerplateMatcher(patterns, re.IGNORECASE)
    for key in full._keys:
        full._rxs_of[key]
    assert found == [full.found(line) for line in lines]
    # each key's regexes are its patterns, in order, with the flags of the whole
    for key in m._keys:
        expected = [rx for k, rx, _ in m.floating if k == key]
        assert m._rxs_of[key] == tuple(expected), key
        assert all(rx.flags & re.IGNORECASE for rx in m._rxs_of[key])
    assert [p for p, _ in m._gated] == [p[1:] for p in patterns if isinstance(p, str) and p.startswith("^")]
    assert m.anchored.pattern == "|".join(f"(?:{p})" for p, _ in m._gated)
