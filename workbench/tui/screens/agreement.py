"""Statistics: decisions per label and per day as charts, and the agreement between reviewers
(the same figures as ``workbench stats`` and ``workbench agreement``), computed on the database
thread when the screen opens."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.agreement import agreement
from workbench.agreement.tables import agreement_tables
from workbench.claims.model import LABELS
from workbench.charts import bar_width, decision_charts
from workbench.services import stats, team


class AgreementScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="agreement.close"),
        Binding("s", "close", "Close", show=False, id="agreement.close2"),
        Binding("q", "close", "Close", show=False, id="agreement.close3"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report = None
        self._charts = None  # (decisions per label, per day), once computed

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agreement-box"):
            yield Static(Text("Computing statistics…", style="italic"), id="agreement-body")
            yield Static(Text("escape: close", style="italic #8a8a8a"))

    def on_mount(self) -> None:
        engine = self.app.engine

        def job():
            st = stats.stats(engine)
            return (agreement(team.iter_decisions(engine), labels=LABELS), dict(st.by_label),
                    stats.decisions_per_day(engine))

        self.app.db(job, then=self._show)

    def _show(self, result) -> None:
        self.report, self._charts = result[0], result[1:]
        self._draw()

    def _draw(self) -> None:
        """The charts, their bars as wide as the box leaves room for (at most 60 cells): the
        names and figures are never cut. Drawn again when the window is resized."""
        from rich.console import Group

        if self._charts is None or not self.is_attached:  # (not computed yet; closed)
            return
        per_label, per_day = self._charts
        box = self.query_one("#agreement-box")
        # (the room for a vertical scrollbar is kept: it shows once the tables are taller than the box)
        room = box.content_region.width - box.styles.scrollbar_size_vertical
        width = bar_width(per_label, per_day, room)
        self.query_one("#agreement-body", Static).update(
            Group(decision_charts(per_label, per_day, width), Text(""), *agreement_tables(self.report)))

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw)  # (once the box has its new size)

    def action_close(self) -> None:
        self.dismiss(None)
