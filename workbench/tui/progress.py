"""Where the reviewer is in the corpus: the article summaries and the counts the review status
bar shows, kept up to date from each committed write. Plain code (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.services.review import ArticleData, ArticleSummary, WriteResult


@dataclass(frozen=True, slots=True)
class Progress:
    """What the review status bar says about where the reviewer is."""

    reviewer: str
    title: str
    art_done: int
    art_total: int
    corpus_done: int
    corpus_total: int
    articles_done: int
    articles_total: int


class CorpusProgress:
    """The article summaries (in review order) and the claims decided in the corpus."""

    def __init__(self, summaries: list[ArticleSummary], done: int, total: int) -> None:
        self.summaries = summaries
        self.done = done
        self.total = total
        self.articles_done = sum(1 for s in summaries if s.done)
        self._pos = {s.id: n for n, s in enumerate(summaries)}

    def position(self, article_id: str) -> int | None:
        """The article's place in ``summaries``."""
        return self._pos.get(article_id)

    def decided(self, res: WriteResult, article_id: str) -> None:
        """A committed write: its claim may have become decided or undecided."""
        delta = int(res.claim.decided) - int(res.was_decided)
        self.done += delta
        if delta:
            self._change(article_id, decided=delta)

    def added(self, article_id: str, n: int = 1) -> None:
        """A claim the reviewer added to the article (``n`` -1: an added claim withdrawn)."""
        self.total += n
        self._change(article_id, total=n)

    def _change(self, article_id: str, decided: int = 0, total: int = 0) -> None:
        pos = self._pos.get(article_id)
        if pos is None:
            return
        old = self.summaries[pos]
        new = replace(old, decided=old.decided + decided, total=old.total + total)
        self.summaries[pos] = new
        self.articles_done += int(new.done) - int(old.done)

    def of(self, reviewer: str, article: ArticleData) -> Progress:
        """The status bar's figures with ``article`` open."""
        done = sum(1 for c in article.claims if c.decided)
        return Progress(reviewer, article.title or article.id, done, len(article.claims), self.done, self.total,
                        self.articles_done, len(self.summaries))
