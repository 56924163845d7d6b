"""A number question: typed in, checked against the variable's range and step before it counts.

A variable with labelled values (a scale such as Karnofsky's) lists them under the field, and
the line of the value typed so far is marked, so its meaning is in view while it is typed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from lm_tui.flow.domains import OffStep, check_answer, describe_domain, scale_lines
from lm_tui.flow.errors import AnswerError
from lm_tui.ui.display import number_text
from lm_tui.ui.plain_text import plain
from lm_tui.ui.results import Answer
from lm_tui.ui.screens.node import NodeScreen


class NumberScreen(NodeScreen):
    KEY_HINT = "↑↓ one step · Enter confirm · Esc back"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "Step up", show=False),
        Binding("down", "step(-1)", "Step down", show=False),
    ]

    def compose_answer(self) -> ComposeResult:
        yield Static(id="allowed")
        yield Input(placeholder="a number", id="number")

    def compose_reference(self) -> ComposeResult:
        yield Static(id="scale", markup=False)

    def fill_answer(self) -> None:
        previous = self.previous_value()
        allowed = describe_domain(self.session.flow, self.node_id)
        self.query_one("#allowed", Static).update(
            plain(f"Allowed: {allowed.removeprefix('a number from ')}")
        )
        field = self.query_one("#number", Input)
        field.value = number_text(previous) if isinstance(previous, Decimal) else ""
        field.cursor_position = len(field.value)
        self.show_scale(field.value)

    def answer_widget(self) -> Widget:
        return self.query_one("#number", Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_error("")
        self.show_scale(event.value)

    def show_scale(self, typed: str) -> None:
        """The variable's labelled values, the typed one marked; hidden when it has none."""
        scale = self.query_one("#scale", Static)
        number = self.session.flow.number_variable(
            self.session.flow.asked_variable(self.node_id) or ""
        )
        lines = scale_lines(number, _as_number(typed)) if number is not None else []
        scale.update("\n".join(lines))
        scale.display = bool(lines)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.show_error("Type a number first.")
            return
        try:
            check_answer(self.session.flow, self.node_id, text)
        except AnswerError as error:
            self.show_error(f"Not accepted: {self.reason(error)}.")
            return
        self.hand_back(Answer(self.node_id, text, editing=self.editing))

    def reason(self, error: AnswerError) -> str:
        """The engine's reason without the variable id, because the allowed range is already
        on screen; a number between steps names the two on either side."""
        if isinstance(error, OffStep) and error.hint:
            return error.hint
        variable_id = self.session.flow.asked_variable(self.node_id) or ""
        return str(error).split("; allowed:")[0].removeprefix(f"{variable_id} = ")

    def action_step(self, direction: int) -> None:
        variable_id = self.session.flow.asked_variable(self.node_id)
        number = self.session.flow.number_variable(variable_id or "")
        if number is None:
            return
        field = self.query_one("#number", Input)
        try:
            current = Decimal(field.value.strip().replace(",", "."))
        except InvalidOperation:
            current = number.min - number.step if direction > 0 else number.max + number.step
        stepped = min(max(current + direction * number.step, number.min), number.max)
        field.value = number_text(stepped)
        field.cursor_position = len(field.value)


def _as_number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
