"""``workbench serve``: the review app in a web page, driven by a real headless Chromium.

The server's command line and its refusals (foreign websocket origin, DNS rebinding) are checked
in-process. In the browser test the server runs in a subprocess on a free port with a fixture database; Chromium opens the page
and is driven over its DevTools protocol (a websocket, through aiohttp, which textual-serve
already depends on). The app's terminal output is read from the page's websocket frames (to know
when the review screen has loaded), the key goes in as a real key event on the xterm.js terminal,
and the decision is asserted in the database.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.cli import main
from workbench.store import make_engine
from workbench.store import tables

ROOT = Path(__file__).resolve().parents[2]
REVIEWER = "web-reviewer"
FIRST_ARTICLE = "000_a05f25a83f551d02.txt"  # where the review app opens on a fresh database

# Chromium is driven directly over its DevTools protocol: chromedriver is not needed
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium on PATH (Debian: apt-get install -y chromium)")

# what the status bar shows once the first article has loaded (StatusBar.show), then after a decision
LOADED, DECIDED_ONE = r"corpus 0/\d+", r"corpus 1/\d+"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
    "--window-size=1600,1000",
    # the page links a Google font: fail that at once rather than wait on the network
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


# -- processes ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> bool:
    """True once ``url`` answers; False if the port was taken meanwhile (the caller retries)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = log.read_text(errors="replace")
            if "address already in use" in out.lower():
                return False
            pytest.fail(f"workbench serve exited with {proc.returncode}:\n{out}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(f"workbench serve did not answer on {url} within {timeout} s:\n{log.read_text(errors='replace')}")


def stop(proc: subprocess.Popen, group: bool = False, timeout: float = 15) -> None:
    """SIGTERM, then SIGKILL; ``group``: the process leads its own session (its children too)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    if group:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # left-over session processes, if any
        except (ProcessLookupError, PermissionError):
            pass


def group_alive(pgid: int, grace: float = 10) -> bool:
    """Whether a process of group ``pgid`` is still running ``grace`` seconds from now."""
    deadline = time.monotonic() + grace
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)


def start_server(db_url: str, port: int, log: Path, env: dict) -> subprocess.Popen:
    # as the user starts it
    argv = [sys.executable, "-m", "workbench", "serve", "--db", db_url, "--reviewer", REVIEWER, "--port", str(port)]
    with log.open("wb") as out:  # a group of its own: the review sessions it starts can be found
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def start_chromium(profile: Path, log: Path) -> tuple[subprocess.Popen, int]:
    argv = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"]
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"chromium exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            port = int(active.read_text().split()[0])
            return proc, port
        except (OSError, ValueError, IndexError):
            time.sleep(0.1)
    stop(proc, group=True)
    pytest.fail(f"chromium did not open its DevTools port:\n{log.read_text(errors='replace')[-4000:]}")


# -- the DevTools protocol ------------------------------------------------------------------


class Page:
    """One page target over CDP: commands, and the terminal bytes the page's websocket receives."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.waiting: dict[int, asyncio.Future] = {}
        self.terminal = bytearray()  # everything the app wrote to the page's terminal
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        import aiohttp

        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if "id" in data:
                fut = self.waiting.pop(data["id"], None)
                if fut is not None and not fut.done():
                    fut.set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                resp = data["params"]["response"]
                if resp.get("opcode") == 2:  # binary: terminal output
                    self.terminal += base64.b64decode(resp["payloadData"])
        for fut in self.waiting.values():
            if not fut.done():
                fut.set_exception(ConnectionError("DevTools connection closed"))

    async def send(self, method: str, timeout: float = 30, **params):
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = fut
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(fut, timeout)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def js(self, expression: str):
        res = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return res.get("result", {}).get("value")

    def screen_text(self) -> str:
        return ANSI.sub(b"", bytes(self.terminal)).decode("utf-8", "replace")

    async def wait_for_text(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.screen_text())
            if m:
                return m
            await asyncio.sleep(0.1)
        raise AssertionError(f"the page never showed {pattern!r}; terminal text so far:\n"
                             f"{self.screen_text()[-3000:]}")

    async def key(self, char: str) -> None:
        """A real key press on the focused xterm.js terminal (keydown with text, keyup)."""
        code = f"Key{char.upper()}" if char.isalpha() else ""
        vk = ord(char.upper())
        await self.send("Input.dispatchKeyEvent", type="keyDown", key=char, code=code, text=char,
                        unmodifiedText=char, windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=char, code=code,
                        windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)


async def browse(devtools_port: int, url: str, label_key: str, decided, timeout: float = 90) -> str:
    """Open ``url``, wait for the review screen, press ``label_key``, wait until ``decided()``;
    return the terminal text."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as resp:
            targets = await resp.json(content_type=None)
        target = next(t for t in targets if t.get("type") == "page")
        async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            page = Page(ws)
            try:
                await page.send("Network.enable")
                await page.send("Page.enable")
                await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
                await page.send("Page.navigate", url=url)
                await page.wait_for_text(LOADED, timeout)
                focused = await page.js(
                    "(() => { const t = document.querySelector('.xterm-helper-textarea');"
                    " if (!t) return false; t.focus(); return document.activeElement === t; })()")
                assert focused, "no xterm.js terminal to focus in the page"
                await page.key(label_key)
                deadline = time.monotonic() + timeout
                while not decided():
                    assert time.monotonic() < deadline, (
                        f"no decision in the database {timeout} s after pressing {label_key!r}; "
                        f"terminal text:\n{page.screen_text()[-3000:]}")
                    await asyncio.sleep(0.1)
                # and the page shows it: the corpus counter moved on
                await page.wait_for_text(DECIDED_ONE, timeout)
                return page.screen_text()
            finally:
                page.reader.cancel()


# -- the test -------------------------------------------------------------------------------


def test_session_command_carries_the_database_and_reviewer_quoted():
    from workbench.serve import review_command

    url, name = "sqlite:////tmp/a b/it's.db", "o'brien; touch /tmp/pwned $(id)"
    argv = shlex.split(review_command(url, name))
    assert argv[0] == "exec" and argv[1:] == [sys.executable, "-m", "workbench", "review", "--db", url,
                                              "--reviewer", name]
    assert shlex.split(review_command(url, name, adjudicate=True))[-1] == "--adjudicate"


def test_a_password_never_goes_on_the_session_command_line(monkeypatch):
    from workbench.serve import make_server, review_command

    url = "postgresql+psycopg://rev:s3cret@db.example:5432/claims"
    cmd = review_command(url, "ann")
    assert "s3cret" not in cmd and "--db" not in cmd
    monkeypatch.setenv("WORKBENCH_DB", "restored after the test")
    make_server(url, "ann")
    import os

    assert os.environ["WORKBENCH_DB"] == url  # what the sessions read instead


def test_server_refuses_other_origins_and_hosts(tmp_path):
    """A page on another site must not drive a local review session: its websocket is refused
    (browsers send Origin), and so is a request naming another host (DNS rebinding)."""
    import aiohttp
    from aiohttp.test_utils import TestClient, TestServer

    from workbench.serve import make_server

    server = make_server(f"sqlite:///{tmp_path / 'unused.db'}", "alice", "127.0.0.1", 8000)

    async def go():
        async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
            here = f"127.0.0.1:{client.port}"
            resp = await client.get("/")
            page = await resp.text()
            assert resp.status == 200 and "Claim Workbench" in page
            assert f'data-session-websocket-url="ws://{here}/ws"' in page  # the address the browser used
            assert (await client.get("/", headers={"Host": f"evil.example:{client.port}"})).status == 403
            for headers in ({"Origin": "http://evil.example"},
                            {"Origin": f"http://evil.example:{client.port}", "Host": f"evil.example:{client.port}"}):
                with pytest.raises(aiohttp.WSServerHandshakeError) as exc:
                    await client.ws_connect("/ws", headers=headers)
                assert exc.value.status == 403
            assert "alice" not in page  # nothing about the session leaks into the page

    asyncio.run(go())


@pytest.fixture
def database(tmp_path, capsys):
    """The fixture articles in a fresh SQLite file: (URL, engine, id of the claim the app opens on)."""
    db_url = f"sqlite:///{tmp_path / 'serve.db'}"
    assert main(["import", "-q", "--db", db_url, str(ROOT / "fixtures")]) == 0
    capsys.readouterr()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        first = conn.execute(select(tables.candidates.c.id).where(tables.candidates.c.article_id == FIRST_ARTICLE)
                             .order_by(tables.candidates.c.start).limit(1)).scalar_one()
    yield db_url, engine, first
    engine.dispose()


@pytest.fixture
def server(tmp_path, database):
    """``workbench serve`` on a free port: (process, page URL, log file); always stopped."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_KEYMAP"] = str(tmp_path / "no-keymap.toml")  # the developer's keymap stays out
    log = tmp_path / "serve.log"
    for _attempt in range(3):  # another process may take the free port before the server binds it
        port = free_port()
        proc = start_server(database[0], port, log, env)
        url = f"http://127.0.0.1:{port}/"
        try:
            if not wait_http(url, proc, log):
                continue
            yield proc, url, log
            return
        finally:
            stop(proc, group=True)
    pytest.fail(f"no free port for workbench serve:\n{log.read_text(errors='replace')}")


@pytest.fixture
def chromium(tmp_path):
    """Headless Chromium with a fresh profile: (process, DevTools port, log file); always stopped."""
    log = tmp_path / "chromium.log"
    proc, port = start_chromium(tmp_path / "chromium-profile", log)
    try:
        yield proc, port, log
    finally:
        stop(proc, group=True)


@needs_chromium
def test_serve_labels_a_claim_from_the_browser(database, server, chromium):
    db_url, engine, first = database
    server_proc, url, server_log = server
    chrome_proc, devtools, chrome_log = chromium

    def decisions() -> list:
        with engine.connect() as conn:
            ann = tables.annotations.c
            return conn.execute(select(ann.candidate_id, ann.label, ann.action)
                                .join(tables.reviewers, tables.reviewers.c.id == ann.reviewer_id)
                                .where(tables.reviewers.c.name == REVIEWER)).all()

    t0 = time.monotonic()
    try:
        text = asyncio.run(browse(devtools, url, "a", lambda: bool(decisions())))
    except BaseException:
        print(f"--- serve log ---\n{server_log.read_text(errors='replace')}")
        print(f"--- chromium log ---\n{chrome_log.read_text(errors='replace')[-4000:]}")
        raise
    took = time.monotonic() - t0
    assert REVIEWER in text  # the session runs as the reviewer given to the server
    assert decisions() == [(first, "attributed", "decide")]

    # closing the browser ends the page's review session; the server stops cleanly on SIGTERM
    stop(chrome_proc, group=True)
    stop(server_proc)
    assert server_proc.returncode == 0, server_log.read_text(errors="replace")
    assert not group_alive(server_proc.pid), "a review session outlived the server"
    assert decisions() == [(first, "attributed", "decide")]
    print(f"page opened, claim labelled and shown in {took:.1f} s")
