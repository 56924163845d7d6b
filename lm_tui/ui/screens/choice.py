"""A single-choice question: numbered options, and a reason field where the flow allows a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from lm_tui.ui.results import Answer
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.choice_list import ChoiceList
from lm_tui.ui.widgets.numbered_options import ChoiceItem


def offered_items(screen: NodeScreen) -> list[ChoiceItem]:
    """The choices this node offers (a node may offer a subset), with labels and help."""
    flow = screen.session.flow
    variable = flow.variables[flow.asked_variable(screen.node_id) or ""]
    by_value = {choice.value: choice for choice in getattr(variable, "choices", [])}
    return [
        ChoiceItem(value, by_value[value].label, by_value[value].help)
        for value in flow.offered_values(screen.node_id)
    ]


NOTHING_PICKED = "Pick an option first: its key, or Space on the one under the cursor ›."


class ChoiceScreen(NodeScreen):
    KEY_HINT = "1-9 pick · Enter confirm · Esc back · F1 help"

    def compose_answer(self) -> ComposeResult:
        yield ChoiceList([], None, id="choices")
        yield Static("Reason (optional; Tab to type it):", id="note-label")
        yield Input(placeholder="e.g. agreed at the MDT meeting", id="note")

    def fill_answer(self) -> None:
        previous = self.previous_value()
        self.query_one(ChoiceList).set_items(
            offered_items(self), previous if isinstance(previous, str) else None
        )
        allow_note = bool(getattr(self.node, "allow_note", False))
        self.query_one("#note-label").display = allow_note
        note = self.query_one("#note", Input)
        note.display = allow_note
        note.value = ""

    def answer_widget(self) -> Widget:
        return self.query_one(ChoiceList)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.confirm(event.option_index)

    def on_choice_list_nothing_picked(self, event: ChoiceList.NothingPicked) -> None:
        event.stop()
        self.show_error(NOTHING_PICKED)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        if choices.picked is None:
            self.show_error(NOTHING_PICKED)
            return
        self.confirm(choices.picked)

    def confirm(self, index: int) -> None:
        value = self.query_one(ChoiceList).items[index].value
        note = self.query_one("#note", Input)
        text = note.value.strip() if note.display else ""
        self.hand_back(Answer(self.node_id, value, text, editing=self.editing))
