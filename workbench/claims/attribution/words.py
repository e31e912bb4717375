"""Closed word classes and limits shared by the attribution rules (punctuation, French
function words that do not vary by outlet). Open word lists live in the lexicons
(``claims/lexicons/<lang>.json``)."""

from __future__ import annotations

#: "'" is half of the newspaper style's closing "''" (and closes British single quotes)
HARD_STOP = frozenset(',.;:!?«»“”"()[]–—…\'')
QUOTE_END = frozenset('»”’"\'')
#: the apostrophe of a plural name's possessive, a token of its own ("Sanders’ campaign")
APOSTROPHES = frozenset("'’")
#: the marks that open a quotation, as tokens and as a text's prefix (two apostrophes: the
#: newspaper style of a straight double quote)
QUOTE_START = ("«", "“", '"', "„", "''")
MAX_NP = 12
PARENTHETICALS = frozenset({"however", "meanwhile", "moreover", "cependant", "toutefois", "pourtant", "néanmoins", "également", "aussi", "too", "though"})
MAX_SUBJECT = 14
#: the longest subject that is one noun phrase with its complements (``phrases._long_noun_phrase``)
LONG_SUBJECT = 20
#: the particles of English phrasal verbs ("rattling off", "summing up"): after an "-ing" word they
#: make it a participle, not the first word of a name ("Engineering firm X")
PARTICLES = frozenset({"off", "up", "out", "down", "back", "away", "over", "around", "through"})
#: quantifiers that float between an auxiliary and its verb ("have both argued", "ont tous dit")
FLOATING = frozenset({"both", "all", "each", "tous", "toutes"})
#: characters tokenized on each side of the cues (a subject or noun phrase is shorter)
WINDOW = 160
ADDRESSEE = frozenset({"à", "au", "aux", "to"})
CLAUSE_STOP = frozenset(',.;:!?()[]–—…')
ADDRESSEE_DET = frozenset({"un", "une", "des", "le", "la", "les"})
REFLEXIVE = frozenset({"s'", "s’", "se"})
OBJECT_PRONOUNS = frozenset({"lui", "leur", "se", "s'", "s’", "nous", "vous", "me", "m'", "m’",
                             "him", "her", "them", "us", "me"})
INTRODUCERS = frozenset({"que", "qu'", "qu’", "that", ":"})
#: words that open a question's or a relative's clause, not a reported one: "how tempting that is",
#: « ce que c'est »; and after "is" before a tag's subject: '"…," is how the mayor put it.'
WH_OPENERS = frozenset({"how", "what", "why", "comment", "pourquoi", "ce"})
#: quantifiers that stand alone as a subject ("Certains affirment", "Some say", "tous les syndicats
#: jugent"): a determiner before a verb makes it a noun ("la note"), these do not
QUANTIFIERS = frozenset({"certains", "certaines", "plusieurs", "tous", "toutes", "beaucoup", "la plupart",
                         "some", "many", "several", "others", "both", "few", "most", "all", "one", "another"})
#: the quantifiers that stand for one ("One says"): no plural subject of a base form
SINGULAR_QUANTIFIERS = frozenset({"one", "another"})
#: English subject pronouns a base form agrees with ("they fear", "we agree", "I claim")
BASE_FORM_PRONOUNS = frozenset({"they", "we", "i", "you"})
#: English subjects with no meaning of their own before an auxiliary: "claim it will…", "agreed there are…"
EXPLETIVE_SUBJECTS = frozenset({"it", "there"})
#: object pronouns written before the verb ("Il nous a dit", "X me disait"): not the subject
OBJECT_CLITICS = frozenset({"lui", "leur", "nous", "vous", "me", "m'", "m’", "te", "t'", "t’"})
#: modal verbs: before a negation written apart ("could not"), or making a clause of what
#: precedes a verb ("…, could blunt Republican claims.")
MODALS = frozenset({"may", "might", "can", "could", "should", "must", "shall", "will", "would", "do", "does", "did",
                    "peut", "pouvait", "doit", "devait"})
#: the pronouns of the one spoken to: "You know, …", « Vous savez, … »
SECOND_PERSON = frozenset({"you", "tu", "vous"})
#: words ending in "’s" that are contractions, no possessive ("Let’s hope…", "That’s what…")
NOT_POSSESSIVE = frozenset({w + a + "s" for w in ("let", "it", "that", "what", "there", "here", "who", "where", "how")
                            for a in ("’", "'")})
#: the pronouns of whoever speaks or is spoken to: in a transcript turn, the turn's speaker
SPEAKER_PRONOUNS = frozenset({"i", "we", "you", "je", "j'", "j’", "nous", "vous"})
#: pronouns that never stand for a person ("it seems to…", « on »): no holder of a stance
NON_PERSONAL = frozenset({"it", "this", "that", "there", "on", "ce", "cela", "ça"})
#: object pronouns that stand for what is said ("comme le souligne X", "comme l'a dit X")
QUOTED_CLITICS = frozenset({"le", "l'", "l’"})
#: dashes that open and close an apposition (" - actionnaire à 25 % - ")
DASHES = frozenset({"-", "–", "—"})
#: the words that join a noun to its complement: a holder ("la thèse du ministre", "the claim of
#: the minister") or what was said ("the announcement of…", « l'annonce de… »)
OF_LINKS = frozenset({"of", "de", "d'", "d’", "du", "des"})
#: the endings of adverbs in both languages ("reportedly", "formellement")
ADVERB_ENDINGS = ("ly", "ment")
#: the endings of a present participle ("saying", "affirmant")
PARTICIPLE_ENDINGS = ("ing", "ant")
#: endings of adjectives, which make the verb-like word after them a noun ("a detailed plan",
#: "economic plans")
ADJECTIVE_ENDINGS = ("ed", "al", "ic", "ive", "ous", "ful", "ary", "ing", "able", "ible", "less")
#: the auxiliaries that open a finite passive ("is seen as", "has been seen as", « est considéré
#: comme », « a été vu comme »), not a modal's or an infinitive's ("can be seen as")
FINITE_PASSIVE = frozenset({"is", "are", "was", "were", "has", "have", "had",
                            "est", "sont", "était", "étaient", "fut", "a", "ont", "avait", "avaient"})
#: endings of inflected verb forms: a verb form with none of them may be a noun in a compound
#: ("a think tank", "a talk show host")
INFLECTED_ENDINGS = ("s", "ed", "ing", "é", "ée", "és", "ées", "ant")
#: conjunctions that open a subordinate clause: a cue inside one reports less than the main
#: clause's ("When I ask him…, he says…", "Lorsqu'on lui demande…, X répond…")
SUBORDINATORS = frozenset({"when", "while", "if", "because", "after", "before", "since", "although", "though",
                           "whereas", "unless", "until", "once", "lorsque", "lorsqu'", "lorsqu’", "quand", "si",
                           "tandis", "puisque", "parce", "bien", "avant", "après"})
#: the subordinators that are prepositions too ("after the vote", « après le vote »): they open a
#: clause only when a verb follows
PREPOSITION_SUBORDINATORS = frozenset({"after", "before", "since", "until", "avant", "après"})
#: the pronoun before « que » that makes « ce que contestent X » a relative clause about what
#: the main clause reports
WHAT_PRONOUNS = frozenset({"ce"})
#: opening quotation marks (as tokens)
QUOTE_OPENERS = frozenset('«“"\'')
#: words that modify a number in a subject ("just 8 percent of Democrats said", "près de 60 %")
NUMBER_MODIFIERS = frozenset({"just", "only", "about", "nearly", "almost", "roughly", "around", "some", "over",
                              "under", "more", "fewer", "less", "than", "at", "least", "seulement", "environ", "au",
                              "près", "plus", "moins", "de", "d'", "d’", "quelque"})
#: a bound before a number, whose first word stops a walk back elsewhere: "at least", « au moins »
BOUND_MODIFIERS = frozenset({("at", "least"), ("at", "most"), ("au", "moins"), ("au", "plus")})
#: indefinite articles before a number word: "a dozen", « une dizaine »
ARTICLES = frozenset({"a", "an", "un", "une"})
#: what makes an "-ant" / "-ing" form a gerund of the clause's subject ("en affirmant", "by saying")
GERUND_MARKERS = frozenset({"en", "by"})
#: the conjunctions that open a participle clause of the main clause's subject ("…, while saying
#: that", "drew boos upon saying", "left after saying that"; "tout en affirmant" is a gerund)
PARTICIPLE_SUBORDINATORS = frozenset({"while", "upon", "after", "before"})
#: the adverbs between a coordinator (or a comma) and a second verb of the same subject ("…, and
#: then said", "…, then says", "…, puis a déclaré")
SEQUENCE_ADVERBS = frozenset({"then", "later", "also", "puis", "ensuite", "aussi"})
#: the prepositions before a gerund (or a perfect infinitive) that opens the sentence: the main
#: clause's subject speaks ("After saying…, the man", "Après avoir affirmé…, le ministre")
OPENING_PREPOSITIONS = frozenset({"after", "before", "in", "addition", "to", "besides", "upon", "while", "since", "by", "en",
                                  "having", "après", "avant", "de", "avoir"})
#: the words that end a time phrase opening the sentence before its subject ("A few minutes later
#: they…", "Two years ago the party…")
TIME_AFTER = frozenset({"later", "earlier", "ago", "afterward", "afterwards"})
TIME_NOUNS = frozenset({"moments", "minutes", "hours", "days", "weeks", "months", "years", "decades", "minute", "hour",
                        "day", "week", "month", "year"})
#: adverbs between a subject and its verb, no part of the subject ("X once said", "X then said",
#: "X even insisted"; French puts them after the auxiliary: "X a ensuite affirmé")
PREVERBAL_ADVERBS = frozenset({"once", "even", "already", "still", "just", "only", "again", "now", "then", "also",
                               "later", "previously", "repeatedly", "reportedly", "further", "often", "always",
                               "first", "since", "soon", "thus", "therefore", "subsequently", "never"})
#: emphatic pronouns between a subject and its verb, left out of the source ("Mrs. Clinton
#: herself has maintained"; French writes them in the verb group: « a lui-même affirmé »)
EMPHATIC_PRONOUNS = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
#: relative pronouns that open a clause about a noun ("des territoires que l'Ukraine revendique")
OBJECT_RELATIVES = frozenset({"que", "qu'", "qu’", "dont", "which", "whom"})
#: the words before an infinitive that make it depend on the verb before them ("continuent de
#: nier", "tried to argue"; not "à": "oblige chaque contrôleur à déclarer" is an obligation)
INFINITIVE_MARKERS = frozenset({"de", "d'", "d’", "to"})
#: the first half of a French negation ("n'a pas", "ne veut pas"): the lexicons list the second
NEGATION_PARTICLES = frozenset({"ne", "n'", "n’"})
#: the prepositions that join a title to its place ("notre correspondant à Clermont-Ferrand", "a
#: professor at Harvard")
PLACE_LINKS = frozenset({"à", "at", "in", "en"})
#: the auxiliary of a perfect infinitive or participle, and what comes before it, before a verb
#: that has no subject of its own: "after having said", « après avoir dit » (and, opening the
#: sentence, "Après avoir affirmé…": rules._after_opening_preposition)
PERFECT_AUXILIARIES = frozenset({"having", "avoir", "être"})
PERFECT_AFTER = frozenset({"after", "après"})
#: what follows "at" / « chez » when it says when or how much, not where someone works ("at the
#: time", "at least", "at both the federal and state levels")
NOT_A_PLACE = frozenset({"time", "times", "moment", "end", "start", "beginning", "least", "most", "once", "first",
                         "last", "point", "both", "all", "large", "risk", "odds", "stake", "issue", "this", "that",
                         "which", "what"})


def no_place_after(L: list[str], k: int) -> bool:
    """Token ``k`` is "at" and the words after it say no place: "at the time", "at least"."""
    return L[k] == "at" and any(w in NOT_A_PLACE for w in L[k + 1:k + 3])
#: prepositions that open a phrase before the subject of the sentence (« À la faveur de ces
#: résultats, certains… », "After the vote, Smith, …, said")
PHRASE_OPENERS = frozenset({"à", "au", "aux", "dans", "en", "sur", "pour", "par", "après", "avant", "depuis", "lors",
                            "malgré", "in", "at", "on", "after", "before", "during", "for", "with", "despite",
                            "under", "amid", "since"})
