"""Top bar: reviewer, article, progress in the article and in the corpus."""

from __future__ import annotations

from rich.text import Text

from workbench.tui.widgets.article_view import visible
from workbench.tui.widgets.painted import Painted


class StatusBar(Painted):
    """One line; repainted, never re-laid out."""

    def show(self, reviewer: str, title: str, art_done: int, art_total: int, corpus_done: int, corpus_total: int,
             articles_done: int, articles_total: int, mode: str = "") -> None:
        t = Text()
        t.append(f" {reviewer} ", style="bold black on #5fafff")
        if mode:
            t.append(f" {mode} ", style="bold black on #ffd75f")
        t.append(" ")
        t.append(visible(title[:60 if not mode else 30]), style="bold")
        t.append(f"   article {art_done}/{art_total}", style="#d7d7d7")
        t.append(f"   corpus {corpus_done}/{corpus_total}", style="#d7d7d7")
        t.append(f"   articles done {articles_done}/{articles_total}", style="#d7d7d7")
        self.update(t)
