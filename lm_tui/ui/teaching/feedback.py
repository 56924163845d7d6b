"""Immediate feedback: right after a scored decision, whether it matched, why, and the sources."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from lm_tui.flow.definition import Flow
from lm_tui.teaching.attempt import DecisionMark
from lm_tui.teaching.case_values import shown_value
from lm_tui.ui.display import citation
from lm_tui.ui.plain_text import plain


class DecisionFeedbackModal(ModalScreen[None]):
    """Enter or Escape goes on to the next question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue"),
        Binding("escape", "close", "Continue", show=False),
    ]

    def __init__(self, flow: Flow, mark: DecisionMark) -> None:
        super().__init__(classes="dialog-screen")
        self.flow = flow
        self.mark = mark

    def compose(self) -> ComposeResult:
        mark = self.mark
        flow = self.flow
        verdict = "✓ As expected" if mark.correct else "✗ Not the expected answer"
        classes = "dialog feedback-correct" if mark.correct else "dialog feedback-wrong"
        with Vertical(classes=classes, id="feedback-dialog") as dialog:
            dialog.border_title = plain(f"Your decision: {mark.label}")
            yield Static(Content.assemble((verdict, "bold")), id="feedback-verdict")
            answered = (
                shown_value(flow, mark.variable, mark.answered)
                if mark.answered is not None
                else "—"
            )
            yield Static(
                Content.assemble(
                    ("You: ", "bold"),
                    answered,
                    "\n",
                    ("Expected: ", "bold"),
                    shown_value(flow, mark.variable, mark.expected),
                ),
                id="feedback-answers",
            )
            with VerticalScroll(id="feedback-scroll"):
                yield Static(plain(mark.explanation.why.strip()), classes="dialog-text")
                yield Static("Sources", classes="section-title")
                yield Static(
                    Content("\n").join(
                        Content.assemble((source, "bold"), "  ", citation(flow, source))
                        for source in mark.explanation.sources
                    ),
                    id="feedback-sources",
                )
            yield Static(Content.assemble(("Enter", "bold"), " continue"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
