"""A multi-select question: tick any number of items (none is an answer too), Enter confirms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from lm_tui.flow.values import Value
from lm_tui.session.plan_check import not_planned_line, option_marks, recommended_not_planned
from lm_tui.ui.plain_text import plain
from lm_tui.ui.results import Answer
from lm_tui.ui.screens.choice import offered_items
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.checklist import Checklist
from lm_tui.ui.widgets.numbered_options import ChoiceItem


class ChecklistScreen(NodeScreen):
    KEY_HINT = "Space tick · Enter confirm · no tick = none"

    def compose_answer(self) -> ComposeResult:
        yield Checklist([], set(), id="checklist")
        yield Static("", id="not-planned", markup=False)

    def fill_answer(self) -> None:
        previous = self.previous_value()
        ticked = set(previous) if isinstance(previous, frozenset) else set()
        items = offered_items(self)
        marks = self.marks(ticked, [item.value for item in items])
        items = [ChoiceItem(i.value, i.label, i.help, marks.get(i.value, ())) for i in items]
        self.query_one(Checklist).set_items(items, ticked)
        self.show_not_planned(ticked)

    def answers_before(self) -> dict[str, Value]:
        """The answers on the path other than this question's own."""
        return {
            step.variable: step.value
            for step in self.session.path
            if step.node != self.node_id and step.variable and step.value is not None
        }

    def marks(self, ticked: set[str], options: list[str]) -> dict[str, tuple[str, ...]]:
        """What the answers so far say about each option (plan_check.py)."""
        variable = self.session.flow.asked_variable(self.node_id)
        if variable is None:
            return {}
        answers = self.answers_before()
        found = option_marks(self.session.flow, variable, answers, ticked, options)
        return {option: tuple(mark.text for mark in found[option]) for option in found}

    def show_not_planned(self, ticked: set[str]) -> None:
        """The line under the list: recommended items that no ticked option carries out."""
        variable = self.session.flow.asked_variable(self.node_id)
        titles = (
            recommended_not_planned(self.session.flow, variable, self.answers_before(), ticked)
            if variable
            else []
        )
        line = self.query_one("#not-planned", Static)
        line.update(plain(not_planned_line(titles)))  # titles come from the flow file
        line.display = bool(titles)

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        event.stop()
        checklist = self.query_one(Checklist)
        checklist.set_marks(
            self.marks(set(checklist.ticked), [item.value for item in checklist.items])
        )
        self.show_not_planned(set(checklist.ticked))

    def answer_widget(self) -> Widget:
        return self.query_one(Checklist)

    def on_checklist_confirmed(self, event: Checklist.Confirmed) -> None:
        event.stop()
        self.hand_back(Answer(self.node_id, event.values, editing=self.editing))
