"""User keymaps: a TOML file mapping binding ids to keys, e.g.::

    [keymap]
    "review.attributed" = "a,1,f1"
    "review.next_claim" = "j,down,space"

Looked up at ``$WORKBENCH_KEYMAP``, else ``$XDG_CONFIG_HOME/workbench/keymap.toml``
(``~/.config/workbench/keymap.toml``)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def keymap_path(environ: dict | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("WORKBENCH_KEYMAP"):
        return Path(env["WORKBENCH_KEYMAP"]).expanduser()
    base = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "workbench" / "keymap.toml"


def load_keymap(path: Path) -> dict[str, str]:
    """The ``[keymap]`` table of ``path`` ({} when the file does not exist)."""
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    table = data.get("keymap", {})
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path}: [keymap] must map binding ids to key strings")
    return table
