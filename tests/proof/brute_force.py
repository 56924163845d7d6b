"""The brute-force reference for small flows: every combination of every answer, walked.

No cleverness on purpose: each complete set of answers (one value of every variable's domain
per question, every subset of a multi-select) is walked from the start as the engine walks it,
revealing an answer only when its question is asked, and what the walk meets is recorded by
place and kind, as the proof reports it. Exponential in the number of questions: small flows only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.records import MultiVariable, NumberVariable
from lm_tui.flow.values import UNKNOWN, Value
from lm_tui.proof.graph import check_graph


def domain(flow: Flow, variable_id: str) -> list[Value]:
    variable = flow.variables[variable_id]
    if isinstance(variable, NumberVariable):
        count = int((variable.max - variable.min) / variable.step)
        return [variable.min + i * variable.step for i in range(count + 1)]
    values = [choice.value for choice in variable.choices]
    if isinstance(variable, MultiVariable):
        return [
            frozenset(chosen)
            for size in range(len(values) + 1)
            for chosen in itertools.combinations(values, size)
        ]
    return list(values)


def every_answer_set(flow: Flow) -> Iterator[dict[str, Value]]:
    names = sorted(flow.variables)
    for values in itertools.product(*(domain(flow, name) for name in names)):
        yield dict(zip(names, values, strict=True))


def accepted(flow: Flow, node_id: str, value: Value) -> bool:
    """The node accepts this answer (its options; a multi-select's minimum)."""
    variable_id = flow.asked_variable(node_id)
    assert variable_id is not None
    variable = flow.variables[variable_id]
    offered = set(flow.offered_values(node_id))
    if isinstance(variable, MultiVariable):
        assert isinstance(value, frozenset)
        return value <= offered and len(value) >= variable.min_selected
    if isinstance(variable, NumberVariable):
        return True
    return value in offered


class BruteForce:
    """What walking every answer set meets, as sets of (place, kind)."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.found: set[tuple[str, str]] = set()
        self.visited: set[str] = set()
        self.reached: set[str] = set()
        for full in every_answer_set(flow):
            self._walk(flow.start, {}, full, 0)
        for rec_id in flow.recommendations:
            if f"recommendations.{rec_id}" not in self.reached:
                self.found.add((f"recommendations.{rec_id}", "never given"))
        for pit_id in flow.pitfalls:
            if f"pitfalls.{pit_id}" not in self.reached:
                self.found.add((f"pitfalls.{pit_id}", "never raised"))
        self._tables()
        graph = check_graph(flow)  # the graph checks are shared: not what is compared here
        self.found |= {(where, kind(message)) for where, message in graph.problems}
        for node_id in graph.reachable - self.visited:
            self.found.add((f"nodes.{node_id}", "never reached"))

    def _walk(
        self, node_id: str, answers: dict[str, Value], full: dict[str, Value], depth: int
    ) -> None:
        flow = self.flow
        assert depth < 200, "a cycle: brute force walks only acyclic flows"
        variable = flow.asked_variable(node_id)
        if variable is not None:
            if not accepted(flow, node_id, full[variable]):
                return  # this answer set is not one this node can be given
            if variable in answers:
                self.visited.add(node_id)
                self.found.add((f"nodes.{node_id}", "asks again"))
                return
            answers = {**answers, variable: full[variable]}
        self.visited.add(node_id)
        lookup = Evaluator(flow, answers).lookup
        if flow.is_outcome(node_id):
            self._outcome(node_id, lookup)
            return
        routes = flow.routes[node_id]
        states = [(r, r.when.evaluate(lookup) if r.when is not None else None) for r in routes]
        where = f"nodes.{node_id}.routes"
        true = [r for r, state in states if state is True]
        if len(true) > 1:
            self.found.add((where, "both apply"))
        if any(state is UNKNOWN for _, state in states):
            self.found.add((where, "not asked"))
            return  # the engine waits for an answer this path never asks
        fallback = [r for r, state in states if state is None]
        if not true and not fallback:
            self.found.add((where, "no route applies"))
            return
        for route in true or fallback:
            if not route.cycle:
                self._walk(route.to, answers, full, depth + 1)

    def _outcome(self, node_id: str, lookup: object) -> None:
        flow = self.flow
        evaluate = lookup  # type: ignore[assignment]
        items = [
            *((f"recommendations.{k}", c) for k, c in flow.recommendation_conditions.items()),
            *((f"pitfalls.{k}", c) for k, c in flow.pitfall_conditions.items()),
        ]
        for item_id, condition in items:
            state = condition.evaluate(evaluate)  # type: ignore[arg-type]
            if state is UNKNOWN:
                self.found.add((f"{item_id}.when", "may not be asked"))
            elif state is True:
                self.reached.add(item_id)
        for position, section in enumerate(flow.sections.get(node_id, ())):
            if section.when is not None and section.when.evaluate(evaluate) is UNKNOWN:  # type: ignore[arg-type]
                self.found.add((f"nodes.{node_id}.sections[{position}].when", "may not be asked"))
        for derived_id, derived in flow.derived.items():
            if derived.export and evaluate(derived_id) is UNKNOWN:  # type: ignore[operator]
                self.found.add((f"derived.{derived_id}", "may not be asked"))

    def _tables(self) -> None:
        """A table without `otherwise`: some combination of its inputs meets no row."""
        flow = self.flow
        for derived_id, rules in flow.rules.items():
            if rules[-1].when is None:
                continue
            for full in every_answer_set(flow):
                lookup = Evaluator(flow, full).lookup
                if not any(
                    rule.when is not None and rule.when.evaluate(lookup) is True for rule in rules
                ):
                    self.found.add((f"derived.{derived_id}.rules", "no rule applies"))
                    break


KINDS = (
    "from the start node",
    "both apply",
    "not asked",
    "no route applies",
    "no rule applies",
    "may not be asked",
    "asks '",
    "never given",
    "never raised",
    "never reached",
    "dead end",
    "undeclared cycle",
    "cites",
)


def kind(message: str) -> str:
    """The kind of a reported problem, as brute force names it."""
    for name in KINDS:
        if name in message:
            return "asks again" if name == "asks '" else name
    return message


def outcome_of(flow: Flow, full: dict[str, Value]) -> tuple[object, ...] | None:
    """What the answers decide, walked to the end: the path, the recommendations, pitfalls,
    exported values and sections; None where the walk stops short (a sound flow never does)."""
    answers: dict[str, Value] = {}
    node_id = flow.start
    path = [node_id]
    while True:
        variable = flow.asked_variable(node_id)
        if variable is not None:
            if not accepted(flow, node_id, full[variable]):
                return None
            answers[variable] = full[variable]
        evaluator = Evaluator(flow, answers)
        if flow.is_outcome(node_id):
            exports = tuple(
                (derived_id, evaluator.lookup(derived_id))
                for derived_id, derived in flow.derived.items()
                if derived.export
            )
            sections = tuple(title for title, _, _ in evaluator.sections(node_id))
            return (
                tuple(path),
                tuple(evaluator.recommendations()),
                tuple(evaluator.pitfalls()),
                exports,
                sections,
            )
        route = evaluator.route(node_id)
        if route is UNKNOWN:
            return None
        assert not isinstance(route, type(UNKNOWN))
        node_id = route.to
        path.append(node_id)


def questions_that_cannot_matter(flow: Flow) -> set[str]:
    """Nodes whose question no answer changes the outcome of, for any other answers."""
    matters: set[str] = set()
    asked_somewhere: set[str] = set()
    for full in every_answer_set(flow):
        base = outcome_of(flow, full)
        if base is None:
            continue
        asked_somewhere |= {flow.asked_variable(n) or "" for n in base[0]}  # type: ignore[attr-defined]
        for variable in flow.variables:
            if variable in matters:
                continue
            for value in domain(flow, variable):
                other = outcome_of(flow, {**full, variable: value})
                if other is not None and other != base:
                    matters.add(variable)
                    break
    return {
        f"nodes.{node_id}"
        for node_id in flow.nodes
        if (variable := flow.asked_variable(node_id)) is not None
        and variable in asked_somewhere
        and variable not in matters
    }
