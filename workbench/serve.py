"""``workbench serve``: the review app as a web page, through textual-serve.

Every browser session runs its own ``workbench review`` process (textual-serve starts the command
once per websocket connection and relays the terminal to xterm.js in the page). The database URL
and the reviewer are put on that command line when the server is built, quoted with
``shlex.quote``: the session never takes them from module state or from its environment.

Bound to 127.0.0.1 by default; there is no authentication, so ``--host 0.0.0.0`` lets anyone who
can reach the port review as the server's reviewer. Because any web page the reviewer visits could open a websocket to
a local port, the server also refuses a websocket whose ``Origin`` is not the page's own address,
and, while bound to a loopback address, any request whose ``Host`` is not a loopback name (DNS
rebinding).
"""

from __future__ import annotations

import os
import shlex
import sys
from urllib.parse import urlsplit

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


def review_command(db_url: str, reviewer: str, *, adjudicate: bool = False,
                   python: str | None = None) -> str:
    """The shell command one browser session runs: ``python -m workbench review --db … --reviewer …``
    with every argument quoted (textual-serve runs it with ``/bin/sh -c``). A URL with a password
    is not put on a command line (``ps`` shows those): the session reads it from ``WORKBENCH_DB``,
    which ``make_server`` sets in the server's environment, which sessions inherit."""
    from sqlalchemy.engine import make_url

    db = [] if make_url(db_url).password else ["--db", db_url]
    argv = [python or sys.executable, "-m", "workbench", "review", *db, "--reviewer", reviewer]
    if adjudicate:
        argv.append("--adjudicate")
    cmd = " ".join(shlex.quote(a) for a in argv)
    # exec: the review process replaces the shell, so it is the session's process itself
    return f"exec {cmd}" if os.name == "posix" else cmd


def _hostname(netloc: str) -> str:
    """``host`` of ``host:port`` / ``[v6]:port`` (lower case, no brackets)."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()


def _is_loopback(name: str) -> bool:
    name = name.lower()
    return name in LOOPBACK_NAMES or name.startswith("127.")


def make_server(db_url: str, reviewer: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                *, adjudicate: bool = False):
    """A textual-serve ``Server`` running the review app for ``db_url`` and ``reviewer``."""
    from aiohttp import web
    from sqlalchemy.engine import make_url
    from textual_serve.server import Server

    command = review_command(db_url, reviewer, adjudicate=adjudicate)
    if make_url(db_url).password:
        os.environ["WORKBENCH_DB"] = db_url  # for the sessions, off their command lines
    loopback_only = _is_loopback(host)
    shown_db = make_url(db_url).render_as_string(hide_password=True)

    class WorkbenchServer(Server):
        def _check(self, request: web.Request, websocket: bool) -> None:
            if loopback_only and not _is_loopback(_hostname(request.host)):
                raise web.HTTPForbidden(text="workbench serve: unexpected Host header\n")
            origin = request.headers.get("Origin")
            if websocket and origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                raise web.HTTPForbidden(text="workbench serve: websocket from another origin\n")

        async def handle_index(self, request: web.Request):
            self._check(request, websocket=False)
            # the page's websocket URL follows the address the browser used (works behind
            # --host 0.0.0.0, where the bound address is not one a browser can connect to)
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request):
            self._check(request, websocket=True)
            return await super().handle_websocket(request)

        async def on_startup(self, app) -> None:
            shown = f"[{host}]" if ":" in host else host
            self.console.print(f"Claim Workbench: reviewing as {reviewer!r} on {shown_db}",
                               markup=False, highlight=False, soft_wrap=True)
            self.console.print(f"Open http://{shown}:{port}/ in a browser (one review session per page). "
                               "Ctrl+C to stop.", markup=False, highlight=False, soft_wrap=True)

    return WorkbenchServer(command, host=host, port=port, title="Claim Workbench")


def serve(db_url: str, reviewer: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          *, adjudicate: bool = False, debug: bool = False) -> int:
    """Migrate the database once (a bad URL fails here, not in every page), then serve until
    Ctrl+C / SIGTERM. Returns the exit status (1, with one line on stderr, if the address is
    not available)."""
    from workbench.store import make_engine

    make_engine(db_url).dispose()
    try:
        _check_address(host, port)
    except OSError as exc:
        print(f"workbench: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    make_server(db_url, reviewer, host, port, adjudicate=adjudicate).serve(debug=debug)
    return 0


def _check_address(host: str, port: int) -> None:
    """Bind (host, port) once, so a taken port is reported before the banner promises it."""
    import socket

    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    for family, type_, proto, _name, addr in infos:
        with socket.socket(family, type_, proto) as sock:
            if os.name == "posix":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
            sock.bind(addr)
