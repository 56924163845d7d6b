"""The per-node proof against brute force, on small random flows: the same problems, by place
and kind, and every counter-example the proof gives is one brute force confirms by walking it.

The flows (small_flows.py) are those the path walk was checked on against brute force before
it was replaced, so the per-node proof answers to the same reference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from lm_tui.flow.loader import build_flow
from lm_tui.proof.prove import prove
from tests.proof.brute_force import BruteForce, kind, questions_that_cannot_matter
from tests.proof.replaying import confirms
from tests.proof.replaying import walk as confirms_path
from tests.proof.small_flows import small_flows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_flows())
def test_the_proof_finds_what_brute_force_finds(content: dict[str, Any]) -> None:
    flow = build_flow(content, Path("oracle.toml"))
    truth = BruteForce(flow)
    report = prove(flow)
    found = {(problem.where, kind(problem.message)) for problem in report.problems}
    assert found == truth.found, (sorted(found ^ truth.found), report.problems)
    for problem in report.problems:
        if problem.path:
            assert confirms(flow, problem), problem
    if report.ok:
        warned = {warning.where for warning in report.warnings}
        assert warned == questions_that_cannot_matter(flow), report.warnings
        for warning in report.warnings:
            assert warning.path and confirms_path(flow, warning), warning
