"""`m` / "Flow map": the whole decision tree, the path taken so far and where the session is.

The lines come from `lm_tui.session.flow_map` (the same outline the plain mode prints); this screen
only styles them by their state and scrolls the current node into view. Every line keeps its
text marker ([x], [>], ->), so the meaning survives NO_COLOR; the theme styles only add to it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from lm_tui.session.engine import Session
from lm_tui.session.flow_map import MapLine, session_flow_map
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.title_bar import TitleBar

LEGEND = "[x] answered · [>] you are here · [ ] not reached · -> route taken"


def line_classes(line: MapLine) -> str:
    """CSS classes for one map line: its kind, its node's state, and whether it was followed."""
    classes = [f"map-{line.kind}", f"map-{line.state}"]
    if line.taken:
        classes.append("map-taken")
    return " ".join(classes)


class FlowMapScreen(Screen[None]):
    """Read-only: nothing here changes the session, so closing it returns to the same place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to the question"),
        Binding("m", "close", "Close", show=False),
        Binding("f2", "close", "Close", show=False),
        Binding("c", "show_current", "Go to current", tooltip="Scroll to the current node"),
    ]

    def __init__(self, session: Session, save_state: str = "") -> None:
        super().__init__()
        self.session = session
        self.save_state = save_state
        self.lines = session_flow_map(session)

    def compose(self) -> ComposeResult:
        flow = self.session.flow
        bar = TitleBar(flow.title, flow.version, id="title-bar")
        bar.save_state = self.save_state
        yield bar
        yield Static(plain(f"Flow map · {LEGEND}"), id="map-legend")
        with VerticalScroll(id="flow-map"):
            for line in self.lines:
                shown = Static(plain(line.text[line.indent :]), classes=line_classes(line))
                # The indent as padding, so a wrapped route keeps it on every line.
                shown.styles.padding = (0, 0, 0, line.indent)
                yield shown
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#flow-map", VerticalScroll)
        scroll.focus()
        self.call_after_refresh(self.action_show_current)

    def current_line(self) -> Static | None:
        """The line of the current node (none once the session has no current node)."""
        found = self.query(".map-node.map-current")
        return found.first(Static) if found else None

    def action_show_current(self) -> None:
        line = self.current_line()
        if line is not None:
            self.query_one("#flow-map", VerticalScroll).scroll_to_widget(
                line, animate=False, center=True
            )

    def action_close(self) -> None:
        self.dismiss(None)
