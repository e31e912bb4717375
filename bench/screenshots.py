"""Regenerate the README screenshots (SVG exported by Textual) from the fixtures."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.functional.tui_helpers import fixture_db, press_for_screenshot  # noqa: E402
from workbench.cli import make_app  # noqa: E402

SHOTS = {
    "review.svg": ["j", "a", "u", "j", "j", "j"],
    "pick-source.svg": ["j"] * 6 + ["e", "w", "w"],
    "article-list.svg": ["a", "l"],
    "search.svg": ["slash", *"Peskov"],
    "help.svg": ["question_mark"],
}


async def shoot(keys: list[str], out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(fixture_db(Path(tmp)), "alice", keymap_file=Path("/nonexistent"))
        async with app.run_test(size=(150, 42)) as pilot:
            await press_for_screenshot(app, pilot, keys)
            out.write_text(app.export_screenshot(title="Claim Workbench"), encoding="utf-8")


def main() -> None:
    folder = ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS.items():
        asyncio.run(shoot(keys, folder / name))
        print(folder / name)


if __name__ == "__main__":
    main()
