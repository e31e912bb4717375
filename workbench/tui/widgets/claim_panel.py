"""Side panel: the focused claim's label, suggestion, source, cue, note and history."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from workbench.services.review import ClaimState
from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.history import change_text
from workbench.tui.palette import LABEL_CLASSES, label_styles
from workbench.tui.widgets.painted import Painted

#: near-duplicates shown for the focused claim, and the least score shown
TWINS = 3
TWIN_MIN_SCORE = 60.0


@dataclass(frozen=True, slots=True)
class Twin:
    id: int
    article_id: str
    title: str
    text: str
    score: float
    label: str | None


BOLD = Style(bold=True)


@dataclass(frozen=True, slots=True)
class PanelState:
    """What the claim panel shows: the focused claim (None: the article has none) and around it."""

    claim: ClaimState | None
    article_text: str = ""
    index: int = 0
    count: int = 0
    reviewer: str | None = None
    twins: list[Twin] | None = None
    indexing: bool = False
    orphans: list[ClaimState] = ()


def _label(label: str | None, palette: dict[str, Style]) -> Text:
    """A label in its colour (``palette``: ``label_styles`` of the widget showing it)."""
    if label is None:
        return Text("— undecided", style="italic #8a8a8a")
    return Text(label, style=BOLD + palette.get(label, Style(color="white")))


class ClaimPanel(Painted):
    """Renders a ``ClaimState`` (never as markup: every article string is plain ``Text``).

    Its size is fixed by the layout, so a new claim only repaints it (no layout pass)."""

    COMPONENT_CLASSES = LABEL_CLASSES

    #: set by the review screen on every change of focus or claim state
    state: reactive[PanelState | None] = reactive(None, always_update=True, layout=False)
    #: bound to the review screen's ``show_others``; False is blind review: only this reviewer's
    #: history (so that agreement measures independent judgements)
    show_others: reactive[bool] = reactive(True, layout=False)

    def watch_state(self) -> None:
        self._paint()

    def watch_show_others(self) -> None:
        self._paint()

    def _paint(self) -> None:
        st = self.state
        if st is None:
            return
        claim, article_text, index, count = st.claim, st.article_text, st.index, st.count
        reviewer, show_others, twins, indexing, orphans = st.reviewer, self.show_others, st.twins, st.indexing, st.orphans
        if claim is None:
            self.update(Text("No candidate claims in this article.\nPress v to add one, n for the next article.", style="italic"))
            return
        pal = label_styles(self)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold #9e9e9e", no_wrap=True)
        grid.add_column()
        grid.add_row("claim", Text(f"{index + 1} / {count}" + ("  (added by a reviewer)" if claim.origin == "manual" else "")))
        grid.add_row("label", _label(claim.label, pal))
        sugg = Text(claim.suggested_label or "—", style=pal.get(claim.suggested_label or "", "white"))
        if claim.origin != "manual":
            sugg.append(f" · score {claim.score:.2f}", style="#8a8a8a")
        grid.add_row("suggested", sugg)
        if claim.suggestion_reason:
            grid.add_row("", Text(visible(claim.suggestion_reason), style="italic #8a8a8a"))
        src = Text(visible(claim.source_text), style="bold #ffd75f") if claim.source_text else Text("— none", style="italic #8a8a8a")
        grid.add_row("source", src)
        if claim.cue:
            grid.add_row("cue", Text(visible(article_text[claim.cue[0]:claim.cue[1]]), style="italic #87ffd7"))
        else:
            grid.add_row("cue", Text("— none", style="italic #8a8a8a"))
        grid.add_row("span", Text(f"{claim.start}–{claim.end}"))
        grid.add_row("note", Text(visible(claim.note)) if claim.note else Text("—", style="#8a8a8a"))
        history = claim.history
        others: dict[str, str | None] = {}
        for h in history:
            if h.reviewer != reviewer:
                others[h.reviewer] = h.label  # the latest row of each other reviewer
        if not show_others and reviewer is not None:
            history = tuple(h for h in history if h.reviewer == reviewer)
        if others:
            if show_others:
                line = Text()
                for name, lbl in sorted(others.items()):
                    line.append(f"{name} ", style="#afafd7")
                    line.append_text(_label(lbl, pal) if lbl else Text("(none)", style="#8a8a8a"))
                    line.append("  ")
                grid.add_row("others", line)
            else:
                grid.add_row("others", Text(f"{len(others)} hidden (o shows them)", style="italic #8a8a8a"))
        hist = Table.grid(padding=(0, 1))
        hist.add_column(style="#8a8a8a", no_wrap=True)
        hist.add_column(no_wrap=True)
        hist.add_column()
        for h in history[-12:]:
            what = change_text(h, pal)  # what the row changed: label, source, span, note
            hist.add_row(h.created_at.strftime("%m-%d %H:%M:%S"), Text(h.reviewer, style="#afafd7"), what)
        parts = [grid, Text("")]
        parts.append(Text("similar in other articles", style="bold #9e9e9e"))
        if twins:
            tw = Table.grid(padding=(0, 1))
            tw.add_column(style="#8a8a8a", no_wrap=True, justify="right")
            tw.add_column(no_wrap=True)
            tw.add_column()
            for t in twins:
                snippet = Text(visible(t.title)[:30], style="#afafd7")
                snippet.append(" " + visible(t.text)[:80])
                tw.add_row(f"{t.score:.0f}", _label(t.label, pal) if t.label else Text("—", style="#8a8a8a"), snippet)
            parts.append(tw)
            if any(t.label for t in twins):
                parts.append(Text("f: suggest the first labelled twin's label", style="italic #8a8a8a"))
        else:
            parts.append(Text("indexing the corpus…" if indexing else ("none" if twins is not None else "…"),
                              style="italic #8a8a8a"))
        parts.append(Text(""))
        if orphans:
            parts.append(Text(f"orphaned ({len(orphans)}): their text is gone from this revision",
                              style="bold #ff8700"))
            for o in orphans[:6]:
                line = _label(o.label, pal) if o.label else Text("undecided", style="#8a8a8a")
                line.append("  " + visible(o.text)[:90], style="#bcbcbc")
                parts.append(line)
            parts.append(Text(""))
        parts.append(Text("history", style="bold #9e9e9e"))
        parts.append(hist if history else Text("no decisions yet", style="italic #8a8a8a"))
        self.update(Group(*parts))
