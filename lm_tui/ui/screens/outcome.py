"""The outcome: recommendations with their details, the flow's sections (e.g. prognosis), the
pitfalls and their acknowledgement, and a review list of every answer (Enter changes one).

Two tabs keep it readable at 80x24: the plan to read, and the answers to check.
"""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from lm_tui.session.engine import Session
from lm_tui.ui.display import answered_steps
from lm_tui.ui.results import EditRequest
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.screens.plan_slots import PlanSlots
from lm_tui.ui.widgets.key_footer import KeyFooter
from lm_tui.ui.widgets.progress_line import ProgressLine
from lm_tui.ui.widgets.scroll_mark import MarkedScroll
from lm_tui.ui.widgets.title_bar import TitleBar


class ReviewList(OptionList):
    """Every answer on the path; Enter (or a click) opens it to be changed.

    The highlighted row carries a `›` pointer: the highlight's colour is gone under NO_COLOR.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Change answer", tooltip="Change this answer")
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, str, str]] = []
        """(node id, label, answer) of each row, to rebuild a prompt when the pointer moves."""
        self.pointer_at: int | None = None

    def show_rows(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.pointer_at = 0 if rows else None
        self.set_options(
            [
                Option(row_prompt(label, text, i == 0), id=node)
                for i, (node, label, text) in enumerate(rows)
            ]
        )
        self.highlighted = self.pointer_at

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        old, new = self.pointer_at, self.highlighted
        for index in {old, new}:
            if index is not None and index < len(self.rows):
                _node, label, text = self.rows[index]
                self.replace_option_prompt_at_index(index, row_prompt(label, text, index == new))
        self.pointer_at = new


def row_prompt(label: str, text: str, pointer: bool) -> Content:
    """`› Label: answer`; the pointer column is kept blank on the other rows."""
    return Content.assemble(("› " if pointer else "  ", "bold"), (f"{label}: ", "bold"), text)


class OutcomeScreen(NodeScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "show_tab('plan')", "Plan", show=False),
        Binding("r", "show_tab('review')", "Review answers", show=False),
        Binding(
            "a",
            "app.acknowledge_pending",
            "Acknowledge",
            tooltip="Acknowledge a critical pitfall that is not acknowledged yet",
        ),
    ]

    def compose(self) -> ComposeResult:
        flow = self.session.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        yield ProgressLine(self.step_number(), self.trail(), id="progress")
        with TabbedContent(id="outcome-tabs", initial="plan"):
            with TabPane("Plan (p)", id="plan"), MarkedScroll(id="plan-scroll"):
                yield from self.plan.compose()
            with TabPane("Review answers (r)", id="review"):
                yield Static(
                    "Enter on an answer changes it. Later answers that still apply are "
                    "kept; you are told which left the path.",
                    id="review-hint",
                )
                yield ReviewList(id="review-list")
        yield KeyFooter()

    @cached_property
    def plan(self) -> PlanSlots:
        return PlanSlots(self.session.flow)

    def fill(self) -> None:
        # Built once and refilled, like the question screens: the plan's widgets exist for the
        # most the flow can show (see PlanSlots); what this outcome does not use is hidden.
        self.query_one(TitleBar).save_state = self.app_save_state()
        plan_scroll = self.query_one("#plan-scroll")
        plan_scroll.focus()  # before it is shown: a focus change restyles the whole plan
        if self.session.current != self.node_id:
            return  # built ahead, before the outcome is reached: filled when it is shown
        progress = self.query_one(ProgressLine)
        progress.step, progress.trail = self.step_number(), self.trail()
        progress.refresh()
        self.plan.fill(self.session, self.node_id, self.notice)
        self.query_one(ReviewList).show_rows(review_rows(self.session))
        self.query_one(TabbedContent).active = "plan"
        plan_scroll.scroll_home(animate=False)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        target = "#review-list" if tab == "review" else "#plan-scroll"
        self.query_one(target).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.hand_back(EditRequest(event.option.id))


def review_rows(session: Session) -> list[tuple[str, str, str]]:
    """(node id, label, answer) for every answer on the path, in path order."""
    return [(node_id, label, text) for node_id, _variable, label, text in answered_steps(session)]
