"""The label palette is defined once, in the app's stylesheet: the widgets (through Textual),
the charts and the Label Studio config (through ``workbench.palette``) read the same colours."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

from textual.app import App

from workbench.charts import legend
from workbench.claims.model import LABELS
from workbench.formats.labelstudio import label_config
from workbench.palette import STYLESHEET, label_colours, read_label_colours
from workbench.tui.palette import CLAIM_PARTS, PARTS
from workbench.tui.widgets.article_view import ArticleView


def test_every_label_has_its_colours_in_the_stylesheet():
    colours = label_colours()
    for name in (*LABELS, *PARTS, *(f"{label}_bg" for label in LABELS if label != "not_claim")):
        assert colours[name].startswith("#") and len(colours[name]) == 7, name


def test_every_label_variable_is_read():
    """A ``$label-*`` line the reader cannot read (another colour syntax) fails here, not silently."""
    lines = [ln for ln in STYLESHEET.read_text("utf-8").splitlines() if ln.startswith("$label-")]
    assert len(lines) == len(label_colours())
    assert read_label_colours("$label-not-claim: #ABCDEF;\n") == {"not_claim": "#abcdef"}


def test_label_studio_and_charts_use_the_palette():
    colours = label_colours()
    root = ET.fromstring(label_config())
    assert {x.get("value"): x.get("background") for x in root.iter("Label")} == {
        name: colours[name] for name in (*LABELS, "source")}
    text = legend()
    assert [str(span.style) for span in text.spans] == [colours[label] for label in LABELS]


def _hex(color) -> str:
    return color.triplet.hex if color is not None else None


def test_textual_reads_the_same_colours():
    """What the widgets get from the stylesheet is what ``workbench.palette`` reads from it."""

    class Probe(App):
        CSS_PATH = STYLESHEET

        def compose(self):
            yield ArticleView()

    async def styles():
        app = Probe()
        async with app.run_test():
            view = app.query_one(ArticleView)
            return ({name: view.get_component_rich_style(f"label--{name}", partial=True) for name in (*LABELS, *PARTS)},
                    {name: view.get_component_rich_style(f"decided--{name}", partial=True) for name in LABELS},
                    {part: view.get_component_rich_style(f"claim--{part}", partial=True) for part in CLAIM_PARTS})

    label, decided, claim = asyncio.run(styles())
    colours = label_colours()
    assert {name: _hex(style.color) for name, style in label.items()} == {
        name: colours[name] for name in (*LABELS, *PARTS)}
    for name in LABELS:
        if name == "not_claim":  # struck through and dimmed, no background
            assert decided[name].strike and _hex(decided[name].color) == colours["not_claim"]
        else:
            assert _hex(decided[name].bgcolor) == colours[f"{name}_bg"]
    assert _hex(claim["source"].color) == colours["source"] and claim["source"].bold
    assert _hex(claim["cue"].color) == colours["cue"] and claim["cue"].italic
    assert all(str(style) != "none" for style in claim.values()), "every part of a claim has a style"
