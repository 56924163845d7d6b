"""The decision-diagram manager the proof uses: dd's pure-Python one, with its hot paths made
cheaper. Every speed trick on the diagrams themselves is here, and only here.

Why not dd as it is. Profiles of `lm-tui check` on large flows (1,000 nodes of bundled-shape
modules) show nearly all the time in dd's recursive if-then-else (`_ite`, through which every
`&`, `|` goes), called millions of times; the proof's own code is a small part. Three costs in
it are not the diagrams' work:

* no terminal cases: `f & true`, `f | false`, `f & f` recurse through every node of `f` and
  rebuild it (dd only stops when the condition is a constant). Here the standard cases of the
  textbook algorithm return at once (`ite(g, 1, 0) = g`, `ite(g, u, u) = u`, and `g` in a branch
  replaced by a constant); the result is the same node (diagrams are canonical), reached without
  walking it.
* per-node bookkeeping done through method calls with argument checks (`find_or_add` checks
  its arguments and asks whether to reorder, `_top_cofactor` re-validates each node): inlined
  here with the same effect (dynamic reordering is never switched on by the proof, so the
  request is always "no").
* `cube` conjoins its literals one `and` at a time from the top, which walks the growing cube
  each time (quadratic in its size; the counter-examples build one cube per step of a path,
  over every question tracked there): built here bottom-up, one node per literal.

* a two-operand `and` (and `or` as its complement) with one cache entry for `u & v` and
  `v & u`, an existential quantification and an emptiness test (`disjoint`: is `u & v` empty,
  without building it; most checks only need that answer) on the same footing.
* operation caches kept bounded (OPERATION_CACHE_LIMIT).

Measured against dd as it is, in the same run on this 2-core machine under load (proof only, the
same reports): 1,000 nodes of bundled-shape modules 11.7-16.2 s -> 3.5-5.4 s (CPU time on a
quieter run 4.7-5.7 s -> 1.8 s), the bundled flow 0.18 s -> 0.07-0.11 s.

Then, measured the same way (README, Performance; docs/performance.md has the earlier figures):

* sets are bare nodes (`Set`), not dd.autoref's Functions, and nodes keep no reference counts:
  nothing is freed before the whole manager goes, and the counting was a fifth of the time.
* `first`: the counter-example's assignment by a fixed rule over the flow's question order
  (`rank`), not dd's first path in the diagram's order, so the order can be chosen for speed;
  encoding.py puts the questions asked last at the top.
* `and_exist` (intersection and quantification in one recursion), `restrict` (constants set,
  dd's `let` without its guard), the `and` recursion as a closure over the tables.

The manager is also dropped whole (no check on deletion): dd's `__del__` runs a garbage
collection pass over every node asserting none is still referenced, a third of the proof's time
on large flows; the proof drops the manager with all its nodes at once.

This relies on dd's internals (`_succ`, `_ref`, `_ite_table`, `_min_free`,
`_level_to_var`), so the
dependency is pinned to dd 0.6 in pyproject.toml; the brute-force tests (tests/proof/) compare
every answer of the proof with an exhaustive search, so a change in dd's internals would show.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import dd.bdd

OPERATION_CACHE_LIMIT = 100_000
"""Entries the operation caches keep before they are emptied (between two operations, never
inside one). dd's caches only grow; on a flow of many modules most entries belong to modules
long done, and tables of millions of entries make every lookup slower. Emptying them changes
no result (they only remember). Measured: 10,000 nodes of modules, both runs side by side on
the loaded machine, 83.3 s -> 73.9 s; the bundled flow and the diamond chains never reach it."""

_NOTHING_TRUE: frozenset[int] = frozenset()

Nodes = dict[int, tuple[int, int, int]]
"""dd's node table: reference -> (level, low, high); terminals' successors are never read."""


class ProofManager(dd.bdd.BDD):
    """dd's BDD manager with cheaper `_ite`, `and`, `or`, `exist`, `cube`, and no garbage
    check on deletion."""

    _and_table: dict[tuple[int, int], int]
    _disjoint_table: dict[tuple[int, int], bool]
    rank: dict[str, int]
    """Variable -> its place in the order `first` compares variables in (encoding.py)."""
    _level_rank: list[int]
    _least_table: dict[int, frozenset[int] | None]
    _unique: collections.defaultdict[int, dict[tuple[int, int], int]]
    """Level -> (low, high) -> node: the unique table, one per level (`_node`)."""

    def __del__(self) -> None:
        pass

    def _ite(self, g: int, u: int, v: int) -> int:
        # Terminal cases (the result is a node that exists already).
        if g == 1:
            return u
        if g == -1:
            return v
        if g == u:
            u = 1
        elif g == -u:
            u = -1
        if g == v:
            v = -1
        elif g == -v:
            v = 1
        if u == v:
            return u
        if u == 1 and v == -1:
            return g
        if u == -1 and v == 1:
            return -g
        key = (g, u, v)
        table: dict[tuple[int, int, int], int] = self._ite_table
        found = table.get(key)
        if found is not None:
            return found
        succ: Nodes = self._succ  # type: ignore[assignment]
        gi, g0, g1 = succ[g if g > 0 else -g]
        ui, u0, u1 = succ[u if u > 0 else -u]
        vi, v0, v1 = succ[v if v > 0 else -v]
        z = min(gi, ui, vi)
        # Cofactors at level z (a node below z does not depend on its variable).
        if gi == z:
            if g < 0:
                g0, g1 = -g0, -g1
        else:
            g0 = g1 = g
        if ui == z:
            if u < 0:
                u0, u1 = -u0, -u1
        else:
            u0 = u1 = u
        if vi == z:
            if v < 0:
                v0, v1 = -v0, -v1
        else:
            v0 = v1 = v
        low = self._ite(g0, u0, v0)
        high = self._ite(g1, u1, v1)
        result = self._node(z, low, high)
        table[key] = result
        return result

    def both(self, u: int, v: int) -> int:
        """`u & v` (the sets' `&`, and `|` through its complements)."""
        if len(self._and_table) > OPERATION_CACHE_LIMIT:
            self._and_table.clear()
            self._disjoint_table.clear()
            self._ite_table.clear()
        return self._and(u, v)

    def apply(self, op: Any, u: int, v: int | None = None, w: int | None = None) -> int:
        """`and` and `or` by the two-operand recursion; anything else as dd does it."""
        if op in ("and", "&") and v is not None:
            return self.both(u, v)
        if op in ("or", "|") and v is not None:
            return -self.both(-u, -v)
        result: int = super().apply(op, u, v, w)
        return result

    def _and(self, u: int, v: int) -> int:
        """`u & v` (replaced, per manager, by the closure `_conjunction` makes)."""
        self._and = _conjunction(self)  # type: ignore[method-assign, assignment]
        return self._and(u, v)

    def _disjoint(self, u: int, v: int) -> bool:
        """`u & v` is empty, decided without building it: the recursion of `and` that
        builds no node and stops at the first common assignment."""
        if u == -1 or v == -1 or u == -v:
            return True
        if u == 1 or v == 1 or u == v:
            return False
        if u > v:
            u, v = v, u
        key = (u, v)
        built = self._and_table.get(key)
        if built is not None:
            return built == -1
        table = self._disjoint_table
        found = table.get(key)
        if found is not None:
            return found
        # The cofactor step below is `_and`'s, written out again on purpose: a shared helper
        # would add a call to every step of the proof's hottest recursion.
        succ: Nodes = self._succ  # type: ignore[assignment]
        ui, u0, u1 = succ[u if u > 0 else -u]
        vi, v0, v1 = succ[v if v > 0 else -v]
        if ui < vi:
            if u < 0:
                u0, u1 = -u0, -u1
            v0 = v1 = v
        elif vi < ui:
            if v < 0:
                v0, v1 = -v0, -v1
            u0 = u1 = u
        else:
            if u < 0:
                u0, u1 = -u0, -u1
            if v < 0:
                v0, v1 = -v0, -v1
        result = self._disjoint(u0, v0) and self._disjoint(u1, v1)
        table[key] = result
        return result

    def quantify(self, u: int, qvars: Iterable[Any], forall: bool = False) -> int:
        """Existential quantification by the same recursion as dd's, with the cheaper `or`
        and node lookup, stopping below the deepest quantified variable."""
        if forall:
            result: int = super().quantify(u, qvars, forall=True)
            return result
        levels: set[int] = self._map_to_level(set(qvars))
        if not levels:
            return u
        deepest = max(levels)
        succ: Nodes = self._succ  # type: ignore[assignment]
        cache: dict[int, int] = {}
        both = self._and
        node = self._node

        def forget(u: int) -> int:
            if u == 1 or u == -1:
                return u
            found = cache.get(u)
            if found is not None:
                return found
            level, low, high = succ[u if u > 0 else -u]
            if level > deepest:
                return u
            if u < 0:
                low, high = -low, -high
            low, high = forget(low), forget(high)
            result = -both(-low, -high) if level in levels else node(level, low, high)
            cache[u] = result
            return result

        return forget(u)

    def restrict(self, u: int, values: Mapping[str, bool]) -> int:
        """`u` with the variables of `values` set to those constants: dd's `let` for
        constants, without its reordering guard and argument checks."""
        fixed = {self.vars[name]: value for name, value in values.items()}
        if not fixed:
            return u
        deepest = max(fixed)
        succ: Nodes = self._succ  # type: ignore[assignment]
        node = self._node
        cache: dict[int, int] = {}

        def go(u: int) -> int:
            if u == 1 or u == -1:
                return u
            level, low, high = succ[u if u > 0 else -u]
            if level > deepest:
                return u
            found = cache.get(u)
            if found is not None:
                return found
            if u < 0:
                low, high = -low, -high
            value = fixed.get(level)
            if value is not None:
                result = go(high if value else low)
                cache[u] = result
                return result
            result = node(level, go(low), go(high))
            cache[u] = result
            return result

        return go(u)

    def and_exist(self, u: int, v: int, qvars: Iterable[str], given: Mapping[str, bool]) -> int:
        """`exist(qvars, (u & v) with the variables of `given` set)`, in one recursion that
        builds neither the intersection nor the cofactor (the relational product, with the
        given variables' branches chosen on the way)."""
        levels = self.vars
        quantified = {levels[name] for name in qvars}
        fixed = {levels[name]: value for name, value in given.items()}
        deepest = max(quantified | fixed.keys(), default=-1)
        succ: Nodes = self._succ  # type: ignore[assignment]
        both, node = self._and, self._node
        cache: dict[tuple[int, int], int] = {}
        below = len(levels)  # the constants' "level", under every variable

        def product(u: int, v: int) -> int:
            if u == -1 or v == -1 or u == -v:
                return -1
            if u > v:
                u, v = v, u
            key = (u, v)
            found = cache.get(key)
            if found is not None:
                return found
            if u == 1:
                ui, u0, u1 = below, 1, 1
            else:
                ui, u0, u1 = succ[u if u > 0 else -u]
            if v == 1:
                vi, v0, v1 = below, 1, 1
            else:
                vi, v0, v1 = succ[v if v > 0 else -v]
            z = ui if ui < vi else vi
            if z > deepest:
                result = both(u, v)
            else:
                u0, u1 = _branches(u, ui, u0, u1, z)
                v0, v1 = _branches(v, vi, v0, v1, z)
                value = fixed.get(z)
                if value is not None:
                    result = product(u1, v1) if value else product(u0, v0)
                elif z in quantified:
                    low = product(u0, v0)
                    result = 1 if low == 1 else -both(-low, -product(u1, v1))
                else:
                    result = node(z, product(u0, v0), product(u1, v1))
            cache[key] = result
            return result

        return product(u, v)

    def collect_garbage(self, roots: Any = None) -> None:
        """Nothing: the reference counts are not kept (`_node`), so no node is known to be
        unused; all go with the manager."""

    def find_or_add(self, i: int, v: int, w: int) -> int:
        """dd's methods (`var`) add their nodes through the same table as the proof's."""
        return self._node(i, v, w)

    def _node(self, level: int, low: int, high: int) -> int:
        """dd's `find_or_add` without its argument checks, reordering request and reference
        counts, and with one table per level (`_unique`) in place of dd's `_pred`: a flow of
        many modules has millions of nodes, but the nodes of a module's questions sit in their
        own levels' tables, small enough to stay in the processor's caches."""
        if high < 0:
            low, high, sign = -low, -high, -1
        else:
            sign = 1
        if low == high:
            return sign * low
        table = self._unique[level]
        node: int | None = table.get((low, high))
        if node is not None:
            return sign * node
        node = self._min_free
        table[low, high] = node
        self._succ[node] = (level, low, high)
        # No reference counts: nothing is freed before the whole manager (`_ref` counts only
        # what dd's own methods add, from zero).
        self._min_free = node + 1 if node + 1 not in self._succ else self._next_free_int(node)
        return sign * node

    def first(self, u: int, care: Iterable[str]) -> dict[str, bool]:
        """The first assignment of `u` by a fixed rule: the lexicographically least, False
        before True, with the variables taken in the order of `rank` (the flow's question
        order, never the diagram's own order). Variables of `care` and of `u`'s support are
        named; any other is False as well.

        Why a rule of its own: dd's `pick` returns the diagram's first satisfying path, which is
        this rule over the diagram's variable order, so the counter-examples would change with
        that order. With the rule fixed, the order can be chosen for speed alone (encoding.py).
        dd's `pick` may leave support variables off its path out; every caller reads a missing
        variable as False, as this rule sets it."""
        rank = self.rank
        trues = self._least(u)
        assert trues is not None
        names = set(care)
        names.update(self._level_to_var[level] for level in self._support_levels(u))
        return {name: rank[name] in trues for name in names}

    def _least(self, u: int) -> frozenset[int] | None:
        """The least assignment of `u` by `rank`, as the ranks of its True variables (None:
        `u` is empty). The least through a node is the lesser of (its variable False, the least
        of its low branch) and (True, the least of its high branch): the variable's value being
        the same on each side, the rest decides, so each node's answer is found once and kept
        (it depends on the node alone)."""
        if u == 1:
            return _NOTHING_TRUE
        if u == -1:
            return None
        table = self._least_table
        if u in table:
            return table[u]
        succ: Nodes = self._succ  # type: ignore[assignment]
        level, low, high = succ[u if u > 0 else -u]
        if u < 0:
            low, high = -low, -high
        when_false = self._least(low)
        when_true = self._least(high)
        result: frozenset[int] | None
        if when_true is None:
            result = when_false
        else:
            when_true = when_true | {self._level_rank[level]}
            # The most significant variable the two differ in decides: False there is less.
            if when_false is not None and min(when_false ^ when_true) in when_true:
                result = when_false
            else:
                result = when_true
        table[u] = result
        return result

    def _support_levels(self, u: int) -> set[int]:
        succ: Nodes = self._succ  # type: ignore[assignment]
        levels: set[int] = set()
        seen: set[int] = set()
        stack = [u if u > 0 else -u]
        while stack:
            node = stack.pop()
            if node == 1 or node in seen:
                continue
            seen.add(node)
            level, low, high = succ[node]
            levels.add(level)
            stack.append(low if low > 0 else -low)
            stack.append(high if high > 0 else -high)
        return levels

    def cube(self, dvars: Mapping[str, bool] | Iterable[str]) -> int:
        """The conjunction of the literals, built from the lowest level up."""
        if not isinstance(dvars, Mapping):
            dvars = dict.fromkeys(dvars, True)
        levels = self.vars
        result = 1
        for name, value in sorted(dvars.items(), key=lambda item: -levels[item[0]]):
            level = levels[name]
            result = self._node(level, -1, result) if value else self._node(level, result, -1)
        return result


def _conjunction(manager: ProofManager) -> Callable[[int, int], int]:
    """The two-operand `and` of one manager, as a closure over its tables: the recursion is
    the proof's hottest code, and local names cost less than attribute lookups on every step;
    the node lookup (`_node`) is written into it for the same reason."""
    succ: Nodes = manager._succ  # type: ignore[assignment]
    unique = manager._unique
    table = manager._and_table
    new_node = manager._node

    def conjunction(u: int, v: int) -> int:
        if u == -1 or v == -1 or u == -v:
            return -1
        if u == 1 or u == v:
            return v
        if v == 1:
            return u
        if u > v:  # one cache entry for `u & v` and `v & u`
            u, v = v, u
        key = (u, v)
        found = table.get(key)
        if found is not None:
            return found
        ui, u0, u1 = succ[u if u > 0 else -u]
        vi, v0, v1 = succ[v if v > 0 else -v]
        if ui < vi:
            z = ui
            if u < 0:
                u0, u1 = -u0, -u1
            v0 = v1 = v
        elif vi < ui:
            z = vi
            if v < 0:
                v0, v1 = -v0, -v1
            u0 = u1 = u
        else:
            z = ui
            if u < 0:
                u0, u1 = -u0, -u1
            if v < 0:
                v0, v1 = -v0, -v1
        low = conjunction(u0, v0)
        high = conjunction(u1, v1)
        if low == high:
            result = low
        else:
            if high < 0:
                node = unique[z].get((-low, -high))
                result = -(node if node is not None else new_node(z, -low, -high))
            else:
                node = unique[z].get((low, high))
                result = node if node is not None else new_node(z, low, high)
        table[key] = result
        return result

    return conjunction


def _branches(u: int, level: int, low: int, high: int, z: int) -> tuple[int, int]:
    """`u`'s two branches at level `z` (its own, signed, or `u` twice when it is below)."""
    if level != z:
        return u, u
    return (-low, -high) if u < 0 else (low, high)


class Set:
    """A set of answers: one node of the manager. The operators build new sets; `==` is a
    comparison of nodes (diagrams are canonical).

    Why not dd.autoref's Function: each of its operations counts references up and down
    (dd frees nodes by those counts), through three wrapper calls, about a fifth of the proof's
    time on large flows. The proof never frees a node before it drops the whole manager, so a
    set here is the bare node and its manager."""

    __slots__ = ("manager", "node")

    def __init__(self, manager: ProofManager, node: int) -> None:
        self.manager = manager
        self.node = node

    def __and__(self, other: Set) -> Set:
        return Set(self.manager, self.manager.both(self.node, other.node))

    def __or__(self, other: Set) -> Set:
        return Set(self.manager, -self.manager.both(-self.node, -other.node))

    def __invert__(self) -> Set:
        return Set(self.manager, -self.node)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Set) and self.node == other.node

    def __ne__(self, other: object) -> bool:
        return not (isinstance(other, Set) and self.node == other.node)

    def __hash__(self) -> int:
        return hash(self.node)

    def __repr__(self) -> str:
        return f"Set({self.node})"


class Diagrams:
    """What the proof asks of the diagrams, over one ProofManager: the constants, a variable,
    `exist`, `let` (variables set to constants), `cube`."""

    def __init__(self) -> None:
        manager = ProofManager()  # type: ignore[abstract]  # dd declares `__eq__` abstract
        manager._ref = collections.defaultdict(int, manager._ref)
        manager._unique = collections.defaultdict(dict)
        manager._and_table = {}
        manager._disjoint_table = {}
        manager._least_table = {}
        self.manager = manager
        self.true = Set(manager, 1)
        self.false = Set(manager, -1)
        self._vars: dict[str, Set] = {}

    def declare(self, *names: str) -> None:
        self.manager.declare(*names)

    def var(self, name: str) -> Set:
        """The variable's set, kept: dd's `var` goes through its reordering guard, which costs
        more than the lookup (tens of microseconds a call)."""
        found = self._vars.get(name)
        if found is None:
            found = self._vars[name] = Set(self.manager, self.manager.var(name))
        return found

    def exist(self, names: Iterable[str], answers: Set) -> Set:
        return Set(self.manager, self.manager.quantify(answers.node, names))

    def let(self, definitions: Mapping[str, bool], answers: Set) -> Set:
        """The set with the variables of `definitions` set to those constants."""
        return Set(self.manager, self.manager.restrict(answers.node, definitions))

    def cube(self, assignment: Mapping[str, bool]) -> Set:
        return Set(self.manager, self.manager.cube(assignment))


def new_manager() -> Diagrams:
    return Diagrams()


def first_assignment(answers: Set, care: Iterable[str]) -> dict[str, bool]:
    """One assignment of the set, chosen by a rule that does not depend on the diagram's
    order (ProofManager.first)."""
    assert answers.node != -1
    return answers.manager.first(answers.node, care)


def disjoint(first: Set, second: Set) -> bool:
    """No assignment is in both sets (`first & second == false`, without building it)."""
    return bool(first.manager._disjoint(first.node, second.node))
