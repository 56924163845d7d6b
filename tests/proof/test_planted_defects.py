"""Defects planted in the bundled flow are found, with the same words and places; compiled
conditions give the interpreter's results.

Each flow below is the bundled flow with one defect put in; what the proof must say is
stated here from the defect itself (the place, and the kind of problem), not copied from a run.
"""

from __future__ import annotations

import copy
import random
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lm_tui.flow.expressions import Symbol, parse_condition
from lm_tui.flow.loader import build_flow
from lm_tui.flow.values import ABSENT, UNKNOWN
from lm_tui.proof.prove import prove as verify
from lm_tui.resources import bundled_flow_path
from tests.reference_interpreter import evaluate

BUNDLED: dict[str, Any] = tomllib.loads(bundled_flow_path().read_text("utf-8"))


def problems_of(change: Callable[[dict[str, Any]], None]) -> list[str]:
    content = copy.deepcopy(BUNDLED)
    change(content)
    report = verify(build_flow(content, Path("mutated.toml"), "mutated"))
    return [str(problem) for problem in report.problems]


def test_the_bundled_flow_still_verifies() -> None:
    report = verify(build_flow(copy.deepcopy(BUNDLED), Path("bundled.toml"), "b"))
    assert report.ok, report.problems
    assert report.path_count > 100  # every branch walked, not a shortcut past them


def test_a_gap_at_kps_70_between_two_routes_is_found() -> None:
    def gap(flow: dict[str, Any]) -> None:
        flow["nodes"]["life_expectancy_short"]["routes"] = [
            {"when": "kps > 70", "to": "branch_choice"},
            {"when": "kps < 70", "to": "focal_symptomatic"},
        ]

    found = problems_of(gap)
    assert any(
        p.startswith("nodes.life_expectancy_short.routes: no route applies when kps = 70")
        for p in found
    ), found


def test_two_routes_that_both_apply_are_found() -> None:
    def overlap(flow: dict[str, Any]) -> None:
        flow["nodes"]["csf_flow"]["routes"] = [
            {"when": "csf_flow == 'obstructed'", "to": "flow_restored"},
            {"when": "csf_flow in ['obstructed', 'unobstructed']", "to": "ommaya_feasible"},
            {"otherwise": True, "to": "ommaya_feasible"},
        ]

    found = problems_of(overlap)
    assert any(
        p.startswith("nodes.csf_flow.routes: routes[0] and routes[1] both apply")
        and "csf_flow = 'obstructed'" in p
        for p in found
    ), found


@pytest.mark.parametrize(
    ("where", "change"),
    [
        # csf_samples is asked only after a negative or equivocal cytology.
        ("recommendations.repeat_lp.when", ("recommendations", "repeat_lp", "csf_samples == 1")),
        # the formulation is asked only when methotrexate is planned.
        (
            "pitfalls.preserved_methotrexate.when",
            ("pitfalls", "preserved_methotrexate", "mtx_formulation == 'preserved'"),
        ),
    ],
)
def test_an_unguarded_read_of_an_answer_not_always_asked_is_found(
    where: str, change: tuple[str, str, str]
) -> None:
    table, item, when = change

    def unguard(flow: dict[str, Any]) -> None:
        flow[table][item]["when"] = when

    found = problems_of(unguard)
    assert any(p.startswith(f"{where}: reads ") and "may not be asked" in p for p in found), found


def test_an_exported_value_that_can_stay_unknown_is_found() -> None:
    # The CSF-flow check reads csf_flow, asked on the good branch only: without its guard the
    # exported check would be unknown on every other path.
    def drop_guard(flow: dict[str, Any]) -> None:
        rules = flow["derived"]["it_check_csf_flow"]["rules"]
        flow["derived"]["it_check_csf_flow"]["rules"] = [
            rule for rule in rules if rule.get("when") != "stage == 'workup' or branch == 'poor'"
        ]

    found = problems_of(drop_guard)
    assert any(p.startswith("derived.it_check_csf_flow: reads csf_flow") for p in found), found


def test_a_pitfall_no_answers_raise_is_found() -> None:
    def impossible(flow: dict[str, Any]) -> None:
        # The poor branch is never IT-eligible, so this can never hold.
        flow["pitfalls"]["aggressive_treatment_poor_ps"]["when"] = (
            "stage == 'treatment' and branch == 'poor' and it_eligible"
        )

    found = problems_of(impossible)
    assert "pitfalls.aggressive_treatment_poor_ps: is never raised: no answers reach it" in found


def test_a_recommendation_for_a_combination_that_cannot_happen_is_found() -> None:
    def impossible(flow: dict[str, Any]) -> None:
        # HER2 status is asked only for breast cancer.
        flow["recommendations"]["egfr_osimertinib"]["when"] = (
            "stage == 'treatment' and primary_tumor == 'lung' and driver == 'her2_positive'"
        )

    found = problems_of(impossible)
    assert "recommendations.egfr_osimertinib: is never given: no answers reach it" in found


def test_a_section_reading_an_answer_not_asked_is_found() -> None:
    def unguard(flow: dict[str, Any]) -> None:
        flow["nodes"]["treatment_outcome"]["sections"][5]["when"] = "csf_flow == 'obstructed'"

    found = problems_of(unguard)
    assert any(
        p.startswith("nodes.treatment_outcome.sections[5].when: reads csf_flow") for p in found
    ), found


# --- compiled conditions against the interpreter ---------------------------------------------

SYMBOLS = {
    "colour": Symbol("choice", frozenset({"red", "green"})),
    "count": Symbol("number"),
    "extras": Symbol("multi", frozenset({"ice", "lid"})),
    "ready": Symbol("bool"),
    "grade": Symbol("choice", frozenset({"a", "b"})),
}
ATOMS = [
    "colour == 'red'",
    "colour != 'green'",
    "colour in ['red', 'green']",
    "colour not in ['red']",
    "count > 2",
    "count <= 1.5",
    "2 < count",
    "count == 3",
    "'ice' in extras",
    "'lid' not in extras",
    "len(extras) >= 1",
    "len(extras) == 0",
    "ready",
    "not ready",
    "ready == true",
    "grade == 'a'",
    "true",
]
VALUES: dict[str, list[Any]] = {
    "colour": ["red", "green", UNKNOWN],
    "count": [Decimal(0), Decimal("1.5"), Decimal(3), UNKNOWN],
    "extras": [frozenset(), frozenset({"ice"}), frozenset({"ice", "lid"}), UNKNOWN],
    "ready": [True, False, UNKNOWN, ABSENT],
    "grade": ["a", "b", UNKNOWN, ABSENT],
}


def random_condition(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth < 3 and roll < 0.25:
        return f"({random_condition(rng, depth + 1)} and {random_condition(rng, depth + 1)})"
    if depth < 3 and roll < 0.45:
        return f"({random_condition(rng, depth + 1)} or {random_condition(rng, depth + 1)})"
    if depth < 3 and roll < 0.55:
        return f"not ({random_condition(rng, depth + 1)})"
    return rng.choice(ATOMS)


def test_compiled_conditions_give_the_interpreters_result_everywhere() -> None:
    rng = random.Random(20)
    for _ in range(300):
        condition = parse_condition(random_condition(rng), SYMBOLS)
        for _ in range(20):
            answers = {name: rng.choice(values) for name, values in VALUES.items()}
            lookup = answers.__getitem__
            assert condition.evaluate(lookup) is evaluate(condition.root, lookup), (
                condition.source,
                answers,
            )
