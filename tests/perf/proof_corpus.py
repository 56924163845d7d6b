"""The corpus the proofs are compared on: the bundled flow, synthetic flows of both shapes,
mutated bundled and synthetic flows (a route condition and a recommendation swapped for other
conditions of the same flow, which plants gaps, overlaps, unguarded reads and unreachable
items), and every test fixture flow."""

from __future__ import annotations

import copy
import random
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import FlowLoadError
from lm_tui.flow.loader import build_flow, load_flow
from lm_tui.resources import bundled_flow_path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_flow import synthetic_flow  # noqa: E402


def mutated(content: dict[str, Any], seed: int) -> dict[str, Any]:
    """The flow with one route condition and one recommendation swapped for other conditions."""
    content = copy.deepcopy(content)
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
    return content


def corpus() -> Iterator[tuple[str, Flow]]:
    bundled: dict[str, Any] = tomllib.loads(bundled_flow_path().read_text("utf-8"))
    yield "bundled", load_flow(bundled_flow_path())
    for nodes, shape in [(50, "compact"), (100, "compact"), (50, "bundled"), (100, "bundled")]:
        yield (
            f"synthetic-{nodes}-{shape}",
            build_flow(synthetic_flow(nodes, shape), Path("s.toml"), "s"),
        )
    for seed in range(60):
        yield f"bundled-mutated-{seed}", build_flow(mutated(bundled, seed), Path("m.toml"), "m")
    synthetic = synthetic_flow(50, "bundled")
    for seed in range(30):
        yield (
            f"synthetic-mutated-{seed}",
            build_flow(mutated(synthetic, seed), Path("sm.toml"), "sm"),
        )
    fixtures = sorted((ROOT / "tests" / "fixtures" / "flows").rglob("*.toml"))
    fixtures += sorted((ROOT / "tests" / "perf" / "fixtures").rglob("*.toml"))
    for path in fixtures:
        try:
            yield str(path.relative_to(ROOT)), load_flow(path)
        except FlowLoadError:
            continue  # a fixture of a load error: nothing to prove
