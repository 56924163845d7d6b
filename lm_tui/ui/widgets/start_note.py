"""What the welcome screen said, carried on the first question when the app opens straight on it.

The app skips the welcome screen when there is nothing to decide before the first question, but
the user must still see, before answering, that the tool supports and does not replace clinical
judgement, which flow and version they are walking, and what it is based on. A few lines under
the question do that: the source ids, or their count when the ids would push the question out of
an 80x24 terminal; the full citations are on the about screen (Escape on the first question)
and in help. The note goes once the first answer is given.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from lm_tui.flow.definition import Flow

SOURCE_IDS_FIT = 150
"""Characters of the flow-and-sources line that still leave the first question in view at 80x24
(two lines); a longer list of source ids is shown as their count and where the citations are."""


def start_note_content(flow: Flow) -> Content:
    sources = ", ".join(flow.file.sources) or "none declared"
    line = f"Flow {flow.id} {flow.version} · sources: {sources}"
    if len(line) > SOURCE_IDS_FIT:
        line = (
            f"Flow {flow.id} {flow.version} · {len(flow.file.sources)} sources, cited in full "
            "on the about screen (Esc) and in help (F1)"
        )
    return Content.assemble((flow.file.flow.disclaimer, "bold"), "\n", (line, "$text-muted"))


class StartNote(Static):
    """The disclaimer, flow id and version, and source ids, under the first question."""

    def __init__(self, flow: Flow, *, id: str | None = None) -> None:
        super().__init__(start_note_content(flow), id=id)
