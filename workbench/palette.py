"""The label colours for code outside the review app (the charts, the Label Studio config).

They are defined once, in the app's stylesheet ``workbench/tui/app.tcss``: one line
``$label-<name>: #rrggbb;`` each (``$label-not-claim`` is the colour of ``not_claim``). The app's
widgets read them through component classes (``workbench.tui.palette``); this module reads the
same lines as text, without Textual, so that a label colour is changed in the stylesheet only.
``tests/unit/test_palette.py`` checks that Textual reads the same colours."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

#: the review app's stylesheet, where the label colours are defined
STYLESHEET = Path(__file__).resolve().parent / "tui" / "app.tcss"

_VARIABLE = re.compile(r"^\$label-([a-z][a-z0-9-]*)\s*:\s*(#[0-9a-fA-F]{6})\s*;", re.MULTILINE)


def read_label_colours(tcss: str) -> dict[str, str]:
    """``{name: "#rrggbb"}`` of the ``$label-<name>`` variables of a stylesheet's text, with the
    name's ``-`` read as ``_`` (``not_claim``, ``attributed_bg``)."""
    return {name.replace("-", "_"): colour.lower() for name, colour in _VARIABLE.findall(tcss)}


@cache
def label_colours() -> dict[str, str]:
    """The label colours of the app's stylesheet: each label of ``workbench.claims.model.LABELS``,
    ``source`` (a claim's source), ``cue``, and ``<label>_bg`` (a decided claim's background)."""
    return read_label_colours(STYLESHEET.read_text("utf-8"))
