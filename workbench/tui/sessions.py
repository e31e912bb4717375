"""The review screen's view of the other sessions on the database (issue 12, deliver 5).

``SessionWatch`` records this session (``services.sessions``), tells the reviewer when another
session of theirs is open (and where), and polls the newest annotation id every ``POLL_S``
seconds: decisions made elsewhere are read again and handed to the screen
(``ReviewScreen.apply_elsewhere``), so an open view never shows a stale label for more than a
second, and its status bar is counted again from the database when the reviewer's own decisions
changed elsewhere (it never adds figures from two sources that disagree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.services import sessions

if TYPE_CHECKING:
    from workbench.tui.screens.review import ReviewScreen

#: seconds between two looks at the newest annotation id
POLL_S = 0.5


class SessionWatch:
    def __init__(self, screen: ReviewScreen) -> None:
        self.screen = screen
        self.app = screen.app
        self.session_id: int | None = None
        #: the newest annotation id seen (None until the session is recorded)
        self.seen: int | None = None
        self.others: list[sessions.SessionInfo] = []
        #: the corpus's signature when last looked at (``ReviewService.corpus_version``)
        self.corpus: tuple[int, int, int] | None = None
        self._polling = False

    def start(self) -> None:
        engine, reviewer, store = self.app.engine, self.app.reviewer, self.app.open_store()

        def begin():
            sid, others = sessions.open_session(engine, reviewer)
            return sid, others, store.latest_change(), store.corpus_version()

        self.app.db(begin, then=self._begun, error=lambda exc: None)  # never in the reviewer's way

    def _begun(self, result) -> None:
        self.session_id, others, self.seen, self.corpus = result
        self._tell(others)
        self.screen.set_interval(POLL_S, self.poll)
        self.screen.set_interval(sessions.HEARTBEAT_S, self.beat)

    def _tell(self, others: list[sessions.SessionInfo]) -> None:
        known = {s.id for s in self.others}
        self.others = others
        if any(s.id not in known for s in others):
            self.app.notify(sessions.notice(others), title="same reviewer elsewhere", severity="warning",
                            timeout=20, markup=False)  # host names are data

    def beat(self) -> None:
        if self.session_id is None:
            return
        engine, sid, reviewer = self.app.engine, self.session_id, self.app.reviewer
        self.app.db(sessions.heartbeat, engine, sid, reviewer, then=self._tell, error=lambda exc: None)

    def poll(self) -> None:
        if self.seen is None or self._polling:
            return
        self._polling = True
        store, after, corpus = self.app.open_store(), self.seen, self.corpus
        art = self.screen.article
        open_id = art.id if art is not None else None

        def job():
            newest, changed = store.changes_since(after)
            version = store.corpus_version()
            imported = version != corpus  # an import added articles or replaced texts
            states = [store.claim(cid) for cid, aid, _mine in changed if aid == open_id]
            counts = None
            if imported or any(mine for _cid, _aid, mine in changed):
                counts = (store.summaries(), *store.progress())
            fresh = store.load_article(open_id) if imported and open_id is not None else None
            return newest, version, open_id, states, counts, fresh

        self.app.db(job, then=self._polled, error=self._failed)

    def _failed(self, _exc: Exception) -> None:
        self._polling = False

    def _polled(self, result) -> None:
        newest, version, article_id, states, counts, fresh = result
        if version != self.corpus:
            # an import added articles or replaced texts (claims too): what the search holds is old
            self.screen.corpus_changed()
        self.corpus = version
        self.seen = newest
        self._polling = False
        art = self.screen.article
        if fresh is not None and art is not None and art.id == article_id and fresh.text != art.text:
            # an import gave the open article a new text: show it (its claims moved to it)
            self.screen.call_later(self.screen.article_revised, fresh, counts)
            return
        if states or counts is not None:
            # after the screen's own messages already queued (a committed write of this
            # session is counted once: by them, then by the database's figures)
            self.screen.call_later(self.screen.apply_elsewhere, article_id, states, counts)

    def close(self) -> None:
        sid, self.session_id = self.session_id, None
        if sid is None:
            return
        try:
            sessions.close_session(self.app.engine, sid)
        except Exception:
            pass  # its row ends as stale
