"""A multi-select question: tick any number of items (none is an answer too), Enter confirms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from lm_tui.flow.plan_check import option_marks
from lm_tui.ui.results import Answer
from lm_tui.ui.screens.choice import offered_items
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.checklist import Checklist
from lm_tui.ui.widgets.numbered_options import ChoiceItem


class ChecklistScreen(NodeScreen):
    KEY_HINT = "Space tick · Enter confirm · no tick = none"

    def compose_answer(self) -> ComposeResult:
        yield Checklist([], set(), id="checklist")

    def fill_answer(self) -> None:
        previous = self.previous_value()
        ticked = set(previous) if isinstance(previous, frozenset) else set()
        items = offered_items(self)
        marks = self.marks(ticked, [item.value for item in items])
        items = [ChoiceItem(i.value, i.label, i.help, marks.get(i.value, ())) for i in items]
        self.query_one(Checklist).set_items(items, ticked)

    def marks(self, ticked: set[str], options: list[str]) -> dict[str, tuple[str, ...]]:
        """What ticking each option would raise, given the answers so far (plan_check.py)."""
        variable = self.session.flow.asked_variable(self.node_id)
        if variable is None:
            return {}
        answers = {
            step.variable: step.value
            for step in self.session.path
            if step.node != self.node_id and step.variable and step.value is not None
        }
        found = option_marks(self.session.flow, variable, answers, ticked, options)
        return {option: tuple(mark.text for mark in found[option]) for option in found}

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        event.stop()
        checklist = self.query_one(Checklist)
        checklist.set_marks(
            self.marks(set(checklist.ticked), [item.value for item in checklist.items])
        )

    def answer_widget(self) -> Widget:
        return self.query_one(Checklist)

    def on_checklist_confirmed(self, event: Checklist.Confirmed) -> None:
        event.stop()
        self.hand_back(Answer(self.node_id, event.values, editing=self.editing))
