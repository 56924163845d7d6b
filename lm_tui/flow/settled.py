"""Which outcome checks a path has already settled, so its outcomes skip them.

At every outcome the verifier proves each recommendation and pitfall decided (and notes whether it
can hold) and each exported value known. Most of them are settled long before the outcome: a
recommendation guarded by `stage == 'treatment'` never holds on a path whose routes showed the
stage is `workup`, and an item of another module of a large flow never holds once the triage
question is answered. Settled stays settled further down the path: the path only adds facts and
answers, and Kleene logic never undoes a decided result.

So the walk carries the set of items still *open*; at each step it re-examines only the parts of
items that read a name the step changed (an answer now given, a name a new fact limits), using
`Knowledge`. An item leaves the set when one of its top-level `and` parts never holds on the
path (the item never holds: decided, and not reached here), or, for an exported value, when it
can no longer be UNKNOWN. The outcome checks the items still open exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Expr
from lm_tui.flow.implied import FAILS, Knowledge, conjuncts, expr_names
from lm_tui.flow.values import UNKNOWN


@dataclass
class _Part:
    """A top-level `and` part shared by items, or an exported value (`derived` set)."""

    expr: Expr | None
    derived: str | None
    items: set[int] = field(default_factory=set)

    def settled(self, knowledge: Knowledge) -> bool:
        if self.derived is not None:
            values = knowledge.values(self.derived)
            return values is not None and UNKNOWN not in values
        assert self.expr is not None
        return knowledge.mask(self.expr) == FAILS


class OpenItems:
    """The index from names to the item parts that read them (directly or via derived values)."""

    def __init__(
        self, flow: Flow, conditions: Iterable[Expr | None], exports: Iterable[str]
    ) -> None:
        self.flow = flow
        self._reach: dict[str, frozenset[str]] = {}
        parts: dict[tuple[str, object], _Part] = {}
        count = 0
        for index, root in enumerate(conditions):
            count += 1
            if root is None:
                continue
            for part in conjuncts(root):
                key: tuple[str, object] = ("expr", part)
                if key not in parts:
                    parts[key] = _Part(part, None)
                parts[key].items.add(index)
        for derived_id in exports:
            key = ("derived", derived_id)
            parts.setdefault(key, _Part(None, derived_id)).items.add(count)
            count += 1
        self.all = frozenset(range(count))
        self._by_name: dict[str, list[_Part]] = {}
        for shared in parts.values():
            names = expr_names(shared.expr) if shared.expr is not None else {shared.derived or ""}
            for name in frozenset().union(*(self.reach(n) for n in names)):
                self._by_name.setdefault(name, []).append(shared)

    def reach(self, name: str) -> frozenset[str]:
        """`name` and every name it is computed from, through derived values."""
        found = self._reach.get(name)
        if found is None:
            found = frozenset({name})
            for rule in self.flow.rules.get(name, ()):
                if rule.when is not None:
                    for other in rule.when.names:
                        found |= self.reach(other)
            self._reach[name] = found
        return found

    def prune(
        self, open_items: frozenset[int], changed: Iterable[str], knowledge: Knowledge
    ) -> frozenset[int]:
        """`open_items` without those the names in `changed` have now settled."""
        if not open_items:
            return open_items
        settled: set[int] = set()
        seen: set[int] = set()
        for name in changed:
            for part in self._by_name.get(name, ()):
                if id(part) in seen:
                    continue
                seen.add(id(part))
                if open_items.isdisjoint(part.items) or part.items <= settled:
                    continue
                if part.settled(knowledge):
                    settled |= part.items
        return open_items - settled if settled else open_items
