"""The engine's locked answers: a case's facts are filled in, never asked, never changed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session, replay_events

FACTS = {
    "primary_tumor": "lung",
    "driver": "alk_positive",
    "symptoms": frozenset({"headache"}),
    "raised_icp": "no",
    "mri_pattern": "linear",
    "csf_cytology": "positive",
    "brain_metastases": "no",
    "age_years": Decimal(50),
    "extracranial": "controlled",
    "life_expectancy_short": "no",
    "nccn_poor_risk": frozenset(),
}
"""Everything up to the treatment stage, except `kps` (and what follows), which stay open."""


def teaching_session(flow: Flow) -> Session:
    return Session(flow, mode="teaching", locked=FACTS)


def test_facts_are_filled_in_and_the_first_open_question_waits(bundled_flow: Flow) -> None:
    session = teaching_session(bundled_flow)
    assert session.current == "kps"
    assert dict(session.answers) == {
        k: v
        for k, v in FACTS.items()
        if k not in ("extracranial", "life_expectancy_short", "nccn_poor_risk")
    }
    assert all(session.is_locked(step.node) for step in session.path)
    assert not session.is_locked("kps")


def test_facts_after_an_open_question_are_filled_in_when_reached(bundled_flow: Flow) -> None:
    session = teaching_session(bundled_flow)
    session.answer(80)
    assert session.current == "focal_symptomatic"
    assert session.answers["extracranial"] == "controlled"
    assert session.answers["kps"] == Decimal(80)


def test_back_steps_over_facts_to_the_last_open_question(bundled_flow: Flow) -> None:
    session = teaching_session(bundled_flow)
    session.answer(80)
    assert session.back() is True
    assert session.current == "kps"
    assert "kps" not in session.answers
    assert session.last_dropped == ()  # the facts beyond are not "your answers dropped"
    assert session.back() is False, "only facts are left before kps"
    assert session.current == "kps"


def test_a_fact_cannot_be_edited(bundled_flow: Flow) -> None:
    session = teaching_session(bundled_flow)
    with pytest.raises(AnswerError, match="fact of this case"):
        session.edit("mri_pattern", "nodular")
    assert session.answers["mri_pattern"] == "linear"


def test_reopening_a_fact_does_not_loop(bundled_flow: Flow) -> None:
    session = teaching_session(bundled_flow)
    session.answer(80)
    session.reopen("primary_tumor")
    assert session.current == "kps"


def test_the_log_replays_in_a_plain_session_to_the_same_state(bundled_flow: Flow) -> None:
    """Exports carry the log; `show` and `--resume` replay it without knowing the case."""
    session = teaching_session(bundled_flow)
    session.answer(70)
    session.answer("good")  # borderline: branch_choice
    session.back()
    session.answer("poor")
    session.answer("no")  # focal_symptomatic
    replayed = replay_events(
        bundled_flow,
        session.events,
        mode="teaching",
        interface="tui",
        started_at=session.started_at,
    )
    assert replayed.current == session.current
    assert dict(replayed.answers) == dict(session.answers)
    assert [s.node for s in replayed.path] == [s.node for s in session.path]


def test_a_fact_the_node_does_not_offer_is_asked(bundled_flow: Flow) -> None:
    """A driver meant for another primary is not forced into the breast node."""
    session = Session(
        bundled_flow, mode="teaching", locked={"primary_tumor": "breast", "driver": "egfr_mutant"}
    )
    assert session.current == "driver_breast"


LOOP_FLOW = """\
[flow]
id = "recheck"
title = "Recheck"
version = "1"
start = "kps"

[variables.kps]
kind = "number"
label = "KPS"
min = 0
max = 100
step = 10

[variables.confirmed]
kind = "choice"
label = "Confirmed"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[nodes.kps]
kind = "number"
variable = "kps"
next = "confirmed"

[nodes.confirmed]
kind = "choice"
variable = "confirmed"

[[nodes.confirmed.routes]]
when = "confirmed == 'no'"
to = "kps"
cycle = true

[[nodes.confirmed.routes]]
otherwise = true
to = "done"

[nodes.done]
kind = "outcome"
"""


def test_a_fact_inside_a_declared_loop_is_asked_when_the_loop_comes_round(
    tmp_path: Path,
) -> None:
    """Refilling the same fact would send the walk round the loop for ever."""
    path = tmp_path / "recheck.toml"
    path.write_text(LOOP_FLOW, encoding="utf-8")
    session = Session(load_flow(path), mode="teaching", locked={"confirmed": "no"})
    session.answer(70)  # the fact "no" sends the walk back to kps
    assert session.current == "kps"
    session.answer(80)
    assert session.current == "confirmed", "asked now: the loop wants a new answer"
    assert not session.is_locked("confirmed")
    session.answer("yes")
    assert session.is_complete
