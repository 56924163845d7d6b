"""`lm-tui teach` (list, non-interactive marking) and the case half of `lm-tui check`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.cli.case_check import check_cases
from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.cases import load_cases
from tests.unit.teaching.case_helpers import CaseWriter


def write_answers(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("[answers]\n" + body, encoding="utf-8")
    return path


def test_list_prints_every_case_id_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["teach", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    cases = load_cases([cases_dir()]).cases
    assert len(lines) == len(cases) >= 11
    for line, case in zip(lines, cases, strict=True):
        assert line.split(maxsplit=1) == [case.id, case.title]


def test_marking_writes_the_export_with_teaching_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write_answers(
        tmp_path,
        "alice.toml",
        'kps = 70\nbranch_choice = "poor"\nplanned = ["systemic_targeted"]\n',
    )
    out = tmp_path / "alice-marked.toml"
    code = main(["teach", "kps-70-borderline", "--answers", str(answers), "--export", str(out)])
    assert code == 0
    stdout = capsys.readouterr().out
    assert "score 2/5" in stdout, "csf_flow and ommaya_feasible come only on the good branch"
    assert "wrong       branch_choice" in stdout
    document = tomllib.loads(out.read_text(encoding="utf-8"))
    assert document["session"]["mode"] == "teaching"
    teaching = document["teaching"]
    assert (teaching["case_id"], teaching["score"], teaching["max_score"]) == (
        "kps-70-borderline",
        2,
        5,
    )
    assert teaching["feedback"] == "end"
    assert [d["variable"] for d in teaching["decisions"]] == [
        "kps",
        "branch_choice",
        "csf_flow",
        "ommaya_feasible",
        "planned",
    ]
    assert [d["correct"] for d in teaching["decisions"]] == [True, False, False, False, True]
    assert teaching["decisions"][1]["answered"] == "poor"
    # The facts are in the export as answers, although the file did not give them.
    assert document["answers"]["driver"] == "alk_positive"
    assert document["outcome"]["branch"] == "poor"
    assert "best_supportive_care" in document["outcome"]["recommendations"]


def test_marking_a_class_into_a_folder_as_markdown(tmp_path: Path) -> None:
    right = write_answers(tmp_path, "bob.toml", 'raised_icp = "no"\nsuspicion = "high"\n')
    wrong = write_answers(tmp_path, "eve.toml", 'raised_icp = "no"\nsuspicion = "low"\n')
    marked = tmp_path / "marked"
    marked.mkdir()
    args = ["teach", "single-negative-cytology", "--answers", str(right), str(wrong)]
    assert (
        main([*args, "--export-dir", str(marked), "--format", "md", "--feedback", "immediate"]) == 0
    )
    bob = (marked / "bob.md").read_text(encoding="utf-8")
    eve = (marked / "eve.md").read_text(encoding="utf-8")
    assert "score **2/2**" in bob and "feedback immediate" in bob
    assert "score **1/2**" in eve
    assert "Where the expected path leads" in eve and "Repeat lumbar puncture" in eve
    assert "Where the expected path leads" not in bob


def test_marking_as_fhir_writes_the_trainees_questionnaire_response(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, "a.toml", 'raised_icp = "no"\nsuspicion = "high"\n')
    marked = tmp_path / "marked"
    marked.mkdir()
    args = ["teach", "single-negative-cytology", "--answers", str(answers)]
    assert main([*args, "--export-dir", str(marked), "--format", "fhir"]) == 0
    resource = json.loads((marked / "a.json").read_text(encoding="utf-8"))
    assert resource["resourceType"] == "QuestionnaireResponse"


def test_a_missing_decision_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write_answers(tmp_path, "short.toml", "kps = 70\n")
    assert main(["teach", "kps-70-borderline", "--answers", str(answers)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(answers) in err[0] and "missing answer for 'branch_choice'" in err[0]


def test_an_unknown_case_names_the_known_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = write_answers(tmp_path, "a.toml", "kps = 70\n")
    assert main(["teach", "no-such-case", "--answers", str(answers)]) == 2
    err = capsys.readouterr().err
    assert "no teaching case 'no-such-case'" in err and "kps-70-borderline" in err


def test_export_never_overwrites_without_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write_answers(tmp_path, "a.toml", 'raised_icp = "no"\nsuspicion = "high"\n')
    out = tmp_path / "out.toml"
    out.write_text("keep me", encoding="utf-8")
    assert (
        main(["teach", "single-negative-cytology", "--answers", str(answers), "--export", str(out)])
        == 2
    )
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "already exists" in capsys.readouterr().err


def test_check_validates_the_bundled_cases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    ok_lines = [line for line in out.splitlines() if ": OK  case '" in line]
    assert len(ok_lines) == len(list(cases_dir().glob("*.toml")))


def test_check_reports_a_broken_case_by_file_and_place(
    write_case: CaseWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_case(lambda d: d["expected"].update(suspicion="medium"))
    assert main(["check", "--cases", str(broken)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{broken}: expected.suspicion: 'medium' is not a value")
    assert err[-1] == f"{broken}: FAILED (1 problem(s))"


def test_check_names_a_case_whose_flow_was_not_checked(
    bundled_flow: Flow, write_case: CaseWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    case = write_case(lambda d: d["case"].update(flow="houseplant"))
    assert check_cases({bundled_flow.id: bundled_flow}, [case]) == 1
    assert "'houseplant' is not among the flows checked" in capsys.readouterr().err


def test_check_skips_cases_of_other_flows_in_the_flow_folder(
    bundled_flow: Flow, houseplant_flow: Flow, capsys: pytest.CaptureFixture[str]
) -> None:
    """The houseplant fixture flow has no cases folder; the bundled cases are not its own."""
    assert check_cases({houseplant_flow.id: houseplant_flow}, None) == 0
    assert capsys.readouterr().out == ""
