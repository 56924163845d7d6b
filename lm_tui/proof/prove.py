"""The per-node proof: every check a question about the sets of answers reaching the nodes.

See the package docstring for the design. This module runs the checks in a fixed order and
words what they find; one problem per place and kind, each with a counter-example.
"""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import And, Condition
from lm_tui.garbage_collection import paused_collection
from lm_tui.proof.encoding import Encoding, Function
from lm_tui.proof.examples import Examples
from lm_tui.proof.findings import Finding, ProofReport, show_answers, show_path
from lm_tui.proof.graph import check_graph, undeclared_sources
from lm_tui.proof.layout import Layout, Reads, lay_out
from lm_tui.proof.manager import disjoint, first_assignment, new_manager
from lm_tui.proof.meanings import Meanings
from lm_tui.proof.paths import count_paths, list_paths
from lm_tui.proof.reach import Reach
from lm_tui.proof.relevance import questions_that_cannot_matter
from lm_tui.proof.settling import Settling


class Proof:
    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.report = ProofReport(flow)
        self._places: set[tuple[str, str]] = set()
        self.reads = Reads(flow)
        # The order is topological only once the graph checks passed (no undeclared cycle).
        graph = check_graph(flow)
        self.graph = graph
        self.layout: Layout = lay_out(flow, self.reads) if graph.ok else Layout([], {}, {}, {})
        bdd = new_manager()
        self.encoding = Encoding(flow, bdd, _question_order(flow, self.layout.order))
        self.bdd = bdd
        self.meanings = Meanings(flow, self.encoding)
        self.reach = Reach(flow, self.encoding, self.meanings, self.reads, self.layout)
        self.examples = Examples(self.reach)
        self.settling = Settling(self.reach)
        self.outcome_items: list[tuple[str, str, Condition]] = []
        self.exports: list[str] = []

    # --- entry ------------------------------------------------------------------------------

    def run(self) -> ProofReport:
        for where, message in undeclared_sources(self.flow):
            self._add(Finding(where, message))
        graph = self.graph
        for where, message in graph.problems:
            self._add(Finding(where, message))
        self._check_derived_tables()
        if graph.ok:
            self.reach.run()
            self._check_questions_and_routes()
            self._check_outcomes()
            self._check_reached_nodes(graph.reachable)
            self.report.path_count = count_paths(self.flow, self.reach)
            for finding in questions_that_cannot_matter(self):
                self.report.warnings.append(finding)
        return self.report

    def _add(self, finding: Finding, kind: str | None = None) -> None:
        key = (finding.where, kind or finding.message)
        if key in self._places:
            return
        self._places.add(key)
        self.report.problems.append(finding)

    def _empty(self, answers: Function) -> bool:
        self.report.checks += 1
        return bool(answers == self.bdd.false)

    def _disjoint(self, first: Function, second: Function) -> bool:
        """`_empty(first & second)`, decided without building the intersection."""
        self.report.checks += 1
        return disjoint(first, second)

    # --- questions and routes -------------------------------------------------------------------

    def _check_questions_and_routes(self) -> None:
        flow, reach = self.flow, self.reach
        for node_id in self.layout.order:
            again = reach.asked_again.get(node_id)
            if again is not None and not self._empty(again):
                answers, path = self.examples.find(node_id, again, asked_here=False)
                variable = flow.asked_variable(node_id)
                asker = next(p for p in path if flow.asked_variable(p) == variable)
                self._add(
                    Finding(
                        f"nodes.{node_id}",
                        f"asks '{variable}' again on a path that already asked it at '{asker}'",
                        answers,
                        path,
                    ),
                    "asks again",
                )
            sets = reach.routes.get(node_id)
            if sets is None or not any(r.when is not None for r in flow.routes[node_id]):
                continue
            where = f"nodes.{node_id}.routes"
            reads = self.reads.reads(
                frozenset().union(*(r.when.names for r in flow.routes[node_id] if r.when))
            )
            for first, second, both in sets.overlaps:
                answers, path = self.examples.find(node_id, both, asked_here=True)
                self._add(
                    Finding(
                        where,
                        f"routes[{first}] and routes[{second}] both apply when "
                        f"{show_answers(answers, reads)} ({show_path(path)})",
                        answers,
                        path,
                    ),
                    f"routes[{first}] and routes[{second}] both apply",
                )
            if not self._empty(sets.undecided):
                answers, path = self.examples.find(node_id, sets.undecided, asked_here=True)
                unasked = sorted(reads - set(answers))
                self._add(
                    Finding(
                        where,
                        f"read {', '.join(unasked)}, not asked {show_path(path)} "
                        f"(when {show_answers(answers, reads)}); guard the read or ask it first",
                        answers,
                        path,
                    ),
                    "not asked",
                )
            if not self._empty(sets.none):
                answers, path = self.examples.find(node_id, sets.none, asked_here=True)
                self._add(
                    Finding(
                        where,
                        f"no route applies when {show_answers(answers, reads)} ({show_path(path)})",
                        answers,
                        path,
                    ),
                    "no route applies",
                )

    def _check_reached_nodes(self, reachable: set[str]) -> None:
        for node_id in self.flow.nodes:
            if node_id == self.flow.start or node_id not in reachable:
                continue
            if self._empty(self.reach.before.get(node_id, self.bdd.false)):
                self._add(
                    Finding(
                        f"nodes.{node_id}",
                        "is never reached: no answers make a route into it apply",
                    )
                )

    # --- outcomes -------------------------------------------------------------------------------

    def _check_outcomes(self) -> None:
        flow, bdd = self.flow, self.bdd
        items: list[tuple[str, str, Condition]] = [
            (f"recommendations.{rec_id}", f"recommendations.{rec_id}.when", condition)
            for rec_id, condition in flow.recommendation_conditions.items()
        ] + [
            (f"pitfalls.{pit_id}", f"pitfalls.{pit_id}.when", condition)
            for pit_id, condition in flow.pitfall_conditions.items()
        ]
        exports = [d for d, derived in flow.derived.items() if derived.export]
        settling = self.settling
        for position, (_, _, condition) in enumerate(items):
            root = condition.root
            settling.add(position, root.items[0] if isinstance(root, And) else root, False)
        for position, derived_id in enumerate(exports, start=len(items)):
            first = flow.rules[derived_id][0].when
            if first is not None:  # a first row `otherwise = true` is known everywhere
                settling.add(position, first.root, True)
        settling.run()
        self.outcome_items, self.exports = items, exports
        reached: set[str] = set()
        for node_id in self.layout.order:
            if not flow.is_outcome(node_id):
                continue
            answers_here = self.reach.after[node_id]
            if answers_here == bdd.false:
                continue
            tracked = self.layout.tracked_after[node_id]
            checked = [items[m] for m in settling.open_members(node_id) if m < len(items)]
            checked += [
                (where, where, section.when)
                for position, section in enumerate(flow.sections.get(node_id, ()))
                if section.when is not None
                for where in [f"nodes.{node_id}.sections[{position}].when"]
            ]
            for item_id, where, condition in checked:
                meaning = self.reach.meaning_at(condition, tracked)
                if (
                    item_id not in reached
                    and not item_id.startswith("nodes.")
                    and not self._disjoint(answers_here, meaning.true)
                ):
                    reached.add(item_id)
                # Undecided: neither true nor false. That set is the condition's own (small),
                # so only the test meets the node's answers, and builds nothing.
                unknown = self.reach.unknown(meaning)
                if not self._disjoint(answers_here, unknown):
                    self._undecided(where, node_id, answers_here & unknown, condition.names)
            for member in settling.open_members(node_id):
                if member < len(items):
                    continue
                derived_id = exports[member - len(items)]
                valuation = self.meanings.valuation(derived_id)
                mask = self.reach.unasked_mask(frozenset({derived_id}), tracked)
                unknown = bdd.let(mask, valuation.unknown) if mask else valuation.unknown
                if not self._disjoint(answers_here, unknown):
                    self._undecided(
                        f"derived.{derived_id}",
                        node_id,
                        answers_here & unknown,
                        frozenset({derived_id}),
                    )
        for rec_id in flow.recommendations:
            if f"recommendations.{rec_id}" not in reached:
                self._add(
                    Finding(f"recommendations.{rec_id}", "is never given: no answers reach it")
                )
        for pit_id in flow.pitfalls:
            if f"pitfalls.{pit_id}" not in reached:
                self._add(Finding(f"pitfalls.{pit_id}", "is never raised: no answers reach it"))

    def _undecided(
        self, where: str, node_id: str, undecided: Function, names: frozenset[str]
    ) -> None:
        if (where, "may not be asked") in self._places:
            return
        answers, path = self.examples.find(node_id, undecided, asked_here=True)
        reads = self.reads.reads(names)
        unasked = sorted(reads - set(answers))
        self._add(
            Finding(
                where,
                f"reads {', '.join(unasked) or 'an answer'}, which may not be asked "
                f"{show_path(path)} (e.g. {show_answers(answers, reads)}); guard the read "
                "with the condition that decides whether it is asked",
                answers,
                path,
            ),
            "may not be asked",
        )

    # --- derived tables -------------------------------------------------------------------------

    def _check_derived_tables(self) -> None:
        """A table without `otherwise` must give a row for every combination of its inputs
        (every input counts as asked: totality is about the table, not about a path)."""
        flow, bdd, encoding = self.flow, self.bdd, self.encoding
        first_asker: dict[str, str] = {}
        for node_id in flow.nodes:
            variable = flow.asked_variable(node_id)
            if variable is not None:
                first_asker.setdefault(variable, node_id)
        for derived_id, rules in flow.rules.items():
            if rules and rules[-1].when is None:
                continue
            inputs = self.reads.name_reads(derived_id)
            if any(name not in first_asker for name in inputs):
                continue
            every = bdd.true
            for name in inputs:
                every &= encoding.domain(name, first_asker[name])
            valuation = self.meanings.valuation(derived_id)
            gap = every & (valuation.no_row | valuation.unknown)
            if self._empty(gap):
                continue
            assignment = first_assignment(gap, encoding.all_bits(inputs))
            answers = encoding.decode(assignment, sorted(inputs))
            self._add(
                Finding(
                    f"derived.{derived_id}.rules",
                    f"no rule applies when {show_answers(answers)}; add a last "
                    "`otherwise = true` row",
                    answers,
                ),
                "no rule applies",
            )


def _question_order(flow: Flow, order: list[str]) -> list[str]:
    """The flow's variables, those asked first first; the diagram keeps them in this order."""
    seen: dict[str, None] = {}
    for node_id in order:
        variable = flow.asked_variable(node_id)
        if variable is not None:
            seen.setdefault(variable)
    for variable in flow.variables:
        seen.setdefault(variable)
    return list(seen)


def prove(flow: Flow) -> ProofReport:
    """Run every check; the report lists all problems and warnings found."""
    with paused_collection():
        return Proof(flow).run()


def prove_and_list(
    flow: Flow, limit: int | None = None
) -> tuple[ProofReport, list[tuple[str, ...]]]:
    """The report and the distinct paths (at most `limit`), as `lm-tui paths --list` shows them."""
    with paused_collection():
        proof = Proof(flow)
        report = proof.run()
        if not proof.graph.ok:
            return report, []
        return report, list(list_paths(flow, proof.reach, limit))
