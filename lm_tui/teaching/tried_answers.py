"""The answers the fact-leak search tries for each question: finitely many, yet enough to
decide every route of the flow.

Numbers: the grid values at and on both sides of every threshold the flow compares them with,
plus the ends of the range. Single choices: every value the node offers. Multi-selects: every
subset of the members the routes name (through derived values too), padded with unnamed members
up to the largest count a route compares with.

The verifier once owned these values; the per-node proof (lm_tui/proof) encodes numbers as
regions between thresholds instead, and the teaching search is now their only user, so they
live beside it. No library enumerates a flow's representative answers for us.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Condition
from lm_tui.flow.records import MultiVariable, NumberVariable
from lm_tui.flow.values import Value

MAX_NAMED_MEMBERS = 12
"""Members of one multi-select the routes may name before the search gives up (2^12 subsets)."""


class TooLarge(Exception):
    """The search would try too many answers; the message says why (no verdict is given)."""


def number_points(variable: NumberVariable, thresholds: set[Decimal]) -> list[Value]:
    """Grid values at and on both sides of every threshold, plus the ends of the range."""
    low, high, step = variable.min, variable.max, variable.step
    points = {low, high}
    for threshold in thresholds:
        below = low + ((threshold - low) // step) * step
        for candidate in (below - step, below, below + step, below + 2 * step):
            if low <= candidate <= high:
                points.add(candidate)
    return sorted(points)


class TriedAnswers:
    """The answers tried for the questions of one flow (thresholds and named members gathered
    once)."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.thresholds: dict[str, set[Decimal]] = {}
        for condition in flow.conditions():
            for name, values in condition.thresholds.items():
                if name in flow.variables:
                    self.thresholds.setdefault(name, set()).update(values)
        self.members: dict[str, set[str]] = {}
        self.sizes: dict[str, int] = {}
        self._expanded: set[str] = set()
        for routes in flow.routes.values():
            for route in routes:
                if route.when is not None:
                    self._read(route.when)

    def _read(self, condition: Condition) -> None:
        """Gather the members and counts a route reads, through the derived values it names."""
        for name, values in condition.members.items():
            self.members.setdefault(name, set()).update(values)
        for name, sizes in condition.sizes.items():
            self.sizes[name] = max(int(max(sizes)), self.sizes.get(name, -1))
        for name in condition.counted:
            self.sizes.setdefault(name, 1)
        for name in condition.names:
            if name in self.flow.rules and name not in self._expanded:
                self._expanded.add(name)
                for rule in self.flow.rules[name]:
                    if rule.when is not None:
                        self._read(rule.when)

    def numbers(self, variable_id: str) -> list[Value]:
        """The values tried for a number variable."""
        variable = self.flow.variables[variable_id]
        assert isinstance(variable, NumberVariable)
        return number_points(variable, self.thresholds.get(variable_id, set()))

    def domain(self, variable_id: str, node_id: str) -> list[Value]:
        """Representative answers to a question asked at a node, enough to decide every route."""
        variable = self.flow.variables[variable_id]
        if isinstance(variable, NumberVariable):
            return self.numbers(variable_id)
        offered = self.flow.offered_values(node_id)
        if not isinstance(variable, MultiVariable):
            return list(offered)
        named = sorted(self.members.get(variable_id, set()) & set(offered))
        if len(named) > MAX_NAMED_MEMBERS:
            raise TooLarge(
                f"the routes name {len(named)} members of '{variable_id}'; at most "
                f"{MAX_NAMED_MEMBERS} can be tried exhaustively"
            )
        unnamed = [value for value in offered if value not in named]
        extra_max = min(len(unnamed), self.sizes.get(variable_id, -1) + 1)
        subsets: list[Value] = []
        for size in range(len(named) + 1):
            for chosen in combinations(named, size):
                for extra in range(extra_max + 1):
                    members = set(chosen) | set(unnamed[:extra])
                    if len(members) < variable.min_selected:
                        pad = [v for v in unnamed if v not in members]
                        members |= set(pad[: variable.min_selected - len(members)])
                        if len(members) < variable.min_selected:
                            continue
                    subsets.append(frozenset(members))
        return list(dict.fromkeys(subsets))
