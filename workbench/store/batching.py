"""Long lists of ids are sent to the database in batches: one ``IN (...)`` of at most ``BATCH``
values per statement keeps every query within the host-parameter limits of SQLite builds
(999 in older ones) and PostgreSQL's drivers, and its plan cheap."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: values per ``IN (...)`` list
BATCH = 500


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of ``size`` (the last one shorter)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def rows_in(conn, query, column, ids: Sequence | None) -> Iterator:
    """The rows of ``query`` whose ``column`` is one of ``ids``, batch by batch; every row of
    ``query`` when ``ids`` is None."""
    if ids is None:
        yield from conn.execute(query)
        return
    for chunk in batches(ids):
        yield from conn.execute(query.where(column.in_(chunk)))


def rows_for(conn, make_query: Callable[[Sequence], object], ids: Sequence) -> Iterator:
    """The rows of ``make_query(chunk)`` for each batch of ``ids``: for queries that use the ids
    somewhere else than in their outer ``WHERE`` (a subquery)."""
    for chunk in batches(ids):
        yield from conn.execute(make_query(chunk))
