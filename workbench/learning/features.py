"""What the label model sees of a candidate claim: named features, as plain strings.

Every feature is a readable string, so that a prediction can say why (``"cue=said"``,
``"pattern=inverted"``, ``"word=according"``). Four families, hashed separately and weighted
(see ``model.py``):

- **rules**: what the extractor found: its suggested label (``rules=attributed``), the pattern it
  matched (``pattern=inverted``, ``pronoun``, ``according``, ``preverbal``, ``verb-only``,
  ``carried``, ``contest-only``, ``headline``, ``none``), a contest cue, the cue's text and words,
  whether there is a source and what kind (``source=pronoun`` / ``name`` / ``description``) and
  its words, the score, quotation marks, the claim's relative position in its article, its
  length, how it ends, and a few crosses of these (``pattern=preverbal & source=name``);
- **lexicon**: the words of the extractor's reporting-verb lexicons found anywhere in the claim
  (``lexicon=speech verb``, ``lexicon word=said``, ``lexicon stem=endors``), even where the rules
  found no attribution: this is what lets a few dozen decisions teach "a reporting verb the rules
  could not parse still means attributed" (the lexicons are read as data, as
  ``workbench.linking.sources`` does);
- **words**: the claim's lower-cased words (``word=according``);
- **chars**: character 4-grams of each word, padded with spaces like scikit-learn's ``char_wb``
  (``chars= sai``; an explanation names the n-grams of a word together, ``chars=said``): they let
  a cue the reviewers taught in one form (*déclaré*) count for another (*déclare*).

Pure functions: no database, no UI, no scikit-learn.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from workbench.claims.model import Candidate

#: the patterns of the extractor's verb and phrase rules, as ``Candidate.reason`` names them
PATTERNS = ("inverted", "pronoun", "according", "preverbal", "verb-only", "carried", "contest-only")

#: the reasons the extractor writes in full, and the pattern each stands for
_REASON_PATTERNS = {
    "no attribution cue": "none",
    "": "none",
    "reporting verb without a clear source": "verb-only",
    "quotation without a speech tag": "carried",
    "headline credits a speaker": "headline",
}
_CONTEST = re.compile(r"contest cue \((.+)\)\Z")

#: subject pronouns and their stressed forms, English and French (a source that is one of them)
_PRONOUNS = frozenset(
    "he she they it we i you him her them one "
    "il elle ils elles on je j' j’ nous vous lui eux".split()
)
#: lower-case words a name may contain ("Charles de Gaulle", "Ursula von der Leyen")
_PARTICLES = frozenset("de du des la le d' d’ van von der den da di al bin ben el y and et of".split())
#: capitalised words that open a description, not a name ("The ministry", "Le Kremlin" is a name
#: in use, but "Le porte-parole" is not: only the determiner itself is checked)
_DETERMINERS = frozenset(
    "the a an this that these those some many several most all other another both each every "
    "le la les l' l’ un une des ce cet cette ces certains certaines plusieurs d'autres d’autres "
    "mon ma mes son sa ses leur leurs notre nos votre vos".split()
)
_OPENING = ("«", "“", '"', "„", "''", "‘")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CUE_MAX = 40  # characters of a cue kept as one feature (a quotation used as cue is not)


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate claim in its article, with the reviewers' current decision if any.

    ``candidate`` is the extractor's candidate (``workbench.claims.extract``), or one rebuilt
    from a stored row: ``Candidate(start, end, text, suggested_label, score, cue=Span(...) or
    None, source=Span(...) or None, reason=reason)``; its offsets are into the article text.
    ``article`` is the article's id (cross-validation never splits an article), and
    ``article_length`` the length of its text (for the claim's relative position). ``label`` is
    the decision (``attributed`` / ``unsourced`` / ``contested`` / ``not_claim``), ``None`` when
    undecided; prediction ignores it.
    """

    article: str
    candidate: Candidate
    article_length: int
    label: str | None = None


def pattern_of(reason: str) -> tuple[str, bool]:
    """(pattern, contest cue) from a ``Candidate.reason``: ``"contest cue (inverted)"`` ->
    ``("inverted", True)``; an unknown reason -> ``("other", False)``."""
    m = _CONTEST.match(reason)
    if m:
        return m.group(1), True
    if reason in PATTERNS:
        return reason, False
    return _REASON_PATTERNS.get(reason, "other"), False


def source_kind(source_text: str | None) -> str:
    """``none``, ``pronoun`` (*he*, *-t-il*, *ils*), ``name`` (*Dmitri Peskov*, *Reuters*,
    *Ursula von der Leyen*) or ``description`` (*le ministère*, *a US official*, *le
    porte-parole du Kremlin, Dmitri Peskov*)."""
    if not source_text or not source_text.strip():
        return "none"
    words = _WORD.findall(source_text)
    if source_text.lstrip().startswith("-"):
        words = words[-1:]  # a pronoun written on its verb: "-t-il", "-elle"
    if not words:
        return "description"
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return "pronoun"
    if low[0] in _DETERMINERS or not words[0][:1].isupper():
        return "description"
    if all(w[:1].isupper() or w[:1].isdigit() or lw in _PARTICLES for w, lw in zip(words, low)):
        return "name"
    return "description"


def _bucket(n: int, edges: tuple[int, ...], unit: str) -> str:
    lo = 1
    for edge in edges:
        if n <= edge:
            return f"{lo}-{edge} {unit}"
        lo = edge + 1
    return f"{lo}+ {unit}"


_QUOTE_MARKS = frozenset("«»“”„\"‘")


def _has_quotes(text: str) -> bool:
    # ’ and ' are also apostrophes (l’armée, don't): only an opening ‘ or a doubled '' count
    return not _QUOTE_MARKS.isdisjoint(text) or "''" in text


def rule_features(ex: Example) -> list[str]:
    """What the extractor found, and where: the ``rules`` family."""
    c = ex.candidate
    pattern, contest = pattern_of(c.reason or "")
    text = c.text
    stripped = text.rstrip()
    kind = source_kind(c.source.text if c.source is not None else None)
    n_words = len(text.split())
    out = [
        f"rules={c.label}",
        f"pattern={pattern}",
        f"source={kind}",
        f"score={c.score:.2f}",
        "length=" + _bucket(n_words, (5, 10, 20, 40), "words"),
        f"pattern={pattern} & source={kind}",
        f"rules={c.label} & source={kind}",
    ]
    if pattern == "other" and c.reason:
        out.append(f"reason={c.reason[:_CUE_MAX]}")
    if contest:
        out.append("contest cue")
    if ex.article_length > 0:
        tenth = min(9, max(0, int(10 * c.start / ex.article_length)))
        out.append(f"position={10 * tenth}-{10 * tenth + 10}%")
    if c.start == 0:
        out.append("position=first line")
    quoted = _has_quotes(text)
    if quoted:
        out.append("quotation marks")
        out.append(f"quotation marks & rules={c.label}")
    if text.lstrip().startswith(_OPENING):
        out.append("starts with a quotation mark")
    if stripped.endswith("?"):
        out.append("ends with ?")
    elif stripped.endswith(":"):
        out.append("ends with :")
    elif not stripped.endswith((".", "!", "…", "»", "”", '"', "’", ")")):
        out.append("no final stop")  # a headline, an intertitle, a fragment
    if c.cue is not None:
        cue_low = " ".join(c.cue.text.lower().split())
        if pattern != "carried" and len(cue_low) <= _CUE_MAX:
            out.append(f"cue={cue_low}")
            out.extend(f"cue word={w}" for w in claim_words(cue_low))
        span = max(1, c.end - c.start)
        rel = (c.cue.start - c.start) / span
        out.append("cue at=" + ("start" if rel < 0.2 else "end" if rel > 0.7 else "middle"))
    if c.source is not None:
        out.extend(f"source word={w}" for w in dict.fromkeys(claim_words(c.source.text)))
    return out


def claim_words(text: str) -> list[str]:
    """The claim's lower-cased words (letters, digits, inner apostrophes: *l’armée*), in order,
    composed (NFC): a decomposed accent (NFD, e + U+0301) is no word character, so "négociation"
    decomposed was the words "ne" and "gociation", and learnt apart from the composed word."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.lower())


def word_features(text: str, words: list[str] | None = None) -> list[str]:
    """The claim's lower-cased words: the ``words`` family (``word=according``). ``words``:
    ``claim_words(text)``, if the caller has them. (Word pairs were tried: no better on
    polnear-train, and half the encoding time.)"""
    if words is None:
        words = claim_words(text)
    return [f"word={w}" for w in words]


#: the lengths of the character n-grams
NGRAMS = (4,)


@lru_cache(maxsize=200_000)
def word_ngrams(word: str) -> tuple[str, ...]:
    """The character n-grams of one word, padded with a space on each side (``char_wb``)."""
    padded = f" {word} "
    n = len(padded)
    return tuple(f"chars={padded[i:i + k]}" for k in NGRAMS for i in range(n - k + 1))


def char_features(text: str) -> list[str]:
    """Character 4-grams of each lower-cased word, padded with a space on each side (like
    scikit-learn's ``char_wb``): the ``chars`` family."""
    out: list[str] = []
    for w in claim_words(text):
        out.extend(word_ngrams(w))
    return out


# ------------------------------------------------------------------------------------- lexicon

#: lexicon sections (per language file) -> the name of the feature they give
_SECTIONS = {
    "verbs": "speech verb", "that_verbs": "speech verb", "infinitives": "speech verb",
    "naming_verbs": "speech verb", "result_verbs": "speech verb", "verbs_er": "speech verb",
    "verbs_irregular": "speech verb",
    "contest_verbs": "contest verb", "contest_er": "contest verb", "contest_irregular": "contest verb",
    "contest_phrases": "contest phrase", "according_to": "according",
}
_SUFFIXES = ("ements", "ement", "ments", "ment", "ings", "ing", "ied", "ies", "aient", "ait", "ant",
             "ées", "ée", "és", "é", "er", "ed", "es", "ent", "s", "e")


def stem(word: str) -> str:
    """A crude stem for matching the lexicons' forms (English and French): *endorsement*,
    *endorsed*, *endorses* -> *endors*; *déclaré*, *déclarer* -> *déclar*."""
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[:-len(suf)]
    return word


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[tuple[int, int], ...]]]:
    """(phrase -> section feature, stem -> section feature, anchor word of the phrases of several
    words -> (its place in the phrase, the phrase's length) of each), from the extractor's lexicon
    files (data, not code: the extractor is not imported for them)."""
    phrases: dict[str, str] = {}
    stems: dict[str, str] = {}
    for lang in ("en", "fr"):
        path = resources.files("workbench").joinpath("claims", "lexicons", f"{lang}.json")
        raw = json.loads(path.read_text("utf-8"))
        for key, feature in _SECTIONS.items():
            for entry in raw.get(key) or ():
                if not isinstance(entry, str):
                    continue
                words = claim_words(entry)
                if not words:
                    continue
                phrase = " ".join(words)
                phrases.setdefault(phrase, feature)
                if len(words) == 1 and feature != "according":
                    stems.setdefault(stem(words[0]), feature)
    # a phrase of several words is looked for from its longest word (its rarest, near enough:
    # "according" in "according to", "reported" in "as reported by"), not from its first
    anchors: dict[str, set[tuple[int, int]]] = {}
    for p in phrases:
        if " " in p:
            ws = p.split(" ")
            k = max(range(len(ws)), key=lambda i: (len(ws[i]), -i))
            anchors.setdefault(ws[k], set()).add((k, len(ws)))
    return phrases, stems, {w: tuple(sorted(v)) for w, v in anchors.items()}


class _WordLexicon(dict):
    """word -> (features, lexicon hits) of one lower-cased word alone (an entry of the lexicon,
    else a stem of one), computed on first use."""

    def __missing__(self, word: str) -> tuple[tuple[str, ...], int]:
        phrases, stems, _ = _lexicon()
        out: list[str] = []
        hits = 0
        feature = phrases.get(word)
        if feature is not None:
            out += [f"lexicon={feature}", f"lexicon word={word}"]
            hits = 1
        else:  # another form of a lexicon word: "endorsement", "déclare"
            st = stem(word)
            feature = stems.get(st)
            if feature is not None:
                out += [f"lexicon={feature} (stem)", f"lexicon stem={st}"]
        if len(self) > 200_000:
            self.clear()
        value = self[word] = (tuple(out), hits)
        return value


_word_lexicon = _WordLexicon()
_NO_LEXICON: set[str] = set()


def lexicon_features(text: str, words: list[str] | None = None) -> list[str]:
    """The extractor's lexicon words and phrases in the claim, and their stems: the ``lexicon``
    family (``lexicon=speech verb``, ``lexicon word=said``, ``lexicon stem=endors``,
    ``lexicon words=2``). ``words``: ``claim_words(text)``, if the caller has them."""
    phrases, _, anchors = _lexicon()
    if words is None:
        words = claim_words(text)
    found: dict[str, None] = {}
    hits = 0
    uniq = set(words)
    # most words are in no lexicon and are known to be: set operations skip them in C
    for w in sorted(uniq.difference(_NO_LEXICON)):
        feats, h = _word_lexicon[w]
        if not feats:
            if len(_NO_LEXICON) < 500_000:
                _NO_LEXICON.add(w)
            continue
        found.update(dict.fromkeys(feats))
        hits += h
    for anchor in sorted(anchors.keys() & uniq):  # phrases of several words
        j = -1
        while True:
            try:
                j = words.index(anchor, j + 1)
            except ValueError:
                break
            for k, n in anchors[anchor]:
                if j >= k:
                    phrase = " ".join(words[j - k:j - k + n])
                    feature = phrases.get(phrase)
                    if feature is not None:
                        found[f"lexicon={feature}"] = None
                        found[f"lexicon word={phrase}"] = None
                        hits += 1
    out = list(found)
    out.append(f"lexicon words={min(hits, 3)}" + ("+" if hits > 3 else ""))
    return out


def features_of(ex: Example) -> list[str]:
    """Every feature of an example, the four families together (for reading; the model hashes
    each family on its own)."""
    text = ex.candidate.text
    return rule_features(ex) + lexicon_features(text) + word_features(text) + char_features(text)
