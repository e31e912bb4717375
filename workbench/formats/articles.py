"""Articles: ``.txt`` / ``.md`` (one article per file), ``.jsonl`` (one per line) and
``.html`` / ``.htm`` (the page's main text) -> ``ArticleRecord``s, with one clear error per bad
input. Reading only: the workbench writes articles inside its datasets (``spans_jsonl``), not as
files of their own. Text is decoded by ``workbench.formats.encoding``."""

from __future__ import annotations

import errno
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import TypedDict

from workbench.domain import ArticleRecord, content_hash
from workbench.formats.common import InputError, article_id, bounded_lines, parse_object
from workbench.formats.encoding import decode

SUPPORTED = (".txt", ".md", ".jsonl", ".html", ".htm")
#: above this, a JSON line is refused rather than parsed (protects memory)
MAX_FILE_BYTES = 512 * 1024 * 1024


class JsonlArticle(TypedDict, total=False):
    """One line of an articles ``.jsonl`` file (only ``text`` is required). Without an id, the id
    is ``meta.id``, else ``sha256:`` + the first 16 hex digits of the text's hash."""

    text: str
    id: str | int
    title: str
    url: str
    meta: dict


class NotUtf8(Exception):
    """A JSONL file read line by line turned out not to be UTF-8 (read it whole instead)."""


#: the longest title kept (cut at a word boundary, with "…")
TITLE_CHARS = 150
#: lines looked at for a title; past them, the first line is the title
TITLE_LINES = 40
#: a line in capitals of this many words is a headline, not a section name
HEADLINE_WORDS = 4


#: a Markdown (ATX) heading: up to three spaces, one to six ``#``, a space, its text, optionally
#: closed by ``#`` marks after a space
_MD_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*")
#: what the boilerplate rules say of a line's shape alone (short, in capitals): no reason to pass
#: over a Markdown heading, which its marks make a headline
_SHAPE_REASONS = frozenset({"lone section name", "all capitals"})


def markdown_heading(line: str) -> str | None:
    """The text of a Markdown heading line (``# Budget vote delayed again`` -> ``Budget vote
    delayed again``; ``## Titre ##`` -> ``Titre``; an empty heading -> ``""``), None for any
    other line (``#hashtag``, ``#1 priority``: no space after the marks)."""
    m = _MD_HEADING.fullmatch(line)
    return None if m is None else (m.group(1) or "").strip()


def first_line_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The article's title: its first line that is not page furniture ("Skip to content",
    "Home » MONDE » …", bylines, section names: the extractor's boilerplate rules, called, not
    copied; a headline in capitals of four words or more counts, and a three-word line the
    rules take for a section name when prose follows it), cut at a word boundary. Without any
    such line, the first line is. A Markdown heading gives its text without its ``#`` marks, and
    is a headline however short (``# Titre``), unless its words are furniture (``# Skip to
    content``)."""
    lines, headings = [], set()
    for ln in text.splitlines()[:TITLE_LINES * 4]:
        ln = ln.strip()
        heading = markdown_heading(ln)
        if heading is not None:
            ln = heading
            if ln:
                headings.add(len(lines))
        if ln:
            lines.append(ln)
    lines = lines[:TITLE_LINES]
    if not lines:
        return ""
    reasons = _Furniture(lines, text)  # (worked out line by line: the title is most often the first)
    for i, line in enumerate(lines):
        reason = reasons[i]
        if reason is None or (reason == "all capitals" and len(line.split()) >= HEADLINE_WORDS) \
                or (i in headings and reason in _SHAPE_REASONS):
            return cut_at_word(line, limit)
        if reason == "lone section name" and _short_headline(line) and i + 1 < len(lines) \
                and reasons[i + 1] is None and not any(_same_lead(line, lines[j]) for j in (i - 1, i + 1) if j >= 0):
            return cut_at_word(line, limit)  # a short headline ("Le Kremlin dément") over its article
    return cut_at_word(lines[0], limit)


def _short_headline(line: str) -> bool:
    """Three words or more, not all capitalised ("Technology of Business" is a section name,
    "Le Kremlin dément" a headline)."""
    ws = [w for w in line.split() if any(c.isalpha() for c in w)]
    major = [w for w in ws if len(w) > 3]
    return len(ws) >= 3 and any(not w[0].isupper() for w in major)


def _same_lead(a: str, b: str) -> bool:
    """Whether two lines start with the same word (a list: "Partager sur X", "Partager sur Y")."""
    return a.split(None, 1)[0].casefold() == b.split(None, 1)[0].casefold()


class _Furniture:
    """The extractor's furniture reason of each of ``lines`` (None for prose), worked out when
    first asked for: the import reads the title of every file, and most titles are line 1."""

    def __init__(self, lines: list[str], text: str) -> None:
        self.lines, self.text = lines, text
        self.reasons: dict[int, str | None] = {}
        self.lex = None

    def __getitem__(self, i: int) -> str | None:
        if i not in self.reasons:
            from workbench.claims.boilerplate import furniture_reason

            if self.lex is None:
                from workbench.claims import detect_language
                from workbench.claims.lexicon import load

                lang = detect_language(self.text[:4000])
                self.lex = load(lang if lang in ("fr", "en") else "en")
            self.reasons[i] = furniture_reason(self.lines[i], self.lex)
        return self.reasons[i]


def cut_at_word(line: str, limit: int = TITLE_CHARS) -> str:
    """``line`` if it fits in ``limit`` characters, else cut at the last space before the limit
    (punctuation at the cut dropped) with "…"."""
    if len(line) <= limit:
        return line
    head = line[:limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:–—-") + "…"


def _require_text(text: str) -> str:
    if not text.strip():
        raise InputError("no text")
    return text


def read_text_file(path: Path, data: bytes, notes: list[str] | None = None) -> list[ArticleRecord]:
    text = _require_text(decode(data, notes))
    return [ArticleRecord(id=path.name, title=first_line_title(text), text=text, origin=str(path))]


def read_jsonl(path: Path, data: bytes, notes: list[str] | None = None) -> list[ArticleRecord]:
    out = list(iter_jsonl(path, data, notes))
    if not out:
        raise InputError("no articles (every line is blank)")
    return out


def iter_jsonl_file(path: Path):
    """Articles of a large JSONL file, read line by line (memory stays flat).

    JSON text is UTF-8 (RFC 8259); a file in another encoding is decoded whole instead."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    with fh:
        try:
            if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
                raise NotUtf8(str(path))  # UTF-16: decoded whole
            fh.seek(0)
            for n, raw in bounded_lines(fh):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    break
                rec = _jsonl_record(path, n, line)
                if rec is not None:
                    yield rec
            else:
                return
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
    raise NotUtf8(str(path))


def _jsonl_record(path: Path, n: int, line: str) -> ArticleRecord | None:
    obj: JsonlArticle | None = parse_object(line, n)
    if obj is None:
        return None
    text = obj.get("text")
    if text is not None and not isinstance(text, str):  # (there, but no text: say what it is)
        raise InputError(f"line {n}: \"text\" must be a string, not {_json_kind(text)}")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"line {n}: missing or empty \"text\"")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f"line {n}: \"meta\" must be an object")
    aid = obj.get("id")
    if aid is None:
        aid = meta.get("id")
    aid = article_id(aid, f"line {n}") if aid is not None else "sha256:" + content_hash(text)[:16]
    title = obj.get("title")
    title = str(title) if title else first_line_title(text)
    url = obj.get("url")
    return ArticleRecord(aid, title, text, origin=f"{path}:{n}", url=str(url) if url else None, meta=meta)


def _json_kind(value) -> str:
    """What a JSON value is, for a message: "a number", "a list", "an object", "true"…"""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def iter_jsonl(path: Path, data: bytes, notes: list[str] | None = None):
    """Articles of a JSONL file one by one (raises InputError at the first bad line)."""
    raw = decode(data, notes)
    # split on newlines only: U+2028 and friends may stand raw inside JSON strings
    for n, line in enumerate(raw.split("\n"), 1):
        rec = _jsonl_record(path, n, line)
        if rec is not None:
            yield rec


class _MainText(HTMLParser):
    """Collects the readable text of a page: skips scripts, styles and page chrome."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
            "button", "template", "select", "menu", "figure"}
    BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
             "blockquote", "br", "tr", "table", "pre", "dd", "dt", "hr", "body"}
    VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
    #: class, id or role of page chrome (skipped with everything inside it)
    CHROME = re.compile(r"\b(nav|menu|breadcrumb|share|social|cookie|related|footer|header|sidebar|advert|promo"
                        r"|newsletter|comments?)\b")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        #: how many of each tag ``stack`` holds: a stray end tag is found out at once, not by a
        #: scan of the stack (50,000 stray end tags took 30-47 s)
        self.open: dict[str, int] = {}
        self.skip_depth = 0
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.depth = {"article": 0, "main": 0}
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br":
                self._emit("\n")
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role")).lower()
        if tag in self.SKIP or self.skip_depth or self.CHROME.search(cls):
            self.skip_depth += 1
        if tag in self.depth:
            self.depth[tag] += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.open.get(tag):
            return
        while self.stack:
            top = self.stack.pop()
            self.open[top] -= 1
            if self.skip_depth:
                self.skip_depth -= 1
            if top in self.depth:
                self.depth[top] -= 1
            if top == "title":
                self._in_title = False
            if top == "h1":
                self._in_h1 = False
            if top in self.BLOCK:
                self._emit("\n")
            if top == tag:
                break

    def handle_data(self, data):
        if self._in_title:
            self.title += data
            return
        if self.skip_depth:
            return
        if self._in_h1:
            self.h1 += data
        self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts["body"].append(s)
        for k, d in self.depth.items():
            if d > 0:
                self.parts[k].append(s)

    def text(self) -> str:
        for k in ("article", "main", "body"):
            raw = "".join(self.parts[k])
            lines = [" ".join(line.split()) for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
            if len(text) >= 200 or (k == "body" and text):
                return text
        return ""


#: tags left open dropped from one page, at most (each costs a pass over the rest of the page)
MAX_BROKEN_TAGS = 8


def _feed(parser: _MainText, text: str, notes: list[str] | None) -> None:
    """Feed a page. A tag whose attribute's quotation mark never closes stops html.parser, which
    would then give the rest of the page, markup and all, as text (1.3 MB of it): such a tag is
    left out (up to its ``>``) with a warning naming its line, and the page read on from there."""
    parser.feed(text)
    for _ in range(MAX_BROKEN_TAGS):
        rest = parser.rawdata
        if not rest.startswith("<"):
            return
        line = parser.getpos()[0]
        cut = rest.find(">", 1)
        parser.rawdata = ""
        if notes is not None:
            notes.append(f"line {line}: a tag left open (an attribute's quotation mark never closed): tag left out")
        if cut < 0:
            return
        parser.feed(rest[cut + 1:])
    if parser.rawdata.startswith("<"):
        parser.rawdata = ""


def read_html(path: Path, data: bytes, notes: list[str] | None = None) -> list[ArticleRecord]:
    parser = _MainText()
    try:
        _feed(parser, decode(data, notes), notes)
        parser.close()
    except InputError:
        raise
    except Exception as exc:  # html.parser is lenient; anything left is a broken file
        raise InputError(f"unreadable HTML ({exc})") from None
    text = parser.text()
    if not text.strip():
        raise InputError("no readable text in the HTML page")
    title = " ".join((parser.h1 or parser.title).split()) or first_line_title(text)
    return [ArticleRecord(id=path.name, title=title, text=text, origin=str(path))]


def read_bytes(path: Path, check_type: bool = True) -> bytes:
    """The bytes of a supported file (any file with ``check_type`` False, for a caller that
    recognised the file itself); raises InputError with a one-line reason."""
    if not path.exists():
        raise InputError(missing_reason(path))
    if path.is_dir():
        raise InputError("is a folder")
    suffix = path.suffix.lower()
    if check_type and suffix not in SUPPORTED:
        raise InputError(f"unsupported file type {suffix or '(none)'} (expected {', '.join(SUPPORTED)})")
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block for ever, /dev/zero never end
            raise InputError("not a regular file (a named pipe, a device or a socket): not read")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def missing_reason(path: Path) -> str:
    """Why a path that does not exist cannot be read: a symbolic link loop or a broken link are
    said as such, not as a missing file."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop: not read"
        return f"a broken symbolic link (to {os.readlink(path)}): not read"
    return "no such file or folder"


def read_path(path: Path, notes: list[str] | None = None) -> list[ArticleRecord]:
    """The articles of one file; raises InputError with a one-line reason. ``notes`` receives
    the one-line warnings of decoding (invalid bytes replaced, an uncertain encoding)."""
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, data, notes)
    if suffix in (".html", ".htm"):
        return read_html(path, data, notes)
    return read_text_file(path, data, notes)


def expand(paths: list[str], skipped: list[Path] | None = None,
           refused: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files named, and the supported files directly inside folders named (sorted), in order:
    articles, and the ``.json`` files that are Label Studio exports.

    Sub-folders are not entered (``fixtures/gold/`` holds labels, not articles). ``skipped``
    receives the other files of those folders (hidden files aside), for the caller to report;
    ``refused`` the files of a folder that are symbolic links leading out of it (a folder of
    articles must not import ``/etc/passwd``), loops or broken links, each with its reason."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)
            continue
        root = p.resolve()
        for f in sorted(p.iterdir()):
            problem = _link_problem(f, root)
            if problem:
                if refused is not None and f.suffix.lower() in SUPPORTED + (".json",):
                    refused.append((f, problem))
                elif skipped is not None and not f.name.startswith("."):
                    skipped.append(f)
                continue
            if not f.is_file():
                continue
            if f.suffix.lower() in SUPPORTED or (f.suffix.lower() == ".json" and _labelstudio(f)):
                out.append(f)
            elif skipped is not None and not f.name.startswith("."):
                skipped.append(f)
    return out


def _labelstudio(path: Path) -> bool:
    from workbench.formats import array_kind

    try:
        return array_kind(path) == "labelstudio"
    except InputError:
        return True  # out of bounds: imported, to be refused with its reason


def _link_problem(f: Path, root: Path) -> str | None:
    """Why the file ``f`` of folder ``root`` (resolved) is not read: a symbolic link out of the
    folder, a loop, a broken link; None for anything else."""
    if not f.is_symlink():
        return None
    try:
        target = f.resolve(strict=True)
    except RuntimeError:
        return "a symbolic link loop: not read"
    except OSError as exc:
        return "a symbolic link loop: not read" if exc.errno == errno.ELOOP else "a broken symbolic link: not read"
    if not target.is_relative_to(root):
        return f"a symbolic link leading out of the folder (to {target}): not read"
    return None
