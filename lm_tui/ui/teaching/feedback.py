"""Immediate feedback: right after a scored decision, whether it matched, why, and the sources.

At 80x24 the box keeps its verdict, the source ids and its keys on screen: only the middle (the
answers, a plan's items with their reasons, the explanation, the full citations) scrolls.
"""

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
from lm_tui.teaching.debrief import ItemLine, shown_points
from lm_tui.ui.display import citation
from lm_tui.ui.plain_text import plain
from lm_tui.ui.teaching.debrief import PlanItems


class DecisionFeedbackModal(ModalScreen[None]):
    """Enter or Escape goes on to the next question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue"),
        Binding("escape", "close", "Continue", show=False),
    ]

    def __init__(self, flow: Flow, mark: DecisionMark, items: tuple[ItemLine, ...] = ()) -> None:
        super().__init__(classes="dialog-screen")
        self.flow = flow
        self.mark = mark
        self.items = items

    def compose(self) -> ComposeResult:
        mark = self.mark
        flow = self.flow
        verdict = "✓ As expected" if mark.correct else "✗ Not the expected answer"
        classes = "dialog feedback-correct" if mark.correct else "dialog feedback-wrong"
        with Vertical(classes=classes, id="feedback-dialog") as dialog:
            dialog.border_title = plain(f"Your decision: {mark.label}")
            points = shown_points(mark.points)
            yield Static(
                Content.assemble((verdict, "bold"), f" · {points} of 1 point"),
                id="feedback-verdict",
            )
            answered = (
                shown_value(flow, mark.variable, mark.answered)
                if mark.answered is not None
                else "—"
            )
            cited = list(
                dict.fromkeys(
                    [*mark.explanation.sources, *(s for item in self.items for s in item.sources)]
                )
            )
            with VerticalScroll(id="feedback-scroll"):
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
                if self.items:
                    yield PlanItems(self.items, id="feedback-items")
                yield Static(plain(mark.explanation.why.strip()), classes="dialog-text")
                yield Static(
                    Content("\n").join(
                        Content.assemble((source, "bold"), "  ", citation(flow, source))
                        for source in cited
                    ),
                    id="feedback-citations",
                )
            yield Static(
                Content.assemble(("Sources: ", "bold"), ", ".join(cited)), id="feedback-sources"
            )
            yield Static(keys_content(more_below=False), id="feedback-keys", classes="dialog-keys")

    def on_mount(self) -> None:
        scroll = self.query_one("#feedback-scroll", VerticalScroll)
        scroll.focus()
        self.watch(scroll, "scroll_y", self.show_scroll_mark, init=False)
        self.call_after_refresh(self.show_scroll_mark)

    def show_scroll_mark(self) -> None:
        """`more ↓` in the keys line while text lies below the fold: a scroll bar alone is only
        a colour without NO_COLOR's help, so the mark is in words."""
        scroll = self.query_one("#feedback-scroll", VerticalScroll)
        more = scroll.scroll_y < scroll.max_scroll_y
        self.query_one("#feedback-keys", Static).update(keys_content(more_below=more))

    def action_close(self) -> None:
        self.dismiss(None)


def keys_content(*, more_below: bool) -> Content:
    more: list[str | tuple[str, str]] = [("more ↓", "bold"), " · "] if more_below else []
    return Content.assemble(
        *more,
        ("↑ ↓", "bold"),
        " scroll · ",
        ("Enter", "bold"),
        " continue",
    )
