"""The label model in the review app (issue 14): retraining in another process after every
``retrain_every`` decisions (no key ever waits for it), and the uncertain-first review order.

``ModelLoop`` belongs to the review screen: the screen tells it of each committed decision
(``decided``) and asks it for the next claim in uncertain-first order (``next_uncertain``); it
answers on the UI thread by calling the screen back (``retrained``)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from workbench.services import learning


class ModelLoop:
    """Retrains the label model in a worker process and keeps the uncertain-first queue."""

    def __init__(self, app, on_retrained: Callable[[dict], None], every: int = learning.RETRAIN_EVERY) -> None:
        self.app = app
        self.every = every
        self.on_retrained = on_retrained
        self.since = 0  # decisions committed in this session since the last training started
        self.training: Future | None = None
        #: (candidate, article) of the undecided claims, least certain first (None: not read yet)
        self.queue: list[tuple[int, str]] | None = None

    @property
    def url(self) -> str:
        return self.app.engine.url.render_as_string(hide_password=False)

    def start(self) -> None:
        """Train now if the database has ``every`` decisions the stored model has not seen (an
        import, another session) and enough to learn from (checked on the database thread)."""
        self._check()

    def decided(self) -> None:
        """One more committed decision: after ``every`` of them, train in the background if due."""
        if self.every <= 0:
            return
        self.since += 1
        if self.since >= self.every and self.training is None:
            self.since = 0
            self._check()

    def _check(self) -> None:
        if self.every > 0:
            self.app.db(learning.training_due, self.app.engine, self.every, then=self._due)

    def _due(self, due: bool) -> None:
        if due and self.training is None:
            self._train()
        elif not due:
            # too few decisions yet (under 30): look again a few decisions on, not ``every``
            self.since = max(self.since, self.every - self.RECHECK)

    #: decisions between two checks while there are too few to learn from
    RECHECK = 5

    def _train(self) -> None:
        self.since = 0
        try:
            self.training = learning.learn_elsewhere(self.url, self.every)
        except (OSError, RuntimeError) as exc:  # no process can be started here: say it, go on
            self.app.notify(f"label model not retrained: {exc}", severity="warning", markup=False)
            return
        self.training.add_done_callback(self._done)

    def _done(self, fut: Future) -> None:
        self.training = None
        try:
            report = fut.result()
        except Exception as exc:  # the worker failed: the review goes on with the old suggestions
            report = {"trained": False, "message": f"label model not retrained: {type(exc).__name__}: {exc}",
                      "error": True}
        if report is None or not self.app.is_running or getattr(self.app, "_quitting", False):
            return  # (the app is closing: nobody to tell)
        try:
            self.app.call_from_thread(self.on_retrained, report)
        except RuntimeError:
            pass  # it closed meanwhile

    # -- uncertain first ---------------------------------------------------------------------
    def read_queue(self) -> list[tuple[int, str]]:
        """The queue, read on the database thread."""
        self.queue = learning.uncertain_queue(self.app.engine, self.app.reviewer)
        return self.queue

    def next_uncertain(self, done: set[int]) -> tuple[str, int] | None:
        """The next claim of the queue not in ``done`` (decided or being saved), as
        ``(article, candidate)``; it leaves the queue."""
        while self.queue:
            cid, aid = self.queue.pop(0)
            if cid not in done:
                return aid, cid
        return None

    def put_back(self, candidate_id: int, article_id: str) -> None:
        """Give a claim the queue gave out back to it, first (an undo took the reviewer away from
        it before it was decided: the next label key comes back to it)."""
        if self.queue is not None and (candidate_id, article_id) not in self.queue[:1]:
            self.queue.insert(0, (candidate_id, article_id))
