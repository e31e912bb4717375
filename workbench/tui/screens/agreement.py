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
from workbench.charts import decision_charts
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
        from rich.console import Group

        report, per_label, per_day = result
        self.report = report
        width = max(10, min(60, self.size.width - 40))
        self.query_one("#agreement-body", Static).update(
            Group(decision_charts(per_label, per_day, width), Text(""), *agreement_tables(report)))

    def action_close(self) -> None:
        self.dismiss(None)
