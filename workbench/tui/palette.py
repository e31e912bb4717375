"""The label palette, defined once in ``app.tcss`` (``$label-*`` variables and the component
classes below) and read by every widget that colours a label.

A widget that shows labels lists ``COMPONENT_CLASSES = LABEL_CLASSES`` and asks
``label_styles(self, "label")`` (the label's colour) or ``label_styles(self, "decided")`` (how a
decided claim is marked in the article). A new label colour is a change to the stylesheet only."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from workbench.claims.model import LABELS

#: ``label--<label>``: the label's colour; ``decided--<label>``: a decided claim in the article
LABEL_CLASSES = {f"{kind}--{label}" for kind in ("label", "decided") for label in LABELS}


def label_styles(widget: Widget, kind: str = "label") -> dict[str, Style]:
    """Each label's Rich style for ``kind`` ("label" or "decided"), from the stylesheet."""
    return {label: widget.get_component_rich_style(f"{kind}--{label}", partial=True) for label in LABELS}
