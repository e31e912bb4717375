"""Source names: the name inside a source span (``normalise_source``) and groups of the spellings
of one source (``group_sources``), in French and English."""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from workbench.linking.sources import (
    DEFAULT_THRESHOLD,
    _feminine_pair,
    _similar_surnames,
    group_sources,
    normalise_source,
)

PESKOV = [
    "Dmitri Peskov",
    "Peskov",
    "le porte-parole du Kremlin, Dmitri Peskov",
    "M. Peskov",
    "Dmitry Peskov",
]


def test_module_is_pure():
    """Standard library and rapidfuzz only: no database, no UI, no numpy."""
    code = "import sys, workbench.linking.sources; print('\\n'.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    assert "rapidfuzz" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "sqlalchemy", "sqlmodel", "numpy", "alembic")}
    assert not {m for m in loaded if m.startswith(("workbench.store", "workbench.tui", "workbench.claims"))}


# --- normalise_source -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "span, name",
    [
        # appositions, either way round
        ("le porte-parole du Kremlin, Dmitri Peskov", "Dmitri Peskov"),
        ("Dmitri Peskov, le porte-parole du Kremlin", "Dmitri Peskov"),
        ("la porte-parole du ministère russe des Affaires étrangères, Maria Zakharova", "Maria Zakharova"),
        ("le ministre ukrainien des Affaires étrangères, Dmitry Kuleba", "Dmitry Kuleba"),
        # honorifics and titles before a name
        ("M. Peskov", "Peskov"),
        ("monsieur Peskov", "Peskov"),
        ("Mme Zakharova", "Zakharova"),
        ("Le Dr Blagden", "Blagden"),
        ("Le président russe Vladimir Poutine", "Vladimir Poutine"),
        ("le secrétaire d’État américain Antony Blinken", "Antony Blinken"),
        ("le ministre russe de la Défense Sergueï Choïgou", "Sergueï Choïgou"),
        ("l'opposant Alexeï Navalny", "Alexeï Navalny"),
        ("l’agence Reuters", "Reuters"),
        ("le quotidien Le Monde", "Le Monde"),
        # English
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("US Secretary of State Antony Blinken", "Antony Blinken"),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("Mr. Peskov", "Peskov"),
        ("President Biden", "Biden"),
        ("the State Department", "State Department"),
        ("a US official", "US official"),
        ("Stephen King", "Stephen King"),  # a surname that is also a title word
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        # names that start with an article or a particle keep it
        ("Le Pen", "Le Pen"),
        ("Marine Le Pen", "Marine Le Pen"),
        ("Le Monde", "Le Monde"),
        ("von der Leyen", "von der Leyen"),
        ("Valéry Giscard d'Estaing", "Valéry Giscard d'Estaing"),
        # institutions, places, descriptions: minus the determiner, nothing else
        ("le ministère russe des Affaires étrangères", "ministère russe des Affaires étrangères"),
        ("Le ministère russe de la Défense", "ministère russe de la Défense"),
        ("le président de la République", "président de la République"),
        ("un haut responsable américain de la défense", "haut responsable américain de la défense"),
        ("Reuters", "Reuters"),
        ("Le Kremlin", "Kremlin"),
        ("La Russie", "Russie"),
        ("le Times", "Times"),
        ("D’autres sources", "autres sources"),
        ("Mme la ministre", "ministre"),
        # spaces, apostrophes, quotes, final full stop
        ("Dmitri\u00a0Peskov", "Dmitri Peskov"),
        ("le\u202fporte-parole du Kremlin,\u00a0Dmitri   Peskov", "Dmitri Peskov"),
        ("l’armée", "armée"),
        ("« Peskov »", "Peskov"),
        ("Peskov.", "Peskov"),
        # a relative clause describes, it does not name, with a comma or without
        ("Bob Mason, a retired letter carrier who lined up to hear him", "Bob Mason"),
        ("A federal health official who was not authorized to speak publicly", "federal health official"),
        ("Two people who were present on Thursday", "Two people"),
        ("un historien qui a travaillé sur les archives", "historien"),
        ("les élus dont la commune a perdu sa gare", "élus"),
        ("The company, which makes gearboxes", "company"),
    ],
)
def test_normalise_source(span, name):
    assert normalise_source(span) == name


@pytest.mark.parametrize(
    "span",
    ["il", "Il", "elle", "ils", "on", "nous", "he", "she", "they", "We", "ce dernier", "the latter",
     "", "   ", "\u00a0", "« il »", "Il\u202f"],
)
def test_pronouns_and_empty_spans_are_no_name(span):
    assert normalise_source(span) is None


def test_language_picks_the_word_lists():
    # "M." is an honorific in French, an initial in English ("M. Night Shyamalan")
    assert normalise_source("M. Night Shyamalan", "fr") == "Night Shyamalan"
    assert normalise_source("M. Night Shyamalan", "en") == "M. Night Shyamalan"
    assert normalise_source("il", "fr") is None
    assert normalise_source("he", "en") is None
    assert normalise_source("he", "fr") == "he"
    with pytest.raises(ValueError):
        normalise_source("Peskov", "de")


# --- group_sources ----------------------------------------------------------------------------


def test_peskov_forms_are_one_source_named_dmitri_peskov():
    groups = group_sources(PESKOV)
    assert groups == {name: "Dmitri Peskov" for name in PESKOV}


def test_display_name_has_the_most_words_then_is_the_most_frequent():
    names = ["Peskov"] * 5 + ["Dmitry Peskov"] * 2 + ["Dmitri Peskov", "D. Peskov"]
    assert set(group_sources(names).values()) == {"Dmitry Peskov"}
    names = ["Peskov"] * 5 + ["Dmitry Peskov"] + ["Dmitri Peskov"] * 2
    assert set(group_sources(names).values()) == {"Dmitri Peskov"}
    # an initial is not a word: "Hunter Biden" names the group, not "H. Biden"
    assert group_sources(["H. Biden", "H. Biden", "Hunter Biden"])["H. Biden"] == "Hunter Biden"


def test_every_input_gets_a_group_and_iterators_are_read_once():
    names = [*PESKOV, "il", "", "Reuters", "un responsable américain"]
    groups = group_sources(iter(names))
    assert set(groups) == set(names)


def test_no_break_spaces_and_apostrophes_group_together():
    names = ["Dmitri Peskov", "Dmitri\u00a0Peskov", "Dmitri\u202fPeskov", "le porte-parole du Kremlin,\u00a0Peskov"]
    groups = group_sources(names)
    assert set(groups) == set(names)
    assert set(groups.values()) == {"Dmitri Peskov"}
    groups = group_sources(["l’agence de presse", "l'agence de presse", "L’agence de presse"])
    assert set(groups.values()) == {"agence de presse"}


def test_transliteration_variants_are_one_person():
    zelensky = ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenski", "Zelenskyy", "Zelensky"]
    putin = ["Vladimir Poutine", "Vladimir Putin", "le président russe Vladimir Poutine",
             "Russian President Vladimir Putin", "Poutine", "Putin"]
    prigozhin = ["Evgueni Prigojine", "Yevgeny Prigozhin", "Prigojine"]
    peskov = ["Dmitri Peskov", "Dmitri Peskov", "Dmitri Peskow", "Dmitriy Peskov", "Peskow"]
    # each display name is the most frequent full form (ties go to code point order)
    groups = group_sources(zelensky + putin + prigozhin + peskov + ["Vladimir Poutine", "Volodymyr Zelensky"])
    assert {groups[n] for n in zelensky} == {"Volodymyr Zelensky"}
    assert {groups[n] for n in putin} == {"Vladimir Poutine"}
    assert {groups[n] for n in prigozhin} == {"Evgueni Prigojine"}
    assert {groups[n] for n in peskov} == {"Dmitri Peskov"}


def test_near_names_of_different_people_stay_apart():
    groups = group_sources(["Joe Biden", "Joe Bidet", "Biden", "Bidet"])
    assert groups["Joe Biden"] != groups["Joe Bidet"]  # ratio 80, under the threshold
    assert groups["Biden"] == "Joe Biden"
    assert groups["Bidet"] == "Joe Bidet"
    # masculine and feminine forms are two people
    groups = group_sources(["Daniel Dupont", "Danielle Dupont", "Alexander Lukashenko", "Alexandra Lukashenko",
                            "Dmitri Peskov", "Elizaveta Peskova", "Peskova", "Olena Zelenska", "Volodymyr Zelensky"])
    assert len(set(groups.values())) == len(groups) - 1
    assert groups["Peskova"] == "Elizaveta Peskova"
    # same surname, different given names
    groups = group_sources(["Marine Le Pen", "Marion Le Pen", "Jean-Marie Le Pen"])
    assert len(set(groups.values())) == 3


def test_threshold_decides_near_spellings():
    assert len(set(group_sources(["Joe Biden", "Joe Bidet"]).values())) == 2
    assert len(set(group_sources(["Joe Biden", "Joe Bidet"], threshold=80).values())) == 1
    assert len(set(group_sources(["Vladimir Poutine", "Vladimir Putin"], threshold=95).values())) == 2


def test_a_surname_alone_joins_the_only_person_with_that_surname():
    groups = group_sources(["Joe Biden", "Biden", "President Biden", "M. Biden"])
    assert set(groups.values()) == {"Joe Biden"}


def test_an_ambiguous_surname_is_not_merged_into_one_of_its_people():
    """"Biden" with Joe and Hunter Biden in the corpus could be either: it stays a group of its
    own ("Biden", with the other spellings of the surname alone), and so do the full names."""
    names = ["Joe Biden", "Joe Biden", "Hunter Biden", "Biden", "President Biden", "H. Biden", "J. Biden", "Jill Biden"]
    groups = group_sources(names)
    assert groups["Joe Biden"] == "Joe Biden"
    assert groups["Hunter Biden"] == "Hunter Biden"
    assert groups["Jill Biden"] == "Jill Biden"
    assert groups["Biden"] == groups["President Biden"] == "Biden"
    assert groups["H. Biden"] == "Hunter Biden"  # one Biden with an H
    assert groups["J. Biden"] == "J. Biden"  # Joe or Jill


def test_institutions_and_descriptions_group_by_their_words_only():
    names = [
        "le ministère russe des Affaires étrangères",
        "Le ministère russe des Affaires étrangères",
        "le ministère des Affaires étrangères",
        "Reuters",
        "l'agence Reuters",
        "Le Kremlin",
        "le Kremlin",
        "un responsable américain",
        "le responsable américain",
        "a US official",
        "the US official",
        "Washington",
        "George Washington",
        "Antony Blinken",
        "le secrétaire d'État américain Antony Blinken",
        "the World Health Organization",
        "the Financial Times",
        "le Times",
        "Analysts",
        "Jane Analysts",
    ]
    groups = group_sources(names)
    assert groups["le ministère russe des Affaires étrangères"] == groups["Le ministère russe des Affaires étrangères"]
    assert groups["le ministère russe des Affaires étrangères"] == "ministère russe des Affaires étrangères"
    assert groups["le ministère des Affaires étrangères"] == "ministère des Affaires étrangères"
    assert groups["Reuters"] == groups["l'agence Reuters"] == "Reuters"
    assert groups["Le Kremlin"] == groups["le Kremlin"] == "Kremlin"
    assert groups["un responsable américain"] == groups["le responsable américain"] == "responsable américain"
    assert groups["a US official"] == groups["the US official"] == "US official"
    # a place used as a source is not the surname of a person of the corpus
    assert groups["Washington"] == "Washington"
    assert groups["George Washington"] == "George Washington"
    # an anonymous official is not merged with the named one
    assert groups["le secrétaire d'État américain Antony Blinken"] == "Antony Blinken"
    # organisations and newspapers are not people: "Times" is not the surname of "Financial Times"
    assert groups["the World Health Organization"] == "World Health Organization"
    assert groups["the Financial Times"] == "Financial Times"
    assert groups["le Times"] == "Times"
    # a capitalised common noun alone is a description, not a surname
    assert groups["Analysts"] == "Analysts"
    assert len({groups[n] for n in names}) == 14


def test_pronouns_map_to_themselves_and_join_nothing():
    groups = group_sources(["il", "Il", " il ", "he", "", "Peskov", "Dmitri Peskov"])
    assert groups["il"] == "il"
    assert groups[" il "] == "il"
    assert groups["Il"] == "Il"
    assert groups["he"] == "he"
    assert groups[""] == ""
    assert groups["Peskov"] == "Dmitri Peskov"


def test_a_chain_of_near_names_is_cut_the_same_way_in_any_order():
    """Putin ~ Poutine (91) and Poutine ~ Poutinet (92), but Putin !~ Poutinet (83): leader
    clustering (most frequent first, then by key) never chains, whatever the input order."""
    names = ["Vladimir Putin", "Vladimir Poutine", "Vladimir Poutinet", "Poutinet"]
    results = {tuple(sorted(group_sources(p).items())) for p in itertools.permutations(names)}
    assert len(results) == 1
    groups = dict(results.pop())
    assert groups["Vladimir Putin"] == groups["Vladimir Poutine"] != groups["Vladimir Poutinet"]
    assert groups["Poutinet"] == groups["Vladimir Poutinet"]


# --- properties -------------------------------------------------------------------------------

POOL = [
    *PESKOV, "Peskow", "D. Peskov", "Elizaveta Peskova", "Peskova",
    "Joe Biden", "Hunter Biden", "Biden", "J. Biden", "Jill Biden", "Joe Bidet", "Bidet",
    "Volodymyr Zelensky", "Zelenskyy", "Zelenski", "Olena Zelenska", "Vladimir Poutine", "Putin",
    "Vladimir Putin", "Vladimir Poutinet", "Poutinet", "V. Putin", "Vladimir Poutine",
    "Le Pen", "Marine Le Pen", "Jean-Marie Le Pen", "Daniel Dupont", "Danielle Dupont", "Dupont",
    "le ministère russe des Affaires étrangères", "Reuters", "l'agence Reuters", "Le Kremlin", "AFP",
    "un responsable américain", "a US official", "il", "Il", "he", "", "Dmitri\u00a0Peskov",
]
span = st.one_of(
    st.sampled_from(POOL),
    st.text(alphabet=st.sampled_from(list("PeskovBidnZl .,'’\u00a0-ML")), max_size=14),
    st.text(max_size=10),
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(span, max_size=25), st.randoms(use_true_random=False))
def test_grouping_is_deterministic_and_independent_of_input_order(names, rnd):
    groups = group_sources(names)
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert group_sources(shuffled) == groups
    assert group_sources(names) == groups
    # every input has a group
    assert set(groups) == set(names)
    # spans with the same name are in the same group; a group's display name is one of its names
    by_name: dict[str, set[str]] = {}
    for name in names:
        normalised = normalise_source(name)
        if normalised is not None:
            by_name.setdefault(normalised, set()).add(groups[name])
    assert all(len(g) == 1 for g in by_name.values())
    for name in names:
        if normalise_source(name) is not None:
            assert groups[name] in by_name


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.text(alphabet="abeiklnorsv", min_size=1, max_size=9), max_size=40))
def test_candidate_search_misses_no_short_surname_pair(keys):
    """Below 10 letters, every pair with ``fuzz.ratio`` >= 90 is within one edit, so the
    one-deletion index must find exactly the pairs that a comparison of every pair finds."""
    found = _similar_surnames(keys, DEFAULT_THRESHOLD)
    for a in set(keys):
        expected = {
            b for b in set(keys)
            if b != a and not _feminine_pair(a, b, given=False) and fuzz.ratio(a, b) >= DEFAULT_THRESHOLD
        }
        assert {b for b, _ in found[a]} == expected


# --- speed ------------------------------------------------------------------------------------


def _corpus(n: int, people: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "ro", "sa", "ti", "vu", "de", "bo", "ri", "ko", "la", "pe", "sk", "ov", "an", "ch"]

    def word(k: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(k)).capitalize()

    persons = [(word(rng.randint(2, 3)), word(rng.randint(2, 4))) for _ in range(people)]
    forms = ["{g} {s}", "{s}", "M. {s}", "le porte-parole du ministère, {g} {s}", "Russian President {g} {s}"]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.1:
            out.append(rng.choice(["il", "elle", "he", "they"]))
        elif r < 0.2:
            out.append(f"un responsable américain {rng.randrange(500)}")
        else:
            g, s = rng.choice(persons)
            if rng.random() < 0.1:
                s = s.replace("v", "w")
            out.append(rng.choice(forms).format(g=g, s=s))
    return out


@pytest.mark.slow
def test_100000_names_group_in_seconds():
    names = _corpus(100_000, 40_000, seed=7)
    start = time.perf_counter()
    groups = group_sources(names)
    elapsed = time.perf_counter() - start
    assert set(groups) == set(names)
    assert elapsed < 20, elapsed  # about 2-4 s on a busy 2-core machine; a pairwise scan takes minutes
