"""``workbench serve``: the review app as a web page, through textual-serve.

Every page opened runs its own ``workbench review`` process (textual-serve relays its terminal to
xterm.js in the page). The process is started without a shell, its database URL and reviewer on
its argument list (a URL with a password goes through ``WORKBENCH_DB`` instead: ``ps`` shows
argument lists).

Two modes, chosen on every request from the database:

- **accounts** (``workbench users add``): a reviewer logs in with a name and a password
  (``/login``); a session cookie (HttpOnly, SameSite=Strict, Secure behind TLS) names the
  session, and each page's app runs as the logged-in reviewer, so one server serves a whole
  team. Failed logins are rate-limited per client address and per name.
- **no account**: today's single-reviewer mode (``--reviewer``), on a loopback address only.

In both, every request must name an allowed host (``--allowed-host``, exact names; default the
loopback names: a DNS-rebinding name such as ``127.0.0.1.evil.example`` is refused), and a
state-changing request (login, logout) or a websocket that carries an ``Origin`` must carry this
server's own (scheme, host and port compared). Running review processes are capped
(``--max-sessions``), each ended when its websocket goes, whatever the moment (and killed if it
does not quit), and a page idle for ``--idle-minutes`` is closed.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import logging
import os
import re
import secrets
import signal
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
COOKIE = "workbench_session"
#: after this many failed logins for one name (from one client address) in ``LOGIN_WINDOW_S``,
#: logins are answered 429 until the window has passed
NAME_FAILURES, ADDRESS_FAILURES, LOGIN_WINDOW_S = 5, 20, 60.0
#: a login session ends after this long without a request, and in any case after ``SESSION_MAX_S``
SESSION_IDLE_S, SESSION_MAX_S = 8 * 3600.0, 24 * 3600.0
DEFAULT_MAX_SESSIONS = 8
DEFAULT_IDLE_MINUTES = 60.0
#: seconds a review process gets to quit by itself (it commits its pending writes), then to SIGTERM
QUIT_GRACE_S, TERM_GRACE_S = 5.0, 3.0
#: how long the account mode is cached between requests
MODE_TTL_S = 2.0
#: how often an open page's account is checked in the database (a key press is checked at once):
#: ``workbench users passwd`` and ``users remove`` run in another process and end its pages
CREDENTIAL_CHECK_S = 2.0

log = logging.getLogger("textual-serve")


def review_argv(db_url: str, reviewer: str, *, adjudicate: bool = False, python: str | None = None) -> list[str]:
    """The argument list one page's session runs: ``python -m workbench review --db … --reviewer …``.
    A URL with a password is not put there: the session reads ``WORKBENCH_DB`` (``session_env``)."""
    from sqlalchemy.engine import make_url

    db = [] if make_url(db_url).password else ["--db", db_url]
    # (one argument, --reviewer=NAME: an account may be named '-x', which argparse would take for
    # an option after a separate --reviewer)
    argv = [python or sys.executable, "-m", "workbench", "review", *db, f"--reviewer={reviewer}"]
    if adjudicate:
        argv.append("--adjudicate")
    return argv


def session_env(db_url: str) -> dict[str, str]:
    """What a session's environment adds to the server's: the database URL when it holds a
    password (kept off the argument list)."""
    from sqlalchemy.engine import make_url

    return {"WORKBENCH_DB": db_url} if make_url(db_url).password else {}


def is_loopback(host: str) -> bool:
    """Whether ``--host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


#: a Host header's name: a DNS name or an IPv4 address (RFC 3986's reg-name, as browsers send it)
_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?")
_HOST = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[^\[\]:]+))(?::(?P<port>[0-9]{0,5}))?")


def split_host(netloc: str) -> tuple[str, int | None] | None:
    """``(host, port)`` of a Host header (``name``, ``name:port``, ``[v6]``, ``[v6]:port``; the name
    in lower case, an IPv6 address without brackets and in its short form), None if malformed:
    user info (``evil.com@localhost``), a path, spaces, a bare IPv6 address, a bad port."""
    m = _HOST.fullmatch(netloc.lower())
    if m is None:
        return None
    port = m["port"]
    if port and int(port) > 65535:
        return None
    if m["v6"] is not None:
        try:
            name = ipaddress.IPv6Address(m["v6"]).compressed
        except ValueError:
            return None
    elif _NAME.fullmatch(m["name"]):
        name = m["name"]
    else:
        return None
    return name, int(port) if port else None


def split_allowed(value: str) -> tuple[str, int | None] | None:
    """An ``--allowed-host`` value as ``(host, port)``: what ``split_host`` takes, and a bare IPv6
    address (``::1``, the default); None if it is not a host name."""
    try:
        return ipaddress.IPv6Address(value.strip()).compressed, None
    except ValueError:
        return split_host(value.strip())


def check_allowed_host(value: str) -> str:
    """``value`` if it can be an ``--allowed-host``, else ValueError (one line)."""
    if split_allowed(value) is None:
        raise ValueError(f"not a host name: {value!r} (NAME or NAME:PORT, such as review.example.org or "
                         "localhost:8000; an IPv6 address as ::1 or [::1]:8000)")
    return value


@dataclass
class ServeConfig:
    db_url: str
    reviewer: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    adjudicate: bool = False
    #: exact Host names (``name`` or ``name:port``) requests may carry
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES
    #: reached through a TLS reverse proxy: cookies are Secure, the page's origin is https
    tls_proxy: bool = False
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_minutes: float = DEFAULT_IDLE_MINUTES

    def host_allowed(self, header: str) -> bool:
        got = split_host(header)
        if got is None:
            return False
        name, port = got
        for allowed in self.allowed_hosts:
            want = split_allowed(allowed)
            if want is not None and want[0] == name and (want[1] is None or want[1] == port):
                return True
        return False


def _netloc(name: str, port: int | None) -> str:
    name = f"[{name}]" if ":" in name else name
    return name if port is None else f"{name}:{port}"


def where_to_open(config: ServeConfig, port: int) -> str:
    """The banner's line saying which URL opens the page, for a server listening on ``port`` (the
    real one: ``--port 0`` picks one): a name the server allows, through the proxy with
    ``--tls-proxy`` (the page's origin is https there, and its cookie Secure)."""
    listen = _netloc(config.host, port)
    if config.tls_proxy:
        name, its_port = split_allowed(config.allowed_hosts[0]) or (config.allowed_hosts[0], None)
        return (f"Open https://{_netloc(name, its_port)}/ in a browser, through the TLS reverse proxy that "
                f"forwards to http://{listen}/")
    wildcard = {"0.0.0.0": "127.0.0.1", "::": "::1"}
    here = _netloc(wildcard.get(config.host, config.host), port)
    if config.host_allowed(here):
        return f"Open http://{here}/ in a browser"
    for allowed in config.allowed_hosts:
        name, its_port = split_allowed(allowed) or (allowed, None)
        if _reaches(name, config.host):
            return (f"Open http://{_netloc(name, its_port or port)}/ in a browser (the name --allowed-host "
                    f"gives; http://{here}/ itself is refused)")
    return f"No allowed host name reaches http://{here}/ (every page is refused): add --allowed-host {config.host}"


def _reaches(name: str, host: str) -> bool:
    """Whether a URL naming ``name`` may reach a server listening on ``host`` (an address it
    is not cannot; a DNS name may)."""
    if host in ("0.0.0.0", "::"):
        return True
    try:
        listening = ipaddress.ip_address(host.strip("[]")).compressed
    except ValueError:
        return True
    if name == "localhost":
        return listening in ("127.0.0.1", "::1")
    try:
        return ipaddress.ip_address(name).compressed == listening
    except ValueError:
        return True


class LoginLimiter:
    """Failed logins per key (a client address, a name) in a sliding window."""

    def __init__(self, window: float = LOGIN_WINDOW_S, clock=time.monotonic) -> None:
        self.window, self.clock = window, clock
        self.failures: dict[str, deque] = {}
        self.limits = {"name": NAME_FAILURES, "addr": ADDRESS_FAILURES}

    def _recent(self, key: str) -> deque:
        q = self.failures.setdefault(key, deque())
        now = self.clock()
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, *keys: str) -> float:
        """Seconds until a login may be tried again with these keys (0: now)."""
        wait = 0.0
        for key in keys:
            q = self._recent(key)
            if len(q) >= self.limits[key.split(":", 1)[0]]:
                wait = max(wait, self.window - (self.clock() - q[0]))
        return wait

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._recent(key).append(self.clock())
        if len(self.failures) > 10_000:  # bounded memory under a spray of names
            for k in [k for k, q in self.failures.items() if not self._recent(k)]:
                del self.failures[k]


@dataclass
class LoginSession:
    name: str
    password_hash: str
    created: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)


class LoginSessions:
    """Logged-in browsers, by the random token of their cookie (kept in memory: a restarted
    server asks everybody to log in again)."""

    def __init__(self, idle: float = SESSION_IDLE_S, longest: float = SESSION_MAX_S, clock=time.monotonic) -> None:
        self.idle, self.longest, self.clock = idle, longest, clock
        self.by_token: dict[str, LoginSession] = {}

    def open(self, name: str, password_hash: str) -> str:
        token = secrets.token_urlsafe(32)
        self.by_token[token] = LoginSession(name, password_hash, self.clock(), self.clock())
        return token

    def get(self, token: str | None) -> LoginSession | None:
        s = self.by_token.get(token or "")
        if s is None:
            return None
        now = self.clock()
        if now - s.seen > self.idle or now - s.created > self.longest:
            del self.by_token[token]
            return None
        s.seen = now
        return s

    def close(self, token: str | None) -> None:
        self.by_token.pop(token or "", None)

    def reap(self) -> None:
        for token in list(self.by_token):
            self.get(token)


def _page(title: str, body: str, status: int = 200):
    from aiohttp import web

    doc = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Claim Workbench</title>"
           "<meta name='viewport' content='width=device-width'>"
           "<style>body{font-family:sans-serif;background:#0c181f;color:#eee;display:flex;justify-content:center;"
           "margin-top:10vh}form,div{background:#12232d;padding:2em;border-radius:6px;min-width:20em}"
           "input{display:block;width:100%;margin:.3em 0 1em;padding:.4em}p.err{color:#f88}"
           "button{padding:.5em 2em}</style></head><body><div>"
           f"<h1>{html.escape(title)}</h1>{body}</div></body></html>")
    resp = web.Response(text=doc, status=status, content_type="text/html")
    _no_store(resp)
    return resp


def _no_store(resp) -> None:
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    resp.headers["Referrer-Policy"] = "same-origin"


LOGIN_FORM = ("<form method='post' action='/login'>{error}<label>Name<input name='name' autocomplete='username' "
              "autofocus required></label><label>Password<input name='password' type='password' "
              "autocomplete='current-password' required></label><button type='submit'>Log in</button></form>")


def make_server(config: ServeConfig):
    """A textual-serve ``Server`` for ``config`` (see the module docstring; the server and its
    request gate are in ``workbench.serve_server``, which imports aiohttp and textual-serve)."""
    from workbench.serve_server import WorkbenchServer

    return WorkbenchServer.for_config(config)


@dataclass(eq=False)
class AppSession:
    """One page's review process and what relays it. ``signed_in`` (with accounts) tells whether
    the page's account still holds the password it logged in with: when it does not, the page's
    keys no longer reach the process and the page ends."""

    service: object = None
    last_input: float = field(default_factory=time.monotonic)
    signed_in: Callable[[], Awaitable[bool]] | None = None


class SignedOut(Exception):
    """The page's account was removed or its password changed: the page ends."""


def _service(argv: list[str], env: dict, websocket, download_manager):
    """A textual-serve ``AppService`` that starts ``argv`` directly (no shell) with ``env``."""
    from textual_serve.app_service import AppService

    class Service(AppService):
        async def _open_app_process(self, width: int = 80, height: int = 24):
            environment = {**self._build_environment(width=width, height=height), **env}
            self._process = process = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, env=environment)
            self._stdin = process.stdin
            return process

    return Service("workbench review", write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                   close=websocket.close, download_manager=download_manager)


async def run_session(server, request, session: AppSession, argv: list[str], env: dict, idle_s: float):
    """Relay one page's websocket to its own review process; the process is ended when the
    socket goes, whatever the moment (before the app is ready too), after ``idle_s`` without input,
    or (with accounts) within ``CREDENTIAL_CHECK_S`` of its account's password changing or the
    account going; no key of the page reaches the process after that."""
    from aiohttp import WSMsgType, web
    from textual_serve.server import to_int

    websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
    width = min(max(to_int(request.query.get("width", "80"), 80), 10), 1000)
    height = min(max(to_int(request.query.get("height", "24"), 24), 5), 500)
    watchdog = account_watchdog = None
    try:
        await websocket.prepare(request)
        session.service = _service(argv, env, websocket, server.download_manager)
        await session.service.start(width, height)
        log.info("review session started (process %s)", session.service._process.pid)

        async def idle_watch() -> None:
            while True:
                await asyncio.sleep(min(30.0, idle_s))
                if time.monotonic() - session.last_input > idle_s:
                    await websocket.close(message=b"idle")
                    return

        async def account_watch() -> None:
            while True:
                await asyncio.sleep(CREDENTIAL_CHECK_S)
                if not await session.signed_in():
                    await _signed_out(websocket)
                    return

        watchdog = asyncio.create_task(idle_watch())
        if session.signed_in is not None:
            account_watchdog = asyncio.create_task(account_watch())
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                await _relay(session, websocket, message)
            except SignedOut:
                await _signed_out(websocket)
                break
    except (asyncio.CancelledError, ConnectionError):
        pass
    finally:
        for task in (watchdog, account_watchdog):
            if task is not None:
                task.cancel()
        pid = getattr(getattr(session.service, "_process", None), "pid", None)
        code = await end_process(session)
        if pid is not None:
            log.info("review session ended (process %s, exit status %s)", pid, code)
        if websocket.prepared and not websocket.closed:
            await websocket.close()
    return websocket


async def _signed_out(websocket) -> None:
    log.info("review session ended: its account was removed or its password changed")
    await websocket.close(message=b"signed out")


async def _relay(session: AppSession, websocket, message) -> None:
    """One message of the page to the process (textual-serve's envelope: ``[type, data]``); a key
    goes only while the page's account is still signed in (else SignedOut)."""
    import json

    try:
        envelope = json.loads(message.data)
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    except (ValueError, TypeError, IndexError, KeyError):
        return
    service = session.service
    if kind == "stdin" and isinstance(data, str):
        if session.signed_in is not None and not await session.signed_in():
            raise SignedOut
        session.last_input = time.monotonic()
        await service.send_bytes(data.encode("utf-8", "replace"))
    elif kind == "resize" and isinstance(data, dict):
        try:
            await service.set_terminal_size(min(max(int(data["width"]), 10), 1000),
                                            min(max(int(data["height"]), 5), 500))
        except (KeyError, TypeError, ValueError):
            return
    elif kind == "ping":
        await websocket.send_json(["pong", data])
    elif kind == "blur":
        await service.blur()
    elif kind == "focus":
        await service.focus()


async def end_process(session: AppSession) -> int | None:
    """Ask the review process to quit (it commits its pending writes), then SIGTERM, then SIGKILL;
    wait for it, so no process outlives its page."""
    service = session.service
    proc = getattr(service, "_process", None) if service is not None else None
    if proc is None:
        return None
    if proc.returncode is None:
        try:
            await asyncio.wait_for(service.send_meta({"type": "quit"}), 1.0)
        except (Exception, asyncio.TimeoutError):
            pass
    for sig, grace in ((None, QUIT_GRACE_S), (signal.SIGTERM, TERM_GRACE_S), (signal.SIGKILL, 10.0)):
        if proc.returncode is not None:
            break
        if sig is not None:
            try:
                proc.send_signal(sig)
            except ProcessLookupError:
                break
        try:
            await asyncio.wait_for(proc.wait(), grace)
        except asyncio.TimeoutError:
            continue
    task = getattr(service, "_task", None)
    if task is not None:
        try:
            await asyncio.wait_for(task, 2.0)
        except (Exception, asyncio.TimeoutError, asyncio.CancelledError):
            task.cancel()
    return proc.returncode


class ServeRefused(Exception):
    """``serve`` will not start: the message is one line for the user."""


def exposed(config: ServeConfig) -> str | None:
    """Why ``config`` serves pages to other machines than this one (which needs accounts), or None
    when only this machine's browsers can reach it (an address, a proxy and host names of loopback)."""
    if not is_loopback(config.host):
        return f"--host {config.host} is not a loopback address"
    if config.tls_proxy:
        return "--tls-proxy serves the pages a reverse proxy relays from other machines"
    for allowed in config.allowed_hosts:
        got = split_allowed(allowed)
        if got is not None and not is_loopback(got[0]):
            return f"--allowed-host {allowed} is not a loopback name (other machines reach this server by it)"
    return None


def check_config(config: ServeConfig, accounts: bool) -> None:
    """ServeRefused when the configuration would expose the reviewers' work."""
    why = exposed(config)
    if why is not None and not accounts:
        raise ServeRefused(
            f"{why} and there are no accounts: anyone who can reach the page would review as "
            f"{config.reviewer!r} without logging in. Add an account first (workbench users add NAME), "
            "then start serve again")
    for allowed in config.allowed_hosts:
        try:
            check_allowed_host(allowed)
        except ValueError as exc:
            raise ServeRefused(f"--allowed-host: {exc}") from None
    if config.max_sessions < 1:
        raise ServeRefused("--max-sessions must be at least 1")
    if config.idle_minutes <= 0:
        raise ServeRefused("--idle-minutes must be more than 0")


def serve(config: ServeConfig, *, debug: bool = False) -> int:
    """Migrate the database once (a bad URL fails here, not in every page; a missing SQLite
    file or another program's is refused, never made a new corpus), check the address and the
    configuration, then serve until Ctrl+C, SIGTERM or SIGHUP. Returns the exit status: 128 + the
    signal (as every command), 1 with one line on stderr when it will not start."""
    from workbench.services.accounts import any_account
    from workbench.store.database import make_existing

    engine = make_existing(config.db_url)
    try:
        accounts = any_account(engine)
    finally:
        engine.dispose()
    try:
        check_config(config, accounts)
        _check_address(config.host, config.port)
    except ServeRefused as exc:
        print(f"workbench: serve: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"workbench: cannot listen on {config.host}:{config.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not is_loopback(config.host):
        print(f"workbench: serve: listening on {config.host}, reachable from other machines; reviewers log in "
              "with their accounts. Put it behind a TLS reverse proxy (see the README) so that passwords "
              "and cookies do not cross the network in clear", file=sys.stderr)
    signum = make_server(config).serve(debug=debug)
    print("workbench: interrupted", file=sys.stderr)  # as every command: one line, 128 + N
    return 128 + signum


def _check_address(host: str, port: int) -> None:
    """Bind (host, port) once, so a taken port is reported before the banner promises it."""
    import socket

    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    for family, type_, proto, _name, addr in infos:
        with socket.socket(family, type_, proto) as sock:
            if os.name == "posix":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
            sock.bind(addr)
