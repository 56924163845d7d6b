"""Typing the case label of an unfinished session (lm_tui/session/case_label.py says what it is).

Enter keeps what is typed (an empty field removes the label), Escape leaves the label as it was.
The prompt says, before anything is typed, that the label is never a patient identifier.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from lm_tui.session.case_label import CASE_LABEL_PROMPT, MAX_CASE_LABEL
from lm_tui.ui.plain_text import plain


class CaseLabelModal(ModalScreen[str | None]):
    """Dismissed with the typed label ('' removes it), or None when left with Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Leave the label as it was"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="case-label-dialog") as dialog:
            dialog.border_title = plain("Case label")
            yield Static(plain(CASE_LABEL_PROMPT), classes="dialog-text")
            yield Input(self.current, max_length=MAX_CASE_LABEL, id="case-label")
            yield Static(
                Content.assemble(
                    ("Enter", "bold"), " keep it (empty: no label) · ", ("Esc", "bold"), " cancel"
                ),
                classes="dialog-keys",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
