"""Help: every key (from the live bindings, so remapped keys show) and the label guidelines."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.guidelines import APP_KEYS, GUIDELINES, app_guidelines


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close2"),
        Binding("q", "close", "Close", show=False, id="help.close3"),
    ]

    def __init__(self, bindings: list[tuple[str, str]], selection: list[tuple[str, str]] = (),
                 guidelines: str = GUIDELINES) -> None:
        """``bindings``: the review keys; ``selection``: the keys while a span is selected
        (``v`` adding a claim, ``e`` fixing a source), listed under their own heading;
        ``guidelines``: the label guidelines, naming the reviewer's keys (``guidelines_for``)."""
        super().__init__()
        self.rows = bindings
        self.selection_rows = list(selection)
        self.guidelines = guidelines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(_keys_table("Keys", self.rows))
            if self.selection_rows:
                yield Static(_keys_table("Selecting a span (v: add a claim, e: fix the source)", self.selection_rows))
            yield Static(Text("Label guidelines", style="bold"))
            yield Static(Text(self.guidelines))
            yield Static(Text("escape: close", style="italic #8a8a8a"))

    def action_close(self) -> None:
        self.dismiss(None)


def _keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    keys = Table(title=title, show_header=True, expand=True)
    keys.add_column("key", style="bold #5fafff", no_wrap=True)
    keys.add_column("action")
    for key, desc in rows:
        keys.add_row(Text(key), Text(desc))
    return keys


_KEY_NAMES = {
    "less_than_sign": "<", "greater_than_sign": ">", "left_curly_bracket": "{", "right_curly_bracket": "}",
    "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/", "question_mark": "?",
}


def help_rows(bindings, keymap: dict[str, str]) -> list[tuple[str, str]]:
    """``(keys, description)`` of each binding, with the reviewer's own keys when remapped."""
    rows, seen = [], set()
    for b in bindings:
        if (b.id, b.action) in seen:
            continue
        seen.add((b.id, b.action))
        # (a binding given no key, "", keeps its default keys: Textual applies only a key list)
        rows.append((_pretty_keys((keymap.get(b.id) or b.key) if b.id else b.key), b.tooltip or b.description))
    return rows


def _pretty_keys(keys: str) -> str:
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def guidelines_for(keymap: dict[str, str]) -> str:
    """The label guidelines naming the reviewer's keys where ``keymap`` remaps the ones they name
    (the first key of each, as help shows it)."""
    keys = {bid: _pretty_keys(keymap[bid]).split()[0] for bid in APP_KEYS if (keymap.get(bid) or "").strip(" ,")}
    return app_guidelines(keys)
