"""The article text, drawn line by line (Line API) with claims highlighted by state.

Text is never parsed as markup: each line is a ``rich.text.Text`` with styled ranges. Control
characters are shown as visible symbols, one cell each. Lines are wrapped by terminal cells (a
wide character takes two, a combining mark none: ``wrap``, ``column_offset``) once per width and
rendered lazily through an LRU cache, so long articles scroll smoothly."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from itertools import accumulate
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from textual.reactive import reactive

from workbench.claims.model import NOT_CLAIM
from workbench.services.review import ArticleData, ClaimState
from workbench.tui.palette import CLAIM_CLASSES, LABEL_CLASSES, claim_styles, label_styles


def visible(text: str) -> str:
    """The same number of characters, with control characters made visible."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        o = ord(ch)
        if o < 32:
            out.append(chr(0x2400 + o))  # ␀ … ␟ (␛ for ESC, ␉ for TAB)
        elif o == 0x7F:
            out.append("␡")
        elif 0x80 <= o < 0xA0:
            out.append("�")
        else:
            out.append(ch)
    return "".join(out)


#: characters drawn one cell wide each, whatever comes around them (rich's measure, and its own
#: list of such ranges): Latin, Greek, Cyrillic, the typographic punctuation (’ “ ” – — …),
#: currency signs, box drawing; and the controls, drawn as one-cell symbols by ``visible``. On a
#: line of these a column is an offset, as on most lines of most articles
ONE_CELL_RANGES = ((0x00, 0x09), (0x0B, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027),
                   (0x2030, 0x205E), (0x20A0, 0x20BF), (0x2122, 0x2122), (0x2500, 0x25FC), (0x2800, 0x28FF))
#: a character that is not (a wide one: CJK, emoji; a zero-width one: combining marks, joiners,
#: variation selectors…): its line is measured by ``split_graphemes``
_NOT_ONE_CELL = re.compile("[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ONE_CELL_RANGES) + "\n]")


try:
    from rich.cells import split_graphemes
except ImportError:  # rich before 14.3 measures character by character
    def split_graphemes(text: str) -> tuple[list[tuple[int, int, int]], int]:
        spans: list[tuple[int, int, int]] = []
        for i, ch in enumerate(text):
            cells = get_character_cell_size(ch)
            if cells or not spans:
                spans.append((i, i + 1, cells))
            else:
                spans[-1] = (spans[-1][0], i + 1, spans[-1][2])
        return spans, sum(c for _a, _b, c in spans)


def _graphemes(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, cells)`` of each character as drawn (a base and its combining marks, an
    emoji sequence joined by ZWJ: one), as rich measures them when it renders the line. (A
    paragraph that opens with joiners, "\u200d\u200da": rich's clusters give the "a" no cell
    while ``cell_len`` and the terminal give it one; the larger is kept, so a line never draws
    wider than it was measured.)"""
    shown = visible(text)
    spans = split_graphemes(shown)[0]
    if shown[:1] == "\u200d":
        spans = [(a, b, max(cells, cell_len(shown[a:b]))) for a, b, cells in spans]
    return spans


def _fit(text: str, s: int, end: int, width: int) -> int:
    """The offset of the first character of ``text[s:end]`` that does not fit in ``width`` cells
    from ``s`` (``end`` when all do); always where a character as drawn starts. Measures a window
    of about the width in characters (doubled while zero-width ones fill it): linear in the line."""
    lim = min(end, s + width + 1)
    if not _NOT_ONE_CELL.search(text, s, lim):
        return s + width if s + width < end else end
    size = width + 8
    while True:
        stop = min(end, s + size)
        spans = _graphemes(text[s:stop])
        if stop < end:
            spans.pop()  # (the last one may go on past the window)
        used = 0
        for a, _b, cells in spans:
            if used + cells > width:
                return s + a
            used += cells
        if stop >= end:
            return end
        size *= 2


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each screen line: paragraphs by newline, words by width (a
    line never wider than ``width``: a narrow pane wraps narrow, it does not cut the text off).

    Width is in terminal cells, as the line is drawn: a CJK character or an emoji takes two, a
    combining mark none (measured in characters, a line of wide characters was twice as wide as
    the pane, and the pane cut it off). A character as drawn (an emoji sequence, a letter and
    its accents) is never split between lines, but when one is wider than the pane."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        seg_end = end
        if seg_end > pos and text[seg_end - 1] == "\r":
            seg_end -= 1
        s = pos
        if s == seg_end:
            lines.append((s, s))
        one_cell = not _NOT_ONE_CELL.search(text, s, seg_end)
        while s < seg_end:
            if one_cell:
                if seg_end - s <= width:
                    lines.append((s, seg_end))
                    break
                fit = s + width
            else:
                fit = _fit(text, s, seg_end, width)
                if fit >= seg_end:
                    lines.append((s, seg_end))
                    break
            # (a space right after the last character that fits breaks the line there)
            cut = text.rfind(" ", s, fit + 1)
            if cut <= s:
                cut = fit if fit > s else s + _graphemes(text[s:min(seg_end, s + 64)])[0][1]
                lines.append((s, cut))
                s = cut
            else:
                lines.append((s, cut + 1))
                s = cut + 1
        if nl < 0:
            break
        pos = nl + 1
    return lines


def column_offset(text: str, s: int, e: int, x: int) -> int:
    """The offset of the character drawn at cell ``x`` of the line ``text[s:e]`` (the last one
    when ``x`` is past the end): a wide character takes two cells, a combining mark none."""
    if not _NOT_ONE_CELL.search(text, s, e):
        return min(s + max(0, x), max(s, e - 1))
    spans = _graphemes(text[s:e])
    if not spans:
        return s
    used = 0
    for a, _b, cells in spans:
        if x < used + cells:
            return s + a
        used += cells
    return s + spans[-1][0]


def cell_column(text: str, s: int, pos: int) -> int:
    """The cell at which the character at ``pos`` is drawn on the line starting at ``s`` (the
    inverse of ``column_offset``): a wide character before it takes two cells, a mark none."""
    if not _NOT_ONE_CELL.search(text, s, pos):
        return pos - s
    return sum(cells for a, _b, cells in _graphemes(text[s:pos + 1]) if s + a < pos)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the view shows of a selection: the selected span (None when blank) and the cursor."""

    span: tuple[int, int] | None
    cursor: int


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable article text; claims, focus, source, cue and a keyboard selection styled.

    The review screen binds ``article`` and ``focused_index`` to its own (``data_bind``); a
    screen without them calls ``set_article`` and ``set_claims``.

    Its keys are a scrolling container's but ↑ and ↓, which step through the claims on the
    screens that show it (the focused view's own binding won over the screen's: once the
    article was taller than the window, ↓ scrolled it and the claim stayed)."""

    BINDINGS = [b for b in ScrollView.BINDINGS if not (isinstance(b, Binding) and b.key in ("up", "down"))]

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; scrollbar-gutter: stable; overflow-x: hidden; }
    """
    #: the label palette (app.tcss): decided claims by ``decided--*``, suggestions by ``label--*``,
    #: the focus, cue, source and selection by ``claim--*``
    COMPONENT_CLASSES = LABEL_CLASSES | CLAIM_CLASSES

    #: the article shown: a new one is drawn from the top; the same one, its claims changed (the
    #: screen calls ``mutate_reactive``), redraws only the lines whose claims look different
    article: reactive[ArticleData | None] = reactive(None, init=False, repaint=False)
    #: the focused claim's index in ``claims`` (None: no focus); a change scrolls to it
    focused_index: reactive[int | None] = reactive(None, init=False, always_update=True, repaint=False)

    class ClaimClicked(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.claims: list[ClaimState] = []
        self._starts: list[int] = []
        self._reach: list[int] = []
        self.selection: Selection | None = None
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = 0
        self._cache: OrderedDict[int, Strip] = OrderedDict()
        self._cache_size = 512
        self._palette: tuple[dict[str, Style], dict[str, Style], dict[str, Style]] | None = None

    # -- model -------------------------------------------------------------------------------
    def watch_article(self, old: ArticleData | None, new: ArticleData | None) -> None:
        if new is None:
            return
        if new is not old:
            self._show_text(new.text, new.claims, None)  # the screen sets the focus next
        else:
            self.set_claims(new.claims, self.focused_index)

    def watch_focused_index(self, old: int | None, new: int | None) -> None:
        self._invalidate_spans([self._focused_span(old), self._focused_span(new)])
        self.follow_focus()

    def set_article(self, text: str, claims: list[ClaimState], focused: int | None) -> None:
        self._show_text(text, claims, focused)
        self.follow_focus()

    def _show_text(self, text: str, claims: list[ClaimState], focused: int | None) -> None:
        self.text = text
        self._wrap_width = 0
        self.selection = None
        self.set_claims(claims, focused)
        self._rewrap()
        self.scroll_to(y=0, animate=False)

    def set_claims(self, claims: list[ClaimState], focused: int | None) -> None:
        """New claim states: only the lines of claims whose look changed are drawn again."""
        old = {c.id: c for c in self.claims}
        old_focus = self._focused_span()
        self.claims = list(claims)
        self._starts = [c.start for c in self.claims]
        #: the furthest end of the claims up to each one (a claim may overlap those after it)
        self._reach = list(accumulate((c.end for c in self.claims), max))
        self.set_reactive(ArticleView.focused_index, focused)  # drawn here, not scrolled to
        if len(old) != len(self.claims) or any(c.id not in old for c in self.claims):
            self.invalidate()
            return
        dirty = [old_focus, self._focused_span()]
        for c in self.claims:
            o = old[c.id]
            if (o.start, o.end, o.label, o.source, o.cue) != (c.start, c.end, c.label, c.source, c.cue):
                dirty += [(o.start, o.end), (c.start, c.end), o.source, c.source]
        self._invalidate_spans(dirty)

    def set_selection(self, sel: Selection | None) -> None:
        old = self.selection
        self.selection = sel
        self._invalidate_spans([old.span if old else None, sel.span if sel else None,
                                (old.cursor, old.cursor + 1) if old else None,
                                (sel.cursor, sel.cursor + 1) if sel else None])
        if sel is not None:
            self.scroll_to_offset(sel.cursor)

    def _focused_span(self, index: int | None = -1) -> tuple[int, int] | None:
        """The text a focused claim marks (the focused one when ``index`` is not given)."""
        index = self.focused_index if index == -1 else index
        if index is None or not self.claims or index >= len(self.claims):
            return None
        c = self.claims[index]
        lo, hi = c.start, c.end
        if c.source:  # a carried source may stand outside the claim
            lo, hi = min(lo, c.source[0]), max(hi, c.source[1])
        return lo, hi

    def _invalidate_spans(self, spans) -> None:
        """Forget the rendered lines covering these text spans and repaint them."""
        if not self._lines:
            self.refresh()
            return
        for span in spans:
            if not span:
                continue
            first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1]))
            for line in range(first, last + 1):
                self._cache.pop(line, None)
        self.refresh()

    def invalidate(self) -> None:
        self._palette = None  # read again from the stylesheet (a theme may have changed)
        self._cache.clear()
        self.refresh()

    # -- geometry ----------------------------------------------------------------------------
    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width or self.size.width or 80)

    def _rewrap(self) -> None:
        width = self._content_width()
        if width == self._wrap_width and self._lines:
            return
        self._wrap_width = width
        self._lines = wrap(self.text, width)
        self._line_starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self._cache.clear()

    def on_resize(self) -> None:
        # the lines wrap anew: the focused claim stays in view (else the text at the top does),
        # not the line number that was at the top
        top = self.top_offset() if self._lines else 0
        self._rewrap()
        self.refresh()
        self.call_after_refresh(self._keep_in_view, top)

    def _keep_in_view(self, top: int) -> None:
        if self.focused_index is not None and self.focused_index < len(self.claims):
            self.follow_focus()
        elif self._lines:
            self.scroll_to(y=self.line_of(top), animate=False, force=True)

    @property
    def screen_lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` offsets of the wrapped lines as shown, top to bottom."""
        if not self._lines:
            self._rewrap()
        return self._lines

    def top_offset(self) -> int:
        """The text offset at the start of the top visible line."""
        lines = self.screen_lines
        if not lines:
            return 0
        return lines[min(int(self.scroll_offset.y), len(lines) - 1)][0]

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def offset_at(self, x: int, y: int) -> int | None:
        """Text offset under a content-relative screen position."""
        if not self._lines:
            return None
        line = int(y + self.scroll_offset.y)
        if not 0 <= line < len(self._lines):
            return None
        s, e = self._lines[line]
        return column_offset(self.text, s, e, int(x + self.scroll_offset.x))

    def scroll_to_offset(self, offset: int, height: int = 1) -> None:
        if not self._lines:
            return
        line = self.line_of(offset)
        self.scroll_to_region(Region(0, line, 1, max(1, height)), animate=False, force=True)

    def follow_focus(self) -> None:
        if self.focused_index is None or self.focused_index >= len(self.claims) or not self._lines:
            return
        c = self.claims[self.focused_index]
        top, bottom = self.line_of(c.start), self.line_of(max(c.start, c.end - 1))
        self.scroll_to_region(Region(0, top, 1, bottom - top + 1), animate=False, force=True, spacing=None)

    # -- rendering ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if not self._lines or self._content_width() != self._wrap_width:
            self._rewrap()
        line = int(y + self.scroll_offset.y)
        width = self.scrollable_content_region.width or self.size.width
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(line)
        if strip is None:
            strip = self._render(line, width)
            self._cache[line] = strip
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(line)
        return strip

    def _render(self, line: int, width: int) -> Strip:
        s, e = self._lines[line]
        t = Text(visible(self.text[s:e]), style=self.rich_style, no_wrap=True, end="")
        if self._palette is None:
            self._palette = (label_styles(self, "decided"),
                             {k: Style(underline=True) + v for k, v in label_styles(self, "label").items()},
                             claim_styles(self))
        decided_styles, suggested_styles, part = self._palette
        undecided = part["undecided"]
        i = max(0, bisect_right(self._starts, e) - 1)
        # walk back to every claim that may overlap this line (one that ends before it may stand
        # after a longer one that does not: an added claim over several)
        while i > 0 and self._reach[i - 1] > s:
            i -= 1
        for idx in range(i, len(self.claims)):
            c = self.claims[idx]
            if c.start >= e:
                break
            if c.end <= s:
                continue
            a, b = max(c.start, s) - s, min(c.end, e) - s
            focused = idx == self.focused_index
            if c.decided:
                t.stylize(decided_styles.get(c.label, Style()), a, b)
                if focused:
                    t.stylize(part["focus-decided"], a, b)
            else:
                t.stylize(suggested_styles.get(c.suggested_label or "", undecided)
                          if c.suggested_label != NOT_CLAIM else undecided, a, b)
                if focused:
                    t.stylize(part["focus"], a, b)
            if focused:
                for span, style in ((c.cue, part["cue"]), (c.source, part["source"])):
                    if span and span[0] < e and span[1] > s:
                        t.stylize(style, max(span[0], s) - s, min(span[1], e) - s)
        # a source outside the focused claim (carried from an earlier paragraph) is marked too
        if self.focused_index is not None and self.claims:
            c = self.claims[self.focused_index]
            if c.source and not (c.start <= c.source[0] < c.end) and c.source[0] < e and c.source[1] > s:
                t.stylize(part["source"], max(c.source[0], s) - s, min(c.source[1], e) - s)
        if self.selection is not None:
            a, b = self.selection.span or (0, 0)
            if a < e and b > s:
                t.stylize(part["selection"], max(a, s) - s, min(b, e) - s)
            if a <= e < b and self.text[e:e + 1] in ("\r", "\n"):
                t.append("¶", part["selection"])  # a paragraph break inside the selection is shown
            cur = self.selection.cursor
            if s <= cur < max(e, s + 1):
                if cur - s >= len(t):
                    t.append(" ")
                t.stylize(part["cursor"], cur - s, cur - s + 1)
        segments = list(t.render(self.app.console))
        strip = Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)
        return strip.simplify() if segments else Strip([Segment(" " * width, self.rich_style)])

    def on_click(self, event: Click) -> None:
        off = self.offset_at(event.x - self.gutter.left, event.y)
        if off is None:
            return
        # the claim starting last at or before the click, or (a reviewer's claim may overlap
        # others) one of the few before it
        i = bisect_right(self._starts, off) - 1
        for idx in range(i, max(-1, i - 4), -1):
            c = self.claims[idx]
            if c.start <= off < c.end:
                self.post_message(self.ClaimClicked(idx))
                return
