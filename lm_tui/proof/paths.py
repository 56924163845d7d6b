"""Counting and listing the distinct paths from the start to an outcome.

Counted by dynamic programming over the routes some answers take (two routes of one node to the
same node make one path), so the count is exact however large; listed on demand.
"""

from __future__ import annotations

from collections.abc import Iterator

from lm_tui.flow.definition import Flow
from lm_tui.proof.reach import Reach


def _ways_on(flow: Flow, reach: Reach, node_id: str) -> list[str]:
    sets = reach.routes.get(node_id)
    if sets is None:
        return []
    targets: dict[str, None] = {}
    for route in flow.routes[node_id]:
        if not route.cycle and sets.taken.get(route.index, reach.bdd.false) != reach.bdd.false:
            targets.setdefault(route.to)
    return list(targets)


def count_paths(flow: Flow, reach: Reach) -> int:
    counts: dict[str, int] = {}
    for node_id in reversed(reach.layout.order):
        if reach.after.get(node_id, reach.bdd.false) == reach.bdd.false:
            counts[node_id] = 0
        elif flow.is_outcome(node_id):
            counts[node_id] = 1
        else:
            counts[node_id] = sum(counts.get(t, 0) for t in _ways_on(flow, reach, node_id))
    return counts.get(flow.start, 0)


def list_paths(flow: Flow, reach: Reach, limit: int | None = None) -> Iterator[tuple[str, ...]]:
    """Every distinct path, depth first in the flow's route order, at most `limit` of them."""
    produced = 0
    stack: list[tuple[str, ...]] = [(flow.start,)]
    while stack:
        path = stack.pop()
        node_id = path[-1]
        if flow.is_outcome(node_id):
            yield path
            produced += 1
            if limit is not None and produced >= limit:
                return
            continue
        for target in reversed(_ways_on(flow, reach, node_id)):
            stack.append((*path, target))
