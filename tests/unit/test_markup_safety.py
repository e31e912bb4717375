"""No user or file text is ever parsed as markup in the app: a message with an interpolated value
(a typed source, an exception quoting stored text, a keymap file's error) passed to ``notify``,
``Static`` or ``Label`` as markup crashes the app when the value holds ``[/bold]`` (MarkupError).

The check reads every module of ``workbench/`` (the syntax tree, so calls over several lines
count): a message built with an f-string, ``%`` or ``.format`` needs ``markup=False`` or each
value wrapped in ``escape(...)``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "workbench"
#: calls whose first argument (or ``message=`` / ``renderable=`` / ``content=``) is markup
MARKUP_CALLS = {"notify", "Static", "Label", "from_markup"}
MESSAGE_KEYWORDS = {"message", "renderable", "content"}
ESCAPES = {"escape", "escape_markup", "markup_escape"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _escaped(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in ESCAPES


def _unsafe(node: ast.expr) -> bool:
    """True if ``node`` builds a string with an interpolated value that is not escaped."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) and not _escaped(v.value) for v in node.values)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod):  # "..." % value
            return True
        return _unsafe(node.left) or _unsafe(node.right) or (
            isinstance(node.op, ast.Add) and any(isinstance(x, ast.Name | ast.Attribute | ast.Call)
                                                 and not _escaped(x) for x in (node.left, node.right)))
    if isinstance(node, ast.IfExp):
        return _unsafe(node.body) or _unsafe(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) == "format":
        return True
    return False


def unsafe_markup_calls(source: str, filename: str = "<string>") -> list[str]:
    """``file:line: call`` for each markup call whose message interpolates unescaped values."""
    out = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or _name(node.func) not in MARKUP_CALLS:
            continue
        if any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
               for k in node.keywords):
            continue
        messages = node.args[:1] + [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        if any(_unsafe(m) for m in messages):
            out.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:120]}")
    return out


def test_no_interpolated_markup_in_the_app():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        found += unsafe_markup_calls(path.read_text("utf-8"), str(path.relative_to(ROOT.parent)))
    assert not found, "user or file text parsed as markup:\n" + "\n".join(found)


def test_the_check_scans_the_app():
    """Not vacuous: the app does call notify, and the scan sees those calls."""
    calls = 0
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == "notify":
                calls += 1
    assert calls >= 10


@pytest.mark.parametrize(
    ("code", "unsafe"),
    [
        ('self.notify(f"“{value}” is not in the article text.", severity="warning")', True),
        ('self.notify(\n    f"Not saved: {type(exc).__name__}: "\n    f"{exc}",\n    timeout=10)', True),
        ('self.notify("%s is missing" % name)', True),
        ('self.notify("{} is missing".format(name))', True),
        ('self.notify("keymap ignored: " + str(exc))', True),
        ('yield Static(f"source: {src}")', True),
        ('Label(f"{title}", id="t")', True),
        ('self.notify(message=f"{value}")', True),
        ('self.notify(f"“{value}” is not in the article text.", markup=False)', False),
        ('self.notify(f"“{escape(value)}” is not in the article text.")', False),
        ('self.notify(f"{markup.escape(value)}")', False),
        ('self.notify("Last article.")', False),
        ('self.notify("Showing others." if show else "Hiding others.")', False),
        ('yield Static(Text(f"source: {src}"))', False),
        ('Label(self.title_text, markup=False)', False),
    ],
)
def test_the_check_tells_safe_from_unsafe(code, unsafe):
    assert bool(unsafe_markup_calls(code)) is unsafe
