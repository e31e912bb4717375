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

GUIDELINES = LABEL_GUIDELINES + """

In the app: e marks the source span; < > { } move a claim's boundaries; v adds a claim the
extractor missed (select, then a label key or enter). Every decision is saved the moment it
shows; undo (z) and redo (y) add history, never erase it."""
