"""Connected components (union-find): claims that are the same statement, articles that are
near copies of one another."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable


def components(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
               key: Callable | None = None) -> dict:
    """Node -> the least node of its component, by ``key`` if given (edges to unknown nodes are
    ignored)."""
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb, key=key)] = min(ra, rb, key=key)
    return {n: find(n) for n in parent}
