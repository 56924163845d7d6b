"""Locked facts that give a scored answer away: the flow asks the fact's question only on paths
through the decision's expected answer, so a trainee who reads the fact in the brief knows it.

Example: a case that locks "CSF flow restored: no" while it scores "CSF flow". The flow asks
whether flow was restored only when flow is obstructed, so the brief already says "obstructed".

How it is decided, for any flow: for each scored decision on the expected path and each fact the
expected path fills in after it, every answer to the decision is tried from the point where the
expected path asks it. From there the walk follows the flow's routes: the case's facts fill
themselves in where their node accepts them, and every other question (other decisions included:
the trainee may answer them any way) branches over the answers tried for it (tried_answers.py),
which are enough to decide every route. The fact gives the decision away when only accepted answers
(the expected one and `also_accept`) can lead to a node asking it, and some answer it rules out
does not score. A fact that rules out only some wrong answers (a fact asked on the good branch
rules out KPS 0) narrows the choice without giving it away, and is allowed; so is a fact that
rules out only answers the case accepts anyway.

Only the routes decide which questions come, so only the routes' conditions choose the values
tried for a multi-select. A search that would take more than MAX_STEPS steps is given up without
a verdict (the fact is not reported): refusing a sound case on a guess would be worse than
missing a leak in a flow too large to search this way. No library searches a flow's paths for
us: this is the engine's own routing (Evaluator.route) walked over the tried answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import is_valid
from lm_tui.flow.errors import Problem
from lm_tui.flow.evaluation import Evaluator, UndecidedRoute
from lm_tui.flow.values import Missing, Value
from lm_tui.session.engine import Session
from lm_tui.teaching.case_values import shown_value
from lm_tui.teaching.tried_answers import TooLarge, TriedAnswers

MAX_STEPS = 20_000
"""Nodes one decision's search may visit before it gives up without a verdict."""


@dataclass(frozen=True)
class RevealedAnswer:
    """A locked fact whose question is asked only after accepted answers to a scored decision."""

    fact: str
    decision: str
    still_possible: tuple[Value, ...]
    """The answers to the decision under which the fact's question can come: accepted ones."""


class _Searcher:
    """The searches of one case: the flow's graph and the answers tried."""

    def __init__(self, flow: Flow, locked: Mapping[str, Value]) -> None:
        self.flow = flow
        self.locked = locked
        self.tried = TriedAnswers(flow)
        self.steps = 0

    @cached_property
    def successors(self) -> Mapping[str, frozenset[str]]:
        return {
            node: frozenset(route.to for route in routes)
            for node, routes in self.flow.routes.items()
        }

    def reaches(self, start: str, targets: frozenset[str]) -> bool:
        """Whether the graph has any way from `start` to one of `targets` (routes ignored)."""
        seen = {start}
        todo = [start]
        while todo:
            node = todo.pop()
            if node in targets:
                return True
            for following in self.successors.get(node, ()):
                if following not in seen:
                    seen.add(following)
                    todo.append(following)
        return False

    def values(self, variable: str, node: str) -> list[Value]:
        """The answers tried at `node`: enough to decide every route of the flow."""
        return self.tried.domain(variable, node)

    def asks_fact(
        self, node: str, answers: dict[str, Value], targets: frozenset[str], fact: str
    ) -> bool:
        """Whether some way of answering the questions from `node` on reaches a node asking
        `fact`, with the locked facts filled in wherever their node accepts them."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooLarge(f"more than {MAX_STEPS} steps")
        if node in targets:
            return True
        if self.flow.is_outcome(node) or not self.reaches(node, targets):
            return False
        variable = self.flow.asked_variable(node)
        if variable is None:
            return self.asks_fact(self.next_node(node, answers), answers, targets, fact)
        if variable in answers:  # a declared loop asking again: the walk keeps the answer
            return self.asks_fact(self.next_node(node, answers), answers, targets, fact)
        locked = self.locked.get(variable)
        if locked is not None and is_valid(self.flow, node, locked):
            choices: Sequence[Value] = [locked]
        else:
            choices = self.values(variable, node)
        for value in choices:
            answers[variable] = value
            try:
                if self.asks_fact(self.next_node(node, answers), answers, targets, fact):
                    return True
            finally:
                del answers[variable]
        return False

    def next_node(self, node: str, answers: Mapping[str, Value]) -> str:
        try:
            route = Evaluator(self.flow, answers).route(node)
        except UndecidedRoute as error:  # an unverified flow: no verdict rather than a guess
            raise TooLarge(str(error)) from None
        if isinstance(route, Missing):
            raise TooLarge(f"the routes at '{node}' read an answer this search did not give")
        return route.to


def revealed_answers(
    flow: Flow,
    expected_path: Session,
    locked: Mapping[str, Value],
    accepted: Mapping[str, tuple[Value, ...]],
) -> list[RevealedAnswer]:
    """Every (fact, decision) pair where the fact gives the decision's answer away.

    `expected_path` is the completed session of a trainee who decided everything as expected;
    `locked` the case's facts; `accepted` the answers that score, per scored decision, in the
    engine's form.
    """
    steps = list(expected_path.path)
    found: list[RevealedAnswer] = []
    for position, step in enumerate(steps):
        decision = step.variable
        if decision is None or decision not in accepted:
            continue
        before = {
            s.variable: s.value for s in steps[:position] if s.variable and s.value is not None
        }
        later_facts = [
            s.variable
            for s in steps[position + 1 :]
            if s.variable is not None and s.variable in locked and s.variable not in before
        ]
        for fact in dict.fromkeys(later_facts):
            scoring = accepted[decision]
            tried, possible = _answers_leading_to(
                flow, locked, step.node, decision, before, fact, scoring
            )
            gives_away = all(value in scoring for value in possible)
            rules_out_a_wrong_one = any(v not in scoring for v in tried if v not in possible)
            if possible and gives_away and rules_out_a_wrong_one:
                found.append(RevealedAnswer(fact, decision, possible))
    return found


def _answers_leading_to(
    flow: Flow,
    locked: Mapping[str, Value],
    node: str,
    decision: str,
    before: Mapping[str, Value],
    fact: str,
    scoring: tuple[Value, ...],
) -> tuple[tuple[Value, ...], tuple[Value, ...]]:
    """The answers tried for `decision` (asked at `node`): the verifier's values and the ones
    that score, and those after which `fact` can be asked; both empty when the search is too
    large to say."""
    searcher = _Searcher(flow, locked)
    targets = frozenset(n for n in flow.nodes if flow.asked_variable(n) == fact)
    possible: list[Value] = []
    try:
        tried = list(dict.fromkeys([*searcher.values(decision, node), *scoring]))
        for value in tried:
            answers = {**before, decision: value}
            if searcher.asks_fact(searcher.next_node(node, answers), answers, targets, fact):
                possible.append(value)
    except TooLarge:
        return (), ()
    return tuple(tried), tuple(possible)


def revealing_problems(revealed: Sequence[RevealedAnswer], flow: Flow) -> list[Problem]:
    """One problem per revealing fact, placed at the fact in `[given]`."""
    problems = []
    for item in revealed:
        label = flow.variables[item.decision].label
        fact_label = flow.variables[item.fact].label

        answers = " or ".join(
            f"'{shown_value(flow, item.decision, value)}'" for value in item.still_possible
        )
        when = f"only when '{label}' is {answers}"
        problems.append(
            Problem(
                f"given.{item.fact}",
                f"reveals the scored decision '{item.decision}': the flow asks "
                f"'{fact_label}' {when}, so the brief's list of facts gives that answer away; "
                "move the fact to [expected] (the trainee reads it from the vignette) or "
                "leave it out",
            )
        )
    return problems
