"""What the help screen shows for the screen in front of it; built from the flow, no Textual."""

from __future__ import annotations

from dataclasses import dataclass

from lm_tui.flow.definition import Flow
from lm_tui.ui.display import citation, node_heading


@dataclass(frozen=True)
class HelpTopic:
    title: str
    text: str
    sources: tuple[tuple[str, str], ...]
    """(source id, full citation), in the order the flow cites them."""
    grade: str | None = None

    @classmethod
    def for_node(cls, flow: Flow, node_id: str) -> HelpTopic:
        node = flow.nodes[node_id]
        text = node.help or "The flow gives no further explanation for this question."
        grade = getattr(node, "grade", None)
        return cls(
            node_heading(flow, node_id),
            text,
            tuple((s, citation(flow, s)) for s in node.sources),
            grade,
        )

    @classmethod
    def for_flow(cls, flow: Flow) -> HelpTopic:
        text = flow.file.flow.summary or flow.title
        return cls(flow.title, text, tuple((s, citation(flow, s)) for s in flow.file.sources))
