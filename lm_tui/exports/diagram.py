"""The flow as a diagram: Mermaid or Graphviz DOT text, for reviews and documentation.

Node shapes say the kind (a diamond asks one choice, a hexagon a multi-select, a parallelogram a
number, a note is information, a double border ends the flow); edge labels are the route
conditions exactly as written in the flow, so a reviewer reads the same rule the engine runs.
"""

from __future__ import annotations

from lm_tui.flow.definition import CompiledRoute, Flow

_MERMAID_SHAPES = {
    "choice": ("{", "}"),
    "multi": ("{{", "}}"),
    "number": ("[/", "/]"),
    "info": ("(", ")"),
    "outcome": ("([", "])"),
}
_DOT_SHAPES = {
    "choice": "shape=diamond",
    "multi": "shape=hexagon",
    "number": "shape=parallelogram",
    "info": "shape=note",
    "outcome": 'shape=box, style="rounded,bold", peripheries=2',
}

FORMATS = ("mermaid", "dot")

_MERMAID_KEYWORDS = frozenset(
    {
        "end",
        "graph",
        "flowchart",
        "subgraph",
        "direction",
        "style",
        "class",
        "classdef",
        "click",
        "linkstyle",
        "default",
    }
)
"""Words Mermaid reads as syntax: a node with such an id gets a suffix in the diagram."""


def node_label(flow: Flow, node_id: str) -> str:
    """Title (or id), then what the node asks: enough to find it in the flow file."""
    node = flow.nodes[node_id]
    title = node.title or node_id
    variable = flow.asked_variable(node_id)
    if variable is not None:
        return f"{title}\n{node.kind}: {variable}"
    return f"{title}\n{node.kind}"


def route_label(flow: Flow, node_id: str, route: CompiledRoute) -> str:
    """The route's condition; 'otherwise' only when the node has other routes to contrast."""
    if route.when is not None:
        return route.when.source
    return "otherwise" if len(flow.routes[node_id]) > 1 else ""


def mermaid(flow: Flow) -> str:
    lines = [
        f"%% {flow.title}: flow {flow.id} {flow.version}",
        "flowchart TD",
    ]
    for node_id, node in flow.nodes.items():
        opening, closing = _MERMAID_SHAPES[node.kind]
        label = _mermaid_text(node_label(flow, node_id))
        lines.append(f'    {_mermaid_id(node_id)}{opening}"{label}"{closing}')
    for node_id in flow.nodes:
        for route in flow.routes.get(node_id, ()):
            arrow = "-.->" if route.cycle else "-->"
            label = route_label(flow, node_id, route)
            text = f'|"{_mermaid_text(label)}"|' if label else ""
            lines.append(f"    {_mermaid_id(node_id)} {arrow}{text} {_mermaid_id(route.to)}")
    outcomes = [_mermaid_id(node_id) for node_id in flow.nodes if flow.is_outcome(node_id)]
    if outcomes:
        lines.append("    classDef outcome stroke-width:4px")
        lines.append(f"    class {','.join(outcomes)} outcome")
    return "\n".join(lines) + "\n"


def _mermaid_id(node_id: str) -> str:
    return f"{node_id}_node" if node_id.lower() in _MERMAID_KEYWORDS else node_id


def _mermaid_text(text: str) -> str:
    """Mermaid labels are quoted: quotes become entities, line breaks `<br/>`."""
    return (
        text.replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", "<br/>")
    )


def dot(flow: Flow) -> str:
    lines = [
        f"// {flow.title}: flow {flow.id} {flow.version}",
        f"digraph {_dot_text(flow.id)} {{",
        "    rankdir=TB;",
        '    node [fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for node_id, node in flow.nodes.items():
        label = _dot_text(node_label(flow, node_id))
        lines.append(f"    {_dot_text(node_id)} [label={label}, {_DOT_SHAPES[node.kind]}];")
    for node_id in flow.nodes:
        for route in flow.routes.get(node_id, ()):
            attributes = []
            label = route_label(flow, node_id, route)
            if label:
                attributes.append(f"label={_dot_text(label)}")
            if route.cycle:
                attributes.append("style=dashed")
            suffix = f" [{', '.join(attributes)}]" if attributes else ""
            lines.append(f"    {_dot_text(node_id)} -> {_dot_text(route.to)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, line breaks as `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render(flow: Flow, fmt: str) -> str:
    if fmt == "mermaid":
        return mermaid(flow)
    if fmt == "dot":
        return dot(flow)
    raise ValueError(f"unknown diagram format '{fmt}'; use one of {', '.join(FORMATS)}")
