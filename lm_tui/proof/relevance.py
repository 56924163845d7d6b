"""Questions that cannot change the outcome: asked, yet no answer to them changes anything.

The contract's design rule is to ask only what can change the outcome. A question's answer can
change it only through a decision that reads it (directly or through derived values): where
a route leads (which also decides the questions that follow), a recommendation or pitfall
given, an exported value, a section shown. For each such decision, the answers reaching it
are split by what is decided (where the route leads; item given or not; value exported); the
question matters there exactly when two answer sets that differ only in this question's
answer fall on different sides, which is one intersection of the parts with the question's
answer forgotten.

A question asked at several nodes is judged once, over all of them: it is reported only when it
changes nothing wherever it is asked (a conservative choice: no false warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from lm_tui.flow.expressions import Condition
from lm_tui.proof.encoding import Function
from lm_tui.proof.findings import Finding, show_path
from lm_tui.proof.manager import Set, disjoint
from lm_tui.proof.parts import ProofParts

Part = tuple[Function, Function]
"""A part of the answers a decision splits, as two sets whose intersection it is (built only
where needed: most parts are the node's set and a condition's)."""


def questions_that_cannot_matter(proof: ProofParts) -> Iterator[Finding]:
    flow, reach = proof.flow, proof.reach
    askers: dict[str, list[str]] = {}
    for node_id in proof.layout.order:
        variable = flow.asked_variable(node_id)
        if variable is not None and reach.after[node_id] != proof.bdd.false:
            askers.setdefault(variable, []).append(node_id)
    decisions = _Decisions(proof)
    for variable, nodes in askers.items():
        if any(_split_by(proof, variable, parts) for parts in decisions.reading(variable)):
            continue
        for node_id in nodes:
            answers, path = proof.examples.any_at(node_id)
            yield Finding(
                f"nodes.{node_id}",
                f"asks '{variable}', but no answer to it can change the outcome "
                "(recommendations, pitfalls, exported values, sections or the route taken), "
                f"e.g. {show_path(path)}; ask only what can change the outcome",
                answers,
                path,
                warning=True,
            )


def _split_by(proof: ProofParts, variable: str, parts: list[Part]) -> bool:
    """Two parts hold answer sets that differ only in `variable`'s answer.

    Each part, where the question is asked, with its answer forgotten: `exist(bits, part &
    asked)`. Here without the `asked` literal itself (the same on every side, so it changes no
    emptiness and no intersection) and without building the part (one relational product)."""
    encoding = proof.encoding
    bits = encoding.bits[variable]
    given = {encoding.asked_bit[variable]: True}
    forgotten = [
        base.manager.and_exist(base.node, piece.node, bits, given) for base, piece in parts
    ]
    manager = proof.bdd.manager
    forgotten_sets = [Set(manager, node) for node in forgotten if node != -1]
    for position, first in enumerate(forgotten_sets):
        for second in forgotten_sets[position + 1 :]:
            proof.report.checks += 1
            if not disjoint(first, second):
                return True
    return False


class _Decisions:
    """Every decision that reads a question, indexed by the questions it reads; the parts of
    each worked out once, when first needed. At outcomes only the items and exported values
    still open there count (settling.py): a settled one is the same for every answer set."""

    def __init__(self, proof: ProofParts) -> None:
        self.proof = proof
        self._index: dict[str, list[tuple[str, object]]] = {}
        self._parts: dict[tuple[str, int], list[Part]] = {}
        flow, reads, layout = proof.flow, proof.reads, proof.layout
        later: list[tuple[str, tuple[str, object]]] = []
        for node_id in layout.order:
            tracked = layout.tracked_after[node_id]
            if not flow.is_outcome(node_id):
                names: set[str] = set()
                for route in flow.routes[node_id]:
                    if route.when is not None:
                        names |= reads.reads(route.when.names)
                for name in names & tracked:
                    self._index.setdefault(name, []).append((node_id, None))
                continue
            for names_read, decision in self._outcome_decisions(node_id):
                for name in names_read & tracked:
                    later.append((name, (node_id, decision)))
        for name, key in later:
            self._index.setdefault(name, []).append(key)

    def _outcome_decisions(self, node_id: str) -> list[tuple[frozenset[str], object]]:
        proof = self.proof
        flow, reads = proof.flow, proof.reads
        items, exports = proof.outcome_items, proof.exports
        found: list[tuple[frozenset[str], object]] = []
        for member in proof.settling.open_members(node_id):
            if member < len(items):
                condition = items[member][2]
                found.append((reads.reads(condition.names), condition))
            else:
                derived_id = exports[member - len(items)]
                found.append((reads.name_reads(derived_id), derived_id))
        for section in flow.sections.get(node_id, ()):
            if section.when is not None:
                found.append((reads.reads(section.when.names), section.when))
        return found

    def reading(self, variable: str) -> Iterator[list[Part]]:
        for node_id, decision in self._index.get(variable, ()):
            key = (node_id, id(decision))
            parts = self._parts.get(key)
            if parts is None:
                parts = self._work_out(node_id, decision)
                self._parts[key] = parts
            yield parts

    def _work_out(self, node_id: str, decision: object) -> list[Part]:
        proof = self.proof
        reach, bdd = proof.reach, proof.bdd
        if decision is None:
            # Split by where the answers go, not by which route: two routes to the same node
            # take the same path, so an answer that only moves a set from one to the other
            # changes nothing.
            taken = reach.routes[node_id].taken
            by_target: dict[str, Function] = {}
            for route in proof.flow.routes[node_id]:
                if route.index in taken:
                    going = by_target.get(route.to, bdd.false)
                    by_target[route.to] = going | taken[route.index]
            return [(going, bdd.true) for going in by_target.values()]
        after = reach.after[node_id]
        tracked = proof.layout.tracked_after[node_id]
        if isinstance(decision, str):
            valuation = proof.meanings.valuation(decision)
            mask = reach.unasked_mask(frozenset({decision}), tracked)
            return [
                (after, bdd.let(mask, answers) if mask else answers)
                for _, answers in valuation.values
            ]
        assert isinstance(decision, Condition)
        meaning = reach.meaning_at(decision, tracked)
        return [(after, meaning.true), (after, ~meaning.true)]
