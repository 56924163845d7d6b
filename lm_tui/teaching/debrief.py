"""The debrief of an attempt: what the trainee decided, what was expected and why.

Built once from the attempt so the debrief screen, the command line and the Markdown report
show the same facts: the score, each decision beside the expected one with its explanation and
sources, a plan's items marked one by one (right, missing, contraindicated, not expected) with the
pitfall or recommendation behind each mark, the pitfalls the trainee's answers raised, and, when
the trainee's path or outcome differed, where the expected path would have led.
"""

from __future__ import annotations

from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.teaching.attempt import CaseAttempt, DecisionMark
from lm_tui.teaching.case_values import shown_value
from lm_tui.teaching.plan_items import ItemVerdict

ITEM_SYMBOLS = {"right": "✓", "missing": "+", "contraindicated": "✗", "not expected": "−"}
"""One character per item mark, always beside the mark in words (readable without colour)."""


@dataclass(frozen=True)
class ItemLine:
    """One item of a plan with its mark and, where the flow gives one, the reason."""

    symbol: str
    label: str
    verdict: ItemVerdict
    reason: str
    """The pitfalls the item raises ("title: text", one a line), or the recommendation a missing
    item carries out ("the expected outcome recommends: title"); '' when there is nothing to add."""
    sources: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.symbol} {self.verdict}: {self.label}"


@dataclass(frozen=True)
class DecisionLine:
    """A decision as the debrief shows it."""

    mark: DecisionMark
    expected: str
    answered: str
    """The trainee's answer in words, or 'not reached'."""
    verdict: str
    """'correct', 'wrong' or 'not reached'."""
    items: tuple[ItemLine, ...] = ()
    """A plan's items, marked one by one (empty for a single answer or a plan not reached)."""

    @property
    def points(self) -> str:
        return shown_points(self.mark.points)


@dataclass(frozen=True)
class RaisedPitfall:
    id: str
    title: str
    severity: str
    text: str
    sources: tuple[str, ...]
    acknowledged: bool
    on_expected_path: bool
    """Raised on the expected path too: the case's facts raise it, not a slip in the plan."""


@dataclass(frozen=True)
class OutcomeView:
    node: str
    title: str
    recommendations: tuple[tuple[str, str], ...]
    """(id, title) in the flow's order."""
    pitfalls: tuple[str, ...]


@dataclass(frozen=True)
class Debrief:
    case_id: str
    case_title: str
    feedback: str
    score: float
    max_score: int
    complete: bool
    decisions: tuple[DecisionLine, ...]
    pitfalls: tuple[RaisedPitfall, ...]
    trainee_outcome: OutcomeView | None
    """None while the attempt has not reached an outcome."""
    expected_outcome: OutcomeView
    diverged_after: str | None
    """The node after which the trainee's path left the expected one (None: it did not)."""

    @property
    def outcome_differs(self) -> bool:
        mine = self.trainee_outcome
        ours = self.expected_outcome
        return (
            mine is None
            or mine.node != ours.node
            or set(mine.recommendations) != set(ours.recommendations)
        )

    @property
    def shows_expected_path(self) -> bool:
        """Whether to show where the expected path leads: only when the trainee's differs."""
        return self.diverged_after is not None or self.outcome_differs


NOT_REACHED = "not reached"


def shown_points(points: float) -> str:
    """Points as a reader writes them: 2, 1.5, 0.33."""
    return f"{points:.2f}".rstrip("0").rstrip(".")


def item_lines(flow: Flow, mark: DecisionMark, session: Session) -> tuple[ItemLine, ...]:
    """The plan's item marks with their reasons, from the flow's own pitfalls and
    recommendations (the pitfall text filled in with the trainee's answers)."""
    lines = []
    for item in mark.items:
        reason = ""
        sources: tuple[str, ...] = ()
        if item.pitfalls:
            reason = "\n".join(
                f"{flow.pitfalls[pit].title}: "
                f"{session.evaluator.fill(flow.pitfalls[pit].text).strip()}"
                for pit in item.pitfalls
            )
            sources = tuple(
                dict.fromkeys(
                    source for pit in item.pitfalls for source in flow.pitfalls[pit].sources
                )
            )
        elif item.verdict == "missing" and item.recommendation is not None:
            recommendation = flow.recommendations[item.recommendation]
            reason = f"the expected outcome recommends: {recommendation.title}"
            sources = tuple(recommendation.sources)
        lines.append(
            ItemLine(ITEM_SYMBOLS[item.verdict], item.label, item.verdict, reason, sources)
        )
    return tuple(lines)


def build_debrief(attempt: CaseAttempt) -> Debrief:
    flow = attempt.flow
    session = attempt.session
    expected = attempt.expected_session
    expected_pitfalls = set(expected.raised_pitfalls())
    decisions = []
    for mark in attempt.marks():
        answered = (
            shown_value(flow, mark.variable, mark.answered)
            if mark.answered is not None
            else NOT_REACHED
        )
        verdict = "correct" if mark.correct else ("wrong" if mark.reached else NOT_REACHED)
        decisions.append(
            DecisionLine(
                mark,
                shown_value(flow, mark.variable, mark.expected),
                answered,
                verdict,
                item_lines(flow, mark, session),
            )
        )
    pitfalls = tuple(
        RaisedPitfall(
            id=pit_id,
            title=flow.pitfalls[pit_id].title,
            severity=flow.pitfalls[pit_id].severity,
            text=session.evaluator.fill(flow.pitfalls[pit_id].text),
            sources=tuple(flow.pitfalls[pit_id].sources),
            acknowledged=pit_id in session.acknowledged,
            on_expected_path=pit_id in expected_pitfalls,
        )
        for pit_id in session.raised_pitfalls()
    )
    return Debrief(
        case_id=attempt.case.id,
        case_title=attempt.case.title,
        feedback=attempt.feedback,
        score=attempt.score,
        max_score=attempt.max_score,
        complete=session.is_complete,
        decisions=tuple(decisions),
        pitfalls=pitfalls,
        trainee_outcome=_outcome(session) if session.is_complete else None,
        expected_outcome=_outcome(expected),
        diverged_after=_diverged_after(session, expected),
    )


def _outcome(session: Session) -> OutcomeView:
    flow = session.flow
    node = session.current
    return OutcomeView(
        node=node,
        title=flow.nodes[node].title or node,
        recommendations=tuple(
            (rec_id, flow.recommendations[rec_id].title)
            for rec_id in session.evaluator.recommendations()
        ),
        pitfalls=tuple(session.raised_pitfalls()),
    )


def _diverged_after(session: Session, expected: Session) -> str | None:
    mine = [step.node for step in session.path] + [session.current]
    ours = [step.node for step in expected.path] + [expected.current]
    for index, (a, b) in enumerate(zip(mine, ours, strict=False)):
        if a != b:
            return mine[index - 1] if index else a
    return None
