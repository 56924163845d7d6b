"""What a condition means as sets of answers: where it is true, and where it is false.

Kleene logic in two sets: a condition is UNKNOWN exactly where it is neither. Derived values
become, for each value a rule table can give, the set of answers giving it. Each comparison is
decided by the closure the engine itself evaluates it with (`expressions.compile_expr`) on each
value a name can take, so the proof and the app cannot disagree on what a comparison means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import rule_value
from lm_tui.flow.expressions import (
    And,
    Compare,
    Constant,
    Expr,
    Length,
    Literal_,
    Name,
    Not,
    Or,
    Truth,
    compile_expr,
)
from lm_tui.flow.values import ABSENT, Seen
from lm_tui.proof.encoding import Encoding, Function


class Meaning(NamedTuple):
    true: Function
    false: Function


class Valuation(NamedTuple):
    """The values a name can have, each with the answers that give it; `unknown` the rest."""

    values: list[tuple[Seen, Function]]
    unknown: Function
    no_row: Function
    """Derived values only: the answers for which no row of the table applies."""


class Meanings:
    """Meanings of one flow's conditions and names, each worked out once."""

    def __init__(self, flow: Flow, encoding: Encoding) -> None:
        self.flow = flow
        self.encoding = encoding
        self.bdd = encoding.bdd
        self._expressions: dict[int, tuple[Expr, Meaning]] = {}
        self._names: dict[str, Valuation] = {}

    # --- meanings -------------------------------------------------------------------------------

    def of(self, expr: Expr) -> Meaning:
        key = id(expr)
        cached = self._expressions.get(key)
        if cached is not None:
            return cached[1]
        meaning = self._work_out(expr)
        # The expression is kept with its meaning, so its id is not reused while remembered.
        self._expressions[key] = (expr, meaning)
        return meaning

    def _work_out(self, expr: Expr) -> Meaning:
        bdd = self.bdd
        if isinstance(expr, And):
            true, false = bdd.true, bdd.false
            for item in expr.items:
                meaning = self.of(item)
                true &= meaning.true
                false |= meaning.false
            return Meaning(true, false)
        if isinstance(expr, Or):
            true, false = bdd.false, bdd.true
            for item in expr.items:
                meaning = self.of(item)
                true |= meaning.true
                false &= meaning.false
            return Meaning(true, false)
        if isinstance(expr, Not):
            inner = self.of(expr.item)
            return Meaning(inner.false, inner.true)
        if isinstance(expr, Literal_):
            return Meaning(bdd.true, bdd.false) if expr.value else Meaning(bdd.false, bdd.true)
        if isinstance(expr, Compare) and isinstance(expr.right, Name):
            # `'member' in multi_select`: one bit, once asked.
            assert isinstance(expr.left, Constant)
            encoding = self.encoding
            ticked = encoding.member(expr.right.name, str(expr.left.value))
            asked = encoding.asked(expr.right.name)
            inside = Meaning(asked & ticked, asked & ~ticked)
            return inside if expr.op == "in" else Meaning(inside.false, inside.true)
        assert isinstance(expr, Compare | Truth)
        if isinstance(expr, Truth):
            valuation = self.valuation(expr.name)
        else:
            assert isinstance(expr.left, Name | Length)
            valuation = (
                self.sizes(expr.left.name)
                if isinstance(expr.left, Length)
                else self.valuation(expr.left.name)
            )
        true, false = bdd.false, bdd.false
        decide = compile_expr(expr)
        for value, answers in valuation.values:
            result = decide(_constant_lookup(value))
            if result is True:
                true |= answers
            elif result is False:
                false |= answers
        return Meaning(true, false)

    def sizes(self, variable_id: str) -> Valuation:
        """A multi-select read through len(): its possible sizes."""
        asked = self.encoding.asked(variable_id)
        values: list[tuple[Seen, Function]] = [
            (frozenset(str(i) for i in range(count)), asked & answers)
            for count, answers in enumerate(self.encoding.counts(variable_id))
        ]
        return Valuation(values, ~asked, self.bdd.false)

    def valuation(self, name: str) -> Valuation:
        known = self._names.get(name)
        if known is not None:
            return known
        bdd = self.bdd
        encoding = self.encoding
        if name in self.flow.rules:
            self._derived_in_order(name)
            known = self._derived(name)
        elif name in encoding.members:
            raise AssertionError(f"multi-select {name} is read only through `in` and len()")
        else:
            asked = encoding.asked(name)
            known = Valuation(
                [
                    (value, asked & encoding.is_index(name, index))
                    for index, value in enumerate(encoding.values[name])
                ],
                ~asked,
                bdd.false,
            )
        self._names[name] = known
        return known

    def _derived_in_order(self, derived_id: str) -> None:
        """Work out the derived values this one reads first, deepest first, so a long chain
        of derived values (each reading the one before) needs no deep recursion."""
        stack, order, seen = [derived_id], [], {derived_id}
        while stack:
            name = stack.pop()
            order.append(name)
            for rule in self.flow.rules[name]:
                if rule.when is None:
                    continue
                for read in rule.when.names:
                    if read in self.flow.rules and read not in seen and read not in self._names:
                        seen.add(read)
                        stack.append(read)
        for name in reversed(order[1:]):
            if name not in self._names:
                self._names[name] = self._derived(name)

    def _derived(self, derived_id: str) -> Valuation:
        """The engine's rule: the first row that holds gives the value; a row that cannot be
        decided yet makes the value UNKNOWN; no row at all makes it ABSENT."""
        bdd = self.bdd
        remaining = bdd.true
        unknown = bdd.false
        given: dict[Seen, Function] = {}
        for rule in self.flow.rules[derived_id]:
            value: Seen = ABSENT if rule.value is None else rule_value(rule.value)
            if rule.when is None:
                holds, fails = remaining, bdd.false
            else:
                meaning = self.of(rule.when.root)
                unknown |= remaining & ~(meaning.true | meaning.false)
                holds, fails = remaining & meaning.true, remaining & meaning.false
            given[value] = given.get(value, bdd.false) | holds
            remaining = fails
        given[ABSENT] = given.get(ABSENT, bdd.false) | remaining
        return Valuation(list(given.items()), unknown, remaining)


def _constant_lookup(value: Seen) -> Callable[[str], Seen]:
    return lambda name: value
