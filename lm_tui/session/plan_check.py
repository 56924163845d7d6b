"""A checklist checked as it is ticked: what the answers so far say about each option.

On the plan checklist a clinician should see, before confirming, that intrathecal methotrexate
is ruled out by a blocked CSF flow, that craniospinal radiotherapy with methotrexate raises a
critical pitfall, and which options carry out a recommendation. Nothing clinical is written
here: each option is tried on the answers given so far, ticked alone, ticked with the other
ticks and unticked, and the flow's own pitfalls and recommendations (with their
`carried_out_by` values) say what it means. So it works for any multi-select question of any
flow; an option the answers say nothing about gets no mark.

- `✓ recommended`: the option carries out a recommendation the answers give.
- `✗ not eligible: <title>`: ticked alone (nothing else in the plan) it raises a critical
  pitfall, so the answers alone rule it out. Only on a plan: a checklist some recommendation's
  `carried_out_by` names an option of.
- `‼ raises pitfall: <title>` (`! raises warning:` for a warning): raised only together with
  the other ticked options.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.values import Value

MARKS = {"critical": "‼", "warning": "!"}
"""The character before a pitfall's mark: readable without colour."""
RECOMMENDED = "✓ recommended"
NOT_ELIGIBLE = "✗ not eligible"


@dataclass(frozen=True)
class OptionMark:
    kind: str
    """'recommended', 'not_eligible' or 'pitfall'."""
    source: str
    """The recommendation's or the pitfall's id."""
    severity: str
    """The pitfall's severity; '' for a recommendation."""
    text: str
    """`✓ recommended`, `✗ not eligible: <title>`, `‼ raises pitfall: <title>`"""


def option_marks(
    flow: Flow,
    variable: str,
    answers: Mapping[str, Value],
    ticked: Iterable[str],
    options: Iterable[str],
) -> dict[str, list[OptionMark]]:
    """For each option: `✓ recommended` if it carries out a recommendation given now, `✗ not
    eligible` for each critical pitfall it raises ticked alone, and the pitfalls ticking it
    raises with the other ticks that are not raised without it."""
    others = {name: value for name, value in answers.items() if name != variable}
    ticks = frozenset(ticked)
    recommended = _recommended_options(flow, others, variable, ticks)
    plan = is_plan(flow, variable)
    nothing = set(_raised(flow, others, variable, frozenset())) if plan else set()
    marks: dict[str, list[OptionMark]] = {}
    for option in options:
        found = []
        if option in recommended:
            found.append(OptionMark("recommended", recommended[option], "", RECOMMENDED))
        alone = set(_raised(flow, others, variable, frozenset({option}))) if plan else set()
        with_it = set(_raised(flow, others, variable, ticks | {option}))
        without = set(_raised(flow, others, variable, ticks - {option}))
        for pit_id, pitfall in flow.pitfalls.items():
            if (
                plan
                and pitfall.severity == "critical"
                and pit_id in alone
                and pit_id not in nothing
            ):
                text = f"{NOT_ELIGIBLE}: {pitfall.title}"
                found.append(OptionMark("not_eligible", pit_id, pitfall.severity, text))
            elif pit_id in with_it and pit_id not in without:
                kind = "pitfall" if pitfall.severity == "critical" else "warning"
                text = f"{MARKS[pitfall.severity]} raises {kind}: {pitfall.title}"
                found.append(OptionMark("pitfall", pit_id, pitfall.severity, text))
        marks[option] = found
    return marks


def is_plan(flow: Flow, variable: str) -> bool:
    """Whether this multi-select is a plan: some recommendation is carried out by one of its
    options. Only a plan's options are "not eligible"; on a checklist of findings a critical
    pitfall is marked as raised, like any other."""
    choices = _choices(flow, variable)
    return any(
        value in choices for rec in flow.recommendations.values() for value in rec.carried_out_by
    )


def recommended_not_planned(
    flow: Flow, variable: str, answers: Mapping[str, Value], ticked: Iterable[str]
) -> list[str]:
    """The recommendations given now that an option of this checklist carries out but that no
    ticked option does: the titles, in the flow's order."""
    others = {name: value for name, value in answers.items() if name != variable}
    ticks = frozenset(ticked)
    choices = _choices(flow, variable)
    missing = []
    for rec_id in Evaluator(flow, {**others, variable: ticks}).recommendations():
        carried = flow.recommendations[rec_id].carried_out_by
        if any(value in choices for value in carried) and not ticks & set(carried):
            missing.append(flow.recommendations[rec_id].title)
    return missing


def not_planned_line(titles: Iterable[str]) -> str:
    """The line under the checklist (and in plain mode and the Markdown export); '' for none."""
    titles = list(titles)
    return f"Recommended, not in the plan: {'; '.join(titles)}" if titles else ""


def _recommended_options(
    flow: Flow, others: Mapping[str, Value], variable: str, ticks: frozenset[str]
) -> dict[str, str]:
    """Each option that carries out a recommendation given now, with that recommendation."""
    choices = _choices(flow, variable)
    found: dict[str, str] = {}
    for rec_id in Evaluator(flow, {**others, variable: ticks}).recommendations():
        for value in flow.recommendations[rec_id].carried_out_by:
            if value in choices:
                found.setdefault(value, rec_id)
    return found


def _choices(flow: Flow, variable: str) -> set[str]:
    return {choice.value for choice in getattr(flow.variables[variable], "choices", ())}


def _raised(
    flow: Flow, others: Mapping[str, Value], variable: str, ticks: frozenset[str]
) -> list[str]:
    return Evaluator(flow, {**others, variable: ticks}).pitfalls()
