"""Fuzzy search over titles and claim texts. Returns (article id, candidate id or None)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.linking.search import Searcher, SearchHit, SearchItem
from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.text_input import OrderedInput

#: characters of a hit's text shown, and shown before its match
PREVIEW = 110
BEFORE_MATCH = 40


def preview(hit: SearchHit) -> Text:
    """The hit's text around its match, the match highlighted (a styled range: the text is
    never markup)."""
    text, match = hit.item.text, hit.match
    lo = 0
    if match is not None and match[1] > PREVIEW:
        lo = max(0, match[0] - BEFORE_MATCH)
    out = Text("…" if lo else "")
    shown = visible(text[lo:lo + PREVIEW])  # one character for one: offsets hold
    at = len(out)
    out.append(shown)
    if match is not None:
        s, e = max(match[0], lo) - lo + at, min(match[1], lo + PREVIEW) - lo + at
        if s < e:
            out.stylize("bold #000000 on #ffd75f" if hit.contains else "underline #ffd75f", s, e)
    return out


class SearchScreen(ModalScreen[tuple[str, int | None] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="search.close"),
        Binding("down", "results", "Results", show=False, id="search.results"),
    ]

    def __init__(self, items: list[SearchItem] | Searcher, hold: int | None = None) -> None:
        """``items``: what to search, or a ``Searcher`` kept from an earlier search (its items
        folded once: 0.8 s for 70,000 claims). ``hold``: the keys typed since the search was asked
        for are held under it (``WorkbenchApp.hold_keys``): the search takes them as typed in its
        input."""
        super().__init__()
        self.searcher = items if isinstance(items, Searcher) else Searcher(items)
        self.items = self.searcher.items
        self.hits: list[SearchHit] = []
        #: the query the hits shown are for
        self.hits_for = ""
        self._hold = hold

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label("Search titles and claims (fuzzy)", id="search-title")
            yield OrderedInput(placeholder="type a few words…", id="search-input")
            yield OptionList(id="search-results")
            yield Label("enter: open   down: results   escape: close", id="search-hint")

    def on_mount(self) -> None:
        inp = self.query_one(OrderedInput)
        inp.cursor_blink = not self.app.is_headless  # steady cursor in tests and snapshots
        self.set_focus(inp)  # now, not at the next frame
        if self._hold is not None:  # (after the keys already on their way are held)
            self.app.call_later(inp.take_held_keys, self._hold)

    def on_unmount(self) -> None:
        if self._hold is not None:  # what was typed after the key that closed it: the screen's below
            self.app.call_later(self.app.release_keys, self._hold)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        hits = self.searcher.search(query)
        self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.hits, self.hits_for = hits, query
        ol = self.query_one(OptionList)
        ol.clear_options()
        options = []
        for n, h in enumerate(hits):
            t = Text(f"{h.score:5.1f} ", style="#8a8a8a")
            t.append("title " if h.item.kind == "article" else "claim ", style="bold #5fafff" if h.item.kind == "article" else "#d7af5f")
            t.append_text(preview(h))
            t.append(f"  {h.item.article_id}", style="#6c6c6c")
            options.append(Option(t, id=str(n)))
        ol.add_options(options)  # (at once: the list is laid out once)
        if hits:
            ol.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.hits_for != event.value:  # typed faster than the search ran: the hits of what was typed
            self._show(event.value, self.searcher.search(event.value))
        ol = self.query_one(OptionList)
        if self.hits:
            idx = ol.highlighted or 0
            h = self.hits[idx]
            self.dismiss((h.item.article_id, h.item.candidate_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        h = self.hits[int(event.option.id)]
        self.dismiss((h.item.article_id, h.item.candidate_id))

    def action_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
