"""The outcome: recommendations with their details, the flow's sections (e.g. prognosis), the
pitfalls and their acknowledgement, and a review list of every answer (Enter changes one).

Two tabs keep it readable at 80x24: the plan to read, and the answers to check.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from lm_tui.flow.engine import Session
from lm_tui.ui.display import answered_steps, context_panels, node_heading, sources_line
from lm_tui.ui.results import EditRequest
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.widgets.context_panel import TONE_STYLES
from lm_tui.ui.widgets.progress_line import ProgressLine
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
        session = self.session
        flow = session.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        yield ProgressLine(self.step_number(), self.trail(), id="progress")
        with TabbedContent(id="outcome-tabs", initial="plan"):
            with TabPane("Plan (p)", id="plan"), VerticalScroll(id="plan-scroll"):
                yield from self.compose_plan()
            with TabPane("Review answers (r)", id="review"):
                yield Static(
                    "Enter on an answer changes it. Answers after it that no longer "
                    "apply are dropped, and you are told which.",
                    id="review-hint",
                )
                yield ReviewList(*review_options(session), id="review-list")
        yield Footer()

    def compose_plan(self) -> ComposeResult:
        session = self.session
        flow = session.flow
        yield Static(Content(node_heading(flow, self.node_id)), id="node-title")
        if self.node.prompt:
            yield Static(Content(self.node.prompt), id="prompt")
        pending = session.unacknowledged_critical()
        if pending:
            yield Static(
                Content.assemble(
                    ("‼ ", "bold"),
                    (f"{len(pending)} critical pitfall(s) NOT acknowledged. ", "bold"),
                    "Press ",
                    ("a", "bold"),
                    " to read and acknowledge each one.",
                ),
                id="pending-banner",
            )
        if self.notice:
            yield Static(Content(self.notice), id="notice")
        yield Static(summary_content(session), id="outcome-summary")
        raised = session.raised_pitfalls()
        if raised:
            yield Static("Pitfalls", classes="section-title")
            for pitfall_id in raised:
                yield Static(pitfall_block(session, pitfall_id), classes="pitfall")
        yield Static("Recommendations", classes="section-title")
        recommendations = session.evaluator.recommendations()
        if not recommendations:
            yield Static("None for these answers.", classes="muted")
        for number, rec_id in enumerate(recommendations, 1):
            rec = flow.recommendations[rec_id]
            yield Static(
                Content.assemble(
                    (f"{number}. {rec.title}\n", "bold"),
                    session.evaluator.fill(rec.text),
                    "\n",
                    (sources_line(flow, rec.sources, rec.grade), "$text-muted"),
                ),
                classes="recommendation",
            )
        for title, text, sources in session.evaluator.sections(self.node_id):
            yield Static(title, classes="section-title")
            source_text = sources_line(flow, sources, None)
            yield Static(
                Content.assemble(text, "\n" if sources else "", (source_text, "$text-muted")),
                classes="outcome-section",
            )
        yield Static(Content(flow.file.flow.disclaimer), id="closing-disclaimer")

    def fill(self) -> None:
        # The outcome is built fresh each time (its content depends on every answer).
        self.query_one(TitleBar).save_state = self.app_save_state()
        self.query_one("#plan-scroll").focus()

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


def summary_content(session: Session) -> Content:
    """The flow's panels, one line each: `Title: label value · label value`."""
    lines = []
    for panel in context_panels(session):
        if not panel.rows:
            continue
        parts: list[str | tuple[str, str]] = [(panel.title + ": ", "bold")]
        for index, row in enumerate(panel.rows):
            style = f"bold {TONE_STYLES[row.tone]}".strip()
            parts += [" · " if index else "", f"{row.label}: ", (row.text, style)]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def pitfall_block(session: Session, pitfall_id: str) -> Content:
    flow = session.flow
    pitfall = flow.pitfalls[pitfall_id]
    if pitfall.severity == "critical":
        acknowledged_at = session.acknowledged.get(pitfall_id)
        if acknowledged_at is None:
            head = ("‼ CRITICAL, NOT acknowledged: ", "bold $error")
        else:
            head = (
                f"‼ CRITICAL, acknowledged {acknowledged_at:%Y-%m-%d %H:%M} UTC: ",
                "bold $warning",
            )
    else:
        head = ("! Warning: ", "bold $warning")
    return Content.assemble(
        head,
        (pitfall.title + "\n", "bold"),
        pitfall.text,
        "\n",
        (sources_line(flow, pitfall.sources, pitfall.grade), "$text-muted"),
    )
