"""The values the verifier tries for each question: finitely many, yet enough to decide
every check.

Numbers: the grid values at and on both sides of every threshold the flow compares them with,
plus the ends of the range. Other single answers: every value the node offers. Multi-selects:
every subset of the members a check names, with a few members it does not name (enough for its
size comparisons).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from lm_tui.flow.answer_search import TooLarge
from lm_tui.flow.cones import Cone
from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Condition
from lm_tui.flow.records import MultiVariable, NumberVariable
from lm_tui.flow.values import Value

MAX_NAMED_MEMBERS = 12
"""Members of one multi-select a single check may name (2^12 subsets)."""


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


class TriedValues:
    """The values tried for the questions of one flow (its thresholds gathered once)."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.thresholds = _collect_thresholds(flow)

    def numbers(self, variable_id: str) -> list[Value]:
        """The values tried for a number variable."""
        variable = self.flow.variables[variable_id]
        assert isinstance(variable, NumberVariable)
        return number_points(variable, self.thresholds.get(variable_id, set()))

    def domain(self, variable_id: str, node_id: str, cone: Cone) -> list[Value]:
        """Representative values of a variable asked at a node, enough to decide every check."""
        variable = self.flow.variables[variable_id]
        if isinstance(variable, NumberVariable):
            return number_points(variable, self.thresholds.get(variable_id, set()))
        offered = self.flow.offered_values(node_id)
        if not isinstance(variable, MultiVariable):
            return list(offered)
        named = sorted(set(cone.members.get(variable_id, frozenset())) & set(offered))
        if len(named) > MAX_NAMED_MEMBERS:
            raise TooLarge(
                f"one check names {len(named)} members of '{variable_id}'; at most "
                f"{MAX_NAMED_MEMBERS} can be proved exhaustively: use a derived value"
            )
        unnamed = [value for value in offered if value not in named]
        extra_max = min(len(unnamed), cone.sizes.get(variable_id, -1) + 1)
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


def _collect_thresholds(flow: Flow) -> dict[str, set[Decimal]]:
    """Every value some condition of the flow compares each number variable with."""
    found: dict[str, set[Decimal]] = {}
    for condition in _all_conditions(flow):
        for name, values in condition.thresholds.items():
            if name in flow.variables:
                found.setdefault(name, set()).update(values)
    return found


def _all_conditions(flow: Flow) -> Iterator[Condition]:
    for routes in flow.routes.values():
        yield from (r.when for r in routes if r.when is not None)
    for rules in flow.rules.values():
        yield from (r.when for r in rules if r.when is not None)
    yield from flow.recommendation_conditions.values()
    yield from flow.pitfall_conditions.values()
    for sections in flow.sections.values():
        yield from (s.when for s in sections if s.when is not None)
