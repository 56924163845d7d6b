"""Answer domains: whether a value is allowed for a variable at a node, and why not.

Numbers are checked with decimal arithmetic so a value on a 0.1 grid such as 17.9 is accepted
exactly, and 75 on a 10-step KPS scale is refused.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.expressions import describe_value
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.flow.values import Value, to_decimal


def describe_domain(flow: Flow, node_id: str) -> str:
    """What a node accepts, for error messages: 'one of: a, b' or '0 to 100 in steps of 10'."""
    variable_id = flow.asked_variable(node_id)
    if variable_id is None:
        return "no answer"
    variable = flow.variables[variable_id]
    if isinstance(variable, NumberVariable):
        unit = f" {variable.unit}" if variable.unit else ""
        return f"a number from {variable.min} to {variable.max}{unit} in steps of {variable.step}"
    offered = ", ".join(flow.offered_values(node_id))
    if isinstance(variable, MultiVariable):
        return f"a list of any of: {offered}"
    return f"one of: {offered}"


def scale_lines(variable: NumberVariable, marked: Decimal | None = None) -> list[str]:
    """A number variable's labelled values as aligned lines, highest first ('  80  Normal
    activity with effort'); the line of `marked` starts with '>' instead of a space, so the
    typed value's meaning shows without colour. No lines for a variable without anchors."""
    anchors = sorted(variable.anchors, key=lambda anchor: anchor.value, reverse=True)
    shown = [format(anchor.value.normalize(), "f") for anchor in anchors]
    width = max((len(text) for text in shown), default=0)
    return [
        f"{'>' if anchor.value == marked else ' '} {text:>{width}}  {anchor.label}"
        for anchor, text in zip(anchors, shown, strict=True)
    ]


def check_answer(flow: Flow, node_id: str, raw: object) -> Value:
    """The engine's form of `raw` as an answer at `node_id`; AnswerError says what is allowed."""
    variable_id = flow.asked_variable(node_id)
    if variable_id is None:
        raise AnswerError(f"node '{node_id}' asks nothing")
    variable = flow.variables[variable_id]
    allowed = describe_domain(flow, node_id)
    offered = flow.offered_values(node_id)
    if isinstance(variable, ChoiceVariable):
        if not isinstance(raw, str) or raw not in offered:
            raise AnswerError(f"{variable_id} = {raw!r} is not allowed here; allowed: {allowed}")
        return raw
    if isinstance(variable, MultiVariable):
        if isinstance(raw, str) or not isinstance(raw, list | tuple | set | frozenset):
            raise AnswerError(f"{variable_id} = {raw!r} must be a list; allowed: {allowed}")
        items = list(raw)
        for item in items:
            if not isinstance(item, str) or item not in offered:
                raise AnswerError(
                    f"{variable_id}: {item!r} is not allowed here; allowed: {allowed}"
                )
        if len(set(items)) != len(items):
            raise AnswerError(f"{variable_id}: a value is listed twice")
        if len(items) < variable.min_selected:
            raise AnswerError(f"{variable_id}: choose at least {variable.min_selected}")
        return frozenset(items)
    return check_number(variable_id, variable, raw)


def check_number(variable_id: str, variable: NumberVariable, raw: object) -> Decimal:
    """A number on the variable's grid, from a TOML number or typed text."""
    unit = f" {variable.unit}" if variable.unit else ""
    allowed = f"{variable.min} to {variable.max}{unit} in steps of {variable.step}"
    number: Decimal
    try:
        if isinstance(raw, bool):
            raise InvalidOperation
        if isinstance(raw, int | float | Decimal):
            number = to_decimal(raw)
        elif isinstance(raw, str) and raw.strip():
            number = Decimal(raw.strip().replace(",", "."))
        else:
            raise InvalidOperation
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise AnswerError(f"{variable_id} = {raw!r} is not a number; allowed: {allowed}") from None
    if number < variable.min or number > variable.max:
        raise AnswerError(f"{variable_id} = {raw} is out of range; allowed: {allowed}")
    if (number - variable.min) % variable.step != 0:
        lower = variable.min + (number - variable.min) // variable.step * variable.step
        hint = (
            f"{variable.label} is recorded in steps of {_plain(variable.step)}: "
            f"{_plain(lower)} or {_plain(lower + variable.step)}"
        )
        raise OffStep(f"{variable_id} = {raw} is not on the step; {hint}; allowed: {allowed}", hint)
    return number


class OffStep(AnswerError):
    """A number between two steps; `hint` names the two on either side in the user's words.

    The hint is optional because callers re-raise an AnswerError's class with a longer message
    (the file and the place); the message keeps the hint in its text."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def is_valid(flow: Flow, node_id: str, value: Value) -> bool:
    """Whether an answer already in engine form still fits the node (used after an edit)."""
    try:
        raw: object = sorted(value) if isinstance(value, frozenset) else value
        check_answer(flow, node_id, raw)
    except AnswerError:
        return False
    return True


def show(value: Value) -> str:
    return describe_value(value)
