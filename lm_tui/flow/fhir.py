"""FHIR R4: the flow as a `Questionnaire`, a session as the matching `QuestionnaireResponse`.

One item per question or info node (`linkId` = node id), so a variable asked at several nodes
with different options (a driver asked per primary tumour) keeps each node's own answer list;
`item.code` names the variable so a reader can join items back to the flow's answers. Choice
values are codings in a code system per variable (`urn:lm-tui:<flow>:<variable>`).

`enableWhen` is written only where FHIR can say exactly what the routes say (see
`enablement.py`); the rest stay unconditional and are listed by `not_expressible`, because an
approximate condition in a clinical form would be worse than none.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.enablement import Check, EnableCondition, enable_conditions
from lm_tui.flow.engine import Session
from lm_tui.flow.records import (
    ChoiceVariable,
    InfoNode,
    MultiVariable,
    NumberVariable,
    OutcomeNode,
)
from lm_tui.flow.values import plain_number

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"


def questionnaire_url(flow: Flow) -> str:
    return f"urn:lm-tui:questionnaire:{flow.id}"


def code_system(flow: Flow, variable_id: str) -> str:
    return f"urn:lm-tui:{flow.id}:{variable_id}"


def variables_system(flow: Flow) -> str:
    return f"urn:lm-tui:{flow.id}:variables"


def fhir_id(text: str) -> str:
    """FHIR ids allow letters, digits, '-' and '.', at most 64: flow ids use '_'."""
    return text.replace("_", "-")[:64]


def question_nodes(flow: Flow) -> list[str]:
    """Question and info nodes in the file's order: the items of the Questionnaire."""
    return [node_id for node_id, node in flow.nodes.items() if not isinstance(node, OutcomeNode)]


def integer_valued(variable: NumberVariable) -> bool:
    return all(n == n.to_integral_value() for n in (variable.min, variable.max, variable.step))


# --- Questionnaire ------------------------------------------------------------------------------


def questionnaire(flow: Flow) -> dict[str, Any]:
    conditions = enable_conditions(flow)
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": fhir_id(flow.id),
        "url": questionnaire_url(flow),
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:sha256:{flow.sha256}"}]
        if flow.sha256
        else [],
        "version": flow.version,
        "name": _computable_name(flow.id),
        "title": flow.title,
        "status": "active",
        "description": " ".join((flow.file.flow.summary or flow.title).split()),
        "purpose": flow.file.flow.disclaimer,
        "item": [_item(flow, node_id, conditions.get(node_id)) for node_id in question_nodes(flow)],
    }
    if not resource["identifier"]:
        del resource["identifier"]
    return resource


def not_expressible(flow: Flow) -> list[str]:
    """Conditionally asked nodes whose condition FHIR `enableWhen` cannot state exactly."""
    conditions = enable_conditions(flow)
    return [node_id for node_id in question_nodes(flow) if conditions[node_id].opaque]


def _computable_name(flow_id: str) -> str:
    name = "".join(part.capitalize() for part in flow_id.split("_"))
    return name if name[:1].isalpha() else f"Flow{name}"


def _item(flow: Flow, node_id: str, condition: EnableCondition | None) -> dict[str, Any]:
    node = flow.nodes[node_id]
    text = " ".join((node.prompt or node.title or node_id).split())
    item: dict[str, Any] = {"linkId": node_id}
    if isinstance(node, InfoNode):
        item.update(text=text, type="display")
    else:
        variable_id = flow.asked_variable(node_id)
        assert variable_id is not None
        variable = flow.variables[variable_id]
        item["code"] = [
            {"system": variables_system(flow), "code": variable_id, "display": variable.label}
        ]
        if node.title:
            item["prefix"] = node.title
        item["text"] = text
        if isinstance(variable, NumberVariable):
            _number_item(item, variable)
        else:
            item["type"] = "choice"
            item["required"] = not (
                isinstance(variable, MultiVariable) and variable.min_selected == 0
            )
            if isinstance(variable, MultiVariable):
                item["repeats"] = True
            item["answerOption"] = [
                {"valueCoding": _coding(flow, variable_id, value)}
                for value in flow.offered_values(node_id)
            ]
    if condition is not None and condition.checks:
        item["enableWhen"] = [_enable_when(flow, check) for check in condition.checks]
        if len(condition.checks) > 1:
            item["enableBehavior"] = condition.behavior
    return item


def _number_item(item: dict[str, Any], variable: NumberVariable) -> None:
    integer = integer_valued(variable)
    item["type"] = "integer" if integer else "decimal"
    item["required"] = True
    key = "valueInteger" if integer else "valueDecimal"
    item["extension"] = [
        {"url": MIN_VALUE, key: plain_number(variable.min)},
        {"url": MAX_VALUE, key: plain_number(variable.max)},
    ]
    if variable.unit:
        item["extension"].append({"url": UNIT, "valueCoding": {"display": variable.unit}})


def _coding(flow: Flow, variable_id: str, value: str) -> dict[str, str]:
    return {
        "system": code_system(flow, variable_id),
        "code": value,
        "display": flow.choice_label(variable_id, value),
    }


def _enable_when(flow: Flow, check: Check) -> dict[str, Any]:
    entry: dict[str, Any] = {"question": check.node, "operator": check.operator}
    if check.operator == "exists":
        entry["answerBoolean"] = True
        return entry
    variable_id = flow.asked_variable(check.node)
    assert variable_id is not None
    variable = flow.variables[variable_id]
    if isinstance(variable, ChoiceVariable | MultiVariable):
        entry["answerCoding"] = {"system": code_system(flow, variable_id), "code": check.value}
    else:
        number = Decimal(str(check.value))
        if integer_valued(variable) and number == number.to_integral_value():
            entry["answerInteger"] = int(number)
        else:
            entry["answerDecimal"] = float(number)
    return entry


# --- QuestionnaireResponse --------------------------------------------------------------------


def questionnaire_response(session: Session, finished_at: datetime | None = None) -> dict[str, Any]:
    """The answers on the path taken, in the order they were given, as a QuestionnaireResponse.

    An empty multi-select ("none of these") is an item without answers: FHIR has no empty
    answer, and leaving the item out would read as "not asked".
    """
    flow = session.flow
    authored = finished_at or session.clock()
    items = []
    for step in session.path:
        if step.variable is None or step.value is None:
            continue
        node = flow.nodes[step.node]
        item: dict[str, Any] = {
            "linkId": step.node,
            "text": " ".join((node.prompt or node.title or step.node).split()),
        }
        answers = _answers(flow, step.variable, step.value)
        if answers:
            item["answer"] = answers
        items.append(item)
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire_url(flow)}|{flow.version}",
        "status": "completed" if session.is_complete else "in-progress",
        "authored": authored.isoformat().replace("+00:00", "Z"),
        "item": items,
    }


def _answers(flow: Flow, variable_id: str, value: object) -> list[dict[str, Any]]:
    variable = flow.variables[variable_id]
    if isinstance(variable, MultiVariable):
        assert isinstance(value, frozenset)
        order = [choice.value for choice in variable.choices]
        return [
            {"valueCoding": _coding(flow, variable_id, v)} for v in sorted(value, key=order.index)
        ]
    if isinstance(variable, ChoiceVariable):
        assert isinstance(value, str)
        return [{"valueCoding": _coding(flow, variable_id, value)}]
    assert isinstance(value, Decimal)
    if integer_valued(variable):
        return [{"valueInteger": int(value)}]
    return [{"valueDecimal": float(value)}]
