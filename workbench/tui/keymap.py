"""User keymaps: a TOML file mapping binding ids to keys, e.g.::

    [keymap]
    "review.attributed" = "a,1,f1"
    "review.next_claim" = "j,down,space"

Looked up at ``$WORKBENCH_KEYMAP``, else ``$XDG_CONFIG_HOME/workbench/keymap.toml``
(``~/.config/workbench/keymap.toml``)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
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


def unknown_ids(keymap: dict[str, str], bindings: Iterable) -> list[str]:
    """One line per binding id of ``keymap`` that no binding has (``bindings``: every Binding of
    the app), with the nearest known id when one is close: a mistyped id would otherwise leave
    the key the reviewer expects unbound, without a word."""
    from rapidfuzz import fuzz, process

    known = sorted({b.id for b in bindings if getattr(b, "id", None)})
    lines = []
    for key in keymap:
        if key in known:
            continue
        near = process.extractOne(key, known, scorer=fuzz.ratio, score_cutoff=75) if known else None
        lines.append(f"{key!r}: no such binding id" + (f" (did you mean {near[0]!r}?)" if near else ""))
    return lines
