"""The checks that need no answers: the sources cited and the shape of the graph.

Each returns the problems it finds, in a fixed order, as (where, message) pairs; the proof
records them with the others (prove.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lm_tui.flow.definition import CompiledRoute, Flow
from lm_tui.flow.records import OutcomeNode

Found = list[tuple[str, str]]
"""Problems as (where, message), in the order they are to be recorded."""


class GraphCheck(NamedTuple):
    """What the graph checks found, and what the path walk needs from them."""

    problems: Found
    reachable: set[str]
    """Nodes some chain of routes leads to from the start, whatever their conditions."""
    ok: bool
    """No dead end and no undeclared cycle: every path from the start ends at an outcome, so
    the nodes can be proved in topological order."""


def undeclared_sources(flow: Flow) -> Found:
    """Every citation of a source the flow does not declare under [sources]."""
    declared = set(flow.file.sources)
    cited: list[tuple[str, str]] = []
    for node_id, node in flow.nodes.items():
        cited += [(f"nodes.{node_id}.sources", s) for s in node.sources]
        if isinstance(node, OutcomeNode):
            for index, section in enumerate(node.sections):
                cited += [
                    (f"nodes.{node_id}.sections[{index}].sources", s) for s in section.sources
                ]
    for rec_id, rec in flow.recommendations.items():
        cited += [(f"recommendations.{rec_id}.sources", s) for s in rec.sources]
    for pit_id, pit in flow.pitfalls.items():
        cited += [(f"pitfalls.{pit_id}.sources", s) for s in pit.sources]
    return [
        (where, f"cites '{source}', which is not declared under [sources]")
        for where, source in cited
        if source not in declared
    ]


def _edges(flow: Flow, node_id: str) -> Sequence[CompiledRoute]:
    return flow.routes.get(node_id, ())


def check_graph(flow: Flow) -> GraphCheck:
    """Nodes never reached from the start, dead ends, and undeclared cycles."""
    problems: Found = []
    reachable = {flow.start}
    stack = [flow.start]
    while stack:
        node_id = stack.pop()
        for route in _edges(flow, node_id):
            if route.to not in reachable:
                reachable.add(route.to)
                stack.append(route.to)
    ok = True
    for node_id in flow.nodes:
        if node_id not in reachable:
            problems.append((f"nodes.{node_id}", "is never reached from the start node"))
    # Dead ends: nodes from which no outcome can be reached.
    reverse: dict[str, set[str]] = {node_id: set() for node_id in flow.nodes}
    for node_id in flow.nodes:
        for route in _edges(flow, node_id):
            reverse[route.to].add(node_id)
    finishing = {node_id for node_id in flow.nodes if flow.is_outcome(node_id)}
    stack = list(finishing)
    while stack:
        node_id = stack.pop()
        for previous in reverse[node_id]:
            if previous not in finishing:
                finishing.add(previous)
                stack.append(previous)
    for node_id in sorted(reachable - finishing):
        problems.append((f"nodes.{node_id}", "is a dead end: no outcome can be reached from it"))
        ok = False
    # Undeclared cycles: a back edge of a depth-first search not marked `cycle = true`.
    colour: dict[str, int] = {}
    for root in [flow.start]:
        iterators: list[tuple[str, Iterator[CompiledRoute]]] = [(root, iter(_edges(flow, root)))]
        colour[root] = 1
        trail = [root]
        while iterators:
            node_id, routes = iterators[-1]
            following = next(routes, None)
            if following is None:
                colour[node_id] = 2
                iterators.pop()
                trail.pop()
                continue
            route = following
            if route.cycle:
                continue
            state = colour.get(route.to, 0)
            if state == 1:
                loop = [*trail[trail.index(route.to) :], route.to]
                problems.append(
                    (
                        f"nodes.{node_id}.routes[{route.index}]",
                        "makes an undeclared cycle "
                        + " -> ".join(loop)
                        + "; mark the route `cycle = true` if it is meant",
                    )
                )
                ok = False
            elif state == 0:
                colour[route.to] = 1
                trail.append(route.to)
                iterators.append((route.to, iter(_edges(flow, route.to))))
    return GraphCheck(problems, reachable, ok)
