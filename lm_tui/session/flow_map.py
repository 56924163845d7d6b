"""The flow map: the decision tree laid out as text lines, with the path taken and "you are here".

The app's flow-map screen (and anything else without graphics) shows these lines as they are;
each line also carries its state, so a screen can style it with theme variables instead of
parsing the text. The layout is an outline, not a drawn tree: every node once, in the order the
flow can reach them, each followed by its routes. A drawn tree would repeat every shared branch
(the bundled flow has 168 paths) and not fit 80 columns; an outline reads the same in a screen
reader.

Markers (plain ASCII so NO_COLOR and dumb terminals keep the meaning):
    [x]  answered on the path taken        ->  route taken
    [>]  the current node                  .   route not taken
    [ ]  not reached (yet)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.session.condition_words import route_words
from lm_tui.session.engine import Session
from lm_tui.session.summary_text import shown

LineKind = Literal["node", "route"]
NodeState = Literal["done", "current", "ahead"]

_NODE_MARKERS: dict[NodeState, str] = {"done": "[x]", "current": "[>]", "ahead": "[ ]"}


@dataclass(frozen=True)
class MapLine:
    kind: LineKind
    node: str
    """The node this line belongs to (for a route: the node it leaves)."""
    text: str
    """The whole line, markers included, ready to print."""
    state: NodeState
    """For a route line: the state of the node it leaves."""
    taken: bool = False
    """A route line on the path taken."""
    target: str | None = None
    """For a route line: the node it leads to."""
    indent: int = 0
    """Spaces `text` starts with: a screen that wraps the line indents the rest as much."""


def reading_order(flow: Flow) -> list[str]:
    """Nodes in an order a walk can meet them, ties in the file's order; outcomes last.

    A topological order (every node after all nodes with a route into it, declared cycles
    aside), so "go to 11." always points down the map.
    """
    file_order = {node_id: index for index, node_id in enumerate(flow.nodes)}
    incoming = {node_id: 0 for node_id in flow.nodes}
    for node_id in flow.nodes:
        for route in flow.routes.get(node_id, ()):
            if not route.cycle:
                incoming[route.to] += 1
    ready = [node_id for node_id, count in incoming.items() if count == 0]
    order: list[str] = []
    while ready:
        ready.sort(key=lambda n: (n != flow.start, file_order[n]))
        node_id = ready.pop(0)
        order.append(node_id)
        for route in flow.routes.get(node_id, ()):
            if not route.cycle:
                incoming[route.to] -= 1
                if incoming[route.to] == 0:
                    ready.append(route.to)
    order += [node_id for node_id in flow.nodes if node_id not in order]
    questions = [n for n in order if not flow.is_outcome(n)]
    return questions + [n for n in order if flow.is_outcome(n)]


def flow_map_lines(
    flow: Flow,
    path: Sequence[str],
    current: str | None,
    answers: Mapping[str, str] | None = None,
    taken_routes: Mapping[str, int] | None = None,
) -> list[MapLine]:
    """The map for a walk: `path` = nodes passed (in order), `current` = the node now shown.

    `answers` (node → answer text) is printed after answered nodes; `taken_routes` (node →
    route index) marks which route left each passed node, defaulting to the first route that
    leads to the next node on the path.
    """
    answers = answers or {}
    done = set(path)
    taken = dict(taken_routes or {})
    for here, there in zip(path, [*path[1:], current], strict=False):
        if here not in taken and there is not None:
            for route in flow.routes.get(here, ()):
                if route.to == there:
                    taken[here] = route.index
                    break
    order = reading_order(flow)
    width = len(str(len(order)))
    lines: list[MapLine] = []
    for number, node_id in enumerate(order, start=1):
        state: NodeState = (
            "current" if node_id == current else "done" if node_id in done else "ahead"
        )
        node = flow.nodes[node_id]
        title = node.title or node_id
        text = f"{_NODE_MARKERS[state]} {number:>{width}}. {title}"
        if flow.is_outcome(node_id):
            text += " (end)"
        if state == "current":
            text += "  <- you are here"
        elif node_id in answers:
            text += f": {answers[node_id]}"
        lines.append(MapLine("node", node_id, text, state))
        indent = " " * (width + 6)
        routes = flow.routes.get(node_id, ())
        for route in routes:
            followed = taken.get(node_id) == route.index and state == "done"
            condition = route_words(flow, route) or ("otherwise" if len(routes) > 1 else "")
            target_title = flow.nodes[route.to].title or route.to
            target_number = order.index(route.to) + 1
            arrow = "->" if followed else " ."
            where = (
                ""
                if not condition
                else f"{condition}: "
                if route.when is None or route.label
                else f"if {condition}: "
            )
            text = f"{indent}{arrow} {where}go to {target_number}. {target_title}"
            lines.append(MapLine("route", node_id, text, state, followed, route.to, len(indent)))
    return lines


def session_flow_map(session: Session) -> list[MapLine]:
    """The map of a session in progress: its path, its current node and its answers."""
    answers = {
        step.node: shown(session, step.variable, step.value)
        for step in session.path
        if step.variable is not None and step.value is not None
    }
    path = [step.node for step in session.path]
    taken: dict[str, int] = {}
    evaluator = session.evaluator
    for node_id in path:
        route = evaluator.route(node_id)
        index = getattr(route, "index", None)
        if isinstance(index, int):
            taken[node_id] = index
    return flow_map_lines(session.flow, path, session.current, answers, taken)
