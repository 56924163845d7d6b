"""Two speed-ups of the verifier that must not change what it computes or keeps alive.

* Knowledge remembers a derived value's possible values across the steps of the walk, keyed by
  where each name it is computed from was asked and by the limits on those names. Compared here
  with Knowledge that remembers nothing, on many random states of the bundled flow and of a
  synthetic flow (several modules whose derived values chain through a triage).
* The searches used to leave self-referencing closures behind, which kept every evaluator alive
  until the cyclic collector ran; a verification now leaves (almost) nothing for it.
"""

from __future__ import annotations

import gc
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.implied import Knowledge, Limit, Parts, fact_limits
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.flow.verify import verify
from lm_tui.resources import bundled_flow_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic_flow import synthetic_flow


def _flows() -> list[Flow]:
    synthetic: dict[str, Any] = synthetic_flow(80)
    return [
        load_flow(bundled_flow_path()),
        build_flow(synthetic, Path("synthetic.toml"), "synthetic"),
    ]


def _random_state(
    flow: Flow, rng: random.Random
) -> tuple[dict[str, str], dict[str, tuple[Limit, ...]]]:
    """Some variables asked (each where a node asks it) and the limits of some routes taken."""
    asked: dict[str, str] = {}
    for node_id in flow.nodes:
        variable = flow.asked_variable(node_id)
        if variable is not None and variable not in asked and rng.random() < 0.6:
            asked[variable] = node_id
    limits: dict[str, tuple[Limit, ...]] = {}
    routed = [node_id for node_id, routes in flow.routes.items() if len(routes) > 1]
    for node_id in rng.sample(routed, k=min(len(routed), rng.randint(0, 4))):
        index = rng.randrange(len(flow.routes[node_id]))
        for limit in fact_limits(flow, (node_id, index)):
            limits[limit.name] = (*limits.get(limit.name, ()), limit)
    return asked, limits


@pytest.mark.parametrize("which", [0, 1])
def test_remembered_knowledge_equals_knowledge_worked_out_afresh(which: int) -> None:
    flow = _flows()[which]
    rng = random.Random(6 + which)
    shared = Parts(flow)  # remembers across states, as during a walk
    conditions = [
        *flow.recommendation_conditions.values(),
        *flow.pitfall_conditions.values(),
        *(route.when for routes in flow.routes.values() for route in routes if route.when),
    ]
    compared = 0
    for _ in range(60):
        asked, limits = _random_state(flow, rng)
        remembered = Knowledge(flow, asked, limits, shared)
        afresh = Knowledge(flow, asked, limits, Parts())  # no flow: remembers nothing
        for derived_id in rng.sample(sorted(flow.rules), k=min(12, len(flow.rules))):
            assert remembered.values(derived_id) == afresh.values(derived_id), derived_id
            compared += 1
        for condition in rng.sample(conditions, k=min(12, len(conditions))):
            assert remembered.mask(condition.root) == afresh.mask(condition.root), condition
    assert compared == 60 * min(12, len(flow.rules))


def test_a_verification_leaves_nothing_for_the_cyclic_collector() -> None:
    flow = load_flow(bundled_flow_path())
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        report = verify(flow)
        left = gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    assert report.ok and report.path_count > 100
    # Before the fix, about fourteen thousand objects (closures, evaluators, their
    # assignments) waited for the collector after verifying the bundled flow.
    assert left < 100, f"{left} objects were left in reference cycles"
