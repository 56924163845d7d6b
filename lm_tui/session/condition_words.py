"""A route's condition in a reader's words: "if Branch by rule is borderline".

The flow map showed conditions as written in the flow file (`branch_by_rule == 'borderline'`),
which a clinician should not have to decode. The parsed condition is read back with the flow's
own labels for names and values, so this works for any flow; a flow may also give a route its
own `label`, which wins. Written here because the condition language is the project's own (see
expressions.py): no library knows its parse tree.
"""

from __future__ import annotations

from decimal import Decimal

from lm_tui.flow.definition import CompiledRoute, Flow
from lm_tui.flow.expressions import (
    And,
    Compare,
    Constant,
    ConstantList,
    Expr,
    Length,
    Literal_,
    Name,
    Not,
    Or,
    Truth,
)
from lm_tui.session.panels import label_of

_ORDER_WORDS = {"<": "is under", "<=": "is at most", ">": "is over", ">=": "is at least"}


def route_words(flow: Flow, route: CompiledRoute) -> str:
    """The route's label, else its condition in words; empty for an `otherwise` route."""
    if route.label:
        return route.label
    if route.when is None:
        return ""
    return condition_words(flow, route.when.root)


def condition_words(flow: Flow, expr: Expr) -> str:
    if isinstance(expr, And):
        return " and ".join(_grouped(flow, item) for item in expr.items)
    if isinstance(expr, Or):
        return " or ".join(_grouped(flow, item) for item in expr.items)
    if isinstance(expr, Not):
        return f"not ({condition_words(flow, expr.item)})"
    if isinstance(expr, Truth):
        # A yes/no value's label reads as the statement ("Eligible for intrathecal ...").
        return label_of(flow, expr.name)
    if isinstance(expr, Literal_):
        return "always" if expr.value else "never"
    return _comparison(flow, expr)


def _grouped(flow: Flow, expr: Expr) -> str:
    words = condition_words(flow, expr)
    return f"({words})" if isinstance(expr, And | Or) else words


def _comparison(flow: Flow, expr: Compare) -> str:
    left, op, right = expr.left, expr.op, expr.right
    if isinstance(left, Constant) and isinstance(right, Name) and op in ("in", "not in"):
        # `'headache' in symptoms`: a multi-select holds (or lacks) one of its choices
        verb = "includes" if op == "in" else "does not include"
        return f"{label_of(flow, right.name)} {verb} {_value(flow, right.name, left.value)}"
    subject = _operand(flow, left, None)
    name = left.name if isinstance(left, Name) else None
    target = _operand(flow, right, name)
    if op == "==":
        return f"{subject} is {target}"
    if op == "!=":
        return f"{subject} is not {target}"
    if op == "in":
        return f"{subject} is {target}"
    if op == "not in":
        return f"{subject} is not {target}"
    return f"{subject} {_ORDER_WORDS[op]} {target}"


def _operand(flow: Flow, operand: object, name: str | None) -> str:
    if isinstance(operand, Name):
        return label_of(flow, operand.name)
    if isinstance(operand, Length):
        return f"the number of {label_of(flow, operand.name)}"
    if isinstance(operand, ConstantList):
        values = sorted(operand.values, key=str)
        return "one of " + ", ".join(_value(flow, name, value) for value in values)
    if isinstance(operand, Constant):
        return _value(flow, name, operand.value)
    return str(operand)


def _value(flow: Flow, name: str | None, value: str | Decimal | bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        number = f"{value.normalize():f}"
        variable = flow.number_variable(name) if name else None
        return f"{number} {variable.unit}".rstrip() if variable is not None else number
    return flow.choice_label(name, value) if name else value
