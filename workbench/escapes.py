"""Text from files and databases shown on a terminal: ids, titles, reviewer names and file names
may hold control characters (``\\x1b[2J`` clears the screen, ``\\r`` overwrites a line, a
newline forges a line of output) and Rich markup (``[bold]``). The command line prints them
through ``visible`` (plain lines) or ``text`` (Rich tables: a ``Text``, never parsed as markup).
The stored data is never changed: only what is printed."""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, line and paragraph separators, the bidirectional overrides and
#: isolates (which reorder what follows them on screen), and lone surrogates (file names that are
#: not UTF-8; printing one raises UnicodeEncodeError)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def visible(value: object) -> str:
    """``str(value)`` with every control character shown as a visible escape (``\\x1b``, ``\\n``,
    ``\\u202e``): one line, nothing the terminal acts on."""
    s = str(value)
    return _UNSAFE.sub(_escape, s) if _UNSAFE.search(s) else s


def text(value: object, style: str = ""):
    """A Rich ``Text`` of ``visible(value)``: shown literally in a table cell (a ``str`` cell would
    be parsed as markup)."""
    from rich.text import Text

    return Text(visible(value), style=style)


#: what ``json.dumps(..., ensure_ascii=False)`` leaves raw and a terminal may act on (it escapes
#: C0 controls itself): DEL and C1 controls, line separators, bidirectional controls, surrogates
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_line(obj) -> str:
    """``obj`` as one line of JSON that is safe on a terminal: readable UTF-8, with the
    characters a terminal may act on written as ``\\uXXXX`` escapes (which every JSON reader
    decodes back to the same text: offsets are unchanged)."""
    import json

    s = json.dumps(obj, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", s) if _JSON_UNSAFE.search(s) else s
