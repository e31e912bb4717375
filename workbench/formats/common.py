"""What the format modules share: the one-line error of a bad input, the labels and statuses
files carry beside the four claim labels (``workbench.claims.model.LABELS``), and JSON in and out
(objects parsed with their line numbers, records written as bytes)."""

from __future__ import annotations

import json
from collections.abc import Iterator

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


def parse_object(line: str, n: int) -> dict | None:
    """The JSON object on line ``n`` of a file (None for a blank line); InputError names the line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {n}: invalid JSON ({exc.msg}, column {exc.colno})") from None
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
    """The elements of a JSON array with the line each starts on."""
    dec = json.JSONDecoder()
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
        line += raw.count("\n", last, i)
        last = i
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
