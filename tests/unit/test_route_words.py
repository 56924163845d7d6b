"""The flow map shows routes in words (issue 14, item 10): the flow's `label`, else the
condition read back with the labels of its names and values; never `branch_by_rule == ...`."""

from __future__ import annotations

import re
from pathlib import Path

from lm_tui.flow.loader import load_flow
from lm_tui.session.flow_map import flow_map_lines
from tests.conftest import FIXTURES

RAW = re.compile(r"==|!=|'[a-z_]+'|\b[a-z]+_[a-z_]+\b")
"""What a condition as written looks like: operators, quoted values, snake_case names."""


def route_texts(flow) -> list[str]:
    return [line.text for line in flow_map_lines(flow, [], flow.start) if line.kind == "route"]


def test_no_route_of_the_bundled_flow_shows_a_raw_condition(bundled_flow):
    raw = [text for text in route_texts(bundled_flow) if RAW.search(text)]
    assert raw == []


def test_a_condition_is_read_with_the_flows_labels(houseplant_flow):
    texts = route_texts(houseplant_flow)
    light = houseplant_flow.variables["light"]
    low = next(choice.label for choice in light.choices if choice.value == "low")
    assert any(f"if {light.label} is {low}: go to" in text for text in texts)


def test_a_routes_own_label_wins(tmp_path: Path):
    source = (FIXTURES / "flows" / "houseplant.toml").read_text()
    marker = "when = \"light == 'low'\""
    assert marker in source
    labelled = tmp_path / "labelled.toml"
    labelled.write_text(source.replace(marker, marker + '\nlabel = "the room is dim"', 1))
    texts = route_texts(load_flow(labelled))
    assert any("the room is dim: go to" in text for text in texts)


def test_a_route_line_says_how_far_it_is_indented(bundled_flow):
    for line in flow_map_lines(bundled_flow, [], bundled_flow.start):
        assert line.text[: line.indent].strip() == ""
        if line.kind == "route":
            assert line.indent > 0
