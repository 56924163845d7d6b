"""A case author's and a trainee's view of small things: the message for a missing key, the
hint shown at a decision, the debrief's layout, and a `true` that is not the number 1."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import tomli_w

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import Problem
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import CaseFileError, load_case
from lm_tui.teaching.debrief import build_debrief
from lm_tui.teaching.marking import mark_answers
from lm_tui.teaching.report import debrief_markdown
from lm_tui.teaching.validate import _same
from tests.unit.teaching.case_helpers import BASE_CASE


def _case_file(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "case.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_a_missing_key_is_named_in_plain_words(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE_CASE)
    del document["case"]["vignette"]
    with pytest.raises(CaseFileError) as caught:
        load_case(_case_file(tmp_path, document))
    assert caught.value.problems == [Problem("case.vignette", "required key is missing")]


def test_the_hint_is_offered_at_the_decision_it_belongs_to(
    tmp_path: Path, bundled_flow: Flow
) -> None:
    case = load_case(_case_file(tmp_path, BASE_CASE))
    attempt = CaseAttempt.start(case, bundled_flow, interface="replay")
    [decision] = [n for n in bundled_flow.nodes if bundled_flow.asked_variable(n) == "suspicion"]
    assert attempt.hint(decision) == "What else could explain it?"
    assert attempt.hint(bundled_flow.start) == ""  # a fact of the case: no hint


def test_each_explanation_in_the_debrief_is_a_paragraph_before_its_sources(
    tmp_path: Path, bundled_flow: Flow
) -> None:
    case = load_case(_case_file(tmp_path, BASE_CASE))
    marked = mark_answers(case, bundled_flow, dict(case.expected))
    lines = debrief_markdown(build_debrief(marked.attempt), bundled_flow).splitlines()
    why = "Two good samples are negative and nothing else points to LM."
    at = lines.index(why)
    assert lines[at - 1] == "" and lines[at + 1] == ""
    assert lines[at + 2] == "Sources: [eano_esmo_2023]"


def test_an_expected_true_does_not_match_the_number_one() -> None:
    # TOML `true` and `1` are different answers; Python's True == 1 must not make them equal.
    assert _same("stage", True, True)
    assert not _same("stage", True, 1)
    assert not _same("stage", 1, True)
    assert _same("stage", 1, 1)
