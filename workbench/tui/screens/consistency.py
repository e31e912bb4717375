"""Consistency: groups of near-identical claims (the same statement in several places) whose
decisions disagree. Returns ``(article_id, candidate_id)`` of the claim chosen, to open it."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.services import similarity
from workbench.tui.widgets.article_view import visible
from workbench.tui.palette import LABEL_CLASSES, label_styles


class ConsistencyScreen(ModalScreen[tuple[str, int] | None]):
    COMPONENT_CLASSES = LABEL_CLASSES
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="consistency.close"),
        Binding("i", "cancel", "Close", show=False, id="consistency.close2"),
    ]

    def __init__(self, index, reviewer: str | None = None) -> None:
        """``reviewer``: blind review, only that reviewer's decisions are listed (None: everyone's)."""
        super().__init__()
        self.index = index
        self.reviewer = reviewer
        self.groups: list[list[similarity.GroupMember]] | None = None
        self._targets: dict[str, tuple[str, int]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="list-box"):
            yield Label(Text("Looking for near-identical claims with different labels…", style="italic"),
                        id="consistency-title")
            yield OptionList(id="groups")
            yield Label("enter: open the claim   escape: close", id="list-hint")

    def on_mount(self) -> None:
        engine, index, reviewer = self.app.engine, self.index, self.reviewer
        self.app.side(lambda: similarity.inconsistent_groups(engine, index, reviewer=reviewer), then=self._fill)

    def _fill(self, groups) -> None:
        self.groups = groups
        n = sum(len(g) for g in groups)
        whose = " (yours; o: everyone's)" if self.reviewer is not None else ""
        self.query_one("#consistency-title", Label).update(Text(
            f"{len(groups)} group(s) of near-identical claims with different labels ({n} claims){whose}"
            if groups else f"No inconsistency: near-identical claims have the same labels{whose}.", style="bold"))
        ol = self.query_one(OptionList)
        pal = label_styles(self)
        ol.clear_options()
        for gi, g in enumerate(groups):
            for k, m in enumerate(g):
                t = Text(f"{gi + 1:>3}. " if k == 0 else "     ", style="bold")
                for name, lbl in sorted(m.labels.items()):
                    t.append(f"{lbl}", style=Style(bold=True) + pal.get(lbl, Style(color="white")))
                    t.append(f" ({name}) ", style="#8a8a8a")
                t.append(visible(m.text)[:110])
                t.append(f"  {m.article_id}", style="#6c6c6c")
                key = f"{gi}-{k}"
                self._targets[key] = (m.article_id, m.id)
                ol.add_option(Option(t, id=key))
            if gi < len(groups) - 1:
                ol.add_option(None)
        if groups:
            ol.highlighted = 0
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._targets.get(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
