"""Regression tests for defects found while proving the core; each states the right behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from lm_tui.flow.errors import AnswerError
from lm_tui.flow.loader import load_flow
from lm_tui.proof.prove import prove as verify
from lm_tui.proof.prove import prove_and_list
from lm_tui.session.engine import Session

HEAD = """\
[flow]
id = "bugs"
title = "Bugs"
version = "1"
start = "kps"

[variables.kps]
kind = "number"
label = "KPS"
min = 0
max = 100
step = 10

"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "flow.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_node_behind_a_route_no_answer_takes_is_reported_unreachable(tmp_path: Path) -> None:
    flow = load_flow(
        write(
            tmp_path,
            HEAD
            + """\
[nodes.kps]
kind = "number"
variable = "kps"

[[nodes.kps.routes]]
when = "kps > 100"        # KPS stops at 100: never true
to = "never_seen"

[[nodes.kps.routes]]
otherwise = true
to = "done"

[nodes.never_seen]
kind = "outcome"

[nodes.done]
kind = "outcome"
""",
        )
    )
    report = verify(flow)
    assert report.path_count == 1  # the verifier itself finds no path through `never_seen`
    assert [problem.where for problem in report.problems] == ["nodes.never_seen"]


def test_paths_are_distinct_node_sequences(tmp_path: Path) -> None:
    flow = load_flow(
        write(
            tmp_path,
            HEAD
            + """\
[nodes.kps]
kind = "number"
variable = "kps"

[[nodes.kps.routes]]
when = "kps >= 50"
to = "done"

[[nodes.kps.routes]]
otherwise = true
to = "done"

[nodes.done]
kind = "outcome"
""",
        )
    )
    report, paths = prove_and_list(flow)
    assert report.ok
    assert paths == [("kps", "done")]
    assert report.path_count == 1


def test_a_declared_cycle_can_be_walked_to_the_end(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + """\
[variables.confirmed]
kind = "choice"
label = "Confirmed"
choices = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[nodes.kps]
kind = "number"
variable = "kps"
next = "confirmed"

[nodes.confirmed]
kind = "choice"
variable = "confirmed"

[[nodes.confirmed.routes]]
when = "confirmed == 'no'"
to = "kps"
cycle = true

[[nodes.confirmed.routes]]
otherwise = true
to = "done"

[nodes.done]
kind = "outcome"
""",
    )
    flow = load_flow(path)
    assert verify(flow).ok  # `lm-tui check` accepts the flow
    session = Session(flow)
    session.answer(70)
    session.answer("no")  # not confirmed: the declared cycle asks KPS again
    assert session.current == "kps"
    try:
        session.answer(80)
        session.answer("yes")
    except AnswerError as error:
        pytest.fail(f"the session is stuck at '{session.current}': {error}")
    assert session.is_complete
    assert session.answers["kps"] == 80


def test_a_recommendation_given_on_a_path_that_skips_a_question_it_reads_is_reachable() -> None:
    """Medium light gives the cactus (the engine recommends it), yet `check` also says 'is never
    given: no answers reach it'. The 'reads humid, which may not be asked' report is right."""
    import tomllib

    from lm_tui.flow.loader import build_flow

    houseplant = Path(__file__).resolve().parents[1] / "fixtures" / "flows" / "houseplant.toml"
    content = tomllib.loads(houseplant.read_text(encoding="utf-8"))
    content["recommendations"]["cactus"]["when"] = (
        "(light == 'medium' or humid == 'yes') and light != 'low'"
    )
    flow = build_flow(content, Path("cactus.toml"))
    session = Session(flow)
    for answer in ("medium", [], "3", None):
        session.answer(answer)
    assert "cactus" in session.evaluator.recommendations()
    problems = [str(p) for p in verify(flow).problems]
    assert any("reads humid, which may not be asked" in text for text in problems)
    assert not any("cactus: is never given" in text for text in problems), problems
