"""The reference for what a condition means: a tree-walking interpreter, in Kleene logic.

The app evaluates conditions with the closures `lm_tui/flow/expressions.py` compiles them to
(`compile_expr`), which are faster and harder to read. This interpreter says the same thing the
plain way, node by node, and the tests hold the closures to it on random conditions and answers
(tests/proof/test_planted_defects.py). Comparisons are decided by the app's own
`evaluate_comparison`, the one place that defines them, which the specialised comparison closures
are compared with through this interpreter.
"""

from __future__ import annotations

from collections.abc import Callable

from lm_tui.flow.expressions import (
    And,
    Compare,
    Expr,
    Not,
    Or,
    Truth,
    evaluate_comparison,
)
from lm_tui.flow.values import UNKNOWN, Missing, Seen, TriState


def evaluate(expr: Expr, lookup: Callable[[str], Seen]) -> TriState:
    """Kleene evaluation: True, False, or UNKNOWN when an unknown name decides the result."""
    if isinstance(expr, Compare):
        return evaluate_comparison(expr, lookup)
    if isinstance(expr, And):
        result: TriState = True
        for item in expr.items:
            value = evaluate(item, lookup)
            if value is False:
                return False
            if value is UNKNOWN:
                result = UNKNOWN
        return result
    if isinstance(expr, Or):
        result = False
        for item in expr.items:
            value = evaluate(item, lookup)
            if value is True:
                return True
            if value is UNKNOWN:
                result = UNKNOWN
        return result
    if isinstance(expr, Not):
        value = evaluate(expr.item, lookup)
        return value if isinstance(value, Missing) else not value
    if isinstance(expr, Truth):
        seen = lookup(expr.name)
        if seen is UNKNOWN:
            return UNKNOWN
        return seen is True
    return expr.value
