"""The acceptance examples played as teaching cases: every answer but the scored ones locked as
a fact, the example's `[expect]` as the case's expected outcome. `check_case` then proves that
teaching mode reaches exactly the outcome the contract expects, and that the facts give no scored
answer away, for every example."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli_w

from lm_tui.flow.definition import Flow
from lm_tui.session.outcome import outcome_table
from lm_tui.teaching.cases import load_case
from lm_tui.teaching.marking import mark_answers
from lm_tui.teaching.validate import check_case
from tests.conftest import example_files
from tests.example_cases import assert_outcome_matches, read_example


def example_as_case(example: Path, folder: Path) -> Path:
    answers, expect = read_example(example)
    scored = [name for name in ("primary_tumor", "planned") if name in answers]
    if expect.get("stage") == "workup":
        scored = ["primary_tumor"]  # the plan is never asked in the work-up
    document: dict[str, Any] = {
        "case": {
            "id": example.stem,
            "title": example.stem,
            "flow": "leptomeningeal",
            "vignette": "An acceptance example of the clinical contract.",
            "objectives": ["Reach the contract's outcome."],
        },
        "given": {k: v for k, v in answers.items() if k not in scored},
        "expected": {k: answers[k] for k in scored},
        "explain": {
            k: {"why": "As in the example.", "sources": ["nccn_cns"], "hint": "See the example."}
            for k in scored
        },
        "expected_outcome": expect,
    }
    path = folder / f"{example.stem}.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
def test_each_acceptance_example_plays_as_a_case_to_its_expected_outcome(
    example: Path, bundled_flow: Flow, tmp_path: Path
) -> None:
    case = load_case(example_as_case(example, tmp_path))
    assert check_case(case, bundled_flow) == []
    marked = mark_answers(case, bundled_flow, dict(case.expected))
    attempt = marked.attempt
    assert attempt.session.is_complete
    assert attempt.session.mode == "teaching"
    assert attempt.score == attempt.max_score == len(case.expected)
    _, expect = read_example(example)
    assert_outcome_matches(outcome_table(attempt.session.evaluator), expect, example.stem)
