"""Case answers in the engine's terms: checked against a variable's domain, shown as labels.

A case names variables, not nodes, so its values are checked against the whole variable (the
flow may offer only part of a choice at one node; the walk in `validate` checks that part).
"""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import check_number
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.flow.values import Value, exportable, plain_number


def engine_value(flow: Flow, variable_id: str, raw: object) -> Value:
    """The engine's form of a case answer; AnswerError says what the variable allows."""
    variable = flow.variables[variable_id]
    if isinstance(variable, NumberVariable):
        if isinstance(raw, str):
            raise AnswerError(f"{raw!r} must be a number, not text; write it without quotes")
        return check_number(variable_id, variable, raw)
    allowed = [choice.value for choice in variable.choices]
    if isinstance(variable, ChoiceVariable):
        if not isinstance(raw, str) or raw not in allowed:
            raise AnswerError(
                f"{raw!r} is not a value of '{variable_id}'; use one of: {', '.join(allowed)}"
            )
        return raw
    assert isinstance(variable, MultiVariable)
    if not isinstance(raw, list):
        raise AnswerError(
            f"'{variable_id}' is a multi-select; write a list, "
            f'e.g. ["{allowed[0]}"] (or [] for none)'
        )
    for item in raw:
        if item not in allowed:
            raise AnswerError(
                f"{item!r} is not a value of '{variable_id}'; use any of: {', '.join(allowed)}"
            )
    if len(set(raw)) != len(raw):
        raise AnswerError(f"'{variable_id}' lists a value twice; list each once")
    if len(raw) < variable.min_selected:
        raise AnswerError(f"'{variable_id}' needs at least {variable.min_selected} value(s)")
    return frozenset(raw)


def plain_value(flow: Flow, variable_id: str, value: Value) -> str | int | float | bool | list[str]:
    """A value as TOML writes it; a multi-select in the flow's order of choices."""
    if isinstance(value, frozenset):
        variable = flow.variables[variable_id]
        order = {c.value: i for i, c in enumerate(getattr(variable, "choices", []))}
        return sorted(value, key=lambda item: (order.get(item, len(order)), item))
    return exportable(value)


def shown_value(flow: Flow, variable_id: str, value: Value) -> str:
    """A value in a reader's words: choice labels, 'none' for an empty selection, units."""
    if isinstance(value, frozenset):
        items = plain_value(flow, variable_id, value)
        assert isinstance(items, list)
        return "; ".join(flow.choice_label(variable_id, item) for item in items) or "none"
    if isinstance(value, str):
        return flow.choice_label(variable_id, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = flow.number_variable(variable_id)
    unit = number.unit_after(value) if number else ""
    return f"{plain_number(value)}{unit}"
