"""The shape of the flow the proof follows: an order of the nodes and what each node tracks.

Nodes are proved in topological order (routes marked `cycle = true` are not followed, as an
answer that loops back starts a new round of the same questions). At each node the proof keeps
only the questions that can matter from there on: asked on some way in, and read or asked
again at or after the node (or read by a recommendation, pitfall, exported value or section,
which every outcome reads). Forgetting the others keeps each node's set of answers small: its
size follows what is still open, not the number of ways in.
"""

from __future__ import annotations

from dataclasses import dataclass

from lm_tui.flow.definition import Flow


@dataclass(frozen=True)
class Layout:
    order: list[str]
    """Nodes reachable from the start, each after every node with a route into it."""
    incoming: dict[str, list[tuple[str, int]]]
    """Node -> the (node, route index) pairs that lead into it, cycle routes left out."""
    tracked: dict[str, frozenset[str]]
    """Node -> the questions its set of answers keeps, before its own question is asked."""
    tracked_after: dict[str, frozenset[str]]
    """Node -> the same once its own question is asked."""


def lay_out(flow: Flow, reads: Reads) -> Layout:
    order = _topological(flow)
    incoming: dict[str, list[tuple[str, int]]] = {node_id: [] for node_id in order}
    for node_id in order:
        for route in flow.routes.get(node_id, ()):
            if not route.cycle and route.to in incoming:
                incoming[route.to].append((node_id, route.index))
    # Read at every outcome: recommendations, pitfalls, exported values, sections.
    everywhere: set[str] = set()
    for condition in [*flow.recommendation_conditions.values(), *flow.pitfall_conditions.values()]:
        everywhere |= reads.reads(condition.names)
    for derived_id, derived in flow.derived.items():
        if derived.export:
            everywhere |= reads.name_reads(derived_id)
    for sections in flow.sections.values():
        for section in sections:
            if section.when is not None:
                everywhere |= reads.reads(section.when.names)
    # Read or asked at or after each node (routes only; `everywhere` covers the outcomes).
    later: dict[str, frozenset[str]] = {}
    for node_id in reversed(order):
        found: set[str] = set()
        for route in flow.routes.get(node_id, ()):
            if route.when is not None:
                found |= reads.reads(route.when.names)
            if not route.cycle and route.to in later:
                found |= later[route.to]
        variable = flow.asked_variable(node_id)
        if variable is not None:
            found.add(variable)
        later[node_id] = frozenset(found)
    keep = frozenset(everywhere)
    tracked: dict[str, frozenset[str]] = {}
    tracked_after: dict[str, frozenset[str]] = {}
    for node_id in order:
        ways_in: set[str] = set()
        for previous, _ in incoming[node_id]:
            ways_in |= tracked_after[previous]
        tracked[node_id] = frozenset(
            name for name in ways_in if name in keep or name in later[node_id]
        )
        variable = flow.asked_variable(node_id)
        tracked_after[node_id] = (
            tracked[node_id] | {variable} if variable is not None else tracked[node_id]
        )
    return Layout(order, incoming, tracked, tracked_after)


def _topological(flow: Flow) -> list[str]:
    """Depth-first post-order from the start, reversed (cycle routes left out)."""
    seen: set[str] = {flow.start}
    post: list[str] = []
    stack: list[tuple[str, int]] = [(flow.start, 0)]
    while stack:
        node_id, position = stack.pop()
        routes = [r for r in flow.routes.get(node_id, ()) if not r.cycle]
        if position < len(routes):
            stack.append((node_id, position + 1))
            target = routes[position].to
            if target not in seen:
                seen.add(target)
                stack.append((target, 0))
        else:
            post.append(node_id)
    return post[::-1]


class Reads:
    """The questions a condition or a derived value reads, through derived values."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._reads: dict[str, frozenset[str]] = {}

    def reads(self, names: frozenset[str]) -> frozenset[str]:
        found: set[str] = set()
        for name in names:
            found |= self.name_reads(name)
        return frozenset(found)

    def name_reads(self, name: str) -> frozenset[str]:
        known = self._reads.get(name)
        if known is not None:
            return known
        if name not in self.flow.rules:
            known = frozenset({name})
        else:
            self._reads[name] = frozenset()  # a derived value that reads itself reads no more
            inner: set[str] = set()
            for rule in self.flow.rules[name]:
                if rule.when is not None:
                    inner |= self.reads(rule.when.names)
            known = frozenset(inner)
        self._reads[name] = known
        return known
