"""Source, cue and label detection through the public ``extract(text)``."""

from __future__ import annotations

import pytest

from workbench.claims import ATTRIBUTED, CONTESTED, UNSOURCED, detect_language, extract


def only(text: str, language: str | None = None):
    """The single candidate of a one-sentence text."""
    cands = extract(text, language)
    assert len(cands) == 1, [c.text for c in cands]
    c = cands[0]
    assert (c.start, c.end, c.text) == (0, len(text), text)
    return c


def source_of(text: str) -> str | None:
    c = only(text)
    return c.source.text if c.source else None


# -- French -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Moscou ripostera contre des cibles britanniques en Ukraine, a déclaré lundi le ministère "
         "des Affaires étrangères.", "le ministère des Affaires étrangères"),
        ("Les forces russes ont frappé un dépôt de carburant près de Kiev, a rapporté jeudi Reuters, "
         "citant des responsables ukrainiens.", "Reuters"),
        ("« Nous ne céderons pas aux pressions occidentales », a déclaré Peskov.", "Peskov"),
        ("« Nous ne céderons pas », a déclaré à l'AFP le porte-parole du Kremlin, Dmitri Peskov.",
         "le porte-parole du Kremlin, Dmitri Peskov"),
    ],
)
def test_french_inverted_subject(text, source):
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source is not None and c.source.text == source
    assert c.cue is not None and c.cue.text.startswith("a ")


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("« Nous ne céderons pas aux pressions occidentales », a-t-il déclaré.", "-t-il", "a-t-il déclaré"),
        ("Nous ne céderons jamais aux pressions, a-t-il déclaré aux journalistes.", "-t-il", "a-t-il déclaré"),
        ("« Nous ne céderons pas aux pressions », a-t-elle ajouté.", "-t-elle", "a-t-elle ajouté"),
        ("« Nous ne céderons pas aux pressions », ajoute-t-il.", "-t-il", "ajoute-t-il"),
        ("« Nous ne céderons pas aux pressions », dit-il.", "-il", "dit-il"),
    ],
)
def test_french_pronoun_in_the_verb(text, source, cue):
    """The source is the pronoun as the text writes it on the verb, hyphens included (the
    annotation convention of French FrameNet, ASFALDA: "-t-il")."""
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source.text == source
    assert c.cue.text == cue


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Selon le ministère de la Défense, les troupes ont reculé de dix kilomètres.", "le ministère de la Défense"),
        ("Les négociations sont au point mort, selon des sources diplomatiques.", "des sources diplomatiques"),
        ("D'après le New York Times, les négociations sont au point mort.", "le New York Times"),
    ],
)
def test_french_selon(text, source):
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source.text == source
    assert c.cue.text.lower() in ("selon", "d'après")


@pytest.mark.parametrize(
    "text",
    [
        "Des rumeurs selon lesquelles les troupes ont reculé circulent depuis des semaines.",
        "Il a cité des informations selon lesquelles les troupes ont reculé de dix kilomètres.",
    ],
)
def test_selon_lesquelles_is_not_an_attribution(text):
    c = only(text)
    assert c.label == UNSOURCED
    assert c.source is None


def test_selon_lesquelles_does_not_hide_the_real_speaker():
    c = only("Moscou ripostera, a affirmé le ministère, selon lesquelles rien n'est joué.")
    assert c.source.text == "le ministère"


@pytest.mark.parametrize("pronoun", ["elle", "elles"])
def test_selon_with_a_subject_pronoun(pronoun):
    c = only(f"Selon {pronoun}, les négociations sont au point mort depuis des mois.")
    assert c.label == ATTRIBUTED
    assert c.source.text == pronoun


@pytest.mark.parametrize("pronoun", ["lui", "eux"])
def test_selon_with_a_stressed_pronoun(pronoun):
    c = only(f"Selon {pronoun}, les négociations sont au point mort depuis des mois.")
    assert c.label == ATTRIBUTED
    assert c.source is not None and c.source.text == pronoun


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Le Kremlin a déclaré que les négociations étaient au point mort.", "Le Kremlin"),
        ("Le ministère des Affaires étrangères a affirmé que Moscou ripostera.", "Le ministère des Affaires étrangères"),
    ],
)
def test_french_preverbal_subject(text, source):
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source.text == source


# -- English ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("The Kremlin said the talks had stalled after weeks of fighting.", "The Kremlin", "said"),
        ("John Smith said the talks had stalled after weeks of fighting.", "John Smith", "said"),
        ("She told reporters that the talks had stalled.", "She", "told"),
        ("The talks had stalled after weeks of fighting, said John Smith.", "John Smith", "said"),
        ('"We will not give in to pressure," said Dmitry Peskov, the Kremlin spokesman.', "Dmitry Peskov, the Kremlin spokesman", "said"),
        ("According to the Defense Ministry, the troops withdrew ten kilometres.", "the Defense Ministry", "According to"),
        ("The talks had stalled, according to two senior officials.", "two senior officials", "according to"),
        ('"We will not give in to Western pressure," he said.', "he", "said"),
        ("“We will not give in to Western pressure,” he said.", "he", "said"),
    ],
)
def test_english_sources(text, source, cue):
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source.text == source
    assert c.cue.text == cue


def test_according_to_which_is_not_an_attribution():
    c = only("Reports according to which the troops withdrew have circulated for weeks.")
    assert c.label == UNSOURCED
    assert c.source is None


# -- contested --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Le Kremlin a démenti toute implication dans l'attaque de drones.", "Le Kremlin"),
        ("Le Kremlin a nié toute implication dans l'attaque de drones.", "Le Kremlin"),
        ("Moscou a démenti ces informations, les qualifiant de mensonges.", "Moscou"),
        ("The spokesman denied any involvement in the drone attack on Monday.", "The spokesman"),
        ("Moscow denied any involvement in the drone attack on Monday.", "Moscow"),
    ],
)
def test_denials_are_contested(text, source):
    c = only(text)
    assert c.label == CONTESTED
    assert c.source.text == source


# -- unsourced, score, language ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "La ville a été bombardée pendant toute la nuit par l'artillerie.",
        "Les négociations sont au point mort depuis des mois.",
        "The city was shelled throughout the night by heavy artillery.",
        "The negotiations have been stalled for months now.",
    ],
)
def test_unsourced_sentence_has_no_source(text):
    c = only(text)
    assert c.label == UNSOURCED
    assert c.source is None
    assert c.cue is None


def test_scores_are_within_zero_and_one(fixtures_dir):
    texts = [p.read_text("utf-8") for p in sorted(fixtures_dir.glob("*.txt"))]
    texts.append("The Kremlin said the talks had stalled. Moscow denied it. The city was shelled.")
    cands = [c for t in texts for c in extract(t)]
    assert cands
    assert all(0.0 <= c.score <= 1.0 for c in cands)


def test_an_attributed_claim_scores_higher_than_an_unsourced_one():
    attributed = only("Le Kremlin a déclaré que les négociations étaient au point mort.")
    unsourced = only("Les négociations sont au point mort depuis des mois.")
    assert attributed.score > unsourced.score


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le chat est sur la table et il dort.", "fr"),
        ("Moscou ripostera contre des cibles britanniques, a déclaré le ministère.", "fr"),
        ("The cat is on the table and it sleeps.", "en"),
        ("The Kremlin said the talks had stalled after weeks of fighting.", "en"),
        ("", "und"),
        ("123 456", "und"),
        ("Bonjour", "und"),
    ],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_fixtures_are_detected_as_french(fixtures_dir):
    for p in sorted(fixtures_dir.glob("*.txt")):
        assert detect_language(p.read_text("utf-8")) == "fr", p.name


# -- rules found on unseen news (held-out texts, not the fixtures) -----------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Selon la police, trois personnes ont été blessées dans l'explosion de la nuit dernière.", "la police"),
        ("Selon les experts, la sécheresse devrait se prolonger jusqu'à la fin de l'été.", "les experts"),
        ("According to him, the plant had been running at full capacity for weeks.", "him"),
        ("According to them, the plant had been running at full capacity for weeks.", "them"),
    ],
)
def test_according_to_a_determiner_or_a_pronoun(text, source):
    c = only(text)
    assert c.label == ATTRIBUTED
    assert c.source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "Selon le cas, les salariés pourront partir plus tôt ou rester jusqu'au soir.",
        "According to which the plant had been running at full capacity for weeks.",
    ],
)
def test_according_to_before_a_relative_or_a_set_phrase_is_no_source(text):
    assert only(text).source is None


def test_leading_article_stays_in_the_subject():
    c = only('"We are not going to comment on speculation," a company spokesman told Reuters.', "en")
    assert (c.label, c.source.text, c.cue.text) == (ATTRIBUTED, "a company spokesman", "told")
    c = only("Un porte-parole de la compagnie a déclaré que le vol avait été annulé.", "fr")
    assert c.source.text == "Un porte-parole de la compagnie"


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Texas Attorney General Ken Paxton defended the law, saying it protects children.",
         "Texas Attorney General Ken Paxton", "saying"),
        ("The union signed the deal, saying it would protect thousands of jobs.", "The union", "saying"),
        ("Le ministre de l'Intérieur Gérald Darmanin défend la décision, affirmant qu'elle protège les élus.",
         "Le ministre de l'Intérieur Gérald Darmanin", "affirmant"),
    ],
)
def test_participle_after_a_comma_credits_the_opening_subject(text, source, cue):
    """A participle ("saying", "affirmant") never has its subject after it."""
    c = only(text)
    assert (c.label, c.source.text, c.cue.text) == (ATTRIBUTED, source, cue)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Le groupe dément toute volonté de délocaliser sa production en Asie.", "Le groupe"),
        ("La direction conteste ces chiffres, publiés mardi par le syndicat.", "La direction"),
        ("The company denies any wrongdoing in the handling of the contracts.", "The company"),
    ],
)
def test_denial_in_the_present_takes_its_subject(text, source):
    c = only(text)
    assert (c.label, c.source.text) == (CONTESTED, source)


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Les syndicats ont aussitôt dénoncé un « plan social déguisé ».", "Les syndicats", "ont aussitôt dénoncé"),
        ("Le ministre de l'Industrie a pour sa part assuré que l'État serait vigilant.",
         "Le ministre de l'Industrie", "a pour sa part assuré"),
        ("The minister has for his part said that the plan would go ahead.", "The minister", "has for his part said"),
    ],
)
def test_adverbs_and_set_phrases_inside_the_verb_group(text, source, cue):
    c = only(text)
    assert (c.source.text, c.cue.text) == (source, cue)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Pour l'économiste Jean Dupont, « ce plan était prévisible depuis des mois ».", "l'économiste Jean Dupont"),
        ("Pour le syndicat, « il s’agit d’une trahison pure et simple ».", "le syndicat"),
        ('For Ms. Lopez, "it was a dark day for free expression in the state."', "Ms. Lopez"),
    ],
)
def test_opinion_frame_before_a_quotation(text, source):
    c = only(text)
    assert (c.label, c.source.text) == (ATTRIBUTED, source)


def test_opinion_frame_needs_the_quotation():
    c = only("Pour la première fois, le groupe a perdu de l'argent dans la région.", "fr")
    assert c.label == UNSOURCED and c.source is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Torrential rain battered the region on Monday, leaving at least 18 dead, authorities said.", "authorities"),
        ("But residents disputed that account, saying water had poured over the dam since dawn.", "residents"),
        ("Four people were missing after their car was swept into a river, local officials said.", "local officials"),
    ],
)
def test_bare_plural_subject(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("He has been told by police that the road would stay closed until Friday.", "police", "has been told"),
        ("La fermeture a été annoncée par le ministère de la Santé dans un communiqué.",
         "le ministère de la Santé", "a été annoncée"),
    ],
)
def test_passive_credits_its_agent(text, source, cue):
    c = only(text)
    assert (c.label, c.source.text, c.cue.text) == (ATTRIBUTED, source, cue)


@pytest.mark.parametrize(
    "text",
    [
        "The hearing was adjourned, and then in the end nothing more was said about it.",
        "It was reported that the plant had been closed for several weeks already.",
    ],
)
def test_passive_without_agent_has_no_source(text):
    """The subject of a passive is what was said, not who said it."""
    assert only(text, "en").source is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("His agent, Hendrik van Dijk, said the runner had been shocked by the result.", "His agent, Hendrik van Dijk"),
        ("Ardent, which is based in Indianapolis, said it disagreed with the decision.",
         "Ardent, which is based in Indianapolis"),
        ("One worker at the plant, who has been with the firm for 22 years, said the mood was grim.",
         "One worker at the plant, who has been with the firm for 22 years"),
        ("Ruth Anne Miller, a mother of five who lives outside the town, said she would not change her mind.",
         "Ruth Anne Miller, a mother of five who lives outside the town"),
        ("Le maire sortant, battu dimanche au second tour, dénonce des irrégularités dans le scrutin.",
         "Le maire sortant"),
        ("One of them, Coreline Rx, rejected the claim that its contracts had driven up prices.", "Coreline Rx"),
    ],
)
def test_subject_before_an_apposition_or_a_relative_clause(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Moscou ripostera contre des cibles britanniques, a déclaré lundi le ministère des Affaires étrangères.",
         "le ministère des Affaires étrangères"),
        ("En Ukraine, les combats continuent, a déclaré le ministre de la Défense.", "le ministre de la Défense"),
        ("Des annulations sont prévues à Marseille, Nice et Lyon, où les vols seront réduits, a précisé l’autorité.",
         "l’autorité"),
    ],
)
def test_inverted_subject_after_a_clause_still_wins(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"We will appeal," said Rachel Odom, a professor at Northwestern University\'s law school.',
         "Rachel Odom, a professor at Northwestern University's law school"),
        ("« Le feu avançait très vite », raconte Martine, une retraitée du village.", "Martine, une retraitée du village"),
    ],
)
def test_description_after_an_inverted_name_is_part_of_the_source(text, source):
    assert only(text).source.text == source


def test_object_after_the_verb_is_no_inverted_subject():
    c = only("However, a person familiar with the plans, who did not want to be named, told the BBC that "
             "managers had been asked to cost a transfer.", "en")
    assert c.source.text == "a person familiar with the plans, who did not want to be named"


def test_addressee_then_a_name():
    c = only("« Nous avons alerté la direction depuis des mois », a déclaré à l’AFP Thomas Lévêque, "
             "secrétaire général adjoint du syndicat.", "fr")
    assert c.source.text == "Thomas Lévêque, secrétaire général adjoint du syndicat"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A federal health official who was not authorized to speak publicly told reporters the vaccine had arrived.",
         "A federal health official who was not authorized to speak publicly"),
        ("A spokesperson for the Department for Business and Trade said ministers were in close contact.",
         "A spokesperson for the Department for Business and Trade"),
        ("The state's teachers, the Athletics Integrity Unit (AIU) said on Wednesday, had been warned.",
         "the Athletics Integrity Unit (AIU)"),
    ],
)
def test_subject_walk_across_relatives_names_and_acronyms(text, source):
    assert only(text).source.text == source


def test_speech_tag_outside_the_quotation_wins():
    c = only("“People are lining up who told us last year they would never get a shot,” Holbrooke said.")
    assert (c.source.text, c.cue.text) == ("Holbrooke", "said")


@pytest.mark.parametrize(
    "text",
    [
        "If the B sample confirms the finding, the runner faces a ban of up to four years.",
        "The United States eliminated measles in 2000, and the Central States Health Fund paid for care.",
    ],
)
def test_no_attribution_in_a_condition_or_inside_a_name(text):
    assert only(text, "en").label == UNSOURCED


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Contactée, la préfecture de la Dordogne indique n’avoir été saisie d’aucun signalement.",
         "la préfecture de la Dordogne"),
        ("L’Organisation mondiale de la santé recommande de ne pas dépasser ce seuil.",
         "L’Organisation mondiale de la santé"),
    ],
)
def test_french_present_tense_takes_its_subject(text, source):
    c = only(text)
    assert (c.label, c.source.text) == (ATTRIBUTED, source)


def test_another_speaker_is_not_a_contradiction():
    """"De son côté" / "for its part" introduce the next speaker, not a denial."""
    assert only("De son côté, Air France a indiqué qu’elle maintiendrait ses vols long-courriers.").label == ATTRIBUTED


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Au ministère de la Culture, on indique que la demande sera examinée avec attention.",
         "ministère de la Culture"),
        ("À Marseille, on dément toute manœuvre dans ce dossier de transfert.", "Marseille"),
        ("Les groupes seront maintenus l’an prochain, affirme-t-on au ministère de l’Éducation.",
         "ministère de l’Éducation"),
    ],
)
def test_impersonal_on_speaks_for_its_place(text, source):
    assert only(text).source.text == source


def test_impersonal_on_alone_is_the_source_of_last_resort():
    # "on" is a pronoun source like "il" (as ASFALDA and PolNeAR annotate it), ranked after any
    # other source of the sentence (Rank.IMPERSONAL)
    assert only("On dit que la réforme sera reportée à la rentrée prochaine.", "fr").source.text == "On"
    assert only("On dit que la réforme sera reportée, a affirmé le syndicat.", "fr").source.text == "le syndicat"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Le ministre camerounais de la Culture, Jean-Baptiste Ekotto, y demande la restitution du trône.",
         "Le ministre camerounais de la Culture, Jean-Baptiste Ekotto"),
        ("Un chiffre jugé très insuffisant par les syndicats, qui réclament davantage de postes.",
         "les syndicats, qui réclament davantage de postes"),
        ("C’est une explication que rejette Yannick Rouxel, le président de l’association.",
         "Yannick Rouxel, le président de l’association"),
        ("« Il faut agir vite », explique depuis Bafoussam le chef traditionnel Jean-Paul Nkamgang.",
         "le chef traditionnel Jean-Paul Nkamgang"),
        ("Les Sang et Or réclament désormais le versement de 4 millions d’euros supplémentaires.", "Les Sang et Or"),
    ],
)
def test_french_clitics_reduced_passives_inversions_and_names(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"We will not hesitate," Chinedu Okafor, the association\'s director general, told Al Jazeera.',
         "Chinedu Okafor, the association's director general"),
        ("Mared Owen, of the campaign group Tenants Voice Wales, who has rented for 14 years, said rents would rise.",
         "Mared Owen, of the campaign group Tenants Voice Wales, who has rented for 14 years"),
        ('Mayor Angela Ruiz, who called the footage "deeply troubling" on Sunday, said she had asked for help.',
         'Mayor Angela Ruiz, who called the footage "deeply troubling" on Sunday'),
        ("Average rents rose by 8.9% in the year to August, according to figures from the Office for National Statistics.",
         "figures from the Office for National Statistics"),
    ],
)
def test_english_tags_across_appositions_quotations_and_of_phrases(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "Selon nos informations, le contrat a été signé le 29 août par les deux clubs.",
        "According to our reporting, the contract was signed by both clubs in August.",
    ],
)
def test_the_papers_own_reporting_is_unsourced(text):
    assert only(text).label == UNSOURCED


def test_a_tag_after_a_quoted_verb_does_not_turn_the_agent_into_a_passive():
    c = only('"I have never used anything to enhance my performance," Tanui told Reuters by telephone.', "en")
    assert (c.source.text, c.cue.text) == ("Tanui", "told")


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("CHICAGO, June 10 (Reuters) - A U.S. appeals court upheld the verdict, the court said.",
         "A U.S. appeals court upheld the verdict, the court said."),
        ("New York CNN — The carrier said on Monday that data had been stolen.",
         "The carrier said on Monday that data had been stolen."),
        ("UPDATE, 5:05 p.m.: Police Chief Raymond Kowalski said the officers had been placed on leave.",
         "Police Chief Raymond Kowalski said the officers had been placed on leave."),
        ("[Mis à jour vendredi à 9h15] Sollicitée par 20 Minutes, la FIFA a confirmé avoir reçu une plainte.",
         "Sollicitée par 20 Minutes, la FIFA a confirmé avoir reçu une plainte."),
        ("NATO leaders met in Brussels on Monday to discuss the war.", "NATO leaders met in Brussels on Monday to discuss the war."),
    ],
)
def test_a_dateline_is_not_part_of_the_claim(text, claim):
    (c,) = extract(text)
    assert c.text == claim and text[c.start:c.end] == claim


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The F.D.A. said the contamination posed a small risk to patients.", "The F.D.A."),
        ("Doctors and pharmacists urged patients to keep taking their medication.", "Doctors and pharmacists"),
        ("“The system is broken,” Luis Paredes, director of the Arizona Ratepayers Alliance, said.",
         "Luis Paredes, director of the Arizona Ratepayers Alliance"),
        ("“We keep having this conversation,” said Dr. Aaron Feld, a cardiologist at Mount Sinai in New York who has studied shortages.",
         "Dr. Aaron Feld, a cardiologist at Mount Sinai in New York who has studied shortages"),
        ("A report by the Government Accountability Office found that fewer than half of the plants were inspected.",
         "A report by the Government Accountability Office"),
        ("Les élus ultramarins, eux, redoutent une hausse des tarifs cet été.", "Les élus ultramarins"),
        ("Une position jugée insuffisante par la Confédération paysanne, qui réclame un retrait du texte.",
         "la Confédération paysanne, qui réclame un retrait du texte"),
        ("Pour Anne-Sophie Renaud, avocate spécialisée en droit bancaire, la sanction est « un signal clair ».",
         "Anne-Sophie Renaud, avocate spécialisée en droit bancaire"),
    ],
)
def test_sources_found_on_the_third_set(text, source):
    assert only(text).source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "Le ministère n’a pas répondu à nos sollicitations sur ce dossier.",
        "An excessive heat warning remains in effect through Friday across the region.",
        "Police found the car abandoned near the border early on Sunday morning.",
        "Lutte contre le blanchiment : la Banque Vauban-Lorraine condamnée à 95 millions d’euros d’amende",
    ],
)
def test_no_comment_nouns_and_participles_report_nothing(text):
    c = extract(text)[0]
    assert c.label == UNSOURCED and c.source is None


def test_a_negated_statement_is_still_one():
    assert only("Union officials have not ruled out industrial action this winter.", "en").source is not None


@pytest.mark.parametrize(
    "text",
    [
        "Marc-Antoine Payet s’en défend : « Nous n’avons aucun intérêt à faire fuir nos clients. »",
        "Supporters reject that argument, pointing to Oregon, where deaths remained below 1%.",
    ],
)
def test_more_denials(text):
    assert only(text).label == CONTESTED


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The US is preparing new curbs, according to people familiar with the matter, in a move that would widen them.",
         "people familiar with the matter"),
        ("Chinese processors still trail US products, according to estimates from research firm Halden Analytics.",
         "estimates from research firm Halden Analytics"),
        ("Marisol Vega, 41, a nurse from Orlando who was traveling with her family, said the clinic was overwhelmed.",
         "Marisol Vega, 41, a nurse from Orlando who was traveling with her family"),
        ("Rourke strenuously denies the allegation made by his opponent.", "Rourke"),
        ("One of the players was accused after an opponent claimed that his moves matched a computer's.", "an opponent"),
        ("Le gouvernement assure partager l’inquiétude des agriculteurs du Sud-Ouest.", "Le gouvernement"),
        ("Le PTB a d’ores et déjà annoncé son intention de saisir la Cour constitutionnelle contre la taxe.", "Le PTB"),
    ],
)
def test_sources_found_on_the_fourth_set(text, source):
    assert only(text).source.text == source


def test_a_clause_between_commas_is_no_apposition():
    c = only("Un violent incendie qui s’est déclaré mardi, dans l’Aude, avait parcouru jeudi 2 800 hectares, "
             "a annoncé la préfecture.", "fr")
    assert c.source.text == "la préfecture"


@pytest.mark.parametrize(
    "text",
    [
        "Le Conseil interprofessionnel du vin de Bordeaux a annoncé qu’il se constituerait partie civile.",
        "La FIQ a prévenu qu’elle contesterait devant les tribunaux toute loi spéciale.",
        "A group of novelists has sued the startup, alleging that it trained its chatbot on pirated books.",
    ],
)
def test_legal_action_is_a_dispute(text):
    assert only(text).label == CONTESTED


def test_a_passive_without_agent_reports_nothing_in_french_either():
    c = only("Le préjudice est estimé par les enquêteurs du parquet à 3,5 millions d’euros.", "fr")
    assert c.source.text == "les enquêteurs du parquet"
    assert only("Le préjudice est estimé à 3,5 millions d’euros.", "fr").source is None


@pytest.mark.parametrize(
    ("lang", "text", "tagged"),
    [
        ("en", '“We will build it," he said. "It will be built.”', '“We will build it," he said.'),
        ("fr", '“Nous partons demain", a déclaré la ministre. "Nous reviendrons.”',
         '“Nous partons demain", a déclaré la ministre.'),
    ],
)
def test_a_tag_between_mixed_quotation_marks_is_found(lang, text, tagged):
    first = extract(text, lang)[0]
    assert text[first.start:first.end] == tagged
    assert first.label == ATTRIBUTED
    assert first.source.text == ("he" if lang == "en" else "la ministre")


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("en", '"We will win this race," said Jane Roe, the campaign manager. '
               '"There is no evidence that the polls are right. They never were."', "Jane Roe, the campaign manager"),
        ("fr", "« Nous gagnerons », a déclaré Marie Durand, la porte-parole du parti. "
               "« Cette rumeur est démentie par les faits. Il n’y a aucune preuve. »",
         "Marie Durand, la porte-parole du parti"),
    ],
)
def test_a_quotation_that_denies_without_a_tag_is_still_the_speakers(lang, text, speaker):
    tagged, untagged = extract(text, lang)
    assert tagged.source.text == speaker
    assert untagged.label == CONTESTED and untagged.source.text == speaker


def test_a_paragraph_opening_on_a_denying_quotation_takes_no_earlier_speaker():
    text = 'Jane Roe said the race was close.\n"There is no evidence that the polls are right."'
    assert extract(text, "en")[1].source is None


@pytest.mark.parametrize(
    ("text", "label", "source", "cue"),
    [
        # the first persons of irregular verbs, as spoken in interviews and quoted statements
        ("Je reconnais que la réforme a échoué.", ATTRIBUTED, "Je", "reconnais"),
        ("Nous reconnaissons que la réforme a échoué.", ATTRIBUTED, "Nous", "reconnaissons"),
        ("J’admets que la réforme a échoué.", ATTRIBUTED, "J’", "admets"),
        ("Je maintiens que la réforme était nécessaire.", ATTRIBUTED, "Je", "maintiens"),
        ("Je crains que la réforme ne soit enterrée.", ATTRIBUTED, "Je", "crains"),
        ("Je démens formellement ces rumeurs.", CONTESTED, "Je", "démens"),
        ("Je contredis cette version des faits.", CONTESTED, "Je", "contredis"),
    ],
)
def test_french_first_person_of_irregular_verbs(text, label, source, cue):
    c = only(text, "fr")
    assert (c.label, c.source.text, c.cue.text) == (label, source, cue)


def test_an_english_first_person_report_has_its_pronoun_for_source():
    c = only("I acknowledge that the reform failed.", "en")
    assert (c.label, c.cue.text, c.source.text) == (ATTRIBUTED, "acknowledge", "I")


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a passive's agent that is a share of a group
        ("en", "The proposal was rejected by 64 percent of the electorate.", "64 percent of the electorate"),
        ("en", "The plan was rejected by two-thirds of the voters.", "two-thirds of the voters"),
        ("fr", "Le projet a été rejeté par 64 % des électeurs.", "64 % des électeurs"),
        ("fr", "Le projet a été rejeté par deux tiers des électeurs.", "deux tiers des électeurs"),
        # a count of votes is no one
        ("en", "The plan was rejected by 64 votes to 12.", None),
        ("fr", "Le projet a été rejeté par 64 voix contre 12.", None),
    ],
)
def test_a_share_of_a_group_is_a_passive_agent(lang, text, source):
    c = only(text, lang)
    assert c.label == CONTESTED
    assert (c.source.text if c.source else None) == source


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # a relative clause with a subject of its own: the subject speaks, not the antecedent
        ("en", "He attacked Bannon, whom Beck on Wednesday called a liar.", "Beck", "called"),
        ("en", "He took swipes at Rubio, who he dubbed “the little senator.”", "he", "dubbed"),
        ("fr", "Il a visé Bannon, que Beck a qualifié mercredi de menteur.", "Beck", "a qualifié"),
        # a relative clause that is the antecedent's own: the antecedent speaks
        ("en", "A federal official who was not authorized to speak said the plan failed.",
         "A federal official who was not authorized to speak", "said"),
        ("fr", "Un responsable qui n’était pas autorisé à parler a affirmé que le plan avait échoué.",
         "Un responsable qui n’était pas autorisé à parler", "a affirmé"),
    ],
)
def test_the_subject_of_an_object_relative_clause(lang, text, source, cue):
    c = only(text, lang)
    assert (c.source.text, c.cue.text) == (source, cue)


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # a negation written on the auxiliary is not part of the subject
        ("en", "I don’t think the plan will work.", "I", "think"),
        ("en", "The senators didn't say whether they would vote.", "The senators", "say"),
        ("fr", "Je ne pense pas que le plan fonctionnera.", "Je", "pense"),
        ("fr", "Les sénateurs n’ont pas dit s’ils voteraient.", "Les sénateurs", "dit"),
    ],
)
def test_a_contracted_negation_stays_out_of_the_subject(lang, text, source, cue):
    c = only(text, lang)
    assert c.source.text == source and c.cue.text.endswith(cue)


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a name whose word is also an auxiliary or a modal is still a name
        ("en", "Will Smith said the plan may work.", "Will Smith"),
        ("en", '"It may work," said Will Smith, a lawyer.', "Will Smith, a lawyer"),
        ("en", "Prime Minister Theresa May has said the plan may work.", "Prime Minister Theresa May"),
        ("en", "“This might, and should, end the race,” Will wrote.", "Will"),
        ("fr", "Le député Antoine Est a déclaré que le projet échouerait.", "Le député Antoine Est"),
        ("fr", "« Le projet échouera », a déclaré Antoine Est, député du Nord.", "Antoine Est, député du Nord"),
    ],
)
def test_a_name_that_holds_an_auxiliary(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # after a quotation closing an aside, a clause after the verb is what is said, not its subject
        ("en", "Mr. Roe, citing “the unique magic of the race,” said the candidate could win.", "Mr. Roe"),
        ("fr", "Mme Roe, vedette de la série « Scandal », a dit que le candidat pourrait gagner.",
         "Mme Roe, vedette de la série « Scandal »"),
        ("fr", "M. Roe, citant « la magie unique de la course », a dit que le candidat pourrait gagner.", "M. Roe"),
    ],
)
def test_a_clause_after_the_verb_is_no_inverted_subject(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a long relative clause after a short apposition: the verb is far from the subject's comma
        ("en", "Jane Roe, a senior party official who ran the campaign in the state in 2008 and is now leading the "
               "early-vote effort of the governor in the county, said the program is critical.",
         "Jane Roe, a senior party official who ran the campaign in the state in 2008 and is now "
         "leading the early-vote effort of the governor in the county"),
        ("fr", "Jean Roe, un élu qui a longtemps dirigé le syndicat des agriculteurs du département et qui préside "
               "aujourd'hui la chambre régionale de l'agriculture, a déclaré que le projet échouera.",
         "Jean Roe, un élu qui a longtemps dirigé le syndicat des agriculteurs du département et qui "
         "préside aujourd'hui la chambre régionale de l'agriculture"),
    ],
)
def test_a_long_relative_clause_after_an_apposition(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a name, its apposition and a relative clause: all three are the source
        ("en", "Mary Ann Lee, the longtime chief executive of the regional transit authority, who oversaw the "
               "expansion of the light rail network across three counties during the past decade, said that "
               "the budget would not cover the new lines.",
         "Mary Ann Lee, the longtime chief executive of the regional transit authority, who oversaw the expansion "
         "of the light rail network across three counties during the past decade"),
        ("fr", "Marie-Anne Lee, directrice générale de la régie régionale des transports, qui a conduit "
               "l'extension du réseau de tramway dans trois départements au cours des dix dernières années, a "
               "déclaré que le budget ne suffirait pas.",
         "Marie-Anne Lee, directrice générale de la régie régionale des transports, qui a conduit l'extension du "
         "réseau de tramway dans trois départements au cours des dix dernières années"),
    ],
)
def test_a_long_subject_is_read_whole(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # after the conjunction that opens the sentence, a subject written in lower case
        ("en", "But early data suggests that turnout fell.", "early data"),
        ("en", "And officials involved with the talks have made clear that they will stay.",
         "officials involved with the talks"),
        ("fr", "Mais récentes études montrent que le projet échouera.", "récentes études"),
    ],
)
def test_a_subject_after_the_opening_conjunction(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a preposition or a clause with a modal after the opening conjunction is no subject
        ("en", "But for those of us with a longer view, this is a serious problem."),
        ("fr", "Mais pour ceux d'entre nous qui ont une vue plus longue, c'est un problème sérieux."),
    ],
)
def test_a_preposition_after_the_opening_conjunction_is_no_subject(lang, text):
    c = only(text, lang)
    assert c.source is None


@pytest.mark.parametrize(
    ("lang", "text", "label", "source"),
    [
        # a modal after a quantifier used as a pronoun is the verb's, not the subject's
        ("en", "Some may recall that the plan failed.", "attributed", "Some"),
        ("en", "One might think the senator would win the state.", "attributed", "One"),
        ("fr", "Certains élus devaient annoncer que le plan avait échoué.", "attributed", "Certains élus"),
    ],
)
def test_a_modal_after_a_quantifier_stays_out_of_the_subject(lang, text, label, source):
    c = only(text, lang)
    assert c.label == label and (c.source.text if c.source else None) == source


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # "can be heard asking": the perception passive belongs to the verb, not to the subject
        ("en", "“Is it true?” a reporter can be heard asking the candidate.", "a reporter", "asking"),
        ("en", "The mayor was heard saying that the plan had failed.", "The mayor", "saying"),
        # an emphatic auxiliary after "but" shares the subject of the clause before
        ("en", "They doubt the polls, but do believe that the race is close.", "They", "do believe"),
        ("fr", "Ils doutent des sondages, mais croient que la course est serrée.", "Ils", "croient"),
    ],
)
def test_auxiliaries_of_the_verb_group(lang, text, source, cue):
    c = only(text, lang)
    assert c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # the name that opens a sentence is read whole, even more than the window's width before the verb
        ("en", "Rich Lee, a top party operative who played a major role in the governor’s big win in the state "
               "in 2008 and is now running the early-vote effort of the senator, said the absentee program is "
               "critical.",
         "Rich Lee, a top party operative who played a major role in the governor’s big win in the state in 2008 "
         "and is now running the early-vote effort of the senator"),
        ("fr", "Jean-Marc Roe, un élu qui a longtemps dirigé le syndicat départemental des agriculteurs et qui "
               "préside aujourd'hui la chambre régionale de l'agriculture de la région, a déclaré que le projet "
               "échouera.",
         "Jean-Marc Roe, un élu qui a longtemps dirigé le syndicat départemental des agriculteurs et qui "
         "préside aujourd'hui la chambre régionale de l'agriculture de la région"),
    ],
)
def test_a_long_subject_is_not_cut_by_the_window(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # an opening phrase before the name is not part of it
        ("en", "Of the senator, Lee, who has given money to his rival, said that he is a wonderful man.",
         "Lee, who has given money to his rival"),
        ("fr", "De son côté, le neurologue Bruno Roe, qui n’a pas participé aux travaux, appelle à la prudence.",
         "le neurologue Bruno Roe, qui n’a pas participé aux travaux"),
    ],
)
def test_an_opening_phrase_stays_out_of_a_name_before_a_relative_clause(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # a quotation closed by an opening curly mark typed the wrong way round keeps its tag
        ("en", "“The plan could create new problems for her here,“ said Jane Roe, a congresswoman.",
         "Jane Roe, a congresswoman", "said"),
        ("en", "“Do you want to be associated with him?“ he asked.", "he", "asked"),
        ("fr", "« Le plan pourrait créer des problèmes“, a déclaré Jean Roe, député.", "Jean Roe, député", "a déclaré"),
        ("fr", "“Le plan pourrait créer des problèmes,“ a affirmé la ministre.", "la ministre", "a affirmé"),
    ],
)
def test_a_reversed_closing_mark_keeps_the_speech_tag(lang, text, source, cue):
    c = only(text, lang)
    assert c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a title quoted in the apposition: the source ends on its closing mark, comma inside included
        ("en", "Kerry Roe, star of television’s “Scandal,” said the show would end.",
         "Kerry Roe, star of television’s “Scandal,”"),
        ("en", "Jane Roe, host of ''Meet the Press,'' said the show would end.", "Jane Roe, host of ''Meet the Press,''"),
        ("fr", "Mme Roe, vedette de la série “Scandal,” a affirmé que la série prendrait fin.",
         "Mme Roe, vedette de la série “Scandal,”"),
        ("fr", "Mme Roe, vedette de la série ''Scandal,'' a affirmé que la série prendrait fin.",
         "Mme Roe, vedette de la série ''Scandal,''"),
    ],
)
def test_a_quoted_title_in_the_source_is_closed(lang, text, source):
    assert only(text, lang).source.text == source


def test_two_apostrophes_that_open_a_quotation_after_a_comma_are_no_tag():
    c = only("In Europe, by contrast, ''claims based on religion have much less acceptance.''", "en")
    assert c.source is None or c.source.text != "In Europe"


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # an English base form is a finite verb after a plural subject, its "that" left out
        ("en", "Democrats fear the split will hurt her chances.", "Democrats", "fear"),
        ("en", "Many fear the mayor will raise taxes again.", "Many", "fear"),
        ("en", "Critics claim the plan has failed.", "Critics", "claim"),
        ("en", "But he and several election lawyers agree it will be difficult to win.", "he and several election lawyers",
         "agree"),
        # French has no such base form: its plural present keeps its reading
        ("fr", "Les syndicats craignent que la réforme échoue.", "Les syndicats", "craignent"),
    ],
)
def test_a_base_form_after_a_plural_subject_reports_a_clause(lang, text, source, cue):
    c = only(text, lang)
    assert c.label == "attributed" and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the same forms as nouns after their article, or before a noun phrase only, report nothing
        ("en", "The debunked claim that the mayor lied is back."),
        ("en", "There is a growing fear that the mayor will resign."),
        ("en", "Provided two doctors agree they are eligible, patients can ask for help."),
        ("en", "Clinton allies fear the weather."),
        ("fr", "La crainte que la réforme échoue est réelle."),
    ],
)
def test_a_base_form_that_is_a_noun_or_has_no_clause_reports_nothing(lang, text):
    c = only(text, lang)
    assert c.cue is None or c.cue.text not in ("claim", "fear", "agree")


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # "it" and "there" before an auxiliary open the clause a verb reports
        ("en", "Lawmakers claim it will result in massive job losses.", "Lawmakers"),
        ("en", "The scholars agreed there are qualified candidates.", "The scholars"),
        ("en", "Researchers found it was difficult to measure.", "Researchers"),
        ("fr", "Les chercheurs ont constaté qu’il était difficile de mesurer.", "Les chercheurs"),
    ],
)
def test_it_or_there_before_an_auxiliary_opens_a_reported_clause(lang, text, source):
    c = only(text, lang)
    assert c.label == "attributed" and c.source.text == source


def test_it_without_an_auxiliary_is_an_object():
    assert only("Smith found it difficult to win.", "en").label == "unsourced"


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # an aside between dashes that holds commas stays in the subject
        ("en", "Many speakers at the service — including farmers, teachers and nurses — said the plant should close.",
         "Many speakers at the service — including farmers, teachers and nurses —"),
        ("en", "The three scholars -- Ann Lee, Bob Roe and Carl Moe -- agreed there are good candidates.",
         "The three scholars -- Ann Lee, Bob Roe and Carl Moe --"),
        ("fr", "Trois élus — Jean Roe, Anne Lee et Marc Roe — ont affirmé que le projet échouera.",
         "Trois élus — Jean Roe, Anne Lee et Marc Roe —"),
    ],
)
def test_an_aside_with_commas_between_dashes_stays_in_the_subject(lang, text, source):
    assert only(text, lang).source.text == source


def test_an_infinitive_is_not_part_of_the_subject():
    c = only("When she appeared, she declined to claim outright victory, only saying that she was relieved.", "en")
    assert c.source.text == "she" and c.cue.text == "saying"


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a description of the speaker after an inverted tag may open with "then" or "now"
        ("en", '"We will win," said Bob Roe, now a partner at a law firm.', "Bob Roe, now a partner at a law firm"),
        ("en", '"It was a mistake," recalled Ann Lee, then ambassador to Israel.', "Ann Lee, then ambassador to Israel"),
        ("fr", "« Nous allons gagner », a déclaré Jean Roe, alors ministre de l’Intérieur.",
         "Jean Roe, alors ministre de l’Intérieur"),
        ("fr", "« Nous allons gagner », a affirmé Anne Lee, désormais conseillère du président.",
         "Anne Lee, désormais conseillère du président"),
    ],
)
def test_a_description_opening_with_then_or_now_belongs_to_the_source(lang, text, source):
    assert only(text, lang).source.text == source


def test_then_before_a_verb_opens_no_description():
    assert only('"We will win," said Bob Roe, then said it again.', "en").source.text == "Bob Roe"


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a number before a verb that reports a clause is its subject, not the article of a noun
        ("en", "Twelve said they would vote no.", "Twelve"),
        ("en", "The two admit that the goals will not be easy.", "The two"),
        ("fr", "Les deux affirment que le projet échouera.", "Les deux"),
    ],
)
def test_a_number_before_a_reporting_verb_is_its_subject(lang, text, source):
    c = only(text, lang)
    assert c.label == "attributed" and c.source.text == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a plural noun after a number is no verb: "two claims that…" reports nothing by itself
        ("en", "Two claims that he lied were false."),
        ("en", "Two reported cases were confirmed."),
    ],
)
def test_a_noun_after_a_number_is_no_reporting_verb(lang, text):
    c = only(text, lang)
    assert c.source is None and (c.cue is None or c.cue.text not in ("claims", "reported"))


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # the verb of a relative clause inside the subject gives way to the main clause's
        ("en", "Officials who asked not to be identified said the plan failed.",
         "Officials who asked not to be identified", "said"),
        ("en", "On Tuesday, officials who asked not to be named said the plan failed.",
         "officials who asked not to be named", "said"),
        ("en", "A woman who has accused the senator of fraud said Sunday that he lied.",
         "A woman who has accused the senator of fraud", "said"),
        ("fr", "Un responsable qui a requis l'anonymat a affirmé que le plan avait échoué.",
         "Un responsable qui a requis l'anonymat",
         "a affirmé"),
    ],
)
def test_the_main_verb_wins_over_a_relative_clause_in_the_subject(lang, text, source, cue):
    c = only(text, lang)
    assert c.label == "attributed" and c.source.text == source and c.cue.text == cue


def test_a_relative_clause_alone_still_reports():
    c = only("The man who said the plan failed was arrested.", "en")
    assert c.label == "attributed" and c.cue.text == "said"


def test_an_aside_between_dashes_does_not_make_a_plural_subject_too_long():
    c = only("Still, insiders in the next two states — Nevada and South Carolina — said it’s important.", "en")
    assert c.label == "attributed" and c.source.text.startswith("insiders in the next two states")


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ('Said Comey, "The thought that an error on our part is connected to this is very painful."', "Comey", "Said"),
        ("Added Ms. Lee: “We will not back down.”", "Ms. Lee", "Added"),
        ("Said Ann Roe, who grew up with him in the neighborhood, “We were all so proud of him.”",
         "Ann Roe, who grew up with him in the neighborhood", "Said"),
        ("Conclut Marie Roe, qui a dirigé l'enquête : « Rien n'a changé depuis des années. »",
         "Marie Roe, qui a dirigé l'enquête", "Conclut"),
    ],
)
def test_a_speech_tag_that_opens_the_sentence_credits_the_quotation(text, source, cue):
    c = only(text, detect_language(text))
    assert c.label == "attributed" and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the plan, Ann Lee smiled.",
        "Said to be the largest in the state, the plant employs 500 people.",
        "Says Clinton would stack the Supreme Court against gun owners.",
    ],
)
def test_an_opening_verb_without_a_quotation_after_its_subject_is_no_fronted_tag(text):
    assert all(c.source is None for c in extract(text, "en"))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a study's plural head reports with the base form, its whole description the source
        ("Early results of exit polls conducted by Edison Research for the AP and television networks show "
         "two-thirds of voters support the proposal.",
         "Early results of exit polls conducted by Edison Research for the AP and television networks"),
        ("Findings show voters fear the policies of either party.", "Findings"),
        # a closing tag whose study is described by a participle and its agent
        ("Pate has not donated to any other candidate, Federal Election Commission records compiled by the "
         "Center for Responsive Politics show.",
         "Federal Election Commission records compiled by the Center for Responsive Politics"),
        ("About 70% of the ads come from super PACs, tallies by Kantar Media and other trackers show.",
         "tallies by Kantar Media and other trackers"),
        ("Though media reports and party sources described the push as impossible, the delegates tried.",
         "media reports and party sources"),
    ],
)
def test_a_study_and_its_description_report_what_it_found(text, source):
    c = only(text, "en")
    assert c.label == "attributed" and c.source.text == source


@pytest.mark.parametrize("text", ["Poll results from the show surprised many.", "The results of the show were poor."])
def test_a_noun_after_a_study_is_no_finding(text):
    assert only(text, "en").source is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a base form after a plural subject reports a quotation, or a clause opened by a possessive noun
        ("Liberal politicians fear 'Europe is disintegrating.'", "Liberal politicians"),
        ("Critics claim “the plan is dead.”", "Critics"),
        ("Democrats fear party's split will hurt Clinton's chances.", "Democrats"),
    ],
)
def test_a_plural_subject_reports_a_quotation_or_a_clause_with_a_possessive(text, source):
    c = only(text, "en")
    assert c.label == "attributed" and c.source.text == source


def test_a_base_form_noun_before_a_quotation_reports_nothing():
    assert only("The show “Fargo” won again.", "en").source is None


def test_an_age_before_a_name_opens_the_subject_of_a_coordinated_verb():
    c = only("At a June event in Ohio, 62-year-old Ann Lee also railed against the plan and explained how it hurt her.",
             "en")
    assert c.label == "attributed" and c.source.text == "62-year-old Ann Lee" and c.cue.text == "explained"


def test_a_long_subject_ending_with_a_town_and_its_state_keeps_its_head():
    c = only("Federal officials familiar with the server taken from the senator's house in Chappaqua, N.Y., "
             "speaking on the condition of anonymity, said that it was secure.", "en")
    assert c.source.text == "Federal officials familiar with the server taken from the senator's house in Chappaqua, N.Y."


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        # "what X said / calls": the relative clause's own subject, not the words before "what"
        ("The ships were released, displaying what many analysts said was a sign of better relations.",
         "many analysts", "said"),
        ("He rolled out endorsements from governors, senators and representatives to showcase what his aides "
         "describe as a coalescing of the party.", "his aides", "describe"),
        # its pronoun stands for the clause's subject when they agree
        ("Cruz has railed against what he calls the Washington cartel.", "Cruz", "calls"),
        ("Democrats also focused on what they said was the need to remain tolerant.", "Democrats", "said"),
        # not a thing for a person
        ("Maybe the window into his soul is what he said four years ago.", "he", "said"),
        # a main clause's verb wins over the relative clause's
        ("Despite what he wrote in the speech, Cross said he may yet vote for her.", "Cross", "said"),
    ],
)
def test_what_opens_an_object_relative_clause(text, source, cue):
    c = only(text, "en")
    assert c.label == "attributed" and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Slate columnist Ann Lee went so far as to say that Twitter is over.", "The Slate columnist Ann Lee"),
        ("Some have gone as far as to suggest that he lied.", "Some"),
    ],
)
def test_so_far_as_to_say_credits_the_subject_of_the_verb_before_it(text, source):
    assert only(text, "en").source.text == source


def test_the_words_before_what_are_no_subject_of_its_clause():
    # (the opening "Or you could do" is no subject: the relative clause's own one is)
    c = only("Or you could do what a partner at the firm told him to do with the money.", "en")
    assert c.source.text == "a partner at the firm" and c.cue.text == "told"


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # before the verb: the clause up to its closing comma
        ("en", "Scott Reed, who managed Bob Dole's 1996 campaign, said the fear is high.",
         "Scott Reed, who managed Bob Dole's 1996 campaign"),
        ("en", "Sandy Lee, who grew up in Aurora, Colorado, in the 1980s, said the city had changed.",
         "Sandy Lee, who grew up in Aurora, Colorado, in the 1980s"),
        ("en", "The agency, which regulates the utility, has also said it would open a review.",
         "The agency, which regulates the utility"),
        ("fr", "M. Roe, qui dirige le groupe depuis 2010, a déclaré que le plan échouera.",
         "M. Roe, qui dirige le groupe depuis 2010"),
        # after an inverted verb or "according to": the clause to the end of the sentence
        ("en", '"It was a sizable purchase," said Bruce Willsie, who declined to give a price.',
         "Bruce Willsie, who declined to give a price"),
        ("en", '"It was big," said Jim Lee, who called it "a mess."', 'Jim Lee, who called it "a mess."'),
        ("en", "The outbreak is the fifth this year, according to the Vessel Sanitation Program, which tracks "
               "outbreaks.", "the Vessel Sanitation Program, which tracks outbreaks"),
        ("fr", "Le feu a parcouru 2 000 hectares, selon la préfecture, qui évoque un feu « toujours pas fixé ».",
         "la préfecture, qui évoque un feu « toujours pas fixé »"),
        # not what follows it: a participle clause, the main clause after a fronted tag
        ("en", '"It was big," said Jim Lee, who runs the firm, adding that it grew.', "Jim Lee, who runs the firm"),
        ("en", "According to Jim Lee, who runs the firm, the plan failed.", "Jim Lee, who runs the firm"),
        ("fr", "Selon M. Roe, qui dirige le groupe, la commission pourrait juger que la mention suffit.",
         "M. Roe, qui dirige le groupe"),
        # where a comma inside may close the clause, the clause stays out
        ("en", "The plan, according to Jim Lee, who runs the firm, failed.", "Jim Lee"),
        ("en", "Senator Ted Cruz, who is running second, stuck to policy, saying the debate was about ideas.",
         "Senator Ted Cruz"),
    ],
)
def test_a_relative_clause_set_off_by_commas_belongs_to_the_source(lang, text, source):
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # no comma before the clause: before the verb, up to the verb group (or its closing comma)
        ("en", "Two people who were present on Thursday said that nothing had been found.",
         "Two people who were present on Thursday"),
        ("en", "Anyone who knows the senator knows he will not cave.", "Anyone who knows the senator"),
        ("en", "Voters who saw the debate have said the mayor lost.", "Voters who saw the debate"),
        ("en", "Dr Ann Roe, a statistician at the university who studies games, said one game proved little.",
         "Dr Ann Roe, a statistician at the university who studies games"),
        ("fr", "Un historien qui a travaillé sur les archives a affirmé que le trône avait été saisi.",
         "Un historien qui a travaillé sur les archives"),
        ("fr", "Un responsable qui a requis l’anonymat a reconnu que le budget était faux.",
         "Un responsable qui a requis l’anonymat"),
        # after an inverted verb or "according to": the clause to the end of the sentence
        ("en", '"It is over," said Bob Mason, a retired letter carrier who lined up to hear the mayor.',
         "Bob Mason, a retired letter carrier who lined up to hear the mayor"),
        ("en", "The plant will close, according to an official who was not authorized to speak publicly.",
         "an official who was not authorized to speak publicly"),
        ("fr", "« Rien ne bouge », a déclaré un habitant qui vit près du port depuis vingt ans.",
         "un habitant qui vit près du port depuis vingt ans"),
        ("fr", "Selon un historien qui souhaite rester anonyme, le trône aurait été saisi.",
         "un historien qui souhaite rester anonyme"),
        # not a clause whose verb is the cue itself ("who can be … persuaded" has no verb of its own)
        ("en", "But he also views her as a manager who can be too easily persuaded to go the wrong way.",
         "a manager"),
    ],
)
def test_a_relative_clause_without_a_comma_belongs_to_the_source(lang, text, source):
    """As PolNeAR and FrameNet's Speaker count a source: the restrictive clause too."""
    assert only(text, lang).source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # "as X put it": the writer credits the words that follow or precede to X
        ("en", 'As the mayor, a former judge, put it: "We are broke. The state must help."',
         "the mayor, a former judge", "put it"),
        ("en", "As the council's auditor puts it, the budget is a fiction.", "the council's auditor", "puts it"),
        ("en", "The budget is a fiction, as the auditor put it.", "the auditor", "put it"),
        ("en", '"We are broke," is how the mayor put it.', "the mayor", "put it"),
        ("en", '"We are broke," was how the mayor described it.', "the mayor", "described it"),
        # the same construction in French: « comme le dit X »
        ("fr", "Comme le dit la maire, la ville est ruinée.", "la maire", "dit"),
        ("fr", "La ville, comme le résume un élu, est ruinée.", "un élu", "résume"),
    ],
)
def test_as_the_speaker_put_it_credits_the_speaker(lang, text, source, cue):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "He put it on the table and left.",
        "She puts it in the fridge every night.",
    ],
)
def test_put_it_with_an_object_place_reports_nothing(text):
    assert only(text, "en").label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source", "quoted"),
    [
        ("en", 'The mayor warned on Monday that the city cannot pay its bills:\n\n"We are broke. The state must help."',
         "The mayor", '"We are broke. The state must help."'),
        ("en", "As a local reporter noted, the hall was not even half full:\n\n“It was a flop,” one aide said.",
         "a local reporter", None),
        ("fr", "Le ministre a rappelé que la loi s'applique à tous :\n\n« Personne n'est au-dessus des règles. »",
         "Le ministre", "« Personne n'est au-dessus des règles. »"),
    ],
)
def test_a_lead_in_that_reports_a_clause_is_a_claim_of_its_own(lang, text, source, quoted):
    # (a sentence that ends with a colon and introduces a quotation was dropped as a lead-in; when
    # it reports a clause of its own, that clause is a claim; the quotation after it keeps its speaker)
    cands = extract(text, lang)
    assert cands[0].label == ATTRIBUTED and cands[0].source.text == source and cands[0].text.endswith(":")
    if quoted:
        assert cands[1].text == quoted and cands[1].source.text == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", 'He then listed the qualities a nominee needs:\n\n"Courage, patience and a lot of money for the campaign."'),
        ("en", 'The poll also found that:\n\n"Most voters want a change of course in Washington."'),
        ("en", 'The paper confirmed that account, reporting:\n\n"The mayor has resigned from the board."'),
        ("fr", "Il a ajouté :\n\n« Nous ne céderons pas aux pressions, où qu’elles viennent. »"),
    ],
)
def test_a_lead_in_without_a_clause_of_its_own_is_no_claim(lang, text):
    cands = extract(text, lang)
    assert len(cands) == 1 and not cands[0].text.endswith(":")


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a speaker with an abbreviated title
        ("en", "Dr. Ann Lee: The Clinic ‘Will Not Close This Winter.’\n\nDr. Lee runs the clinic. Lee said the money "
               "would last.", "Dr. Ann Lee"),
        # one name, then a headline in Title Case with a comma further on
        ("en", "Ortiz: The Council Will Lose Its Majority, ‘And It Deserves To’\n\nMaria Ortiz spoke on Monday. "
               "Ortiz said the vote was close.", "Ortiz"),
        # a poll: the headline credits it like "according to a poll"
        ("en", "Poll: Ortiz leads the council race by nine points\n\nThe race is close elsewhere in the city.", "Poll"),
        ("fr", "Sondage : la maire sortante en tête au premier tour\n\nLa campagne reste ouverte dans la ville.",
         "Sondage"),
    ],
)
def test_a_headline_credits_the_speaker_or_poll_before_its_colon(lang, text, source):
    first = extract(text, lang)[0]
    assert first.label == ATTRIBUTED and first.source.text == source


def test_a_headline_list_of_names_after_a_place_credits_no_one():
    first = extract("Iowa: Tim Albrecht, Brad Anderson, Sarah Lee\n\nThe staff in Iowa is large and growing.", "en")[0]
    assert first.label == UNSOURCED


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ('"It is a shame and a waste," the mayor fumed at the meeting on Monday.', "the mayor", "fumed"),
        ('"Power to the people!" the crowd shouted from the street outside the church.', "the crowd", "shouted"),
        ('"Let me help you out: the answer is no," the nominee riffed on her rival\'s non-answer.', "the nominee",
         "riffed"),
        ('"It is a shame and we all know it," she went on.', "she", "went on"),
    ],
)
def test_a_tag_after_a_quotation_may_say_where_or_when_after_its_verb(text, source, cue):
    c = only(text, "en")
    assert c.label == ATTRIBUTED and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        '"Hamilton," the musical opened on Broadway in the summer of 2015.',
        '"Make America Great Again," the slogan printed on hats, sold well in Ohio.',
    ],
)
def test_a_title_in_quotation_marks_has_no_speech_tag(text):
    assert only(text, "en").label == UNSOURCED


def test_a_title_case_headline_that_credits_a_speaker_is_no_navigation_bar():
    # (eight capitalised words without a headline verb look like a navigation bar; a speaker of
    # two to four words before a colon makes it a headline; one word, "Contributing:", does not)
    text = "Rep. Ann Lee: The Mayor Lied About The Budget Again\n\nLee spoke on Monday. Lee said the budget was a fiction."
    first = extract(text, "en")[0]
    assert first.label == ATTRIBUTED and first.source.text == "Rep. Ann Lee"
    credit = "Contributing: Ann Lee, Springfield Gazette; The Associated Press\n\nThe council voted on the budget."
    assert [c.text for c in extract(credit, "en")] == ["The council voted on the budget."]


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("en", "The two men were merchants, according to harbor-news.com.", "harbor-news.com"),
        ("en", "Prices rose again in May, according to www.stats-office.org.", "www.stats-office.org"),
        ("fr", "Les deux hommes étaient commerçants, selon lejournal-du-port.fr.", "lejournal-du-port.fr"),
        # a title in quotation marks right after the article
        ("en", 'The plan would cost $2 billion a year, according to the "Health for All" plan she released.',
         'the "Health for All" plan she released'),
        ("fr", "Le coût serait élevé, selon le « Livre blanc » du ministère.", "le « Livre blanc » du ministère"),
    ],
)
def test_a_web_address_or_a_quoted_title_after_the_article_is_a_source(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


def test_a_quoted_name_given_by_a_passive_is_no_source_of_the_according_phrase():
    text = "The town, called the “Crossroads of the West” by locals, is small, according to the Gazette."
    assert only(text, "en").source.text == "the Gazette"


def test_a_quoted_name_that_ends_with_its_comma_is_no_source():
    # (the comma inside the quotation marks ends the name: "called the “X,” run by…" names a blog)
    text = "A blog, called the “Harbor Feed,” run by two writers, posts news about the port every day."
    assert only(text, "en").label == UNSOURCED


@pytest.mark.parametrize(
    ("contracted", "full"),
    [
        ("The ministry hasn’t commented on the report.", "The ministry has not commented on the report."),
        ("The ministry hasn't confirmed the report.", "The ministry has not confirmed the report."),
        ("The mayor isn’t saying whether she will run.", "The mayor is not saying whether she will run."),
        ("Officials weren't saying how many people were hurt.", "Officials were not saying how many people were hurt."),
        ("Refugees aren't admitted until they are vetted.", "Refugees are not admitted until they are vetted."),
    ],
)
def test_a_contracted_negative_auxiliary_reads_like_the_full_one(contracted, full):
    # ("hasn’t commented" says nothing, as "has not commented"; "isn’t saying whether" is a verb group)
    a, b = only(contracted, "en"), only(full, "en")
    assert a.label == b.label and (a.source and a.source.text) == (b.source and b.source.text)
    assert (a.cue is None) == (b.cue is None)


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # an inverted tag the lexicon does not know, then where, when or to whom it was said
        ("fr", "« Nous irons jusqu'au bout », a lancé la présidente devant les militants.", "la présidente", "a lancé"),
        ("fr", "« C'est une faute politique », s'est exclamé le maire lors du conseil.", "le maire", "s'est exclamé"),
        ("fr", "« Rien n'est réglé », sourit la ministre mardi à Lyon.", "la ministre", "sourit"),
        ("en", "“We will not back down,” thundered the senator at the rally on Monday.", "the senator", "thundered"),
    ],
)
def test_an_inverted_tag_with_an_unknown_verb_may_end_with_an_adjunct(lang, text, source, cue):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source and c.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "« Les Misérables », adapté par le metteur en scène au Palais des sports, triomphe.",
        "“Hamilton,” the hit musical, opened on Broadway in August.",
    ],
)
def test_a_quoted_title_and_what_follows_is_no_tag(text):
    lang = "fr" if text.startswith("«") else "en"
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Beyond that, he has also made clear he will seek to influence the party platform.", "has also made clear"),
        ("Officials with the committee made clear Monday they have no plans to spend money there.", "made clear"),
    ],
)
def test_an_irregular_past_in_a_verb_group_is_finite(text, cue):
    # ("made clear" reads like "makes clear": a clause without "that" follows it)
    c = only(text, "en")
    assert c.label == ATTRIBUTED and c.cue.text == cue


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a verb that closes the sentence after an opening "according to" phrase is no closing tag:
        # nothing is reported before the comma, the phrase's source is the sentence's
        ("fr", "Selon Le Parisien, le suspect a avoué.", "Le Parisien"),
        ("fr", "Selon Le Parisien, le suspect a reconnu les faits.", "Le Parisien"),
        ("en", "According to the Times, the suspect admitted the theft.", "the Times"),
    ],
)
def test_an_opening_according_phrase_is_not_what_a_closing_verb_reports(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


def test_a_second_according_phrase_ends_the_description_of_the_first_source():
    text = "Dix mille personnes ont manifesté, d'après le ministère de l'Intérieur, cinquante mille selon les syndicats."
    assert only(text, "fr").source.text == "le ministère de l'Intérieur"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Dix mille personnes ont manifesté, d'après le ministère de l'Intérieur, cinquante mille selon les syndicats."),
        ("fr", "Les manifestants étaient 12 000 selon la police et 40 000 selon la CGT."),
        ("fr", "Ils étaient 1,2 million selon les syndicats, 400 000 selon la police."),
        ("en", "Turnout was 40 percent according to the ministry and 55 percent according to the opposition."),
    ],
)
def test_two_sources_giving_their_own_figures_contest_it(lang, text):
    assert only(text, lang).label == CONTESTED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Selon la police, dix personnes sont mortes, selon l'AFP."),  # no figure of its own
        ("en", "According to the police, 10 people died, according to hospital officials."),
    ],
)
def test_two_according_phrases_without_a_figure_of_their_own_contest_nothing(lang, text):
    assert only(text, lang).label == ATTRIBUTED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a number, a fraction or a percentage of a pronoun is a subject, as "most of them" is
        ("en", "Half of them say the tax is too high.", "Half of them"),
        ("en", "Two-thirds of them say the tax is too high.", "Two-thirds of them"),
        ("en", "60 percent of them say the tax is too high.", "60 percent of them"),
        ("en", "Nine of them told pollsters they had a negative view of him.", "Nine of them"),
        ("fr", "La moitié d'entre eux estiment que la taxe est trop élevée.", "La moitié d'entre eux"),
        ("fr", "Trois d'entre eux affirment que la taxe est trop élevée.", "Trois d'entre eux"),
    ],
)
def test_a_count_of_a_pronoun_is_a_subject(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the clause of a comparison has its own subject, and reports only with a clause of its own
        ("Funding rose less than aides say he deserves.", "aides"),
        ("That would be more ethanol than the oil industry says the markets can handle.", "the oil industry"),
        ("Less than a third of Republicans say the plan will work.", "Less than a third of Republicans"),
        ("More than 200 economists said the plan would fail.", "More than 200 economists"),
    ],
)
def test_a_comparison_opens_its_own_subject_unless_it_counts(text, source):
    c = only(text, "en")
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "His comeback came sooner than anyone had expected.",
        "Prices rose more than economists predicted.",
        "That's a lot more than you can say for other Republicans.",
    ],
)
def test_a_comparison_with_no_clause_of_its_own_reports_nothing(text):
    assert only(text, "en").label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # hearsay after an empty "it" reports its clause, with no one named (like "is said to")
        ("en", "It was widely reported that the mayor paid $100 million for the plane."),
        ("en", "It is believed that the suspect fled across the border."),
        ("en", "It has been alleged that the minister lied to parliament."),
        ("fr", "Il est rapporté que le ministre a démissionné."),
        ("fr", "Il a été dit que la réforme serait abandonnée."),
    ],
)
def test_hearsay_after_an_empty_it_is_attributed_to_nobody_named(lang, text):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Residents were told that the plant would close."),  # the addressee, not hearsay
        ("en", "It was announced on Monday."),  # no clause
        ("fr", "Il est dit conforme à la loi."),
    ],
)
def test_a_passive_without_hearsay_and_its_clause_reports_nothing(lang, text):
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a relative clause right after the subject's comma may be long (longer than an apposition)
        ("en", "Ms. Okafor, whose training at the state university in the north of the country was paid for "
               "by the army because she joined the Reserve Officers' Training Corps (ROTC) program, "
               "said she would like to see more "
               "students get the same chance.", "Ms. Okafor"),
        ("fr", "Mme Okafor, dont la formation à l'université d'État a été payée par l'armée parce qu'elle "
               "avait suivi pendant trois ans le programme de préparation militaire de sa région, a déclaré "
               "qu'elle voulait que d'autres étudiants aient la même chance.", "Mme Okafor"),
    ],
)
def test_a_long_relative_clause_after_the_subject(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text.startswith(source)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a perfect of "show" reports like its other forms
        ("New polls have shown the senator ahead by six points.", "New polls"),
        ("Studies have shown that the drug works.", "Studies"),
        ("The latest survey has shown a majority against the plan.", "The latest survey"),
    ],
)
def test_a_perfect_of_show_reports_a_result(text, source):
    c = only(text, "en")
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a participle that is never finite, right after a noun, modifies it: no subject, no report
        ("en", "The biases shown in the report should not be read as an attack."),
        ("en", "The oath sworn in the chamber was brief."),
        ("en", "The words written in the margin were hard to read."),
        ("fr", "Le serment prononcé dans l'hémicycle était bref."),
        ("fr", "Les mots écrits dans la marge étaient difficiles à lire."),
    ],
)
def test_a_participle_after_its_noun_reports_nothing(lang, text):
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a study finds whatever follows, with a perfect auxiliary too, and a poll's name may be long
        ("en", "Several recent studies of the minimum wage have found little evidence of job losses.",
         "Several recent studies of the minimum wage"),
        ("en", "A Marist/Siena College poll released this week found 58 percent of voters oppose the plan.",
         "A Marist/Siena College poll"),
        ("fr", "Plusieurs études récentes ont montré une baisse du chômage.", "Plusieurs études récentes"),
        ("fr", "Un sondage Ifop-Fiducial pour Le Figaro et Sud Radio publié mardi montre une nette avance du maire.",
         "Un sondage Ifop-Fiducial pour Le Figaro et Sud Radio"),
    ],
)
def test_a_study_finds_with_a_perfect_or_a_long_name(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text.startswith(source)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The body had been found in the river."),  # a passive finds nothing
        ("en", "He has found a new job."),
        ("fr", "Le corps a été trouvé dans la rivière."),
    ],
)
def test_a_passive_or_a_person_finding_something_reports_nothing(lang, text):
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # an intention is credited to whoever holds it, as "wants to" / "intends to" already were
        ("en", "The senator plans to release the transcripts next week.", "The senator"),
        ("en", "Republicans plan to block the nomination.", "Republicans"),
        ("en", "The mayor had planned to announce the budget on Friday.", "The mayor"),
        ("en", "Rubio sought to reassure his donors after the debate.", "Rubio"),
        ("en", "The ballot measure seeks to cap rents at 3 percent.", "The ballot measure"),
        ("en", "Mr. Brown does not plan to endorse anyone.", "Mr. Brown"),
        # (French « vouloir », « prévoir de » state a plan, unsourced as in the hand-labelled sets;
        # a French promise is a reporting verb of the lexicon)
        ("fr", "Le maire promet de publier les comptes de la ville.", "Le maire"),
    ],
)
def test_an_intention_is_credited_to_its_holder(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a noun, a relative or adverbial clause, a name: no intention reported
        ("en", "She issued a detailed plan to expand background checks."),
        ("en", "The court blocked the governor's plan to close the clinics."),
        ("en", "Aides mapped out plans to organize in the March states."),
        ("en", "Senators who plan to attend the convention include two governors."),
        ("en", "The campaigns they plan to run are very different."),
        ("en", "As he sought to reassure investors, the stock fell."),
        ("en", "While the unions planned to march, the police closed the bridge."),
        ("fr", "Le gouvernement prévoit de relever les taxes."),
        ("fr", "Le maire a présenté un plan pour rénover les écoles."),
    ],
)
def test_no_intention_in_a_noun_or_a_subordinate_clause(lang, text):
    assert only(text, lang).label == UNSOURCED


def test_another_cue_wins_over_an_intention():
    c = only("The group seeks to ban what it calls “predatory loans,” its director said.", "en")
    assert c.source.text == "its director" and c.cue.text == "said"


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # seeing someone as something is a view, credited to who holds it
        ("en", "Many Democratic voters see Clinton as the stronger candidate.", "Many Democratic voters"),
        ("en", "Developers saw the golf courses as wasted space.", "Developers"),
        ("en", "Party leaders regard him as an asset.", "Party leaders"),
        ("en", "The move was seen by analysts as a snub.", "analysts"),
        # a finite passive with no one named is hearsay: attributed, the source left to the reviewer
        ("en", "Sanders is widely seen as the front-runner.", None),
        ("en", "The filibuster was viewed as a victory.", None),
        ("fr", "Les électeurs considèrent Mme Martin comme la candidate la plus solide.", "Les électeurs"),
    ],
)
def test_seeing_someone_as_something_is_a_view(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and (c.source.text if c.source else None) == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "He saw the crowd as he arrived."),
        ("en", "We saw wages rise as well as prices."),
        ("en", "The film was seen by millions."),
        ("en", "It was fun to see the children dressed as pirates."),
        ("en", "The campaign can be seen as the last gasp of an era."),  # the writer's hedge
        ("en", "Obama was careful not to be seen as gloating."),
        ("fr", "Le maire a vu la foule en arrivant."),
    ],
)
def test_seeing_without_a_view_reports_nothing(lang, text):
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        # a verb form written with a capital inside a name does not cut the speaker's description
        ("en", "\"We will take this fight state by state,\" said Jane Doe, president of the Planned Parenthood "
               "Federation.", "Jane Doe, president of the Planned Parenthood Federation"),
        ("en", "\"The rules are clear,\" said John Roe, dean of the Said Business School.",
         "John Roe, dean of the Said Business School"),
        ("fr", "« Nous irons jusqu'au bout », a déclaré Jeanne Martin, présidente de la Fondation Entendre Mieux.",
         "Jeanne Martin, présidente de la Fondation Entendre Mieux"),
    ],
)
def test_a_verb_form_in_a_name_stays_in_the_description(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "quote", "source", "cue"),
    [
        # the "?" or "!" that ends a quotation cuts its tag off as a sentence of its own: the
        # quotation and its tag are one claim, the tag's speaker's (not the last speaker's)
        ("en", "Reporters pressed Smith on the deal. “Did you know it was Mussolini?” Todd asked the real estate mogul.",
         "“Did you know it was Mussolini?”", "Todd", "asked"),
        ("en", "Cruz spoke for an hour about the budget. \"We need tougher leadership and we need it NOW!\" Trump said on "
               "Twitter.", "\"We need tougher leadership and we need it NOW!\"", "Trump", "said"),
        ("en", "Ann Lee had left. “I hope she enjoys it there!” Smith said last week.", "“I hope she enjoys it there!”",
         "Smith", "said"),
        ("fr", "Le maire a parlé le premier. « Pourquoi attendre ? » La ministre a répondu devant les députés.",
         "« Pourquoi attendre ? »", "La ministre", "a répondu"),
    ],
)
def test_a_tag_cut_off_by_a_question_mark_joins_its_quotation(lang, text, quote, source, cue):
    cands = extract(text, lang)
    last = cands[-1]
    assert len(cands) == 2 and last.text.startswith(quote) and last.end == len(text)
    assert last.label == ATTRIBUTED and last.source.text == source and last.cue.text == cue


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # what follows the quotation says more than who spoke: a claim of its own
        ("en", "“Why would anyone vote for this budget?” Trump said, adding that he would run again."),
        ("en", "“Mexicans deserve everybody's respect!” Trump almost seemed to agree."),
        ("en", "“Why would anyone vote for this budget?” Trump told reporters that he would run again."),
        # a quotation that ends with a full stop is a sentence of its own
        ("en", "“We will win this state in November.” Trump said on Twitter."),
    ],
)
def test_a_sentence_after_a_quotation_that_says_more_stays_apart(lang, text):
    cands = extract(text, lang)
    assert len(cands) == 2 and cands[0].text.endswith(("?”", "!”", ".”"))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a base form after a possessive is a noun
        ("en", "The government's only hope was a quick trial."),
        ("en", "Trump's hope is a landslide in Ohio."),
        # a modal makes "want" the writer's advice
        ("en", "Donald Trump may want to check his stats."),
        ("en", "Republicans might want to reconsider after this week."),
        # turns of speech
        ("en", "You know, the ones who went to college."),
        ("en", "News as we know it is safe."),
        ("fr", "Vous savez, la ville a beaucoup changé."),
    ],
)
def test_nouns_advice_and_turns_of_speech_report_nothing(lang, text):
    assert only(text, lang).label == UNSOURCED


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("en", "Trump's aides hope that he wins Ohio.", "Trump's aides"),
        ("en", "Supporters who came to this week's convention say they will vote for Stein.",
         "Supporters who came to this week's convention"),
        ("en", "She will want to see the figures first.", "She"),
        ("en", "Voters know that the race is close.", "Voters"),
    ],
)
def test_possessives_modals_and_know_still_report(lang, text, source):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text == source


@pytest.mark.parametrize(
    ("lang", "text", "source", "cue"),
    [
        # a relative clause between dashes: the subject is before it, not its own verb's
        ("en", "GOP front-runner Donald Trump - who previously said he would \"bomb the [expletive] out of\" oil fields "
               "seized by the Islamic State - said at a rally in Texas that the border should close.",
         "GOP front-runner Donald Trump", "said"),
        ("en", "The mayor - who said in May that taxes would fall - now says they will rise.", "The mayor", "says"),
        ("en", "The mayor -- who said in May that taxes would fall -- now says they will rise.", "The mayor", "says"),
        ("en", "The governor — who had stayed silent for weeks — told reporters that the plan was dead.",
         "The governor", "told"),
        ("fr", "Le ministre – qui n'avait rien dit jusque-là – a affirmé que la réforme serait retirée.",
         "Le ministre", "a affirmé"),
        # an apposition between dashes stays in the source
        ("en", "Jason Sims — a teacher from Mount Pleasant — says he voted for Rubio.",
         "Jason Sims — a teacher from Mount Pleasant —", "says"),
        # the comma inside a closing quotation mark of two apostrophes still opens a participle clause
        ("en", "On Friday, he joined other Republicans in attacking messages deemed ''top secret,'' saying in a post "
               "that the scandal was a disaster.", "he", "saying"),
    ],
)
def test_dashes_and_quoted_commas_before_the_verb(lang, text, source, cue):
    c = only(text, lang)
    assert c.label == ATTRIBUTED and c.source.text.rstrip(" —") == source.rstrip(" —") and c.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        # "think tank" is a noun, "added up to" a sum: neither reports anything
        "Hoff has long been a fellow at a conservative think tank in Washington.",
        "The report came from a liberal think tank.",
        "Researchers at the think tanks met in Washington on Tuesday.",
        "By morning, the campaign's efforts at damage control added up to a series of conflicting explanations.",
    ],
)
def test_think_tank_and_added_up_report_nothing(text):
    assert only(text, "en").label == UNSOURCED


def test_think_tank_in_an_apposition_is_not_a_second_speaker():
    c = only("Felicia Wong, president of a progressive think tank, said the plan would fail.", "en")
    assert c.label == ATTRIBUTED and c.cue.text == "said" and c.source.text.startswith("Felicia Wong")
