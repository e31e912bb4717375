"""Terminal charts (Rich renderables, no Textual): decisions per day and per label. Used by
``workbench stats`` and the app's statistics screen; the labels' colours are the app's
(``workbench.palette``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from workbench.claims.model import LABELS
from workbench.palette import label_colours

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, top: float, width: int, style: str) -> Text:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells (eighths of a cell)."""
    if top <= 0 or value <= 0:
        return Text("")
    eighths = round(8 * width * value / top)
    full, part = divmod(eighths, 8)
    return Text("█" * full + (BLOCKS[part] if part else ""), style=style)


def labels_chart(counts: dict[str, int], width: int = 40, title: str = "Decisions per label") -> Table:
    t = Table(title=title, show_header=False, box=None, padding=(0, 1))
    t.add_column(no_wrap=True)
    t.add_column(justify="right", no_wrap=True)
    t.add_column(no_wrap=True)
    top = max(counts.values(), default=0)
    total = sum(counts.values())
    colours = label_colours()
    for label in LABELS:
        n = counts.get(label, 0)
        t.add_row(Text(label, style=colours[label]), _figures(n, total), bar(n, top, width, colours[label]))
    return t


def _figures(n: int, total: int) -> str:
    """A label's count and share of ``total``, as ``labels_chart`` shows them."""
    share = f"{100 * n / total:.0f} %" if total else ""
    return f"{n:>6} {share:>5}"


def _per_day(rows: Sequence[tuple[date, str, int]]) -> dict[date, dict[str, int]]:
    per_day: dict[date, dict[str, int]] = {}
    for day, label, n in rows:
        per_day.setdefault(day, {})[label] = per_day.get(day, {}).get(label, 0) + n
    return per_day


#: the cells a chart's three columns take besides their text (one of padding each side)
_PADDING = 6
NO_DECISIONS = "(no decisions yet)"


def bar_width(counts: dict[str, int], rows: Sequence[tuple[date, str, int]], room: int, most: int = 60) -> int:
    """The widest bars (at most ``most`` cells) with which both charts of ``decision_charts``
    fit in ``room`` cells, their names and figures whole (a bar of a fixed width took the room
    of the names and figures, which were cut: 'attribut…  35  5…'); at least one cell."""
    total = sum(counts.values())
    labels = max(cell_len(label) for label in LABELS) + max(cell_len(_figures(counts.get(label, 0), total))
                                                            for label in LABELS)
    per_day = _per_day(rows)
    days = (max((cell_len(day.isoformat()) + cell_len(str(sum(v.values()))) for day, v in per_day.items()),
                default=cell_len(NO_DECISIONS)))
    return max(1, min(most, room - _PADDING - max(labels, days)))


def days_chart(rows: Sequence[tuple[date, str, int]], width: int = 40,
               title: str = "Decisions per day (stacked by label)") -> Table:
    """``rows``: ``(day, label, count)``. One line a day, a bar stacked by label."""
    per_day = _per_day(rows)
    t = Table(title=title, show_header=False, box=None, padding=(0, 1))
    t.add_column(no_wrap=True)
    t.add_column(justify="right", no_wrap=True)
    t.add_column(no_wrap=True)
    top = max((sum(v.values()) for v in per_day.values()), default=0)
    colours = label_colours()
    for day in sorted(per_day):
        line = Text()
        for label in LABELS:
            line.append_text(bar(per_day[day].get(label, 0), top, width, colours[label]))
        t.add_row(day.isoformat(), str(sum(per_day[day].values())), line)
    if not per_day:
        t.add_row(NO_DECISIONS, "", "")
    return t


def legend() -> Text:
    t = Text()
    colours = label_colours()
    for label in LABELS:
        t.append("█ ", style=colours[label])
        t.append(label + "   ")
    return t


def decision_charts(per_label: dict[str, int], per_day: Sequence[tuple[date, str, int]], width: int = 40) -> Group:
    return Group(labels_chart(per_label, width), Text(""), days_chart(per_day, width), legend())
