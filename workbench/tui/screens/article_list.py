"""The article list: title and progress, filtered all / to do / done. Returns an article id."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.services.review import ArticleSummary
from workbench.tui.widgets.article_view import visible

FILTERS = ("all", "to do", "done")


class ArticleListScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="list.close"),
        Binding("l", "cancel", "Close", show=False, id="list.close2"),
        Binding("tab", "cycle_filter", "Filter all / to do / done", id="list.filter"),
        Binding("f", "cycle_filter", "Filter", show=False, id="list.filter2"),
    ]

    def __init__(self, summaries: list[ArticleSummary], current: str | None) -> None:
        super().__init__()
        self.summaries = summaries
        self.current = current
        self.filter = "all"

    def compose(self) -> ComposeResult:
        with Vertical(id="list-box"):
            yield Label("", id="list-title")
            yield OptionList(id="articles")
            yield Label("enter: open   tab: filter all / to do / done   escape: close", id="list-hint")

    def on_mount(self) -> None:
        self._fill()

    def _visible(self) -> list[ArticleSummary]:
        if self.filter == "to do":
            return [s for s in self.summaries if not s.done]
        if self.filter == "done":
            return [s for s in self.summaries if s.done]
        return list(self.summaries)

    def _fill(self) -> None:
        rows = self._visible()
        done = sum(1 for s in self.summaries if s.done)
        self.query_one("#list-title", Label).update(
            Text(f"Articles — filter: {self.filter} ({len(rows)} shown, {done}/{len(self.summaries)} done)", style="bold")
        )
        ol = self.query_one(OptionList)
        ol.clear_options()
        highlight = 0
        options = []
        for n, s in enumerate(rows):
            mark = "✔" if s.done else " "
            t = Text(f"{mark} {s.decided:>3}/{s.total:<3} ", style="#5faf5f" if s.done else "#d7af5f")
            t.append(visible(s.title[:100]) or s.id)
            t.append(f"  {s.id}", style="#6c6c6c")
            options.append(Option(t, id=s.id))
            if s.id == self.current:
                highlight = n
        ol.add_options(options)  # (at once: one by one, each option laid the list out again)
        if rows:
            ol.highlighted = highlight
        ol.focus()

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
