"""A FHIR form built from a flow shows, at every moment of filling it in, exactly the questions
the engine has asked so far and the one it asks next.

The flow below has the shapes whose enableWhen is easy to get wrong: a negated threshold
(`not (kps < 60)`, so a KPS of exactly 60 goes on), a negated choice (`not (plan ==
'watch')`), which in FHIR also needs the question to have been answered, since `!=` holds for
a question with no answer at all, and an `or` of two answers to one question.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.exports.fhir import not_expressible, questionnaire, questionnaire_response
from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from tests.fhir_semantics import enabled_by_enable_when as _enabled
from tests.fhir_semantics import fhir_value as _fhir_value

NEGATIONS = """
[flow]
id = "negations"
title = "Negated routes"
version = "0.1"
start = "kps"
disclaimer = "Test flow."

[variables.kps]
kind = "number"
label = "Performance status"
min = 0
max = 100
step = 10

[variables.plan]
kind = "choice"
label = "Plan"
choices = [{ value = "watch", label = "Watch" }, { value = "treat", label = "Treat" }]

[variables.dose]
kind = "choice"
label = "Dose"
choices = [
  { value = "low", label = "Low" },
  { value = "full", label = "Full" },
  { value = "high", label = "High" },
]

[variables.review]
kind = "choice"
label = "Review booked"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[variables.comfort]
kind = "choice"
label = "Comfort care discussed"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[nodes.kps]
kind = "number"
variable = "kps"
prompt = "Performance status?"

[[nodes.kps.routes]]
when = "not (kps < 60)"
to = "plan"

[[nodes.kps.routes]]
otherwise = true
to = "comfort"

[nodes.plan]
kind = "choice"
variable = "plan"
prompt = "Plan?"

[[nodes.plan.routes]]
when = "not (plan == 'watch')"
to = "dose"

[[nodes.plan.routes]]
otherwise = true
to = "end"

[nodes.dose]
kind = "choice"
variable = "dose"
prompt = "Dose?"

[[nodes.dose.routes]]
when = "dose == 'low' or dose == 'high'"
to = "review"

[[nodes.dose.routes]]
otherwise = true
to = "end"

[nodes.review]
kind = "choice"
variable = "review"
prompt = "Review booked?"
next = "end"

[nodes.comfort]
kind = "choice"
variable = "comfort"
prompt = "Comfort care discussed?"
next = "end"

[nodes.end]
kind = "outcome"
title = "End"
"""

ANSWERS = {
    "plan": ["watch", "treat"],
    "dose": ["low", "full", "high"],
    "review": ["no"],
    "comfort": ["yes"],
}


@pytest.fixture
def flow(tmp_path: Path) -> Flow:
    path = tmp_path / "negations.toml"
    path.write_text(NEGATIONS, encoding="utf-8")
    return load_flow(path)


def _sessions(flow: Flow, kps: int) -> list[list[object]]:
    """Every way through the flow from one KPS, as the list of answers given."""
    walks: list[list[object]] = [[str(kps)]]
    finished: list[list[object]] = []
    while walks:
        given = walks.pop()
        session = Session(flow)
        for answer in given:
            session.answer(answer)
        if session.is_complete:
            finished.append(given)
            continue
        variable = flow.asked_variable(session.current)
        assert variable is not None
        walks.extend([*given, value] for value in ANSWERS[variable])
    return finished


@pytest.mark.parametrize("kps", [0, 50, 60, 70, 100])
def test_the_form_enables_the_questions_asked_and_the_next_one(flow: Flow, kps: int) -> None:
    assert not_expressible(flow) == []
    items = questionnaire(flow)["item"]
    for given in _sessions(flow, kps):
        session = Session(flow)
        for answer in [*given, None]:
            response = questionnaire_response(session)
            answered = {
                item["linkId"]: [_fhir_value(a) for a in item.get("answer", [])]
                for item in response["item"]
            }
            expected = {step.node for step in session.path}
            if not session.is_complete:
                expected.add(session.current)
            enabled = {item["linkId"] for item in items if _enabled(item, answered)}
            assert enabled == expected, (given, answered)
            if answer is not None:
                session.answer(answer)
