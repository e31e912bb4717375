"""What the format modules share: the one-line error of a bad input, the labels and statuses
files carry beside the four claim labels (``workbench.claims.model.LABELS``), and JSON in and out
(objects parsed with their line numbers, records written as bytes)."""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterator
from itertools import accumulate, repeat
from typing import BinaryIO

import orjson

#: the label of a source span, beside the claim labels (a region, span or entity of the tools)
SOURCE_LABEL = "source"
#: the ``status`` of a claim record: a reviewer's decision, the extractor's suggestion nobody
#: decided, the final label of a claim (``--gold``); ``GOLD`` is also the annotator of gold units
DECIDED = "decided"
SUGGESTED = "suggested"
GOLD = "gold"


class InputError(Exception):
    """A file that cannot be imported; the message is one line naming the problem (and the line
    of the file)."""


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


def is_int(v) -> bool:
    """A JSON integer (``true`` and ``false`` are ints to Python, not to a file's reader)."""
    return isinstance(v, int) and not isinstance(v, bool)


#: characters an article id from a file may not hold: controls (NUL, newline, ESC), line separators
_ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def article_id(value, where: str) -> str:
    """The article id a file gives (a string or an integer), checked: not ``true``/``false`` or
    another JSON type, not empty or blank, no space around it, no control character (a NUL, a
    newline or an escape sequence in an id breaks exports, logs and terminals). InputError
    names ``where``."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{where}: the article id must be a string or a number, not {json.dumps(value)[:40]}")
    s = str(value)
    if not s.strip():
        raise InputError(f"{where}: empty article id")
    if s != s.strip():
        raise InputError(f"{where}: the article id {json.dumps(s)[:80]} starts or ends with a space")
    bad = _ID_CONTROL.search(s)
    if bad:
        raise InputError(f"{where}: the article id {json.dumps(s)[:80]} holds a control character "
                         f"(U+{ord(bad.group()):04X})")
    return s


# -- bounds: checked before anything is parsed -----------------------------------------------------

#: the longest JSONL line (one record) read; a longer one is refused before it is read whole
MAX_LINE_BYTES = 64 * 1024 * 1024
#: the deepest JSON nesting read (a task of Label Studio nests about 6 deep; 100,000 deep would
#: end in RecursionError)
MAX_JSON_DEPTH = 100
#: the most digits of a JSON number (Python refuses to read integers over 4,300 digits)
MAX_NUMBER_DIGITS = 1000

_STRING = re.compile(rb'"[^"]*"')
_LONG_NUMBER = re.compile(rb"(?<![0-9])[0-9]{%d}" % (MAX_NUMBER_DIGITS + 1))
_DIGITS = b"0123456789"
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_DEPTH_STEP = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def check_json(data: bytes | str, where: str = "") -> None:
    """InputError (naming ``where`` and the limit) when JSON text nests deeper than
    ``MAX_JSON_DEPTH`` or holds a number of more than ``MAX_NUMBER_DIGITS`` digits, judged on the
    raw text before it is parsed. Linear: a line with few brackets and no long digit run is
    passed at once; otherwise the strings are cut out (escaped quotes first, so that no string
    search runs past its string) and the brackets left are counted."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH \
            and (len(data) - len(data.translate(None, _DIGITS)) <= MAX_NUMBER_DIGITS or not _LONG_NUMBER.search(data)):
        return  # (too few digits in all for a long number: counted in C, 15x faster than the search)
    prefix = f"{where}: " if where else ""
    bare = _STRING.sub(b"", data.replace(b"\\\\", b"").replace(b'\\"', b""))
    if _LONG_NUMBER.search(bare):
        raise InputError(f"{prefix}a number of more than {MAX_NUMBER_DIGITS} digits (the limit)")
    brackets = bare.translate(None, _NOT_BRACKETS).translate(_DEPTH_STEP)
    if len(brackets) > MAX_JSON_DEPTH and max(accumulate(map(operator.sub, brackets, repeat(1)))) > MAX_JSON_DEPTH:
        raise InputError(f"{prefix}JSON nested more than {MAX_JSON_DEPTH} deep (the limit)")


def bounded_lines(fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of a binary file, a UTF-8 BOM removed; InputError for a line over
    ``MAX_LINE_BYTES`` (not read whole) or holding a NUL byte (binary data, not text)."""
    n = 0
    while True:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        n += 1
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(f"line {n}: longer than {MAX_LINE_BYTES} bytes (the limit of a line); not read")
        if b"\x00" in raw:
            raise InputError(f"line {n}: a NUL byte (binary data, not text)")
        yield n, raw


class _NotFinite(ValueError):
    """NaN, Infinity or -Infinity in JSON text: Python's ``json`` reads them, JSON has no such
    numbers (stored, they would make every export that carries them invalid JSON)."""


def _not_finite(name: str):
    raise _NotFinite(f"{name} is not valid JSON (a number must be finite)")


def parse_object(line: str, n: int) -> dict | None:
    """The JSON object on line ``n`` of a file (None for a blank line); InputError names the line.
    The bounds (line length, nesting, digits) are checked before it is parsed; NaN, Infinity and
    -Infinity, which are not JSON, are refused."""
    if not line.strip():
        return None
    if len(line) > MAX_LINE_BYTES:
        raise InputError(f"line {n}: longer than {MAX_LINE_BYTES} bytes (the limit of a line); not read")
    check_json(line, f"line {n}")
    try:
        obj = json.loads(line, parse_constant=_not_finite)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})") from None
    except _NotFinite as exc:
        raise InputError(f"line {n}: {exc}") from None
    if not isinstance(obj, dict):
        raise InputError(f"line {n}: expected a JSON object, got {type(obj).__name__}")
    return obj


def jsonl_objects(raw: str) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` of each non-blank line of JSONL text. Lines are split on
    ``\\n`` only: U+2028 and friends may stand raw inside JSON strings."""
    for n, line in enumerate(raw.split("\n"), 1):
        obj = parse_object(line, n)
        if obj is not None:
            yield n, obj


def json_array(raw: str) -> Iterator[tuple[int, object]]:
    """The elements of a JSON array with the line each starts on (the bounds checked on the whole
    text first; an element over ``MAX_LINE_BYTES`` characters is refused, one holding NaN,
    Infinity or -Infinity too)."""
    check_json(raw)
    dec = json.JSONDecoder(parse_constant=_not_finite)
    n = len(raw)

    def skip(i: int) -> int:
        while i < n and raw[i] in " \t\r\n":
            i += 1
        return i

    def line_at(i: int) -> int:
        return raw.count("\n", 0, i) + 1

    i = skip(0)
    if i >= n or raw[i] != "[":
        raise InputError("line 1: expected a JSON array of tasks")
    i = skip(i + 1)
    if i < n and raw[i] == "]":
        return
    line, last = 1, 0
    while True:
        try:
            obj, j = dec.raw_decode(raw, i)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {exc.lineno}: invalid JSON ({exc.msg}, column {exc.colno})") from None
        except _NotFinite as exc:
            raise InputError(f"line {line_at(i)}: {exc}, in the record that starts on this line") from None
        line += raw.count("\n", last, i)
        last = i
        if j - i > MAX_LINE_BYTES:
            raise InputError(f"line {line}: a record longer than {MAX_LINE_BYTES} characters (the limit); not read")
        yield line, obj
        i = skip(j)
        if i < n and raw[i] == ",":
            i = skip(i + 1)
            continue
        if i < n and raw[i] == "]":
            if skip(i + 1) < n:
                raise InputError(f"line {line_at(skip(i + 1))}: text after the end of the JSON array")
            return
        raise InputError(f"line {line_at(i)}: invalid JSON (expected ',' or ']' between tasks)")


def dumps(record: dict) -> bytes:
    """One JSON line. orjson is ~15x faster than the standard library on export rows (it is what
    keeps a 230,000-claim export within seconds); text it refuses (a lone surrogate that came
    in through a JSONL escape) falls back to the standard library."""
    try:
        return orjson.dumps(record) + b"\n"
    except TypeError:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


def jsonl_sink(fh):
    """``(write, close)`` of JSON lines on the binary file ``fh``."""
    return (lambda rec: fh.write(dumps(rec))), (lambda: None)


def json_array_sink(fh):
    """``(write, close)`` of a JSON array written record by record on the binary file ``fh``."""
    state = {"first": True}
    fh.write(b"[")

    def write(rec: dict) -> None:
        fh.write(b"\n" if state["first"] else b",\n")
        fh.write(dumps(rec)[:-1])
        state["first"] = False

    return write, (lambda: fh.write(b"\n]\n"))
