"""A node that only informs: read it, Enter goes on."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from lm_tui.ui.results import Answer
from lm_tui.ui.screens.node import NodeScreen


class InfoScreen(NodeScreen):
    KEY_HINT = "Enter continue · Esc back · F1 help"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", "Continue", tooltip="Go on to the next question")
    ]

    def action_continue(self) -> None:
        self.hand_back(Answer(self.node_id, None, editing=self.editing))
