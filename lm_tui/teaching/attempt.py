"""A trainee's attempt at a case: the engine session with the facts locked, and its marks.

Marking rule: up to one point per expected decision. A single answer (a choice, a number) scores
1 when it is the expected one or one of the case's `also_accept` answers, else 0. A multi-select
(the plan) is marked item by item and scores partial credit (plan_items.py): right items over the
items in either plan, a contraindicated item counting twice; it is `correct` only as the exact
set. A decision the trainee's path never asked is "not reached" and scores nothing; the debrief
then shows where the expected path would have gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import CaseError
from lm_tui.flow.values import Value
from lm_tui.session.engine import Interface, Session, utc_now
from lm_tui.teaching.case_file import Explanation
from lm_tui.teaching.cases import Case, CaseFileError
from lm_tui.teaching.plan_items import ItemMark, mark_plan
from lm_tui.teaching.validate import CaseValues, case_values, check_case, expected_session

Feedback = Literal["immediate", "end"]
FEEDBACK_MODES: tuple[Feedback, ...] = ("end", "immediate")
"""`end` (the default) keeps the verdicts for the debrief; `immediate` shows each at once."""


@dataclass(frozen=True)
class DecisionMark:
    """The verdict on one expected decision."""

    variable: str
    label: str
    expected: Value
    answered: Value | None
    """None when the trainee's path never asked it (not reached)."""
    correct: bool
    explanation: Explanation
    points: float = 0.0
    """0..1: 1 or 0 for a single answer, partial credit for a plan (see the module docstring)."""
    items: tuple[ItemMark, ...] = ()
    """A reached multi-select's items, marked one by one (empty for other decisions)."""

    @property
    def reached(self) -> bool:
        return self.answered is not None


@dataclass
class CaseAttempt:
    case: Case
    flow: Flow
    session: Session
    values: CaseValues = field(repr=False)
    feedback: Feedback = "end"
    _expected: Session | None = field(default=None, repr=False)

    @classmethod
    def start(
        cls,
        case: Case,
        flow: Flow,
        feedback: Feedback = "end",
        interface: Interface = "tui",
        clock: Callable[[], datetime] = utc_now,
    ) -> CaseAttempt:
        """A new attempt; CaseFileError when the case does not fit the flow (see check_case)."""
        if feedback not in FEEDBACK_MODES:
            raise CaseError(f"feedback {feedback!r}: use one of {', '.join(FEEDBACK_MODES)}")
        problems = check_case(case, flow)
        if problems:
            raise CaseFileError(case.path, problems)
        values = case_values(case, flow)
        session = Session(
            flow,
            mode="teaching",
            interface=interface,
            require_acknowledgement=interface != "replay",
            locked=values.given,
            clock=clock,
            started_at=clock(),
        )
        return cls(case, flow, session, values, feedback)

    # --- marks ----------------------------------------------------------------------------------

    def mark(self, variable: str) -> DecisionMark:
        expected = self.values.expected[variable]
        answered = self.session.answers.get(variable)
        accepted = (expected, *self.values.also_accept.get(variable, ()))
        correct = answered is not None and answered in accepted
        explanation = self.case.explain[variable]
        points = 1.0 if correct else 0.0
        items: tuple[ItemMark, ...] = ()
        if isinstance(answered, frozenset):
            plans = tuple(value for value in accepted if isinstance(value, frozenset))
            marked = mark_plan(
                self.flow, variable, self.session.answers, plans, explanation.recommended_by
            )
            items, points = marked.items, marked.points
        return DecisionMark(
            variable=variable,
            label=self.flow.variables[variable].label,
            expected=expected,
            answered=answered,
            correct=correct,
            explanation=explanation,
            points=points,
            items=items,
        )

    def marks(self) -> list[DecisionMark]:
        """One mark per expected decision, in the order the case lists them."""
        return [self.mark(variable) for variable in self.case.expected]

    @property
    def score(self) -> float:
        """The points of every decision, to two decimals (a plan may earn part of a point)."""
        return round(sum(mark.points for mark in self.marks()), 2)

    @property
    def max_score(self) -> int:
        return len(self.case.expected)

    # --- during the attempt ---------------------------------------------------------------------

    def is_decision(self, node_id: str) -> bool:
        """Whether the node asks one of the decisions this case scores."""
        variable = self.flow.asked_variable(node_id)
        return variable is not None and variable in self.case.expected

    def hint(self, node_id: str) -> str:
        """The case's hint for the decision asked at a node ('' when it has none)."""
        variable = self.flow.asked_variable(node_id)
        if variable is None or variable not in self.case.explain:
            return ""
        return self.case.explain[variable].hint

    def feedback_after(self, node_id: str) -> DecisionMark | None:
        """The verdict to show right after the trainee answered `node_id` (immediate mode only).

        None when feedback waits for the debrief, or the node is not a scored decision.
        """
        if self.feedback != "immediate" or not self.is_decision(node_id):
            return None
        variable = self.flow.asked_variable(node_id)
        assert variable is not None
        return self.mark(variable) if variable in self.session.answers else None

    # --- the right answer's path ----------------------------------------------------------------

    @property
    def expected_session(self) -> Session:
        """Where a trainee who decided everything as expected ends up (computed once)."""
        if self._expected is None:
            self._expected = expected_session(self.case, self.flow)
        return self._expected
