"""What the model sees of a candidate: the rules' findings as readable features."""

from __future__ import annotations

from workbench.claims import Candidate, Span, extract
from workbench.learning import Example, features_of, pattern_of, source_kind
from workbench.learning.features import lexicon_features, rule_features, stem


def test_pattern_of_every_reason_the_extractor_writes():
    assert pattern_of("inverted") == ("inverted", False)
    assert pattern_of("contest cue (preverbal)") == ("preverbal", True)
    assert pattern_of("contest cue (contest-only)") == ("contest-only", True)
    assert pattern_of("no attribution cue") == ("none", False)
    assert pattern_of("quotation without a speech tag") == ("carried", False)
    assert pattern_of("reporting verb without a clear source") == ("verb-only", False)
    assert pattern_of("headline credits a speaker") == ("headline", False)
    assert pattern_of("something new") == ("other", False)


def test_kind_of_source():
    assert source_kind(None) == "none"
    for pronoun in ("he", "Elle", "-t-il", "ils"):
        assert source_kind(pronoun) == "pronoun", pronoun
    for name in ("Dmitri Peskov", "Reuters", "Ursula von der Leyen", "TASS"):
        assert source_kind(name) == "name", name
    for description in ("le ministère", "a US official", "The ministry", "le porte-parole du Kremlin, Dmitri Peskov"):
        assert source_kind(description) == "description", description


def test_rule_features_of_an_inverted_speech_tag():
    text = "« Nous avons un canal sûr », a déclaré le porte-parole du Kremlin, Dmitri Peskov."
    (c,) = extract(text)
    feats = rule_features(Example("a", c, 4 * len(text)))
    assert "rules=attributed" in feats and "pattern=inverted" in feats
    assert "cue=a déclaré" in feats and "cue word=déclaré" in feats
    assert "source=description" in feats and "source word=peskov" in feats
    assert "quotation marks" in feats and "starts with a quotation mark" in feats
    assert "position=0-10%" in feats and "position=first line" in feats


def test_a_stored_row_rebuilt_as_a_candidate_gives_the_same_features():
    text = "Moscow will respond, the ministry said on Monday."
    (c,) = extract(text)
    rebuilt = Candidate(c.start, c.end, c.text, c.label, c.score,
                        cue=Span(c.cue.start, c.cue.end, c.cue.text), source=Span(c.source.start, c.source.end, c.source.text),
                        reason=c.reason)
    assert features_of(Example("a", rebuilt, len(text))) == features_of(Example("a", c, len(text)))


def test_lexicon_words_anywhere_in_the_claim():
    feats = lexicon_features("Critics, who have long denied it, welcomed the announcement, selon l'AFP, according to aides.")
    assert "lexicon=contest verb" in feats and "lexicon word=denied" in feats
    assert "lexicon stem=announc" in feats  # "announcing" is a lexicon word, "announcement" another form
    assert "lexicon stem=déclar" in lexicon_features("Le ministre déclare que tout va bien.")
    assert "lexicon word=according to" in feats and "lexicon word=selon" in feats
    assert stem("déclaré") == stem("déclarer") == "déclar"
    assert lexicon_features("The weather was fine.") == ["lexicon words=0"]


def test_a_decomposed_accent_stays_in_its_word():
    """Text is stored as decoded, and some is NFD: "négociation" decomposed was the words "ne"
    and "gociation" (the claim panel explained a label by ``chars=gociation``), learnt apart from
    the same word composed (found by QA)."""
    import unicodedata

    from workbench.learning.features import char_features, claim_words

    text = "La négociation a échoué, a déclaré le ministère."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert claim_words(nfd) == claim_words(text) == ["la", "négociation", "a", "échoué", "a", "déclaré", "le",
                                                     "ministère"]
    assert char_features(nfd) == char_features(text)
