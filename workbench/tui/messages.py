"""The review app's typed messages: what the database and side threads answer with."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from workbench.services.review import WriteResult


class DecisionSaved(Message):
    """A review action committed: ``result`` holds the claim's new state. ``then`` is what the
    action still has to do once the screen shows it (e.g. focus the claim it wrote)."""

    def __init__(self, result: WriteResult, article_id: str,
                 then: Callable[[WriteResult], None] | None = None) -> None:
        self.result, self.article_id, self.then = result, article_id, then
        super().__init__()


class TwinsFound(Message):
    """The near-duplicates of claim ``candidate_id`` in other articles (``Twin`` rows)."""

    def __init__(self, candidate_id: int, twins: list) -> None:
        self.candidate_id, self.twins = candidate_id, twins
        super().__init__()
