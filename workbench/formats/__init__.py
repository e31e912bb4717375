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

from workbench.formats.common import InputError

if TYPE_CHECKING:
    from workbench.formats.tool_files import ForeignFile

#: export format -> its module
EXPORTS = {"claims": "claims_jsonl", "spans": "spans_jsonl", "prodigy": "prodigy", "labelstudio": "labelstudio",
           "spacy": "spacy_docbin"}
#: files of other annotation tools the import recognises -> their modules, in the order they are tried
TOOLS = {"labelstudio": "labelstudio", "prodigy": "prodigy", "doccano": "doccano"}
#: how much of a file is read to recognise its format
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
    articles, a claims export, anything else). Reads the first record only."""
    path = Path(path)
    if path.suffix.lower() not in (".jsonl", ".json") or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            if head.startswith(b"\xef\xbb\xbf"):
                head = head[3:]
            stripped = head.lstrip()
            if stripped.startswith(b"["):
                text = head.decode("utf-8", "ignore").lstrip()
                try:
                    first, _ = json.JSONDecoder().raw_decode(text, len(text) - len(text[1:].lstrip()))
                except ValueError:
                    if len(head) < HEAD_BYTES:
                        return None
                    arr = json.loads(path.read_bytes().decode("utf-8-sig"))  # a first task over 1 MB
                    first = arr[0] if isinstance(arr, list) and arr else None
                return "labelstudio" if classify(first) == "labelstudio" else None  # an array: only Label Studio
            fh.seek(0)
            for n, raw in enumerate(fh, 1):
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if raw.strip():
                    fmt = classify(json.loads(raw.decode("utf-8")))
                    return fmt if fmt in ("prodigy", "doccano") else None
    except (OSError, ValueError):
        return None
    return None


def read_foreign(path: str | Path, fmt: str | None = None, *,
                 reviewers: Mapping[str, str] | None = None) -> ForeignFile:
    """Articles and decisions of a Prodigy / Label Studio / doccano file (format detected unless
    given). ``reviewers`` renames the reviewers the file names (``{"7": "alice",
    "bob@x.org": "bob"}``). Raises InputError with one line naming the line of the file."""
    path = Path(path)
    fmt = fmt or detect_format(path)
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
