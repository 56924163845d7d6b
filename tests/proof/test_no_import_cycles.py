"""The proof's modules import one another without cycles (each has one job, and a cycle would
tie two jobs together: relevance.py reads a proof's parts through parts.py, not prove.py)."""

from __future__ import annotations

import grimp


def test_no_import_cycle_inside_the_proof_package() -> None:
    graph = grimp.build_graph("lm_tui")
    modules = sorted(m for m in graph.modules if m.startswith("lm_tui.proof"))
    cycles = [
        (first, second)
        for position, first in enumerate(modules)
        for second in modules[position + 1 :]
        if graph.chain_exists(first, second) and graph.chain_exists(second, first)
    ]
    assert cycles == []
