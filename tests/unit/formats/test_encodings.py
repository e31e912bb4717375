"""Decoding of imported bytes: short Western European news texts in Windows-1252, Latin-1 and
UTF-8 come back exactly as written; UTF-8 with a few bad bytes stays UTF-8; a decoding that is
only the most likely one says so."""

from __future__ import annotations

import pytest

from workbench.formats import encoding
from workbench.formats.encoding import decode

# -- the corpus: short news texts written for these tests (20 to 2,000 characters); each is
# encoded in Windows-1252, Latin-1 (when it has no character outside Latin-1) and UTF-8, and must
# come back exactly as written. Several are as short as a headline, where a statistical detector
# has almost nothing to go on.

FR_ARTICLE = (
    "La ministre de la Santé s’est dite « très inquiète » lundi soir après la publication d’un rapport "
    "sur l’état des hôpitaux de la région. Selon ce document, que nous avons pu consulter, près d’un "
    "établissement sur trois manque déjà de personnel soignant, et la situation pourrait s’aggraver "
    "pendant l’été.\n"
    "« Nous avons déjà pris des mesures, mais elles ne suffiront pas », a reconnu la ministre devant "
    "les députés. Elle a annoncé le déblocage de 120 millions d’euros pour recruter des infirmières et "
    "rénover les urgences des hôpitaux les plus touchés.\n"
    "Les syndicats, eux, jugent l’enveloppe très insuffisante. « On nous promet des moyens depuis dix "
    "ans ; sur le terrain, rien n’a changé », déplore Hélène Garçon, infirmière à Besançon depuis "
    "quinze ans. D’après elle, les équipes de nuit travaillent régulièrement à effectif réduit, et les "
    "arrêts maladie se multiplient.\n"
    "Le rapport pointe aussi la fermeture de lits dans les services de gériatrie : 2 300 lits ont été "
    "supprimés en cinq ans, alors que le nombre de patients âgés de plus de 85 ans a augmenté de 18 %. "
    "Les auteurs recommandent de créer un « fonds d’urgence » géré par les agences régionales et de "
    "revoir la rémunération des gardes.\n"
    "Interrogé mercredi, le directeur de l’agence régionale de santé a estimé que « la priorité est de "
    "garder les soignants qui sont déjà là ». Il a évoqué une prime de fidélité, dont le montant n’a "
    "pas été précisé, et une réforme des plannings élaborée avec les équipes.\n"
    "L’opposition dénonce une « réponse au coup par coup ». Pour le député Rémi Lefèvre, « le problème "
    "n’est pas seulement financier : c’est l’organisation même du système qui est à bout de souffle ». "
    "Un débat doit avoir lieu à l’Assemblée la semaine prochaine ; le gouvernement espère y présenter "
    "un calendrier précis.\n"
)

EN_ARTICLE = (
    "The café chain said on Tuesday it would close 40 of its 310 shops by the end of the year, blaming "
    "rising rents and a “difficult” summer. The company’s chief executive, Zoë Hartley, told analysts "
    "that sales had fallen 6% in the second quarter — the steepest drop since 2020.\n"
    "“We are not walking away from the high street,” she said. “But some sites no longer make sense.” "
    "Staff at the affected shops will be offered roles elsewhere, according to a statement, though the "
    "union representing baristas said it had not been consulted.\n"
    "Shares fell 4p to 212p in early trading. One analyst, who asked not to be named, called the "
    "decision “overdue” and said the chain’s naïve expansion plan had left it with too many outlets "
    "in towns where footfall was already declining.\n"
    "The closures are expected to cost about £18m, including redundancy payments and lease exits.\n"
)

DE_ARTICLE = (
    "Die Stadtverwaltung hat am Montag die Sperrung der Brücke über die Ruhr bis Ende März verlängert. "
    "Nach Angaben eines Sprechers sind bei einer Prüfung Risse in zwei Trägern entdeckt worden, die "
    "zunächst genauer untersucht werden müssen.\n"
    "„Die Sicherheit der Bürgerinnen und Bürger hat Vorrang“, sagte Oberbürgermeisterin Käthe "
    "Schäfer. Für Fußgänger und Radfahrer soll eine Behelfsbrücke gebaut werden; die Kosten schätzt die "
    "Stadt auf rund 1,2 Millionen Euro.\n"
    "Die Industrie- und Handelskammer äußerte sich besorgt über die Folgen für den Einzelhandel in der "
    "Innenstadt. Viele Geschäfte klagen schon jetzt über weniger Kundschaft, weil Umleitungen über die "
    "südlichen Stadtteile führen. Ein Gutachten über die Ursachen soll im Frühjahr vorliegen.\n"
)

ES_ARTICLE = (
    "El Gobierno aprobó este martes un plan de ayudas de 300 millones de euros para los agricultores "
    "afectados por la sequía, que ya dura más de dos años en el sur del país. Según el ministro de "
    "Agricultura, las ayudas llegarán «antes del otoño» y beneficiarán a unas 40.000 explotaciones.\n"
    "«No es suficiente, pero es un comienzo», declaró la portavoz de una asociación de regantes de "
    "Andalucía, que pidió además una reducción del precio de la electricidad para el bombeo de agua. "
    "¿Cuánto tiempo más podremos aguantar así?, se preguntó un productor de aceite de Jaén.\n"
    "La oposición criticó que el plan no incluya inversiones en desalinización ni en la reutilización "
    "de aguas residuales, y acusó al Ejecutivo de actuar «tarde y mal». El debate continuará el "
    "próximo jueves en el Congreso.\n"
)

#: (name, language, text): every text is encodable in Windows-1252
TEXTS: list[tuple[str, str, str]] = [
    # French
    ("fr-article", "fr", FR_ARTICLE),
    ("fr-two-lines", "fr", "Le maire a déclaré lundi que le projet était abandonné.\nIl sera remplacé par un parc.\n"),
    ("fr-headline", "fr", "Grève : la SNCF prévoit un trafic très perturbé"),
    ("fr-quote", "fr", "« Nous ne céderons pas », a déclaré le ministre."),
    ("fr-short", "fr", "Il a été réélu à Besançon."),
    ("fr-oe", "fr", "Le chœur de l’opéra a repris l’œuvre devant un public ému."),
    ("fr-apostrophes", "fr", "L’État s’engage à réduire l’écart d’ici à l’année prochaine, a-t-il précisé."),
    ("fr-capitals", "fr", "ÉDITION SPÉCIALE – Élections : À Genève, l’Église et l’École votent."),
    ("fr-accents", "fr", "Où est passé l’argent ? Ça reste flou, même après l’enquête de la Cour des comptes."),
    ("fr-euro", "fr", "Le billet coûtera désormais 2,10 € au lieu de 1,90 €."),
    ("fr-no-apostrophe", "fr", "Selon la préfecture, les élèves étaient à l'école quand l'incendie s'est déclaré."),
    ("fr-inquiete", "fr", "Elle se dit inquiète : le déficit a déjà dépassé les prévisions."),
    # English
    ("en-article", "en", EN_ARTICLE),
    ("en-apostrophe", "en", "The minister said he didn’t know."),
    ("en-quotes", "en", "“It’s a disaster,” a resident told reporters."),
    ("en-dash", "en", "Prices rose 4% — the most in a decade – officials said."),
    ("en-cafe", "en", "The café’s owner, José, said business had never been better."),
    ("en-pound", "en", "Tickets cost £12.50 at the door."),
    ("en-naive", "en", "Critics called the plan naïve and its timing unfortunate."),
    ("en-ellipsis", "en", "He paused… then said: “No comment.”"),
    # German
    ("de-article", "de", DE_ARTICLE),
    ("de-headline", "de", "Straße nach Unfall gesperrt"),
    ("de-umlauts", "de", "Die Bürger äußerten Kritik an der Größe des Gebäudes."),
    ("de-quote", "de", "„Wir prüfen das“, sagte ein Sprecher des Ministeriums."),
    ("de-short", "de", "Für Schüler gilt ab März eine neue Regel."),
    ("de-capitals", "de", "ÖFFENTLICHER DIENST: Über 3000 Beschäftigte im Warnstreik"),
    ("de-ueber", "de", "Über die Höhe der Zölle wird noch verhandelt, hieß es in Brüssel."),
    # Spanish
    ("es-article", "es", ES_ARTICLE),
    ("es-question", "es", "¿Dónde está el niño? preguntó la policía."),
    ("es-exclamation", "es", "¡Qué desastre!, exclamó el alcalde de León."),
    ("es-quote", "es", "«No habrá más recortes», afirmó la ministra."),
    ("es-short", "es", "El año pasado creció un 3 %."),
    ("es-accents", "es", "La información llegó después de la reunión con los sindicatos."),
    ("es-capitals", "es", "ÚLTIMA HORA: España aprueba la ley de vivienda"),
    ("es-enye", "es", "Los niños pequeños y sus compañeros pasarán el año en Logroño."),
]


def encodings_of(text: str) -> list[str]:
    """The encodings a text is tested in: Windows-1252 always, Latin-1 when it has no character
    outside Latin-1 (typographic quotes, dashes, €, œ), UTF-8 always."""
    out = ["cp1252"]
    try:
        text.encode("latin-1")
        out.append("latin-1")
    except UnicodeEncodeError:
        pass
    out.append("utf-8")
    return out


CASES: list[tuple[str, str, str]] = [(f"{name}-{enc}", enc, text) for name, _lang, text in TEXTS
                                     for enc in encodings_of(text)]

# -- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding_name", "text"), [(enc, text) for _id, enc, text in CASES],
                         ids=[case_id for case_id, _enc, _text in CASES])
def test_corpus_text_decodes_exactly_and_quietly(encoding_name, text):
    notes: list[str] = []
    assert decode(text.encode(encoding_name), notes) == text
    assert notes == []  # a clear case needs no warning


def test_corpus_covers_four_languages_three_encodings_and_short_texts():
    assert {lang for _n, lang, _t in TEXTS} == {"fr", "en", "de", "es"}
    assert {enc for _i, enc, _t in CASES} == {"cp1252", "latin-1", "utf-8"}
    lengths = [len(t) for _n, _l, t in TEXTS]
    assert min(lengths) >= 20 and max(lengths) <= 2000
    assert sum(n < 60 for n in lengths) >= 15  # most of the hard cases are short
    for _id, enc, text in CASES:  # every legacy case really has non-ASCII bytes to decide on
        assert not text.encode(enc).isascii()


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # what charset-normalizer alone made of them (Windows-1257, Mac Central European)
        (TEXTS[0][2], "inquičte"),
        ("Le maire a déclaré que le projet était abandonné.\nIl sera remplacé.\n", "dťclarť"),
        ("Il a été réélu à Besançon.", "ťtť"),
        ("La información llegó después de la reunión.", "informaci¾n"),
    ],
    ids=["fr-article", "fr-two-lines", "fr-short", "es-short"],
)
def test_short_windows_1252_is_not_read_as_a_central_european_code_page(text, wrong):
    got = decode(text.encode("cp1252"))
    assert got == text and wrong not in got


def test_one_invalid_byte_keeps_a_utf8_file_utf8():
    text = "Le ministère a déclaré que la réunion était reportée à l’été."
    data = text.encode("utf-8")
    bad = data.replace("ministère".encode(), b"minist\xe8re")  # one Latin-1 byte pasted in
    notes: list[str] = []
    got = decode(bad, notes)
    assert got == text.replace("ministère", "minist\ufffdre")
    assert "Ã" not in got and "é" in got and "’" in got
    assert len(notes) == 1 and "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD" in notes[0]
    assert "\n" not in notes[0]


def test_a_truncated_utf8_file_stays_utf8():
    data = "Der Bürgermeister äußerte sich über die Brücke: „Wir prüfen das“ – Straße".encode("utf-8")[:-2]  # cut inside ß
    notes: list[str] = []
    got = decode(data, notes)
    assert got.endswith("Stra\ufffd") and "Bürgermeister äußerte" in got
    assert len(notes) == 1 and "1 invalid" in notes[0]


@pytest.mark.parametrize("name,_lang,text", TEXTS, ids=[t[0] for t in TEXTS])
def test_utf8_with_one_stray_byte_stays_utf8(name, _lang, text):
    data = text.encode("utf-8")
    at = len(data) // 2
    while 0x80 <= data[at] < 0xC0:  # not inside a character
        at += 1
    bad = data[:at] + b"\xe9" + data[at:]
    notes: list[str] = []
    assert decode(bad, notes) == bad.decode("utf-8", "replace")
    assert len(notes) == 1 and "U+FFFD" in notes[0]


def test_invalid_sequences_are_counted():
    text = "Élection : le président a été réélu, a annoncé l’État. " * 10
    data = bytearray(text.encode("utf-8"))
    data[5:5] = b"\xff"
    data[40:40] = b"\xc3"  # a lead byte without its continuation
    got = encoding.decode_utf8(bytes(data))
    assert got is not None and got.encoding == "utf-8" and got.invalid == 2
    assert got.text.count("\ufffd") == 2


def test_a_genuine_replacement_character_is_not_counted_as_invalid():
    data = ("Déjà là : � (sic) dans l’été, où l’élève était à l’école. ".encode("utf-8") * 3
            + b"Un octet \xe9 invalide.")
    got = encoding.decode_utf8(data)
    assert got is not None and got.invalid == 1 and got.text.count("\ufffd") == 4


def test_mostly_broken_utf8_is_not_kept_as_utf8_with_replacements():
    # a Windows-1252 article in which one valid UTF-8 character was pasted
    text = TEXTS[0][2]
    data = text.encode("cp1252") + " Fin de l’article.".encode("utf-8")
    notes: list[str] = []
    got = decode(data, notes)
    assert got.startswith(text)  # the article is decoded as Windows-1252, not replaced
    assert len(notes) == 1 and "encoding uncertain" in notes[0] and "valid UTF-8" in notes[0]


def test_an_ambiguous_decoding_is_kept_and_reported():
    # Mac Roman: é is 0x8E, Ž in Windows-1252; the result is right, but not certain
    text = "Straße nach Unfall gesperrt"
    notes: list[str] = []
    got = decode(text.encode("mac_roman"), notes)
    assert got == text
    assert len(notes) == 1 and notes[0].startswith("encoding uncertain: decoded as Mac Roman")


def test_windows_1252_signs_are_not_read_as_latin1_controls():
    text = "Il a dit « non » – puis : “c’est fini”… (coût : 5 €)."
    got = decode(text.encode("cp1252"))
    assert got == text
    assert not any("\x80" <= c <= "\x9f" for c in got)


def test_iso_8859_15_oe_and_euro():
    text = "Le cœur du problème : 12 € par mois, dit l’œuvre sociale."
    data = text.replace("’", "'").encode("iso8859_15")
    assert decode(data) == text.replace("’", "'")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Президент заявил, что переговоры продолжатся в понедельник.", "cp1251"),
        ("Zażółć gęślą jaźń, powiedział rzecznik rządu.", "cp1250"),
    ],
    ids=["russian-cp1251", "polish-cp1250"],
)
def test_other_code_pages_still_decode(text, codec):
    assert decode(text.encode(codec)) == text


def test_score_prefers_the_common_accented_letters_of_the_language():
    lang = encoding.language("Le maire a dit que les travaux sont finis")
    assert lang == "fr"
    right = encoding.score("Il a été réélu à Besançon.", lang)
    wrong = encoding.score("Il a ťtť rťťlu ŗ BesanÁon.", lang)
    assert right.bad == 0 and wrong.bad > 0 and right.score > wrong.score
    c1 = encoding.score("Il a dit \x93non\x94.", lang)
    assert c1.bad == 2


def test_language_of_the_ascii_words():
    assert encoding.language("The minister said that it was over") == "en"
    assert encoding.language("Die Stadt und der Kreis sind sich nicht einig") == "de"
    assert encoding.language("El alcalde dijo que los vecinos y las empresas") == "es"
    assert encoding.language("rz\xb9du") is None  # "du" inside a word is no French article


@pytest.mark.parametrize(("data", "message"), [(b"", "empty file"), (b"\n\n  \r\n\t", "only white space")])
def test_an_empty_and_a_blank_file_are_told_apart(data, message):
    with pytest.raises(encoding.InputError, match=message):
        decode(data)
