"""Scoring and the debrief: full marks, one wrong decision, not reached, feedback modes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.case_values import plain_value
from lm_tui.teaching.cases import Case, load_case
from lm_tui.teaching.debrief import build_debrief
from lm_tui.teaching.export import teaching_table
from lm_tui.teaching.marking import mark_answers
from tests.unit.teaching.case_helpers import bundled_case_files


def bundled(case_id: str) -> Case:
    return load_case(cases_dir() / f"{case_id}.toml")


@pytest.mark.parametrize("path", bundled_case_files(), ids=lambda p: p.stem)
def test_answering_as_expected_scores_full_marks(path: Path, bundled_flow: Flow) -> None:
    case = load_case(path)
    attempt = mark_answers(case, bundled_flow, dict(case.expected)).attempt
    assert attempt.session.is_complete
    assert attempt.max_score == len(case.expected) > 0
    assert attempt.score == attempt.max_score
    debrief = build_debrief(attempt)
    assert {line.verdict for line in debrief.decisions} == {"correct"}
    assert not debrief.shows_expected_path, "nothing to show: the trainee took the expected path"


KPS70_RIGHT: dict[str, Any] = {"kps": 70, "branch_choice": "good", "planned": ["systemic_targeted"]}


def test_one_wrong_decision_costs_one_point_and_is_marked(bundled_flow: Flow) -> None:
    answers = {**KPS70_RIGHT, "planned": ["systemic_targeted", "it_cytarabine"]}
    attempt = mark_answers(bundled("kps-70-borderline"), bundled_flow, answers).attempt
    assert (attempt.score, attempt.max_score) == (2, 3)
    marks = {mark.variable: mark for mark in attempt.marks()}
    assert marks["planned"].correct is False
    assert marks["planned"].answered == frozenset({"systemic_targeted", "it_cytarabine"})
    assert marks["kps"].correct and marks["branch_choice"].correct
    debrief = build_debrief(attempt)
    assert [p.id for p in debrief.pitfalls] == ["it_without_flow_assessment"]
    assert debrief.pitfalls[0].on_expected_path is False
    assert debrief.diverged_after is None, "same nodes, different plan"


def test_a_decision_the_path_never_asked_is_not_reached(bundled_flow: Flow) -> None:
    """KPS 80 with controlled disease is good by rule: the borderline question never comes."""
    answers = {**KPS70_RIGHT, "kps": 80}
    attempt = mark_answers(bundled("kps-70-borderline"), bundled_flow, answers).attempt
    marks = {mark.variable: mark for mark in attempt.marks()}
    assert marks["branch_choice"].answered is None and not marks["branch_choice"].reached
    assert attempt.score == 1  # planned is still right
    debrief = build_debrief(attempt)
    assert [line.verdict for line in debrief.decisions] == ["wrong", "not reached", "correct"]
    assert debrief.diverged_after == "life_expectancy_short"
    assert debrief.shows_expected_path
    expected_recs = [rec_id for rec_id, _ in debrief.expected_outcome.recommendations]
    assert "mdt_discussion" in expected_recs
    assert debrief.trainee_outcome is not None
    assert "mdt_discussion" not in [r for r, _ in debrief.trainee_outcome.recommendations]
    table = teaching_table(attempt)
    assert table["decisions"][1] == {
        "variable": "branch_choice",
        "expected": "good",
        "answered": "not reached",
        "correct": False,
    }


def test_a_multi_select_scores_only_as_the_exact_set(bundled_flow: Flow) -> None:
    case = bundled("her2-breast-it")
    expected = sorted(case.expected["planned"])  # type: ignore[arg-type]
    for plan, correct in [
        (list(reversed(expected)), True),  # order does not matter
        (expected[:1], False),  # a subset
        ([*expected, "focal_rt"], False),  # a superset
    ]:
        answers = {"focal_symptomatic": "no", "planned": plan}
        attempt = mark_answers(case, bundled_flow, answers).attempt
        assert attempt.mark("planned").correct is correct, plan


def test_an_accepted_alternative_scores(bundled_flow: Flow) -> None:
    case = bundled("csi-with-methotrexate")
    alternative = case.explain["planned"].also_accept[0]
    answers = {
        "extracranial": "controlled",
        "planned": alternative,
        "mtx_formulation": "preservative_free",
    }
    attempt = mark_answers(case, bundled_flow, answers).attempt
    assert attempt.mark("planned").correct
    assert attempt.score == attempt.max_score


def test_the_case_pitfall_is_flagged_as_coming_from_the_facts(bundled_flow: Flow) -> None:
    case = bundled("single-negative-cytology")
    attempt = mark_answers(case, bundled_flow, {"raised_icp": "yes", "suspicion": "high"}).attempt
    debrief = build_debrief(attempt)
    by_id = {pitfall.id: pitfall for pitfall in debrief.pitfalls}
    assert by_id["single_negative_cytology"].on_expected_path is True
    assert by_id["lp_with_raised_icp"].on_expected_path is False
    assert attempt.score == 1


def test_facts_in_an_answers_file_are_ignored_and_reported(bundled_flow: Flow) -> None:
    marked = mark_answers(
        bundled("kps-70-borderline"),
        bundled_flow,
        {**KPS70_RIGHT, "extracranial": "uncontrolled", "mri_pattern": "linear"},
    )
    assert marked.overridden_facts == ("extracranial",)
    assert marked.attempt.session.answers["extracranial"] == "controlled"
    assert marked.attempt.score == 3


def test_immediate_feedback_comes_after_each_decision_only(bundled_flow: Flow) -> None:
    case = bundled("kps-70-borderline")
    immediate = CaseAttempt.start(case, bundled_flow, feedback="immediate")
    at_end = CaseAttempt.start(case, bundled_flow, feedback="end")
    for attempt in (immediate, at_end):
        assert attempt.session.current == "kps"
        assert attempt.feedback_after("kps") is None, "not answered yet"
        attempt.session.answer(60)
    mark = immediate.feedback_after("kps")
    assert mark is not None and mark.correct is False and mark.expected == 70
    assert "Karnofsky 70" in mark.explanation.why
    assert at_end.feedback_after("kps") is None
    assert immediate.feedback_after("primary_tumor") is None, "a fact, not a decision"


def test_export_table_values_are_in_the_flows_terms(bundled_flow: Flow) -> None:
    case = bundled("her2-breast-it")
    attempt = mark_answers(case, bundled_flow, dict(case.expected)).attempt
    table = teaching_table(attempt)
    assert table["case_id"] == "her2-breast-it"
    assert (table["score"], table["max_score"]) == (2, 2)
    assert table["feedback"] == "end"
    planned = next(d for d in table["decisions"] if d["variable"] == "planned")
    assert (
        planned["expected"]
        == planned["answered"]
        == plain_value(
            bundled_flow,
            "planned",
            frozenset(case.expected["planned"]),  # type: ignore[arg-type]
        )
    )
