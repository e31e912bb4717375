"""A typed source (``e t``) is looked for in the claim, its paragraph, then the whole article,
folded (case, accents and punctuation aside) with the offset of each folded character. Folding a
1.5 MB article took about 1 s, one Python step a character, on the app's thread: the app froze
that long after enter for a source not in the claim's paragraph (found by QA in tmux: the next
``j`` answered 1.15 s later). Its cost against ``fold`` is measured by ``bench/long_text_keys.py``
(never a timed test); here the result is checked against the plain character-by-character
definition, on a long text and on generated ones."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.linking.fold import fold, folded_with_origins

SENTENCE = ("« Nous avons un canal sûr spécial », a déclaré le porte-parole du Kremlin, Dmitri Peskov. "
            "The Straße's ½ price — e\u0301te\u0301 naïve ﬁnal; 北京市政府发言人周二表示。 ÉTAT-MAJOR, l’agence.\n\n")


def _reference(text: str) -> tuple[str, list[int]]:
    """One character at a time, as the folding is defined."""
    out: list[str] = []
    origins: list[int] = []
    for i, c in enumerate(text):
        if c.isalnum():
            piece = fold(c)
        else:
            piece = "" if unicodedata.combining(c) else " "
        for ch in piece:
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
            origins.append(i)
    return "".join(out), origins


def test_folding_a_long_article_is_the_character_by_character_folding():
    text = SENTENCE * 400
    assert folded_with_origins(text) == _reference(text)


CHARS = st.sampled_from(list("aZé É e\u0301\u0301ßﬁ½İ’'-.,«»\n\t 北。3_") + ["\u00a0", "\u2060"])


@settings(max_examples=400, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join))
def test_folded_with_origins_is_the_character_by_character_folding(text):
    assert folded_with_origins(text) == _reference(text)
    folded, origins = folded_with_origins(text)
    assert len(folded) == len(origins) and origins == sorted(origins)

