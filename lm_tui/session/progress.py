"""How far a session still has to go: the longest way from a node to an outcome, in steps.

"Step 7 of about 14" is read off the flow graph, not from a list of questions in the code: the
longest chain of question and info nodes from the current node to any outcome, counting the
current one. Declared loops (`cycle` routes) are left out, so a loop counts once. It is an upper
estimate on purpose ("about"): most paths are shorter, none is longer unless it goes round a
loop. Worked out once per flow, in one pass over the nodes in reverse depth-first order.
"""

from __future__ import annotations

from lm_tui.flow.definition import Flow

_LONGEST: dict[int, tuple[Flow, dict[str, int]]] = {}
"""By the flow object's identity (a Flow is not hashable); the flow is kept with its result so
an id is never reused for another flow while its entry is here."""


def steps_to_outcome(flow: Flow) -> dict[str, int]:
    """For every node, the most nodes on a way from it to an outcome (itself included; 0 for
    an outcome)."""
    cached = _LONGEST.get(id(flow))
    if cached is not None and cached[0] is flow:
        return cached[1]
    longest: dict[str, int] = {}
    for start in flow.nodes:
        if start in longest:
            continue
        # Iterative depth-first walk: a flow may be thousands of nodes deep.
        stack: list[tuple[str, bool]] = [(start, False)]
        on_stack: set[str] = set()
        while stack:
            node_id, expanded = stack.pop()
            if node_id in longest:
                continue
            nexts = [
                route.to
                for route in flow.routes.get(node_id, ())
                if not route.cycle and route.to in flow.nodes
            ]
            if expanded:
                on_stack.discard(node_id)
                if flow.is_outcome(node_id):
                    longest[node_id] = 0
                else:
                    # A node inside an undeclared cycle (a flow `check` refuses) counts once.
                    longest[node_id] = 1 + max((longest.get(n, 0) for n in nexts), default=0)
                continue
            on_stack.add(node_id)
            stack.append((node_id, True))
            stack.extend((n, False) for n in nexts if n not in longest and n not in on_stack)
    _LONGEST[id(flow)] = (flow, longest)
    return longest


def about_total(flow: Flow, node_id: str, step: int) -> int | None:
    """The "of about N" for step `step` at `node_id`; None at an outcome (nothing is left)."""
    if flow.is_outcome(node_id):
        return None
    return step - 1 + steps_to_outcome(flow).get(node_id, 1)
