"""Editing an answer when a later variable is asked at several nodes with different options.

The fixture flow asks `marker` at a lung node (EGFR or none) and at a breast node (HER2 or
none). A clinician who edits the primary site from lung to breast must be asked the breast
question again unless the marker already given is one the breast node offers: an answer nobody
gave at that node must never reach the outcome.
"""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from tests.conftest import FIXTURES

SHARED = FIXTURES / "flows" / "shared_question.toml"


def _flow() -> Flow:
    return load_flow(SHARED)


def test_an_answer_not_offered_on_the_new_branch_is_asked_again() -> None:
    session = Session(_flow())
    session.answer("lung")
    session.answer("egfr")
    assert session.is_complete

    session.edit("site", "breast")

    assert not session.is_complete
    assert session.current == "breast_marker"
    assert [step.node for step in session.path] == ["site"]


def test_an_answer_the_new_branch_also_offers_still_counts() -> None:
    session = Session(_flow())
    session.answer("lung")
    session.answer("none")

    session.edit("site", "breast")

    assert session.is_complete
    assert [(step.node, step.value) for step in session.path] == [
        ("site", "breast"),
        ("breast_marker", "none"),
    ]
