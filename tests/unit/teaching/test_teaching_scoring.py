"""Scoring and the debrief: full marks, partial credit for a plan marked item by item, not
reached, feedback modes."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.case_values import plain_value
from lm_tui.teaching.cases import Case, load_case
from lm_tui.teaching.debrief import build_debrief
from lm_tui.teaching.export import teaching_table
from lm_tui.teaching.marking import mark_answers
from lm_tui.teaching.report import debrief_lines
from lm_tui.teaching.validate import check_case
from tests.unit.teaching.case_helpers import KPS80_VERDICTS, CaseWriter, bundled_case_files


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


KPS70_RIGHT: dict[str, Any] = {
    "kps": 70,
    "branch_choice": "good",
    "csf_flow": "not_assessed",
    "ommaya_feasible": "yes",
    "planned": ["systemic_targeted"],
}


def test_a_contraindicated_addition_to_the_plan_costs_part_of_its_point(
    bundled_flow: Flow,
) -> None:
    """One right item and one that raises a pitfall: 1 right of 2 items, the harmful one
    counting twice, so 1/3 of the plan's point."""
    answers = {**KPS70_RIGHT, "planned": ["systemic_targeted", "it_cytarabine"]}
    attempt = mark_answers(bundled("kps-70-borderline"), bundled_flow, answers).attempt
    assert (attempt.score, attempt.max_score) == (4.33, 5)
    marks = {mark.variable: mark for mark in attempt.marks()}
    assert marks["planned"].correct is False
    assert marks["planned"].answered == frozenset({"systemic_targeted", "it_cytarabine"})
    assert [(item.value, item.verdict) for item in marks["planned"].items] == [
        ("systemic_targeted", "right"),
        ("it_cytarabine", "contraindicated"),
    ]
    assert marks["planned"].items[1].pitfalls == ("it_without_flow_assessment",)
    assert marks["kps"].correct and marks["branch_choice"].correct
    debrief = build_debrief(attempt)
    assert [p.id for p in debrief.pitfalls] == ["it_without_flow_assessment"]
    assert debrief.pitfalls[0].on_expected_path is False
    assert debrief.diverged_after is None, "same nodes, different plan"


def test_a_decision_the_path_never_asked_is_not_reached(bundled_flow: Flow) -> None:
    """KPS 80 with controlled disease and no poor-risk feature is good by rule: the borderline
    question never comes (the poor-risk checklist, open in this case, comes instead)."""
    answers = {**KPS70_RIGHT, "kps": 80, "nccn_poor_risk": []}
    attempt = mark_answers(bundled("kps-70-borderline"), bundled_flow, answers).attempt
    marks = {mark.variable: mark for mark in attempt.marks()}
    assert marks["branch_choice"].answered is None and not marks["branch_choice"].reached
    assert attempt.score == 3  # csf_flow, ommaya_feasible and planned are still right
    debrief = build_debrief(attempt)
    assert [line.verdict for line in debrief.decisions] == KPS80_VERDICTS
    assert debrief.diverged_after == "extracranial"
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
        "points": 0,
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
        "nccn_poor_risk": [],
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
    assert marked.attempt.score == 5


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


def test_a_wrong_plan_is_named_item_by_item_with_reasons_and_sources(
    bundled_flow: Flow,
) -> None:
    """The debrief lines name each wrong item with the pitfall it raises (from the flow) and
    each missing one with the recommendation the case names for it."""
    case = bundled("obstructed-csf-flow")
    answers = {
        "csf_flow": "obstructed",
        "flow_restored": "no",
        "planned": ["systemic_chemo", "it_methotrexate", "craniospinal_rt", "vp_shunt"],
        "mtx_formulation": "preservative_free",
    }
    attempt = mark_answers(case, bundled_flow, answers).attempt
    plan = attempt.mark("planned")
    verdicts = {item.value: item.verdict for item in plan.items}
    assert verdicts == {
        "systemic_chemo": "right",
        "focal_rt": "missing",
        "it_methotrexate": "contraindicated",
        "craniospinal_rt": "contraindicated",
        "vp_shunt": "not expected",
    }
    # 1 right of 5 items, the two contraindicated ones counting twice: 1/7.
    assert plan.points == 1 / 7
    lines = "\n".join(debrief_lines(build_debrief(attempt), bundled_flow))
    assert "✗ contraindicated: Intrathecal methotrexate" in lines
    assert (
        "Craniospinal radiotherapy with methotrexate: Craniospinal radiotherapy is planned" in lines
    )
    assert "+ missing: Focal radiotherapy" in lines
    assert "the expected outcome recommends: Radiotherapy to restore CSF flow" in lines
    assert "sources: chamberlain_1998, nccn_cns" in lines


def test_recommended_by_must_name_a_recommendation_of_the_expected_path(
    write_case: CaseWriter, bundled_flow: Flow
) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["explain"]["suspicion"]["recommended_by"] = {"focal_rt": "focal_rt"}

    problems = check_case(load_case(write_case(edit)), bundled_flow)
    assert [str(problem) for problem in problems] == [
        "explain.suspicion.recommended_by: only a multi-select (a plan) has items; remove it"
    ]


def test_the_brain_metastases_trap_names_whole_brain_rt_with_its_pitfall(
    bundled_flow: Flow,
) -> None:
    case = bundled("brain-metastases-wbrt-methotrexate")
    answers = {
        "brain_metastases": "yes",
        "planned": ["systemic_targeted", "whole_brain_rt", "it_methotrexate"],
    }
    attempt = mark_answers(case, bundled_flow, answers).attempt
    items = {item.value: item for item in attempt.mark("planned").items}
    assert items["whole_brain_rt"].verdict == "contraindicated"
    assert items["whole_brain_rt"].pitfalls == ("wbrt_with_methotrexate",)
    assert items["it_methotrexate"].verdict == "right", "expected: the addition is the mistake"
    assert "wbrt_with_methotrexate" in attempt.session.raised_pitfalls()


def test_poor_performance_with_a_driver_marks_intrathecal_drugs_as_contraindicated(
    bundled_flow: Flow,
) -> None:
    case = bundled("poor-ps-actionable-driver")
    answers = {"kps": 40, "planned": ["best_supportive_care", "it_trastuzumab"]}
    attempt = mark_answers(case, bundled_flow, answers).attempt
    items = {item.value: item for item in attempt.mark("planned").items}
    assert items["it_trastuzumab"].verdict == "contraindicated"
    assert items["it_trastuzumab"].pitfalls == ("aggressive_treatment_poor_ps",)
    assert items["systemic_targeted"].verdict == "missing"
    assert items["systemic_targeted"].recommendation == "targeted_therapy_poor_ps"
    assert attempt.mark("planned").points == 1 / 4


def test_missing_the_poor_risk_feature_skips_the_clinicians_decision(bundled_flow: Flow) -> None:
    """Encephalopathy unrecognised at KPS 80: good by rule, no MDT, branch choice not reached."""
    case = bundled("encephalopathy-good-kps")
    answers = {"nccn_poor_risk": [], "planned": ["systemic_chemo"]}
    attempt = mark_answers(case, bundled_flow, answers).attempt
    marks = {mark.variable: mark for mark in attempt.marks()}
    assert not marks["nccn_poor_risk"].correct
    assert not marks["branch_choice"].reached
    debrief = build_debrief(attempt)
    assert debrief.trainee_outcome is not None
    assert "mdt_discussion" not in [r for r, _ in debrief.trainee_outcome.recommendations]
    assert "mdt_discussion" in [r for r, _ in debrief.expected_outcome.recommendations]


def test_recommended_by_off_the_expected_path_is_refused(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    """A missing item is explained by its recommendation, so that recommendation must be one
    the expected path makes (focal radiotherapy is not, for linear disease without symptoms)."""
    document = tomllib.loads((cases_dir() / "her2-breast-it.toml").read_text(encoding="utf-8"))
    document["explain"]["planned"]["recommended_by"]["focal_rt"] = "focal_rt"
    path = tmp_path / "her2.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    problems = check_case(load_case(path), bundled_flow)
    assert [str(problem) for problem in problems] == [
        "explain.planned.recommended_by.focal_rt: 'focal_rt' is not recommended on the expected "
        "path; name one that is, or remove the entry"
    ]
