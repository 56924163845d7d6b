"""A critical pitfall stops the session until it is acknowledged: a key, then a confirmation.

Two steps, because an acknowledgement is recorded with its time in the export and should be a
decision, not a reflex. The way out without acknowledging is to go back and change the answer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from lm_tui.flow.definition import Flow
from lm_tui.ui.display import sources_line
from lm_tui.ui.modals.dimmed import DimmedBackground
from lm_tui.ui.plain_text import plain
from lm_tui.ui.results import Acknowledgement
from lm_tui.ui.widgets.scroll_mark import MarkedScroll


class AcknowledgeModal(DimmedBackground, ModalScreen[Acknowledgement]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "acknowledge", "Acknowledge"),
        Binding("y", "confirm", "Yes, acknowledge", show=False),
        Binding("n", "cancel_confirm", "No", show=False),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(
        self,
        flow: Flow,
        pitfall_id: str,
        position: int,
        total: int,
        *,
        escape_goes_back: bool = True,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.flow = flow
        self.pitfall_id = pitfall_id
        self.position = position
        self.total = total
        self.escape_goes_back = escape_goes_back
        """From a question: Escape goes back to change the answer. From the outcome: it closes."""
        self.confirming = False

    def compose(self) -> ComposeResult:
        pitfall = self.flow.pitfalls[self.pitfall_id]
        count = f" ({self.position} of {self.total})" if self.total > 1 else ""
        with Vertical(classes="dialog", id="acknowledge-dialog") as dialog:
            dialog.border_title = plain(f"‼ Critical pitfall{count}")
            with MarkedScroll(id="pitfall-text", can_focus=False):
                yield Static(plain(pitfall.title), id="pitfall-title")
                yield Static(plain(pitfall.text), classes="dialog-text")
                yield Static(
                    sources_line(self.flow, pitfall.sources, pitfall.grade), classes="muted"
                )
            yield Static(self.keys_text(), id="acknowledge-keys", classes="dialog-keys")

    def keys_text(self) -> Content:
        if self.confirming:
            return Content.assemble(
                ("Confirm: ", "bold"),
                "you have read this and go on knowingly. It is recorded with the time.\n",
                ("y", "bold"),
                "  yes, acknowledge    ",
                ("n", "bold"),
                "  no",
            )
        leave = (
            "go back and change the answer" if self.escape_goes_back else "close (not acknowledged)"
        )
        return Content.assemble(
            ("a", "bold"), "    acknowledge (then confirm with y)\n", ("Esc", "bold"), f"  {leave}"
        )

    def _update_keys(self) -> None:
        self.query_one("#acknowledge-keys", Static).update(self.keys_text())

    def action_acknowledge(self) -> None:
        self.confirming = True
        self._update_keys()

    def action_cancel_confirm(self) -> None:
        self.confirming = False
        self._update_keys()

    def action_confirm(self) -> None:
        if self.confirming:
            self.dismiss(Acknowledgement(self.pitfall_id, acknowledged=True))

    def action_leave(self) -> None:
        if self.confirming:
            self.action_cancel_confirm()
            return
        self.dismiss(Acknowledgement(self.pitfall_id, acknowledged=False))
