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
REBINDING_NAME = "127.0.0.1.rebind.example"

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
    # no name but this machine's resolves (the page must need no other server); a
    # DNS-rebinding name resolves to this machine, as an attacker's DNS server would make it
    f"--host-resolver-rules=MAP {REBINDING_NAME} 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
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
    if env.get("SERVE_EXTRA"):
        argv += shlex.split(env["SERVE_EXTRA"])
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


def test_session_command_carries_the_database_and_reviewer_as_arguments():
    from workbench.serve import review_argv

    url, name = "sqlite:////tmp/a b/it's.db", "o'brien; touch /tmp/pwned $(id)"
    argv = review_argv(url, name)  # run without a shell: nothing in it is interpreted
    assert argv == [sys.executable, "-m", "workbench", "review", "--db", url, f"--reviewer={name}"]
    assert review_argv(url, name, adjudicate=True)[-1] == "--adjudicate"


def test_an_account_whose_name_starts_with_a_dash_reviews_under_its_name():
    """`users add` accepts a name such as '-x' or '--adjudicate'; its page's session ran
    `review --reviewer -x`, which the review command refused ('argument --reviewer: expected one
    argument', exit status 2): the account logged in and never got the review app."""
    from workbench.cli import build_parser
    from workbench.serve import review_argv

    for name in ("-x", "--adjudicate", "-"):
        for adjudicate in (False, True):
            args = build_parser().parse_args(review_argv("sqlite:////tmp/x.db", name, adjudicate=adjudicate)[3:])
            assert (args.reviewer, args.adjudicate) == (name, adjudicate)


def test_a_password_never_goes_on_the_session_command_line():
    from workbench.serve import review_argv, session_env

    url = "postgresql+psycopg://rev:s3cret@db.example:5432/claims"
    argv = review_argv(url, "ann")
    assert not any("s3cret" in a for a in argv) and "--db" not in argv
    assert session_env(url) == {"WORKBENCH_DB": url}  # what the session reads instead
    assert session_env("sqlite:////tmp/x.db") == {}


def _config(tmp_path, **kw):
    from workbench.serve import ServeConfig

    return ServeConfig(f"sqlite:///{tmp_path / 'serve.db'}", kw.pop("reviewer", "alice"), **kw)


def _client(server):
    from aiohttp.test_utils import TestClient, TestServer

    async def make():
        return TestClient(TestServer(await server._make_app(), host="127.0.0.1"))

    return make()


def test_server_refuses_other_origins_and_hosts(tmp_path):
    """A page on another site must not drive a local review session: its websocket is refused
    (browsers send Origin; the scheme counts too), and so is any request naming a host that is not
    exactly an allowed name (DNS rebinding: ``127.0.0.1.evil.com`` resolves to this machine)."""
    import aiohttp

    from workbench.serve import make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            here = f"127.0.0.1:{client.port}"
            resp = await client.get("/")
            page = await resp.text()
            assert resp.status == 200 and "Claim Workbench" in page
            assert f'data-session-websocket-url="ws://{here}/ws"' in page  # the address the browser used
            for host in (f"evil.example:{client.port}", f"127.0.0.1.evil.com:{client.port}", "127.1.2.3.nip.io",
                         f"localhost.evil.example:{client.port}", ""):
                for path in ("/", "/static/js/textual.js", "/login", "/ws"):
                    assert (await client.get(path, headers={"Host": host})).status == 403, (host, path)
            assert (await client.get("/static/js/textual.js")).status == 200
            for headers in ({"Origin": "http://evil.example"},
                            {"Origin": f"https://{here}"},  # another scheme is another origin
                            {"Origin": f"http://127.0.0.1:{client.port + 1}"},
                            {"Origin": f"http://evil.example:{client.port}", "Host": f"evil.example:{client.port}"}):
                with pytest.raises(aiohttp.WSServerHandshakeError) as exc:
                    await client.ws_connect("/ws", headers=headers)
                assert exc.value.status == 403
            assert "alice" not in page  # nothing about the session leaks into the page

    asyncio.run(go())


@pytest.fixture
def accounts_db(tmp_path):
    from workbench.services import accounts
    from workbench.store import make_engine as migrate

    engine = migrate(f"sqlite:///{tmp_path / 'serve.db'}")
    accounts.add(engine, "ann", "ann-password")
    accounts.add(engine, "bob", "bob-password")
    yield engine
    engine.dispose()


def test_accounts_login_cookie_and_rate_limit(tmp_path, accounts_db):
    """With accounts, every page needs a login; the cookie is HttpOnly and SameSite=Strict (and
    Secure behind a TLS proxy); wrong passwords are refused, then rate-limited; a changed
    password ends the sessions opened with the old one."""
    from workbench.serve import NAME_FAILURES, make_server
    from workbench.services import accounts

    async def go(tls: bool):
        server = make_server(_config(tmp_path, tls_proxy=tls))
        async with await _client(server) as client:
            resp = await client.get("/", allow_redirects=False)
            assert resp.status == 303 and resp.headers["Location"] == "/login"
            assert (await client.get("/login")).status == 200
            origin = f"{'https' if tls else 'http'}://127.0.0.1:{client.port}"
            bad = await client.post("/login", data={"name": "ann", "password": "nope-nope"}, headers={"Origin": origin})
            assert bad.status == 401 and "Wrong name or password" in await bad.text()
            assert (await client.get("/ws")).status == 403  # no session: no review process
            # a login form posted from another site is refused before the password is even checked
            other = await client.post("/login", data={"name": "ann", "password": "ann-password"},
                                      headers={"Origin": "http://evil.example"}, allow_redirects=False)
            assert other.status == 403
            good = await client.post("/login", data={"name": "ann", "password": "ann-password"},
                                     headers={"Origin": origin}, allow_redirects=False)
            assert good.status == 303
            cookie = good.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and ("Secure" in cookie) == tls
            client.session.cookie_jar.clear()  # sent by hand: the jar keeps a Secure cookie off http
            mine = {"Cookie": cookie.split(";", 1)[0]}
            page = await client.get("/", allow_redirects=False, headers=mine)
            assert page.status == 200 and "xterm" in await page.text()
            await asyncio.to_thread(accounts.set_password, accounts_db, "ann", "new-ann-password")
            assert (await client.get("/", allow_redirects=False, headers=mine)).status == 303  # it ended
            for i in range(NAME_FAILURES):
                await client.post("/login", data={"name": "bob", "password": f"wrong-{i}"})
            limited = await client.post("/login", data={"name": "bob", "password": "bob-password"})
            assert limited.status == 429 and int(limited.headers["Retry-After"]) > 0
            await asyncio.to_thread(accounts.set_password, accounts_db, "ann", "ann-password")

    asyncio.run(go(False))
    asyncio.run(go(True))


def test_non_loopback_host_is_refused_without_accounts(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    make_engine(db).dispose()  # (a corpus with no accounts; serve never creates one)
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--port", str(free_port())]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--host 0.0.0.0 is not a loopback address and there are no accounts" in err


@pytest.mark.parametrize("options", [
    ["--allowed-host", "review.example.org", "--tls-proxy"],  # the README's reverse-proxy setup
    ["--tls-proxy"],
    ["--allowed-host", "review.example.org"],
    ["--allowed-host", "localhost", "--allowed-host", "review.lan:8000"],
], ids=lambda o: " ".join(o))
def test_a_proxy_or_a_network_name_is_refused_without_accounts(options, tmp_path, capsys, monkeypatch):
    """Without accounts, every page reviews as the server's reviewer without logging in: behind a
    reverse proxy (or by any name other machines use) that was everyone's, as 'root'."""
    from workbench import serve as serve_module

    db = f"sqlite:///{tmp_path / 'serve.db'}"
    make_engine(db).dispose()
    monkeypatch.setattr(serve_module, "make_server", lambda config: pytest.fail("the server started"))
    assert main(["serve", "--db", db, "--reviewer", "root", "--port", str(free_port()), *options]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "there are no accounts" in err and "workbench users add NAME" in err
    assert "'root' without logging in" in err


def test_loopback_names_need_no_accounts():
    from workbench.serve import ServeConfig, check_config

    for names in (("127.0.0.1", "localhost", "::1"), ("localhost:8000", "[::1]:8000", "127.0.0.2")):
        check_config(ServeConfig("sqlite://", "alice", allowed_hosts=names), accounts=False)
    check_config(ServeConfig("sqlite://", "alice", allowed_hosts=("review.example.org",), tls_proxy=True),
                 accounts=True)


def test_removing_the_last_account_does_not_open_a_proxied_server_to_everyone(tmp_path, accounts_db, monkeypatch):
    """Started with accounts behind the proxy, then every account removed: pages are refused, not
    served as the server's reviewer to whoever reaches the proxy."""
    import aiohttp

    from workbench import serve
    from workbench.services import accounts

    _fake_review(monkeypatch, lambda *a, **k: _sleeper(False))
    server = serve.make_server(_config(tmp_path, reviewer="root", tls_proxy=True,
                                       allowed_hosts=("review.example.org",)))
    accounts.remove(accounts_db, "ann")
    accounts.remove(accounts_db, "bob")
    proxied = {"Host": "review.example.org", "Origin": "https://review.example.org"}

    async def go():
        async with await _client(server) as client:
            resp = await client.get("/", headers=proxied, allow_redirects=False)
            assert resp.status == 403 and "no accounts" in await resp.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as exc:
                await client.ws_connect("/ws", headers=proxied)
            assert exc.value.status == 403 and not server.sessions

    asyncio.run(go())


def _fake_review(monkeypatch, review_argv) -> None:
    """Pages run ``review_argv(db, reviewer)`` instead of ``workbench review`` (patched where the
    server calls it too: ``serve_server`` took the real one when first imported)."""
    from workbench import serve, serve_server

    monkeypatch.setattr(serve, "review_argv", review_argv)
    monkeypatch.setattr(serve_server, "review_argv", review_argv)


def _sleeper(ignore_term: bool) -> list[str]:
    """A stand-in for a review process that never becomes ready (nor quits when asked)."""
    code = "import signal, time\n"
    if ignore_term:
        code += "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    return [sys.executable, "-c", code + "time.sleep(600)"]


def _recorder(path: Path) -> list[str]:
    """A stand-in for a review process that writes every byte the page sends it to ``path``."""
    code = ("import sys\nwith open(sys.argv[1], 'ab', buffering=0) as out:\n"
            "    while chunk := sys.stdin.buffer.read1(65536):\n        out.write(chunk)\n")
    return [sys.executable, "-c", code, str(path)]


async def _logged_in(client, name: str, password: str) -> dict:
    good = await client.post("/login", data={"name": name, "password": password}, allow_redirects=False)
    assert good.status == 303
    client.session.cookie_jar.clear()
    return {"Cookie": good.headers["Set-Cookie"].split(";", 1)[0]}


def test_a_changed_password_or_a_removed_account_ends_its_open_pages(tmp_path, accounts_db, monkeypatch):
    """``users passwd`` / ``users remove`` (another process: the server learns it from the
    database) end the account's open pages within seconds, and no key pressed after the change
    reaches the review process. An open page used to go on: a key pressed 23 s after a password
    change stored a decision, and a removed reviewer's page stayed open."""
    from aiohttp import WSMsgType

    from workbench import serve
    from workbench.services import accounts

    monkeypatch.setattr(serve, "QUIT_GRACE_S", 0.3)
    monkeypatch.setattr(serve, "TERM_GRACE_S", 0.3)
    received = {"ann": tmp_path / "ann.bytes", "bob": tmp_path / "bob.bytes"}
    _fake_review(monkeypatch, lambda db, reviewer, **k: _recorder(received[reviewer]))
    server = serve.make_server(_config(tmp_path))

    async def keys_reach(name: str, key: str, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if received[name].exists() and key.encode() in received[name].read_bytes():
                return True
            await asyncio.sleep(0.05)
        return False

    async def ends_within(ws, seconds: float) -> float:
        t0 = time.monotonic()
        while True:
            msg = await ws.receive(timeout=seconds)
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return time.monotonic() - t0

    async def go():
        async with await _client(server) as client:
            ann, bob = await _logged_in(client, "ann", "ann-password"), await _logged_in(client, "bob", "bob-password")
            ann_ws, bob_ws = await client.ws_connect("/ws", headers=ann), await client.ws_connect("/ws", headers=bob)
            await ann_ws.send_json(["stdin", "key-before-passwd"])
            await bob_ws.send_json(["stdin", "key-before-remove"])
            assert await keys_reach("ann", "key-before-passwd") and await keys_reach("bob", "key-before-remove")

            # ann's password changes, and a key comes at once: it never reaches the process
            await asyncio.to_thread(accounts.set_password, accounts_db, "ann", "new-ann-password")
            await ann_ws.send_json(["stdin", "key-after-passwd"])
            assert await ends_within(ann_ws, 5) < 5
            # bob is removed, his page sends nothing: it ends by itself within seconds
            await asyncio.to_thread(accounts.remove, accounts_db, "bob")
            assert await ends_within(bob_ws, serve.CREDENTIAL_CHECK_S + 3) < serve.CREDENTIAL_CHECK_S + 3
            deadline = time.monotonic() + 10
            while server.sessions and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert not server.sessions  # both review processes ended
            assert not await keys_reach("ann", "key-after-passwd", timeout=0.5)
            # and the cookies are dead: a reload asks for a login
            for headers in (ann, bob):
                assert (await client.get("/", headers=headers, allow_redirects=False)).status == 303

    asyncio.run(go())


def _children(parent: int | None = None) -> list[int]:
    """Processes whose parent is ``parent`` (this one by default)."""
    me, out = parent or os.getpid(), []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                out.append(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes through /proc")
def test_sockets_dropped_before_the_app_is_ready_leave_no_process(tmp_path, monkeypatch):
    """20 websockets opened and dropped at once: at most --max-sessions processes ever run, and
    none is left after (one that ignores the quit message and SIGTERM is killed)."""
    import aiohttp

    from workbench import serve

    monkeypatch.setattr(serve, "QUIT_GRACE_S", 0.3)
    monkeypatch.setattr(serve, "TERM_GRACE_S", 0.3)
    argvs = iter([_sleeper(i % 2 == 0) for i in range(40)])
    _fake_review(monkeypatch, lambda *a, **k: next(argvs))
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    before = set(_children())
    server = serve.make_server(_config(tmp_path, max_sessions=6))

    async def go():
        async with await _client(server) as client:
            async def drop():
                try:
                    ws = await client.ws_connect("/ws")
                except aiohttp.WSServerHandshakeError as exc:
                    return exc.status
                await asyncio.sleep(0.2)
                await ws.close()
                return 101

            statuses = await asyncio.gather(*(drop() for _ in range(20)))
            assert statuses.count(101) >= 6 and set(statuses) <= {101, 503}
            deadline = time.monotonic() + 20
            while (set(_children()) - before or server.sessions) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not server.sessions
        return set(_children()) - before

    assert asyncio.run(go()) == set()


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
    assert server_proc.returncode == 128 + signal.SIGTERM, server_log.read_text(errors="replace")
    assert not group_alive(server_proc.pid), "a review session outlived the server"
    assert decisions() == [(first, "attributed", "decide")]
    print(f"page opened, claim labelled and shown in {took:.1f} s")


async def _new_page(http, devtools_port: int) -> tuple:
    """A page in a browser context of its own (its own cookies): (Page, websocket)."""
    async with http.get(f"http://127.0.0.1:{devtools_port}/json/version") as resp:
        browser_ws = (await resp.json(content_type=None))["webSocketDebuggerUrl"]
    bws = await http.ws_connect(browser_ws, max_msg_size=0)
    browser = Page(bws)
    context = (await browser.send("Target.createBrowserContext"))["browserContextId"]
    target = (await browser.send("Target.createTarget", url="about:blank", browserContextId=context))["targetId"]
    ws = await http.ws_connect(f"ws://127.0.0.1:{devtools_port}/devtools/page/{target}", max_msg_size=0)
    page = Page(ws)
    await page.send("Network.enable")
    await page.send("Page.enable")
    await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
    return page, (browser, bws, ws)


async def _close_pages(*pages: tuple) -> None:
    """Close what ``_new_page`` opened: each ``(Page, (browser Page, its socket, page socket))``."""
    for page, conns in pages:
        page.reader.cancel()
        conns[0].reader.cancel()
        for ws in conns[1:]:
            await ws.close()


async def _body(page: Page, needle: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = await page.js("document.body ? document.body.innerText : ''") or ""
        if needle in text or time.monotonic() > deadline:
            return text
        await asyncio.sleep(0.1)


async def _login(page: Page, base: str, name: str, password: str) -> None:
    await page.send("Page.navigate", url=f"{base}/login")
    await _body(page, "Password")
    await page.js(f"(() => {{ const f = document.querySelector('form'); f.name.value = {json.dumps(name)};"
                  f" f.password.value = {json.dumps(password)}; f.submit(); }})()")


@needs_chromium
def test_two_reviewers_log_in_to_one_serve_and_decide_as_themselves(database, tmp_path, chromium):
    """Accounts in headless Chromium: a wrong password is refused, a DNS-rebinding host name is
    refused (403), and two reviewers logged in at once (two browser contexts) each decide as
    themselves."""
    import aiohttp

    from workbench.services import accounts

    db_url, engine, first = database
    accounts.add(engine, "ann", "ann-password")
    accounts.add(engine, "bob", "bob-password")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_KEYMAP"] = str(tmp_path / "no-keymap.toml")
    log = tmp_path / "serve.log"
    port = free_port()
    proc = start_server(db_url, port, log, env)
    base = f"http://127.0.0.1:{port}"
    _chrome, devtools, chrome_log = chromium

    def decisions() -> list:
        with engine.connect() as conn:
            ann = tables.annotations.c
            return sorted(conn.execute(select(tables.reviewers.c.name, ann.candidate_id, ann.label)
                                       .join(tables.reviewers, tables.reviewers.c.id == ann.reviewer_id)).all())

    async def go():
        async with aiohttp.ClientSession() as http:
            (a, a_conns), (b, b_conns) = await _new_page(http, devtools), await _new_page(http, devtools)
            try:
                await a.send("Page.navigate", url=f"http://{REBINDING_NAME}:{port}/")
                assert "not allowed" in await _body(a, "not allowed")
                await _login(a, base, "ann", "not-her-password")
                assert "Wrong name or password" in await _body(a, "Wrong name or password")
                await _login(a, base, "ann", "ann-password")
                await _login(b, base, "bob", "bob-password")
                for page, key in ((a, "a"), (b, "x")):
                    await page.wait_for_text(LOADED, 90)
                    assert await page.js("(() => { const t = document.querySelector('.xterm-helper-textarea');"
                                         " if (!t) return false; t.focus(); return document.activeElement === t; })()")
                    await page.key(key)
                deadline = time.monotonic() + 60
                while len(decisions()) < 2 and time.monotonic() < deadline:
                    await asyncio.sleep(0.1)
                return a.screen_text(), b.screen_text()
            finally:
                await _close_pages((a, a_conns), (b, b_conns))

    try:
        wait_http(f"{base}/login", proc, log)
        a_text, b_text = asyncio.run(go())
        assert "ann" in a_text and "bob" in b_text  # each page's status bar names its reviewer
        assert decisions() == [("ann", first, "attributed"), ("bob", first, "not_claim")]
    except BaseException:
        print(f"--- serve log ---\n{log.read_text(errors='replace')}")
        print(f"--- chromium log ---\n{chrome_log.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        stop(proc, group=True)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes through /proc")
def test_real_server_ends_every_review_process_of_dropped_sockets(server):
    """The issue's finding: 20 websockets closed before the app is ready used to leave 40
    processes. Now at most --max-sessions start, and none is left once the sockets are gone."""
    import aiohttp

    proc, url, log = server
    ws_url = url.replace("http://", "ws://") + "ws"

    async def go():
        async with aiohttp.ClientSession() as http:
            async def drop(delay: float):
                try:
                    ws = await http.ws_connect(ws_url)
                except aiohttp.WSServerHandshakeError as exc:
                    return exc.status
                await asyncio.sleep(delay)
                await ws.close()
                return 101

            return await asyncio.gather(*(drop(0.05 * (i % 5)) for i in range(20)))

    statuses = asyncio.run(go())
    assert set(statuses) <= {101, 503} and statuses.count(101) >= 1
    peak_allowed = 8  # serve's default --max-sessions
    assert statuses.count(101) <= 20 and len(_children(proc.pid)) <= peak_allowed
    deadline = time.monotonic() + 30
    while _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _children(proc.pid) == [], log.read_text(errors="replace")[-3000:]
    assert proc.poll() is None  # the server itself is still serving


def test_a_plain_get_of_the_websocket_is_a_bad_request(tmp_path, caplog, monkeypatch):
    """``curl /ws`` (no websocket upgrade): 400 and no review process; it was a 500 with two
    tracebacks in the log, showing local variables (a session's environment holds the database
    URL). Tracebacks in serve's log never show local variables."""
    from rich.logging import RichHandler

    from workbench.serve import make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            resp = await client.get("/ws")
            assert resp.status == 400 and "websocket" in await resp.text()
            assert not server.sessions

    with caplog.at_level("ERROR"):
        asyncio.run(go())
    assert not [r for r in caplog.records if r.exc_info]
    import logging

    given = []
    monkeypatch.setattr(logging, "basicConfig", lambda **kw: given.extend(kw.get("handlers", ())))
    server.initialize_logging()
    rich = [h for h in given if isinstance(h, RichHandler)]
    assert rich and not any(h.tracebacks_show_locals for h in rich)


def test_ipv6_loopback_host_names_are_allowed(tmp_path):
    """``serve --host ::1``: the browser sends ``Host: [::1]:PORT``, which the default allowed name
    ``::1`` must match (it never did: every page was 403)."""
    from workbench.serve import ServeConfig, make_server
    from workbench.store import make_engine as migrate

    config = ServeConfig("sqlite://", "alice", host="::1")
    for header in ("[::1]:8000", "[::1]", "[0:0::1]:8000", "localhost:8000", "127.0.0.1"):
        assert config.host_allowed(header), header
    assert ServeConfig("sqlite://", "a", allowed_hosts=("[::1]:8000",)).host_allowed("[::1]:8000")
    assert not ServeConfig("sqlite://", "a", allowed_hosts=("[::1]:8000",)).host_allowed("[::1]:8001")
    assert not config.host_allowed("[::2]:8000") and not config.host_allowed("::1")  # bare: not a Host header

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path, host="::1"))

    async def go():
        async with await _client(server) as client:
            resp = await client.get("/", headers={"Host": f"[::1]:{client.port}"})
            assert resp.status == 200
            assert f'data-session-websocket-url="ws://[::1]:{client.port}/ws"' in await resp.text()

    asyncio.run(go())


@pytest.mark.parametrize("name", ["bad host/x", "evil.com@localhost", "localhost:99999", "a..b", "[::1", ""])
def test_an_allowed_host_that_is_no_host_name_is_a_usage_error(name, tmp_path, capsys):
    """It was taken silently, and then every request was refused (403)."""
    db = tmp_path / "never.db"
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--db", str(db), "--allowed-host", name])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "--allowed-host: not a host name" in err.splitlines()[-1]
    assert "Traceback" not in err and not db.exists()


def test_a_login_body_that_is_not_utf8_is_a_bad_request(tmp_path, accounts_db, caplog):
    """It was a 500, with a traceback in the log."""
    from workbench.serve import make_server

    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            for body, kind in ((b"name=\xff&password=x", "application/x-www-form-urlencoded"),
                               (b"name=ann&password=\xfe\xff", "application/x-www-form-urlencoded"),
                               (b"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\xff\r\n--b--\r\n",
                                "multipart/form-data; boundary=b")):
                resp = await client.post("/login", data=body, headers={"Content-Type": kind})
                assert resp.status == 400, (body, await resp.text())
            # the form still works
            good = await client.post("/login", data={"name": "ann", "password": "ann-password"}, allow_redirects=False)
            assert good.status == 303

    with caplog.at_level("ERROR"):
        asyncio.run(go())
    assert not [r for r in caplog.records if r.exc_info or r.levelname == "ERROR"]


def test_static_folders_are_not_listed(tmp_path):
    """``/static/`` listed textual-serve's files (and folders): now a folder is a 404."""
    from workbench.serve import make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            for path in ("/static/", "/static/js/", "/static/css", "/static/fonts/"):
                resp = await client.get(path)
                assert resp.status == 404 and "textual.js" not in await resp.text(), path
            assert (await client.get("/static/js/textual.js")).status == 200
            assert (await client.get("/static/css/xterm.css")).status == 200

    asyncio.run(go())


def test_the_page_requests_nothing_from_other_servers(tmp_path):
    """The page linked Google Fonts: a request to an outside server from a team's review page.
    Its font now comes from this server (textual-serve's own copy)."""
    from workbench.serve import make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            page = await (await client.get("/")).text()
            assert "googleapis" not in page and "gstatic" not in page
            urls = re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]+)|url\(["']?([^"')]+)""", page)
            urls = [a or b for a, b in urls]
            assert urls and not [u for u in urls if re.match(r"(?:[a-z]+:)?//", u) and
                                 not u.startswith(f"http://127.0.0.1:{client.port}/")], urls
            fonts = [u for u in urls if u.endswith(".ttf")]
            assert fonts and "font-family: \"Roboto Mono\"" in page
            for font in fonts:
                resp = await client.get(font.split(str(client.port), 1)[1])
                assert resp.status == 200 and len(await resp.read()) > 10_000

    asyncio.run(go())


def test_the_banner_names_a_url_that_works():
    """It said http://127.0.0.1:PORT/ whatever the allowed names (a 403 when only the proxy's name
    is allowed)."""
    from workbench.serve import ServeConfig, where_to_open

    def url(port=8000, **kw):
        return where_to_open(ServeConfig("sqlite://", "ann", **kw), port)

    assert url().startswith("Open http://127.0.0.1:8000/ in a browser")
    assert url(host="::1").startswith("Open http://[::1]:8000/ ")
    assert url(host="0.0.0.0").startswith("Open http://127.0.0.1:8000/ ")
    assert url(host="0.0.0.0", allowed_hosts=("review.lan:8000",)).startswith("Open http://review.lan:8000/ ")
    proxied = url(43210, allowed_hosts=("review.example.org",), tls_proxy=True)
    assert proxied.startswith("Open https://review.example.org/ ") and "reverse proxy" in proxied
    assert "http://127.0.0.1:43210/" in proxied  # where the proxy must forward to
    named = url(allowed_hosts=("review.example.org",))
    assert named.startswith("Open http://review.example.org:8000/ ") and "127.0.0.1:8000/ itself is refused" in named
    assert url(host="127.0.0.5").startswith("No allowed host name reaches http://127.0.0.5:8000/")


def test_port_0_serves_on_the_port_the_banner_names(database, tmp_path):
    """``--port 0``: the banner said port 0; it names the port bound, and the page answers there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    log = tmp_path / "serve.log"
    proc = start_server(database[0], 0, log, env)
    try:
        deadline = time.monotonic() + 60
        while not (m := re.search(r"Open (http://127\.0\.0\.1:(\d+)/) in a browser", log.read_text())):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        assert int(m[2]) > 0
        with urllib.request.urlopen(m[1], timeout=10) as resp:
            assert resp.status == 200 and "xterm" in resp.read().decode()
    finally:
        stop(proc, group=True)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_stops_serve_with_128_plus_n(signum, server):
    """Every command exits with 128 + N on signal N (README); serve exited with 0 (and died
    outright on SIGHUP). Its review sessions end with it."""
    import aiohttp

    proc, url, log = server

    async def open_page():
        http = aiohttp.ClientSession()
        return http, await http.ws_connect(url.replace("http://", "ws://") + "ws")

    loop = asyncio.new_event_loop()
    http, ws = loop.run_until_complete(open_page())  # a page stays open as the server stops
    try:
        deadline = time.monotonic() + 30
        while not _children(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _children(proc.pid), "no review session started"
        proc.send_signal(signum)
        assert proc.wait(30) == 128 + signum, log.read_text()
    finally:
        loop.run_until_complete(http.close())
        loop.close()
    assert log.read_text().rstrip().endswith("workbench: interrupted")
    assert not group_alive(proc.pid), "a review session outlived the server"


def test_a_malformed_host_header_is_a_bad_request(tmp_path):
    """``Host: evil.com@localhost:PORT`` and a Host with a path were taken for an allowed name."""
    from workbench.serve import make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path))

    async def go():
        async with await _client(server) as client:
            p = client.port
            for host in (f"evil.com@localhost:{p}", f"localhost:{p}/evil", f"localhost:{p}?x", f"localhost:{p}#x",
                         f"local host:{p}", f"localhost:{p}:{p}", "localhost:99999", "[::1", "::1", f"[::1%25lo]:{p}"):
                for path in ("/", "/static/js/textual.js", "/login"):
                    resp = await client.get(path, headers={"Host": host})
                    assert resp.status == 400 and "malformed Host" in await resp.text(), (host, path)
            for host in (f"localhost:{p}", f"LOCALHOST:{p}", "127.0.0.1", f"[::1]:{p}"):
                assert (await client.get("/", headers={"Host": host})).status == 200, host
            assert (await client.get("/", headers={"Host": f"review.example.org:{p}"})).status == 403

    asyncio.run(go())


def test_the_page_says_when_every_review_session_is_taken(tmp_path):
    """With --max-sessions sessions open, opening the page says so (503, naming the limit).
    Before, the page loaded, its websocket was refused (503, a reply the browser does not show)
    and the reviewer saw only textual-serve's 'Session ended.' with a Restart button."""
    from workbench.serve import AppSession, make_server
    from workbench.store import make_engine as migrate

    migrate(f"sqlite:///{tmp_path / 'serve.db'}").dispose()
    server = make_server(_config(tmp_path, max_sessions=1))

    async def go():
        async with await _client(server) as client:
            taken = AppSession()
            server.sessions.add(taken)  # the one session the server may run
            resp = await client.get("/")
            assert resp.status == 503 and "--max-sessions" in await resp.text()
            assert "Session ended" not in await resp.text()
            server.sessions.discard(taken)
            assert (await client.get("/")).status == 200

    asyncio.run(go())
