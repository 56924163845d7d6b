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

from lm_tui.flow.engine import Session
from lm_tui.ui.display import answered_steps
from lm_tui.ui.results import EditRequest
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.screens.plan_slots import PlanSlots
from lm_tui.ui.widgets.key_footer import KeyFooter
from lm_tui.ui.widgets.progress_line import ProgressLine
from lm_tui.ui.widgets.scroll_mark import MarkedScroll
from lm_tui.ui.widgets.title_bar import TitleBar


class ReviewList(OptionList):
    """Every answer on the path; Enter (or a click) opens it to be changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Change answer", tooltip="Change this answer")
    ]


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
        review = self.query_one(ReviewList).set_options(review_options(self.session))
        review.highlighted = 0 if review.option_count else None  # as a new list starts
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


def review_options(session: Session) -> list[Option]:
    options = []
    for node_id, _variable, label, text in answered_steps(session):
        options.append(Option(Content.assemble((f"{label}: ", "bold"), text), id=node_id))
    return options
