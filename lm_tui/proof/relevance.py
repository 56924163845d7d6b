"""Questions that cannot change the outcome: asked, yet no answer to them changes anything.

The contract's design rule is to ask only what can change the outcome. A question's answer can
change it only through a decision that reads it (directly or through derived values): a route
taken (which also decides the questions that follow), a recommendation or pitfall given, an
exported value, a section shown. For each such decision, the answers reaching it are split by
what is decided (route taken; item given or not; value exported); the question matters there
exactly when two answer sets that differ only in this question's answer fall on different
sides, which is one intersection of the parts with the question's answer forgotten.

A question asked at several nodes is judged once, over all of them: it is reported only when it
changes nothing wherever it is asked (a conservative choice: no false warning).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lm_tui.proof.encoding import Function
from lm_tui.proof.findings import Finding, show_path

if TYPE_CHECKING:
    from lm_tui.proof.prove import Proof


def questions_that_cannot_matter(proof: Proof) -> Iterator[Finding]:
    flow, reach = proof.flow, proof.reach
    askers: dict[str, list[str]] = {}
    for node_id in proof.layout.order:
        variable = flow.asked_variable(node_id)
        if variable is not None and reach.after[node_id] != proof.bdd.false:
            askers.setdefault(variable, []).append(node_id)
    for variable, nodes in askers.items():
        if _can_matter(proof, variable):
            continue
        for node_id in nodes:
            answers, path = proof.examples.find(node_id, reach.after[node_id], asked_here=True)
            yield Finding(
                f"nodes.{node_id}",
                f"asks '{variable}', but no answer to it can change the outcome "
                "(recommendations, pitfalls, exported values, sections or the route taken), "
                f"e.g. {show_path(path)}; ask only what can change the outcome",
                answers,
                path,
                warning=True,
            )


def _can_matter(proof: Proof, variable: str) -> bool:
    for parts in _decisions_reading(proof, variable):
        if _split_by(proof, variable, parts):
            return True
    return False


def _split_by(proof: Proof, variable: str, parts: list[Function]) -> bool:
    """Two parts hold answer sets that differ only in `variable`'s answer."""
    bdd, encoding = proof.bdd, proof.encoding
    asked = encoding.asked(variable)
    bits = encoding.bits[variable]
    forgotten = [bdd.exist(bits, part & asked) for part in parts]
    forgotten = [part for part in forgotten if part != bdd.false]
    for position, first in enumerate(forgotten):
        for second in forgotten[position + 1 :]:
            proof.report.checks += 1
            if first & second != bdd.false:
                return True
    return False


def _decisions_reading(proof: Proof, variable: str) -> Iterator[list[Function]]:
    """For each decision that reads the variable where it may be known: its parts."""
    flow, reach, reads, layout = proof.flow, proof.reach, proof.reads, proof.layout
    for node_id in layout.order:
        tracked = layout.tracked_after[node_id]
        if variable not in tracked:
            continue
        after = reach.after[node_id]
        if after == proof.bdd.false:
            continue
        if not flow.is_outcome(node_id):
            routes = flow.routes[node_id]
            if any(
                r.when is not None and variable in reads.reads(r.when.names) for r in routes
            ):
                yield list(reach.routes[node_id].taken.values())
            continue
        conditions = [
            *flow.recommendation_conditions.values(),
            *flow.pitfall_conditions.values(),
            *(s.when for s in flow.sections.get(node_id, ()) if s.when is not None),
        ]
        for condition in conditions:
            if variable in reads.reads(condition.names):
                meaning = reach.meaning_at(condition, tracked)
                yield [after & meaning.true, after & ~meaning.true]
        for derived_id, derived in flow.derived.items():
            if derived.export and variable in reads.name_reads(derived_id):
                valuation = proof.meanings.valuation(derived_id)
                mask = reach.unasked_mask(frozenset({derived_id}), tracked)
                yield [
                    after & (proof.bdd.let(mask, answers) if mask else answers)
                    for _, answers in valuation.values
                ]
