"""The set of answers that reach each node, worked out node by node in topological order.

A node's set is the union, over the routes into it, of "reaches the node before and takes this
route": kept as one decision diagram per node, never as a list of paths. The sets are over the
questions each node tracks (layout.py); a question not tracked is not asked, or no longer read.
"""

from __future__ import annotations

from typing import NamedTuple

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import Condition
from lm_tui.proof.encoding import Encoding, Function
from lm_tui.proof.layout import Layout, Reads
from lm_tui.proof.manager import disjoint
from lm_tui.proof.meanings import Meaning, Meanings


class RouteSets(NamedTuple):
    """At one node, after its question: the answers that go on along each route, and the
    answers on which the routes fail (several apply, a condition cannot be decided, none)."""

    taken: dict[int, Function]
    overlaps: list[tuple[int, int, Function]]
    undecided: Function
    none: Function


class Reach:
    """Every node's set of answers, before (`before`) and after (`after`) its own question."""

    def __init__(
        self, flow: Flow, encoding: Encoding, meanings: Meanings, reads: Reads, layout: Layout
    ) -> None:
        self.flow = flow
        self.encoding = encoding
        self.bdd = encoding.bdd
        self.meanings = meanings
        self.reads = reads
        self.layout = layout
        self.before: dict[str, Function] = {}
        self.after: dict[str, Function] = {}
        self.asked_again: dict[str, Function] = {}
        """Question nodes -> answers on which the path in had asked its question already."""
        self.routes: dict[str, RouteSets] = {}
        self._unknown: dict[tuple[int, int], Function] = {}
        self._specialised: dict[tuple[int, int, frozenset[str]], Meaning] = {}

    def run(self) -> None:
        bdd, flow, layout = self.bdd, self.flow, self.layout
        for node_id in layout.order:
            tracked = layout.tracked[node_id]
            if node_id == flow.start:
                arriving = bdd.true
            else:
                arriving = bdd.false
                for previous, index in layout.incoming[node_id]:
                    arriving |= self.carried(previous, index, node_id)
            self.before[node_id] = arriving
            variable = flow.asked_variable(node_id)
            after = arriving
            if variable is not None:
                encoding = self.encoding
                if variable in tracked:
                    self.asked_again[node_id] = arriving & encoding.asked(variable)
                    after = bdd.exist(
                        encoding.all_bits([variable]), arriving & ~encoding.asked(variable)
                    )
                after &= encoding.domain(variable, node_id)
            self.after[node_id] = after
            if not flow.is_outcome(node_id):
                self.routes[node_id] = self._route_sets(node_id, after)

    def carried(self, previous: str, index: int, node_id: str) -> Function:
        """The answers taking route `index` of `previous`, as `node_id` tracks them."""
        layout = self.layout
        taken = self.routes[previous].taken.get(index, self.bdd.false)
        if taken == self.bdd.false:
            return taken
        dropped = layout.tracked_after[previous] - layout.tracked[node_id]
        if dropped:
            taken = self.bdd.exist(self.encoding.all_bits(dropped), taken)
        for name in layout.tracked[node_id] - layout.tracked_after[previous]:
            taken &= ~self.encoding.asked(name)
        return taken

    def meaning_at(self, condition: Condition, tracked: frozenset[str]) -> Meaning:
        """The condition's meaning where only `tracked` questions may have been asked."""
        return self.specialise(self.meanings.of(condition.root), condition.names, tracked)

    def specialise(
        self, meaning: Meaning, names: frozenset[str], tracked: frozenset[str]
    ) -> Meaning:
        unasked = {
            self.encoding.asked_bit[name]: False
            for name in self.reads.reads(names)
            if name not in tracked
        }
        if not unasked:
            return meaning
        # Kept: the settling and outcome checks ask for the same condition, with the same
        # questions unasked, at node after node.
        key = (meaning.true.node, meaning.false.node, frozenset(unasked))
        found = self._specialised.get(key)
        if found is None:
            found = Meaning(
                self.bdd.let(unasked, meaning.true), self.bdd.let(unasked, meaning.false)
            )
            self._specialised[key] = found
        return found

    def unknown(self, meaning: Meaning) -> Function:
        """Where the condition is neither true nor false (Kleene's UNKNOWN)."""
        key = (meaning.true.node, meaning.false.node)
        found = self._unknown.get(key)
        if found is None:
            found = ~(meaning.true | meaning.false)
            self._unknown[key] = found
        return found

    def unasked_mask(self, names: frozenset[str], tracked: frozenset[str]) -> dict[str, bool]:
        return {
            self.encoding.asked_bit[name]: False
            for name in self.reads.reads(names)
            if name not in tracked
        }

    def _route_sets(self, node_id: str, after: Function) -> RouteSets:
        bdd = self.bdd
        routes = self.flow.routes[node_id]
        tracked = self.layout.tracked_after[node_id]
        meanings: dict[int, Meaning] = {
            route.index: self.meaning_at(route.when, tracked)
            for route in routes
            if route.when is not None
        }
        # The conditions' own sets (small) are combined first; each result then meets the
        # node's set (large) once.
        unknown, false = bdd.false, bdd.true
        for meaning in meanings.values():
            unknown |= self.unknown(meaning)
            false &= meaning.false
        undecided = after & unknown
        none = after & false
        overlaps: list[tuple[int, int, Function]] = []
        indices = sorted(meanings)
        for position, first in enumerate(indices):
            for second in indices[position + 1 :]:
                both_true = meanings[first].true & meanings[second].true
                if not disjoint(after, both_true):
                    overlaps.append((first, second, after & both_true))
        # A route is followed by the answers on which it applies, as in the engine: answers on
        # which some route of the node cannot be decided go no further (that is reported here).
        decided = after & ~unknown
        taken: dict[int, Function] = {}
        for route in routes:
            if route.when is not None:
                taken[route.index] = decided & meanings[route.index].true
            else:
                # `otherwise` applies when every other route is decided and none applies.
                taken[route.index] = none
        has_otherwise = any(route.when is None for route in routes)
        return RouteSets(taken, overlaps, undecided, bdd.false if has_otherwise else none)
