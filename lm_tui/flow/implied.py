"""What the routes taken on a path imply about single names, for the verifier's shortcuts.

A route taken at a routing point is a *fact* about every answer set on the path: its condition
holds (or, for `otherwise`, every other route's condition is false). Some parts of a fact read a
single name, e.g. `primary_tumor == 'breast'` in `primary_tumor == 'breast' and stage == 'x'`.
Such a part limits that name on its own: a value that makes the part fail makes the whole fact
fail, whatever the other names are. The verifier uses these limits

* to leave such values out of a search (the search would prune them at once; results are the
  same, found sooner), and
* to decide checks without a search when the limited values already settle them (`Knowledge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import rule_value
from lm_tui.flow.expressions import (
    And,
    Compare,
    Compiled,
    Expr,
    Length,
    Name,
    Not,
    Or,
    Truth,
    compile_expr,
)
from lm_tui.flow.values import ABSENT, UNKNOWN, Seen

Fact = tuple[str, int]
"""(routing node, index of the route taken there)."""

_Remembered = TypeVar("_Remembered")


@dataclass(frozen=True)
class Limit:
    """A fact's part that reads only `name`: a value is allowed if the part gives `wanted`."""

    name: str
    part: Compiled
    wanted: bool

    def allows(self, value: Seen) -> bool:
        return self.part(lambda _name: value) is self.wanted


def expr_names(expr: Expr) -> frozenset[str]:
    """Every name an expression reads."""
    if isinstance(expr, Compare):
        return frozenset(
            side.name for side in (expr.left, expr.right) if isinstance(side, Name | Length)
        )
    if isinstance(expr, And | Or):
        return frozenset().union(*(expr_names(item) for item in expr.items))
    if isinstance(expr, Not):
        return expr_names(expr.item)
    if isinstance(expr, Truth):
        return frozenset({expr.name})
    return frozenset()


def conjuncts(expr: Expr) -> Iterator[Expr]:
    """The parts that must all hold for `expr` to hold (nested `and`s flattened)."""
    if isinstance(expr, And):
        for item in expr.items:
            yield from conjuncts(item)
    else:
        yield expr


def disjuncts(expr: Expr) -> Iterator[Expr]:
    """The parts any of which makes `expr` hold (nested `or`s flattened)."""
    if isinstance(expr, Or):
        for item in expr.items:
            yield from disjuncts(item)
    else:
        yield expr


def fact_limits(flow: Flow, fact: Fact) -> tuple[Limit, ...]:
    """The single-name limits a fact implies.

    A taken route's condition is true, so each single-name conjunct is true. For `otherwise`,
    each other route's condition is false, so a single-name condition is false, and so is each
    single-name part of an `or`.
    """
    node_id, index = fact
    routes = flow.routes[node_id]
    route = routes[index]
    limits: list[Limit] = []
    if route.when is not None:
        for part in conjuncts(route.when.root):
            names = expr_names(part)
            if len(names) == 1:
                limits.append(Limit(next(iter(names)), compile_expr(part), True))
        return tuple(limits)
    for other in routes:
        if other.when is None:
            continue
        for part in disjuncts(other.when.root):
            names = expr_names(part)
            if len(names) == 1:
                limits.append(Limit(next(iter(names)), compile_expr(part), False))
    return tuple(limits)


def allowed(values: list[Seen], limits: Mapping[str, tuple[Limit, ...]], name: str) -> list[Seen]:
    """`values` without those a limit on `name` rules out, in the same order."""
    found = limits.get(name)
    if not found:
        return values
    return [value for value in values if all(limit.allows(value) for limit in found)]


LimitsOf = Callable[[tuple[Fact, ...]], Mapping[str, tuple[Limit, ...]]]


# --- what the limits settle, without a search ------------------------------------------------

_KEPT_AT_MOST = 400
"""Values one step of the walk hands to the next at most (see Knowledge.step)."""

HOLDS, FAILS, UNDECIDED = 1, 2, 4
"""Bits of a mask: the results a condition can give over every answer set on the path."""


def _bit(result: object) -> int:
    if result is True:
        return HOLDS
    if result is False:
        return FAILS
    return UNDECIDED


class Parts:
    """Names and compiled closures of sub-expressions, kept for one flow's lifetime.

    Also what a derived value's table came to on earlier steps of the walk: it depends only on
    what the names its rules read can be, so a later step (on any path) where they can be the
    same reuses it instead of re-reading the table.
    """

    def __init__(self, flow: Flow | None = None) -> None:
        self._names: dict[int, frozenset[str]] = {}
        self._compiled: dict[int, Compiled] = {}
        self._keep: list[Expr] = []  # the keys are ids: keep the expressions alive
        self._flow = flow
        self._reach: dict[str, tuple[str, ...]] = {}
        self._inputs: dict[str, tuple[str, ...]] = {}
        self._dependents: dict[str, tuple[str, ...]] | None = None
        self._dependent_sets: dict[str, frozenset[str]] = {}
        # Both by derived value or expression first, then by the values read: many small
        # tables rather than one large one, which on a large flow is slower to reach into.
        self.table_values: dict[str, dict[tuple[object, ...], frozenset[Seen]]] = {}
        self._leaves: dict[int, tuple[str | None, dict[frozenset[Seen] | None, int]]] = {}
        self._answer_values: dict[
            tuple[str, str | None, tuple[Limit, ...] | None], frozenset[Seen] | None
        ] = {}

    def leaf(self, expr: Expr) -> tuple[str | None, dict[frozenset[Seen] | None, int]]:
        """The one name a comparison or bare name reads (None for a literal), and the masks
        it gives by the values that name can take (filled by `leaf_mask`)."""
        found = self._leaves.get(id(expr))
        if found is None:
            names = self.names(expr)
            found = self._leaves[id(expr)] = (next(iter(names)) if names else None, {})
        return found

    def leaf_mask(self, expr: Expr, values: frozenset[Seen]) -> int:
        """The results a one-name part gives over `values` (the same for every path)."""
        masks = self.leaf(expr)[1]
        found = masks.get(values)
        if found is None:
            compiled = self.compiled(expr)
            found = 0
            for value in values:
                found |= _bit(compiled(partial(_constant, value)))
            masks[values] = found
        return found

    def answer_values(
        self,
        flow: Flow,
        name: str,
        node_id: str | None,
        limits: Mapping[str, tuple[Limit, ...]],
    ) -> frozenset[Seen] | None:
        """What Knowledge allows for a variable asked at `node_id` (None: not asked), by
        where it was asked and the limits on it (the same on every path that shares both)."""
        limited = limits.get(name)
        key = (name, node_id, limited)
        if key in self._answer_values:
            return self._answer_values[key]
        found: frozenset[Seen] | None
        if node_id is None:
            found = frozenset({UNKNOWN})
        elif flow.symbols[name].kind == "choice":
            found = frozenset(flow.offered_values(node_id))
        else:
            found = None
        if found is not None and limited:
            found = frozenset(allowed(list(found), limits, name))
        self._answer_values[key] = found
        return found

    def reach(self, derived_id: str) -> tuple[str, ...]:
        """`derived_id` and every name it is computed from, through derived values."""
        found = self._reach.get(derived_id)
        if found is None:
            assert self._flow is not None
            names = {derived_id}
            for rule in self._flow.rules.get(derived_id, ()):
                if rule.when is not None:
                    for name in rule.when.names:
                        names.update(self.reach(name) if name in self._flow.rules else (name,))
            found = self._reach[derived_id] = tuple(sorted(names))
        return found

    def inputs(self, derived_id: str) -> tuple[str, ...]:
        """The names a derived value's rules read themselves (derived values not expanded)."""
        found = self._inputs.get(derived_id)
        if found is None:
            assert self._flow is not None
            names = {
                name
                for rule in self._flow.rules[derived_id]
                if rule.when is not None
                for name in rule.when.names
            }
            found = self._inputs[derived_id] = tuple(sorted(names))
        return found

    def dependents(self, name: str) -> tuple[str, ...]:
        """`name` and every derived value computed from it: what an answer or a limit on `name`
        can change in Knowledge."""
        if self._dependents is None:
            assert self._flow is not None
            found: dict[str, list[str]] = {}
            for derived_id in self._flow.rules:
                for read in self.reach(derived_id):
                    if read != derived_id:
                        found.setdefault(read, []).append(derived_id)
            self._dependents = {key: (key, *values) for key, values in found.items()}
        # Built once per name, never per call: a triage answer has thousands of dependents.
        return self._dependents.get(name) or (name,)

    def forget(self, remembered: dict[str, _Remembered], name: str) -> None:
        """Drop from `remembered` (values by name) `name` and what is computed from it.

        Goes through whichever is shorter: an answer early in a large flow (a triage
        question) is read by every derived value of the flow, of which few are remembered.
        """
        if not remembered:
            return
        dependents = self.dependents(name)
        if len(dependents) <= len(remembered):
            for dependent in dependents:
                remembered.pop(dependent, None)
            return
        found = self._dependent_sets.get(name)
        if found is None:
            found = self._dependent_sets[name] = frozenset(dependents)
        for dependent in [key for key in remembered if key in found]:
            del remembered[dependent]

    def names(self, expr: Expr) -> frozenset[str]:
        found = self._names.get(id(expr))
        if found is None:
            found = self._names[id(expr)] = expr_names(expr)
            self._keep.append(expr)
        return found

    def compiled(self, expr: Expr) -> Compiled:
        found = self._compiled.get(id(expr))
        if found is None:
            found = self._compiled[id(expr)] = compile_expr(expr)
            self._keep.append(expr)
        return found


class Knowledge:
    """The values each name can take on the answer sets a path allows, as far as cheap to tell.

    Over-approximate by design: a variable not asked is UNKNOWN; an asked choice can be any
    value offered where it was asked except those the facts' limits rule out; numbers and
    multi-selects can be anything (None); a derived value can be any value a rule of its table
    may give. A condition whose mask lacks UNDECIDED is therefore decided on every answer set on
    the path, and one whose mask is FAILS never holds there. Anything else is left to the
    verifier's exact search.
    """

    def __init__(
        self,
        flow: Flow,
        asked: Mapping[str, str],
        limits: Mapping[str, tuple[Limit, ...]],
        parts: Parts,
    ) -> None:
        self.flow = flow
        self.asked = asked
        self.limits = limits
        self.parts = parts
        self._values: dict[str, frozenset[Seen] | None] = {}

    def step(
        self,
        asked: Mapping[str, str],
        limits: Mapping[str, tuple[Limit, ...]],
        changed: Iterable[str],
    ) -> Knowledge:
        """Knowledge one step further down a path, where only the names in `changed` were
        asked or newly limited (`limits` holds every limit this Knowledge had, and more only on
        `changed` names). What this step had worked out for names computed from none of them is
        the same there, so it is kept; the rest is worked out again when read."""
        later = Knowledge(self.flow, asked, limits, self.parts)
        if self.parts._flow is None or len(self._values) > _KEPT_AT_MOST:
            # Near the start of a large flow's walk Knowledge has read every item of the
            # flow; copying all that into every later step would cost more than it saves.
            return later
        values = later._values = dict(self._values)
        for name in changed:
            self.parts.forget(values, name)
        return later

    def values(self, name: str) -> frozenset[Seen] | None:
        if name in self._values:
            return self._values[name]
        found: frozenset[Seen] | None
        if name in self.flow.rules:
            found = self._table_values(name)
            if name in self.limits:
                found = frozenset(allowed(list(found), self.limits, name))
        else:
            found = self.parts.answer_values(self.flow, name, self.asked.get(name), self.limits)
        self._values[name] = found
        return found

    def _table_values(self, derived_id: str) -> frozenset[Seen]:
        if self.parts._flow is None:
            return self._table_values_uncached(derived_id)
        # What a table can give depends only on what its inputs can be (a rule's mask reads
        # nothing else), so it is remembered by those: the same on every path, whatever was
        # asked where, as long as the inputs allow the same values.
        values = self.values
        key = tuple([values(name) for name in self.parts.inputs(derived_id)])
        shared = self.parts.table_values.get(derived_id)
        if shared is None:
            shared = self.parts.table_values[derived_id] = {}
        found = shared.get(key)
        if found is None:
            found = shared[key] = self._table_values_uncached(derived_id)
        return found

    def _table_values_uncached(self, derived_id: str) -> frozenset[Seen]:
        found: set[Seen] = set()
        for rule in self.flow.rules[derived_id]:
            mask = HOLDS if rule.when is None else self.mask(rule.when.root)
            if mask & UNDECIDED:
                found.add(UNKNOWN)
            if mask & HOLDS:
                found.add(ABSENT if rule.value is None else rule_value(rule.value))
            if not mask & FAILS:
                break
        else:
            found.add(ABSENT)  # no row applied
        return frozenset(found)

    def mask(self, expr: Expr) -> int:
        """The results `expr` can give on the path's answer sets (bits HOLDS/FAILS/UNDECIDED)."""
        kind = type(expr)
        if kind is And or kind is Or:
            # `every`: the bits all parts share; `some`: the bits any part has; `blocked`: some
            # part never leaves the whole open (never HOLDS for `and`, never FAILS for `or`, and
            # never UNDECIDED), so the whole is never UNDECIDED.
            every, some, blocked = HOLDS | FAILS | UNDECIDED, 0, False
            passing = HOLDS | UNDECIDED if kind is And else FAILS | UNDECIDED
            for item in expr.items:  # type: ignore[union-attr]
                found = self.mask(item)
                every &= found
                some |= found
                if not found & passing:
                    blocked = True
            holds, fails = (every, some) if kind is And else (some, every)
            result = (holds & HOLDS) | (fails & FAILS)
            if not blocked and some & UNDECIDED:
                result |= UNDECIDED
            return result
        if kind is Not:
            inner = self.mask(expr.item)  # type: ignore[union-attr]
            return (
                (inner & UNDECIDED)
                | (HOLDS if inner & FAILS else 0)
                | (FAILS if inner & HOLDS else 0)
            )
        name, masks = self.parts._leaves.get(id(expr)) or self.parts.leaf(expr)
        if name is None:
            return _bit(self.parts.compiled(expr)(lambda _name: UNKNOWN))
        values = self.values(name)
        if values is None:
            return HOLDS | FAILS
        known = masks.get(values)
        return self.parts.leaf_mask(expr, values) if known is None else known


def _constant(value: Seen, _name: str) -> Seen:
    """A lookup that gives the same value for every name (one value tried at a time)."""
    return value
