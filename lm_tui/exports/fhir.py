"""FHIR R4: the flow as a `Questionnaire`, a session as the matching `QuestionnaireResponse`.

One item per question or info node (`linkId` = node id), so a variable asked at several nodes
with different options (a driver asked per primary tumour) keeps each node's own answer list;
`item.code` names the variable so a reader can join items back to the flow's answers. Choice
values are codings in a code system per variable (`urn:lm-tui:<flow>:<variable>`).

Every conditionally asked item is enabled exactly when the flow asks it: by plain `enableWhen`
where a flat list of answer checks says it (`enablement.py`; every renderer reads those), else by
the SDC `enableWhenExpression` `%asked<Node>`, one of the Questionnaire-level FHIRPath variables
that restate the flow's rule tables and routes (`fhirpath.py`).

Other conventions: a multi-select that may be left empty offers an explicit "none of these"
(`NONE_CODE`, exclusive), so "none" is an answer and not a gap; a number whose steps skip
integers (KPS in tens) is an answer list, a decimal carries `maxDecimalPlaces`; a node's help
and sources are a child `display` item with `itemControl = help`; `prefix` stays empty (it is
for numbering) and the node title is the SDC `shortText`; where a node takes a note, a `text`
item `<node>.note` follows it, and a note on any other node rides on the response item as the
extension `NOTE_EXTENSION`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from lm_tui.exports.enablement import ALWAYS, Check, EnableCondition, enable_conditions
from lm_tui.exports.fhirpath import NONE_CODE, FlowExpressions
from lm_tui.flow.definition import Flow
from lm_tui.flow.records import (
    ChoiceVariable,
    InfoNode,
    MultiVariable,
    NumberVariable,
    OutcomeNode,
)
from lm_tui.flow.values import plain_number
from lm_tui.session.engine import Session

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
MAX_DECIMAL_PLACES = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
ENABLE_WHEN_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)
SHORT_TEXT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-shortText"
NOTE_EXTENSION = "urn:lm-tui:extension:note"
"""A note given at a node that has no note item (the session file allows one anywhere)."""

MAX_ANSWER_LIST = 25
"""An integer question whose steps skip values gets an answer list up to this many entries
(KPS: 11); a longer grid keeps min/max, as a list that long is no help to a reader."""

NONE_DISPLAY = "None of these"


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
    expressions = FlowExpressions(flow)
    items: list[dict[str, Any]] = []
    for node_id in question_nodes(flow):
        items.extend(_items(flow, node_id, conditions[node_id], expressions))
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": fhir_id(flow.id),
        "extension": [
            {
                "url": VARIABLE,
                "valueExpression": {
                    "name": variable.name,
                    "language": "text/fhirpath",
                    "expression": variable.expression,
                },
            }
            for variable in expressions.variables
        ],
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
        "item": items,
    }
    if not resource["identifier"]:
        del resource["identifier"]
    return resource


def not_expressible(flow: Flow) -> list[str]:
    """Conditionally asked nodes that need the SDC `enableWhenExpression` (plain `enableWhen`
    cannot state their condition); renderers without SDC show them unconditionally."""
    conditions = enable_conditions(flow)
    return [node_id for node_id in question_nodes(flow) if conditions[node_id].opaque]


def note_link_id(node_id: str) -> str:
    """The note item after a node that takes a note (node ids never hold a dot)."""
    return f"{node_id}.note"


def _computable_name(flow_id: str) -> str:
    name = "".join(part.capitalize() for part in flow_id.split("_"))
    return name if name[:1].isalpha() else f"Flow{name}"


def _items(
    flow: Flow, node_id: str, condition: EnableCondition, expressions: FlowExpressions
) -> list[dict[str, Any]]:
    """The node's item, and its note item where the node takes a note."""
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
        item["text"] = text
        if isinstance(variable, NumberVariable):
            _number_item(item, variable)
        else:
            item["type"] = "choice"
            item["required"] = True
            if isinstance(variable, MultiVariable):
                item["repeats"] = True
            item["answerOption"] = [
                {"valueCoding": _coding(flow, variable_id, value)}
                for value in flow.offered_values(node_id)
            ]
            if isinstance(variable, MultiVariable) and variable.min_selected == 0:
                item["answerOption"].append(
                    {
                        "extension": [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}],
                        "valueCoding": _none_coding(flow, variable_id),
                    }
                )
    if node.title and node.title != text:
        _extend(item, [{"url": SHORT_TEXT, "valueString": node.title}])
    enabling = _enabling(flow, node_id, condition, expressions)
    _extend(item, enabling.pop("extension", []))
    item.update(enabling)
    help_item = _help_item(flow, node_id)
    if help_item is not None:
        item["item"] = [help_item]
    items = [item]
    if getattr(node, "allow_note", False):
        note: dict[str, Any] = {
            "linkId": note_link_id(node_id),
            "text": "Reason or note",
            "type": "text",
            "required": False,
            **enabling,
        }
        _extend(note, item.get("extension", []), only=ENABLE_WHEN_EXPRESSION)
        items.append(note)
    return items


def _extend(item: dict[str, Any], extensions: list[dict[str, Any]], only: str = "") -> None:
    """Add extensions to an item's list (keeping the order: FHIR puts `extension` first)."""
    wanted = [e for e in extensions if not only or e["url"] == only]
    if wanted:
        item["extension"] = [*item.get("extension", []), *wanted]


def _enabling(
    flow: Flow, node_id: str, condition: EnableCondition, expressions: FlowExpressions
) -> dict[str, Any]:
    """`enableWhen` where a flat list of checks says when the node is asked, else the SDC
    expression; nothing for a node asked on every path."""
    if condition == ALWAYS:
        return {}
    if not condition.opaque and condition.checks:
        fields: dict[str, Any] = {
            "enableWhen": [_enable_when(flow, check) for check in condition.checks]
        }
        if len(condition.checks) > 1:
            fields["enableBehavior"] = condition.behavior
        return fields
    return {
        "extension": [
            {
                "url": ENABLE_WHEN_EXPRESSION,
                "valueExpression": {
                    "language": "text/fhirpath",
                    "expression": expressions.asked(node_id),
                },
            }
        ]
    }


def _help_item(flow: Flow, node_id: str) -> dict[str, Any] | None:
    """Why the question is asked and its sources in full, as the renderer's help text."""
    node = flow.nodes[node_id]
    parts = [" ".join(node.help.split())] if node.help.strip() else []
    citations = [
        " ".join(flow.file.sources[source].citation.split())
        for source in node.sources
        if source in flow.file.sources
    ]
    if citations:
        parts.append("Sources: " + "; ".join(citations))
    grade = getattr(node, "grade", None)
    if grade:
        parts.append(f"Evidence grade: {grade}")
    if not parts:
        return None
    return {
        "linkId": f"{node_id}.help",
        "text": "\n\n".join(parts),
        "type": "display",
        "extension": [
            {
                "url": ITEM_CONTROL,
                "valueCodeableConcept": {
                    "coding": [
                        {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}
                    ]
                },
            }
        ],
    }


def answer_list(variable: NumberVariable) -> list[int] | None:
    """The values of an integer question whose steps skip integers, when short enough."""
    if not integer_valued(variable) or variable.step == 1:
        return None
    count = int((variable.max - variable.min) / variable.step) + 1
    if count > MAX_ANSWER_LIST:
        return None
    return [int(variable.min + variable.step * i) for i in range(count)]


def _number_item(item: dict[str, Any], variable: NumberVariable) -> None:
    integer = integer_valued(variable)
    item["type"] = "integer" if integer else "decimal"
    item["required"] = True
    key = "valueInteger" if integer else "valueDecimal"
    values = answer_list(variable)
    # A list bounds the answer by itself; LHC-Forms also reports min/max as broken beside one.
    item["extension"] = (
        []
        if values is not None
        else [
            {"url": MIN_VALUE, key: plain_number(variable.min)},
            {"url": MAX_VALUE, key: plain_number(variable.max)},
        ]
    )
    if not integer:
        places = max(0, -int(variable.step.normalize().as_tuple().exponent))
        item["extension"].append({"url": MAX_DECIMAL_PLACES, "valueInteger": places})
    if variable.unit:
        item["extension"].append({"url": UNIT, "valueCoding": {"display": variable.unit}})
    if values is not None:
        item["answerOption"] = [{"valueInteger": value} for value in values]
    if not item["extension"]:
        del item["extension"]  # FHIR JSON has no empty lists


def _coding(flow: Flow, variable_id: str, value: str) -> dict[str, str]:
    return {
        "system": code_system(flow, variable_id),
        "code": value,
        "display": flow.choice_label(variable_id, value),
    }


def _none_coding(flow: Flow, variable_id: str) -> dict[str, str]:
    return {"system": code_system(flow, variable_id), "code": NONE_CODE, "display": NONE_DISPLAY}


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

    An empty multi-select is answered with the explicit "none of these" coding: FHIR has no
    empty answer, and an item without one reads as "not answered". Notes follow their question
    in its note item, or ride on its item as an extension where it has none; a note on a node
    with no item in the response (an information screen, a question no longer on the path) is
    an extension of the response itself, naming the node.
    """
    flow = session.flow
    authored = finished_at or session.clock()
    notes: dict[str, list[str]] = {}
    for note in session.notes:
        notes.setdefault(note.node, []).append(note.text)
    items = []
    for step in session.path:
        if step.variable is None or step.value is None:
            continue
        node = flow.nodes[step.node]
        item: dict[str, Any] = {
            "linkId": step.node,
            "text": " ".join((node.prompt or node.title or step.node).split()),
            "answer": _answers(flow, step.variable, step.value),
        }
        texts = notes.pop(step.node, [])
        if texts and getattr(node, "allow_note", False):
            items.append(item)
            item = {
                "linkId": note_link_id(step.node),
                "text": "Reason or note",
                "answer": [{"valueString": "\n\n".join(texts)}],
            }
        elif texts:
            item = {"extension": _note_extensions(texts), **item}
        items.append(item)
    resource: dict[str, Any] = {"resourceType": "QuestionnaireResponse"}
    elsewhere = [f"{node}: {text}" for node, texts in notes.items() for text in texts]
    if elsewhere:
        resource["extension"] = _note_extensions(elsewhere)
    resource.update(
        questionnaire=f"{questionnaire_url(flow)}|{flow.version}",
        status="completed" if session.is_complete else "in-progress",
        authored=authored.isoformat().replace("+00:00", "Z"),
        item=items,
    )
    return resource


def _note_extensions(texts: list[str]) -> list[dict[str, str]]:
    return [{"url": NOTE_EXTENSION, "valueString": text} for text in texts]


def _answers(flow: Flow, variable_id: str, value: object) -> list[dict[str, Any]]:
    variable = flow.variables[variable_id]
    if isinstance(variable, MultiVariable):
        assert isinstance(value, frozenset)
        order = [choice.value for choice in variable.choices]
        if not value:
            return [{"valueCoding": _none_coding(flow, variable_id)}]
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
