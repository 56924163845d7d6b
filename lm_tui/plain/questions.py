"""One node as plain text lines, and a typed line turned into the engine's raw answer.

Options are numbered from 1 in the flow's order. A line may also give the value's id itself
(`lung`), which keeps scripts readable; the engine still checks every answer, so plain mode and
the app accept exactly the same values.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import describe_domain, scale_lines
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.records import MultiVariable, NumberVariable

COMMANDS_HINT = "At any question you can type: help, back, map, quit."


def header_lines(flow: Flow) -> list[str]:
    return [
        f"{flow.title} (flow {flow.id}, version {flow.version})",
        " ".join(flow.file.flow.disclaimer.split()),
        "Plain mode: answer with the option numbers. " + COMMANDS_HINT,
    ]


def question_lines(flow: Flow, node_id: str, number: int, previous: str | None = None) -> list[str]:
    """The question as shown before its prompt: title, text, numbered options."""
    node = flow.nodes[node_id]
    title = node.title or node_id
    lines = ["", f"Question {number}: {title}" if flow.asked_variable(node_id) else title]
    if node.prompt:
        lines.append(" ".join(node.prompt.split()))
    variable_id = flow.asked_variable(node_id)
    if variable_id is None:
        if node.help and not node.prompt:
            lines.append(" ".join(node.help.split()))
        return lines
    for index, value in enumerate(flow.offered_values(node_id), start=1):
        lines.append(f"  {index}) {flow.choice_label(variable_id, value)}")
    variable = flow.variables[variable_id]
    if isinstance(variable, NumberVariable) and variable.anchors:
        lines.append(f"{variable.label}, what the values mean:")
        lines += [f" {line}" for line in scale_lines(variable)]
    if previous:
        lines.append(f"Previously answered: {previous}")
    return lines


def input_prompt(flow: Flow, node_id: str) -> str:
    """The short line the answer is typed after; it says what is accepted."""
    variable_id = flow.asked_variable(node_id)
    if variable_id is None:
        return "Press Enter to continue > "
    variable = flow.variables[variable_id]
    count = len(flow.offered_values(node_id))
    if isinstance(variable, NumberVariable):
        unit = f" {variable.unit}" if variable.unit else ""
        return (
            f"Enter a number from {_number(variable.min)} to {_number(variable.max)}{unit} "
            f"in steps of {_number(variable.step)} > "
        )
    if isinstance(variable, MultiVariable):
        empty = (
            "press Enter for none"
            if variable.min_selected == 0
            else (f"choose at least {variable.min_selected}")
        )
        return f"Choose any of 1 to {count}, separated by spaces; {empty} > "
    return f"Choose one, 1 to {count} > "


def parse_answer(flow: Flow, node_id: str, line: str) -> object:
    """The raw answer for `Session.answer`; AnswerError says what to type instead."""
    variable_id = flow.asked_variable(node_id)
    if variable_id is None:
        return None
    variable = flow.variables[variable_id]
    if isinstance(variable, NumberVariable):
        if not line:
            raise AnswerError(f"type a number; allowed: {describe_domain(flow, node_id)}")
        return without_unit(line, (variable.unit, variable.unit_one))
    offered = flow.offered_values(node_id)
    if isinstance(variable, MultiVariable):
        tokens = [token for token in re.split(r"[\s,;]+", line) if token]
        values = [_option(offered, token, many=True) for token in tokens]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise AnswerError(f"{', '.join(duplicates)} chosen twice; list each option once")
        return values
    if not line:
        raise AnswerError(f"type the number of one option, 1 to {len(offered)}")
    if len(line.split()) > 1:
        raise AnswerError(f"choose only one option, 1 to {len(offered)}")
    return _option(offered, line, many=False)


def without_unit(line: str, units: tuple[str, ...]) -> str:
    """`80%` or `3 days` as the number alone: the unit shown in the prompt may be typed."""
    text = line.strip()
    for unit in sorted({unit for unit in units if unit}, key=len, reverse=True):
        if text.lower().endswith(unit.lower()):
            return text[: -len(unit)].rstrip()
    return text


def _option(offered: tuple[str, ...], token: str, many: bool) -> str:
    if token.isdigit():
        index = int(token)
        if 1 <= index <= len(offered):
            return offered[index - 1]
    elif token in offered:
        return token
    which = "numbers" if many else "a number"
    raise AnswerError(f"'{token}' is not an option here; type {which} from 1 to {len(offered)}")


def help_lines(flow: Flow, node_id: str) -> list[str]:
    """The node's rationale, what each option means, its sources and evidence grade."""
    node = flow.nodes[node_id]
    lines = ["", f"Help: {node.title or node_id}"]
    if node.help:
        lines.append(" ".join(node.help.split()))
    variable_id = flow.asked_variable(node_id)
    if variable_id is not None:
        variable = flow.variables[variable_id]
        if variable.help:
            lines.append(" ".join(variable.help.split()))
        offered = flow.offered_values(node_id)
        for choice in getattr(variable, "choices", []):
            if choice.help and choice.value in offered:
                position = offered.index(choice.value) + 1
                lines.append(f"  {position}) {choice.label}: {' '.join(choice.help.split())}")
        lines.append(f"Allowed: {describe_domain(flow, node_id)}")
    grade = getattr(node, "grade", None)
    if grade:
        lines.append(f"Evidence grade: {grade}")
    if node.sources:
        lines.append("Sources:")
        for source_id in node.sources:
            source = flow.file.sources.get(source_id)
            citation = source.citation if source else "(not declared)"
            lines.append(f"  [{source_id}] {citation}")
    if len(lines) == 2:
        lines.append("No further help for this question.")
    lines.append(COMMANDS_HINT)
    return lines


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
