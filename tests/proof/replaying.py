"""Walking a counter-example as the engine does, to confirm what the proof says about it."""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.values import UNKNOWN
from lm_tui.proof.findings import Finding


def walk(flow: Flow, finding: Finding) -> bool:
    """The answers take exactly the finding's path from the start, asking exactly the
    questions it answers (routes judged as the engine judges them, several applying allowed
    only where the path goes on along one of them)."""
    answers = dict(finding.answers)
    given: dict[str, object] = {}
    path = finding.path
    for position, node_id in enumerate(path):
        variable = flow.asked_variable(node_id)
        if variable is not None and not (position == len(path) - 1 and _asks_again(finding)):
            if variable not in answers:
                return False
            given[variable] = answers[variable]
        if position == len(path) - 1:
            break
        lookup = Evaluator(flow, given).lookup  # type: ignore[arg-type]
        routes = flow.routes[node_id]
        states = [(r, r.when.evaluate(lookup) if r.when is not None else None) for r in routes]
        if any(state is UNKNOWN for _, state in states):
            return False
        true = [r for r, state in states if state is True]
        taken = true or [r for r, state in states if state is None]
        if path[position + 1] not in {r.to for r in taken}:
            return False
    return set(given) == set(answers)


def confirms(flow: Flow, finding: Finding) -> bool:
    """The counter-example walks its path and shows the problem at its end."""
    if not walk(flow, finding):
        return False
    node_id = finding.path[-1]
    answers = dict(finding.answers)
    if _asks_again(finding):
        variable = flow.asked_variable(node_id)
        return variable in answers
    lookup = Evaluator(flow, answers).lookup  # type: ignore[arg-type]
    if finding.where.endswith(".routes"):
        routes = flow.routes[node_id]
        states = [r.when.evaluate(lookup) for r in routes if r.when is not None]
        if "not asked" in finding.message:
            return any(state is UNKNOWN for state in states)
        if "both apply" in finding.message:
            return sum(1 for state in states if state is True) > 1
        if "no route applies" in finding.message:
            return not any(state is True for state in states) and all(
                r.when is not None for r in routes
            )
        return False
    if "may not be asked" in finding.message:
        where = finding.where.removesuffix(".when")
        if where.startswith("derived."):
            return lookup(where.removeprefix("derived.")) is UNKNOWN
        if ".sections[" in where:
            position = int(where.split("[")[1].rstrip("]"))
            section = flow.sections[node_id][position]
            assert section.when is not None
            return section.when.evaluate(lookup) is UNKNOWN
        table, item = where.split(".")
        conditions = (
            flow.recommendation_conditions
            if table == "recommendations"
            else flow.pitfall_conditions
        )
        return conditions[item].evaluate(lookup) is UNKNOWN
    return False


def _asks_again(finding: Finding) -> bool:
    """The problem is the node's own question, asked a second time (not answered here)."""
    return finding.message.startswith("asks ") and " again on a path" in finding.message
