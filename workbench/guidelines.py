"""The label guidelines: ``LABEL_GUIDELINES`` (what each label means, what a claim is) is written
into every dataset card, for readers who never saw the app; ``GUIDELINES`` adds the app's keys
for them, in the app's help."""

LABEL_GUIDELINES = """\
attributed   The claim is credited in the text to an identifiable source: "a déclaré le ministère…",
             "selon Reuters", "a US official said", "», a déclaré Peskov". Its source span is marked.
unsourced    The article asserts it itself, with no source ("Moscow retaliated on Monday.").
contested    A denial, rebuttal or conflicting account is reported ("X denied…", "Moscou affirme au
             contraire…", "Alors que X craint…, Y a déclaré…").
not_claim    Not a claim at all: boilerplate, a teaser question, a headline fragment, a caption.

Boundaries: a claim is one sentence, or a quotation together with its speech tag. Reviewers fix
the boundaries the extractor proposed and add the claims it missed."""

#: the app's keys the guidelines name (binding id -> default key)
APP_KEYS = {"review.edit_source": "e", "review.start_left": "<", "review.start_right": ">",
            "review.end_left": "{", "review.end_right": "}", "review.add_claim": "v", "review.undo": "z",
            "review.redo": "y"}


def app_guidelines(keys: dict[str, str] | None = None) -> str:
    """``GUIDELINES`` naming the reviewer's keys (``keys``: binding id -> key, for the remapped
    ones; a keymap that moved undo to "Z" had help say "undo (z)")."""
    k = {**APP_KEYS, **(keys or {})}
    bounds = " ".join(k[b] for b in ("review.start_left", "review.start_right", "review.end_left", "review.end_right"))
    return LABEL_GUIDELINES + f"""

In the app: {k["review.edit_source"]} marks the source span; {bounds} move a claim's boundaries; {k["review.add_claim"]} adds a claim the
extractor missed (select, then a label key or enter). Every decision is saved the moment it
shows; undo ({k["review.undo"]}) and redo ({k["review.redo"]}) add history, never erase it."""


GUIDELINES = app_guidelines()
