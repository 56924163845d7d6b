"""Changing an answer keeps the later answers that still apply ("edit and return").

An edit that puts a new question on the path used to drop every answer after it, so a
clinician had to re-confirm the plan and everything else one by one. Now the new question is
asked, the walk goes on through the answers already given, and only those the path no longer
reaches are dropped, named once the walk is back where it was.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session, replay_events
from tests.conftest import EXAMPLES
from tests.unit.test_engine import T0, new_session


def finished_houseplant(flow: Flow) -> Session:
    session = new_session(flow)
    for raw in ("bright", ["dog"], 3, None):
        session.answer(raw)
    assert session.is_complete
    return session


def test_a_question_new_on_the_path_is_asked_and_the_later_answers_are_kept(houseplant_flow):
    session = finished_houseplant(houseplant_flow)
    session.edit("light", "low")  # humid is asked only in low light: new on the path
    assert session.current == "humid"
    assert session.edit_pending
    assert session.last_dropped == ()

    session.answer("yes")
    # pets and days away are still on the path: used as they were, nothing asked again
    assert session.is_complete
    assert not session.edit_pending
    assert session.last_dropped == ()
    assert dict(session.answers) == {
        "light": "low",
        "humid": "yes",
        "pets": frozenset({"dog"}),
        "hours_away": Decimal(3),
    }


def test_the_answers_that_left_the_path_are_named_once_the_walk_is_back(houseplant_flow):
    session = finished_houseplant(houseplant_flow)
    session.edit("light", "low")
    session.answer("no")
    session.edit("light", "medium")  # humid leaves the path; the walk is at the outcome again
    assert session.is_complete
    assert session.last_dropped == ("humid",)


def test_an_edit_made_mid_session_returns_to_the_question_that_was_waiting(houseplant_flow):
    session = new_session(houseplant_flow)
    session.answer("bright")
    session.answer(["cat"])
    session.acknowledge("lily_and_cat")
    assert session.current == "away"
    session.edit("light", "low")
    assert session.current == "humid"
    session.answer("yes")
    assert session.current == "away"  # where the user was; pets kept
    assert not session.edit_pending
    assert session.answers["pets"] == frozenset({"cat"})


def test_a_replayed_log_lands_in_the_same_state(houseplant_flow):
    session = finished_houseplant(houseplant_flow)
    session.edit("light", "low")
    session.answer("yes")
    replayed = replay_events(
        houseplant_flow, session.events, mode="clinical", interface="replay", started_at=T0
    )
    assert replayed.current == session.current
    assert dict(replayed.answers) == dict(session.answers)
    assert replayed.edit_pending is False


def test_the_plan_and_formulation_are_kept_when_the_csf_flow_changes(bundled_flow):
    """The issue's case: obstructed → unobstructed asks only what is new on the path."""
    answers = tomllib.loads((EXAMPLES / "lung-obstructed-csi-mtx.toml").read_text())["answers"]
    session = Session(bundled_flow, require_acknowledgement=False)
    session.fill_from(answers)
    before = dict(session.answers)
    session.edit("csf_flow", "unobstructed")
    asked = []
    while session.edit_pending:
        variable = bundled_flow.asked_variable(session.current)
        asked.append(variable)
        session.answer(answers.get(variable, 50))
    assert session.is_complete
    assert not set(asked) & set(before)  # nothing answered before is asked again
    assert session.answers["planned"] == before["planned"]
    gone = set(before) - set(session.answers)
    assert set(session.last_dropped) == gone
    assert "planned" not in gone and "flow_restored" in gone
