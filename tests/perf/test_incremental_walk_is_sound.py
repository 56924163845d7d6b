"""The verifier's walk reuses work from one step of a path to the next; reusing must give what
working it out afresh gives.

* Knowledge.step keeps the values a parent step worked out for names the step did not change.
  Compared with Knowledge built afresh (remembering nothing) along random walks.
* A sample answer set extended by one answer keeps the derived values it had worked out except
  those computed from that answer. Compared with an Evaluator over the same answers.
* A route the pool's samples did not take gets a sample built from the exact search's answers
  and a pool sample's (samples.completed). Every sample carried along a path must still follow
  that path: answer exactly the questions asked on it, and make every route taken on it apply.
"""

from __future__ import annotations

import copy
import random
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from lm_tui.flow.answer_search import Trial
from lm_tui.flow.definition import Flow
from lm_tui.flow.evaluation import Evaluator
from lm_tui.flow.implied import Knowledge, Limit, Parts, fact_limits
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.flow.values import Seen
from lm_tui.flow.verify import Verifier
from lm_tui.resources import bundled_flow_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic_flow import synthetic_flow


def _flows() -> list[Flow]:
    return [
        load_flow(bundled_flow_path()),
        build_flow(synthetic_flow(80), Path("synthetic.toml"), "synthetic"),
        build_flow(synthetic_flow(60, shape="bundled"), Path("bundled-shape.toml"), "b"),
    ]


FLOWS = _flows()


@pytest.mark.parametrize("which", range(len(FLOWS)))
def test_knowledge_one_step_on_equals_knowledge_worked_out_afresh(which: int) -> None:
    flow = FLOWS[which]
    rng = random.Random(11 + which)
    questions = [(n, flow.asked_variable(n)) for n in flow.nodes if flow.asked_variable(n)]
    routed = [node_id for node_id, routes in flow.routes.items() if len(routes) > 1]
    derived = sorted(flow.rules)
    conditions = [
        *flow.recommendation_conditions.values(),
        *flow.pitfall_conditions.values(),
        *(route.when for routes in flow.routes.values() for route in routes if route.when),
    ]
    compared = 0
    for _ in range(12):
        parts = Parts(flow)
        asked: dict[str, str] = {}
        limits: dict[str, tuple[Limit, ...]] = {}
        knowledge = Knowledge(flow, dict(asked), dict(limits), parts)
        for _ in range(25):
            # Read many names first, so the next step has plenty to keep (or wrongly keep).
            for name in rng.sample(derived, k=min(40, len(derived))):
                knowledge.values(name)
            changed: list[str] = []
            if rng.random() < 0.5:
                node_id, variable = rng.choice(questions)
                assert variable is not None
                if variable not in asked:
                    asked[variable] = node_id
                    changed.append(variable)
            else:
                node_id = rng.choice(routed)
                for limit in fact_limits(flow, (node_id, rng.randrange(len(flow.routes[node_id])))):
                    limits[limit.name] = (*limits.get(limit.name, ()), limit)
                    changed.append(limit.name)
            knowledge = knowledge.step(dict(asked), dict(limits), changed)
            afresh = Knowledge(flow, dict(asked), dict(limits), Parts())
            for name in rng.sample(derived, k=min(15, len(derived))):
                assert knowledge.values(name) == afresh.values(name), name
                compared += 1
            for condition in rng.sample(conditions, k=min(10, len(conditions))):
                assert knowledge.mask(condition.root) == afresh.mask(condition.root), condition
    assert compared == 12 * 25 * min(15, len(derived))


@pytest.mark.parametrize("which", range(len(FLOWS)))
def test_a_sample_answered_further_keeps_only_derived_values_that_still_hold(which: int) -> None:
    flow = FLOWS[which]
    rng = random.Random(3 + which)
    verifier = Verifier(flow)
    parts = Parts(flow)
    questions = [(n, flow.asked_variable(n)) for n in flow.nodes if flow.asked_variable(n)]
    for _ in range(10):
        trial = verifier.samples.witness({})
        answers: dict[str, Seen] = {}
        for node_id, variable in rng.sample(questions, k=min(30, len(questions))):
            assert variable is not None
            for derived_id in flow.rules:
                trial.lookup(derived_id)  # worked out, and kept by the next step
            value = rng.choice(verifier.samples.values(variable, node_id))
            answers[variable] = value
            trial = trial.answered({variable: value}, parts)
            fresh = Evaluator(flow, answers)  # type: ignore[arg-type]
            for derived_id in flow.rules:
                assert trial.lookup(derived_id) == fresh.derived(derived_id), derived_id


def _mutated_bundled(seed: int) -> dict[str, Any]:
    """The bundled flow with a recommendation and a route condition swapped for others."""
    content: dict[str, Any] = tomllib.loads(bundled_flow_path().read_text("utf-8"))
    rng = random.Random(seed)
    whens = [
        route["when"]
        for node in content["nodes"].values()
        for route in node.get("routes", [])
        if "when" in route
    ]
    routed = [node for node in content["nodes"].values() if len(node.get("routes", [])) > 1]
    node = rng.choice(routed)
    rng.choice([r for r in node["routes"] if "when" in r])["when"] = rng.choice(whens)
    rng.choice(list(content["recommendations"].values()))["when"] = rng.choice(whens)
    return copy.deepcopy(content)


def _flows_with_problems() -> list[Flow]:
    return [build_flow(_mutated_bundled(seed), Path("m.toml"), "m") for seed in range(4)]


@pytest.mark.parametrize("which", range(len(FLOWS) + 4))
def test_every_sample_carried_along_a_path_follows_it(
    which: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = (FLOWS + _flows_with_problems())[which]
    judge = Verifier(flow)
    checked = 0

    def follows(
        asked: dict[str, str], facts: tuple[tuple[str, int], ...], pool: tuple[Trial, ...]
    ) -> None:
        nonlocal checked
        for sample in pool:
            assert set(sample.answers) == set(asked)
            evaluator = Evaluator(flow, sample.answers)  # type: ignore[arg-type]
            for fact in facts:
                assert judge.search.fact_state(fact, evaluator) is True, (fact, sample.answers)
            checked += 1

    original_routes = Verifier._check_routes
    original_outcome = Verifier._check_outcome

    def check_routes(self: Verifier, node_id: str, asked: Any, facts: Any, *rest: Any) -> Any:
        follows(asked, facts, rest[-1])
        return original_routes(self, node_id, asked, facts, *rest)

    def check_outcome(self: Verifier, node_id: str, asked: Any, facts: Any, *rest: Any) -> Any:
        follows(asked, facts, rest[-1])
        return original_outcome(self, node_id, asked, facts, *rest)

    monkeypatch.setattr(Verifier, "_check_routes", check_routes)
    monkeypatch.setattr(Verifier, "_check_outcome", check_outcome)
    Verifier(flow).run()
    assert checked > 100
