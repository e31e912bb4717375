"""The span selector: the keys of a selection mode (adding a claim, fixing a source), one line
saying what is selected, and typed messages for the screen. It drives a ``SpanSelection`` (plain
code, ``workbench.tui.selection``) and shows it through public ``ArticleView`` methods."""

from __future__ import annotations

from enum import Enum, auto

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from workbench.tui.selection import Cells, SpanSelection
from workbench.tui.widgets.article_view import ArticleView, Selection, cell_column, column_offset, visible

#: columns as the article view draws them (a wide character takes two cells)
_DRAWN = Cells(cell_column, column_offset)


class Mode(Enum):
    """What the review screen's keys do."""

    REVIEW = auto()  # decide claims
    ADD = auto()  # select a missed claim
    SOURCE = auto()  # select the focused claim's source

    @property
    def title(self) -> str:
        return {Mode.REVIEW: "", Mode.ADD: "NEW CLAIM", Mode.SOURCE: "SOURCE"}[self]


class SpanSelector(Widget, can_focus=True):
    """Focused while a selection mode lasts, so its keys come first and the footer lists them."""

    DEFAULT_CSS = """
    SpanSelector {
        height: 1; display: none; padding: 0 1; background: $boost;
        /* one line, cut at its end: wrapped, a selection of text with no space (Chinese) went
           to a second line, not shown */
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SpanSelector.-active { display: block; }
    """
    COMPONENT_CLASSES = {"span-selector--title", "span-selector--text", "span-selector--hint",
                         "span-selector--warning"}

    # The footer shows these in a selection mode (the review keys are hidden meanwhile, but help
    # and quit, listed after these), in this order: what an 80-column footer shows must say how to
    # end the selection (confirm, the labels of an added claim, type or clear a source, cancel) and
    # how to move it by words; the other moves follow, and the help lists every key.
    BINDINGS = [
        Binding("enter", "confirm", "Confirm", id="select.confirm"),
        Binding("a,1", "confirm('attributed')", "Attributed", id="select.attributed"),
        Binding("u,2", "confirm('unsourced')", "Unsourced", id="select.unsourced"),
        Binding("c,3", "confirm('contested')", "Contested", id="select.contested"),
        Binding("x,4", "confirm('not_claim')", "Not claim", tooltip="Not a claim", id="select.not_claim"),
        Binding("t", "type_source", "Type it", id="select.type_source"),
        Binding("backspace,delete", "clear_source", "No source", id="select.clear_source"),
        Binding("escape", "cancel", "Cancel", id="select.cancel"),
        # one footer entry for the pair (the help lists each)
        Binding("w,ctrl+right", "move('word_next')", "Word", tooltip="Next word start", key_display="w b",
                id="select.word_right"),
        Binding("b,ctrl+left", "move('word_prev')", "Word←", tooltip="Previous word start", show=False,
                id="select.word_left"),
        Binding("left,h", "move('left')", "Char", tooltip="Char ← (no word snapping)", key_display="←→", id="select.left"),
        Binding("right,l", "move('right')", "Char →", tooltip="Char → (no word snapping)", show=False, id="select.right"),
        Binding("up,k", "line(-1)", "Line", tooltip="Line ↑", key_display="↑↓", id="select.up"),
        Binding("down,j", "line(1)", "Line ↓", show=False, id="select.down"),
        Binding("e", "move('word_end')", "End", tooltip="Next word end", id="select.word_end"),
        Binding("v", "drop_anchor", "Anchor", tooltip="Anchor here (the selection starts again at the cursor)", id="select.anchor"),
        Binding("o", "swap", "Swap", tooltip="Other end (the anchor becomes the moving end)", id="select.swap"),
        Binding("home", "move('home')", "Paragraph", tooltip="Paragraph start", key_display="home end", id="select.home"),
        Binding("end", "move('end')", "Paragraph end", show=False, id="select.end"),
    ]

    class Confirmed(Message):
        """The reviewer confirmed ``span`` (trimmed) in ``mode``; ``label`` for an added claim."""

        def __init__(self, mode: Mode, span: tuple[int, int] | None, label: str | None = None) -> None:
            self.mode, self.span, self.label = mode, span, label
            super().__init__()

    class Cancelled(Message):
        """Escape: nothing selected."""

    class SourceTyped(Message):
        """``t``: the reviewer will type the source instead. ``hold``: the keys typed since are
        held (``WorkbenchApp.hold_keys``) until the screen ends this hold."""

        def __init__(self, hold: int) -> None:
            self.hold = hold
            super().__init__()

    class SourceCleared(Message):
        """Backspace: the claim has no source."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mode = Mode.REVIEW
        self.selection: SpanSelection | None = None
        self._view: ArticleView | None = None

    # -- life of a selection -----------------------------------------------------------------
    def begin(self, mode: Mode, view: ArticleView, selection: SpanSelection) -> None:
        self.mode, self._view = mode, view
        self.add_class("-active")
        self._show(selection)
        self.screen.set_focus(self)  # now: the next key may come before the next frame
        self.refresh_bindings()

    def end(self) -> None:
        self.mode, self.selection = Mode.REVIEW, None
        self.remove_class("-active")
        if self._view is not None:
            self._view.set_selection(None)
            self.screen.set_focus(self._view)
        self.refresh_bindings()

    def _show(self, selection: SpanSelection) -> None:
        self.selection = selection
        if self._view is not None:
            self._view.set_selection(Selection(selection.span, selection.cursor))
        self.refresh()

    def check_action(self, action: str, parameters) -> bool | None:
        if self.selection is None:
            return False
        if action == "confirm" and parameters:
            return self.mode is Mode.ADD
        if action in ("type_source", "clear_source"):
            return self.mode is Mode.SOURCE
        return True

    # -- keys --------------------------------------------------------------------------------
    def action_move(self, how: str) -> None:
        self._show(getattr(self.selection, how)())

    def action_line(self, direction: int) -> None:
        lines = self._view.screen_lines if self._view is not None else []
        self._show(self.selection.line(lines, direction, _DRAWN))

    def action_drop_anchor(self) -> None:
        self._show(self.selection.drop_anchor())

    def action_swap(self) -> None:
        self._show(self.selection.swap())

    def action_confirm(self, label: str | None = None) -> None:
        mode, span = self.mode, self.selection.span
        self.end()
        self.post_message(self.Confirmed(mode, span, label))

    def action_cancel(self) -> None:
        self.end()
        self.post_message(self.Cancelled())

    def action_type_source(self) -> None:
        hold = self.app.hold_keys()  # what is typed next is the source, for the prompt the screen opens
        self.end()
        self.post_message(self.SourceTyped(hold))

    def action_clear_source(self) -> None:
        self.end()
        self.post_message(self.SourceCleared())

    # -- the line it shows -------------------------------------------------------------------
    def render(self) -> Text:
        sel = self.selection
        t = Text(no_wrap=True, overflow="ellipsis")
        if sel is None:
            return t
        t.append(f" {self.mode.title} ", style=self.get_component_rich_style("span-selector--title"))
        chosen = sel.selected
        if not chosen:
            t.append("  nothing selected", style=self.get_component_rich_style("span-selector--hint"))
            return t
        t.append(f"  {len(chosen)} chars  ", style=self.get_component_rich_style("span-selector--hint"))
        if sel.breaks:
            t.append(f"¶ crosses {sel.breaks} paragraph break(s)  ",
                     style=self.get_component_rich_style("span-selector--warning"))
        preview = visible(" ".join(chosen.split()))
        if len(preview) > 90:
            preview = preview[:44] + " … " + preview[-44:]
        t.append(f"“{preview}”", style=self.get_component_rich_style("span-selector--text"))
        return t
