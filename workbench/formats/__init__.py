"""One module per data format, each reading and writing its files, with the format's schema written
down once as typed records (``TypedDict``), and no database:

- ``articles``: ``.txt`` / ``.md`` / ``.html`` / ``.jsonl`` articles (read); ``encoding``: bytes ->
  text for every reader;
- ``claims_jsonl``: the workbench's claims dataset (written; read back to merge decisions);
- ``spans_jsonl``: one line per article with its spans (written);
- ``prodigy``, ``labelstudio``: the tools' files (read and written), ``doccano`` (read),
  ``spacy_docbin`` (written); ``tool_files``: what they share (decisions from labelled spans,
  units per article and annotator);
- ``common``: errors, the ``source`` label and the statuses, JSON helpers; ``files``: where an
  export may write, atomic files.

An export format module has ``SUFFIX``, ``FORMAT_DOC`` (for the dataset card), ``records(claims,
articles, report, **options)`` and ``sink(fh) -> (write, close)``; an annotation tool's module
has ``looks_like(obj)`` and ``read(builder, text)``. Adding a format: one module, and one line in
``EXPORTS`` or ``TOOLS`` below (the command line's ``--format`` choices are ``EXPORTS``). Modules
load on first use, so a command loads only the formats it needs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from workbench.formats.common import MAX_LINE_BYTES, InputError, bounded_lines, check_json

if TYPE_CHECKING:
    from workbench.formats.tool_files import ForeignFile

#: export format -> its module
EXPORTS = {"claims": "claims_jsonl", "spans": "spans_jsonl", "prodigy": "prodigy", "labelstudio": "labelstudio",
           "spacy": "spacy_docbin"}
#: files of other annotation tools the import recognises -> their modules, in the order they are tried
TOOLS = {"labelstudio": "labelstudio", "prodigy": "prodigy", "doccano": "doccano"}
#: how much of a JSON array is read to recognise it (its first task)
HEAD_BYTES = 1 << 20


def module(name: str) -> ModuleType:
    return import_module(f"workbench.formats.{name}")


def exporter(fmt: str) -> ModuleType:
    """The module that writes export format ``fmt``; ValueError for an unknown one."""
    if fmt not in EXPORTS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(EXPORTS)})")
    return module(EXPORTS[fmt])


def classify(obj) -> str | None:
    """The tool whose format one record has (a JSONL line or the first task of a JSON array)."""
    for fmt, name in TOOLS.items():
        if module(name).looks_like(obj):
            return fmt
    return None


def detect_format(path: str | Path) -> str | None:
    """``"prodigy"``, ``"labelstudio"``, ``"doccano"``, or None (not a file of those tools:
    articles, a claims export, anything else, or a file ``sniff`` refuses)."""
    try:
        kind = sniff(path)
    except (InputError, OSError):
        return None
    return kind if kind in TOOLS else None


#: what ``sniff`` says a file holds, as the messages name it
KINDS = {"articles": "an article without labels", "claims": "a claims-export row", "prodigy": "a Prodigy task",
         "doccano": "a doccano line", "labelstudio": "a Label Studio task"}
#: a JSONL line without any of these is an article (it is not parsed to be recognised)
_MARKERS = (b'"spans"', b'"label', b'"entities"', b'"status"', b'"data"')


def sniff(path: str | Path) -> str:
    """What a file holds, judged from all of it: ``"labelstudio"`` (a JSON array of tasks),
    ``"prodigy"``, ``"doccano"``, ``"claims"`` (a claims export) or ``"articles"`` (anything else,
    ``.txt`` ``.md`` ``.html`` and JSONL articles). Every line of a ``.jsonl`` / ``.json`` file is
    looked at, so another tool's labels on line 900 are not read as plain articles: lines of two
    formats are one InputError naming the first line of the second (lines of bare texts may stand
    in a tool's file: texts nobody labelled). The bounds of ``formats.common`` (line length, NUL
    bytes, nesting, digits) are checked on the way, before a line is parsed."""
    path = Path(path)
    if path.suffix.lower() not in (".jsonl", ".json"):
        return "articles"
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "articles"  # UTF-16 JSON: read whole by the articles reader
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            return "labelstudio" if array_kind(path) == "labelstudio" else "articles"
        fh.seek(0)
        return _kind_of_lines(bounded_lines(fh))


def _kind_of_lines(lines) -> str:
    first: dict[str, int] = {}  # kind -> its first line
    for n, raw in lines:
        if not raw.strip():
            continue
        check_json(raw, f"line {n}")
        kind = "articles"
        if any(m in raw for m in _MARKERS):
            try:
                kind = line_kind(json.loads(raw.decode("utf-8", "replace")))
            except (ValueError, RecursionError):
                continue  # the reader names the line
        if kind == "labelstudio":
            raise InputError(f"line {n}: a Label Studio task in JSON lines: Label Studio exports are read as "
                             "a JSON array (.json)")
        first.setdefault(kind, n)
        if kind == "articles":  # bare texts may stand in a tool's file, not in a claims export
            others = ["claims"] if "claims" in first else []
        else:
            others = [k for k in first if k not in ("articles", kind)]
            others = others or (["articles"] if kind == "claims" and "articles" in first else [])
        if others:
            other = others[0]
            raise InputError(f"line {n}: {KINDS[kind]}, but line {first[other]} is {KINDS[other]}: one format "
                             "per file (the labels of one or the other would be lost)")
    labelled = [k for k in first if k != "articles"]
    return labelled[0] if labelled else "articles"


def line_kind(obj) -> str:
    """The format one JSON record belongs to (see ``KINDS``)."""
    from workbench.formats.claims_jsonl import DECISION_KEYS

    if isinstance(obj, dict) and DECISION_KEYS <= obj.keys():
        return "claims"
    return classify(obj) or "articles"


def array_kind(path: Path) -> str | None:
    """``"labelstudio"`` when the first element of the JSON array in ``path`` is a Label Studio
    task, else None; InputError when it breaks the bounds (``check_json``). Reads the first task only (1 MB, or up to the record limit for a longer
    one): cheap enough for every ``.json`` of a folder."""
    try:
        with path.open("rb") as fh:
            data = fh.read(HEAD_BYTES)
            more = len(data) == HEAD_BYTES
            while True:
                first = _first_element(data)
                if first is not _INCOMPLETE or not more:
                    break
                data += fh.read(MAX_LINE_BYTES)  # a first task over 1 MB
                more = False
    except OSError:
        return None
    return "labelstudio" if first is not _INCOMPLETE and classify(first) == "labelstudio" else None


_INCOMPLETE = object()


def _first_element(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", "ignore").lstrip()
    if not text.startswith("["):
        return _INCOMPLETE
    try:
        check_json(text)
        return json.JSONDecoder().raw_decode(text, len(text) - len(text[1:].lstrip()))[0]
    except (ValueError, RecursionError):
        return _INCOMPLETE


def read_foreign(path: str | Path, fmt: str | None = None, *,
                 reviewers: Mapping[str, str] | None = None) -> ForeignFile:
    """Articles and decisions of a Prodigy / Label Studio / doccano file (format detected unless
    given). ``reviewers`` renames the reviewers the file names (``{"7": "alice",
    "bob@x.org": "bob"}``). Raises InputError with one line naming the line of the file."""
    path = Path(path)
    if fmt is None:
        try:
            fmt = sniff(path)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
    if fmt not in TOOLS:
        raise InputError("not a Prodigy, Label Studio or doccano file (expected Prodigy JSONL with \"spans\", "
                         "a Label Studio JSON export, or doccano JSONL with \"label\" or \"entities\")")
    from workbench.formats.articles import read_bytes
    from workbench.formats.encoding import decode
    from workbench.formats.tool_files import DecisionsBuilder

    notes: list[str] = []
    raw = decode(read_bytes(path, check_type=False), notes)
    b = DecisionsBuilder(fmt, path, reviewers)
    b.ff.notes = notes
    module(TOOLS[fmt]).read(b, raw)
    if not b.ff.articles:
        raise InputError("no texts in the file")
    return b.ff
