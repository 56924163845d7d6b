"""The flow map's text lines: every node once, every route once, the path and "you are here"."""

from __future__ import annotations

from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.session.flow_map import reading_order, session_flow_map


def test_map_marks_the_path_taken_and_the_current_node(bundled_flow: Flow) -> None:
    session = Session(bundled_flow)
    for answer in ["lung", "egfr_mutant", ["headache"], "no", "linear", "positive", "no", 60, 80]:
        session.answer(answer)
    lines = session_flow_map(session)
    node_lines = [line for line in lines if line.kind == "node"]
    route_lines = [line for line in lines if line.kind == "route"]
    assert [line.node for line in node_lines] == reading_order(bundled_flow)
    assert sorted(line.node for line in node_lines) == sorted(bundled_flow.nodes)
    assert len(route_lines) == sum(len(routes) for routes in bundled_flow.routes.values())
    path = [step.node for step in session.path]
    for line in node_lines:
        if line.node == session.current:
            assert line.state == "current" and line.text.startswith("[>]")
            assert "you are here" in line.text
        elif line.node in path:
            assert line.state == "done" and line.text.startswith("[x]")
        else:
            assert line.state == "ahead" and line.text.startswith("[ ]")
    taken = [(line.node, line.target) for line in route_lines if line.taken]
    assert taken == list(zip(path, [*path[1:], session.current], strict=True))
    assert all(line.text.lstrip().startswith("->") == line.taken for line in route_lines)
    assert "Primary tumour: Lung cancer" in node_lines[0].text


def test_map_order_puts_every_route_target_further_down(
    bundled_flow: Flow, houseplant_flow: Flow
) -> None:
    for flow in (bundled_flow, houseplant_flow):
        order = reading_order(flow)
        assert order[0] == flow.start
        position = {node: index for index, node in enumerate(order)}
        for node_id, routes in flow.routes.items():
            for route in routes:
                assert position[route.to] > position[node_id]


def test_map_of_a_completed_session_has_no_current_marker_but_the_outcome(
    houseplant_flow: Flow,
) -> None:
    session = Session(houseplant_flow, require_acknowledgement=False)
    for answer in ["low", "yes", [], 3, None]:
        session.answer(answer)
    assert session.is_complete
    lines = [line for line in session_flow_map(session) if line.kind == "node"]
    current = [line for line in lines if line.state == "current"]
    assert [line.node for line in current] == ["done"]
    assert "Light in the room" not in lines[0].text  # the answer, not the label, is shown
    assert lines[0].text.endswith("Low light")
