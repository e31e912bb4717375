"""Side panel of the adjudication screen: every reviewer's decision and note on one claim,
what the rules would settle, and the ruling in force."""

from __future__ import annotations

from typing import NamedTuple

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from workbench.services.team import TeamClaim
from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.painted import Painted
from workbench.tui.palette import LABEL_CLASSES, label_styles
from workbench.tui.widgets.claim_panel import BOLD, _label


class Adjudication(NamedTuple):
    """What the panel shows: the claim in dispute (None: nothing to adjudicate), where it is in
    the list, and how many are still open."""

    claim: TeamClaim | None
    index: int = 0
    count: int = 0
    open_count: int = 0


class DecisionsPanel(Painted):
    """Bound to the adjudication screen's ``shown`` (``data_bind``): drawn again when it changes."""

    COMPONENT_CLASSES = LABEL_CLASSES

    #: the claim in dispute and its place (None until the screen has loaded)
    shown: reactive[Adjudication | None] = reactive(None, layout=False)

    def watch_shown(self, shown: Adjudication | None) -> None:
        if shown is not None:
            self._paint(*shown)

    def _paint(self, tc: TeamClaim | None, index: int = 0, count: int = 0, open_count: int = 0) -> None:
        if tc is None:
            self.update(Text("No disagreements to adjudicate.\n\nEvery claim decided by several reviewers got "
                             "the same label from all of them.", style="italic"))
            return
        pal = label_styles(self)
        head = Table.grid(padding=(0, 1))
        head.add_column(style="bold #9e9e9e", no_wrap=True)
        head.add_column()
        head.add_row("claim", Text(f"{index + 1} / {count}   ({open_count} still open)"))
        head.add_row("article", Text(visible(tc.article_title or tc.article_id)))
        head.add_row("suggested", Text(tc.suggested_label or "—",
                                       style=pal.get(tc.suggested_label or "", "white")))
        auto = tc.automatic()
        head.add_row("rules", Text(f"{auto.rule}: {auto.label}" if auto else "tie: an adjudicator must decide",
                                   style="#d7d7d7" if auto else "italic #ff5f87"))
        adj = tc.adjudication
        if tc.ruling() is not None:
            ruling = _label(adj.label, pal)
            ruling.append(f"  ({adj.rule} by {adj.adjudicator})", style="#8a8a8a")
            head.add_row("ruling", ruling)
            if adj.note:
                head.add_row("its note", Text(visible(adj.note)))
        else:
            head.add_row("ruling", Text("— open", style="italic #8a8a8a"))
            if adj is not None and adj.label is not None:  # a majority confirmed, changed since
                head.add_row("was", Text(f"{adj.label}, the majority {adj.adjudicator} confirmed: the reviewers "
                                         "changed since", style="italic #ff5f87"))
            if adj is not None and adj.note:
                head.add_row("note", Text(visible(adj.note), style="#bcbcbc"))  # (for the ruling to come)

        dec = Table(title="Decisions", expand=True, show_edge=False, padding=(0, 1))
        dec.add_column("reviewer", style="#afafd7", no_wrap=True)
        dec.add_column("label", no_wrap=True)
        dec.add_column("source / note")
        counts = tc.labels
        for d in tc.decisions:
            detail = Text()
            if d.source_text:
                detail.append(visible(d.source_text), style=BOLD + pal["source"])
            if (d.start, d.end) != (tc.start, tc.end):
                detail.append(f"  span {d.start}–{d.end}", style="#8a8a8a")
            if d.note:
                if detail:
                    detail.append("\n")
                detail.append(f"“{visible(d.note)}”", style="#bcbcbc")
            lbl = _label(d.label, pal)
            lbl.append(f" ×{counts[d.label]}" if counts[d.label] > 1 else "", style="#8a8a8a")
            dec.add_row(Text(d.reviewer), lbl, detail)
        self.update(Group(head, Text(""), dec))
