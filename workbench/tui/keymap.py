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
    """The ``[keymap]`` table of ``path`` ({} when the file does not exist). A file that cannot
    be read, or gives binding ids outside a ``[keymap]`` table, raises ValueError naming it."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:  # (tomllib reads UTF-8 only; its error named no file)
        raise ValueError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}): "
                         "save it as UTF-8") from None
    outside = [k for k in data if k != "keymap"]
    if outside:  # ("review.attributed" = "f1" with no table header: read as nothing, without a word)
        raise ValueError(f"{path}: {', '.join(map(repr, outside[:3]))} outside the [keymap] table "
                         "(put the line [keymap] above the binding ids)")
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


#: the modifiers a key name may start with ("ctrl+shift+home")
_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def is_key_name(key: str) -> bool:
    """Whether ``key`` names a key as Textual dispatches it: a character ("a", "?", "é"), a named
    key ("f1", "escape", "pageup", "space"), a character's name ("question_mark", "slash"), each
    after modifiers ("ctrl+shift+a"). "F1", "esc", "Space", "ctrl-a" name none: bound to them, a
    binding would never fire."""
    from textual.keys import KEY_ALIASES, REPLACED_KEYS, Keys, _character_to_key, key_to_character

    key = key.strip()
    if len(key) == 1 or key in KEY_ALIASES or any(key in a for a in KEY_ALIASES.values()):
        return True
    *mods, base = key.split("+")
    if any(m not in _MODIFIERS for m in mods) or not base:
        return False
    if len(base) == 1 or base in {k.value for k in Keys}:
        return True
    char = key_to_character(REPLACED_KEYS.get(base, base))
    return char is not None and len(char) == 1 and _character_to_key(char) == base


def _meant_key(key: str) -> str | None:
    """The key name ``key`` was likely meant to be ("F1" -> "f1", "ctrl-a" -> "ctrl+a", "esc"
    and "pgdn" as the footer shows them -> "escape", "pagedown", "^f" -> "ctrl+f")."""
    from textual.keys import KEY_DISPLAY_ALIASES

    shown = {v: k for k, v in KEY_DISPLAY_ALIASES.items() if len(v) > 1}
    k = key.strip()
    tries = [k.lower(), k.replace("-", "+").lower(), shown.get(k.lower(), "")]
    if len(k) == 2 and k[0] == "^":
        tries.append("ctrl+" + k[1].lower())
    return next((t for t in tries if t and t != k and is_key_name(t)), None)


def refuse_unknown_keys(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``keymap`` without the remaps that give a key name no key has (a binding remapped to "F1"
    alone lost its default keys and never fired, without a word), and one line per such name;
    those bindings keep their default keys. A remap that gives no key at all (" , ") is left out
    too, silently: Textual keeps the binding's defaults, and help shows them."""
    kept: dict[str, str] = {}
    bad: dict[str, list[str]] = {}
    for bid, keys in keymap.items():
        names = [k.strip() for k in keys.split(",") if k.strip()]
        if not names:
            continue
        wrong = [k for k in names if not is_key_name(k)]
        if wrong:
            bad[bid] = wrong
        else:
            kept[bid] = keys
    lines = []
    for bid, wrong in bad.items():
        for k in wrong:
            meant = _meant_key(k)
            lines.append(f"{k!r} is no key name ({bid}" + (f"; did you mean {meant!r}?)" if meant else ")"))
    if bad:
        lines.append("not remapped: " + ", ".join(bad) + " (default keys kept)")
    return kept, lines


def _shifted_letter(key: str) -> str | None:
    """The upper-case letter that ``key`` names ("Z" or "shift+z"), else ``None``."""
    if len(key) == 1 and key.isalpha() and key.isupper():
        return key
    if key[:6].lower() == "shift+" and len(key) == 7 and key[6].isalpha() and key[6].islower():
        return key[6].upper()
    return None


def with_shifted_forms(keymap: dict[str, str]) -> dict[str, str]:
    """``keymap`` with both names of each shifted letter it gives: a terminal sends shift+z as
    "Z" (what Textual then dispatches), one speaking the full kitty keyboard protocol as
    "shift+z". A reviewer who writes either form gets the key in both kinds of terminal; written
    as "shift+z" alone, the binding would never fire in most terminals, without a word."""
    out = {}
    for bid, keys in keymap.items():
        expanded: dict[str, None] = {}
        for k in (k.strip() for k in keys.split(",")):
            letter = _shifted_letter(k)
            expanded.update(dict.fromkeys((letter, "shift+" + letter.lower()) if letter else (k,)))
        out[bid] = ",".join(k for k in expanded if k)
    return out


def _canonical(key: str) -> str:
    """One name per key, as Textual dispatches it: long form ("?" is "question_mark"), the
    primary name of an alias ("ctrl+i" is "tab"), a shifted letter as its upper case ("shift+z"
    is "Z")."""
    from textual.keys import KEY_ALIASES, _normalize_key_list

    key = key.strip()
    key = _shifted_letter(key) or key
    key = _normalize_key_list(key)
    return next((primary for primary, aliases in KEY_ALIASES.items() if key in aliases), key)


def _keys(keys: str) -> dict[str, str]:
    """``keys`` (comma-separated, as a binding or a keymap gives them): canonical key -> as written."""
    return {_canonical(k): k.strip() for k in keys.split(",") if k.strip()}


def refuse_clashes(keymap: dict[str, str], groups: Iterable[Iterable[tuple[str, object]]]
                   ) -> tuple[dict[str, str], list[str]]:
    """``keymap`` without the remaps that would give one key to two bindings active together, and
    one line per such key.

    ``groups``: the bindings active together (a screen's, its focused widget's and the app's), as
    ``(owner, Binding)`` pairs. Keys are compared after every remap is applied, so two bindings
    swapping their keys is no clash. A key clashes when, in one group, two bindings that do
    different things have it and at least one of them has it from the keymap (keys two bindings
    share by default are not the keymap's doing). The remaps of the bindings involved are refused,
    so they keep their default keys; that is repeated until no clash is left (a binding given its
    defaults back may now meet another remap)."""
    groups = [list(g) for g in groups]
    remapped = {bid: _keys(keys) for bid, keys in keymap.items() if _keys(keys)}  # ("": Textual keeps the defaults)
    refused: dict[str, None] = {}  # (ordered)
    found: dict[tuple[str, tuple[str, ...]], None] = {}
    while True:
        new = set()
        for group in groups:
            # one entry per binding (Textual splits "a,1" into one Binding per key)
            entries: dict[tuple[str, str], dict] = {}
            for owner, b in group:
                name = b.id or f"{b.action} (built in)"
                e = entries.setdefault((owner, name), {"id": b.id, "action": (owner, b.action), "default": {}})
                e["default"].update(_keys(b.key))
            by_key: dict[str, list[dict]] = {}
            for (_owner, name), e in entries.items():
                e["name"] = name
                mine = e["id"] in remapped and e["id"] not in refused
                e["keys"] = remapped[e["id"]] if mine else e["default"]
                for k in e["keys"]:
                    by_key.setdefault(k, []).append(e)
            for k, es in by_key.items():
                if len({e["action"] for e in es}) < 2:
                    continue  # (one binding, or bindings doing the same thing)
                if all(k in e["default"] for e in es):
                    continue  # shared by default, not by the keymap
                written = next((e["keys"][k] for e in es if k not in e["default"]), k)
                names = tuple(sorted({e["name"] for e in es}))
                found.setdefault((written, names), None)
                new.update(e["id"] for e in es if e["id"] in remapped and e["id"] not in refused)
        if not new:
            break
        refused.update(dict.fromkeys(sorted(new)))
    lines = [f"{key!r} would be both " + " and ".join(names) for key, names in found]
    if lines:
        lines.append("not remapped: " + ", ".join(refused) + " (default keys kept)")
    return {bid: keys for bid, keys in keymap.items() if bid not in refused}, lines


def in_binding_order(active: dict) -> dict:
    """``active`` (a screen's active bindings, key -> ActiveBinding) with each node's keys in
    the order of that node's ``BINDINGS``, by binding id; the nodes keep the order Textual gives
    them (the focused widget's keys first). Textual puts the keys a keymap gives a binding after
    all the others, so a remapped label key went to the end of the footer, past what a narrow
    terminal shows; its place is the binding's own."""
    nodes: dict[int, int] = {}
    ranks: dict[int, dict[str, int]] = {}
    for ab in active.values():
        if id(ab.node) not in nodes:
            nodes[id(ab.node)] = len(nodes)
            rank: dict[str, int] = {}
            for b in getattr(ab.node, "BINDINGS", ()):
                if getattr(b, "id", None):
                    rank.setdefault(b.id, len(rank))
            ranks[id(ab.node)] = rank

    def key(kv):
        ab = kv[1]
        rank = ranks[id(ab.node)]
        return nodes[id(ab.node)], rank.get(ab.binding.id, len(rank))

    return dict(sorted(active.items(), key=key))
