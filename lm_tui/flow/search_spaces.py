"""What one check of the verifier enumerates, and the two questions it asks of those answers.

A check's `Space` holds the names its condition reads, and those of the facts (routes taken on
the path) that share a name with them, through derived values; each name gets the values tried
for it, less those a fact rules out on its own. An *opaque* space keeps each derived value as a
name of its own, whose values are those it can take on the path; an *exact* space expands every
derived value to the variables asked. Opaque spaces are smaller but may allow more than the
answers do, so their answer is final one way only: `all_hold` (does the check hold for every
answer set on the path?) trusts an opaque "yes" and confirms a counter-example exactly; `exists`
(does some answer set on the path make it hold?) trusts an opaque "no" and confirms a "yes"
exactly.
"""

from __future__ import annotations

from collections.abc import Mapping

from lm_tui.flow.answer_search import AnswerSearch, Judge, Space, Trial, Verdict
from lm_tui.flow.cones import Cone, Cones, merge
from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator, rule_value
from lm_tui.flow.implied import Fact, Limit, allowed, fact_limits
from lm_tui.flow.tried_values import TriedValues
from lm_tui.flow.values import ABSENT, UNKNOWN, Missing, Seen


class SearchSpaces:
    """Builds the spaces of one verification's checks and asks its questions over them; the
    values each derived value can take, the facts' limits and the checks passed are kept."""

    def __init__(self, flow: Flow, cones: Cones, tried: TriedValues, search: AnswerSearch) -> None:
        self.flow = flow
        self.cones = cones
        self.tried = tried
        self.search = search
        self._possible_memo: dict[tuple[object, ...], set[Seen]] = {}
        self._passed: set[tuple[object, ...]] = set()
        self._in_progress: set[str] = set()
        self._closures: dict[
            tuple[str, tuple[Fact, ...]], tuple[frozenset[Fact], frozenset[str]]
        ] = {}
        self._limits_memo: dict[tuple[Fact, ...], dict[str, tuple[Limit, ...]]] = {}
        self._fact_limit_memo: dict[Fact, tuple[Limit, ...]] = {}

    def space(
        self,
        target: Cone,
        asked: Mapping[str, str],
        facts: tuple[Fact, ...],
        opaque: bool,
        any_order: bool = False,
    ) -> Space:
        """The names to enumerate for a check, their domains and the facts that constrain them.

        `any_order`: the caller's answer does not depend on the order of the search (is there
        an answer set such that...; the set of values a derived value takes), so names with
        fewer values left go first, which lets the facts prune sooner. A check that reports a
        counter-example keeps the fixed order, so its example stays the same.

        Opaque spaces keep derived values as single names whose domain is the set of values they
        can take here (a superset: sound for "for every answer" checks, and any failure is
        confirmed in the exact space, which expands everything to the variables asked).
        """
        fact_cone = self.cones.fact_direct if opaque else self.cones.fact_expanded
        cone = target if opaque else self.cones.expanded(target)
        relevant: list[Fact] = []
        names = set(cone.variables)
        pending = list(facts)
        changed = True
        while changed:
            changed = False
            for fact in list(pending):
                fact_names = fact_cone(fact).variables
                if fact_names & names:
                    relevant.append(fact)
                    pending.remove(fact)
                    names |= fact_names
                    changed = True
        merged = merge([cone, *[fact_cone(f) for f in relevant]])
        fact_names = frozenset(n for f in relevant for n in fact_cone(f).variables)
        domains: dict[str, list[Seen]] = {}
        for name in merged.variables:
            if name in self.flow.rules:
                domains[name] = sorted(self._possible(name, asked, facts), key=_order)
                if not domains[name]:
                    return Space([], {}, [], frozenset(), empty=True)
            elif name in asked:
                domains[name] = list(self.tried.domain(name, asked[name], merged))
        order = sorted(domains, key=lambda n: (n not in fact_names, len(domains[n]), n))
        # Values a fact rules out on their own are dropped after the order is fixed (the order,
        # and so every example reported, stays that of the full domains).
        limits = self.limits(facts)
        for name in order:
            if name in limits:
                domains[name] = allowed(domains[name], limits, name)
                if not domains[name]:
                    return Space([], {}, [], frozenset(), empty=True)
        if any_order:
            order = sorted(domains, key=lambda n: (n not in fact_names, len(domains[n]), n))
        derived_names = frozenset(n for n in domains if n in self.flow.rules)
        return Space(order, domains, relevant, derived_names)

    def limits(self, facts: tuple[Fact, ...]) -> Mapping[str, tuple[Limit, ...]]:
        """The single-name limits all facts on the path imply, by name."""
        cached = self._limits_memo.get(facts)
        if cached is None:
            if not facts:
                cached = {}
            else:
                cached = dict(self.limits(facts[:-1]))
                for limit in self.fact_limits(facts[-1]):
                    cached[limit.name] = (*cached.get(limit.name, ()), limit)
            self._limits_memo[facts] = cached
        return cached

    def fact_limits(self, fact: Fact) -> tuple[Limit, ...]:
        cached = self._fact_limit_memo.get(fact)
        if cached is None:
            cached = self._fact_limit_memo[fact] = fact_limits(self.flow, fact)
        return cached

    def _space_key(self, tag: object, space: Space, asked: Mapping[str, str]) -> tuple[object, ...]:
        return (
            tag,
            frozenset(space.facts),
            frozenset((n, asked[n]) for n in space.order if n in asked),
            frozenset((n, frozenset(space.domains[n])) for n in space.opaque),
        )

    def _possible(
        self, derived_id: str, asked: Mapping[str, str], facts: tuple[Fact, ...]
    ) -> set[Seen]:
        """Every value a derived value can take on answers consistent with the path so far.

        While a value's own set is being worked out (facts may mention it), it stands for every
        value it declares: a superset, which keeps the opaque checks sound.
        """
        if derived_id in self._in_progress:
            return {*(rule_value(v) for v in self.flow.derived[derived_id].values), UNKNOWN, ABSENT}
        self._in_progress.add(derived_id)
        try:
            return self._possible_values(derived_id, asked, facts)
        finally:
            self._in_progress.discard(derived_id)

    def _closure(
        self, derived_id: str, facts: tuple[Fact, ...]
    ) -> tuple[frozenset[Fact], frozenset[str]]:
        """Facts and base variables a derived value's possible set can depend on (expanded)."""
        key = (derived_id, facts)
        cached = self._closures.get(key)
        if cached is None:
            names = set(self.cones.name_cone(derived_id).variables)
            fact_expanded = self.cones.fact_expanded
            chosen: set[Fact] = set()
            changed = True
            while changed:
                changed = False
                for fact in facts:
                    if fact in chosen:
                        continue
                    fact_names = fact_expanded(fact).variables
                    if fact_names & names:
                        chosen.add(fact)
                        names |= fact_names
                        changed = True
            cached = (frozenset(chosen), frozenset(names))
            self._closures[key] = cached
        return cached

    def _possible_values(
        self, derived_id: str, asked: Mapping[str, str], facts: tuple[Fact, ...]
    ) -> set[Seen]:
        closure_facts, closure_names = self._closure(derived_id, facts)
        key = (
            derived_id,
            closure_facts,
            frozenset((name, asked[name]) for name in closure_names if name in asked),
        )
        cached = self._possible_memo.get(key)
        if cached is not None:
            return cached
        space = self.space(
            self.cones.derived_direct(derived_id), asked, facts, opaque=True, any_order=True
        )
        found: set[Seen] = set()

        def judge(evaluator: Evaluator, facts_hold: bool, leaf: bool) -> Verdict:
            assert isinstance(evaluator, Trial)  # the searches build only Trial evaluators
            value = evaluator.table(derived_id)
            if value is UNKNOWN and not leaf:
                return "more"
            if not facts_hold:
                return "prune" if leaf else "more"
            found.add(value)
            return "prune"

        self.search.run(space, judge)
        self._possible_memo[key] = found
        return found

    def all_hold(
        self,
        target: Cone,
        asked: Mapping[str, str],
        facts: tuple[Fact, ...],
        judge: Judge,
        tag: object,
    ) -> tuple[dict[str, Seen], Evaluator] | None:
        """A "for every answer" check: the fast opaque space first, failures confirmed exactly."""
        space = self.space(target, asked, facts, opaque=True)
        if space.empty:
            # Vacuous here; not remembered, since an empty space's key says nothing about
            # which facts made it empty and would match an unrelated non-empty space.
            return None
        key = self._space_key(tag, space, asked)
        if key in self._passed:
            return None
        if self.search.run(space, judge) is None:
            self._passed.add(key)
            return None
        return self.search.run(self.space(target, asked, facts, opaque=False), judge)

    def exists(
        self,
        target: Cone,
        asked: Mapping[str, str],
        facts: tuple[Fact, ...],
        judge: Judge,
        likely: bool = False,
        witness: list[dict[str, Seen]] | None = None,
    ) -> bool:
        """A "some answer" search: the opaque space rules out quickly, the exact one confirms.

        `likely`: the caller already knows the answer is probably yes (its Knowledge allows it),
        so the ruling-out pass would only cost time; the exact search alone decides.
        `witness`: receives the exact search's answers that showed it (only the names it
        enumerated, and of those perhaps not all: the rest do not matter).
        """
        found = False
        exact = False

        def seek(evaluator: Evaluator, facts_hold: bool, leaf: bool) -> Verdict:
            nonlocal found
            verdict = judge(evaluator, facts_hold, leaf)
            if verdict == "stop":
                found = True
                if exact and witness is not None:
                    assert isinstance(evaluator, Trial)  # the searches build only Trial
                    witness.append(dict(evaluator.answers))
            return verdict

        if not likely:
            self.search.run(self.space(target, asked, facts, opaque=True, any_order=True), seek)
            if not found:
                return False
            found = False
        exact = True
        self.search.run(self.space(target, asked, facts, opaque=False, any_order=True), seek)
        return found


def _order(value: Seen) -> tuple[int, str]:
    """A stable order for mixed values, so searches and messages are deterministic."""
    return (0, value.value) if isinstance(value, Missing) else (1, repr(value))
