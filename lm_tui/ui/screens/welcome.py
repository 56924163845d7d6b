"""The first screen: what the tool is and is not, which flow and version, and its sources.

It is the only screen every session passes through, so the disclaimer lives here, before the
first question, together with anything a resumed session needs the user to know first.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from lm_tui.flow.definition import Flow
from lm_tui.ui.help_topic import HelpTopic
from lm_tui.ui.plain_text import plain
from lm_tui.ui.widgets.title_bar import TitleBar


class WelcomeScreen(Screen[None]):
    """Enter posts `Started`; the app then shows the node the session is at."""

    class Started(Message):
        """The user is ready to begin (or to go on with a resumed session)."""

    class PendingChoice(Message):
        """Resume (True) or discard (False) the unfinished session on offer."""

        def __init__(self, resume: bool) -> None:
            super().__init__()
            self.resume = resume

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", tooltip="Go to the first question", id="start"),
        Binding("r", "pending(True)", "Resume unfinished", tooltip="Resume the unfinished session"),
        Binding(
            "d", "pending(False)", "Discard unfinished", tooltip="Delete the unfinished session"
        ),
    ]

    def __init__(
        self,
        flow: Flow,
        *,
        resume_lines: list[str] | None = None,
        resume_warnings: list[str] | None = None,
        start_label: str = "Start",
        pending: str = "",
    ) -> None:
        super().__init__()
        self.flow = flow
        self.resume_lines = resume_lines or []
        """Plain facts about a resumed session (file, where it stopped)."""
        self.resume_warnings = resume_warnings or []
        """What the user must know before going on (flow changed, answers not replayed)."""
        self.start_label = start_label
        self.pending = pending
        """One line about an unfinished autosaved session, offered for resuming; or empty."""

    def compose(self) -> ComposeResult:
        flow = self.flow
        yield TitleBar(flow.title, flow.version, id="title-bar")
        with VerticalScroll(id="welcome"):
            yield Static(plain(flow.title), id="welcome-title")
            yield Static(
                plain(f"Flow {flow.id} · version {flow.version} · SHA-256 {flow.sha256[:12]}…"),
                id="flow-version",
            )
            yield Static(plain(flow.file.flow.disclaimer), id="disclaimer")
            if self.resume_lines or self.resume_warnings:
                lines = [plain(line) for line in self.resume_lines]
                lines += [
                    Content.assemble(("⚠ ", "bold"), (w, "bold")) for w in self.resume_warnings
                ]
                yield Static(Content("\n").join(lines), id="resume-box")
            if self.pending:
                yield Static(
                    Content.assemble(
                        ("An unfinished session was found", "bold"),
                        f" ({self.pending}).\n",
                        ("r", "bold"),
                        " resume it · ",
                        ("d", "bold"),
                        " discard it · ",
                        ("Enter", "bold"),
                        " start a new session (it stays on offer)",
                    ),
                    id="pending-box",
                )
            if flow.file.flow.summary:
                yield Static(plain(flow.file.flow.summary), id="summary")
            yield Static("Sources", classes="section-title")
            yield Static(sources_content(flow), id="sources")
        yield Static(
            Content.assemble("Press ", ("Enter", "bold"), f" to {self.start_label.lower()}."),
            id="start-hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        state = getattr(self.app, "save_state", "")
        self.query_one(TitleBar).save_state = state if isinstance(state, str) else ""

    def help_topic(self) -> HelpTopic:
        return HelpTopic.for_flow(self.flow)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pending":
            return bool(self.pending)
        return True

    def action_pending(self, resume: bool) -> None:
        self.post_message(self.PendingChoice(resume))

    def action_start(self) -> None:
        self.post_message(self.Started())


def sources_content(flow: Flow) -> Content:
    lines = [
        Content.assemble((source_id, "bold"), "  ", source.citation)
        for source_id, source in flow.file.sources.items()
    ]
    return Content("\n").join(lines) if lines else plain("No sources declared.")
