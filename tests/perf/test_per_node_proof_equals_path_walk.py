"""The per-node proof finds what the path walk found, on the whole corpus (proof_corpus.py).

Same problems by place and kind, with one explained difference: beyond a route that reads an
answer not asked yet, the path walk went on along every route and judged them by answers given
later on the path (which no route can know when it is taken), so it reported problems on paths
no answers take. The per-node proof carries on only the answers for which a route applies, as
the engine does; what lies beyond such a route is then reported as never reached or given. On
those flows the route problems outside the undecidable routes' reach must still agree. Every
counter-example the proof gives must walk its path and show the problem.
"""

from __future__ import annotations

import pytest

from lm_tui.flow.definition import Flow
from lm_tui.flow.verify import verify
from lm_tui.proof.prove import prove
from tests.perf.proof_corpus import corpus
from tests.proof.brute_force import kind
from tests.proof.replaying import confirms

CORPUS = list(corpus())


def _beyond(flow: Flow, nodes: set[str]) -> set[str]:
    """Nodes some chain of routes leads to from these (not the nodes themselves)."""
    found: set[str] = set()
    stack = [route.to for node_id in nodes for route in flow.routes.get(node_id, ())]
    while stack:
        node_id = stack.pop()
        if node_id not in found:
            found.add(node_id)
            stack += [route.to for route in flow.routes.get(node_id, ())]
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("name", "flow"), CORPUS, ids=[name for name, _ in CORPUS])
def test_the_same_problems_as_the_path_walk(name: str, flow: Flow) -> None:
    old = {(p.where, kind(p.message)) for p in verify(flow).problems}
    report = prove(flow)
    new = {(p.where, kind(p.message)) for p in report.problems}
    for problem in report.problems:
        if problem.path:
            assert confirms(flow, problem), problem
    undecidable = {where.split(".")[1] for where, found in new if found == "not asked"}
    if not undecidable and not any(found == "not asked" for _, found in old):
        assert new == old, (sorted(new - old), sorted(old - new))
        return
    assert undecidable <= {where.split(".")[1] for where, found in old if found == "not asked"}
    shadow = _beyond(flow, undecidable)

    def routes_outside(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {
            (where, what)
            for where, what in found
            if where.endswith(".routes") and where.split(".")[1] not in shadow
        }

    assert routes_outside(new) == routes_outside(old)


def test_the_corpus_is_the_one_described() -> None:
    """95 generated flows (bundled, 4 synthetic, 60 + 30 mutated) and the fixtures."""
    names = [name for name, _ in CORPUS]
    assert len([n for n in names if n.startswith(("bundled", "synthetic"))]) == 95
    assert sum(1 for n in names if n.startswith("tests/")) >= 10
