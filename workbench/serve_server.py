"""The web server of ``workbench serve`` (see ``workbench.serve``): a textual-serve ``Server``
with logins, and the gate every request passes (allowed host, same origin, the login session).
Imported only when a server is made: it needs aiohttp and textual-serve."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import time
from urllib.parse import urlsplit

from aiohttp import web
from rich.logging import RichHandler
from sqlalchemy.engine import make_url
from textual_serve.server import LogHighlighter, Server

from workbench.serve import (
    COOKIE,
    LOGIN_FORM,
    MODE_TTL_S,
    AppSession,
    LoginLimiter,
    LoginSession,
    LoginSessions,
    ServeConfig,
    _no_store,
    _page,
    end_process,
    exposed,
    log,
    review_argv,
    run_session,
    session_env,
    split_host,
    where_to_open,
)


#: the signals that stop serve (it ends the review sessions, then exits with 128 + the signal)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

#: where ``Gate.reviewer`` leaves a request's login session
LOGIN = web.RequestKey("workbench.login", LoginSession)


class Gate:
    """What every request is checked against: the allowed host names, the page's own origin for
    what changes state, and the login sessions (with the account mode, read from the database
    at most every ``MODE_TTL_S`` seconds)."""

    def __init__(self, config: ServeConfig, engine) -> None:
        self.config = config
        self.engine = engine
        self.logins = LoginSessions()
        self.limiter = LoginLimiter()
        self._mode_at = -1e9
        self._accounts = False

    async def accounts_mode(self) -> bool:
        from workbench.services.accounts import any_account

        if time.monotonic() - self._mode_at > MODE_TTL_S:
            self._accounts = await asyncio.to_thread(any_account, self.engine)
            self._mode_at = time.monotonic()
        return self._accounts

    def scheme(self, request: web.Request) -> str:
        return "https" if self.config.tls_proxy else request.scheme

    def same_origin(self, request: web.Request) -> bool:
        """No Origin (not a browser's cross-site request), or exactly this page's origin."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        try:
            o = urlsplit(origin)
            h = urlsplit(f"{self.scheme(request)}://{request.host}")
            default = {"http": 80, "https": 443}
            return (o.scheme == h.scheme and (o.hostname or "") == (h.hostname or "")
                    and (o.port or default.get(o.scheme)) == (h.port or default.get(h.scheme)))
        except ValueError:
            return False

    def client_address(self, request: web.Request) -> str:
        """The browser's address: behind the proxy, the one it appended to X-Forwarded-For."""
        if self.config.tls_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "").rsplit(",", 1)[-1].strip()
            if forwarded:
                return forwarded
        return request.remote or ""

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        host = request.headers.get("Host", "")  # (request.host would guess a name when there is none)
        if host and split_host(host) is None:  # user info (evil.com@localhost), a path, spaces, …
            raise web.HTTPBadRequest(text="workbench serve: malformed Host header\n")
        if not self.config.host_allowed(host):
            raise web.HTTPForbidden(text="workbench serve: this host name is not allowed (see --allowed-host)\n")
        if (request.method not in ("GET", "HEAD") or request.path == "/ws") and not self.same_origin(request):
            raise web.HTTPForbidden(text="workbench serve: request from another origin\n")
        resp = await handler(request)
        if isinstance(resp, web.Response):
            resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    def signed_in(self, token: str, login: LoginSession):
        """A check that ``login`` still holds (its account there, its password unchanged), for an
        open page: read from the database each time (``users passwd`` runs in another process); a
        database that cannot tell ends the page too."""
        from workbench.services.accounts import stored_hash

        async def check() -> bool:
            try:
                ok = await asyncio.to_thread(stored_hash, self.engine, login.name) == login.password_hash
            except Exception as exc:  # (a database gone away: fail closed)
                log.warning("cannot check the account of a review session (%s): the session ends",
                            type(exc).__name__)
                ok = False
            if not ok:
                self.logins.close(token)
            return ok

        return check

    async def current(self, request: web.Request) -> LoginSession | None:
        """The request's valid login session (the account still there, its password unchanged)."""
        from workbench.services.accounts import stored_hash

        s = self.logins.get(request.cookies.get(COOKIE))
        if s is None:
            return None
        if await asyncio.to_thread(stored_hash, self.engine, s.name) != s.password_hash:
            self.logins.close(request.cookies.get(COOKIE))
            return None
        return s

    async def reviewer(self, request: web.Request) -> str | None:
        """Who this request reviews as: the logged-in account, or (no account) the server's reviewer."""
        if not await self.accounts_mode():
            if exposed(self.config) is not None:  # (the last account was removed while serving)
                raise web.HTTPForbidden(text="workbench serve: there are no accounts any more, and this server "
                                        "is reached from other machines: add one (workbench users add NAME)\n")
            return self.config.reviewer
        s = await self.current(request)
        if s is None:
            return None
        request[LOGIN] = s
        return s.name


#: the terminal's font, from textual-serve's own static files (its page linked Google Fonts)
LOCAL_FONTS = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""


def page_template(template: str) -> str:
    """textual-serve's page without a request to another server: a stylesheet linked from
    elsewhere (Google Fonts) is replaced by the fonts textual-serve ships."""
    return re.sub(r"<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>", LOCAL_FONTS, template, flags=re.I)


@web.middleware
async def _files_only(request: web.Request, handler):
    """A static folder is not found (404), like a missing file: aiohttp answers 403 without its
    listing (textual-serve served the listing)."""
    try:
        return await handler(request)
    except web.HTTPForbidden:
        if isinstance(request.match_info.route.resource, web.StaticResource):
            raise web.HTTPNotFound() from None
        raise


class WorkbenchServer(Server):
    """textual-serve's server with the gate, the login pages, capped review sessions and their
    reaping (``for_config`` makes one)."""

    gate: Gate
    config: ServeConfig

    @classmethod
    def for_config(cls, config: ServeConfig) -> WorkbenchServer:
        from workbench.store import make_engine

        server = cls("workbench review", host=config.host, port=config.port, title="Claim Workbench")
        server.config = config
        server.gate = Gate(config, make_engine(config.db_url, migrate=False))
        server.sessions = set()
        return server

    def initialize_logging(self) -> None:
        """textual-serve's logging, with tracebacks that never show local variables (a
        session's environment holds the database URL, a PostgreSQL password included)."""
        logging.basicConfig(level="DEBUG" if self.debug else "INFO", format="%(message)s", datefmt="[%X]",
                            handlers=[RichHandler(show_path=False, show_time=False, rich_tracebacks=True,
                                                  tracebacks_show_locals=False, highlighter=LogHighlighter(),
                                                  console=self.console)])

    async def _make_app(self) -> web.Application:
        """textual-serve's routes (its page, the websocket, downloads, its static files: files
        only, never a directory's listing), the login pages, behind the gate."""
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[self.gate.middleware, _files_only])
        page = page_template((self.templates_path / "app_index.html").read_text(encoding="utf-8"))
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
            web.get("/login", self.handle_login_page),
            web.post("/login", self.handle_login),
            web.post("/logout", self.handle_logout),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_login_page(self, request: web.Request):
        if not await self.gate.accounts_mode():
            raise web.HTTPFound("/")
        return _page("Claim Workbench", LOGIN_FORM.format(error=""))

    async def handle_login(self, request: web.Request):
        from workbench.services.accounts import verify

        gate = self.gate
        if not await gate.accounts_mode():
            raise web.HTTPFound("/")
        try:
            form = await request.post()
        except ValueError:  # (UnicodeDecodeError: a body that is not UTF-8; a malformed multipart form)
            raise web.HTTPBadRequest(text="workbench serve: the login form is not valid UTF-8 form data\n") from None
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        keys = (f"addr:{gate.client_address(request)}", f"name:{name}")
        wait = gate.limiter.retry_after(*keys)
        if wait > 0:
            resp = _page("Too many attempts", f"<p class='err'>Too many failed logins: try again in "
                         f"{int(wait) + 1} s.</p><a href='/login'>back</a>", status=429)
            resp.headers["Retry-After"] = str(int(wait) + 1)
            return resp
        digest = await asyncio.to_thread(verify, gate.engine, name, password)
        if digest is None:
            gate.limiter.failed(*keys)
            return _page("Claim Workbench", LOGIN_FORM.format(
                error="<p class='err'>Wrong name or password.</p>"), status=401)
        token = gate.logins.open(name, digest)
        resp = web.HTTPSeeOther("/")
        resp.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=gate.scheme(request) == "https",
                        path="/")
        raise resp

    async def handle_logout(self, request: web.Request):
        self.gate.logins.close(request.cookies.get(COOKIE))
        resp = web.HTTPSeeOther("/login")
        resp.del_cookie(COOKIE, path="/")
        raise resp

    async def handle_index(self, request: web.Request):
        if await self.gate.reviewer(request) is None:
            raise web.HTTPSeeOther("/login")
        if len(self.sessions) >= self.config.max_sessions:
            # said here, on the page: a refused websocket only shows the page's "Session ended."
            resp = _page("Claim Workbench", f"<p class='err'>{self.config.max_sessions} review sessions are open "
                         "already (the server's --max-sessions): try again when one is closed.</p>"
                         "<a href='/'>try again</a>", status=503)
            resp.headers["Retry-After"] = "30"
            return resp
        # the page's websocket URL follows the address the browser used (through a proxy: https)
        self.public_url = f"{self.gate.scheme(request)}://{request.host}"
        resp = await super().handle_index(request)
        _no_store(resp)
        return resp

    async def handle_download(self, request: web.Request):
        if await self.gate.reviewer(request) is None:
            raise web.HTTPForbidden(text="workbench serve: log in first\n")
        return await super().handle_download(request)

    async def handle_websocket(self, request: web.Request):
        config = self.config
        reviewer = await self.gate.reviewer(request)
        if reviewer is None:
            raise web.HTTPForbidden(text="workbench serve: log in first\n")
        if not web.WebSocketResponse().can_prepare(request).ok:
            # a plain GET (a crawler, curl): no review process, no traceback in the log
            raise web.HTTPBadRequest(text="workbench serve: /ws is the review session's websocket\n")
        if len(self.sessions) >= config.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"workbench serve: {config.max_sessions} review sessions are open already (--max-sessions)\n")
        session = AppSession()  # takes its place under the cap at once (no await before)
        login = request.get(LOGIN)
        if login is not None:
            session.signed_in = self.gate.signed_in(request.cookies.get(COOKIE, ""), login)
        self.sessions.add(session)
        argv = review_argv(config.db_url, reviewer, adjudicate=config.adjudicate)
        try:
            return await run_session(self, request, session, argv, session_env(config.db_url),
                                     config.idle_minutes * 60)
        finally:
            self.sessions.discard(session)

    def serve(self, debug: bool = False) -> int:
        """Serve until Ctrl+C, SIGTERM or SIGHUP; returns the signal's number."""
        self.debug = debug
        self.initialize_logging()
        return asyncio.run(self._serve())

    async def _serve(self) -> int:
        """Listen, say where (the port bound: ``--port 0`` picks one), serve until a signal, then
        end every review session; returns the signal's number."""
        loop = asyncio.get_running_loop()
        stopped: asyncio.Future[int] = loop.create_future()

        def stop(signum: int) -> None:
            if not stopped.done():  # (a second signal while the sessions end changes nothing)
                stopped.set_result(signum)

        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, stop, sig)
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            await self.banner(runner.addresses[0][1])
            return await stopped
        finally:
            await runner.cleanup()

    async def banner(self, port: int) -> None:
        config = self.config
        shown_db = make_url(config.db_url).render_as_string(hide_password=True)
        mode_line = ("reviewers log in with their accounts (workbench users)" if await self.gate.accounts_mode()
                     else f"no accounts: everyone who opens the page reviews as {config.reviewer!r}")
        for line in (f"Claim Workbench on {shown_db}: {mode_line}",
                     f"Allowed host names: {', '.join(config.allowed_hosts)}",
                     f"{where_to_open(config, port)} (one review session per page, at most "
                     f"{config.max_sessions}). Ctrl+C to stop."):
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    async def on_startup(self, app) -> None:
        self.reaper = asyncio.create_task(self._reap())

    async def on_shutdown(self, app) -> None:
        if getattr(self, "reaper", None) is not None:
            self.reaper.cancel()
        await asyncio.gather(*(end_process(s) for s in list(self.sessions)), return_exceptions=True)
        self.gate.engine.dispose()

    async def _reap(self) -> None:
        while True:
            await asyncio.sleep(30)
            self.gate.logins.reap()
