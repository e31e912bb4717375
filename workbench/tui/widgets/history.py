"""What one history row of a claim did, as the claim panel lists it: the action and what it
changed (the new label, the new source text, the new span, the note), never "(none)" for a row
that set a source or moved the claim."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from workbench.services.review import HistoryEntry
from workbench.tui.widgets.article_view import visible

MUTED = "#8a8a8a"
#: characters of a source text or note shown in a history row
SHOWN = 40


def change_text(h: HistoryEntry, palette: dict[str, Style]) -> Text:
    """``action`` then each change: the label, ``source “…”`` (``source removed``), ``span
    S–E``, ``note “…”``, the field's name left out where the action is it (``source “Peskov”``,
    ``bounds 664–900``); a row that changed nothing shows what it set: its label (a decision
    repeated), or its source, span or note with "(unchanged)"."""
    out = Text(h.action)
    own = {"source": "source", "bounds": "span", "note": "note"}.get(h.action)
    changed = h.changed or frozenset({own or "label"})

    def name(field: str) -> str:
        return "" if field == own else f" {field}"

    if "label" in changed:
        out.append(" ")
        if h.label:
            out.append(h.label, style=Style(bold=True) + palette.get(h.label, Style(color="white")))
        else:
            out.append("undecided", style=MUTED)
    if "source" in changed:
        if h.source_text:
            out.append(name("source"), style=MUTED)
            out.append(f" “{_cut(visible(h.source_text))}”", style="bold #ffd75f")
        else:
            out.append(f"{name('source')} removed", style=MUTED)
    if "span" in changed:
        out.append(f"{name('span')} {h.start}–{h.end}", style=MUTED)
    if "note" in changed:
        if h.note:
            out.append(f"{name('note')} “{_cut(visible(h.note))}”", style="#bcbcbc")
        else:
            out.append(f"{name('note')} removed", style=MUTED)
    if not h.changed and own is not None:
        out.append(" (unchanged)", style=MUTED)
    return out


def _cut(s: str) -> str:
    return s if len(s) <= SHOWN else s[:SHOWN - 1] + "…"
