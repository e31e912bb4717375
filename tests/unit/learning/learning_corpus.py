"""A small labelled corpus written for these tests: articles of short sentences, each with the
label a reviewer gave it. The extractor makes the candidates; each takes the label of the
sentence it covers. Reviewers here disagree with the rules on one thing: a "Sponsored:" line is
not a claim (the rules call it unsourced)."""

from __future__ import annotations

from functools import cache

from workbench.claims import extract
from workbench.learning import Example

A, U, C, X = "attributed", "unsourced", "contested", "not_claim"

ARTICLES = {
    "en-budget": [
        ("The city council approved a new budget on Tuesday.", U),
        ("The budget raises spending on schools by four percent, the mayor said.", A),
        ("According to the finance office, the deficit will shrink next year.", A),
        ("The opposition denied that the plan would cut any services.", C),
        ("Sponsored: compare the best savings accounts of the year.", X),
        ("Critics said the increase was too small to matter.", A),
        ("Property taxes will stay the same for most residents.", U),
        ("Sponsored: find cheap flights to anywhere this summer.", X),
    ],
    "en-storm": [
        ("A storm knocked out power to thousands of homes overnight.", U),
        ("Crews expect to restore electricity by Friday, the utility said.", A),
        ("Sponsored: the best generators for your home, reviewed.", X),
        ("The governor said the state would ask for federal aid.", A),
        ("Residents disputed the utility's account of the delays.", C),
        ("Schools in three districts were closed on Monday.", U),
        ("Sponsored: protect your roof before the next storm.", X),
        ("Officials said no one was seriously injured.", A),
    ],
    "en-trial": [
        ("The trial of the former minister opened on Monday.", U),
        ("Prosecutors said he had accepted bribes for six years.", A),
        ("His lawyer denied the charges and called them political.", C),
        ("Sponsored: talk to a lawyer online in minutes.", X),
        ("The court will hear the first witnesses next week.", U),
        ("A spokesman for the ministry said it would not comment.", A),
        ("Sponsored: the ten best legal thrillers of all time.", X),
        ("The hearing is expected to last a month.", U),
    ],
    "fr-greve": [
        ("Les contrôleurs aériens sont en grève depuis lundi.", U),
        ("Le ministre a déclaré que le trafic reprendrait jeudi.", A),
        ("Selon la direction, la moitié des vols sont annulés.", A),
        ("Les syndicats ont démenti tout accord avec le gouvernement.", C),
        ("Sponsored: réservez votre hôtel au meilleur prix.", X),
        ("Les passagers ont attendu des heures à l'aéroport.", U),
        ("Sponsored: des vacances au soleil à petit prix.", X),
        ("Le porte-parole de la compagnie a affirmé que les clients seraient remboursés.", A),
    ],
    "fr-incendie": [
        ("Un incendie a détruit deux cents hectares de forêt.", U),
        ("Les pompiers ont indiqué que le feu était maîtrisé.", A),
        ("Sponsored: les meilleurs extincteurs pour votre maison.", X),
        ("Le maire a contesté les chiffres donnés par la préfecture.", C),
        ("La route départementale reste fermée à la circulation.", U),
        ("Selon la préfecture, aucune habitation n'a été touchée.", A),
        ("Sponsored: assurez votre maison contre les incendies.", X),
        ("Les habitants ont pu regagner leur domicile dans la soirée.", U),
    ],
    "en-election": [
        ("Voters go to the polls on Sunday in a tight race.", U),
        ("The incumbent said she was confident of winning.", A),
        ("Her rival rejected the latest poll as biased.", C),
        ("Sponsored: the smartest way to invest your savings.", X),
        ("Turnout is expected to be higher than four years ago.", U),
        ("According to the electoral commission, results will be known by midnight.", A),
        ("Sponsored: win a trip for two to the capital.", X),
        ("Polling stations open at eight in the morning.", U),
    ],
}


def build(name: str, sentences: list[tuple[str, str]], decided: bool = True) -> list[Example]:
    """The candidates of one article, each labelled with the sentence it overlaps most."""
    text = "\n\n".join(s for s, _ in sentences)
    spans, pos = [], 0
    for s, label in sentences:
        start = text.index(s, pos)
        spans.append((start, start + len(s), label))
        pos = start + len(s)
    out = []
    for c in extract(text):
        overlap = [(min(c.end, e) - max(c.start, s), label) for s, e, label in spans]
        best = max(overlap)
        out.append(Example(name, c, len(text), best[1] if decided and best[0] > 0 else None))
    return out


@cache
def labelled() -> tuple[Example, ...]:
    """Every candidate of ``ARTICLES``, decided."""
    return tuple(ex for name, sentences in ARTICLES.items() for ex in build(name, sentences))
