"""The Textual application: owns the database worker and the review store."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from textual import events, messages
from textual.app import App
from textual.message import Message

from workbench.services.review import ReviewService
from workbench.tui.keymap import (keymap_path, load_keymap, refuse_clashes, refuse_unknown_keys, unknown_ids,
                                  with_shifted_forms)


class QuitInTurn(Message):
    """Quit, once the keys typed before ctrl+q have acted (posted to what has the focus, it
    bubbles up to the app behind them)."""


class WorkbenchApp(App[None]):
    """Review app. All database I/O runs on one background thread, in submission order, so the
    UI never blocks and decisions are written in the order they were made; the screen shows a
    decision only after its transaction committed."""

    CSS_PATH = "app.tcss"
    TITLE = "Claim Workbench"
    ENABLE_COMMAND_PALETTE = False
    #: the longest keys are held for a prompt that does not show (``hold_keys``)
    HOLD_KEYS_S = 3.0

    def __init__(self, engine: Engine, reviewer: str, keymap_file: Path | None = None,
                 adjudicate: bool = False, order: str = "article", retrain_every: int = 25) -> None:
        super().__init__()
        self.engine = engine
        self.reviewer = reviewer
        #: the review order: "article" (article by article) or "uncertain" (least certain first)
        self.order = order
        #: the label model is retrained after this many decisions (0: never in the app)
        self.retrain_every = retrain_every
        #: open on the adjudication screen (the reviewer is the adjudicator)
        self.adjudicate = adjudicate
        self.store: ReviewService | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-db")
        #: reads that may take a while (the similarity index) never queue in front of a write
        self._side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-side")
        self._pending: set[Future] = set()
        self._side_pending: set[Future] = set()
        self._quitting = False
        self._keymap_file = keymap_file if keymap_file is not None else keymap_path()
        #: the reviewer's keys by binding id (from the keymap file), as help shows them
        self.keymap: dict[str, str] = {}
        #: keys typed while a prompt opens (``hold_keys``), in the order they came
        self._held_keys: list[events.Key] | None = None
        #: how many of the held keys, at their head, were typed before the keys were held
        self._held_before = 0
        self._hold_id = 0  # the last hold's id: each holder ends its own hold, never another's
        #: the holds under way (their ids) and the timer that ends each
        self._holds: dict[int, Any] = {}
        self._quit_after_hold = False  # ctrl+q came while keys were held: quit once they have acted
        #: the signal that ended the app (SIGTERM, SIGHUP, SIGINT), for the exit status 128 + N
        self.interrupted_by: int | None = None
        #: the writes that failed in this session (each said in a notice), and the last one's cause:
        #: the command says so again once the app has quit, with a non-zero exit status
        self.not_saved_count = 0
        self.last_not_saved: str | None = None
        self._asked_to_quit = False  # a quit from outside (a signal, serve closing the page) is under way
        self._exit_called = False

    def on_mount(self) -> None:
        from workbench.tui.screens.review import ReviewScreen

        self._quit_on_signals()

        try:
            keymap = load_keymap(self._keymap_file)
        except Exception as exc:  # a broken keymap must not stop the reviewer
            self.notify(f"keymap ignored: {exc}", severity="error", timeout=8, markup=False)  # the file's text
            keymap = {}
        if keymap:
            unknown = unknown_ids(keymap, _all_bindings())
            if unknown:  # (the file's text: no markup)
                self.notify(f"keymap {self._keymap_file}: " + "; ".join(unknown), severity="error", timeout=12,
                            markup=False)
            keymap, bad_keys = refuse_unknown_keys(keymap)
            if bad_keys:  # (a key name no key has: the binding would never fire)
                self.notify(f"keymap {self._keymap_file}: " + "; ".join(bad_keys), severity="error", timeout=12,
                            markup=False)
            keymap, clashes = refuse_clashes(keymap, _binding_groups())
            if clashes:  # one key, two bindings: the key would do one of the two, the other lost
                self.notify(f"keymap {self._keymap_file}: " + "; ".join(clashes), severity="error", timeout=12,
                            markup=False)
            self.keymap = dict(keymap)  # (as the reviewer wrote it: help shows these)
            self.set_keymap(with_shifted_forms(keymap))
        if self.adjudicate:
            from workbench.tui.screens.adjudicate import AdjudicateScreen

            self.sub_title = "adjudication"
            self.push_screen(AdjudicateScreen())
        else:
            self.push_screen(ReviewScreen())

    # -- keys typed ahead of a prompt ----------------------------------------------------------------
    #
    # A key acts on what has the focus when the app handles it, and a prompt's input has the focus
    # only once the prompt is mounted, a few frames after the key that opens it: keys typed in
    # between (a fast typist, a pasted sequence) were lost, or taken as review keys. They are held
    # from the key that opens a prompt until its input has the focus; the prompt takes them in
    # order (``take_held_key``), and what is left when it closes acts on the screen below.
    #
    # Several holds may be under way at once (a prompt opening, the article a search opens on its
    # way): the keys are held until every one has ended. While keys are held none is sent to a
    # widget, so a key that reaches the app from a widget then (bubbling up from where it went, or
    # handed back by an input that has closed, ``hold_typed_before``) was typed before every key
    # held straight from the terminal, and goes before them.

    @property
    def holding(self) -> bool:
        """Keys are held (``hold_keys``)."""
        return self._held_keys is not None

    def hold_keys(self, longest: float | None = None) -> int:
        """Hold the keys that come from now on, until ``release_keys`` with the id returned (or
        ``longest`` seconds, ``HOLD_KEYS_S`` by default), and any other hold under way has ended."""
        if self._held_keys is None:
            self._held_keys = []
            self._held_before = 0
        self._hold_id += 1
        hold = self._hold_id
        self._holds[hold] = self.set_timer(longest or self.HOLD_KEYS_S, partial(self.release_keys, hold))
        return hold

    def holds(self, hold: int | None) -> bool:
        """The hold ``hold`` is under way."""
        return hold in self._holds

    def hold_typed_before(self, key: events.Key) -> None:
        """Hold ``key``, which went to a widget before the keys were held: it goes after the keys
        typed before the hold began, and before those held since. (A widget that can no longer
        take the keys sent to it, an input whose prompt has closed, hands them back this way.)"""
        if self._held_keys is None:  # (no hold: it acts now, where the focus is)
            self.call_later(self._replay, [key])
            return
        self._held_keys.insert(self._held_before, key)
        self._held_before += 1

    def take_held_key(self) -> events.Key | None:
        """The first key held (None: none), taken out of the held keys."""
        if not self._held_keys:
            return None
        self._held_before = max(0, self._held_before - 1)
        return self._held_keys.pop(0)

    async def release_keys(self, hold: int | None = None) -> None:
        """End the hold ``hold`` (every hold, when None); once none is under way, the keys still
        held act, in order, as if just typed."""
        ended = list(self._holds) if hold is None else [hold] if hold in self._holds else []
        for h in ended:
            timer = self._holds.pop(h)
            if timer is not None:
                timer.stop()
        if self._holds or self._held_keys is None:
            return  # (another hold is under way, or this one had ended)
        held, self._held_keys, self._held_before = self._held_keys, None, 0
        await self._replay(held)
        if self._quit_after_hold:
            self._quit_after_hold = False
            await self.action_quit()  # (after the keys just released)

    async def _replay(self, keys: list[events.Key]) -> None:
        for key in keys:
            # (a new hold may begin on the way: the keys after that one are sent to the widget with
            # the focus all the same, and come back to the app to be held, ahead of the new ones)
            await super().on_event(events.Key(key.key, key.character))

    async def on_event(self, event: events.Event) -> None:
        # (a key typed while held, or typed before and only now bubbling up from where it went)
        if self._held_keys is not None and isinstance(event, events.Key):
            if event.is_forwarded:
                self.hold_typed_before(event)
            else:
                self._held_keys.append(event)
            return
        await super().on_event(event)

    async def on_ordered_input_acted(self, message) -> None:
        """A key acted in a text input (enter, escape…) and it has handed back the keys typed
        after it: they act now where the focus is (below the prompt, if it closed)."""
        message.stop()
        await self.release_keys(message.hold)

    # -- database worker -------------------------------------------------------------------------
    def db(self, fn: Callable[..., Any], *args, then: Callable[[Any], None] | None = None,
           error: Callable[[Exception], None] | None = None) -> Future:
        """Run ``fn(*args)`` on the database thread; call ``then(result)`` on the UI thread."""
        return self._run(self._db, self._pending, fn, *args, then=then, error=error)

    def side(self, fn: Callable[..., Any], *args, then: Callable[[Any], None] | None = None,
             error: Callable[[Exception], None] | None = None) -> Future:
        """Like ``db`` for read-only work that may be slow, on a thread of its own."""
        return self._run(self._side, self._side_pending, fn, *args, then=then, error=error)

    def _run(self, executor: ThreadPoolExecutor, pending: set[Future], fn: Callable[..., Any], *args,
             then=None, error=None) -> Future:

        def job():
            try:
                result = fn(*args)
            except Exception as exc:  # shown in the app, never a crash
                self._post(lambda e=exc: self._failed(e, error))  # exc is unbound after the block
                return None
            if then is not None:
                self._post(lambda: then(result))
            return result

        try:
            fut = executor.submit(job)
        except RuntimeError:
            # the app is quitting and its threads are shut down (a timer fired meanwhile: the session
            # watch's poll): nothing runs any more, and nothing waits for this job
            fut = Future()
            fut.cancel()
            return fut
        pending.add(fut)
        fut.add_done_callback(pending.discard)
        return fut

    def _post(self, fn: Callable[[], None]) -> None:
        if not self.is_running or self._quitting:
            return  # the app is closing; a write has committed all the same
        try:
            self.call_from_thread(fn)
        except RuntimeError:
            pass

    def _failed(self, exc: Exception, handler) -> None:
        if handler is not None:
            handler(exc)
        else:
            self.notify(f"{type(exc).__name__}: {exc}", title="database", severity="error", timeout=8,
                        markup=False)  # the message may quote stored text

    def open_store(self) -> ReviewService:
        if self.store is None:
            self.store = ReviewService(self.engine, self.reviewer)
        return self.store

    @property
    def db_busy(self) -> bool:
        return bool(self._pending)

    async def db_idle(self) -> None:
        """Wait until every submitted database job has finished (used by tests and quit)."""
        import asyncio

        while self._pending:
            await asyncio.sleep(0.005)

    async def side_idle(self) -> None:
        """Wait until the side thread's jobs have finished (tests)."""
        import asyncio

        while self._side_pending:
            await asyncio.sleep(0.005)

    async def action_quit(self) -> None:
        """ctrl+q (a priority binding, so it acts when typed, ahead of the keys typed just before
        it: each may be a decision still to write) quits once those keys have acted: a message
        sent the way they went comes after them (``QuitInTurn``)."""
        if self._quitting:
            return
        target = self.screen.focused or self.screen
        target.post_message(QuitInTurn())

    async def on_quit_in_turn(self, message: QuitInTurn) -> None:
        message.stop()
        if self._quitting:
            return
        if self._held_keys is not None:
            # keys held for a prompt or an article on its way act first; quit after them
            self._quit_after_hold = True
            return
        # a note being typed is saved, as enter would save it (its write goes before the quit's)
        for scr in list(self.screen_stack):
            keep_typed = getattr(scr, "keep_typed", None)
            if keep_typed is not None:
                keep_typed()
        # the quit of the review (or adjudication) screen, under a pop-up too: what it keeps for
        # a second is saved first
        screen_quit = next((q for scr in reversed(self.screen_stack) if (q := getattr(scr, "action_quit", None))),
                           None)
        await (screen_quit() if screen_quit is not None else self.quit_now())

    def not_saved(self, exc: Exception) -> None:
        """Say in one line that a write failed: a database error as the file (or server) and the
        cause, never SQLAlchemy's whole message (the SQL, a link to its site)."""
        from sqlalchemy.exc import SQLAlchemyError

        from workbench.services.review import explain_failure

        why = explain_failure(self.engine, exc) if isinstance(exc, SQLAlchemyError) else f"{type(exc).__name__}: {exc}"
        self.not_saved_count += 1
        self.last_not_saved = why
        self.notify(f"Not saved: {why}", severity="error", timeout=10, markup=False)

    async def quit_now(self) -> None:
        """Quit: the database jobs submitted so far commit first."""
        self._quitting = True
        await self.db_idle()
        await self._shutdown_db()
        self._side.shutdown(wait=False, cancel_futures=True)
        self._stop_learning()
        self.exit()

    def _quit_on_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal closed) and SIGINT quit as ``ctrl+q`` does: the keys typed
        before act, a note being typed is saved, the pending writes commit. (They killed the app
        outright, its terminal left in the alternate screen with the mouse reported.)"""
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, self._quit_from_outside, sig)
            except (ValueError, RuntimeError, NotImplementedError):
                return  # (not the main thread's loop: a test's, or a platform without signals)

    def _quit_from_outside(self, signum: int | None = None) -> None:
        """A quit asked from outside the app (a signal; serve's page closed, which posts ExitApp):
        the first goes the way ``ctrl+q`` goes; a second one quits once the writes already
        submitted have committed."""
        if signum is not None and self.interrupted_by is None:
            self.interrupted_by = signum
        if self._quitting:
            return
        if self._asked_to_quit:
            self.call_later(self.quit_now)
            return
        self._asked_to_quit = True
        self.call_later(self.action_quit)

    def exit(self, *args, **kwargs) -> None:
        self._exit_called = True  # (an ExitApp posted without it came from outside the app)
        super().exit(*args, **kwargs)

    async def _on_exit_app(self, message: messages.ExitApp) -> None:
        if not self._quitting and not self._exit_called:
            # Textual's web driver asked (serve closed the page, or a signal): Textual's own
            # handler would exit now, the note being typed lost
            message.prevent_default()
            self._quit_from_outside()
            return
        self._quitting = True
        await self._shutdown_db()  # pending writes commit before the process ends
        self._side.shutdown(wait=False, cancel_futures=True)
        self._stop_learning()
        if self.interrupted_by == signal.SIGHUP and self._driver is not None and not self._driver.is_web:
            # the terminal is gone: restoring it would block for ever on the write that cannot be
            # made (the writes of the session have committed)
            os._exit(128 + signal.SIGHUP)
        await super()._on_exit_app()

    async def _shutdown_db(self) -> None:
        """Wait for the database thread's jobs without blocking the event loop: a job that
        finished just before quitting may be handing its result to the UI (``call_from_thread``
        waits for the loop), and a blocked loop would wait for it for ever."""
        import asyncio

        await asyncio.to_thread(self._db.shutdown, True)

    @staticmethod
    def _stop_learning() -> None:
        from workbench.services import learning

        learning.stop_elsewhere()  # a training under way ends with the app


def _all_bindings() -> list:
    """Every binding of the app's screens and widgets (the ids a keymap may name)."""
    from workbench.tui.screens.adjudicate import AdjudicateScreen
    from workbench.tui.screens.agreement import AgreementScreen
    from workbench.tui.screens.article_list import ArticleListScreen
    from workbench.tui.screens.consistency import ConsistencyScreen
    from workbench.tui.screens.help import HelpScreen
    from workbench.tui.screens.prompt import PromptScreen
    from workbench.tui.screens.review import ReviewScreen
    from workbench.tui.screens.search import SearchScreen
    from workbench.tui.widgets.span_selector import SpanSelector

    classes = (WorkbenchApp, ReviewScreen, AdjudicateScreen, AgreementScreen, ArticleListScreen, ConsistencyScreen,
               HelpScreen, PromptScreen, SearchScreen, SpanSelector)
    return [b for cls in classes for b in cls.BINDINGS if not isinstance(b, tuple)]


def _binding_groups() -> list[list[tuple[str, Any]]]:
    """The bindings active together, as ``(owner, Binding)``: a key may serve one binding of each
    group. A screen's bindings (Textual's built-in ones included) come with those of the widget
    that has the focus there (the article view's page keys; a span selected: the selector's) and
    with the app's (a modal screen: the app's priority ones only)."""
    from workbench.tui.screens.adjudicate import AdjudicateScreen
    from workbench.tui.screens.agreement import AgreementScreen
    from workbench.tui.screens.article_list import ArticleListScreen
    from workbench.tui.screens.consistency import ConsistencyScreen
    from workbench.tui.screens.help import HelpScreen
    from workbench.tui.screens.prompt import PromptScreen
    from workbench.tui.screens.review import SELECTING_ACTIONS, ReviewScreen
    from workbench.tui.screens.search import SearchScreen
    from workbench.tui.widgets.article_view import ArticleView
    from workbench.tui.widgets.span_selector import SpanSelector

    def of(cls) -> list[tuple[str, Any]]:
        return [(cls.__name__, b) for bs in cls._merge_bindings().key_to_bindings.values() for b in bs]

    def scrolling(screen: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        # the article view's scroll keys, but those the screen's own keys have by default (the
        # arrows step through the claims: they count as the screen's)
        taken = {k.strip() for _o, b in screen if b.id for k in b.key.split(",")}
        return [(o, b) for o, b in of(ArticleView) if b.key not in taken]

    app = of(WorkbenchApp)
    review, adjudicate = of(ReviewScreen), of(AdjudicateScreen)
    return [
        scrolling(review) + review + app,
        # a span selected: the selector has the focus, and of the review keys only a few act
        of(SpanSelector) + [(o, b) for o, b in review if b.id is None or b.action in SELECTING_ACTIONS] + app,
        scrolling(adjudicate) + adjudicate + app,
        *[of(cls) + [(o, b) for o, b in app if b.priority]
          for cls in (HelpScreen, PromptScreen, SearchScreen, ArticleListScreen, ConsistencyScreen, AgreementScreen)],
    ]
