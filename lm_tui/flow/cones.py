"""What a condition reads: its base variables, through derived values, and how it reads them.

A check only needs to enumerate the answers its condition can tell apart. The "cone" of a
condition says which those are: the base variables it reads (directly or through the rules of
derived values), the members of each multi-select it names, and the largest size each counted
multi-select is compared with. The verifier builds each check's search from cones; `Cones`
works them out once per condition, derived value and routing node, and remembers them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Condition
from lm_tui.flow.implied import Fact


@dataclass(frozen=True)
class Cone:
    """The base variables a condition reads, through derived values, and how it reads them."""

    variables: frozenset[str]
    members: Mapping[str, frozenset[str]]
    sizes: Mapping[str, int]
    """Largest size each counted multi-select is compared with."""


def merge(cones: Sequence[Cone]) -> Cone:
    """One cone that reads everything the given cones read."""
    variables: set[str] = set()
    members: dict[str, set[str]] = {}
    sizes: dict[str, int] = {}
    for cone in cones:
        variables |= cone.variables
        for name, values in cone.members.items():
            members.setdefault(name, set()).update(values)
        for name, size in cone.sizes.items():
            sizes[name] = max(size, sizes.get(name, -1))
    return Cone(frozenset(variables), freeze(members), sizes)


def freeze(members: Mapping[str, set[str] | frozenset[str]]) -> dict[str, frozenset[str]]:
    return {name: frozenset(values) for name, values in members.items()}


class Cones:
    """The cones of one flow's conditions, derived values and routing nodes, each worked out
    once (conditions are remembered by identity: a flow's conditions live as long as it)."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self._cones: dict[int, Cone] = {}
        self._derived_cones: dict[str, Cone] = {}
        self._directs: dict[int, Cone] = {}
        self._fact_cones: dict[str, Cone] = {}
        self._fact_expansions: dict[str, Cone] = {}

    def cone(self, condition: Condition) -> Cone:
        """Everything a condition reads, derived values expanded to their base variables."""
        cone = self._cones.get(id(condition))
        if cone is None:
            parts = [self.name_cone(name) for name in condition.names]
            own_members = {k: set(v) for k, v in condition.members.items()}
            own_sizes = {k: int(max(v)) for k, v in condition.sizes.items()}
            for name in condition.counted:
                own_sizes.setdefault(name, 1)
            cone = merge([Cone(frozenset(), freeze(own_members), own_sizes), *parts])
            self._cones[id(condition)] = cone
        return cone

    def name_cone(self, name: str) -> Cone:
        """A base variable itself; a derived value, everything its rules read (expanded)."""
        if name not in self.flow.rules:
            return Cone(frozenset({name}), {}, {})
        cached = self._derived_cones.get(name)
        if cached is None:
            cached = merge(
                [self.cone(rule.when) for rule in self.flow.rules[name] if rule.when is not None]
            )
            self._derived_cones[name] = cached
        return cached

    def direct(self, condition: Condition) -> Cone:
        """The names a condition reads itself, derived values not expanded."""
        cached = self._directs.get(id(condition))
        if cached is None:
            cached = self._directs[id(condition)] = self._direct_uncached(condition)
        return cached

    def _direct_uncached(self, condition: Condition) -> Cone:
        sizes = {k: int(max(v)) for k, v in condition.sizes.items()}
        for name in condition.counted:
            sizes.setdefault(name, 1)
        return Cone(condition.names, freeze(dict(condition.members)), sizes)

    def derived_direct(self, derived_id: str) -> Cone:
        """The names a derived value's rules read themselves, derived values not expanded."""
        rules = self.flow.rules[derived_id]
        return merge([self.direct(r.when) for r in rules if r.when is not None])

    def expanded(self, direct: Cone) -> Cone:
        """All base variables behind a direct cone, through every derived value."""
        base = Cone(
            frozenset(n for n in direct.variables if n not in self.flow.rules),
            direct.members,
            direct.sizes,
        )
        return merge([base, *[self.name_cone(n) for n in direct.variables if n in self.flow.rules]])

    def fact_direct(self, fact: Fact) -> Cone:
        """The names the routes at a fact's node read themselves, derived values not expanded
        (one cone per node: whether the route without a condition is taken depends on all the
        others)."""
        cached = self._fact_cones.get(fact[0])
        if cached is None:
            routes = self.flow.routes[fact[0]]
            cached = merge([self.direct(r.when) for r in routes if r.when is not None])
            self._fact_cones[fact[0]] = cached
        return cached

    def fact_expanded(self, fact: Fact) -> Cone:
        """All base variables behind a fact, through every derived value."""
        cached = self._fact_expansions.get(fact[0])
        if cached is None:
            cached = self._fact_expansions[fact[0]] = self.expanded(self.fact_direct(fact))
        return cached
