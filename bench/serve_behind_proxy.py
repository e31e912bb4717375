"""Issue 15's end-to-end trial, scripted: two reviewers log into one ``workbench serve`` behind the
README's nginx recipe (TLS on 443, a self-signed certificate for ``review.example.org``), and
decide claims at once in headless Chromium (two browser contexts) while a 10 MB JSONL import
runs into the same database; a DNS-rebinding Host through the proxy is refused.

It prints the decisions recorded per reviewer, whether the import succeeded, and every "locked"
error found in the import's output, the server's log and the pages' terminals (the trial passes
with none). Needs root (port 443), nginx, openssl and Chromium on PATH:

    sudo python bench/serve_behind_proxy.py [--decisions 25] [--megabytes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.functional import test_serve as T  # noqa: E402  (the Chromium and CDP helpers)

NAME = "review.example.org"
NGINX = """
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{}}
http {{
    access_log {tmp}/nginx-access.log;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 443 ssl;
        server_name {name};
        ssl_certificate     {tmp}/cert.pem;
        ssl_certificate_key {tmp}/cert.key;
        location / {{
            proxy_pass http://127.0.0.1:{port};
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1h;
        }}
    }}
}}
"""


async def reviewers(devtools: int, base: str, n: int) -> tuple[str, str]:
    """ann and bob log in (two contexts) and each press ``n`` label keys."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        (a, a_conns), (b, b_conns) = await T._new_page(http, devtools), await T._new_page(http, devtools)
        try:
            await T._login(a, base, "ann", "ann-password")
            await T._login(b, base, "bob", "bob-password")
            for page in (a, b):
                await page.wait_for_text(T.LOADED, 120)
                assert await page.js("(() => { const t = document.querySelector('.xterm-helper-textarea');"
                                     " if (!t) return false; t.focus(); return document.activeElement === t; })()")
            for i in range(n):
                await a.key("a")
                await b.key("x" if i % 3 else "u")
                await asyncio.sleep(0.4)
            await asyncio.sleep(3)
            return a.screen_text(), b.screen_text()
        finally:
            await T._close_pages((a, a_conns), (b, b_conns))


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve_behind_proxy: workbench serve exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("serve_behind_proxy: workbench serve did not listen")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=25, help="label keys each reviewer presses")
    ap.add_argument("--megabytes", type=float, default=10.0, help="size of the JSONL imported meanwhile")
    args = ap.parse_args(argv)
    for tool in ("nginx", "openssl"):
        if shutil.which(tool) is None:
            print(f"serve_behind_proxy: {tool} is not installed", file=sys.stderr)
            return 2
    from corpus import articles_of_total, write_jsonl
    from sqlalchemy import func, select

    from workbench.cli import main as cli
    from workbench.services import accounts
    from workbench.store import make_engine, tables

    tmp = Path(tempfile.mkdtemp(prefix="wb-proxy-"))
    db = f"sqlite:///{tmp / 'team.db'}"
    cli(["import", "--db", db, "-q", str(ROOT / "fixtures")])
    engine = make_engine(db)
    accounts.add(engine, "ann", "ann-password")
    accounts.add(engine, "bob", "bob-password")
    write_jsonl(articles_of_total(int(args.megabytes * 1e6), seed=7), tmp / "big.jsonl")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={NAME}",
                    "-keyout", str(tmp / "cert.key"), "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
    port = T.free_port()
    (tmp / "nginx.conf").write_text(NGINX.format(tmp=tmp, name=NAME, port=port))
    nginx = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["SERVE_EXTRA"] = f"--allowed-host {NAME} --tls-proxy"
    log = tmp / "serve.log"
    serve = T.start_server(db, port, log, env)
    chrome = None
    try:
        _wait_port(port, serve)  # (its own address is no allowed host name: it answers 403 there)
        rebinding = subprocess.run(["curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--resolve",
                                    f"{NAME}.evil.example:443:127.0.0.1", f"https://{NAME}.evil.example/"],
                                   capture_output=True, text=True).stdout
        print(f"a rebinding host name through the proxy: HTTP {rebinding}")
        T.CHROMIUM_FLAGS[:] = [*T.CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {NAME} 127.0.0.1",
                               "--ignore-certificate-errors"]
        chrome, devtools = T.start_chromium(tmp / "profile", tmp / "chrome.log")
        t0 = time.monotonic()
        imp = subprocess.Popen([sys.executable, "-m", "workbench", "import", "--db", db, "-q", str(tmp / "big.jsonl")],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        a_text, b_text = asyncio.run(reviewers(devtools, f"https://{NAME}", args.decisions))
        out, _ = imp.communicate()
        print(f"the {args.megabytes:g} MB import meanwhile: exit {imp.returncode} after {time.monotonic() - t0:.0f} s: "
              f"{out.strip().splitlines()[-1] if out.strip() else ''}")
        with engine.connect() as conn:
            ann = tables.annotations.c
            per = dict(conn.execute(select(tables.reviewers.c.name, func.count()).select_from(tables.annotations)
                                    .join(tables.reviewers, tables.reviewers.c.id == ann.reviewer_id)
                                    .group_by(tables.reviewers.c.name)).all())
            articles = conn.execute(select(func.count()).select_from(tables.articles)).scalar_one()
        print(f"decisions recorded: {per}; articles in the database: {articles:,}")
        locked = [line for text in (out, log.read_text(errors="replace"), a_text, b_text)
                  for line in text.splitlines() if "locked" in line.lower()]
        print(f"'locked' errors: {len(locked)}" + "".join(f"\n  {line}" for line in locked[:5]))
        ok = rebinding == "403" and imp.returncode == 0 and not locked and per.get("ann") and per.get("bob")
        print("=> PASS" if ok else "=> FAIL")
        return 0 if ok else 1
    finally:
        if chrome is not None:
            T.stop(chrome, group=True)
        T.stop(serve, group=True)
        nginx.terminate()
        nginx.wait(10)


if __name__ == "__main__":
    raise SystemExit(main())
