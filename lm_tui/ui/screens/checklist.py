"""A multi-select question: tick any number of items (none is an answer too), Enter confirms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from lm_tui.ui.results import Answer
from lm_tui.ui.screens.choice import offered_items
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.checklist import Checklist


class ChecklistScreen(NodeScreen):
    KEY_HINT = "Space tick · Enter confirm · no tick = none"

    def compose_answer(self) -> ComposeResult:
        yield Checklist([], set(), id="checklist")

    def fill_answer(self) -> None:
        previous = self.previous_value()
        ticked = set(previous) if isinstance(previous, frozenset) else set()
        self.query_one(Checklist).set_items(offered_items(self), ticked)

    def answer_widget(self) -> Widget:
        return self.query_one(Checklist)

    def on_checklist_confirmed(self, event: Checklist.Confirmed) -> None:
        event.stop()
        self.hand_back(Answer(self.node_id, event.values, editing=self.editing))
