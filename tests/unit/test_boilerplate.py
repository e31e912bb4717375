"""Page furniture is rejected; the real claims of the same page are kept."""

from __future__ import annotations

import pytest

from workbench.claims import extract

CLAIM_FR = (
    "Moscou ripostera contre des cibles britanniques en Ukraine, a déclaré lundi le ministère "
    "des Affaires étrangères."
)
CLAIM_EN = "The Kremlin said the talks had stalled after weeks of heavy fighting."

FURNITURE = {
    "navigation": ["Skip to content", "Skip to main content", "Passer au contenu"],
    "breadcrumb": [
        "Home » MONDE » La Russie “crée une voie vers l’escalade nucléaire” avec Poutine",
        "Home > World > Europe",
        "Accueil > Monde > Europe",
    ],
    "share": [
        "Vous pouvez partager cette histoire sur les réseaux sociaux :",
        "Share this article",
        "Share this story on Facebook and Twitter.",
        "Partagez cet article",
    ],
    "cookies": [
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Ce site utilise des cookies. En poursuivant la navigation, vous acceptez leur utilisation.",
        "Accept all cookies",
    ],
    "byline": ["By John Smith", "By John Smith and Jane Doe", "par", "Par Jean Dupont", "par Jean Dupont"],
    "related": ["Related Articles", "Articles liés", "Read more", "Lire aussi : la guerre en Ukraine s'intensifie"],
    "section name": ["Russie", "MONDE", "Europe", "World news", "Russie Russie"],
    "teaser question": [
        "Traqueur d’armes ukrainien : Combien d’aide militaire chaque pays a-t-il envoyé pour combattre Poutine ?",
        "Will Russia use nuclear weapons in Ukraine this year?",
    ],
    "call to action": [
        "Découvrez notre dossier complet sur la guerre en Ukraine ICI.",
        "Pour en savoir plus sur la guerre, cliquez ici.",
        "Sign up for our newsletter to receive the latest news.",
        "Abonnez-vous à notre newsletter pour recevoir les dernières nouvelles.",
    ],
    "disclaimer": [
        "Les opinions exprimées dans cet article n’expriment pas le point de vue de la rédaction.",
        "The views expressed in this article do not necessarily reflect those of the publisher.",
        "© 2024 Reuters. All rights reserved.",
        "Tous droits réservés.",
        "Publié le 12 mars 2024 à 10h00",
        "Published 12 March 2024",
        "Advertisement",
    ],
}

CASES = [(kind, line) for kind, lines in FURNITURE.items() for line in lines]


@pytest.mark.parametrize(("kind", "line"), CASES, ids=[f"{k}:{line[:30]}" for k, line in CASES])
@pytest.mark.parametrize("claim", [CLAIM_FR, CLAIM_EN], ids=["fr", "en"])
def test_furniture_is_rejected_and_the_claim_kept(kind, line, claim):
    text = f"{line}\n{claim}\n"
    kept = [c.text for c in extract(text)]
    assert kept == [claim], f"{kind} line not rejected: {line!r}"


def test_a_scraped_page_keeps_only_its_claims():
    claim2 = "Selon le ministère russe des Affaires étrangères, les déclarations de Cameron sont dangereuses."
    claim3 = "« Nous ne céderons pas aux pressions occidentales », a déclaré Peskov."
    page = "\n".join(
        [
            "Skip to content",
            "Home » MONDE » La Russie menace le Royaume-Uni",
            "par",
            CLAIM_FR,
            "Vous pouvez partager cette histoire sur les réseaux sociaux :",
            claim2,
            "Related Articles",
            "Russie",
            "Traqueur d’armes ukrainien : Combien d’aide militaire chaque pays a-t-il envoyé ?",
            claim3,
            "Découvrez notre dossier complet sur la guerre en Ukraine ICI.",
            "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        ]
    )
    assert [c.text for c in extract(page)] == [CLAIM_FR, claim2, claim3]


def test_a_repeated_line_is_kept_once():
    text = f"{CLAIM_FR}\n{CLAIM_FR}\n"
    cands = extract(text)
    assert [c.start for c in cands] == [0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministère a publié ses chiffres.",  # four words, a real sentence
        "Russia warned Britain on Monday.",
    ],
)
def test_short_real_sentences_are_kept(sentence):
    assert [c.text for c in extract(sentence)] == [sentence]


def test_a_question_inside_an_article_paragraph_is_dropped_but_its_neighbours_kept():
    text = "Le Kremlin a déclaré que les négociations étaient au point mort. Que va-t-il se passer ? Personne ne le sait encore vraiment."
    kept = [c.text for c in extract(text)]
    assert kept == [
        "Le Kremlin a déclaré que les négociations étaient au point mort.",
        "Personne ne le sait encore vraiment.",
    ]
