"""FHIR's own rules for when an item is enabled, written out for the tests: R4 `enableWhen`
by hand (it is a few lines of the specification) and SDC `enableWhenExpression` evaluated with
a real FHIRPath engine (fhirpathpy, test-only) after the Questionnaire's `variable`s, each in
order and seeing the earlier ones, as SDC defines them. Also random walks of any flow."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fhirpathpy import compile as compile_fhirpath
from fhirpathpy.models import models

from lm_tui.exports.fhir import ENABLE_WHEN_EXPRESSION, VARIABLE
from lm_tui.flow.definition import Flow
from lm_tui.flow.records import ChoiceVariable, MultiVariable, NumberVariable
from lm_tui.session.engine import Session

R4 = models["r4"]


def fhir_value(answer: dict[str, Any]) -> object:
    if "valueCoding" in answer:
        return answer["valueCoding"]["code"]
    if "valueString" in answer:
        return answer["valueString"]
    value = answer.get("valueInteger", answer.get("valueDecimal"))
    return Decimal(str(value))


def answers_by_link(response: dict[str, Any]) -> dict[str, list[object]]:
    return {
        item["linkId"]: [fhir_value(a) for a in item.get("answer", [])] for item in response["item"]
    }


def condition_holds(condition: dict[str, Any], answers: dict[str, list[object]]) -> bool:
    """One enableWhen entry by the R4 rules: `exists` tests for an answer; `!=` holds when no
    answer equals the value (so also when there is none); the others need an answer that
    compares true."""
    given = answers.get(condition["question"], [])
    operator = condition["operator"]
    if operator == "exists":
        return bool(given) == condition["answerBoolean"]
    if "answerCoding" in condition:
        wanted: object = condition["answerCoding"]["code"]
    else:
        wanted = Decimal(str(condition.get("answerInteger", condition.get("answerDecimal"))))
    if operator == "!=":
        return all(value != wanted for value in given)
    compare = {
        "=": lambda a, b: a == b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
    }[operator]
    return any(compare(value, wanted) for value in given)


def enabled_by_enable_when(item: dict[str, Any], answers: dict[str, list[object]]) -> bool:
    conditions = item.get("enableWhen")
    if not conditions:
        return True
    results = [condition_holds(c, answers) for c in conditions]
    return all(results) if item.get("enableBehavior", "all") == "all" else any(results)


class SdcForm:
    """A Questionnaire's variables and enableWhenExpressions, compiled once."""

    def __init__(self, questionnaire: dict[str, Any]) -> None:
        self.variables: list[tuple[str, Callable[..., list[Any]]]] = [
            (
                e["valueExpression"]["name"],
                compile_fhirpath(e["valueExpression"]["expression"], R4),
            )
            for e in questionnaire.get("extension", [])
            if e["url"] == VARIABLE
        ]
        self.items = questionnaire["item"]
        self.expressions = {
            item["linkId"]: compile_fhirpath(e["valueExpression"]["expression"], R4)
            for item in self.items
            for e in item.get("extension", [])
            if e["url"] == ENABLE_WHEN_EXPRESSION
        }

    def environment(self, response: dict[str, Any]) -> dict[str, Any]:
        context: dict[str, Any] = {"resource": response}
        for name, expression in self.variables:
            context[name] = expression(response, context)
        return context

    def enabled(self, response: dict[str, Any]) -> set[str]:
        """linkIds of the top-level items enabled for this response."""
        context = self.environment(response)
        answers = answers_by_link(response)
        enabled = set()
        for item in self.items:
            expression = self.expressions.get(item["linkId"])
            if expression is not None:
                result = expression(response, context)
                assert result in ([], [True], [False]), (item["linkId"], result)
                if result == [True]:
                    enabled.add(item["linkId"])
            elif enabled_by_enable_when(item, answers):
                enabled.add(item["linkId"])
        return enabled


def random_walk(flow: Flow, rng: random.Random) -> Session:
    session = Session(flow, require_acknowledgement=False)
    while not session.is_complete:
        node_id = session.current
        variable_id = flow.asked_variable(node_id)
        if variable_id is None:
            session.answer(None)
            continue
        variable = flow.variables[variable_id]
        offered = list(flow.offered_values(node_id))
        if isinstance(variable, MultiVariable):
            low = variable.min_selected
            session.answer(rng.sample(offered, rng.randint(low, len(offered))))
        elif isinstance(variable, ChoiceVariable):
            session.answer(rng.choice(offered))
        else:
            assert isinstance(variable, NumberVariable)
            near = _near_thresholds(flow, variable_id, variable)
            if near and rng.random() < 0.5:
                session.answer(rng.choice(near))
            else:
                steps = int((variable.max - variable.min) / variable.step)
                session.answer(variable.min + variable.step * rng.randint(0, steps))
    return session


def walk_through(flow: Flow, node_id: str, seed: int = 3, tries: int = 500) -> Session:
    """A random complete walk whose path passes `node_id` (the same one for the same seed)."""
    rng = random.Random(seed)
    for _ in range(tries):
        session = random_walk(flow, rng)
        if any(step.node == node_id for step in session.path):
            return session
    raise AssertionError(f"no walk of {tries} reached {node_id}")


def _near_thresholds(flow: Flow, variable_id: str, variable: NumberVariable) -> list[Decimal]:
    """Answers on and beside every number the flow compares the variable with: where
    branches part, so uniform draws over a wide range alone would rarely test them."""
    conditions = [r.when for routes in flow.routes.values() for r in routes]
    conditions += [r.when for rules in flow.rules.values() for r in rules]
    near = set()
    for condition in conditions:
        if condition is None:
            continue
        for limit in condition.thresholds.get(variable_id, ()):
            for value in (limit - variable.step, limit, limit + variable.step):
                on_grid = (value - variable.min) % variable.step == 0
                if variable.min <= value <= variable.max and on_grid:
                    near.add(value)
    return sorted(near)
