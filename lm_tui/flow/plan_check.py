"""A checklist checked as it is ticked: what each option would raise if it were ticked.

On the plan checklist a clinician should see, before confirming, that ticking craniospinal
radiotherapy with methotrexate raises a critical pitfall. Nothing clinical is written here:
each option is tried on the answers given so far with the option ticked and with it unticked
(the other ticks as they are), and the flow's own pitfalls say what changes. So it works for
any multi-select question of any flow; an option that raises nothing gets no mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.values import Value

MARKS = {"critical": "‼", "warning": "!"}
"""The character before a mark: readable without colour."""


@dataclass(frozen=True)
class OptionMark:
    pitfall: str
    severity: str
    text: str
    """`‼ raises pitfall: <title>`"""


def option_marks(
    flow: Flow,
    variable: str,
    answers: Mapping[str, Value],
    ticked: Iterable[str],
    options: Iterable[str],
) -> dict[str, list[OptionMark]]:
    """For each option, the pitfalls ticking it raises that are not raised without it."""
    others = {name: value for name, value in answers.items() if name != variable}
    ticks = frozenset(ticked)
    marks: dict[str, list[OptionMark]] = {}
    for option in options:
        with_it = set(_raised(flow, others, variable, ticks | {option}))
        without = set(_raised(flow, others, variable, ticks - {option}))
        found = []
        for pit_id in flow.pitfalls:
            if pit_id in with_it and pit_id not in without:
                pitfall = flow.pitfalls[pit_id]
                kind = "pitfall" if pitfall.severity == "critical" else "warning"
                text = f"{MARKS[pitfall.severity]} raises {kind}: {pitfall.title}"
                found.append(OptionMark(pit_id, pitfall.severity, text))
        marks[option] = found
    return marks


def _raised(
    flow: Flow, others: Mapping[str, Value], variable: str, ticks: frozenset[str]
) -> list[str]:
    return Evaluator(flow, {**others, variable: ticks}).pitfalls()
