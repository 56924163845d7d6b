"""The first screen of a case: the patient's story, what to learn, the facts that are locked.

It takes the place of the clinical welcome screen (a subclass, so starting works as it does
there), and carries the flow's disclaimer too. The facts are listed here because the flow will
never ask them: the trainee reads them once, then decides.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.case_values import shown_value
from lm_tui.ui.plain_text import plain
from lm_tui.ui.screens.welcome import WelcomeScreen
from lm_tui.ui.widgets.title_bar import TitleBar

FEEDBACK_WORDS = {
    "immediate": "after each decision you see whether it matched the expected one, and why",
    "end": "your score and the reasons come in the debrief at the end",
}


class CaseBriefScreen(WelcomeScreen):
    """Enter starts (the welcome screen's binding and action); arrows scroll the story, which
    gets the focus first (Textual's auto-focus) because the facts sit below the fold at 80x24."""

    def __init__(self, attempt: CaseAttempt) -> None:
        super().__init__(attempt.flow)
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        case = attempt.case
        flow = attempt.flow
        yield TitleBar(case.title, flow.version, id="title-bar")
        with VerticalScroll(id="case-brief"):
            yield Static(plain(case.title), id="case-title")
            yield Static(
                plain(f"Case {case.id} · feedback: {FEEDBACK_WORDS[attempt.feedback]}."),
                id="case-mode",
            )
            yield Static(plain(case.vignette.strip()), id="case-vignette")
            yield Static("You will learn to", classes="section-title")
            yield Static(
                Content("\n").join(plain(f"• {objective}") for objective in case.objectives),
                id="case-objectives",
            )
            yield Static("Facts of the case (filled in for you, locked)", classes="section-title")
            yield Static(facts_content(attempt), id="case-facts")
            yield Static("Your decisions (scored)", classes="section-title")
            yield Static(
                plain("; ".join(flow.variables[v].label for v in case.expected)),
                id="case-decisions",
            )
            yield Static(plain(flow.file.flow.disclaimer), id="case-disclaimer")
        yield Static(
            Content.assemble(
                ("Enter", "bold"),
                " start · ",
                ("F1", "bold"),
                " help · ",
                ("Ctrl+Q", "bold"),
                " quit",
            ),
            id="start-hint",
        )
        yield Footer()


def facts_content(attempt: CaseAttempt) -> Content:
    flow = attempt.flow
    lines = [
        Content.assemble(
            (flow.variables[variable].label, "bold"), ": ", shown_value(flow, variable, value)
        )
        for variable, value in attempt.values.given.items()
    ]
    return Content("\n").join(lines) if lines else plain("None: every answer is yours.")
