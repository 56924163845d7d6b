"""FHIR R4: the Questionnaire and QuestionnaireResponses validate, and enableWhen means what the
routes mean.

Validation uses `fhir.resources` (test dependency only). Its models cover R4B, which leaves
Questionnaire and QuestionnaireResponse as in R4 (4.0.1). The enableWhen test evaluates the
generated conditions with FHIR's own rules, written out below, on many random walks.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from lm_tui.cli.replay import replay_session
from lm_tui.exports.fhir import not_expressible, questionnaire, questionnaire_response
from lm_tui.flow.definition import Flow
from lm_tui.flow.expressions import And, Expr, Not, Or
from tests.conftest import example_files
from tests.fhir_semantics import enabled_by_enable_when, fhir_value, random_walk


@pytest.mark.parametrize("flow_name", ["bundled_flow", "houseplant_flow"])
def test_questionnaire_validates(flow_name: str, request: pytest.FixtureRequest) -> None:
    flow: Flow = request.getfixturevalue(flow_name)
    resource = questionnaire(flow)
    parsed = Questionnaire.model_validate(resource)
    assert parsed.url == f"urn:lm-tui:questionnaire:{flow.id}"
    asked = [n for n in flow.nodes if not flow.is_outcome(n)]
    assert [item["linkId"] for item in resource["item"] if "." not in item["linkId"]] == asked


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_questionnaire_response_validates_and_matches_the_questionnaire(
    example: Path, bundled_flow: Flow
) -> None:
    session, _ = replay_session(bundled_flow, example)
    resource = questionnaire_response(session)
    QuestionnaireResponse.model_validate(resource)
    assert resource["status"] == "completed"
    assert (
        resource["questionnaire"]
        == f"urn:lm-tui:questionnaire:leptomeningeal|{bundled_flow.version}"
    )
    items = {item["linkId"]: item for item in questionnaire(bundled_flow)["item"]}
    for answered in resource["item"]:
        item = items[answered["linkId"]]
        for answer in answered.get("answer", []):
            if item["type"] == "choice":
                assert answer["valueCoding"] in [o["valueCoding"] for o in item["answerOption"]]
            else:
                assert f"value{item['type'].capitalize()}" in answer


def _nests_and_within_or(expr: Expr) -> bool:
    """`a or (b and c)`: FHIR's flat `all`/`any` list cannot state it."""
    if isinstance(expr, Or):
        return any(isinstance(item, And) or _nests_and_within_or(item) for item in expr.items)
    if isinstance(expr, And):
        return any(isinstance(item, Or) or _nests_and_within_or(item) for item in expr.items)
    if isinstance(expr, Not):
        return _nests_and_within_or(expr.item)
    return False


def test_items_without_enable_when_are_those_fhir_cannot_state(bundled_flow: Flow) -> None:
    """FHIR cannot evaluate the flow's rule tables, nor nest `and` within `or`, so exactly the
    nodes reached through a route that reads a derived value or nests the two may lack a
    condition."""
    derived = set(bundled_flow.derived)
    beyond_fhir = set()
    for _node_id, routes in bundled_flow.routes.items():
        for route in routes:
            names = set(route.when.names) if route.when else set()
            nested = route.when is not None and _nests_and_within_or(route.when.root)
            # an `otherwise` route reads whatever its sibling routes read
            if route.when is None:
                for other in routes:
                    if other.when:
                        names |= set(other.when.names)
                        nested = nested or _nests_and_within_or(other.when.root)
            if names & derived or nested:
                beyond_fhir.add(route.to)
    unstated = set(not_expressible(bundled_flow))
    assert unstated, "the bundled flow routes on derived values, so some items stay unconditional"
    assert unstated <= beyond_fhir


BRANCHING_FLOW = """
[flow]
id = "branching"
title = "A flow that branches on every kind of condition FHIR can state"
version = "1"
start = "colour"

[sources.none]
citation = "Test fixture"

[variables.colour]
kind = "choice"
label = "Colour"
choices = [
  { value = "red", label = "Red" },
  { value = "green", label = "Green" },
  { value = "blue", label = "Blue" },
]

[variables.size]
kind = "number"
label = "Size"
min = 0
max = 10
step = 0.5

[variables.extras]
kind = "multi"
label = "Extras"
choices = [{ value = "nuts", label = "Nuts" }, { value = "seeds", label = "Seeds" }]

[variables.ok]
kind = "choice"
label = "OK"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[variables.sure]
kind = "choice"
label = "Sure"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[nodes.colour]
kind = "choice"
variable = "colour"
[[nodes.colour.routes]]
when = "colour == 'red'"
to = "size"
[[nodes.colour.routes]]
otherwise = true
to = "not_red"

[nodes.not_red]
kind = "info"
prompt = "Not red."
next = "extras"

[nodes.size]
kind = "number"
variable = "size"
[[nodes.size.routes]]
when = "size < 4.5"
to = "small"
[[nodes.size.routes]]
when = "size >= 4.5"
to = "big"

[nodes.small]
kind = "info"
prompt = "Small."
next = "extras"

[nodes.big]
kind = "choice"
variable = "ok"
next = "extras"

[nodes.extras]
kind = "multi"
variable = "extras"
[[nodes.extras.routes]]
when = "'nuts' in extras"
to = "nut_check"
[[nodes.extras.routes]]
otherwise = true
to = "last"

[nodes.nut_check]
kind = "info"
prompt = "Check for allergy."
next = "last"

[nodes.last]
kind = "choice"
variable = "sure"
[[nodes.last.routes]]
when = "colour not in ['red', 'green']"
to = "blue_end"
[[nodes.last.routes]]
otherwise = true
to = "end"

[nodes.blue_end]
kind = "outcome"

[nodes.end]
kind = "outcome"
"""


def test_enable_when_for_negations_numbers_and_multi_selects(tmp_path: Path) -> None:
    from lm_tui.flow.loader import load_flow

    path = tmp_path / "branching.toml"
    path.write_text(BRANCHING_FLOW, "utf-8")
    flow = load_flow(path)
    Questionnaire.model_validate(questionnaire(flow))
    assert not_expressible(flow) == []
    items = questionnaire(flow)["item"]
    rng = random.Random(7)
    paths = set()
    for _ in range(300):
        session = random_walk(flow, rng)
        response = questionnaire_response(session)
        QuestionnaireResponse.model_validate(response)
        answers = {
            item["linkId"]: [fhir_value(a) for a in item.get("answer", [])]
            for item in response["item"]
        }
        on_path = {step.node for step in session.path}
        paths.add(frozenset(on_path))
        for item in items:
            assert enabled_by_enable_when(item, answers) == (item["linkId"] in on_path), (
                item,
                sorted(on_path),
            )
    assert len(paths) >= 6
