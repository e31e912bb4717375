"""The label palette, defined once in ``app.tcss`` (``$label-*`` variables and the component
classes below) and read by every widget that colours a label or a part of a claim.

A widget that shows labels lists ``COMPONENT_CLASSES = LABEL_CLASSES`` and asks
``label_styles(self, "label")`` (the label's colour, and the colours of a claim's ``source`` and
``cue``) or ``label_styles(self, "decided")`` (how a decided claim is marked in the article); the
article view also lists ``CLAIM_CLASSES`` and reads them with ``claim_styles``. A new label colour
is a change to the stylesheet only. (Code outside the app reads the same ``$label-*`` lines with
``workbench.palette``.)"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from workbench.claims.model import LABELS

#: the parts of a claim that have a colour of their own in the palette (``label--source``, ``label--cue``)
PARTS = ("source", "cue")
#: ``label--<label>``: the label's colour; ``decided--<label>``: a decided claim in the article
LABEL_CLASSES = {f"{kind}--{label}" for kind in ("label", "decided") for label in LABELS} | {f"label--{p}" for p in PARTS}
#: how the article view marks a claim: ``claim--<part>``
CLAIM_PARTS = ("undecided", "focus", "focus-decided", "cue", "source", "selection", "cursor")
CLAIM_CLASSES = {f"claim--{part}" for part in CLAIM_PARTS}


def label_styles(widget: Widget, kind: str = "label") -> dict[str, Style]:
    """Each label's Rich style for ``kind`` ("label": also ``source`` and ``cue``; "decided"),
    from the stylesheet."""
    names = (*LABELS, *PARTS) if kind == "label" else LABELS
    return {name: widget.get_component_rich_style(f"{kind}--{name}", partial=True) for name in names}


def claim_styles(widget: Widget) -> dict[str, Style]:
    """The article view's style of each part of ``CLAIM_PARTS``, from the stylesheet."""
    return {part: widget.get_component_rich_style(f"claim--{part}", partial=True) for part in CLAIM_PARTS}
