"""Case files: the bundled cases are sound, and each kind of broken case is caught and placed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import Problem
from lm_tui.teaching.cases import CaseFileError, load_case, load_cases
from lm_tui.teaching.validate import check_case, expected_session
from tests.unit.teaching.case_helpers import CaseWriter, bundled_case_files


@pytest.mark.parametrize("path", bundled_case_files(), ids=lambda p: p.stem)
def test_bundled_case_plays_to_an_outcome(path: Path, bundled_flow: Flow) -> None:
    case = load_case(path)
    assert check_case(case, bundled_flow) == []
    session = expected_session(case, bundled_flow)
    assert session.is_complete
    assert set(case.expected) <= set(session.answers)
    assert case.id == path.stem, "the file name is the case id, so --list and the files agree"


def test_eleven_topics_are_covered() -> None:
    found = load_cases([bundled_case_files()[0].parent])
    assert found.errors == []
    assert len(found.cases) >= 11
    flows = {case.flow_id for case in found.cases}
    assert flows == {"leptomeningeal"}


def test_the_base_case_is_valid(write_case: CaseWriter, bundled_flow: Flow) -> None:
    """Guards the tests below: each breaks the base case one way only."""
    assert check_case(load_case(write_case()), bundled_flow) == []


def problems_of(path: Path, flow: Flow) -> list[Problem]:
    try:
        case = load_case(path)
    except CaseFileError as error:
        return error.problems
    return check_case(case, flow)


def only_problem(path: Path, flow: Flow) -> Problem:
    problems = problems_of(path, flow)
    assert len(problems) == 1, problems
    return problems[0]


def test_not_toml(tmp_path: Path, bundled_flow: Flow) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[case\nid = 1", encoding="utf-8")
    problem = only_problem(path, bundled_flow)
    assert "is not valid TOML" in problem.message
    assert "line 1" in problem.message


def test_missing_required_key(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["case"].pop("vignette")), bundled_flow)
    assert problem.where == "case.vignette"
    assert "required" in problem.message


def test_unknown_key(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d.update(expect={"kps": 70})), bundled_flow)
    assert problem.where == "expect"
    assert "unknown key" in problem.message


def test_answer_of_the_wrong_shape(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["expected"].update(suspicion=True)), bundled_flow)
    assert problem.where == "expected.suspicion"
    assert "must be text" in problem.message


def test_case_of_another_flow(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["case"].update(flow="houseplant")), bundled_flow)
    assert problem.where == "case.flow"
    assert "'houseplant'" in problem.message


def test_unknown_variable(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["given"].update(ecog=2)), bundled_flow)
    assert problem.where == "given.ecog"
    assert "not a variable" in problem.message


@pytest.mark.parametrize(
    ("table", "variable", "value", "phrase"),
    [
        ("given", "csf_samples", 11, "out of range"),
        ("given", "mri_pattern", "patchy", "use one of"),
        ("given", "symptoms", "headache", "write a list"),
        ("expected", "suspicion", "medium", "use one of"),
    ],
)
def test_value_outside_its_domain(
    write_case: CaseWriter, bundled_flow: Flow, table: str, variable: str, value: Any, phrase: str
) -> None:
    problem = only_problem(write_case(lambda d: d[table].update({variable: value})), bundled_flow)
    assert problem.where == f"{table}.{variable}"
    assert phrase in problem.message


def test_number_off_its_step(write_case: CaseWriter, bundled_flow: Flow) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["given"].update(csf_cytology="positive", symptoms=["headache"], mri_pattern="linear")
        d["given"].pop("csf_samples")
        d["expected"] = {"kps": 75}
        d["explain"] = {"kps": {"why": "x", "sources": ["nccn_cns"]}}
        d.pop("expected_outcome")

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "expected.kps"
    assert "not on the step" in problem.message


def test_fact_and_decision_at_once(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["given"].update(suspicion="low")), bundled_flow)
    assert problem.where == "expected.suspicion"
    assert "also in [given]" in problem.message


def test_decision_without_explanation(write_case: CaseWriter, bundled_flow: Flow) -> None:
    problem = only_problem(write_case(lambda d: d["explain"].clear()), bundled_flow)
    assert problem.where == "expected.suspicion"
    assert "[explain.suspicion]" in problem.message


def test_explanation_without_decision(write_case: CaseWriter, bundled_flow: Flow) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["explain"]["raised_icp"] = {"why": "x", "sources": ["nccn_cns"]}

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "explain.raised_icp"
    assert "not in [expected]" in problem.message


def test_explanation_cites_an_undeclared_source(write_case: CaseWriter, bundled_flow: Flow) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["explain"]["suspicion"]["sources"] = ["eano_esmo_2023", "uptodate"]

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "explain.suspicion.sources[1]"
    assert "'uptodate' is not a source" in problem.message


def test_expected_decision_never_asked(write_case: CaseWriter, bundled_flow: Flow) -> None:
    """kps belongs to the treatment stage; this case ends in the work-up."""

    def edit(d: dict[str, Any]) -> None:
        d["expected"]["kps"] = 80
        d["explain"]["kps"] = {"why": "x", "sources": ["nccn_cns"]}

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "expected.kps"
    assert "not asked on the expected path" in problem.message
    assert "workup_outcome" in problem.message


def test_expected_path_stops_short_of_an_outcome(
    write_case: CaseWriter, bundled_flow: Flow
) -> None:
    problem = only_problem(write_case(lambda d: d["given"].pop("mri_pattern")), bundled_flow)
    assert "stops at node 'mri_pattern'" in problem.message
    assert "neither given nor expected" in problem.message


def test_fact_the_node_does_not_offer(write_case: CaseWriter, bundled_flow: Flow) -> None:
    """EGFR is a value of `driver`, but the breast node offers only HER2, none, not tested."""

    def edit(d: dict[str, Any]) -> None:
        d["given"].update(primary_tumor="breast", driver="egfr_mutant")

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "given.driver"
    assert "node 'driver_breast'" in problem.message


def test_outcome_the_path_does_not_lead_to(write_case: CaseWriter, bundled_flow: Flow) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["expected_outcome"]["recommendations"] = ["repeat_lp"]

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "expected_outcome.recommendations"
    assert "alternative_diagnosis" in problem.message


@pytest.mark.parametrize(
    ("key", "value", "phrase"),
    [("survival", "short", "not a key of the outcome"), ("pitfalls", ["lp_twice"], "not declared")],
)
def test_outcome_key_or_id_unknown(
    write_case: CaseWriter, bundled_flow: Flow, key: str, value: Any, phrase: str
) -> None:
    problem = only_problem(
        write_case(lambda d: d["expected_outcome"].update({key: value})), bundled_flow
    )
    assert problem.where == f"expected_outcome.{key}"
    assert phrase in problem.message


@pytest.mark.parametrize(
    ("alternatives", "phrase"), [(["maybe"], "use one of"), (["low"], "repeats")]
)
def test_bad_accepted_alternative(
    write_case: CaseWriter, bundled_flow: Flow, alternatives: list[str], phrase: str
) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["explain"]["suspicion"]["also_accept"] = alternatives

    problem = only_problem(write_case(edit), bundled_flow)
    assert problem.where == "explain.suspicion.also_accept[0]"
    assert phrase in problem.message


def test_two_files_with_one_id(write_case: CaseWriter) -> None:
    first = write_case(name="a.toml")
    second = write_case(name="b.toml")
    found = load_cases([first.parent])
    assert [case.path for case in found.cases] == [first]
    assert [error.path for error in found.errors] == [second]
    assert "already used by" in str(found.errors[0])
