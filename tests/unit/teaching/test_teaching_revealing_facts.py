"""A locked fact must not give a scored answer away: the validator refuses a fact whose question
the flow asks only on paths through the decision's expected answer, and names both."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.cases import load_case
from lm_tui.teaching.validate import check_case
from tests.unit.conftest import RunCli


def houseplant_case(tmp_path: Path, given: dict[str, Any], expected: dict[str, Any]) -> Path:
    document = {
        "case": {
            "id": "plant",
            "title": "A room for a plant",
            "flow": "houseplant",
            "vignette": "A dim bathroom, a cat, away a week a month.",
            "objectives": ["Match the plant to the room."],
        },
        "given": given,
        "expected": expected,
        "explain": {
            name: {"why": "Read it from the story.", "sources": ["rhs"], "hint": "Look again."}
            for name in expected
        },
    }
    path = tmp_path / "plant.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_a_planted_leak_in_any_flow_is_refused(tmp_path: Path, houseplant_flow: Flow) -> None:
    """The houseplant flow asks about humidity only in low light: locking humidity while
    scoring the light gives the light away."""
    path = houseplant_case(
        tmp_path, {"humid": "yes", "pets": ["cat"], "hours_away": 7}, {"light": "low"}
    )
    problems = check_case(load_case(path), houseplant_flow)
    assert [problem.where for problem in problems] == ["given.humid"]
    message = problems[0].message
    assert "reveals the scored decision 'light'" in message
    assert "only when 'Light in the room' is 'Low light'" in message


def test_a_fact_that_rules_out_only_accepted_answers_is_allowed(
    tmp_path: Path, houseplant_flow: Flow
) -> None:
    """If every light scores, knowing that humidity was asked gives nothing away."""
    path = houseplant_case(
        tmp_path, {"humid": "yes", "pets": ["cat"], "hours_away": 7}, {"light": "low"}
    )
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    document["explain"]["light"]["also_accept"] = ["medium", "bright"]
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    assert check_case(load_case(path), houseplant_flow) == []


def test_a_fact_asked_whatever_the_answer_is_allowed(tmp_path: Path, houseplant_flow: Flow) -> None:
    """Pets are asked in every light: knowing them says nothing about the light."""
    path = houseplant_case(tmp_path, {"pets": ["cat"], "hours_away": 7}, {"light": "medium"})
    assert check_case(load_case(path), houseplant_flow) == []


def test_a_fact_before_the_decision_is_allowed(tmp_path: Path, houseplant_flow: Flow) -> None:
    """Humidity asked before the scored pets question cannot depend on its answer."""
    path = houseplant_case(
        tmp_path, {"light": "low", "humid": "yes", "hours_away": 7}, {"pets": ["cat"]}
    )
    assert check_case(load_case(path), houseplant_flow) == []


def test_the_blocked_flow_case_as_it_was_is_refused(tmp_path: Path, bundled_flow: Flow) -> None:
    """`obstructed-csf-flow` used to lock "flow restored: no", which the flow asks only after an
    obstructed CSF flow: the scored CSF-flow answer. The bundled case now scores it instead."""
    bundled = cases_dir() / "obstructed-csf-flow.toml"
    document = tomllib.loads(bundled.read_text(encoding="utf-8"))
    assert "flow_restored" not in document["given"], "the bundled case no longer locks it"
    document["given"]["flow_restored"] = document["expected"].pop("flow_restored")
    document["explain"].pop("flow_restored")
    path = tmp_path / "obstructed-as-it-was.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")

    problems = check_case(load_case(path), bundled_flow)
    assert [problem.where for problem in problems] == ["given.flow_restored"]
    assert "reveals the scored decision 'csf_flow'" in problems[0].message
    assert check_case(load_case(bundled), bundled_flow) == []


def test_check_names_the_file_and_the_place(
    tmp_path: Path, houseplant_flow: Flow, run_cli: RunCli
) -> None:
    path = houseplant_case(
        tmp_path, {"humid": "yes", "pets": ["cat"], "hours_away": 7}, {"light": "low"}
    )
    flow_file = Path(__file__).resolve().parents[2] / "fixtures" / "flows" / "houseplant.toml"
    result = run_cli("check", flow_file, "--cases", path)
    assert result.code != 0
    lines = [line for line in result.err_lines if "given.humid" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: given.humid: reveals the scored decision 'light'")
