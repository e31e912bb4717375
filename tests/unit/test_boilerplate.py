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
        "Associated Press writer Jane Doe in Dallas contributed to this report.",
        "The AP is solely responsible for all content.",
        "Koenig covers health and science for The Associated Press.",
        "Les informations publiées sur ce site ne remplacent pas l’avis d’un professionnel de santé.",
        "Vous pouvez lire Le Monde sur un seul appareil à la fois",
        "All quotes delayed a minimum of 15 minutes.",
    ],
    "caption": [
        "[1/2] A pharmacist fills a prescription at a drug store in Chicago, Illinois, U.S., March 3, 2025.",
        "Kenya's Moses Tanui crosses the finish line in Berlin, Germany, September 29, 2024.",
        "A nurse prepares a dose of the vaccine at a clinic in Lubbock, Texas, on Feb. 11, 2025.",
        "Des voyageurs devant un tableau d’affichage à l’aéroport de Paris-Orly, le 1er juillet 2025.",
        "Un Canadair largue de l’eau sur l’incendie près de Lagrasse, le 6 août 2025. © Idriss Bigou-Gilles, AFP",
        "REUTERS/Jim Vondruska/File Photo Purchase Licensing Rights, opens new tab",
        "CLAIRE VASSEUR / « LE MONDE »",
    ],
    "time stamp": [
        "June 10, 2025 4:52 PM GMT+1Updated 2 hours ago",
        "Publié aujourd’hui à 06h30, modifié à 11h02",
        "Temps de Lecture 3 min.",
        "Le Monde.fr - Actualités et Infos en France et dans le monde",
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The new law took effect on January 1, 2024, after months of debate in the state senate.",
        "La loi entrera en vigueur le 1er janvier 2026.",
        "Insurance covers most of the cost for the families who lost their homes in the flood.",
    ],
)
def test_a_date_or_a_credit_like_phrase_in_a_real_sentence_is_kept(sentence):
    assert [c.text for c in extract(sentence)] == [sentence]


@pytest.mark.parametrize(
    ("header", "links"),
    [
        ("Read Next", ["Judge blocks Texas law on drone photography near stadiums",
                       "Exclusive: Law firm merger talks stall over partner pay, sources say"]),
        ("Sur le même sujet", ["Canicule : vigilance rouge dans quatre départements du Sud",
                               "Incendies : la saison des feux s’allonge en Europe, alerte un rapport"]),
    ],
)
def test_headlines_after_a_list_heading_are_links(header, links):
    """Other articles' headlines under "Read Next" / "Sur le même sujet" are not claims; a real
    paragraph after them is."""
    text = "\n".join([CLAIM_EN, header, *links, CLAIM_FR])
    assert [c.text for c in extract(text)] == [CLAIM_EN, CLAIM_FR]


def test_the_caption_after_a_credit_line_is_dropped():
    text = "\n".join(["Getty Images", "Brackley's plant in Sunderland employs about 3,100 people", CLAIM_EN])
    assert [c.text for c in extract(text)] == [CLAIM_EN]


def test_a_credit_line_drops_the_caption_just_before_it_only():
    caption = "Halvorsen Mobile’s headquarters in Overland Park, Kansas, in 2023."
    later = "The carrier said on Monday that the data of 2 million customers had been stolen."
    assert [c.text for c in extract("\n".join([CLAIM_EN, caption, "Charlie Riedel/AP/File", later]))] == [CLAIM_EN, later]
    # a claim with furniture between it and a credit is not a caption
    assert [c.text for c in extract("\n".join([CLAIM_EN, "Share this article", "Charlie Riedel/AP/File"]))] == [CLAIM_EN]


@pytest.mark.parametrize(
    "line",
    [
        "Daniel Rourke was leading the championship with two rounds to play MARK HARRISON FOR THE TIMES",
        "The Caribbean Horizon docked at Port Canaveral, Fla., on Sunday.Paul Hennessy / NBC News",
        "Illustration by Cath Virginia / The Verge",
        "Saturday August 09 2025, 12.01am BST, The Times",
        "— With assistance from Cagan Koc and Debby Wu",
        "If you buy something from a Verge link, Vox Media may earn a commission.",
        "Tom Kessler is a producer for NBC News based in Miami.",
        "Vous avez lu un article réservé aux abonnés.",
        "Prenez note que cet article publié en 2025 pourrait contenir des informations qui ne sont plus à jour.",
        "L'essentiel de l'actualité de la Gironde chaque matin dans votre boîte mail.",
        "« Des erreurs administratives »",
        "Un degré de danger «marqué»",
    ],
)
def test_fourth_set_furniture(line):
    assert [c.text for c in extract(f"{CLAIM_FR}\n{line}\n{CLAIM_EN}")] == [CLAIM_FR, CLAIM_EN]


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        # mojibake ("Ã©" holds a "©") is no copyright notice: the paragraph is kept
        ("The mayor said the cafÃ© would close on Friday.", ["The mayor said the cafÃ© would close on Friday."]),
        ("Le maire a déclaré que le cafÃ© fermerait vendredi.", ["Le maire a déclaré que le cafÃ© fermerait vendredi."]),
        # a notice after two sentences drops the notice only
        ("The mayor said the cafe would close. The council disagreed with him on Monday. © 2023 Reuters",
         ["The mayor said the cafe would close.", "The council disagreed with him on Monday."]),
        ("Le maire a dit que le café fermerait. Le conseil municipal conteste ce chiffre. © 2023 AFP",
         ["Le maire a dit que le café fermerait.", "Le conseil municipal conteste ce chiffre."]),
        # one sentence and a credit is a caption, as before
        ("Un Canadair largue de l’eau près de Lagrasse, le 6 août 2025. © Idriss Bigou-Gilles, AFP", []),
    ],
)
def test_a_copyright_sign_drops_a_notice_or_a_caption_not_a_paragraph(paragraph, kept):
    assert [c.text for c in extract(f"{CLAIM_EN}\n{paragraph}\n{CLAIM_FR}")] == [CLAIM_EN, *kept, CLAIM_FR]


# A word that page furniture uses ("newsletter", "cookies", "opt out", "ici", a time of day) is
# not furniture in a sentence of the article: the paragraph that holds it is kept.
PROSE_WITH_FURNITURE_WORDS = {
    "en": [
        "The mayor said the meeting would start at 7.30pm on Tuesday.",
        "The email was sent at 6:12 p.m. EST by the chief of staff, hours after the first attack.",
        "Facebook said it would change its privacy policy after the ruling.",
        "Parents can opt out of the state exams, the governor said on Monday.",
        "“We have a real problem,” said Ann Lee, who writes a politics newsletter in Ohio.",
        "Published in 2019, the study found that air pollution raised the risk of dementia.",
        "Updated figures from the agency show that the deficit widened in March.",
        "Comments by the minister drew sharp criticism from the opposition on Monday.",
        "Download speeds will double next year, the company said in a statement.",
        "More stories of abuse emerged on Monday, the investigators said.",
        "Copyright law has not kept up with artificial intelligence, the judge wrote.",
        "The families wanted to share the story of their son, their lawyer said.",
        "The driver is solely responsible for the crash, the prosecutor said.",
        "The studio bought the licensing rights to the novel for $2 million, the company said.",
        "The bakery sold thousands of cookies, and the owner said the new policy would hurt sales.",
        "He posted a video via Twitter in which he accused the governor of lying.",
        "Accept the result, the senator told his supporters on Tuesday.",
    ],
    "fr": [
        "« Nous resterons ici », a déclaré le maire devant les habitants qui vivent ici.",
        "Le maire a affirmé que les familles voulaient rester ici.",
        "Publié le 3 mars, le rapport montre que la pollution aggrave les maladies, selon les auteurs.",
        "Illustration de la crise, le chômage a encore augmenté en mars, a indiqué l'Insee.",
        "Les enquêteurs refusent de partager l'information avec la police, a déploré l'avocat.",
        "Le chroniqueur a écrit dans sa newsletter que le gouvernement allait reculer.",
        "La boulangerie vend des cookies, et le patron estime que la nouvelle règle de la mairie est injuste.",
    ],
}
PROSE_CASES = [(lang, s) for lang, ss in PROSE_WITH_FURNITURE_WORDS.items() for s in ss]


@pytest.mark.parametrize(("lang", "sentence"), PROSE_CASES, ids=[f"{lang}:{s[:30]}" for lang, s in PROSE_CASES])
def test_a_furniture_word_in_a_sentence_of_the_article_keeps_its_paragraph(lang, sentence):
    follow = CLAIM_EN if lang == "en" else "Le conseil municipal se réunira jeudi."
    paragraph = f"{sentence} {follow}"
    assert [c.text for c in extract(f"{paragraph}\n", lang)] == [sentence, follow]


@pytest.mark.parametrize(
    "line",
    [
        "Newsletter Le Matin : l’essentiel de l’actualité, chaque jour à 7h.",
        "Gérer mes cookies : le site et ses partenaires utilisent des cookies pour mesurer l'audience.",
        "Comments are subject to our community guidelines, which can be viewed here.",
        "CORRECTION (March 3, 2025, 9:10 a.m. ET): An earlier version of this article misstated a figure.",
        "Update, March 18th, 6:05PM ET: Added comment from the company.",
        "The editor selects her favourite stories in this weekly newsletter.",
        "A protester faces a police line in the city centre on Friday. Screenshot via Facebook",
        "Saturday August 09 2025, 12.01am BST, The Times",
        "June 10, 2025 4:52 PM GMT+1",
        "Published March 12, 2025",
        "Publié le 12 mars 2025 à 10h00",
        "Copyright 2025 The Associated Press",
        "You can opt out at any time.",
        "Retrouvez toutes nos vidéos ici.",
    ],
)
def test_furniture_with_those_words_is_still_dropped(line):
    assert [c.text for c in extract(f"{CLAIM_FR}\n{line}\n{CLAIM_EN}")] == [CLAIM_FR, CLAIM_EN]
