"""The clinical app with a case attached: the brief first, locked facts, feedback, the debrief.

Everything else (one screen per node, the context panel, pitfall acknowledgement, export, quit)
is the clinical app's, so a trainee learns the tool they will use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.debrief import build_debrief, item_lines
from lm_tui.ui.app import LmTuiApp
from lm_tui.ui.display import node_heading
from lm_tui.ui.results import Answer
from lm_tui.ui.teaching.brief import CaseBriefScreen
from lm_tui.ui.teaching.debrief import DebriefScreen
from lm_tui.ui.teaching.feedback import DecisionFeedbackModal

if TYPE_CHECKING:
    from lm_tui.session.autosave import Autosaver, PendingSession


class TeachingApp(LmTuiApp):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2",
            "debrief",
            "Debrief",
            id="debrief",
            tooltip="Your score and the expected decisions with reasons (at the outcome)",
        ),
    ]

    def __init__(
        self,
        attempt: CaseAttempt,
        export_dir: Path,
        *,
        blink: bool = True,
        clock: Callable[[], datetime] | None = None,
        autosaver: Autosaver | None = None,
        unfinished: list[PendingSession] | None = None,
    ) -> None:
        super().__init__(attempt.session, export_dir, blink=blink, clock=clock, autosaver=autosaver)
        self.attempt = attempt
        self.title = attempt.case.title
        self.unfinished = list(unfinished or [])
        """Unfinished attempts autosaved by earlier runs: named on the brief, with the command
        that resumes each (the case brief stays the first screen)."""

    def on_mount(self) -> None:
        # (Textual runs LmTuiApp.on_mount first by itself: handlers are called along the MRO.)
        for found in self.unfinished[:3]:
            self.notify(
                f"{found.describe(self.session.flow)}. "
                f"Resume it with: lm-tui teach --resume {found.path}",
                title=f"Unfinished attempt at case {found.teaching_case}",
                timeout=12,
            )

    # --- the case brief replaces the welcome screen ---------------------------------------------

    def needs_welcome(self) -> bool:
        return True  # the trainee reads the case before the first decision

    def welcome_screen(self) -> CaseBriefScreen:
        return CaseBriefScreen(self.attempt)

    def push_welcome(self) -> None:
        self.push_screen(self.welcome_screen(), lambda _: self.show_current())

    # --- answers: feedback after each decision (immediate mode) ---------------------------------

    def apply_answer(self, answer: Answer) -> None:
        before = len(self.session.events)
        super().apply_answer(answer)
        if len(self.session.events) == before:
            return  # not accepted: the question is shown again with the reason
        mark = self.attempt.feedback_after(answer.node)
        if mark is not None:
            # On top of the next question (and of any pitfall to acknowledge): read first.
            items = item_lines(self.attempt.flow, mark, self.session)
            self.push_screen(DecisionFeedbackModal(self.attempt.flow, mark, items))

    def show_current(self, notice: str = "", *, after_answer: bool = False) -> None:
        super().show_current(notice, after_answer=after_answer)
        if self.session.is_complete and not self.session.unacknowledged_critical():
            self.push_debrief()

    def edit_node(self, node_id: str) -> None:
        if self.session.is_locked(node_id):
            self.notify(
                f"“{node_heading(self.session.flow, node_id)}” is a fact of this case; "
                "it cannot be changed.",
                severity="warning",
            )
            return
        super().edit_node(node_id)

    # --- the debrief -----------------------------------------------------------------------------

    def push_debrief(self) -> None:
        if isinstance(self.screen, DebriefScreen):
            return
        self.push_screen(DebriefScreen(build_debrief(self.attempt), self.attempt.flow))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "debrief":
            return self.session.is_complete  # offered (and in the footer) only at the outcome
        return super().check_action(action, parameters)

    def action_debrief(self) -> None:
        if not self.session.is_complete:
            self.notify("The debrief opens when you reach the outcome.", timeout=4)
            return
        self.push_debrief()

    # --- help with the case's hint; export with the marks ----------------------------------------

    def action_help(self) -> None:
        from lm_tui.ui.modals.help import HelpModal

        screen = self.screen
        topic_of = getattr(screen, "help_topic", None)
        if not callable(topic_of):
            return
        topic = topic_of()
        node_id = getattr(screen, "node_id", None)
        hint = self.attempt.hint(node_id) if isinstance(node_id, str) else ""
        if hint and not self.session.is_complete:
            topic = replace(topic, text=f"{topic.text}\n\nHint for this case: {hint}")
        self.push_screen(HelpModal(topic))

    def action_export(self) -> None:
        from lm_tui.ui.modals.export import ExportDialog
        from lm_tui.ui.teaching.export import AttemptExportDialog

        if any(isinstance(screen, ExportDialog) for screen in self.screen_stack):
            return
        self.push_screen(AttemptExportDialog(self.attempt, self.export_dir), self.on_exported)
