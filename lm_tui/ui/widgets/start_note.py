"""What the welcome screen said, carried on the first question when the app opens straight on it.

The app skips the welcome screen when there is nothing to decide before the first question, but
the user must still see, before answering, that the tool supports and does not replace clinical
judgement, which flow and version they are walking, and what it is based on. A few lines under
the question do that; the full citations are on the about screen (Escape on the first question)
and in help. The note goes once the first answer is given.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from lm_tui.flow.definition import Flow


def start_note_content(flow: Flow) -> Content:
    sources = ", ".join(flow.file.sources) or "none declared"
    return Content.assemble(
        (flow.file.flow.disclaimer, "bold"),
        "\n",
        (f"Flow {flow.id} {flow.version} · sources: {sources}", "$text-muted"),
    )


class StartNote(Static):
    """The disclaimer, flow id and version, and source ids, under the first question."""

    def __init__(self, flow: Flow, *, id: str | None = None) -> None:
        super().__init__(start_note_content(flow), id=id)
