"""The session engine on the non-clinical houseplant flow: back, edit, acknowledgement, replay.

The houseplant flow (tests/fixtures/flows/houseplant.toml) asks `humid` only when the light is
low, so it has a branch to leave, and raises a critical pitfall (`lily_and_cat`) for a cat.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.values import UNKNOWN
from lm_tui.session.document import session_document
from lm_tui.session.engine import AcknowledgementRequired, Session, replay_events

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def ticking_clock():
    """A clock that advances one minute per reading, so every event has its own time."""
    moments = (T0 + timedelta(minutes=n) for n in range(10_000))
    return lambda: next(moments)


def new_session(flow: Flow, **options: object) -> Session:
    return Session(flow, clock=ticking_clock(), started_at=T0, **options)  # type: ignore[arg-type]


def nodes_of(session: Session) -> list[str]:
    return [step.node for step in session.path]


def test_a_session_walks_the_low_light_branch_to_the_outcome(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    assert session.current == "light"
    session.answer("low")
    assert session.current == "humid"
    session.answer("yes")
    session.answer([])
    session.answer("12.5")  # typed text, as the plain interface sends it
    assert session.current == "tip"
    session.answer(None)  # an info node is passed without an answer
    assert session.is_complete
    assert session.current == "done"
    assert nodes_of(session) == ["light", "humid", "pets", "away", "tip"]
    assert dict(session.answers) == {
        "light": "low",
        "humid": "yes",
        "pets": frozenset(),
        "hours_away": Decimal("12.5"),
    }
    evaluator = session.evaluator
    assert evaluator.derived("care") == "easy"
    assert evaluator.derived("watering") == "fortnightly"
    assert set(evaluator.recommendations()) == {"snake_plant", "fern"}
    assert evaluator.pitfalls() == []
    assert evaluator.sections("done") == [("Light", "Water fortnightly.", ())]


def test_answers_after_completion_are_refused(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    session.fill_from({"light": "bright", "pets": [], "hours_away": 0})
    assert session.is_complete
    with pytest.raises(AnswerError, match="complete"):
        session.answer("bright")


def test_back_discards_the_last_answer_and_offers_it_again(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    session.answer("low")
    session.answer("yes")
    session.answer(["dog"])
    assert session.current == "away"

    assert session.back() is True
    assert session.current == "pets"
    assert "pets" not in session.answers
    assert session.previous_answer("pets") == frozenset({"dog"})

    assert session.back() is True
    assert session.current == "humid"
    assert session.previous_answer("humid") == "yes"
    assert session.back() is True
    assert session.current == "light"
    assert session.previous_answer("light") == "low"
    assert dict(session.answers) == {}
    assert session.back() is False  # nothing before the first node
    assert [event.kind for event in session.events].count("back") == 3


def test_answers_on_a_branch_left_by_going_back_do_not_count(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    session.answer("low")
    session.answer("yes")  # humid: only asked on the low-light branch
    session.back()
    session.back()
    session.answer("bright")  # leaves the low-light branch
    assert session.current == "pets"
    assert "humid" not in session.answers
    assert session.evaluator.lookup("humid") is UNKNOWN
    session.answer([])
    session.answer(0)
    session.answer(None)
    assert session.is_complete
    assert "fern" not in session.evaluator.recommendations()  # needs humid == 'yes'
    assert "humid" not in session_document(session)["answers"]


def test_edit_drops_answers_that_no_longer_apply(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    for answer in ("low", "yes", ["cat"]):
        session.answer(answer)
    session.acknowledge("lily_and_cat")
    session.answer(3)
    session.answer(None)
    assert session.is_complete
    assert "fern" in session.evaluator.recommendations()

    session.edit("light", "medium")
    assert session.last_dropped == ("humid",)
    assert session.is_complete  # pets, days away and the info node still apply
    assert nodes_of(session) == ["light", "pets", "away", "tip"]
    assert dict(session.answers) == {
        "light": "medium",
        "pets": frozenset({"cat"}),
        "hours_away": Decimal(3),
    }
    assert "fern" not in session.evaluator.recommendations()

    # Back on the low-light branch, humid is asked again rather than silently reused.
    session.edit("light", "low")
    assert session.current == "humid"
    assert "humid" not in session.answers


def test_edit_refuses_nodes_off_the_path_and_nodes_that_ask_nothing(
    houseplant_flow: Flow,
) -> None:
    session = new_session(houseplant_flow)
    session.fill_from({"light": "bright", "pets": [], "hours_away": 1})
    with pytest.raises(AnswerError, match="not on the path"):
        session.edit("humid", "yes")
    with pytest.raises(AnswerError, match="asks nothing"):
        session.edit("tip", None)
    with pytest.raises(AnswerError, match="light"):
        session.edit("light", "dark")
    assert session.answers["light"] == "bright"  # a refused edit changes nothing


def test_a_critical_pitfall_must_be_acknowledged_before_going_on(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    session.answer("bright")
    session.answer(["cat", "bird"])
    assert session.raised_pitfalls() == ["lily_and_cat"]
    assert session.unacknowledged_critical() == ["lily_and_cat"]
    with pytest.raises(AcknowledgementRequired, match="lily_and_cat"):
        session.answer(2)
    assert session.current == "away"  # refused: nothing moved

    session.acknowledge("lily_and_cat")
    assert session.unacknowledged_critical() == []
    session.answer(2)
    assert session.current == "tip"
    assert session.acknowledged["lily_and_cat"] > T0


def test_a_warning_pitfall_does_not_block(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    session.fill_from({"light": "bright", "pets": [], "hours_away": 25})
    assert session.raised_pitfalls() == ["nothing_chosen"]
    assert session.is_complete


def test_replay_does_not_block_and_records_the_pitfall_unacknowledged(
    houseplant_flow: Flow,
) -> None:
    session = new_session(houseplant_flow, interface="replay", require_acknowledgement=False)
    session.fill_from({"light": "bright", "pets": ["cat"], "hours_away": 2})
    assert session.is_complete
    [raised] = session_document(session)["raised_pitfalls"]
    assert raised["id"] == "lily_and_cat"
    assert raised["acknowledged"] is False


def test_acknowledging_an_unknown_pitfall_is_refused(houseplant_flow: Flow) -> None:
    with pytest.raises(AnswerError, match="not a pitfall"):
        new_session(houseplant_flow).acknowledge("poison_ivy")


def test_replaying_the_event_log_gives_the_identical_state(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow, mode="teaching")
    session.answer("low")
    session.note("South-facing window, but shaded by a tree")
    session.answer("no")
    session.answer(["cat"])
    session.acknowledge("lily_and_cat")
    session.back()
    session.answer(["dog", "cat"])
    session.answer("4.5")
    session.answer(None)
    session.edit("light", "bright")
    assert session.is_complete

    rebuilt = replay_events(
        houseplant_flow, session.events, mode="teaching", interface="tui", started_at=T0
    )
    assert rebuilt.current == session.current
    assert rebuilt.path == session.path
    assert dict(rebuilt.answers) == dict(session.answers)
    assert rebuilt.acknowledged == session.acknowledged
    assert rebuilt.notes == session.notes
    assert rebuilt.events == session.events
    finished = T0 + timedelta(hours=1)
    assert session_document(rebuilt, finished_at=finished) == session_document(
        session, finished_at=finished
    )


def test_fill_from_names_the_missing_variable_and_what_is_allowed(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    with pytest.raises(AnswerError) as missing:
        session.fill_from({"light": "low", "pets": []})
    message = str(missing.value)
    assert "'humid'" in message
    assert "one of: yes, no" in message
    assert session.current == "humid"


def test_fill_from_reports_answers_the_path_does_not_ask(houseplant_flow: Flow) -> None:
    session = new_session(houseplant_flow)
    unused = session.fill_from({"light": "bright", "humid": "yes", "pets": [], "hours_away": 1})
    assert unused == ["humid"]
