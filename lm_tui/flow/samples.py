"""Sample answer sets: a few concrete answer sets carried along each path as witnesses.

Whatever holds on a sample that follows a path can hold on that path, so samples show most
items and routes reachable without an exhaustive search; what no sample shows is still searched
exactly. Samples only make the proof faster: the results never depend on them. They are drawn
from one seeded random generator, so a flow gets the same samples, in the same order, each run.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from math import prod

from lm_tui.flow.answer_search import AnswerSearch, Trial
from lm_tui.flow.cones import Cones
from lm_tui.flow.definition import Flow
from lm_tui.flow.implied import Fact, allowed
from lm_tui.flow.records import MultiVariable, NumberVariable
from lm_tui.flow.search_spaces import SearchSpaces
from lm_tui.flow.tried_values import TriedValues
from lm_tui.flow.values import Seen

SAMPLE_STEPS = 100
"""Steps one sample answer set may take before sampling gives up (the exact search remains)."""

FRESH_SAMPLES = 2
"""Sample answer sets drawn afresh where a path has none left."""

POOL = 8
"""Sample answer sets carried along a path as witnesses."""


class Samples:
    """Draws, extends and remembers the sample answer sets of one verification."""

    def __init__(
        self,
        flow: Flow,
        cones: Cones,
        tried: TriedValues,
        search: AnswerSearch,
        spaces: SearchSpaces,
    ) -> None:
        self.flow = flow
        self.cones = cones
        self.tried = tried
        self.search = search
        self.spaces = spaces
        self._memo: dict[tuple[str, str], list[Seen]] = {}
        # Samples only speed things up; results never depend on them.
        self._random = random.Random(0)

    def draw(
        self, nodes: tuple[str, ...], asked: Mapping[str, str], facts: tuple[Fact, ...], wanted: int
    ) -> list[dict[str, Seen]]:
        """A few concrete answer sets that follow this path (every fact on it true).

        Found by walking the path as a user would, answering each question with a value from a
        shuffled list and backing up when a route taken on the path would not be taken. Each
        one is a witness: whatever holds on it can hold on the path. Used to show items and
        routes reachable without an exhaustive search; what no sample shows is still searched.
        """
        order = [self.flow.asked_variable(n) for n in nodes]
        variables = [
            v for v, n in zip(order, nodes, strict=True) if v is not None and asked.get(v) == n
        ]
        position = {name: index for index, name in enumerate(variables)}
        checks: dict[int, list[Fact]] = {}
        for fact in facts:
            # Checked once every answer it may read is given (an answer the path does not ask
            # stays UNKNOWN; a fact that needs it is never true, and sampling fails).
            names = self.cones.fact_expanded(fact).variables & position.keys()
            checks.setdefault(max((position[n] for n in names), default=-1), []).append(fact)
        fact_state = self.search.fact_state
        found: list[dict[str, Seen]] = []
        for _ in range(wanted):
            assignment: dict[str, Seen] = {}
            evaluator = self.search.trial(assignment, frozenset())
            budget = [SAMPLE_STEPS]
            limits = self.spaces.limits(facts)
            domains = [allowed(self.values(name, asked[name]), limits, name) for name in variables]

            again: list[Callable[[int], bool]] = []  # not its own name: see AnswerSearch.run

            def fill(
                index: int,
                again: list[Callable[[int], bool]] = again,
                domains: list[list[Seen]] = domains,
                assignment: dict[str, Seen] = assignment,
                evaluator: Trial = evaluator,
                budget: list[int] = budget,
            ) -> bool:
                budget[0] -= 1
                if budget[0] < 0:
                    return False
                evaluator.reset()
                for fact in checks.get(index - 1, ()):
                    if fact_state(fact, evaluator) is not True:
                        return False
                if index == len(variables):
                    return True
                name = variables[index]
                for value in domains[index]:
                    assignment[name] = value
                    if again[0](index + 1):
                        return True
                assignment.pop(name, None)
                return False

            again.append(fill)
            filled = fill(0)
            again.clear()
            if not filled:
                break
            found.append(dict(assignment))
        return found

    def fresh(
        self, nodes: tuple[str, ...], asked: Mapping[str, str], facts: tuple[Fact, ...]
    ) -> list[Trial]:
        return [self.witness(sample) for sample in self.draw(nodes, asked, facts, FRESH_SAMPLES)]

    def extend(
        self, pool: tuple[Trial, ...], questions: Sequence[tuple[str, str]]
    ) -> tuple[Trial, ...]:
        """The pool's answer sets, each answered with random values to `questions` (variables
        and the nodes asking them) in a few ways: at most 8 answer sets in all."""
        if not questions:
            return pool
        choices = [(variable, self.choices(variable, node_id)) for variable, node_id in questions]
        ways = prod(len(values) for _, values in choices)
        if not ways:
            return ()
        per_sample = max(1, min(ways, POOL // max(1, len(pool))))
        pick, parts = self._random.choice, self.search.parts
        extended = []
        for sample in pool:
            if len(choices) == 1:
                # Different values for one question (random.sample picks in a random order).
                variable, values = choices[0]
                picks = [{variable: value} for value in self._random.sample(values, per_sample)]
            else:
                picks = [
                    {name: pick(values) for name, values in choices} for _ in range(per_sample)
                ]
            extended += [sample.answered(answers, parts) for answers in picks]
        return tuple(extended)

    def choices(self, variable: str, node_id: str) -> list[Seen]:
        """The values a sample may give `variable` at `node_id`, in no particular order."""
        values = self._memo.get((variable, node_id))
        if values is None:
            values = self.values(variable, node_id)  # remembers them
        return values

    def witness(self, sample: dict[str, Seen]) -> Trial:
        """A sample answer set as the pool carries it: with the derived values it gives, worked
        out once and kept, since the answers of a sample never change."""
        return self.search.trial(sample, frozenset())

    def values(self, name: str, node_id: str) -> list[Seen]:
        """Values to try for a variable asked at a node in a sample, in a random order."""
        cached = self._memo.get((name, node_id))
        if cached is None:
            cached = self._memo[(name, node_id)] = self._values_uncached(name, node_id)
        values = list(cached)
        self._random.shuffle(values)
        return values

    def _values_uncached(self, name: str, node_id: str) -> list[Seen]:
        variable = self.flow.variables[name]
        values: list[Seen]
        if isinstance(variable, NumberVariable):
            values = list(self.tried.numbers(name))
        else:
            offered = list(self.flow.offered_values(node_id))
            if isinstance(variable, MultiVariable):
                subsets = {frozenset(), frozenset(offered)}
                subsets |= {frozenset({value}) for value in offered}
                for _ in range(3):
                    subsets.add(frozenset(v for v in offered if self._random.random() < 0.5))
                chosen = sorted((s for s in subsets if len(s) >= variable.min_selected), key=sorted)
                values = list(chosen)
            else:
                values = list(offered)
        return values


def completed(witness: Mapping[str, Seen], sample: Trial) -> dict[str, Seen]:
    """A sample answer set taking a route the exact search showed can be taken: the search's
    answers, and the sample's for every other question.

    Sound because the search enumerated every name the route reads and every name of the facts
    that share a name with those, through derived values: its answers make the route and those
    facts true whatever the other answers are (Kleene logic is monotone), and the other facts
    read none of its names, so they stay true as they were on the sample.
    """
    return {**sample.answers, **witness}
