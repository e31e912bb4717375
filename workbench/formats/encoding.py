"""Bytes -> text for imported files: UTF-8 first, then a legacy encoding chosen by its letters.

1. A BOM decides (UTF-8, UTF-16). NUL bytes mean a binary file.
2. UTF-8: a file that decodes is UTF-8. A file with a few invalid sequences (at most
   ``MAX_INVALID_SHARE`` of its non-ASCII sequences; a truncated character, a stray Latin-1
   byte pasted in) stays UTF-8: each invalid sequence becomes U+FFFD, and a note says how many.
   Text in a legacy encoding almost never forms a valid UTF-8 sequence (a Windows-1252 ``é``
   followed by a letter is invalid), so this cannot swallow a legacy file. With more invalid
   sequences, UTF-8 (with replacements) competes with the legacy decodings below, each valid
   UTF-8 sequence counting against a legacy reading.
3. Otherwise, candidate decodings are scored by a language-aware check (``score``): the ASCII
   words, identical in every single-byte decoding, tell the language (French, English, German,
   Spanish); each non-ASCII character of a candidate then scores by how usual it is there: the
   accented letters of that language best, the other Western European letters and the common
   typographic signs (’ « » “ ” – — … €) well, C1 control characters, letters like ř ą ť, a
   capital inside a lower-case word (``dŽclarŽ``), a symbol between two letters (``c½ur``) or a
   word made mostly of accented letters (``Ïðèâåò``) badly. Windows-1252, ISO-8859-15 and Latin-1
   are tried first (in that order of preference on a tie); when the best of them shows an unusual
   character, or a letter foreign to the language, charset-normalizer's candidates (and Mac
   Roman) are scored as well.
4. A decision that is not clear (the best decoding still has unusual characters, or the next
   best scores nearly as well) is kept, with a note naming both: never silently.

A statistical detector alone (charset-normalizer) misreads short texts: a sentence has too few
bytes to tell Windows-1252 from Windows-1257 or Mac Central European, and it picked those for
French headlines (``inquičte déją``, ``dťclarť``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from workbench.formats.common import InputError

#: a UTF-8 file keeps its decoding when invalid sequences are at most this share of its non-ASCII
#: sequences (valid multi-byte characters plus invalid sequences). Legacy text measured 0 %
#: valid sequences, so the bound only separates "a few bad bytes" from "mixed encodings"; above
#: it, UTF-8 with replacements competes with the legacy decodings on the scores below.
MAX_INVALID_SHARE = 0.10
#: a decoding whose score is within this of the next best one (with a different text) is
#: reported as uncertain (one accented letter of the text's language scores 3)
MARGIN = 3
#: what each valid UTF-8 multi-byte sequence costs a legacy decoding: more than a U+FFFD costs
#: UTF-8 (6), because a legacy reading turns that character into two or three that may score
#: well on their own (’ read as Windows-1252 is â€™)
UTF8_PENALTY = 10
#: bytes looked at to choose an encoding (the whole file is then decoded)
SAMPLE_BYTES = 262_144

#: tried first, in order of preference on equal scores (for the same text, the first name wins)
WESTERN = ("cp1252", "iso8859_15", "latin_1")
#: added to charset-normalizer's candidates when the Western decodings look wrong
EXTRA = ("mac_roman",)

NAMES = {
    "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15",
    "latin_1": "Latin-1 (ISO-8859-1)", "mac_roman": "Mac Roman", "mac_latin2": "Mac Central European",
    "cp1250": "Windows-1250", "cp1251": "Windows-1251", "cp1257": "Windows-1257",
    "iso8859_2": "ISO-8859-2",
}

LANG_LETTERS = {
    "fr": set("àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ"),
    "de": set("äöüßÄÖÜ"),
    "es": set("áéíóúñüÁÉÍÓÚÑÜ"),
    "en": set("éèêëïçñöü"),  # café, naïve, façade, fiancée, Zürich
}
#: letters of Western European languages (foreign names in any of them: Müller, José, Ørsted)
WESTERN_LETTERS = {c for c in map(chr, range(0xC0, 0x100)) if c.isalpha()} | set("œŒŸšŠžŽ")
#: common typographic signs of news text
PUNCT = set("’‘‚“”„«»‹›–—…•€£°§©®™·¿¡\u00a0\u202f\u2009\u2002\u2003\u2032\u2033")
#: allowed between two letters (l·l is Catalan, checked apart)
INWORD = set("’‘\u00ad")
#: function words (ASCII, so identical in every decoding) that tell the language
STOPWORDS = {
    "fr": set("le les du une et est qui dans pour pas sur au aux par il elle ont ce cette avec son ses mais "
              "nous vous leur sont selon".split()),
    "en": set("the and of to in is that for it was with as on by he she said are have from this at were "
              "has not".split()),
    "de": set("der die das und ist nicht ein eine zu den mit sich auf dem im von auch wird sind nach".split()),
    "es": set("el los las del y por con para se su al lo como pero fue son sus ha".split()),
}

#: a whole ASCII word (not the ASCII part of a word with accented letters: "du" of "rządu")
_ASCII_WORD = re.compile(r"(?<![\w\x80-\xff])[A-Za-z]+(?![\w\x80-\xff])")  # on a Latin-1 reading
#: a word: letters, and non-decimal numbers like ² ½
_WORD = re.compile(r"[^\W\d_]+")
#: a non-ASCII character that is no part of a word
_SIGN = re.compile(r"[^\x00-\x7f\w]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    #: the codec used: "utf-8", "utf-16", "cp1252", ...
    encoding: str
    #: invalid UTF-8 sequences replaced with U+FFFD
    invalid: int = 0
    #: one line for the person importing (replacements, an uncertain guess), or None
    note: str | None = None


@dataclass(slots=True)
class Score:
    encoding: str
    text: str
    score: float
    #: characters that look wrong (C1 controls, unusual letters, a capital inside a word…)
    bad: int
    #: a few of them, for the note
    odd: str
    #: letters that are plausible but not of the text's language (worth trying other decodings)
    suspect: int = 0


def name(encoding: str) -> str:
    return NAMES.get(encoding, encoding)


def utf8_counts(data: bytes) -> tuple[str, int, int]:
    """(text with U+FFFD for each invalid sequence, invalid sequences, valid non-ASCII characters)."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text, invalid, non_ascii - invalid


def language(text: str) -> str | None:
    """fr / en / de / es from the ASCII function words of ``text``, or None."""
    hits = dict.fromkeys(STOPWORDS, 0)
    for w in _ASCII_WORD.findall(text[:200_000]):
        w = w.lower()
        for lang, words in STOPWORDS.items():
            if w in words:
                hits[lang] += 1
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (top, n), (_, m) = ranked[0], ranked[1]
    return top if n >= 1 and n > m else None


#: scripts written together in one word (Japanese mixes kanji and kana)
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK",
                  "IDEOGRAPHIC": "CJK", "KATAKANA-HIRAGANA": "CJK"}
#: one-letter words that exist (French à, ô; Spanish ó; Italian è, ò)
SINGLE = set("àÀôóòè")
#: Latin signs the Unicode database calls letters (nº, 1.ª, µg): neither good nor bad
SIGNS = set("ªºµ")


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    if ch < "\x80" or ch in WESTERN_LETTERS or ch in SIGNS:
        return "LATIN"
    try:
        first = unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"
    return _SCRIPT_GROUPS.get(first, first)


def score(text: str, lang: str | None, encoding: str = "") -> Score:
    """How plausible ``text`` is as news in ``lang`` (None: some Western European language or
    another script), from its non-ASCII characters; higher is better. Each distinct word and
    each distinct sign in its context is scored once (news repeats them)."""
    sc = Score(encoding, text, 0.0, 0, "")
    odd: list[str] = []
    own = LANG_LETTERS.get(lang, set()) if lang else set()
    signs = Counter(text[max(0, i - 1):i + 2] if i else "\n" + text[:2]
                    for i in (m.start() for m in _SIGN.finditer(text)))
    for context, k in signs.items():
        if len(context) < 3:
            context += "\n"  # at the end of the text
        prev, ch, nxt = context
        points, bad = _sign(prev, ch, nxt)
        _add(sc, odd, ch, points, bad, k)
    for word, k in Counter(_WORD.findall(text)).items():
        if word.isascii():
            continue
        for ch, points, bad, suspect in _word(word, lang, own):
            _add(sc, odd, ch, points, bad, k)
            sc.suspect += suspect * k
    sc.odd = "".join(odd)
    return sc


def _add(sc: Score, odd: list[str], ch: str, points: float, bad: bool, k: int) -> None:
    sc.score += points * k
    if bad:
        sc.bad += k
        if ch not in odd and len(odd) < 5:
            odd.append(ch)


def _sign(prev: str, ch: str, nxt: str) -> tuple[float, bool]:
    """A non-ASCII character that is not part of a word, between ``prev`` and ``nxt``."""
    between = prev.isalpha() and nxt.isalpha()
    if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
        return -6, True  # C1 control characters: a Windows-1252 sign read as Latin-1
    if ch == "·" and prev in "lL" and nxt in "lL":
        return 2, False  # col·legi
    if between and ch not in INWORD:
        return -4, True  # c½ur, dÃ©clarÃ©
    if ch in PUNCT:
        return (4 if between else 2), False  # l’été, didn’t: the commonest sign of all
    return -1, False


def _word(word: str, lang: str | None, own: set[str]):
    """(character, points, bad, suspect) for the non-ASCII characters of a word."""
    signs = [(j, c) for j, c in enumerate(word) if c >= "\x80" and not c.isalpha()]  # m², c½ur
    for j, c in signs:
        if 0 < j < len(word) - 1 and word[j - 1].isalpha() and word[j + 1].isalpha():
            yield c, -4, True, 0
        else:
            yield c, -1, False, 0
    letters = [c for c in word if c >= "\x80" and c.isalpha()]
    scripts = {_script(c) for c in word if c.isalpha()}
    if len(scripts) > 1:  # Latin and Cyrillic in one word: a wrong code page
        for c in letters:
            yield c, -4, True, 0
    elif scripts != {"LATIN"}:  # a word of another script
        for c in letters:
            yield (c, 1, False, 0) if lang is None else (c, -1, True, 0)
    elif len(word) >= 4 and 2 * len(letters) > len(word) and all(c in WESTERN_LETTERS for c in letters):
        for c in letters:  # mostly accented Western letters: Ïðèâåò is Cyrillic in a wrong code page
            yield c, -2, True, 0
    elif len(word) == 1 and word not in SINGLE:  # a lone Ñ between spaces was a dash
        yield word, -2, True, 0
    else:
        prev = ""
        for c in word:
            if c >= "\x80" and c.isalpha() and c not in SIGNS:
                if c.isupper() and prev.islower():  # dŽclarŽ, BesanÁon
                    yield c, -4, True, 0
                elif c in own:
                    yield c, 3, False, 0
                elif c in WESTERN_LETTERS:
                    # another Western language's letter: a name, or a wrong guess worth checking
                    yield (c, 1, False, 1) if lang else (c, 2, False, 0)
                elif lang:
                    yield c, -4, True, 0  # ř ą ť in French, English, German or Spanish
                # no language known: a Central European letter is neither good nor bad
            prev = c


def _try(sample: bytes, encoding: str) -> str | None:
    try:
        return sample.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def rank(sample: bytes, *, with_utf8: bool = False, detector: bool = True) -> tuple[list[Score], str | None]:
    """Candidate decodings of ``sample``, best first (equal texts merged), and its language.

    Each valid UTF-8 multi-byte sequence costs a legacy decoding ``UTF8_PENALTY``: legacy text
    practically never forms one, and a legacy reading turns it into two or three wrong
    characters (``Ã©``). ``with_utf8``: UTF-8 with its invalid sequences replaced competes."""
    lang = language(sample.decode("latin_1"))
    utf8_text, _invalid, valid = utf8_counts(sample)
    texts: list[tuple[str, str]] = [("utf-8", utf8_text)] if with_utf8 and valid else []
    texts += [(enc, t) for enc in WESTERN if (t := _try(sample, enc)) is not None]
    scored = _score_all(texts, lang, valid)
    if detector and (not scored or scored[0].bad or scored[0].suspect):
        more = []
        for enc in (*EXTRA, *_detector_candidates(sample)):
            if all(enc != e for e, _t in texts) and (t := _try(sample, enc)) is not None:
                more.append((enc, t))
        if more:
            texts += more
            scored = _score_all(texts, lang, valid)
    return scored, lang


def _score_all(texts: list[tuple[str, str]], lang: str | None, utf8_valid: int) -> list[Score]:
    seen: set[str] = set()
    out = []
    for enc, t in texts:
        if t in seen:
            continue
        seen.add(t)
        sc = score(t, lang, enc)
        if enc != "utf-8" and utf8_valid:
            sc.score -= UTF8_PENALTY * utf8_valid
            sc.bad += utf8_valid
        out.append(sc)
    out.sort(key=lambda s: -s.score)  # stable: the order of preference breaks ties
    return out


def _detector_candidates(sample: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    # ESC (ANSI colour codes) makes charset-normalizer give up; it is ASCII in every legacy
    # encoding, so detect on the bytes without it
    try:
        return [m.encoding for m in from_bytes(sample.replace(b"\x1b", b" "))][:8]
    except Exception:  # a detector failure only means fewer candidates
        return []


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1 if cut > 0 else SAMPLE_BYTES]


def decode_legacy(data: bytes) -> Decoded | None:
    """The most plausible decoding of bytes that are not (only) UTF-8; None: nothing decodes.

    UTF-8 with its invalid sequences replaced competes when the file has valid multi-byte
    characters too (a file mixing encodings, or UTF-8 with many bad bytes)."""
    sample = _sample(data)
    ranked, _lang = rank(sample, with_utf8=True)
    if not ranked:
        return None
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    if best.encoding == "utf-8":
        text, invalid, valid = utf8_counts(data)
        note = _replaced(invalid, valid)
        if runner is not None:
            note += f"; read as {name(runner.encoding)} it looks worse: the file may mix encodings"
        return Decoded(text, "utf-8", invalid, note)
    text = _try(data, best.encoding)
    if text is None:  # the sample decoded, the rest of the file does not
        text = data.decode(best.encoding, "replace")
        return Decoded(text, best.encoding, 0, f"decoded as {name(best.encoding)}; bytes past the first "
                       f"{len(sample)} that do not decode in it were replaced with U+FFFD")
    note = None
    valid = utf8_counts(sample)[2]
    if valid:
        why = f"{valid} of its byte sequences are valid UTF-8"
    elif best.bad:
        why = f"unusual characters {best.odd!r}"
    elif runner is not None and best.score - runner.score < MARGIN:
        why = "too few accented letters to be sure"
    else:
        why = None
    if why:
        nxt = f", next best {name(runner.encoding)}" if runner is not None else ""
        note = f"encoding uncertain: decoded as {name(best.encoding)} ({why}{nxt}); check the accented letters"
    return Decoded(text, best.encoding, 0, note)


def _replaced(invalid: int, valid: int) -> str:
    share = invalid / max(1, invalid + valid)
    return (f"{invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD "
            f"({share:.1%} of the non-ASCII characters)")


def decode_utf8(data: bytes) -> Decoded | None:
    """UTF-8, or UTF-8 with a few invalid sequences replaced; None: not UTF-8 text."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, invalid, valid = utf8_counts(data)
    if valid > 0 and invalid <= MAX_INVALID_SHARE * (invalid + valid):
        return Decoded(text, "utf-8", invalid, _replaced(invalid, valid))
    return None


def decode(data: bytes, notes: list[str] | None = None) -> str:
    """Bytes -> text: UTF-8 (a BOM removed; a few invalid sequences replaced with U+FFFD), else
    the most plausible legacy encoding (``decode_legacy``).

    Nothing else is changed: CRLF, no-break spaces, control characters stay as they are.
    ``notes`` receives one line for each thing the person importing should know: invalid bytes
    replaced, or a legacy encoding that is only the most likely one."""
    if not data.strip():
        raise InputError("empty file" if not data else "no text: the file holds only white space")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text ({exc.reason})") from None
    nul = data.find(b"\x00")  # anywhere in the file (a C search: no cost worth a sample)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"binary file (NUL bytes, the first on line {line}), not text")
    got = decode_utf8(data)
    if got is None:
        got = decode_legacy(data)
        if got is None:
            raise InputError("not text in any known encoding")
        if _looks_binary(got.text):
            raise InputError("binary file, not text")
    if got.note and notes is not None:
        notes.append(got.note)
    return got.text


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v\x1b") or 0x7F <= ord(c) < 0xA0)
    return bad > 0.05 * len(sample)
