"""Per-language cue lexicons, loaded from the JSON data files in ``lexicons/``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("fr", "en")


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first (so prefixes never win)."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq)


def _french_er_forms(infinitive: str) -> list[str]:
    stem = infinitive[:-2]
    imperfect_stem = stem
    if stem.endswith("c"):
        imperfect_stem = stem[:-1] + "ç"
    elif stem.endswith("g"):
        imperfect_stem = stem + "e"
    return [
        stem + "é",
        stem + "e",
        stem + "ent",
        imperfect_stem + "ait",
        imperfect_stem + "aient",
        imperfect_stem + "ant",
    ]


@dataclass(frozen=True)
class Lexicon:
    language: str
    stopwords: frozenset[str]
    verb_forms: frozenset[str]
    contest_forms: frozenset[str]
    participles: frozenset[str]
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    skip_after_verb: frozenset[str]
    source_stoppers: frozenset[str]
    clause_openers: frozenset[str]
    abbreviations: frozenset[str]
    not_after_according: frozenset[str]
    stressed_pronouns: frozenset[str]
    verb_re: re.Pattern
    according_re: re.Pattern
    contest_re: re.Pattern
    contrast_re: re.Pattern
    opposition_re: re.Pattern
    boilerplate_re: re.Pattern


def _load_raw(lang: str) -> dict:
    data = resources.files("workbench.claims").joinpath("lexicons", f"{lang}.json").read_text("utf-8")
    return json.loads(data)


@cache
def load(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang`` (``fr`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no lexicon for language {lang!r}")
    raw = _load_raw(lang)
    if lang == "fr":
        verbs = [f for v in raw["verbs_er"] for f in _french_er_forms(v)] + raw["verbs_irregular"]
        contest = [f for v in raw["contest_er"] for f in _french_er_forms(v)] + raw["contest_irregular"]
        participles = {f for f in verbs + contest if f.endswith(("é", "u", "i", "is", "it", "savoir", "valoir", "entendre"))}
    else:
        verbs = raw["verbs"]
        contest = raw["contest_verbs"]
        participles = set(verbs + contest)
    contest_all = list(contest) + raw["contest_phrases"]
    flags = re.IGNORECASE
    verb_re = re.compile(r"(?<![\w'’-])(" + _alternation(verbs + contest) + r")(?:-t-(?:il|elle|ils|elles|on)|-(?:il|elle|ils|elles))?(?![\w'’-])", flags)
    according_re = re.compile(r"(?<![\w'’-])(" + _alternation(raw["according_to"]) + r")(?![\w-])", flags)
    contest_re = re.compile(r"(?<![\w'’-])(" + _alternation(contest_all) + r")(?![\w'’-])", flags)
    contrast_re = re.compile(r"(?<![\w'’-])(" + _alternation(raw["contrast_markers"]) + r")(?![\w'’-])", flags)
    opposition_re = re.compile(r"(?<![\w'’-])(" + _alternation(raw["opposition_conjunctions"]) + r")(?![\w'’-])", flags)
    # page furniture is often in another language than the article (an English cookie banner
    # on a French page): every language's patterns apply
    patterns = [p for other in LANGUAGES for p in _load_raw(other)["boilerplate"]]
    boilerplate_re = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    return Lexicon(
        language=lang,
        stopwords=frozenset(raw["stopwords"]),
        verb_forms=frozenset(v.lower() for v in verbs),
        contest_forms=frozenset(v.lower() for v in contest),
        participles=frozenset(p.lower() for p in participles),
        auxiliaries=frozenset(a.lower() for a in raw["auxiliaries"]),
        pronouns=frozenset(raw["pronouns"]),
        determiners=frozenset(d.lower() for d in raw["determiners"]),
        skip_after_verb=frozenset(raw["skip_after_verb"]),
        source_stoppers=frozenset(raw["source_stoppers"]),
        clause_openers=frozenset(raw["clause_openers"]),
        # honorifics of every language: translated French articles keep "Mr.", English ones "M."
        abbreviations=frozenset(raw["abbreviations"]) | {h for o in LANGUAGES for h in _load_raw(o)["honorifics"]},
        stressed_pronouns=frozenset(raw["stressed_pronouns"]),
        not_after_according=frozenset(raw["according_to_not_before"]),
        verb_re=verb_re,
        according_re=according_re,
        contest_re=contest_re,
        contrast_re=contrast_re,
        opposition_re=opposition_re,
        boilerplate_re=boilerplate_re,
    )
