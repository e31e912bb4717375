"""Closed word classes and limits shared by the attribution rules (punctuation, French
function words that do not vary by outlet). Open word lists live in the lexicons
(``claims/lexicons/<lang>.json``)."""

from __future__ import annotations

#: "'" is half of the newspaper style's closing "''" (and closes British single quotes)
HARD_STOP = frozenset(',.;:!?«»“”"()[]–—…\'')
QUOTE_END = frozenset('»”"\'')
MAX_NP = 12
PARENTHETICALS = frozenset({"however", "meanwhile", "moreover", "cependant", "toutefois", "pourtant", "néanmoins", "également", "aussi", "too", "though"})
MAX_SUBJECT = 10
#: characters tokenized on each side of the cues (a subject or noun phrase is shorter)
WINDOW = 160
ADDRESSEE = frozenset({"à", "au", "aux", "to"})
CLAUSE_STOP = frozenset(',.;:!?()[]–—…')
ADDRESSEE_DET = frozenset({"un", "une", "des", "le", "la", "les"})
REFLEXIVE = frozenset({"s'", "s’", "se"})
OBJECT_PRONOUNS = frozenset({"lui", "leur", "se", "s'", "s’", "nous", "vous", "me", "m'", "m’"})
INTRODUCERS = frozenset({"que", "qu'", "qu’", "that", ":"})
