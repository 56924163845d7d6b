"""Marking a trainee's written answers without the app (instructors marking a class, tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import AnswerError
from lm_tui.teaching.attempt import CaseAttempt, Feedback
from lm_tui.teaching.case_values import engine_value
from lm_tui.teaching.cases import Case


@dataclass(frozen=True)
class MarkedAnswers:
    attempt: CaseAttempt
    overridden_facts: tuple[str, ...]
    """Variables the file answers although they are facts of the case (the case's value counts)."""
    unused: tuple[str, ...]
    """Answers the trainee's path never asked."""


def mark_answers(
    case: Case, flow: Flow, answers: Mapping[str, object], feedback: Feedback = "end"
) -> MarkedAnswers:
    """Play the case with the trainee's answers and mark it.

    The facts of the case are locked: a different value for one in the file is ignored (and
    reported), just as the app never asks it. A decision missing from the file where the
    trainee's path needs it raises AnswerError naming it and what is allowed.
    """
    attempt = CaseAttempt.start(case, flow, feedback=feedback, interface="replay")
    locked = attempt.values.given
    overridden = tuple(
        name for name, raw in answers.items() if name in locked and _differs(attempt, name, raw)
    )
    decisions = {name: raw for name, raw in answers.items() if name not in locked}
    unused = attempt.session.fill_from(decisions)
    return MarkedAnswers(attempt, overridden, tuple(unused))


def _differs(attempt: CaseAttempt, variable: str, raw: object) -> bool:
    try:
        return engine_value(attempt.flow, variable, raw) != attempt.values.given[variable]
    except AnswerError:
        return True
