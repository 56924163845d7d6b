"""What every node screen shares: title bar, progress line, question column, context panel.

A node screen only reads the session and hands the user's answer (or Back) to the app in a
`NodeScreen.Answered` message; the app applies it. One screen per kind is built once and then
reused: `show_node` fills it with the next node of that kind, so a key press costs an update of
the texts that changed, not a new screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from lm_tui.flow.values import Value
from lm_tui.session.engine import Session
from lm_tui.session.progress import about_total
from lm_tui.ui import textual_hooks
from lm_tui.ui.app_host import app_host
from lm_tui.ui.display import node_heading
from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.inputs import apply_cursor_setting
from lm_tui.ui.plain_text import plain
from lm_tui.ui.results import GoBack, NodeResult
from lm_tui.ui.widgets.context_panel import ContextPanel, ContextText
from lm_tui.ui.widgets.key_footer import KeyFooter
from lm_tui.ui.widgets.progress_line import ProgressLine
from lm_tui.ui.widgets.scroll_mark import MarkedScroll
from lm_tui.ui.widgets.start_note import StartNote
from lm_tui.ui.widgets.title_bar import TitleBar


class NodeScreen(Screen[None]):
    """Base of the per-kind screens; subclasses add the answer widgets and fill them."""

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

    class Answered(Message):
        """The user's answer, Back, or a request to change an earlier answer."""

        def __init__(self, result: NodeResult) -> None:
            super().__init__()
            self.result = result

    def __init__(
        self, session: Session, node_id: str, *, editing: bool = False, notice: str = ""
    ) -> None:
        super().__init__(classes=f"node-screen kind-{session.flow.nodes[node_id].kind}")
        self.session = session
        self.styled_for: tuple[object, ...] | None = None
        """`style_inputs()` when the screen was last put away (None: never shown yet)."""
        self.set_node(node_id, editing=editing, notice=notice)

    def set_node(self, node_id: str, *, editing: bool = False, notice: str = "") -> None:
        self.node_id = node_id
        self.node = self.session.flow.nodes[node_id]
        self.editing = editing
        """True when an earlier answer is being changed (Escape then cancels the change)."""
        self.notice = notice
        """A message carried over from the last action, e.g. which answers were dropped."""

    def show_node(self, node_id: str, *, editing: bool = False, notice: str = "") -> None:
        """Show another node of this kind in the same screen."""
        self.set_node(node_id, editing=editing, notice=notice)
        if self.is_mounted:
            self.fill()

    # --- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        flow = self.session.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        yield ProgressLine(
            self.step_number(), self.trail(), total=self.about_total(), id="progress"
        )
        with Horizontal(id="body"):
            with MarkedScroll(id="question", can_focus=False):
                yield Static(
                    "Changing an earlier answer · Esc keeps it as it was", id="editing-banner"
                )
                yield Static(id="node-title")
                yield Static(id="prompt")
                yield Static(id="notice")
                yield from self.compose_answer()
                yield Static(id="answer-error")
                if self.KEY_HINT:
                    yield Static(self.KEY_HINT, id="key-hint")
                yield from self.compose_reference()
            yield ContextPanel(self.session, id="context")
        if app_host(self.app).start_note:  # opened without the welcome screen
            yield StartNote(flow, id="start-note")
        yield KeyFooter()

    def compose_answer(self) -> ComposeResult:
        """The widgets that take the answer (filled by `fill_answer`); none for an info node."""
        yield from ()

    def compose_reference(self) -> ComposeResult:
        """Reading matter under the key hint (a number's scale), so that the answer, its error
        and the keys stay at the top of the column, in view on a small terminal."""
        yield from ()

    def on_mount(self) -> None:
        apply_cursor_setting(self)
        self.fill()
        if not self.is_current:
            # Built ahead, unseen (lm_tui/ui/backstage.py): styled as it was mounted.
            self.styled_for = self.style_inputs()
            return
        # The first question is up: build the other kinds meanwhile.
        self.call_after_refresh(app_host(self.app).build_ahead)

    # --- shown again ----------------------------------------------------------------------------

    def on_screen_suspend(self) -> None:
        self.styled_for = self.style_inputs()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler, which restyles every widget of a screen it shows
        # again (a third of a key press that changes the question's kind). The styles cannot
        # have gone stale while this screen was away unless the app's CSS (a theme change) or
        # the terminal's focus changed: the refill itself restyles what it touches.
        if self.styled_for == self.style_inputs():
            event.refresh_styles = False

    def style_inputs(self) -> tuple[object, ...]:
        """What this screen's styles depend on besides its own widgets' state."""
        app = self.app
        return (textual_hooks.css_update_count(app), app.app_focus, app.theme, app.ansi_color)

    def fill(self) -> None:
        """Put the current node, the progress and the context into the screen's widgets."""
        flow = self.session.flow
        self.query_one(TitleBar).save_state = self.app_save_state()
        progress = self.query_one(ProgressLine)
        progress.step, progress.trail = self.step_number(), self.trail()
        progress.total = self.about_total()
        progress.refresh()
        self.query_one("#editing-banner").display = self.editing
        self.query_one("#node-title", Static).update(plain(node_heading(flow, self.node_id)))
        self.set_text("#prompt", self.node.prompt)
        self.set_text("#notice", self.notice or self.earlier_answer_note())
        self.show_error("")
        self.query_one(ContextText).update()
        self.set_class(self.editing, "-editing")
        self.fill_answer()
        widget = self.answer_widget()
        if widget is not None:
            widget.focus()
        self.query_one("#question").scroll_home(animate=False)

    def fill_answer(self) -> None:
        """Subclasses load the node's options or value into their answer widgets."""

    def answer_widget(self) -> Widget | None:
        """The widget that gets the focus when the node is shown."""
        return None

    def set_text(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(plain(text))
        widget.display = bool(text)

    # --- what the screen shows ------------------------------------------------------------------

    def step_number(self) -> int:
        for index, step in enumerate(self.session.path):
            if step.node == self.node_id:
                return index + 1
        return len(self.session.path) + 1

    def about_total(self) -> int | None:
        """ "of about N": the steps before this one plus the longest way on from here."""
        return about_total(self.session.flow, self.node_id, self.step_number())

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

    def earlier_answer_note(self) -> str:
        """Says that the pre-selection is an answer given before: nothing else is pre-set."""
        if self.previous_value() is None:
            return ""
        return "Your earlier answer is pre-selected; Enter keeps it."

    def help_topic(self) -> HelpTopic:
        return HelpTopic.for_node(self.session.flow, self.node_id)

    def app_save_state(self) -> str:
        return app_host(self.app).save_state

    def show_error(self, message: str) -> None:
        """An answer that was not accepted, and why; an empty message hides the line."""
        self.set_text("#answer-error", message)

    # --- handing results to the app ------------------------------------------------------------

    def hand_back(self, result: NodeResult) -> None:
        self.post_message(self.Answered(result))

    def action_back(self) -> None:
        self.hand_back(GoBack(editing=self.editing))
