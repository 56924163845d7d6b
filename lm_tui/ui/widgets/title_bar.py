"""The top line of every screen: which flow (title and version) and whether work is unsaved."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class TitleBar(Widget):
    """Flow title on the left; version and save state on the right, never cut off."""

    save_state: reactive[str] = reactive("")
    """`unsaved changes`, `saved` or empty (nothing to save yet)."""

    def __init__(self, title: str, version: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.flow_title = title
        self.version = version

    def render(self) -> Content:
        version = f"flow {self.version}"
        state = f" · {self.save_state}" if self.save_state else ""
        room = max(self.size.width - len(version) - len(state) - 2, 1)
        title = self.flow_title
        if len(title) > room:
            title = title[: room - 1] + "…"
        gap = " " * max(self.size.width - len(title) - len(version) - len(state), 1)
        state_style = "bold $warning" if self.save_state == "unsaved changes" else ""
        return Content.assemble((title, "bold"), gap, version, (state, state_style))
