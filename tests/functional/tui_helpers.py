"""Shared helpers for the TUI tests: a fixture database and a Pilot session."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import select

from workbench.cli import make_app
from workbench.services.importing import import_paths
from workbench.formats.articles import expand
from workbench.store import make_engine
from workbench.store import tables

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SIZE = (140, 40)


def fixture_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = make_engine(url)
    res = import_paths(engine, expand([str(FIXTURES)]))
    assert res.imported == 5 and not res.errors
    engine.dispose()
    return url


@asynccontextmanager
async def session(url: str, reviewer: str = "alice", keymap_file: Path | None = None, size=SIZE,
                  notifications: bool = False):
    """``notifications``: draw the toasts (Textual's tests leave them out by default)."""
    app = make_app(url, reviewer, keymap_file=keymap_file or Path("/nonexistent/keymap.toml"))
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(app, pilot)
        yield app, pilot
        await settle(app, pilot)


async def settle(app, pilot) -> None:
    """Let pending database jobs finish and their results reach the screen (the first call also
    waits for the review screen to have loaded its first article)."""
    from workbench.tui.screens.adjudicate import AdjudicateScreen
    from workbench.tui.screens.review import ReviewScreen

    for _ in range(2000):
        screens = [s for s in app.screen_stack if isinstance(s, (ReviewScreen, AdjudicateScreen))]
        if screens and screens[0].ready:
            break
        await pilot.pause(0.005)
    else:
        raise AssertionError("the review screen never finished loading")
    # each key held while an article loads is replayed once it shows, and may load another: wait
    # until no job is pending and no key is held, three times in a row
    quiet = 0
    for _ in range(2000):
        await app.db_idle()
        await pilot.pause()
        quiet = quiet + 1 if not app.db_busy and not app.holding else 0
        if quiet >= 3:
            return
    raise AssertionError("the app never settled: database jobs or held keys remain")


async def until_quit(app, pilot, seconds: float = 6.0) -> None:
    """Let the app run until it has quit (ctrl+q sent ahead, handled after the keys before it)."""
    for _ in range(int(seconds / 0.02)):
        if not app.is_running:
            return
        await pilot.pause(0.02)


async def press(app, pilot, *keys: str) -> None:
    for k in keys:
        await pilot.press(k)
        await settle(app, pilot)


def burst(app, *keys: str) -> None:
    """Send ``keys`` the way a terminal delivers keys typed very fast (or pasted as keys): all at
    once, none waiting for the ones before to be handled (``pilot.press`` waits between keys).
    Characters are given as themselves (``"-"``), other keys by name (``"enter"``)."""
    from textual import events
    from textual.keys import _character_to_key

    for k in keys:
        char = k if len(k) == 1 else None
        key = _character_to_key(k) if len(k) == 1 and not k.isalnum() else k
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


def type_text(pilot, text: str):
    """Press the keys that type ``text`` (brackets and slashes included), each handled in turn."""
    from textual.keys import _character_to_key

    return pilot.press(*(_character_to_key(ch) for ch in text))


async def search(app, pilot, query: str):
    """Open the search (``/``), type ``query`` and wait for its hits; the search screen."""
    from workbench.tui.screens.search import SearchScreen

    await press(app, pilot, "slash")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, query)
    await app.workers.wait_for_complete()
    await settle(app, pilot)
    return screen


def slow_article_loads(app, seconds: float) -> None:
    """Each article takes ``seconds`` more to load: a busy database."""
    import time

    store = app.open_store()
    load = store.load_article

    def slow(article_id):
        time.sleep(seconds)
        return load(article_id)

    store.load_article = slow


def rows(url: str, reviewer: str = "alice") -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        out = conn.execute(
            select(tables.annotations)
            .join(tables.reviewers, tables.reviewers.c.id == tables.annotations.c.reviewer_id)
            .where(tables.reviewers.c.name == reviewer).order_by(tables.annotations.c.id)
        ).all()
    engine.dispose()
    return out


def candidates(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        cand = tables.candidates
        out = conn.execute(select(cand).order_by(cand.c.article_id, cand.c.start)).all()
    engine.dispose()
    return out


def run(coro):
    return asyncio.run(coro)


async def press_for_screenshot(app, pilot, keys) -> None:
    """Press ``keys`` and wait until the screen is still: database jobs done, workers done, the
    footer's keys composed (Textual recomposes them asynchronously), animations over."""
    await settle(app, pilot)
    for k in keys:
        await pilot.press(k)
        await settle(app, pilot)
    await app.workers.wait_for_complete()
    for _ in range(3):  # the similarity index and the twins of the focused claim
        await app.side_idle()
        await settle(app, pilot)
    for _ in range(400):
        if app.screen.query("FooterKey") or not app.screen.query("Footer"):
            break
        await pilot.pause(0.01)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.3)
    await pilot.wait_for_scheduled_animations()
