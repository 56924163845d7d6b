"""A multi-select decision (the treatment plan) marked item by item, with partial credit.

Each item in the trainee's plan or in the expected one gets a mark:

- `right`: in both;
- `missing`: expected but left out; the reason is the recommendation the case names for it
  (`[explain.VARIABLE] recommended_by`), whose title, text and sources come from the flow;
- `contraindicated`: chosen, not expected, and it raises a pitfall: the pitfalls raised with the
  item in the trainee's answers and not without it (so "IT methotrexate" beside craniospinal RT
  carries "Craniospinal radiotherapy with methotrexate");
- `not expected`: chosen, not expected, and it raises no pitfall.

Nothing here knows a clinical rule: the pitfalls are the flow's own conditions, evaluated on the
trainee's answers with and without the item, and the expected plan is the case's.

Points for the decision, between 0 and 1: the right items divided by the items in either plan,
a contraindicated item counting twice (so a harmful addition costs more than a harmless one).
Both plans empty scores 1. With accepted alternatives the plan is marked against the accepted
plan that gives the most points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.values import Value

ItemVerdict = Literal["right", "missing", "contraindicated", "not expected"]


@dataclass(frozen=True)
class ItemMark:
    """One item of a plan as the trainee and the case decided it."""

    value: str
    label: str
    verdict: ItemVerdict
    pitfalls: tuple[str, ...] = ()
    """Pitfall ids this item raises in the trainee's answers (contraindicated items)."""
    recommendation: str | None = None
    """The recommendation the case names for this item (right and missing items), if any."""


@dataclass(frozen=True)
class PlanMarks:
    items: tuple[ItemMark, ...]
    points: float
    compared_with: frozenset[str]
    """The accepted plan the trainee's was marked against."""


def mark_plan(
    flow: Flow,
    variable: str,
    answers: Mapping[str, Value],
    accepted: tuple[frozenset[str], ...],
    recommended_by: Mapping[str, str],
) -> PlanMarks:
    """The item marks and points of the trainee's plan (`answers[variable]`)."""
    chosen = answers[variable]
    assert isinstance(chosen, frozenset)
    raised = _raised_by_item(flow, variable, answers, chosen)
    best: PlanMarks | None = None
    for expected in accepted:
        marks = _marks(flow, variable, chosen, expected, raised, recommended_by)
        if best is None or marks.points > best.points:
            best = marks
    assert best is not None
    return best


def _raised_by_item(
    flow: Flow, variable: str, answers: Mapping[str, Value], chosen: frozenset[str]
) -> dict[str, tuple[str, ...]]:
    with_all = set(Evaluator(flow, answers).pitfalls())
    raised: dict[str, tuple[str, ...]] = {}
    for item in chosen:
        without = set(Evaluator(flow, {**answers, variable: chosen - {item}}).pitfalls())
        raised[item] = tuple(pit for pit in flow.pitfalls if pit in with_all - without)
    return raised


def _marks(
    flow: Flow,
    variable: str,
    chosen: frozenset[str],
    expected: frozenset[str],
    raised: Mapping[str, tuple[str, ...]],
    recommended_by: Mapping[str, str],
) -> PlanMarks:
    items: list[ItemMark] = []
    declared = [choice.value for choice in getattr(flow.variables[variable], "choices", [])]
    for value in [*declared, *sorted((chosen | expected) - set(declared))]:
        if value not in chosen and value not in expected:
            continue
        label = flow.choice_label(variable, value)
        if value in chosen and value in expected:
            items.append(ItemMark(value, label, "right", (), recommended_by.get(value)))
        elif value in expected:
            items.append(ItemMark(value, label, "missing", (), recommended_by.get(value)))
        elif raised.get(value):
            items.append(ItemMark(value, label, "contraindicated", raised[value]))
        else:
            items.append(ItemMark(value, label, "not expected"))
    right = sum(1 for item in items if item.verdict == "right")
    parts = len(items) + sum(1 for item in items if item.verdict == "contraindicated")
    points = 1.0 if parts == 0 else right / parts
    return PlanMarks(tuple(items), points, expected)
