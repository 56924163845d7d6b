"""The backtracking search over answer sets that every exhaustive check of the verifier runs.

A check hands over a `Space` (the names to enumerate, their values, the facts of the path that
constrain them) and a `Judge`, which looks at each partial assignment and says whether the
check is decided for every completion of it. Kleene logic is monotone: a condition decided on a
partial assignment stays decided for every completion, so the search stops early wherever it can.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.implied import Fact, Parts
from lm_tui.flow.values import UNKNOWN, Seen, TriState

MAX_TRIALS = 500_000
"""Evaluations one check may spend before it is reported as too large to prove."""


class TooLarge(Exception):
    """A check, or the flow, is too large to prove exhaustively; the message says which."""


Verdict = Literal["prune", "fail", "stop", "more"]
Judge = Callable[[Evaluator, bool, bool], Verdict]


@dataclass(frozen=True)
class Space:
    """What one check enumerates: names in search order, their domains, the facts in play."""

    order: list[str]
    domains: dict[str, list[Seen]]
    facts: list[tuple[str, int]]
    opaque: frozenset[str]
    """Derived values enumerated as names of their own instead of computed from their rules."""
    empty: bool = False
    """No answers at all are consistent with the path: every check holds vacuously."""


class Trial(Evaluator):
    """An evaluator over a search's live assignment; opaque derived values come from it.

    One trial object serves a whole search: `reset()` after each assignment forgets the derived
    values computed for the previous one, which is cheaper than building an evaluator per step.
    A derived value depends only on the names its rules read, so `tables` (shared by every
    search of one verification) remembers it by those names' values.
    """

    def __init__(
        self,
        flow: Flow,
        assignment: Mapping[str, Seen],
        opaque: frozenset[str],
        tables: Tables | None = None,
    ) -> None:
        # Base names in an assignment are always answers (only opaque derived names can hold
        # UNKNOWN or ABSENT, and those are read through `derived`), so the assignment itself
        # serves as the answers mapping.
        super().__init__(flow, assignment)  # type: ignore[arg-type]
        self._assignment = assignment
        self._opaque = opaque
        self._tables = tables or Tables(flow)
        self._rules = flow.rules
        self._inputs = self._tables.inputs
        self._remembered = self._tables.values

    def reset(self) -> None:
        self._derived.clear()

    def answered(self, answers: Mapping[str, Seen], parts: Parts) -> Trial:
        """A trial over these answers plus `answers`, which keeps the derived values already
        worked out here except those computed from the names answered."""
        later = make_trial(self.flow, {**self._assignment, **answers}, self._opaque, self._tables)
        later._derived = dict(self._derived)
        for variable in answers:
            parts.forget(later._derived, variable)
        return later

    def lookup(self, name: str) -> Seen:
        # As Evaluator.lookup, with the flow's tables held directly: searches call it millions
        # of times on a large flow.
        if name in self._rules:
            return self.derived(name)
        return self._assignment.get(name, UNKNOWN)

    def derived(self, derived_id: str) -> Seen:
        if derived_id in self._opaque:
            return self._assignment.get(derived_id, UNKNOWN)
        cached = self._derived.get(derived_id)
        if cached is not None:
            return cached
        lookup = self.lookup
        key = tuple([lookup(name) for name in self._inputs[derived_id]])
        remembered = self._remembered.get(derived_id)
        if remembered is None:
            remembered = self._remembered[derived_id] = {}
        value = remembered.get(key)
        if value is None:
            value = remembered[key] = super().derived(derived_id)
        self._derived[derived_id] = value
        return value

    def table(self, derived_id: str) -> Seen:
        """The derived value from its own rules, even when it is opaque elsewhere."""
        return Evaluator.derived(self, derived_id)


class PlainTrial(Trial):
    """A trial without opaque names, whose `lookup` finds a derived value already worked out
    in one step (only derived values are kept in `_derived`)."""

    def lookup(self, name: str) -> Seen:
        found = self._derived.get(name)
        if found is not None:
            return found
        if name in self._rules:
            return self.derived(name)
        return self._assignment.get(name, UNKNOWN)


def make_trial(
    flow: Flow, assignment: Mapping[str, Seen], opaque: frozenset[str], tables: Tables
) -> Trial:
    """The trial for a search or a sample (the faster kind when nothing is opaque)."""
    return (PlainTrial if not opaque else Trial)(flow, assignment, opaque, tables)


class Tables:
    """Derived values by the values of the names their rules read, across all searches."""

    def __init__(self, flow: Flow) -> None:
        self.inputs: dict[str, tuple[str, ...]] = {
            derived_id: tuple(
                sorted(
                    {name for rule in rules if rule.when is not None for name in rule.when.names}
                )
            )
            for derived_id, rules in flow.rules.items()
        }
        # By derived value, then by the values of its inputs (many small tables, see Parts).
        self.values: dict[str, dict[tuple[Seen, ...], Seen]] = {}


class AnswerSearch:
    """Runs the searches of one verification; the derived values they work out are shared."""

    def __init__(self, flow: Flow, parts: Parts) -> None:
        self.flow = flow
        self.parts = parts
        self.tables = Tables(flow)

    def trial(self, assignment: Mapping[str, Seen], opaque: frozenset[str]) -> Trial:
        """An evaluator over `assignment` that shares this verification's tables."""
        return make_trial(self.flow, assignment, opaque, self.tables)

    def fact_state(self, fact: Fact, evaluator: Evaluator) -> TriState:
        """Whether the route a fact took applies on these answers (one without a condition
        applies when none of the others does)."""
        node_id, index = fact
        routes = self.flow.routes[node_id]
        route = routes[index]
        if route.when is not None:
            return route.when.evaluate(evaluator.lookup)
        result: TriState = True
        for other in routes:
            if other.when is None:
                continue
            state = other.when.evaluate(evaluator.lookup)
            if state is True:
                return False
            if state is UNKNOWN:
                result = UNKNOWN
        return result

    def run(self, space: Space, judge: Judge) -> tuple[dict[str, Seen], Evaluator] | None:
        """Backtrack over the space, pruned by its facts.

        `judge(evaluator, facts_hold, leaf)` says "prune" (decided for every completion), "fail"
        (a counter-example: return it), "stop" (found what was sought) or "more" (assign
        another name). Names not in the space (variables not asked on the path) stay UNKNOWN;
        at a leaf, "more" while the facts hold is a failure.
        """
        if space.empty:
            return None
        assignment: dict[str, Seen] = {}
        trials = 0
        stopped = False
        order = space.order
        domains = space.domains
        depth = len(order)
        evaluator = make_trial(self.flow, assignment, space.opaque, self.tables)
        derived = evaluator._derived
        forget = self.parts.forget
        fact_state = self.fact_state
        # `step` reaches itself through this list, not through its own name: a function that
        # names itself is a reference cycle, which would keep every search's evaluator and
        # assignment alive until the paused collector resumes (and then cost a pass over all
        # of them); clearing the list frees them as soon as the search ends.
        again: list[Callable[[int, list[Fact]], tuple[dict[str, Seen], Evaluator] | None]] = []

        def step(position: int, pending: list[Fact]) -> tuple[dict[str, Seen], Evaluator] | None:
            # `pending`: the facts not yet true. A fact true on a partial assignment stays true
            # on every completion (Kleene monotonicity), so children only re-test the rest.
            nonlocal trials, stopped
            trials += 1
            if trials > MAX_TRIALS:
                raise TooLarge(
                    f"a check needs more than {MAX_TRIALS} trials; simplify the conditions or "
                    "use derived values"
                )
            still: list[Fact] = []
            for fact in pending:
                state = fact_state(fact, evaluator)
                if state is False:
                    return None
                if state is not True:
                    still.append(fact)
            facts_hold = not still
            leaf = position == depth
            verdict = judge(evaluator, facts_hold, leaf)
            if verdict == "prune":
                return None
            if verdict == "stop":
                stopped = True
                return None
            if verdict == "fail" or (leaf and facts_hold):
                snapshot = dict(assignment)
                return snapshot, make_trial(self.flow, snapshot, space.opaque, self.tables)
            if leaf:
                return None
            name = order[position]
            # The evaluator keeps its derived values from step to step; each change of an
            # answer forgets those computed from it (cheaper than forgetting all every step).
            for value in domains[name]:
                assignment[name] = value
                forget(derived, name)
                found = again[0](position + 1, still)
                if found is not None or stopped:
                    return found
            del assignment[name]
            forget(derived, name)
            return None

        again.append(step)
        try:
            return step(0, list(space.facts))
        finally:
            again.clear()
