"""Help: every key (from the live bindings, so remapped keys show) and the label guidelines."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

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


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close2"),
        Binding("q", "close", "Close", show=False, id="help.close3"),
    ]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = bindings

    def compose(self) -> ComposeResult:
        keys = Table(title="Keys", show_header=True, expand=True)
        keys.add_column("key", style="bold #5fafff", no_wrap=True)
        keys.add_column("action")
        for key, desc in self.rows:
            keys.add_row(Text(key), Text(desc))
        with VerticalScroll(id="help-box"):
            yield Static(keys)
            yield Static(Text("Label guidelines", style="bold"))
            yield Static(Text(GUIDELINES))
            yield Static(Text("escape: close", style="italic #8a8a8a"))

    def action_close(self) -> None:
        self.dismiss(None)
