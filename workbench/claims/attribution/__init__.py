"""Attribution: the cue (reporting verb, "selon" / "according to") and the source span (who)
of a sentence.

- ``rules``: one function per pattern (pronoun in the verb, passive agent, participle agent and
  clause, subject before an apposition, inverted tag, preverbal subject, "according to"),
  each returning a typed ``Match`` with a ``Rank``;
- ``choose``: which match wins, and whether the sentence is contested;
- ``phrases``: finding the source's words (noun phrases, subjects); ``verbs``: the reporting
  verbs and their verb groups; ``tokens``: the fast tokenizer beside its reference;
- ``speakers``: where a sentence reports two speakers in two clauses, its cut into two claims;
- ``find``: the entry points.
"""

from workbench.claims.attribution.find import (
    attribution_of,
    contest_only,
    find_attribution,
    hearsay_adverb,
    introduced_quotation,
    tagged_quotation,
    in_a_poll,
    opinion_frame,
    possessive_claim,
    speech_noun_agent,
    viewpoint,
)
from workbench.claims.attribution.phrases import headline_source
from workbench.claims.attribution.result import Attribution, Found, as_attribution
from workbench.claims.attribution.tokens import Tok, tokenize

__all__ = [
    "Attribution",
    "Found",
    "Tok",
    "as_attribution",
    "attribution_of",
    "contest_only",
    "find_attribution",
    "headline_source",
    "hearsay_adverb",
    "introduced_quotation",
    "tagged_quotation",
    "in_a_poll",
    "opinion_frame",
    "possessive_claim",
    "speech_noun_agent",
    "tokenize",
    "viewpoint",
]
