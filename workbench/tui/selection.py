"""The span selection model, plain code (no Textual): one cursor and one anchor over the article text.

The model is vim's visual mode. The cursor sits *on* a character; the selection runs from the
anchor to the cursor, both included. It moves by character (``left``/``right``), word (``w``
next word start, ``b`` previous word start, ``e`` next word end), screen line (``up``/``down``,
given the view's wrapped lines) and paragraph (``home``/``end``). ``drop_anchor`` (``v``) starts
the selection again at the cursor; ``swap`` (``o``) makes the anchor the moving end.

Word moves snap the selection to whole words; a character move stops the snapping, so an exact
span can always be reached. Character and word moves never leave the cursor's paragraph (a
newline ends a paragraph); only line moves cross one, and ``breaks`` tells how many paragraph
breaks the selection holds, so that the screen can say so. The span is always trimmed of
surrounding white space, and never ends inside a character as drawn (a letter and its decomposed
accents, a flag, an emoji sequence).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import takewhile
from typing import NamedTuple

from workbench.graphemes import FLAG, marks, symbol_sequence


@cache
def _word_re() -> re.Pattern:
    """A word: letters and digits with their marks (a decomposed "é" is one letter), joined by
    an apostrophe, hyphen or dot inside ("aujourd'hui", "Royaume-Uni", "U.S"); a flag (two
    regional indicators); any other visible character with its marks, and the characters a
    zero-width joiner ties to it (an emoji sequence). Compiled at the first selection."""
    m = marks()
    return re.compile(rf"(?:\w[{m}]*)+(?:['’\-.](?:\w[{m}]*)+)*|{FLAG}|{symbol_sequence()}|\u200d")


def _is_flag(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _continues(text: str, i: int) -> bool:
    """Whether the character at ``i`` is drawn as one with the one before it: a combining mark,
    a skin tone or tag character, a character after a zero-width joiner (or the joiner), the
    second regional indicator of a flag. A selection never begins or ends between the two."""
    if i <= 0 or i >= len(text):
        return False
    ch = text[i]
    if unicodedata.category(ch)[0] == "M" or ch == "\u200d" or text[i - 1] == "\u200d":
        return True
    if "\U0001f3fb" <= ch <= "\U0001f3ff" or "\U000e0020" <= ch <= "\U000e007f":
        return True
    if _is_flag(ch):
        run = 0
        while i - run - 1 >= 0 and _is_flag(text[i - run - 1]):
            run += 1
        return run % 2 == 1
    return False


def cluster_start(text: str, i: int) -> int:
    """The start of the character as drawn (a letter and its accents, an emoji sequence) holding ``i``."""
    while i > 0 and _continues(text, i):
        i -= 1
    return i


def cluster_end(text: str, i: int) -> int:
    """The end of the character as drawn that starts before ``i`` and holds ``i - 1``: ``i`` moved
    past the marks, joined characters or flag half that go with that character."""
    while i < len(text) and _continues(text, i):
        i += 1
    return i


def words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word of ``text``."""
    return [m.span() for m in _word_re().finditer(text)]


def _chunk_start(text: str, lo: int, pos: int) -> int:
    """The start of the run of non-space characters holding ``pos`` (``pos`` itself after a
    space), not before ``lo``. A word never holds a space, so the words read from there are
    those read from the paragraph's start: a move reads the words near the cursor, not all the
    paragraph's (a scraped page can be a megabyte on one line)."""
    while pos > lo and not text[pos - 1].isspace():
        pos -= 1
    return pos


def words_from(text: str, pos: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the words of ``pos``'s paragraph, in order, from the one holding
    ``pos`` (or the first after it) on; lazily."""
    ps, pe = paragraph(text, pos)
    return (m.span() for m in _word_re().finditer(text, _chunk_start(text, ps, pos), pe))


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The word holding ``pos``, if any."""
    for s, e in words_from(text, pos):
        if s > pos:
            break
        if pos < e:
            return s, e
    return None


def paragraph(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph holding ``pos`` (end excludes the newline and a CR)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding white space; None when nothing is left."""
    end = min(end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


@dataclass(frozen=True, slots=True)
class SpanSelection:
    """An immutable selection over ``text``: every move returns a new one."""

    text: str
    anchor: int
    cursor: int
    #: snap the span to whole words (after a word, line or paragraph move)
    snap: bool = True

    @classmethod
    def at(cls, text: str, pos: int) -> SpanSelection:
        pos = max(0, min(pos, len(text) - 1))
        return cls(text, pos, pos)

    @classmethod
    def over(cls, text: str, start: int, end: int) -> SpanSelection:
        """The selection of ``text[start:end]`` exactly, the cursor on its last character."""
        return cls(text, start, max(start, end - 1), snap=False)

    # -- moves -------------------------------------------------------------------------------
    def _to(self, pos: int, snap: bool) -> SpanSelection:
        pos = max(0, min(pos, len(self.text) - 1))
        return replace(self, cursor=pos, snap=snap)

    def left(self) -> SpanSelection:
        """One character as drawn to the left (a letter and its combining accents are one)."""
        ps, _ = paragraph(self.text, self.cursor)
        return self._to(max(ps, cluster_start(self.text, max(ps, self.cursor - 1))), snap=False)

    def right(self) -> SpanSelection:
        """One character as drawn to the right: the cursor never stops on a combining mark."""
        _, pe = paragraph(self.text, self.cursor)
        nxt = cluster_end(self.text, self.cursor + 1)
        return self._to(nxt if nxt < pe else self.cursor, snap=False)

    def word_next(self) -> SpanSelection:
        """``w``: the start of the next word in the paragraph (stays on the last one)."""
        nxt = next((s for s, _ in words_from(self.text, self.cursor) if s > self.cursor), self.cursor)
        return self._to(nxt, snap=True)

    def word_prev(self) -> SpanSelection:
        """``b``: the start of the word before the cursor (the inverse of ``w``)."""
        text, ps = self.text, paragraph(self.text, self.cursor)[0]
        at = self.cursor
        while True:  # the words of the run of non-space characters before ``at``, run by run back
            start = _chunk_start(text, ps, at)
            prev = [s for s, _ in takewhile(lambda w: w[0] < self.cursor, words_from(text, start))]
            if prev:
                return self._to(prev[-1], snap=True)
            while start > ps and text[start - 1].isspace():
                start -= 1
            if start <= ps:
                return self._to(self.cursor, snap=True)
            at = start - 1

    def word_end(self) -> SpanSelection:
        """``e``: the last character of the next word ending after the cursor."""
        nxt = next((e - 1 for _, e in words_from(self.text, self.cursor) if e - 1 > self.cursor), self.cursor)
        return self._to(nxt, snap=True)

    def home(self) -> SpanSelection:
        """The paragraph's first character."""
        return self._to(paragraph(self.text, self.cursor)[0], snap=True)

    def end(self) -> SpanSelection:
        """The paragraph's last character."""
        ps, pe = paragraph(self.text, self.cursor)
        return self._to(max(ps, pe - 1), snap=True)

    def line(self, lines: Sequence[tuple[int, int]], direction: int,
             cells: Cells | None = None) -> SpanSelection:
        """One screen line up (-1) or down (1) in ``lines`` (the view's wrapped lines, in
        order), keeping the column; blank lines are skipped. This move may cross paragraphs.

        ``cells`` measures columns as drawn (the view's: a wide character takes two cells), so
        that the cursor keeps its place on the screen; without it a column is a character."""
        if not lines:
            return self
        cur = _line_of(lines, self.cursor)
        target = cur + direction
        while 0 <= target < len(lines) and lines[target][0] == lines[target][1]:
            target += direction  # an empty line between paragraphs holds no character
        if not 0 <= target < len(lines):
            return self
        s, e = lines[target]
        end = e - 1 if e > s and self.text[e - 1] == " " else e  # a wrapped line's trailing space
        if cells is not None:
            col = cells.column(self.text, lines[cur][0], self.cursor)
            return self._to(cells.offset(self.text, s, max(s + 1, end), col), snap=True)
        col = self.cursor - lines[cur][0]
        return self._to(min(s + col, max(s, end - 1)), snap=True)

    def drop_anchor(self) -> SpanSelection:
        """``v``: the selection starts again at the cursor."""
        return replace(self, anchor=self.cursor)

    def swap(self) -> SpanSelection:
        """``o``: the anchor becomes the moving end."""
        return replace(self, anchor=self.cursor, cursor=self.anchor)

    # -- what is selected --------------------------------------------------------------------
    @property
    def span(self) -> tuple[int, int] | None:
        """The selected ``(start, end)``: snapped to words if asked, trimmed; None if blank."""
        lo, hi = min(self.anchor, self.cursor), max(self.anchor, self.cursor) + 1
        if self.snap:
            lo, hi = self._snapped(lo, hi)
        # (never half a character as drawn: "Zoe" without the accent of a decomposed "Zoé")
        return trim(self.text, cluster_start(self.text, lo), cluster_end(self.text, hi))

    def _snapped(self, lo: int, hi: int) -> tuple[int, int]:
        # the word under the low end, from its start; the word under the high end, to its end
        first, last = word_at(self.text, lo), word_at(self.text, hi - 1)
        return (first[0] if first else lo), (last[1] if last else hi)

    @property
    def selected(self) -> str:
        span = self.span
        return self.text[span[0]:span[1]] if span else ""

    @property
    def breaks(self) -> int:
        """Paragraph breaks inside the selection (a run of newlines counts once)."""
        span = self.span
        if span is None:
            return 0
        return len(re.findall(r"\n(?:[\r\n\s]*\n)?", self.text[span[0]:span[1]]))


class Cells(NamedTuple):
    """How a line is drawn: ``column(text, line_start, pos)``, the cell of the character at
    ``pos``; ``offset(text, line_start, line_end, cell)``, the character drawn at that cell."""

    column: Callable[[str, int, int], int]
    offset: Callable[[str, int, int, int], int]


def _line_of(lines: Sequence[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(lines)
    while lo < hi:  # the last line starting at or before pos
        mid = (lo + hi) // 2
        if lines[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def word_step(text: str, pos: int, direction: int, edge: str) -> int:
    """A claim's bound moved one word (``<`` ``>`` ``{`` ``}``, not a selection): the next
    white-space word boundary from ``pos``, word starts for its start, word ends for its end."""
    n = len(text)
    if direction < 0:
        i = pos - 1
        if edge == "start":
            while i > 0 and text[i].isspace():
                i -= 1
            while i > 0 and not text[i - 1].isspace():
                i -= 1
            return max(0, i)
        # end moving left: previous word end
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        while i > 0 and text[i - 1].isspace():
            i -= 1
        return max(1, i)
    i = pos
    if edge == "start":
        while i < n and not text[i].isspace():
            i += 1
        while i < n and text[i].isspace():
            i += 1
        return min(i, n - 1)
    while i < n and text[i].isspace():
        i += 1
    while i < n and not text[i].isspace():
        i += 1
    return i
