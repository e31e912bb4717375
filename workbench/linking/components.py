"""Connected components (union-find): claims that are the same statement, articles that are
near copies of one another."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


def components(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]]) -> dict:
    """Node -> the least node of its component (edges to unknown nodes are ignored)."""
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
                parent[max(ra, rb)] = min(ra, rb)
    return {n: find(n) for n in parent}
