"""What every node screen shares: title bar, progress line, question column, context panel.

A node screen only reads the session. It hands its answer (or Back) to the app through
`dismiss`, and the app applies it; so a screen can be thrown away and rebuilt at any time.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from lm_tui.flow.engine import Session
from lm_tui.flow.values import Value
from lm_tui.ui.display import node_heading
from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.inputs import apply_cursor_setting
from lm_tui.ui.results import GoBack, NodeResult
from lm_tui.ui.widgets.context_panel import ContextPanel
from lm_tui.ui.widgets.progress_line import ProgressLine
from lm_tui.ui.widgets.title_bar import TitleBar


class NodeScreen(Screen[NodeResult]):
    """Base of the per-kind screens; subclasses yield the answer widgets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="Go back one question (the answer is kept as a suggestion)",
            id="back",
        ),
    ]

    KEY_HINT: ClassVar[str] = ""
    """One line under the answer saying which keys answer this kind of question."""

    def __init__(
        self, session: Session, node_id: str, *, editing: bool = False, notice: str = ""
    ) -> None:
        super().__init__(classes=f"node-screen kind-{session.flow.nodes[node_id].kind}")
        self.session = session
        self.node_id = node_id
        self.node = session.flow.nodes[node_id]
        self.editing = editing
        """True when an earlier answer is being changed (Escape then cancels the change)."""
        self.notice = notice
        """A message carried over from the last action, e.g. which answers were dropped."""

    # --- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        flow = self.session.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        yield ProgressLine(self.step_number(), self.trail(), id="progress")
        with Horizontal(id="body"):
            with VerticalScroll(id="question", can_focus=False):
                if self.editing:
                    yield Static(
                        "Changing an earlier answer · Esc keeps it as it was", id="editing-banner"
                    )
                yield Static(Content(node_heading(flow, self.node_id)), id="node-title")
                if self.node.prompt:
                    yield Static(Content(self.node.prompt), id="prompt")
                if self.notice:
                    yield Static(Content(self.notice), id="notice")
                yield from self.compose_answer()
                error = Static("", id="answer-error")
                error.display = False
                yield error
                if self.KEY_HINT:
                    yield Static(self.KEY_HINT, id="key-hint")
            yield ContextPanel(self.session, id="context")
        yield Footer()

    def compose_answer(self) -> ComposeResult:
        """The widgets that take the answer; none for an info node."""
        yield from ()

    def answer_widget(self) -> Widget | None:
        """The widget that gets the focus when the screen opens."""
        return None

    def on_mount(self) -> None:
        self.query_one(TitleBar).save_state = self.app_save_state()
        apply_cursor_setting(self)
        widget = self.answer_widget()
        if widget is not None:
            widget.focus()

    # --- what the screen shows ------------------------------------------------------------------

    def step_number(self) -> int:
        for index, step in enumerate(self.session.path):
            if step.node == self.node_id:
                return index + 1
        return len(self.session.path) + 1

    def trail(self) -> list[str]:
        flow = self.session.flow
        headings = []
        for step in self.session.path:
            if step.node == self.node_id:
                break
            headings.append(node_heading(flow, step.node))
        return [*headings, node_heading(flow, self.node_id)]

    def previous_value(self) -> Value | None:
        """The answer to pre-select: the current one when editing, else the last one given."""
        if self.editing:
            for step in self.session.path:
                if step.node == self.node_id:
                    return step.value
        return self.session.previous_answer(self.node_id)

    def help_topic(self) -> HelpTopic:
        return HelpTopic.for_node(self.session.flow, self.node_id)

    def app_save_state(self) -> str:
        state = getattr(self.app, "save_state", "")
        return state if isinstance(state, str) else ""

    def show_error(self, message: str) -> None:
        """An answer that was not accepted, and why; an empty message hides the line."""
        error = self.query_one("#answer-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    # --- actions --------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(GoBack(editing=self.editing))
