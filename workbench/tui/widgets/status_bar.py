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

    def _paint(self) -> None:
        p = self.progress
        if p is None:
            return
        t = Text()
        t.append(f" {p.reviewer} ", style=self.get_component_rich_style("status-bar--reviewer", partial=True))
        if self.mode:
            t.append(f" {self.mode} ", style=self.get_component_rich_style("status-bar--mode", partial=True))
        t.append(" ")
        t.append(visible(p.title[:60 if not self.mode else 30]), style="bold")
        figures = self.get_component_rich_style("status-bar--figures", partial=True)
        t.append(f"   article {p.art_done}/{p.art_total}", style=figures)
        t.append(f"   corpus {p.corpus_done}/{p.corpus_total}", style=figures)
        t.append(f"   articles done {p.articles_done}/{p.articles_total}", style=figures)
        self.update(t)
