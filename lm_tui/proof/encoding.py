"""Answers as boolean variables of a decision diagram.

Every question's answers form a finite set once numbers are cut at the thresholds the flow
compares them with: two numbers between the same thresholds (or equal to the same one) satisfy
the same conditions, so one grid value stands for each such region. A choice is its value's
index in binary; a number its region's index; a multi-select one bit per member. Each question
also has an "asked" bit: a question not asked yet is UNKNOWN to the conditions (Kleene logic).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.flow.values import Value

BDD = Any
"""dd's BDD manager (dd has no type hints)."""
Function = Any
"""A node of that manager: a set of assignments."""


def regions(variable: NumberVariable, thresholds: Iterable[Decimal]) -> list[Decimal]:
    """One grid value for each region the thresholds cut the range into, in order.

    A region is a threshold itself or the open interval between two neighbouring thresholds
    (or below the first, above the last); regions without a grid value are left out.
    """
    low, high, step = variable.min, variable.max, variable.step
    cuts = sorted({t for t in thresholds if low <= t <= high})

    def first_above(bound: Decimal | None) -> Decimal:
        if bound is None or bound < low:
            return low
        grid = low + ((bound - low) // step) * step
        return grid if grid > bound else grid + step

    def on_grid(value: Decimal) -> bool:
        return (value - low) % step == 0

    points: list[Decimal] = []
    previous: Decimal | None = None
    for cut in [*cuts, None]:
        candidate = first_above(previous)
        if candidate <= high and (cut is None or candidate < cut):
            points.append(candidate)
        if cut is not None and on_grid(cut):
            points.append(cut)
        previous = cut
    return points


class Encoding:
    """The decision-diagram variables of one flow's questions, and the sets they describe."""

    def __init__(self, flow: Flow, bdd: BDD, order: Sequence[str]) -> None:
        """`order`: the flow's variables, those asked first first (a good diagram order)."""
        self.flow = flow
        self.bdd = bdd
        self.values: dict[str, list[Value]] = {}
        """Choices and numbers: the value each index stands for."""
        self.members: dict[str, list[str]] = {}
        """Multi-selects: the member each bit stands for."""
        self.bits: dict[str, list[str]] = {}
        """Every variable's value bits (diagram variable names)."""
        self.asked_bit: dict[str, str] = {}
        thresholds = _thresholds(flow)
        groups: list[list[str]] = []
        for variable_id in order:
            variable = flow.variables[variable_id]
            asked = f"{variable_id}.asked"
            self.asked_bit[variable_id] = asked
            if isinstance(variable, MultiVariable):
                self.members[variable_id] = [c.value for c in variable.choices]
                bits = [f"{variable_id}.{c.value}" for c in variable.choices]
            else:
                if isinstance(variable, NumberVariable):
                    self.values[variable_id] = list(
                        regions(variable, thresholds.get(variable_id, ()))
                    )
                else:
                    assert isinstance(variable, ChoiceVariable)
                    self.values[variable_id] = [c.value for c in variable.choices]
                width = max(1, (len(self.values[variable_id]) - 1).bit_length())
                bits = [f"{variable_id}.{i}" for i in range(width)]
            self.bits[variable_id] = bits
            groups.append([asked, *bits])
        # The diagram asks the questions asked last first: a node's new answer and the routes
        # reading it sit at the top of its set, so conjoining them does not walk the set.
        bdd.declare(*(name for group in reversed(groups) for name in group))
        # Counter-examples follow the flow's order whatever the diagram's (manager.first).
        flow_order = (name for group in groups for name in group)
        manager = bdd.manager
        manager.rank = {name: position for position, name in enumerate(flow_order)}
        manager._level_rank = [
            manager.rank[name] for name in sorted(manager.vars, key=manager.vars.get)
        ]
        self._cubes: dict[tuple[str, int], Function] = {}
        self._domains: dict[tuple[str, str], Function] = {}
        self._counts: dict[str, list[Function]] = {}

    # --- sets of answers --------------------------------------------------------------------

    def asked(self, variable_id: str) -> Function:
        return self.bdd.var(self.asked_bit[variable_id])

    def is_index(self, variable_id: str, index: int) -> Function:
        """The value bits of a choice or number spell `index`."""
        key = (variable_id, index)
        cube = self._cubes.get(key)
        if cube is None:
            cube = self.bdd.true
            for position, bit in enumerate(self.bits[variable_id]):
                literal = self.bdd.var(bit)
                cube &= literal if (index >> position) & 1 else ~literal
            self._cubes[key] = cube
        return cube

    def member(self, variable_id: str, member: str) -> Function:
        return self.bdd.var(f"{variable_id}.{member}")

    def counts(self, variable_id: str) -> list[Function]:
        """For a multi-select: `counts[k]` = exactly k members ticked."""
        found = self._counts.get(variable_id)
        if found is None:
            bdd = self.bdd
            found = [bdd.true]
            for bit in self.bits[variable_id]:
                ticked = bdd.var(bit)
                found = [
                    (found[k] & ~ticked if k < len(found) else bdd.false)
                    | (found[k - 1] & ticked if k > 0 else bdd.false)
                    for k in range(len(found) + 1)
                ]
            self._counts[variable_id] = found
        return found

    def domain(self, variable_id: str, node_id: str) -> Function:
        """Asked at this node, with one of the answers the node accepts."""
        key = (variable_id, node_id)
        found = self._domains.get(key)
        if found is not None:
            return found
        bdd = self.bdd
        variable = self.flow.variables[variable_id]
        if isinstance(variable, MultiVariable):
            offered = set(self.flow.offered_values(node_id))
            found = bdd.true
            for member in self.members[variable_id]:
                if member not in offered:
                    found &= ~self.member(variable_id, member)
            if variable.min_selected:
                counts = self.counts(variable_id)
                enough = bdd.false
                for count in counts[variable.min_selected :]:
                    enough |= count
                found &= enough
        else:
            allowed = (
                range(len(self.values[variable_id]))
                if isinstance(variable, NumberVariable)
                else [
                    i
                    for i, value in enumerate(self.values[variable_id])
                    if value in set(self.flow.offered_values(node_id))
                ]
            )
            found = bdd.false
            for index in allowed:
                found |= self.is_index(variable_id, index)
        found &= self.asked(variable_id)
        self._domains[key] = found
        return found

    def all_bits(self, variables: Iterable[str]) -> list[str]:
        names: list[str] = []
        for variable_id in variables:
            names.append(self.asked_bit[variable_id])
            names += self.bits[variable_id]
        return names

    # --- reading an assignment back -----------------------------------------------------------

    def decode(self, assignment: Mapping[str, bool], variables: Iterable[str]) -> dict[str, Value]:
        """The answers an assignment of the diagram's variables gives (asked ones only)."""
        answers: dict[str, Value] = {}
        for variable_id in variables:
            if not assignment.get(self.asked_bit[variable_id], False):
                continue
            if variable_id in self.members:
                answers[variable_id] = frozenset(
                    member
                    for member, bit in zip(
                        self.members[variable_id], self.bits[variable_id], strict=True
                    )
                    if assignment.get(bit, False)
                )
                continue
            index = sum(
                1 << position
                for position, bit in enumerate(self.bits[variable_id])
                if assignment.get(bit, False)
            )
            answers[variable_id] = self.values[variable_id][index]
        return answers


def _thresholds(flow: Flow) -> dict[str, set[Decimal]]:
    """Every number each number variable is compared with, anywhere in the flow."""
    found: dict[str, set[Decimal]] = {}
    for condition in flow.conditions():
        for name, values in condition.thresholds.items():
            if name in flow.variables:
                found.setdefault(name, set()).update(values)
    return found
