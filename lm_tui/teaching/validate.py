"""Does a case fit its flow? Every problem with its place in the case file and what to do.

The decisive check walks the flow with the case's facts and expected decisions, exactly as a
trainee who gets everything right would: that walk must reach an outcome, ask every expected
decision on the way and, when the case says so, lead to the outcome it claims to teach. A locked
fact must not give a scored answer away (revealing_facts.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import describe_domain
from lm_tui.flow.errors import AnswerError, Problem
from lm_tui.flow.records import MultiVariable
from lm_tui.flow.values import Value
from lm_tui.session.engine import Session
from lm_tui.session.outcome import outcome_table
from lm_tui.teaching.case_file import Explanation
from lm_tui.teaching.case_values import engine_value
from lm_tui.teaching.cases import Case, CaseFileError
from lm_tui.teaching.revealing_facts import revealed_answers, revealing_problems

OUTCOME_LISTS = frozenset({"recommendations", "pitfalls"})
"""`expected_outcome` keys compared as sets: their order in the export carries no meaning."""


@dataclass(frozen=True)
class CaseValues:
    """A case's facts, decisions and accepted alternatives in the engine's form."""

    given: Mapping[str, Value]
    expected: Mapping[str, Value]
    also_accept: Mapping[str, tuple[Value, ...]]


def check_case(case: Case, flow: Flow) -> list[Problem]:
    """Every problem of `case` against `flow`; an empty list means it can be played."""
    if case.flow_id != flow.id:
        return [
            Problem(
                "case.flow",
                f"'{case.flow_id}' but the flow is '{flow.id}'; "
                "check the case against its own flow (--flow) or fix the id",
            )
        ]
    problems: list[Problem] = []
    values = _convert(case, flow, problems)
    _check_explanations(case, flow, problems)
    if problems:
        return problems  # the walk would only repeat them
    session, walk_problems = _walk(case, flow, values)
    problems += walk_problems
    if session is None:
        return problems
    asked = set(session.answers)
    for variable in case.expected:
        if variable not in asked:
            problems.append(
                Problem(
                    f"expected.{variable}",
                    f"not asked on the expected path ({_route(session)}); remove it, or change "
                    "the facts so the path reaches it",
                )
            )
    problems += _check_outcome(case, session)
    problems += _check_recommended_on_path(case, session)
    problems += revealing_problems(
        revealed_answers(flow, session, values.given, _accepted(values)), flow
    )
    return problems


def case_values(case: Case, flow: Flow) -> CaseValues:
    """The case's values in the engine's form; CaseFileError if any is out of its domain."""
    problems: list[Problem] = []
    values = _convert(case, flow, problems)
    if problems:
        raise CaseFileError(case.path, problems)
    return values


def expected_session(case: Case, flow: Flow) -> Session:
    """The completed session of a trainee who decides everything as expected."""
    session, problems = _walk(case, flow, case_values(case, flow))
    if session is None or problems:
        raise CaseFileError(case.path, problems)
    return session


def _convert(case: Case, flow: Flow, problems: list[Problem]) -> CaseValues:
    tables: dict[str, dict[str, Value]] = {"given": {}, "expected": {}}
    for table, answers in (("given", case.given), ("expected", case.expected)):
        for variable, raw in answers.items():
            if variable not in flow.variables:
                problems.append(
                    Problem(
                        f"{table}.{variable}",
                        f"'{variable}' is not a variable of flow '{flow.id}'; use one of: "
                        + ", ".join(flow.variables),
                    )
                )
                continue
            try:
                tables[table][variable] = engine_value(flow, variable, raw)
            except AnswerError as error:
                problems.append(Problem(f"{table}.{variable}", str(error)))
    for variable in case.expected:
        if variable in case.given:
            problems.append(
                Problem(
                    f"expected.{variable}",
                    "is also in [given]; a fact of the case is not a decision: keep it in one "
                    "table",
                )
            )
    alternatives: dict[str, tuple[Value, ...]] = {}
    for variable, explanation in case.explain.items():
        if variable not in tables["expected"]:
            continue
        accepted: list[Value] = []
        for index, raw in enumerate(explanation.also_accept):
            where = f"explain.{variable}.also_accept[{index}]"
            try:
                value = engine_value(flow, variable, raw)
            except AnswerError as error:
                problems.append(Problem(where, str(error)))
                continue
            if value == tables["expected"][variable] or value in accepted:
                problems.append(Problem(where, "repeats an answer already accepted; remove it"))
                continue
            accepted.append(value)
        alternatives[variable] = tuple(accepted)
    return CaseValues(tables["given"], tables["expected"], alternatives)


def _check_explanations(case: Case, flow: Flow, problems: list[Problem]) -> None:
    for variable in case.expected:
        if variable not in case.explain:
            problems.append(
                Problem(
                    f"expected.{variable}",
                    f'has no explanation; add [explain.{variable}] with why = "..." and '
                    "sources = [...]",
                )
            )
    for variable, explanation in case.explain.items():
        if variable not in case.expected:
            problems.append(
                Problem(
                    f"explain.{variable}",
                    f"'{variable}' is not in [expected]; remove the explanation or add the "
                    "decision",
                )
            )
        _check_recommended_by(flow, variable, explanation, problems)
        for index, source in enumerate(explanation.sources):
            if source not in flow.file.sources:
                problems.append(
                    Problem(
                        f"explain.{variable}.sources[{index}]",
                        f"'{source}' is not a source of flow '{flow.id}'; use one of: "
                        + ", ".join(flow.file.sources),
                    )
                )


def _check_recommended_by(
    flow: Flow, variable: str, explanation: Explanation, problems: list[Problem]
) -> None:
    if not explanation.recommended_by:
        return
    where = f"explain.{variable}.recommended_by"
    known = flow.variables.get(variable)
    if not isinstance(known, MultiVariable):
        problems.append(Problem(where, "only a multi-select (a plan) has items; remove it"))
        return
    values = [choice.value for choice in known.choices]
    for item, recommendation in explanation.recommended_by.items():
        if item not in values:
            problems.append(
                Problem(
                    f"{where}.{item}",
                    f"'{item}' is not a value of '{variable}'; use one of: {', '.join(values)}",
                )
            )
        if recommendation not in flow.recommendations:
            problems.append(
                Problem(
                    f"{where}.{item}",
                    f"'{recommendation}' is not a recommendation of flow '{flow.id}'",
                )
            )


def _check_recommended_on_path(case: Case, session: Session) -> list[Problem]:
    """A missing item is explained by its recommendation: the expected path must make it."""
    made = set(session.evaluator.recommendations())
    problems = []
    for variable, explanation in case.explain.items():
        for item, recommendation in explanation.recommended_by.items():
            if recommendation not in made:
                problems.append(
                    Problem(
                        f"explain.{variable}.recommended_by.{item}",
                        f"'{recommendation}' is not recommended on the expected path; name one "
                        "that is, or remove the entry",
                    )
                )
    return problems


def _walk(case: Case, flow: Flow, values: CaseValues) -> tuple[Session | None, list[Problem]]:
    """Play the case with every decision as expected; stop at the first node it cannot answer."""
    session = Session(
        flow,
        mode="teaching",
        interface="replay",
        require_acknowledgement=False,
        locked=values.given,
    )
    while not session.is_complete:
        node = session.current
        variable = flow.asked_variable(node)
        try:
            if variable is None:
                session.answer(None)
            elif variable in case.expected:
                session.answer(_raw(values.expected[variable]))
            elif variable in case.given:
                # The fact was not filled in: its node does not offer that value.
                return None, [
                    Problem(
                        f"given.{variable}",
                        f"{case.given[variable]!r} is not offered at node '{node}' on the expected "
                        f"path; allowed there: {describe_domain(flow, node)}",
                    )
                ]
            else:
                return None, [
                    Problem(
                        "",
                        f"the expected path stops at node '{node}' ({_route(session)}), which asks "
                        f"'{variable}': neither given nor expected; add it to [given] (a fact of "
                        "the case) or [expected] (a decision to score)",
                    )
                ]
        except AnswerError as error:
            return None, [
                Problem(f"expected.{variable}" if variable else f"node {node}", str(error))
            ]
    return session, []


def _accepted(values: CaseValues) -> dict[str, tuple[Value, ...]]:
    """The answers that score, per decision: the expected one and its alternatives."""
    return {
        variable: (value, *values.also_accept.get(variable, ()))
        for variable, value in values.expected.items()
    }


def _raw(value: Value) -> object:
    """An engine value as `Session.answer` takes it."""
    return sorted(value) if isinstance(value, frozenset) else value


def _route(session: Session) -> str:
    nodes = [step.node for step in session.path] + [session.current]
    return "path: " + " > ".join(nodes)


def _check_outcome(case: Case, session: Session) -> list[Problem]:
    if not case.expected_outcome:
        return []
    flow = session.flow
    actual = outcome_table(session.evaluator)
    problems: list[Problem] = []
    for key, claimed in case.expected_outcome.items():
        where = f"expected_outcome.{key}"
        if key not in actual and key not in _exported_keys(flow):
            problems.append(
                Problem(
                    where,
                    f"not a key of the outcome; use one of: {', '.join(_exported_keys(flow))}",
                )
            )
            continue
        known = flow.recommendations if key == "recommendations" else flow.pitfalls
        if key in OUTCOME_LISTS and isinstance(claimed, list):
            unknown = [item for item in claimed if item not in known]
            if unknown:
                problems.append(
                    Problem(where, f"{', '.join(unknown)}: not declared in flow '{flow.id}'")
                )
                continue
        if not _same(key, claimed, actual.get(key)):
            got = actual.get(key, "absent (does not apply on this path)")
            problems.append(
                Problem(
                    where,
                    f"the case says {claimed!r} but the expected path leads to {got!r}; fix the "
                    "case, or the flow if the case is right",
                )
            )
    return problems


def _same(key: str, claimed: Any, actual: Any) -> bool:
    if key in OUTCOME_LISTS and isinstance(claimed, list) and isinstance(actual, list):
        return sorted(claimed) == sorted(actual)
    if isinstance(claimed, bool) or isinstance(actual, bool):
        return claimed is actual
    return bool(claimed == actual)


def _exported_keys(flow: Flow) -> list[str]:
    keys = []
    for derived in flow.derived.values():
        if derived.export:
            head = derived.export.partition(".")[0]
            if head not in keys:
                keys.append(head)
    return [*keys, "recommendations", "pitfalls"]
