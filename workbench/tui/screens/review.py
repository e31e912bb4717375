"""The review screen: the article with its claims, the claim panel, every decision one key away.

The screen's state is reactive: the open ``article``, the focused claim's ``index``, the
reviewer's ``progress``, the focused claims' ``twins``, ``mode`` and ``show_others``. The status
bar, the article view and the claim panel are bound to it (``data_bind`` in ``compose``) and
draw themselves from it; the screen's actions change the state and call services."""

from __future__ import annotations

import gc

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer

from workbench.services import similarity, suggestions
from workbench.services.review import (ArticleData, ArticleSummary, ChangedElsewhere, ClaimState, WriteResult,
                                       search_items)
from workbench.tui.keymap import in_binding_order
from workbench.tui.learning import ModelLoop
from workbench.tui.messages import DecisionSaved, TwinsFound
from workbench.tui.progress import CorpusProgress, Progress
from workbench.tui.selection import SpanSelection, trim, word_step
from workbench.tui.widgets.article_view import ArticleView
from workbench.tui.widgets.claim_panel import TWIN_MIN_SCORE, TWINS, ClaimPanel, Twin
from workbench.tui.widgets.span_selector import Mode, SpanSelector
from workbench.tui.widgets.status_bar import StatusBar

#: review keys that still act while a span is selected (the selector owns every other key)
SELECTING_ACTIONS = {"help", "quit"}


class ReviewScreen(Screen):
    #: the longest the keys typed after n (or any key that opens an article) wait for it to show:
    #: past that they act on the article on screen (a database that does not answer)
    ARTICLE_HOLD_S = 10.0
    #: seconds the focus must rest on a claim before its twins are looked up
    TWIN_DELAY = 0.3
    #: seconds after the last decision before its twins get its label as a suggestion
    PROPAGATE_DELAY = 1.0

    # The footer lists the shown keys in this order, and a narrow terminal cuts it at the right: an
    # 80-column footer shows help, the labels, accept, undo and quit; the other keys follow (the
    # help lists every key, in this order too).
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="review.help"),
        Binding("a,1", "label('attributed')", "Attributed", id="review.attributed"),
        Binding("u,2", "label('unsourced')", "Unsourced", id="review.unsourced"),
        Binding("c,3", "label('contested')", "Contested", id="review.contested"),
        Binding("x,4", "label('not_claim')", "Not claim", tooltip="Not a claim", id="review.not_claim"),
        Binding("enter", "accept", "Accept", id="review.accept"),
        Binding("z", "undo", "Undo", id="review.undo"),
        Binding("y", "redo", "Redo", show=False, id="review.redo"),
        Binding("q", "quit", "Quit", id="review.quit"),
        Binding("j,down", "next_claim", "Next", id="review.next_claim"),
        Binding("k,up", "prev_claim", "Prev", id="review.prev_claim"),
        Binding("e", "edit_source", "Source", id="review.edit_source"),
        Binding("m", "note", "Note", id="review.note"),
        Binding("v", "select", "Add claim", id="review.add_claim"),
        Binding("less_than_sign", "move('start', -1)", "Start ←word", show=False, id="review.start_left"),
        Binding("greater_than_sign", "move('start', 1)", "Start →word", show=False, id="review.start_right"),
        Binding("left_curly_bracket", "move('end', -1)", "End ←word", show=False, id="review.end_left"),
        Binding("right_curly_bracket", "move('end', 1)", "End →word", show=False, id="review.end_right"),
        Binding("n,right_square_bracket", "next_article", "Next article", show=False, id="review.next_article"),
        Binding("p,left_square_bracket", "prev_article", "Prev article", show=False, id="review.prev_article"),
        Binding("g", "next_unreviewed", "Next to do", id="review.next_unreviewed"),
        Binding("t", "toggle_order", "Uncertain first / article order", show=False, id="review.order"),
        Binding("f", "apply_twin", "Suggest the twin's label", show=False, id="review.apply_twin"),
        Binding("o", "toggle_others", "Show / hide other reviewers", show=False, id="review.show_others"),
        Binding("i", "inconsistent", "Near-identical claims, different labels", show=False, id="review.inconsistent"),
        Binding("s", "agreement", "Statistics", show=False, id="review.agreement"),
        Binding("slash", "search", "Search", id="review.search"),
        Binding("l", "article_list", "Articles", id="review.article_list"),
    ]

    #: what the keys do: review claims, or select a span (the selector then owns the keys)
    mode: reactive[Mode] = reactive(Mode.REVIEW, init=False)
    #: the mode's title, bound to the status bar
    mode_title: reactive[str] = reactive("")
    #: blind review: the other reviewers' decisions stay hidden until asked for
    show_others: reactive[bool] = reactive(False, init=False)
    # The state below is ``var``: a change redraws the widgets bound to it, never the whole screen.
    #: the first article is loaded (or the corpus found empty)
    ready: var[bool] = var(False, init=False)
    #: the open article (None until loaded, or in an empty corpus). Its claims change in place as
    #: writes commit; ``mutate_reactive`` then tells the bound widgets
    article: var[ArticleData | None] = var(None, init=False, always_update=True)
    #: the focused claim: its index in ``article.claims`` (None: the article has none). Keys act
    #: on it at once; a label key moves it on without drawing it (``set_reactive``), and the frame
    #: that shows the committed decision draws it (one frame, not two)
    index: var[int | None] = var(None, init=False, always_update=True)
    #: where the reviewer is in the article and the corpus, bound to the status bar
    progress: var[Progress | None] = var(None, init=False)
    #: candidate id -> its most similar claims in other articles, as looked up (changed in place)
    twins: var[dict[int, list[Twin]]] = var(dict, init=False, always_update=True)
    #: the similarity index is still being built (on the side thread, after the first article)
    indexing: var[bool] = var(True, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.corpus = CorpusProgress([], 0, 0)
        self.sessions = None  # SessionWatch, once the first article shows
        self.undo_stack: list[_Op] = []
        self.redo_stack: list[_Op] = []
        self._pending_ids: set[int] = set()  # claims decided but not yet committed
        #: claim id -> the bounds its last boundary key set, until that write is shown
        self._pending_bounds: dict[int, tuple[int, int]] = {}
        #: the article the last n / p key opens, until it is shown (the next press moves on from it)
        self._pending_article: str | None = None
        #: the search's items and their folded texts (loaded at the first search; dropped when a
        #: claim is added here or an import changes the corpus)
        self._searcher = None
        #: the similarity index (built on the side thread after the first article shows)
        self.sim_index = None
        self._twin_lookups: set[int] = set()
        self._twin_timer = None
        self._to_propagate: dict[int, str] = {}  # decided claims whose twins get the label as suggestion
        self._propagate_timer = None
        #: the label model: retrained in another process, and the uncertain-first queue
        self.model_loop: ModelLoop | None = None
        #: walk the claims least certain first, across articles (``t``), instead of article order
        self.uncertain_first = False
        self._decided_ids: set[int] = set()  # claims decided in this session (the queue skips them)

    # -- layout ------------------------------------------------------------------------------
    @property
    def active_bindings(self):
        """The active keys in the order of the bindings (a remapped key keeps its place in the
        footer: the labels stay in what an 80-column footer shows)."""
        return in_binding_order(super().active_bindings)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status").data_bind(ReviewScreen.progress, mode=ReviewScreen.mode_title)
        with Horizontal(id="main"):
            yield ArticleView(id="article").data_bind(ReviewScreen.article, focused_index=ReviewScreen.index)
            yield ClaimPanel(self.app.reviewer, id="panel").data_bind(
                ReviewScreen.ready, ReviewScreen.article, ReviewScreen.twins, ReviewScreen.indexing,
                ReviewScreen.show_others, focused_index=ReviewScreen.index)
        yield SpanSelector(id="selector")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(StatusBar).update("Loading…")
        self.query_one(ArticleView).focus()
        self.app.db(self._load_start, then=self._started, error=self._load_failed)

    def _load_failed(self, exc: Exception) -> None:
        """The database failed under the app: say so where "Loading…" was, and stay (one line:
        the file and the cause, never the SQL)."""
        from workbench.services.review import explain_failure

        msg = explain_failure(self.app.engine, exc)
        self.query_one(StatusBar).update(Text(f"Cannot open the database: {msg}  (q quits)", style="bold red"))

    # -- loading -----------------------------------------------------------------------------
    def _load_start(self):
        store = self.app.open_store()
        summaries = store.summaries()
        done, total = store.progress()
        aid, cid = store.resume_point()
        if aid is None and summaries:
            aid = summaries[0].id
        article = store.load_article(aid) if aid is not None else None
        return summaries, done, total, article, cid

    def _started(self, result) -> None:
        summaries, done, total, article, cid = result
        self.corpus = CorpusProgress(summaries, done, total)
        self.ready = True
        if article is None:
            self.query_one(StatusBar).update("No articles yet: run  workbench import PATH…  first.")
            return
        self._show_article(article, cid)
        self.app.side(similarity.build_index_elsewhere, self.app.engine, then=self._index_ready)
        from workbench.tui.sessions import SessionWatch

        self.sessions = SessionWatch(self)  # other sessions of this reviewer; decisions made elsewhere
        self.sessions.start()
        self.model_loop = ModelLoop(self.app, self._retrained, every=self.app.retrain_every)
        self.model_loop.start()
        if self.app.order == "uncertain":
            self.action_toggle_order()
        # Everything loaded so far lives as long as the app: keep it out of the collector's full
        # passes, which otherwise pause the UI for tens of milliseconds every few decisions.
        gc.freeze()

    def on_unmount(self) -> None:
        if self.sessions is not None:
            self.sessions.close()

    def _show_article(self, article: ArticleData, candidate_id: int | None = None) -> None:
        idx = None
        if article.claims:
            idx = 0
            if candidate_id is not None:
                idx = next((i for i, c in enumerate(article.claims) if c.id == candidate_id), 0)
            else:
                idx = next((i for i, c in enumerate(article.claims) if not c.decided), 0)
        self._end_selection()
        self.article = article
        self.index = idx
        if article.orphans:
            self.notify(f"{len(article.orphans)} claim(s) lost their text when this article was revised: "
                        "they are kept as orphaned (listed in the panel).", severity="warning", timeout=6,
                        markup=False)

    def open_article(self, article_id: str, candidate_id: int | None = None) -> None:
        self._load_article(article_id, lambda art: self._show_article(art, candidate_id))

    def _load_article(self, article_id: str, then, error=None) -> None:
        """Load an article on the database thread, then ``then(article)``. The keys typed until
        it shows are held (``WorkbenchApp.hold_keys``) and act on it: a label typed right after
        ``n`` is the next article's, not the one still on screen."""
        app = self.app
        # (with any other hold under way: a prompt's, or the keys after enter in the search that
        # opens this article; the keys are held until both have ended)
        hold = app.hold_keys(self.ARTICLE_HOLD_S)

        def release() -> None:
            app.call_later(app.release_keys, hold)

        def loaded(art: ArticleData) -> None:
            try:
                then(art)
            finally:
                release()

        def failed(exc: Exception) -> None:
            try:
                if error is not None:
                    error(exc)
                else:
                    app.notify(f"{type(exc).__name__}: {exc}", title="database", severity="error", timeout=8,
                               markup=False)
            finally:
                release()

        app.db(app.open_store().load_article, article_id, then=loaded, error=failed)

    # -- state -------------------------------------------------------------------------------
    @property
    def claim(self) -> ClaimState | None:
        if self.article is None or self.index is None or not self.article.claims:
            return None
        return self.article.claims[self.index]

    @property
    def summaries(self) -> list[ArticleSummary]:
        return self.corpus.summaries

    @property
    def corpus_done(self) -> int:
        return self.corpus.done

    @property
    def corpus_total(self) -> int:
        return self.corpus.total

    def watch_index(self) -> None:
        if self.article is not None:
            self.progress = self.corpus.of(self.app.reviewer, self.article)
        self._want_twins()

    def watch_twins(self) -> None:
        self._want_twins()

    def watch_indexing(self) -> None:
        self._want_twins()

    def watch_show_others(self) -> None:
        self.twins.clear()  # their labels are shown blind or not
        self.mutate_reactive(ReviewScreen.twins)

    def watch_mode(self, mode: Mode) -> None:
        self.mode_title = mode.title or ("UNCERTAIN FIRST" if self.uncertain_first else "")
        self.refresh_bindings()

    @property
    def selecting(self) -> bool:
        return self.mode is not Mode.REVIEW

    def check_action(self, action: str, parameters) -> bool | None:
        # while a span is selected the review keys are off (and out of the footer)
        return not self.selecting or action in SELECTING_ACTIONS

    def apply_elsewhere(self, article_id: str | None, states: list[ClaimState], counts) -> None:
        """Decisions made in another session (``SessionWatch``): the open article's claims as
        they now are, and, when the reviewer's own decisions changed there, the corpus figures
        counted again from the database (``counts``: summaries, done, total)."""
        if counts is not None:
            self.corpus = CorpusProgress(*counts)
        art = self.article
        if art is not None and art.id == article_id and states:
            focused = self.claim.id if self.claim is not None else None
            was = self.index
            by_id = {c.id: n for n, c in enumerate(art.claims)}
            for st in states:
                if st.id in by_id:
                    art.claims[by_id[st.id]] = st
                elif not st.withdrawn:
                    art.claims.append(st)  # a claim added there
            art.claims[:] = [c for c in art.claims if not c.withdrawn]  # an added claim taken back there
            art.claims.sort(key=lambda c: (c.start, c.id))
            self._claims_changed()
            if focused is not None:
                self.index = self._index_near(focused, was)
        if art is not None:
            self.progress = self.corpus.of(self.app.reviewer, art)

    def corpus_changed(self) -> None:
        """An import (another process) added articles or replaced texts (``SessionWatch``): the
        search's titles and claim texts are read again when it next opens (they were kept until
        a claim was added here, and the search found nothing of an article imported meanwhile)."""
        self._searcher = None

    def article_revised(self, article: ArticleData, counts) -> None:
        """An import replaced the open article's text (``SessionWatch``): show the new text, its
        claims moved to it, the focus on the same claim where it survived."""
        if counts is not None:
            self.corpus = CorpusProgress(*counts)
        focused = self.claim.id if self.claim is not None else None
        self._show_article(article, focused)
        self.notify("An import replaced this article's text: its claims moved to the new text.",
                    severity="warning", timeout=8, markup=False)
        self.progress = self.corpus.of(self.app.reviewer, article)

    def _index_near(self, claim_id: int, was: int | None) -> int | None:
        """The index of claim ``claim_id`` in the open article, or, when it is gone (withdrawn),
        of the claim now in its place ``was``."""
        claims = self.article.claims
        idx = next((i for i, c in enumerate(claims) if c.id == claim_id), None)
        if idx is None and claims:
            idx = min(was if was is not None else (self.index or 0), len(claims) - 1)
        return idx

    def _claims_changed(self) -> None:
        """The open article's claims changed in place: the bound widgets draw them again."""
        self.mutate_reactive(ReviewScreen.article)

    # -- near-duplicates in other articles -------------------------------------------------------
    def _want_twins(self) -> None:
        """Look the focused claim's twins up once the focus rests on it (a reviewer going through
        claims key after key never waits on it, nor shares the CPU with it)."""
        claim = self.claim
        if claim is None or claim.id in self.twins:
            return
        cid = claim.id
        if self._twin_timer is not None:
            self._twin_timer.stop()
            self._twin_timer = None
        if self.TWIN_DELAY <= 0:
            self._lookup_twins(cid)
            return

        def fire() -> None:
            self._twin_timer = None
            if self.claim is not None and self.claim.id == cid:
                self._lookup_twins(cid)

        self._twin_timer = self.set_timer(self.TWIN_DELAY, fire)

    def _index_ready(self, index) -> None:
        self.sim_index = index
        self.indexing = False

    def _lookup_twins(self, cid: int) -> None:
        index = self.sim_index
        if index is None or cid not in index:
            return
        engine, me = self.app.engine, None if self.show_others else self.app.reviewer

        def done(rows: list[Twin]) -> None:
            self.post_message(TwinsFound(cid, rows))

        if cid in self._twin_lookups:
            return  # one lookup at a time per claim
        self._twin_lookups.add(cid)
        self.app.side(similarity.twins, engine, index, cid, me, TWINS, TWIN_MIN_SCORE, then=done,
                      error=lambda exc: self._twin_lookups.discard(cid))

    @on(TwinsFound)
    def _twins_found(self, msg: TwinsFound) -> None:
        self._twin_lookups.discard(msg.candidate_id)
        self.twins[msg.candidate_id] = msg.twins
        if self.claim is not None and self.claim.id == msg.candidate_id:
            self.mutate_reactive(ReviewScreen.twins)

    def _propagate(self) -> None:
        self._propagate_timer = None
        batch, self._to_propagate = self._to_propagate, {}
        engine, index = self.app.engine, self.sim_index

        def job() -> list[int]:
            return [cid for c, label in batch.items() for cid in suggestions.propagate_from(engine, index, c, label)]

        self.app.side(job, then=self._reload_claims)

    def _reload_claims(self, ids: list[int]) -> None:
        """Claims of the open article whose suggestion changed: read them again."""
        art = self.article
        if art is None:
            return
        mine = [c.id for c in art.claims if c.id in set(ids)]
        if not mine:
            return
        store = self.app.open_store()

        def done(states: list[ClaimState]) -> None:
            if self.article is not art:
                return
            by_id = {st.id: st for st in states}
            art.claims[:] = [by_id.get(c.id, c) if not c.decided else c for c in art.claims]
            self._claims_changed()

        self.app.db(lambda: [store.claim(i) for i in mine], then=done)

    def action_apply_twin(self) -> None:
        claim = self.claim
        if self.selecting or claim is None:
            return
        twin = next((t for t in self.twins.get(claim.id) or [] if t.label), None)
        if twin is None:
            self.notify("No near-duplicate with a label to apply.", timeout=3)
            return
        store, art = self.app.open_store(), self.article
        reason = f"twin ({twin.score:.0f}) in {twin.title!r}: {twin.label}"

        def done(state: ClaimState) -> None:
            if self.article is not art:
                return
            for i, c in enumerate(art.claims):
                if c.id == state.id:
                    art.claims[i] = state
            self._claims_changed()
            self.notify(f"Suggested {twin.label} (from the twin). Enter accepts it.", timeout=3, markup=False)

        self.app.db(store.suggest_from, claim.id, twin.id, twin.label, twin.score, reason, then=done)

    # -- navigation --------------------------------------------------------------------------
    def _set_index(self, idx: int) -> None:
        self.index = idx

    def action_next_claim(self) -> None:
        if self.claim is not None and self.index < len(self.article.claims) - 1:
            self._set_index(self.index + 1)

    def action_prev_claim(self) -> None:
        if self.claim is not None and self.index > 0:
            self._set_index(self.index - 1)

    def on_article_view_claim_clicked(self, msg: ArticleView.ClaimClicked) -> None:
        if not self.selecting:
            self._set_index(msg.index)

    def _article_pos(self) -> int:
        """Where n / p count from: the article the keys pressed so far open (loaded or not: each
        press moves one article, however fast they come), else the open one."""
        aid = self._pending_article or (self.article.id if self.article else None)
        pos = self.corpus.position(aid) if aid is not None else None
        return -1 if pos is None else pos

    def _step_article(self, step: int) -> None:
        pos = self._article_pos()
        if self.selecting or pos < 0:
            return
        if not 0 <= pos + step < len(self.summaries):
            self.notify("Last article." if step > 0 else "First article.")
            return
        aid = self._pending_article = self.summaries[pos + step].id

        def loaded(art: ArticleData) -> None:
            if self._pending_article not in (None, art.id):
                return  # a later press goes further: show that one
            self._pending_article = None
            self._show_article(art)

        def failed(exc: Exception) -> None:
            self._pending_article = None
            self.notify(f"{type(exc).__name__}: {exc}", title="database", severity="error", timeout=8, markup=False)

        self._load_article(aid, loaded, failed)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_prev_article(self) -> None:
        self._step_article(-1)

    def action_next_unreviewed(self) -> None:
        if self.selecting or self.article is None:
            return
        if self.uncertain_first:
            return self._next_uncertain()
        art = self.article
        start = (self.index or 0) + 1 if self.claim else 0
        for i in range(start, len(art.claims)):
            if not art.claims[i].decided:
                return self._set_index(i)
        store = self.app.open_store()

        def found(res):
            aid, cid = res
            if aid is None:
                self.notify("Every claim in the corpus is decided. 🎉")
            elif aid == art.id:
                self._set_index(next(i for i, c in enumerate(art.claims) if c.id == cid))
            else:
                self.open_article(aid, cid)

        self.app.db(store.next_undecided, art.id, then=found)

    def _focus_claim(self, candidate_id: int) -> None:
        if self.article is None:
            return
        for i, c in enumerate(self.article.claims):
            if c.id == candidate_id:
                self._set_index(i)
                return

    def _go_to(self, target: tuple[str, int | None] | None) -> None:
        """Focus claim ``cid`` of article ``aid`` (``target``), opening the article if need be."""
        if not target:
            return
        aid, cid = target
        if self.article is not None and aid == self.article.id and cid is not None:
            self._focus_claim(cid)
        else:
            self.open_article(aid, cid)

    # -- decisions ---------------------------------------------------------------------------
    #
    # Keys can arrive faster than writes commit (a fast typist, a pasted key sequence), so what a
    # key *means* is settled when it is pressed: the undo and redo stacks change at once, and a
    # label key moves the focus on at once. The database thread runs jobs in submission order,
    # so an undo submitted after a decision always finds that decision's annotation id. What the
    # screen shows as decided only ever comes from a committed write.

    def _after_write(self, res: WriteResult, article_id: str) -> None:
        self._pending_ids.discard(res.claim.id)
        if self._pending_bounds.get(res.claim.id) == (res.claim.start, res.claim.end):
            del self._pending_bounds[res.claim.id]  # (the last move of this claim is shown)
        stale = [cid for cid, rows in self.twins.items() if rows and any(t.id == res.claim.id for t in rows)]
        for cid in stale:
            del self.twins[cid]  # a twin's label shown there is this decision
        if stale:
            self.mutate_reactive(ReviewScreen.twins)
        if res.claim.decided and self.sim_index is not None:
            # suggestions learn from decisions: the claim's undecided near-duplicates get its label,
            # in one batch once the reviewer pauses
            self._to_propagate[res.claim.id] = res.claim.label
            if self._propagate_timer is not None:
                self._propagate_timer.stop()
            self._propagate_timer = self.set_timer(self.PROPAGATE_DELAY, self._propagate)
        elif not res.claim.decided and self.article is not None:
            # an undone decision takes back the label it suggested to its near-duplicates: those
            # of the open article that show a twin's label are read again
            self._reload_claims([c.id for c in self.article.claims if c.suggested_by == "twin" and not c.decided])
        self.corpus.decided(res, article_id)
        if res.claim.decided and res.claim.id not in self._decided_ids:
            self._decided_ids.add(res.claim.id)
            if self.model_loop is not None:
                self.model_loop.decided()
        elif not res.claim.decided:  # undone: undecided again, so in the uncertain-first queue when read again
            self._decided_ids.discard(res.claim.id)
        if res.claim.withdrawn:  # an added claim taken back: in no count, no queue
            self.corpus.added(article_id, -1)
            self._decided_ids.discard(res.claim.id)
            self._searcher = None
        art = self.article
        if art is None or art.id != article_id:
            return
        # keep the reviewer's focus where it is now (they may have moved on while this saved)
        focused_id = self.claim.id if self.claim is not None else res.claim.id
        at = next((i for i, c in enumerate(art.claims) if c.id == res.claim.id), None)
        if res.claim.withdrawn:
            if at is not None:
                del art.claims[at]
        elif at is not None:
            art.claims[at] = res.claim
        else:
            art.claims.append(res.claim)  # a claim the reviewer added (or brought back with redo)
            self._searcher = None
            self.corpus.added(article_id)
        art.claims.sort(key=lambda c: (c.start, c.id))
        self._claims_changed()
        self.index = self._index_near(focused_id, at)

    @on(DecisionSaved)
    def _decision_saved(self, msg: DecisionSaved) -> None:
        self._after_write(msg.result, msg.article_id)
        if msg.then is not None:
            msg.then(msg.result)

    def _submit(self, job, article_id: str, then=None, refused=None, lost=None) -> None:
        """Run ``job() -> WriteResult`` on the database thread; show its result when committed.
        ``refused(exc)``: an undo or redo that a later decision made elsewhere refused
        (``ChangedElsewhere``), called after the results of the writes submitted before it.
        ``lost()``: the write failed (nothing saved), so it is no action of the session."""

        def done(res: WriteResult) -> None:
            self.post_message(DecisionSaved(res, article_id, then))

        def failed(exc: Exception) -> None:
            if refused is not None and isinstance(exc, ChangedElsewhere):
                self.call_later(refused, exc)  # (queued after the DecisionSaved messages before it)
                return
            if lost is not None:
                lost()
            self._pending_ids.clear()
            self._pending_bounds.clear()
            if self.claim is not None:
                self._set_index(self.index)  # show the focus where the keys have put it
            self.app.not_saved(exc)

        self.app.db(job, then=done, error=failed)

    def _write(self, fn, *args, advance: bool = False, focus_result: bool = False) -> None:
        """A new action (undoable): ``fn(*args)`` on the database thread."""
        art = self.article
        op = _Op(art.id)
        self.undo_stack.append(op)
        self.redo_stack.clear()
        if advance and self.claim is not None:
            self._pending_ids.add(self.claim.id)
            nxt = next((i for i in range(self.index + 1, len(art.claims))
                        if not art.claims[i].decided and art.claims[i].id not in self._pending_ids), None)
            if nxt is not None:
                # the next key acts on the next claim at once; the screen moves the focus in the
                # frame that shows the committed decision (one frame, not two)
                self.set_reactive(ReviewScreen.index, nxt)

        def job() -> WriteResult:
            res = fn(*args)
            op.annotation_id = res.annotation_id
            return res

        def then(res: WriteResult) -> None:
            if not res.changed and op in self.undo_stack:
                # it set the state in force again (the same label pressed twice): nothing to undo
                # (an undo already asked for takes back the row in force, ``op.annotation_id``)
                self.undo_stack.remove(op)
            if focus_result:
                self._focus_claim(res.claim.id)

        def lost() -> None:  # not saved: nothing to undo (z goes on with the action before)
            if op in self.undo_stack:
                self.undo_stack.remove(op)

        self._submit(job, art.id, then=then, lost=lost)

    def action_label(self, label: str) -> None:
        if self.selecting or self.claim is None:
            return
        self._write(self.app.open_store().decide, self.claim.id, label, advance=not self.uncertain_first)
        if self.uncertain_first:
            self._next_uncertain()

    def action_accept(self) -> None:
        if self.selecting or self.claim is None:
            return
        self._write(self.app.open_store().accept, self.claim.id, advance=not self.uncertain_first)
        if self.uncertain_first:
            self._next_uncertain()

    # -- the label model -----------------------------------------------------------------------
    def _retrained(self, report: dict) -> None:
        """The label model was retrained (in another process): say so, and show its suggestions."""
        self.notify(f"label model: {report['message']}", severity="error" if report.get("error") else "information",
                    timeout=6, markup=False)
        if not report.get("trained") or self.article is None:
            return
        art = self.article

        def show(claims: list[ClaimState]) -> None:
            if self.article is art:  # the article's claims, their new suggestions (decided ones as they are now)
                decided_now = {c.id: c for c in art.claims if c.decided}
                art.claims[:] = [decided_now.get(c.id, c) for c in claims]
                self._claims_changed()

        self.app.db(self.app.open_store().with_current_suggestions, list(art.claims), then=show)
        if self.uncertain_first:
            self.app.db(self.model_loop.read_queue)

    def action_toggle_order(self) -> None:
        """Uncertain first: the undecided claims whose suggestion is least certain, across
        articles; again: back to article order."""
        if self.selecting or self.model_loop is None:
            return
        self.uncertain_first = not self.uncertain_first
        self.app.sub_title = "uncertain first" if self.uncertain_first else ""
        self.mode_title = "UNCERTAIN FIRST" if self.uncertain_first else ""  # (in review mode: t is off in the others)
        if not self.uncertain_first:
            self.notify("Article order.", timeout=3)
            return
        self.notify("Uncertain first: the claims whose suggestion is least certain, across articles.", timeout=4)
        self.app.db(self.model_loop.read_queue, then=lambda _q: self._next_uncertain())

    def _next_uncertain(self) -> None:
        if self.model_loop is None or self.model_loop.queue is None:
            return
        target = self.model_loop.next_uncertain(self._decided_ids | self._pending_ids
                                                | ({self.claim.id} if self.claim is not None and self.claim.decided else set()))
        if target is None:
            self.notify("No undecided claim left in uncertain-first order.")
            return
        self._go_to(target)

    def action_undo(self) -> None:
        if self.selecting:
            return
        if not self.undo_stack:
            self.notify("Nothing to undo in this session.")
            return
        op = self.undo_stack.pop()
        self.redo_stack.append(op)  # redo restores what op had set
        claim = self.claim
        if (self.uncertain_first and self.model_loop is not None and claim is not None and not claim.decided
                and claim.id not in self._pending_ids):
            # the undo takes the focus back: the claim the queue had given out comes next again
            self.model_loop.put_back(claim.id, self.article.id)
        self._pending_bounds.clear()  # (the bounds are the undo's to set now)
        if self.article is None or self.article.id != op.article_id:
            self.open_article(op.article_id)
        store = self.app.open_store()

        def refused(exc: ChangedElsewhere) -> None:
            # a later decision on the claim, made elsewhere, is in force: nothing was undone, so
            # nothing to redo; the next z goes on with the action before
            if op in self.redo_stack:
                self.redo_stack.remove(op)
            self._refused(exc, op.article_id)

        def lost() -> None:  # not saved: nothing undone, so nothing to redo; z may ask again
            if op in self.redo_stack:
                self.redo_stack.remove(op)
                self.undo_stack.append(op)

        self._submit(lambda: store.undo(op.annotation_id), op.article_id,
                     then=lambda res: self._focus_claim(res.claim.id), refused=refused, lost=lost)

    def action_redo(self) -> None:
        if self.selecting:
            return
        if not self.redo_stack:
            self.notify("Nothing to redo.")
            return
        undone = self.redo_stack.pop()
        self._pending_bounds.clear()
        op = _Op(undone.article_id)
        self.undo_stack.append(op)
        if self.article is None or self.article.id != undone.article_id:
            self.open_article(undone.article_id)
        store = self.app.open_store()

        def job() -> WriteResult:
            res = store.redo(undone.annotation_id)
            op.annotation_id = res.annotation_id
            return res

        def refused(exc: ChangedElsewhere) -> None:
            if op in self.undo_stack:  # nothing was redone: nothing to undo
                self.undo_stack.remove(op)
            self._refused(exc, undone.article_id)

        def lost() -> None:  # not saved: nothing redone, so nothing to undo; y may ask again
            if op in self.undo_stack:
                self.undo_stack.remove(op)
                self.redo_stack.append(undone)

        self._submit(job, undone.article_id, then=lambda res: self._focus_claim(res.claim.id), refused=refused,
                     lost=lost)

    def _refused(self, exc: ChangedElsewhere, article_id: str) -> None:
        """An undo or redo refused: say so, and show the claim as it is (the later decision)."""
        self.notify(str(exc), severity="warning", timeout=6, markup=False)
        c, art = exc.claim, self.article
        if art is not None and art.id == article_id and art.text[c.start:c.end] == c.text:
            # (else the claim is on a revised text, which the session watch is about to show)
            self.apply_elsewhere(article_id, [c], None)
            self._focus_claim(c.id)

    def action_note(self) -> None:
        if self.selecting or self.claim is None:
            return
        from workbench.tui.screens.prompt import PromptScreen

        claim = self.claim

        def save(value: str | None) -> None:
            if value is not None and value != (claim.note or ""):
                self._write(self.app.open_store().set_note, claim.id, value)

        self.app.push_screen(PromptScreen("Note on this claim", claim.note or "", "why this label, doubts…", keep=save),
                             save)

    def action_move(self, edge: str, direction: int) -> None:
        if self.selecting or self.claim is None or self.article is None:
            return
        c, text = self.claim, self.article.text
        # (from the bounds the keys pressed so far have set, committed or not: each press moves
        # one word, however fast they come)
        start0, end0 = self._pending_bounds.get(c.id, (c.start, c.end))
        start, end = start0, end0
        if edge == "start":
            start = word_step(text, start, direction, edge="start")
            whole = start < end and not text[start].isspace() and (start == 0 or text[start - 1].isspace())
        else:
            end = word_step(text, end, direction, edge="end")
            whole = start < end and not text[end - 1].isspace() and (end == len(text) or text[end].isspace())
        if (start, end) == (start0, end0):
            return  # (the text's first or last word)
        if not whole:
            self.notify("A claim keeps at least one whole word.", timeout=3)
            return
        if "\n" in text[start:end] and "\n" not in text[start0:end0]:
            self.notify("A claim stops at the paragraph break (v selects across one).", timeout=3)
            return
        self._pending_bounds[c.id] = (start, end)
        self._write(self.app.open_store().set_bounds, c.id, start, end)

    # -- span selection (add a claim, pick a source): the SpanSelector owns the keys -----------
    def _begin_selection(self, mode: Mode, selection: SpanSelection) -> None:
        self.query_one(SpanSelector).begin(mode, self.query_one(ArticleView), selection)
        self.mode = mode

    def _end_selection(self) -> None:
        selector = self.query_one(SpanSelector)
        if selector.selection is not None:
            selector.end()
        self.mode = Mode.REVIEW

    def action_select(self) -> None:
        """``v``: select a missed claim, the anchor dropped at the focused claim's start (or at
        the top of the view)."""
        if self.selecting or self.article is None or not self.article.text:
            return
        start = self.claim.start if self.claim else self.query_one(ArticleView).top_offset()
        self._begin_selection(Mode.ADD, SpanSelection.at(self.article.text, start))

    def action_edit_source(self) -> None:
        """``e``: select the focused claim's source, starting from the current one (or the
        claim's first word)."""
        if self.selecting or self.claim is None:
            return
        c, text = self.claim, self.article.text
        sel = SpanSelection.over(text, *c.source) if c.source else SpanSelection.at(text, c.start)
        self._begin_selection(Mode.SOURCE, sel)

    def on_span_selector_cancelled(self, _msg: SpanSelector.Cancelled) -> None:
        self.mode = Mode.REVIEW

    def on_span_selector_confirmed(self, msg: SpanSelector.Confirmed) -> None:
        self.mode = Mode.REVIEW
        if msg.span is None:
            self.notify("Nothing selected.", timeout=2)
        elif msg.mode is Mode.ADD:
            self._confirm_add(msg.span, msg.label)
        elif msg.mode is Mode.SOURCE and self.claim is not None:
            self._write(self.app.open_store().set_source, self.claim.id, msg.span)

    def on_span_selector_source_cleared(self, _msg: SpanSelector.SourceCleared) -> None:
        self.mode = Mode.REVIEW
        claim = self.claim
        if claim is not None and claim.source is not None:
            self._write(self.app.open_store().set_source, claim.id, None)

    def on_span_selector_source_typed(self, msg: SpanSelector.SourceTyped) -> None:
        self.mode = Mode.REVIEW
        self._type_source()  # (the prompt holds the keys typed from now on)
        # the keys held since t: the prompt's to take (no prompt: they act as keys)
        self.app.call_later(self.app.release_keys, msg.hold)

    def _confirm_add(self, span: tuple[int, int], label: str | None) -> None:
        art = self.article
        if art is None:
            return
        from workbench.services.extraction import suggest_for_span

        suggested, source = suggest_for_span(art.text, art.language, span[0], span[1])
        self._write(self.app.open_store().add_claim, art.id, span[0], span[1], label or suggested, source, suggested,
                    focus_result=True)

    def _type_source(self) -> bool:
        """Ask for the focused claim's source as typed (False: no claim to ask it for)."""
        from workbench.linking.search import locate_near
        from workbench.tui.screens.prompt import PromptScreen

        claim, art = self.claim, self.article
        if claim is None or art is None:
            return False

        def typed(value: str | None) -> None:
            value = (value or "").strip()
            if not value:
                return
            # nearest match: inside the claim first, then its paragraph, then the article
            span = locate_near(value, art.text, claim.start, claim.end)
            span = trim(art.text, *span) if span is not None else None  # a fuzzy match may take a space
            if span is None:
                self.notify(f"“{value}” is not in the article text.", severity="warning", markup=False)  # typed text
                return
            self._write(self.app.open_store().set_source, claim.id, span)

        def keep(value: str) -> None:
            # ctrl+q with the prompt open: what is typed is saved as enter would save it, unless
            # it is the source as it was
            if value.strip() != (claim.source_text or "").strip():
                typed(value)

        self.app.push_screen(PromptScreen("Type the source as it appears in the text", claim.source_text or "",
                                          keep=keep), typed)
        return True

    # -- other screens -----------------------------------------------------------------------
    def action_search(self) -> None:
        if self.selecting:
            return
        from workbench.linking.search import Searcher
        from workbench.tui.screens.search import SearchScreen

        app = self.app
        # what is typed until the search's input has the focus is the query (the search takes it)
        hold = app.hold_keys()

        def show(items) -> None:
            # one Searcher while the corpus stays as it is: its folded texts serve every search
            if self._searcher is None or self._searcher.items is not items:
                self._searcher = Searcher(items)
            app.push_screen(SearchScreen(self._searcher, hold), self._go_to)

        def failed(exc: Exception) -> None:
            app.call_later(app.release_keys, hold)
            app.notify(f"{type(exc).__name__}: {exc}", title="database", severity="error", timeout=8, markup=False)

        if self._searcher is not None:
            show(self._searcher.items)
        else:
            # loaded once (on the database thread), dropped when a claim is added here or an
            # import changed the corpus (``corpus_changed``)
            app.db(search_items, app.engine, then=show, error=failed)

    def action_article_list(self) -> None:
        if self.selecting:
            return
        from workbench.tui.screens.article_list import ArticleListScreen

        def chosen(aid: str | None) -> None:
            if aid:
                self.open_article(aid)

        self.app.push_screen(ArticleListScreen(self.summaries, self.article.id if self.article else None), chosen)

    def action_toggle_others(self) -> None:
        self.show_others = not self.show_others
        self.notify("Showing the other reviewers' decisions." if self.show_others
                    else "Blind review: only your decisions are shown.", timeout=2)

    def action_inconsistent(self) -> None:
        if self.selecting:
            return
        if self.sim_index is None:
            self.notify("Still indexing the corpus; try again in a moment.", timeout=3)
            return
        from workbench.tui.screens.consistency import ConsistencyScreen

        # blind review: the reviewer's own decisions only (o: everyone's), as in the similar panel
        self.app.push_screen(ConsistencyScreen(self.sim_index, None if self.show_others else self.app.reviewer),
                             self._go_to)

    def action_agreement(self) -> None:
        from workbench.tui.screens.agreement import AgreementScreen

        self.app.push_screen(AgreementScreen())

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen, guidelines_for, help_rows

        keymap = self.app.keymap
        self.app.push_screen(HelpScreen(help_rows(self.BINDINGS, keymap), help_rows(SpanSelector.BINDINGS, keymap),
                                        guidelines_for(keymap)))

    async def action_quit(self) -> None:
        if self._to_propagate and self.sim_index is not None:  # not lost by quitting within a second
            if self._propagate_timer is not None:
                self._propagate_timer.stop()
            batch, engine, index = self._to_propagate, self.app.engine, self.sim_index
            self._to_propagate = {}
            self.app.db(lambda: [suggestions.propagate_from(engine, index, c, label) for c, label in batch.items()])
        await self.app.quit_now()


class _Op:
    """An undoable action of this session; its annotation id is filled in on the database
    thread when the write commits (before any later job runs)."""

    __slots__ = ("article_id", "annotation_id")

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.annotation_id: int | None = None
