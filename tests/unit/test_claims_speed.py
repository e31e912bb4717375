"""The shortcuts that make the extractor fast give the results of the plain code they replace
(the extractor's output must not change; a reference run over the fixtures and the benchmark
corpus is compared outside the tests, see bench/README.md).

- ``attribution.tokens.tokens`` (tokens built from memoised white-space-free chunks) is the regex
  tokenizer with the lower case sliced from the lower-cased range;
- ``lexicon.PhraseGate`` / ``PhraseGates`` (cue phrases located with ``str`` methods before their
  regex runs) and the anchored furniture gate rely on facts about Unicode case mapping, checked
  here over every code point;
- segmentation, furniture and word splitting done with ``str`` methods match their regexes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.claims.attribution import tokens as attribution_tokens
from workbench.claims.attribution.find import verb_targets
from workbench.claims.attribution.verbs import contracted_pronoun, may_have_pronoun_suffix, verb_matches
from workbench.claims.attribution.words import ADVERB_ENDINGS, FLOATING, PARENTHETICALS, REFLEXIVE
from workbench.claims.lexicon import LANGUAGES, PhraseGate, _load_raw, load
from workbench.claims.tokens import TOKEN

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ALL_CHARS = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]


def reference_tokens(text: str, start: int, end: int):
    return [tuple(t) for t in attribution_tokens.reference_tokens(text, start, end)]


def fast_tokens(text: str, start: int, end: int):
    tk = attribution_tokens.tokens(text, start, end)
    return [(t, tk.pos(k), tk.end(k), tk.l[k]) for k, t in enumerate(tk.t)]


PIECES = ["Le", "ministère", "a", "déclaré", "l'AFP", "l’agence", "aujourd’hui", "U.S.", "J.-C.", "a-t-il",
          "porte-parole", "«", "»", "“", "”", '"', ",", ".", "…", ":", "(SSI)", "Russia's", "AT&T", "ΑΣ", "ΑΣ:Β",
          "Σ", "ς", "İstanbul", "ıcı", "ſ", "K", "ß", "ﬁn", "\x00", "\x01", "_x_", "--", "'", "’", "qu'il",
          "LORSQU'IL", "Lorsqu’on", "1963", "9h30"]
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\n", "  ", "\t", ""]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=600, deadline=None, database=None)
@given(texts, st.data())
def test_chunk_tokenizer_is_the_regex_tokenizer(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert fast_tokens(text, start, end) == reference_tokens(text, start, end)


@settings(max_examples=400, deadline=None, database=None)
@given(texts, st.data())
def test_token_spans_are_the_offsets_of_their_tokens(text, data):
    """``Toks.span(a, b)`` (the start of token a and the end of token b, read from the lengths
    of the tokens) gives the reference tokenizer's offsets."""
    ref = reference_tokens(text, 0, len(text))
    if not ref:
        return
    a = data.draw(st.integers(0, len(ref) - 1))
    b = data.draw(st.integers(a, len(ref) - 1))
    assert attribution_tokens.tokens(text, 0, len(text)).span(a, b) == (ref[a][1], ref[b][2])


@settings(max_examples=400, deadline=None, database=None)
@given(texts, st.integers(0, 30))
def test_the_token_at_an_offset(text, shift):
    """``Toks.index_at(p)`` (read from ``joined`` in the fast path) is the index of the reference
    token that starts at ``p``, at every offset of the range and around it."""
    start = min(shift, len(text))
    ref = reference_tokens(text, start, len(text))
    starts = {t[1]: k for k, t in enumerate(ref)}
    tk = attribution_tokens.tokens(text, start, len(text))
    for p in range(start - 2, len(text) + 2):
        assert tk.index_at(p) == starts.get(p), p


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=120))
def test_chunk_tokenizer_on_arbitrary_unicode(text):
    assert fast_tokens(text, 0, len(text)) == reference_tokens(text, 0, len(text))


def test_lower_case_context_never_crosses_white_space():
    """Chunks are lower-cased apart: the only context-dependent mapping (final sigma) must not
    look across white space, and lower-casing never makes or removes white space."""
    for c in ALL_CHARS:
        if c.isspace():
            assert ("ΑΣ" + c + "Β").lower()[1] == "ς", hex(ord(c))
            assert ("Α" + c + "Σ").lower()[2] == "σ", hex(ord(c))
            assert c.lower().isspace()
        else:
            assert not any(x.isspace() for x in c.lower()), hex(ord(c))


def _phrase_letters() -> str:
    letters = set()
    for lang in LANGUAGES:
        raw = _load_raw(lang)
        for key in ("according_to", "contest_phrases", "contest_irregular", "contest_er", "contest_verbs",
                    "contrast_markers", "opposition_conjunctions", "verbs", "verbs_er", "verbs_irregular"):
            for phrase in raw.get(key, []):
                letters |= {c for c in phrase.lower() if c.isalpha()}
        # and the first characters the anchored furniture gates look for
        for _, gate in load(lang).boilerplate_re._gated:
            letters |= {c for p in gate.two | gate.one for c in p if c.isalpha()}
    return "".join(sorted(letters))


def test_case_insensitive_regex_agrees_with_lower_but_for_three_letters():
    """What ``PhraseGate`` (and the anchored furniture gate) rely on: a character that a
    case-insensitive regex takes for a letter of a cue phrase lower-cases to that letter (but "ı", "ſ" and the two-character "İ"), and
    lower-casing never joins or splits words."""
    letters = _phrase_letters()
    rx = re.compile("[" + re.escape(letters) + "]", re.IGNORECASE)
    odd = set()
    for c in ALL_CHARS:
        low = c.lower()
        if rx.fullmatch(c) and low not in letters:
            odd.add(c)
        if len(low) == 1:
            assert c.isalnum() == low.isalnum(), hex(ord(c))
        else:
            assert not c.isalnum() or c == "İ", hex(ord(c))
    assert odd <= {"ı", "ſ", "İ"}
    assert not PhraseGate.plain("ıci", 3) and not PhraseGate.plain("ſelon", 5)
    assert not PhraseGate.plain("i̇ci", 3)


SENTENCES = [
    "Selon le ministère, la guerre continue.", "D'après Reuters, rien n'a changé.",
    "Le Kremlin a démenti ces informations, contrairement à ce qu'affirme Kiev.",
    "Pour sa part, Moscou a nié toute implication.", "According to officials, the talks failed.",
    "The company denied the claims, calling them baseless.", "On the other hand, he said it was over.",
    "ACCORDING TO THE BBC, prices rose.", "SELON LUI, c'est faux.", "Whereas X said yes, Y said no.",
    "selonx ne compte pas, ni xselon.", "Il a qualifié de faux ces chiffres, alors que l'armée a dit oui.",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_phrase_gate_finds_what_the_regex_finds(lang, sentence):
    lex = load(lang)
    text = "Intro. " + sentence + " Fin."
    start, end = 7, 7 + len(sentence)
    low = text[start:end].lower()
    words = lex.words_of(low)
    assert PhraseGate.plain(low, end - start)
    for gate, rx in ((lex.according_gate, lex.according_re), (lex.contest_gate, lex.contest_re),
                     (lex.contrast_gate, lex.contrast_re), (lex.opposition_gate, lex.opposition_re)):
        i = gate.first(low, words)
        every = [m.span() for m in rx.finditer(text, start, end)]
        if i < 0:
            assert every == []
        else:
            assert [m.span() for m in rx.finditer(text, start + i, end)] == every


def test_only_single_spaces_are_printable_white_space():
    """``paragraph_reason`` skips normalising the white space of a printable paragraph."""
    assert [c for c in ALL_CHARS if c.isspace() and c.isprintable()] == [" "]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_furniture_patterns_without_a_long_word_are_gated_exactly(lang):
    """A pattern without a four-letter word gets a shorter key; texts where lower case could
    hide it (``PhraseGate.plain`` false) are still searched."""
    b = load(lang).boilerplate_re
    exact = {rx.pattern: key for key, rx, is_exact in b.floating if is_exact}
    keys = {key for key, _, is_exact in b.floating if is_exact}
    assert keys >= {"ici", "opt", "am", "pm"}
    # every pattern has something to look for (a short word, or a key given with it in the data)
    assert "" not in exact.values()
    # and a key is in every line it matches (the fixtures' lines, captions and footers included)
    lines = [line for path in sorted(FIXTURES.rglob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    for key, rx, _ in b.floating:
        for line in lines:
            if rx.search(line):
                assert key in line.lower(), (key, rx.pattern, line)
    for text in ["Cliquez ICI.", "cliquez ici !", "Opt-out", "you can OPT OUT now", "cliquez ıcı.", "ſ opt-out",
                 "İCİ.", "İ opt out"]:
        everything = any(rx.search(text) for _, rx, _ in b.floating)
        assert bool(b.search(text)) == (bool(b.anchored.match(text)) or everything), text


@pytest.mark.parametrize("par", [
    "Home » World » Europe", "Accueil > Monde > Europe", "—— ** ——", "12:30 | 13:45 | 14:00", "A B C",
    "RUSSIE UKRAINE", "Russie", "Ceci est une phrase complète avec assez de mots.", "x" * 299 + " ?",
    "€€€ $$$ %%% ééé", "ÉÉÉ ... ,,, ;;; ::: !!! ???", "  deux  espaces  ", "tab\tinside here ok",
])
def test_paragraph_reason_is_unchanged(par):
    from workbench.claims import boilerplate

    def reference(par, lex, seen):
        key = " ".join(par.split()).casefold()
        if key in seen:
            return "repeated line"
        seen.add(key)
        if len(par) <= boilerplate.MAX_FURNITURE_CHARS and lex.boilerplate_re.search(par):
            return "boilerplate pattern"
        if len(boilerplate._BREADCRUMB.findall(par)) >= 2 and "«" not in par:
            return "breadcrumb"
        ws = boilerplate.words(par) if len(par) < 300 else par.split()
        if not ws:
            return "no words"
        if len(par) < 300:
            letters = sum(map(str.isalpha, par))
            if letters < 0.5 * (len(par) - par.count(" ")):
                return "mostly symbols"
        if len(ws) <= 3 and not par.rstrip().endswith((".", "!", "»", "”")):
            return "lone section name"
        if len(ws) > 1 and par.isupper():
            return "all capitals"
        return None

    for lang in LANGUAGES:
        lex = load(lang)
        seen_a, seen_b = set(), set()
        for p in (par, par, par.upper()):
            assert boilerplate.paragraph_reason(p, lex, seen_a) == reference(p, lex, seen_b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_anchored_furniture_gate_is_exact(lang):
    """``match_start`` tries the anchored patterns only on texts whose first two characters can
    start one of them: the same answer as the regex."""
    import random

    b = load(lang).boilerplate_re
    assert b._heads is not None and all(g.two is not None for _, g in b._gated), "the gates are in use"
    lines = ["Skip to content", "Home » x", "Par Jean Dupont", "par", "© 2024", "Publicité", "Read more",
             "Lire aussi", "À la une / x", "s’abonner", "İllustration : x", "ıllustration : x", "ſkip to content",
             "SKIP TO MAIN CONTENT", "Sponsored content", "advertisement", "Don’t miss", "by John Smith", ""]
    rng = random.Random(5)
    alphabet = "abcdeilnoprstuwyzàéABCDÉILNOPRSTW©’' :»/|İıſK"
    for i in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        if rng.random() < 0.3:
            t = rng.choice(lines)[:rng.randrange(1, 12)] + t
        lines.append(t)
    for t in lines:
        assert b.match_start(t) == bool(b.anchored.match(t)), t
        assert b.found(t) == bool(b.search(t)), t


def test_key_regions_of_anchored_furniture_patterns():
    """Where a match of an anchored pattern holds its key: in the first or last characters of
    the text, as far as the pattern's width says; anywhere (``None``) when nothing bounds it."""
    from workbench.claims.lexicon import _key_region

    flags = re.IGNORECASE
    assert _key_region(".fr", r"(?:^)[\w .-]{1,30}\.fr\s*[-–|:]", flags) == ("head", 33)
    assert _key_region(" min", r"(?:^)\d+ min(?:utes?)?(?: de lecture)?\.?$", flags) == ("tail", 21)
    assert _key_region("read", r"(?:^)(?:\d+|one|two) min(?:ute)?s? read$", flags) == ("tail", 5)
    assert _key_region("key", r"xkey$", flags) == _key_region("key", r"k(?:e)y$", flags) == ("tail", 4)
    assert _key_region("key", r"^(?:a|b)key\$", flags) == ("head", 4)  # an escaped "$" anchors nothing
    for pattern in (r"^a+key", r"(?m)^key", r"(?m:^key)", r"(?:^|x)key", r"key$|^key", r"\bkey\b", r"k(?:e|a)y$"):
        assert _key_region("key", pattern, flags) is None, pattern


def _region_patterns():
    from workbench.claims.lexicon import _key_region

    b = load("fr").boilerplate_re
    out = []
    for key in b._keys:
        for p in b._rxs_of._source[key]:
            region = _key_region(key, p, re.IGNORECASE)
            if region:
                out.append((key, p, region))
    return out


@settings(max_examples=500, deadline=None, database=None)
@given(st.data())
def test_a_match_of_an_anchored_pattern_holds_its_key_in_its_region(data):
    """What ``_key_region`` promises, on texts drawn from the patterns themselves."""
    key, pattern, (where, n) = data.draw(st.sampled_from(_region_patterns()))
    rx = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    low = text.lower()
    if rx.search(text) and PhraseGate.plain(low, len(text)):
        assert key in (low[:n] if where == "head" else low[-n:]), (key, pattern, text)


def _lead_patterns():
    from workbench.claims.lexicon import _key_lead

    b = load("fr").boilerplate_re
    return [(key, p, lead) for key in b._keys for p in b._rxs_of._source[key]
            if (lead := _key_lead(key, p, re.IGNORECASE)) is not None]


def test_key_leads():
    """How far before its key a match can start: the width of what the pattern spells before
    it, alternations and classes of one word but for case counting as that word."""
    from workbench.claims.lexicon import _key_lead

    flags = re.IGNORECASE
    assert _key_lead("am", r"\b\d{1,2}\.\d{2}\s?am\b", flags) == 6
    assert _key_lead("ici", r"\b(ici|ICI)\s*[.!]?$", flags) == 0
    assert _key_lead("photo", r"(?:\d+ )?[Pp]hoto:", flags) is None  # ("\d+" is unbounded)
    assert _key_lead("photo", r"(?:\d )?[Pp]hoto:", flags) == 2
    assert _key_lead("key", r"(?:a|bb)key", flags) == 2 and _key_lead("key", r"k(?:e|a)y", flags) is None


@settings(max_examples=500, deadline=None, database=None)
@given(st.data())
def test_a_match_starts_at_most_its_lead_before_its_key(data):
    """What ``_key_lead`` promises (``found`` runs a regex from there), on texts drawn from the
    patterns themselves."""
    key, pattern, lead = data.draw(st.sampled_from(_lead_patterns()))
    rx = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    low = text.lower()
    m = rx.search(text)
    if m and PhraseGate.plain(low, len(text)):
        assert 0 <= low.find(key) <= m.start() + lead, (key, pattern, text)


def test_key_plans():
    """How ``found`` runs a pattern: at offset 0 only for one anchored at the start (``^``, not
    MULTILINE); from the first occurrence of its key where ``\\b`` holds when the pattern has
    ``\\b`` right before it."""
    from workbench.claims.lexicon import _key_plan

    flags = re.IGNORECASE
    assert _key_plan("am", r"(?:^).{0,80}\b\d{1,2}\.\d{2}\s?am\b", flags) == (86, True, False, None)
    assert _key_plan("am", r"(?:^).{0,80}\b\d{1,2}\.\d{2}\s?am\b[^.!?]{0,60}$", flags) == (86, True, False, 149)
    assert _key_plan("am", r"^\d+ am$", flags)[3] is None  # (unbounded)
    assert _key_plan("ici", r"\b(?:voir|lire)\b.{0,100}\b(?:ici|ICI)\s*[.!]?$", flags) == (104, False, True, None)
    assert _key_plan("opt", r"\bclick (?:here )?to opt[- ]out\b", flags) == (14, False, False, None)  # (a space before it)
    assert _key_plan("am", r"(?m)^.{0,80} am\b", flags)[1] is False  # ("^" at every line)
    assert _key_plan("am", r"^a|b am", flags)[1:] == (False, False, None)  # (an alternation at the top)


def _plan_patterns():
    b = load("fr").boilerplate_re
    return [(key, p, plan) for key in b._keys for p, plan in zip(b._rxs_of._source[key], b._plans[key])
            if plan[1] or plan[2]]


@settings(max_examples=500, deadline=None, database=None)
@given(st.data())
def test_a_match_holds_its_key_where_its_plan_says(data):
    """What ``_key_plan`` promises, on texts drawn from the patterns themselves: a pattern
    anchored at the start matches at offset 0, in a text no longer than its ``longest``; a key
    after ``\\b`` occurs where ``\\b`` holds, at most its lead before the match."""
    from workbench.claims.lexicon import _at_word_boundary

    key, pattern, (lead, at_start, word_start, longest) = data.draw(st.sampled_from(_plan_patterns()))
    rx = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    low = text.lower()
    m = rx.search(text)
    if m and PhraseGate.plain(low, len(text)):
        assert not at_start or m.start() == 0, (key, pattern, text)
        assert longest is None or len(text) <= longest, (key, pattern, text)
        if word_start:
            j = _at_word_boundary(text, low, key, low.find(key))
            assert 0 <= j and (lead is None or j <= m.start() + lead), (key, pattern, text)



def test_last_characters_of_end_anchored_patterns():
    from workbench.claims.lexicon import _last_chars

    flags = re.IGNORECASE
    assert _last_chars(r"\(Photo by [^)]{2,60}\)$", flags) == {")"}
    assert _last_chars(r"\d+ min read$", flags) == {"d"} and _last_chars(r"x[Ab]$", flags) == {"a", "b"}
    for pattern in (r"\d+ min\.?$", r"x[^)]$", r"x[a-z]$", r"x\)", r"(?m)x\)$", r"x\$"):
        assert _last_chars(pattern, flags) is None, pattern


def _last_char_patterns():
    from workbench.claims.lexicon import _last_chars

    b = load("fr").boilerplate_re
    return [(p, last) for ps in b._rxs_of._source.values() for p in ps
            if (last := _last_chars(p, re.IGNORECASE)) is not None]


@settings(max_examples=300, deadline=None, database=None)
@given(st.data())
def test_a_match_of_an_end_anchored_pattern_ends_with_its_last_characters(data):
    """What ``_last_chars`` promises (``found`` looks for a tail key only in a text that ends
    that way), on texts drawn from the patterns."""
    pattern, last = data.draw(st.sampled_from(_last_char_patterns()))
    rx = re.compile(pattern, re.IGNORECASE)
    text = data.draw(st.from_regex(rx))
    low = text.lower()
    if rx.search(text) and PhraseGate.plain(low, len(text)):
        assert low[-1:] in last or low[-1:] == "\n" and low[-2:-1] in last, (pattern, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_furniture_keys_looked_for_at_the_head_or_the_tail(lang):
    """``found`` looks for the key of an anchored pattern in the first or last characters of a
    plain text only (``_regions``), for a key that holds another only where that one is
    (``_nested``), for the site names where a "." is (``_head_keys``) and for the keys of
    patterns that end with a given character where the text does (``_tail_keys``), and runs a
    regex from the first place its key can start a match (``_leads``): the same answer as
    ``search``, with the furniture at the
    start, the end or inside a line, on every fixture line and on lines that lower case
    misrepresents."""
    from workbench.claims.lexicon import LANGUAGES as ALL, _BoilerplateMatcher

    b = _BoilerplateMatcher([p for o in ALL for p in _load_raw(o)["boilerplate"]], re.IGNORECASE)
    b._regions_after = 0  # the regions from the first text on
    _, heads, head, tails, tail = b._regions
    assert {".com", ".fr"} <= set(heads) and {" min", "read"} <= set(tails) and head < 100 and tail < 100
    assert ("cookie", "cookies") in b._nested[1]  # "cookies" is looked for where "cookie" is
    assert b._head_keys[0] == "." and ".com" in b._head_keys[1]  # site names where a "." is
    assert "(" in b._tail_keys[1][")"]  # "(Photo: …)" where the line ends with ")"
    furniture = ["Ce site uses cookies", "This site uses cookies", "© 2024 Le Monde. Tous droits réservés",
                 "Photograph: Jane Doe/Reuters", "Cookies: we use them", "lemonde.fr - Politique", "www.bbc.co.uk: News", "3 min read", "5 min de lecture", "12 commentaires",
                 "Accueil › Monde › Europe", "(Photo by Jane Doe/Reuters)", "(AP Photo/John Smith)",
                 "[File: A man walks past a closed shop in Kyiv]", "John Smith is a reporter for the Daily News.",
                 "Updated 3 hours ago", "2 hours ago", "Read more at lemonde.fr", "Jean Dupont, envoyé spécial"]
    lines = [line for path in sorted(FIXTURES.rglob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    pad = "Le ministre a déclaré que la réforme serait votée avant l'été " * 3
    for f in furniture + [line for line in lines if b.search(line)]:
        for t in (f, f.upper(), f + "\n", pad + f, f + " " + pad, pad + f + " " + pad, f[:-1], f[1:],
                  f.replace("i", "ı"), "İ" + f):
            lines.append(t)
    for t in lines:
        assert b.found(t) == bool(b.search(t)), t


def test_combined_phrase_gates_agree_with_the_single_ones():
    for lang in LANGUAGES:
        lex = load(lang)
        singles = [lex.contest_gate, lex.according_gate, lex.contrast_gate, lex.opposition_gate]
        for sentence in SENTENCES:
            low = sentence.lower()
            words = lex.words_of(low)
            firsts = lex.gates.firsts(low, words)
            expected = [g.first(low, words) for g in singles]
            assert (firsts or [-1] * 4) == expected, sentence


# -- segmentation and furniture shortcuts -----------------------------------------------------

SEG_ALPHABET = list("ab .!?…\n\r\t\u00a0\v\x85\u2028(«»“”„\"[])’'-,") + ["M.", "U.S.", "Dr.", " ", "  ", "A", "É", "1"]
seg_texts = st.lists(st.sampled_from(SEG_ALPHABET), max_size=50).map("".join)


@settings(max_examples=800, deadline=None, database=None)
@given(seg_texts)
def test_segmentation_shortcuts_match_their_regexes(text):
    from workbench.claims import segment

    # paragraphs: the lines of _LINE, stripped
    ref = []
    for m in segment._LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            ref.append((s, e))
    assert segment.paragraphs(text) == ref
    # sentence boundaries: the regex's own matches
    for start, end in [(0, len(text))] + ref:
        got = [(m.span(), m.span(1)) for m in segment._boundaries(text, start, end)]
        want = [(m.span(), m.span(1)) for m in segment._BOUNDARY.finditer(text, start, end)]
        assert got == want
    # the last word before a dot
    for dot in range(len(text) + 1):
        m = segment._LAST_WORD.search(text, max(0, dot - 20), dot)
        assert segment._last_word(text, dot) == (m.group(1) if m else None)


@settings(max_examples=400, deadline=None, database=None)
@given(seg_texts)
def test_quote_spans_match_the_regex_scan(text):
    from workbench.claims import segment

    def reference(text, start, end):
        spans, stack = [], []
        for m in segment._QUOTE.finditer(text, start, end):
            c, p = m.group(), m.start()
            # an opening curly mark typed for a closing one ("We will win,“ he said)
            reversed_closing = (c == "“" and any(k in "“„" for k, _ in stack) and p > 0 and text[p - 1] in ",.?!…"
                                and (p + 1 >= len(text) or text[p + 1].isspace()))
            if c in "«“„" and not reversed_closing:
                stack.append((c, p))
                continue
            if c == '"' or c == "''":
                # a straight mark closes a curly one where a closing mark stands, none being open
                mixed = (c == '"' and stack and stack[-1][0] in "“„" and all(k != c for k, _ in stack)
                         and p > 0 and not text[p - 1].isspace()
                         and (p + 1 >= len(text) or not text[p + 1].isalnum()))
                if stack and stack[-1][0] == c or mixed:
                    opened = stack.pop()[1]
                    if not stack:
                        spans.append((opened, p + len(c)))
                else:
                    stack.append((c, p))
                continue
            want = "«" if c == "»" else "“„"
            if c == "”" and all(k not in "“„" for k, _ in stack):
                want = '"'  # (a curly mark closing a straight one)
            idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] in want), None)
            if idx is None:
                continue
            opened = stack[idx][1]
            del stack[idx:]
            if not stack:
                spans.append((opened, p + 1))
        if stack:
            spans.append((stack[0][1], end))
        spans.sort()
        return spans

    assert segment.quote_spans(text, 0, len(text)) == reference(text, 0, len(text))


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["Share", "share", "SHARE", "Le chat, dort.", "le  chat, dort.", "LE CHAT, DORT.",
                                 "Straße", "STRASSE", "strasse", "l’AFP", "l'AFP", "a-b", "A-B", "x\u00a0y", "x y",
                                 " x y ", "ﬁn", "FIN", "fin"]), max_size=12))
def test_seen_lines_are_the_set_of_keys(lines):
    from workbench.claims.boilerplate import SeenLines, line_key

    seen_keys, seen_lines = set(), SeenLines()
    for line in lines:
        key = line_key(line)
        expected = key in seen_keys
        seen_keys.add(key)
        assert seen_lines.repeated(line) == expected, line


def test_words_and_language_shortcuts_match_their_regexes():
    from workbench.claims import language
    from workbench.claims.lexicon import _KEY_WORD, unpunctuated, words_in

    samples = [p.read_text("utf-8") for p in sorted(__import__("pathlib").Path(__file__).resolve().parents[2]
                                                     .joinpath("fixtures").glob("*.txt"))]
    samples += ["3,5 % de l’ensemble… (voir p. 12) ; [sic] $4 © ² ½ x_y", "İstanbul ıcı ſ", "", "   ", "Ⅻ 12 ab"]
    samples += [s.upper() for s in samples] + ["Le chat. " * 300 + "ΑΣ" + " the dog" * 50]
    for text in samples:
        for low in (text.lower(), text[:2000].lower()):
            assert words_in(unpunctuated(low), low) == set(_KEY_WORD.findall(low))
            assert language._words(low) == language._WORD.findall(low)
        # as extract() detects the language: from the whole text's lower case, sliced
        low = text.lower()
        if len(low) == len(text) and "Σ" not in text[:language.SAMPLE + 1]:
            got = language.language_of_sample(low[:language.SAMPLE], unpunctuated(low)[:language.SAMPLE])
            assert got == language.detect_language(text)


def test_scores_are_rounded_where_they_are_made():
    """``extract`` rounds only the scores it scales: the others are constants with at most three
    decimals, which rounding leaves as they are."""
    import importlib

    from workbench.claims import extract

    module = importlib.import_module("workbench.claims.extract")
    for score in (*module._SCORES.values(), 0.6, 0.65, 0.7, 0.75):
        assert round(score, 3) == score
    for path in sorted(FIXTURES.rglob("*.txt")):
        for c in extract(path.read_text("utf-8")):
            assert round(c.score, 3) == c.score


def test_a_short_sentence_is_its_own_window():
    """A sentence shorter than ``WINDOW`` is tokenized whole, as the full computation says."""
    import re as _re

    from workbench.claims.attribution.find import _window, window_around
    from workbench.claims.attribution.words import WINDOW

    text = " ".join(p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    n = 0
    for m in _re.finditer(r"\S", text):
        start = m.start()
        for length in (1, 40, WINDOW - 1, WINDOW):
            end = min(len(text), start + length)
            low = text[start:end].lower()
            words = low.split()
            forms = [words[0], words[-1]] if words else []
            acc = [m2 for m2 in [_re.compile(r"\w+").search(text, start, end)] if m2]
            assert _window(text, start, end, low, forms, acc) == window_around(text, start, end, low, forms, acc)
            n += 1
        if n > 4000:
            break


@pytest.mark.parametrize("lang", LANGUAGES)
def test_verb_lookup_by_form_matches_the_token_scan(lang):
    """In plain text, looking the sentence's verb forms up with list.index finds what the scan
    of every token finds."""
    from workbench.claims.lexicon import PhraseGate

    lex = load(lang)
    # each gate is filed once, under one of its own words
    filed = [(word, gate) for word, gates in lex.multiword_by_word.items() for gate in gates]
    assert sorted((g for _, g in filed), key=str) == sorted(lex.multiword_gates, key=str)
    assert all(word in gate[1] for word, gate in filed)
    texts = [p.read_text("utf-8") for p in sorted(__import__("pathlib").Path(__file__).resolve().parents[2]
                                                   .joinpath("fixtures").glob("*.txt"))]
    texts.append("Il a fait savoir qu'il s'inscrit en faux, a-t-il dit. They pushed back, he said. Fait, fait.")
    n = empty = 0
    for text in texts:
        for start in range(0, len(text) - 200, 97):
            end = start + 200
            low = text[start:end].lower()
            if not PhraseGate.plain(low, end - start):
                continue
            words = lex.words_of(low)
            targets = lex.verb_forms.intersection(words)
            for first, ws in lex.multiword_gates:
                if ws <= words:
                    targets = targets | {first}
            # the gates looked up by one of their words give the same targets
            assert verb_targets(lex, lex.verb_forms.intersection(words), words) == targets
            tk = attribution_tokens.tokens(text, start, end)
            assert verb_matches(tk, lex, targets) == verb_matches(tk, lex)
            if not targets and not may_have_pronoun_suffix(low):
                # (attribution_of does not tokenize such a text for its verbs)
                assert verb_matches(tk, lex) == []
                empty += 1
            n += 1
    assert n > 100 and empty > 10


def _in_subordinate_walk(s, k):
    """``rules.in_subordinate`` without its shortcut."""
    from workbench.claims.attribution.words import HARD_STOP, OBJECT_RELATIVES, SUBORDINATORS

    T, L = s.T, s.L
    j = k - 1
    while j >= 0 and k - j <= 12 and T[j] not in HARD_STOP:
        if L[j] in SUBORDINATORS or L[j] in OBJECT_RELATIVES and j > 0 \
                and (T[j - 1] not in HARD_STOP or T[j - 1] == "," and j >= 2 and T[j - 2].isalpha()
                     and T[j - 2].islower() and L[j - 2] not in s.lex.verb_forms):
            return True
        j -= 1
    return False


def _verb_group_start_walk(L, vi, lex):
    """``verbs.verb_group_start`` as first written (it joins the two tokens before every verb to
    look them up among the set phrases)."""
    skip, incises, ends = lex.skip_after_verb, lex.verb_incises, lex.verb_incise_ends
    k, steps = vi - 1, 0
    while k >= 0 and steps <= 2:
        if L[k] in lex.auxiliaries or contracted_pronoun(L[k], lex):
            while k > 0 and L[k - 1] in lex.auxiliaries and vi - k <= 4:
                k -= 1  # "has reportedly said", "would have said"
            if k > 0 and L[k - 1] in REFLEXIVE:
                return k - 1  # "s'est engagée", "se sont engagés"
            return k
        if L[k] in lex.passive_auxiliaries and k >= 1:
            k -= 1  # "a été annoncée", "has been told": the auxiliary is further back
            continue
        if L[k] in ends and k >= 3 and " ".join(L[k - 3:k + 1]) in incises:
            k -= 4  # "a d'ores et déjà annoncé"
        elif L[k] in ends and k >= 2 and " ".join(L[k - 2:k + 1]) in incises:
            k -= 3
        elif L[k] in ends and k >= 1 and " ".join(L[k - 1:k + 1]) in incises:
            k -= 2
        elif L[k] in skip or L[k] in lex.negations:
            k -= 1  # "has not yet said", "is not expected"
        elif k >= 1 and (L[k - 1] in lex.auxiliaries or L[k - 1] in lex.passive_auxiliaries) \
                and (L[k].endswith(ADVERB_ENDINGS) and L[k].isalpha() or L[k] in FLOATING):
            k -= 1  # an adverb the lexicon does not list, a floating quantifier ("have both argued")
        elif L[k] == "," and k >= 3 and L[k - 2] == "," and (L[k - 1] in skip or L[k - 1] in PARENTHETICALS) \
                and L[k - 3] in lex.auxiliaries:
            k -= 3  # "has, however, revealed"
        elif k >= 2 and " ".join(L[k - 1:k + 1]) in incises:
            k -= 2
        else:
            break
        steps += 1
    return vi


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_verb_rules_left_out_for_a_verb_answer_nothing(lang):
    """``verb_match`` tries only the rules ``_rules_for`` leaves for a verb: every rule it
    leaves out returns ``None`` (does not apply) for that verb, so the first rule that answers
    is the same as when every rule of ``VERB_RULES`` is tried in order. Checked on every verb of
    every sentence of the fixtures and gold sets, and on written sentences. The verb group and
    the subordinate test, which have shortcuts of their own, are checked on the same verbs."""
    from workbench.claims.attribution import rules
    from workbench.claims.segment import paragraphs, sentences

    lex = load(lang)
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts.append("Il a ajouté, affirmant que rien n'a changé. La mesure, jugée trop coûteuse par les élus, "
                 "est abandonnée. « Non », a-t-il dit. He was told by police. Officials said, citing "
                 "a report, that it was over. She did not comment. Polls show Clinton ahead. It seems to work.")
    tried = left_out = 0
    for text in texts:
        for ps, pe in paragraphs(text):
            for start, end in sentences(text, ps, pe, lex):
                tk = attribution_tokens.tokens(text, start, end)
                s = rules.Sentence(text, start, end, start, tk, tk.t, tk.l, lex)
                for vi, vend, whole, form in verb_matches(tk, lex):
                    v = rules.verb_at(s, vi, vend, whole, form)
                    assert v.gi == _verb_group_start_walk(tk.l, vi, lex)
                    assert rules.in_subordinate(s, v.gi) == _in_subordinate_walk(s, v.gi)
                    kept = rules._rules_for(s, v)
                    for rule in rules.VERB_RULES:
                        if rule not in kept:
                            assert rule(s, v) is None, (rule.__name__, whole, text[start:end])
                            left_out += 1
                    tried += 1
    assert tried > 300 and left_out > 1000, (tried, left_out)


@settings(max_examples=600, deadline=None, database=None)
@given(texts)
def test_alnum_pieces_is_the_plain_test(text):
    """``extract._alnum_pieces`` (a paragraph's words are letters and digits) is the test it
    replaces, on its own text, unpunctuated, and with surrogates and spaces alone."""
    from workbench.claims.extract import _alnum_pieces
    from workbench.claims.lexicon import unpunctuated

    for u in (text, unpunctuated(text.lower()), text + "\ud800", "  ", "", " é1 ", "a\tb", "a\u00a0b", "ⅷ ²"):
        assert _alnum_pieces(u) == u.replace(" ", "").isalnum(), u


class _Everything(frozenset):
    """A set that holds every word: a union field of the lexicon set to it turns off the fast
    path that reads the field."""

    def __contains__(self, word) -> bool:
        return True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_subject_walk_past_its_first_word_agrees_with_the_full_walk(lang):
    """``phrases._walk_back`` appends a word of none of the sets ``lex.subject_turns`` joins
    without the tests that follow: the same walk as with every test tried, from every token
    of every sentence of the fixtures and of written sentences."""
    import dataclasses

    from workbench.claims.attribution import phrases
    from workbench.claims.segment import paragraphs, sentences

    lex = load(lang)
    slow = dataclasses.replace(lex, subject_turns=_Everything())
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.txt"))]
    texts.append("Ann Lee, who lost, said it. What Sroka called a plan failed, less than aides say. If Bob "
                 "says so, the man that we met, « qui a dit », l'a dit. ‘We will win,’ she said.")
    walks = 0
    for text in texts:
        for ps, pe in paragraphs(text):
            for start, end in sentences(text, ps, pe, lex):
                tk = attribution_tokens.tokens(text, start, end)
                for i in range(len(tk.t)):
                    assert phrases._walk_back(tk.t, tk.l, i, lex) == phrases._walk_back(tk.t, tk.l, i, slow), \
                        (i, text[start:end])
                    walks += 1
    assert walks > 5000, walks


@pytest.mark.parametrize("lang", LANGUAGES)
def test_anchored_furniture_by_first_characters_agrees_with_the_full_match(lang):
    """Anchored patterns tried by their first two characters give what the full alternation
    gives, on every line of every fixture page."""
    b = load(lang).boilerplate_re
    for path in sorted(FIXTURES.rglob("*.txt")):
        for line in path.read_text("utf-8").splitlines() + ["İstanbul cookies policy", "ſhare this article", "", "x"]:
            assert b._anchored_match(line) == bool(b.anchored.match(line)), line


@pytest.mark.parametrize("text", ["“We will win,“ he said.", "“Is it true?“ she asked", "a ,“ b", "“x.“\tY"])
def test_a_reversed_closing_mark_is_read_alike_by_both_tokenizers(text):
    assert fast_tokens(text, 0, len(text)) == reference_tokens(text, 0, len(text))
    assert "”" in [t for t, *_ in fast_tokens(text, 0, len(text))]
