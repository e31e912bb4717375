"""The label guidelines: shown in the app's help and written into every dataset card."""

GUIDELINES = """\
attributed   The claim is credited in the text to an identifiable source: "a déclaré le ministère…",
             "selon Reuters", "a US official said", "», a déclaré Peskov". Mark the source span (e).
unsourced    The article asserts it itself, with no source ("Moscow retaliated on Monday.").
contested    A denial, rebuttal or conflicting account is reported ("X denied…", "Moscou affirme au
             contraire…", "Alors que X craint…, Y a déclaré…").
not_claim    Not a claim at all: boilerplate, a teaser question, a headline fragment, a caption.

Boundaries: a claim is one sentence, a quotation together with its speech tag. Fix them with the
boundary keys; add a claim the extractor missed with v (select, then a label key or enter).
Every decision is saved the moment it shows; undo (z) and redo (y) add history, never erase it."""
