"""Which outcome checks are still open at each node, so outcomes check only those.

Every outcome reads every recommendation, pitfall and exported value; checking each at each
outcome would cost their number times the number of outcomes. Most are settled long before:
an item whose guard (its first `and`-ed part, such as `stage == 'treatment'` or a module's
`active`) is false for every answer set reaching a node is false at every node after it, and an
exported value whose first row applies to every answer set is known from there on (Kleene
logic is monotone: more answers never undecide a decided condition). So checks sharing a guard
are grouped, each group is tested where an answer it reads is asked or a route reading it is
taken, and a settled group is dropped for everything after that node. Not testing elsewhere
only means checking more at the outcomes, never a different result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lm_tui.flow.expressions import And, Compare, Expr, Length, Literal_, Name, Not, Or, Truth
from lm_tui.proof.manager import disjoint
from lm_tui.proof.reach import Reach


def expression_names(expr: Expr) -> frozenset[str]:
    """The names an expression reads."""
    found: set[str] = set()
    stack: list[Expr] = [expr]
    while stack:
        item = stack.pop()
        if isinstance(item, And | Or):
            stack.extend(item.items)
        elif isinstance(item, Not):
            stack.append(item.item)
        elif isinstance(item, Truth):
            found.add(item.name)
        elif isinstance(item, Compare):
            for side in (item.left, item.right):
                if isinstance(side, Name | Length):
                    found.add(side.name)
        else:
            assert isinstance(item, Literal_)
    return frozenset(found)


@dataclass
class Group:
    guard: Expr
    names: frozenset[str]
    settled_when_true: bool
    """False: the members are settled where the guard is false (recommendations, pitfalls).
    True: where it holds (an exported value's first row)."""
    members: list[int] = field(default_factory=list)


class Settling:
    def __init__(self, reach: Reach) -> None:
        self.reach = reach
        self.groups: list[Group] = []
        self._index: dict[tuple[Expr, bool], int] = {}
        self.open_after: dict[str, frozenset[int]] = {}

    def add(self, member: int, guard: Expr, settled_when_true: bool) -> None:
        key = (guard, settled_when_true)
        position = self._index.get(key)
        if position is None:
            position = len(self.groups)
            self._index[key] = position
            self.groups.append(Group(guard, expression_names(guard), settled_when_true))
        self.groups[position].members.append(member)

    def run(self) -> None:
        reach = self.reach
        flow, layout, reads = reach.flow, reach.layout, reach.reads
        reading: dict[str, set[int]] = {}
        for position, group in enumerate(self.groups):
            for name in reads.reads(group.names):
                reading.setdefault(name, set()).add(position)
        everything = frozenset(range(len(self.groups)))
        for node_id in layout.order:
            incoming = layout.incoming[node_id]
            if node_id == flow.start:
                open_in = everything
            elif len(incoming) == 1:
                open_in = self.open_after.get(incoming[0][0], frozenset())
            else:
                open_in = frozenset().union(
                    *(self.open_after.get(previous, frozenset()) for previous, _ in incoming)
                )
            changed: set[str] = set()
            variable = flow.asked_variable(node_id)
            if variable is not None:
                changed.add(variable)
            for previous, index in incoming:
                when = flow.routes[previous][index].when
                if when is not None:
                    changed |= reads.reads(when.names)
                elif len(flow.routes[previous]) > 1:
                    for route in flow.routes[previous]:
                        if route.when is not None:
                            changed |= reads.reads(route.when.names)
            candidates: set[int] = set()
            for name in changed:
                candidates |= reading.get(name, set()) & open_in
            after = reach.after[node_id]
            tracked = layout.tracked_after[node_id]
            settled: set[int] = set()
            for position in candidates:
                group = self.groups[position]
                meaning = reach.specialise(reach.meanings.of(group.guard), group.names, tracked)
                settling = meaning.true if group.settled_when_true else meaning.false
                # Settled: the guard is decided, that way, for every answer set here.
                if disjoint(after, ~settling):
                    settled.add(position)
            self.open_after[node_id] = open_in - settled if settled else open_in

    def open_members(self, node_id: str) -> list[int]:
        return sorted(
            member
            for position in self.open_after.get(node_id, frozenset())
            for member in self.groups[position].members
        )
