"""Time to first screen of a ``workbench serve`` session: headless Chromium opens the page (the
demo database, no accounts) and the time until the review screen's status bar is on the page's
terminal is measured, three times (each a new review process). Issue 15 measured 11-14 s per
session before its changes. Needs Chromium (as the browser test does); reuses that test's helpers.

    python bench/serve_first_screen.py
"""
import asyncio, os, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.functional import test_serve as T

async def once(devtools_port, url):
    import aiohttp
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as resp:
            targets = await resp.json(content_type=None)
        target = next(t for t in targets if t.get("type") == "page")
        async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            page = T.Page(ws)
            try:
                await page.send("Network.enable")
                await page.send("Page.enable")
                await page.send("Page.navigate", url="about:blank")  # (the last session's page goes)
                await asyncio.sleep(1.0)
                page.terminal.clear()
                t0 = time.monotonic()
                await page.send("Page.navigate", url=url)
                await page.wait_for_text(T.LOADED, 90)
                return time.monotonic() - t0
            finally:
                page.reader.cancel()

def main():
    tmp = Path(tempfile.mkdtemp())
    db = f"sqlite:///{tmp/'s.db'}"
    from workbench.cli import main as cli
    cli(["import", "--db", db, "-q", str(Path(__file__).resolve().parents[1] / "fixtures")])
    port = T.free_port()
    env = dict(os.environ)
    srv = T.start_server(db, port, tmp / "srv.log", env)
    try:
        assert T.wait_http(f"http://127.0.0.1:{port}/", srv, tmp / "srv.log")
        chrome, dport = T.start_chromium(tmp / "prof", tmp / "chrome.log")
        try:
            for i in range(3):
                print(f"time to first screen: {asyncio.run(once(dport, f'http://127.0.0.1:{port}/')):.1f} s")
        finally:
            T.stop(chrome, group=True)
    finally:
        T.stop(srv, group=True)


if __name__ == "__main__":
    main()
