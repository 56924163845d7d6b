"""`lm-tui graph`: the diagrams parsed back give the flow's nodes, kinds, routes and labels.

The expected routes are read from the raw TOML (a `next` is one unlabelled route), not from the
loaded flow the diagram code uses.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from lm_tui.cli import main
from lm_tui.exports.diagram import dot, mermaid
from lm_tui.flow.definition import Flow

MERMAID_NODE = re.compile(r'^    (\w+)(\{\{|\{|\[/|\(\[|\()"(.*)"(\}\}|\}|/\]|\]\)|\))$')
MERMAID_EDGE = re.compile(r'^    (\w+) (-->|-\.->)(?:\|"(.*)"\|)? (\w+)$')
DOT_NODE = re.compile(r'^    "(\w+)" \[label="(.*?)", (shape=\w+.*)\];$')
DOT_EDGE = re.compile(r'^    "(\w+)" -> "(\w+)"(?: \[(.*)\])?;$')
SHAPE_OF_KIND = {"choice": "{", "multi": "{{", "number": "[/", "info": "(", "outcome": "(["}


def raw_routes(flow: Flow) -> Counter[tuple[str, str, str]]:
    """(from, to, label) for every route in the file as written."""
    content = tomllib.loads(flow.path.read_text("utf-8"))
    routes: Counter[tuple[str, str, str]] = Counter()
    for node_id, node in content["nodes"].items():
        if "next" in node:
            routes[(node_id, node["next"], "")] += 1
        for route in node.get("routes", []):
            label = "otherwise" if route.get("otherwise") else route["when"]
            routes[(node_id, route["to"], label)] += 1
    return routes


def mermaid_unescaped(label: str) -> str:
    """A Mermaid label as written in the flow: its entities (`#lt;` for `<`, ...) read back."""
    for entity, character in (("#quot;", '"'), ("#lt;", "<"), ("#gt;", ">"), ("#amp;", "&")):
        label = label.replace(entity, character)
    return label


@pytest.fixture(params=["bundled_flow", "houseplant_flow"])
def flow(request: pytest.FixtureRequest) -> Flow:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def test_mermaid_parses_back_to_the_flow(flow: Flow) -> None:
    text = mermaid(flow)
    lines = text.splitlines()
    assert lines[1] == "flowchart TD"
    nodes = {m.group(1): m.group(2) for m in map(MERMAID_NODE.match, lines) if m}
    edges = Counter(
        (m.group(1), m.group(4), mermaid_unescaped(m.group(3) or ""))
        for m in map(MERMAID_EDGE.match, lines)
        if m
    )
    assert set(nodes) == set(flow.nodes)
    assert len(nodes) == len(flow.nodes)
    for node_id, shape in nodes.items():
        assert shape == SHAPE_OF_KIND[flow.nodes[node_id].kind], node_id
    assert edges == raw_routes(flow)
    assert sum(edges.values()) == sum(raw_routes(flow).values())
    outcomes = sorted(n for n in flow.nodes if flow.is_outcome(n))
    class_line = next(line for line in lines if line.strip().startswith("class "))
    assert sorted(class_line.split()[1].split(",")) == outcomes


def test_dot_parses_back_to_the_flow(flow: Flow) -> None:
    lines = dot(flow).splitlines()
    assert lines[1] == f'digraph "{flow.id}" {{' and lines[-1] == "}"
    nodes = {m.group(1): m.group(3) for m in map(DOT_NODE.match, lines) if m}
    edges = Counter(
        (
            m.group(1),
            m.group(2),
            re.sub(r'^label="(.*)"$', r"\1", m.group(3) or "").replace('\\"', '"'),
        )
        for m in map(DOT_EDGE.match, lines)
        if m
    )
    assert set(nodes) == set(flow.nodes)
    for node_id, attributes in nodes.items():
        is_outcome = "peripheries=2" in attributes
        assert is_outcome == flow.is_outcome(node_id)
    assert edges == raw_routes(flow)


def test_graph_command_prints_both_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "flowchart TD"
    assert main(["graph", "--format", "dot"]) == 0
    assert "digraph" in capsys.readouterr().out


def test_graph_of_a_missing_flow_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    assert main(["graph", "no-such-flow.toml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no-such-flow.toml" in captured.err and "no such file" in captured.err
    assert "Traceback" not in captured.err


def test_mermaid_keywords_as_node_ids_are_renamed(tmp_path: object) -> None:
    from pathlib import Path

    from lm_tui.flow.loader import load_flow

    folder = Path(str(tmp_path))
    (folder / "end.toml").write_text(
        '[flow]\nid = "t"\ntitle = "T"\nversion = "1"\nstart = "ask"\n'
        '[variables.x]\nkind = "choice"\nlabel = "X"\nchoices = [{ value = "a", label = "A" }]\n'
        '[nodes.ask]\nkind = "choice"\nvariable = "x"\nnext = "end"\n'
        '[nodes.end]\nkind = "outcome"\ntitle = "Done \\"now\\""\n',
        "utf-8",
    )
    text = mermaid(load_flow(folder / "end.toml"))
    assert "ask --> end_node" in text
    assert 'end_node(["Done #quot;now#quot;<br/>outcome"])' in text
