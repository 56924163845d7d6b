"""The FHIR Questionnaire behaves like the flow in a form renderer: its `enableWhen` and SDC
`enableWhenExpression` (over the Questionnaire's FHIRPath variables) enable exactly the items
the flow asks, checked with a FHIRPath engine on random walks of every flow the tests know.
Also the answer conventions: a KPS answer list, decimal places, an explicit "none", notes, help
items, and `prefix` left for numbering."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from lm_tui.exports.fhir import (
    ENABLE_WHEN_EXPRESSION,
    ITEM_CONTROL,
    MAX_DECIMAL_PLACES,
    NOTE_EXTENSION,
    OPTION_EXCLUSIVE,
    questionnaire,
    questionnaire_response,
)
from lm_tui.exports.fhirpath import NONE_CODE, FlowExpressions
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from tests.conftest import FIXTURES
from tests.fhir_semantics import SdcForm, random_walk, walk_through
from tests.unit.test_fhir_export import BRANCHING_FLOW

WALKS = 300


def _flows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Flow]:
    branching = tmp_path_factory.mktemp("branching") / "branching.toml"
    branching.write_text(BRANCHING_FLOW, "utf-8")
    flows = {"branching": load_flow(branching)}
    for path in sorted((FIXTURES / "flows").glob("*.toml")):
        flows[path.stem] = load_flow(path)
    return flows


@pytest.fixture(scope="module")
def flows(bundled_flow: Flow, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Flow]:
    return {"bundled": bundled_flow, **_flows(tmp_path_factory)}


FLOW_NAMES = ["bundled", "houseplant", "guarded_read", "branching"]


@pytest.mark.parametrize("name", FLOW_NAMES)
def test_the_form_enables_exactly_the_items_the_flow_asks(
    name: str, flows: dict[str, Flow]
) -> None:
    """On each walk: the items enabled for the whole response are the nodes on the path (and,
    for every node, `%asked<Node>` says whether it is on the path); for every shorter response
    (the answers up to some point) the enabled items include the answered ones and the next
    question, and nothing off the path the later answers take (on every third walk)."""
    flow = flows[name]
    resource = questionnaire(flow)
    form = SdcForm(resource)
    names = FlowExpressions(flow)
    items = [item["linkId"] for item in resource["item"] if "." not in item["linkId"]]
    rng = random.Random(20261204)
    paths = set()
    by_expression = set()
    for walk in range(WALKS):
        session = random_walk(flow, rng)
        response = questionnaire_response(session)
        on_path = {step.node for step in session.path}
        paths.add(frozenset(on_path))
        enabled = form.enabled(response) & set(items)
        assert enabled == on_path & set(items), (sorted(enabled ^ (on_path & set(items))),)
        by_expression |= enabled & set(form.expressions)
        context = form.environment(response)
        for node_id in flow.nodes:
            reached = node_id in on_path or node_id == session.current
            assert context[names.name("asked", node_id)] == [reached], node_id
        if walk % 3:
            continue  # every third walk also checks each shorter response (the slow part)
        questions = [item for item in response["item"] if not item["linkId"].endswith(".note")]
        for answered in range(len(questions)):
            partial = {**response, "item": questions[:answered]}
            shown = form.enabled(partial) & set(items)
            given = {item["linkId"] for item in questions[:answered]}
            assert given <= shown <= on_path, (sorted(shown - on_path), sorted(given - shown))
            assert questions[answered]["linkId"] in shown
    assert len(paths) >= 2, "the walks must take different paths"
    if form.expressions:
        assert by_expression, "the walks must enable some items by expression"


def test_the_five_conditional_questions_carry_a_condition(bundled_flow: Flow) -> None:
    """kps, branch_choice, csf_flow, age_years and mtx_formulation were unconditional and
    required, so a renderer showed them on the empty form and refused every response."""
    items = {item["linkId"]: item for item in questionnaire(bundled_flow)["item"]}
    for node_id in ("kps", "branch_choice", "csf_flow", "age_years", "mtx_formulation"):
        item = items[node_id]
        expression = [e for e in item.get("extension", []) if e["url"] == ENABLE_WHEN_EXPRESSION]
        assert item.get("enableWhen") or expression, node_id
    form = SdcForm(questionnaire(bundled_flow))
    empty = {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": []}
    asked_later = {"kps", "branch_choice", "csf_flow", "age_years", "mtx_formulation"}
    assert form.enabled(empty) & asked_later == set()
    # The README's example of a condition plain FHIR can say: one of two cytology results.
    samples = items["csf_samples"]
    assert samples["enableBehavior"] == "any"
    assert [when["answerCoding"]["code"] for when in samples["enableWhen"]] == [
        "equivocal",
        "negative",
    ]


def _item(resource: dict[str, Any], link_id: str) -> dict[str, Any]:
    return next(item for item in resource["item"] if item["linkId"] == link_id)


def test_steps_are_kept_as_an_answer_list_and_decimal_places(bundled_flow: Flow) -> None:
    resource = questionnaire(bundled_flow)
    kps = _item(resource, "kps")
    assert [o["valueInteger"] for o in kps["answerOption"]] == list(range(0, 101, 10))
    age = _item(resource, "age_years")
    assert {"url": MAX_DECIMAL_PLACES, "valueInteger": 1} in age["extension"]
    Questionnaire.model_validate(resource)


def test_an_empty_checklist_is_an_explicit_none(houseplant_flow: Flow) -> None:
    resource = questionnaire(houseplant_flow)
    pets = _item(resource, "pets")
    none = pets["answerOption"][-1]
    assert none["valueCoding"]["code"] == NONE_CODE
    assert none["extension"] == [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]
    session = Session(houseplant_flow)
    session.answer("bright")
    session.answer([])
    response = questionnaire_response(session)
    QuestionnaireResponse.model_validate(response)
    assert response["item"][1]["answer"] == [{"valueCoding": none["valueCoding"]}]


def test_help_text_and_sources_are_help_items_and_prefix_is_not_a_title(
    bundled_flow: Flow,
) -> None:
    resource = questionnaire(bundled_flow)
    for item in resource["item"]:
        assert "prefix" not in item
    node = bundled_flow.nodes["kps"]
    helps = _item(resource, "kps")["item"]
    assert len(helps) == 1 and helps[0]["type"] == "display"
    assert helps[0]["extension"][0]["url"] == ITEM_CONTROL
    assert helps[0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "help"
    assert " ".join(node.help.split())[:40] in helps[0]["text"]
    for source in node.sources:
        assert bundled_flow.file.sources[source].citation.split()[0] in helps[0]["text"]


def test_notes_are_carried_in_the_response(bundled_flow: Flow, tmp_path: Path) -> None:
    """The reason for a borderline branch follows the question in its note item; a note on
    a node without one rides on its item as an extension."""
    noted = [n for n, node in bundled_flow.nodes.items() if getattr(node, "allow_note", False)]
    assert "branch_choice" in noted
    resource = questionnaire(bundled_flow)
    links = [item["linkId"] for item in resource["item"]]
    assert links[links.index("branch_choice") + 1] == "branch_choice.note"
    session = walk_through(bundled_flow, "branch_choice")
    session.note("*MDT* agreed", "branch_choice")
    session.note("asked the family", "primary_tumor")
    response = questionnaire_response(session)
    QuestionnaireResponse.model_validate(response)
    note = _item(response, "branch_choice.note")
    assert note["answer"] == [{"valueString": "*MDT* agreed"}]
    first = _item(response, "primary_tumor")
    assert first["extension"] == [{"url": NOTE_EXTENSION, "valueString": "asked the family"}]
    answered = {item["linkId"] for item in response["item"]}
    assert answered <= set(links)
