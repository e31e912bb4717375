"""Top bar: reviewer, article, progress in the article and in the corpus, and the mode."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from workbench.tui.progress import Progress
from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.painted import Painted


class StatusBar(Painted):
    """One line; repainted, never re-laid out. The review screen binds ``progress`` and ``mode``
    to its own reactives (see ``ReviewScreen.compose``); other screens ``update`` it."""

    COMPONENT_CLASSES = {"status-bar--reviewer", "status-bar--mode", "status-bar--figures"}

    progress: reactive[Progress | None] = reactive(None, layout=False)
    #: the review screen's mode title ("" while reviewing)
    mode: reactive[str] = reactive("", layout=False)

    def watch_progress(self) -> None:
        self._paint()

    def watch_mode(self) -> None:
        self._paint()

    def on_resize(self) -> None:
        self._paint()

    def _paint(self) -> None:
        p = self.progress
        if p is None:
            return
        width = self.size.width or 140
        figures_style = self.get_component_rich_style("status-bar--figures", partial=True)
        # the figures always show: in full, else short; the title takes what is left
        figures = f"   article {p.art_done}/{p.art_total}   corpus {p.corpus_done}/{p.corpus_total}" \
                  f"   articles done {p.articles_done}/{p.articles_total}"
        head = Text()
        head.append(f" {p.reviewer} ", style=self.get_component_rich_style("status-bar--reviewer", partial=True))
        if self.mode:
            head.append(f" {self.mode} ", style=self.get_component_rich_style("status-bar--mode", partial=True))
        head.append(" ")
        room = width - head.cell_len - len(figures)
        if room < 12:
            figures = f"  {p.art_done}/{p.art_total} · corpus {p.corpus_done}/{p.corpus_total}" \
                      f" · done {p.articles_done}/{p.articles_total}"
            room = width - head.cell_len - len(figures)
        title = Text(visible(p.title), style="bold")
        limit = max(1, min(room, 60 if not self.mode else 30))
        if title.cell_len > limit:
            title.truncate(limit, overflow="ellipsis")
        self.update(head + title + Text(figures, style=figures_style))
