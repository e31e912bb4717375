"""The review app asked to quit from outside quits as ctrl+q does: the keys typed before act, a
note being typed is saved, the pending writes commit.

Found by QA: SIGTERM (or SIGHUP, the terminal closed) killed `workbench review` outright, the
note being typed lost and the terminal left in the alternate screen with the mouse reported; and
a `workbench serve` page closed while a note was typed lost the note (serve asks the page's
process to quit, which Textual's web driver turns into ExitApp: the app exited at once)."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from textual import messages

from tests.functional.tui_helpers import fixture_db, press, rows, run, type_text, until_quit
from workbench.cli import make_app
from workbench.tui.screens.prompt import PromptScreen

NO_KEYMAP = Path("/nonexistent/keymap.toml")
ROOT = Path(__file__).resolve().parents[2]


def test_a_quit_asked_by_serve_saves_the_note_being_typed(tmp_path):
    """What serve's quit of a closed page does: the web driver posts ExitApp."""
    url = fixture_db(tmp_path)

    async def go():
        app = make_app(url, "alice", keymap_file=NO_KEYMAP)
        async with app.run_test(size=(120, 40)) as pilot:
            from tests.functional.tui_helpers import settle

            await settle(app, pilot)
            first = app.screen.claim.id
            await press(app, pilot, "a")
            await press(app, pilot, "m")
            assert isinstance(app.screen, PromptScreen)
            await type_text(pilot, "ask bob")
            app.post_message(messages.ExitApp())
            await until_quit(app, pilot)
            assert not app.is_running
        return first

    first = run(go())
    assert [(r.action, r.label, r.note) for r in rows(url)] == [("decide", "attributed", None),
                                                                 ("note", None, "ask bob")]
    assert rows(url)[0].candidate_id == first


def _read_until(fd: int, out: bytearray, needle: bytes, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while needle not in out and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            out += chunk
    return needle in out


def spawn_review(tmp_path, url, *, path_first: Path | None = None) -> tuple[int, int]:
    """``workbench review`` started in a pseudo-terminal, as alice: (pid, the terminal's fd).
    ``path_first``: a folder put first on the child's PYTHONPATH (a ``sitecustomize`` there)."""
    import pty

    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "TEXTUAL"))}
    first = [str(path_first)] if path_first is not None else []
    env.update(WORKBENCH_KEYMAP=str(NO_KEYMAP), TERM="xterm-256color", COLUMNS="120", LINES="40",
               PYTHONPATH=os.pathsep.join([*first, str(ROOT), env.get("PYTHONPATH", "")]))
    pid, fd = pty.fork()
    if pid == 0:  # the child: the review app in the pseudo-terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "workbench", "review", "--db", url, "--reviewer", "alice"],
                  env)
    return pid, fd


def _review_in_a_pty(tmp_path, url):
    """``workbench review`` in a pseudo-terminal, a note typed: (pid, the terminal's fd, output)."""
    pid, fd = spawn_review(tmp_path, url)
    out = bytearray()
    assert _read_until(fd, out, b"suggested", 30), out[-2000:]
    time.sleep(0.5)
    os.write(fd, b"m")
    assert _read_until(fd, out, b"Note on this claim", 10), out[-2000:]
    os.write(fd, "ask bob".encode())
    assert _read_until(fd, out, b"ask bob", 10)
    time.sleep(0.3)
    return pid, fd


def _wait(pid: int, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


@pytest.mark.skipif(not hasattr(os, "fork"), reason="runs the app in a pseudo-terminal")
def test_sigterm_quits_the_review_app_as_ctrl_q_does(tmp_path):
    url = fixture_db(tmp_path)
    pid, fd = _review_in_a_pty(tmp_path, url)
    try:
        os.kill(pid, signal.SIGTERM)
        tail = bytearray()
        _read_until(fd, tail, b"interrupted", 20)
        status = _wait(pid, 10)
    finally:
        _kill(pid)
        os.close(fd)
    assert status is not None, "the app did not end"
    assert not os.WIFSIGNALED(status), "killed by the signal"
    assert os.WEXITSTATUS(status) == 128 + signal.SIGTERM
    assert b"\x1b[?1049l" in tail  # the terminal given back (out of the alternate screen)
    assert b"workbench: interrupted" in tail
    assert [(r.action, r.note) for r in rows(url)] == [("note", "ask bob")]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="runs the app in a pseudo-terminal")
def test_a_closed_terminal_saves_the_note_and_ends_the_app(tmp_path):
    """The terminal closed (SIGHUP): the note is saved and the app ends, without waiting for ever
    to give back a terminal that is gone."""
    url = fixture_db(tmp_path)
    pid, fd = _review_in_a_pty(tmp_path, url)
    try:
        os.close(fd)  # the terminal's window closed: the kernel sends SIGHUP
        status = _wait(pid, 20)
    finally:
        _kill(pid)
    assert status is not None, "the app did not end"
    assert not os.WIFSIGNALED(status), "killed by the signal"
    assert os.WEXITSTATUS(status) == 128 + signal.SIGHUP
    assert [(r.action, r.note) for r in rows(url)] == [("note", "ask bob")]
