"""Side panel: the focused claim's label, suggestion, source, cue, note and history."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from workbench.services.review import ArticleData, ClaimState, HistoryEntry
from workbench.services.similarity import Twin
from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.history import change_text
from workbench.tui.palette import LABEL_CLASSES, label_styles
from workbench.tui.widgets.painted import Painted

#: near-duplicates shown for the focused claim, and the least score shown
TWINS = 3
TWIN_MIN_SCORE = 60.0


BOLD = Style(bold=True)
MUTED = "#8a8a8a"
NAME = "#afafd7"


def _label(label: str | None, palette: dict[str, Style]) -> Text:
    """A label in its colour (``palette``: ``label_styles`` of the widget showing it)."""
    if label is None:
        return Text("— undecided", style=f"italic {MUTED}")
    return Text(label, style=BOLD + palette.get(label, Style(color="white")))


def _label_or(label: str | None, palette: dict[str, Style], none: str) -> Text:
    return _label(label, palette) if label else Text(none, style=MUTED)


class ClaimPanel(Painted):
    """Renders the focused claim (never as markup: every article string is plain ``Text``).

    Every reactive is bound to the review screen's (``data_bind``); the panel is built again on
    the next frame after any of them changes. Its size is fixed by the layout, so a new claim
    only repaints it (no layout pass)."""

    COMPONENT_CLASSES = LABEL_CLASSES

    #: the screen has loaded (until then the panel is blank)
    ready: reactive[bool] = reactive(False, layout=False)
    #: the open article (the screen touches it with ``mutate_reactive`` when a claim changes)
    article: reactive[ArticleData | None] = reactive(None, layout=False)
    #: the focused claim's index in ``article.claims``
    focused_index: reactive[int | None] = reactive(None, layout=False)
    #: near-duplicates in other articles by claim id, as far as they have been looked up
    twins: reactive[dict[int, list[Twin]]] = reactive(dict, layout=False)
    #: the corpus index is still being built (no twins yet)
    indexing: reactive[bool] = reactive(True, layout=False)
    #: False is blind review: only this reviewer's history (so that agreement measures
    #: independent judgements)
    show_others: reactive[bool] = reactive(True, layout=False)

    def __init__(self, reviewer: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.reviewer = reviewer
        self._stale = True

    def _changed(self) -> None:
        self._stale = True

    watch_ready = watch_article = watch_focused_index = watch_twins = watch_indexing = watch_show_others = _changed

    @property
    def claim(self) -> ClaimState | None:
        art, i = self.article, self.focused_index
        if art is None or i is None or not 0 <= i < len(art.claims):
            return None
        return art.claims[i]

    def render(self):
        if self._stale:
            self._stale = False
            self._content = self._paint()
        return self._content

    def _paint(self):
        if not self.ready:
            return Text("")
        claim = self.claim
        if claim is None:
            return Text("No candidate claims in this article.\nPress v to add one, n for the next article.",
                        style="italic")
        pal = label_styles(self)
        art = self.article
        history = claim.history
        if not self.show_others and self.reviewer is not None:
            history = tuple(h for h in history if h.reviewer == self.reviewer)
        return Group(
            self._claim_grid(claim, art, pal), Text(""),
            *self._twins_parts(self.twins.get(claim.id), pal), Text(""),
            *self._orphans_parts(art.orphans, pal),
            Text("history", style="bold #9e9e9e"),
            _history_table(history, pal) if history else Text("no decisions yet", style=f"italic {MUTED}"),
        )

    def _claim_grid(self, claim: ClaimState, art: ArticleData, pal: dict[str, Style]) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold #9e9e9e", no_wrap=True)
        grid.add_column()
        grid.add_row("claim", Text(f"{(self.focused_index or 0) + 1} / {len(art.claims)}"
                                   + ("  (added by a reviewer)" if claim.origin == "manual" else "")))
        grid.add_row("label", _label(claim.label, pal))
        for head, line in _suggestion_rows(claim, pal):
            grid.add_row(head, line)
        grid.add_row("source", Text(visible(claim.source_text), style=BOLD + pal["source"]) if claim.source_text
                     else Text("— none", style=f"italic {MUTED}"))
        grid.add_row("cue", Text(visible(art.text[claim.cue[0]:claim.cue[1]]), style=Style(italic=True) + pal["cue"])
                     if claim.cue else Text("— none", style=f"italic {MUTED}"))
        grid.add_row("span", Text(f"{claim.start}–{claim.end}"))
        grid.add_row("note", _note(claim.note))
        others = self._others_row(claim.history, pal)
        if others is not None:
            grid.add_row("others", others)
        return grid

    def _others_row(self, history: tuple[HistoryEntry, ...], pal: dict[str, Style]) -> Text | None:
        """The other reviewers' latest labels, or how many are hidden (blind review)."""
        others: dict[str, str | None] = {}
        for h in history:
            if h.reviewer != self.reviewer:
                others[h.reviewer] = h.label  # the latest row of each other reviewer
        if not others:
            return None
        if not self.show_others:
            return Text(f"{len(others)} hidden (o shows them)", style=f"italic {MUTED}")
        line = Text()
        for name, lbl in sorted(others.items()):
            line.append(f"{name} ", style=NAME)
            line.append_text(_label_or(lbl, pal, "(none)"))
            line.append("  ")
        return line

    def _twins_parts(self, twins: list[Twin] | None, pal: dict[str, Style]) -> list:
        parts: list = [Text("similar in other articles", style="bold #9e9e9e")]
        if not twins:
            parts.append(Text("indexing the corpus…" if self.indexing else ("none" if twins is not None else "…"),
                              style=f"italic {MUTED}"))
            return parts
        tw = Table.grid(padding=(0, 1))
        tw.add_column(style=MUTED, no_wrap=True, justify="right")
        tw.add_column(no_wrap=True)
        tw.add_column()
        for t in twins:
            snippet = Text(visible(t.title)[:30], style=NAME)
            snippet.append(" " + visible(t.text)[:80])
            tw.add_row(f"{t.score:.0f}", _label_or(t.label, pal, "—"), snippet)
        parts.append(tw)
        if any(t.label for t in twins):
            parts.append(Text("f: suggest the first labelled twin's label", style=f"italic {MUTED}"))
        return parts

    @staticmethod
    def _orphans_parts(orphans: list[ClaimState], pal: dict[str, Style]) -> list:
        if not orphans:
            return []
        parts: list = [Text(f"orphaned ({len(orphans)}): their text is gone from this revision", style="bold #ff8700")]
        for o in orphans[:6]:
            line = _label_or(o.label, pal, "undecided")
            line.append("  " + visible(o.text)[:90], style="#bcbcbc")
            parts.append(line)
        parts.append(Text(""))
        return parts


#: characters of a note the panel shows: a long note would push the history out of the panel
NOTE_CHARS = 240


def _note(note: str | None) -> Text:
    if not note:
        return Text("—", style=MUTED)
    shown = visible(note)
    if len(shown) <= NOTE_CHARS:
        return Text(shown)
    line = Text(shown[:NOTE_CHARS].rstrip() + "…")
    line.append(f" ({len(note)} characters; m shows and edits it all)", style=f"italic {MUTED}")
    return line


#: how each suggestion is named in the panel
_BY = {"rules": "rules", "twin": "twin", "model": "model"}


def _suggestion_rows(claim: ClaimState, pal: dict[str, Style]) -> list[tuple[str, Text]]:
    """The ``suggested`` rows: the label ``enter`` accepts, then, when more than the rules
    suggested, each suggestion (rules, twin, model) with its confidence and why, the one
    ``enter`` accepts marked."""
    sugg = Text(claim.suggested_label or "—", style=pal.get(claim.suggested_label or "", "white"))
    if len(claim.suggestions) <= 1:
        if claim.origin != "manual":
            sugg.append(f" · score {claim.score:.2f}", style=MUTED)
        rows = [("suggested", sugg)]
        if claim.suggestion_reason:
            rows.append(("", Text(visible(claim.suggestion_reason), style=f"italic {MUTED}")))
        return rows
    whose = {"rules": "the rules'", "twin": "the twin's", "model": "the model's"}.get(claim.suggested_by, claim.suggested_by)
    sugg.append(f"  (enter: {whose})", style=MUTED)
    rows = [("suggested", sugg)]
    for by, label, confidence, reason in claim.suggestions:
        line = Text("▸ " if by == claim.suggested_by else "  ", style=BOLD)
        line.append_text(_label_or(label, pal, "—"))
        line.append(f" {confidence:.2f}" if by != "twin" else f" {confidence * 100:.0f}", style=MUTED)
        if by == "model" and reason.startswith("model ") and "(" in reason:
            reason = reason.split("(", 1)[1].rstrip(")")  # the features that weighed most
        if reason:
            line.append(f" · {visible(reason)[:70]}", style=f"italic {MUTED}")
        rows.append((f"  {_BY.get(by, by)}", line))
    return rows


def _history_table(history: tuple[HistoryEntry, ...], pal: dict[str, Style]) -> Table:
    """The latest twelve rows of a claim's history."""
    hist = Table.grid(padding=(0, 1))
    hist.add_column(style=MUTED, no_wrap=True)
    hist.add_column(no_wrap=True)
    hist.add_column()
    for h in history[-12:]:
        what = change_text(h, pal)  # what the row changed: label, source, span, note
        hist.add_row(h.created_at.strftime("%m-%d %H:%M:%S"), Text(h.reviewer, style=NAME), what)
    return hist
